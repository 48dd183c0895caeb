"""The open performance dashboard: requests and SLAs, demand patterns, ideas and benefits,
knowledge; figures per person for managers. Filters live in the URL, so a view can be shared."""
from datetime import timedelta

from flask import Response, abort, current_app, request, url_for
from flask_login import current_user
from sqlalchemy import select

from app import audit, policy
from app.csv_export import to_csv
from app.dashboard import bp, charts, figures
from app.extensions import cache, db
from app.htmx import render
from app.models import Service, Team
from app.models.idea import IDEA_STATUSES, STATUS_LABELS
from app.working_time import calendar

SECTIONS = [("dashboard.requests", "Requests"), ("dashboard.demand", "Demand"), ("dashboard.ideas", "Ideas"),
            ("dashboard.knowledge", "Knowledge")]


def _filters() -> figures.Filters:
    period = request.args.get("period", figures.DEFAULT_PERIOD)
    team_id = request.args.get("team", type=int)
    service_id = request.args.get("service", type=int)
    teams = {team.id for team in _teams()}
    filters = figures.Filters(period=period if period in figures.PERIODS else figures.DEFAULT_PERIOD,
                              team_id=team_id if team_id in teams else None,
                              service_id=service_id if service_id and db.session.get(Service, service_id) else None)
    _drop_service_of_another_team(filters)
    return filters


def _drop_service_of_another_team(filters) -> None:
    """A service chosen, then another team (the form sends both): the service list offers only
    the team's services, so one of another team's is dropped rather than shown (or failed on)."""
    if filters.service_id and filters.team_id and db.session.get(Service, filters.service_id).team_id != filters.team_id:
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
    endpoint = request.endpoint
    teams = _teams()
    return render(
        "dashboard/page.html", "dashboard/_body.html", title=title, filters=filters,
        announce=f"{title}: figures for {figures.PERIODS[filters.period][0].lower()} shown",
        periods=figures.PERIODS, teams=teams, services=_services(filters), sections=SECTIONS,
        endpoint=endpoint, content_template=content_template, charts=charts,
        printing=bool(request.args.get("print")), minutes_per_day=calendar().minutes_per_day,
        link=lambda target=None, **changes: url_for(target or endpoint, **filters.args(**changes)),
        csv_link=lambda table: url_for("dashboard.export", table=table, **filters.args()),
        # The link only where the page answers: a team of Business Support whose figures they may see.
        can_see_people=any(policy.can_view_agent_figures(current_user, team) for team in teams), **context)


def _shared(section: str, filters, compute):
    """The section's figures for these filters, computed at most once every
    DASHBOARD_CACHE_SECONDS and shared by everyone who looks (they do not depend on who asks),
    with the time they were computed, which the page shows."""
    seconds = current_app.config["DASHBOARD_CACHE_SECONDS"]
    if not seconds:
        return compute(), filters.now
    key = f"dashboard:{section}:{filters.period}:{filters.team_id}:{filters.service_id}"
    found = cache.get(key)
    if found is None or filters.now - found[1] >= timedelta(seconds=seconds):  # by the app's clock
        found = (compute(), filters.now)
        cache.set(key, found, timeout=seconds)
    return found


@bp.route("")
def requests():
    filters = _filters()
    (totals, per_service), as_at = _shared("requests", filters, lambda: (figures.request_figures(filters),
                                                                          figures.per_service(filters)))
    return _page("dashboard/_requests.html", filters, title="Requests and service levels", figures_=totals,
                 per_service=per_service, as_at=as_at)


@bp.route("/demand")
def demand():
    filters = _filters()
    found, as_at = _shared("demand", filters, lambda: figures.demand(filters))
    return _page("dashboard/_demand.html", filters, title="Demand patterns", demand=found, as_at=as_at, weekdays=figures.WEEKDAYS,
                 months=figures.MONTHS, month_labels=[month[:3] for month in figures.MONTHS],
                 year_series=[(str(year), found.by_month[year]) for year in found.years],
                 month_headers=[month.strftime("%b %Y") for month in found.months])


@bp.route("/ideas")
def ideas():
    filters = _filters()
    found, as_at = _shared("ideas", filters, lambda: figures.ideas_figures(filters))
    return _page("dashboard/_ideas.html", filters, title="Ideas and benefits", ideas=found, as_at=as_at, statuses=IDEA_STATUSES,
                 status_labels=STATUS_LABELS)


@bp.route("/knowledge")
def knowledge():
    filters = _filters()
    return _page("dashboard/_knowledge.html", filters, title="Knowledge", knowledge=figures.knowledge_figures(current_user, filters))


@bp.route("/people")
def people():
    """The same figures per person: managers of the team and admins only."""
    filters = _filters()
    teams = [team for team in _teams() if policy.can_view_agent_figures(current_user, team)]
    if not teams:
        policy.deny()
    team = next((item for item in teams if item.id == filters.team_id), None) or \
        next((item for item in teams if item.id == current_user.team_id), teams[0])
    filters.team_id = team.id  # the figures, and the CSV link, are for this team
    _drop_service_of_another_team(filters)
    return _page("dashboard/_people.html", filters, title=f"Figures per person: {team.name}", team=team, people_teams=teams,
                 rows=figures.per_agent(team, filters))


