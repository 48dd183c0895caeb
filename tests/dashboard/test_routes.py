"""The dashboard pages over the fixed dataset (tests/dashboard/dataset.py; the arithmetic behind
each figure is in test_figures.py): every page open to all staff with its figures in the page's
words, filters in the URL reflected in the form and the figures, the htmx fragment, the printable
view, the per-person page for the team's managers and admins only, and CSV downloads matching
the pages (formula-safe)."""

import csv
import html
import io
import re

import pytest

from app import clock
from tests.conftest import page_text
from tests.dashboard.dataset import NOW, build, build_ideas
from tests.factories import make_service, make_team, make_user, signed_in_client
from tests.service_requests.helpers import london, raise_request

FOUR_WEEKS = "period=4w"


@pytest.fixture
def data(app):
    return build()


@pytest.fixture
def at_now(app):
    """Requests, and signing in, at Monday 27 April 2026 12:00 BST."""
    with clock.fixed(NOW) as time:
        yield time


@pytest.fixture
def staff_browser(app, data, at_now):
    return signed_in_client(app, make_user(name="Sam Staff"))


def rows_of(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    return list(csv.reader(io.StringIO(response.get_data(as_text=True))))


def markup(response) -> str:
    return html.unescape(response.get_data(as_text=True))


# --- Every page, for everyone ---------------------------------------------------------------------


def test_the_requests_page_shows_the_figures_to_staff(staff_browser):
    response = staff_browser.get(f"/dashboard?{FOUR_WEEKS}")
    assert response.status_code == 200
    text = page_text(response)
    assert "Requests and service levels Last 4 weeks to 27 April 2026." in text
    for figure in (
        "7 requests received",
        "3 resolved",
        "66.7% resolved within target (2 of 3) target 90%: Missed",
        "5 open now",
        "3.33 out of 5 satisfaction (3 ratings) target 4: Missed",
        "2 answered by guidance, with no request",
    ):
        assert figure in text
    # First response: median 45 minutes = 0.75 → 0.8 hours; p90 195 minutes = 3.25 → 3.2 hours.
    # Resolution: 1410 / 480 = 2.94 → 2.9 and 1890 / 480 = 3.94 → 3.9 working days.
    # The period before (2 to 30 March 2026) had nothing to respond to or resolve; a year earlier
    # (30 March to 27 April 2025, a part period: the data begins with R7 on 15 April 2025) R7 alone:
    # first response 10 minutes = 0.2 hours, resolution 300 / 480 = 0.625 → 0.6 working days.
    assert (
        "Measure This period Previous period Change on previous period A year earlier Change on a year earlier "
        "First response, median (half were quicker) 0.8 working hours – – 0.2 working hours (part period) – "
        "First response, 90th percentile (9 in 10 were quicker) 3.2 working hours – – "
        "0.2 working hours (part period) – "
        "Resolution, median (half were quicker) 2.9 working days – – 0.6 working days (part period) – "
        "Resolution, 90th percentile (9 in 10 were quicker) 3.9 working days – – 0.6 working days (part period) –"
    ) in text
    # The same weeks a year earlier (matched from the latest back): only R7, in w/c 14 April 2025,
    # beside w/c 20 April 2026; before R7 (the first request) there is no data. The weeks in the
    # same place of the period before (w/c 2 March, part, to w/c 30 March, part): none received.
    # Part weeks, and weeks compared with one, have no change; nor has a change from nought.
    assert (
        "Period Received Previous period Change on previous period A year earlier Change on a year earlier "
        "Resolved Within target "
        "w/c 30 Mar 2026 (part week: 30 Mar to 5 Apr) 3 0 (part) – No data – 0 – "
        "w/c 6 Apr 2026 1 0 – No data – 3 66.7% "
        "w/c 13 Apr 2026 0 0 – No data – 0 – w/c 20 Apr 2026 3 0 – 1 +200% 0 – "
        "w/c 27 Apr 2026 (part week: 27 Apr) 0 0 (part) – 0 (part) – 0 –"
    ) in text
    assert "Age Open requests Under a week 2 1 to 2 weeks 1 2 to 4 weeks 1 Over 4 weeks 1" in text
    # Room booking a year earlier (30 March to 27 April 2025, a part period): R7, within target.
    assert (
        "Service Target (working days) Resolved Within target Within target: previous period "
        "Within target: change on previous period Within target: a year earlier "
        "Within target: change on a year earlier Status Median (working days) Minute taking 3 2 100% – – – – Met 2.9 "
        "Room booking 2 1 0% – – 100% (part period) – Missed 2.8"
    ) in text
    assert (
        "Service Received Previous period Change on previous period A year earlier Change on a year earlier "
        "Minute taking 4 0 – 0 (part period) – Room booking 3 0 – 1 (part period) –"
    ) in text
    # Against the default targets (90%, 4 out of 5); the previous four weeks had nothing; a year
    # earlier (a part period), R7 alone (received, resolved within target; not rated).
    assert (
        "Requests received 7 0 – 1 (part period) – – – Up Requests resolved 3 0 – 1 (part period) – – – Up "
        "Resolved within target 66.7% – – 100% (part period) – 90% Missed – "
        "Satisfaction (out of 5) 3.33 – – – – 4 Missed –"
    ) in text


def test_the_default_period_is_twelve_months(staff_browser):
    text = page_text(staff_browser.get("/dashboard"))
    assert "Last 12 months to 27 April 2026." in text
    assert "8 requests received" in text  # R6 in February too


def test_the_demand_page_shows_the_patterns_to_staff(staff_browser):
    response = staff_browser.get(f"/dashboard/demand?{FOUR_WEEKS}")
    assert response.status_code == 200
    text = page_text(response)
    assert "Demand peaks in March–April: 433% above the average month, driven by Facilities." in text
    assert "Busiest weeks in the period: w/c 30 March 2026 (3 requests), w/c 20 April 2026 (3 requests)" in text
    # Before the first request (R7, April 2025) and after this month: no data, not nought.
    assert "Month 2025 2026 January No data 0 February No data 1 March No data 0 April 1 7 May 0 No data" in text
    # R1 at 09:30 BST on a Wednesday: the 9 o'clock cell.
    wednesday = ["0"] * 24
    wednesday[9] = "1"
    assert "Wednesday " + " ".join(wednesday) + " Thursday" in text
    assert "Minute taking 0 0 0 0 0 0 0 0 0 0 1 0 4 Room booking 1 0 0 0 0 0 0 0 0 0 0 0 3" in text
    # Each weekday beside the four weeks before (none) and a year earlier (R7 on Tuesday 15 April
    # 2025, in a part period: the figures begin that day).
    assert (
        "Weekday Received Previous period Change on previous period A year earlier Change on a year earlier "
        "Monday 1 0 – 0 (part period) – Tuesday 0 0 – 1 (part period) – Wednesday 1 0 – 0 (part period) – "
        "Thursday 3 0 – 0 (part period) – Friday 1 0 – 0 (part period) – Saturday 1 0 – 0 (part period) – "
        "Sunday 0 0 – 0 (part period) –"
    ) in text
    weekdays = rows_of(staff_browser.get(f"/dashboard/weekdays.csv?{FOUR_WEEKS}"))
    assert weekdays[1:3] == [
        ["Monday", "1", "0", "", "0 (part period)", ""],
        ["Tuesday", "0", "0", "", "1 (part period)", ""],
    ]


def test_the_ideas_page_shows_the_funnel_and_benefits_to_staff(app, data, at_now):
    build_ideas(data)
    browser = signed_in_client(app, make_user())
    response = browser.get(f"/dashboard/ideas?{FOUR_WEEKS}")
    assert response.status_code == 200
    text = page_text(response)
    assert "took 2.5 days at the median, over 3 decisions" in text
    # The four weeks before had no ideas and no decisions (I5 was planned on 12 February); a year
    # earlier is before the first idea (I5, February 2026).
    assert (
        "Status Ideas Previous period Change on previous period A year earlier Change on a year earlier "
        "New 1 0 – No data – Under review 0 0 – No data – Planned 1 0 – No data – In progress 0 0 – No data – "
        "Implemented 0 0 – No data – Not taken forward 1 0 – No data – Duplicate 1 0 – No data –"
    ) in text
    assert (
        "Measure This period Previous period Change on previous period A year earlier Change on a year earlier "
        "Decisions made 3 0 – No data – Days to a decision, median 2.5 – – – –"
    ) in text
    # Each status and area leads to the board filtered to it.
    assert 'href="/ideas?status=planned">Planned</a>' in markup(response)
    assert 'href="/ideas?area=' in markup(response)
    assert (
        "Area Ideas Previous period Change on previous period A year earlier Change on a year earlier "
        "Democratic Services 2 0 – No data –" in text
    )
    assert "In all: 1 idea realised, saving 4 hours a month and £1,200 a year." in text


def test_the_knowledge_page_answers_staff(staff_browser):
    response = staff_browser.get(f"/dashboard/knowledge?{FOUR_WEEKS}")
    assert response.status_code == 200
    text = page_text(response)
    assert "Knowledge Last 4 weeks to 27 April 2026." in text
    assert "Most read articles" in text and "Booking rooms and taking minutes" in text


# --- Filters --------------------------------------------------------------------------------------


def test_filters_in_the_url_are_chosen_in_the_form_and_applied(staff_browser, data):
    response = staff_browser.get(f"/dashboard?{FOUR_WEEKS}&team={data.facilities.id}&service={data.rooms.id}")
    page = markup(response)
    assert '<option value="4w" selected>Last 4 weeks</option>' in page
    assert f'<option value="{data.facilities.id}" selected>Facilities</option>' in page
    assert f'<option value="{data.rooms.id}" selected>Room booking</option>' in page
    assert ">Minute taking</option>" not in page  # only the team's services are offered
    text = page_text(response)
    assert "Last 4 weeks to 27 April 2026 · Facilities · Room booking." in text
    assert "3 requests received" in text and "0% resolved within target (0 of 1)" in text and "2 open now" in text
    assert "Room booking 2 1 0% – – 100% (part period) – Missed 2.8" in text and "Minute taking 3" not in text
    # Links and downloads keep the filters.
    assert f'href="/dashboard/services.csv?period=4w&team={data.facilities.id}&service={data.rooms.id}"' in page
    assert f'href="/dashboard/demand?period=4w&team={data.facilities.id}&service={data.rooms.id}"' in page


def test_a_team_filter_alone(staff_browser, data):
    text = page_text(staff_browser.get(f"/dashboard?{FOUR_WEEKS}&team={data.democratic.id}"))
    assert "Last 4 weeks to 27 April 2026 · Democratic Services." in text
    assert "4 requests received" in text and "100% resolved within target (2 of 2)" in text and "3 open now" in text


def test_unknown_filters_are_ignored(staff_browser, data):
    planning = data.rita.team  # not a Business Support team: no figures of its own
    response = staff_browser.get(f"/dashboard?period=forever&team={planning.id}&service=999999")
    assert response.status_code == 200
    text = page_text(response)
    assert "Last 12 months to 27 April 2026." in text and "8 requests received" in text
    assert '<option value="12m" selected>' in markup(response)


def test_a_service_of_another_team_is_dropped_not_a_server_error(staff_browser, data):
    """Choosing a service and then another team sends both; the page shows the team's figures."""
    for path in ("/dashboard", "/dashboard/demand", "/dashboard/ideas", "/dashboard/knowledge"):
        response = staff_browser.get(f"{path}?{FOUR_WEEKS}&team={data.democratic.id}&service={data.rooms.id}")
        assert response.status_code == 200, path
        # Only where the team and service change the figures are they offered and named.
        scoped = path in ("/dashboard", "/dashboard/demand")
        assert ("Last 4 weeks to 27 April 2026 · Democratic Services." in page_text(response)) is scoped, path
        assert ('id="filter-team"' in markup(response)) is scoped, path
        assert 'id="filter-period"' in markup(response), path
    assert "4 requests received" in page_text(
        staff_browser.get(f"/dashboard?{FOUR_WEEKS}&team={data.democratic.id}&service={data.rooms.id}")
    )


# --- htmx and printing ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path, heading",
    [
        ("/dashboard", "Requests and service levels"),
        ("/dashboard/demand", "Demand patterns"),
        ("/dashboard/ideas", "Ideas and benefits"),
        ("/dashboard/knowledge", "Knowledge"),
    ],
)
def test_an_htmx_filter_change_gets_only_the_dashboard_fragment(staff_browser, path, heading):
    """Sections, filters and figures swap together (#dashboard around #dashboard-content): no
    page layout, no page heading."""
    response = staff_browser.hx("get", f"{path}?{FOUR_WEEKS}")
    assert response.status_code == 200
    body = response.get_data(as_text=True).strip()
    assert body.startswith('<div id="dashboard">') and body.endswith("</div>")
    assert body.count('id="dashboard-content"') == 1
    assert f'id="dashboard-heading" tabindex="-1" data-focus-after-swap>{heading}</h2>' in body
    assert '<option value="4w" selected>' in body  # the filters as chosen
    assert "<html" not in body and "<h1" not in body and "Skip to main content" not in body
    assert "Last 4 weeks to 27 April 2026." in page_text(response)


