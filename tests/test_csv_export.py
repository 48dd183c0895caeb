"""csv_export.download: the one way the app writes a CSV file, formula-safe, with its audit record."""

import csv
import io

from flask_login import login_user
from sqlalchemy import select

from app.csv_export import download
from app.extensions import db
from app.models import AuditEvent
from tests.factories import make_user


def test_a_download_is_a_formula_safe_csv_file_noted_in_the_audit_log(app):
    person = make_user(name="Sam Staff")
    with app.test_request_context(environ_base={"REMOTE_ADDR": "192.0.2.7"}):
        login_user(person)
        response = download(
            "figures.csv",
            ["Name", "=Total"],
            [
                ('=HYPERLINK("x")', 3),
                ("+44", None),
                ("@SUM(A1)", "-1"),
                ("\tTab", "Plain"),
                ("-12.5", -50),  # negative numbers are numbers, kept as they are
                ("-2+3+cmd|' /C calc'!A0", "-1e3"),  # anything else beginning with a minus is not
            ],
            audit_details={"rows": 4, "period": "4w"},
        )
        db.session.commit()
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == 'attachment; filename="figures.csv"'
    assert list(csv.reader(io.StringIO(response.get_data(as_text=True)))) == [
        ["Name", "'=Total"],
        ['\'=HYPERLINK("x")', "3"],
        ["'+44", ""],
        ["'@SUM(A1)", "-1"],
        ["'\tTab", "Plain"],
        ["-12.5", "-50"],
        ["'-2+3+cmd|' /C calc'!A0", "'-1e3"],
    ]
    [event] = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "csv_exported"))
    assert (event.actor_id, event.details, event.ip) == (
        person.id,
        {"file": "figures.csv", "rows": 4, "period": "4w"},
        "192.0.2.7",
    )


def test_a_download_with_no_details_notes_the_file_alone(app):
    person = make_user()
    with app.test_request_context():
        login_user(person)
        response = download("register.csv", ("Idea",), [])
        db.session.commit()
    assert response.get_data(as_text=True) == "Idea\r\n"
    [event] = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "csv_exported"))
    assert event.details == {"file": "register.csv"}
