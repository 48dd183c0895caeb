"""Who gets what, for every route of the app and every kind of person.

The matrix is the single list of expectations. `app.url_map` is checked against it, so a new
route (or a new method on an old one) fails the suite until someone decides who may use it.
"""

import hashlib
import io
from datetime import timedelta
from typing import NamedTuple
from urllib.parse import parse_qs, urlsplit

import pytest
from flask import current_app
from werkzeug.datastructures import FileStorage

from app import clock, files
from app import search as search_index
from app.extensions import db
from app.ideas import services as ideas
from app.kb import services
from app.models import (
    ApprovalStep,
    ArticleQuestion,
    AskedQuestion,
    CannedReply,
    IdeaComment,
    PasswordResetToken,
    PeopleImport,
    Synonym,
    User,
)
from app.notify import MY_REQUESTS, unsubscribe_token
from app.service_requests import approvals, contacts, raising
from app.service_requests.tokens import rating_token
from tests.conftest import empty_all_tables, page_text
from tests.factories import make_article, make_category, make_service, make_team, make_user, signed_in_client

ROLES = ("anonymous", "staff", "editor", "agent", "manager", "admin")
SIGNED_IN = ROLES[1:]


class Outcome(NamedTuple):
    status: int
    location: str | None = None  # the path a redirect leads to


OK = Outcome(200)
NOT_FOUND = Outcome(404)
FORM_REFUSED = Outcome(422)  # an empty form comes back with its errors
TO_SIGN_IN = Outcome(303, "/sign-in")
REFUSED = (NOT_FOUND, FORM_REFUSED, TO_SIGN_IN)  # answers that change nothing


def redirect(path):
    return Outcome(303, path)


def everyone(outcome):
    return dict.fromkeys(ROLES, outcome)


def signed_in(outcome):
    """Anonymous people are sent to sign in; every signed-in person gets `outcome`."""
    return {"anonymous": TO_SIGN_IN, **dict.fromkeys(SIGNED_IN, outcome)}


def writers(outcome):
    """Knowledge-base writing: editors and admins; everyone else is told there is no such page."""
    return {"anonymous": TO_SIGN_IN, **dict.fromkeys(SIGNED_IN, NOT_FOUND), "editor": outcome, "admin": outcome}


def managers(outcome):
    return {"anonymous": TO_SIGN_IN, **dict.fromkeys(SIGNED_IN, NOT_FOUND), "manager": outcome, "admin": outcome}


def admin_only(outcome):
    """Admin pages: unknown to everyone else (404, not 403), sign-in first for anonymous."""
    return {"anonymous": TO_SIGN_IN, **dict.fromkeys(SIGNED_IN, NOT_FOUND), "admin": outcome}