def test_the_htmx_fragment_carries_the_filtered_figures(staff_browser, data):
    response = staff_browser.hx("get", f"/dashboard?{FOUR_WEEKS}&service={data.minutes.id}")
    assert "4 requests received" in page_text(response)


def test_the_printable_view_has_no_filters_links_or_downloads(staff_browser):
    response = staff_browser.get(f"/dashboard?{FOUR_WEEKS}&print=1")
    assert response.status_code == 200
    page = markup(response)
    assert "sr-dashboard-filters" not in page and 'id="filter-period"' not in page
    assert "Dashboard sections" not in page
    text = page_text(response)
    assert "Printable view" not in text and "Download as CSV" not in text
    assert "7 requests received" in text  # the figures are all there
    normal = page_text(staff_browser.get(f"/dashboard?{FOUR_WEEKS}"))
    assert "Printable view" in normal and "Download as CSV" in normal


# --- Figures per person: managers of the team and admins only -------------------------------------

# The period before (2 to 30 March 2026): nothing resolved. A year earlier: before Democratic
# Services' first request (R6, February 2026), so no data, not nought.
PEOPLE_ROWS = (
    "Person Open now Resolved Resolved: previous period Resolved: change on previous period "
    "Resolved: a year earlier Resolved: change on a year earlier Within target Within target: previous period "
    "Within target: change on previous period Within target: a year earlier Within target: change on a year earlier "
    "Median (working days) "
    "Alex Agent 1 1 0 – No data – 100% – – – – 3.9 Bo Agent 1 1 0 – No data – 100% – – – – 2.9 "
    "Not assigned 1 0 0 – No data – – – – – – –"
)
# Facilities' data begins with R7 (15 April 2025), during the same weeks a year earlier: a part period.
CY_ROW = "Cy Agent 1 1 0 – 1 (part period) – 0% – – 100% (part period) – 2.8"


