"""One demo request's timeline, kept the way app.service_requests.workflow keeps a real one."""

from app.models import DueBasis, EventKind, RequestStatus

# What request handling records (assignee, first response, resolution, rating): filled in where the
# table has these columns, so the seed also runs against a schema from before they were added.
HANDLING_COLUMNS = (
    "assignee_id",
    "first_response_due_at",
    "first_response_at",
    "first_response_minutes",
    "paused_since",
    "resolved_at",
    "resolution_minutes",
    "resolved_within_sla",
    "closed_at",
    "cancelled_at",
    "rating",
    "rating_comment",
    "rated_at",
)


class Timeline:
    """One demo request's timeline, kept as app.service_requests.workflow keeps a real one: every
    change is an event, and the SLA clock (pauses, due date, first response, resolution) moves the
    same way. Times are worked out in working minutes and never pass `now`."""

    def __init__(self, work, row: dict, now, rng):
        self.work, self.row, self.now, self.rng = work, row, now, rng
        self.events: list[dict] = []
        row.update(
            dict.fromkeys(HANDLING_COLUMNS),
            status=RequestStatus.SUBMITTED,
            paused_minutes=0,
            rating_comment="",
            updated_at=row["submitted_at"],
        )

    def step(self, after, working_minutes: float, *, not_before=None):
        """A moment `working_minutes` of working time after `after` (and no sooner than
        `not_before`); squeezed in before now if that is still to come."""
        moment = self.work.add_working_minutes(after, max(1, int(working_minutes)))
        if not_before is not None and not_before > moment:
            moment = not_before
        if moment >= self.now:
            left = self.work.working_minutes_between(after, self.now)
            moment = (
                self.work.add_working_minutes(after, max(1, int(left * self.rng.uniform(0.15, 0.5))))
                if left > 4
                else after + (self.now - after) * self.rng.uniform(0.15, 0.5)
            )
        return moment

    def rows(self) -> list[dict]:
        return sorted(self.events, key=lambda event: event["created_at"])

    def event(self, kind, actor, at, *, public=True, body="", from_value="", to_value="", touch=True) -> None:
        self.events.append(
            {
                "kind": kind,
                "actor_id": actor.id if actor else None,
                "public": public,
                "body": body,
                "from_value": from_value[:120],
                "to_value": to_value[:120],
                "created_at": at,
            }
        )
        if touch and at > self.row["updated_at"]:
            self.row["updated_at"] = at

    # The SLA clock (app.service_requests.sla: _pause, _resume, first_response and apply_status).
    def _pause(self, at) -> None:
        if self.row["paused_since"] is None:
            self.row["paused_since"] = at

    def _resume(self, at) -> None:
        row = self.row
        if row["paused_since"] is None:
            return
        paused = self.work.working_minutes_between(row["paused_since"], at)
        row["paused_minutes"] += paused
        if paused and row["due_basis"] == DueBasis.SUBMISSION:  # as sla._resume: an event does not wait
            row["due_at"] = self.work.add_working_minutes(row["due_at"], paused)
        row["paused_since"] = None

    def _first_response(self, at) -> None:
        if self.row["first_response_at"] is None:
            self.row["first_response_at"] = at
            self.row["first_response_minutes"] = self.work.working_minutes_between(self.row["clock_started_at"], at)

    def _apply_status(self, to_status, at) -> None:
        row, paused = self.row, (RequestStatus.WAITING, RequestStatus.RESOLVED)
        if row["status"] in paused and to_status not in (*paused, RequestStatus.CLOSED, RequestStatus.CANCELLED):
            self._resume(at)
        if to_status == RequestStatus.RESOLVED:
            self._resume(at)
            row["resolved_at"] = at
            row["resolution_minutes"] = max(
                0, self.work.working_minutes_between(row["clock_started_at"], at) - row["paused_minutes"]
            )
            row["resolved_within_sla"] = at <= row["due_at"]
        if row["status"] == RequestStatus.RESOLVED and to_status == RequestStatus.IN_PROGRESS:
            row["resolved_at"] = row["resolution_minutes"] = row["resolved_within_sla"] = None
        if to_status in paused:
            self._pause(at)
        if to_status == RequestStatus.CLOSED:
            row["closed_at"] = at
            row["paused_since"] = None
        if to_status == RequestStatus.CANCELLED:
            row["cancelled_at"] = at
            row["paused_since"] = None
        row["status"] = to_status

    # What people do (workflow.assign, change_status, add_message, cancel, reopen, rate, close_resolved).
    def assign(self, actor, assignee, at) -> None:
        before = next((e["to_value"] for e in reversed(self.events) if e["kind"] == EventKind.ASSIGNED), "")
        self.row["assignee_id"] = assignee.id
        self.event(EventKind.ASSIGNED, actor, at, from_value=before, to_value=assignee.name)

    def status(self, to_status, worker, at, *, body="") -> None:
        from_status = self.row["status"]
        self._apply_status(to_status, at)
        self._first_response(at)
        self.event(EventKind.STATUS, worker, at, body=body, from_value=from_status, to_value=to_status)

    def reply(self, actor, at, body) -> None:
        self.event(EventKind.REPLY, actor, at, body=body)
        if actor.id != self.row["requester_id"]:
            self._first_response(at)

    def requester_reply(self, requester, at, body) -> None:
        """The answer the team was waiting for: the clock starts again."""
        self.event(EventKind.REPLY, requester, at, body=body)
        self._apply_status(RequestStatus.IN_PROGRESS, at)
        # As workflow.add_message records it: nobody chose it, it happened automatically.
        self.event(
            EventKind.STATUS,
            None,
            at,
            body=f"Back in progress automatically: {requester.name} replied.",
            from_value=RequestStatus.WAITING,
            to_value=RequestStatus.IN_PROGRESS,
        )

    def cancel(self, requester, at, reason) -> None:
        from_status = self.row["status"]
        self._apply_status(RequestStatus.CANCELLED, at)
        self.event(
            EventKind.CANCELLED, requester, at, body=reason, from_value=from_status, to_value=RequestStatus.CANCELLED
        )

    def reopen(self, requester, at, reason) -> None:
        self._apply_status(RequestStatus.IN_PROGRESS, at)
        self.event(
            EventKind.REOPENED,
            requester,
            at,
            body=reason,
            from_value=RequestStatus.RESOLVED,
            to_value=RequestStatus.IN_PROGRESS,
        )

    def rate(self, requester, at, score, comment, label) -> None:
        self.row.update(rating=score, rating_comment=comment, rated_at=at)
        self.event(EventKind.RATED, requester, at, body=comment, to_value=f"{score} – {label}", touch=False)

    def close(self, at) -> None:
        """close_resolved: closed; the clock stopped at resolution stays stopped."""
        self.row.update(status=RequestStatus.CLOSED, closed_at=at, paused_since=None)
        self.event(
            EventKind.STATUS,
            None,
            at,
            from_value=RequestStatus.RESOLVED,
            to_value=RequestStatus.CLOSED,
            body="Closed automatically: it was not reopened within 5 working days.",
        )
