"""Raising a request: drafts kept between the request form and the check-answers page, the
answers as that page lists them, sending exactly once, and the guidance suggested on the way."""

import re
import secrets
from datetime import timedelta

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app import audit, clock, files, policy, search
from app.assistant import services as assistant
from app.extensions import db
from app.formatting import answer_display
from app.models import (
    Article,
    ArticleStatus,
    Audience,
    Contact,
    EventKind,
    FieldKind,
    Priority,
    RequestAnswer,
    RequestAttachment,
    RequestDraft,
    RequestEvent,
    RequestStatus,
    Service,
    ServiceRequest,
    User,
)
from app.service_requests import approvals, contacts, sla
from app.service_requests.notifications import acknowledge, announce_new_request
from app.validation import FieldError, as_id
from app.working_time import calendar

DRAFT_LIFETIME = timedelta(days=7)
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]+")  # secrets.token_urlsafe
SUGGESTION_LIMIT = 3
# How sure Ask Staffroom must be that an article answers a request being written: a request says
# more than a question asks, so it covers less of any one passage; a lower bar than Ask's own
# answer, still above an article that merely shares a word with it (tests/catalogue/test_raising.py).
SUGGESTION_CONFIDENCE = 0.55


class AlreadySent(Exception):
    """The draft is a request already (a double click, a refresh, back to change and send again,
    or another browser a moment earlier): show that request rather than send or change another."""

    def __init__(self, service_request: ServiceRequest):
        super().__init__(service_request.reference)
        self.service_request = service_request


# --- Drafts ----------------------------------------------------------------------------------


def people_to_raise_for(user, chosen: str = "", query: str = "") -> list[contacts.PersonChoice] | None:
    """Whom this person may key a request for (None: only themselves): the person chosen, and
    those the person picker found for `query` (accounts and contacts without one); never the
    whole list of accounts."""
    if not policy.can_raise_on_behalf(user):
        return None
    found = [contacts.chosen_person(user, chosen)] if chosen else []
    found += [choice for choice in contacts.find_people(user, query) if choice.value != chosen]
    return [choice for choice in found if choice is not None]


def get_draft(token: str, user, service: Service | None = None) -> RequestDraft | None:
    """This person's draft with this token (for this service), or None."""
    if not token or len(token) > 64 or not TOKEN_PATTERN.fullmatch(token):
        return None  # not one of ours (and a NUL in it would fail the query on PostgreSQL)
    draft = db.session.scalar(select(RequestDraft).where(RequestDraft.token == token))
    if draft is None or draft.user_id != user.id or (service is not None and draft.service_id != service.id):
        return None
    return draft


def unsent_draft(token: str, user, service: Service) -> RequestDraft | None:
    """This person's draft with this token for this service, or None; AlreadySent if it has
    become a request."""
    draft = get_draft(token, user, service)
    if draft is not None and draft.request_id is not None:
        raise AlreadySent(db.session.get_one(ServiceRequest, draft.request_id))
    return draft


def _for_whom(service: Service, user: User, chosen) -> tuple[User, Contact | None]:
    """Who the request is for: an account (`chosen` its id), or a contact without one
    ("contact-<id>": the agent raising it stays the requester, accountable for it)."""
    if isinstance(chosen, str) and chosen.startswith("contact-"):
        contact = contacts.visible_contact(user, as_id(chosen[8:]))
        if contact is None or contact.anonymised_at is not None or not policy.can_record_contacts(user):
            raise FieldError("requester", "Choose the person this request is for from the list")
        if not service.active:
            raise FieldError(None, "This service has been retired and takes no new requests")
        if service.audience != Audience.EVERYONE:
            raise FieldError(
                "requester",
                f"This service is only for people in: {service.audience_text}. Choose someone with an account there.",
            )
        return user, contact
    if isinstance(chosen, str):
        # "" and "0" are me; anything that is no account's id (-1) is refused on the field.
        text = chosen.strip()
        chosen = None if text in ("", "0") else (as_id(text) or -1)
    return _requester(service, user, chosen), None


