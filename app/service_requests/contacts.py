"""People without a Staffroom account (assisted digital): recording and changing them, finding
them again (the person picker, duplicates), telling them of their requests by the way they chose
(an email through the outbox; a phone call or a letter as a task for an agent), and the retention
period after which their details are cleared."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from sqlalchemy import exists, func, not_, or_, select, update

from app import audit, clock, mail, policy
from app.extensions import db, rows_changed
from app.formatting import due_by
from app.models import (
    ANONYMOUS_CONTACT_NAME,
    Contact,
    ContactMethod,
    ContactTask,
    EventKind,
    RequestEvent,
    RequestStatus,
    ServiceRequest,
    Team,
    User,
)
from app.models.service_request import OPEN_STATUSES
from app.validation import EMAIL_PATTERN, FieldError, as_id, saving

NAME_MAX = 120
PHONE_MAX = 40
ADDRESS_MAX = 500
NOTES_MAX = 2000
PICKER_LIMIT = 8
# A UK number, or an international one: 10 to 15 digits once spaces, brackets and dashes go.
_PHONE_CHARACTERS = re.compile(r"\+?[0-9 ()\-]+")
_POSTCODE = re.compile(r"\b[A-Z]{1,2}[0-9][0-9A-Z]? ?[0-9][A-Z]{2}\b", re.IGNORECASE)


@dataclass(frozen=True)
class ContactDetails:
    """What the contact form posts, as the service takes it."""

    name: str
    email: str = ""
    phone: str = ""
    address: str = ""
    preferred: str = ""
    notes: str = ""


# --- Checking ---------------------------------------------------------------------------------


def phone_digits(phone: str) -> str:
    """The digits of a number, "+44 116" as "0116", to compare numbers typed differently."""
    digits = re.sub(r"\D", "", phone or "")
    if (phone or "").strip().startswith("+44") and digits.startswith("44"):
        digits = "0" + digits[2:]
    return digits


def checked(details: ContactDetails) -> ContactDetails:
    """The details tidied, or a FieldError on the first field that is wrong."""
    name = " ".join((details.name or "").split())
    email = (details.email or "").strip()
    phone = " ".join((details.phone or "").split())
    address = "\n".join(line.strip() for line in (details.address or "").splitlines() if line.strip())
    notes = (details.notes or "").strip()
    if not name:
        raise FieldError("name", "Enter the person’s name")
    if len(name) > NAME_MAX:
        raise FieldError("name", f"Keep the name to {NAME_MAX} characters or fewer")
    if email and (len(email) > 254 or not EMAIL_PATTERN.fullmatch(email)):
        raise FieldError("email", "Enter an email address in the correct format, like name@example.com")
    if phone and (
        len(phone) > PHONE_MAX or not _PHONE_CHARACTERS.fullmatch(phone) or not 10 <= len(phone_digits(phone)) <= 15
    ):
        raise FieldError("phone", "Enter a phone number, like 0116 496 0123 or +44 116 496 0123")
    if len(address) > ADDRESS_MAX:
        raise FieldError("address", f"Keep the address to {ADDRESS_MAX} characters or fewer")
    if address and (len(address.splitlines()) < 2 or not _POSTCODE.search(address)):
        raise FieldError("address", "Enter the full postal address, with the postcode, on separate lines")
    if not (email or phone or address):
        raise FieldError("email", "Enter at least one of an email address, a phone number or a postal address")
    if details.preferred not in ContactMethod.__members__.values():
        raise FieldError("preferred", "Choose how the person would like to hear from us")
    needed = {
        ContactMethod.EMAIL: (email, "email address"),
        ContactMethod.PHONE: (phone, "phone number"),
        ContactMethod.LETTER: (address, "postal address"),
    }
    value, what = needed[ContactMethod(details.preferred)]
    if not value:
        raise FieldError("preferred", f"Enter their {what}, or choose another way to contact them")
    if len(notes) > NOTES_MAX:
        raise FieldError("notes", f"Keep the notes to {NOTES_MAX:,} characters or fewer")
    return ContactDetails(name, email, phone, address, details.preferred, notes)


# --- Recording and changing -----------------------------------------------------------------


def same_details(user: User, details: ContactDetails, *, except_id: int | None = None) -> list[Contact]:
    """Contacts this person may see with the same email address or phone number: "did you mean
    one of these?" before recording a second record of the same person."""
    matches = []
    if details.email:
        matches.append(func.lower(Contact.email) == details.email.lower())
    if details.phone:
        matches.append(Contact.phone_digits == phone_digits(details.phone))
    if not matches:
        return []
    query = select(Contact).where(or_(*matches), Contact.anonymised_at.is_(None)).order_by(Contact.name)
    if except_id is not None:
        query = query.where(Contact.id != except_id)
    return [contact for contact in db.session.scalars(query) if policy.can_see_contact(user, contact)]


def recorded_with(user: User, submission_key: str | None) -> Contact | None:
    """The contact this person's form with this key recorded already (a double click, a retry)."""
    if not submission_key:
        return None
    recorded = db.session.scalar(select(Contact).where(Contact.submission_key == submission_key))
    return recorded if recorded is not None and recorded.created_by_id == user.id else None


