"""Page weight and caching: fingerprinted static URLs cached for a year, static files and pages
sent compressed, downloads untouched, and the budgets: first view of the home page ≤ 150 kB,
a typical htmx fragment ≤ 10 kB (measured with bench/page_weight.py's functions)."""

import gzip
import io
import json
import re
from pathlib import Path

import pytest
from flask import Response, url_for
from sqlalchemy import select

from app import assets, compression, create_app, demo
from app import search as search_index
from app.assets import IMMUTABLE, MANIFEST, SHORT_LIVED
from app.config import ConfigError
from app.extensions import db
from app.models import Attachment, User
from bench.page_weight import (
    ASSET_HEADERS,
    FIRST_VIEW_BUDGET,
    FRAGMENT_BUDGET,
    PAGE_HEADERS,
    STATIC_IN_HTML,
    first_view,
    fragment,
)
from tests.factories import make_article, make_user, signed_in_client

STATIC = Path(__file__).resolve().parents[1] / "app" / "static"


@pytest.fixture(scope="module")
def manifest() -> dict:
    path = STATIC / MANIFEST
    if not path.exists():
        pytest.fail(f"no {path}: build the front end first (make setup)")
    return json.loads(path.read_text())


@pytest.fixture
def demo_client(app):
    """Signed in as the demo editor, on the demo data (`flask seed-demo`, without the 18 months of
    requests, which none of these pages shows), search index built: pages as full as people see them."""
    demo.seed(progress=lambda line: None, request_history=False)
    db.session.commit()
    with app.test_request_context():
        search_index.reindex(progress=lambda line: None)
    client = app.test_client()
    client.sign_in(db.session.scalar(select(User).filter_by(email="ea@staffroom.test")), password=demo.DEMO_PASSWORD)
    return client


def static_urls(response) -> list[str]:
    return STATIC_IN_HTML.findall(response.get_data(as_text=True))


def get(client, url, **headers):
    response = client.get(url, headers=headers)
    response.get_data()  # read whitenoise's file before closing it
    response.close()
    return response


# --- Fingerprinted static files ------------------------------------------------------------


def test_pages_refer_only_to_fingerprinted_static_files(staff_client, manifest):
    urls = static_urls(staff_client.get("/"))
    hashed = {f"/static/{name}" for name in manifest.values()}
    assert len(urls) >= 5  # stylesheet, module preload, icon, htmx, our script
    assert set(urls) <= hashed
    assert all(re.search(r"\.[0-9a-f]{12}\.(css|js|svg)$", url) for url in urls)


def test_url_for_gives_the_hashed_name_and_the_plain_one_for_files_not_built(app, manifest):
    with app.test_request_context():
        assert url_for("static", filename="vendor/staffroom.css") == f"/static/{manifest['vendor/staffroom.css']}"
        assert url_for("static", filename="js/staffroom.js") == f"/static/{manifest['js/staffroom.js']}"
        assert url_for("static", filename="scss/staffroom.scss") == "/static/scss/staffroom.scss"


def test_production_refuses_to_start_without_built_assets(monkeypatch, tmp_path):
    monkeypatch.setattr(assets, "MANIFEST", "vendor/not-built.json")
    with pytest.raises(ConfigError, match="build the front end"):
        create_app(
            {
                "STAFFROOM_ENV": "production",
                "SECRET_KEY": "x",
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.sqlite'}",
            }
        )


def test_fingerprinted_files_are_cached_for_a_year_and_others_for_a_minute(client, manifest):
    for name in manifest.values():
        response = get(client, f"/static/{name}")
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == IMMUTABLE == "public, max-age=31536000, immutable"
    plain = get(client, "/static/js/staffroom.js")
    assert plain.headers["Cache-Control"] == SHORT_LIVED == "public, max-age=60"


def test_static_files_carry_the_security_headers(client, manifest):
    headers = get(client, f"/static/{manifest['vendor/staffroom.css']}").headers
    assert "'unsafe-inline'" not in headers["Content-Security-Policy"]
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "Access-Control-Allow-Origin" not in headers


@pytest.mark.parametrize(
    "name", ["vendor/staffroom.css", "vendor/htmx.min.js", "js/staffroom.js", "vendor/govuk-frontend.min.js"]
)
def test_stylesheets_and_scripts_are_sent_compressed_to_browsers_that_accept_it(client, manifest, name):
    url = f"/static/{manifest[name]}"
    plain = get(client, url)
    assert "Content-Encoding" not in plain.headers

    zipped = get(client, url, **{"Accept-Encoding": "gzip"})
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped.headers["Vary"]
    assert gzip.decompress(zipped.data) == plain.data
    assert int(zipped.headers["Content-Length"]) < len(plain.data) / 2

    brotli = get(client, url, **{"Accept-Encoding": "gzip, deflate, br"})
    assert brotli.headers["Content-Encoding"] == "br"
    assert len(brotli.data) < len(zipped.data)


