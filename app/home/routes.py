"""Home page, notifications, accessibility and cookie pages, health check."""

from flask import flash, url_for
from flask_login import current_user
from sqlalchemy import text

from app import notify
from app.extensions import db
from app.forms import ButtonForm
from app.home import bp
from app.htmx import redirect_to, render
from app.ideas import services as ideas
from app.kb import community as kb_community
from app.kb import gaps
from app.kb import services as kb
from app.security import public


@bp.route("/")
def index():
    return render(
        "home/index.html",
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
    """For load balancers and monitoring: the app answers and the database is reachable."""
    db.session.execute(text("SELECT 1"))
    return {"status": "ok"}
