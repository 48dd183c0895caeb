"""Working requests over HTTP, as agents, managers, admins and requesters use the pages: the team
queue (filters in the URL, counts, sorting, overdue rows, bulk assign, "Assign to me" with and
without htmx), the status form and its refusals, replies and internal notes with files, the
requester's reply, cancel, rating (page and one-click link) and reopening, the close-resolved
job, canned replies, the service's "How it is going" figures, the team mailbox, and strangers
getting 404 from every request URL."""

import io
import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import func, select

from app import clock
from app.extensions import db
from app.files import CheckedFile
from app.models import CannedReply, OutgoingEmail, RequestAttachment, RequestEvent, ServiceRequest, Team
from app.service_requests import workflow
from tests.conftest import page_text
from tests.factories import make_service, make_team, make_user, signed_in_client
from tests.service_requests.helpers import act, change_status, emails, fresh, london, make_cast, raise_request

# Monday 13 April 2026, 10:00 BST: the week after Easter.
MONDAY = london(2026, 4, 13, 10)
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def now():
    with clock.fixed(MONDAY) as time:
        yield time


@pytest.fixture
def cast(app, now):
    return make_cast()


@pytest.fixture
def agent_client(app, cast):
    return signed_in_client(app, cast.agent)


@pytest.fixture
def manager_client(app, cast):
    return signed_in_client(app, cast.manager)


@pytest.fixture
def requester_client(app, cast):
    return signed_in_client(app, cast.requester)


def rows(response) -> list[int]:
    return [int(request_id) for request_id in re.findall(r'id="queue-row-(\d+)"', response.get_data(as_text=True))]


def row_html(response, service_request) -> str:
    markup = response.get_data(as_text=True)
    match = re.search(rf'<tr[^>]*id="queue-row-{service_request.id}".*?</tr>', markup, re.S)
    assert match, f"no row for {service_request.reference}"
    return match.group(0)


def row_text(response, service_request) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", row_html(response, service_request)).split())


def links(response) -> dict[str, str]:
    """Visible link text → href, for the queue's filter links."""
    markup = response.get_data(as_text=True)
    return {
        " ".join(re.sub(r"<[^>]+>", " ", text).split()): href.replace("&amp;", "&")
        for href, text in re.findall(r'<a class="govuk-link"[^>]*href="([^"]+)"[^>]*>(.*?)</a>', markup, re.S)
    }


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def follow(client, response):
    assert response.status_code == 303, response.status_code
    return client.get(response.headers["Location"])


def event_count(service_request) -> int:
    return db.session.scalar(
        select(func.count()).select_from(RequestEvent).where(RequestEvent.request_id == service_request.id)
    )


def email_count() -> int:
    return db.session.scalar(select(func.count()).select_from(OutgoingEmail))


# --- Raising through the real pages ------------------------------------------------------------


def test_a_request_raised_through_the_service_pages_lands_in_the_team_queue(app, cast, requester_client, agent_client):
    response = requester_client.post(
        f"/services/{cast.service.slug}/request",
        data={"subject": "Minutes for the Licensing Committee", "description": "Tuesday evening, about two hours"},
    )
    assert response.status_code == 303, page_text(response)[:500]
    sent = requester_client.post(response.headers["Location"])
    assert sent.status_code == 303
    confirmation = follow(requester_client, sent)
    service_request = db.session.scalar(select(ServiceRequest))
    assert sent.headers["Location"].endswith(f"/requests/{service_request.reference}/sent")
    assert f"Your reference number {service_request.reference}" in page_text(confirmation)
    # Three working days from Monday: due Thursday.
    assert "It is due by 5pm on Thursday 16 April 2026." in page_text(confirmation)

    queue = agent_client.get("/requests/queue")
    assert rows(queue) == [service_request.id]
    assert "Minutes for the Licensing Committee" in page_text(queue)
    assert sorted(email.to_address for email in emails()) == sorted(
        [cast.manager.email, cast.agent.email, cast.other_agent.email]
    )


# --- The queue ---------------------------------------------------------------------------------


@pytest.fixture
def queue_of_five(cast, now):
    """Five requests in five states, and one for another team."""
    rooms = make_service(name="Room booking", team=cast.team, resolution_days=1)
    now.at = london(2026, 4, 7, 10)
    waiting = raise_request(cast.service, cast.requester, subject="Chair’s letter")
    now.at = london(2026, 4, 7, 11)
    resolved = raise_request(cast.service, cast.requester, subject="Draft agenda")
    cancelled = raise_request(cast.service, cast.requester, subject="Extra chairs")
    now.at = london(2026, 4, 9, 10)
    overdue = raise_request(rooms, cast.requester, subject="Budget minutes")  # due Friday 10 April, 5pm
    change_status(waiting, cast.agent, "waiting")
    now.at = london(2026, 4, 10, 12)
    change_status(resolved, cast.agent, "resolved")
    act(workflow.cancel, cancelled, cast.requester)
    act(workflow.assign, overdue, cast.manager, cast.agent.id)
    change_status(fresh(overdue), cast.agent, "in_progress")
    now.at = london(2026, 4, 13, 9, 30)
    new = raise_request(cast.service, cast.requester, subject="Agenda printing")  # due Thursday 16 April
    elsewhere = raise_request(
        make_service(name="Desk moves", team=make_team("Facilities")), make_user(), subject="Move my desk"
    )
    now.at = MONDAY
    return {
        "new": new,
        "overdue": overdue,
        "waiting": waiting,
        "resolved": resolved,
        "cancelled": cancelled,
        "elsewhere": elsewhere,
        "rooms": rooms,
    }


