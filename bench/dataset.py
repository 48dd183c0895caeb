"""The database the benchmarks run on: an app for a database URL, migrated and, when empty,
seeded with bench/seed_large.py (and its search index built), shared by every benchmark."""

import os
import sys
import time
from pathlib import Path

BENCH_DIR = Path(os.environ.get("BENCH_DIR", "/tmp/staffroom-bench"))


def build_app(database_url: str, workdir: Path):
    """The app as production would build it from the environment, on `database_url`. The search
    index of a kept dataset lives in BENCH_DIR, named after its database, so it is built once;
    a throwaway database's index and every upload go to the run's `workdir`."""
    from sqlalchemy.engine import make_url

    name = Path(make_url(database_url).database or "memory").stem
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
    index_root = BENCH_DIR if not database_url.startswith(f"sqlite:///{workdir}") else workdir
    os.environ["SEARCH_INDEX_DIR"] = str(index_root / f"search-index-{name}")
    os.environ["UPLOAD_DIR"] = str(workdir / "uploads")
    from app import create_app

    return create_app()


def prepare(app, scale: float = 1.0) -> dict:
    """Migrate; seed an empty database at `scale` (1.0: 50,000 requests, 20,000 ideas, 10,000
    articles, 500 people) and build its search index; return what the database holds."""
    from flask_migrate import upgrade
    from sqlalchemy import func, inspect, select

    from app import search as search_index
    from app.extensions import db
    from app.models import Article, Idea, ServiceRequest, User

    with app.app_context():
        empty = "users" not in inspect(db.engine).get_table_names() or not db.session.scalar(
            select(func.count(User.id))
        )
        # End the read's transaction first: on PostgreSQL it holds a lock on users that a migration
        # altering users (from its own connection) would wait for forever.
        db.session.commit()
        upgrade()
        if empty:
            from bench.seed_large import seed_large

            started = time.perf_counter()
            seed_large(scale, progress=lambda line: print(f"  seed: {line}", file=sys.stderr))
            print(f"  seeded in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        if empty or not search_index.is_current_schema():
            started = time.perf_counter()
            search_index.reindex()
            print(f"  search index built in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        return {
            name: db.session.scalar(select(func.count()).select_from(model))
            for name, model in (("requests", ServiceRequest), ("ideas", Idea), ("articles", Article), ("people", User))
        }


def admin_email(app) -> str:
    from sqlalchemy import select

    from app.extensions import db
    from app.models import User
    from app.models.user import UserRole

    with app.app_context():
        return db.session.scalar(
            select(User.email)
            .join(UserRole, UserRole.user_id == User.id)
            .where(UserRole.role == "admin", User.active.is_(True))
            .order_by(User.id)
            .limit(1)
        )


def ensure_database(url: str) -> None:
    """Create a PostgreSQL database named in `url` if it does not exist (SQLite files create
    themselves)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        return
    server = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        if not connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": parsed.database}):
            connection.execute(text(f'CREATE DATABASE "{parsed.database}"'))
    server.dispose()
