"""Ideas board pages as people use them: posting (with similar ideas while typing), the board with
its sorts, filters and pages, the roadmap, voting with and without JavaScript (and from many
browsers at once), comments, the moderators' workflow, following, anonymous ideas and the
benefits register."""

import csv
import html
import io
import json
import re
import threading
from datetime import UTC, date, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import select

from app import clock
from app.extensions import db
from app.ideas import services
from app.models import Idea, IdeaComment, IdeaCommentEdit, IdeaStatusChange
from tests.conftest import page_text
from tests.factories import make_team, make_user, signed_in_client
from tests.ideas.helpers import comment, make_idea, messages_for, moderator, move, new_idea_form, vote, voter_ids
from tests.search.helpers import titles_found

NOW = datetime(2026, 3, 16, 10, 0, tzinfo=UTC)


def status_form(status, **changes) -> dict:
    return {"status": status, "note": "", "reason": "", "duplicate_of": "", **changes}


def benefit_form(realised_on=(16, 3, 2026), **changes) -> dict:
    day, month, year = realised_on
    return {
        "hours_per_month": "",
        "pounds_per_year": "",
        "description": "",
        "realised_on": [str(day), str(month), str(year)],
        **changes,
    }


def markup(response) -> str:
    return response.get_data(as_text=True)


def input_value(response, field_id) -> str | None:
    match = re.search(rf'<input[^>]*id="{field_id}"[^>]*value="([^"]*)"', markup(response))
    return html.unescape(match.group(1)) if match else None


def card_titles(response) -> list[str]:
    """The idea titles on a board page or fragment, in the order shown."""
    results = re.search(r'<div id="board-results">(.*)', markup(response), re.S).group(1)
    return [
        html.unescape(title)
        for title in re.findall(
            r'<h2 class="govuk-heading-s[^"]*"><a class="govuk-link" '
            r'href="/ideas/\d+">(.*?)</a></h2>',
            results,
        )
    ]


def query_of(href: str) -> dict:
    parts = urlsplit(html.unescape(href))
    return {"path": parts.path, **{key: values[0] for key, values in parse_qs(parts.query).items()}}


def pagination_links(response) -> list[dict]:
    return [query_of(href) for href in re.findall(r'href="([^"]*page=\d+[^"]*)"', markup(response))]


@pytest.fixture
def manager_client(app):
    return signed_in_client(app, moderator("Mo Manager"))


# --- Posting -----------------------------------------------------------------------------------


def test_posting_an_idea_shows_it_with_your_vote_and_says_you_are_following(app, staff, staff_client):
    response = staff_client.post("/ideas/new", data=new_idea_form(hours_per_month="12", pounds_per_year="£1,200"))
    assert response.status_code == 303
    idea = db.session.scalar(select(Idea))
    assert response.headers["Location"] == f"/ideas/{idea.id}"

    page = staff_client.get(response.headers["Location"])
    text = page_text(page)
    assert "Your idea is on the board. You have voted for it and will hear about any change." in text
    assert "Scan the post on arrival" in text
    assert "1 vote" in text and 'aria-pressed="true"' in markup(page)
    assert "Stop following this idea" in text
    assert "Hours saved each month 12 " in text and "Money saved each year £1,200" in text
    assert voter_ids(idea.id) == [staff.id]


def test_hours_typed_in_words_come_back_with_the_error_summary_and_what_was_typed(app, staff_client):
    response = staff_client.post("/ideas/new", data=new_idea_form(hours_per_month="twelve"))

    assert response.status_code == 422
    text = page_text(response)
    assert "There is a problem" in text
    assert '<a href="#hours_per_month">Hours saved must be a number, like 12</a>' in markup(response)
    assert input_value(response, "hours_per_month") == "twelve"
    assert input_value(response, "title") == "Scan the post on arrival"
    assert "Scan letters as they arrive" in text
    assert db.session.scalar(select(Idea)) is None


def test_a_negative_amount_of_money_comes_back_with_the_error_and_what_was_typed(app, staff_client):
    response = staff_client.post("/ideas/new", data=new_idea_form(pounds_per_year="-50"))

    assert response.status_code == 422
    assert '<a href="#pounds_per_year">Money saved must be between 0 and 10,000,000</a>' in markup(response)
    assert input_value(response, "pounds_per_year") == "-50"
    assert db.session.scalar(select(Idea)) is None


def test_every_problem_with_an_idea_is_listed_at_once(app, staff_client):
    response = staff_client.post(
        "/ideas/new", data=new_idea_form(title="", hours_per_month="twelve", pounds_per_year="-50")
    )

    assert response.status_code == 422
    summary = re.search(r'<ul class="govuk-list govuk-error-summary__list">(.*?)</ul>', markup(response), re.S)
    assert re.findall(r'<a href="#(\w+)">', summary.group(1)) == ["title", "hours_per_month", "pounds_per_year"]
    assert input_value(response, "hours_per_month") == "twelve"


def test_not_a_number_as_hours_is_a_form_error_not_a_crash(app, staff_client):
    response = staff_client.post("/ideas/new", data=new_idea_form(hours_per_month="NaN"))
    assert response.status_code == 422
    assert "Hours saved must be a number, like 12" in page_text(response)