def test_the_queue_shows_the_teams_open_requests_with_a_count_for_every_filter(agent_client, queue_of_five):
    response = agent_client.get("/requests/queue")
    assert response.status_code == 200
    text = page_text(response)
    assert sorted(rows(response)) == sorted(queue_of_five[key].id for key in ("new", "overdue", "waiting"))
    assert "3 requests" in text
    assert (
        "Open (3) Submitted (1) Awaiting approval (0) In progress (1) Waiting for requester (1) Resolved (1) "
        "Closed (0) Cancelled (1) All (5)"
    ) in text
    assert "Anyone (3) Me (1) Nobody (2)" in text
    assert "Any time Overdue (1) Due today (0) Due this week (1) Breached this week (0)" in text
    assert "Move my desk" not in text


@pytest.mark.parametrize(
    "args,expected",
    [
        ("status=resolved", ["resolved"]),
        ("status=cancelled", ["cancelled"]),
        ("status=all", ["new", "overdue", "waiting", "resolved", "cancelled"]),
        ("assignee=me", ["overdue"]),
        ("assignee=unassigned", ["new", "waiting"]),
        ("due=overdue", ["overdue"]),
        ("due=week", ["new"]),
        ("service=room-booking", ["overdue"]),
        ("service=minute-taking&status=all&assignee=unassigned", ["new", "waiting", "resolved", "cancelled"]),
    ],
)
def test_each_queue_filter_shows_what_it_says(agent_client, queue_of_five, args, expected):
    response = agent_client.get(f"/requests/queue?{args}")
    assert sorted(rows(response)) == sorted(queue_of_five[key].id for key in expected)
    count = len(expected)
    assert f"{count} {'request' if count == 1 else 'requests'}" in page_text(response)


def test_counts_follow_the_other_filters_and_links_keep_them_in_the_url(agent_client, queue_of_five):
    response = agent_client.get("/requests/queue?assignee=me&service=room-booking")
    text = page_text(response)
    # Only the agent's own Room booking request is counted under each status.
    assert "Open (1) Submitted (0) Awaiting approval (0) In progress (1) Waiting for requester (0) Resolved (0)" in text
    assert "Anyone (1) Me (1) Nobody (0)" in text
    filter_links = links(response)
    assert query(filter_links["Resolved (0)"]) == {
        "status": ["resolved"],
        "service": ["room-booking"],
        "assignee": ["me"],
    }
    assert query(filter_links["Overdue (1)"]) == {"service": ["room-booking"], "assignee": ["me"], "due": ["overdue"]}
    assert query(filter_links["Anyone (1)"]) == {"service": ["room-booking"]}
    # The bulk form sends people back to the same filtered queue.
    markup = response.get_data(as_text=True)
    back = re.search(r'id="bulk-assign".*?name="next" value="([^"]+)"', markup, re.S).group(1).replace("&amp;", "&")
    assert query(back) == {"service": ["room-booking"], "assignee": ["me"]}


def test_a_link_copied_from_the_queue_opens_the_same_view(agent_client, queue_of_five):
    filtered = agent_client.get("/requests/queue?status=all&sort=age")
    url = links(filtered)["Nobody (4)"]
    again = agent_client.get(url)
    assert rows(again) == [queue_of_five[key].id for key in ("waiting", "resolved", "cancelled", "new")]
    assert 'aria-current="true">Nobody (4)' in again.get_data(as_text=True)


def test_overdue_rows_are_marked_in_words(agent_client, queue_of_five):
    response = agent_client.get("/requests/queue")
    overdue = row_html(response, queue_of_five["overdue"])
    assert 'class="govuk-table__row sr-queue__row--overdue"' in overdue
    assert '<strong class="sr-overdue">Overdue by 1 working day</strong>' in overdue
    assert "Due in 3 working days" in row_html(response, queue_of_five["new"])
    assert "On hold: waiting for the requester" in row_html(response, queue_of_five["waiting"])
    assert "sr-queue__row--overdue" not in row_html(response, queue_of_five["waiting"])


def test_the_queue_sorts_by_due_date_age_or_priority(cast, agent_client, now):
    slow = make_service(name="Archive retrieval", team=cast.team, resolution_days=10)
    quick = make_service(name="Room booking", team=cast.team, resolution_days=1)
    now.at = london(2026, 4, 7, 10)
    oldest = raise_request(slow, cast.requester, subject="Oldest, due last")  # due Tuesday 21 April
    now.at = london(2026, 4, 9, 10)
    overdue = raise_request(quick, cast.requester, subject="Overdue")  # due Friday 10 April
    now.at = london(2026, 4, 13, 9, 30)
    urgent = raise_request(cast.service, cast.requester, subject="Urgent")  # due Thursday 16 April
    act(workflow.set_priority, urgent, cast.manager, "high")
    now.at = MONDAY
    assert rows(agent_client.get("/requests/queue")) == [overdue.id, urgent.id, oldest.id]
    assert rows(agent_client.get("/requests/queue?sort=due")) == [overdue.id, urgent.id, oldest.id]
    assert rows(agent_client.get("/requests/queue?sort=age")) == [oldest.id, overdue.id, urgent.id]
    by_priority = agent_client.get("/requests/queue?sort=priority")
    assert rows(by_priority) == [urgent.id, overdue.id, oldest.id]
    assert "High" in row_text(by_priority, urgent).split() and "High" not in row_text(by_priority, overdue).split()


def test_agents_see_only_their_own_teams_queue(app, cast, queue_of_five):
    facilities = db.session.scalar(select(Team).where(Team.name == "Facilities"))
    outsider = signed_in_client(app, make_user(roles=["agent"], team=facilities))
    response = outsider.get(f"/requests/queue?team={cast.team.id}&status=all")
    assert rows(response) == [queue_of_five["elsewhere"].id]
    assert "Facilities" in page_text(response) and "Budget minutes" not in page_text(response)
    staff = signed_in_client(app, make_user(team=cast.team))  # in the team, but not an agent
    assert staff.get("/requests/queue").status_code == 404
    assert signed_in_client(app, cast.requester).get("/requests/queue").status_code == 404