def test_everything_a_stylesheet_or_script_refers_to_is_served(staff_client):
    # The stylesheet's url(...)s and our module's imports point at hashed copies too.
    view = first_view(staff_client, "/")
    assert [item.url for item in view if item.status != 200] == []
    loaded = {item.url for item in view}
    assert any("/govuk-frontend.min." in url for url in loaded)  # imported by js/staffroom.js
    assert all(re.search(r"\.[0-9a-f]{12}\.\w+$", url) for url in loaded - {"/"})


# --- Compressed pages and fragments ---------------------------------------------------------


def test_pages_are_sent_gzipped_and_vary_on_accept_encoding(staff_client):
    response = staff_client.get("/", headers=PAGE_HEADERS)
    assert response.headers["Content-Encoding"] == "gzip"
    assert {"Accept-Encoding", "HX-Request"} <= set(response.vary)
    assert response.headers["Cache-Control"] == "no-store"
    page = gzip.decompress(response.data).decode()
    assert page.lstrip().lower().startswith("<!doctype html>")
    assert int(response.headers["Content-Length"]) == len(response.data)


def test_htmx_fragments_are_sent_gzipped(demo_client):
    response = demo_client.get("/ideas?sort=new", headers={**ASSET_HEADERS, "HX-Request": "true"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert "<html" not in gzip.decompress(response.data).decode()


def test_without_accept_encoding_pages_are_sent_as_they_are(staff_client):
    response = staff_client.get("/")
    assert "Content-Encoding" not in response.headers
    assert "Accept-Encoding" in response.vary
    assert response.get_data(as_text=True).lstrip().lower().startswith("<!doctype html>")


@pytest.mark.parametrize(
    "site, compressed", [("same-origin", True), ("none", True), ("same-site", False), ("cross-site", False)]
)
def test_only_requests_from_this_site_or_the_person_get_compressed_pages(staff_client, site, compressed):
    # BREACH: pages hold a CSRF token and personal data; another site must not be able to make
    # the browser fetch them compressed and watch the sizes.
    response = staff_client.get("/", headers={"Accept-Encoding": "gzip", "Sec-Fetch-Site": site})
    assert (response.headers.get("Content-Encoding") == "gzip") is compressed


def test_csv_exports_are_gzipped_and_intact(demo_client):
    plain = demo_client.get("/ideas/benefits.csv")
    response = demo_client.get("/ideas/benefits.csv", headers=ASSET_HEADERS)
    assert response.headers["Content-Encoding"] == "gzip"
    assert response.headers["Content-Disposition"] == plain.headers["Content-Disposition"]
    assert gzip.decompress(response.data) == plain.data


def test_file_downloads_are_sent_as_stored_with_byte_ranges(app):
    writer = make_user(roles=["editor"])
    article = make_article(author=writer, title="Expenses")
    client = signed_in_client(app, writer)
    data = ("Date,Item,Amount\n" + "2026-11-01,Train to the county hall,23.40\n" * 40).encode()
    client.post(f"/kb/{article.slug}/attachments", data={"file": (io.BytesIO(data), "claims.csv")})
    attachment = db.session.scalar(select(Attachment))
    url = f"/kb/attachments/{attachment.id}/claims.csv"

    download = client.get(url, headers=ASSET_HEADERS)
    assert download.status_code == 200
    assert "Content-Encoding" not in download.headers
    assert download.data == data
    part = client.get(url, headers={**ASSET_HEADERS, "Range": "bytes=0-15"})
    assert part.status_code == 206
    assert part.data == data[:16]
    assert "Content-Encoding" not in part.headers


def test_a_strong_etag_names_the_gzipped_body_as_another_representation(app):
    with app.test_request_context(headers={"Accept-Encoding": "gzip"}):
        response = Response("x" * 2000, mimetype="text/html")
        response.set_etag("v1")
        compression.compress(response)
        assert response.headers["Content-Encoding"] == "gzip"
        assert response.get_etag() == ("v1-gzip", False)


# --- The budgets ----------------------------------------------------------------------------


def test_first_view_of_the_home_page_is_at_most_150_kb(demo_client, record_property):
    view = first_view(demo_client, "/")
    total = sum(item.transferred for item in view)
    for item in view:
        record_property(f"bytes {item.url}", f"{item.raw} raw, {item.transferred} sent")
    record_property("home page first view, bytes sent", total)
    print(
        f"\nhome page first view: {total:,} bytes sent ({sum(item.raw for item in view):,} raw), {len(view)} responses"
    )
    assert view[0].encoding == "gzip"
    assert all(item.encoding == "gzip" for item in view)
    assert total <= FIRST_VIEW_BUDGET


@pytest.mark.parametrize(
    "name, path",
    [
        ("ideas board, 20 newest", "/ideas?sort=new"),
        ("search results", "/search?q=minutes"),
        ("search as you type", "/search/suggest?q=dia"),
    ],
)
def test_a_typical_htmx_fragment_is_at_most_10_kb(demo_client, record_property, name, path):
    item = fragment(demo_client, path)
    assert item.status == 200
    assert "<html" not in item.text
    record_property(f"{name} fragment, bytes sent", item.transferred)
    print(f"\n{name} fragment ({path}): {item.transferred:,} bytes sent ({item.raw:,} raw)")
    assert item.transferred <= FRAGMENT_BUDGET
