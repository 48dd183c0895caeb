"""No N+1: every page that lists things costs the same number of SQL statements with 5 rows as
with 50.

Each case builds rows through the app's own services (plain rows straight from the models),
signs in as someone who may see every page (admin, editor, manager and agent of a Business
Support team), counts the statements of one request for each of its pages, grows the rows from
5 to 50 and counts again. Where a page's rows belong to one parent (comments on an idea, events
on a request), the children grow. A page whose count changes runs a query per row."""

import io
import itertools
import secrets
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from flask import current_app
from sqlalchemy import event, update
from werkzeug.datastructures import FileStorage

from app import audit, clock, files
from app.extensions import db
from app.ideas import services as idea_services
from app.kb import community as kb_community
from app.kb import services as kb_services
from app.models import (
    RequestAnswer,
    RequestAttachment,
    RequestDraft,
    SearchLog,
    ServiceField,
    ServiceRequest,
    Team,
    User,
    UserSession,
)
from app.notify import notify
from app.service_requests import team_replies, workflow
from tests.factories import make_article, make_category, make_service, make_team, make_user, signed_in_client
from tests.ideas.helpers import comment, make_idea, moderator, move, vote
from tests.service_requests.helpers import act, change_status, raise_request

FEW, MANY = 5, 50
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


@contextmanager
def counting_statements(app):
    statements = []
    with app.app_context():
        engine = db.engine

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def statements_for(app, client, path) -> list[str]:
    client.get(path)  # warm: the session record's last-seen write, the search outbox and caches settle
    with counting_statements(app) as statements:
        response = client.get(path)
    assert response.status_code == 200, f"{path} answered {response.status_code}"
    return statements


def growth(page, few: list[str], many: list[str]) -> str:
    """What grew: the counts, and the statement repeated most often more with more rows."""
    extra = Counter(many)
    extra.subtract(Counter(few))
    statement, times = extra.most_common(1)[0]
    repeated = f"; {times} more of: {' '.join(statement.split())[:300]}" if times > 0 else ""
    return f"{page}: {len(few)} statements with {FEW} rows, {len(many)} with {MANY}{repeated}"


@dataclass
class World:
    viewer: User  # admin, editor, manager and agent: every page opens for them
    team: Team  # the viewer's Business Support team


def in_request(function, *args, **kwargs):
    """Call a service that builds links (url_for), and commit."""
    with current_app.test_request_context():
        result = function(*args, **kwargs)
        db.session.commit()
    return result


def pdf(name="brief.pdf"):
    return files.check_upload(FileStorage(io.BytesIO(PDF), filename=name))


# --- The cases: each takes the world and returns (pages, grow), grow(n) adding n rows ----------

CASES = []


def case(function):
    CASES.append(pytest.param(function, id=function.__name__))
    return function


@case
def ideas_board(world):
    """Ideas by different people in every roadmap status, tagged, in an area; the viewer votes
    for each and posts as many of their own."""
    area = make_team("Revenues")
    mod = moderator()
    statuses = itertools.cycle(["new", "under_review", "planned", "in_progress", "implemented"])

    def grow(n):
        for _ in range(n):
            idea = make_idea(
                title="A shared template for report front sheets",
                tags="templates, forms",
                area=area,
                status=next(statuses),
                by=mod,
            )
            if idea.status != "implemented":  # voting has closed on implemented ideas
                vote(idea, world.viewer)
            make_idea(author=world.viewer, title="Shorter report templates", tags="templates")

    pages = [
        "/ideas",
        "/ideas?sort=top",
        "/ideas?sort=newest",
        "/ideas?sort=updated",
        "/ideas?status=under_review",
        "/ideas?tag=templates",
        "/ideas?area=Revenues",
        "/ideas?q=template",
        "/ideas/mine",
        "/ideas/my-votes",
        "/ideas/roadmap",
        "/ideas/similar?title=report+template",
        "/search?q=template&kind=idea",
        "/",
        "/dashboard/ideas",
        "/dashboard/ideas.csv",
        "/dashboard/areas.csv",
    ]
    return pages, grow


@case
def idea_with_comments_votes_and_history(world):
    """One idea: comments by different people (some replied to, edited or removed), their votes,
    and status changes back and forth."""
    idea = make_idea(tags="templates")
    mod = moderator()

    def grow(n):
        people = [make_user() for _ in range(n)]
        vote(idea, *people)
        for number, person in enumerate(people):
            added = comment(idea, person)
            if number % 3 == 0:
                comment(idea, make_user(), "Agreed", parent=added)
            if number % 4 == 1:
                in_request(idea_services.edit_comment, added, person, "Yes please, every week")
            if number % 5 == 2:
                in_request(idea_services.hide_comment, added, moderator(), "Names a member of the public")
            move(idea, mod, "new" if idea.status == "under_review" else "under_review")

    return [f"/ideas/{idea.id}"], grow