def _requester(service: Service, user: User, requester_id) -> User:
    """Who the request is for; the service must be open to them."""
    person = user
    if requester_id and requester_id != user.id:
        chosen = db.session.get(User, requester_id) if policy.can_raise_on_behalf(user) else None
        if chosen is None or not chosen.active:
            raise FieldError("requester", "Choose the person this request is for from the list")
        person = chosen
    if not service.active:
        raise FieldError(None, "This service has been retired and takes no new requests")
    if not policy.may_request(person, service):
        whose = "Your team" if person.id == user.id else f"{person.name}’s team"
        raise FieldError(
            "requester" if person.id != user.id else None,
            f"{whose} cannot request this service. It is for: {service.audience_text}.",
        )
    return person


def save_draft(
    service: Service,
    user: User,
    *,
    token: str | None,
    subject: str,
    description: str,
    answers: dict,
    new_files: dict,
    shown_file_ids: set[str],
    requester_id=None,
    submission_key: str | None = None,
) -> RequestDraft:
    """Keep the checked answers for the check-answers page: the same draft when going back to
    change something, a new one otherwise; AlreadySent if that draft has become a request.

    A new draft takes the form's `submission_key` as its token, so the same showing of the form
    posted again (a retry, a double click, "Continue" pressed four times) saves one draft."""
    requester, contact = _for_whom(service, user, requester_id)
    if not token and get_draft(submission_key or "", user, service) is not None:
        token = submission_key  # this form was posted before: its draft
    draft = get_draft(token, user, service) if token else None
    if draft is not None:
        # Read again, locked (on PostgreSQL): a send from another browser has either finished, and
        # this draft is a request now, or waits for this save.
        db.session.refresh(draft, with_for_update=True)
        if draft.request_id is not None:
            raise AlreadySent(db.session.get_one(ServiceRequest, draft.request_id))
    else:
        draft = _new_draft(service, user, submission_key)
    kept = dict(draft.files or {})
    for field_id, checked in new_files.items():
        if field_id in kept:
            files.delete(kept[field_id]["stored_name"])
        kept[field_id] = {
            "stored_name": files.store(checked),
            "filename": checked.filename,
            "content_type": checked.content_type,
            "size": len(checked.data),
        }
    # A file question now hidden by its condition keeps no file.
    for key in set(kept) - set(shown_file_ids) - set(new_files):
        files.delete(kept.pop(key)["stored_name"])
    draft.files = kept
    draft.subject = " ".join(subject.split())
    draft.description = description.strip()
    draft.answers = answers
    draft.requester_id = requester.id if requester.id != user.id else None
    draft.contact_id = contact.id if contact is not None else None
    draft.updated_at = clock.now()
    db.session.flush()
    return draft


def keep_unfinished(
    service: Service,
    user: User,
    *,
    token: str | None,
    subject: str,
    description: str,
    answers: dict,
    requester_id=None,
    submission_key: str | None = None,
    **unchecked_files,
) -> RequestDraft:
    """What has been typed so far, unchecked, while the person picker looks for someone or a contact
    is recorded: nothing typed is lost. Files chosen on this post are not kept (they are unchecked);
    files kept from an earlier visit stay. Sending checks everything again (draft_still_fits)."""
    if not token and get_draft(submission_key or "", user, service) is not None:
        token = submission_key
    draft = get_draft(token, user, service) if token else None
    if draft is not None:
        db.session.refresh(draft, with_for_update=True)
        if draft.request_id is not None:
            raise AlreadySent(db.session.get_one(ServiceRequest, draft.request_id))
    else:
        draft = _new_draft(service, user, submission_key)
    draft.subject = " ".join((subject or "").split())[:150]
    draft.description = (description or "").strip()[:10_000]
    draft.answers = answers
    try:
        requester, contact = _for_whom(service, user, requester_id)
    except FieldError:
        requester, contact = user, None  # the person is being chosen again anyway
    draft.requester_id = requester.id if requester.id != user.id else None
    draft.contact_id = contact.id if contact is not None else None
    draft.updated_at = clock.now()
    db.session.flush()
    return draft


