"""`flask seed-demo`, read once seeded: the accounts of every role, the knowledge base and ideas
from the content files, the service catalogue with sensible forms, and 18 months of requests with
seasonal peaks for the dashboard, each looking like one sent through its form; seeding again
changes nothing."""

from collections import Counter, defaultdict
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from statistics import mean

import pytest
from sqlalchemy import func, select

from app import clock, policy
from app import search as search_index
from app.clock import UK
from app.demo import content, people
from app.extensions import db
from app.kb import gaps
from app.models import (
    Article,
    ArticleFeedback,
    ArticleQuestion,
    ArticleRevision,
    CannedReply,
    Category,
    DueBasis,
    Idea,
    IdeaVote,
    RequestAnswer,
    RequestEvent,
    SearchLog,
    Service,
    ServiceField,
    ServiceRequest,
    Team,
    User,
)
from app.models.assistant import AskedQuestion
from app.service_requests import approvals, sla
from app.service_requests.workflow import WORKER_TRANSITIONS
from app.working_time import calendar
from tests.conftest import empty_all_tables

# A fixed "now", so the 18 months (and which months are partial) are the same on every run.
SEEDED_AT = datetime(2026, 6, 17, 10, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def seeded_once(_shared_app):
    """`flask seed-demo` run once for the whole module (seeding takes seconds, and CI time is
    bounded): every test here only reads, but the last, which seeds again to show it adds nothing.
    The tables are emptied when the module is done, as after any test."""
    with _shared_app.app_context(), clock.fixed(SEEDED_AT):
        result = _shared_app.test_cli_runner().invoke(args=["seed-demo"])
        assert result.exit_code == 0, result.output
    yield result.output
    with _shared_app.app_context():
        db.session.remove()
        empty_all_tables()
        search_index.clear()


@pytest.fixture
def seeded(_shared_app, seeded_once):
    with _shared_app.app_context():
        yield _shared_app
        db.session.rollback()


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model)) or 0


def local(moment: datetime) -> datetime:
    return moment.astimezone(UK)


def test_demo_catalogue_has_services_across_teams_each_with_a_form(seeded):
    services = list(db.session.scalars(select(Service)))
    assert len(services) >= 12
    assert len({service.team_id for service in services}) >= 4
    assert all(db.session.get(Team, service.team_id).is_business_support for service in services)
    assert all(3 <= len(service.fields) <= 8 for service in services)
    assert all(1 <= service.resolution_days <= 10 for service in services)
    kinds = {field.kind for service in services for field in service.fields}
    assert kinds == {"text", "textarea", "number", "date", "email", "select", "radios", "checkboxes", "yesno", "file"}

    conditional = [service for service in services if any(field.show_if_field_id for field in service.fields)]
    assert len(conditional) >= 2
    for service in conditional:
        earlier = {}
        for field in service.fields:
            if field.show_if_field_id:
                assert field.show_if_value in earlier[field.show_if_field_id].choices
            earlier[field.id] = field

    for_some_teams = [service for service in services if service.audience == "teams"]
    assert for_some_teams and all(service.requesting_teams for service in for_some_teams)
    retired = [service for service in services if not service.active]
    assert len(retired) == 1
    last_request = db.session.scalar(
        select(func.max(ServiceRequest.submitted_at)).where(ServiceRequest.service_id == retired[0].id)
    )
    assert last_request is not None and last_request < SEEDED_AT - timedelta(days=300)


