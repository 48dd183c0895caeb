"""Every form of the app, posted hostile values by a property-based fuzzer (hypothesis).

The routes come from `app.url_map` (through the policy matrix, which is checked against it), the
fields from the HTML of the pages that show each form, joined with the fields of its WTForms class
(for forms a page shows only in another state, such as the rating form of a resolved request).
Each route is used by someone allowed to use it. Whatever is sent: never a 500; a refusal (4xx)
leaves the database (uploaded files included) exactly as it was; an accepted post changes only the
tables that route writes, and the page it leads to still shows.
"""

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st
from wtforms.fields.core import UnboundField

from app.admin import forms as admin_forms
from app.assistant import forms as assistant_forms
from app.auth import forms as auth_forms
from app.catalogue import forms as catalogue_forms
from app.catalogue import services as catalogue
from app.dashboard.forms import TargetsForm
from app.forms import ButtonForm
from app.home.forms import NoticeSettingsForm
from app.ideas import forms as ideas_forms
from app.kb import forms as kb_forms
from app.service_requests import forms as request_forms
from tests.factories import DEFAULT_PASSWORD
from tests.security.fuzzing import (
    EXTRA_NAMES,
    FieldSpec,
    FormSpec,
    Upload,
    actor_role,
    changed_tables,
    client_for,
    field_values,
    forms_of,
    json_body,
    json_values,
    make_fuzz_targets,
    multipart,
    snapshot,
    text_values,
    urlencoded,
)
from tests.test_policy_matrix import MATRIX

# Examples per route (each sends hostile values in many fields at once): about 850 posts, some 45 s
# on SQLite on two cores; more where the form has more to get wrong.
EXAMPLES = 10
MORE_EXAMPLES = {
    "raising.raise_request": 24,
    "kb.new": 16,
    "kb.edit": 16,
    "catalogue.new_service": 16,
    "catalogue.edit_service": 16,
    "catalogue.add_field": 16,
    "catalogue.edit_field": 16,
    "ideas.new": 16,
    "ideas.change_status": 16,
    "ideas.record_benefit": 16,
    "admin.new_person": 16,
    "admin.edit_person": 16,
    "service_requests.add_message": 16,
}
FEWER_EXAMPLES = {"auth.sign_out": 2, "auth.sign_out_others": 3, "auth.sign_in": 6, "assistant.clear": 3}