@case
def benefits_register(world):
    """Implemented ideas with their recorded benefits, in different areas."""
    mod = moderator()

    def grow(n):
        for number in range(n):
            idea = make_idea(area=make_team(), status="implemented", by=mod)
            in_request(
                idea_services.record_benefit,
                idea,
                mod,
                hours_per_month=number + 1,
                pounds_per_year=100,
                description="Less retyping",
                realised_on=date(2025, 1 + number % 12, 1),
            )

    return ["/ideas/benefits", "/ideas/benefits.csv", "/dashboard/ideas", "/dashboard/benefits-areas.csv"], grow


@case
def knowledge_base_lists(world):
    """Articles in one shared category and each in a category of its own, by different owners:
    the shared ones overdue for review (the viewer owns them), found unhelpful with comments and
    asked about; the others found helpful."""
    rooms = make_category("Rooms")
    service = make_service(name="Room setup")

    def grow(n):
        for number in range(n):
            article = make_article(
                title=f"Booking room {number}",
                category=rooms,
                tags="rooms, booking",
                owner=world.viewer if number % 2 else None,
                review_by=date(2020, 1, 1),
            )
            other = make_article(title=f"Meeting room {number}", category=make_category(), tags="rooms")
            for person in (make_user(), make_user()):
                kb_community.give_feedback(article, person, helpful=False, comment="Out of date")
                kb_community.give_feedback(other, person, helpful=True)
            db.session.commit()
            in_request(kb_community.ask_question, article, make_user(), "Who do I ask about the projector?")

    pages = [
        "/kb/",
        "/kb/category/rooms",
        "/kb/tag/rooms",
        "/kb/recent",
        "/kb/helpful",
        "/kb/needs-review",
        "/kb/feedback",
        "/kb/questions",
        "/kb/coverage",
        "/kb/categories",
        "/search?q=room",
        "/search?q=room&kind=article",
        "/search/suggest?q=roo",
        f"/services/{service.slug}/suggestions?description=booking+a+room",
        "/",
        "/dashboard/knowledge",
        "/dashboard/resilience",
        "/dashboard/resilience-categories.csv",
        "/dashboard/resilience-services.csv",
        "/dashboard/overdue.csv",
        "/dashboard/most-helpful.csv",
        "/dashboard/poor-feedback.csv",
    ]
    return pages, grow


@case
def article_with_revisions_questions_and_attachments(world):
    """One article: revisions by different editors, questions with answers, feedback, attachments
    and related articles."""
    category = make_category("Rooms")
    article = make_article(title="Booking a meeting room", category=category, tags="rooms")
    editor = make_user(roles=["editor"])

    def grow(n):
        for number in range(n):
            writer = make_user(roles=["editor"])
            with current_app.test_request_context():
                db.session.refresh(article)
                kb_services.update_article(
                    article,
                    editor=writer,
                    base_revision=article.revision_number,
                    title=article.title,
                    summary=article.summary,
                    body=f"{article.body}\n\nStep {number}.",
                    category_id=category.id,
                    tags="rooms",
                    owner_id=article.owner_id,
                    status="published",
                    review_by=None,
                    change_note=f"Step {number}",
                )
                question = kb_community.ask_question(article, make_user(), "Can I book for a whole day?")
                kb_community.answer_question(
                    question, editor, "Yes, up to a week ahead", mark_answered=bool(number % 2)
                )
                kb_community.give_feedback(article, make_user(), helpful=bool(number % 2), comment="Thanks")
                kb_services.add_attachment(article, FileStorage(io.BytesIO(PDF), f"plan-{number}.pdf"), uploader=writer)
                db.session.commit()
            make_article(title=f"Room {number} layout", category=category, tags="rooms")

    return [f"/kb/{article.slug}", f"/kb/{article.slug}/history"], grow


@case
def searches_without_results(world):
    numbers = itertools.count()

    def grow(n):
        db.session.add_all(
            SearchLog(query=f"parking permit {next(numbers)}", results=0, searched_at=clock.now()) for _ in range(n)
        )
        db.session.commit()

    return ["/search/no-results", "/dashboard/knowledge", "/dashboard/no-results.csv"], grow


