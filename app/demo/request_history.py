"""What happens to a demo request after it is sent: its status as its age makes likely, reached the
way the team works (app.service_requests.workflow's rules), one small builder per kind of event.

`play_history` runs the builders of HISTORY in order on a `_Story`; each adds its events (or none)
and says whether the request's life goes on. Every choice comes from the engine's history generator, in the
same order every time, so the same seed gives the same histories.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from string import Formatter

from app.demo import content
from app.demo.timeline import Timeline
from app.models import EventKind, Priority, RequestStatus, Service, User
from app.service_requests.workflow import RATING_LABELS

AUTO_CLOSE_DAYS = 5  # resolved requests close themselves after this many working days
# (status, weight) by the request's age in days: old requests are finished, new ones in hand.
STATUS_BY_AGE = [
    (21, [(RequestStatus.CLOSED, 86), (RequestStatus.RESOLVED, 9), (RequestStatus.CANCELLED, 5)]),
    (
        7,
        [
            (RequestStatus.RESOLVED, 45),
            (RequestStatus.CLOSED, 30),
            (RequestStatus.IN_PROGRESS, 10),
            (RequestStatus.WAITING, 7),
            (RequestStatus.SUBMITTED, 4),
            (RequestStatus.CANCELLED, 4),
        ],
    ),
    (
        2,
        [
            (RequestStatus.SUBMITTED, 20),
            (RequestStatus.IN_PROGRESS, 36),
            (RequestStatus.WAITING, 14),
            (RequestStatus.RESOLVED, 27),
            (RequestStatus.CANCELLED, 3),
        ],
    ),
    (
        -1,
        [
            (RequestStatus.SUBMITTED, 62),
            (RequestStatus.IN_PROGRESS, 28),
            (RequestStatus.WAITING, 4),
            (RequestStatus.RESOLVED, 6),
        ],
    ),
]
OPEN_HIGH_PRIORITY_SHARE = 0.08  # and the queue always has a few more urgent ones
OVERDUE_KEPT_SHARE = 0.35  # open requests past their due date that are still open (the rest got done)
# How requests are worked (app.service_requests.workflow's rules, played out over time).
ASSIGNED_SHARE = 0.95  # worked requests someone takes (the rest are worked from the team's queue)
TRIAGED_SHARE = 0.3  # requests not yet started that someone has already taken
SELF_ASSIGNED_SHARE = 0.6  # taken by the agent themselves rather than given out by a manager
REASSIGNED_SHARE = 0.04
REPLY_FIRST_SHARE = 0.55  # first responses that are a reply (the rest: moved to "in progress")
WAITING_SHARE = 0.2  # worked requests that wait for the requester on the way
NOTE_SHARE = 0.12  # requests with an internal note
REOPENED_SHARE = 0.03
RATED_SHARE = 0.35  # resolved requests whose requester rated the service
CHASED_SHARE = 0.5  # overdue open requests whose requester asks for news
CANCELLED_AFTER_WORK_SHARE = 0.4  # cancelled requests someone had already taken
CLOSE_RESOLVED_AT = time(1, 30)  # the nightly `flask requests close-resolved` (UK time)
OPEN = (RequestStatus.SUBMITTED, RequestStatus.IN_PROGRESS, RequestStatus.WAITING)


@dataclass
class _Story:
    """One request's life as it is played: who is in it, the status it ends in, and how far it has got."""

    engine: object  # the _DemoRequests making the requests: its generator, calendar, now and teams
    life: Timeline
    service: Service
    values: dict  # what templates are filled from
    requester: User
    status: str  # the status the request ends in
    high: bool
    workers: list
    managers: list
    pace: float  # how slowly the team works this month (1: as usual)
    at: datetime  # the moment of the latest event
    worker: User | None = None
    worked: bool = False
    remaining: float = 0.0  # working minutes of work left

    @property
    def rng(self):
        return self.engine.history_rng

    @property
    def work(self):
        return self.engine.work

    @property
    def now(self):
        return self.engine.now

    def say(self, kind: str) -> str:
        """What is said at this point: the service's own words for `kind`, or the general ones."""
        own = content.data("request_histories")["services"].get(self.service.name, {}).get(kind)
        general = content.data("request_histories")["general"][kind]
        return _fill(self.rng, own, self.values) or _fill(self.rng, general, self.values)