# The WTForms class behind each post (dynamic request forms are read from the page alone).
FORM_CLASSES = {
    "auth.sign_in": auth_forms.SignInForm,
    "auth.sign_out": None,
    "auth.sign_out_others": auth_forms.SignOutOthersForm,
    "auth.change_password": auth_forms.ChangePasswordForm,
    "home.notifications": ButtonForm,
    "home.notice_settings": NoticeSettingsForm,  # its questions are the person's: read from the page
    "home.unsubscribe": ButtonForm,
    "dashboard.set_targets": TargetsForm,
    "admin.new_person": admin_forms.NewPersonForm,
    "admin.edit_person": admin_forms.PersonForm,
    "admin.set_person_password": admin_forms.SetPasswordForm,
    "admin.deactivate_person": ButtonForm,
    "admin.reactivate_person": ButtonForm,
    "admin.sign_out_person": ButtonForm,
    "admin.teams": admin_forms.TeamForm,
    "admin.edit_team": admin_forms.TeamForm,
    "ideas.new": ideas_forms.IdeaForm,
    "ideas.vote": ideas_forms.VoteForm,
    "ideas.follow": ideas_forms.FollowForm,
    "ideas.comment": ideas_forms.CommentForm,
    "ideas.edit_comment": ideas_forms.EditCommentForm,
    "ideas.hide_comment": ideas_forms.HideCommentForm,
    "ideas.change_status": ideas_forms.StatusForm,
    "ideas.record_benefit": ideas_forms.BenefitForm,
    "kb.feedback": kb_forms.FeedbackForm,
    "kb.ask": kb_forms.QuestionForm,
    "kb.watch": ButtonForm,
    "kb.new": kb_forms.ArticleForm,
    "kb.preview": kb_forms.PreviewForm,
    "kb.edit": kb_forms.ArticleForm,
    "kb.restore": ButtonForm,
    "kb.mark_reviewed": ButtonForm,
    "kb.add_attachment": kb_forms.AttachmentForm,
    "kb.remove_attachment": ButtonForm,
    "kb.answer": kb_forms.AnswerForm,
    "kb.toggle_answered": ButtonForm,
    "kb.categories": kb_forms.CategoryForm,
    "kb.edit_category": kb_forms.CategoryForm,
    "catalogue.new_service": catalogue_forms.ServiceForm,
    "catalogue.edit_service": catalogue_forms.ServiceForm,
    "catalogue.add_field": catalogue_forms.FieldForm,
    "catalogue.edit_field": catalogue_forms.FieldForm,
    "catalogue.move_field": catalogue_forms.MoveFieldForm,
    "catalogue.remove_field": ButtonForm,
    "raising.raise_request": None,
    "raising.check_answers": ButtonForm,
    "raising.deflected": ButtonForm,
    "service_requests.add_message": request_forms.MessageForm,
    "service_requests.assign": request_forms.AssignForm,
    "service_requests.assign_to_me": request_forms.AssignToMeForm,
    "service_requests.change_status": request_forms.StatusForm,
    "service_requests.set_priority": request_forms.PriorityForm,
    "service_requests.cancel": request_forms.CancelForm,
    "service_requests.reopen": request_forms.ReasonForm,
    "service_requests.rate": request_forms.RatingForm,
    "service_requests.bulk_assign": request_forms.BulkAssignForm,
    "service_requests.canned_replies": request_forms.CannedReplyForm,
    "service_requests.edit_canned_reply": request_forms.CannedReplyForm,
    "service_requests.delete_canned_reply": ButtonForm,
    "assistant.ask": assistant_forms.AskForm,
    "assistant.clear": ButtonForm,
    "assistant.feedback": assistant_forms.FeedbackForm,
    "assistant.refer": ButtonForm,
    "assistant.community_question": assistant_forms.ReplyForm,
    "assistant.vocabulary_list": assistant_forms.SynonymForm,
    "assistant.edit_synonym": assistant_forms.SynonymForm,
    "assistant.remove_synonym": ButtonForm,
    "password_reset.forgotten_password": auth_forms.ForgottenPasswordForm,
    "password_reset.choose_password": auth_forms.ResetPasswordForm,
    "admin.import_people": admin_forms.PeopleImportForm,
    "admin.import_preview": admin_forms.ConfirmImportForm,
    "auth.away": auth_forms.AwayForm,
    "catalogue.add_approval_step": catalogue_forms.ApprovalStepForm,
    "catalogue.remove_approval_step": ButtonForm,
    "service_requests.decide": request_forms.ApprovalDecisionForm,
    "service_requests.approval_link": request_forms.ApprovalDecisionForm,
    "contacts.new": request_forms.ContactForm,
    "contacts.edit": request_forms.ContactForm,
    "contacts.task_done": ButtonForm,
    "catalogue.form_settings": catalogue_forms.FormSettingsForm,
    "service_requests.add_participant": request_forms.ParticipantForm,
    "service_requests.remove_participant": ButtonForm,
}
# Fields a view reads from the request itself, not through its form.
VIEW_FIELDS = {
    "raising.deflected": ["article", "draft"],
    "ideas.vote": ["next"],
    "kb.new": ["template"],
    "raising.raise_request": ["draft", "find_person", "new_contact"],
    "contacts.new": ["service", "draft", "name"],
}

