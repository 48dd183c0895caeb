"""Browser tests: the app served on 127.0.0.1 in a thread, driven by Playwright in Debian's
chromium, with axe-core (from node_modules) checking accessibility."""

import json
import os
import re
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from app import demo
from app import search as search_index
from app.extensions import db
from tests.pages import DEMO_PASSWORD, demo_targets

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE_SOURCE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def _chromium_missing_reason() -> str | None:
    if not (Path(CHROMIUM).exists() or shutil.which("chromium")):
        return f"chromium not found at {CHROMIUM} (install Debian's chromium: apt-get install -y chromium)"
    if not AXE_SOURCE.exists():
        return "axe-core is not installed (run `make setup`)"
    return None


@pytest.fixture(scope="session")
def browser():
    reason = _chromium_missing_reason()
    if reason:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"browser tests must run in CI: {reason}")
        pytest.skip(reason)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@contextmanager
def serving(app):
    """`app` on a free port of 127.0.0.1 for the block: an object with .app and .url."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield type("LiveServer", (), {"app": app, "url": f"http://127.0.0.1:{server.server_port}"})
    finally:
        server.shutdown()
        thread.join(timeout=5)


@pytest.fixture
def live_server(make_app):
    """The app on a free port of 127.0.0.1, sharing the test's database."""
    with serving(make_app()) as server:
        yield server


def _new_page(browser, live_server, *, javascript: bool):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=javascript)
    context.set_default_timeout(10_000)
    # Injected before any page script, through DevTools, so our strict CSP does not block it.
    context.add_init_script(path=str(AXE_SOURCE))
    page = context.new_page()
    page.console_errors = []
    # A form sent back with its errors answers 422 by design; the browser logs that as an error.
    # Each error names its source (a resource that failed to load names its address).
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and "status of 422" not in message.text
            and page.console_errors.append(f"{message.text} ({message.location.get('url', '')})")
        ),
    )
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    return context, page


@pytest.fixture
def page(browser, live_server):
    context, page = _new_page(browser, live_server, javascript=True)
    yield page
    context.close()


@pytest.fixture
def page_without_js(browser, live_server):
    context, page = _new_page(browser, live_server, javascript=False)
    yield page
    context.close()


def axe_violations(page) -> list[str]:
    """WCAG 2.2 A/AA violations axe-core finds on the page as it is now, one line each."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        # With JavaScript off, init scripts do not run: nothing more to check than markup,
        # which the JavaScript-on runs of the same pages check.
        return []
    # Only the violations in full: working out every passing node too takes twice as long.
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", WCAG_TAGS
    )
    found = []
    for violation in result["violations"]:
        nodes = [node for node in violation["nodes"] if not _govuk_conditional_reveal(violation["id"], node)]
        if nodes:
            found.append(
                f"{violation['id']}: {violation['help']} at " + json.dumps([node["target"] for node in nodes][:5])
            )
    return found


def _govuk_conditional_reveal(rule: str, node: dict) -> bool:
    """GOV.UK Frontend's conditional reveal puts aria-expanded on the radio or checkbox that shows a
    question: invalid for those roles by the ARIA spec, kept by GOV.UK on purpose because screen
    readers announce it (a known issue: alphagov/govuk-frontend#979). That one finding is allowed;
    any other attribute, or aria-expanded anywhere else, is still a violation."""
    html = node.get("html", "")
    if rule != "aria-allowed-attr" or not re.search(r'class="govuk-(radios|checkboxes)__input"', html):
        return False
    refused = re.findall(r"ARIA attributes? (?:is|are) not allowed: (.*)", node.get("failureSummary", ""))
    attributes = [attribute.strip() for line in refused for attribute in line.split(",")]
    return bool(attributes) and "aria-controls=" in html and all(a.startswith("aria-expanded=") for a in attributes)


# htmx marks what it is fetching, swapping and settling with these classes until it is done.
HTMX_BUSY = ".htmx-request, .htmx-swapping, .htmx-settling, .htmx-added"


def axe_violations_after_swap(page) -> list[str]:
    """axe_violations once htmx has finished swapping and settling (focus moved, GOV.UK Frontend
    started in the new content): call it after an htmx interaction, once its result is seen."""
    page.wait_for_function(f"() => !document.querySelector({json.dumps(HTMX_BUSY)})")
    return axe_violations(page)


def tab_to(page, target, *, limit: int = 80) -> None:
    """Press Tab until `target` (a locator) has the focus, as a keyboard user would; fails if it
    is not reached within `limit` presses (not focusable, or hidden from the tab order)."""
    for _ in range(limit):
        if target.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{target} not reached with {limit} presses of Tab")


def sign_in(page, email: str, password: str) -> None:
    page.goto("/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


@pytest.fixture
def demo_content(live_server):
    """The demo data, and a search index built from it."""
    with live_server.app.test_request_context():
        demo.seed(progress=lambda line: None, request_history=False)
        db.session.commit()
        search_index.reindex(progress=lambda line: None)


@pytest.fixture
def targets(live_server):
    """The demo data (with its request history) and what the pages' paths point at (tests/pages.py)."""
    with live_server.app.app_context():
        return demo_targets()


def sign_in_to_demo(page, email: str) -> None:
    """Signed in as a demo account, on the page the sign-in leads to."""
    page.goto("/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/sign-in" not in url)
