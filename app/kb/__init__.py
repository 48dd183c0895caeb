"""Knowledge base for the EA/PA community of practice."""

from flask import Blueprint

bp = Blueprint("kb", __name__, url_prefix="/kb")