# (method, endpoint): (path, with {person} and {team} filled in, expected outcome per role)
MATRIX = {
    ("GET", "static"): ("/static/js/staffroom.js", everyone(OK)),
    ("GET", "auth.sign_in"): ("/sign-in", {"anonymous": OK, **dict.fromkeys(SIGNED_IN, redirect("/"))}),
    ("POST", "auth.sign_in"): ("/sign-in", {"anonymous": FORM_REFUSED, **dict.fromkeys(SIGNED_IN, redirect("/"))}),
    ("POST", "auth.sign_out"): ("/sign-out", everyone(redirect("/sign-in"))),
    # Single sign-on is off here (no provider configured): its routes are unknown to everyone.
    # tests/auth/test_oidc.py covers them with a provider.
    ("GET", "auth.oidc_start"): ("/sign-in/oidc", everyone(NOT_FOUND)),
    ("GET", "auth.oidc_callback"): ("/sign-in/oidc/callback", everyone(NOT_FOUND)),
    ("GET", "auth.account"): ("/account", signed_in(OK)),
    ("POST", "auth.sign_out_others"): ("/account/sign-out-others", signed_in(redirect("/account"))),
    ("GET", "auth.away"): ("/account/away", signed_in(OK)),
    ("POST", "auth.away"): ("/account/away", signed_in(redirect("/account"))),  # nothing typed: not away
    ("GET", "auth.change_password"): ("/account/password", signed_in(OK)),
    ("POST", "auth.change_password"): ("/account/password", signed_in(FORM_REFUSED)),
    # Password reset by email: open to everyone (someone signed in may have forgotten it too).
    # {reset_token} is a live link of the target person's: whoever holds it may use it (a link that
    # is not live answers 404 with a page of its own, tests/auth/test_password_reset.py).
    ("GET", "password_reset.forgotten_password"): ("/forgotten-password", everyone(OK)),
    ("POST", "password_reset.forgotten_password"): ("/forgotten-password", everyone(FORM_REFUSED)),
    ("GET", "password_reset.check_your_email"): ("/forgotten-password/check-your-email", everyone(OK)),
    ("GET", "password_reset.choose_password"): ("/reset-password/{reset_token}", everyone(OK)),
    ("POST", "password_reset.choose_password"): ("/reset-password/{reset_token}", everyone(FORM_REFUSED)),
    ("GET", "home.index"): ("/", signed_in(OK)),
    ("GET", "home.notifications"): ("/notifications", signed_in(OK)),
    ("POST", "home.notifications"): ("/notifications", signed_in(redirect("/notifications"))),
    ("GET", "home.notice_settings"): ("/account/notices", signed_in(OK)),
    ("POST", "home.notice_settings"): ("/account/notices", signed_in(FORM_REFUSED)),
    # The link at the end of an email works without signing in: its token is the permission.
    ("GET", "home.unsubscribe"): ("/notices/stop/{unsubscribe_token}", everyone(OK)),
    ("POST", "home.unsubscribe"): ("/notices/stop/{unsubscribe_token}", everyone(OK)),
    # Dashboard: open to everyone signed in; figures per person for the team's managers and admins
    # (the matrix's manager has no team, so sees no team's figures).
    ("GET", "dashboard.requests"): ("/dashboard", signed_in(OK)),
    ("GET", "dashboard.demand"): ("/dashboard/demand", signed_in(OK)),
    ("GET", "dashboard.ideas"): ("/dashboard/ideas", signed_in(OK)),
    ("GET", "dashboard.knowledge"): ("/dashboard/knowledge", signed_in(OK)),
    ("GET", "dashboard.people"): ("/dashboard/people", admin_only(OK)),
    ("GET", "dashboard.export"): ("/dashboard/trend.csv", signed_in(OK)),
    ("GET", "dashboard.set_targets"): ("/dashboard/targets", admin_only(OK)),
    ("GET", "dashboard.pack_view"): ("/dashboard/pack", signed_in(OK)),
    ("GET", "dashboard.pack_pdf"): ("/dashboard/pack.pdf", signed_in(OK)),
    # No pack has been sent in the matrix's data: tests/dashboard/test_pack.py downloads one.
    ("GET", "dashboard.archived_pack"): ("/dashboard/packs/2026-04.pdf", signed_in(NOT_FOUND)),
    ("GET", "dashboard.resilience_view"): ("/dashboard/resilience", {**managers(OK), "editor": OK}),
    ("POST", "dashboard.set_targets"): ("/dashboard/targets", admin_only(FORM_REFUSED)),
    ("GET", "search.results"): ("/search?q=mileage", signed_in(OK)),
    ("GET", "search.suggest"): ("/search/suggest?q=mil", signed_in(OK)),
    ("GET", "search.no_results"): ("/search/no-results", writers(OK)),
    ("GET", "home.accessibility"): ("/accessibility", everyone(OK)),
    ("GET", "home.cookies"): ("/cookies", everyone(OK)),
    ("GET", "home.healthz"): ("/healthz", everyone(OK)),
    # The matrix builds no search index: not ready (503), for everyone alike (tests/test_readyz.py has the rest).
    ("GET", "home.readyz"): ("/readyz", everyone(Outcome(503))),
    ("GET", "admin.people"): ("/admin/people", admin_only(OK)),
    ("GET", "admin.new_person"): ("/admin/people/new", admin_only(OK)),
    ("POST", "admin.new_person"): ("/admin/people/new", admin_only(FORM_REFUSED)),
    # People in bulk ({people_import} is an upload by the target person; any admin may check and
    # confirm one: confirmed with no digest, nothing is applied and a fresh preview says so, 409).
    ("GET", "admin.import_people"): ("/admin/people/import", admin_only(OK)),
    ("POST", "admin.import_people"): ("/admin/people/import", admin_only(FORM_REFUSED)),
    ("GET", "admin.import_preview"): ("/admin/people/import/{people_import}", admin_only(OK)),
    ("POST", "admin.import_preview"): ("/admin/people/import/{people_import}", admin_only(Outcome(409))),
    ("GET", "admin.edit_person"): ("/admin/people/{person}", admin_only(OK)),
    ("POST", "admin.edit_person"): ("/admin/people/{person}", admin_only(FORM_REFUSED)),
    ("POST", "admin.set_person_password"): ("/admin/people/{person}/password", admin_only(FORM_REFUSED)),
    ("POST", "admin.deactivate_person"): (
        "/admin/people/{person}/deactivate",
        admin_only(redirect("/admin/people/{person}")),
    ),
    ("POST", "admin.reactivate_person"): (
        "/admin/people/{person}/reactivate",
        admin_only(redirect("/admin/people/{person}")),
    ),
    ("POST", "admin.sign_out_person"): (
        "/admin/people/{person}/sign-out",
        admin_only(redirect("/admin/people/{person}")),
    ),
    ("GET", "admin.teams"): ("/admin/teams", admin_only(OK)),
    ("GET", "admin.audit_log"): ("/admin/audit", admin_only(OK)),
    ("POST", "admin.teams"): ("/admin/teams", admin_only(FORM_REFUSED)),
    ("GET", "admin.edit_team"): ("/admin/teams/{team}", admin_only(OK)),
    ("POST", "admin.edit_team"): ("/admin/teams/{team}", admin_only(FORM_REFUSED)),
    # Ideas board ({idea} is someone else's idea; moderators are managers and admins)
    ("GET", "ideas.index"): ("/ideas", signed_in(OK)),
    ("GET", "ideas.mine"): ("/ideas/mine", signed_in(OK)),
    ("GET", "ideas.my_votes"): ("/ideas/my-votes", signed_in(OK)),
    ("GET", "ideas.roadmap"): ("/ideas/roadmap", signed_in(OK)),
    ("GET", "ideas.new"): ("/ideas/new", signed_in(OK)),
    ("POST", "ideas.new"): ("/ideas/new", signed_in(FORM_REFUSED)),
    ("GET", "ideas.similar"): ("/ideas/similar?title=front+sheets", signed_in(OK)),
    ("GET", "ideas.show"): ("/ideas/{idea}", signed_in(OK)),
    ("POST", "ideas.vote"): ("/ideas/{idea}/vote", signed_in(redirect("/ideas/{idea}"))),
    ("POST", "ideas.follow"): ("/ideas/{idea}/follow", signed_in(redirect("/ideas/{idea}"))),
    ("POST", "ideas.comment"): ("/ideas/{idea}/comments", signed_in(FORM_REFUSED)),
    ("GET", "ideas.edit_comment"): (
        "/ideas/comments/{comment}/edit",
        {"anonymous": TO_SIGN_IN, **dict.fromkeys(SIGNED_IN, NOT_FOUND)},
    ),
    ("POST", "ideas.edit_comment"): (
        "/ideas/comments/{comment}/edit",
        {"anonymous": TO_SIGN_IN, **dict.fromkeys(SIGNED_IN, NOT_FOUND)},
    ),
    ("POST", "ideas.hide_comment"): ("/ideas/comments/{comment}/hide", managers(FORM_REFUSED)),
    ("POST", "ideas.change_status"): ("/ideas/{idea}/status", managers(FORM_REFUSED)),
    ("POST", "ideas.record_benefit"): ("/ideas/{idea}/benefit", managers(FORM_REFUSED)),
    ("GET", "ideas.benefits"): ("/ideas/benefits", signed_in(OK)),
    ("GET", "ideas.benefits_csv"): ("/ideas/benefits.csv", signed_in(OK)),
    # Knowledge base ({article} is a published article owned by someone else)
    ("GET", "kb.index"): ("/kb/", signed_in(OK)),
    ("GET", "kb.category"): ("/kb/category/{category}", signed_in(OK)),
    ("GET", "kb.tag"): ("/kb/tag/{tag}", signed_in(OK)),
    ("GET", "kb.recent"): ("/kb/recent", signed_in(OK)),
    ("GET", "kb.helpful"): ("/kb/helpful", signed_in(OK)),
    ("GET", "kb.article"): ("/kb/{article}", signed_in(OK)),
    ("GET", "kb.history"): ("/kb/{article}/history", signed_in(OK)),
    # An article's lasting address (links written by the editor's picker) leads to its page.
    ("GET", "kb.by_id"): ("/kb/articles/{article_id}", signed_in(Outcome(302, "/kb/{article}"))),
    ("GET", "kb.download"): ("/kb/attachments/{attachment}/guide.pdf", signed_in(OK)),
    ("POST", "kb.feedback"): ("/kb/{article}/feedback", signed_in(FORM_REFUSED)),
    ("POST", "kb.ask"): ("/kb/{article}/questions", signed_in(FORM_REFUSED)),
    ("POST", "kb.watch"): ("/kb/{article}/watch", signed_in(redirect("/kb/{article}"))),
    ("GET", "kb.new"): ("/kb/new", writers(OK)),
    ("POST", "kb.new"): ("/kb/new?template=blank", writers(FORM_REFUSED)),
    ("POST", "kb.preview"): ("/kb/preview", writers(OK)),
    ("GET", "kb.link_choices"): ("/kb/link-choices?q=article", writers(OK)),
    ("GET", "kb.edit"): ("/kb/{article}/edit", writers(OK)),
    ("POST", "kb.edit"): ("/kb/{article}/edit", writers(FORM_REFUSED)),
    ("POST", "kb.restore"): ("/kb/{article}/revisions/1/restore", writers(redirect("/kb/{article}/history"))),
    ("POST", "kb.mark_reviewed"): ("/kb/{article}/reviewed", writers(redirect("/kb/{article}"))),
    ("POST", "kb.add_attachment"): ("/kb/{article}/attachments", writers(FORM_REFUSED)),
    ("POST", "kb.remove_attachment"): ("/kb/attachments/{attachment}/remove", writers(redirect("/kb/{article}"))),
    ("POST", "kb.answer"): ("/kb/questions/{question}/answers", writers(FORM_REFUSED)),
    ("POST", "kb.toggle_answered"): ("/kb/questions/{question}/answered", writers(redirect("/kb/{article}"))),
    ("GET", "kb.needs_review"): ("/kb/needs-review", writers(OK)),
    ("GET", "kb.poor_feedback"): ("/kb/feedback", writers(OK)),
    ("GET", "kb.open_questions"): ("/kb/questions", writers(OK)),
    ("GET", "kb.coverage"): ("/kb/coverage", {**managers(OK), "editor": OK}),
    ("GET", "kb.categories"): ("/kb/categories", admin_only(OK)),
    ("POST", "kb.categories"): ("/kb/categories", admin_only(FORM_REFUSED)),
    ("GET", "kb.edit_category"): ("/kb/categories/{category}", admin_only(OK)),
    ("POST", "kb.edit_category"): ("/kb/categories/{category}", admin_only(FORM_REFUSED)),
    # Service catalogue ({service} is open to everyone and run by a team none of the roles is in,
    # so only admins may change it; managers without a team cannot create services)
    ("GET", "catalogue.index"): ("/services", signed_in(OK)),
    ("GET", "catalogue.manage"): ("/services/manage", admin_only(OK)),
    ("GET", "catalogue.service"): ("/services/{service}", signed_in(OK)),
    ("GET", "catalogue.new_service"): ("/services/new", admin_only(OK)),
    ("POST", "catalogue.new_service"): ("/services/new", admin_only(FORM_REFUSED)),
    ("GET", "catalogue.edit_service"): ("/services/{service}/edit", admin_only(OK)),
    ("POST", "catalogue.edit_service"): ("/services/{service}/edit", admin_only(FORM_REFUSED)),
    ("GET", "catalogue.form_builder"): ("/services/{service}/form", admin_only(OK)),
    ("GET", "catalogue.add_field"): ("/services/{service}/form/new?kind=text", admin_only(OK)),
    ("POST", "catalogue.add_field"): ("/services/{service}/form/new?kind=text", admin_only(FORM_REFUSED)),
    ("GET", "catalogue.edit_field"): ("/services/{service}/form/{field}", admin_only(OK)),
    ("POST", "catalogue.edit_field"): ("/services/{service}/form/{field}", admin_only(FORM_REFUSED)),
    # No direction: nothing moves, and the builder says so.
    ("POST", "catalogue.move_field"): (
        "/services/{service}/form/{field}/move",
        admin_only(redirect("/services/{service}/form")),
    ),
    ("GET", "catalogue.remove_field"): ("/services/{service}/form/{field}/remove", admin_only(OK)),
    ("POST", "catalogue.remove_field"): (
        "/services/{service}/form/{field}/remove",
        admin_only(redirect("/services/{service}/form")),
    ),
    # Approval steps ({approval_step} is the service's): its team's managers and admins, as the form
    ("GET", "catalogue.add_approval_step"): ("/services/{service}/approvals/new", admin_only(OK)),
    ("POST", "catalogue.add_approval_step"): ("/services/{service}/approvals/new", admin_only(FORM_REFUSED)),
    ("GET", "catalogue.remove_approval_step"): ("/services/{service}/approvals/{approval_step}/remove", admin_only(OK)),
    ("POST", "catalogue.remove_approval_step"): (
        "/services/{service}/approvals/{approval_step}/remove",
        admin_only(redirect("/services/{service}/form")),
    ),
    # Form settings (description questions, due time): like the form builder. Nothing chosen: refused.
    ("GET", "catalogue.form_settings"): ("/services/{service}/form/settings", admin_only(OK)),
    ("POST", "catalogue.form_settings"): ("/services/{service}/form/settings", admin_only(FORM_REFUSED)),
    ("GET", "raising.raise_request"): ("/services/{service}/request", signed_in(OK)),
    ("POST", "raising.raise_request"): ("/services/{service}/request", signed_in(FORM_REFUSED)),
    ("GET", "raising.suggestions"): ("/services/{service}/suggestions?description=mileage", signed_in(OK)),
    # {draft} is the target person's unsent draft: nobody else's to see or send.
    ("GET", "raising.check_answers"): ("/services/{service}/request/{draft}", signed_in(NOT_FOUND)),
    ("POST", "raising.check_answers"): ("/services/{service}/request/{draft}", signed_in(NOT_FOUND)),
    # No article named: nothing answered the question.
    ("POST", "raising.deflected"): ("/services/{service}/answered", signed_in(NOT_FOUND)),
    # Requests ({request} is the target person's own, with an attachment): for the requester, whoever
    # keyed it, and those who work it (the owning team's agents and managers, none of the roles here,
    # and admins); everyone else is told there is no such page
    ("GET", "service_requests.mine"): ("/requests/mine", signed_in(OK)),
    ("GET", "service_requests.show"): ("/requests/{request}", admin_only(OK)),
    ("GET", "service_requests.confirmation"): ("/requests/{request}/sent", admin_only(OK)),
    ("GET", "service_requests.download"): (
        "/requests/{request}/attachments/{request_attachment}/brief.pdf",
        admin_only(OK),
    ),
    # Working it: the owning team's agents and managers, and admins (the roles here have no team)
    ("POST", "service_requests.add_message"): ("/requests/{request}/messages", admin_only(FORM_REFUSED)),
    # (Nobody chosen: it stays with nobody. "Assign to me": an admin outside the team is told why not.)
    ("POST", "service_requests.assign"): ("/requests/{request}/assign", admin_only(redirect("/requests/{request}"))),
    ("POST", "service_requests.assign_to_me"): (
        "/requests/{request}/assign-to-me",
        admin_only(redirect("/requests/{request}")),
    ),
    ("POST", "service_requests.change_status"): ("/requests/{request}/status", admin_only(FORM_REFUSED)),
    ("POST", "service_requests.set_priority"): ("/requests/{request}/priority", admin_only(FORM_REFUSED)),
    # Participants: copied in by the requester, whoever keyed it, or those who work it (admins
    # here); nobody else may see that the request exists (tests/service_requests/test_participants.py
    # has the participants' own rows). Nobody chosen: refused. {person} (the requester) is not
    # copied in: nothing to take out.
    ("GET", "service_requests.participants_page"): ("/requests/{request}/participants?q=pat", admin_only(OK)),
    ("POST", "service_requests.add_participant"): ("/requests/{request}/participants", admin_only(FORM_REFUSED)),
    ("POST", "service_requests.remove_participant"): (
        "/requests/{request}/participants/{person}/remove",
        admin_only(redirect("/requests/{request}")),
    ),
    # The requester's side: only the person it is for and whoever keyed it; not even admins
    ("GET", "service_requests.cancel"): ("/requests/{request}/cancel", signed_in(NOT_FOUND)),
    ("POST", "service_requests.cancel"): ("/requests/{request}/cancel", signed_in(NOT_FOUND)),
    ("POST", "service_requests.reopen"): ("/requests/{request}/reopen", signed_in(NOT_FOUND)),
    ("POST", "service_requests.rate"): ("/requests/{request}/rating", signed_in(NOT_FOUND)),
    # ...with the target person's own one-click rating link
    ("GET", "service_requests.rate_by_link"): ("/requests/{request}/rate/5?token={rating_token}", signed_in(NOT_FOUND)),
    # Approvals ({approval_request} awaits the target approver's decision on step {approval};
    # {approval_token} is the link emailed to them): nobody else may decide it, not even admins
    ("GET", "service_requests.approvals_waiting"): ("/requests/approvals", signed_in(OK)),
    ("POST", "service_requests.decide"): (
        "/requests/{approval_request}/approvals/{approval}",
        signed_in(NOT_FOUND),
    ),
    ("GET", "service_requests.approval_link"): ("/requests/approve/{approval_token}", signed_in(NOT_FOUND)),
    ("POST", "service_requests.approval_link"): ("/requests/approve/{approval_token}", signed_in(NOT_FOUND)),
    # Team queues: a team's agents and managers (none here have a team), admins every team's
    ("GET", "service_requests.team_queue"): ("/requests/queue", admin_only(OK)),
    ("POST", "service_requests.bulk_assign"): ("/requests/queue/assign", admin_only(redirect("/requests/queue"))),
    # Canned replies are their own team's ({canned_reply} is Facilities'): nobody here has a team
    ("GET", "service_requests.canned_replies"): ("/requests/canned-replies", signed_in(NOT_FOUND)),
    ("POST", "service_requests.canned_replies"): ("/requests/canned-replies", signed_in(NOT_FOUND)),
    ("GET", "service_requests.edit_canned_reply"): ("/requests/canned-replies/{canned_reply}", signed_in(NOT_FOUND)),
    ("POST", "service_requests.edit_canned_reply"): ("/requests/canned-replies/{canned_reply}", signed_in(NOT_FOUND)),
    ("POST", "service_requests.delete_canned_reply"): (
        "/requests/canned-replies/{canned_reply}/delete",
        signed_in(NOT_FOUND),
    ),
    # People without an account (assisted digital): those who raise requests for others (agents,
    # managers, admins) search and record them; {contact} is Facilities', and its request
    # {contact_request} with a letter owed {contact_task}: only Facilities' agents and managers
    # see them (none of the roles here has a team; admins do not need residents' details).
    ("GET", "raising.people"): ("/services/{service}/people?person_query=pat", {**managers(OK), "agent": OK}),
    ("GET", "contacts.new"): ("/requests/contacts/new", {**managers(OK), "agent": OK}),
    ("POST", "contacts.new"): ("/requests/contacts/new", {**managers(FORM_REFUSED), "agent": FORM_REFUSED}),
    ("GET", "contacts.show"): ("/requests/contacts/{contact}", signed_in(NOT_FOUND)),
    ("GET", "contacts.edit"): ("/requests/contacts/{contact}/edit", signed_in(NOT_FOUND)),
    ("POST", "contacts.edit"): ("/requests/contacts/{contact}/edit", signed_in(NOT_FOUND)),
    ("POST", "contacts.task_done"): (
        "/requests/{contact_request}/contact-tasks/{contact_task}/done",
        signed_in(NOT_FOUND),
    ),
    ("GET", "contacts.letter"): ("/requests/{contact_request}/letters/{contact_task}", signed_in(NOT_FOUND)),
    # Ask Staffroom: anyone signed in asks (an empty question is refused); {asked} is the target
    # person's question, sent to the community: feedback and sending on are the asker's alone,
    # editors (and admins) see and answer community questions and keep the vocabulary.
    ("GET", "assistant.index"): ("/ask", signed_in(OK)),
    ("POST", "assistant.ask"): ("/ask", signed_in(FORM_REFUSED)),
    ("POST", "assistant.clear"): ("/ask/clear", signed_in(redirect("/ask"))),
    ("POST", "assistant.feedback"): ("/ask/{asked}/feedback", signed_in(NOT_FOUND)),
    ("POST", "assistant.refer"): ("/ask/{asked}/community", signed_in(NOT_FOUND)),
    ("GET", "assistant.community"): ("/ask/community", writers(OK)),
    ("GET", "assistant.community_question"): ("/ask/community/{asked}", writers(OK)),
    ("POST", "assistant.community_question"): ("/ask/community/{asked}", writers(FORM_REFUSED)),
    ("GET", "assistant.vocabulary_list"): ("/ask/vocabulary", writers(OK)),
    ("POST", "assistant.vocabulary_list"): ("/ask/vocabulary", writers(FORM_REFUSED)),
    ("GET", "assistant.edit_synonym"): ("/ask/vocabulary/{synonym}", writers(OK)),
    ("POST", "assistant.edit_synonym"): ("/ask/vocabulary/{synonym}", writers(FORM_REFUSED)),
    ("POST", "assistant.remove_synonym"): ("/ask/vocabulary/{synonym}/remove", writers(redirect("/ask/vocabulary"))),
}

