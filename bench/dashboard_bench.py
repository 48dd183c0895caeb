"""Dashboard benchmark: how long each dashboard page takes to render at production scale
(50,000 requests, 20,000 ideas, 10,000 articles from bench/seed_large.py), signed in as a real
person, through the whole Flask stack (routing, session, SQL, templates), in process.

    python -m bench.dashboard_bench                                   # temporary SQLite, seeded
    python -m bench.dashboard_bench --database-url postgresql+psycopg://postgres@127.0.0.1:5432/bench
    python -m bench.dashboard_bench --database-url sqlite:////tmp/large.sqlite --keep   # reuse a seeded file
    python -m bench.dashboard_bench --sql /dashboard                  # each SQL statement's time, one page
    python -m bench.dashboard_bench --profile /dashboard              # cProfile of one page

An empty database is migrated and seeded first (scale 1.0, a few minutes); a database that
already has people is used as it is. A temporary SQLite database is removed at the end unless
--keep. Not part of the test suite (see docs/performance.md).
"""

import argparse
import cProfile
import gc
import io
import os
import platform
import pstats
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench import dataset

# Every tab, each with its comparisons (the period before and a year earlier); the longest period
# (18 months: the most rows, and a period before that is not a year earlier) where it counts.
PAGES = (
    "/dashboard",
    "/dashboard?period=4w",
    "/dashboard?period=13w",
    "/dashboard?period=18m",
    "/dashboard/demand",
    "/dashboard/ideas",
    "/dashboard/ideas?period=18m",
    "/dashboard/knowledge",
    "/dashboard/knowledge?period=18m",
    "/dashboard/people",
    "/dashboard/people?period=18m",
    "/dashboard/resilience",
    "/dashboard/pack",
)
# Timed the same way in the same run: how fast this machine answers a page with no figures at
# all, so that runs on a busy, shared machine can be read against each other.
REFERENCE = "/healthz"
TARGET_P95_MS = 150.0


def nearest_rank(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[max(1, -(-len(ordered) * round(fraction * 1000) // 1000)) - 1]


def sign_in(app):
    email = dataset.admin_email(app)  # an admin sees every page, the per-person figures included
    app.config["WTF_CSRF_ENABLED"] = False  # the benchmark signs in with a plain POST
    client = app.test_client()
    response = client.post("/sign-in", data={"email": email, "password": "staffroom-demo"})
    if response.status_code != 303:
        sys.exit(f"could not sign in as {email}: {response.status_code}")
    return client


def time_pages(client, pages, repeats: int, warmup: int) -> dict[str, list[float]]:
    timings = {}
    for page in pages:
        for _ in range(warmup):
            client.get(page)
        times = []
        for _ in range(repeats):
            started = time.perf_counter()
            response = client.get(page)
            times.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                sys.exit(f"{page} answered {response.status_code}")
        timings[page] = times
    return timings


def statement_times(app, client, page: str) -> None:
    from sqlalchemy import event

    from app.extensions import db

    with app.app_context():
        engine = db.engine
    log = []

    def before(conn, cursor, statement, parameters, context, executemany):
        context._bench_started = time.perf_counter()

    def after(conn, cursor, statement, parameters, context, executemany):
        log.append(((time.perf_counter() - context._bench_started) * 1000, " ".join(statement.split())))

    client.get(page)
    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "after_cursor_execute", after)
    started = time.perf_counter()
    client.get(page)
    total = (time.perf_counter() - started) * 1000
    event.remove(engine, "before_cursor_execute", before)
    event.remove(engine, "after_cursor_execute", after)
    for ms, statement in log:
        print(f"{ms:8.1f} ms  {statement[:160]}")
    print(
        f"{len(log)} statements, {sum(ms for ms, _ in log):.1f} ms executing (fetching not included) "
        f"of {total:.1f} ms for the page"
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="default: a temporary SQLite file")
    parser.add_argument(
        "--scale", type=float, default=1.0, help="dataset size for an empty database (1.0 = 50,000 requests)"
    )
    parser.add_argument("--repeats", type=int, default=40)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the temporary SQLite database")
    parser.add_argument("--sql", metavar="PAGE", help="print each SQL statement's time for one page")
    parser.add_argument("--profile", metavar="PAGE", help="cProfile one page")
    parser.add_argument(
        "--cached",
        action="store_true",
        help="keep the figures cache on (as in production); by default every render computes every figure",
    )
    parser.add_argument(
        "--page",
        action="append",
        dest="pages",
        metavar="PAGE",
        help="time these pages instead of the dashboard's (repeatable), e.g. --page /ideas",
    )
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="staffroom-dashboard-bench-"))
    database_url = args.database_url or f"sqlite:///{workdir / 'bench.sqlite'}"
    os.environ["DASHBOARD_CACHE_SECONDS"] = os.environ.get("DASHBOARD_CACHE_SECONDS", "60") if args.cached else "0"
    dataset.ensure_database(database_url)
    app = dataset.build_app(database_url, workdir)
    counts = dataset.prepare(app, args.scale)
    client = sign_in(app)
    # As each gunicorn worker does once started (gunicorn.conf.py): what start-up loaded is frozen,
    # so a full garbage collection does not walk it in the middle of a page.
    gc.collect()
    gc.freeze()
    print(f"# Dashboard benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"database: {app.config['SQLALCHEMY_DATABASE_URI'].split(':')[0]}"
    )
    print("dataset: " + ", ".join(f"{count:,} {name}" for name, count in counts.items()))

    if args.sql:
        statement_times(app, client, args.sql)
    elif args.profile:
        client.get(args.profile)
        profiler = cProfile.Profile()
        profiler.enable()
        client.get(args.profile)
        profiler.disable()
        out = io.StringIO()
        order = os.environ.get("BENCH_PROFILE_SORT", "cumulative")  # or "tottime": where the time is spent
        pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(30)
        print(out.getvalue())
    else:
        reference = time_pages(client, [REFERENCE], args.repeats, args.warmup)[REFERENCE]
        timings = time_pages(client, args.pages or PAGES, args.repeats, args.warmup)
        print(f"\n{args.repeats} renders of each page after {args.warmup} to warm up (ms):\n")
        print("| Page | p50 | p95 | max |")
        print("|---|---:|---:|---:|")
        for page, times in timings.items():
            print(f"| `{page}` | {statistics.median(times):.0f} | {nearest_rank(times, 0.95):.0f} | {max(times):.0f} |")
        print(
            f"| reference `{REFERENCE}` | {statistics.median(reference):.1f} | "
            f"{nearest_rank(reference, 0.95):.1f} | {max(reference):.1f} |"
        )
        worst = max(nearest_rank(times, 0.95) for times in timings.values())
        print(
            f"\nslowest p95 {worst:.0f} ms (target ≤ {TARGET_P95_MS:.0f} ms): "
            f"{'met' if worst <= TARGET_P95_MS else 'NOT met'}"
        )
    if not args.database_url and not args.keep:
        import shutil

        shutil.rmtree(workdir, ignore_errors=True)
    elif not args.database_url:
        print(f"kept: {database_url}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
