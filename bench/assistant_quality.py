"""Ask Staffroom's answer quality on the independent question set (both halves) and on the old
fixture, the figures of docs/performance.md:

    python -m bench.assistant_quality                   # the three tables' figures
    python -m bench.assistant_quality --misses tuning   # ...and what the tuning half got wrong
    python -m bench.assistant_quality --threshold 0.5   # as if the threshold were 0.5

The independent set (tests/assistant/independent/, how it was written in its README) was split
once at random; tune only on the tuning half. The suite asserts the goals on the held-out half.
"""

import argparse
import shutil
import tempfile
from pathlib import Path

from bench.assistant_bench import build_app, staff


def old_fixture() -> dict:
    from tests.assistant.questions import ANSWERABLE, UNCOVERED
    from tests.assistant.test_quality import FOLLOW_UPS

    return {
        "answerable": [
            {"q": question, "answers": [expected] if isinstance(expected, str) else list(expected)}
            for question, expected in ANSWERABLE
        ],
        "follow_ups": [
            {"first": first, "first_answers": [], "then": then, "then_answers": [slug]}
            for first, then, slug, _ in FOLLOW_UPS
        ],
        "uncovered": [{"q": question} for question in UNCOVERED],
    }


def main() -> None:
    from app.assistant import services
    from tests.assistant import evaluation

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--misses", choices=["tuning", "held-out", "fixture"], action="append", default=[])
    parser.add_argument("--threshold", type=float, help="the confidence threshold to try")
    arguments = parser.parse_args()
    directory = Path(tempfile.mkdtemp(prefix="assistant-quality-"))
    try:
        app = build_app(directory)
        if arguments.threshold is not None:
            app.config["ASK_CONFIDENCE_THRESHOLD"] = arguments.threshold
        sets = {
            "tuning": evaluation.load("tuning.yaml"),
            "held-out": evaluation.load("held_out.yaml"),
            "fixture": old_fixture(),
        }
        with app.test_request_context():
            person = staff(app)
            for name, question_set in sets.items():
                figures = evaluation.evaluate(
                    lambda question, previous: services.answer(person, question, previous=previous), question_set
                )
                print(f"{name:>9}: {figures.summary()}")
                if name in arguments.misses:
                    print("\n".join(f"    {miss}" for miss in figures.misses))
    finally:
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