def test_demo_requests_span_18_months_with_seasonal_peaks(seeded):
    requests = list(db.session.scalars(select(ServiceRequest)))
    assert 2500 <= len(requests) <= 4000
    submitted = [request.submitted_at for request in requests]
    assert SEEDED_AT - timedelta(days=560) <= min(submitted) <= SEEDED_AT - timedelta(days=530)
    assert max(submitted) <= SEEDED_AT
    assert len({request.submission_key for request in requests}) == len(requests)

    # Whole months only: the first and the current one are partial.
    by_month = Counter((local(at).year, local(at).month) for at in submitted)
    whole = {month: count for month, count in by_month.items() if month not in (min(by_month), max(by_month))}
    assert len(whole) >= 16
    assert max(whole.values()) >= 1.2 * mean(whole.values())

    # Recruitment is busiest in spring and September, quietest in December.
    recruitment = db.session.scalar(select(Team.id).where(Team.name == "Recruitment"))
    per_month = defaultdict(list)
    counts = Counter(
        (local(r.submitted_at).year, local(r.submitted_at).month) for r in requests if r.team_id == recruitment
    )
    for year, month in whole:
        per_month[month].append(counts[(year, month)])
    typical = {month: mean(values) for month, values in per_month.items()}
    assert min(typical[3], typical[4], typical[9]) >= 1.5 * typical[12]
    assert typical[8] < mean(typical.values())

    # Busiest early in the week, few at weekends, some after five o'clock.
    weekdays = Counter(local(at).weekday() for at in submitted)
    assert weekdays[0] > weekdays[4] and weekdays[1] > weekdays[3]
    assert weekdays[5] + weekdays[6] < 0.03 * len(submitted)
    evenings = sum(1 for at in submitted if local(at).hour >= 17)
    assert 0.02 * len(submitted) < evenings < 0.15 * len(submitted)

    # Old requests are finished; recent ones are still being worked.
    old = Counter(r.status for r in requests if r.submitted_at < SEEDED_AT - timedelta(days=21))
    assert old["closed"] > 0.8 * sum(old.values())
    assert set(old) <= {"closed", "resolved", "cancelled"}
    recent = Counter(r.status for r in requests if r.submitted_at > SEEDED_AT - timedelta(days=7))
    assert {"submitted", "in_progress"} <= set(recent)
    assert 0 < sum(1 for r in requests if r.submitted_by_id != r.requester_id) < 0.1 * len(requests)


def test_demo_requests_look_like_requests_sent_through_their_forms(seeded):
    work = calendar()
    services = {service.id: service for service in db.session.scalars(select(Service))}
    fields = {field.id: field for service in services.values() for field in service.fields}
    answers = defaultdict(dict)
    for answer in db.session.scalars(select(RequestAnswer)):
        field = fields[answer.field_id]
        assert (answer.label, answer.kind) == (field.label, field.kind)
        answers[answer.request_id][field.id] = answer.value

    event_dated = 0
    for request in db.session.scalars(select(ServiceRequest)):
        service = services[request.service_id]
        assert request.team_id == service.team_id and request.subject and request.description
        assert request.clock_started_at == work.clock_start(request.submitted_at)
        # Due by the end of the working day, moved on by any time waiting for the requester; or,
        # for a service with a due date question, as sending works it out, whatever the pauses.
        if request.due_basis == DueBasis.SUBMISSION:
            assert request.due_at == work.add_working_minutes(
                work.due_at(request.submitted_at, service.resolution_days), request.paused_minutes
            )
        else:
            by_field = {str(field_id): value for field_id, value in answers[request.id].items()}
            assert request.due_at == sla.due_time(service, by_field, request.submitted_at).due_at
            assert service.due_question is not None
            event_dated += 1
        given = answers[request.id]
        for field in service.fields:
            controller = field.show_if_field_id
            shown = controller is None or field.show_if_value in given.get(controller, "").split("\n")
            if field.id not in given:
                assert not (shown and field.required and field.kind != "file"), (request.subject, field.label)
                continue
            value = given[field.id]
            assert shown, (request.subject, field.label)
            if field.kind in ("select", "radios", "yesno"):
                assert value in field.choices
            elif field.kind == "checkboxes":
                assert value and set(value.split("\n")) <= set(field.choices)
            elif field.kind == "number":
                assert field.min_value <= Decimal(value) <= field.max_value
            elif field.kind == "date":
                day = date.fromisoformat(value)
                if field.not_in_past:
                    assert day >= local(request.submitted_at).date()
            elif field.kind == "email":
                assert "@" in value
    assert event_dated > 0  # the new starters' set-ups count back from the start date


