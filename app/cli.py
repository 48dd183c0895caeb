"""Command-line tasks: demo data, people, housekeeping, reports."""

import signal
import threading
from datetime import datetime, time, timedelta
from pathlib import Path

import click
from flask import current_app
from sqlalchemy import delete

from app import audit, clock, demo, files
from app import mail as mail_outbox
from app import search as search_index
from app.admin import people_import
from app.admin.services import create_person
from app.auth import reset, sessions
from app.auth import services as auth_services
from app.dashboard import pack
from app.extensions import db
from app.home import digests
from app.models import LoginAttempt, Role, UserSession
from app.service_requests import approvals, contacts, raising, sla_alerts, workflow
from app.validation import FieldError


def register(app) -> None:
    app.cli.add_command(seed_demo)
    app.cli.add_command(users)
    app.cli.add_command(housekeeping)
    app.cli.add_command(search)
    app.cli.add_command(requests_group)
    app.cli.add_command(mail)
    app.cli.add_command(notices)
    app.cli.add_command(reports)
    app.cli.add_command(files_group)


@click.command("seed-demo")
@click.option("--if-empty", is_flag=True, help="Only seed a database that has nobody in it yet.")
def seed_demo(if_empty):
    """Create demo teams and people (password: staffroom-demo). Never for production."""
    if current_app.config["STAFFROOM_ENV"] == "production":
        raise click.ClickException("Refusing to load demo data with STAFFROOM_ENV=production.")
    if if_empty and not demo.is_empty():
        click.echo("seed-demo: the database already has people; nothing to do.")
        return
    demo.seed(progress=lambda line: click.echo(f"seed-demo: {line}"))
    db.session.commit()
    click.echo("seed-demo: done. Demo accounts (password 'staffroom-demo'):")
    for email, name, team, roles in demo.DEMO_PEOPLE[:5]:
        click.echo(f"  {email:<26} {', '.join(roles) or 'staff':<8} {name}, {team}")


@click.group()
def users():
    """Manage people from the command line (the first administrator, say)."""


@users.command("create-admin")
@click.option("--email", prompt=True)
@click.option("--name", prompt=True)
@click.password_option(help="At least 12 characters.")
def create_admin(email, name, password):
    """Create an administrator account."""
    try:
        person = create_person(name=name, email=email, team_id=None, roles=[Role.ADMIN], password=password, actor=None)
    except FieldError as error:
        raise click.ClickException(error.message) from error
    db.session.commit()
    click.echo(f"Administrator {person.email} created.")


@users.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Only say what the import would do; change nothing.")
@click.option(
    "--everyone",
    is_flag=True,
    help="The file lists everyone: deactivate people who are not in it (never administrators).",
)
def import_users(file: Path, dry_run: bool, everyone: bool) -> None:
    """Import people from a Microsoft Entra ID or Microsoft 365 users export (CSV), as the admin
    page does: created, changed, deactivated and refused rows are listed, all applied at once."""
    with file.open("rb") as stream:
        data = stream.read(people_import.MAX_BYTES + 1)
    try:
        text, encoding = people_import.decode(data)
        import_plan = people_import.plan(people_import.read(text), everyone=everyone, actor=None)
    except FieldError as error:
        raise click.ClickException(error.message) from error
    click.echo(f"users import: {file.name}, read as {encoding}{', listing everyone' if everyone else ''}")
    for item in import_plan.create:
        click.echo(f"  create      row {item.line}: {item.name} <{item.email}>, team {item.team or '-'}")
    for change in import_plan.change:
        described = "; ".join(
            f"{what.lower()} {before or '-'!r} -> {after or '-'!r}" for what, before, after in change.changes
        )
        click.echo(f"  change      {change.name} <{change.email}>: {described}")
    for leaver in import_plan.deactivate:
        click.echo(f"  deactivate  {leaver.name} <{leaver.email}>: {leaver.reason}")
    for refused in import_plan.rejected:
        click.echo(f"  refused     row {refused.line}: {refused.email or '-'}: {refused.reason}")
    for kept in import_plan.left_alone:
        click.echo(f"  left alone  {kept.name} <{kept.email}>: {kept.reason}")
    for department, count in import_plan.unmatched_departments:
        click.echo(f"  no team named {department!r} ({count} people): they keep their team, new people get none")
    summary = (
        f"{len(import_plan.create)} to create, {len(import_plan.change)} to change, "
        f"{len(import_plan.deactivate)} to deactivate, {len(import_plan.rejected)} rows refused, "
        f"{import_plan.unchanged} up to date"
    )
    if dry_run:
        db.session.rollback()
        click.echo(f"users import: dry run, nothing changed: {summary}")
        return
    try:
        applied = people_import.apply(import_plan, actor=None, source=f"command line: {file.name}")
    except FieldError as error:
        db.session.rollback()
        raise click.ClickException(error.message) from error
    db.session.commit()
    click.echo(
        f"users import: {applied.created} created, {applied.changed} changed, {applied.deactivated} deactivated, "
        f"{len(import_plan.rejected)} rows refused"
    )


