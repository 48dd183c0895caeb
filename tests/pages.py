"""The pages of the app for the whole-app checks (valid HTML, axe-core): the demo accounts of
each role, the objects the pages are about, and the list of pages, drawn from the policy matrix's
GET routes (itself checked against `app.url_map`) plus more states of some of them."""

import hashlib
import io
from datetime import timedelta

from flask import current_app
from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from app import clock, demo, files
from app import search as search_index
from app.extensions import db
from app.ideas import services as ideas
from app.kb import services as kb
from app.models import (
    ApprovalStep,
    Article,
    ArticleQuestion,
    CannedReply,
    IdeaBenefit,
    PasswordResetToken,
    PeopleImport,
    Service,
    Team,
    User,
)
from app.models.assistant import AskedQuestion
from app.models.vocabulary import Synonym
from app.notify import MY_REQUESTS, unsubscribe_token
from app.service_requests import approvals, contacts, raising, workflow
from tests.factories import make_service
from tests.test_policy_matrix import MATRIX

DEMO_PASSWORD = "staffroom-demo"
# The demo accounts of each role (README); the agent and manager work in Executive Support.
ACCOUNTS = {
    "anonymous": None,
    "staff": "staff@staffroom.test",
    "editor": "ea@staffroom.test",
    "agent": "agent@staffroom.test",
    "manager": "manager@staffroom.test",
    "admin": "admin@staffroom.test",
}
# GET routes that answer something other than an HTML page.
NOT_PAGES = {
    "static": "stylesheets, scripts and images",
    "home.healthz": "plain text for the load balancer",
    "home.readyz": "JSON for monitoring",
    "dashboard.export": "a CSV file",
    "dashboard.pack_pdf": "a PDF file (tests/dashboard/test_pack.py reads its text)",
    "dashboard.archived_pack": "a pack as it was sent, a download (none in the demo; tests/dashboard/test_pack.py)",
    "ideas.benefits_csv": "a CSV file",
    "kb.download": "the attached file",
    "kb.by_id": "redirects to the article's page under its current address",
    "service_requests.download": "the attached file",
    "service_requests.rate_by_link": "records the rating and redirects",
    # Single sign-on is off in the matrix (404); tests/auth/test_oidc.py checks its pages' HTML.
    "auth.oidc_start": "redirects to the single sign-on provider",
    "auth.oidc_callback": "signs in and redirects, or shows the sign-in page with why not",
}
# GET routes answering only a fragment, for htmx to put into the page that asked.
FRAGMENTS = {"search.suggest", "raising.suggestions", "raising.people", "ideas.similar"}
# More states of some pages than the matrix's one path shows.
VARIANTS = [
    ("kb.new (chooser error)", "/kb/new?template="),
    ("kb.new (form)", "/kb/new?template=blank"),
    ("search.results (nothing found)", "/search?q=zzxqv"),
    ("search.results (empty)", "/search"),
    ("ideas.index (filtered)", "/ideas?status=implemented&sort=new"),
    ("service_requests.show (resolved)", "/requests/{resolved}"),
    ("service_requests.show (awaiting approval)", "/requests/{approval_request}"),
    ("service_requests.team_queue (nobody)", "/requests/queue?assignee=unassigned"),
    ("dashboard.requests (4 weeks)", "/dashboard?period=4w"),
    ("dashboard.pack_view (print)", "/dashboard/pack?print=1"),
    *(
        (f"catalogue.add_field ({kind})", f"/services/{{service}}/form/new?kind={kind}")
        for kind in ("textarea", "number", "date", "email", "select", "radios", "checkboxes", "yesno", "file")
    ),
]