def timelines() -> dict:
    """Every request's events, in the order the timeline shows them."""
    events = defaultdict(list)
    for event in db.session.scalars(select(RequestEvent).order_by(RequestEvent.created_at, RequestEvent.id)):
        events[event.request_id].append(event)
    return events


def test_demo_requests_have_histories_that_match_their_status(seeded):
    work = calendar()
    services = {service.id: service for service in db.session.scalars(select(Service))}
    people = {user.id: user for user in db.session.scalars(select(User))}
    events = timelines()
    # Moves the requester makes: answering a question, reopening, cancelling.
    requester_moves = {
        ("waiting", "in_progress"),
        ("resolved", "in_progress"),
        ("submitted", "cancelled"),
        ("in_progress", "cancelled"),
        ("waiting", "cancelled"),
    }
    for number, request in enumerate(db.session.scalars(select(ServiceRequest).order_by(ServiceRequest.id))):
        service, timeline = services[request.service_id], events[request.id]
        where = (request.reference, request.status)
        first = timeline[0]
        assert (first.kind, first.actor_id, first.created_at, first.public) == (
            "submitted",
            request.submitted_by_id,
            request.submitted_at,
            True,
        ), where
        if request.submitted_by_id != request.requester_id:
            assert first.body == (
                f"Keyed by {people[request.submitted_by_id].name} for {people[request.requester_id].name}"
            )
        ids = [event.id for event in timeline]
        assert ids == sorted(ids), where  # stored in the order it happened
        assert all(event.created_at <= SEEDED_AT for event in timeline), where
        assert request.updated_at == max(event.created_at for event in timeline if event.kind != "rated"), where
        assert all(not event.public for event in timeline if event.kind in ("note", "priority")), where

        # The status moves chain up, each one the workflow allows, and end at the status.
        status = "submitted"
        for event in timeline:
            if event.kind in ("status", "cancelled", "reopened"):
                assert event.from_value == status, where
                move = (event.from_value, event.to_value)
                assert event.to_value in WORKER_TRANSITIONS[status] or move in requester_moves, where
                status = event.to_value
        assert status == request.status, where

        if request.assignee_id:
            assignee = people[request.assignee_id]
            assert assignee.team_id == request.team_id and (assignee.has_role("agent") or assignee.has_role("manager"))
            assert assignee.id != request.requester_id
            assert [e.to_value for e in timeline if e.kind == "assigned"][-1] == assignee.name, where
        if service.first_response_hours:
            assert request.first_response_due_at == work.add_working_minutes(
                request.clock_started_at, service.first_response_hours * 60
            )
        # The first public reply or status change by someone who works the request (not the requester).
        team_moves = [
            e
            for e in timeline
            if e.kind in ("reply", "status")
            and e.public
            and e.actor_id not in (None, request.requester_id)
            and policy.can_work_request(people[e.actor_id], request)
        ]
        if team_moves:
            assert request.first_response_at == team_moves[0].created_at, where
            if number % 7 == 0:
                assert request.first_response_minutes == work.working_minutes_between(
                    request.clock_started_at, request.first_response_at
                )
        else:
            assert request.first_response_at is None, where

        if request.status in ("resolved", "closed"):
            assert request.resolved_at >= request.submitted_at
            assert request.resolved_within_sla == (request.resolved_at <= request.due_at), where
            if number % 7 == 0:
                assert request.resolution_minutes == max(
                    0,
                    work.working_minutes_between(request.clock_started_at, request.resolved_at)
                    - request.paused_minutes,
                ), where
            resolutions = [e for e in timeline if e.kind == "status" and e.to_value == "resolved"]
            assert resolutions[-1].created_at == request.resolved_at and resolutions[-1].body, where
            # Resolved: the clock waits to see if it is reopened; closed: it stays stopped for good.
            assert request.paused_since == (request.resolved_at if request.status == "resolved" else None)
        else:
            assert (request.resolved_at, request.resolution_minutes, request.resolved_within_sla) == (None, None, None)
        if request.status == "closed":
            closing = timeline[-1] if timeline[-1].kind == "status" else timeline[-2]
            assert (closing.actor_id, closing.to_value, closing.created_at) == (None, "closed", request.closed_at)
            assert closing.body == "Closed automatically: it was not reopened within 5 working days."
            assert request.closed_at > work.due_at(request.resolved_at, 5)
        else:
            assert request.closed_at is None
        if request.status == "resolved":
            assert SEEDED_AT - request.resolved_at < timedelta(days=9)  # the nightly job closes older ones
        if request.status == "cancelled":
            cancelled = [e for e in timeline if e.kind == "cancelled"]
            assert len(cancelled) == 1 and cancelled[0].actor_id == request.requester_id
            assert request.cancelled_at == cancelled[0].created_at and request.paused_since is None
        else:
            assert request.cancelled_at is None
        if request.status == "waiting":
            assert request.paused_since == timeline[-1 if timeline[-1].kind != "note" else -2].created_at
            assert timeline[-1 if timeline[-1].kind != "note" else -2].body  # the question asked
        if request.status == "in_progress":
            assert request.paused_since is None

        rated = [e for e in timeline if e.kind == "rated"]
        if request.rating is not None:
            assert request.status in ("resolved", "closed") and 1 <= request.rating <= 5
            assert len(rated) == 1 and rated[0].actor_id == request.requester_id
            assert rated[0].to_value.startswith(f"{request.rating} – ") and rated[0].body == request.rating_comment
            assert request.resolved_at <= request.rated_at == rated[0].created_at
        else:
            assert not rated and request.rated_at is None and request.rating_comment == ""
        if request.paused_minutes:
            waits = [
                e
                for e in timeline
                if e.kind in ("status", "reopened")
                and e.from_value in ("waiting", "resolved")
                and e.to_value != "closed"
            ]
            assert waits, where  # paused time comes from waiting for the requester, or a reopening


