"""Request-wide safety: sign-in required by default, security headers with a strict CSP."""

import secrets
from functools import wraps
from urllib.parse import urlsplit

from flask import g, request, url_for
from flask_login import current_user

from app.htmx import page_url, redirect_to


def public(view):
    """Mark a view that people who are not signed in may use."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        return view(*args, **kwargs)

    wrapped.is_public = True
    return wrapped


def require_sign_in(app):
    """Everything except public views and static files needs a signed-in person."""

    @app.before_request
    def _require_sign_in():
        if request.endpoint is None or request.endpoint == "static":
            return None
        view = app.view_functions.get(request.endpoint)
        if getattr(view, "is_public", False) or current_user.is_authenticated:
            return None
        return sign_in_redirect()


def sign_in_redirect():
    """To sign-in, and afterwards back to the page asked for (or, for htmx, the page it came from)."""
    target = request.full_path.rstrip("?") if request.method == "GET" else None
    page = page_url()
    if page:
        # Send the whole page to sign-in, then back to where the person was.
        current = urlsplit(page)
        target = current.path + (f"?{current.query}" if current.query else "")
    return redirect_to(url_for("auth.sign_in", next=target) if target else url_for("auth.sign_in"), reload=True)


def csp_nonce() -> str:
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


def content_security_policy(nonce: str | None = None) -> str:
    """Scripts from this site only (plus, on pages, the response's nonce); no inline styles."""
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' 'nonce-{nonce}'" if nonce else "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "object-src 'none'",
        ]
    )


def _common_headers(app) -> dict:
    return {
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "same-origin",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
        "Cross-Origin-Opener-Policy": "same-origin",
    }


STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains"


def strict_transport_security(wsgi_app):
    """WSGI middleware: HSTS on every answer sent over HTTPS (pages, and the static files
    whitenoise serves before Flask sees the request), never over plain HTTP, where browsers ignore
    it (RFC 6797). Behind a proxy that ends TLS, PROXY_COUNT makes the request's scheme https."""

    def middleware(environ, start_response):
        if environ.get("wsgi.url_scheme") != "https":
            return wsgi_app(environ, start_response)

        def start(status, headers, exc_info=None):
            if not any(name.lower() == "strict-transport-security" for name, _ in headers):
                headers = [*headers, ("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY)]
            return start_response(status, headers, exc_info)

        return wsgi_app(environ, start)

    return middleware


def static_file_headers(app) -> dict:
    """The same headers for static files, which whitenoise serves before Flask sees the request
    (app/assets.py). They hold no inline script, so the policy needs no nonce."""
    return {"Content-Security-Policy": content_security_policy(), **_common_headers(app)}


def add_security_headers(app):
    @app.after_request
    def _headers(response):
        headers = response.headers
        headers.setdefault("Content-Security-Policy", content_security_policy(csp_nonce()))
        for name, value in _common_headers(app).items():
            headers.setdefault(name, value)
        # Pages, CSV downloads and the rest hold personal data: never kept by any cache unless a
        # view says otherwise (static files are whitenoise's, with their own lifetimes).
        headers.setdefault("Cache-Control", "no-store")
        return response


def safe_next(target: str | None) -> str | None:
    """`target` if it is a path on this site, else None (no open redirects)."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return None
    if any(ord(char) < 32 or char == "\\" for char in target):
        return None
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc else None