def test_admins_see_any_teams_queue_by_choosing_it(app, cast, queue_of_five):
    admin = signed_in_client(app, make_user(roles=["admin"]))
    first = admin.get("/requests/queue")
    assert sorted(rows(first)) == sorted(queue_of_five[key].id for key in ("new", "overdue", "waiting"))
    facilities = db.session.scalar(select(Team).where(Team.name == "Facilities"))
    other = admin.get(f"/requests/queue?team={facilities.id}")
    assert rows(other) == [queue_of_five["elsewhere"].id]
    # The team stays in the filter links.
    assert query(links(other)["All (1)"]) == {"team": [str(facilities.id)], "status": ["all"]}


def test_bulk_assign_assigns_the_chosen_requests_and_goes_back_to_the_filtered_queue(
    app, cast, manager_client, queue_of_five
):
    chosen = [queue_of_five["new"].id, queue_of_five["waiting"].id, queue_of_five["elsewhere"].id]
    response = manager_client.post(
        "/requests/queue/assign",
        data={
            "requests": chosen,
            "assignee": cast.other_agent.id,
            "team": cast.team.id,
            "next": "/requests/queue?assignee=unassigned",
        },
    )
    assert response.status_code == 303
    assert response.headers["Location"] == "/requests/queue?assignee=unassigned"
    page = manager_client.get(response.headers["Location"])
    assert "2 requests assigned" in page_text(page)
    assert [fresh(queue_of_five[key]).assignee_id for key in ("new", "waiting", "elsewhere")] == [
        cast.other_agent.id,
        cast.other_agent.id,
        None,
    ]
    nothing = manager_client.post("/requests/queue/assign", data={"assignee": cast.agent.id, "team": cast.team.id})
    assert "Choose at least one request to assign" in page_text(follow(manager_client, nothing))


def test_bulk_assign_from_another_team_changes_nothing(app, cast, queue_of_five):
    facilities = db.session.scalar(select(Team).where(Team.name == "Facilities"))
    outsider_person = make_user(roles=["manager"], team=facilities)
    outsider = signed_in_client(app, outsider_person)
    response = outsider.post(
        "/requests/queue/assign",
        data={"requests": [queue_of_five["new"].id], "assignee": outsider_person.id, "team": cast.team.id},
    )
    assert "0 requests assigned" in page_text(follow(outsider, response))
    assert fresh(queue_of_five["new"]).assignee_id is None


def test_assign_to_me_with_htmx_swaps_the_row_and_announces_it(cast, agent_client, queue_of_five):
    new = queue_of_five["new"]
    response = agent_client.hx(
        "POST", f"/requests/{new.reference}/assign-to-me", data={"version": new.version, "next": "/requests/queue"}
    )
    assert response.status_code == 200
    markup = response.get_data(as_text=True)
    assert markup.lstrip().startswith(f'<tr class="govuk-table__row" id="queue-row-{new.id}"')
    assert "<html" not in markup
    assert "Alex Agent" in markup and f"{new.reference} is assigned to you" in markup
    assert "Assign to me" not in markup
    assert json.loads(response.headers["HX-Trigger"]) == {
        "staffroom:announce": {"message": f"{new.reference} assigned to you"}
    }
    assert fresh(new).assignee_id == cast.agent.id


def test_assign_to_me_with_htmx_on_a_stale_row_says_so_and_keeps_the_other_change(cast, agent_client, queue_of_five):
    new = queue_of_five["new"]
    version = new.version
    act(workflow.assign, new, cast.manager, cast.other_agent.id)
    response = agent_client.hx(
        "POST", f"/requests/{new.reference}/assign-to-me", data={"version": version, "next": "/requests/queue"}
    )
    assert response.status_code == 409
    assert "Someone else changed this request" in page_text(response)
    assert (
        "Someone else changed this request"
        in json.loads(response.headers["HX-Trigger"])["staffroom:announce"]["message"]
    )
    assert fresh(new).assignee_id == cast.other_agent.id


def test_assign_to_me_without_javascript_goes_back_to_the_queue_with_a_message(cast, agent_client, queue_of_five):
    new = queue_of_five["new"]
    response = agent_client.post(
        f"/requests/{new.reference}/assign-to-me", data={"version": new.version, "next": "/requests/queue?sort=age"}
    )
    assert response.status_code == 303
    assert response.headers["Location"] == "/requests/queue?sort=age"
    page = agent_client.get(response.headers["Location"])
    assert f"{new.reference} assigned to you" in page_text(page)
    assert fresh(new).assignee_id == cast.agent.id
    # An address elsewhere is not followed.
    again = agent_client.post(
        f"/requests/{new.reference}/assign-to-me", data={"version": fresh(new).version, "next": "https://evil.example/"}
    )
    assert again.headers["Location"] == f"/requests/{new.reference}"


# --- The request page: status, assignment, priority --------------------------------------------


@pytest.fixture
def request_(cast):
    return raise_request(cast.service, cast.requester)


def test_the_status_form_moves_the_request_on_and_tells_the_requester(cast, agent_client, request_):
    response = agent_client.post(
        f"/requests/{request_.reference}/status",
        data={"status": "waiting", "note": "Which room would you like?", "version": request_.version},
    )
    assert response.status_code == 303
    assert response.headers["Location"] == f"/requests/{request_.reference}#timeline"
    page = follow(agent_client, response)
    assert "Status changed to waiting for requester" in page_text(page)
    assert "Status: Submitted → Waiting for requester" in page_text(page)
    assert "On hold: waiting for the requester" in page_text(page)
    [email] = emails(to_address=cast.requester.email)
    assert email.subject == f"{request_.reference}: your request is waiting for a reply from you"
    assert "Which room would you like?" in email.body