def test_script_and_javascript_links_in_a_description_are_inert(app, staff_client):
    description = (
        "Hello <script>alert('x')</script> **bold**\n\n"
        '[Click me](javascript:alert(1)) and <a href="javascript:alert(2)">raw</a> '
        "<img src=x onerror=alert(3)> [Guidance](https://www.gov.uk/)"
    )
    response = staff_client.post("/ideas/new", data=new_idea_form(description=description))
    assert response.status_code == 303

    page = markup(staff_client.get(response.headers["Location"]))
    prose = re.search(r'<div class="sr-prose">(.*?)</div>', page, re.S).group(1)
    tags = re.findall(r"<[a-z][^>]*>", prose)
    assert "<strong>" in tags
    assert not [tag for tag in tags if tag.startswith(("<script", "<img")) or "onerror" in tag or "javascript:" in tag]
    links = re.findall(r"<a\b[^>]*>", page)
    assert not [link for link in links if "javascript:" in link.lower()]
    assert '<a href="https://www.gov.uk/" rel="noopener noreferrer">' in prose  # safe links still work
    assert "&lt;script&gt;" in prose  # shown as the words typed, never run


def test_an_area_that_is_not_offered_is_refused(app, staff_client):
    response = staff_client.post("/ideas/new", data=new_idea_form(area="9999"))
    assert response.status_code == 422
    assert "There is a problem" in page_text(response)


# --- Similar ideas while typing -----------------------------------------------------------------


def test_typing_a_title_shows_similar_ideas_already_on_the_board(app, staff_client):
    existing = make_idea(title="Scanning incoming post", description="Scan letters on arrival.")
    make_idea(title="Agenda packs online", description="Publish agenda packs as one document.")

    response = staff_client.hx("GET", "/ideas/similar", query_string={"title": "scan the post"})

    assert response.status_code == 200
    body = markup(response).strip()
    assert body.startswith('<div id="similar-ideas"') and "<html" not in body
    assert "Similar ideas already on the board" in page_text(response)
    assert re.findall(r'<a class="govuk-link" href="(/ideas/\d+)">', body) == [f"/ideas/{existing.id}"]


def test_a_title_with_nothing_like_it_shows_no_similar_ideas(app, staff_client):
    make_idea(title="Scanning incoming post")
    for title in ("sca", "parking permits"):
        response = staff_client.hx("GET", "/ideas/similar", query_string={"title": title})
        assert response.status_code == 200
        assert "Similar ideas" not in page_text(response)


def test_an_idea_posted_with_errors_still_shows_the_similar_ideas(app, staff_client):
    existing = make_idea(title="Scanning incoming post")
    response = staff_client.post("/ideas/new", data=new_idea_form(title="Scan the post", description=""))
    assert response.status_code == 422
    assert f'href="/ideas/{existing.id}"' in markup(response)


# --- The board ---------------------------------------------------------------------------------


def _ideas_over_a_month():
    with clock.fixed(NOW - timedelta(days=30)):
        vote(make_idea(title="Old favourite"), *[make_user() for _ in range(4)])
    with clock.fixed(NOW - timedelta(days=3)):
        vote(make_idea(title="Rising"), make_user(), make_user())
    with clock.fixed(NOW - timedelta(days=1)):
        make_idea(title="Quiet")


@pytest.mark.parametrize(
    "sort, expected",
    [
        (None, ["Rising", "Quiet", "Old favourite"]),
        ("trending", ["Rising", "Quiet", "Old favourite"]),
        ("top", ["Old favourite", "Rising", "Quiet"]),
        ("newest", ["Quiet", "Rising", "Old favourite"]),
        ("nonsense", ["Rising", "Quiet", "Old favourite"]),
    ],
)
def test_the_board_sorts_by_trending_top_and_newest(app, staff_client, sort, expected):
    _ideas_over_a_month()
    with clock.fixed(NOW):
        response = staff_client.get("/ideas", query_string={"sort": sort} if sort else {})
    assert response.status_code == 200
    assert card_titles(response) == expected
    assert "3 ideas" in page_text(response)


def test_the_board_sorted_by_updated_puts_the_idea_with_the_latest_comment_first(app, staff_client):
    _ideas_over_a_month()
    old = db.session.scalar(select(Idea).where(Idea.title == "Old favourite"))
    with clock.fixed(NOW - timedelta(hours=1)):
        comment(old, make_user())
    with clock.fixed(NOW):
        assert card_titles(staff_client.get("/ideas?sort=updated")) == ["Old favourite", "Quiet", "Rising"]


def test_the_board_filters_by_status_area_tag_and_words(app, staff_client):
    revenues = make_team("Revenues")
    make_idea(
        title="Council tax letters",
        description="Plain English letters.",
        area=revenues,
        tags="letters",
        status="planned",
    )
    make_idea(title="Scan the post on arrival", description="Scanning saves a walk.", tags="post")
    make_idea(title="Shared inbox rules", description="Rules for the inbox.", tags="email, letters")

    assert card_titles(staff_client.get("/ideas?status=planned")) == ["Council tax letters"]
    assert card_titles(staff_client.get("/ideas?area=Revenues")) == ["Council tax letters"]
    assert sorted(card_titles(staff_client.get("/ideas?area=council-wide"))) == [
        "Scan the post on arrival",
        "Shared inbox rules",
    ]
    assert sorted(card_titles(staff_client.get("/ideas?tag=letters"))) == ["Council tax letters", "Shared inbox rules"]
    assert card_titles(staff_client.get("/ideas?q=scanning")) == ["Scan the post on arrival"]
    assert card_titles(staff_client.get("/ideas?q=letters&area=council-wide")) == ["Shared inbox rules"]
    nothing = staff_client.get("/ideas?q=parking+permits")
    assert card_titles(nothing) == []
    assert "No ideas match" in page_text(nothing)


