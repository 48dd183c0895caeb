"""The monthly performance pack: every tab's figures for one UK calendar month, with a summary in
words at the front ("Requests rose 12% on November last year; 91% were resolved within target
against a target of 90%; Recruitment is the busiest service"), for councillors and the
portfolio holder to read alone."""

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask import render_template, url_for
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import defer

from app import audit, clock, mail
from app.dashboard import charts, figures, formats, ideas_and_knowledge, periods, resilience, targets
from app.extensions import db
from app.models import MonthlyPack, PackRecipient, User
from app.models.idea import STATUS_LABELS, IdeaStatus
from app.validation import FieldError


@dataclass(frozen=True, slots=True)
class Pack:
    month: date
    filters: periods.Filters
    goals: targets.Targets
    summary: list[str]
    requests: figures.RequestFigures
    compared: list[targets.Compared]
    per_service: list[figures.ServiceRow]
    ideas: ideas_and_knowledge.IdeasFigures
    covers: list[resilience.ServiceCover]
    categories: list[resilience.CategoryCover]

    @property
    def title(self) -> str:
        return f"Business Support performance: {self.month:%B %Y}"


def last_complete_month(today: date | None = None) -> date:
    """The first day of the last whole UK calendar month before today."""
    today = today or clock.today()
    return (today.replace(day=1) - timedelta(days=1)).replace(day=1)


def parse_month(text: str | None) -> date | None:
    """ "2026-11" -> 1 November 2026; None for anything else or a month not yet over."""
    try:
        year, month = (int(part) for part in (text or "").split("-"))
        first = date(year, month, 1)
    except ValueError:
        return None
    return first if year >= 2000 and first <= last_complete_month() else None


def _movement(row: targets.Compared, month: date) -> str:
    """ ", up 12% on November 2025", ", the same as in ...", "; there is no figure for ...", or
    that the month a year earlier is not comparable (the figures begin part-way through it)."""
    change, earlier = row.change_year, month.replace(year=month.year - 1)
    if row.year_part:
        return f"; {earlier:%B %Y} cannot be compared, as the figures begin part-way through it"
    if change is None:
        return f"; there is no figure for {earlier:%B %Y} to compare with"
    if change == 0:
        return f", the same as in {earlier:%B %Y}"
    return f", {formats.in_words(change, row.measure.unit)} on {earlier:%B %Y}"


def _summary(month: date, compared: list[targets.Compared], per_service, covers) -> list[str]:
    rows = {row.measure.key: row for row in compared}
    received, compliance, rating = rows["received"], rows["compliance"], rows["average_rating"]
    sentences = [
        f"{formats.count(received.current)} requests came in during {month:%B %Y}{_movement(received, month)}."
    ]
    for row, what in ((compliance, "were resolved within their service’s target"), (rating, "")):
        if row.current is None:
            sentences.append(
                "No requests were resolved, so there is no share within target."
                if row is compliance
                else "Nobody rated a request, so there is no satisfaction figure."
            )
            continue
        status = targets.STATUS_LABELS[row.status].lower() if row.status else ""
        earlier = (
            f" ({formats.in_words(row.change_year, row.measure.unit)} on a year earlier)"
            if row.change_year is not None
            else ""
        )
        if row is compliance:
            sentences.append(
                f"{formats.percent(row.current)} {what} against a target of {formats.percent(row.target)}: "
                f"target {status}{earlier}."
            )
        else:
            sentences.append(
                f"Satisfaction averaged {formats.rating(row.current)} out of 5 against a target of "
                f"{formats.rating(row.target)}: target {status}{earlier}."
            )
    busiest = max(per_service, key=lambda row: (row.received, row.service.name), default=None)
    if busiest is not None and busiest.received:
        sentences.append(
            f"{busiest.service.name} was the busiest service ({formats.count(busiest.received)} requests)."
        )
    single = [row.service.name for row in covers if row.single_point]
    if single:
        named = ", ".join(single[:5]) + (f" and {len(single) - 5} more" if len(single) > 5 else "")
        sentences.append(
            f"{len(single)} {'service depends' if len(single) == 1 else 'services depend'} on a single agent: {named}."
        )
    else:
        sentences.append("No service depends on a single agent.")
    return sentences


def build(month: date) -> Pack:
    """The pack for the UK calendar month beginning `month`."""
    filters = periods.Filters.calendar_month(month)
    goals = targets.current()
    counted = figures.count_requests(filters)
    compared = targets.compare(filters, goals, counted)
    per_service = figures.per_service(filters, counted=counted)
    covers = resilience.services(filters.now)
    return Pack(
        month=filters.month or month,
        filters=filters,
        goals=goals,
        summary=_summary(month, compared, per_service, covers),
        requests=figures.request_figures(filters, counted),
        compared=compared,
        per_service=per_service,
        ideas=ideas_and_knowledge.ideas_figures(filters),
        covers=covers,
        categories=resilience.categories(),
    )


