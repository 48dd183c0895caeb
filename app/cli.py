"""Command-line tasks: demo data, people, housekeeping."""
import click
from flask import current_app
from sqlalchemy import delete

from app import clock, demo
from app.extensions import db


def register(app) -> None:
    app.cli.add_command(seed_demo)
    app.cli.add_command(users)
    app.cli.add_command(housekeeping)
    app.cli.add_command(search)


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
    from app.admin.services import create_person
    from app.validation import FieldError

    try:
        person = create_person(name=name, email=email, team_id=None, roles=["admin"], password=password, actor=None)
    except FieldError as error:
        raise click.ClickException(error.message) from error
    db.session.commit()
    click.echo(f"Administrator {person.email} created.")


@click.command()
def housekeeping():
    """Delete expired sessions, old sign-in attempts and applied search outbox rows."""
    from datetime import timedelta

    from app.auth import sessions
    from app.models import LoginAttempt, SearchOutbox

    ended = sessions.delete_expired()
    pruned = db.session.execute(
        delete(LoginAttempt).where(LoginAttempt.attempted_at < clock.now() - timedelta(days=1))
    ).rowcount
    # Every index applies rows within seconds; a week leaves room for a host that was down.
    outbox = db.session.execute(
        delete(SearchOutbox).where(SearchOutbox.created_at < clock.now() - timedelta(days=7))
    ).rowcount
    db.session.commit()
    click.echo(f"housekeeping: {ended} expired sessions, {pruned} old sign-in attempts, "
               f"{outbox} old search outbox rows removed")


@click.group()
def search():
    """The search index: reindex, status, optimize, apply."""


@search.command("reindex")
@click.option("--if-missing", is_flag=True, help="Only build an index if there is none yet.")
def search_reindex(if_missing):
    """Rebuild the index from the database and swap it in atomically."""
    from pathlib import Path

    from app.search import index

    if if_missing and (Path(current_app.config["SEARCH_INDEX_DIR"]) / "current").exists():
        click.echo("search: an index exists; nothing to do.")
        return
    index.reindex(progress=click.echo)
    click.echo("search: merging segments (the new index is already in use)")
    index.optimize()
    click.echo("search: done")


@search.command("status")
def search_status():
    """Documents per kind in the database and in the index, and outbox rows not yet applied."""
    from app.search import index

    report = index.status()
    click.echo(f"index: {report['directory']}")
    for kind, count in report["database"].items():
        click.echo(f"  {kind:<10} database {count:>7}   index {report['index'].get(kind, 0):>7}")
    click.echo(f"  pending outbox rows: {report['pending']}")


@search.command("optimize")
def search_optimize():
    """Merge the index segments into one."""
    from app.search import index

    index.optimize()
    click.echo("search: index optimized")


@search.command("apply")
def search_apply():
    """Apply pending outbox rows now (normally done after each change)."""
    from app.search import index

    click.echo(f"search: {index.apply_pending(wait=30)} objects indexed")