def test_the_filter_form_shows_the_filters_in_use(app, staff_client):
    make_team("Revenues")
    response = staff_client.get("/ideas?sort=top&status=planned&area=Revenues&q=letters&tag=post")
    page = markup(response)
    assert '<option value="top" selected>' in page
    assert '<option value="planned" selected>' in page
    assert '<option value="Revenues" selected>' in page
    assert input_value(response, "q") == "letters"
    assert '<input type="hidden" name="tag" value="post">' in page


def test_page_links_carry_the_filters_and_sort(app, staff_client):
    revenues = make_team("Revenues")
    for number in range(23):
        make_idea(title=f"Letter idea {number}", description="Letters.", area=revenues, tags="letters")
    make_idea(title="Elsewhere", description="Letters.", tags="letters")

    first = staff_client.get("/ideas?sort=newest&area=Revenues&tag=letters&q=letter")
    assert len(card_titles(first)) == 20
    assert "23 ideas" in page_text(first)
    filters = {"path": "/ideas", "sort": "newest", "area": "Revenues", "tag": "letters", "q": "letter"}
    assert pagination_links(first) and all(
        {**link, "page": None} == {**filters, "page": None} for link in pagination_links(first)
    )
    assert {link["page"] for link in pagination_links(first)} == {"1", "2"}

    second = staff_client.get("/ideas?sort=newest&area=Revenues&tag=letters&q=letter&page=2")
    assert card_titles(second) == ["Letter idea 2", "Letter idea 1", "Letter idea 0"]
    assert {link["page"] for link in pagination_links(second)} == {"1", "2"}


def test_tag_links_on_cards_keep_the_other_filters(app, staff_client):
    make_idea(title="Council tax letters", tags="letters", status="planned")
    response = staff_client.get("/ideas?status=planned&sort=top")
    hrefs = [query_of(href) for href in re.findall(r'href="(/ideas\?[^"]*tag=[^"]*)"', markup(response))]
    assert hrefs == [{"path": "/ideas", "status": "planned", "sort": "top", "tag": "letters"}]


def test_an_htmx_filter_returns_only_the_results_region(app, staff_client):
    make_idea(title="Council tax letters", status="planned")
    make_idea(title="Shared inbox rules")

    response = staff_client.hx("GET", "/ideas?status=planned")

    assert response.status_code == 200
    body = markup(response).strip()
    assert body.startswith('<div id="board-results">') and "<html" not in body and "Apply filters" not in body
    assert card_titles(response) == ["Council tax letters"]
    assert "HX-Request" in response.headers["Vary"]


def test_going_back_to_a_filtered_board_gets_the_whole_page(app, staff_client):
    make_idea(title="Council tax letters", status="planned")
    response = staff_client.hx("GET", "/ideas?status=planned", headers={"HX-History-Restore-Request": "true"})
    assert "<html" in markup(response) and "Apply filters" in page_text(response)
    assert card_titles(response) == ["Council tax letters"]


# --- Roadmap -------------------------------------------------------------------------------------


def test_the_roadmap_shows_a_column_per_stage_with_votes(app, staff_client):
    make_idea(title="Fresh")
    vote(make_idea(title="Popular plan", status="planned"), make_user())
    make_idea(title="Done", status="implemented")
    make_idea(title="Declined", status="not_taken_forward")

    response = staff_client.get("/ideas/roadmap")
    columns = dict(
        re.findall(
            r'<section class="sr-roadmap__column"[^>]*>\s*<h2[^>]*>(.*?) <span.*?<ul[^>]*>(.*?)</ul>',
            markup(response),
            re.S,
        )
    )
    text = {
        status: " ".join(html.unescape(re.sub(r"<[^>]+>", " ", items)).split()) for status, items in columns.items()
    }
    assert list(text) == ["New", "Under review", "Planned", "In progress", "Implemented"]
    assert text["New"] == "Fresh 1 vote · Council-wide"
    assert text["Under review"] == "None at the moment"
    assert text["Planned"] == "Popular plan 2 votes · Council-wide"
    assert text["Implemented"] == "Done 1 vote · Council-wide"
    assert "Declined" not in page_text(response)


# --- Voting ------------------------------------------------------------------------------------


def test_voting_with_htmx_returns_the_button_with_the_new_count_and_announces_it(app, staff, staff_client):
    idea = make_idea(title="Scan the post")

    response = staff_client.hx("POST", f"/ideas/{idea.id}/vote", data={"vote": "1"})

    assert response.status_code == 200
    body = markup(response).strip()
    assert body.startswith(f'<form id="vote-{idea.id}"') and "<html" not in body
    assert "<strong>2</strong> votes" in body
    assert 'aria-pressed="true"' in body and '<input type="hidden" name="vote" value="0">' in body
    assert json.loads(response.headers["HX-Trigger"]) == {"staffroom:announce": {"message": "Voted. 2 votes."}}
    assert voter_ids(idea.id) == sorted([idea.author_id, staff.id])


