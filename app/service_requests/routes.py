"""Request pages for the person who asked: my requests, one request, its confirmation and files."""
from flask import abort, request, url_for
from flask_login import current_user

from app import clock, files, policy
from app.htmx import render
from app.models.service_request import REQUEST_STATUS_COLOURS
from app.service_requests import bp, services
from app.working_time import calendar


@bp.app_context_processor
def _request_status_colours():
    return {"request_status_colours": REQUEST_STATUS_COLOURS}


def _request_or_404(reference: str):
    found = services.get_request(reference)
    if found is None or not policy.can_view_request(current_user, found):
        abort(404)
    return found


@bp.route("/mine")
def mine():
    page = services.mine(current_user, request.args.get("page", 1, type=int))
    return render("service_requests/mine.html", page=page,
                  page_url=lambda number: url_for("service_requests.mine", page=number))


@bp.route("/<reference>")
def show(reference: str):
    found = _request_or_404(reference)
    return render("service_requests/show.html", service_request=found,
                  working_days_left=calendar().working_days_until(found.due_at, clock.now()))


@bp.route("/<reference>/sent")
def confirmation(reference: str):
    return render("service_requests/confirmation.html", service_request=_request_or_404(reference))


@bp.route("/<reference>/attachments/<int:attachment_id>/<path:filename>")
def download(reference: str, attachment_id: int, filename: str):
    found = _request_or_404(reference)
    attachment = services.get_attachment(found, attachment_id) or abort(404)
    try:
        return files.send(attachment.stored_name, filename=attachment.filename, content_type=attachment.content_type)
    except FileNotFoundError:
        abort(404)
