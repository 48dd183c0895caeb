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
    """Delete expired sessions and sign-in attempts older than a day."""
    from datetime import timedelta

    from app.auth import sessions
    from app.models import LoginAttempt

    ended = sessions.delete_expired()
    pruned = db.session.execute(
        delete(LoginAttempt).where(LoginAttempt.attempted_at < clock.now() - timedelta(days=1))
    ).rowcount
    db.session.commit()
    click.echo(f"housekeeping: {ended} expired sessions, {pruned} old sign-in attempts removed")