@users.command("sign-out-everyone")
@click.confirmation_option(prompt="Sign every person out of every device?")
def sign_out_everyone():
    """End every session (after a suspected break-in); people sign in again with their passwords."""
    ended = db.session.execute(delete(UserSession)).rowcount
    audit.record(None, "everyone_signed_out", sessions_ended=ended)
    db.session.commit()
    click.echo(f"users sign-out-everyone: {ended} sessions ended.")


@click.command()
def housekeeping():
    """Delete expired sessions, old sign-in attempts (summarising failures on addresses with no
    account in the audit log first), applied search outbox rows, request drafts never sent (with
    their uploads), expired password reset links and day-old people imports; anonymise contacts
    without an account whose last request closed over CONTACT_RETENTION_MONTHS ago."""
    ended = sessions.delete_expired()
    start_of_today = datetime.combine(clock.today(), time(), tzinfo=clock.UK)
    summaries = auth_services.summarise_unknown_address_failures(before=start_of_today)
    pruned = db.session.execute(
        delete(LoginAttempt).where(LoginAttempt.attempted_at < clock.now() - timedelta(days=1))
    ).rowcount
    # Only rows every live host's index has applied (a host away longer rebuilds when it is back).
    outbox = search_index.prune_outbox()
    drafts = raising.discard_stale_drafts()
    links = reset.delete_expired()
    uploads = people_import.delete_old_uploads()
    anonymised = contacts.anonymise_expired()
    db.session.commit()
    click.echo(
        f"housekeeping: {ended} expired sessions, {pruned} old sign-in attempts "
        f"({summaries} summaries of failures on unknown addresses written), "
        f"{outbox} old search outbox rows, {drafts} week-old request drafts, "
        f"{links} expired password reset links, {uploads} day-old people imports removed; "
        f"{anonymised} contacts without an account anonymised (CONTACT_RETENTION_MONTHS)"
    )


@click.group("files")
def files_group():
    """Uploaded files (kept in the database)."""


@files_group.command("import")
@click.option(
    "--folder",
    type=click.Path(file_okay=False, path_type=Path),
    help="The folder files were kept in (default: this host's UPLOAD_DIR).",
)
def files_import(folder: Path | None) -> None:
    """Copy into the database the files still only in this host's upload folder (kept there before
    migration 0029; the migration copied the files of the host it ran on). Run once on each other
    host; safe to run again. The folder is left as it is: remove it by hand afterwards."""
    folder = folder or Path(current_app.config["UPLOAD_DIR"])
    copied, missing = files.import_folder(folder)
    db.session.commit()
    click.echo(f"files import: {copied} files copied from {folder}, {missing} referred to but not there")


@click.group()
def search():
    """The search index: reindex, status, optimize, apply."""


