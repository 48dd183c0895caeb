"""The open performance dashboard, published to all staff."""

from flask import Blueprint

bp = Blueprint("dashboard", __name__, url_prefix="/dashboard")
