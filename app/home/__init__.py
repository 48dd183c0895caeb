"""The home page ("the staffroom"), site-wide pages, and sections not built yet."""

from flask import Blueprint

bp = Blueprint("home", __name__)
