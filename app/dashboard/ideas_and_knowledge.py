"""The dashboard's figures on ideas (by status and area, time to a decision, the benefits register)
and knowledge (reading, feedback, gaps, Ask Staffroom), computed in SQL."""

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import defer

from app import clock, policy
from app.assistant import services as assistant
from app.dashboard import figures, periods
from app.dashboard.aggregates import percentiles_each
from app.dashboard.figures import Comparison
from app.extensions import db
from app.ideas import services as ideas
from app.kb import community as kb_community
from app.kb import gaps
from app.models import Article, ArticleStatus, AskedQuestion, Idea, IdeaStatus, IdeaStatusChange, Team


def _days_between(start, end):
    if db.engine.dialect.name == "postgresql":
        return func.extract("epoch", end - start) / 86400.0
    return func.julianday(end) - func.julianday(start)


DECISIONS = (IdeaStatus.PLANNED, IdeaStatus.NOT_TAKEN_FORWARD, IdeaStatus.DUPLICATE)


@dataclass(frozen=True, slots=True)
class BenefitTotals:
    """The benefits register: (year or area, ideas, hours a month, pounds a year) rows, and in all."""

    by_year: list[tuple[int, int, float, int]]  # the latest year first
    by_area: list[tuple[str, int, float, int]]
    total: tuple[int, float, int]  # (ideas, hours a month, pounds a year)


@dataclass(frozen=True, slots=True)
class IdeasFigures:
    """Ideas posted in the period by status and area, how long decisions took, and the benefits;
    each period figure also compared with the period before and a year earlier."""

    funnel: dict[str, int]  # status -> ideas posted in the period that are at it now
    areas: list[tuple[str, int]]  # (area, ideas posted in the period), most first
    decisions: int
    median_days_to_decision: float | None
    benefits: BenefitTotals
    funnel_compared: dict[str, Comparison] = field(default_factory=dict)  # status -> its comparison
    areas_compared: dict[str, Comparison] = field(default_factory=dict)  # area -> its comparison
    decisions_compared: Comparison | None = None
    median_compared: Comparison | None = None


def _first(column) -> date | None:
    """The UK date of the first row there is: before it, no figures rather than noughts."""
    first = db.session.scalar(select(func.min(column)))
    return first.astimezone(clock.UK).date() if first is not None else None


def _covers(filters: periods.Filters, column) -> tuple[str, str]:
    first = _first(column)
    return figures.coverage(filters.previous(), first), figures.coverage(filters.year_earlier(), first)


def ideas_figures(filters: periods.Filters) -> IdeasFigures:
    """The funnel (ideas by status), ideas per area, and days from posting to a decision, for the
    period, the period before and a year earlier; the benefits register (all time)."""
    windows = filters.with_comparisons()
    each = _ideas_in_each(windows)
    (funnel, areas, decisions, median), before, year = (
        each[windows.index(window)] for window in (filters, filters.previous(), filters.year_earlier())
    )
    covers = _covers(filters, Idea.created_at)
    area_names = [name for name, _ in areas] + sorted(
        ({name for name, _ in before[1]} | {name for name, _ in year[1]}) - {name for name, _ in areas}
    )
    totals = ideas.benefit_totals()
    return IdeasFigures(
        funnel=funnel,
        areas=areas,
        decisions=decisions,
        median_days_to_decision=median,
        benefits=BenefitTotals(by_year=totals["by_year"], by_area=totals["by_area"], total=totals["total"]),
        funnel_compared={
            status: figures.compared(
                funnel.get(status, 0), before[0].get(status, 0), year[0].get(status, 0), "count", covers
            )
            for status in IdeaStatus
        },
        areas_compared={
            name: figures.compared(
                dict(areas).get(name, 0), dict(before[1]).get(name, 0), dict(year[1]).get(name, 0), "count", covers
            )
            for name in area_names
        },
        decisions_compared=figures.compared(decisions, before[2], year[2], "count", covers),
        median_compared=figures.compared(median, before[3], year[3], "days", covers),
    )


PeriodIdeas = tuple[dict[str, int], list[tuple[str, int]], int, float | None]


