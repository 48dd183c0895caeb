"""Administration: people, their roles and teams."""

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")
