"""Staffroom on two hosts (issue 25): two gunicorn instances on 127.0.0.1, each with its own search
index folder and its own `flask search follow` worker, sharing the test's PostgreSQL database and
one Redis, used through HTTP only, as a load balancer would send people to either:

- articles written at once on both hosts are findable on both within 2 seconds of the answer to
  the write; a word taken out of an article is gone from both (results and snippets); an article
  made a draft is gone from both, from the results, the facet counts and "Did you mean";
- an attachment uploaded through A downloads through B;
- failed sign-ins split between A and B lock the account once;
- a dashboard figure worked out on A is the figure B shows (one value in Redis);
- a host stopped while changes are made and `flask housekeeping` runs (a day and more on, so it
  prunes what every live host has applied) catches up by itself when started again, from the
  outbox rows housekeeping kept for it.

PostgreSQL only (SQLite is one host's file). Every wait is polled against a deadline."""

import os
import re
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import timedelta
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import redis
import requests
from sqlalchemy import func, select

from app import clock
from app.extensions import db
from app.models import SearchHost, SearchOutbox
from tests.dashboard.test_shared_figures import REDIS_URL, prefix
from tests.factories import DEFAULT_PASSWORD, make_category, make_service, make_user
from tests.service_requests.helpers import raise_request
from tests.test_deploy import needs_nginx, running_nginx, slow_clients
from tests.test_mail import free_port

__all__ = ["prefix"]  # a fixture: a Redis key prefix of this test's own

# Before any fixture (Redis's included): the test database is PostgreSQL or the test is skipped.
pytestmark = pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL", "").startswith("postgresql"),
    reason="several hosts share one PostgreSQL database",
)

ROOT = Path(__file__).resolve().parent.parent
FINDABLE_WITHIN = 2.0  # seconds from the answer to the write (issue 25)
CATCH_UP_WITHIN = 10.0  # seconds from a restarted host answering again
LOCKED = "too many failed attempts to sign in"
BAD_CREDENTIALS = "Enter a correct email address and password"


# --- The hosts ----------------------------------------------------------------------------------


@dataclass
class Host:
    """One app host: gunicorn (2 workers) and its `flask search follow` worker, same settings."""

    name: str
    environment: dict
    folder: Path
    port: int = field(default_factory=free_port)
    processes: list = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        # Two gunicorns on one machine: no control socket (they would share ~/.gunicorn/gunicorn.ctl).
        gunicorn = [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "-w", "2", "--no-control-socket"]
        with (self.folder / "log.txt").open("a") as log:
            common = {"cwd": ROOT, "env": self.environment, "stdout": log, "stderr": subprocess.STDOUT}
            self.processes.append(subprocess.Popen([*gunicorn, "-b", f"127.0.0.1:{self.port}", "wsgi:app"], **common))
            follow = [sys.executable, "-m", "flask", "--app", "wsgi", "search", "follow"]
            self.processes.append(subprocess.Popen(follow, **common))

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        self.processes = []

    def log(self) -> str:
        return (self.folder / "log.txt").read_text()

    def wait_until_ready(self, within: float = 45) -> float:
        """Seconds until /readyz answers 200 (the database and this host's index)."""
        started = time.monotonic()
        deadline = started + within
        status = None
        while time.monotonic() < deadline:
            for process in self.processes:
                assert process.poll() is None, f"host {self.name} exited:\n{self.log()}"
            try:
                status = requests.get(f"{self.url}/readyz", timeout=5).status_code
            except requests.RequestException:
                status = None  # not listening yet
            if status == 200:
                return time.monotonic() - started
            time.sleep(0.1)
        raise AssertionError(f"host {self.name} not ready in {within} s (last {status}):\n{self.log()}")


@pytest.fixture
def hosts(app, database_uri, tmp_path, prefix):
    db.session.commit()
    made = []
    for name in ("a", "b"):
        folder = tmp_path / name
        folder.mkdir()
        environment = {
            **os.environ,
            "STAFFROOM_ENV": "development",
            "SECRET_KEY": "two-hosts-test-secret-shared-by-both",
            "DATABASE_URL": database_uri,
            "REDIS_URL": REDIS_URL,
            "SHARED_CACHE_PREFIX": prefix,
            "DASHBOARD_CACHE_SECONDS": "300",
            "SEARCH_INDEX_DIR": str(folder / "index"),
            "SEARCH_HOST_NAME": f"host-{name}",
            "SEARCH_REINDEX_PROCESSES": "1",
            "UPLOAD_DIR": str(folder / "uploads"),  # attachments are in the database: unused
            "RATELIMIT_ENABLED": "false",
        }
        made.append(Host(name, environment, folder))
    try:
        for host in made:
            host.start()
        for host in made:
            host.wait_until_ready()
        yield made
    finally:
        for host in made:
            host.stop()