def record(user: User, details: ContactDetails, *, submission_key: str | None = None) -> Contact:
    """A new contact, recorded once however often the same form is posted."""
    if not policy.can_record_contacts(user):
        raise FieldError(None, "Only those who raise requests for others can record people without an account")
    details = checked(details)
    recorded = recorded_with(user, submission_key)
    if recorded is not None:
        return recorded
    now = clock.now()
    contact = Contact(
        team_id=user.team_id,
        created_by_id=user.id,
        created_at=now,
        updated_at=now,
        submission_key=submission_key or None,
    )
    _apply(contact, details)
    with saving(None, "This person has been recorded already. Find them in the list."):
        db.session.add(contact)
    audit.record(user, "contact_recorded", contact, preferred=contact.preferred)
    return contact


def change(user: User, contact: Contact, details: ContactDetails) -> Contact:
    details = checked(details)
    changed = sorted(
        field
        for field in ("name", "email", "phone", "address", "preferred", "notes")
        if getattr(details, field) != getattr(contact, field)
    )
    if not changed:
        return contact
    _apply(contact, details)
    contact.updated_at = clock.now()
    db.session.flush()
    # Which fields changed, never their values: the log is not another copy of personal data.
    audit.record(user, "contact_changed", contact, fields=changed)
    return contact


def _apply(contact: Contact, details: ContactDetails) -> None:
    contact.name = details.name
    contact.email = details.email
    contact.phone = details.phone
    contact.phone_digits = phone_digits(details.phone)
    contact.address = details.address
    contact.preferred = details.preferred
    contact.notes = details.notes


def visible_contact(user: User, contact_id) -> Contact | None:
    """The contact, if this person may see them (None for another team's: a 404)."""
    contact = db.session.get(Contact, contact_id) if isinstance(contact_id, int) and contact_id > 0 else None
    if contact is None or not policy.can_see_contact(user, contact):
        return None
    return contact


def requests_of(user: User, contact: Contact) -> list[ServiceRequest]:
    """The contact's requests this person may open, newest first."""
    found = db.session.scalars(
        select(ServiceRequest).where(ServiceRequest.contact_id == contact.id).order_by(ServiceRequest.id.desc())
    )
    return [service_request for service_request in found if policy.can_view_request(user, service_request)]


# --- The person picker ------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonChoice:
    """One answer to "Who is this request for?": an account ("12") or a contact ("contact-3")."""

    value: str
    name: str
    detail: str
    is_contact: bool


def contact_value(contact: Contact) -> str:
    return f"contact-{contact.id}"


def choice_for_user(person: User) -> PersonChoice:
    team = f", {person.team.name}" if person.team else ""
    return PersonChoice(str(person.id), person.name, f"{person.email}{team}", False)


def choice_for_contact(contact: Contact) -> PersonChoice:
    reach = contact.email or contact.phone or (contact.address_lines[-1] if contact.address_lines else "")
    return PersonChoice(contact_value(contact), contact.name, f"No account: {reach}", True)


def find_people(user: User, query: str) -> list[PersonChoice]:
    """Accounts (by name, email or team) and the contacts this person may see (by name, email or
    phone) matching what was typed: a short list, accounts first."""
    words = " ".join((query or "").split())[:100]
    if len(words) < 2:
        return []
    pattern = "%" + words.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    people = db.session.scalars(
        select(User)
        .outerjoin(Team, User.team_id == Team.id)
        .where(
            User.active.is_(True),
            User.id != user.id,
            or_(
                func.lower(User.name).like(pattern, escape="\\"),
                func.lower(User.email).like(pattern, escape="\\"),
                func.lower(Team.name).like(pattern, escape="\\"),
            ),
        )
        .order_by(User.name)
        .limit(PICKER_LIMIT)
    )
    choices = [choice_for_user(person) for person in people]
    digits = phone_digits(words)
    contact_matches = [
        func.lower(Contact.name).like(pattern, escape="\\"),
        func.lower(Contact.email).like(pattern, escape="\\"),
    ]
    if len(digits) >= 4:
        contact_matches.append(Contact.phone_digits.like(f"%{digits}%"))
    contacts = db.session.scalars(
        select(Contact)
        .where(Contact.anonymised_at.is_(None), or_(*contact_matches))
        .order_by(Contact.name)
        .limit(PICKER_LIMIT * 3)
    )
    visible = [contact for contact in contacts if policy.can_see_contact(user, contact)][:PICKER_LIMIT]
    return choices + [choice_for_contact(contact) for contact in visible]


def chosen_person(user: User, value: str) -> PersonChoice | None:
    """The choice a posted value names, if this person may choose it."""
    value = (value or "").strip()
    if value.startswith("contact-"):
        contact = visible_contact(user, as_id(value[8:]))
        return choice_for_contact(contact) if contact is not None and contact.anonymised_at is None else None
    person_id = as_id(value)
    person = db.session.get(User, person_id) if person_id else None
    return choice_for_user(person) if person is not None and person.active else None


# --- Telling them -----------------------------------------------------------------------------


