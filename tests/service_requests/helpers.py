"""Shared set-up for the request-handling tests: a Business Support team with a manager and two
agents, a requester from another department, and requests raised through the service functions."""

from dataclasses import dataclass
from datetime import UTC, datetime

from flask import current_app
from sqlalchemy import select

from app.clock import UK
from app.extensions import db
from app.models import OutgoingEmail, ServiceRequest, User
from app.service_requests import raising, workflow
from tests.factories import make_service, make_team, make_user


def london(year, month, day, hour=10, minute=0) -> datetime:
    """A UK wall-clock time (BST or GMT as it falls), in UTC like clock.now()."""
    return datetime(year, month, day, hour, minute, tzinfo=UK).astimezone(UTC)


@dataclass
class Cast:
    team: object
    manager: User
    agent: User
    other_agent: User
    requester: User
    service: object


def make_cast(*, mailbox: str = "", resolution_days: int = 3, first_response_hours=None) -> Cast:
    team = make_team("Democratic Services", email=mailbox)
    department = make_team("Planning", business_support=False)
    manager = make_user(roles=["manager"], name="Mo Manager", team=team)
    agent = make_user(roles=["agent"], name="Alex Agent", team=team)
    other_agent = make_user(roles=["agent"], name="Bo Agent", team=team)
    requester = make_user(name="Rita Requester", team=department)
    service = make_service(
        name="Minute taking", team=team, resolution_days=resolution_days, first_response_hours=first_response_hours
    )
    return Cast(team, manager, agent, other_agent, requester, service)


def raise_request(
    service,
    requester,
    *,
    subject="Minutes for the Planning Committee",
    description="Two hours, Committee Room 2",
    keyed_by=None,
) -> ServiceRequest:
    """A request sent through the same functions as the check-answers page, committed."""
    by = keyed_by or requester
    with current_app.test_request_context():
        draft = raising.save_draft(
            service,
            by,
            token=None,
            subject=subject,
            description=description,
            answers={},
            new_files={},
            shown_file_ids=set(),
            requester_id=requester.id if keyed_by else None,
        )
        service_request = raising.submit_draft(draft, by)  # AlreadySent if it were not a new request
        db.session.commit()
    return service_request


def act(function, *args, **kwargs):
    """Run a workflow function as a request would (links need a request context) and commit."""
    with current_app.test_request_context():
        result = function(*args, **kwargs)
        db.session.commit()
    return result


def change_status(service_request, actor, to_status, **kwargs):
    return act(workflow.change_status, service_request, actor, to_status, **kwargs)


ACKNOWLEDGEMENT = "We have your request"


def emails(*, acknowledgements: bool = False, **where) -> list[OutgoingEmail]:
    """Emails queued, oldest first, matching `where`; the acknowledgement every new request sends
    its requester is left out unless asked for (tests/service_requests/test_acknowledgement.py)."""
    statement = select(OutgoingEmail).order_by(OutgoingEmail.id)
    if not acknowledgements:
        statement = statement.where(OutgoingEmail.subject.not_like(f"{ACKNOWLEDGEMENT}%"))
    for name, value in where.items():
        statement = statement.where(getattr(OutgoingEmail, name) == value)
    return list(db.session.scalars(statement))


def fresh(service_request) -> ServiceRequest:
    db.session.expire_all()
    return db.session.get(ServiceRequest, service_request.id)