# --- A browser over HTTP --------------------------------------------------------------------------


class FormFields(HTMLParser):
    """The values a browser would send from a page's forms: radios and options as chosen, boxes
    sharing a name (a date's day, month, year) all; elsewhere the first of a name."""

    def __init__(self, markup: str):
        super().__init__()
        self.fields: dict = {}
        self._repeated: set[str] = set()
        self._select = self._textarea = None
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        name = found.get("name")
        if tag == "input" and name:
            kind = found.get("type", "text")
            if kind in ("radio", "checkbox"):
                if "checked" in found:
                    self.fields[name] = found.get("value") or "on"
            elif kind not in ("submit", "button", "file", "image"):
                self._text(name, found.get("value") or "")
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in found:
            self.fields[self._select] = found.get("value") or ""
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields[name] = ""

    def _text(self, name: str, value: str) -> None:
        """Boxes sharing a name (a date's day, month and year) are all sent; a token repeated in
        several forms once."""
        if name not in self.fields:
            self.fields[name] = value
        elif name in self._repeated or self.fields[name] != value:
            earlier = self.fields[name]
            self.fields[name] = [*(earlier if isinstance(earlier, list) else [earlier]), value]
            self._repeated.add(name)

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data


def visible_text(markup: str) -> str:
    markup = re.sub(r"<(script|style)\b.*?</\1>", " ", markup, flags=re.S)
    return unescape(" ".join(re.sub(r"<[^>]+>", " ", markup).split()))


@dataclass
class Entrance:
    """The site's address when something stands in front of the hosts (nginx)."""

    name: str
    url: str


class Browser:
    """Someone's browser on one host: cookies, and forms sent with what the page holds."""

    def __init__(self, host: Host | Entrance, cookies=None):
        self.host = host
        self.session = requests.Session()
        if cookies is not None:
            self.session.cookies.update(cookies)

    def another(self) -> "Browser":
        """The same signed-in person in another tab (a session of its own, for another thread)."""
        return Browser(self.host, self.session.cookies)

    def get(self, path: str, **kwargs) -> requests.Response:
        # Not verified: nginx's certificate here is made up for the test (per request: a CA bundle
        # named in the environment would override the session's setting).
        return self.session.get(self.host.url + path, timeout=30, allow_redirects=False, verify=False, **kwargs)

    def form(self, path: str) -> dict:
        page = self.get(path)
        assert page.status_code == 200, (path, page.status_code)
        return FormFields(page.text).fields

    def post(self, path: str, data: dict, files=None) -> requests.Response:
        if "csrf_token" not in data:
            data = {**data, "csrf_token": self.form("/cookies")["csrf_token"]}
        return self.session.post(
            self.host.url + path, data=data, files=files, timeout=30, allow_redirects=False, verify=False
        )

    def try_sign_in(self, email: str, password: str) -> requests.Response:
        fields = self.form("/sign-in")
        return self.post("/sign-in", {"csrf_token": fields["csrf_token"], "email": email, "password": password})

    def sign_in(self, user) -> "Browser":
        answer = self.try_sign_in(user.email, DEFAULT_PASSWORD)
        assert answer.status_code == 303, f"sign-in on {self.host.name}: {answer.status_code}"
        return self

    def search_page(self, query: str) -> str:
        answer = self.get("/search", params={"q": query})
        assert answer.status_code == 200, answer.status_code
        return visible_text(answer.text)


def write_article(editor: Browser, *, title: str, body: str, category_id: int, status="published") -> str:
    """A new article through the form (the how-to template); returns its address."""
    fields = editor.form("/kb/new?template=how-to")
    fields.update(
        title=title,
        summary=f"About {title}",
        body=body,
        category_id=str(category_id),
        status=status,
        tags="",
        change_note="",
    )
    fields.pop("q", None)  # the header's search box
    answer = editor.post("/kb/new", fields)
    assert answer.status_code == 303, visible_text(answer.text)[:2000]
    return urlsplit(answer.headers["Location"]).path


