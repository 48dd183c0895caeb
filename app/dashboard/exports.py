"""The dashboard's CSV downloads: one Export for each table the pages show, by the name in its URL
(/dashboard/<name>.csv), with its file name, its header row and its rows from the section's figures."""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from flask_login import current_user

from app import policy
from app.dashboard import figures, formats, ideas_and_knowledge, periods, resilience, targets
from app.extensions import db
from app.formatting import number
from app.models import Team
from app.models.idea import STATUS_LABELS, IdeaStatus


@dataclass(frozen=True, slots=True)
class Export:
    """One table as a CSV file: the rows come from the section's figures for the filters asked for."""

    filename: str
    header: Sequence[str] | Callable[[Any], Sequence[str]]  # fixed, or from the figures (a column per year, say)
    rows: Callable[[Any], Iterable[Sequence]]  # the figures -> one sequence of cells per row
    source: Callable[[periods.Filters], Any]  # the filters -> the figures the rows come from
    allowed: Callable[[Any], bool] = policy.can_view_dashboard  # the person -> whether they may download it

    def table(self, filters: periods.Filters) -> tuple[list, list]:
        """The header and the rows for these filters."""
        section_figures = self.source(filters)
        header = self.header(section_figures) if callable(self.header) else self.header
        return list(header), list(self.rows(section_figures))


def _blank(value):
    """A figure as a CSV cell: written by the one number formatter without thousands separators
    ("1234", "66.7", "100" never "100.0"); a missing figure as an empty cell."""
    return "" if value is None else number(value, separators=False)


# --- Requests and service levels ---------------------------------------------------------------


_TIMES = (
    "First response, median",
    "First response, 90th percentile",
    "Resolution, median",
    "Resolution, 90th percentile",
)


def _response_time_rows(requests: figures.RequestFigures) -> list[tuple]:
    return [
        (label, _blank(comparison.current), *formats.comparison_values(comparison))
        for label, comparison in zip(_TIMES, requests.times or ())
    ]


def _trend_rows(trend: list[figures.TrendRow]) -> list[tuple]:
    """As on the screen, with the numbers bare; no figure (before the first request) is an empty
    cell, never 0, and a part period says so."""
    return [
        (
            row.start.isoformat(),
            row.part or "",
            _blank(row.received),
            _blank(row.previous.received if row.previous else None),
            _blank(row.change_previous),
            _blank(row.earlier.received if row.earlier else None),
            _blank(row.change),
            _blank(row.resolved),
            _blank(row.within_target),
            _blank(row.compliance),
        )
        for row in trend
    ]


def _compared(filters: periods.Filters) -> list[targets.Compared]:
    return targets.compare(filters, targets.current())


def _compared_rows(compared: list[targets.Compared]) -> list[tuple]:
    return [
        (
            row.measure.label,
            _blank(row.current),
            *formats.comparison_values(row),
            _blank(row.target),
            targets.STATUS_LABELS[row.status] if row.status else "",
            row.direction or "",
        )
        for row in compared
    ]


def _services(filters: periods.Filters) -> tuple[list[figures.ServiceRow], targets.Targets]:
    return figures.per_service(filters), targets.current()


def _service_rows(source: tuple[list[figures.ServiceRow], targets.Targets]) -> list[tuple]:
    services, goals = source
    rows = []
    for row in services:
        status = targets.status(row.compliance, goals.within_target_percent, targets.CLOSE_POINTS)
        rows.append(
            (
                row.service.name,
                row.target_days,
                row.resolved,
                _blank(row.compliance),
                *formats.comparison_values(row.compliance_compared),
                targets.STATUS_LABELS[status] if status else "",
                _blank(row.median_days),
            )
        )
    return rows


def _service_received_rows(services: list[figures.ServiceRow]) -> list[tuple]:
    return [(row.service.name, row.received, *formats.comparison_values(row.received_compared)) for row in services]


# --- Demand ------------------------------------------------------------------------------------


def _month_of_year_rows(demand: figures.Demand) -> list[tuple]:
    """No figure (before the first request, or a month still to come) is an empty cell, never 0."""
    return [
        (month, *(_blank(demand.by_month[year][index]) for year in demand.years))
        for index, month in enumerate(figures.MONTHS)
    ]


def _weekday_rows(demand: figures.Demand) -> list[tuple]:
    return [(day, *demand.heatmap[index]) for index, day in enumerate(figures.WEEKDAYS)]


# --- Ideas -------------------------------------------------------------------------------------


def _status_rows(ideas: ideas_and_knowledge.IdeasFigures) -> list[tuple]:
    return [
        (STATUS_LABELS[status], ideas.funnel.get(status, 0), *formats.comparison_values(ideas.funnel_compared[status]))
        for status in IdeaStatus
    ]


def _area_rows(ideas: ideas_and_knowledge.IdeasFigures) -> list[tuple]:
    return [
        (area, _blank(comparison.current), *formats.comparison_values(comparison))
        for area, comparison in ideas.areas_compared.items()
    ]


