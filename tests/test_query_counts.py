"""List pages cost the same number of SQL statements whatever the number of rows (no N+1)."""
from contextlib import contextmanager

import pytest
from sqlalchemy import event

from app.extensions import db
from tests.factories import make_article, make_category, make_team, make_user, signed_in_client
from tests.ideas.helpers import make_idea


@contextmanager
def counting_statements(app):
    statements = []
    with app.app_context():
        engine = db.engine

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def statements_for(app, client, path) -> int:
    client.get(path)  # warm: the session record's last-seen write and caches settle
    with counting_statements(app) as statements:
        response = client.get(path)
    assert response.status_code == 200
    return len(statements)


@pytest.mark.parametrize("path, make", [
    ("/admin/people?status=all", lambda n: [make_user(team=make_team(), roles=["agent"]) for _ in range(n)]),
    ("/ideas?sort=newest", lambda n: [make_idea(tags="templates, forms") for _ in range(n)]),
    ("/kb/recent", lambda n: [make_article(tags="rooms, booking", category=make_category()) for _ in range(n)]),
])
def test_list_pages_do_not_query_once_per_row(app, path, make):
    client = signed_in_client(app, make_user(roles=["admin", "editor"]))
    make(5)
    few = statements_for(app, client, path)
    make(15)
    many = statements_for(app, client, path)
    assert many == few, f"{path}: {few} statements with 5 rows, {many} with 20"