def test_the_team_manager_sees_figures_per_person(app, data, at_now):
    manager = signed_in_client(app, data.mo)
    response = manager.get(f"/dashboard/people?{FOUR_WEEKS}")
    assert response.status_code == 200
    text = page_text(response)
    assert "Figures per person: Democratic Services" in text
    assert PEOPLE_ROWS in text
    assert "Cy Agent" not in text
    assert "Per person" in page_text(manager.get("/dashboard"))


def test_admins_see_figures_per_person_for_any_team(app, data, at_now):
    admin = signed_in_client(app, make_user(roles=["admin"]))
    text = page_text(admin.get(f"/dashboard/people?{FOUR_WEEKS}"))
    assert "Figures per person: Democratic Services" in text and PEOPLE_ROWS in text  # the first team
    response = admin.get(f"/dashboard/people?{FOUR_WEEKS}&team={data.facilities.id}")
    assert response.status_code == 200
    text = page_text(response)
    assert "Figures per person: Facilities" in text
    assert CY_ROW + " Not assigned 1 0 0 – 0 (part period) – – – – – – –" in text
    assert f'href="/dashboard/people?period=4w&team={data.democratic.id}"' in markup(response)


def test_nobody_else_sees_figures_per_person(app, data, at_now):
    planning_manager = make_user(roles=["manager"], team=data.rita.team)  # a manager outside Business Support
    for person in (make_user(), data.alex, data.rita, planning_manager, make_user(roles=["manager"])):
        browser = signed_in_client(app, person)
        assert browser.get(f"/dashboard/people?{FOUR_WEEKS}").status_code == 404, person.name
        assert browser.get(f"/dashboard/people.csv?{FOUR_WEEKS}&team={data.democratic.id}").status_code == 404
        assert browser.get(f"/dashboard/people.csv?{FOUR_WEEKS}").status_code == 404
        assert "Per person" not in page_text(browser.get("/dashboard"))


