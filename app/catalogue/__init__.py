"""Service catalogue: Business Support's services, each with its own request form."""

from flask import Blueprint

bp = Blueprint("catalogue", __name__, url_prefix="/services")
