"""Request drafts nobody sent are cleared away with their uploads; sent ones keep their files."""

import io
from datetime import timedelta

from sqlalchemy import func, select

from app import clock
from app.extensions import db
from app.models import RequestDraft, ServiceRequest
from tests.factories import make_service, make_user, signed_in_client, stored_files

PDF = b"%PDF-1.4 minutes template"


def _draft_with_file(app, client, service) -> str:
    field = service.fields[0]
    response = client.post(
        f"/services/{service.slug}/request",
        content_type="multipart/form-data",
        data={
            "subject": "Scan the committee papers",
            "description": "Papers for Thursday",
            field.name: (io.BytesIO(PDF), "papers.pdf"),
        },
    )
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    return response.headers["Location"].rsplit("/", 1)[-1]


def test_housekeeping_removes_week_old_unsent_drafts_and_their_uploads_but_keeps_sent_requests(make_app):
    app = make_app()
    with app.app_context():
        service = make_service(name="Scanning and post", fields=[{"kind": "file", "label": "Papers"}])
        client = signed_in_client(app, make_user())
        _draft_with_file(app, client, service)  # never sent
        sent = _draft_with_file(app, client, service)
        assert client.post(f"/services/{service.slug}/request/{sent}").status_code == 303
        assert len(stored_files()) == 2

        with clock.fixed(clock.now() + timedelta(days=8)):
            result = app.test_cli_runner().invoke(args=["housekeeping"])

        assert "2 week-old request drafts," in result.output  # the sent one's draft goes too
        assert db.session.scalar(select(func.count()).select_from(RequestDraft)) == 0
        assert db.session.scalar(select(func.count()).select_from(ServiceRequest)) == 1
        request = db.session.scalar(select(ServiceRequest))
        assert list(stored_files()) == [request.attachments[0].stored_name]  # the sent request's file


def test_housekeeping_keeps_drafts_from_this_week(app):
    service = make_service(name="Scanning and post", fields=[{"kind": "file", "label": "Papers"}])
    client = signed_in_client(app, make_user())
    _draft_with_file(app, client, service)
    with clock.fixed(clock.now() + timedelta(days=6)):
        result = app.test_cli_runner().invoke(args=["housekeeping"])
    assert "0 week-old request drafts," in result.output
    assert db.session.scalar(select(func.count()).select_from(RequestDraft)) == 1
