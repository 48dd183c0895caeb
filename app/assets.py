"""Static files: fingerprinted URLs from the build's manifest, served by whitenoise with long
cache lifetimes and pre-compressed variants.

scripts/build-assets.mjs writes a hashed copy of every file the pages load
(vendor/staffroom.3f2a1c9d0b4e.css) and vendor/manifest.json, plain name → hashed name. Here
url_for("static", filename=...) is made to give the hashed name, for templates and Python alike,
and whitenoise serves the hashed copies as immutable for a year: a new build gives new names,
so browsers never need to ask again. Any other static file (and every file when nothing has been
built) is served under its plain name, cached for a minute.
"""

import json
from pathlib import Path

from flask import Flask
from whitenoise import WhiteNoise

from app import security
from app.config import ConfigError

MANIFEST = "vendor/manifest.json"
# The previous build's hashed names, kept by the build for pages of the previous release during a
# rolling deploy (docs/deploying.md): served as immutable too, though no URL of this release names them.
KEPT = "vendor/kept.json"
IMMUTABLE = "public, max-age=31536000, immutable"
SHORT_LIVED = "public, max-age=60"


class Manifest:
    """The build's plain name → hashed name map. In debug mode it is read again when the file
    changes, so a rebuild (`npm run build`) shows without a restart."""

    def __init__(self, path: Path, *, reload: bool):
        self.path = path
        self.reload = reload
        self._mtime: float | None = None
        self._names: dict[str, str] = {}
        self._hashed: frozenset[str] = frozenset()
        self._load()

    def _load(self) -> None:
        try:
            mtime = self.path.stat().st_mtime
        except FileNotFoundError:
            self._mtime, self._names, self._hashed = None, {}, frozenset()
            return
        if mtime != self._mtime:
            self._names = json.loads(self.path.read_text(encoding="utf-8"))
            try:
                kept = json.loads((self.path.parent / Path(KEPT).name).read_text(encoding="utf-8"))
            except FileNotFoundError:
                kept = []  # a build from before kept.json
            self._hashed = frozenset(self._names.values()) | frozenset(kept)
            self._mtime = mtime

    @property
    def names(self) -> dict[str, str]:
        if self.reload:
            self._load()
        return self._names

    def hashed(self, filename: str) -> str:
        return self.names.get(filename, filename)

    def is_hashed(self, filename: str) -> bool:
        if self.reload:
            self._load()
        return filename in self._hashed


def init_app(app: Flask) -> None:
    if app.static_folder is None or app.static_url_path is None:
        raise ConfigError("Staffroom serves its own static files: the app needs its static folder.")
    static_folder = Path(app.static_folder)
    manifest = Manifest(static_folder / MANIFEST, reload=app.debug)
    if app.config["STAFFROOM_ENV"] == "production" and not manifest.names:
        raise ConfigError(
            f"No {static_folder / MANIFEST}: build the front end first (`make setup`, or `npm ci && npm run build`)."
        )
    app.extensions["staffroom_assets"] = manifest

    @app.url_defaults
    def _hashed_static_names(endpoint, values):
        # The one place static URLs get their fingerprint: every url_for("static", ...).
        if endpoint == "static" and "filename" in values:
            values["filename"] = manifest.hashed(values["filename"])

    prefix = app.static_url_path.rstrip("/") + "/"

    def _headers(headers, path, url):
        # Whitenoise answers before Flask, so the security headers are added here too.
        headers["Cache-Control"] = IMMUTABLE if manifest.is_hashed(url[len(prefix) :]) else SHORT_LIVED
        for name, value in security.static_file_headers(app).items():
            headers[name] = value

    app.wsgi_app = WhiteNoise(  # type: ignore[method-assign]  # Flask's documented way to add WSGI middleware
        app.wsgi_app,
        root=static_folder,
        prefix=prefix,
        # Development picks up rebuilt files; production lists the files once, at start-up.
        autorefresh=app.debug,
        max_age=None,
        allow_all_origins=False,
        add_headers_function=_headers,
    )
    # HSTS depends on the request's scheme, which whitenoise's headers (fixed per file) cannot:
    # a middleware around both whitenoise and Flask adds it (inside ProxyFix, which sets the scheme).
    app.wsgi_app = security.strict_transport_security(app.wsgi_app)  # type: ignore[method-assign]  # Flask's documented way to add WSGI middleware
