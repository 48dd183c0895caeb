"""Objects that belong to a person, asked for by someone else (IDOR): what the policy matrix,
tests/service_requests (every request URL, for three kinds of stranger), tests/catalogue (drafts,
request files), tests/kb (draft articles and their files) and tests/ideas (others' comments,
anonymous authors) do not already cover: the same URLs asked by htmx, whose answers are
fragments, and the per-person pages that take no object in their URL (notifications, devices).
"""

import io
import time
from unittest import mock

import pytest
from itsdangerous import TimestampSigner
from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from app import files, notify
from app import search as search_index
from app.extensions import db
from app.kb import services
from app.models import ContactTask, Notification, RequestApproval, RequestAttachment, ServiceRequest, User
from app.service_requests import approvals, participants, raising, workflow
from tests.conftest import page_text
from tests.factories import make_article, make_team, make_user, signed_in_client
from tests.service_requests.helpers import act
from tests.test_policy_matrix import MATRIX, NOT_FOUND, make_targets

# The matrix's routes to someone else's objects that a signed-in member of staff may not use.
OTHERS_OBJECTS = sorted(
    (method, endpoint)
    for (method, endpoint), (path, expected) in MATRIX.items()
    if "{" in path and expected["staff"] == NOT_FOUND
)
# Words that would give each of the target person's objects away.
GIVEAWAYS = (
    "Room for the away day",
    "Another room",
    "Twelve people",
    "Four people",
    "Civic Centre",
    "Town Hall",
    "Yes please",
    "Your room is booked",
    "brief.pdf",
    "Pat Target",
    "Room for the board",
    "Twenty people",
    "Ada Resident",
    "1 High Street",
)


def test_there_are_objects_of_others_to_check():
    endpoints = {endpoint for _, endpoint in OTHERS_OBJECTS}
    assert {
        "service_requests.show",
        "service_requests.download",
        "raising.check_answers",
        "service_requests.rate_by_link",
        "ideas.edit_comment",
        "service_requests.edit_canned_reply",
        "contacts.show",
        "contacts.letter",
        "contacts.task_done",
    } <= endpoints


def test_htmx_requests_for_someone_elses_objects_are_not_found_either(app):
    targets = make_targets()
    stranger = signed_in_client(app, make_user(name="Nosy Parker"))
    for method, endpoint in OTHERS_OBJECTS:
        path = MATRIX[(method, endpoint)][0].format(**targets)
        response = stranger.hx(method, path, data={} if method == "POST" else None)
        body = response.get_data(as_text=True)
        assert response.status_code == 404, f"{method} {path}"
        assert "<html" not in body and "Page not found" in page_text(response), f"{method} {path}"
        assert targets["request"] not in body and targets["draft"] not in body, f"{method} {path}"
        assert not [word for word in GIVEAWAYS if word in body], f"{method} {path}"


def test_htmx_requests_for_a_draft_article_and_its_file_are_not_found_for_staff(app):
    draft = make_article(title="Secret restructure", body="Teams to merge in May.", status="draft")
    with app.test_request_context():
        attachment = services.add_attachment(
            draft, FileStorage(io.BytesIO(b"%PDF-1.4 plans"), filename="plans.pdf"), uploader=draft.owner
        )
    db.session.commit()

    search_index.apply_pending()
    # It is there to be found: editors find it.
    editor = signed_in_client(app, make_user(roles=["editor"]))
    assert "Secret restructure" in page_text(editor.hx("get", "/search?q=restructure"))
    stranger = signed_in_client(app, make_user(name="Nosy Parker"))
    for path in (
        f"/kb/{draft.slug}",
        f"/kb/{draft.slug}/history",
        f"/kb/attachments/{attachment.id}/plans.pdf",
        "/search/suggest?q=restructure",
        "/search?q=restructure",
    ):
        response = stranger.hx("get", path)
        body = page_text(response)
        assert response.status_code in ((200,) if path.startswith("/search") else (404,)), path
        assert "Secret" not in body and "Teams to merge" not in body and "%PDF" not in body, path


