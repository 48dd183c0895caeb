"""The open performance dashboard: requests and SLAs, demand patterns, ideas and benefits,
knowledge; figures per person for managers. Filters live in the URL, so a view can be shared."""

from datetime import timedelta

from flask import Response, abort, current_app, flash, request, url_for
from flask_login import current_user
from sqlalchemy import select

from app import clock, csv_export, policy, shared_cache
from app.dashboard import (
    bp,
    charts,
    exports,
    figures,
    formats,
    ideas_and_knowledge,
    pack,
    periods,
    resilience,
    targets,
)
from app.dashboard.forms import TargetsForm
from app.extensions import db
from app.forms import redisplays_form
from app.htmx import redirect_to, render, render_form
from app.models import MonthlyPack, Service, Team
from app.models.idea import STATUS_LABELS, IdeaStatus
from app.service_requests import queue
from app.validation import FieldError
from app.working_time import calendar

SECTIONS = [
    ("dashboard.requests", "Requests"),
    ("dashboard.demand", "Demand"),
    ("dashboard.ideas", "Ideas"),
    ("dashboard.knowledge", "Knowledge"),
]
# The sections whose figures the team and service filters change (the others offer only the period).
SCOPED = {"dashboard.requests", "dashboard.demand", "dashboard.people"}
# The sections no filter changes (a fixed window): no filter form at all.
UNFILTERED = {"dashboard.resilience_view"}


def _filters() -> periods.Filters:
    period = request.args.get("period", periods.DEFAULT_PERIOD)
    team_id = request.args.get("team", type=int)
    service_id = request.args.get("service", type=int)
    teams = {team.id for team in _teams()}
    filters = periods.Filters(
        period=period if period in periods.PERIODS else periods.DEFAULT_PERIOD,
        team_id=team_id if team_id in teams else None,
        service_id=service_id if service_id and db.session.get(Service, service_id) else None,
    )
    _drop_service_of_another_team(filters)
    return filters


def _drop_service_of_another_team(filters) -> None:
    """A service chosen, then another team (the form sends both): the service list offers only
    the team's services, so one of another team's is dropped rather than shown (or failed on)."""
    if not (filters.service_id and filters.team_id):
        return
    service = db.session.get(Service, filters.service_id)
    if service is None or service.team_id != filters.team_id:
        filters.service_id = None


def _teams() -> list[Team]:
    return list(db.session.scalars(select(Team).where(Team.is_business_support.is_(True)).order_by(Team.name)))


def _services(filters) -> list[Service]:
    statement = select(Service).order_by(Service.name)
    if filters.team_id:
        statement = statement.where(Service.team_id == filters.team_id)
    return list(db.session.scalars(statement))


def _page(content_template: str, filters, *, title: str, **context):
    """The dashboard page around one section: the fragment alone when htmx applies a filter."""
    endpoint = request.endpoint or "dashboard.requests"  # always the view's own, in a request
    teams = _teams()
    return render(
        "dashboard/page.html",
        "dashboard/_body.html",
        title=title,
        filters=filters,
        announce=f"{title}: figures for {periods.PERIODS[filters.period][0].lower()} shown",
        periods=periods.PERIODS,
        teams=teams,
        services=_services(filters),
        sections=SECTIONS,
        endpoint=endpoint,
        content_template=content_template,
        scoped=endpoint in SCOPED,
        filtered=endpoint not in UNFILTERED,
        charts=charts,
        formats=formats,
        targets=targets,
        printing=bool(request.args.get("print")),
        minutes_per_day=calendar().minutes_per_day,
        one_day=timedelta(days=1),
        link=lambda target=None, **changes: url_for(target or endpoint, **filters.args(**changes)),
        queue_link=_queue_link(),
        csv_link=lambda table: url_for("dashboard.export", table=table, **filters.args()),
        # The link only where the page answers: a team of Business Support whose figures they may see.
        can_see_people=any(policy.can_view_agent_figures(current_user, team) for team in teams),
        can_see_resilience=policy.can_view_knowledge_coverage(current_user),
        **context,
    )