def edit_article(editor: Browser, address: str, **changes) -> None:
    fields = editor.form(f"{address}/edit")
    fields.pop("q", None)
    fields.update(changes)
    answer = editor.post(f"{address}/edit", fields)
    assert answer.status_code == 303, visible_text(answer.text)[:2000]


def seconds_until(check, within: float) -> float | None:
    """Seconds until check() is true, polled, or None if it was not within `within`."""
    started = time.monotonic()
    while True:
        if check():
            return time.monotonic() - started
        if time.monotonic() - started > within:
            return None
        time.sleep(0.05)


def findable(reader: Browser, query: str, title: str):
    return lambda: title in reader.search_page(query)


def gone(reader: Browser, query: str, text: str):
    return lambda: text not in reader.search_page(query)


def wait_on_both(readers: dict[str, Browser], check, written: float, within: float) -> dict[str, float | None]:
    """For each host, seconds from `written` (the write's answer) until check(reader)() held, the
    hosts asked in turn (None: not within `within`)."""
    checks = {name: check(reader) for name, reader in readers.items()}
    seen: dict[str, float | None] = dict.fromkeys(readers)
    while True:
        for name, holds in checks.items():
            if seen[name] is None and holds():
                seen[name] = time.monotonic() - written
        if all(value is not None for value in seen.values()) or time.monotonic() - written > within:
            return seen
        time.sleep(0.05)


# --- The test -----------------------------------------------------------------------------------