# Values that make a form acceptable, for the fields a new form leaves empty: so the fuzzer's
# changes to the other fields are also tried on a post that gets saved (and then shown).
BASELINES = {
    "ideas.new": {"title": "A shared template for front sheets", "description": "One template for every report."},
    "ideas.comment": {"body": "Yes please"},
    "ideas.hide_comment": {"reason": "Off topic"},
    "ideas.record_benefit": {"realised_on": ["1", "4", "2026"], "hours_per_month": "2"},
    "admin.new_person": {"name": "Nia New", "email": "nia.new@council.test", "password": "a long temporary passphrase"},
    "admin.set_person_password": {"new_password": "another long passphrase"},
    "auth.change_password": {
        "current_password": DEFAULT_PASSWORD,
        "new_password": "a brand new passphrase",
        "confirm_password": "a brand new passphrase",
    },
    "admin.teams": {"name": "Parking services"},
    "kb.categories": {"name": "Parking"},
    "kb.new": {"title": "Parking at the civic centre", "summary": "Where staff park", "body": "## Permits"},
    "kb.ask": {"body": "Does this cover hire cars?"},
    "kb.answer": {"body": "Yes, it does."},
    "kb.feedback": {"helpful": "yes"},
    "catalogue.new_service": {"name": "Scanning", "summary": "We scan papers", "resolution_days": "3"},
    "catalogue.add_field": {"label": "Cost centre"},
    "catalogue.add_approval_step": {"approver_kind": "role", "role": "admin"},
    "service_requests.decide": {"decision": "reject", "reason": "Over budget"},
    "service_requests.approval_link": {"decision": "approve"},
    "service_requests.add_message": {"body": "On it"},
    "catalogue.form_settings": {"due_from": "submission", "asks_description": "y"},
    "service_requests.canned_replies": {"title": "Done", "body": "Done."},
    "contacts.new": {"name": "Sam Patel", "phone": "0116 496 0999", "preferred": "phone"},
    "contacts.edit": {"name": "Sam Patel", "phone": "0116 496 0999", "preferred": "phone"},
    "assistant.ask": {"question": "How do I book a room?"},
    "assistant.community_question": {"body": "Ask facilities."},
    "assistant.vocabulary_list": {"term": "PO", "meaning": "purchase order"},
    "password_reset.forgotten_password": {"email": "pat.target@council.test"},
    "password_reset.choose_password": {
        "new_password": "a brand new passphrase",
        "confirm_password": "a brand new passphrase",
    },
}
ANSWERS = {
    "text": "Planning Committee",
    "textarea": "Cllr Jones",
    "number": "12",
    "date": ["1", "1", "2030"],
    "email": "clerk@council.test",
}


def request_baseline(path: str) -> dict:
    """What fills in a service's request form acceptably: a subject, a description, each answer."""
    service = catalogue.get_service(path.split("/")[2])
    values = {"subject": "Room for the away day", "description": "Twelve people, all day."}
    for question in service.fields:
        if question.kind in ANSWERS:
            values[question.name] = ANSWERS[question.kind]
        elif question.choices:
            values[question.name] = question.choices[0]
    return values


