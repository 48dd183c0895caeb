"""Gzip for the app's own responses (pages, htmx fragments, CSV and JSON), with BREACH in mind.

Static files are not compressed here: whitenoise serves the build's pre-compressed variants
(app/assets.py). File downloads (send_file) and streamed responses pass untouched, so byte
ranges and sizes stay right.

BREACH reads secrets out of compressed responses that also echo what an attacker sent, by
making the victim's browser send many requests and watching their sizes. Pages carry a CSRF
token and personal data. Flask-WTF does not mask its token per request: the first part (the
session's raw token) is the same on every page; only the timestamp and signature after it change,
each second. So responses are compressed only for requests the browser marks as coming from this
site itself or from the person (`Sec-Fetch-Site: same-origin` or `none`, or no such header: not
a browser that sends it); a request set off by another site is answered uncompressed. The session
cookie is SameSite=Lax as well, so another site's requests carry it only for top-level navigations.
"""

import gzip

from flask import Flask, Response, request

COMPRESSIBLE = frozenset({"text/html", "text/csv", "text/plain", "application/json"})
MIN_SIZE = 500  # smaller bodies gain nothing worth the gzip header and the CPU
LEVEL = 6  # zlib's default: most of level 9's saving at a fraction of the time
TRUSTED_FETCH_SITES = frozenset({"same-origin", "none"})


def register(app: Flask) -> None:
    # Registered before the other after_request functions, so it runs after them (Flask runs
    # them in reverse) and compresses the response as finally sent.
    app.after_request(compress)


def compress(response: Response) -> Response:
    if response.direct_passthrough or response.is_streamed or response.mimetype not in COMPRESSIBLE:
        return response
    if response.status_code < 200 or response.status_code in (204, 206, 304):
        return response
    response.vary.add("Accept-Encoding")
    if "Content-Encoding" in response.headers or not _accepts_gzip():
        return response
    if request.headers.get("Sec-Fetch-Site", "none") not in TRUSTED_FETCH_SITES:
        return response
    data = response.get_data()
    if len(data) < MIN_SIZE:
        return response
    response.set_data(gzip.compress(data, compresslevel=LEVEL, mtime=0))
    response.headers["Content-Encoding"] = "gzip"
    etag, weak = response.get_etag()
    if etag and not weak:
        # A strong ETag names exact bytes: the gzipped body is another representation.
        response.set_etag(f"{etag}-gzip")
    return response


def _accepts_gzip() -> bool:
    return request.accept_encodings["gzip"] > 0