def demo_targets() -> dict:
    """The demo data, plus what the matrix's paths need that it lacks: a service asking every kind
    of question, a request (with a file, a reply and an internal note) and a draft by the demo
    member of staff, a comment of theirs, an attachment to an article with a question."""
    with current_app.test_request_context():
        demo.seed(progress=lambda line: None)  # with the request history: full queues and dashboards
        db.session.commit()
        people = {user.email: user for user in db.session.scalars(select(User))}
        staff, agent, editor = (people[ACCOUNTS[role]] for role in ("staff", "agent", "editor"))
        team = db.session.scalar(select(Team).where(Team.name == "Executive Support"))
        service = make_service(
            name="Room and catering for a formal meeting",
            team=team,
            category="Meetings and events",
            keywords="room, catering",
            description="We book the room and order the catering.",
            fields=[
                {"kind": "text", "label": "Which building?", "hint": "For example, Civic Centre"},
                {"kind": "textarea", "label": "Agenda items"},
                {"kind": "number", "label": "How many people?", "min_value": 2, "max_value": 60},
                {"kind": "date", "label": "Date of the meeting", "not_in_past": True},
                {"kind": "email", "label": "Chair's email address", "required": False},
                {"kind": "select", "label": "Room layout", "options": "Boardroom\nTheatre\nCabaret"},
                {"kind": "radios", "label": "Catering", "options": "None\nDrinks\nLunch"},
                {
                    "kind": "checkboxes",
                    "label": "Equipment",
                    "options": "Projector\nHearing loop\nFlipchart",
                    "required": False,
                },
                {"kind": "yesno", "label": "Is any of it confidential?"},
                {"kind": "textarea", "label": "Which items are confidential"},
                {"kind": "file", "label": "Seating plan", "required": False},
            ],
        )
        fields = service.fields
        fields[9].show_if_field_id, fields[9].show_if_value = fields[8].id, "Yes"
        answers = dict(
            zip(
                (str(field.id) for field in fields[:10]),
                (
                    "Civic Centre",
                    "1. Minutes\n2. Budget",
                    "12",
                    "2099-03-12",
                    "chair@council.test",
                    "Boardroom",
                    "Lunch",
                    ["Projector", "Hearing loop"],
                    "Yes",
                    "Item 2",
                ),
            )
        )
        plan = files.check_upload(FileStorage(io.BytesIO(b"%PDF-1.4 plan"), filename="seating plan.pdf"))

        def send(subject):
            draft = raising.save_draft(
                service,
                staff,
                token=None,
                subject=subject,
                description="Twelve people.",
                answers=answers,
                new_files={str(fields[10].id): plan},
                shown_file_ids={str(fields[10].id)},
            )
            return raising.submit_draft(draft, staff)

        sent = send("Budget committee in March")
        workflow.assign(sent, agent, agent.id)
        workflow.add_message(sent, agent, "Which room would you like?")
        workflow.add_message(sent, agent, "Catering booked with the usual supplier.", internal=True)
        resolved = send("Audit committee in April")
        workflow.change_status(resolved, agent, "resolved", note="Room booked.")
        draft = raising.save_draft(
            service,
            staff,
            token=None,
            subject="Pensions board in May",
            description="Eight people.",
            answers=answers,
            new_files={},
            shown_file_ids=set(),
        )

        # A resident without an account the demo agent keyed a request for, who asked for letters.
        resident = contacts.record(
            agent,
            contacts.ContactDetails(
                name="Mrs Ada Lovelace",
                phone="0116 496 0456",
                address="3 St Martin's\nLeicester\nLE1 5DB",
                preferred="letter",
                notes="Needs an interpreter",
            ),
        )
        for_resident = raising.submit_draft(
            raising.save_draft(
                service,
                agent,
                token=None,
                subject="Room for a residents' forum",
                description="Thirty people.",
                answers=answers,
                new_files={},
                shown_file_ids=set(),
                requester_id=contacts.contact_value(resident),
            ),
            agent,
        )
        workflow.add_message(for_resident, agent, "The Council Chamber is booked for you.")
        letter_owed = contacts.tasks(for_resident)[-1]
        # A purchase order over £5,000 of the member of staff's, awaiting their line manager's
        # (the demo manager's) approval: her link, and the request page with its decision form.
        purchase_order = db.session.scalar(select(Service).where(Service.name == "Raise a purchase order"))
        by_label = {field.label: field for field in purchase_order.fields}
        order = raising.submit_draft(
            raising.save_draft(
                purchase_order,
                staff,
                token=None,
                subject="Laptops for the new starters",
                description="Six laptops.",
                answers={
                    str(by_label["Supplier's name"].id): "Viking Direct",
                    str(by_label["Is the supplier new to the council?"].id): "No",
                    str(by_label["What are you buying?"].id): "Six laptops",
                    str(by_label["Total cost excluding VAT (£)"].id): "6000",
                    str(by_label["Cost centre and subjective code"].id): "HW1020 4102",
                },
                new_files={},
                shown_file_ids=set(),
            ),
            staff,
        )
        approval = approvals.pending_step(order)
        # Big meetings need an administrator's approval (added after the requests above were sent).
        approval_step = ApprovalStep(
            service_id=service.id,
            position=1,
            approver_kind="role",
            role="admin",
            condition_field_id=fields[2].id,
            condition_operator="gt",
            condition_value="40",
        )
        db.session.add(approval_step)
        db.session.flush()

        idea = db.session.scalar(select(IdeaBenefit).limit(1)).idea
        comment = ideas.add_comment(idea, staff, "We could start with the **diary** team.")
        ideas.add_comment(idea, editor, "Happy to help.", parent_id=comment.id)
        question = db.session.scalar(select(ArticleQuestion).order_by(ArticleQuestion.id).limit(1))
        article = db.session.get(Article, question.article_id)
        attachment = kb.add_attachment(
            article, FileStorage(io.BytesIO(b"%PDF-1.4 guide"), filename="guide.pdf"), uploader=editor
        )
        canned = db.session.scalar(select(CannedReply).where(CannedReply.team_id == team.id).limit(1))
        asked = AskedQuestion(
            user_id=staff.id,
            question="Where do I order a DBS check?",
            topic="dbs check",
            answered=False,
            confidence=20,
            referred_at=clock.now(),
        )
        db.session.add(asked)
        synonym = db.session.scalar(select(Synonym).order_by(Synonym.id).limit(1))
        # A users export waiting for its confirmation: creates, changes, deactivates and refuses.
        upload = PeopleImport(
            uploaded_by_id=people[ACCOUNTS["admin"]].id,
            uploaded_at=clock.now(),
            filename="exportUsers.csv",
            encoding="UTF-8",
            content=(
                "displayName,userPrincipalName,department,jobTitle,accountEnabled\r\n"
                "New Starter,new.starter@staffroom.test,Executive Support,Officer,True\r\n"
                f"{staff.name} (renamed),{staff.email},Executive Support,Officer,True\r\n"
                f"{editor.name},{editor.email},Planning,,False\r\n"
                "=1+1,formula@staffroom.test,,,True\r\n"
            ),
            everyone=False,
        )
        # A live password reset link of the member of staff's.
        reset_token = "a-live-password-reset-link"
        link = PasswordResetToken(
            token_hash=hashlib.sha256(reset_token.encode()).hexdigest(),
            user_id=staff.id,
            created_at=clock.now(),
            expires_at=clock.now() + timedelta(minutes=30),
        )
        db.session.add_all([upload, link])
        db.session.commit()
        targets = {
            "person": staff.id,
            "team": team.id,
            "article": article.slug,
            "article_id": article.id,
            "category": article.category.slug,
            "tag": article.tags[0].slug,
            "attachment": attachment.id,
            "question": question.id,
            "idea": idea.id,
            "comment": comment.id,
            "service": service.slug,
            "field": fields[5].id,
            "request": sent.reference,
            "resolved": resolved.reference,
            "draft": draft.token,
            "request_attachment": sent.attachments[0].id,
            "canned_reply": canned.id,
            "asked": asked.id,
            "synonym": synonym.id,
            "people_import": upload.id,
            "reset_token": reset_token,
            "unsubscribe_token": unsubscribe_token(staff.id, MY_REQUESTS),
            "approval_request": order.reference,
            "approval": approval.id,
            "approval_token": approvals.link_token(approval, people[ACCOUNTS["manager"]].id),
            "approval_step": approval_step.id,
            "contact": resident.id,
            "contact_request": for_resident.reference,
            "contact_task": letter_owed.id,
        }
        search_index.reindex(progress=lambda line: None)
    return targets


def open_to_everyone() -> set[str]:
    """The endpoints of pages that people who have not signed in may see."""
    return {
        endpoint
        for (method, endpoint), (_, outcomes) in MATRIX.items()
        if method == "GET" and outcomes["anonymous"].status == 200
    }


def fill(label: str, path: str, targets: dict) -> str:
    """A page's path with the ids of demo_targets() in it."""
    try:
        return path.format(**targets)
    except KeyError as missing:
        raise AssertionError(f"{label}: demo_targets() in tests/pages.py has no {missing} for {path}") from None


def pages() -> list[tuple[str, str]]:
    """(label, path template) of every page: the matrix's GET routes answering HTML, then the
    variants. A label starts with its route's endpoint."""
    return [
        (endpoint, path)
        for (method, endpoint), (path, _) in MATRIX.items()
        if method == "GET" and endpoint not in NOT_PAGES
    ] + VARIANTS