def test_taking_a_vote_back_with_htmx_lowers_the_count(app, staff, staff_client):
    idea = make_idea()
    vote(idea, staff)

    response = staff_client.hx("POST", f"/ideas/{idea.id}/vote", data={"vote": "0"})

    assert "<strong>1</strong> vote" in markup(response) and 'aria-pressed="false"' in markup(response)
    assert json.loads(response.headers["HX-Trigger"])["staffroom:announce"]["message"] == "Vote taken back. 1 vote."
    assert voter_ids(idea.id) == [idea.author_id]


def test_voting_without_javascript_goes_back_to_the_board_with_a_message(app, staff, staff_client):
    idea = make_idea()

    response = staff_client.post(f"/ideas/{idea.id}/vote", data={"vote": "1", "next": "/ideas?sort=top"})

    assert response.status_code == 303
    assert response.headers["Location"] == "/ideas?sort=top"
    assert "Your vote has been counted" in page_text(staff_client.get(response.headers["Location"]))
    assert staff.id in voter_ids(idea.id)


def test_voting_without_javascript_never_goes_to_another_site(app, staff_client):
    idea = make_idea()
    response = staff_client.post(f"/ideas/{idea.id}/vote", data={"vote": "1", "next": "//evil.example/"})
    assert response.headers["Location"] == f"/ideas/{idea.id}"


def test_voting_twice_with_vote_1_counts_once(app, staff, staff_client):
    idea = make_idea()
    staff_client.post(f"/ideas/{idea.id}/vote", data={"vote": "1"})
    response = staff_client.hx("POST", f"/ideas/{idea.id}/vote", data={"vote": "1"})

    assert "<strong>2</strong> votes" in markup(response)
    assert voter_ids(idea.id) == sorted([idea.author_id, staff.id])


def test_a_vote_without_the_form_token_is_refused(app, staff_client):
    idea = make_idea()
    response = staff_client.post(f"/ideas/{idea.id}/vote", data={"vote": "1"}, csrf=False)
    assert response.status_code == 400
    assert voter_ids(idea.id) == [idea.author_id]


def test_nobody_can_vote_for_a_duplicate(app, staff, staff_client):
    target, copy = make_idea(title="Original"), make_idea(title="Copy")
    move(copy, moderator(), "duplicate", duplicate_of_id=target.id)

    staff_client.post(f"/ideas/{copy.id}/vote", data={"vote": "1"})

    assert voter_ids(copy.id) == []
    assert staff.id not in voter_ids(target.id)


def test_voting_for_an_idea_that_does_not_exist_is_not_found(app, staff_client):
    assert staff_client.post("/ideas/9999/vote", data={"vote": "1"}).status_code == 404


def _vote_in_own_browser(client, url, barrier, responses, errors):
    try:
        barrier.wait(timeout=30)
        responses.append(client.post(url, data={"vote": "1"}).status_code)
    except Exception as error:  # noqa: BLE001  reported by the test
        errors.append(error)