def _fill(rng, templates, values) -> str:
    """One of the templates whose every placeholder has a value, filled in."""
    usable = [
        template
        for template in templates or ()
        if all(name in values for _, name, _, _ in Formatter().parse(template) if name)
    ]
    return rng.choice(usable).format_map(values) if usable else ""


def play_history(engine, life, service, entry, values, requester, submitted_by, high) -> None:
    """Play the request's life through from arrival to now."""
    story = _arrive(engine, life, service, entry, values, requester, submitted_by, high)
    for build in HISTORY:
        if not build(story):
            return


def _final_status(engine, row) -> str:
    """The status the request has got to by now: as likely for its age; overdue ones mostly done;
    one that arrived out of hours not yet seen."""
    rng, now = engine.history_rng, engine.now
    age_days = (now - row["submitted_at"]).total_seconds() / 86400
    table = next(table for older_than, table in STATUS_BY_AGE if age_days > older_than)
    status = rng.choices([name for name, _ in table], weights=[weight for _, weight in table])[0]
    if (
        status in (RequestStatus.SUBMITTED, RequestStatus.IN_PROGRESS)
        and row["due_at"] < now
        and rng.random() >= OVERDUE_KEPT_SHARE
    ):
        status = RequestStatus.RESOLVED  # only a few are left overdue
    if row["clock_started_at"] >= now and status != RequestStatus.CANCELLED:
        status = RequestStatus.SUBMITTED  # arrived out of hours: nobody has seen it yet
    return status


def _arrive(engine, life, service, entry, values, requester, submitted_by, high) -> _Story:
    """The request arrives: the "submitted" event, and who will work it."""
    row, submitted_at = life.row, life.row["submitted_at"]
    status = _final_status(engine, row)
    high = high or (status in OPEN and engine.history_rng.random() < OPEN_HIGH_PRIORITY_SHARE)
    if service.first_response_hours:
        row["first_response_due_at"] = engine.work.add_working_minutes(
            row["clock_started_at"], service.first_response_hours * 60
        )
    keyed = f"Keyed by {submitted_by.name} for {requester.name}" if submitted_by.id != requester.id else ""
    life.event(EventKind.SUBMITTED, submitted_by, submitted_at, body=keyed)
    team_workers = engine.workers[service.team_id]
    workers = [worker for worker in team_workers if worker.id != requester.id] or team_workers
    # Busy months run late, as do teams at their seasonal peaks; high priority goes first.
    pace = entry["season"][submitted_at.astimezone(engine.london).month - 1] ** 0.7 * (0.6 if high else 1)
    return _Story(
        engine=engine,
        life=life,
        service=service,
        values=values,
        requester=requester,
        status=status,
        high=high,
        workers=workers,
        managers=[worker for worker in workers if worker.manager] or workers,
        pace=pace,
        at=submitted_at,
    )


def _raise_priority(story) -> bool:
    """A manager marks an urgent request high priority soon after it arrives."""
    if story.high:
        story.at = story.life.step(story.at, story.rng.triangular(2, 90, 10))
        story.life.event(
            EventKind.PRIORITY,
            story.rng.choice(story.managers),
            story.at,
            public=False,
            from_value=Priority.NORMAL,
            to_value=Priority.HIGH,
        )
        story.life.row["priority"] = Priority.HIGH
    return True


def _assign(story) -> bool:
    """Someone takes it (or a manager gives it out): most worked requests, some not yet started."""
    rng = story.rng
    story.worked = story.status in (
        RequestStatus.IN_PROGRESS,
        RequestStatus.WAITING,
        RequestStatus.RESOLVED,
        RequestStatus.CLOSED,
    ) or (story.status == RequestStatus.CANCELLED and rng.random() < CANCELLED_AFTER_WORK_SHARE)
    story.worker = rng.choice(story.workers)
    if (story.worked and rng.random() < ASSIGNED_SHARE) or (
        story.status == RequestStatus.SUBMITTED and rng.random() < TRIAGED_SHARE
    ):
        story.at = story.life.step(story.at, rng.triangular(2, 150, 15) * story.pace)
        others = [manager for manager in story.managers if manager is not story.worker]
        given_by = story.worker if not others or rng.random() < SELF_ASSIGNED_SHARE else rng.choice(others)
        story.life.assign(given_by, story.worker, story.at)
    story.values["agent_first"] = story.worker.first_name
    return True


