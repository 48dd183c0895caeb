"""Ask Staffroom benchmark: answer latency and answer quality on the demo content.

    python -m bench.assistant_bench                     # 5 rounds of every fixture question
    python -m bench.assistant_bench --rounds 10
    python -m bench.assistant_bench --profile "How do I claim mileage for a site visit?"

The demo data (people, the 35 articles, the catalogue, the vocabulary; no request history) is
seeded into a temporary SQLite database with its own search index, both removed at the end.
Every question of tests/assistant/questions.py (answerable and not) and every follow-up of
tests/assistant/test_quality.py is asked `--rounds` times after one warm-up round, two ways:

- **answer**: app.assistant.services.answer() on its own (understanding, retrieval through the
  search module, choosing the passage, the threshold), as the signed-in member of staff;
- **request**: the whole request, in process: POST /ask as htmx sends it (session, CSRF, the
  question recorded, the answer fragment rendered, the commit).

Target (issue #11): p95 ≤ 100 ms. Also prints the quality figures the suite asserts. Not part of
the test suite (see docs/performance.md).
"""

import argparse
import cProfile
import io
import logging
import os
import pstats
import re
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

TARGET_P95_MS = 100.0


def nearest_rank(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[max(1, -(-len(ordered) * round(fraction * 1000) // 1000)) - 1]


def build_app(directory: Path):
    from app import create_app, demo
    from app import search as search_index
    from app.extensions import db

    app = create_app(
        {
            "STAFFROOM_ENV": "development",
            "SECRET_KEY": "assistant-bench",
            "SERVER_NAME": None,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{directory / 'bench.sqlite'}",
            "SEARCH_INDEX_DIR": str(directory / "search-index"),
            "UPLOAD_DIR": str(directory / "uploads"),
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False,
        }
    )
    with app.test_request_context():
        db.create_all()
        demo.seed(progress=lambda line: None, request_history=False)
        db.session.commit()
        search_index.reindex(progress=lambda line: None)
    return app


def questions() -> list[tuple[str, str | None]]:
    """(question, the question before it or None) for every fixture question and follow-up."""
    from tests.assistant.questions import ANSWERABLE, UNCOVERED
    from tests.assistant.test_quality import FOLLOW_UPS

    return (
        [(question, None) for question, _ in ANSWERABLE]
        + [(question, None) for question in UNCOVERED]
        + [(follow_up, question) for question, follow_up, _, _ in FOLLOW_UPS]
    )


def staff(app):
    from sqlalchemy import select

    from app.extensions import db
    from app.models import User

    return db.session.scalar(select(User).where(User.email == "staff@staffroom.test"))


def time_answers(app, asked, rounds: int) -> list[float]:
    from app.assistant import services

    times = []
    with app.test_request_context():
        person = staff(app)
        previous = {before: services.answer(person, before).understood.text for _, before in asked if before}
        for round_number in range(rounds + 1):
            for question, before in asked:
                started = time.perf_counter()
                services.answer(person, question, previous=previous.get(before))
                if round_number:  # the first round warms caches up
                    times.append((time.perf_counter() - started) * 1000)
    return times


def time_requests(app, asked, rounds: int) -> list[float]:
    client = app.test_client()
    response = client.post("/sign-in", data={"email": "staff@staffroom.test", "password": "staffroom-demo"})
    if response.status_code != 303:
        sys.exit(f"could not sign in: {response.status_code}")
    headers = {"HX-Request": "true", "HX-Current-URL": "http://localhost/ask"}
    times = []
    for round_number in range(rounds + 1):
        for question, before in asked:
            client.post("/ask/clear")
            if before:
                client.post("/ask", data={"question": before}, headers=headers)
            started = time.perf_counter()
            response = client.post("/ask", data={"question": question}, headers=headers)
            elapsed = (time.perf_counter() - started) * 1000
            if response.status_code != 200:
                sys.exit(f"POST /ask {question!r} answered {response.status_code}")
            if round_number:
                times.append(elapsed)
    return times


def quality(app) -> dict:
    from app.assistant import services
    from tests.assistant.questions import ANSWERABLE, UNCOVERED

    first = top_3 = declined = 0
    with app.test_request_context():
        person = staff(app)
        for question, expected in ANSWERABLE:
            expected = {expected} if isinstance(expected, str) else set(expected)
            shown = services.answer(person, question).slugs
            first += bool(shown) and shown[0] in expected
            top_3 += bool(expected & set(shown[:3]))
        declined = sum(not services.answer(person, question).confident for question in UNCOVERED)
    return {
        "answerable": len(ANSWERABLE),
        "first": first,
        "top_3": top_3,
        "uncovered": len(UNCOVERED),
        "declined": declined,
    }


def summary(times: list[float]) -> str:
    return (
        f"n={len(times)}  p50 {statistics.median(times):.1f}  p95 {nearest_rank(times, 0.95):.1f}  "
        f"p99 {nearest_rank(times, 0.99):.1f}  max {max(times):.1f} ms"
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5, help="rounds of every question after one warm-up round")
    parser.add_argument("--profile", metavar="QUESTION", help="cProfile 50 answers to one question afterwards")
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)
    from bench.search_bench import machine_info

    directory = Path(tempfile.mkdtemp(prefix="assistant-bench-"))
    try:
        started = time.perf_counter()
        app = build_app(directory)
        info = machine_info()
        print(f"Ask Staffroom benchmark, {datetime.now(UTC):%d %B %Y, %H:%M} UTC")
        print(
            f"  machine: {info['cpus']} CPUs ({info['cpus_usable']} usable), {info['cpu_model']}; "
            f"Python {info['python']}; SQLite {info['sqlite']}; Whoosh {info['whoosh']}"
        )
        print(f"  demo content seeded and indexed in {time.perf_counter() - started:.1f} s")
        print("  load average (1, 5, 15 min): " + ", ".join(f"{load:.2f}" for load in os.getloadavg()))
        asked = questions()
        figures = quality(app)
        print(
            f"  quality: right answer first {figures['first']}/{figures['answerable']} "
            f"({figures['first'] / figures['answerable']:.0%}), in the top 3 {figures['top_3']}/"
            f"{figures['answerable']} ({figures['top_3'] / figures['answerable']:.0%}), declined "
            f"{figures['declined']}/{figures['uncovered']} ({figures['declined'] / figures['uncovered']:.0%})"
        )
        answers = time_answers(app, asked, args.rounds)
        requests = time_requests(app, asked, args.rounds)
        print(f"  answer  ({len(asked)} questions x {args.rounds}): {summary(answers)}")
        print(f"  request (POST /ask, htmx):            {summary(requests)}")
        worst = max(nearest_rank(answers, 0.95), nearest_rank(requests, 0.95))
        met = worst <= TARGET_P95_MS
        print(f"  target p95 <= {TARGET_P95_MS:.0f} ms: {'MET' if met else 'MISSED'} ({worst:.1f} ms)")
        print("  load average (1, 5, 15 min): " + ", ".join(f"{load:.2f}" for load in os.getloadavg()))
        if args.profile:
            from app.assistant import services

            with app.test_request_context():
                person = staff(app)
                profiler = cProfile.Profile()
                profiler.enable()
                for _ in range(50):
                    services.answer(person, args.profile)
                profiler.disable()
            output = io.StringIO()
            pstats.Stats(profiler, stream=output).sort_stats("cumulative").print_stats(25)
            print(re.sub(r"/[^ ]*/site-packages/", "", output.getvalue()))
        return 0 if met else 1
    finally:
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