def _decision_rows(ideas: ideas_and_knowledge.IdeasFigures) -> list[tuple]:
    return [
        (label, _blank(comparison.current), *formats.comparison_values(comparison))
        for label, comparison in (
            ("Decisions made", ideas.decisions_compared),
            ("Days to a decision, median", ideas.median_compared),
        )
        if comparison is not None
    ]


# --- Per person --------------------------------------------------------------------------------


def _people_of_the_team(filters: periods.Filters) -> list[figures.PersonRow]:
    """The chosen team's figures per person, or the person's own team's: as on the page, for Business
    Support teams only (a manager elsewhere has no such figures), to their managers and admins."""
    team = db.session.get(Team, filters.team_id) if filters.team_id else current_user.team
    if team is None or not team.is_business_support or not policy.can_view_agent_figures(current_user, team):
        policy.deny()
    return figures.per_agent(team, filters)


def _person_rows(people: list[figures.PersonRow]) -> list[tuple]:
    return [
        (
            row.person.name if row.person else "Not assigned",
            row.open,
            row.resolved,
            *formats.comparison_values(row.resolved_compared),
            _blank(row.compliance),
            *formats.comparison_values(row.compliance_compared),
            _blank(row.median_days),
        )
        for row in people
    ]


# --- Knowledge ---------------------------------------------------------------------------------


def _knowledge(filters: periods.Filters) -> ideas_and_knowledge.KnowledgeFigures:
    return ideas_and_knowledge.knowledge_figures(current_user, filters, overdue_limit=None)  # the CSV lists them all


def _ask_rows(knowledge: ideas_and_knowledge.KnowledgeFigures) -> list[tuple]:
    labels = ("Questions asked", "Answered (%)", "Answered helpfully, of those rated (%)")
    return [
        (label, _blank(comparison.current), *formats.comparison_values(comparison))
        for label, comparison in zip(labels, knowledge.assistant.compared or ())
    ]


def _feedback_rows(articles: list[tuple]) -> list[tuple]:
    return [(article.title, helpful, not_helpful) for article, helpful, not_helpful in articles]


def _dated_rows(counts: list[tuple]) -> list[tuple]:
    """(what, times, when last) with the date as ISO text."""
    return [(what, times, last.isoformat()) for what, times, last in counts]


# --- Resilience (names only to those who may see them, as on the page) ------------------------


def _covers(filters: periods.Filters) -> tuple[list[resilience.ServiceCover], bool]:
    return resilience.services(filters.now), policy.can_see_coverage_names(current_user)


def _service_cover_rows(source: tuple[list[resilience.ServiceCover], bool]) -> list[tuple]:
    covers, names = source
    return [
        (
            row.service.name,
            len(row.agents),
            *((", ".join(row.agents),) if names else ()),
            row.resolved,
            row.articles,
            len(row.authors),
            *((", ".join(row.authors),) if names else ()),
            ", ".join(row.risks) or "Shared",
        )
        for row in covers
    ]


def _category_cover_rows(source: tuple[list[resilience.CategoryCover], bool]) -> list[tuple]:
    categories, names = source
    return [
        (
            row.category.name,
            row.articles,
            row.owners,
            row.authors,
            *((", ".join(row.people),) if names else ()),
            row.risk or "Shared",
        )
        for row in categories
    ]


_BENEFIT_COLUMNS = ("Ideas", "Hours a month", "Pounds a year")
_FEEDBACK_HEADER = ("Article", "Helpful", "Not helpful")

