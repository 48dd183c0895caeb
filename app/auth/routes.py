"""Sign in, sign out, your account, change password."""

from flask import abort, current_app, flash, request, session, url_for
from flask_login import current_user

from app import audit, policy
from app.auth import away_routes as away_routes  # its views join bp
from app.auth import bp, oidc, services, sessions, sso
from app.auth.forms import ChangePasswordForm, SignInForm, SignOutOthersForm
from app.extensions import db
from app.forms import redisplays_form
from app.htmx import redirect_to, render, render_form
from app.rate_limits import limited
from app.security import public, safe_next
from app.validation import FieldError


@bp.route("/sign-in", methods=["GET", "POST"])
@public
@limited("sign_in")
@redisplays_form
def sign_in():
    if current_user.is_authenticated:
        return redirect_to(safe_next(request.args.get("next")) or url_for("home.index"))
    form = SignInForm()
    if request.method == "GET":
        form.next.data = request.args.get("next", "")
    if form.validate_on_submit():
        try:
            user = services.authenticate(form.email.data, form.password.data)
        except services.SignInRefused as refusal:
            # The failed attempt must be kept even though this request answers with an error.
            db.session.commit()
            form.show(refusal)
        else:
            sessions.start(user, remember=form.remember.data)
            flash(f"Signed in as {user.name}", "success")
            return redirect_to(safe_next(form.next.data) or url_for("home.index"), reload=True)
    return render_form("auth/sign_in.html", form, **_sign_in_page_context(form.next.data))


def _sign_in_page_context(next_path: str | None) -> dict:
    config = current_app.config
    return {
        "sso_enabled": oidc.enabled(),
        "sso_provider": config["OIDC_PROVIDER_NAME"],
        "sso_url": url_for("auth.oidc_start", next=safe_next(next_path)),
        "passwords_for_everyone": config["PASSWORD_SIGN_IN"] == "everyone",  # noqa: S105 - a setting
        # Offered once, on the page that follows signing out of Staffroom.
        "sso_sign_out_url": session.pop("sso_sign_out_url", None),
    }


def _sso_refused(message: str, status: int):
    """The sign-in page again, saying why single sign-on did not let the person in."""
    form = SignInForm()
    return render("auth/sign_in.html", form=form, sso_problem=message, **_sign_in_page_context(None)), status


@bp.route("/sign-in/oidc")
@public
def oidc_start():
    """Off to the provider's sign-in page (single sign-on), coming back to oidc_callback."""
    if not oidc.enabled():
        abort(404)
    if current_user.is_authenticated:
        return redirect_to(url_for("home.index"))
    session["sso_next"] = safe_next(request.args.get("next"))
    try:
        return oidc.start()
    except oidc.SignInFailed as failure:
        return _sso_refused(str(failure), 503)


@bp.route(oidc.CALLBACK_PATH)
@public
def oidc_callback():
    """The provider sends the browser back here with a code; the person is signed in if the
    provider vouches for them and Staffroom lets them in (app/auth/sso.py)."""
    if not oidc.enabled():
        abort(404)
    next_path = session.pop("sso_next", None)
    try:
        user = sso.sign_in(oidc.finish())
    except oidc.SignInFailed as failure:
        return _sso_refused(str(failure), 400)
    except FieldError as refusal:
        db.session.commit()  # the refusal's audit record is kept, though the answer is an error
        return _sso_refused(refusal.message, 403)
    sessions.start(user, remember=False)
    session["signed_in_with"] = "oidc"
    flash(f"Signed in as {user.name}", "success")
    return redirect_to(safe_next(next_path) or url_for("home.index"))


@bp.route("/sign-out", methods=["POST"])
@public
def sign_out():
    if current_user.is_authenticated:
        audit.record(current_user, "sign_out", current_user)
    signed_in_with_sso = session.get("signed_in_with") == "oidc"
    sessions.end_current()
    if signed_in_with_sso and oidc.enabled():
        # Staffroom's session is over; the provider's may not be: offer its sign-out too.
        session["sso_sign_out_url"] = oidc.end_session_url()
    flash("You have signed out", "success")
    return redirect_to(url_for("auth.sign_in"), reload=True)


@bp.route("/account")
def account():
    return render(
        "auth/account.html",
        sessions=sessions.active_for(current_user),
        is_current=sessions.is_current,
        others_form=SignOutOthersForm(),
    )


@bp.route("/account/sign-out-others", methods=["POST"])
def sign_out_others():
    form = SignOutOthersForm()
    if form.validate_on_submit():
        ended = sessions.end_all_for(current_user, except_current=True)
        audit.record(current_user, "signed_out_other_devices", current_user, sessions_ended=ended)
        flash(f"Signed out of {ended} other device{'s' if ended != 1 else ''}", "success")
    return redirect_to(url_for("auth.account"))


@bp.route("/account/password", methods=["GET", "POST"])
@policy.requires(policy.can_change_own_password)
@redisplays_form
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            services.change_own_password(current_user, form.current_password.data, form.new_password.data)
        except FieldError as error:
            form.show(error)
        else:
            user = current_user._get_current_object()
            sessions.end_all_for(user, except_current=True)
            # The current password was just given again: a new session token, as at sign-in (the
            # page reloads whole, for the new session's CSRF token).
            sessions.renew(user)
            flash("Your password has been changed. Other devices have been signed out.", "success")
            return redirect_to(url_for("auth.account"), reload=True)
    return render_form("auth/change_password.html", form, min_length=current_app.config["PASSWORD_MIN_LENGTH"])