@pytest.fixture
def two_people(app):
    return make_user(name="Rita Requester"), make_user(name="Nosy Parker")


def test_nobody_sees_or_clears_someone_elses_notifications(app, two_people):
    rita, nosy = two_people
    notify.notify([rita.id], "Your request BS-000042 is now resolved", "/requests/BS-000042")
    notify.notify([nosy.id], "Your idea has a new comment", "/ideas/1")
    db.session.commit()

    browser = signed_in_client(app, nosy)
    text = page_text(browser.get("/notifications"))
    assert "Your idea has a new comment" in text and "BS-000042" not in text
    assert browser.post("/notifications").status_code == 303  # mark all (of mine) as read
    assert notify.unread_count(rita.id) == 1 and notify.unread_count(nosy.id) == 0
    assert "BS-000042" not in browser.hx("get", "/notifications").get_data(as_text=True)
    assert db.session.query(Notification).filter_by(user_id=rita.id).one().read_at is None


def test_the_account_page_lists_only_my_own_devices(app, two_people):
    rita, nosy = two_people
    signed_in_client(app, rita, user_agent="Rita's work laptop")
    browser = signed_in_client(app, nosy, user_agent="Nosy's phone")
    text = page_text(browser.get("/account"))
    assert "Nosy's phone" in text and "Rita's work laptop" not in text and rita.email not in text


# --- Approvals -----------------------------------------------------------------------------------


def test_someone_elses_approval_link_and_step_are_not_found(app):
    targets = make_targets()
    stranger = signed_in_client(app, make_user(roles=["manager"], name="Sam Stranger"))
    for response in (
        stranger.get("/requests/approve/{approval_token}".format(**targets)),
        stranger.post("/requests/approve/{approval_token}".format(**targets), data={"decision": "approve"}),
        stranger.post(
            "/requests/{approval_request}/approvals/{approval}".format(**targets), data={"decision": "approve"}
        ),
        stranger.get("/requests/{approval_request}".format(**targets)),
    ):
        assert response.status_code == 404
        assert not any(word in page_text(response) for word in GIVEAWAYS)
    # The approver's own step, asked for under another request's reference, is not found either.
    approver = signed_in_client(app, db.session.get(User, targets["approver"]))
    wrong = approver.post("/requests/{request}/approvals/{approval}".format(**targets), data={"decision": "approve"})
    assert wrong.status_code == 404
    assert db.session.get(RequestApproval, targets["approval"]).state == "pending"


def test_a_tampered_or_expired_approval_link_gives_a_clear_page(app):
    targets = make_targets()
    approver = signed_in_client(app, db.session.get(User, targets["approver"]))
    token = targets["approval_token"]
    tampered = approver.get(f"/requests/approve/{token[:-3]}xyz")
    assert tampered.status_code == 404
    assert "This approval link does not work" in page_text(tampered)
    fifteen_days_ago = int(time.time()) - 15 * 24 * 3600
    with mock.patch.object(TimestampSigner, "get_timestamp", return_value=fifteen_days_ago):
        old_token = approvals.link_token(db.session.get(RequestApproval, targets["approval"]), targets["approver"])
    expired = approver.get(f"/requests/approve/{old_token}")
    assert expired.status_code == 404
    assert "This approval link has expired" in page_text(expired)
    assert "Links in approval emails work for 14 days." in page_text(expired)
    assert db.session.get(RequestApproval, targets["approval"]).state == "pending"


