"""Colleagues copied into a request: finding one (a short search, no JavaScript needed), adding
and removing them, leaving; and the requester's details and other requests the team sees."""

from sqlalchemy import or_, select

from app import audit, policy
from app.extensions import db
from app.models import RequestParticipant, ServiceRequest, User
from app.notify import MY_REQUESTS, Email, notify
from app.service_requests.notifications import request_link
from app.validation import FieldError, as_id, saving

FIND_LIMIT = 8
MIN_SEARCH = 2
OTHER_REQUESTS = 5


def find_colleagues(service_request: ServiceRequest, text: str) -> list[User]:
    """Active people whose name or email contains `text` (2 characters at least), not already on
    the request: a short list to choose from."""
    text = " ".join((text or "").split())[:100]
    if len(text) < MIN_SEARCH:
        return []
    taken = {service_request.requester_id, service_request.submitted_by_id}
    taken |= {person.user_id for person in service_request.participants}
    statement = (
        select(User)
        .where(
            User.active.is_(True),
            User.id.not_in(taken),
            or_(User.name.icontains(text, autoescape=True), User.email.icontains(text, autoescape=True)),
        )
        .order_by(User.name)
        .limit(FIND_LIMIT)
    )
    return list(db.session.scalars(statement))


def add(service_request: ServiceRequest, actor: User, person_id: object) -> RequestParticipant:
    """Copy a colleague in: they are told (in-app, and by email as they chose for their requests)."""
    person_id = as_id(str(person_id or ""))
    person = db.session.get(User, person_id) if person_id else None
    if person is None or not person.active:
        raise FieldError("person", "Choose a colleague from the list")
    if person.id in (service_request.requester_id, service_request.submitted_by_id):
        raise FieldError("person", f"{person.name} made this request, so they see it already")
    if any(participant.user_id == person.id for participant in service_request.participants):
        raise FieldError("person", f"{person.name} is copied in already")
    if service_request.contact is not None and not policy.can_see_contact(person, service_request.contact):
        # The request is about a resident: only those who may see their details are copied in.
        raise FieldError(
            "person",
            f"{person.name} cannot be copied in: this request is for someone without an account, "
            "and only their team's agents and managers may see it",
        )
    participant = RequestParticipant(user_id=person.id, added_by_id=actor.id)
    # Two people adding the same colleague at once: the unique constraint keeps one.
    with saving("person", f"{person.name} is copied in already"):
        service_request.participants.append(participant)
        db.session.flush()
    audit.record(
        actor, "request_participant_added", service_request, reference=service_request.reference, person=person.email
    )
    notify(
        [person.id],
        f"{service_request.reference}: {actor.name} copied you in: {service_request.subject}",
        request_link(service_request),
        except_id=actor.id,
        email=Email(
            subject=f"{service_request.reference}: you are copied in",
            body=(
                f"{actor.name} copied you into {service_request.reference}: {service_request.subject} "
                f"({service_request.service.name}).\n\nYou will hear when it changes, and you can reply "
                "in Staffroom. You can leave it there at any time."
            ),
        ),
        kind=MY_REQUESTS,
    )
    return participant


def remove(service_request: ServiceRequest, actor: User, person_id: int) -> User | None:
    """Take a colleague out (the requester or the team), or leave (the colleague themselves).
    Someone no longer copied in is nothing to do: None."""
    participant = next((each for each in service_request.participants if each.user_id == person_id), None)
    if participant is None:
        return None
    if actor.id != person_id and not policy.can_manage_participants(actor, service_request):
        raise FieldError(None, "Only the requester or the team can take someone out of a request")
    person = participant.user
    service_request.participants.remove(participant)
    db.session.flush()
    audit.record(
        actor,
        "request_participant_left" if actor.id == person_id else "request_participant_removed",
        service_request,
        reference=service_request.reference,
        person=person.email,
    )
    return person


def other_requests(service_request: ServiceRequest) -> list[ServiceRequest]:
    """The requester's latest other requests to the same team (those its workers may see)."""
    statement = (
        select(ServiceRequest)
        .where(
            ServiceRequest.requester_id == service_request.requester_id,
            ServiceRequest.team_id == service_request.team_id,
            ServiceRequest.id != service_request.id,
        )
        .order_by(ServiceRequest.submitted_at.desc(), ServiceRequest.id.desc())
        .limit(OTHER_REQUESTS)
    )
    return list(db.session.scalars(statement))