def test_demo_requests_mostly_meet_their_targets_with_waits_ratings_and_a_live_queue(seeded):
    services = {service.id: service for service in db.session.scalars(select(Service))}
    seasons = {entry["name"]: entry["season"] for entry in content.services()}
    requests = list(db.session.scalars(select(ServiceRequest)))
    events = timelines()
    done = [r for r in requests if r.status in ("resolved", "closed")]

    within = sum(r.resolved_within_sla for r in done) / len(done)
    assert 0.80 <= within <= 0.95

    # Busy teams run late: worse in a service's peak months than in its quiet ones.
    def share(chosen):
        return sum(r.resolved_within_sla for r in chosen) / len(chosen)

    season = {r.id: seasons[services[r.service_id].name][local(r.submitted_at).month - 1] for r in done}
    assert share([r for r in done if season[r.id] >= 1.2]) < share([r for r in done if season[r.id] <= 0.8]) - 0.04
    timed = [r for r in requests if r.first_response_at and r.first_response_due_at]
    assert 0.8 <= sum(r.first_response_at <= r.first_response_due_at for r in timed) / len(timed) <= 0.97

    worked = [r for r in requests if r.status != "submitted"]
    assert sum(1 for r in worked if r.assignee_id) >= 0.85 * len(worked)
    waited = [r for r in requests if any(e.kind == "status" and e.to_value == "waiting" for e in events[r.id])]
    assert 0.12 * len(requests) <= len(waited) <= 0.3 * len(requests)
    answered = [
        r for r in waited if r.status in ("resolved", "closed") and not any(e.kind == "reopened" for e in events[r.id])
    ]
    assert sum(1 for r in answered if r.paused_minutes > 0) >= 0.8 * len(answered)
    reopened = [r for r in done if any(e.kind == "reopened" for e in events[r.id])]
    assert 0.01 * len(done) <= len(reopened) <= 0.06 * len(done)

    rated = [r for r in requests if r.rating is not None]
    assert 0.28 * len(done) <= len(rated) <= 0.42 * len(done)
    assert 3.9 <= mean(r.rating for r in rated) <= 4.6
    low = [r for r in rated if r.rating <= 2]
    assert low and all(r.rating_comment for r in low)
    assert sum(1 for r in requests if any(e.kind == "note" for e in events[r.id])) > 0.05 * len(requests)

    # The queue: recent open requests, a few overdue, some urgent.
    open_requests = [r for r in requests if r.status in ("submitted", "in_progress", "waiting")]
    assert {r.status for r in open_requests} == {"submitted", "in_progress", "waiting"}
    assert all(SEEDED_AT - r.submitted_at < timedelta(days=21) for r in open_requests)
    overdue = [r for r in open_requests if r.status != "waiting" and r.due_at < SEEDED_AT]
    assert 1 <= len(overdue) <= 0.3 * len(open_requests)
    assert any(r.priority == "high" for r in open_requests)
    assert all(
        any(e.kind == "priority" and e.to_value == "high" for e in events[r.id])
        for r in requests
        if r.priority == "high"
    )