def tell(service_request: ServiceRequest, headline: str, message: str) -> None:
    """Give the contact a request is for its news, the way they chose: an email is queued now; a
    phone call or a letter becomes a task on the request for its agents."""
    contact = service_request.contact
    if contact is None or contact.anonymised_at is not None:
        return
    subject = f"{service_request.reference}: {headline}"
    if contact.preferred == ContactMethod.EMAIL:
        mail.queue(contact.email, subject, f"Dear {contact.name},\n\n{message}\n\n{_signature(service_request)}")
        return
    db.session.add(
        ContactTask(
            request_id=service_request.id,
            contact_id=contact.id,
            method=contact.preferred,
            headline=subject[:200],
            message=message,
            created_at=clock.now(),
        )
    )
    db.session.flush()


def _signature(service_request: ServiceRequest) -> str:
    return (
        f"Your reference number is {service_request.reference}: please quote it if you contact us.\n\n"
        f"{service_request.team.name}\n{current_app.config['COUNCIL_NAME']}"
    )


def acknowledgement(service_request: ServiceRequest) -> str:
    if service_request.status == RequestStatus.AWAITING_APPROVAL:
        # Its due time moves on by however long approval takes: no date we could keep to yet.
        when = "It needs to be approved before we can start, and we will tell you if it is not."
    else:
        when = f"We aim to finish it by {due_by(service_request.due_at)}."
    return (
        f"We have your request about “{service_request.subject}” ({service_request.service.name}).\n\n"
        f"Your reference number is {service_request.reference}. {when}"
    )


def tasks(service_request: ServiceRequest) -> list[ContactTask]:
    return list(
        db.session.scalars(
            select(ContactTask).where(ContactTask.request_id == service_request.id).order_by(ContactTask.id)
        )
    )


def task_of(service_request: ServiceRequest, task_id) -> ContactTask | None:
    task = db.session.get(ContactTask, task_id) if isinstance(task_id, int) else None
    return task if task is not None and task.request_id == service_request.id else None


def mark_done(service_request: ServiceRequest, task: ContactTask, actor: User) -> bool:
    """The call made, or the letter posted: once, whoever clicks first (False: done already)."""
    now = clock.now()
    done = rows_changed(
        update(ContactTask)
        .where(ContactTask.id == task.id, ContactTask.done_at.is_(None))
        .values(done_at=now, done_by_id=actor.id)
    )
    db.session.refresh(task)
    if not done:
        return False
    what = "Phoned" if task.method == ContactMethod.PHONE else "Posted a letter to"
    db.session.add(
        RequestEvent(
            request_id=service_request.id,
            kind=EventKind.NOTE,
            actor_id=actor.id,
            public=False,
            body=f"{what} the person this request is for: {task.headline}",
            created_at=now,
        )
    )
    service_request.updated_at = now
    audit.record(actor, "contact_task_done", service_request, reference=service_request.reference, task=task.method)
    return True


def letter_viewed(actor: User, service_request: ServiceRequest, task: ContactTask) -> None:
    audit.record(actor, "contact_letter_viewed", service_request, reference=service_request.reference, task=task.id)


# --- Retention --------------------------------------------------------------------------------


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time `months` calendar months earlier (the 31st becomes the month's last day)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    last_day = calendar.monthrange(year, month)[1]
    return moment.replace(year=year, month=month, day=min(moment.day, last_day))


def anonymise_expired(now: datetime | None = None) -> int:
    """Contacts with no open request whose last request closed (or, with none, who were recorded)
    more than CONTACT_RETENTION_MONTHS ago: name "Former contact", every detail cleared. The
    requests stay, with their history; the contact row stays so they still point somewhere.
    Anonymised rather than deleted: a request's "for" must keep an answer. Idempotent."""
    now = now or clock.now()
    cutoff = months_before(now, current_app.config["CONTACT_RETENTION_MONTHS"])
    ended = func.coalesce(ServiceRequest.closed_at, ServiceRequest.cancelled_at, ServiceRequest.updated_at)
    open_request = exists().where(ServiceRequest.contact_id == Contact.id, ServiceRequest.status.in_(OPEN_STATUSES))
    recent_request = exists().where(
        ServiceRequest.contact_id == Contact.id,
        or_(ServiceRequest.status == RequestStatus.RESOLVED, ended >= cutoff),
    )
    expired = list(
        db.session.scalars(
            select(Contact).where(
                Contact.anonymised_at.is_(None),
                Contact.created_at < cutoff,
                not_(open_request),
                not_(recent_request),
            )
        )
    )
    for contact in expired:
        contact.name = ANONYMOUS_CONTACT_NAME
        contact.email = contact.phone = contact.phone_digits = contact.address = contact.notes = ""
        contact.anonymised_at = now
        contact.updated_at = now
        audit.record(None, "contact_anonymised", contact, months=current_app.config["CONTACT_RETENTION_MONTHS"])
    # What the tasks said to them may name them too; done or not, nobody can act on it now.
    if expired:
        db.session.execute(
            update(ContactTask)
            .where(ContactTask.contact_id.in_([contact.id for contact in expired]))
            .values(message="", headline="")
        )
    db.session.flush()
    return len(expired)
