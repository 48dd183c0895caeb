"""Every period figure beside the period before it and the same period a year earlier, worked out
by hand from the fixed dataset (tests/dashboard/dataset.py), here for the four weeks to Monday
11 May 2026 12:00 BST, so that the period before (16 March to 13 April 2026) is the busy Easter
fortnight:

  This period (13 April to 11 May 2026): received R5, R8 (Minute taking) and R9 (Room booking);
      nothing resolved. Ideas I3 (council-wide, new) and I4 (Facilities, a duplicate on 21 April,
      1.0 day after it was posted).
  The period before (16 March to 13 April): received R1, R2 (Minute taking), R3, R4 (Room
      booking); resolved R1 (Alex) and R2 (Bo) within target, R3 (Cy) late. Ideas I1 (planned on
      6 April, 5.0 days) and I2 (not taken forward on 9 April, 2.5 days), both Democratic Services.
  A year earlier (13 April to 11 May 2025): R7 alone (Room booking, resolved within target by Cy).
      The figures begin with R7 on 15 April 2025, during it: a part period, given no change.
      Ideas begin in February 2026, so for ideas there is no year earlier at all.
"""

from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from app import clock
from app.dashboard import figures, formats, ideas_and_knowledge, periods
from app.dashboard.periods import Filters
from app.extensions import db
from app.models import AskedQuestion, IdeaStatus, ServiceRequest
from tests.conftest import page_text
from tests.dashboard.dataset import build, build_ideas
from tests.factories import make_user, signed_in_client
from tests.service_requests.helpers import london, make_cast, raise_request

MAY = london(2026, 5, 11, 12)


@pytest.fixture
def data(app):
    return build()


def filters(**kwargs) -> Filters:
    return Filters(period="4w", now=MAY, **kwargs)


def test_each_service_beside_the_period_before_and_a_year_earlier(data):
    rows = {row.service.name: row for row in figures.per_service(filters())}
    minutes, rooms = rows["Minute taking"], rows["Room booking"]
    # Received: Minute taking 2 (R5, R8) against 2 (R1, R2): no change; a year earlier none, in a
    # part period. Room booking 1 (R9) against 2 (R3, R4): down 50%; a year earlier R7 (part).
    assert formats.comparison_cells(minutes.received_compared) == ["2", "no change", "0 (part period)", "–"]
    assert formats.comparison_cells(rooms.received_compared) == ["2", "\u221250%", "1 (part period)", "–"]
    # Within target: nothing resolved this period; the period before, R1 and R2 in time (100%), R3
    # late (0%); a year earlier R7 in time.
    assert (minutes.compliance_compared.current, minutes.compliance_compared.previous) == (None, 100.0)
    assert formats.comparison_cells(rooms.compliance_compared) == ["0%", "–", "100% (part period)", "–"]
    # The CSV: bare numbers, the part period labelled as on the screen.
    assert formats.comparison_values(rooms.received_compared) == ["2", "-50", "1 (part period)", ""]


def test_the_trend_beside_the_weeks_of_the_period_before(data):
    rows = figures.trend(filters())
    assert [row.start.isoformat() for row in rows] == [
        "2026-04-13",
        "2026-04-20",
        "2026-04-27",
        "2026-05-04",
        "2026-05-11",
    ]
    assert [row.received for row in rows] == [0, 3, 0, 0, 0]
    # w/c 16 March (part), 23 March, 30 March (R1, R2, R3), 6 April (R4), 13 April (part: to noon).
    assert [row.previous.start.isoformat() for row in rows if row.previous] == [
        "2026-03-16",
        "2026-03-23",
        "2026-03-30",
        "2026-04-06",
        "2026-04-13",
    ]
    assert [row.previous.received for row in rows if row.previous] == [0, 0, 3, 1, 0]
    # Part weeks, and a change from nought, have no change figure.
    assert [row.change_previous for row in rows] == [None, None, -100.0, -100.0, None]


def test_each_person_beside_the_period_before(data):
    people = {
        row.person.name if row.person else "Not assigned": row for row in figures.per_agent(data.democratic, filters())
    }
    alex = people["Alex Agent"]
    # Alex resolved R1 (in time) in the period before and nothing since; Democratic Services' first
    # request is R6 (February 2026), so a year earlier has no figures at all.
    assert formats.comparison_cells(alex.resolved_compared) == ["1", "\u2212100%", "No data", "–"]
    assert formats.comparison_cells(alex.compliance_compared) == ["100%", "–", "–", "–"]


def test_ideas_beside_the_period_before(data):
    build_ideas(data)
    ideas = ideas_and_knowledge.ideas_figures(filters())
    assert (ideas.funnel_compared[IdeaStatus.NEW].current, ideas.funnel_compared[IdeaStatus.NEW].previous) == (1, 0)
    assert ideas.funnel_compared[IdeaStatus.PLANNED].previous == 1
    assert ideas.funnel_compared[IdeaStatus.NOT_TAKEN_FORWARD].previous == 1
    assert ideas.funnel_compared[IdeaStatus.DUPLICATE].previous == 0
    assert ideas.funnel_compared[IdeaStatus.PLANNED].year_earlier is None  # before the first idea
    areas = {name: (row.current, row.previous) for name, row in ideas.areas_compared.items()}
    assert areas == {"Council-wide": (1, 0), "Facilities": (1, 0), "Democratic Services": (0, 2)}
    # Decisions: I4 (1.0 day) against I1 (5.0) and I2 (2.5): one against two, down 50%; the median
    # 1.0 against 2.5 (nearest rank: the first of two), down 60%.
    decisions, median = ideas.decisions_compared, ideas.median_compared
    assert (decisions.current, decisions.previous, decisions.change_previous) == (1, 2, -50.0)
    assert (median.current, median.previous, median.change_previous) == (1.0, 2.5, -60.0)
    assert formats.comparison_cells(median) == ["2.5", "\u221260%", "–", "–"]