# --- Who receives it, and sending it once a month -------------------------------------------------


def recipients() -> list[User]:
    return list(
        db.session.scalars(select(User).join(PackRecipient, PackRecipient.user_id == User.id).order_by(User.name))
    )


def set_recipients(actor: User, addresses: str) -> list[User]:
    """Name the people who receive the pack, by their email addresses (one a line, or separated
    by commas): each must be an active person here, else a message on the field."""
    wanted = [address.strip().lower() for address in re.split(r"[\s,;]+", addresses) if address.strip()]
    people = {
        person.email.lower(): person
        for person in db.session.scalars(select(User).where(func.lower(User.email).in_(wanted)))
    }
    unknown = [address for address in wanted if address not in people or not people[address].active]
    if unknown:
        raise FieldError("recipients", f"Nobody active here has the email address {unknown[0]}")
    if len(wanted) > 200:
        raise FieldError("recipients", "Name at most 200 people")
    db.session.execute(delete(PackRecipient))
    chosen = {people[address].id: people[address] for address in wanted}
    db.session.add_all(PackRecipient(user_id=person_id, added_at=clock.now()) for person_id in chosen)
    db.session.flush()
    audit.record(actor, "pack_recipients_set", None, recipients=len(chosen))
    return sorted(chosen.values(), key=lambda person: person.name)


def archived() -> list[MonthlyPack]:
    return list(
        db.session.scalars(select(MonthlyPack).options(defer(MonthlyPack.html)).order_by(MonthlyPack.month.desc()))
    )


def render_document(built: Pack, sent_at: datetime) -> str:
    """The pack as a page of its own, to keep: no links to the queue, nothing of who is reading."""
    return render_template(
        "dashboard/pack_document.html",
        pack=built,
        sent_at=sent_at,
        one_day=timedelta(days=1),
        printing=True,
        formats=formats,
        targets=targets,
        charts=charts,
        queue_link=lambda service: None,
        statuses=tuple(IdeaStatus),
        status_labels=STATUS_LABELS,
    )


def pdf(document: str) -> bytes:
    """The pack's page as a tagged PDF (PDF/UA-1: headings, tables and reading order kept for
    screen readers, as far as WeasyPrint goes). Imported here, not at the top: WeasyPrint needs
    Debian's Pango (`make system-packages`), and the rest of Staffroom runs without it."""
    from weasyprint import HTML  # type: ignore[import-untyped]  # noqa: PLC0415  see above

    return HTML(string=document).write_pdf(pdf_variant="pdf/ua-1") or b""


def email_body(person: User, built: Pack, link: str, kept: str) -> str:
    """The pack's email, in the plain text its HTML part is made from (app/mail.py, the GOV.UK
    Notify style: paragraphs, a list, links, and the small print after "--"): the summary in
    words, where to read the whole pack and its PDF, and why the person gets it."""
    first_name = person.name.split(" ")[0]
    settings = mail.absolute_url(url_for("home.notice_settings"))
    lines = [
        f"Dear {first_name},",
        "",
        f"The monthly performance pack for {built.month:%B %Y} is ready. In summary:",
        "",
        *(f"- {sentence}" for sentence in built.summary),
        "",
        f"Read the whole pack: {link}",
        "",
        f"Download it as PDF: {kept}",
        "",
        "--",
        "You get this because a Staffroom administrator named you to receive the monthly performance "
        "pack. To stop receiving it, ask a Staffroom administrator to take you off the list.",
        "",
        f"Choose which other emails Staffroom sends you: {settings}",
    ]
    return "\n".join(lines) + "\n"


def send_monthly(month: date) -> MonthlyPack | None:
    """Email `month`'s pack to the people named, through the outbox, and keep it as sent: once
    per month (None if it was sent already, or someone else is sending it now). The email
    carries the summary in words and links to the pack and its PDF, as plain text and HTML (the
    outbox makes the HTML part). Needs a request context (url_for)."""
    if db.session.scalar(select(MonthlyPack.id).where(MonthlyPack.month == month)) is not None:
        return None
    people = [person for person in recipients() if person.active]
    built = build(month)
    now = clock.now()
    sent = MonthlyPack(
        month=month,
        sent_at=now,
        recipients=len(people),
        summary="\n".join(built.summary),
        html=render_document(built, now),
    )
    try:
        with db.session.begin_nested():  # a second run at the same moment loses on the unique month
            db.session.add(sent)
    except IntegrityError:
        return None
    link = mail.absolute_url(url_for("dashboard.pack_view", month=month.isoformat()[:7]))
    kept = mail.absolute_url(url_for("dashboard.archived_pack", month=month.isoformat()[:7], kind="pdf"))
    for person in people:
        mail.queue(person.email, built.title, email_body(person, built, link, kept))
    db.session.flush()
    return sent
