"""Page weight: what pages and htmx fragments cost over the wire, as a browser that accepts gzip
receives them.

    python -m bench.page_weight
    python -m bench.page_weight --person staff@staffroom.test

Builds a throwaway app on a temporary SQLite database with the demo data (`flask seed-demo`),
signs in as a demo person and prints, for each page, the HTML as rendered (raw) and as sent with
`Accept-Encoding: gzip` (body and headers); for the home page also its first view: the HTML
and every stylesheet, script, module import and icon it loads, each once, from an empty cache.
Targets: first view of the home page ≤ 150 KB, a typical htmx fragment ≤ 10 KB.
tests/test_page_weight.py checks the same targets with these functions. Not part of the test
suite (see docs/performance.md).
"""

import argparse
import gzip
import os
import platform
import posixpath
import re
import sys
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

KB = 1000
FIRST_VIEW_BUDGET = 150 * KB
FRAGMENT_BUDGET = 10 * KB

# What a browser sends: a page opened from the address bar or a bookmark, and htmx's requests.
PAGE_HEADERS = {"Accept-Encoding": "gzip", "Sec-Fetch-Site": "none"}
ASSET_HEADERS = {"Accept-Encoding": "gzip", "Sec-Fetch-Site": "same-origin"}
FRAGMENT_HEADERS = {**ASSET_HEADERS, "HX-Request": "true", "HX-Current-URL": "http://localhost/"}

STATIC_IN_HTML = re.compile(r'<(?:link|script|img)\b[^>]*?\b(?:href|src)="(/static/[^"]+)"')
URL_IN_CSS = re.compile(r"""url\(\s*["']?([^"')]+?)["']?\s*\)""")
IMPORT_IN_JS = re.compile(r"""(?:\bfrom\s*|\bimport\s*\(?\s*)["'](\.{1,2}/[^"']+)["']""")


@dataclass
class Fetch:
    url: str
    status: int
    content_type: str
    encoding: str | None
    raw: int  # the body as the app made it
    body: int  # the body as sent
    headers: int  # status line and headers as sent (a server adds a few more: Date, Server)
    text: str  # the decoded body, to find what it refers to

    @property
    def transferred(self) -> int:
        return self.body + self.headers


def fetch(client, url: str, headers: dict) -> Fetch:
    response = client.get(url, headers=headers)
    try:
        sent = response.get_data()
    finally:
        response.close()
    encoding = response.headers.get("Content-Encoding")
    body = gzip.decompress(sent) if encoding == "gzip" else sent
    if encoding not in (None, "gzip"):
        raise AssertionError(f"{url}: asked for gzip, got {encoding}")
    header_bytes = (
        len(f"HTTP/1.1 {response.status}\r\n")
        + 2
        + sum(len(f"{name}: {value}\r\n".encode()) for name, value in response.headers.items())
    )
    return Fetch(
        url=url,
        status=response.status_code,
        content_type=response.mimetype,
        encoding=encoding,
        raw=len(body),
        body=len(sent),
        headers=header_bytes,
        text=body.decode("utf-8", "replace"),
    )


def references(item: Fetch) -> list[str]:
    """The URLs a browser loads next because of `item`: a page's stylesheets, scripts and icons,
    a stylesheet's url(...)s, a module's imports."""
    if item.content_type == "text/html":
        urls = STATIC_IN_HTML.findall(item.text)
    elif item.content_type == "text/css":
        urls = [url for url in URL_IN_CSS.findall(item.text) if not url.startswith(("data:", "#"))]
    elif item.content_type == "text/javascript":
        urls = IMPORT_IN_JS.findall(item.text)
    else:
        urls = []
    return [urlsplit(urljoin(f"http://localhost{item.url}", url)).path for url in urls]


def first_view(client, path: str) -> list[Fetch]:
    """The page and everything it loads, each URL once, as from an empty cache."""
    page = fetch(client, path, PAGE_HEADERS)
    fetched, queue, seen = [page], references(page), {path}
    while queue:
        url = posixpath.normpath(queue.pop(0))
        if url in seen:
            continue
        seen.add(url)
        item = fetch(client, url, ASSET_HEADERS)
        fetched.append(item)
        queue.extend(references(item))
    return fetched


def fragment(client, path: str) -> Fetch:
    return fetch(client, path, FRAGMENT_HEADERS)


def sign_in(client, email: str, password: str) -> None:
    page = client.get("/sign-in").get_data(as_text=True)
    token = re.search(
        r'name="csrf_token" type="hidden" value="([^"]+)"|'
        r'name="csrf_token" value="([^"]+)"',
        page,
    )
    assert token, "no CSRF token on the sign-in page"
    response = client.post(
        "/sign-in", data={"email": email, "password": password, "csrf_token": token.group(1) or token.group(2)}
    )
    assert response.status_code == 303, f"sign-in as {email} failed: {response.status_code}"