@search.command("reindex")
@click.option("--if-missing", is_flag=True, help="Only build an index if there is none yet.")
def search_reindex(if_missing):
    """Rebuild the index from the database and swap it in atomically."""
    if if_missing and (Path(current_app.config["SEARCH_INDEX_DIR"]) / "current").exists():
        if search_index.is_current_schema():
            click.echo("search: an index exists; nothing to do.")
            return
        click.echo("search: the index was built with an older schema; rebuilding it")
    search_index.reindex(progress=click.echo)
    click.echo("search: merging segments (the new index is already in use)")
    search_index.optimize()
    click.echo("search: done")


@search.command("follow")
@click.option("--interval", default=0.5, show_default=True, help="Seconds between looks at the outbox.")
def search_follow(interval):
    """The search worker: apply changes to this host's index as they come, until stopped (SIGTERM
    or Ctrl-C). Run one on every host beside the web workers; searches then leave applying to it."""
    stop = threading.Event()
    for signal_number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signal_number, lambda *_: stop.set())
    click.echo(f"search: following the outbox every {interval:g} seconds (SIGTERM or Ctrl-C stops)")
    search_index.follow(stop, interval=interval, report=lambda count: click.echo(f"search: {count} objects indexed"))
    click.echo("search: stopped")


@search.command("status")
def search_status():
    """Whether the index can be read, documents per kind in the database and in the index, and
    outbox rows not yet applied. Exits 1 when there is no usable index (never creates one)."""
    health = search_index.readiness()
    if not health["ok"]:
        click.echo(f"index: not usable: {health['detail']}")
        raise SystemExit(1)
    click.echo(f"index: generation {health['generation']}, {health['documents']} documents, readable")
    report = search_index.status()
    click.echo(f"index: {report['directory']}")
    for kind, count in report["database"].items():
        click.echo(f"  {kind:<10} database {count:>7}   index {report['index'].get(kind, 0):>7}")
    click.echo(f"  pending outbox rows: {report['pending']}")
    if not search_index.is_current_schema():
        click.echo("  the index was built with an older schema: run `flask search reindex`")


@search.command("optimize")
def search_optimize():
    """Merge the index segments into one."""
    search_index.optimize()
    click.echo("search: index optimized")


@search.command("apply")
def search_apply():
    """Apply pending outbox rows now (normally done after each change)."""
    click.echo(f"search: {search_index.apply_pending(wait=30)} objects indexed")


@click.group()
def mail():
    """The email outbox: send-pending (cron, every minute) or follow (a worker), status."""


@mail.command("send-pending")
@click.option("--limit", default=500, show_default=True, help="Send at most this many messages.")
@click.option(
    "--all",
    "include_waiting",
    is_flag=True,
    help="Also send messages waiting for their next retry (after fixing the mail server).",
)
@click.option("--quiet", is_flag=True, help="Print nothing when there was nothing to send (for cron).")
def mail_send_pending(limit, include_waiting, quiet):
    """Send queued messages that are due. Safe to run often and side by side: each message is
    claimed before it is sent. Exits 0 when the server is down (messages stay queued)."""
    result = mail_outbox.send_pending(limit=limit, include_waiting=include_waiting)
    if quiet and not (result["sent"] or result["failed"] or result["error"]):
        return
    click.echo(f"mail: {result['sent']} sent, {result['failed']} failed, {result['waiting']} waiting")
    if result["error"]:
        click.echo(
            f"mail: the mail server could not be used ({result['error']}); "
            "messages stay queued and are retried with back-off"
        )