def test_another_teams_agents_and_managers_find_none_of_a_contacts_pages(app):
    """A contact (someone without an account) is their recording team's, and the working team's:
    an agent or manager of another team gets 404 for each page, by page or htmx, and the picker
    never offers them; the recording team's agent gets each one."""
    targets = make_targets()
    owner = db.session.scalar(select(User).where(User.name == "Fay Facilities"))
    elections = make_team("Elections")
    strangers = [make_user(roles=[role], team=elections) for role in ("agent", "manager")]
    paths = [
        ("GET", "/requests/contacts/{contact}"),
        ("GET", "/requests/contacts/{contact}/edit"),
        ("POST", "/requests/contacts/{contact}/edit"),
        ("GET", "/requests/{contact_request}/letters/{contact_task}"),
        ("POST", "/requests/{contact_request}/contact-tasks/{contact_task}/done"),
        ("GET", "/requests/{contact_request}"),
    ]
    for stranger in strangers:
        client = signed_in_client(app, stranger)
        for method, path in paths:
            url = path.format(**targets)
            for response in (
                client.open(url, method=method, data={"csrf_token": client.csrf_token()}),
                client.hx(method, url),
            ):
                assert response.status_code == 404, f"{method} {url}"
                assert "Ada Resident" not in page_text(response)
        picker = client.hx("GET", f"/services/{targets['service']}/people?person_query=ada")
        assert "Ada Resident" not in page_text(picker)
    owner_client = signed_in_client(app, owner)
    for method, path in paths:
        if method == "GET":
            assert owner_client.get(path.format(**targets)).status_code == 200, path
    assert db.session.scalar(select(ContactTask).where(ContactTask.id == targets["contact_task"])).done_at is None


# --- Participants -------------------------------------------------------------------------------


@pytest.fixture
def copied_in(app):
    """The matrix's request with a colleague copied in and an internal note with a file."""
    targets = make_targets()
    colleague = make_user(name="Carla Colleague")
    request_ = db.session.scalar(select(ServiceRequest).order_by(ServiceRequest.id))  # the first: the away day
    owner = db.session.get(User, targets["person"])
    admin = make_user(name="Ada Admin", roles=["admin"])
    act(participants.add, request_, owner, colleague.id)
    note_pdf = files.check_upload(FileStorage(io.BytesIO(b"%PDF-1.4 note"), filename="note.pdf"))
    note = act(workflow.add_message, request_, admin, "Checked their budget code", internal=True, uploads=[note_pdf])
    note_file = db.session.scalar(select(RequestAttachment).where(RequestAttachment.event_id == note.id))
    return targets, request_, colleague, note_file


def test_a_participant_never_sees_internal_notes_nor_their_files(app, copied_in):
    _, request_, colleague, note_file = copied_in
    participant = signed_in_client(app, colleague)

    page = participant.get(f"/requests/{request_.reference}")
    fragment = participant.hx("GET", f"/requests/{request_.reference}")

    assert page.status_code == 200 and "Room for the away day" in page_text(page)
    for response in (page, fragment):
        assert "Checked their budget code" not in page_text(response) and "note.pdf" not in page_text(response)
    assert participant.get(f"/requests/{request_.reference}/attachments/{note_file.id}/note.pdf").status_code == 404


def test_being_copied_into_one_request_opens_no_other_of_the_same_person(app, copied_in):
    targets, _, colleague, _ = copied_in
    participant = signed_in_client(app, colleague)
    owner = db.session.get(User, targets["person"])
    with app.test_request_context():
        second = raising.submit_draft(raising.get_draft(targets["draft"], owner), owner)
        db.session.commit()

    assert participant.get(f"/requests/{second.reference}").status_code == 404
    assert participant.get(f"/requests/{second.reference}/participants?q=carla").status_code == 404
    added = participant.post(f"/requests/{second.reference}/participants", data={"person": str(colleague.id)})
    assert added.status_code == 404
    assert db.session.get(ServiceRequest, second.id).participants == []


def test_a_stranger_cannot_copy_themselves_in_nor_take_a_participant_out(app, copied_in):
    _, request_, colleague, _ = copied_in
    stranger = make_user(name="Nosy Parker")
    client = signed_in_client(app, stranger)

    added = client.post(f"/requests/{request_.reference}/participants", data={"person": str(stranger.id)})
    assert added.status_code == 404
    assert client.post(f"/requests/{request_.reference}/participants/{colleague.id}/remove").status_code == 404
    assert client.post(f"/requests/{request_.reference}/participants/{stranger.id}/remove").status_code == 404
    db.session.expire_all()
    assert [each.user_id for each in db.session.get(ServiceRequest, request_.id).participants] == [colleague.id]