def _new_draft(service: Service, user: User, submission_key: str | None) -> RequestDraft:
    """A new draft whose token is the form's submission key (a random one without a usable key);
    if the same form's post saved it a moment ago in another request, that draft instead."""
    usable = bool(submission_key) and len(submission_key or "") <= 64 and TOKEN_PATTERN.fullmatch(submission_key or "")
    draft = RequestDraft(
        token=submission_key if usable else secrets.token_urlsafe(32),
        service_id=service.id,
        user_id=user.id,
        created_at=clock.now(),
        files={},
    )
    try:
        with db.session.begin_nested():
            db.session.add(draft)
    except IntegrityError:
        saved = get_draft(draft.token, user, service)
        if saved is None:  # someone else's token (never a browser's doing): a draft of its own
            return _new_draft(service, user, None)
        db.session.refresh(saved, with_for_update=True)
        if saved.request_id is not None:
            raise AlreadySent(db.session.get_one(ServiceRequest, saved.request_id)) from None
        return saved
    return draft


def answer_rows(draft: RequestDraft) -> list[dict]:
    """The draft's answers in form order, as the check-answers page lists them."""
    rows = []
    for question in draft.service.fields:
        key = str(question.id)
        if question.kind == FieldKind.FILE:
            if key in (draft.files or {}):
                rows.append({"question": question, "value": draft.files[key]["filename"]})
            elif question.show_if_field_id is None:
                rows.append({"question": question, "value": ""})
            continue
        if key in (draft.answers or {}):
            rows.append({"question": question, "value": answer_display(draft.answers[key], question.kind)})
        elif question.show_if_field_id is None:
            rows.append({"question": question, "value": ""})
    return rows