def _all_at_once(clients, url):
    barrier, responses, errors = threading.Barrier(len(clients)), [], []
    threads = [
        threading.Thread(target=_vote_in_own_browser, args=(client, url, barrier, responses, errors))
        for client in clients
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a browser never got an answer"
    return responses, errors


def test_many_people_voting_at_once_from_different_workers_are_each_counted_once(make_app, app):
    idea = make_idea()
    voters = [make_user() for _ in range(8)]
    clients = [signed_in_client(make_app(WORKER=str(number)), voter) for number, voter in enumerate(voters)]

    responses, errors = _all_at_once(clients, f"/ideas/{idea.id}/vote")

    assert errors == []
    assert responses == [303] * len(voters)
    assert voter_ids(idea.id) == sorted([idea.author_id, *(voter.id for voter in voters)])
    db.session.rollback()  # the workers committed: read the idea afresh
    with app.test_request_context():
        assert services.vote_count(idea) == len(voters) + 1


def test_the_same_person_voting_from_two_browsers_at_once_counts_once(make_app, app, staff):
    idea = make_idea()
    clients = [signed_in_client(make_app(WORKER=f"browser-{number}"), staff) for number in range(2)]

    responses, errors = _all_at_once(clients, f"/ideas/{idea.id}/vote")

    assert errors == []
    assert responses == [303, 303]
    assert voter_ids(idea.id) == sorted([idea.author_id, staff.id])


# --- My ideas and my votes ------------------------------------------------------------------------


def test_my_ideas_lists_only_the_ideas_i_posted(app, staff, staff_client):
    make_idea(author=staff, title="Mine")
    vote(make_idea(title="Someone else's"), staff)

    response = staff_client.get("/ideas/mine")
    assert "My ideas" in page_text(response)
    assert card_titles(response) == ["Mine"]


def test_my_votes_lists_the_ideas_i_voted_for_and_not_after_i_take_the_vote_back(app, staff, staff_client):
    make_idea(author=staff, title="Mine")
    liked, unliked = make_idea(title="Liked"), make_idea(title="Changed my mind")
    make_idea(title="Never voted")
    vote(liked, staff)
    vote(unliked, staff)
    vote(unliked, staff, wanted=False)

    response = staff_client.get("/ideas/my-votes")
    assert "Ideas I voted for" in page_text(response)
    assert sorted(card_titles(response)) == ["Liked", "Mine"]
    assert markup(response).count('aria-pressed="true"') == 2


# --- Comments -----------------------------------------------------------------------------------


def test_a_comment_appears_on_the_idea_and_the_commenter_follows_it(app, staff, staff_client):
    idea = make_idea()
    response = staff_client.post(f"/ideas/{idea.id}/comments", data={"body": "We *need* this", "parent_id": ""})
    added = db.session.scalar(select(IdeaComment))
    assert response.status_code == 303
    assert response.headers["Location"] == f"/ideas/{idea.id}#comment-{added.id}"

    page = staff_client.get(f"/ideas/{idea.id}")
    assert "Comment posted" in page_text(page)
    assert "<em>need</em>" in markup(page)
    assert "Stop following this idea" in page_text(page)


def test_an_empty_comment_comes_back_with_the_error(app, staff_client):
    idea = make_idea()
    response = staff_client.post(f"/ideas/{idea.id}/comments", data={"body": "  ", "parent_id": ""})
    assert response.status_code == 422
    assert "There is a problem" in page_text(response) and "Enter your comment" in page_text(response)


def test_a_reply_to_a_reply_is_shown_in_the_same_thread(app, staff_client):
    idea = make_idea()
    first = comment(idea, make_user(), "Top comment")
    reply = comment(idea, make_user(), "A reply", parent=first)

    response = staff_client.post(
        f"/ideas/{idea.id}/comments", data={"body": "A reply to the reply", "parent_id": str(reply.id)}
    )
    assert response.status_code == 303
    answer = db.session.scalar(select(IdeaComment).where(IdeaComment.body == "A reply to the reply"))
    assert answer.parent_id == first.id
    page = markup(staff_client.get(f"/ideas/{idea.id}"))
    replies = re.search(r'<div class="sr-replies">(.*?)<details', page, re.S).group(1)
    assert "A reply" in replies and "A reply to the reply" in replies


def test_editing_my_comment_shows_edited_and_keeps_the_earlier_text(app, staff, staff_client):
    idea = make_idea()
    said = comment(idea, staff, "First words")

    form = staff_client.get(f"/ideas/comments/{said.id}/edit")
    assert form.status_code == 200 and "First words" in page_text(form)
    response = staff_client.post(f"/ideas/comments/{said.id}/edit", data={"body": "Better words"})
    assert response.status_code == 303

    text = page_text(staff_client.get(f"/ideas/{idea.id}"))
    assert "Better words" in text and "First words" not in text
    assert "(edited)" in text
    assert db.session.scalars(select(IdeaCommentEdit.body)).all() == ["First words"]


def test_nobody_else_can_edit_my_comment(app, staff_client):
    said = comment(make_idea(), make_user(), "Mine, not yours")
    manager = signed_in_client(app, moderator())

    for client in (staff_client, manager):
        assert client.get(f"/ideas/comments/{said.id}/edit").status_code == 404
        assert client.post(f"/ideas/comments/{said.id}/edit", data={"body": "Changed"}).status_code == 404
    db.session.expire_all()
    assert db.session.get(IdeaComment, said.id).body == "Mine, not yours"
    assert "Edit your comment" not in page_text(staff_client.get(f"/ideas/{said.idea_id}"))


def test_a_moderator_removes_a_comment_with_a_reason_and_the_text_is_kept(app, staff_client, manager_client):
    idea = make_idea()
    said = comment(idea, make_user(), "Something unkind about Dave")

    response = manager_client.post(f"/ideas/comments/{said.id}/hide", data={"reason": "Personal remarks"})
    assert response.status_code == 303

    text = page_text(staff_client.get(f"/ideas/{idea.id}"))
    assert "Comment removed by a moderator" in text
    assert "Something unkind about Dave" not in text
    db.session.expire_all()
    kept = db.session.get(IdeaComment, said.id)
    assert (kept.body, kept.hidden_reason) == ("Something unkind about Dave", "Personal remarks")


def test_a_removed_comment_cannot_be_edited_by_its_author(app, manager_client):
    author = make_user()
    said = comment(make_idea(), author, "Something unkind")
    manager_client.post(f"/ideas/comments/{said.id}/hide", data={"reason": "Personal remarks"})

    assert signed_in_client(app, author).get(f"/ideas/comments/{said.id}/edit").status_code == 404


def test_removing_a_comment_needs_a_reason(app, manager_client):
    said = comment(make_idea(), make_user())
    response = manager_client.post(f"/ideas/comments/{said.id}/hide", data={"reason": ""})
    assert response.status_code == 422
    assert "Say why the comment is being removed" in page_text(response)
    db.session.expire_all()
    assert db.session.get(IdeaComment, said.id).hidden_at is None


@pytest.mark.parametrize("roles", [(), ("editor",), ("agent",)])
def test_staff_editors_and_agents_cannot_remove_comments(app, roles):
    said = comment(make_idea(), make_user())
    client = signed_in_client(app, make_user(roles=roles))
    assert client.post(f"/ideas/comments/{said.id}/hide", data={"reason": "Spam"}).status_code == 404
    assert "Remove comment" not in page_text(client.get(f"/ideas/{said.idea_id}"))
    db.session.expire_all()
    assert db.session.get(IdeaComment, said.id).hidden_at is None


# --- Status workflow ----------------------------------------------------------------------------


@pytest.mark.parametrize("roles", [(), ("editor",), ("agent",)])
def test_staff_editors_and_agents_cannot_change_the_status(app, roles):
    idea = make_idea()
    client = signed_in_client(app, make_user(roles=roles))

    response = client.post(f"/ideas/{idea.id}/status", data=status_form("under_review"))

    assert response.status_code == 404
    db.session.expire_all()
    assert db.session.get(Idea, idea.id).status == "new"
    assert "Manage this idea" not in page_text(client.get(f"/ideas/{idea.id}"))


@pytest.mark.parametrize("roles, name", [(("manager",), "Mo Manager"), (("admin",), "Ada Admin")])
def test_managers_and_admins_change_the_status_and_the_history_shows_it(app, staff_client, roles, name):
    idea = make_idea()
    client = signed_in_client(app, make_user(roles=roles, name=name))

    response = client.post(f"/ideas/{idea.id}/status", data=status_form("under_review", note="Looking at it with IT"))

    assert response.status_code == 303
    assert response.headers["Location"] == f"/ideas/{idea.id}#history"
    assert "Status changed to under review" in page_text(client.get(response.headers["Location"]))
    text = page_text(staff_client.get(f"/ideas/{idea.id}"))
    assert f"New → Under review , by {name}. “Looking at it with IT”" in text


def test_a_change_the_workflow_does_not_allow_is_refused_with_a_clear_message(app, manager_client):
    idea = make_idea()

    response = manager_client.post(f"/ideas/{idea.id}/status", data=status_form("implemented"))

    assert response.status_code == 422
    assert "There is a problem" in page_text(response)
    assert '<a href="#status">An idea that is new cannot become implemented</a>' in markup(response)
    assert 'id="status"' in markup(response)  # the summary's link has somewhere to go
    db.session.expire_all()
    assert db.session.get(Idea, idea.id).status == "new"


def test_not_taken_forward_without_a_reason_is_refused(app, manager_client):
    idea = make_idea()

    response = manager_client.post(f"/ideas/{idea.id}/status", data=status_form("not_taken_forward"))

    assert response.status_code == 422
    assert "Give the reason this idea is not being taken forward" in page_text(response)
    assert db.session.scalar(select(IdeaStatusChange)) is None


def test_not_taken_forward_shows_the_reason_on_the_idea_and_in_the_history(app, staff_client, manager_client):
    idea = make_idea()
    manager_client.post(
        f"/ideas/{idea.id}/status", data=status_form("not_taken_forward", reason="The new case system does this")
    )

    text = page_text(staff_client.get(f"/ideas/{idea.id}"))
    assert "Not taken forward: The new case system does this" in text
    assert "New → Not taken forward , by Mo Manager. “The new case system does this”" in text


def test_marking_a_duplicate_moves_votes_and_comments_and_links_to_the_original(app, staff_client, manager_client):
    target, copy = make_idea(title="Original idea"), make_idea(title="Copy idea")
    both = make_user()
    vote(target, both)
    vote(copy, both)
    comment(copy, make_user(), "Said on the copy")

    response = manager_client.post(
        f"/ideas/{copy.id}/status", data=status_form("duplicate", duplicate_of=str(target.id))
    )
    assert response.status_code == 303

    copy_page = staff_client.get(f"/ideas/{copy.id}")
    assert f'This idea was merged into <a class="govuk-link" href="/ideas/{target.id}">Original idea</a>' in markup(
        copy_page
    )
    assert "<strong>0</strong> votes" in markup(copy_page)
    target_page = staff_client.get(f"/ideas/{target.id}")
    assert "<strong>3</strong> votes" in markup(target_page)  # both authors and `both`, once
    assert "Said on the copy" in page_text(target_page)
    assert voter_ids(target.id) == sorted([target.author_id, copy.author_id, both.id])


def test_marking_a_duplicate_without_the_original_is_refused(app, manager_client):
    idea = make_idea()
    response = manager_client.post(f"/ideas/{idea.id}/status", data=status_form("duplicate", duplicate_of=""))
    assert response.status_code == 422
    assert "Enter words from the title of the idea this one duplicates" in page_text(response)


def test_a_moderator_merges_by_searching_for_the_idea_then_choosing_it_without_javascript(
    app, staff_client, manager_client
):
    target = make_idea(title="Scan the post on arrival")
    make_idea(title="Scan invoices for finance")
    copy = make_idea(title="Digitise incoming post")

    nothing = manager_client.post(f"/ideas/{copy.id}/status", data=status_form("duplicate", duplicate_search="fax"))
    assert nothing.status_code == 422 and "No idea matches that" in page_text(nothing)

    found = manager_client.post(f"/ideas/{copy.id}/status", data=status_form("duplicate", duplicate_search="scan POST"))
    assert found.status_code == 200
    choices = re.findall(r'name="duplicate_of" type="radio" value="(\d+)"', markup(found))
    assert choices == [str(target.id)]  # every word, in any case; never the idea itself
    assert "Merge" in page_text(found)
    by_number = manager_client.post(
        f"/ideas/{copy.id}/status", data=status_form("duplicate", duplicate_search=f"#{target.id}")
    )
    assert re.findall(r'name="duplicate_of" type="radio" value="(\d+)"', markup(by_number)) == [str(target.id)]

    merged = manager_client.post(
        f"/ideas/{copy.id}/status", data=status_form("duplicate", duplicate_of=str(target.id), duplicate_search="scan")
    )
    assert merged.status_code == 303
    copy_page = page_text(staff_client.get(f"/ideas/{copy.id}"))
    assert f"New → Duplicate , by Mo Manager. “Merged into idea {target.id}, “Scan the post on arrival”" in copy_page
    target_page = page_text(staff_client.get(f"/ideas/{target.id}"))
    assert (
        f"Idea {copy.id}, “Digitise incoming post”, merged into this one with its votes and comments, by Mo Manager"
        in target_page
    )


def test_a_merged_idea_is_read_only(app, staff_client, manager_client):
    target, copy = make_idea(title="Original idea"), make_idea(title="Copy idea")
    manager_client.post(f"/ideas/{copy.id}/status", data=status_form("duplicate", duplicate_of=str(target.id)))

    page = staff_client.get(f"/ideas/{copy.id}")
    assert "This idea is closed to comments" in page_text(page)
    assert 'name="body"' not in markup(page) and "Follow" not in page_text(page)
    assert "Manage this idea" not in page_text(manager_client.get(f"/ideas/{copy.id}"))
    refused = staff_client.post(f"/ideas/{copy.id}/comments", data={"body": "Still here?"})
    assert refused.status_code == 422 and "comment on that one instead" in page_text(refused)


@pytest.mark.parametrize(
    "path", [("under_review", "planned", "in_progress", "implemented"), ("not_taken_forward",)], ids=lambda p: p[-1]
)
def test_voting_is_closed_on_a_decided_idea_and_its_votes_are_kept(app, staff_client, path):
    idea = make_idea()
    vote(idea, make_user())
    move(idea, moderator(), *path)
    before = idea.vote_count
    assert before == 2  # the author's and the voter's

    page = staff_client.get(f"/ideas/{idea.id}")
    assert f"<strong>{before}</strong>" in markup(page) and "Voting closed" in page_text(page)
    assert not re.search(r"<button[^>]*sr-vote__button", markup(page))
    response = staff_client.post(f"/ideas/{idea.id}/vote", data={"vote": "1"})
    assert "Voting has closed" in page_text(staff_client.get(response.headers["Location"]))
    db.session.expire_all()
    assert db.session.get(Idea, idea.id).vote_count == before


# --- Following and notifications -------------------------------------------------------------------


def test_followers_hear_of_a_status_change_and_a_comment_but_not_the_person_acting(app, manager_client):
    author, voter, commenter = make_user(), make_user(), make_user(name="Chris Commenter")
    idea = make_idea(author=author, title="Scan the post")
    vote(idea, voter)

    manager_client.post(f"/ideas/{idea.id}/status", data=status_form("under_review"))
    signed_in_client(app, commenter).post(f"/ideas/{idea.id}/comments", data={"body": "Yes", "parent_id": ""})

    expected = ["“Scan the post” is now under review", "Chris Commenter commented on “Scan the post”"]
    assert messages_for(author) == expected
    assert messages_for(voter) == expected
    assert messages_for(commenter) == []


def test_unfollowing_stops_notifications_and_is_remembered_when_voting_again(app, staff, staff_client, manager_client):
    idea = make_idea(title="Scan the post")
    staff_client.post(f"/ideas/{idea.id}/vote", data={"vote": "1"})

    response = staff_client.post(f"/ideas/{idea.id}/follow", data={"follow": "0"})
    assert response.status_code == 303
    assert "You have stopped following this idea" in page_text(staff_client.get(response.headers["Location"]))
    staff_client.post(f"/ideas/{idea.id}/vote", data={"vote": "0"})
    staff_client.post(f"/ideas/{idea.id}/vote", data={"vote": "1"})
    manager_client.post(f"/ideas/{idea.id}/status", data=status_form("under_review"))

    assert messages_for(staff) == []
    page = staff_client.get(f"/ideas/{idea.id}")
    assert "Follow this idea" in page_text(page) and "Stop following" not in page_text(page)


# --- Anonymous ideas ---------------------------------------------------------------------------


def _anonymous_idea(author):
    return make_idea(
        author=author, title="Quieter printers", description="Printers on the second floor.", anonymous=True
    )


def test_staff_do_not_see_the_name_of_an_anonymous_author(app, staff_client):
    idea = _anonymous_idea(make_user(name="Priya Quietlyname"))

    board = page_text(staff_client.get("/ideas"))
    assert "Name not shown" in board and "Quietlyname" not in board
    page = page_text(staff_client.get(f"/ideas/{idea.id}"))
    assert "Quieter printers" in page and "Quietlyname" not in page and "Priya" not in page


def test_moderators_and_the_author_see_the_name_of_an_anonymous_author(app, manager_client):
    author = make_user(name="Priya Quietlyname")
    idea = _anonymous_idea(author)
    admin = signed_in_client(app, make_user(roles=["admin"]))

    for client in (manager_client, admin, signed_in_client(app, author)):
        assert "Priya Quietlyname" in page_text(client.get("/ideas"))
        assert "Shared by Priya Quietlyname (name hidden from staff)" in page_text(client.get(f"/ideas/{idea.id}"))


def test_searching_for_the_name_of_an_anonymous_author_finds_nothing(app, staff_client, manager_client):
    _anonymous_idea(make_user(name="Priya Quietlyname"))

    assert titles_found(staff_client, "printers") == ["Quieter printers"]  # the idea is in the index
    for client in (staff_client, manager_client):
        assert titles_found(client, "Quietlyname") == []
        assert titles_found(client, "Priya Quietlyname") == []
        assert card_titles(client.get("/ideas?q=Quietlyname")) == []


# --- Benefits register ------------------------------------------------------------------------


def test_a_manager_records_the_benefit_of_an_implemented_idea(app, staff_client, manager_client):
    idea = make_idea(title="Council tax letters", status="implemented")
    with clock.fixed(NOW):
        response = manager_client.post(
            f"/ideas/{idea.id}/benefit",
            data=benefit_form(hours_per_month="10.5", pounds_per_year="£1,200", description="Fewer calls"),
        )
    assert response.status_code == 303

    text = page_text(staff_client.get(f"/ideas/{idea.id}"))
    assert "Benefit realised" in text and "16 March 2026" in text and "£1,200" in text
    register = page_text(staff_client.get("/ideas/benefits"))
    assert "1 ideas with a recorded benefit, saving 10.5 hours a month and £1,200 a year" in register


def test_a_benefit_for_an_idea_not_yet_implemented_is_refused(app, manager_client):
    idea = make_idea(status="in_progress")
    with clock.fixed(NOW):
        response = manager_client.post(f"/ideas/{idea.id}/benefit", data=benefit_form(hours_per_month="3"))
    assert response.status_code == 422
    assert "Benefits are recorded for implemented ideas" in page_text(response)


def test_a_benefit_dated_in_the_future_comes_back_with_the_error_and_what_was_typed(app, manager_client):
    idea = make_idea(status="implemented")
    with clock.fixed(NOW):
        response = manager_client.post(
            f"/ideas/{idea.id}/benefit", data=benefit_form(realised_on=(17, 3, 2026), hours_per_month="3")
        )
    assert response.status_code == 422
    assert "The date the benefit was realised must be today or in the past" in page_text(response)
    assert input_value(response, "hours_per_month") == "3"
    assert input_value(response, "realised_on-day") == "17"


def test_every_problem_with_a_benefit_is_listed_at_once(app, manager_client):
    idea = make_idea(status="implemented")
    with clock.fixed(NOW):
        response = manager_client.post(
            f"/ideas/{idea.id}/benefit", data=benefit_form(hours_per_month="lots", pounds_per_year="-1")
        )
    assert response.status_code == 422
    text = page_text(response)
    assert "Hours saved must be a number, like 12" in text
    assert "Money saved must be between 0 and 10,000,000" in text
    assert idea.benefit is None


def test_staff_cannot_record_a_benefit(app, staff_client):
    idea = make_idea(status="implemented")
    response = staff_client.post(f"/ideas/{idea.id}/benefit", data=benefit_form(hours_per_month="3"))
    assert response.status_code == 404


def _register(mo):
    revenues = make_team("Revenues")
    with clock.fixed(NOW):
        for title, area, realised_on, hours, pounds in [
            ("Council tax letters", revenues, date(2025, 11, 3), 10.5, 1200),
            ("Refund checks", revenues, date(2026, 2, 10), 4.0, 300),
            ('=HYPERLINK("http://evil.test")', None, date(2026, 1, 20), None, 5000),
        ]:
            idea = make_idea(title=title, area=area, status="implemented", by=mo)
            services.record_benefit(
                idea,
                mo,
                hours_per_month=hours,
                pounds_per_year=pounds,
                description="-1 step; @everyone",
                realised_on=realised_on,
            )
            db.session.commit()


def test_the_register_shows_totals_per_year_and_per_area(app, staff_client):
    _register(moderator())

    page = markup(staff_client.get("/ideas/benefits"))
    tables = {
        caption: [
            " ".join(html.unescape(re.sub(r"<[^>]+>", " ", row)).split())
            for row in re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", body, re.S)
        ]
        for caption, body in re.findall(r"<caption[^>]*>(.*?)</caption>(.*?)</table>", page, re.S)
    }
    assert tables["By year realised"][1:] == ["2026 2 4 £5,300", "2025 1 10.5 £1,200"]
    assert tables["By area"][1:] == ["Council-wide 1 0 £5,000", "Revenues 2 14.5 £1,500"]
    assert "3 ideas with a recorded benefit, saving 14.5 hours a month and £6,500 a year" in page_text(
        staff_client.get("/ideas/benefits")
    )


def test_the_register_downloads_as_csv_with_formulas_neutralised(app, staff_client):
    _register(moderator())

    response = staff_client.get("/ideas/benefits.csv")

    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert 'filename="benefits-register.csv"' in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert [row[:6] for row in rows[1:]] == [
        ["Refund checks", "Revenues", "2026-02-10", "4.0", "300", "'-1 step; @everyone"],
        ['\'=HYPERLINK("http://evil.test")', "Council-wide", "2026-01-20", "", "5000", "'-1 step; @everyone"],
        ["Council tax letters", "Revenues", "2025-11-03", "10.5", "1200", "'-1 step; @everyone"],
    ]


def test_a_wrong_benefit_date_is_linked_to_the_day_box_so_the_error_summary_leads_to_it(app):
    manager = moderator()
    idea = make_idea(status="implemented", by=manager)
    response = signed_in_client(app, manager).post(
        f"/ideas/{idea.id}/benefit", data={"hours_per_month": "3", "realised_on": ["31", "2", "2026"]}
    )
    markup = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'href="#realised_on-day"' in markup
    assert 'id="realised_on-day"' in markup
    assert "Date the benefit was realised must be a real date" in page_text(response)
