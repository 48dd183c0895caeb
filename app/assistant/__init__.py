"""Ask Staffroom: plain-English questions answered from the knowledge base and the catalogue."""

from flask import Blueprint

bp = Blueprint("assistant", __name__, url_prefix="/ask")