def _respond(story) -> bool:
    """The first response to a worked request: a reply, or the move to "in progress", mostly within
    its target; now and then it is passed to someone else."""
    if not story.worked:
        return True
    rng, life, work = story.rng, story.life, story.work
    target = (story.service.first_response_hours or 8) * 60
    first = work.add_working_minutes(
        life.row["clock_started_at"], max(3, int(target * rng.triangular(0.03, 1.3, 0.2) * story.pace))
    )
    story.at = life.step(story.at, rng.triangular(1, 20, 3), not_before=first)
    if rng.random() < REPLY_FIRST_SHARE:
        life.reply(story.worker, story.at, story.say("first"))
        story.at = life.step(story.at, rng.triangular(1, 45, 3))
        life.status(RequestStatus.IN_PROGRESS, story.worker, story.at)
    else:
        life.status(
            RequestStatus.IN_PROGRESS, story.worker, story.at, body=story.say("first") if rng.random() < 0.5 else ""
        )
    if life.row["assignee_id"] and len(story.workers) > 1 and rng.random() < REASSIGNED_SHARE:
        _reassign(story)
    return True


def _reassign(story) -> None:
    story.at = story.life.step(story.at, story.rng.triangular(10, 600, 60))
    story.worker = story.rng.choice([worker for worker in story.workers if worker is not story.worker])
    story.life.assign(story.rng.choice(story.managers), story.worker, story.at)
    story.values["agent_first"] = story.worker.first_name


def _cancel(story) -> bool:
    """The requester cancels, sometimes saying why."""
    if story.status == RequestStatus.CANCELLED:
        story.at = story.life.step(story.at, story.rng.triangular(5, 1500, 90))
        reason = (
            story.rng.choice(content.data("request_histories")["general"]["cancel"]) if story.rng.random() < 0.6 else ""
        )
        story.life.cancel(story.requester, story.at, reason)
    return True


def _stop_unless_started(story) -> bool:
    """Cancelled, or not started yet: that is all (but the requester may chase an overdue one)."""
    if story.status in (RequestStatus.SUBMITTED, RequestStatus.CANCELLED):
        _chase(story)
        return False
    return True


def _wait(story) -> bool:
    """The team asks the requester something and waits (the clock stops) until they answer."""
    rng, life, work = story.rng, story.life, story.work
    # The rest of the work, in working minutes: the resolution target is `resolution_days`
    # working days after the day the clock started (more for a request that waited).
    story.remaining = max(
        20.0,
        work.minutes_per_day * story.service.resolution_days * rng.triangular(0.05, 1.45, 0.35) * story.pace
        - work.working_minutes_between(life.row["clock_started_at"], story.at),
    )
    if story.status != RequestStatus.WAITING and rng.random() >= WAITING_SHARE:
        return True
    share = rng.uniform(0.1, 0.6)
    story.at = life.step(story.at, story.remaining * share)
    life.status(RequestStatus.WAITING, story.worker, story.at, body=story.say("question"))
    if story.status == RequestStatus.WAITING:
        _note(story)
        return False
    story.at = life.step(story.at, rng.triangular(10, 2400, 180))
    life.requester_reply(story.requester, story.at, story.say("answer"))
    story.remaining *= 1 - share
    return True


def _stop_in_progress(story) -> bool:
    """Still being worked: perhaps a note, perhaps a chase, and that is all so far."""
    if story.status == RequestStatus.IN_PROGRESS:
        _note(story)
        _chase(story)
        return False
    return True


def _resolve(story) -> bool:
    story.at = story.life.step(story.at, story.remaining)
    story.life.status(RequestStatus.RESOLVED, story.worker, story.at, body=story.say("resolved"))
    return True