PLACEHOLDERS = {
    "person": 1,
    "team": 1,
    "article": "an-article",
    "article_id": 1,
    "category": "a-category",
    "tag": "a-tag",
    "attachment": 1,
    "question": 1,
    "idea": 1,
    "comment": 1,
    "service": "a-service",
    "field": 1,
    "request": "BS-000001",
    "request_attachment": 1,
    "draft": "a-draft-token",
    "rating_token": "a-token",
    "unsubscribe_token": "a-token",
    "canned_reply": 1,
    "asked": 1,
    "synonym": 1,
    "people_import": 1,
    "reset_token": "a-live-link",
    "approval_request": "BS-000002",
    "approval": 1,
    "approval_token": "a-token",
    "approval_step": 1,
    "contact": 1,
    "contact_request": "BS-000002",
    "contact_task": 1,
}


def make_targets() -> dict:
    """The objects the matrix's paths point at, owned by nobody in the test's roles."""
    team = make_team("Facilities")
    person = make_user(name="Pat Target", team=team)
    category = make_category("Travel and expenses")
    article = make_article(title="Claiming mileage", category=category, owner=person, tags="mileage")
    attachment = services.add_attachment(
        article, FileStorage(io.BytesIO(b"%PDF-1.4 test"), filename="guide.pdf"), uploader=person
    )
    question = ArticleQuestion(article_id=article.id, author_id=person.id, body="Does this cover hire cars?")
    db.session.add(question)
    idea = ideas.post_idea(
        author=person,
        title="Front sheet template",
        description="One template for all.",
        area_team_id=team.id,
        tags="templates",
        anonymous=False,
        hours_per_month=2,
        pounds_per_year=None,
        quality="",
    )
    comment = IdeaComment(idea_id=idea.id, author_id=person.id, body="Yes please")
    db.session.add(comment)
    db.session.commit()
    service = make_service(
        name="Book a meeting room",
        team=team,
        audience="everyone",
        fields=[
            {"kind": "text", "label": "Which building?"},
            {"kind": "file", "label": "Floor plan", "required": False},
        ],
    )
    text_field, file_field = service.fields
    brief = files.check_upload(FileStorage(io.BytesIO(b"%PDF-1.4 brief"), filename="brief.pdf"))
    with current_app.test_request_context():  # sending a request links to it in the team's notifications
        sent = raising.submit_draft(
            raising.save_draft(
                service,
                person,
                token=None,
                subject="Room for the away day",
                description="Twelve people, all day.",
                answers={str(text_field.id): "Civic Centre"},
                new_files={str(file_field.id): brief},
                shown_file_ids={str(file_field.id)},
            ),
            person,
        )
        draft = raising.save_draft(
            service,
            person,
            token=None,
            subject="Another room",
            description="Four people.",
            answers={str(text_field.id): "Town Hall"},
            new_files={},
            shown_file_ids=set(),
        )
        db.session.commit()
    # A resident without an account (before the service asks for approval, below).
    facilities_agent = make_user(roles=["agent"], name="Fay Facilities", team=team)
    with current_app.test_request_context():
        resident = contacts.record(
            facilities_agent,
            contacts.ContactDetails(
                name="Ada Resident", address="1 High Street\nLeicester\nLE1 1AA", preferred="letter"
            ),
        )
        for_resident = raising.submit_draft(
            raising.save_draft(
                service,
                facilities_agent,
                token=None,
                subject="A room for a residents' meeting",
                description="Ten people.",
                answers={str(text_field.id): "Town Hall"},
                new_files={},
                shown_file_ids=set(),
                requester_id=contacts.contact_value(resident),
            ),
            facilities_agent,
        )
        db.session.commit()
    [letter_owed] = contacts.tasks(for_resident)
    approver = make_user(name="Ann Approver", team=team)
    approval_step = ApprovalStep(service_id=service.id, position=1, approver_kind="person", person_id=approver.id)
    db.session.add(approval_step)
    db.session.commit()
    with current_app.test_request_context():
        awaiting = raising.submit_draft(
            raising.save_draft(
                service,
                person,
                token=None,
                subject="Room for the board",
                description="Twenty people.",
                answers={str(text_field.id): "Civic Centre"},
                new_files={},
                shown_file_ids=set(),
            ),
            person,
        )
        db.session.commit()
    approval = approvals.pending_step(awaiting)
    canned = CannedReply(team_id=team.id, title="Room booked", body="Your room is booked.")
    db.session.add(canned)
    asked = AskedQuestion(
        user_id=person.id,
        question="How do I get a parking permit?",
        topic="parking permit",
        answered=False,
        confidence=20,
        referred_at=clock.now(),
    )
    synonym = Synonym(term="PO", key="po", meaning="purchase order")
    upload = PeopleImport(
        uploaded_by_id=person.id,
        uploaded_at=clock.now(),
        filename="users.csv",
        encoding="UTF-8",
        content="displayName,userPrincipalName\r\nNew Starter,new.starter@council.test\r\n",
        everyone=False,
    )
    reset_token = "a-live-password-reset-link"
    link = PasswordResetToken(
        token_hash=hashlib.sha256(reset_token.encode()).hexdigest(),
        user_id=person.id,
        created_at=clock.now(),
        expires_at=clock.now() + timedelta(minutes=30),
    )
    db.session.add_all([asked, synonym, upload, link])
    db.session.commit()
    return {
        "contact": resident.id,
        "contact_request": for_resident.reference,
        "contact_task": letter_owed.id,
        "person": person.id,
        "team": team.id,
        "article": article.slug,
        "article_id": article.id,
        "category": category.slug,
        "tag": article.tags[0].slug,
        "attachment": attachment.id,
        "question": question.id,
        "idea": idea.id,
        "comment": comment.id,
        "service": service.slug,
        "field": text_field.id,
        "request": sent.reference,
        "request_attachment": sent.attachments[0].id,
        "draft": draft.token,
        "rating_token": rating_token(sent),
        "unsubscribe_token": unsubscribe_token(person.id, MY_REQUESTS),
        "canned_reply": canned.id,
        "asked": asked.id,
        "synonym": synonym.id,
        "people_import": upload.id,
        "reset_token": reset_token,
        "approval_request": awaiting.reference,
        "approval": approval.id,
        "approval_token": approvals.link_token(approval, approver.id),
        "approver": approver.id,
        "approval_step": approval_step.id,
    }


