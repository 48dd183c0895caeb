"""Who may do what: every permission rule of Staffroom, used by views and templates alike.

Views use the `requires` decorator (or call a rule and `deny()`); templates get this module
as `policy` to hide what a person cannot use. Hiding a button is not security: views check too.
Pages a person may not use answer 404, so their existence is not revealed.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any, NoReturn, ParamSpec, TypeVar

from flask import abort
from flask_login import current_user
from sqlalchemy import select

from app.extensions import db
from app.models import ArticleStatus, Audience, Role, ServiceRequest


def _has(user, role: str) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.has_role(role)


# --- Rules -------------------------------------------------------------------------------


def can_manage_people(user) -> bool:
    return _has(user, Role.ADMIN)


def can_import_people(user) -> bool:
    """People in bulk from the council's users export: creates, changes and deactivates accounts."""
    return can_manage_people(user)


def can_manage_teams(user) -> bool:
    return _has(user, Role.ADMIN)


def can_view_audit_log(user) -> bool:
    return _has(user, Role.ADMIN)


def can_view_admin(user) -> bool:
    return can_manage_people(user) or can_manage_teams(user) or can_view_audit_log(user)


def can_deactivate(user, person) -> bool:
    # Nobody deactivates themselves: it would lock out the last administrator.
    return can_manage_people(user) and person.id != user.id


def can_change_own_password(user) -> bool:
    # Someone who signs in only through single sign-on has no password to change.
    return bool(getattr(user, "is_authenticated", False)) and bool(user.password_hash)


# --- Knowledge base ----------------------------------------------------------------------


def can_write_articles(user) -> bool:
    return _has(user, Role.EDITOR) or _has(user, Role.ADMIN)


def can_see_drafts(user) -> bool:
    return can_write_articles(user)


def can_view_article(user, article) -> bool:
    return article.status != ArticleStatus.DRAFT or can_see_drafts(user)


def can_edit_article(user, article) -> bool:
    return can_write_articles(user) and can_view_article(user, article)


def _owns(user, article) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and article.owner_id == user.id


def can_mark_reviewed(user, article) -> bool:
    return article.status == ArticleStatus.PUBLISHED and (can_write_articles(user) or _owns(user, article))


def can_answer_questions(user, article) -> bool:
    return can_write_articles(user) or _owns(user, article)


def can_mark_answered(user, article, question) -> bool:
    return can_answer_questions(user, article) or question.author_id == getattr(user, "id", None)


def can_take_part(user, article) -> bool:
    """Rate, ask and watch: anyone signed in, on an article they can see that is not a draft."""
    return bool(getattr(user, "is_authenticated", False)) and article.status == ArticleStatus.PUBLISHED


def can_manage_categories(user) -> bool:
    return _has(user, Role.ADMIN)


def can_view_knowledge_coverage(user) -> bool:
    """Single points of failure (knowledge coverage, and the dashboard's Resilience tab): those
    who plan the work (managers), those who write the guidance (editors), and admins."""
    return _has(user, Role.MANAGER) or _has(user, Role.EDITOR) or _has(user, Role.ADMIN)


def can_see_coverage_names(user) -> bool:
    """Who the single points of failure are, by name: managers and admins (editors see counts)."""
    return _has(user, Role.MANAGER) or _has(user, Role.ADMIN)


def can_view_content_gaps(user) -> bool:
    """Searches that found nothing and questions nobody could answer: what staff typed, so only
    those who close the gaps (editors) and those who plan the work (managers), and admins."""
    return _has(user, Role.EDITOR) or _has(user, Role.MANAGER) or _has(user, Role.ADMIN)


# --- Ideas board ---------------------------------------------------------------------------


def can_moderate_ideas(user) -> bool:
    """Move ideas through the workflow, merge duplicates, record benefits, hide comments."""
    return _has(user, Role.MANAGER) or _has(user, Role.ADMIN)


def can_see_idea_author(user, idea) -> bool:
    """ "Don't show my name": hidden from staff, not from moderators or the author."""
    return not idea.anonymous or can_moderate_ideas(user) or getattr(user, "id", None) == idea.author_id


def can_edit_comment(user, comment) -> bool:
    return getattr(user, "id", None) == comment.author_id and comment.hidden_at is None


# --- Service catalogue and requests ----------------------------------------------------------


def _in_team(user, team_id) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.team_id is not None and user.team_id == team_id


def can_create_services(user) -> bool:
    """Managers of a team create services for it; admins for any team."""
    return _has(user, Role.ADMIN) or (_has(user, Role.MANAGER) and user.team_id is not None)


def can_edit_service(user, service) -> bool:
    """Details and form: the owning team's managers, and admins."""
    return _has(user, Role.ADMIN) or (_has(user, Role.MANAGER) and _in_team(user, service.team_id))


def can_raise_on_behalf(user) -> bool:
    """Assisted digital: Business Support staff key requests for people who cannot."""
    return _has(user, Role.AGENT) or _has(user, Role.MANAGER) or _has(user, Role.ADMIN)


def may_request(person, service) -> bool:
    """Whether `person` may have a request raised for them through `service`."""
    if not service.active:
        return False
    return service.audience == Audience.EVERYONE or any(team.id == person.team_id for team in service.requesting_teams)


def can_view_service(user, service) -> bool:
    """People who may request it, the team that runs it, and those who raise requests for others.
    A retired service still shows (with a notice) to those who could see it."""
    if not getattr(user, "is_authenticated", False):
        return False
    return (
        can_edit_service(user, service)
        or _in_team(user, service.team_id)
        or can_raise_on_behalf(user)
        or service.audience == Audience.EVERYONE
        or any(team.id == user.team_id for team in service.requesting_teams)
    )