# What an accepted post may write, besides what every write may bring with it.
EVERY_WRITE = {"audit_events", "notifications", "outgoing_emails", "search_outbox"}
WRITES = {
    "auth.sign_in": {"user_sessions", "login_attempts"},
    "auth.sign_out": {"user_sessions"},
    "auth.sign_out_others": {"user_sessions"},
    # A new password ends the person's password reset links.
    "auth.change_password": {"users", "user_sessions", "password_reset_tokens"},
    "home.notifications": set(),
    "dashboard.set_targets": {"performance_targets", "pack_recipients", "audit_events"},
    "home.notice_settings": {"notice_preferences"},
    "home.unsubscribe": {"notice_preferences"},
    "admin.new_person": {"users", "user_roles"},
    "admin.edit_person": {"users", "user_roles"},
    "admin.set_person_password": {"users", "user_sessions", "password_reset_tokens"},
    "admin.deactivate_person": {"users", "user_sessions"},
    "admin.reactivate_person": {"users"},
    "admin.sign_out_person": {"user_sessions"},
    "admin.teams": {"teams"},
    "admin.edit_team": {"teams"},
    "ideas.new": {"ideas", "idea_votes", "idea_follows", "tags", "idea_tags"},
    "ideas.vote": {"ideas", "idea_votes", "idea_follows"},
    "ideas.follow": {"idea_follows"},
    "ideas.comment": {"idea_comments", "idea_follows", "ideas"},
    "ideas.edit_comment": {"idea_comments", "idea_comment_edits"},
    "ideas.hide_comment": {"idea_comments"},
    "ideas.change_status": {"ideas", "idea_status_changes", "idea_votes", "idea_follows", "idea_comments"},
    "ideas.record_benefit": {"idea_benefits"},
    "kb.feedback": {"article_feedback"},
    "kb.ask": {"article_questions", "article_watches"},
    "kb.watch": {"article_watches"},
    "kb.new": {"articles", "article_revisions", "article_slugs", "tags", "article_tags", "article_watches"},
    "kb.preview": set(),
    "kb.edit": {"articles", "article_revisions", "article_slugs", "tags", "article_tags", "article_watches"},
    "kb.restore": {"articles", "article_revisions", "article_slugs", "tags", "article_tags"},
    "kb.mark_reviewed": {"articles"},
    "kb.add_attachment": {"attachments", "stored_files"},
    "kb.remove_attachment": {"attachments", "stored_files"},
    "kb.answer": {"article_answers", "article_questions"},
    "kb.toggle_answered": {"article_questions"},
    "kb.categories": {"categories"},
    "kb.edit_category": {"categories"},
    "catalogue.new_service": {"services", "service_categories", "service_requesting_teams"},
    "catalogue.edit_service": {"services", "service_categories", "service_requesting_teams"},
    "catalogue.add_field": {"service_fields", "services"},
    "catalogue.edit_field": {"service_fields", "services"},
    "catalogue.move_field": {"service_fields", "services"},
    # Answers already sent keep their text; only their link to the question goes.
    "catalogue.remove_field": {"service_fields", "services", "request_answers"},
    "raising.raise_request": {"request_drafts", "stored_files"},
    "raising.check_answers": {
        "service_requests",
        "request_answers",
        "request_attachments",
        "request_drafts",
        "request_events",
        # The matrix's service asks for approval: the request's own copy of its step and approvers.
        "request_approvals",
        "request_approvers",
    },
    "raising.deflected": {"deflections", "request_drafts", "stored_files"},
    "service_requests.add_message": {"request_events", "request_attachments", "service_requests", "stored_files"},
    "service_requests.assign": {"service_requests", "request_events"},
    "service_requests.assign_to_me": {"service_requests", "request_events"},
    "service_requests.change_status": {"service_requests", "request_events"},
    "service_requests.set_priority": {"service_requests", "request_events"},
    "service_requests.cancel": {"service_requests", "request_events"},
    "service_requests.reopen": {"service_requests", "request_events"},
    "service_requests.rate": {"service_requests", "request_events"},
    "service_requests.bulk_assign": {"service_requests", "request_events"},
    "service_requests.canned_replies": {"canned_replies"},
    "service_requests.edit_canned_reply": {"canned_replies"},
    "service_requests.delete_canned_reply": {"canned_replies"},
    "assistant.ask": {"asked_questions"},
    "assistant.clear": set(),
    "assistant.feedback": {"asked_questions"},
    "assistant.refer": {"asked_questions"},
    "assistant.community_question": {"asked_questions"},
    "assistant.vocabulary_list": {"synonyms"},
    "assistant.edit_synonym": {"synonyms"},
    "assistant.remove_synonym": {"synonyms"},
    "password_reset.forgotten_password": {"password_reset_tokens"},
    "password_reset.choose_password": {"users", "user_sessions", "password_reset_tokens", "login_attempts"},
    "admin.import_people": {"people_imports"},
    # Confirmed with a made-up digest: a fresh preview (409), nothing applied.
    "admin.import_preview": {"people_imports", "users", "user_sessions"},
    "auth.away": {"users"},
    "catalogue.add_approval_step": {"approval_steps"},
    "catalogue.remove_approval_step": {"approval_steps"},
    # The last step approved: the request goes to its team; a later step would ask its approvers.
    "service_requests.decide": {"service_requests", "request_approvals", "request_approvers", "request_events"},
    "service_requests.approval_link": {"service_requests", "request_approvals", "request_approvers", "request_events"},
    "contacts.new": {"contacts"},
    "contacts.edit": {"contacts"},
    "contacts.task_done": {"contact_tasks", "request_events", "service_requests"},
    "catalogue.form_settings": {"services", "service_fields"},
    "service_requests.add_participant": {"request_participants"},
    "service_requests.remove_participant": {"request_participants"},
}
# A refused sign-in is remembered (it counts towards locking the account) though the answer is a 422.
KEPT_WHEN_REFUSED = {"auth.sign_in": {"login_attempts", "audit_events"}}

# Posts of the matrix, and a few more: the request form of a service asking every kind of
# question, and the question builder for kinds with options and number limits.
POST_CASES = {endpoint: path for (method, endpoint), (path, _) in MATRIX.items() if method == "POST"}
CASES = [
    *POST_CASES.items(),
    ("raising.raise_request", "/services/{everything}/request"),
    ("catalogue.add_field", "/services/{service}/form/new?kind=number"),
    ("catalogue.add_field", "/services/{service}/form/new?kind=select"),
]

# Pages (beyond the matrix's) that show a form only with the right address.
EXTRA_PAGES = [
    "/kb/new?template=blank",
    "/services/{everything}/request",
    "/services/{service}/form/new?kind=number",
    "/services/{service}/form/new?kind=select",
    "/services/{service}/request/{draft}",
]

