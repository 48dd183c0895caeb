"""The security headers and cookie flags on every answer Staffroom gives.

Every rule and method of `app.url_map` is asked for (its URL filled in with real objects the way
the policy matrix does, and the matrix is itself checked against the URL map), anonymously and by
a signed-in person, as a page and as an htmx request, over plain HTTP with the development
settings and over HTTPS with the production ones: redirects, 404s, 422 forms, CSV downloads,
attachment downloads and static files alike; then the answers no route gives (an unknown page,
a wrong method, a missing form token, an unexpected error, static files whitenoise serves).
"""

import json
import re
from pathlib import Path

import pytest

from app.security import public
from tests.factories import make_user
from tests.test_policy_matrix import MATRIX, make_targets

TEMPLATES = Path(__file__).resolve().parents[1] / "app" / "templates"
INLINE_STYLE = re.compile(r"<[a-zA-Z][^>]*\sstyle\s*=", re.S)
STYLE_ELEMENT = re.compile(r"<style\b", re.I)
SCRIPT_TAG = re.compile(r"<script\b[^>]*>", re.I)
HX_ON = re.compile(r"\b(data-)?hx-on", re.I)
# Templates rendered into files people keep, never into pages: the pack is downloaded (an
# attachment) or turned into PDF, opened where no policy applies, so it carries its own styles.
DOCUMENT_TEMPLATES = {"dashboard/pack_document.html"}


def directives(policy: str) -> dict[str, str]:
    return {name: value for name, _, value in (part.strip().partition(" ") for part in policy.split(";"))}


def problems_with(response, *, https: bool, body_checks: bool = True) -> list[str]:
    """What is wrong with this answer's headers and cookies (nothing, if all is well)."""
    problems = []
    headers = response.headers
    policy = headers.get("Content-Security-Policy", "")
    csp = directives(policy)
    expected = {
        "default-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'none'",
        "frame-ancestors": "'none'",
        "form-action": "'self'",
        "style-src": "'self'",
    }
    problems += [f"CSP {name} is {csp.get(name)!r}" for name, value in expected.items() if csp.get(name) != value]
    if not csp.get("script-src", "").startswith("'self'"):
        problems.append(f"CSP script-src is {csp.get('script-src')!r}")
    if "unsafe-inline" in policy or "unsafe-eval" in policy or "*" in policy:
        problems.append("CSP allows inline or eval'd code or any origin")
    for name, value in (
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "same-origin"),
        ("X-Frame-Options", "DENY"),
    ):
        if headers.get(name) != value:
            problems.append(f"{name} is {headers.get(name)!r}")
    hsts = headers.get("Strict-Transport-Security")
    if https and (hsts is None or "max-age=31536000" not in hsts):
        problems.append(f"no HSTS over HTTPS ({hsts!r})")
    if not https and hsts is not None:
        problems.append("HSTS over plain HTTP")
    for cookie in headers.getlist("Set-Cookie"):
        flags = {part.strip().split("=")[0].lower() for part in cookie.split(";")[1:]}
        if not {"httponly", "path"} <= flags or "samesite=lax" not in cookie.lower() or "domain" in flags:
            problems.append(f"cookie without HttpOnly, SameSite=Lax and Path, or with a Domain: {cookie[:60]}")
        if https and ("secure" not in flags or not cookie.startswith("__Host-")):
            problems.append(f"cookie over HTTPS not Secure and __Host-: {cookie[:60]}")
    if response.request.path.startswith("/static/"):
        return problems
    if "no-store" not in headers.get("Cache-Control", ""):
        problems.append(f"Cache-Control is {headers.get('Cache-Control')!r}")
    downloaded = headers.get("Content-Disposition", "").startswith("attachment")
    if body_checks and response.mimetype == "text/html" and not downloaded:
        markup = response.get_data(as_text=True)
        nonce = re.search(r"'nonce-([^']+)'", csp.get("script-src", ""))
        for tag in SCRIPT_TAG.findall(markup):
            if "src=" not in tag and not (nonce and f'nonce="{nonce.group(1)}"' in tag):
                problems.append(f"inline script without this answer's nonce: {tag}")
        if INLINE_STYLE.search(markup) or STYLE_ELEMENT.search(markup):
            problems.append("inline style (the policy would block it)")
        if HX_ON.search(markup):
            problems.append("hx-on attribute (needs eval)")
    return problems


