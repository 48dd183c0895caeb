"""Who hears of a change to a request: the requester, the assignee or the team, in-app and by
email, with a link to the request (also from the CLI, outside a request)."""

from typing import Any

from app.formatting import answer_display, due_by
from app.models import FieldKind, RequestStatus, ServiceRequest, User
from app.notify import MY_REQUESTS, TEAM_REQUESTS, Email, notify, notify_team
from app.notify import link_to as notify_link
from app.service_requests import contacts, sla


def link_to(endpoint: str, **values: Any) -> str:
    """A link to put in a notification, also when the change is made outside a request (the CLI)."""
    return notify_link(endpoint, **values)


def request_link(service_request: ServiceRequest) -> str:
    return link_to("service_requests.show", reference=service_request.reference)


def tell_requester(
    service_request: ServiceRequest, actor: User, message: str, email_body: str, *, news: str | None = None
) -> None:
    """The requester (and whoever keyed it for them) hear about public changes, in-app and by email;
    a contact without an account it is for hears `news` (the words without Staffroom's links: a
    reply, the resolution), if any, their way."""
    if service_request.contact_id is not None and news:
        contacts.tell(service_request, message, news)
    notify(
        [service_request.requester_id, service_request.submitted_by_id],
        f"{service_request.reference}: {message}",
        request_link(service_request),
        except_id=actor.id,
        email=Email(subject=f"{service_request.reference}: {message}", body=email_body),
        kind=MY_REQUESTS,
    )
    tell_participants(service_request, actor, message)


def tell_participants(service_request: ServiceRequest, actor: User, message: str) -> None:
    """Colleagues copied in hear of the same changes, without what is the requester's alone (the
    rating links): a line and a link."""
    notify(
        [participant.user_id for participant in service_request.participants],
        f"{service_request.reference} (you are copied in): {message}",
        request_link(service_request),
        except_id=actor.id,
        email=Email(
            subject=f"{service_request.reference}: {message}",
            body=f"{service_request.reference}: {service_request.subject}\n\n{message[:1].upper()}{message[1:]}."
            "\n\nYou are copied into this request. See it, and reply, in Staffroom.",
        ),
        kind=MY_REQUESTS,
    )


def tell_team(service_request: ServiceRequest, actor: User, message: str, email_body: str) -> None:
    """Replies from the requester go to the assignee; unassigned, to the team."""
    subject = f"{service_request.reference}: {message}"
    if service_request.assignee_id:
        notify(
            [service_request.assignee_id],
            subject,
            request_link(service_request),
            except_id=actor.id,
            email=Email(subject=subject, body=email_body),
            kind=TEAM_REQUESTS,
        )
    else:
        notify_team(
            service_request.team,
            subject,
            request_link(service_request),
            except_id=actor.id,
            email=Email(subject=subject, body=email_body),
            kind=TEAM_REQUESTS,
        )


def _why_due(service_request: ServiceRequest) -> str:
    """ " (2 working days before the date of the hearing, ...)" for an event-dated due time."""
    explanation = sla.due_explanation(service_request)
    return f" ({explanation})" if explanation else ""


def announce_new_request(service_request: ServiceRequest, actor: User) -> None:
    """A new request: the team's mailbox (or its agents) and in-app for its agents and managers."""
    body = (
        f"{service_request.requester.name} has made a request: {service_request.service.name}.\n\n"
        f"{service_request.subject}\n\n{service_request.description}\n\n"
        f"Due by {due_by(service_request.due_at)}{_why_due(service_request)}."
    )
    notify_team(
        service_request.team,
        f"New request {service_request.reference}: {service_request.subject}",
        request_link(service_request),
        except_id=actor.id,
        email=Email(subject=f"New request {service_request.reference}: {service_request.subject}", body=body),
        kind=TEAM_REQUESTS,
    )


def what_was_asked(service_request: ServiceRequest) -> str:
    """The requester's own words and answers, as they gave them (never the team's fields)."""
    lines = [f"Subject: {service_request.subject}"]
    if service_request.description.strip():
        lines.append(f"Details: {service_request.description.strip()}")
    for answer in service_request.answers:
        value = answer.value if answer.kind == FieldKind.FILE else answer_display(answer.value, answer.kind)
        if value:
            separator = "\n" if "\n" in value else " "
            lines.append(f"{answer.label}:{separator}{value}")
    return "\n".join(lines)


AWAITING_APPROVAL = (
    "It needs approval before the team starts, and its due time moves on by the time that takes. "
    "We will tell you when it is approved.\n\n"
)


def acknowledge(service_request: ServiceRequest, actor: User) -> None:
    """Tell the person a request is for that it arrived: the reference, when it is due, what they
    asked and a link (in-app, and by email at once). Whoever keyed it for them is named."""
    if service_request.contact_id is not None:
        # Keyed by an agent for someone without an account: they hear their way, not the agent.
        contacts.tell(service_request, "we have your request", contacts.acknowledgement(service_request))
        return
    reference = service_request.reference
    keyed = f"{actor.name} sent this request for you.\n\n" if actor.id != service_request.requester_id else ""
    body = (
        f"{service_request.service.name} has your request.\n\n"
        f"{keyed}"
        f"Your reference number is {reference}.\n"
        f"It is due by {due_by(service_request.due_at)}{_why_due(service_request)}.\n\n"
        f"{AWAITING_APPROVAL if service_request.status == RequestStatus.AWAITING_APPROVAL else ''}"
        f"What you asked\n\n{what_was_asked(service_request)}\n\n"
        "We will tell you when it changes, or if we need anything from you."
    )
    notify(
        [service_request.requester_id],
        f"{reference} received: {service_request.subject}. Due by {due_by(service_request.due_at)}",
        request_link(service_request),
        email=Email(subject=f"We have your request {reference}: {service_request.subject}", body=body),
        kind=MY_REQUESTS,
    )