def test_a_manager_of_another_team_never_sees_this_teams_people(app, data, at_now):
    fay = signed_in_client(app, data.fay)
    # The per-person link keeps the dashboard's team filter; another team's gives Fay her own.
    response = fay.get(f"/dashboard/people?{FOUR_WEEKS}&team={data.democratic.id}")
    text = page_text(response)
    assert "Figures per person: Facilities" in text and CY_ROW in text
    assert "Alex Agent" not in text and "Bo Agent" not in text
    assert fay.get(f"/dashboard/people.csv?{FOUR_WEEKS}&team={data.democratic.id}").status_code == 404
    assert rows_of(fay.get(f"/dashboard/people.csv?{FOUR_WEEKS}"))[1][0] == "Cy Agent"


def test_the_people_csv_matches_the_page(app, data, at_now):
    expected = [
        [
            "Person",
            "Open now",
            "Resolved",
            "Resolved: previous period",
            "Resolved: change on previous period",
            "Resolved: a year earlier",
            "Resolved: change on a year earlier",
            "Within target (%)",
            "Within target: previous period",
            "Within target: change on previous period",
            "Within target: a year earlier",
            "Within target: change on a year earlier",
            "Median (working days)",
        ],
        ["Alex Agent", "1", "1", "0", "", "", "", "100", "", "", "", "", "3.9"],
        ["Bo Agent", "1", "1", "0", "", "", "", "100", "", "", "", "", "2.9"],
        ["Not assigned", "1", "0", "0", "", "", "", "", "", "", "", "", ""],
    ]
    assert rows_of(signed_in_client(app, data.mo).get(f"/dashboard/people.csv?{FOUR_WEEKS}")) == expected
    admin = signed_in_client(app, make_user(roles=["admin"]))
    response = admin.get(f"/dashboard/people.csv?{FOUR_WEEKS}&team={data.democratic.id}")
    assert rows_of(response) == expected
    assert response.headers["Content-Disposition"] == 'attachment; filename="requests-by-person.csv"'


