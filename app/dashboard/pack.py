"""The monthly performance pack: every tab's figures for one UK calendar month, with a summary in
words at the front ("Requests rose 12% on November last year; 91% were resolved within target
against a target of 90%; Recruitment is the busiest service"), for councillors and the
portfolio holder to read alone."""

from dataclasses import dataclass
from datetime import date, timedelta

from app import clock
from app.dashboard import figures, formats, ideas_and_knowledge, periods, resilience, targets


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
    """ ", up 12% on November 2025", ", the same as in ...", "; there is no figure for ..." """
    change, earlier = row.change_year, month.replace(year=month.year - 1)
    if change is None:
        return f"; there is no figure for {earlier:%B %Y} to compare with"
    if change == 0:
        return f", the same as in {earlier:%B %Y}"
    return f", {'up' if change > 0 else 'down'} {formats.percent(abs(change))} on {earlier:%B %Y}"


def _summary(month: date, compared: list[targets.Compared], per_service, covers) -> list[str]:
    rows = {row.measure.key: row for row in compared}
    received, compliance, rating = rows["received"], rows["compliance"], rows["average_rating"]
    sentences = [
        f"{formats.number(received.current)} requests came in during {month:%B %Y}{_movement(received, month)}."
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
            f" ({formats.change(row.change_year, row.measure.unit)} on a year earlier)"
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
            f"{busiest.service.name} was the busiest service ({formats.number(busiest.received)} requests)."
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
    compared = targets.compare(filters, goals)
    per_service = figures.per_service(filters)
    covers = resilience.services(filters.now)
    return Pack(
        month=filters.month or month,
        filters=filters,
        goals=goals,
        summary=_summary(month, compared, per_service, covers),
        requests=figures.request_figures(filters),
        compared=compared,
        per_service=per_service,
        ideas=ideas_and_knowledge.ideas_figures(filters),
        covers=covers,
        categories=resilience.categories(),
    )