# Pages with no form that posts (their filters are GET forms): not worth reading.
NO_FORMS_TO_POST = (
    "/static/",
    "/dashboard",
    "/search",
    "/healthz",
    "/accessibility",
    "/ideas/benefits",
    "/kb/coverage",
)

_discovered: dict[str, dict[str, dict[str, FormSpec]]] = {}


def discovered_forms(app, role: str, client, targets: dict) -> dict[str, dict[str, FormSpec]]:
    """{endpoint: {path posted to: the fields of its form}} from every page this person can open
    (once per run: the targets are made afresh for each test with the same names and ids)."""
    if role in _discovered:
        return _discovered[role]
    adapter = app.url_map.bind("localhost")
    pages = [
        path for (method, _), (path, _) in MATRIX.items() if method == "GET" and not path.startswith(NO_FORMS_TO_POST)
    ] + EXTRA_PAGES
    forms_by_endpoint: dict[str, dict[str, FormSpec]] = {}
    for template in pages:
        path = template.format(**targets)
        response = client.get(path)
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        for form in forms_of(response.get_data(as_text=True), f"http://localhost{path}").forms:
            if form.method != "post":
                continue
            action = form.action.removeprefix("http://localhost").split("?")[0]
            try:
                endpoint, _ = adapter.match(action, method="POST")
            except Exception:  # noqa: BLE001 - a form to somewhere else is not ours
                continue
            known = forms_by_endpoint.setdefault(endpoint, {}).setdefault(
                action, FormSpec(form.action, "post", form.multipart)
            )
            known.multipart = known.multipart or form.multipart
            for name, spec in form.fields.items():
                if name not in known.fields:
                    known.fields[name] = spec
    _discovered[role] = forms_by_endpoint
    return forms_by_endpoint


def _class_fields(form_class) -> dict[str, FieldSpec]:
    kinds = {"FileField": "file", "MultipleFileField": "file", "BooleanField": "checkbox", "SubmitField": "submit"}
    fields = {}
    for klass in reversed(form_class.__mro__):
        for name, value in vars(klass).items():
            if isinstance(value, UnboundField):
                kind = kinds.get(value.field_class.__name__, "text")
                choices = value.kwargs.get("choices") or []
                options = [str(choice[0]) for choice in choices if isinstance(choice, tuple)]
                fields[name] = FieldSpec(name, kind, options=options or (["y"] if kind == "checkbox" else []))
    return fields


def form_fields(
    endpoint: str, path: str, forms_by_endpoint: dict[str, dict[str, FormSpec]]
) -> tuple[dict[str, FieldSpec], bool]:
    """The form's fields (the page's, with their values, first) and whether it takes files."""
    shown = forms_by_endpoint.get(endpoint, {})
    page = shown.get(path.split("?")[0]) or next(iter(shown.values()), None)
    fields = {name: replace(spec) for name, spec in page.fields.items()} if page else {}  # the cache stays as read
    form_class = FORM_CLASSES.get(endpoint)
    if form_class is not None:
        for name, spec in _class_fields(form_class).items():
            fields.setdefault(name, spec)
    for name in VIEW_FIELDS.get(endpoint, []):
        fields.setdefault(name, FieldSpec(name, "text"))
    fields.pop("csrf_token", None)
    return fields, bool(page and page.multipart) or any(spec.is_file for spec in fields.values())


def test_every_post_route_has_a_form_class_and_a_list_of_what_it_writes():
    """The matrix lists every route (tests/test_policy_matrix.py checks it against the URL map);
    a new post needs its form class (or None) and the tables it writes here too."""
    posts = set(POST_CASES)
    assert not posts - set(FORM_CLASSES), f"add to FORM_CLASSES: {sorted(posts - set(FORM_CLASSES))}"
    assert not posts - set(WRITES), f"add to WRITES: {sorted(posts - set(WRITES))}"
    assert not (set(FORM_CLASSES) | set(WRITES)) - posts, "entries for posts that no longer exist"