# --- CSV downloads --------------------------------------------------------------------------------


def test_the_trend_csv_matches_the_page(staff_browser):
    response = staff_browser.get(f"/dashboard/trend.csv?{FOUR_WEEKS}")
    assert response.headers["Content-Disposition"] == 'attachment; filename="requests-trend.csv"'
    assert rows_of(response) == [
        [
            "Period starting",
            "Part period",
            "Received",
            "Previous period",
            "Change on previous period",
            "A year earlier",
            "Change on a year earlier",
            "Resolved",
            "Resolved within target",
            "% within target",
        ],
        ["2026-03-30", "part week: 30 Mar to 5 Apr", "3", "0", "", "", "", "0", "0", ""],
        ["2026-04-06", "", "1", "0", "", "", "", "3", "2", "66.7"],
        ["2026-04-13", "", "0", "0", "", "", "", "0", "0", ""],
        ["2026-04-20", "", "3", "0", "", "1", "200", "0", "0", ""],
        ["2026-04-27", "part week: 27 Apr", "0", "0", "", "0", "", "0", "0", ""],
    ]


def test_the_services_csv_matches_the_page(staff_browser, data):
    assert rows_of(staff_browser.get(f"/dashboard/services.csv?{FOUR_WEEKS}")) == [
        [
            "Service",
            "Target (working days)",
            "Resolved",
            "Within target (%)",
            "Within target: previous period",
            "Within target: change on previous period",
            "Within target: a year earlier",
            "Within target: change on a year earlier",
            "Status",
            "Median (working days)",
        ],
        ["Minute taking", "3", "2", "100", "", "", "", "", "Met", "2.9"],
        ["Room booking", "2", "1", "0", "", "", "100 (part period)", "", "Missed", "2.8"],
    ]
    # ...and with the page's filters.
    assert rows_of(staff_browser.get(f"/dashboard/services.csv?{FOUR_WEEKS}&team={data.facilities.id}"))[1:] == [
        ["Room booking", "2", "1", "0", "", "", "100 (part period)", "", "Missed", "2.8"]
    ]
    assert rows_of(staff_browser.get(f"/dashboard/services-received.csv?{FOUR_WEEKS}")) == [
        [
            "Service",
            "Received",
            "Previous period",
            "Change on previous period",
            "A year earlier",
            "Change on a year earlier",
        ],
        ["Minute taking", "4", "0", "", "0 (part period)", ""],
        ["Room booking", "3", "0", "", "1 (part period)", ""],
    ]


