"""Every page people reach from the navigation, the error pages, security headers, health check,
and what happens when a form's security token has expired."""

import html
import re

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import LoginAttempt, Team, User
from app.security import public
from tests.conftest import page_text
from tests.factories import DEFAULT_PASSWORD, make_service, make_user, signed_in_client


def markup(response) -> str:
    return response.get_data(as_text=True)


def heading(response) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", markup(response), flags=re.S)
    assert match, "the page has no <h1>"
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", match.group(1))).split())


def assert_in_site_layout(response, *, signed_in=True):
    body = markup(response)
    assert body.lstrip().lower().startswith("<!doctype html>")
    assert 'class="sr-header__brand"' in body
    assert 'id="main-content"' in body
    assert "Accessibility statement" in page_text(response)  # the footer
    assert ('class="govuk-service-navigation__list"' in body) is signed_in


def current_navigation_item(response) -> str | None:
    match = re.search(
        r'class="govuk-service-navigation__link"[^>]*aria-current="page"[^>]*>(.*?)</a>', markup(response), flags=re.S
    )
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split()) if match else None


@pytest.fixture
def browser(app, staff):
    return signed_in_client(app, staff)


# --- Navigation pages --------------------------------------------------------------------

NAVIGATION = ["Home", "Ask Staffroom", "Ideas", "Knowledge", "Services", "My requests", "Dashboard"]


def navigation_links(response) -> dict[str, str]:
    """Label -> link of each item in the header navigation."""
    links = re.findall(
        r'class="govuk-service-navigation__link" href="([^"]+)"[^>]*>(.*?)</a>', markup(response), flags=re.S
    )
    return {" ".join(re.sub(r"<[^>]+>", " ", label).split()): href for href, label in links}


def test_navigation_lists_every_section_in_order(browser):
    assert list(navigation_links(browser.get("/"))) == NAVIGATION


@pytest.mark.parametrize("label", NAVIGATION)
def test_navigation_page_renders_in_the_site_layout(browser, label):
    response = browser.get(navigation_links(browser.get("/"))[label])
    assert response.status_code == 200
    assert_in_site_layout(response)
    assert heading(response)
    assert current_navigation_item(response) == label
    assert "Sam Staff" in page_text(response)  # who is signed in, in the header


def test_raising_a_request_is_in_the_services_section(browser):
    """The request form has its own blueprint (raising), under the service's URL: still "Services"."""
    service = make_service(name="Minute taking")
    response = browser.get(f"/services/{service.slug}/request")
    assert response.status_code == 200
    marked = re.findall(r'aria-current="true"[^>]*>(.*?)</a>', markup(response), flags=re.S)
    assert [" ".join(re.sub(r"<[^>]+>", " ", label).split()) for label in marked] == ["Services"]


def test_home_page_welcomes_the_person_by_first_name(browser):
    assert heading(browser.get("/")) == "Welcome to the staffroom, Sam"


def test_search_page_renders_in_the_site_layout(browser):
    response = browser.get("/search?q=leave+policy")
    assert response.status_code == 200
    assert_in_site_layout(response)
    assert heading(response) == "Search"


def test_search_page_repeats_what_was_searched_for(browser):
    response = browser.get("/search?q=leave+policy")
    assert "0 results for “leave policy”" in page_text(response)
    assert 'value="leave policy"' in markup(response)


def test_public_pages_render_for_people_not_signed_in(client):
    for path, expected in (
        ("/accessibility", "Accessibility statement for Staffroom"),
        ("/cookies", "Cookies"),
        ("/sign-in", "Sign in to Staffroom"),
    ):
        response = client.get(path)
        assert response.status_code == 200
        assert_in_site_layout(response, signed_in=False)
        assert heading(response) == expected


# --- Error pages -------------------------------------------------------------------------


def test_unknown_page_is_a_helpful_404_in_the_site_layout(browser):
    response = browser.get("/no-such-page")
    assert response.status_code == 404
    assert_in_site_layout(response)
    assert heading(response) == "Page not found"
    assert "check it is correct" in page_text(response)
    assert "Go to the Staffroom home page" in page_text(response)


def test_wrong_method_is_a_405_page_that_says_which_methods_work(browser):
    response = browser.get("/sign-out")
    assert response.status_code == 405
    assert_in_site_layout(response)
    assert heading(response) == "Sorry, that did not work"
    assert "POST" in response.headers["Allow"]


def test_body_over_the_size_limit_is_a_413_page(make_app):
    app = make_app(MAX_CONTENT_LENGTH=2048)
    with app.app_context():
        browser = signed_in_client(app, make_user(name="Sam Staff"))
        response = browser.post("/account/password", data={"current_password": "x" * 5000})
    assert response.status_code == 413
    assert_in_site_layout(response)
    assert heading(response) == "That was too large to send"
    assert "Make it smaller and try again" in page_text(response)


def test_post_without_a_security_token_is_a_400_page_and_changes_nothing(browser):
    response = browser.post("/sign-out", data={}, csrf=False)
    assert response.status_code == 400
    assert_in_site_layout(response)
    assert heading(response) == "Sorry, there is a problem with that request"
    assert "Go back and try again" in page_text(response)
    assert browser.get("/").status_code == 200  # still signed in