def uploads():
    names = st.one_of(
        st.sampled_from(
            [
                "notes.pdf",
                "../../etc/passwd",
                "..\\..\\x.pdf",
                "/etc/shadow.txt",
                "a\x00b.pdf",
                "x" * 400 + ".pdf",
                "café ☕.txt",
                "",
                "setup.exe",
                ".pdf",
            ]
        ),
        text_values(),
    )
    contents = st.sampled_from(
        [
            b"%PDF-1.4 fuzz",
            b"MZ\x90\x00",
            b"<html><script>alert(1)</script>",
            b"",
            b"plain text",
            b"\x00\x01\x02",
            b"PK\x03\x04 not a zip",
        ]
    )
    types = st.sampled_from(["application/pdf", "text/html", "image/png", "application/octet-stream", "", "x/\x00"])
    return st.builds(Upload, names, contents, types)


def _outcome_message(endpoint, path, pairs, response) -> str:
    shown = [
        (name, (value[:80] + "…") if isinstance(value, (str, bytes)) and len(value) > 80 else value)
        for name, value in pairs
    ]
    return f"POST {path} ({endpoint}) with {shown!r}: {response.status_code}"


@pytest.mark.parametrize("endpoint, path_template", CASES, ids=[f"{endpoint} {path}" for endpoint, path in CASES])
def test_hostile_values_never_crash_a_form_nor_half_save_it(app, endpoint, path_template):
    targets = make_fuzz_targets()
    role = actor_role("POST", endpoint)
    client = client_for(app, role, targets)
    forms_by_endpoint = discovered_forms(app, role, client, targets)
    path = path_template.format(**targets)
    fields, takes_files = form_fields(endpoint, path, forms_by_endpoint)
    baseline = request_baseline(path) if endpoint == "raising.raise_request" else BASELINES.get(endpoint, {})
    for name, value in baseline.items():
        if name in fields and not any(fields[name].defaults):
            fields[name].defaults = value if isinstance(value, list) else [value]
    token = client.csrf_token()

    @settings(
        max_examples=FEWER_EXAMPLES.get(endpoint, MORE_EXAMPLES.get(endpoint, EXAMPLES)),
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
            HealthCheck.function_scoped_fixture,
        ],
    )
    @given(data=st.data())
    def post_hostile_values(data):
        draw = data.draw
        pairs = [("csrf_token", token if draw(st.integers(0, 19), label="token") else draw(text_values()))]
        for spec in fields.values():
            if spec.is_file:
                files = draw(st.lists(uploads(), max_size=2), label=spec.name)
                pairs += [(spec.name, upload) for upload in files]
            else:
                pairs += [(spec.name, value) for value in field_values(spec, draw)]
        pairs += [
            (name, draw(text_values(), label=name))
            for name in draw(st.lists(st.sampled_from(EXTRA_NAMES), max_size=2, unique=True), label="extra")
        ]
        encoding = (
            "multipart"
            if takes_files
            else draw(st.sampled_from(["form"] * 8 + ["multipart", "json"]), label="encoding")
        )
        headers = (
            {"HX-Request": "true", "HX-Current-URL": "http://localhost/"} if draw(st.booleans(), label="htmx") else {}
        )
        if encoding == "multipart":
            body, content_type = multipart(pairs)
        elif encoding == "json":
            # A script's post: values of any JSON type, the token in the header as htmx sends it.
            pairs = [
                (name, draw(st.one_of(st.just(value), json_values()), label=f"{name} (JSON)")) for name, value in pairs
            ]
            body, content_type = json_body(pairs), "application/json"
            headers["X-CSRFToken"] = token
        else:
            pairs = [(name, value) for name, value in pairs if not isinstance(value, Upload)]
            body, content_type = urlencoded(pairs), "application/x-www-form-urlencoded"

        before = snapshot(app)
        response = client.open(path, method="POST", data=body, content_type=content_type, headers=headers)
        after = snapshot(app)
        message = _outcome_message(endpoint, path, pairs, response)
        event(f"status {response.status_code}")
        assert response.status_code < 500, message
        changed = changed_tables(before, after)
        if response.status_code >= 400:
            assert changed <= KEPT_WHEN_REFUSED.get(endpoint, set()), f"{message}: refused, yet changed {changed}"
        else:
            unexpected = changed - WRITES.get(endpoint, changed) - EVERY_WRITE
            assert not unexpected, f"{message}: also changed {unexpected}"
            location = response.headers.get("Location") or ""
            if changed and location.startswith("/"):
                follow = client.get(location)
                assert follow.status_code < 500, f"{message}, then GET {location}: {follow.status_code}"

    post_hostile_values()