@case
def service_catalogue(world):
    """Services of different teams in two categories, some only for named teams."""
    departments = [make_team(business_support=False) for _ in range(3)]

    def grow(n):
        for number in range(n):
            make_service(
                team=make_team(),
                keywords="room setup",
                category="Meetings and events" if number % 2 else "Printing",
                audience="teams" if number % 3 == 0 else "everyone",
                requesting_teams=[world.team, departments[number % 3]] if number % 3 == 0 else (),
            )

    return [
        "/services",
        "/services?category=meetings-and-events",
        "/services?q=setup",
        "/services/manage",
        "/search?q=setup&kind=service",
        "/dashboard",
    ], grow


@case
def request_form_fields(world):
    """One service's form with many questions, some shown only after an answer, and a draft
    request answering them all on the check-answers page."""
    service = make_service(
        name="Committee papers", team=world.team, fields=[{"kind": "radios", "label": "Urgent?", "options": "Yes\nNo"}]
    )
    draft = RequestDraft(
        token=secrets.token_urlsafe(32),
        service_id=service.id,
        user_id=world.viewer.id,
        subject="Papers for the committee",
        description="Twelve copies",
        answers={},
        files={},
    )
    db.session.add(draft)
    db.session.commit()
    first = service.fields[0]

    def grow(n):
        start = len(service.fields)
        for number in range(start, start + n):
            kind = ("text", "textarea", "radios", "checkboxes", "date")[number % 5]
            service.fields.append(
                ServiceField(
                    position=number + 1,
                    kind=kind,
                    label=f"Question {number}",
                    required=False,
                    options="Yes\nNo" if kind in ("radios", "checkboxes") else "",
                    show_if_field_id=first.id if number % 4 == 0 else None,
                    show_if_value="Yes" if number % 4 == 0 else "",
                )
            )
            db.session.flush()
        draft.answers = {
            str(field.id): ["Yes"] if field.kind == "checkboxes" else "2026-05-01" if field.kind == "date" else "Yes"
            for field in service.fields
        }
        db.session.commit()

    slug = service.slug
    return [
        f"/services/{slug}/form",
        f"/services/{slug}/form/{first.id}",
        f"/services/{slug}/form/new?kind=text",
        f"/services/{slug}/request",
        f"/services/{slug}/request?draft={draft.token}",
        f"/services/{slug}/request/{draft.token}",
    ], grow


@case
def requests_and_queues(world):
    """Requests to the viewer's team from different people, assigned to different agents, in
    every status, some high priority, some overdue, to more and more of its services; some for
    the viewer, keyed by different agents, and some the viewer raised."""
    service = make_service(name="Minute taking", team=world.team)
    department = make_team("Planning", business_support=False)
    statuses = itertools.cycle(["in_progress", "submitted", "in_progress", "waiting", "resolved"])

    def grow(n):
        for number in range(n):
            agent = make_user(roles=["agent"], team=world.team)
            to = service if number % 5 else make_service(team=world.team)
            if number % 3 == 0:
                service_request = raise_request(to, world.viewer, keyed_by=agent)
            elif number % 3 == 1:
                service_request = raise_request(to, world.viewer)
            else:
                service_request = raise_request(to, make_user(team=department))
            if number % 4:
                act(workflow.assign, service_request, world.viewer, world.viewer.id if number % 4 == 1 else agent.id)
            status = next(statuses)
            if status != "submitted":
                change_status(service_request, agent, "in_progress")
                if status != "in_progress":
                    change_status(service_request, agent, status)
            if number % 2:
                act(workflow.set_priority, service_request, agent, "high")
            if number % 5 in (0, 2):  # open, one for the viewer and one for someone else
                db.session.execute(
                    update(ServiceRequest)
                    .where(ServiceRequest.id == service_request.id)
                    .values(due_at=clock.now() - timedelta(days=1))
                )
                db.session.commit()

    queue = "/requests/queue"
    pages = [
        "/",
        "/requests/mine",
        "/requests/mine?show=needs-me",
        "/requests/mine?q=minutes&show=open",
        queue,
        f"{queue}?status=all",
        f"{queue}?status=in_progress",
        f"{queue}?assignee=unassigned",
        f"{queue}?assignee=me",
        f"{queue}?due=overdue",
        f"{queue}?due=week",
        f"{queue}?due=today",
        f"{queue}?status=all&due=breached",
        f"{queue}?sort=priority",
        f"{queue}?sort=age",
        f"{queue}?service={service.slug}",
        f"/services/{service.slug}",
        "/dashboard",
        "/dashboard/demand",
        "/dashboard/people",
        "/dashboard/people.csv",
        "/dashboard/services.csv",
        "/dashboard/service-months.csv",
        "/dashboard/ages.csv",
    ]
    return pages, grow


