"""Service requests: raising one (its form, drafts and sending; the pages are the catalogue's), the
requester's own requests, the teams' queues and the workflow."""

from flask import Blueprint

bp = Blueprint("service_requests", __name__, url_prefix="/requests")
