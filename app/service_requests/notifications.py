"""Who hears of a change to a request: the requester, the assignee or the team, in-app and by
email, with a link to the request (also from the CLI, outside a request)."""

from typing import Any

from flask import current_app, has_request_context, url_for

from app.formatting import due_by
from app.models import ServiceRequest, User
from app.notify import Email, notify, notify_team


def link_to(endpoint: str, **values: Any) -> str:
    """A link to put in a notification, also when the change is made outside a request (the CLI)."""
    if has_request_context():
        return url_for(endpoint, **values)
    return current_app.url_map.bind("localhost").build(endpoint, values)


def request_link(service_request: ServiceRequest) -> str:
    return link_to("service_requests.show", reference=service_request.reference)


def tell_requester(service_request: ServiceRequest, actor: User, message: str, email_body: str) -> None:
    """The requester (and whoever keyed it for them) hear about public changes, in-app and by email."""
    notify(
        [service_request.requester_id, service_request.submitted_by_id],
        f"{service_request.reference}: {message}",
        request_link(service_request),
        except_id=actor.id,
        email=Email(subject=f"{service_request.reference}: {message}", body=email_body),
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
        )
    else:
        notify_team(
            service_request.team,
            subject,
            request_link(service_request),
            except_id=actor.id,
            email=Email(subject=subject, body=email_body),
        )


def announce_new_request(service_request: ServiceRequest, actor: User) -> None:
    """A new request: the team's mailbox (or its agents) and in-app for its agents and managers."""
    body = (
        f"{service_request.requester.name} has made a request: {service_request.service.name}.\n\n"
        f"{service_request.subject}\n\n{service_request.description}\n\n"
        f"Due by {due_by(service_request.due_at)}."
    )
    notify_team(
        service_request.team,
        f"New request {service_request.reference}: {service_request.subject}",
        request_link(service_request),
        except_id=actor.id,
        email=Email(subject=f"New request {service_request.reference}: {service_request.subject}", body=body),
    )
