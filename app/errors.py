"""Error pages in the site's own layout, and recovery from an expired form token."""

from flask import current_app, g, request
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from app import security
from app.extensions import db
from app.htmx import render

MESSAGES = {
    400: ("Sorry, there is a problem with that request", "Go back and try again."),
    403: (
        "You do not have permission to do that",
        "If you think you should, ask your team leader or an administrator.",
    ),
    404: (
        "Page not found",
        "If you typed the web address, check it is correct. If you pasted it, check you copied the whole address.",
    ),
    405: ("Sorry, that did not work", "That page cannot be used in that way. Go back and try again."),
    413: (
        "That was too large to send",
        "The file or text you sent is over the size limit. Make it smaller and try again.",
    ),
    429: ("Too many requests", "Wait a minute and try again."),
    500: (
        "Sorry, there is a problem with Staffroom",
        "Try again later. If it keeps happening, tell the Staffroom team what you were doing.",
    ),
}


def _error_page(code: int):
    title, advice = MESSAGES.get(code, MESSAGES[500])
    return render("errors/error.html", "errors/_error.html", status_code=code, code=code, title=title, advice=advice)


def register(app):
    @app.errorhandler(CSRFError)
    def csrf_error(error):
        db.session.rollback()
        view = current_app.view_functions.get(request.endpoint or "")
        if view is not None and not getattr(view, "is_public", False) and not current_user.is_authenticated:
            # The session (and its token) went while the form was open: sign in first, as for
            # any other page, not a "page not found" from the view's permission check.
            return security.sign_in_redirect()
        if getattr(view, "redisplays_form", False):
            # Re-run the view: its form fails its own token check and comes back with a
            # clear message, what the person typed, and a fresh token.
            g.csrf_failed = True
            try:
                return view(**(request.view_args or {}))
            except HTTPException as refused:
                # The thing the form is for has gone, or is not theirs (404): that page, not a
                # crash (an error raised inside an error handler is never handled).
                return http_error(refused)
        return _error_page(400)

    @app.errorhandler(HTTPException)
    def http_error(error):
        if error.code in (301, 302, 303, 307, 308) or error.code < 400:
            return error
        db.session.rollback()
        response = _error_page(error.code)
        # Keep what the error says about trying again: Allow on a 405, Retry-After on a 429.
        for name, value in error.get_headers():
            if name.lower() != "content-type":
                response.headers[name] = value
        return response

    @app.errorhandler(Exception)
    def unexpected_error(error):
        db.session.rollback()
        current_app.logger.error("Unhandled error on %s %s", request.method, request.path, exc_info=error)
        return _error_page(500)