def test_the_months_and_heatmap_csvs_match_the_demand_page(staff_browser):
    months = rows_of(staff_browser.get(f"/dashboard/months.csv?{FOUR_WEEKS}"))
    assert months[0] == ["Month", "2025", "2026"]
    assert len(months) == 13
    # Before the first request (April 2025) and after this month (April 2026): empty, not 0.
    assert months[2] == ["February", "", "1"] and months[4] == ["April", "1", "7"]
    assert [row[1:] for row in months[1:4]] == [["", "0"], ["", "1"], ["", "0"]]
    assert all(row[1:] == ["0", ""] for row in months[5:])
    heatmap = rows_of(staff_browser.get(f"/dashboard/heatmap.csv?{FOUR_WEEKS}"))
    assert heatmap[0] == ["Weekday", *(f"{hour:02d}:00" for hour in range(24))]
    assert [row[0] for row in heatmap[1:]] == [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ]
    cells = {(row[0], hour): int(count) for row in heatmap[1:] for hour, count in enumerate(row[1:]) if count != "0"}
    assert cells == {
        ("Monday", 8): 1,
        ("Wednesday", 9): 1,
        ("Thursday", 13): 1,
        ("Thursday", 14): 1,
        ("Thursday", 16): 1,
        ("Friday", 17): 1,
        ("Saturday", 10): 1,
    }


def test_the_ideas_csv_matches_the_page(app, data, at_now):
    build_ideas(data)
    browser = signed_in_client(app, make_user())
    # The four weeks before: I5 (February) is older, so none; a year earlier is before the first idea.
    assert rows_of(browser.get(f"/dashboard/ideas.csv?{FOUR_WEEKS}")) == [
        [
            "Status",
            "Ideas",
            "Previous period",
            "Change on previous period",
            "A year earlier",
            "Change on a year earlier",
        ],
        ["New", "1", "0", "", "", ""],
        ["Under review", "0", "0", "", "", ""],
        ["Planned", "1", "0", "", "", ""],
        ["In progress", "0", "0", "", "", ""],
        ["Implemented", "0", "0", "", "", ""],
        ["Not taken forward", "1", "0", "", "", ""],
        ["Duplicate", "1", "0", "", "", ""],
    ]


def test_a_service_name_that_looks_like_a_formula_is_made_safe(app, data, at_now, staff_browser):
    formula = make_service(name='=HYPERLINK("x")', team=data.facilities)
    at_now.at = london(2026, 4, 22, 10)
    raise_request(formula, data.rita)
    at_now.at = NOW
    response = staff_browser.get(f"/dashboard/services.csv?{FOUR_WEEKS}")
    assert rows_of(response)[1] == ['\'=HYPERLINK("x")', "3", "0", "", "", "", "", "", "", ""]
    assert '"\'=HYPERLINK(""x"")"' in response.get_data(as_text=True)
    # On the page it is just text.
    text = page_text(staff_browser.get(f"/dashboard?{FOUR_WEEKS}"))
    assert '=HYPERLINK("x") 3 0 – – – – – – –' in text and '=HYPERLINK("x") 1 0 – 0 (part period) –' in text


def test_an_unknown_table_is_not_found(staff_browser):
    assert staff_browser.get("/dashboard/nothing.csv").status_code == 404
    assert staff_browser.get("/dashboard/requests.csv").status_code == 404


# --- Nothing to show ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/dashboard", "/dashboard/demand", "/dashboard/ideas", "/dashboard/knowledge"])
def test_pages_render_with_no_data_at_all(app, path):
    with clock.fixed(NOW):
        browser = signed_in_client(app, make_user())
        response = browser.get(path)
    assert response.status_code == 200
    assert "Nothing in this period." in page_text(response)