# Every table on the dashboard downloads: the name in the URL -> its export.
EXPORTS: dict[str, Export] = {
    "response-times": Export(
        "response-and-resolution-times.csv",
        ("Measure", "This period (working minutes)", *formats.comparison_header()),
        _response_time_rows,
        figures.request_figures,
    ),
    "compared": Export(
        "figures-against-targets.csv",
        (
            "Figure",
            "This period",
            *formats.comparison_header(),
            "Target",
            "Status",
            "Since the previous period",
        ),
        _compared_rows,
        _compared,
    ),
    "trend": Export(
        "requests-trend.csv",
        (
            "Period starting",
            "Part period",
            "Received",
            *formats.comparison_header(),
            "Resolved",
            "Resolved within target",
            "% within target",
        ),
        _trend_rows,
        figures.trend,
    ),
    "ages": Export(
        "open-requests-by-age.csv",
        ("Age", "Open requests"),
        lambda requests: requests.age_bands,
        figures.request_figures,
    ),
    "services": Export(
        "requests-by-service.csv",
        (
            "Service",
            "Target (working days)",
            "Resolved",
            "Within target (%)",
            *formats.comparison_header("Within target"),
            "Status",
            "Median (working days)",
        ),
        _service_rows,
        _services,
    ),
    "services-received": Export(
        "requests-received-by-service.csv",
        ("Service", "Received", *formats.comparison_header()),
        _service_received_rows,
        figures.per_service,
    ),
    "months": Export(
        "requests-by-month-of-year.csv", lambda demand: ("Month", *demand.years), _month_of_year_rows, figures.demand
    ),
    "heatmap": Export(
        "requests-by-weekday-and-hour.csv",
        ("Weekday", *(f"{hour:02d}:00" for hour in range(24))),
        _weekday_rows,
        figures.demand,
    ),
    "weekdays": Export(
        "requests-by-weekday.csv",
        ("Weekday", "Received", *formats.comparison_header()),
        lambda demand: [
            (day, _blank(comparison.current), *formats.comparison_values(comparison))
            for day, comparison in zip(figures.WEEKDAYS, demand.by_weekday)
        ],
        figures.demand,
    ),
    "service-months": Export(
        "requests-by-service-and-month.csv",
        lambda demand: ("Service", *(month.isoformat()[:7] for month in demand.months)),
        lambda demand: [(service.name, *map(_blank, counts)) for service, counts in demand.by_service],
        figures.demand,
    ),
    "ideas": Export(
        "ideas-by-status.csv",
        ("Status", "Ideas", *formats.comparison_header()),
        _status_rows,
        ideas_and_knowledge.ideas_figures,
    ),
    "areas": Export(
        "ideas-by-area.csv",
        ("Area", "Ideas", *formats.comparison_header()),
        _area_rows,
        ideas_and_knowledge.ideas_figures,
    ),
    "decisions": Export(
        "decisions-on-ideas.csv",
        ("Measure", "This period", *formats.comparison_header()),
        _decision_rows,
        ideas_and_knowledge.ideas_figures,
    ),
    "benefits-years": Export(
        "benefits-by-year.csv",
        ("Year", *_BENEFIT_COLUMNS),
        lambda ideas: ideas.benefits.by_year,
        ideas_and_knowledge.ideas_figures,
    ),
    "benefits-areas": Export(
        "benefits-by-area.csv",
        ("Area", *_BENEFIT_COLUMNS),
        lambda ideas: ideas.benefits.by_area,
        ideas_and_knowledge.ideas_figures,
    ),
    "people": Export(
        "requests-by-person.csv",
        (
            "Person",
            "Open now",
            "Resolved",
            *formats.comparison_header("Resolved"),
            "Within target (%)",
            *formats.comparison_header("Within target"),
            "Median (working days)",
        ),
        _person_rows,
        _people_of_the_team,
    ),
    "most-read": Export(
        "most-read-articles.csv",
        ("Article", "Reads"),
        lambda knowledge: [(article.title, article.view_count) for article in knowledge.most_read],
        _knowledge,
    ),
    "ask": Export(
        "ask-staffroom.csv",
        ("Measure", "This period", *formats.comparison_header()),
        _ask_rows,
        _knowledge,
    ),
    "most-helpful": Export(
        "most-helpful-articles.csv",
        _FEEDBACK_HEADER,
        lambda knowledge: _feedback_rows(knowledge.most_helpful),
        _knowledge,
    ),
    "poor-feedback": Export(
        "poor-feedback-articles.csv",
        _FEEDBACK_HEADER,
        lambda knowledge: _feedback_rows(knowledge.poor_feedback),
        _knowledge,
    ),
    "overdue": Export(
        "articles-overdue-for-review.csv",
        ("Article", "Owner", "Review was due"),
        lambda knowledge: [
            (article.title, article.owner.name, article.review_by.isoformat()) for article in knowledge.overdue
        ],
        _knowledge,
    ),
    "no-results": Export(
        "searches-with-no-results.csv",
        ("Search", "Times", "Last searched"),
        lambda knowledge: _dated_rows(knowledge.no_results),
        _knowledge,
        allowed=policy.can_view_content_gaps,
    ),
    "unanswered": Export(
        "questions-ask-staffroom-could-not-answer.csv",
        ("Topic", "Times", "Last asked"),
        lambda knowledge: _dated_rows(knowledge.unanswered),
        _knowledge,
        allowed=policy.can_view_content_gaps,
    ),
    "resilience-services": Export(
        "single-points-of-failure-services.csv",
        lambda source: (
            "Service",
            "Agents (90 days)",
            *(("Who",) if source[1] else ()),
            "Resolved (90 days)",
            "Articles",
            "Authors",
            *(("Written by",) if source[1] else ()),
            "Risk",
        ),
        _service_cover_rows,
        _covers,
        allowed=policy.can_view_knowledge_coverage,
    ),
    "resilience-categories": Export(
        "single-points-of-failure-knowledge.csv",
        lambda source: (
            "Category",
            "Published articles",
            "Owners",
            "Authors",
            *(("Owned by",) if source[1] else ()),
            "Risk",
        ),
        _category_cover_rows,
        lambda filters: (resilience.categories(), policy.can_see_coverage_names(current_user)),
        allowed=policy.can_view_knowledge_coverage,
    ),
}
