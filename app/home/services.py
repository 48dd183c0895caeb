"""What the home page shows the person signed in first: the work waiting for them, by role, each
count from the same query as the page it links to (the queue's, My requests', the board's ...)."""

from dataclasses import dataclass, field

from flask import url_for

from app import policy
from app.assistant import services as assistant
from app.dashboard import resilience
from app.ideas import services as ideas
from app.kb import gaps
from app.models import IdeaStatus, ServiceRequest, User
from app.service_requests import approvals, queue
from app.service_requests import services as requests

WAITING_SHOWN = 5  # requests waiting for the person listed by name; the rest behind the link


@dataclass(frozen=True)
class Count:
    """One figure on home: "3 unassigned", linking to the page that lists those 3."""

    label: str
    count: int
    url: str


@dataclass(frozen=True)
class Section:
    heading: str
    counts: list[Count]


@dataclass(frozen=True)
class Waiting:
    """Everything home shows before the shared lists."""

    needs_me: list[ServiceRequest] = field(default_factory=list)
    needs_me_total: int = 0
    needs_me_url: str = ""
    sections: list[Section] = field(default_factory=list)


def _queue_counts(user: User) -> Section | None:
    """The agent's own team queue: unassigned, due today, overdue, assigned to them."""
    if not policy.can_view_queue(user) or user.team is None:
        return None
    team = user.team
    figures = []
    for label, filters in (
        ("unassigned", queue.QueueFilters(assignee="unassigned")),
        ("due today", queue.QueueFilters(due="today")),
        ("overdue", queue.QueueFilters(due="overdue")),
        ("assigned to you", queue.QueueFilters(assignee="me")),
    ):
        figures.append(
            Count(
                label,
                queue.count(team, filters, user),
                url_for("service_requests.team_queue", team=team.id, **filters.args()),
            )
        )
    return Section(f"{team.name} queue", figures)


def _approval_counts(user: User) -> Section | None:
    """Requests waiting for this person's approval: shown only to those who have any."""
    waiting = len(approvals.waiting_for(user))
    if not waiting:
        return None
    label = "request waiting for your approval" if waiting == 1 else "requests waiting for your approval"
    return Section("Approvals", [Count(label, waiting, url_for("service_requests.approvals_waiting"))])


def _manager_counts(user: User) -> Section | None:
    # The managers' section: editors see the coverage page too now (issue 22), but their own
    # section is the knowledge base's.
    if not policy.can_moderate_ideas(user):
        return None
    figures = []
    for status, label in (
        (IdeaStatus.NEW, "new ideas to look at"),
        (IdeaStatus.UNDER_REVIEW, "ideas under review"),
    ):
        figures.append(Count(label, ideas.count_in_status(status), url_for("ideas.index", status=status.value)))
    if policy.can_view_queue(user) and user.team is not None and policy.can_view_agent_figures(user, user.team):
        breached = queue.QueueFilters(status="all", due="breached")
        figures.append(
            Count(
                "breaches this week",
                queue.count(user.team, breached, user),
                url_for("service_requests.team_queue", team=user.team.id, **breached.args()),
            )
        )
    if policy.can_view_knowledge_coverage(user):
        figures.append(
            Count(
                "services without guidance articles",
                resilience.services_without_guidance(),
                url_for("dashboard.resilience_view", _anchor="resilience-services"),
            )
        )
    return Section("Decisions and gaps", figures)


def _editor_counts(user: User) -> Section | None:
    figures = []
    if policy.can_write_articles(user):
        figures.append(Count("articles due for review", gaps.overdue_review_count(), url_for("kb.needs_review")))
    if policy.can_answer_community_questions(user):
        figures.append(
            Count(
                "community questions waiting",
                assistant.community_question_count(),
                url_for("assistant.community"),
            )
        )
    return Section("Knowledge base", figures) if figures else None


def waiting_for(user: User) -> Waiting:
    """What needs this person: their requests waiting for a reply or a rating, then by role."""
    needs_me = requests.mine(user, 1, "needs-me")
    sections = [
        section
        for section in (_approval_counts(user), _queue_counts(user), _manager_counts(user), _editor_counts(user))
        if section
    ]
    return Waiting(
        needs_me=list(needs_me.items)[:WAITING_SHOWN],
        needs_me_total=needs_me.total or 0,
        needs_me_url=url_for("service_requests.mine", show="needs-me"),
        sections=sections,
    )
