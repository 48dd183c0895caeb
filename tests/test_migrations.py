"""The migrations build the whole schema from empty, match the models, and undo cleanly."""
import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from app import create_app
from app.extensions import db
from tests.conftest import config_for_tests


@pytest.fixture
def empty_database(tmp_path, database_uri):
    """A brand-new empty database of the same kind the suite runs on."""
    url = make_url(database_uri)
    if url.get_backend_name() != "postgresql":
        yield f"sqlite:///{tmp_path / 'migrations.sqlite'}"
        return
    name = f"staffroom_migrations_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def migrations_app(tmp_path_factory, empty_database):
    app = create_app(config_for_tests(tmp_path_factory, empty_database))
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


def test_upgrade_from_empty_builds_every_table(migrations_app):
    upgrade()
    tables = set(inspect(db.engine).get_table_names())
    assert {table.name for table in db.metadata.sorted_tables} <= tables
    assert "alembic_version" in tables


def test_models_match_the_migrations(migrations_app):
    upgrade()
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, db.metadata)
    assert differences == [], "a model change has no migration: run `flask db migrate`"


def test_downgrade_to_empty_and_upgrade_again(migrations_app):
    upgrade()
    downgrade(revision="base")
    assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
    upgrade()
    assert "users" in inspect(db.engine).get_table_names()