class Asker:
    """One kind of person asking: a browser of its own, signed in again whenever it is signed out."""

    def __init__(self, app, user, *, https: bool):
        self.app, self.user, self.https = app, user, https
        self.client = None
        self.sign_in_response = None

    def browser(self):
        if self.client is None:
            self.client = self.app.test_client()
            # Over HTTPS Flask-WTF also checks that a post comes from this site's pages.
            self.client.environ_base["HTTP_REFERER"] = f"{'https' if self.https else 'http'}://localhost/"
            if self.user is not None:
                self.sign_in_response = self.client.sign_in(self.user)
        return self.client

    def session_token(self) -> str | None:
        """The random token this browser's cookie carries, to check it never shows in a URL."""
        cookie = self.client.get_cookie(self.app.config["SESSION_COOKIE_NAME"])
        if cookie is None:
            return None
        return self.app.session_interface.get_signing_serializer(self.app).loads(cookie.value).get("sid")


def answers_of_every_route(app, askers: dict, targets: dict):
    """(what, response) for every rule and method of the URL map, pages first (posts change things)."""
    cases = sorted(
        ((method, rule.endpoint) for rule in app.url_map.iter_rules() for method in rule.methods - {"HEAD", "OPTIONS"}),
        key=lambda case: (case[0] != "GET", case),
    )
    for method, endpoint in cases:
        assert (method, endpoint) in MATRIX, f"{method} {endpoint}: add it to tests/test_policy_matrix.py"
        path = MATRIX[(method, endpoint)][0].format(**targets)
        for who, asker in askers.items():
            for htmx in (False, True):
                client = asker.browser()
                what = f"{method} {path} ({who}{', htmx' if htmx else ''})"
                if htmx:
                    response = client.hx(method, path, data={} if method == "POST" else None)
                elif method == "GET":
                    response = client.get(path)
                else:
                    response = client.post(path, data={})
                yield what, asker, response
                if endpoint == "auth.sign_out":
                    asker.client = None  # signed out: a new browser signs in for the next one