def test_demo_requests_come_from_many_people_with_a_few_heavy_users(seeded):
    per_person = Counter(db.session.scalars(select(ServiceRequest.requester_id)))
    assert len(per_person) >= 150
    assert max(per_person.values()) <= 50
    assert sum(1 for count in per_person.values() if count >= 30) >= 3


def test_seed_demo_creates_every_role_and_prints_the_accounts(seeded, seeded_once):
    for email in (
        "admin@staffroom.test",
        "manager@staffroom.test",
        "agent@staffroom.test",
        "ea@staffroom.test",
        "staff@staffroom.test",
    ):
        assert email in seeded_once
    roles = {user.email: user.roles for user in db.session.scalars(select(User))}
    assert "admin" in roles["admin@staffroom.test"]
    assert "manager" in roles["manager@staffroom.test"]
    assert "agent" in roles["agent@staffroom.test"]
    assert "editor" in roles["ea@staffroom.test"]
    assert roles["staff@staffroom.test"] == {"staff"}
    staff = db.session.scalar(select(User).where(User.email == "staff@staffroom.test"))
    assert not staff.team.is_business_support


def test_seed_demo_adds_a_realistic_knowledge_base(seeded):
    assert count(Article) >= 30
    per_category = dict(
        db.session.execute(select(Category.name, func.count(Article.id)).join(Article).group_by(Category.name)).all()
    )
    assert len(per_category) == 7 and min(per_category.values()) >= 3
    assert count(ArticleRevision) > count(Article)  # some articles have a history
    assert count(ArticleFeedback) > 0
    assert len(gaps.overdue_reviews()) >= 3  # a few overdue reviews
    assert db.session.scalar(select(func.count()).select_from(SearchLog).where(SearchLog.results == 0)) > 0


def test_seed_demo_counts_each_idea_s_votes(seeded):
    rows = dict(db.session.execute(select(IdeaVote.idea_id, func.count()).group_by(IdeaVote.idea_id)).all())
    stored = dict(db.session.execute(select(Idea.id, Idea.vote_count)).all())
    assert sum(rows.values()) > len(stored) > 0
    assert stored == {idea_id: rows.get(idea_id, 0) for idea_id in stored}


