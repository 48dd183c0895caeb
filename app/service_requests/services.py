"""Reading one's own requests: my requests, a request by its reference, its public events and
its attachments. (Raising one is in raising.py; working it is in workflow.py.)"""

from typing import Any

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import RequestAttachment, RequestEvent, RequestParticipant, ServiceRequest, User
from app.models.service_request import OPEN_STATUSES, RequestStatus, parse_reference

PAGE_SIZE = 25
MAX_WORDS = 8  # of a search of one's requests
# My requests' filters: what needs me (a reply the team waits for, or a rating), open, closed, all.
MINE_FILTERS: dict[str, str] = {"": "All", "needs-me": "Needs you", "open": "Open", "closed": "Closed"}


def _needs_me() -> ColumnElement[bool]:
    """Waiting for the requester's reply, or resolved and not rated yet (rating closes with the
    reopening window, so a closed request no longer asks for one)."""
    return or_(
        ServiceRequest.status == RequestStatus.WAITING,
        and_(ServiceRequest.status == RequestStatus.RESOLVED, ServiceRequest.rating.is_(None)),
    )


def _matching(text: str) -> ColumnElement[bool]:
    """A reference ("BS-000123", any case) finds that request; other words each appear in the
    subject or description."""
    request_id = parse_reference(text)
    if request_id is not None:
        return ServiceRequest.id == request_id
    words = [word for word in text.split() if word][:MAX_WORDS]
    return and_(
        *(
            or_(
                ServiceRequest.subject.icontains(word, autoescape=True),
                ServiceRequest.description.icontains(word, autoescape=True),
            )
            for word in words
        )
    )


# Open as the requester sees it: awaiting approval too (not yet the team's work, still theirs).
MINE_OPEN = (*OPEN_STATUSES, RequestStatus.AWAITING_APPROVAL)


def _mine_conditions(user: User, show: str, text: str = "") -> list[ColumnElement[Any]]:
    conditions: list[ColumnElement[Any]] = [
        or_(ServiceRequest.requester_id == user.id, ServiceRequest.submitted_by_id == user.id)
    ]
    if text.strip():
        conditions.append(_matching(text.strip()))
    if show == "needs-me":
        conditions.append(_needs_me())
    elif show == "open":
        conditions.append(ServiceRequest.status.in_(MINE_OPEN))
    elif show == "closed":
        conditions.append(ServiceRequest.status.not_in(MINE_OPEN))
    return conditions


def mine(user: User, page: int = 1, show: str = "", text: str = "") -> Pagination:
    """Requests for this person, and those they keyed for others, newest first; `show` one of
    MINE_FILTERS (what needs them, open, closed; "" for all), `text` a reference or words."""
    statement = (
        select(ServiceRequest)
        .options(joinedload(ServiceRequest.submitted_by))  # "Keyed for you by"
        .where(*_mine_conditions(user, show, text))
        .order_by(ServiceRequest.submitted_at.desc(), ServiceRequest.id.desc())
    )
    return db.paginate(statement, page=max(page, 1), per_page=PAGE_SIZE, error_out=False, count=True)


def mine_counts(user: User, text: str = "") -> dict[str, int]:
    """How many requests each of My requests' filters shows (with the same search), in one query."""
    base = _mine_conditions(user, "", text)
    needs_me, open_count, total = db.session.execute(
        select(
            func.count().filter(_needs_me()),
            func.count().filter(ServiceRequest.status.in_(MINE_OPEN)),
            func.count(),
        ).where(*base)
    ).one()
    return {"": total, "needs-me": needs_me, "open": open_count, "closed": total - open_count}


COPIED_INTO_LIMIT = 25


def copied_into(user: User) -> list[ServiceRequest]:
    """Requests colleagues copied this person into, open ones first, then the newest."""
    statement = (
        select(ServiceRequest)
        .join(RequestParticipant, RequestParticipant.request_id == ServiceRequest.id)
        .where(RequestParticipant.user_id == user.id)
        .order_by(ServiceRequest.status.in_(OPEN_STATUSES).desc(), ServiceRequest.submitted_at.desc())
        .limit(COPIED_INTO_LIMIT)
    )
    return list(db.session.scalars(statement))


def get_request(reference: str) -> ServiceRequest | None:
    request_id = parse_reference(reference)
    return db.session.get(ServiceRequest, request_id) if request_id else None


def event_is_public(event_id: int) -> bool:
    return bool(db.session.scalar(select(RequestEvent.public).where(RequestEvent.id == event_id)))


def get_attachment(service_request: ServiceRequest, attachment_id: int) -> RequestAttachment | None:
    attachment = db.session.get(RequestAttachment, attachment_id)
    return attachment if attachment is not None and attachment.request_id == service_request.id else None