@case
def request_with_timeline_and_attachments(world):
    """One request: answers (files among them), replies and notes by different agents with
    files, the requester's replies, status and priority changes."""
    service = make_service(name="Minute taking", team=world.team)
    requester = make_user(team=make_team("Planning", business_support=False))
    service_request = raise_request(service, requester)

    def grow(n):
        for number in range(n):
            agent = make_user(roles=["agent"], team=world.team)
            answer = RequestAnswer(
                request_id=service_request.id,
                position=100 + number,
                label=f"Paper {number}",
                kind="file" if number % 2 else "text",
                value=f"paper-{number}.pdf",
            )
            db.session.add(answer)
            db.session.flush()
            if number % 2:
                db.session.add(
                    RequestAttachment(
                        request_id=service_request.id,
                        answer_id=answer.id,
                        filename=f"paper-{number}.pdf",
                        stored_name=secrets.token_hex(16),
                        content_type="application/pdf",
                        size=len(PDF),
                        uploaded_by_id=requester.id,
                    )
                )
            db.session.commit()
            act(workflow.add_message, service_request, agent, f"Reply {number}", uploads=[pdf(f"reply-{number}.pdf")])
            act(
                workflow.add_message,
                service_request,
                agent,
                f"Note {number}",
                internal=True,
                uploads=[pdf(f"note-{number}.pdf")],
            )
            act(workflow.add_message, service_request, requester, f"Thanks {number}")
            act(
                workflow.set_priority,
                service_request,
                agent,
                "normal" if service_request.priority == "high" else "high",
            )

    return [f"/requests/{service_request.reference}"], grow


@case
def canned_replies(world):
    service = make_service(name="Minute taking", team=world.team)
    service_request = raise_request(service, make_user())
    numbers = itertools.count()

    def grow(n):
        for _ in range(n):
            team_replies.save_canned_reply(world.team, world.viewer, title=f"Reply {next(numbers)}", body="We have it")
        db.session.commit()

    return ["/requests/canned-replies", f"/requests/{service_request.reference}"], grow


@case
def people_and_teams(world):
    """People in different teams with different roles; agents in the viewer's team."""

    def grow(n):
        for number in range(n):
            team = make_team(business_support=bool(number % 2))
            make_user(team=team, roles=[("agent", "manager", "editor", "admin")[number % 4]])
            make_user(team=world.team, roles=["agent"], active=bool(number % 3))

    pages = [
        "/admin/people",
        "/admin/people?status=all",
        "/admin/people?status=deactivated",
        "/admin/people?q=person",
        "/admin/people/new",
        "/admin/teams",
        "/services/new",
        "/kb/new?template=how-to",
        "/requests/queue",
        "/dashboard/people",
        f"/admin/people/{world.viewer.id}",
    ]
    return pages, grow


@case
def signed_in_devices(world):
    def grow(n):
        db.session.add_all(
            UserSession(
                token_hash=secrets.token_hex(32),
                user_id=world.viewer.id,
                created_at=clock.now(),
                last_seen_at=clock.now(),
                remember=False,
                user_agent=f"Browser {number}",
            )
            for number in range(n)
        )
        db.session.commit()

    return ["/account"], grow


@case
def audit_log(world):
    def grow(n):
        for number in range(n):
            actor = make_user()
            audit.record(actor, "thing_checked", make_team(), number=number)
            audit.record(None, "nightly_tidy")
        db.session.commit()

    return ["/admin/audit", "/admin/audit?action=thing_checked", "/admin/audit?person=person"], grow


@case
def notifications(world):
    def grow(n):
        for number in range(n):
            notify([world.viewer.id], f"Something happened ({number})", f"/ideas/{number + 1}")
        db.session.commit()

    return ["/notifications", "/"], grow


# --- The test --------------------------------------------------------------------------------


@pytest.mark.parametrize("build", CASES)
def test_list_pages_cost_the_same_statements_with_5_and_50_rows(app, build):
    team = make_team("Business Support")
    viewer = make_user(roles=["admin", "editor", "manager", "agent"], team=team, name="Val Viewer")
    client = signed_in_client(app, viewer)
    pages, grow = build(World(viewer=viewer, team=team))
    grow(FEW)
    few = {page: statements_for(app, client, page) for page in pages}
    grow(MANY - FEW)
    many = {page: statements_for(app, client, page) for page in pages}
    grown = [growth(page, few[page], many[page]) for page in pages if len(few[page]) != len(many[page])]
    assert not grown, "a query per row (N+1) on:\n" + "\n".join(grown)