def test_seeding_makes_the_demo_from_the_content(seeded):
    assert count(Article) == 35 and count(Category) == 7
    assert count(ArticleRevision) == 35 + sum(len(article["history"]) for article in content.articles())
    assert count(Idea) == 44
    assert count(Service) == 16  # the catalogue, and Ask Staffroom's general enquiry
    assert count(ServiceField) == sum(len(service["form"]) for service in content.services()) + 3
    assert count(CannedReply) == 15
    article = db.session.scalar(select(Article).where(Article.slug == "booking-the-council-chamber"))
    assert article.title == "Booking the Council Chamber" and article.revision_number == 2
    # As its file says, but with its cross-reference to another article a real link to it.
    catering = db.session.scalar(select(Article).where(Article.title == "Arranging catering for a meeting"))
    assert article.body == content.articles()[0]["body"].replace(
        "(see *Arranging catering for a meeting*)",
        f"(see [Arranging catering for a meeting](/kb/articles/{catering.id}))",
    )
    assert "(see *" not in "".join(db.session.scalars(select(Article.body)))
    service = db.session.scalar(select(Service).where(Service.slug == "minute-taking-for-a-meeting"))
    assert service.name == "Minute-taking for a meeting"
    assert [field.label for field in service.fields][:2] == ["Type of meeting", "Name of the meeting"]
    assert db.session.scalar(select(Idea.id).where(Idea.title == "Chatbot for common HR questions"))
    # Many colleagues besides the demo accounts, all seeded once.
    assert count(User) == len(people.DEMO_PEOPLE) + len(people.colleagues())


def test_the_demo_reads_like_a_real_service(seeded):
    questions = list(db.session.scalars(select(ArticleQuestion.body)))
    assert len(questions) == 6 and len(set(questions)) == 6
    comments = Counter(
        db.session.execute(
            select(ArticleFeedback.article_id, ArticleFeedback.comment).where(ArticleFeedback.comment != "")
        ).all()
    )
    assert comments and max(comments.values()) == 1  # never the same comment twice on one article
    declined = list(db.session.scalars(select(AskedQuestion.question).where(AskedQuestion.answered.is_(False))))
    assert len(declined) == len(set(declined))
    # Worded differently, but still the same gap for the content-gap list.
    topics = Counter(db.session.scalars(select(AskedQuestion.topic).where(AskedQuestion.answered.is_(False))))
    assert topics["staff parking permit"] == 3


def test_demo_teams_have_canned_replies_and_reseeding_adds_nothing(seeded):
    for team in db.session.scalars(select(Team).where(Team.is_business_support.is_(True))):
        replies = db.session.scalars(select(CannedReply).where(CannedReply.team_id == team.id)).all()
        assert 2 <= len(replies) <= 4, team.name
        assert all(reply.title and reply.body for reply in replies)

    models = (User, Team, Service, ServiceField, ServiceRequest, RequestAnswer, RequestEvent, CannedReply)
    counts = [count(model) for model in models]
    versions = dict(db.session.execute(select(User.email, User.version)).all())
    services = dict(db.session.execute(select(Service.name, Service.version)).all())
    with clock.fixed(SEEDED_AT + timedelta(days=3)):
        result = seeded.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    db.session.rollback()
    assert [count(model) for model in models] == counts
    assert dict(db.session.execute(select(User.email, User.version)).all()) == versions
    assert dict(db.session.execute(select(Service.name, Service.version)).all()) == services


def test_demo_purchase_orders_over_5000_wait_for_the_line_manager(seeded):
    """The catalogue says orders over £5,000 need approval: the demo's form asks for it."""
    service = db.session.scalar(select(Service).where(Service.name == "Raise a purchase order"))
    [step] = approvals.service_steps(service.id)
    assert approvals.describe_step(step) == "The requester’s line manager (else Finance Support: managers)"
    assert approvals.describe_condition(step) == "When “Total cost excluding VAT (£)” is more than 5000"
    sam = db.session.scalar(select(User).where(User.email == "staff@staffroom.test"))
    assert sam.line_manager.email == "manager@staffroom.test"
