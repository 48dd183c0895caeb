"""Home page, notifications, accessibility and cookie pages, health check."""

from flask import abort, current_app, flash, url_for
from flask_login import current_user
from sqlalchemy import text

from app import mail, notify, rate_limits, search
from app.extensions import db
from app.forms import ButtonForm
from app.home import bp
from app.home import services as home
from app.home.forms import notice_settings_form
from app.htmx import redirect_to, render, render_form
from app.ideas import services as ideas
from app.kb import community as kb_community
from app.kb import gaps
from app.kb import services as kb
from app.models import Delivery, User
from app.security import public


@bp.route("/")
def index():
    return render(
        "home/index.html",
        waiting=home.waiting_for(current_user),
        my_overdue_articles=gaps.overdue_reviews(current_user),
        popular_articles=kb_community.most_helpful(current_user, limit=5),
        recent_articles=kb.recently_updated(current_user, limit=5),
        trending_ideas=ideas.trending(limit=5),
    )


@bp.route("/notifications", methods=["GET", "POST"])
def notifications():
    form = ButtonForm()
    if form.validate_on_submit():
        notify.mark_all_read(current_user.id)
        flash("All notifications marked as read", "success")
        return redirect_to(url_for("home.notifications"))
    return render("home/notifications.html", items=notify.recent(current_user.id), form=ButtonForm(formdata=None))


@bp.route("/account/notices", methods=["GET", "POST"])
def notice_settings():
    form = notice_settings_form(current_user)
    if form.validate_on_submit():
        for kind in form.kinds:
            notify.choose(current_user, kind, Delivery(form[kind.key].data))
        flash("Notice settings saved", "success")
        return redirect_to(url_for("home.notice_settings"))
    return render_form("home/notice_settings.html", form)


@bp.route("/notices/stop/<token>", methods=["GET", "POST"])
@public
def unsubscribe(token: str):
    """The link at the end of every email: stops that kind of notice by email, without signing
    in (the token is signed for this purpose, this person and this kind only)."""
    found = notify.read_unsubscribe_token(token)
    person = db.session.get(User, found[0]) if found else None
    if found is None or person is None:
        abort(404)
    kind = found[1]
    form = ButtonForm()
    if form.validate_on_submit():
        notify.choose(person, kind, Delivery.IN_APP)
        return render("home/unsubscribed.html", kind=kind, stopped=True)
    return render("home/unsubscribed.html", kind=kind, stopped=False, form=ButtonForm(formdata=None))


@bp.route("/accessibility")
@public
def accessibility():
    return render("home/accessibility.html")


@bp.route("/cookies")
@public
def cookies():
    return render("home/cookies.html")


@bp.route("/healthz")
@public
def healthz():
    """Liveness, for load balancers: the app answers and the database is reachable. Cheap."""
    db.session.execute(text("SELECT 1"))
    return {"status": "ok"}


@bp.route("/readyz")
@public
def readyz():
    """Readiness, for monitoring and deploys: the database, the search index (generation, changes
    still to apply), the rate limits' shared storage (Redis) and the mail backlog. 503 when the
    database, the index or Redis is not usable; mail waiting is reported, never a reason to take
    the site out of service (mail.py's worker sends it when the server is back)."""
    checks: dict[str, dict] = {}
    try:
        db.session.execute(text("SELECT 1"))
        checks["database"] = {"ok": True, "detail": "reachable"}
    except Exception as error:  # noqa: BLE001  what this page reports
        db.session.rollback()
        checks["database"] = {"ok": False, "detail": f"unreachable ({type(error).__name__})"}
    if checks["database"]["ok"]:
        checks["search"] = search.readiness()
        backlog = mail.status()
        checks["mail"] = {
            "ok": True,
            "detail": backlog["last_error"] or "sending",
            "pending": backlog["pending"],
            "oldest_seconds": int(backlog["oldest_age"].total_seconds()) if backlog["oldest_age"] else 0,
        }
    checks["rate_limits"] = rate_limits.storage_status(current_app._get_current_object())
    ready = all(check["ok"] for check in checks.values()) and len(checks) == 4
    return {"status": "ready" if ready else "not ready", "checks": checks}, 200 if ready else 503
