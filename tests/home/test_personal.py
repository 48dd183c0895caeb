"""The personal home page: what needs the person signed in first, by role, each figure linking to
the page that lists exactly those rows (the figure is checked against that page)."""

import html
import re
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from app import clock
from app.extensions import db
from app.models import AskedQuestion, Deflection, ServiceRequest
from app.service_requests import workflow
from tests.conftest import page_text
from tests.factories import make_article, make_category, make_service, make_user, signed_in_client
from tests.ideas.helpers import make_idea
from tests.service_requests.helpers import act, change_status, london, make_cast, raise_request

WEDNESDAY = london(2026, 3, 11, 11)


@pytest.fixture
def wednesday():
    with clock.fixed(WEDNESDAY) as fixed:
        yield fixed


def _due(service_request, at):
    db.session.execute(update(ServiceRequest).where(ServiceRequest.id == service_request.id).values(due_at=at))
    db.session.commit()


def waiting_section(response) -> str:
    body = response.get_data(as_text=True)
    match = re.search(r'<section class="sr-panel" aria-labelledby="waiting-heading">(.*?)</section>', body, re.S)
    assert match, "home has no 'What needs you' section"
    return match.group(1)


def figures(response) -> dict[str, tuple[int, str]]:
    """label -> (count, link) of each figure in the 'What needs you' section."""
    found = re.findall(
        r'<a class="govuk-link" href="([^"]+)"><strong>(\d+)</strong> ([^<]+)</a>', waiting_section(response)
    )
    return {label: (int(count), html.unescape(href)) for href, count, label in found}


def rows_on(client, url: str) -> int:
    """How many rows the linked page lists, read the way a person reads it."""
    response = client.get(url)
    assert response.status_code == 200, url
    body = response.get_data(as_text=True)
    path = url.split("?")[0].split("#")[0]
    patterns = {
        "/requests/queue": r'id="queue-count"[^>]*>(\d+) request',
        "/requests/mine": r"govuk-table__caption[^>]*>(\d+) request",
        "/ideas": r'role="status">(\d+) idea',
    }
    if path in patterns:
        match = re.search(patterns[path], body)
        return int(match.group(1)) if match else 0
    if path == "/kb/needs-review":
        return len(re.findall(r'<tr class="govuk-table__row">\s*<td[^>]*><a ', body))
    if path == "/ask/community":
        waiting = body.split("Waiting for an answer", 1)[1].split("<h2", 1)[0]
        return waiting.count('<li class="sr-result">')
    if path == "/dashboard/resilience":
        tagged = len(re.findall(r"govuk-tag[^>]*>[^<]*No guidance", body))
        summary = re.search(r"(\d+) (?:has|have) no guidance", body)
        assert summary and int(summary.group(1)) == tagged
        return tagged
    raise AssertionError(f"no way to count the rows of {url}")


@pytest.fixture
def world(app, wednesday):
    cast = make_cast()
    staff = cast.requester
    # Sam's own requests: two waiting for his reply, one resolved waiting for a rating, one open,
    # one closed and rated (none of the last two needs him).
    for subject in ("Minutes for Planning", "Minutes for Licensing"):
        change_status(raise_request(cast.service, staff, subject=subject), cast.agent, "waiting")
    change_status(raise_request(cast.service, staff, subject="Room for the panel"), cast.agent, "resolved")
    raise_request(cast.service, staff, subject="Still being worked")
    rated = raise_request(cast.service, staff, subject="Done and rated")
    change_status(rated, cast.agent, "resolved")
    act(workflow.rate, rated, staff, 5)
    # The team's queue: one unassigned due later today, one assigned to the agent and overdue,
    # one breached earlier this week and still open, one for the other agent due next week.
    today = raise_request(cast.service, make_user(), subject="Due today")
    _due(today, WEDNESDAY + timedelta(hours=5))
    overdue = raise_request(cast.service, make_user(), subject="Overdue")
    act(workflow.assign, overdue, cast.manager, cast.agent.id)
    _due(overdue, WEDNESDAY - timedelta(hours=2))
    last_week = raise_request(cast.service, make_user(), subject="Overdue since last week")
    _due(last_week, WEDNESDAY - timedelta(days=8))
    later = raise_request(cast.service, make_user(), subject="Next week")
    act(workflow.assign, later, cast.manager, cast.other_agent.id)
    _due(later, WEDNESDAY + timedelta(days=7))
    # Ideas: two new, one under review, one planned.
    for status in ("new", "new", "under_review", "planned"):
        make_idea(status=status)
    # Knowledge: two articles overdue for review, one not; an empty category; two community
    # questions waiting, one answered.
    editor = make_user(roles=["editor"], name="Ed Editor")
    for days in (30, 2, -10):
        make_article(owner=editor, review_by=clock.today() - timedelta(days=days))
    make_category("Nothing here yet")
    for number, replied in enumerate((None, None, WEDNESDAY)):
        db.session.add(
            AskedQuestion(
                user_id=staff.id,
                question=f"Who books the chamber {number}?",
                referred_at=WEDNESDAY - timedelta(days=1),
                replied_at=replied,
            )
        )
    # Guidance: a service covered by a published article that answered a question on its form,
    # one covered only by a draft (so no guidance), and a retired one (not counted); with the
    # cast's own service, two active services have no guidance.
    covered, draft_only, retired = (
        make_service(name=name, team=cast.service.team) for name in ("Room booking", "Recruitment", "Fax")
    )
    retired.active = False
    for service, article in (
        (covered, make_article(owner=editor)),
        (draft_only, make_article(owner=editor, status="draft")),
    ):
        db.session.add(
            Deflection(service_id=service.id, article_id=article.id, user_id=staff.id, dedupe_key=f"home-{service.id}")
        )
    db.session.commit()
    return cast, editor


