"""Time away: while someone is away, the approvals asked of them go to the person they name."""

from flask import flash, request, url_for
from flask_login import current_user

from app.auth import bp
from app.auth.forms import AwayForm
from app.forms import redisplays_form
from app.htmx import redirect_to, render_form
from app.service_requests import approvals
from app.validation import FieldError


@bp.route("/account/away", methods=["GET", "POST"])
@redisplays_form
def away():
    form = AwayForm()
    if request.method == "GET":
        form.away_until.data = current_user.away_until
        form.delegate_email.data = current_user.delegate.email if current_user.delegate else ""
    if form.validate_on_submit():
        try:
            approvals.set_away(current_user, form.away_until.data, form.delegate_email.data or "")
        except FieldError as error:
            form.show(error)
        else:
            if current_user.away_until:
                flash(
                    f"Until you are back, your approvals go to {current_user.delegate.name}",
                    "success",
                )
            else:
                flash("Your approvals come to you", "success")
            return redirect_to(url_for("auth.account"))
    return render_form("auth/away.html", form)
