"""Signed links in emails: "rate this request" in one click, for its requester only."""

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

from app.models import ServiceRequest

RATING_LINK_DAYS = 30


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="staffroom-rating-link")


def rating_token(service_request: ServiceRequest) -> str:
    return _serializer().dumps({"request": service_request.id, "person": service_request.requester_id})


def rating_token_valid(token: str, service_request: ServiceRequest, user: object) -> bool:
    """The link was made for this request and is used by the person it was sent to."""
    try:
        data = _serializer().loads(token or "", max_age=RATING_LINK_DAYS * 24 * 3600)
    except BadSignature:
        return False
    return (
        isinstance(data, dict)
        and data.get("request") == service_request.id
        and data.get("person") == service_request.requester_id == getattr(user, "id", None)
    )