def _ideas_in_each(windows: list[periods.Filters]) -> list[PeriodIdeas]:
    """(ideas by status, ideas by area (most first), decisions, median days to a decision) in each
    window: the funnel and the areas each in one small grouped query over all the windows (grouped
    on which windows a row is in), the decisions a query a window."""
    posted = [periods.within(Idea.created_at, window) for window in windows]
    funnels: list[dict[str, int]] = [{} for _ in windows]
    for status, *flags, count in db.session.execute(
        select(Idea.status, *posted, func.count()).where(or_(*posted)).group_by(Idea.status, *posted)
    ):
        for index, in_window in enumerate(flags):
            if in_window:
                funnels[index][status] = funnels[index].get(status, 0) + count
    area = func.coalesce(Team.name, "Council-wide")  # the same expression in SELECT and GROUP BY
    by_area: list[dict[str, int]] = [{} for _ in windows]
    for name, *flags, count in db.session.execute(
        select(area, *posted, func.count())
        .select_from(Idea)
        .outerjoin(Team, Team.id == Idea.area_team_id)
        .where(or_(*posted))
        .group_by(area, *posted)
    ):
        for index, in_window in enumerate(flags):
            if in_window:
                by_area[index][name] = by_area[index].get(name, 0) + count
    decided = (
        select(IdeaStatusChange.idea_id, func.min(IdeaStatusChange.created_at).label("decided_at"))
        .where(IdeaStatusChange.to_status.in_(DECISIONS))
        .group_by(IdeaStatusChange.idea_id)
        .subquery()
    )
    waits = (
        select(_days_between(Idea.created_at, decided.c.decided_at).label("days"), decided.c.decided_at)
        .join(decided, decided.c.idea_id == Idea.id)
        .subquery()
    )
    # How many decisions, and the median wait, in each window.
    decisions = percentiles_each(
        waits.c.days, (0.5,), [periods.within(waits.c.decided_at, window) for window in windows]
    )
    return [
        (
            funnels[index],
            sorted(by_area[index].items(), key=lambda item: (-item[1], item[0])),
            decisions[index].count,
            _rounded_days(decisions[index].percentiles[0]),
        )
        for index in range(len(windows))
    ]


def _rounded_days(days) -> float | None:
    return round(float(days), 1) if days is not None else None


@dataclass(frozen=True, slots=True)
class AssistantFigures:
    """Ask Staffroom in the period: questions asked and answered, answers rated and found helpful."""

    asked: int
    answered: int
    rated: int
    helped: int
    answered_share: float | None
    helpful_share: float | None
    # asked, % answered, % answered helpfully: compared with the period before and a year earlier
    compared: tuple[Comparison, Comparison, Comparison] | None = None


@dataclass(frozen=True, slots=True)
class KnowledgeFigures:
    """What is read and found helpful, the knowledge gaps, Ask Staffroom (single points of failure
    are on the Resilience tab, resilience.py)."""

    most_read: list[Article]
    most_helpful: list[tuple[Article, int, int]]  # (article, helpful, not helpful)
    poor_feedback: list[tuple[Article, int, int]]
    overdue: list[Article]  # the longest overdue first
    overdue_count: int  # in all, however many `overdue` shows
    no_results: list[tuple[str, int, datetime]]  # (search, times, last searched)
    assistant: AssistantFigures
    unanswered: list[tuple[str, int, datetime]]  # (topic, times, last asked)


def knowledge_figures(user, filters: periods.Filters, *, overdue_limit: int | None = 20) -> KnowledgeFigures:
    """Most read and most helpful articles, poor feedback, overdue reviews (the longest overdue
    `overdue_limit`, and how many in all), searches that found nothing, and Ask Staffroom:
    questions answered, answered helpfully, and what it could not answer."""
    most_read = list(
        db.session.scalars(
            select(Article)
            .options(defer(Article.body))
            .where(Article.status == ArticleStatus.PUBLISHED)
            .order_by(Article.view_count.desc(), Article.title)
            .limit(10)
        )
    )
    days = max(1, (filters.now - filters.start).days)
    sees_gaps = policy.can_view_content_gaps(user)  # what staff typed: not for everyone
    return KnowledgeFigures(
        most_read=most_read,
        most_helpful=kb_community.most_helpful(user, limit=10),
        poor_feedback=kb_community.poor_feedback(limit=10),
        overdue=gaps.overdue_reviews(limit=overdue_limit),
        overdue_count=gaps.overdue_review_count(),
        no_results=gaps.searches_without_results(days, limit=20) if sees_gaps else [],
        assistant=_assistant_figures(filters),
        unanswered=gaps.unanswered_topics(since=filters.start, limit=20) if sees_gaps else [],
    )


def _assistant_figures(filters: periods.Filters) -> AssistantFigures:
    """Ask Staffroom in the period, compared with the period before and a year earlier."""
    now = assistant.figures(filters.start, filters.now)
    before, year = filters.earlier(lambda period: assistant.figures(period.start, period.now))
    covers = _covers(filters, AskedQuestion.asked_at)

    def share(figures_: dict, key: str) -> float | None:
        return None if figures_[key] is None else round(100 * figures_[key], 1)

    return AssistantFigures(
        **now,
        compared=(
            figures.compared(now["asked"], before["asked"], year["asked"], "count", covers),
            figures.compared(
                share(now, "answered_share"),
                share(before, "answered_share"),
                share(year, "answered_share"),
                "percent",
                covers,
            ),
            figures.compared(
                share(now, "helpful_share"),
                share(before, "helpful_share"),
                share(year, "helpful_share"),
                "percent",
                covers,
            ),
        ),
    )
