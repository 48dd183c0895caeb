"""htmx is handled in one place: app/htmx.py reads the htmx request headers and sets Vary on them."""

import re
from pathlib import Path

APP = Path(__file__).resolve().parents[1] / "app"
HEADER = re.compile(r"hx-request", re.I)
# Any htmx request header read from the request, or flask-htmx's object (which reads them) used.
HTMX_READS = re.compile(
    r"""request\.headers(\.get\(|\[)\s*["']HX-|^\s*from app\.extensions import .*\bhtmx\b(?! as htmx_extension)""", re.M
)


def test_only_app_htmx_reads_the_hx_request_header():
    """Views ask htmx.wants_fragment() (which knows about history restores), never the header."""
    readers = [
        str(path.relative_to(APP.parent))
        for path in sorted(APP.rglob("*"))
        if path.suffix in {".py", ".html"}
        and path != APP / "htmx.py"
        and "static" not in path.parts
        and HEADER.search(path.read_text(encoding="utf-8"))
    ]
    assert readers == []


def test_only_app_htmx_reads_htmx_request_headers():
    """HX-Current-URL and the rest come through app/htmx.py too (page_url()); create_app only
    binds the extension."""
    readers = [
        str(path.relative_to(APP.parent))
        for path in sorted(APP.rglob("*.py"))
        if path != APP / "htmx.py" and HTMX_READS.search(path.read_text(encoding="utf-8"))
    ]
    assert readers == []


def test_html_answers_vary_on_hx_request_and_others_do_not(client):
    page = client.get("/sign-in")
    assert "HX-Request" in page.headers["Vary"]
    health = client.get("/healthz")
    assert health.mimetype != "text/html"
    assert "HX-Request" not in health.headers.get("Vary", "")
