"""A request commits or rolls back once, on SQLite as on PostgreSQL: work done in a savepoint
(validation.saving, slugs.assign) is undone with the rest when the request does not commit, even
when the savepoint came before the request's first write (app/__init__.py begins SQLite's
transaction for it)."""

from sqlalchemy import func, select

from app.extensions import db
from app.models import Team
from app.validation import saving


def _teams_named(name: str) -> int:
    return db.session.scalar(select(func.count()).select_from(Team).where(Team.name == name))


def test_a_savepoint_before_any_write_is_undone_with_the_rest(app):
    db.session.scalar(select(func.count()).select_from(Team))  # a read first, as a request does
    with db.session.begin_nested():
        db.session.add(Team(name="Saved in a savepoint"))
    db.session.rollback()  # the request went on to fail
    assert _teams_named("Saved in a savepoint") == 0


def test_a_form_saved_through_saving_then_refused_keeps_nothing(app):
    with saving("name", "That name is taken"):
        db.session.add(Team(name="Refused later"))
    # A later check refuses the form (422): the request ends without committing.
    db.session.rollback()
    assert _teams_named("Refused later") == 0
    # ...and one that commits keeps it.
    with saving("name", "That name is taken"):
        db.session.add(Team(name="Kept"))
    db.session.commit()
    assert _teams_named("Kept") == 1