def _reopen(story) -> bool:
    """Now and then the requester reopens it before it closes; the team puts it right."""
    rng, life, work = story.rng, story.life, story.work
    if rng.random() >= REOPENED_SHARE:
        return True
    reopened = work.add_working_minutes(story.at, int(rng.triangular(20, 1800, 240)))
    if reopened >= min(story.now, work.due_at(story.at, AUTO_CLOSE_DAYS)):
        return True
    story.at = reopened
    life.reopen(story.requester, story.at, story.say("reopen"))
    if rng.random() < 0.6:
        story.at = life.step(story.at, rng.triangular(5, 240, 30))
        life.reply(story.worker, story.at, story.say("reopened_reply"))
    story.at = life.step(story.at, rng.triangular(30, 1200, 200))
    life.status(RequestStatus.RESOLVED, story.worker, story.at, body=story.say("resolved"))
    return True


def _add_note(story) -> bool:
    _note(story)
    return True


def _rate(story) -> bool:
    """Some requesters rate the service: lower when it was late, with a comment when it was poor."""
    rng, row = story.rng, story.life.row
    if rng.random() >= RATED_SHARE:
        return True
    rated = story.work.add_working_minutes(row["resolved_at"], int(rng.triangular(3, 2400, 60)))
    if rated > story.now:
        return True
    late = not row["resolved_within_sla"]
    score = rng.choices([5, 4, 3, 2, 1], weights=[28, 30, 20, 13, 9] if late else [58, 30, 8, 3, 1])[0]
    chance = {5: 0.25, 4: 0.2, 3: 0.6, 2: 1, 1: 1}[score]
    comments = content.data("request_histories")["rating_comments"][score]
    comment = rng.choice(comments) if rng.random() < chance else ""
    story.life.rate(story.requester, rated, score, comment, RATING_LABELS[score])
    return True


def _close(story) -> bool:
    """The nightly close-resolved job closes it once its reopening window has passed."""
    engine = story.engine
    until = story.work.due_at(story.life.row["resolved_at"], AUTO_CLOSE_DAYS).astimezone(engine.london)
    closes = datetime.combine(until.date() + timedelta(days=1), CLOSE_RESOLVED_AT, engine.london) + timedelta(
        seconds=story.rng.uniform(0, 90)
    )
    if closes <= story.now:
        story.life.close(closes.astimezone(UTC))
    return True


# The builders, in the order things happen to a request.
HISTORY = (
    _raise_priority,
    _assign,
    _respond,
    _cancel,
    _stop_unless_started,
    _wait,
    _stop_in_progress,
    _resolve,
    _reopen,
    _add_note,
    _rate,
    _close,
)


def _note(story) -> None:
    """Now and then, an internal note somewhere after the request was picked up (for one still
    open, perhaps after its last change)."""
    life, rng, work = story.life, story.rng, story.work
    if rng.random() >= NOTE_SHARE or len(life.events) < 2:
        return
    start, end = life.events[1]["created_at"], life.events[-1]["created_at"]
    if life.row["status"] in OPEN:
        end = max(end, min(story.now, end + timedelta(hours=4)))
    at = work.add_working_minutes(start, int(work.working_minutes_between(start, end) * rng.uniform(0.2, 0.9)))
    life.event(EventKind.NOTE, story.worker, min(at, end), public=False, body=story.say("note"))


def _chase(story) -> None:
    """Open and overdue: the requester may ask for news, and the team may say sorry."""
    life, rng, row = story.life, story.rng, story.life.row
    if (
        row["status"] not in (RequestStatus.SUBMITTED, RequestStatus.IN_PROGRESS)
        or row["due_at"] >= story.now
        or rng.random() >= CHASED_SHARE
    ):
        return
    at = life.step(max(row["due_at"], life.events[-1]["created_at"]), rng.triangular(30, 1500, 200))
    life.reply(story.requester, at, story.say("chase"))
    if rng.random() < 0.5:
        life.reply(story.worker, life.step(at, rng.triangular(5, 480, 40)), story.say("sorry"))