def test_a_forbidden_move_is_refused_with_the_reason_in_the_error_summary(cast, agent_client, request_):
    before = email_count()
    response = agent_client.post(
        f"/requests/{request_.reference}/status", data={"status": "closed", "version": request_.version}
    )
    assert response.status_code == 422
    text = page_text(response)
    assert "There is a problem A request that is submitted cannot be moved to closed" in text
    assert '<a href="#status">A request that is submitted cannot be moved to closed</a>' in response.get_data(
        as_text=True
    )
    service_request = fresh(request_)
    assert (service_request.status, service_request.version) == ("submitted", request_.version)
    assert email_count() == before


def test_a_status_change_from_a_stale_page_saves_nothing(cast, agent_client, manager_client, request_):
    stale_version = request_.version
    manager_client.post(f"/requests/{request_.reference}/priority", data={"priority": "high", "version": stale_version})
    events, before = event_count(request_), email_count()
    response = agent_client.post(
        f"/requests/{request_.reference}/status",
        data={"status": "resolved", "note": "All done", "version": stale_version},
    )
    assert response.status_code == 422
    assert "Someone else changed this request while you were editing it" in page_text(response)
    service_request = fresh(request_)
    assert (service_request.status, service_request.priority, service_request.resolved_at) == (
        "submitted",
        "high",
        None,
    )
    assert (event_count(service_request), email_count()) == (events, before)


def test_assign_and_priority_forms(cast, manager_client, request_):
    response = manager_client.post(
        f"/requests/{request_.reference}/assign", data={"assignee": cast.agent.id, "version": request_.version}
    )
    assert response.headers["Location"] == f"/requests/{request_.reference}#work"
    assert "Assigned to Alex Agent" in page_text(follow(manager_client, response))
    outsider = make_user(roles=["agent"], team=make_team("Facilities"))
    refused = manager_client.post(
        f"/requests/{request_.reference}/assign", data={"assignee": outsider.id, "version": fresh(request_).version}
    )
    assert refused.status_code == 422
    assert "Choose someone from the team working this request" in page_text(refused)
    priority = manager_client.post(
        f"/requests/{request_.reference}/priority", data={"priority": "high", "version": fresh(request_).version}
    )
    assert "Priority is high" in page_text(follow(manager_client, priority))
    service_request = fresh(request_)
    assert (service_request.assignee_id, service_request.priority) == (cast.agent.id, "high")


def test_the_requester_cannot_use_the_teams_forms(cast, requester_client, request_):
    for path, data in (
        ("status", {"status": "resolved"}),
        ("assign", {"assignee": cast.requester.id}),
        ("priority", {"priority": "high"}),
        ("assign-to-me", {}),
    ):
        response = requester_client.post(
            f"/requests/{request_.reference}/{path}", data={**data, "version": request_.version}
        )
        assert response.status_code == 404, path
    page = requester_client.get(f"/requests/{request_.reference}")
    assert "Work on it" not in page_text(page) and "Change the status" not in page_text(page)
    service_request = fresh(request_)
    assert (service_request.status, service_request.assignee_id, service_request.priority) == (
        "submitted",
        None,
        "normal",
    )


# --- Replies, notes and their files ---------------------------------------------------------------


def _post_message(client, service_request, body, *, visibility="public", files=()):
    data = {"body": body, "visibility": visibility, "files": [(io.BytesIO(content), name) for name, content in files]}
    return client.post(f"/requests/{service_request.reference}/messages", data=data, content_type="multipart/form-data")


def _attachment(filename) -> RequestAttachment:
    return db.session.scalar(select(RequestAttachment).where(RequestAttachment.filename == filename))


def test_the_requester_sees_replies_and_their_files_but_never_internal_notes(
    app, cast, agent_client, requester_client, request_
):
    reply = _post_message(agent_client, request_, "Here are the **draft** minutes", files=[("draft-minutes.pdf", PDF)])
    assert reply.status_code == 303
    assert "Reply sent" in page_text(follow(agent_client, reply))
    note = _post_message(
        agent_client,
        request_,
        "SECRET-NOTE: chair wants it redone",
        visibility="internal",
        files=[("chair-comments.pdf", PDF + b"%chair")],
    )
    assert "Internal note added" in page_text(follow(agent_client, note))

    public_file, note_file = _attachment("draft-minutes.pdf"), _attachment("chair-comments.pdf")
    public_url = f"/requests/{request_.reference}/attachments/{public_file.id}/draft-minutes.pdf"
    note_url = f"/requests/{request_.reference}/attachments/{note_file.id}/chair-comments.pdf"

    team_page = page_text(agent_client.get(f"/requests/{request_.reference}"))
    assert "SECRET-NOTE" in team_page and "Internal note" in team_page and "chair-comments.pdf" in team_page

    page = requester_client.get(f"/requests/{request_.reference}")
    text, markup = page_text(page), page.get_data(as_text=True)
    assert "Here are the draft minutes" in text and "draft-minutes.pdf" in text
    assert "SECRET-NOTE" not in markup and "chair-comments" not in markup and "Internal note" not in text

    download = requester_client.get(public_url)
    assert download.status_code == 200 and download.data == PDF
    assert requester_client.get(note_url).status_code == 404
    assert agent_client.get(note_url).data == PDF + b"%chair"
    # A file's id with another request's reference is not found either.
    other = raise_request(cast.service, cast.requester, subject="Another")
    assert (
        requester_client.get(f"/requests/{other.reference}/attachments/{public_file.id}/draft-minutes.pdf").status_code
        == 404
    )

    # Not in the requester's list, in search, or in any email.
    assert "SECRET-NOTE" not in requester_client.get("/requests/mine").get_data(as_text=True)
    response = requester_client.get("/search?q=redone")
    assert "chair wants it redone" not in response.get_data(as_text=True)
    assert request_.reference not in response.get_data(as_text=True)
    assert emails(), "the reply should have been emailed"
    assert not any("SECRET-NOTE" in email.body or "chair-comments" in email.body for email in emails())


