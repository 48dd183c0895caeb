"""Ideas board for continuous improvement, with the benefits register."""

from flask import Blueprint

bp = Blueprint("ideas", __name__, url_prefix="/ideas")