def test_staff_see_their_requests_waiting_for_them_first(app, world):
    cast, _ = world
    client = signed_in_client(app, cast.requester)
    home = client.get("/")
    section = page_text(home).split("What needs you", 1)[1]
    assert "Minutes for Planning" in section and "waiting for your reply" in section
    assert "Room for the panel" in section and "how did we do?" in section
    assert "Still being worked" not in section and "Done and rated" not in section
    link = re.search(r'href="([^"]+)" id="home-needs-me">(\d+) requests need you', waiting_section(home))
    assert link and int(link.group(2)) == 3
    assert rows_on(client, html.unescape(link.group(1))) == 3
    assert figures(home) == {}  # no role, no role's figures


def test_agent_sees_their_queue_counts_matching_the_filtered_queue(app, world):
    cast, _ = world
    client = signed_in_client(app, cast.agent)
    shown = figures(client.get("/"))
    assert {label: count for label, (count, _) in shown.items()} == {
        "unassigned": 5,  # open and nobody assigned: Sam's three open ones, due today, overdue since last week
        "due today": 1,
        "overdue": 2,
        "assigned to you": 1,
    }
    for label, (count, url) in shown.items():
        assert rows_on(client, url) == count, label


def test_manager_sees_decisions_breaches_and_gaps_matching_their_pages(app, world):
    cast, _ = world
    client = signed_in_client(app, cast.manager)
    shown = figures(client.get("/"))
    assert shown["new ideas to look at"][0] == 2
    assert shown["ideas under review"][0] == 1
    assert (
        shown["breaches this week"][0] == 1
    )  # overdue since this morning; the one since last week breached before Monday
    assert shown["services without guidance articles"][0] == 2
    for label, (count, url) in shown.items():
        assert rows_on(client, url) == count, label


def test_editor_sees_reviews_and_community_questions_matching_their_pages(app, world):
    _, editor = world
    client = signed_in_client(app, editor)
    shown = figures(client.get("/"))
    assert {label: count for label, (count, _) in shown.items()} == {
        "articles due for review": 2,
        "community questions waiting": 2,
    }
    for label, (count, url) in shown.items():
        assert rows_on(client, url) == count, label


def test_my_requests_filters_show_what_needs_me_open_and_closed(app, world):
    cast, _ = world
    client = signed_in_client(app, cast.requester)
    counts = {show: rows_on(client, f"/requests/mine?show={show}") for show in ("needs-me", "open", "closed")}
    assert counts == {"needs-me": 3, "open": 3, "closed": 2}
    assert rows_on(client, "/requests/mine") == 5
    assert client.get("/requests/mine?show=nonsense").status_code == 200


def test_my_requests_are_found_by_reference_or_words_within_a_filter(app, world):
    cast, _ = world
    client = signed_in_client(app, cast.requester)
    mine = db.session.scalars(select(ServiceRequest).where(ServiceRequest.requester_id == cast.requester.id)).all()
    licensing = next(item for item in mine if item.subject == "Minutes for Licensing")
    someone_elses = db.session.scalar(select(ServiceRequest).where(ServiceRequest.subject == "Due today"))
    assert rows_on(client, f"/requests/mine?q={licensing.reference.lower()}") == 1
    assert rows_on(client, f"/requests/mine?q={someone_elses.reference}") == 0  # not theirs
    assert rows_on(client, "/requests/mine?q=MINUTES") == 2
    assert rows_on(client, "/requests/mine?q=minutes+licensing") == 1
    assert rows_on(client, "/requests/mine?q=minutes&show=needs-me") == 2
    assert rows_on(client, "/requests/mine?q=minutes&show=closed") == 0
    assert rows_on(client, "/requests/mine?q=%25") == 0  # a % is a character, not a wildcard
    page = client.get("/requests/mine?q=minutes&show=needs-me")
    assert 'href="/requests/mine?q=minutes"' in page.get_data(as_text=True)  # "All" keeps the search
    assert "None of your requests (closed) matches “minutes”" in page_text(
        client.get("/requests/mine?q=minutes&show=closed")
    )