def assert_security_headers(response) -> None:
    """Every answer, whatever the route, role or status, carries the security headers."""
    policy = response.headers["Content-Security-Policy"]
    for directive in (
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ):
        assert directive in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"


CASES = list(MATRIX)


def test_every_route_and_method_has_an_entry_in_the_matrix(app):
    routes = {
        (method, rule.endpoint) for rule in app.url_map.iter_rules() for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    missing = routes - set(MATRIX)
    gone = set(MATRIX) - routes
    assert not missing, f"routes with no entry in the policy matrix: {sorted(missing)}"
    assert not gone, f"matrix entries for routes that no longer exist: {sorted(gone)}"
    for (method, endpoint), (path, expected) in MATRIX.items():
        assert set(expected) == set(ROLES), f"{method} {endpoint} does not say what every role gets"
        matched, _ = app.url_map.bind("localhost").match(urlsplit(path.format(**PLACEHOLDERS)).path, method=method)
        assert matched == endpoint, f"{path} is not the path of {endpoint}"


def _start_again() -> None:
    """An empty database and search index, as between two tests."""
    db.session.remove()
    empty_all_tables()
    search_index.clear()


@pytest.mark.parametrize("method, endpoint", CASES, ids=[f"{m} {e}" for m, e in CASES])
def test_route_answers_each_kind_of_person_as_the_matrix_says(app, method, endpoint):
    # Pages (GET) are asked by each role in turn of one set of targets; a post that is let through
    # may change them (an attachment removed, a person deactivated), so the next role posts to a
    # fresh database. A refused post changes nothing, so the next role posts to the same targets.
    path_template, expected_by_role = MATRIX[(method, endpoint)]
    targets: dict = {}
    for role in ROLES:
        if not targets:
            targets = make_targets()
            path = path_template.format(**targets)
        expected = expected_by_role[role]
        if role == "anonymous":
            client = app.test_client()
        else:
            user = make_user(roles=[] if role == "staff" else [role], name=f"{role.title()} Person")
            client = signed_in_client(app, user)

        # a post goes with a valid CSRF token, fetched like a browser
        response = client.get(path) if method == "GET" else client.post(path, data={})

        assert response.status_code == expected.status, f"as {role}: {page_text(response)[:300]}"
        assert_security_headers(response)
        if expected.location is not None:
            location = urlsplit(response.headers["Location"])
            assert location.path == expected.location.format(**targets), f"as {role}"
        if expected is TO_SIGN_IN and method == "GET":
            # ...and comes back to the page asked for after signing in.
            assert parse_qs(urlsplit(response.headers["Location"]).query)["next"] == [path]
        if expected is NOT_FOUND:
            text = page_text(response)
            assert "Page not found" in text, f"as {role}"
            assert "permission" not in text, f"as {role}"
        if method != "GET" and expected not in REFUSED:
            _start_again()
            targets = {}


@pytest.mark.parametrize("path", ["/", "/admin/people", "/account"])
def test_htmx_request_from_a_signed_out_browser_reloads_the_whole_page_at_sign_in(client, path):
    response = client.hx("get", path, headers={"HX-Current-URL": f"http://localhost{path}"})
    assert response.status_code == 204
    location = urlsplit(response.headers["HX-Redirect"])
    assert location.path == "/sign-in"
    assert parse_qs(location.query)["next"] == [path]


def test_admin_pages_for_a_person_who_does_not_exist_are_not_found(admin_client):
    assert admin_client.get("/admin/people/999999").status_code == 404
    assert admin_client.get("/admin/teams/999999").status_code == 404
    assert admin_client.post("/admin/people/999999/deactivate").status_code == 404


def test_navigation_shows_admin_only_to_admins(app, admin):
    manager = make_user(roles=["manager", "editor", "agent"])
    assert 'href="/admin/people"' not in signed_in_client(app, manager).get("/").get_data(as_text=True)
    assert 'href="/admin/people"' in signed_in_client(app, admin).get("/").get_data(as_text=True)


def test_the_targets_that_others_cannot_see_are_there_for_their_owner(app):
    """The 404s above are about who asks, not broken paths: the target person gets each one."""
    targets = make_targets()
    owner = signed_in_client(app, db.session.get(User, targets["person"]))
    for path in (
        "/requests/{request}",
        "/requests/{request}/sent",
        "/services/{service}/request/{draft}",
        "/requests/{request}/attachments/{request_attachment}/brief.pdf",
        "/requests/{request}/cancel",
        "/ask/community/{asked}",
    ):
        response = owner.get(path.format(**targets))
        assert response.status_code == 200, path
    assert (
        owner.get("/requests/{request}/attachments/{request_attachment}/brief.pdf".format(**targets)).data
        == b"%PDF-1.4 brief"
    )
    # The rating link is real, but only once the request is resolved.
    assert owner.get("/requests/{request}/rate/5?token={rating_token}".format(**targets)).status_code == 303
    facilities = db.session.get(User, targets["person"]).team
    facilities_manager = signed_in_client(app, make_user(roles=["manager"], team=facilities))
    assert facilities_manager.get("/requests/canned-replies/{canned_reply}".format(**targets)).status_code == 200
    assert facilities_manager.get("/requests/{request}".format(**targets)).status_code == 200
    # The approver opens their link and the request it is about (its answers), and decides it.
    approver = signed_in_client(app, db.session.get(User, targets["approver"]))
    assert approver.get("/requests/approve/{approval_token}".format(**targets)).status_code == 200
    assert approver.get("/requests/{approval_request}".format(**targets)).status_code == 200
    decided = approver.post("/requests/{approval_request}/approvals/{approval}".format(**targets), data={})
    assert decided.status_code == 422  # an empty decision: asked to choose