def test_a_requester_cannot_make_an_internal_note(cast, agent_client, requester_client, request_):
    _post_message(requester_client, request_, "Hidden from whom?", visibility="internal")
    [event] = [event for event in workflow.timeline(fresh(request_), cast.agent) if event.kind in ("reply", "note")]
    assert (event.kind, event.public) == ("reply", True)


def test_too_many_or_unsafe_files_are_refused_and_nothing_is_saved(cast, agent_client, request_):
    response = _post_message(agent_client, request_, "Four files", files=[(f"part-{n}.pdf", PDF) for n in range(4)])
    assert response.status_code == 422
    assert "Attach up to 3 files" in page_text(response)
    unsafe = _post_message(agent_client, request_, "A program", files=[("tool.exe", b"MZ\x90\x00")])
    assert unsafe.status_code == 422
    assert "The selected file must be a PDF" in page_text(unsafe)
    empty = _post_message(agent_client, request_, "")
    assert empty.status_code == 422 and "Enter your message" in page_text(empty)
    assert db.session.scalar(select(func.count()).select_from(RequestAttachment)) == 0
    assert [event.kind for event in workflow.timeline(fresh(request_), cast.agent)] == ["submitted"]


def test_the_requesters_reply_takes_a_waiting_request_back_to_in_progress(
    cast, agent_client, requester_client, request_, now
):
    agent_client.post(f"/requests/{request_.reference}/status", data={"status": "waiting", "version": request_.version})
    page = page_text(requester_client.get(f"/requests/{request_.reference}"))
    assert "The team is waiting for your reply" in page
    now.advance(hours=2)
    response = _post_message(requester_client, request_, "Committee Room 2, please")
    assert response.status_code == 303
    service_request = fresh(request_)
    assert service_request.status == "in_progress" and service_request.paused_minutes == 120
    after = page_text(requester_client.get(f"/requests/{request_.reference}"))
    assert "Status: Waiting for requester → In progress" in after


# --- The requester: cancel, rate, reopen -------------------------------------------------------------


def test_cancelling_asks_for_confirmation_first(cast, requester_client, request_):
    confirm = requester_client.get(f"/requests/{request_.reference}/cancel")
    assert confirm.status_code == 200
    assert "Cancel “Minutes for the Planning Committee”?" in page_text(confirm)
    assert fresh(request_).status == "submitted"
    response = requester_client.post(f"/requests/{request_.reference}/cancel", data={"reason": "Meeting moved"})
    page = follow(requester_client, response)
    assert "Your request has been cancelled" in page_text(page)
    assert fresh(request_).status == "cancelled"
    assert [email.subject for email in emails(to_address=cast.agent.email)][-1] == (
        f"{request_.reference}: cancelled by Rita Requester"
    )


def test_a_resolved_request_cannot_be_cancelled(cast, agent_client, requester_client, request_):
    change_status(request_, cast.agent, "resolved")
    page = requester_client.get(f"/requests/{request_.reference}/cancel")
    assert "This request cannot be cancelled It is resolved." in page_text(page)
    assert "Cancel this request" not in page_text(requester_client.get(f"/requests/{request_.reference}"))
    response = requester_client.post(f"/requests/{request_.reference}/cancel", data={})
    assert response.status_code == 422
    assert "A request that is resolved cannot be cancelled" in page_text(response)
    assert fresh(request_).status == "resolved"


def test_the_requester_rates_once_on_the_page(cast, agent_client, requester_client, request_):
    agent_client.post(
        f"/requests/{request_.reference}/status", data={"status": "resolved", "version": request_.version}
    )
    page = page_text(requester_client.get(f"/requests/{request_.reference}"))
    assert "Rate this service" in page and "How did we do?" in page
    response = requester_client.post(
        f"/requests/{request_.reference}/rating", data={"rating": "4", "comment": "Quick and clear"}
    )
    assert response.headers["Location"] == f"/requests/{request_.reference}#rate-service"
    rated_page = follow(requester_client, response)
    assert 'id="rate-service"' in rated_page.get_data(as_text=True)
    rated = page_text(rated_page)
    assert "Thank you for your rating" in rated
    assert "You rated it 4 out of 5: good, and said “Quick and clear”. Thank you." in rated
    again = requester_client.post(f"/requests/{request_.reference}/rating", data={"rating": "1"})
    assert "You have already rated this request" in page_text(follow(requester_client, again))
    assert (fresh(request_).rating, fresh(request_).rating_comment) == (4, "Quick and clear")
    team_view = page_text(agent_client.get(f"/requests/{request_.reference}"))
    assert "4 out of 5: “Quick and clear”" in team_view


def test_rating_before_resolution_is_refused(requester_client, request_):
    response = requester_client.post(f"/requests/{request_.reference}/rating", data={"rating": "5"})
    assert response.status_code == 422
    assert "You can rate a request once it is resolved" in page_text(response)
    assert fresh(request_).rating is None


def _rating_links(service_request, requester) -> dict[int, str]:
    [email] = emails(to_address=requester.email, subject=f"{service_request.reference}: your request has been resolved")
    paths_and_scores = re.findall(r"http://127\.0\.0\.1:5000(/requests/\S+/rate/(\d)\?token=\S+)", email.body)
    return {int(score): path for path, score in paths_and_scores}


def test_the_one_click_link_in_the_email_rates_once(cast, agent_client, requester_client, request_):
    agent_client.post(
        f"/requests/{request_.reference}/status", data={"status": "resolved", "version": request_.version}
    )
    rating_links = _rating_links(request_, cast.requester)
    assert sorted(rating_links) == [1, 2, 3, 4, 5]
    response = requester_client.get(rating_links[5])
    assert response.headers["Location"] == f"/requests/{request_.reference}#rate-service"
    assert "Thank you for your rating. You can add a comment below." in page_text(follow(requester_client, response))
    assert fresh(request_).rating == 5
    second = requester_client.get(rating_links[1])
    assert "You have already rated this request" in page_text(follow(requester_client, second))
    assert fresh(request_).rating == 5