def _queue_link():
    """service -> the queue filtered to its requests, for those who may open that team's queue
    (None for everyone else)."""
    teams = {team.id for team in queue.teams_for(current_user)} if policy.can_view_queue(current_user) else set()

    def link(service) -> str | None:
        if service.team_id not in teams:
            return None
        return url_for("service_requests.team_queue", team=service.team_id, service=service.slug, status="all")

    return link


# Part of every key: bump it when the figures' dataclasses change, so that during a rolling deploy
# neither release reads the other's figures (they are pickled).
FIGURES_VERSION = 1


def _shared(section: str, filters, compute):
    """The section's figures for these filters, computed at most once every
    DASHBOARD_CACHE_SECONDS and shared by everyone who looks (they do not depend on who asks),
    with the time they were computed, which the page shows. Shared by every worker of every host
    through Redis when REDIS_URL is set, else kept by each worker (app/shared_cache.py)."""
    seconds = current_app.config["DASHBOARD_CACHE_SECONDS"]
    if not seconds:
        return compute(), filters.now
    key = f"dashboard:v{FIGURES_VERSION}:{section}:{filters.period}:{filters.team_id}:{filters.service_id}"
    computed = shared_cache.get(key)  # (figures, when computed)
    if computed is None or filters.now - computed[1] >= timedelta(seconds=seconds):  # by the app's clock
        computed = (compute(), filters.now)
        shared_cache.put(key, computed, timeout=seconds)
    return computed


@bp.route("")
def requests():
    filters = _filters()
    goals = targets.current()

    def compute():
        counted = figures.count_requests(filters)  # once, for every figure of the tab and its comparisons
        return (
            figures.request_figures(filters, counted),
            figures.per_service(filters, counted=counted),
            targets.compare(filters, goals, counted),
        )

    (totals, per_service, compared), as_at = _shared(
        f"requests:{goals.within_target_percent}:{goals.satisfaction}",  # statuses depend on the targets
        filters,
        compute,
    )
    return _page(
        "dashboard/_requests.html",
        filters,
        title="Requests and service levels",
        figures_=totals,
        per_service=per_service,
        compared=compared,
        goals=goals,
        as_at=as_at,
    )


@bp.route("/demand")
def demand():
    filters = _filters()
    demand_figures, as_at = _shared("demand", filters, lambda: figures.demand(filters))
    return _page(
        "dashboard/_demand.html",
        filters,
        title="Demand patterns",
        demand=demand_figures,
        as_at=as_at,
        weekdays=figures.WEEKDAYS,
        months=figures.MONTHS,
        month_labels=[month[:3] for month in figures.MONTHS],
        year_series=[(str(year), demand_figures.by_month[year]) for year in demand_figures.years],
        month_headers=[month.strftime("%b %Y") for month in demand_figures.months],
    )


@bp.route("/ideas")
def ideas():
    filters = _filters()
    ideas_figures, as_at = _shared("ideas", filters, lambda: ideas_and_knowledge.ideas_figures(filters))
    return _page(
        "dashboard/_ideas.html",
        filters,
        title="Ideas and benefits",
        ideas=ideas_figures,
        as_at=as_at,
        statuses=tuple(IdeaStatus),
        status_labels=STATUS_LABELS,
    )


@bp.route("/knowledge")
def knowledge():
    filters = _filters()
    return _page(
        "dashboard/_knowledge.html",
        filters,
        title="Knowledge",
        knowledge=ideas_and_knowledge.knowledge_figures(current_user, filters),
    )


@bp.route("/resilience")
@policy.requires(policy.can_view_knowledge_coverage)
def resilience_view():
    """Single points of failure: services and knowledge that depend on one person (names only
    to managers and admins)."""
    filters = _filters()
    (services, categories), as_at = _shared(
        "resilience", filters, lambda: (resilience.services(filters.now), resilience.categories())
    )
    return _page(
        "dashboard/_resilience.html",
        filters,
        title="Resilience: single points of failure",
        covers=services,
        categories=categories,
        names=policy.can_see_coverage_names(current_user),
        as_at=as_at,
    )