@pytest.mark.parametrize("scheme", ["http", "https"])
def test_every_answer_carries_the_security_headers_and_safe_cookies(make_app, monkeypatch, scheme):
    https = scheme == "https"
    # Over HTTPS, the production settings: Secure __Host- cookies (and https:// as the test
    # client's default scheme, from PREFERRED_URL_SCHEME).
    app = make_app(SESSION_COOKIE_SECURE=True) if https else make_app()
    with app.app_context():
        targets = make_targets()
        askers = {
            "anonymous": Asker(app, None, https=https),
            "signed in": Asker(app, make_user(roles=["admin"], name="Ada Admin"), https=https),
        }
        failures, kinds = [], set()

        def check(what, response, asker=None, **options):
            kinds.add((response.status_code, response.mimetype))
            failures.extend(
                f"{what} → {response.status_code}: {problem}"
                for problem in problems_with(response, https=https, **options)
            )
            token = asker.session_token() if asker is not None and asker.user is not None else None
            # Bytes, not text: some answers are files (the monthly pack as PDF).
            if token and (token in response.headers.get("Location", "") or token.encode() in response.get_data()):
                failures.append(f"{what}: the session token is in the answer")
            if (
                asker is not None
                and asker.user is not None
                and response.status_code == 200
                and response.mimetype == "text/html"
                and "<html" in response.get_data(as_text=True)
                and 'action="/sign-out"' not in response.get_data(as_text=True)
            ):
                failures.append(f"{what}: a signed-in page with no way to sign out")

        routes = 0
        for what, asker, response in answers_of_every_route(app, askers, targets):
            routes += 1
            check(what, response, asker)
            if asker.sign_in_response is not None:
                check("POST /sign-in (signing in)", asker.sign_in_response)
                assert asker.sign_in_response.headers.getlist("Set-Cookie"), "signing in sets the session cookie"
                asker.sign_in_response = None

        # Answers no route gives.
        anonymous, signed_in = askers["anonymous"].browser(), askers["signed in"].browser()
        for client, who in ((anonymous, "anonymous"), (signed_in, "signed in")):
            check(f"unknown page ({who})", client.get("/no-such-page"))
            check(f"unknown page, htmx ({who})", client.hx("get", "/no-such-page"))
            check(f"wrong method ({who})", client.get("/sign-out"))
            check(f"wrong method on a page ({who})", client.post("/accessibility", data={}))
            check(f"missing form token ({who})", client.post("/sign-out", data={}, csrf=False))
            check(f"missing static file ({who})", client.get("/static/js/no-such-file.js"))
        manifest = (
            json.loads((Path(app.static_folder) / "vendor" / "manifest.json").read_text())
            if (Path(app.static_folder) / "vendor" / "manifest.json").exists()
            else {}
        )
        for plain, hashed in list(manifest.items())[:3]:
            check(f"fingerprinted {plain}", anonymous.get(f"/static/{hashed}", headers={"Accept-Encoding": "gzip"}))
            check(f"plain {plain}", anonymous.get(f"/static/{plain}"))

        def broken():
            raise RuntimeError("something unexpected")

        monkeypatch.setitem(app.view_functions, "home.accessibility", public(broken))
        check("unexpected error", anonymous.get("/accessibility"))
        check("unexpected error, htmx", signed_in.hx("get", "/accessibility"))

    assert not failures, f"{len(failures)} problems, the first:\n" + "\n".join(failures[:25])
    # Every rule and method, twice each way (page and htmx) for both people; every kind of answer.
    assert routes == 4 * len(
        {(m, r.endpoint) for r in app.url_map.iter_rules() for m in r.methods - {"HEAD", "OPTIONS"}}
    )
    statuses = {status for status, _ in kinds}
    assert {200, 204, 303, 400, 404, 405, 422, 500} <= statuses, statuses
    assert {"text/html", "text/csv", "application/pdf", "text/javascript", "application/json"} <= {
        mimetype for _, mimetype in kinds
    }, kinds


def test_hsts_follows_the_scheme_the_proxy_reports(make_app):
    """Behind the council's proxy (PROXY_COUNT) TLS ends there: its X-Forwarded-Proto decides."""
    app = make_app(PROXY_COUNT=1)
    client = app.test_client()
    for path in ("/sign-in", "/static/js/staffroom.js", "/no-such-page"):
        assert "Strict-Transport-Security" not in client.get(path).headers, path
        forwarded = client.get(path, headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"})
        assert forwarded.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains", path


def test_htmx_is_configured_to_need_neither_eval_nor_inline_styles(client):
    page = client.get("/sign-in").get_data(as_text=True)
    config = json.loads(re.search(r"<meta name=\"htmx-config\" content='([^']+)'>", page).group(1))
    assert config["allowEval"] is False
    assert config["includeIndicatorStyles"] is False
    assert config["allowScriptTags"] is False


def test_templates_have_no_hx_on_inline_styles_or_scripts_without_the_nonce():
    """htmx's hx-on needs eval, inline styles need 'unsafe-inline': the policy blocks both."""
    assert all((TEMPLATES / name).is_file() for name in DOCUMENT_TEMPLATES)
    problems = []
    for template in sorted(TEMPLATES.rglob("*.html")):
        text = template.read_text(encoding="utf-8")
        name = template.relative_to(TEMPLATES)
        problems += [f"{name}: hx-on" for _ in HX_ON.findall(text)]
        if name.as_posix() not in DOCUMENT_TEMPLATES:
            problems += [f"{name}: inline style" for _ in INLINE_STYLE.findall(text) + STYLE_ELEMENT.findall(text)]
        problems += [f"{name}: {tag}" for tag in SCRIPT_TAG.findall(text) if "src=" not in tag and "nonce=" not in tag]
    assert not problems, problems