def can_view_queue(user) -> bool:
    """A team's request queue: its agents and managers; admins see every team's."""
    return _has(user, Role.ADMIN) or ((_has(user, Role.AGENT) or _has(user, Role.MANAGER)) and user.team_id is not None)


def can_work_request(user, service_request) -> bool:
    """Assign, reply, note, change status: the agents and managers of the team working it, and admins."""
    return _has(user, Role.ADMIN) or (
        (_has(user, Role.AGENT) or _has(user, Role.MANAGER)) and _in_team(user, service_request.team_id)
    )


def is_requester(user, service_request) -> bool:
    """The person it is for, or whoever keyed it for them: they reply, cancel, rate and reopen."""
    user_id = getattr(user, "id", None)
    return user_id is not None and user_id in (service_request.requester_id, service_request.submitted_by_id)


def is_approver(user, service_request) -> bool:
    """Someone asked to approve it (now or before): they see its answers, never internal notes."""
    # Imported here to break a real cycle: approvals imports sla, which imports this module.
    from app.service_requests import approvals  # noqa: PLC0415 - see above

    return approvals.was_asked(user, service_request)


def can_decide_approval(user, approval) -> bool:
    """Approve or reject a step: one of the people asked who has not yet approved it (a step of
    "all of them" waits for the others), never the requester or whoever keyed it."""
    user_id = getattr(user, "id", None)
    return approval.state == "pending" and any(
        row.user_id == user_id and row.approved_at is None for row in approval.approvers
    )


def is_participant(user, service_request) -> bool:
    """A colleague copied into the request: they see it and its public replies, and may reply."""
    user_id = getattr(user, "id", None)
    return user_id is not None and any(person.user_id == user_id for person in service_request.participants)


def can_view_request(user, service_request) -> bool:
    return (
        is_requester(user, service_request)
        or can_work_request(user, service_request)
        or is_approver(user, service_request)
        or is_participant(user, service_request)
    )


def can_manage_participants(user, service_request) -> bool:
    """Copy colleagues in, or take them out: the requester (or whoever keyed it) and the team."""
    return is_requester(user, service_request) or can_work_request(user, service_request)


def can_leave_request(user, service_request) -> bool:
    return is_participant(user, service_request)


def can_see_internal_notes(user, service_request) -> bool:
    return can_work_request(user, service_request)


def can_record_contacts(user) -> bool:
    """People without an account (residents, staff without Staffroom): those who raise requests
    for others record them, and find them again in the person picker."""
    return can_raise_on_behalf(user)


def can_see_contact(user, contact) -> bool:
    """A contact's personal data: the agents and managers of the team that recorded them, and of
    a team working one of their requests (to phone or write to them). Not admins as such: they
    do not need it."""
    if not (_has(user, Role.AGENT) or _has(user, Role.MANAGER)) or user.team_id is None:
        return False
    if contact.team_id == user.team_id:
        return True
    return (
        db.session.scalar(
            select(ServiceRequest.id)
            .where(ServiceRequest.contact_id == contact.id, ServiceRequest.team_id == user.team_id)
            .limit(1)
        )
        is not None
    )


def can_manage_canned_replies(user, team) -> bool:
    return _has(user, Role.ADMIN) or (_has(user, Role.MANAGER) and _in_team(user, team.id))


# --- Ask Staffroom ---------------------------------------------------------------------------


def can_ask(user) -> bool:
    """Anyone signed in; answers only ever use what that person may see."""
    return bool(getattr(user, "is_authenticated", False))


def is_asker(user, asked_question) -> bool:
    """Feedback on an answer, and sending the question to the community: the person who asked."""
    return can_ask(user) and asked_question.user_id == user.id


def can_answer_community_questions(user) -> bool:
    """The community of practice: the editors (and admins) who write the knowledge base."""
    return can_write_articles(user)


def can_view_asked_question(user, asked_question) -> bool:
    """A question sent to the community: its asker, and those who answer such questions."""
    return is_asker(user, asked_question) or (
        asked_question.referred_at is not None and can_answer_community_questions(user)
    )


def can_manage_vocabulary(user) -> bool:
    """The council's synonyms and abbreviations, used by search and Ask Staffroom alike."""
    return can_write_articles(user)


# --- Dashboard -------------------------------------------------------------------------------


def can_view_dashboard(user) -> bool:
    """The open performance dashboard: everyone signed in (some tables need more, below)."""
    return bool(getattr(user, "is_authenticated", False))


def can_view_agent_figures(user, team=None) -> bool:
    """Figures per person: the team's managers (for their team) and admins."""
    if _has(user, Role.ADMIN):
        return True
    return _has(user, Role.MANAGER) and user.team_id is not None and (team is None or user.team_id == team.id)


def can_set_performance_targets(user) -> bool:
    """The service-wide targets the dashboard measures against: administrators."""
    return _has(user, Role.ADMIN)


# --- Enforcement -------------------------------------------------------------------------


def deny() -> NoReturn:
    """Refuse as if the page did not exist."""
    abort(404)


_P = ParamSpec("_P")
_R = TypeVar("_R")


def requires(rule: Callable[[Any], bool]) -> Callable[[Callable[_P, _R]], Callable[_P, _R]]:
    """View decorator: the signed-in person must satisfy `rule(user)`, or the page is not found."""

    def decorator(view: Callable[_P, _R]) -> Callable[_P, _R]:
        @wraps(view)
        def wrapped(*args: _P.args, **kwargs: _P.kwargs) -> _R:
            if not rule(current_user):
                deny()
            return view(*args, **kwargs)

        return wrapped

    return decorator