@mail.command("follow")
@click.option(
    "--interval",
    default=mail_outbox.FOLLOW_INTERVAL_SECONDS,
    show_default=True,
    help="Seconds between looks at the outbox.",
)
def mail_follow(interval):
    """The mail worker: send queued messages as they come, until stopped (SIGTERM or Ctrl-C).
    Run one (or several: messages are claimed) beside the web workers instead of cron."""
    stop = threading.Event()
    for signal_number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signal_number, lambda *_: stop.set())
    click.echo(f"mail: following the outbox every {interval:g} seconds (SIGTERM or Ctrl-C stops)")

    def report(result):
        if result["sent"] or result["failed"]:
            click.echo(f"mail: {result['sent']} sent, {result['failed']} failed, {result['waiting']} waiting")

    mail_outbox.follow(stop, interval=interval, report=report)
    click.echo("mail: stopped")


@mail.command("status")
def mail_status():
    """Messages waiting, the oldest one's age and the latest error."""
    report = mail_outbox.status()
    click.echo(f"mail: backend {report['backend']}")
    click.echo(
        f"  pending: {report['pending']} ({report['due']} due now, {report['sending']} being sent, "
        f"{report['failing']} failed at least once)"
    )
    age = report["oldest_age"]
    click.echo(f"  oldest pending: {_age(age) if age is not None else '-'}")
    click.echo(f"  sent in the last 24 hours: {report['sent_last_day']}")
    click.echo(f"  last error: {report['last_error'] or '-'}")


def _age(delta) -> str:
    seconds = max(int(delta.total_seconds()), 0)
    if seconds < 120:
        return f"{seconds} seconds"
    if seconds < 2 * 3600:
        return f"{seconds // 60} minutes"
    if seconds < 2 * 86400:
        return f"{seconds // 3600} hours"
    return f"{seconds // 86400} days"


@click.group("requests")
def requests_group():
    """Service requests: scheduled jobs."""


@requests_group.command("close-resolved")
def close_resolved():
    """Close requests resolved more than 5 working days ago and not reopened (cron-safe)."""
    closed = workflow.close_resolved()
    db.session.commit()
    click.echo(f"requests: {closed} resolved requests closed")


@requests_group.command("sla-alerts")
def sla_alerts_command():
    """Warn assignees of requests reaching their warning point and tell managers of breaches;
    each alert once (cron-safe: run every few minutes, two at once send each alert once)."""
    sent = sla_alerts.send_alerts()
    click.echo(f"requests: {sent.warnings} SLA warnings and {sent.breaches} breaches sent")


@requests_group.command("approval-reminders")
@click.option("--after-days", default=approvals.REMINDER_WORKING_DAYS, show_default=True, help="Working days waiting")
def approval_reminders(after_days):
    """Remind approvers of steps waiting more than --after-days working days (once a day; cron-safe)."""
    reminded = approvals.send_reminders(after_working_days=after_days)
    db.session.commit()
    click.echo(f"requests: {reminded} approval reminders sent")


@click.group()
def notices():
    """Notices: scheduled jobs."""


@notices.command("send-digests")
def send_digests():
    """Queue today's digest email for everyone with something waiting (cron, each working morning;
    once per person and day however often it runs)."""
    sent = digests.send_digests()
    click.echo(f"notices: {sent} digests queued")


@click.group("reports")
def reports():
    """Performance reporting: scheduled jobs."""


@reports.command("send-monthly")
@click.option("--month", default=None, help="YYYY-MM (a whole month gone by); the last one if left out.")
def send_monthly(month):
    """Email the monthly performance pack to the people named, once per month (cron-safe)."""
    first = pack.parse_month(month) if month else pack.last_complete_month()
    if first is None:
        raise click.BadParameter("give a whole month gone by, as YYYY-MM", param_hint="--month")
    base_url = current_app.config.get("BASE_URL", "http://127.0.0.1:5000")
    with current_app.test_request_context("/", base_url=base_url):
        sent = pack.send_monthly(first)
        db.session.commit()
    if sent is None:
        click.echo(f"reports: the pack for {first:%B %Y} was sent already")
    else:
        click.echo(f"reports: the pack for {first:%B %Y} queued for {sent.recipients} people")
