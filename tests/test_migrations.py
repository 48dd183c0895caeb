"""The migrations build the whole schema from empty, match the models, and undo cleanly."""

import re
import uuid
from datetime import datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import CheckConstraint, create_engine, insert, inspect, sql, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, IntegrityError

from app import clock, create_app
from app.extensions import db
from app.models import (
    ROLES,
    Article,
    FieldKind,
    IdeaStatus,
    IdeaStatusChange,
    RequestAnswer,
    Role,
    UserRole,
)
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


def test_upgrading_to_0010_counts_the_votes_each_idea_already_has(migrations_app):
    upgrade(revision="0009")
    at = datetime(2026, 3, 16, 10, 0)
    with db.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO users (id, email, name, password_hash, active, created_at, version) "
                "VALUES (:id, :email, 'Person', 'not-a-hash', :active, :at, 1)"
            ),
            [
                {"id": number, "email": f"person{number}@staffroom.test", "active": True, "at": at}
                for number in range(1, 5)
            ],
        )
        connection.execute(
            text(
                "INSERT INTO ideas (id, title, description, author_id, anonymous, expected_quality, status, "
                "status_reason, created_at, updated_at) "
                "VALUES (:id, :title, 'Text', 1, :anonymous, '', 'new', '', :at, :at)"
            ),
            [{"id": number, "title": f"Idea {number}", "anonymous": False, "at": at} for number in range(1, 4)],
        )
        connection.execute(
            text("INSERT INTO idea_votes (idea_id, user_id, created_at) VALUES (:idea, :user, :at)"),
            [{"idea": idea, "user": user, "at": at} for idea, user in [(1, 1), (1, 2), (1, 4), (2, 3)]],
        )

    upgrade(revision="0010")

    with db.engine.begin() as connection:
        counts = dict(connection.execute(text("SELECT id, vote_count FROM ideas")).all())
    assert counts == {1: 3, 2: 1, 3: 0}
    with pytest.raises(IntegrityError), db.engine.begin() as connection:
        connection.execute(text("UPDATE ideas SET vote_count = -1 WHERE id = 3"))


def test_the_database_refuses_to_change_or_delete_audit_events(migrations_app):
    """Migration 0011: a trigger keeps the audit log append-only whatever the client."""
    upgrade()
    with db.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO audit_events (at, action, subject_type, details, ip) "
                "VALUES (:at, 'sign_in', '', '{}', '10.0.0.1')"
            ),
            {"at": datetime(2026, 3, 2, 9, 0)},
        )
    for statement in ("UPDATE audit_events SET action = 'nothing_happened'", "DELETE FROM audit_events"):
        with pytest.raises(DBAPIError, match="append-only"), db.engine.begin() as connection:
            connection.execute(text(statement))
    with db.engine.connect() as connection:
        assert connection.execute(text("SELECT action FROM audit_events")).scalars().all() == ["sign_in"]


def _checks(table) -> dict[str, set[str]]:
    """A model table's check constraints: {name: the quoted values it lists}."""
    return {
        str(constraint.name): set(re.findall(r"'([^']*)'", str(constraint.sqltext)))
        for constraint in table.constraints
        if isinstance(constraint, CheckConstraint)
    }


def test_the_migrations_give_every_check_constraint_of_the_models(migrations_app):
    """compare_metadata() leaves out check constraints: these are compared by name, and the
    statuses, roles and kinds each allows (check_in in app/models) by their values."""
    upgrade()
    inspector = inspect(db.engine)
    for table in db.metadata.sorted_tables:
        in_database = {
            check["name"]: set(re.findall(r"'([^']*)'", check["sqltext"]))
            for check in inspector.get_check_constraints(table.name)
        }
        assert in_database == _checks(table), table.name


def test_known_values_come_from_the_enums():
    assert _checks(Article.__table__)["ck_articles_known_status"] == {"draft", "published", "archived"}
    assert _checks(UserRole.__table__)["ck_user_roles_known_role"] == set(ROLES) == set(Role) - {Role.STAFF}
    assert _checks(IdeaStatusChange.__table__)["ck_idea_status_changes_known_to_status"] == set(IdeaStatus)
    assert _checks(RequestAnswer.__table__)["ck_request_answers_known_kind"] == set(FieldKind)


def test_upgrading_to_0013_stops_at_a_value_the_code_does_not_know(migrations_app, capfd):
    upgrade(revision="0012")
    at = datetime(2026, 3, 16, 10, 0)
    with db.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO users (id, email, name, password_hash, active, created_at, version) "
                "VALUES (1, 'person@staffroom.test', 'Person', 'not-a-hash', :active, :at, 1)"
            ),
            {"active": True, "at": at},
        )
        connection.execute(
            text(
                "INSERT INTO ideas (id, title, description, author_id, anonymous, expected_quality, status, "
                "status_reason, created_at, updated_at, vote_count) "
                "VALUES (1, 'Idea', 'Text', 1, :anonymous, '', 'planned', '', :at, :at, 0)"
            ),
            {"anonymous": False, "at": at},
        )
        connection.execute(
            text(
                "INSERT INTO idea_status_changes (idea_id, actor_id, from_status, to_status, note, "
                "created_at) VALUES (1, 1, 'new', 'shelved', '', :at)"
            ),
            {"at": at},
        )
    with pytest.raises(SystemExit):  # how Flask-Migrate ends on a migration's RuntimeError
        upgrade(revision="0013")
    assert "idea_status_changes.to_status holds values the code does not know: ['shelved']" in capfd.readouterr().err

    with db.engine.begin() as connection:
        connection.execute(text("UPDATE idea_status_changes SET to_status = 'planned'"))
    upgrade(revision="0013")
    with pytest.raises(IntegrityError), db.engine.begin() as connection:
        connection.execute(text("UPDATE idea_status_changes SET from_status = 'shelved'"))


