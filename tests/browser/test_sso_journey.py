"""Journey: single sign-on in a real browser, through the real provider's own login page
(tests/auth/oidc_provider), landing on Staffroom's home page; then signing out of both."""

from playwright.sync_api import expect
from sqlalchemy import select

from app.extensions import db
from app.models import User
from tests.auth.oidc_provider import CLIENT_SECRET
from tests.browser.conftest import _new_page, axe_violations, serving

BROWSER_CLIENT_ID = "staffroom-in-a-browser"


def _from_the_provider(console_error: str, oidc_provider) -> bool:
    """A resource of the provider's own pages failed to load (conftest names each error's address)."""
    return f"({oidc_provider.issuer}/" in console_error or "(https://fonts.googleapis.com/" in console_error


def test_signing_in_with_the_provider_lands_on_the_home_page(browser, make_app, oidc_provider):
    app = make_app(
        **oidc_provider.settings(OIDC_CLIENT_ID=BROWSER_CLIENT_ID, OIDC_CLIENT_SECRET=CLIENT_SECRET),
    )
    with serving(app) as live_server:
        # The provider sends people back to the address Staffroom is served at (BASE_URL).
        app.config["BASE_URL"] = live_server.url
        oidc_provider.add_client(live_server.url + "/sign-in/oidc/callback", client_id=BROWSER_CLIENT_ID)
        oidc_provider.add_account("alex", email="alex.smith@council.example", email_verified=True, name="Alex Smith")
        context, page = _new_page(browser, live_server, javascript=True)
        try:
            page.goto("/sign-in")
            assert axe_violations(page) == []
            page.get_by_role("button", name="Sign in with Microsoft").click()

            # The provider's own login page.
            page.wait_for_url(oidc_provider.issuer + "/**")
            page.locator("input[name=login]").fill("alex")
            page.locator("input[name=password]").fill("any password")
            page.locator("button[type=submit]").click()

            page.wait_for_url(live_server.url + "/")
            expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome to the staffroom")
            expect(page.get_by_text("Signed in as Alex Smith")).to_be_visible()
            # The provider's development login page asks for fonts from the internet and for its own
            # favicon, which it does not have; under load the browser reports those late, after
            # Staffroom's page has loaded. They are not Staffroom's errors.
            assert [error for error in page.console_errors if not _from_the_provider(error, oidc_provider)] == []

            page.get_by_role("button", name="Sign out").click()
            page.wait_for_url(live_server.url + "/sign-in")
            page.get_by_role("link", name="Sign out of Microsoft too").click()
            page.wait_for_url(oidc_provider.issuer + "/**")
        finally:
            context.close()
    with app.app_context():
        assert db.session.scalar(select(User.sso_subject).where(User.email == "alex.smith@council.example")) == "alex"
