"""The one render helper: the fragment for an htmx request, the full page otherwise."""

import json
from typing import Any

from flask import Flask, Response, make_response, redirect, render_template
from werkzeug.wrappers import Response as BaseResponse
from wtforms import Form

from app.extensions import htmx


def register(app: Flask) -> None:
    """Every HTML response says it depends on HX-Request: a fragment and the full page share a URL,
    and a cache (or the browser's back button) must not hand one out for the other."""
    app.after_request(_vary_on_htmx)


def _vary_on_htmx(response: Response) -> Response:
    if response.mimetype == "text/html":
        response.vary.add("HX-Request")
    return response


def wants_fragment() -> bool:
    """An htmx request that is not restoring history (which needs the whole page)."""
    return bool(htmx) and not htmx.history_restore_request


def page_url() -> str | None:
    """For an htmx request, the address of the page it was sent from (HX-Current-URL), else None."""
    return htmx.current_url if htmx else None


def render(
    page: str,
    fragment: str | None = None,
    /,
    *,
    status_code: int = 200,
    announce: str | None = None,
    trigger: dict[str, Any] | None = None,
    **context: Any,
) -> Response:
    """Render `page`, or just `fragment` for htmx; `announce` is read out by screen readers.
    The template names are positional-only, so any name is free for the template's context."""
    template = fragment if fragment and wants_fragment() else page
    response = make_response(render_template(template, **context), status_code)
    events = dict(trigger or {})
    if announce:
        events["staffroom:announce"] = {"message": announce}
    if events and wants_fragment():
        response.headers["HX-Trigger"] = json.dumps(events)
    return response


def render_form(page: str, form: Form, fragment: str | None = None, /, **context: Any) -> Response:
    """A page holding `form`: 422 when it has errors (413 when a field was too large to keep), so
    htmx swaps it in and the request's writes roll back; 200 otherwise."""
    status_code = (413 if getattr(form, "too_large", False) else 422) if form.errors else 200
    return render(page, fragment, status_code=status_code, form=form, **context)


def redirect_to(url: str, *, reload: bool = False) -> BaseResponse:
    """After a successful post: a 303 redirect, or for htmx an HX-Location swap of the page body
    (HX-Redirect, a full reload, when `reload` is set: after signing in or out the page's CSRF
    token changes)."""
    if not wants_fragment():
        return redirect(url, code=303)
    response = make_response("", 204)
    if reload:
        response.headers["HX-Redirect"] = url
    else:
        response.headers["HX-Location"] = json.dumps({"path": url, "target": "body"})
    return response