# --- The benchmark -------------------------------------------------------------------------

PAGES = [
    ("Home page", "/"),
    ("Ideas board", "/ideas"),
    ("Knowledge base", "/kb/"),
    ("Search results", "/search?q=minutes"),
    ("Service catalogue", "/services"),
    ("Dashboard", "/dashboard"),
]
FRAGMENTS = [
    ("Ideas board, newest (20 cards)", "/ideas?sort=new"),
    ("Search results, htmx", "/search?q=minutes"),
    ("Search as you type", "/search/suggest?q=dia"),
    ("Service catalogue filter", "/services?q=room"),
]


def kilobytes(size: int) -> str:
    return f"{size / KB:.1f}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--person",
        default="ea@staffroom.test",
        help="demo account to sign in as (default: the editor, whose home page lists articles due for review as well)",
    )
    args = parser.parse_args(argv)

    from app import create_app, demo
    from app import search as search_index
    from app.extensions import db

    print(
        f"Page weight, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; {os.cpu_count()} CPUs, "
        f"{platform.platform()}, Python {platform.python_version()}"
    )
    print(f"  command: python -m bench.page_weight {' '.join(sys.argv[1:] if argv is None else argv)}".rstrip())
    with tempfile.TemporaryDirectory(prefix="staffroom-page-weight-") as tmp:
        tmp = Path(tmp)
        app = create_app(
            {
                "STAFFROOM_ENV": "development",
                "SECRET_KEY": "page-weight-benchmark-not-a-secret",
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp / 'bench.sqlite'}",
                "SEARCH_INDEX_DIR": str(tmp / "search-index"),
                "UPLOAD_DIR": str(tmp / "uploads"),
                "SERVER_NAME": None,
            }
        )
        with app.app_context():
            db.create_all()
            demo.seed(progress=lambda line: None)
            db.session.commit()
        with app.test_request_context():
            search_index.reindex(progress=lambda line: None)
        client = app.test_client()
        sign_in(client, args.person, demo.DEMO_PASSWORD)
        print(
            f"  demo data (`flask seed-demo`), signed in as {args.person}; sizes in kB (1 kB = 1,000 bytes), "
            "gzip = body + headers as sent with Accept-Encoding: gzip\n"
        )

        view = first_view(client, "/")
        failed = [item.url for item in view if item.status != 200]
        print("First view of the home page (empty cache)\n")
        print("| | raw | gzip |\n|---|---:|---:|")
        for item in view:
            print(f"| `{item.url}` | {kilobytes(item.raw)} | {kilobytes(item.transferred)} |")
        total_raw, total = sum(item.raw for item in view), sum(item.transferred for item in view)
        print(f"| **total, {len(view)} responses** | **{kilobytes(total_raw)}** | **{kilobytes(total)}** |")

        print("\nPages (HTML only; their static files are cached after the first view)\n")
        print("| page | raw | gzip |\n|---|---:|---:|")
        for name, path in PAGES:
            item = fetch(client, path, PAGE_HEADERS)
            failed += [path] if item.status != 200 else []
            print(f"| {name} (`{path}`) | {kilobytes(item.raw)} | {kilobytes(item.transferred)} |")

        print("\nhtmx fragments (HX-Request: true)\n")
        print("| fragment | raw | gzip |\n|---|---:|---:|")
        largest = 0
        for name, path in FRAGMENTS:
            item = fragment(client, path)
            failed += [path] if item.status != 200 else []
            largest = max(largest, item.transferred)
            print(f"| {name} (`{path}`) | {kilobytes(item.raw)} | {kilobytes(item.transferred)} |")

    print("\n| target | measured | |\n|---|---:|---|")
    print(
        f"| first view of the home page ≤ {kilobytes(FIRST_VIEW_BUDGET)} kB | {kilobytes(total)} kB | "
        f"{'met' if total <= FIRST_VIEW_BUDGET else 'MISSED'} |"
    )
    print(
        f"| typical htmx fragment ≤ {kilobytes(FRAGMENT_BUDGET)} kB | largest above {kilobytes(largest)} kB | "
        f"{'met' if largest <= FRAGMENT_BUDGET else 'MISSED'} |"
    )
    if failed:
        print(f"\nNot 200: {', '.join(failed)}")
    return 0 if total <= FIRST_VIEW_BUDGET and largest <= FRAGMENT_BUDGET and not failed else 1


if __name__ == "__main__":
    sys.exit(main())
