"""Full-text search across knowledge, ideas and services (Whoosh, in app/search/index.py)."""
from flask import Blueprint

bp = Blueprint("search", __name__, url_prefix="/search")
