"""Service requests: the requester's own requests (and, later, the teams' queues)."""
from flask import Blueprint

bp = Blueprint("service_requests", __name__, url_prefix="/requests")