def submit_draft(draft: RequestDraft, user: User) -> ServiceRequest:
    """Send the draft as a request, once: sending it again (a double click, a refresh, back and
    send, another browser at the same moment) raises AlreadySent with the request it became."""
    # Read again, locked (on PostgreSQL), as save_draft does: a change saved from another browser
    # has finished and is sent with the rest, or waits and then finds the draft sent.
    db.session.refresh(draft, with_for_update=True)
    if draft.request_id is not None:
        raise AlreadySent(db.session.get_one(ServiceRequest, draft.request_id))
    service = draft.service
    requester, contact = _for_whom(
        service, user, f"contact-{draft.contact_id}" if draft.contact_id else draft.requester_id
    )
    now = clock.now()
    work = calendar()
    due = sla.due_time(service, draft.answers or {}, now)
    service_request = ServiceRequest(
        service=service,
        team_id=service.team_id,
        requester_id=requester.id,
        submitted_by_id=user.id,
        subject=draft.subject,
        description=draft.description,
        status=RequestStatus.SUBMITTED,
        priority=Priority.NORMAL,
        submitted_at=now,
        clock_started_at=work.clock_start(now),
        due_at=due.due_at,
        due_basis=due.basis,
        event_date=due.event_date,
        event_label=due.event_label,
        event_days_before=due.days_before,
        first_response_due_at=(
            work.add_working_minutes(work.clock_start(now), service.first_response_hours * 60)
            if service.first_response_hours
            else None
        ),
        updated_at=now,
        submission_key=draft.token,
        contact_id=contact.id if contact is not None else None,
    )
    position = 0
    for question in service.fields:
        key = str(question.id)
        if question.kind == FieldKind.FILE:
            stored = (draft.files or {}).get(key)
            if stored is None:
                continue
            position += 1
            answer = RequestAnswer(
                field_id=question.id,
                position=position,
                label=question.label,
                kind=FieldKind.FILE,
                value=stored["filename"],
            )
            service_request.answers.append(answer)
            service_request.attachments.append(
                RequestAttachment(
                    answer=answer,
                    filename=stored["filename"],
                    stored_name=stored["stored_name"],
                    content_type=stored["content_type"],
                    size=stored["size"],
                    uploaded_by_id=user.id,
                    created_at=now,
                )
            )
            continue
        if key not in (draft.answers or {}):
            continue
        value = draft.answers[key]
        position += 1
        service_request.answers.append(
            RequestAnswer(
                field_id=question.id,
                position=position,
                label=question.label,
                kind=question.kind,
                value="\n".join(value) if isinstance(value, list) else str(value),
            )
        )
    try:
        with db.session.begin_nested():
            db.session.add(service_request)
            db.session.flush()
    except IntegrityError:
        # The same draft was sent a moment ago, by another click or browser, after this one read
        # the draft: the unique submission key keeps it to one request, and that one is shown.
        sent_already = db.session.scalar(select(ServiceRequest).where(ServiceRequest.submission_key == draft.token))
        if sent_already is None:
            raise
        raise AlreadySent(sent_already) from None
    draft.request_id = service_request.id
    keyed_by = f"Keyed by {user.name} for {requester.name}" if requester.id != user.id else ""
    if contact is not None:
        # Not their name: the timeline outlives the contact's details (the retention period).
        keyed_by = f"Keyed by {user.name} for someone without an account"
    db.session.add(
        RequestEvent(
            request_id=service_request.id,
            kind=EventKind.SUBMITTED,
            actor_id=user.id,
            public=True,
            body=keyed_by,
            created_at=now,
        )
    )
    # With approval steps that apply, it waits for them (clock paused) before its team hears of it.
    if not approvals.start(service_request, user, now):
        announce_new_request(service_request, user)
    acknowledge(service_request, user)
    audit.record(
        user,
        "request_submitted",
        service_request,
        reference=service_request.reference,
        service=service.name,
        **({"for": requester.email} if requester.id != user.id else {}),
        **({"contact": contact.id} if contact is not None else {}),
    )
    db.session.flush()
    return service_request


def discard_unsent_draft(token: str, user, service: Service) -> None:
    """This person's draft is no longer wanted (a suggested article answered the question); one
    already sent stays, as the record of what was sent."""
    draft = get_draft(token, user, service)
    if draft is None or draft.request_id is not None:
        return
    for stored in (draft.files or {}).values():
        files.delete(stored["stored_name"])
    db.session.delete(draft)
    db.session.flush()


def discard_stale_drafts() -> int:
    """Housekeeping: drafts never sent within a week go, with their uploads."""
    cutoff = clock.now() - DRAFT_LIFETIME
    stale = list(db.session.scalars(select(RequestDraft).where(RequestDraft.updated_at < cutoff)))
    for draft in stale:
        if draft.request_id is None:
            for stored in (draft.files or {}).values():
                files.delete(stored["stored_name"])
        db.session.delete(draft)
    db.session.flush()
    return len(stale)


# --- Guidance on the way ---------------------------------------------------------------------


def suggested_articles(user, text: str) -> list:
    """Articles that answer what is being asked, understood as Ask Staffroom understands a
    question, and only those it is sure of: nothing rather than something irrelevant. Published
    ones only, since a draft or an archived one cannot be counted as the answer."""
    text = search.clean_query(text or "")
    if len(text) < 4:
        return []
    try:
        answering = assistant.answering_articles(user, text, limit=SUGGESTION_LIMIT, sure=SUGGESTION_CONFIDENCE)
    except Exception:  # only a help: sending a request never fails with the index (search/health.py)
        current_app.logger.exception("search: suggestions left out, the index could not be read")
        return []
    # The database has the last word.
    return [
        hit for hit in answering if isinstance(hit.object, Article) and hit.object.status == ArticleStatus.PUBLISHED
    ]