def test_an_empty_period_shows_zeros_and_dashes(app, data):
    quiet = london(2025, 12, 1, 12)  # four weeks in which nothing happened
    with clock.fixed(quiet):
        browser = signed_in_client(app, make_user())
        text = page_text(browser.get(f"/dashboard?{FOUR_WEEKS}"))
        demand = browser.get(f"/dashboard/demand?{FOUR_WEEKS}")
        trend = rows_of(browser.get(f"/dashboard/trend.csv?{FOUR_WEEKS}"))
    assert "Last 4 weeks to 1 December 2025." in text
    for figure in (
        "0 requests received",
        "0 resolved",
        "– resolved within target",
        "0 open now",
        "– out of 5 satisfaction (0 ratings)",
        "0 answered by guidance",
    ):
        assert figure in text
    assert "First response, median (half were quicker) – – – – – First response, 90th" in text
    # Nought where there was data before (R7, April 2025), the period before too; a year earlier there was none.
    assert "w/c 3 Nov 2025 (part week: 3 to 9 Nov) 0 0 (part) – No data – 0 –" in text
    assert "Within target: change on a year earlier Status Median (working days) Nothing in this period." in text
    assert demand.status_code == 200 and "Busiest weeks" not in page_text(demand)
    assert trend[1:] == [
        [day, part, "0", "0", "", "", "", "0", "0", ""]
        for day, part in (
            ("2025-11-03", "part week: 3 to 9 Nov"),
            ("2025-11-10", ""),
            ("2025-11-17", ""),
            ("2025-11-24", ""),
            ("2025-12-01", "part week: 1 Dec"),
        )
    ]


def test_admins_with_no_business_support_team_have_no_people_page(app):
    make_team("Planning", business_support=False)
    with clock.fixed(NOW):
        admin = signed_in_client(app, make_user(roles=["admin"]))
        assert admin.get("/dashboard/people").status_code == 404


@pytest.mark.parametrize("path", ["/dashboard", "/dashboard/demand", "/dashboard/ideas", "/dashboard/knowledge"])
def test_every_table_on_a_page_downloads_as_csv_with_its_rows(app, staff_browser, path):
    page = markup(staff_browser.get(f"{path}?{FOUR_WEEKS}"))
    tables = re.findall(r"<table class=\"govuk-table sr-table[^\"]* sr-figures\">(.*?)</table>", page, re.S)
    links = re.findall(r'href="(/dashboard/[a-z-]+\.csv[^"]*)"', page)
    assert tables and len(links) == len(tables)  # one download per table
    for table, link in zip(tables, links):
        headers = [
            " ".join(re.sub(r"<[^>]+>", " ", cell).split())
            for cell in re.findall(r"<th scope=\"col\"[^>]*>(.*?)</th>", table, re.S)
        ]
        body = re.search(r"<tbody[^>]*>(.*?)</tbody>", table, re.S).group(1)
        shown = 0 if "Nothing in this period" in body else body.count("<tr")
        rows = rows_of(staff_browser.get(link))
        # The same rows; the file may split a column (a count and its percentage) in two.
        assert len(rows) - 1 == shown and len(rows[0]) >= len(headers), link


# --- Figures shared for a minute -----------------------------------------------------------------


def test_figures_are_shared_for_a_minute_then_worked_out_again(make_app):
    """With the cache on (as in production), a second viewer within the minute gets the same
    figures, told how old they are, without them being computed again; after the minute a new
    request shows."""
    app = make_app(DASHBOARD_CACHE_SECONDS=60)
    with app.app_context(), clock.fixed(NOW) as time:
        dataset = build()
        first = signed_in_client(app, make_user(name="First Viewer"))
        second = signed_in_client(app, make_user(name="Second Viewer"))
        for path in ("/dashboard?period=4w", "/dashboard/demand?period=4w", "/dashboard/ideas?period=4w"):
            assert first.get(path).status_code == 200
        assert "7 requests received" in page_text(first.get(f"/dashboard?{FOUR_WEEKS}"))

        time.advance(seconds=30)
        raise_request(dataset.rooms, make_user(name="Late Requester"))
        shared = page_text(second.get(f"/dashboard?{FOUR_WEEKS}"))
        assert "7 requests received" in shared and "Figures as at 12pm." in shared
        assert "Figures as at" in page_text(second.get(f"/dashboard/demand?{FOUR_WEEKS}"))
        assert "Figures as at" in page_text(second.get(f"/dashboard/ideas?{FOUR_WEEKS}"))

        time.advance(seconds=31)
        fresh = page_text(second.get(f"/dashboard?{FOUR_WEEKS}"))
        assert "8 requests received" in fresh and "Figures as at" not in fresh