def test_two_hosts_on_one_database_and_one_redis_agree(app, hosts, prefix):
    # Everything the hosts need before they are used, committed (the hosts read the same database).
    editor_user = make_user(roles=["editor"], name="Edie Editor")
    staff_user = make_user(name="Stan Staff")
    locked_user = make_user(name="Lockie Out")
    fleet, parks = make_category("Fleet garage"), make_category("Parks and gardens")
    service = make_service(name="Minute taking")
    half_an_hour_ago = clock.now() - timedelta(minutes=30)
    with clock.fixed(half_an_hour_ago):
        for _ in range(2):
            raise_request(service, staff_user)
    db.session.commit()
    ids = {"fleet": fleet.id, "parks": parks.id}
    host_b = hosts[1]
    editors = {host.name: Browser(host).sign_in(editor_user) for host in hosts}
    readers = {host.name: Browser(host).sign_in(staff_user) for host in hosts}
    measured: dict[str, float] = {}

    # 1. Concurrent writes on both hosts, each findable on both within 2 s of the write's answer.
    results: list = []
    failures: list = []

    def writer(number: int) -> None:
        try:
            on = "ab"[number % 2]
            editor = editors[on].another()
            tabs = {name: reader.another() for name, reader in readers.items()}
            for round_ in range(2):
                word = f"quillfeather{'abcdefgh'[number]}{'xy'[round_]}"
                title = f"Writer {number} round {round_} guidance"
                write_article(editor, title=title, body=f"How to file a {word} form.", category_id=ids["parks"])
                written = time.monotonic()
                times = wait_on_both(
                    tabs, lambda reader, word=word, title=title: findable(reader, word, title), written, 5
                )
                results.append((title, on, times))
        except Exception as error:  # noqa: BLE001  reported below, with the thread's number
            failures.append((number, repr(error)))

    threads = [threading.Thread(target=writer, args=(number,)) for number in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    assert not failures, failures
    assert len(results) == 8
    slowest = max((t for _, _, times in results for t in times.values() if t is not None), default=0.0)
    measured["findable after concurrent writes (slowest of 8 x 2 hosts)"] = slowest
    for title, on, times in results:
        for seconds in times.values():
            assert seconds is not None and seconds <= FINDABLE_WITHIN, (title, f"written on {on}", results)

    # 2. A word taken out of an article: gone from both hosts' results and snippets within 2 s.
    address = write_article(
        editors["a"],
        title="Booking the pool car",
        body="Ask the fleet desk. Bring your driving licence and the marmalisk permit.",
        category_id=ids["fleet"],
    )
    written = time.monotonic()
    times = wait_on_both(readers, lambda reader: findable(reader, "marmalisk", "Booking the pool car"), written, 5)
    assert all(t is not None and t <= FINDABLE_WITHIN for t in times.values()), times
    edit_article(editors["b"], address, body="Ask the fleet desk. Bring your driving licence.")
    written = time.monotonic()
    times = wait_on_both(readers, lambda reader: gone(reader, "marmalisk", "Booking the pool car"), written, 5)
    measured["removed word gone"] = max(t or 99 for t in times.values())
    assert all(t is not None and t <= FINDABLE_WITHIN for t in times.values()), times
    for reader in readers.values():  # nor in the snippet of a search that still finds the article
        page = reader.search_page("driving licence")
        assert "Booking the pool car" in page and "marmalisk" not in page

    # 3. An article made a draft: gone from both, from the facet counts and "Did you mean" too.
    draft_address = write_article(
        editors["b"],
        title="Winter gritting rota",
        body="The depot grits the car park; the zanzibarine salt store is behind the garage.",
        category_id=ids["fleet"],
    )
    written = time.monotonic()

    def everything_shows(reader):
        def check():
            facets = reader.search_page("car")  # both fleet garage articles
            return (
                "Winter gritting rota" in reader.search_page("zanzibarine")
                and "Did you mean zanzibarine" in reader.search_page("zanzobarine")
                and "Fleet garage (2)" in facets
            )

        return check

    times = wait_on_both(readers, everything_shows, written, 5)
    assert all(t is not None and t <= FINDABLE_WITHIN for t in times.values()), (times, pages(readers["a"]))
    edit_article(editors["a"], draft_address, status="draft")
    written = time.monotonic()

    def nothing_shows(reader):
        def check():
            facets = reader.search_page("car")
            return (
                "Winter gritting rota" not in reader.search_page("zanzibarine")
                and "zanzibarine" not in reader.search_page("zanzobarine")
                and "Fleet garage (1)" in facets
                and "Fleet garage (2)" not in facets
            )

        return check

    times = wait_on_both(readers, nothing_shows, written, 5)
    measured["unpublished article gone"] = max(t or 99 for t in times.values())
    assert all(t is not None and t <= FINDABLE_WITHIN for t in times.values()), (times, pages(readers["a"]))

    # 4. An attachment uploaded through A downloads through B.
    content = b"Pool car checklist\nKeys from the fleet desk\n"
    answer = editors["a"].post(
        f"{address}/attachments", {}, files={"file": ("pool-car-checklist.txt", content, "text/plain")}
    )
    assert answer.status_code == 303, visible_text(answer.text)[:2000]
    article_page = readers["b"].get(address).text
    link = re.search(r'href="(/kb/attachments/\d+/pool-car-checklist\.txt)"', article_page)
    assert link, "no attachment link on B's article page"
    download = readers["b"].get(link[1])
    assert download.status_code == 200 and download.content == content
    assert download.headers["X-Content-Type-Options"] == "nosniff"

    # 5. Failed sign-ins split between the hosts (3 on A, 2 on B: neither alone has the limit of
    # 5) lock the account once, on both.
    assert app.config["LOGIN_MAX_FAILURES"] == 5
    for number in range(5):
        on = hosts[number % 2]
        refused = Browser(on).try_sign_in(locked_user.email, "not the password")
        assert refused.status_code != 303 and BAD_CREDENTIALS in visible_text(refused.text), number
    for host in hosts:
        refused = Browser(host).try_sign_in(locked_user.email, DEFAULT_PASSWORD)
        assert refused.status_code != 303 and LOCKED in visible_text(refused.text), host.name

    # 6. One dashboard figure: worked out on A, served by B after a change B would count.
    def received(reader) -> str:
        text = visible_text(reader.get("/dashboard?period=4w").text)
        return text[: text.index(" requests received")].rsplit(" ", 1)[-1]

    assert received(readers["a"]) == "2"
    with clock.fixed(half_an_hour_ago):
        raise_request(db.session.merge(service), db.session.merge(staff_user))
    db.session.commit()
    assert received(readers["b"]) == "2"  # A's figure from Redis: B's own would be 3
    assert received(readers["a"]) == "2"
    shared = redis.Redis.from_url(REDIS_URL)
    keys = list(shared.scan_iter(match=f"{prefix}*"))
    assert keys
    shared.delete(*keys)  # as when the figure expires
    assert received(readers["b"]) == "3"
    assert received(readers["a"]) == "3"

    # 7. B stopped while changes are made on A and housekeeping runs; started again, it catches up.
    stopping = threading.Thread(target=host_b.stop)
    stopping.start()
    late = write_article(
        editors["a"], title="Salting the footpaths", body="Use the oberquill spreader.", category_id=ids["fleet"]
    )
    stopping.join(timeout=60)
    assert not stopping.is_alive() and not host_b.processes
    edit_article(editors["a"], late, body="Use the hand spreader.")
    edit_article(editors["a"], address, body="Ask the fleet desk. Bring your driving licence and a jelquort.")
    assert seconds_until(findable(readers["a"], "jelquort", "Booking the pool car"), 5) is not None
    position_b = host_position("host-b")
    with clock.fixed(clock.now() + timedelta(days=2)):  # past KEEP_AT_LEAST: only live hosts keep rows
        result = app.test_cli_runner().invoke(args=["housekeeping"])
    assert result.exit_code == 0, result.output
    pruned = int(re.search(r"(\d+) old search outbox rows", result.output)[1])
    assert pruned > 0  # what both hosts had applied
    db.session.rollback()
    kept_for_b = db.session.scalar(select(func.count()).select_from(SearchOutbox).where(SearchOutbox.id > position_b))
    assert kept_for_b >= 3  # what B has not applied is kept for it

    restarted = time.monotonic()
    host_b.start()
    measured["B ready after restart"] = host_b.wait_until_ready()
    back = time.monotonic()
    # With no search asked on B, its worker applies what it missed: its position reaches the newest row.
    newest = db.session.scalar(select(func.max(SearchOutbox.id)))
    applied = seconds_until(lambda: host_position("host-b") >= newest, CATCH_UP_WITHIN)
    assert applied is not None, host_b.log()
    measured["B applied what it missed, after start"] = time.monotonic() - restarted
    reader_b = Browser(host_b).sign_in(staff_user)  # housekeeping ended the sessions idle for 2 days

    def caught_up():
        return (
            "Salting the footpaths" in reader_b.search_page("spreader")
            and "Salting the footpaths" not in reader_b.search_page("oberquill")
            and "Booking the pool car" in reader_b.search_page("jelquort")
            and "marmalisk" not in reader_b.search_page("driving licence")
        )

    waited = seconds_until(caught_up, CATCH_UP_WITHIN)
    measured["B caught up after answering again"] = waited if waited is not None else 99
    measured["B caught up after start"] = time.monotonic() - restarted
    assert waited is not None, host_b.log()
    assert time.monotonic() - back <= CATCH_UP_WITHIN
    assert "rebuilding it from the database" not in host_b.log()  # from the rows kept for it
    print("two hosts, seconds:", {name: round(value, 2) for name, value in measured.items()})


@needs_nginx
@pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning")
def test_behind_the_reference_nginx_both_hosts_are_one_site_that_slow_clients_do_not_take_down(app, hosts, tmp_path):
    """deploy/nginx with both hosts as its upstream (round robin, as a load balancer would): a form
    fetched from one host is accepted by the other, what is written through it is found whichever
    host answers, and six slow clients hold nginx's connections, not the hosts' four workers."""
    editor_user = make_user(roles=["editor"], name="Edie Editor")
    staff_user = make_user(name="Stan Staff")
    fleet = make_category("Fleet garage")
    db.session.commit()
    with running_nginx(tmp_path / "nginx", [host.port for host in hosts]) as (port, _):
        front = Entrance("nginx", f"https://127.0.0.1:{port}")
        editor = Browser(front).sign_in(editor_user)  # the page from one host, the form to the other
        reader = Browser(front).sign_in(staff_user)
        write_article(editor, title="Renewing a parking permit", body="Bring the quorbel.", category_id=fleet.id)
        written = time.monotonic()
        found = seconds_until(
            lambda: all("Renewing a parking permit" in reader.search_page("quorbel") for _ in "ab"), 5
        )
        assert found is not None and time.monotonic() - written <= FINDABLE_WITHIN, found  # on both hosts

        with slow_clients(port, read="/search?q=quorbel", post="/sign-in"):
            started = time.monotonic()
            for _ in "ab":  # both hosts
                assert "Renewing a parking permit" in reader.search_page("quorbel")
            assert time.monotonic() - started < 4


def pages(reader: Browser) -> dict[str, str]:
    """What the checks on an unpublished article read, for a failure's message."""
    found = {query: reader.search_page(query) for query in ("zanzibarine", "zanzobarine", "car")}
    return {query: text[text.find("Sort by") :][:600] for query, text in found.items()}


def host_position(name: str) -> int:
    db.session.rollback()
    host = db.session.scalar(select(SearchHost).where(SearchHost.name == name))
    assert host is not None, f"{name} has recorded no position"
    return host.position_id or 0
