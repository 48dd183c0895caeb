"""Sign in, sign out, your account, change password."""

from flask import current_app, flash, request, url_for
from flask_login import current_user

from app import audit, policy
from app.auth import bp, services, sessions
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
    return render_form("auth/sign_in.html", form)


@bp.route("/sign-out", methods=["POST"])
@public
def sign_out():
    if current_user.is_authenticated:
        audit.record(current_user, "sign_out", current_user)
    sessions.end_current()
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
