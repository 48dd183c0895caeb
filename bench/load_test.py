"""Load test: gunicorn on 127.0.0.1 under locust, on the large dataset, with the database checked
against every write the users were told succeeded.

    python -m bench.load_test                                    # temporary SQLite, seeded (a few minutes)
    python -m bench.load_test --database-url sqlite:////tmp/large.sqlite
    python -m bench.load_test --database-url postgresql+psycopg://postgres@127.0.0.1:5432/staffroom_bench

One run, in this order, every phase bounded in time:
1. `/healthz` alone at full speed (20 users, no think time): the ceiling of this machine and server.
2. Each key page alone at full speed, signed in: its throughput as a share of the ceiling.
3. The realistic mix (bench/locustfile.py `StaffUser`: 20 signed-in people with 1–3 s think time)
   twice in a row, with each gunicorn worker's resident memory after each (growth = a leak).
4. The database against the ledger of successful votes and requests: nothing lost, nothing doubled.

locust runs from its own virtualenv (`.venv-bench`, requirements-bench.txt), so its packages never
mix with the application's. Not part of the test suite (see docs/performance.md).
"""

import argparse
import csv
import json
import os
import platform
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from bench import dataset

ROOT = Path(__file__).resolve().parent.parent
LOCUST = ROOT / ".venv-bench" / "bin" / "locust"
GUNICORN = Path(sys.executable).parent / "gunicorn"
# The last is the floor of a signed-in page: the layout, the session and nothing else.
KEY_PAGES = (
    "/",
    "/ideas",
    "/kb/{article}",
    "/search?q=annual+leave",
    "/requests/queue",
    "/dashboard",
    "/accessibility",
)
READ_TARGET_MS, WRITE_TARGET_MS, RATIO_TARGET = 100, 200, 0.25
WRITES = ("/ideas/<id>/vote (htmx)", "/services/<slug>/request", "/services/<slug>/request/<token> (send)")
# Signing in is set-up, not part of the measured mix: argon2id is slow on purpose (RFC 9106's
# profile), and the statistics are reset once every user has signed in.
SET_UP = ("/sign-in",)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def plan(app, workdir: Path, users: int) -> dict:
    """Who signs in and what they read, vote on, search for and raise, from the database."""
    from sqlalchemy import func, select

    from app.extensions import db
    from app.models import Article, Idea, Service, Tag, User
    from app.models.user import UserRole

    rng = random.Random(7)
    with app.app_context():
        agents = list(
            db.session.execute(
                select(User.id, User.email)
                .join(UserRole, UserRole.user_id == User.id)
                .where(UserRole.role == "agent", User.active.is_(True))
                .order_by(User.id)
                .limit(users // 4)
            )
        )
        staff = list(
            db.session.execute(
                select(User.id, User.email)
                .where(User.active.is_(True), User.id.not_in([a.id for a in agents]))
                .order_by(User.id)
                .limit(users - len(agents))
            )
        )
        accounts = [{"id": row.id, "email": row.email, "agent": row in agents} for row in agents + staff]
        ideas = list(
            db.session.scalars(
                select(Idea.id)
                .where(Idea.status.in_(["new", "under_review", "planned", "in_progress"]))
                .order_by(func.random())
                .limit(500)
            )
        )
        articles = list(
            db.session.scalars(
                select(Article.slug).where(Article.status == "published").order_by(Article.view_count.desc()).limit(500)
            )
        )
        tags = list(db.session.scalars(select(Tag.slug).limit(30)))
        # The services whose forms the users fill in: every active one open to everyone.
        services = list(
            db.session.scalars(select(Service.slug).where(Service.active.is_(True), Service.audience == "everyone"))
        )
    searches = [
        "annual leave",
        "mileage claim",
        "purchase order",
        "minutes template",
        "room booking",
        "diary management",
        "expenses",
        "recruitment",
        "invoice",
        "committee papers",
        "travel",
        "DBS check",
    ]
    rng.shuffle(ideas)
    plan_data = {
        "accounts": accounts,
        "password": "staffroom-demo",
        "ideas": ideas,
        "articles": articles,
        "tags": tags or ["forms"],
        "searches": searches,
        "services": services,
    }
    path = workdir / "plan.json"
    path.write_text(json.dumps(plan_data))
    return plan_data | {"path": path}


class Server:
    """gunicorn with `workers` workers on a free port of 127.0.0.1."""

    def __init__(self, workers: int, env: dict, log: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(log, "w")  # noqa: SIM115 - the server writes to it until stop() closes it
        self.process = subprocess.Popen(
            [
                str(GUNICORN),
                "--workers",
                str(workers),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--timeout",
                "60",
                "wsgi:app",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        self.stop()
        sys.exit(f"gunicorn did not answer on {self.url}; see {log}")

    def worker_rss_mib(self) -> list[float]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        sizes = []
        for pid in children:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(int(line.split()[1]) / 1024)
        return sorted(sizes)

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def run_locust(
    server: Server, user_class: str, seconds: int, users: int, workdir: Path, name: str, env: dict
) -> dict[str, dict]:
    """One bounded locust run; its per-endpoint statistics from locust's CSV."""
    prefix = workdir / name
    # Users arrive over 5 s and the statistics start once all are in (and signed in).
    command = [
        str(LOCUST),
        "-f",
        str(ROOT / "bench" / "locustfile.py"),
        "--headless",
        "--users",
        str(users),
        "--spawn-rate",
        str(max(1, users // 5)),
        "--reset-stats",
        "--run-time",
        f"{seconds + 6}s",
        "--host",
        server.url,
        "--csv",
        str(prefix),
        "--only-summary",
        "--stop-timeout",
        "10",
        "--loglevel",
        "WARNING",
        user_class,
    ]
    with open(workdir / f"{name}.log", "w") as log:
        subprocess.run(command, env=env, check=False, stdout=subprocess.DEVNULL, stderr=log)
    rows = {}
    with open(f"{prefix}_stats.csv") as stats:
        for row in csv.DictReader(stats):
            rows[row["Name"]] = {
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "rps": float(row["Requests/s"]),
                "p50": float(row["50%"]),
                "p95": float(row["95%"]),
                "p99": float(row["99%"]),
                "kind": "write"
                if row["Name"] in WRITES
                else "set-up"
                if row["Name"] in SET_UP
                else "all"
                if row["Name"] == "Aggregated"
                else "read",
            }
    failures = workdir / f"{name}_failures.csv"
    if failures.exists():
        with open(failures) as failures_csv:
            for row in csv.DictReader(failures_csv):
                print(f"  FAILURE {row['Method']} {row['Name']}: {row['Error']} ×{row['Occurrences']}", file=sys.stderr)
    return rows


PY_SPY = ROOT / ".venv-bench" / "bin" / "py-spy"
# Where a sample's innermost frame is, by file path: what a worker spends its time on.
# SQL running in the database (SQLite is in the worker itself) shows as the driver call's frame.
RUNNING_SQL = (
    "do_execute ",
    "do_executemany ",
    "fetchall ",
    "fetchone ",
    "fetchmany ",
    "_fetchall_impl ",
    "_fetchone_impl ",
    "_fetchmany_impl ",
    "do_execute_no_params ",
)
PROFILE_PARTS = (
    ("running SQL (database)", (*RUNNING_SQL, "sqlite3", "psycopg")),
    ("templates (Jinja2, GOV.UK macros)", ("jinja2/", "/templates/", "govuk_frontend")),
    ("ORM and SQL compilation (SQLAlchemy)", ("sqlalchemy/",)),
    ("search (Whoosh)", ("whoosh/",)),
    ("forms (WTForms)", ("wtforms/", "flask_wtf/")),
    ("Markdown and sanitising", ("markdown_it/", "nh3")),
    ("compression (gzip)", ("gzip", "zlib")),
    ("Flask, Werkzeug, gunicorn", ("flask/", "werkzeug/", "gunicorn/", "flask_login/", "whitenoise/")),
    ("Staffroom's own code (e.g. search ranking)", ("(app/",)),
)


def start_profile(server: Server, seconds: int, out: Path, delay: float = 6) -> threading.Thread | None:
    """py-spy on every gunicorn worker (raw collapsed stacks) for `seconds`, starting after
    `delay` (when locust's users have all arrived), in the background."""
    if not PY_SPY.exists():
        return None
    command = [
        str(PY_SPY),
        "record",
        "--pid",
        str(server.process.pid),
        "--subprocesses",
        "--duration",
        str(seconds),
        "--rate",
        "200",
        "--format",
        "raw",
        "--output",
        str(out),
        "--nonblocking",
    ]

    def record():
        time.sleep(delay)
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)

    thread = threading.Thread(target=record, daemon=True)
    thread.start()
    return thread


def profile_summary(path: Path) -> str:
    """ "templates 41 %, ORM 22 %, …": the share of samples whose innermost frame is in each part."""
    if not path.exists():
        return "no profile"
    counts: dict[str, int] = {}
    total = 0
    for line in path.read_text().splitlines():
        stack, _, number = line.rpartition(" ")
        if not number.isdigit() or "idle" in stack.split(";")[0]:
            continue
        leaf = stack.rsplit(";", 1)[-1]
        part = next((name for name, needles in PROFILE_PARTS if any(needle in leaf for needle in needles)), "other")
        counts[part] = counts.get(part, 0) + int(number)
        total += int(number)
    if not total:
        return "no samples"
    ordered = sorted(counts.items(), key=lambda item: -item[1])
    return ", ".join(f"{name} {100 * count / total:.0f} %" for name, count in ordered[:5] if count / total >= 0.03)


def check_ledger(app, ledger: dict, before_requests: dict[int, int]) -> list[str]:
    """Every vote the server confirmed is in the database as it was last confirmed, and each idea's
    count equals its votes; every request a user was sent to the confirmation page for exists
    once; no request appeared that no one sent."""
    from sqlalchemy import func, select

    from app.extensions import db
    from app.models import Idea, IdeaVote, ServiceRequest
    from app.models.service_request import parse_reference

    problems = []
    with app.app_context():
        for key, voted in ledger["votes"].items():
            user_id, idea_id = map(int, key.split())
            present = db.session.get(IdeaVote, (idea_id, user_id)) is not None
            if present != voted:
                problems.append(f"vote of person {user_id} on idea {idea_id}: server said {voted}, database {present}")
        voted_on = {int(key.split()[1]) for key in ledger["votes"]}
        if voted_on:
            counts = dict(
                db.session.execute(
                    select(IdeaVote.idea_id, func.count())
                    .where(IdeaVote.idea_id.in_(voted_on))
                    .group_by(IdeaVote.idea_id)
                ).all()
            )
            for idea in db.session.scalars(select(Idea).where(Idea.id.in_(voted_on))):
                if idea.vote_count != counts.get(idea.id, 0):
                    problems.append(f"idea {idea.id} shows {idea.vote_count} votes, has {counts.get(idea.id, 0)}")
        references = [entry["reference"] for entry in ledger["requests"]]
        if len(set(references)) != len(references):
            problems.append("the same reference was confirmed twice")
        for entry in ledger["requests"]:
            if db.session.get(ServiceRequest, parse_reference(entry["reference"])) is None:
                problems.append(f"{entry['reference']} was confirmed but is not in the database")
        requesters = set(before_requests)
        after = dict(
            db.session.execute(
                select(ServiceRequest.requester_id, func.count())
                .where(ServiceRequest.requester_id.in_(requesters))
                .group_by(ServiceRequest.requester_id)
            ).all()
        )
        made = sum(after.get(person, 0) - before_requests[person] for person in requesters)
        if made != len(references):
            problems.append(f"{made} new requests in the database, {len(references)} confirmed to the users")
    return problems


def requests_per_person(app, people: list[int]) -> dict[int, int]:
    from sqlalchemy import func, select

    from app.extensions import db
    from app.models import ServiceRequest

    with app.app_context():
        counts = dict(
            db.session.execute(
                select(ServiceRequest.requester_id, func.count())
                .where(ServiceRequest.requester_id.in_(people))
                .group_by(ServiceRequest.requester_id)
            ).all()
        )
    return {person: counts.get(person, 0) for person in people}


def table(rows: dict[str, dict], ceiling: float | None = None) -> list[str]:
    lines = [
        "| Endpoint | kind | requests | failures | req/s | p50 ms | p95 ms | p99 ms | target |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for name, row in sorted(rows.items(), key=lambda item: item[0] == "Aggregated"):
        target = WRITE_TARGET_MS if row["kind"] == "write" else READ_TARGET_MS
        verdict = (
            ""
            if name == "Aggregated" or row["kind"] == "set-up"
            else ("met" if row["p95"] <= target else f"**missed** (≤ {target})")
        )
        lines.append(
            f"| `{name}` | {row['kind']} | {row['requests']} | {row['failures']} | {row['rps']:.1f} | "
            f"{row['p50']:.0f} | {row['p95']:.0f} | {row['p99']:.0f} | {verdict} |"
        )
    return lines


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="default: a temporary SQLite file, seeded")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--mix-seconds", type=int, default=90, help="each of the two realistic-mix runs")
    parser.add_argument("--page-seconds", type=int, default=15, help="/healthz and each key page alone")
    parser.add_argument("--report", type=Path, help="also write the report (Markdown) here")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="sample the workers with py-spy during each key page phase and say where the time goes",
    )
    args = parser.parse_args(argv)
    if not LOCUST.exists():
        sys.exit("locust is not installed: run `make bench` (it builds .venv-bench from requirements-bench.txt)")

    workdir = Path(tempfile.mkdtemp(prefix="staffroom-load-"))
    database_url = args.database_url or f"sqlite:///{workdir / 'load.sqlite'}"
    dataset.ensure_database(database_url)
    app = dataset.build_app(database_url, workdir)
    counts = dataset.prepare(app, args.scale)
    users = plan(app, workdir, args.users)
    env = {**os.environ, "STAFFROOM_LOAD_PLAN": str(users["path"]), "PYTHONPATH": str(ROOT)}
    people = [account["id"] for account in users["accounts"]]
    report = [
        f"Run of {datetime.now(UTC):%d %B %Y, %H:%M} UTC: {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {app.config['SQLALCHEMY_DATABASE_URI'].split(':')[0]}, "
        f"gunicorn {args.workers} sync workers, {args.users} users.",
        "Dataset: " + ", ".join(f"{count:,} {name}" for name, count in counts.items()) + ".",
        "",
    ]
    server = Server(args.workers, env, workdir / "gunicorn.log")
    try:
        ceiling = run_locust(server, "HealthzUser", args.page_seconds, args.users, workdir, "healthz", env)["/healthz"]
        report += [
            f"Ceiling: `/healthz` alone, {args.users} users without think time: {ceiling['rps']:.0f} req/s "
            f"(p50 {ceiling['p50']:.0f} ms, p95 {ceiling['p95']:.0f} ms, {ceiling['failures']} failures).",
            "",
            "| Key page alone (signed in) | req/s | share of /healthz | p95 ms | ≥ 25 % |"
            + (" where the workers' time goes (py-spy) |" if args.profile else ""),
            "|---|---:|---:|---:|---|" + ("---|" if args.profile else ""),
        ]
        for number, page in enumerate(KEY_PAGES):
            path = page.format(article=users["articles"][0])
            samples = workdir / f"page{number}.profile"
            # The users arrive over 5 s: sample the steady part of the phase only.
            profiler = start_profile(server, args.page_seconds, samples) if args.profile else None
            row = run_locust(
                server,
                "PageUser",
                args.page_seconds,
                args.users,
                workdir,
                f"page{number}",
                env | {"STAFFROOM_PAGE": path},
            )[path]
            if profiler is not None:
                profiler.join(timeout=60)
            share = row["rps"] / ceiling["rps"] if ceiling["rps"] else 0
            report.append(
                f"| `{page}` | {row['rps']:.1f} | {share:.0%} | {row['p95']:.0f} | "
                f"{'met' if share >= RATIO_TARGET else '**missed**'} |"
                + (f" {profile_summary(samples)} |" if args.profile else "")
            )
        memory = [("after start-up and the single-page phases", server.worker_rss_mib())]
        before = requests_per_person(app, people)
        ledger_path = workdir / "ledger.json"
        all_problems = []
        for run in (1, 2):
            rows = run_locust(
                server,
                "StaffUser",
                args.mix_seconds,
                args.users,
                workdir,
                f"mix{run}",
                env | {"STAFFROOM_LOAD_LEDGER": str(ledger_path)},
            )
            memory.append((f"after realistic mix run {run}", server.worker_rss_mib()))
            ledger = json.loads(ledger_path.read_text())
            problems = check_ledger(app, ledger, before)
            before = requests_per_person(app, people)
            all_problems += problems
            report += [
                "",
                f"#### Realistic mix, run {run} ({args.mix_seconds} s, {args.users} signed-in people, "
                f"1–3 s think time): {len(ledger['votes'])} vote states and {len(ledger['requests'])} requests "
                f"confirmed; database check: {'agrees' if not problems else '; '.join(problems)}",
                "",
            ]
            report += table(rows)
        report += [
            "",
            "| gunicorn worker resident memory (MiB) | "
            + " | ".join(f"worker {n + 1}" for n in range(args.workers))
            + " |",
            "|---|" + "---:|" * args.workers,
        ]
        for label, sizes in memory:
            report.append(f"| {label} | " + " | ".join(f"{size:.0f}" for size in sizes) + " |")
    finally:
        server.stop()
    text = "\n".join(report)
    print(text)
    if args.report:
        args.report.write_text(text + "\n")
    if not args.database_url:
        shutil.rmtree(workdir, ignore_errors=True)
    return 1 if all_problems else 0


if __name__ == "__main__":
    sys.exit(main())