def test_a_wrong_or_foreign_rating_link_is_not_found(app, cast, agent_client, requester_client, request_):
    other = raise_request(cast.service, cast.requester, subject="Another")
    for item in (request_, other):
        agent_client.post(
            f"/requests/{item.reference}/status", data={"status": "resolved", "version": fresh(item).version}
        )
    links_for_other = _rating_links(other, cast.requester)
    # Another request's token on this request's address.
    token = links_for_other[5].split("token=")[1]
    assert requester_client.get(f"/requests/{request_.reference}/rate/5?token={token}").status_code == 404
    assert requester_client.get(f"/requests/{request_.reference}/rate/5?token=made-up").status_code == 404
    assert requester_client.get(f"/requests/{request_.reference}/rate/5").status_code == 404
    # The right link, opened by someone else (an agent of the team, or the person who keyed it).
    assert agent_client.get(links_for_other[5]).status_code == 404
    keyed = raise_request(cast.service, cast.requester, subject="Keyed", keyed_by=cast.other_agent)
    change_status(keyed, cast.agent, "resolved")
    keyer = signed_in_client(app, cast.other_agent)
    assert keyer.get(_rating_links(keyed, cast.requester)[5]).status_code == 404
    assert [fresh(item).rating for item in (request_, other, keyed)] == [None, None, None]
    # A signed-in stranger with a real link.
    stranger = signed_in_client(app, make_user())
    assert stranger.get(links_for_other[4]).status_code == 404
    assert fresh(other).rating is None


def test_the_requester_can_reopen_within_five_working_days_but_not_after(app, cast, agent_client, request_, now):
    agent_client.post(
        f"/requests/{request_.reference}/status", data={"status": "resolved", "version": request_.version}
    )
    # Tue 14, Wed 15, Thu 16, Fri 17, Mon 20 April.
    now.at = london(2026, 4, 20, 16)
    requester = signed_in_client(app, cast.requester)
    page = page_text(requester.get(f"/requests/{request_.reference}"))
    assert "Not sorted? You can reopen it until 20 April 2026 at 5:00pm. After that it closes." in page
    response = requester.post(f"/requests/{request_.reference}/reopen", data={"reason": "Item 4 is missing"})
    assert "Request reopened. The team has been told." in page_text(follow(requester, response))
    assert fresh(request_).status == "in_progress"

    change_status(fresh(request_), cast.agent, "resolved")  # resolved again on Monday 20 April, 16:00
    now.at = london(2026, 4, 28, 9)  # the window ended at 5pm on Monday 27 April
    requester = signed_in_client(app, cast.requester)
    assert "Not sorted?" not in page_text(requester.get(f"/requests/{request_.reference}"))
    refused = requester.post(f"/requests/{request_.reference}/reopen", data={"reason": "Still missing"})
    assert refused.status_code == 422
    assert "Requests can be reopened for 5 working days after they are resolved" in page_text(refused)
    assert fresh(request_).status == "resolved"


def test_close_resolved_closes_only_requests_past_the_window_and_is_safe_to_run_twice(app, cast, now):
    old = raise_request(cast.service, cast.requester, subject="Old")
    change_status(old, cast.agent, "resolved")  # Monday 13 April: window to Monday 20 April, 5pm
    now.at = london(2026, 4, 17, 10)
    recent = raise_request(cast.service, cast.requester, subject="Recent")
    change_status(recent, cast.agent, "resolved")  # window to Friday 24 April
    still_open = raise_request(cast.service, cast.requester, subject="Open")

    now.at = london(2026, 4, 20, 16, 59)
    runner = app.test_cli_runner()
    assert runner.invoke(args=["requests", "close-resolved"]).output.strip() == "requests: 0 resolved requests closed"
    now.at = london(2026, 4, 21, 9)
    first = runner.invoke(args=["requests", "close-resolved"])
    assert first.exit_code == 0
    assert first.output.strip() == "requests: 1 resolved requests closed"
    assert runner.invoke(args=["requests", "close-resolved"]).output.strip() == "requests: 0 resolved requests closed"
    assert [fresh(item).status for item in (old, recent, still_open)] == ["closed", "resolved", "submitted"]
    requester = signed_in_client(app, cast.requester)
    page = page_text(requester.get(f"/requests/{old.reference}"))
    assert "Status: Resolved → Closed automatically" in page
    assert "Closed automatically: it was not reopened within 5 working days." in page


# --- Canned replies ----------------------------------------------------------------------------


def test_managers_create_change_and_delete_canned_replies(cast, manager_client):
    response = manager_client.post(
        "/requests/canned-replies",
        data={"title": "Room booked", "body": "Your room is booked. The key is at reception."},
    )
    assert response.headers["Location"] == "/requests/canned-replies"
    listing = follow(manager_client, response)
    assert "Canned reply saved" in page_text(listing) and "Room booked" in page_text(listing)
    reply = db.session.scalar(select(CannedReply))
    form = manager_client.get(f"/requests/canned-replies/{reply.id}")
    assert "Your room is booked. The key is at reception." in form.get_data(as_text=True)
    manager_client.post(f"/requests/canned-replies/{reply.id}", data={"title": "Room confirmed", "body": "Booked."})
    db.session.expire_all()
    assert (db.session.get(CannedReply, reply.id).title, db.session.get(CannedReply, reply.id).body) == (
        "Room confirmed",
        "Booked.",
    )
    missing = manager_client.post("/requests/canned-replies", data={"title": "", "body": "x"})
    assert missing.status_code == 422 and "Enter a short name for the reply" in page_text(missing)
    deleted = manager_client.post(f"/requests/canned-replies/{reply.id}/delete")
    assert "Canned reply deleted" in page_text(follow(manager_client, deleted))
    assert db.session.scalar(select(func.count()).select_from(CannedReply)) == 0