def _writer_and_article_as_at_0026() -> tuple[int, int]:
    """A person and their article written with only the columns given (`users` has more columns
    now, which the ORM would write and read): (person id, article id)."""
    from app.models import Article  # noqa: PLC0415  the table as it is at 0026 for this
    from tests.factories import make_category  # noqa: PLC0415

    category = make_category()
    # users as it stood at 0026 (a lightweight table: the model's later columns have defaults the
    # model would write).
    users_at_0026 = sql.table(
        "users",
        sql.column("id"),
        sql.column("email"),
        sql.column("name"),
        sql.column("password_hash"),
        sql.column("job_title"),
        sql.column("active"),
        sql.column("created_at"),
        sql.column("version"),
    )
    writer_id = db.session.execute(
        insert(users_at_0026)
        .values(
            email="writer@council.test",
            name="Wendy Writer",
            password_hash="",
            job_title="",
            active=True,
            created_at=clock.now(),
            version=1,
        )
        .returning(users_at_0026.c.id)
    ).scalar_one()
    article_id = db.session.execute(
        insert(Article.__table__)
        .values(
            slug="expenses",
            title="Expenses",
            summary="Claiming",
            body="Guidance",
            category_id=category.id,
            owner_id=writer_id,
            status="published",
        )
        .returning(Article.__table__.c.id)
    ).scalar_one()
    return writer_id, article_id


def test_upgrading_to_0029_copies_the_uploaded_files_into_the_database_and_leaves_the_folder(migrations_app, capfd):
    """Expand only: every file a row refers to (an article's attachment, a request draft's file)
    is copied from UPLOAD_DIR; one that is not there is skipped with a warning; the folder stays."""
    from app.models import Attachment, RequestDraft  # noqa: PLC0415  the models as they are at 0026 for these
    from tests.factories import make_team  # noqa: PLC0415

    upgrade(revision="0026")
    folder = Path(migrations_app.config["UPLOAD_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    attached, drafted, lost = "a" * 32, "d" * 32, "f" * 32
    (folder / attached).write_bytes(b"%PDF-1.4 minutes")
    (folder / drafted).write_bytes(b"name,room\n")
    writer_id, article_id = _writer_and_article_as_at_0026()
    # The service by SQL as the tables stood at 0026: the models have columns added since.
    team = make_team()
    now = datetime(2026, 12, 1, 9, 0)
    db.session.execute(text("INSERT INTO service_categories (name, slug) VALUES ('Scanning', 'scanning')"))
    service_id = db.session.execute(
        text(
            "INSERT INTO services (name, slug, summary, description, keywords, category_id, team_id, resolution_days,"
            " audience, active, created_at, updated_at, version) SELECT 'Scanning', 'scanning', 'We scan', '', '',"
            " id, :team_id, 3, 'everyone', :active, :now, :now, 1 FROM service_categories RETURNING id"
        ),
        {"team_id": team.id, "active": True, "now": now},
    ).scalar_one()
    for stored_name in (attached, lost):
        db.session.add(
            Attachment(
                article_id=article_id,
                stored_name=stored_name,
                filename="minutes.pdf",
                file_type="pdf",
                content_type="application/pdf",
                size=16,
                uploaded_by_id=writer_id,
            )
        )
    # Only the columns a draft had at 0026 (the model has gained some since).
    db.session.execute(
        RequestDraft.__table__.insert().values(
            token="t" * 32,
            service_id=service_id,
            user_id=writer_id,
            subject="",
            description="",
            answers={},
            files={"1": {"stored_name": drafted, "filename": "rooms.csv", "content_type": "text/csv; charset=utf-8"}},
            created_at=clock.now(),
            updated_at=clock.now(),
        )
    )
    db.session.commit()
    db.session.remove()

    def stored() -> dict:
        with db.engine.connect() as connection:
            rows = connection.execute(text("SELECT name, data, size, content_type FROM stored_files")).all()
        return {name: (bytes(data), size, content_type) for name, data, size, content_type in rows}

    upgrade(revision="0029")
    expected = {
        attached: (b"%PDF-1.4 minutes", 16, "application/pdf"),
        drafted: (b"name,room\n", 10, "text/csv; charset=utf-8"),
    }
    assert stored() == expected
    assert f"{lost} is referred to but is not in {folder}; skipped" in capfd.readouterr().err
    assert sorted(path.name for path in folder.iterdir()) == [attached, drafted]  # left in place

    downgrade(revision="0026")  # and again: the same copies, nothing twice
    upgrade(revision="0029")
    assert stored() == expected
