"""A real OpenID provider for the single sign-on tests: the certified `oidc-provider` package from
npm (node_modules, installed by `make setup`), run by node from provider.mjs on a free port of
127.0.0.1. Staffroom talks to it over real HTTP (discovery, keys, the token endpoint); the tests
play the browser's part at its login page with `requests`, or with chromium (tests/browser)."""

import html
import json
import os
import re
import shutil
import subprocess
import threading
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import requests

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = Path(__file__).resolve().parent / "provider.mjs"
CLIENT_ID = "staffroom"
CLIENT_SECRET = "a-test-client-secret-of-some-length"
# The test client's requests go to http://localhost (Flask's test client).
TEST_CLIENT_BASE_URL = "http://localhost"


class OpenIDProvider:
    """The running provider and its remote control (/__test/ in provider.mjs)."""

    def __init__(self, issuer: str):
        self.issuer = issuer

    def _control(self, path: str, body=None) -> dict:
        response = requests.post(f"{self.issuer}/__test/{path}", json=body or {}, timeout=10)
        response.raise_for_status()
        return response.json()

    def reset(self) -> None:
        self._control("reset")

    def add_account(self, login: str, **claims) -> None:
        """Someone who can sign in at the provider's login page as `login` (its `sub`)."""
        self._control("accounts", {login: claims})

    def add_client(self, redirect_uri: str, *, client_id: str = CLIENT_ID) -> None:
        self._control(
            "clients",
            [
                {
                    "client_id": client_id,
                    "client_secret": CLIENT_SECRET,
                    "redirect_uris": [redirect_uri],
                    "post_logout_redirect_uris": [redirect_uri.rsplit("/sign-in/", 1)[0] + "/sign-in"],
                }
            ],
        )

    def set_clock(self, offset_seconds: int) -> None:
        self._control("clock", {"offset_seconds": offset_seconds})

    def rotate_keys(self) -> None:
        self._control("rotate-keys")

    def fault_tokens(self, mode: str | None) -> None:
        self._control("token-fault", {"mode": mode})

    def jwks_requests(self) -> int:
        return requests.get(f"{self.issuer}/__test/stats", timeout=10).json()["jwks_requests"]

    def settings(self, **overrides) -> dict:
        """Staffroom's settings for single sign-on with this provider (the test client's base URL)."""
        return {
            "OIDC_ISSUER": self.issuer,
            "OIDC_CLIENT_ID": CLIENT_ID,
            "OIDC_CLIENT_SECRET": CLIENT_SECRET,
            "BASE_URL": TEST_CLIENT_BASE_URL,
            "OIDC_ALLOWED_DOMAINS": ("council.example",),
            **overrides,
        }


def _node_missing_reason() -> str | None:
    if not shutil.which("node"):
        return "node is not installed"
    if not (ROOT / "node_modules" / "oidc-provider").exists():
        return "oidc-provider is not installed (run `make setup`)"
    return None


@pytest.fixture(scope="session")
def _running_provider():
    reason = _node_missing_reason()
    if reason:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"the single sign-on tests must run in CI: {reason}")
        pytest.skip(reason)
    clients = [
        {
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "redirect_uris": [TEST_CLIENT_BASE_URL + "/sign-in/oidc/callback"],
            "post_logout_redirect_uris": [TEST_CLIENT_BASE_URL + "/sign-in"],
        }
    ]
    process = subprocess.Popen(
        ["node", str(SCRIPT)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "OIDC_TEST_CLIENTS": json.dumps(clients)},
        text=True,
    )
    # The provider's warnings (development adapter, development login page) are expected: read and dropped.
    threading.Thread(target=process.stderr.read, daemon=True).start()
    try:
        line = process.stdout.readline()
        if not line:
            pytest.fail(f"the OpenID provider did not start (exit {process.wait(timeout=10)})")
        yield OpenIDProvider(json.loads(line)["issuer"])
    finally:
        process.stdin.close()  # provider.mjs exits when its standard input closes
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def oidc_provider(_running_provider):
    """The provider, as it started (its first key, its clock right, no accounts), for one test."""
    _running_provider.reset()
    yield _running_provider
    _running_provider.reset()


def provider_login(provider: OpenIDProvider, authorize_url: str, login: str, *, stop_at: str) -> str:
    """Play the browser at the provider: follow `authorize_url` to its login page, sign in as
    `login`, and follow the provider's redirects until one leaves for `stop_at`; returns that URL."""
    browser = requests.Session()
    response = browser.get(authorize_url, allow_redirects=False, timeout=10)
    for _ in range(10):
        if response.is_redirect:
            location = urljoin(response.url, response.headers["Location"])
            if location.startswith(stop_at):
                return location
            response = browser.get(location, allow_redirects=False, timeout=10)
            continue
        match = re.search(r'<form[^>]*action="([^"]+)"', response.text)
        assert response.status_code == 200 and match, f"not the provider's login page: {response.status_code}"
        action = urljoin(response.url, html.unescape(match.group(1)))
        response = browser.post(
            action,
            data={"prompt": "login", "login": login, "password": "any password"},
            allow_redirects=False,
            timeout=10,
        )
    raise AssertionError("the provider never sent the browser back")


def sign_in_with_provider(client, provider: OpenIDProvider, login: str, *, next_path: str | None = None):
    """The whole journey with Flask's test client as Staffroom's browser: Staffroom's redirect to
    the provider, its login page, and the way back to Staffroom's callback (whose answer is returned)."""
    start = client.get("/sign-in/oidc", query_string={"next": next_path} if next_path else None)
    assert start.status_code == 302, f"no redirect to the provider: {start.status_code}"
    assert start.location.startswith(provider.issuer)
    callback = provider_login(provider, start.location, login, stop_at=TEST_CLIENT_BASE_URL)
    parts = urlsplit(callback)
    return client.get(f"{parts.path}?{parts.query}")