def test_agents_use_canned_replies_but_cannot_change_them(cast, agent_client, manager_client, request_):
    manager_client.post("/requests/canned-replies", data={"title": "Key at reception", "body": "Your room is booked."})
    reply = db.session.scalar(select(CannedReply))
    listing = agent_client.get("/requests/canned-replies")
    assert "Key at reception" in page_text(listing) and "Add a canned reply" not in page_text(listing)
    assert f"/requests/canned-replies/{reply.id}" not in listing.get_data(as_text=True)

    page = agent_client.get(f"/requests/{request_.reference}?canned={reply.id}")
    textarea = re.search(r'<textarea[^>]*name="body"[^>]*>(.*?)</textarea>', page.get_data(as_text=True), re.S)
    assert textarea.group(1).strip() == "Your room is booked."

    assert agent_client.get(f"/requests/canned-replies/{reply.id}").status_code == 404
    assert (
        agent_client.post(f"/requests/canned-replies/{reply.id}", data={"title": "x", "body": "y"}).status_code == 404
    )
    assert agent_client.post(f"/requests/canned-replies/{reply.id}/delete").status_code == 404
    assert agent_client.post("/requests/canned-replies", data={"title": "Mine", "body": "y"}).status_code == 404
    assert [item.title for item in db.session.scalars(select(CannedReply))] == ["Key at reception"]


def test_other_teams_canned_replies_are_not_found(app, cast, manager_client, request_):
    manager_client.post("/requests/canned-replies", data={"title": "Key at reception", "body": "Your room is booked."})
    reply = db.session.scalar(select(CannedReply))
    facilities = make_team("Facilities")
    other_manager = signed_in_client(app, make_user(roles=["manager"], team=facilities))
    assert other_manager.get(f"/requests/canned-replies/{reply.id}").status_code == 404
    assert other_manager.post(f"/requests/canned-replies/{reply.id}/delete").status_code == 404
    assert "Key at reception" not in page_text(other_manager.get("/requests/canned-replies"))
    # An admin working the request does not get another team's reply into the box either.
    their_request = raise_request(make_service(name="Desk moves", team=facilities), make_user())
    admin = signed_in_client(app, make_user(roles=["admin"]))
    page = admin.get(f"/requests/{their_request.reference}?canned={reply.id}")
    assert "Your room is booked." not in page.get_data(as_text=True)
    assert db.session.get(CannedReply, reply.id) is not None


# --- How the service is going --------------------------------------------------------------------


def test_the_service_page_shows_how_it_is_going_over_the_last_90_days(app, cast, now):
    def resolved_request(raised, resolved, rating=None, subject="Minutes"):
        now.at = raised
        service_request = raise_request(cast.service, cast.requester, subject=subject)
        now.at = resolved
        change_status(service_request, cast.agent, "resolved")
        if rating:
            act(workflow.rate, fresh(service_request), cast.requester, rating)
        return service_request

    # Long ago: not counted.
    resolved_request(london(2026, 1, 5, 10), london(2026, 1, 5, 11), rating=1, subject="January")
    # 1 working day, in time; 2 working days, in time; 5 working days, late (due Thursday 19 March);
    resolved_request(london(2026, 3, 2, 10), london(2026, 3, 3, 10), rating=5)
    resolved_request(london(2026, 3, 9, 10), london(2026, 3, 11, 10), rating=4)
    resolved_request(london(2026, 3, 16, 10), london(2026, 3, 23, 10), rating=2)
    resolved_request(london(2026, 3, 23, 10), london(2026, 3, 26, 10))  # 3 working days, in time, not rated
    now.at = london(2026, 4, 7, 10)
    raise_request(cast.service, cast.requester, subject="Still open")
    now.at = MONDAY

    page = page_text(signed_in_client(app, cast.requester).get(f"/services/{cast.service.slug}"))
    assert "How it is going The last 90 days." in page
    assert "Requests received 5" in page
    assert "Resolved 4" in page
    assert "Resolved within target 75% (3 of 4)" in page
    # 1, 2, 3 and 5 working days: with an even count the lower middle value is shown.
    assert "Typical time to resolve 2 working days (median)" in page
    assert "Satisfaction 3.7 out of 5 from 3 ratings" in page


def test_a_new_service_says_there_is_nothing_to_show_yet(app, cast):
    page = page_text(signed_in_client(app, cast.requester).get(f"/services/{cast.service.slug}"))
    assert "Requests received 0" in page
    assert "Resolved within target None resolved yet" in page
    assert "Typical time to resolve Not known yet" in page
    assert "Satisfaction No ratings yet" in page


# --- The team mailbox ------------------------------------------------------------------------------


def test_a_team_mailbox_set_by_an_admin_gets_new_requests_instead_of_each_agent(app, now):
    admin = signed_in_client(app, make_user(roles=["admin"]))
    assert "Team mailbox (optional)" in page_text(admin.get("/admin/teams"))
    response = admin.post(
        "/admin/teams",
        data={"name": "Democratic Services", "is_business_support": "y", "email": "Democratic.Services@Council.test"},
    )
    assert response.status_code == 303
    team = db.session.scalar(select(Team).where(Team.name == "Democratic Services"))
    assert team.email == "democratic.services@council.test"
    agent = make_user(roles=["agent"], team=team)
    manager = make_user(roles=["manager"], team=team)
    service = make_service(name="Minute taking", team=team)
    first = raise_request(service, make_user())
    assert [(email.to_address, email.subject) for email in emails()] == [
        ("democratic.services@council.test", f"New request {first.reference}: Minutes for the Planning Committee")
    ]

    form = admin.get(f"/admin/teams/{team.id}")
    assert 'value="democratic.services@council.test"' in form.get_data(as_text=True)
    cleared = admin.post(
        f"/admin/teams/{team.id}", data={"name": "Democratic Services", "is_business_support": "y", "email": ""}
    )
    assert cleared.status_code == 303
    second = raise_request(service, make_user())
    told = emails(subject=f"New request {second.reference}: Minutes for the Planning Committee")
    assert sorted(email.to_address for email in told) == sorted([agent.email, manager.email])
    assert f"{second.requester.name} has made a request: {service.name}.\n\n" in told[0].body

    bad = admin.post(
        f"/admin/teams/{team.id}",
        data={"name": "Democratic Services", "is_business_support": "y", "email": "not an address"},
    )
    assert bad.status_code == 422
    assert "Enter the mailbox address in the correct format" in page_text(bad)