def _ask(person, when: datetime, *, answered: bool, helpful: bool | None = None) -> None:
    db.session.add(
        AskedQuestion(
            user_id=person.id, question="How?", topic="how", answered=answered, helpful=helpful, asked_at=when
        )
    )


def test_ask_staffroom_beside_the_period_before(app):
    """The four weeks to 27 April 2026 (30 March to 27 April): four questions, three answered, two
    rated (one helpful). The four weeks before: two questions, one answered and found helpful. The
    first question (1 February 2026) comes before both, so both are whole; a year earlier, none."""
    person = make_user()
    _ask(person, london(2026, 2, 1, 10), answered=False)
    _ask(person, london(2026, 3, 10, 10), answered=True, helpful=True)
    _ask(person, london(2026, 3, 20, 10), answered=False)
    _ask(person, london(2026, 4, 1, 10), answered=True, helpful=True)
    _ask(person, london(2026, 4, 2, 10), answered=True, helpful=False)
    _ask(person, london(2026, 4, 3, 10), answered=True)
    _ask(person, london(2026, 4, 20, 10), answered=False)
    db.session.commit()
    with clock.fixed(london(2026, 4, 27, 12)):
        knowledge = ideas_and_knowledge.knowledge_figures(person, Filters(period="4w"))
        asked, answered, helpful = knowledge.assistant.compared
        assert (asked.current, asked.previous, asked.year_earlier, asked.change_previous) == (4, 2, None, 100.0)
        assert (answered.current, answered.previous, answered.change_previous) == (75.0, 50.0, 25.0)
        assert (helpful.current, helpful.previous, helpful.change_previous) == (50.0, 100.0, -50.0)
        assert formats.comparison_cells(answered) == ["50%", "+25 points", "–", "–"]
        text = page_text(signed_in_client(app, person).get("/dashboard/knowledge?period=4w"))
    assert (
        "Measure This period Previous period Change on previous period A year earlier Change on a year earlier "
        "Questions asked 4 2 +100% No data – Answered 75% 50% +25 points – – "
        "Answered helpfully (of those rated) 50% 100% \u221250 points – –"
    ) in text


def test_the_requests_page_and_its_csvs_show_the_comparisons(app, data):
    with clock.fixed(MAY):
        browser = signed_in_client(app, make_user())
        text = page_text(browser.get("/dashboard?period=4w"))
        received = browser.get("/dashboard/services-received.csv?period=4w").get_data(as_text=True)
    assert "Minute taking 2 2 no change 0 (part period) – Room booking 1 2 \u221250% 1 (part period) –" in text
    assert received.splitlines()[1:] == [
        "Minute taking,2,2,0,0 (part period),",
        "Room booking,1,2,-50,1 (part period),",
    ]


def test_the_period_before_twelve_months_is_a_year_earlier_so_it_is_counted_once():
    counted = []

    def count(period):
        counted.append((period.start, period.now))
        return len(counted)

    assert Filters(period="12m", now=MAY).earlier(count) == (1, 1)
    assert counted == [(london(2024, 5, 11, 12), london(2025, 5, 11, 12))]
    counted.clear()
    # Eighteen months: the period before (548 days) is not a year earlier.
    assert Filters(period="18m", now=MAY).earlier(count) == (1, 2)
    assert len(counted) == 2


def test_counting_a_period_and_its_comparisons_puts_each_request_in_every_period_it_falls_in(app):
    """Eighteen months: the period before (1,096 to 548 days ago) and a year earlier (913 to 365
    days ago) overlap, and the period itself begins inside a year earlier. count_requests counts
    all three for every figure; each must count exactly what it would alone (start included, end
    not), to the second."""
    cast = make_cast()
    now = MAY
    eighteen = Filters(period="18m", now=now)
    before, year = eighteen.previous(), eighteen.year_earlier()
    moments = {
        "start of the period before": before.start,  # the period before only
        "in both earlier periods": now - timedelta(days=600),
        "start of the period": eighteen.start,  # the period and a year earlier
        "a second before it": eighteen.start - timedelta(seconds=1),  # both earlier periods
        "end of a year earlier": year.now,  # the period only (a year earlier ends before it)
        "yesterday": now - timedelta(days=1),
    }
    for subject, moment in moments.items():
        with clock.fixed(moment):
            raise_request(cast.service, cast.requester, subject=subject)
    counted = figures.count_requests(eighteen)
    windows = (eighteen, before, year)
    received = [figures.summary(window, counted).received for window in windows]
    alone = [
        db.session.scalar(
            select(func.count()).select_from(ServiceRequest).where(periods.within(ServiceRequest.submitted_at, window))
        )
        for window in windows
    ]
    assert received == alone == [3, 3, 3]
    assert [row.received for row in figures.per_service(eighteen, counted=counted)] == [3]
    # The months of the trend add up to the period, each earlier period's to its own.
    rows = figures.trend(eighteen, counted=counted)
    assert sum(row.received or 0 for row in rows) == 3
    assert sum(row.previous.received or 0 for row in rows if row.previous) == 3