def test_unexpected_error_shows_the_error_page_and_keeps_nothing_of_the_request(make_app):
    app = make_app(TESTING=False)  # a fresh app, as in production, to add a failing route to

    @app.route("/explode")
    @public
    def explode():
        db.session.add(Team(name="Half-made team"))
        db.session.flush()
        raise RuntimeError("something broke half way")

    response = app.test_client().get("/explode")
    assert response.status_code == 500
    assert_in_site_layout(response, signed_in=False)
    assert heading(response) == "Sorry, there is a problem with Staffroom"
    assert "something broke" not in page_text(response)  # no internals shown
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Team)) == 0


def test_error_pages_for_htmx_requests_are_just_the_message(browser):
    response = browser.hx("get", "/no-such-page")
    assert response.status_code == 404
    assert "<html" not in markup(response)
    assert heading(response) == "Page not found"


# --- Security headers and health ---------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/no-such-page", "/static/js/staffroom.js"])
def test_security_headers_are_on_every_response(browser, path):
    headers = browser.get(path).headers
    policy = headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in policy
    assert "'unsafe-eval'" not in policy
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"


def test_scripts_run_only_with_this_responses_nonce(browser):
    first, second = browser.get("/"), browser.get("/")
    nonce = re.search(r"'nonce-([^']+)'", first.headers["Content-Security-Policy"]).group(1)
    assert nonce != re.search(r"'nonce-([^']+)'", second.headers["Content-Security-Policy"]).group(1)
    for script in re.findall(r"<script\b[^>]*>", markup(first)):
        if "src=" not in script:
            assert f'nonce="{nonce}"' in script


def test_pages_are_not_cached_and_vary_on_htmx(browser):
    response = browser.get("/")
    assert response.headers["Cache-Control"] == "no-store"
    assert "HX-Request" in response.headers["Vary"]


def test_health_check_answers_ok_without_signing_in(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


# --- Expired or invalid form tokens ------------------------------------------------------

TIMED_OUT = "Your session timed out before you sent this form, so nothing was saved."


def test_sign_in_with_an_invalid_token_comes_back_with_what_was_typed(client, staff):
    response = client.post(
        "/sign-in",
        csrf=False,
        data={"csrf_token": "not-a-real-token", "email": staff.email, "password": DEFAULT_PASSWORD, "remember": "y"},
    )
    assert response.status_code == 422
    assert_in_site_layout(response, signed_in=False)
    assert TIMED_OUT in page_text(response)
    assert f'value="{staff.email}"' in markup(response)
    assert DEFAULT_PASSWORD not in markup(response)
    assert client.get("/").status_code == 303  # not signed in
    assert db.session.scalar(select(func.count()).select_from(LoginAttempt)) == 0

    # The page carries a fresh token: sending it again works.
    fresh = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', markup(response)).group(1)
    again = client.post(
        "/sign-in", csrf=False, data={"csrf_token": fresh, "email": staff.email, "password": DEFAULT_PASSWORD}
    )
    assert again.status_code == 303


def test_sign_in_after_the_session_cookie_has_gone_comes_back_with_the_message(app, client, staff):
    token = client.csrf_token()
    other_browser = app.test_client()  # no session cookie at all: the token matches nothing
    response = other_browser.post(
        "/sign-in", csrf=False, data={"csrf_token": token, "email": staff.email, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 422
    assert TIMED_OUT in page_text(response)
    assert f'value="{staff.email}"' in markup(response)


def test_admin_new_person_with_an_invalid_token_keeps_what_was_typed_and_saves_nothing(app, admin_client):
    response = admin_client.post(
        "/admin/people/new",
        csrf=False,
        data={
            "csrf_token": "expired",
            "name": "Grace Hopper",
            "email": "grace@council.test",
            "team_id": "0",
            "roles": ["editor"],
            "password": "a fine temporary password",
        },
    )
    assert response.status_code == 422
    assert TIMED_OUT in page_text(response)
    assert 'value="Grace Hopper"' in markup(response)
    assert 'value="grace@council.test"' in markup(response)
    assert re.search(r'<input[^>]*name="roles"[^>]*value="editor"[^>]*checked', markup(response))
    assert db.session.scalar(select(User).where(User.email == "grace@council.test")) is None


def test_signed_out_person_posting_an_admin_form_is_sent_to_sign_in(app, admin):
    """Their session cookie went (browser closed); the tab with the form stayed open."""
    browser = signed_in_client(app, admin)
    token = browser.csrf_token()
    browser.delete_cookie("staffroom")
    response = browser.post(
        "/admin/people/new",
        csrf=False,
        data={"csrf_token": token, "name": "Grace Hopper", "email": "grace@council.test", "password": "x" * 12},
    )
    assert response.status_code == 303
    assert response.headers["Location"].startswith("/sign-in")
    assert db.session.scalar(select(User).where(User.email == "grace@council.test")) is None