# --- Strangers get 404 from every request URL ----------------------------------------------------------


@pytest.fixture
def targets(cast, now):
    """An open request with a reply's file, and a resolved one with its rating link."""
    with_file = raise_request(cast.service, cast.requester, subject="Open one")
    upload = CheckedFile(data=PDF, filename="minutes.pdf", file_type="pdf", content_type="application/pdf")
    act(workflow.add_message, with_file, cast.agent, "The minutes", uploads=[upload])
    resolved = raise_request(cast.service, cast.requester, subject="Resolved one")
    change_status(resolved, cast.agent, "resolved")
    return {
        "open": fresh(with_file),
        "resolved": fresh(resolved),
        "file": _attachment("minutes.pdf"),
        "rate": _rating_links(resolved, cast.requester)[5],
    }


# (method, path, form data, which request, who may use it)
REQUEST_URLS = [
    ("GET", "/requests/{ref}", {}, "open", "requester"),
    ("GET", "/requests/{ref}/sent", {}, "open", "requester"),
    ("GET", "/requests/{ref}/attachments/{file}/minutes.pdf", {}, "open", "requester"),
    ("POST", "/requests/{ref}/messages", {"body": "Let me in"}, "open", "requester"),
    ("POST", "/requests/{ref}/assign", {"assignee": "{agent}"}, "open", "agent"),
    ("POST", "/requests/{ref}/assign-to-me", {}, "open", "agent"),
    ("POST", "/requests/{ref}/status", {"status": "in_progress"}, "open", "agent"),
    ("POST", "/requests/{ref}/priority", {"priority": "high"}, "open", "agent"),
    ("GET", "/requests/{ref}/cancel", {}, "open", "requester"),
    ("POST", "/requests/{ref}/cancel", {"reason": "No longer needed"}, "open", "requester"),
    ("POST", "/requests/{ref}/reopen", {"reason": "Not done"}, "resolved", "requester"),
    ("POST", "/requests/{ref}/rating", {"rating": "1"}, "resolved", "requester"),
    ("GET", "{rate}", {}, "resolved", "requester"),
]


@pytest.mark.parametrize("stranger_kind", ["staff", "agent of another team", "manager of another team"])
@pytest.mark.parametrize(
    "method,path,data,which,owner", REQUEST_URLS, ids=[f"{method} {path}" for method, path, *_ in REQUEST_URLS]
)
def test_a_signed_in_stranger_gets_not_found_from_every_request_url(
    app, cast, targets, stranger_kind, method, path, data, which, owner
):
    roles = {"staff": [], "agent of another team": ["agent"], "manager of another team": ["manager"]}[stranger_kind]
    stranger = signed_in_client(app, make_user(roles=roles, team=make_team("Facilities") if roles else None))
    target = targets[which]
    url = path.format(ref=target.reference, file=targets["file"].id, rate=targets["rate"])
    form = {key: value.format(agent=cast.agent.id) for key, value in data.items()}
    form["version"] = target.version
    before = (target.version, event_count(target), email_count())

    response = stranger.get(url) if method == "GET" else stranger.post(url, data=form)
    assert response.status_code == 404
    assert "Page not found" in page_text(response)
    assert target.reference not in response.get_data(as_text=True)
    after = fresh(target)
    assert (after.version, event_count(after), email_count()) == before

    # The same address works for the people it belongs to.
    rightful = signed_in_client(app, cast.requester if owner == "requester" else cast.agent)
    allowed = rightful.get(url) if method == "GET" else rightful.post(url, data=form)
    assert allowed.status_code in (200, 303), allowed.status_code


def test_an_unknown_or_malformed_reference_is_not_found(agent_client):
    for reference in ("BS-999999", "BS-1", "nonsense", "BS-000001%00"):
        assert agent_client.get(f"/requests/{reference}").status_code == 404


# --- Wording (issue 23) ----------------------------------------------------------------------


def test_the_timeline_says_once_who_took_a_request_on_and_what_happened_automatically(
    cast, agent_client, requester_client, request_
):
    agent_client.post(f"/requests/{request_.reference}/assign-to-me", data={"version": request_.version})
    change_status(fresh(request_), cast.agent, "waiting", note="Which room?")
    requester_client.post(f"/requests/{request_.reference}/messages", data={"body": "Committee Room 2"})

    text = page_text(agent_client.get(f"/requests/{request_.reference}"))

    assert f"Taken on by {cast.agent.name}" in text
    assert f"Assigned to {cast.agent.name} by {cast.agent.name}" not in text
    assert "Status: Waiting for requester → In progress automatically" in text
    assert f"Back in progress automatically: {cast.requester.name} replied." in text


def test_an_unread_notification_is_marked_unread_not_new(cast, agent_client, requester_client, request_):
    requester_client.post(f"/requests/{request_.reference}/messages", data={"body": "Any news?"})

    page = agent_client.get("/notifications")

    assert "Unread" in page_text(page) and "New New" not in page_text(page)
