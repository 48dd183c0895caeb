"""Every kind of page, as each kind of person who can see it, is valid HTML: the pages are
rendered by the test client from the demo data and read by the Nu HTML Checker (vnu.jar, from
npm, on Java) in one run, since starting Java takes seconds.

The pages are the GET routes of the policy matrix (itself checked against `app.url_map`, so a
new route is checked here too), forms sent back empty with their errors (422), the error page,
and htmx fragments, each wrapped in a minimal document of its own."""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.pages import ACCOUNTS, DEMO_PASSWORD, FRAGMENTS, NOT_PAGES, demo_targets, fill, pages
from tests.test_policy_matrix import FORM_REFUSED, MATRIX

VNU = Path(__file__).resolve().parents[1] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# htmx's own attributes (hx-get, hx-target ...) are not HTML's, and the checker says so for each
# one; everything else it says is an error to fix.
HTMX_ATTRIBUTE = re.compile(r"^Attribute “hx-[a-z-]+” not allowed")
# A fragment refers to things of the page it is swapped into (a form="" outside the swapped row).
OUTSIDE_THE_FRAGMENT = re.compile(r"must refer to|must point to an element in the same document")
# Fragments htmx swaps in after a post: (label, role, path, form data).
HTMX_POSTS = [
    (
        "kb.preview",
        "editor",
        "/kb/preview",
        {"body": "Intro\n\n## Steps\n\n1. One\n2. Two\n\n| a | b |\n|---|---|\n| 1 | 2 |"},
    ),
    ("kb.feedback (error)", "staff", "/kb/{article}/feedback", {}),
    ("kb.watch", "staff", "/kb/{article}/watch", {}),
    ("ideas.vote", "staff", "/ideas/{idea}/vote", {}),
    ("service_requests.assign_to_me", "agent", "/requests/{resolved}/assign-to-me", {}),
]


def _document(label: str, response) -> str:
    """The answer as a document: a page as it is, a fragment inside a minimal page."""
    markup = response.get_data(as_text=True)
    if markup.lstrip().lower().startswith("<!doctype html>"):
        return markup
    if markup.lstrip().startswith("<tr"):
        markup = f"<table><tbody>{markup}</tbody></table>"
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Fragment: {label}</title>'
        f"</head><body>{markup}</body></html>"
    )


def _is_html(response) -> bool:
    return response.status_code in (200, 422) and response.mimetype == "text/html"


def _collect(app) -> tuple[dict[str, str], dict[str, set[str]], set[str]]:
    """{file name: document} for every page each role can see; who saw each route; and the
    routes that answered a plain GET with a fragment."""
    targets = demo_targets()
    forms = [
        (endpoint, path)
        for (method, endpoint), (path, outcomes) in MATRIX.items()
        if method == "POST" and FORM_REFUSED in outcomes.values()
    ]
    documents, seen_by, fragment_routes = {}, {}, set()

    def keep(role, label, response):
        kind = "page" if response.get_data(as_text=True).lstrip().startswith("<!") else "fragment"
        documents[f"{kind}--{role}--{label.replace(' ', '_')}.html"] = _document(label, response)
        seen_by.setdefault(label.split(" ")[0], set()).add(role)
        if kind == "fragment" and " " not in label:
            fragment_routes.add(label)

    clients = {}
    for role, email in ACCOUNTS.items():
        client = clients[role] = app.test_client()
        if email:
            assert client.post("/sign-in", data={"email": email, "password": DEMO_PASSWORD}).status_code == 303
        keep(role, "not_found", client.get("/no-such-page"))
        for label, path in pages():
            response = client.get(fill(label, path, targets))
            if _is_html(response):
                keep(role, label, response)
                if role == "admin" or (role == "anonymous" and label.startswith("auth.")):
                    # ...and what htmx swaps in when it asks for the same page.
                    fragment = client.get(fill(label, path, targets), headers={"HX-Request": "true"})
                    if _is_html(fragment) and not fragment.get_data(as_text=True).lstrip().startswith("<!"):
                        keep(role, f"{label} (htmx)", fragment)
        token = client.csrf_token()
        for endpoint, path in forms:
            response = client.post(fill(endpoint, path, targets), data={"csrf_token": token})
            if response.status_code == 422:
                keep(role, f"{endpoint} (refused)", response)
    for label, role, path, data in HTMX_POSTS:
        client = clients[role]
        response = client.hx("post", fill(label, path, targets), data=data)
        assert _is_html(response), f"{label}: {response.status_code}"
        keep(role, f"{label} (htmx)", response)
    return documents, seen_by, fragment_routes


def _vnu_errors(paths: list[Path]) -> list[str]:
    """The checker's errors, one line each: file, line, message and the markup around it."""
    result = subprocess.run(
        ["java", "-Xss2m", "-jar", str(VNU), "--errors-only", "--format", "json", "--stdout", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    try:
        messages = json.loads(result.stdout)["messages"]
    except ValueError:
        pytest.fail(
            f"the Nu HTML Checker did not answer in JSON (exit {result.returncode}): "
            f"{result.stdout[-2000:]}{result.stderr[-2000:]}"
        )
    errors = []
    for message in messages:
        name, text = Path(message.get("url", "?")).name, message.get("message", "")
        if HTMX_ATTRIBUTE.match(text) or (name.startswith("fragment--") and OUTSIDE_THE_FRAGMENT.search(text)):
            continue
        errors.append(
            f"{name}:{message.get('lastLine', '?')}: {text} — {' '.join(message.get('extract', '').split())[:160]}"
        )
    return errors


def test_every_page_as_everyone_who_can_see_it_is_valid_html(app, tmp_path):
    reason = (
        "java is not installed: the Nu HTML Checker needs Java 11 or later (apt-get install default-jre-headless)"
        if shutil.which("java") is None
        else None
    )
    if reason and os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"the HTML check must run in CI: {reason}")
    if reason:
        pytest.skip(reason)
    assert VNU.exists(), "vnu-jar is not installed (run `make setup`)"
    documents, seen_by, fragment_routes = _collect(app)

    # Every page of the matrix was seen by someone: a path that answers nobody checks nothing.
    unseen = {endpoint for (method, endpoint) in MATRIX if method == "GET"} - set(NOT_PAGES) - set(seen_by)
    assert not unseen, f"pages nobody could see, so nothing was checked: {sorted(unseen)}"
    # The browser checks skip these (there is no page to look at): the list must be right.
    assert fragment_routes == FRAGMENTS
    paths = []
    for name, markup in documents.items():
        paths.append(tmp_path / name)
        paths[-1].write_text(markup, encoding="utf-8")
    errors = _vnu_errors(paths)
    assert not errors, f"{len(errors)} HTML errors in {len(documents)} documents:\n" + "\n".join(errors)


def test_every_route_not_checked_as_a_page_says_why(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert set(NOT_PAGES) <= endpoints, f"routes that no longer exist: {sorted(set(NOT_PAGES) - endpoints)}"
