"""Your account: changing your own password, seeing where you are signed in, signing out elsewhere."""

import pytest
from sqlalchemy import func, select

from app.auth import passwords
from app.extensions import db
from app.models import AuditEvent, UserSession
from tests.conftest import page_text
from tests.factories import DEFAULT_PASSWORD, signed_in_client

NEW_PASSWORD = "a new and longer passphrase"


def change(client, current=DEFAULT_PASSWORD, new=NEW_PASSWORD, confirm=None):
    return client.post(
        "/account/password",
        data={
            "current_password": current,
            "new_password": new,
            "confirm_password": new if confirm is None else confirm,
        },
    )


def sessions_of(person) -> int:
    return db.session.scalar(select(func.count()).select_from(UserSession).where(UserSession.user_id == person.id))


@pytest.fixture
def laptop(app, staff):
    return signed_in_client(app, staff, user_agent="Firefox on the office laptop")


@pytest.fixture
def phone(app, staff):
    return signed_in_client(app, staff, user_agent="Safari on my phone")


# --- Changing your password --------------------------------------------------------------


@pytest.mark.parametrize(
    "current, new, confirm, field, message",
    [
        ("not my password at all", NEW_PASSWORD, None, "current_password", "Your current password is not correct"),
        (DEFAULT_PASSWORD, "too short", None, "new_password", "Password must be 12 characters or more"),
        (DEFAULT_PASSWORD, NEW_PASSWORD, "a different passphrase", "confirm_password", "The passwords do not match"),
        (
            DEFAULT_PASSWORD,
            DEFAULT_PASSWORD,
            None,
            "new_password",
            "New password must be different from your current password",
        ),
    ],
    ids=["wrong current password", "too short", "confirmation differs", "same as current"],
)
def test_refused_password_change_says_why_and_keeps_the_old_password(
    app, staff, laptop, phone, current, new, confirm, field, message
):
    response = change(laptop, current, new, confirm)
    assert response.status_code == 422
    assert "There is a problem" in page_text(response)
    assert message in page_text(response)
    assert f'href="#{field}"' in response.get_data(as_text=True)
    # Passwords are never sent back to the browser.
    assert NEW_PASSWORD not in response.get_data(as_text=True)

    db.session.refresh(staff)
    assert passwords.verify_password(staff.password_hash, DEFAULT_PASSWORD)
    assert phone.get("/").status_code == 200
    assert (
        db.session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action.like("password%"))) == 0
    )


def test_changing_password_keeps_this_device_and_signs_out_the_others(app, staff, laptop, phone):
    response = change(laptop)
    assert response.status_code == 303
    assert response.headers["Location"] == "/account"
    assert "Your password has been changed. Other devices have been signed out." in page_text(laptop.get("/account"))

    assert laptop.get("/").status_code == 200
    gone = phone.get("/")
    assert gone.status_code == 303
    assert gone.headers["Location"].startswith("/sign-in")
    assert sessions_of(staff) == 1

    refused = app.test_client().post("/sign-in", data={"email": staff.email, "password": DEFAULT_PASSWORD})
    assert refused.status_code == 422
    signed_in_client(app, staff, password=NEW_PASSWORD)
    assert list(db.session.scalars(select(AuditEvent.action)).all()).count("password_changed") == 1


def test_change_password_page_explains_the_rule(laptop):
    text = page_text(laptop.get("/account/password"))
    assert "Your password must be at least 12 characters" in text
    assert "Any characters are allowed, including spaces" in text


# --- Signed-in devices -------------------------------------------------------------------


def test_account_page_lists_each_signed_in_device_and_marks_this_one(staff, laptop, phone):
    response = laptop.get("/account")
    text = page_text(response)
    assert "Where you are signed in" in text
    assert "Firefox on the office laptop" in text
    assert "Safari on my phone" in text
    assert text.count("This device") == 1
    assert staff.email in text


def test_account_page_offers_signing_out_elsewhere_only_when_there_is_somewhere_else(app, staff):
    only = signed_in_client(app, staff)
    assert "Sign out of all other devices" not in page_text(only.get("/account"))
    signed_in_client(app, staff)
    assert "Sign out of all other devices" in page_text(only.get("/account"))


def test_sign_out_of_all_other_devices_keeps_only_this_one(app, staff, laptop, phone):
    tablet = signed_in_client(app, staff, user_agent="Tablet")
    response = laptop.post("/account/sign-out-others")
    assert response.status_code == 303
    assert response.headers["Location"] == "/account"

    text = page_text(laptop.get("/account"))
    assert "Signed out of 2 other devices" in text
    assert "Safari on my phone" not in text and "Tablet" not in text
    assert "Firefox on the office laptop" in text
    assert phone.get("/").status_code == 303
    assert tablet.get("/").status_code == 303
    assert laptop.get("/").status_code == 200
    assert sessions_of(staff) == 1


def test_signing_out_other_devices_leaves_other_peoples_sessions_alone(app, staff, admin, laptop, phone):
    admins_browser = signed_in_client(app, admin)
    laptop.post("/account/sign-out-others")
    assert "Signed out of 1 other device" in page_text(laptop.get("/account"))
    assert admins_browser.get("/").status_code == 200