def _export_rows(table: str, filters):
    """(file name, header, rows) for each table the dashboard shows."""
    if table == "trend":
        data = figures.trend(filters)
        return ("requests-trend", ["Period starting", "Received", "Resolved", "Resolved within target", "% within target"],
                [(row["start"].isoformat(), row["received"], row["resolved"], row["within_target"],
                  row["compliance"] if row["compliance"] is not None else "") for row in data])
    if table == "services":
        return ("requests-by-service", ["Service", "Target (working days)", "Received", "Resolved",
                                        "Resolved within target", "% within target", "Median (working days)"],
                [(row["service"].name, row["target_days"], row["received"], row["resolved"], row["within_target"],
                  "" if row["compliance"] is None else row["compliance"],
                  "" if row["median_days"] is None else row["median_days"]) for row in figures.per_service(filters)])
    if table == "months":
        data = figures.demand(filters)
        return ("requests-by-month-of-year", ["Month", *data.years],
                [(month, *(data.by_month[year][index] for year in data.years))
                 for index, month in enumerate(figures.MONTHS)])
    if table == "heatmap":
        data = figures.demand(filters)
        return ("requests-by-weekday-and-hour", ["Weekday", *(f"{hour:02d}:00" for hour in range(24))],
                [(day, *data.heatmap[index]) for index, day in enumerate(figures.WEEKDAYS)])
    if table == "ideas":
        data = figures.ideas_figures(filters)
        return ("ideas-by-status", ["Status", "Ideas"],
                [(STATUS_LABELS[status], data["funnel"].get(status, 0)) for status in IDEA_STATUSES])
    if table == "people":
        team = db.session.get(Team, filters.team_id) if filters.team_id else current_user.team
        # As on the page: Business Support teams only (a manager elsewhere has no such figures).
        if team is None or not team.is_business_support or not policy.can_view_agent_figures(current_user, team):
            policy.deny()
        return ("requests-by-person", ["Person", "Open now", "Resolved", "Resolved within target", "% within target",
                                       "Median (working days)"],
                [(row["person"].name if row["person"] else "Not assigned", row["open"], row["resolved"],
                  row["within_target"], "" if row["compliance"] is None else row["compliance"],
                  "" if row["median_days"] is None else row["median_days"]) for row in figures.per_agent(team, filters)])
    return _other_tables(table, filters)


def _blank(value):
    return "" if value is None else value


def _other_tables(table: str, filters):
    """The remaining tables: every table on the dashboard downloads."""
    if table in ("response-times", "ages"):
        data = figures.request_figures(filters)
        if table == "ages":
            return ("open-requests-by-age", ["Age", "Open requests"], data.age_bands)
        return ("response-and-resolution-times", ["Measure", "Median (working minutes)", "90th percentile (working minutes)"],
                [("First response", _blank(data.first_response_median), _blank(data.first_response_p90)),
                 ("Resolution", _blank(data.resolution_median), _blank(data.resolution_p90))])
    if table == "service-months":
        data = figures.demand(filters)
        return ("requests-by-service-and-month", ["Service", *(month.isoformat()[:7] for month in data.months)],
                [(name, *counts) for name, counts in data.by_service])
    if table in ("areas", "benefits-years", "benefits-areas"):
        data = figures.ideas_figures(filters)
        if table == "areas":
            return ("ideas-by-area", ["Area", "Ideas"], data["areas"])
        rows = data["benefits"]["by_year" if table == "benefits-years" else "by_area"]
        return (f"benefits-by-{'year' if table == 'benefits-years' else 'area'}",
                ["Year" if table == "benefits-years" else "Area", "Ideas", "Hours a month", "Pounds a year"], rows)
    knowledge_tables = ("most-read", "most-helpful", "poor-feedback", "overdue", "no-results", "single-points",
                        "unanswered")
    if table in knowledge_tables:
        data = figures.knowledge_figures(current_user, filters, overdue_limit=None)  # the CSV lists them all
        if table == "most-read":
            return ("most-read-articles", ["Article", "Reads"], [(a.title, a.view_count) for a in data["most_read"]])
        if table in ("most-helpful", "poor-feedback"):
            rows = data["most_helpful" if table == "most-helpful" else "poor_feedback"]
            return (f"{table}-articles", ["Article", "Helpful", "Not helpful"], [(a.title, yes, no) for a, yes, no in rows])
        if table == "overdue":
            return ("articles-overdue-for-review", ["Article", "Owner", "Review was due"],
                    [(a.title, a.owner.name, a.review_by.isoformat()) for a in data["overdue"]])
        if table == "no-results":
            return ("searches-with-no-results", ["Search", "Times", "Last searched"],
                    [(query, times, last.isoformat()) for query, times, last in data["no_results"]])
        if table == "unanswered":
            return ("questions-ask-staffroom-could-not-answer", ["Topic", "Times", "Last asked"],
                    [(topic, times, last.isoformat()) for topic, times, last in data["unanswered"]])
        return ("single-points-of-failure", ["Category", "Articles", "Risk", "People"],
                [(row["category"].name, row["articles"], row["risk"], ", ".join(row["people"]))
                 for row in data["single_points"]])
    abort(404)


@bp.route("/<table>.csv")
def export(table: str):
    """Every table as CSV, for the same filters (formula-safe cells)."""
    filters = _filters()
    name, header, rows = _export_rows(table, filters)
    rows = list(rows)
    audit.record(current_user, "csv_exported", None, file=f"{name}.csv", rows=len(rows), period=filters.period,
                 team_id=filters.team_id, service_id=filters.service_id)
    return Response(to_csv(header, rows), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})
