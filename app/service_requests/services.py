"""Reading one's own requests: my requests, a request by its reference, its public events and
its attachments. (Raising one is in raising.py; working it is in workflow.py.)"""

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import RequestAttachment, RequestEvent, ServiceRequest, User
from app.models.service_request import parse_reference

PAGE_SIZE = 25


def mine(user: User, page: int = 1) -> Pagination:
    """Requests for this person, and those they keyed for others, newest first."""
    statement = (
        select(ServiceRequest)
        .options(joinedload(ServiceRequest.submitted_by))  # "Keyed for you by"
        .where(or_(ServiceRequest.requester_id == user.id, ServiceRequest.submitted_by_id == user.id))
        .order_by(ServiceRequest.submitted_at.desc(), ServiceRequest.id.desc())
    )
    return db.paginate(statement, page=max(page, 1), per_page=PAGE_SIZE, error_out=False, count=True)


def get_request(reference: str) -> ServiceRequest | None:
    request_id = parse_reference(reference)
    return db.session.get(ServiceRequest, request_id) if request_id else None


def event_is_public(event_id: int) -> bool:
    return bool(db.session.scalar(select(RequestEvent.public).where(RequestEvent.id == event_id)))


def get_attachment(service_request: ServiceRequest, attachment_id: int) -> RequestAttachment | None:
    attachment = db.session.get(RequestAttachment, attachment_id)
    return attachment if attachment is not None and attachment.request_id == service_request.id else None