@bp.route("/people")
def people():
    """The same figures per person: managers of the team and admins only."""
    filters = _filters()
    teams = [team for team in _teams() if policy.can_view_agent_figures(current_user, team)]
    if not teams:
        policy.deny()
    team = next((team for team in teams if team.id == filters.team_id), None) or next(
        (team for team in teams if team.id == current_user.team_id), teams[0]
    )
    filters.team_id = team.id  # the figures, and the CSV link, are for this team
    _drop_service_of_another_team(filters)
    return _page(
        "dashboard/_people.html",
        filters,
        title=f"Figures per person: {team.name}",
        caption="Business Support performance: the team’s managers and administrators only",
        team=team,
        people_teams=teams,
        rows=figures.per_agent(team, filters),
    )


@bp.route("/pack")
def pack_view():
    """The monthly performance pack for a month (the last whole one unless chosen): every tab's
    figures and a summary in words, to read on screen or print."""
    last = pack.last_complete_month()
    month = pack.parse_month(request.args.get("month")) or last
    months = [last]
    while len(months) < 24:
        months.append((months[-1] - timedelta(days=1)).replace(day=1))
    return render(
        "dashboard/pack.html",
        None,
        pack=pack.build(month),
        archived=pack.archived(),
        months=months,
        one_day=timedelta(days=1),
        printing=bool(request.args.get("print")),
        formats=formats,
        targets=targets,
        charts=charts,
        queue_link=_queue_link(),
        statuses=tuple(IdeaStatus),
        status_labels=STATUS_LABELS,
    )


@bp.route("/pack.pdf")
def pack_pdf():
    """The monthly pack for a month (the last whole one unless chosen) as a tagged PDF, as of now."""
    month = pack.parse_month(request.args.get("month")) or pack.last_complete_month()
    document = pack.render_document(pack.build(month), clock.now())
    return Response(
        pack.pdf(document),
        mimetype="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="performance-pack-{month.isoformat()[:7]}.pdf"'},
    )


@bp.route("/packs/<month>.<kind>")
def archived_pack(month: str, kind: str):
    """A monthly pack as it was sent, to download: the page, or the same as PDF."""
    first = pack.parse_month(month)
    sent = db.session.scalar(select(MonthlyPack).where(MonthlyPack.month == first)) if first else None
    if sent is None or kind not in ("html", "pdf"):
        abort(404)
    body, mimetype = (pack.pdf(sent.html), "application/pdf") if kind == "pdf" else (sent.html, "text/html")
    return Response(
        body,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="performance-pack-{month}.{kind}"'},
    )


@bp.route("/targets", methods=["GET", "POST"])
@policy.requires(policy.can_set_performance_targets)
@redisplays_form
def set_targets():
    goals = targets.current()
    form = TargetsForm(
        data={
            "within_target_percent": f"{goals.within_target_percent:g}",
            "satisfaction": f"{goals.satisfaction:g}",
            "recipients": "\n".join(person.email for person in pack.recipients()),
        }
        if request.method == "GET"
        else None
    )
    if form.validate_on_submit():
        try:
            targets.set_targets(
                current_user,
                within_target_percent=form.within_target_percent.data or "",
                satisfaction=form.satisfaction.data or "",
            )
            pack.set_recipients(current_user, form.recipients.data or "")
        except FieldError as error:
            form.show(error)
        else:
            flash("Targets saved. The dashboard measures against them from now on.", "success")
            return redirect_to(url_for("dashboard.requests"))
    return render_form("dashboard/targets.html", form, thresholds=targets.THRESHOLDS)


@bp.route("/<table>.csv")
def export(table: str):
    """Every table as CSV, for the same filters (formula-safe cells)."""
    filters = _filters()
    if table not in exports.EXPORTS:
        abort(404)
    table_export = exports.EXPORTS[table]
    if not table_export.allowed(current_user):
        policy.deny()
    header, rows = table_export.table(filters)
    return csv_export.download(
        table_export.filename,
        header,
        rows,
        audit_details={
            "rows": len(rows),
            "period": filters.period,
            "team_id": filters.team_id,
            "service_id": filters.service_id,
        },
    )
