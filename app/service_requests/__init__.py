"""Service requests: raising one from a service (its form, drafts, check answers and sending; the
pages stay under the service's /services/<slug>/ URLs, on their own blueprint), the requester's
own requests, the teams' queues and the workflow."""

from flask import Blueprint

bp = Blueprint("service_requests", __name__, url_prefix="/requests")
raising_bp = Blueprint("raising", __name__, url_prefix="/services")
contacts_bp = Blueprint("contacts", __name__, url_prefix="/requests")
