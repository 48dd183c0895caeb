"""Forgotten your password: ask for a link by email, then choose a new password through it."""

from flask import Blueprint, current_app, flash, session, url_for

from app.auth import reset, sessions
from app.auth.forms import ForgottenPasswordForm, ResetPasswordForm
from app.forms import redisplays_form
from app.htmx import redirect_to, render, render_form
from app.rate_limits import limited
from app.security import public
from app.validation import FieldError

bp = Blueprint("password_reset", __name__)

# The address typed, kept only to say where the email went (whether or not it has an account).
_TYPED_ADDRESS = "password_reset_email"


@bp.route("/forgotten-password", methods=["GET", "POST"])
@public
@limited("password_reset", "password_reset_address")
@redisplays_form
def forgotten_password():
    form = ForgottenPasswordForm()
    if form.validate_on_submit():
        address = (form.email.data or "").strip()
        reset.request_link(address)
        # The same answer whether or not the address has an account.
        session[_TYPED_ADDRESS] = address
        return redirect_to(url_for("password_reset.check_your_email"))
    return render_form("auth/forgotten_password.html", form)


@bp.route("/forgotten-password/check-your-email")
@public
def check_your_email():
    minutes = int(reset.TOKEN_LIFETIME.total_seconds() // 60)
    return render("auth/check_your_email.html", address=session.get(_TYPED_ADDRESS, ""), minutes=minutes)


def _link_expired():
    return render("auth/reset_link_expired.html", status_code=404)


@bp.route("/reset-password/<token>", methods=["GET", "POST"])
@public
@redisplays_form
def choose_password(token: str):
    try:
        person = reset.person_for(token)
    except reset.LinkExpired:
        return _link_expired()
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            person = reset.reset_password(token, form.new_password.data or "")
        except reset.LinkExpired:
            return _link_expired()
        except FieldError as error:
            form.show(error)
        else:
            session.pop(_TYPED_ADDRESS, None)
            sessions.start(person, remember=False)
            flash(
                "Your password has been changed and you are signed in. Other devices have been signed out.", "success"
            )
            return redirect_to(url_for("home.index"), reload=True)
    return render_form(
        "auth/reset_password.html",
        form,
        person=person,
        token=token,
        min_length=current_app.config["PASSWORD_MIN_LENGTH"],
    )
