"""Ask Staffroom on the held-out half of the independent question set (tests/assistant/independent/,
written blind by a helper who saw only the demo content). This is the evidence of its quality;
the tuning half is for tuning, and the old fixture (test_quality.py) is a regression test.

Two tests: the floors it reaches today (so a change that makes it worse fails), and issue 17's
goals, which it does not reach yet (strict xfail: the day it does, the test fails until the mark
goes and the goals become the floors)."""

import pytest
from flask import current_app

from app.assistant import services
from tests.assistant import evaluation

# Measured on the held-out half at the threshold chosen on the tuning half (docs/performance.md).
FIRST_FLOOR, TOP_3_FLOOR, DECLINED_FLOOR = 0.60, 0.65, 0.72


@pytest.fixture
def held_out(app, asker):
    """The held-out half's figures for the demo's member of staff."""
    with current_app.test_request_context():
        return evaluation.evaluate(
            lambda question, previous: services.answer(asker, question, previous=previous),
            evaluation.load("held_out.yaml"),
        )


def test_the_independent_set_is_as_written_and_split_in_halves():
    tuning, held_out = evaluation.load("tuning.yaml"), evaluation.load("held_out.yaml")
    for key in ("answerable", "follow_ups", "uncovered"):
        assert abs(len(tuning[key]) - len(held_out[key])) <= 1, key
    questions = [item["q"] for half in (tuning, held_out) for item in half["answerable"] + half["uncovered"]]
    assert len(questions) == len(set(questions)), "a question in both halves"
    whole = {key: tuning[key] + held_out[key] for key in tuning}
    assert len(whole["answerable"]) + 2 * len(whole["follow_ups"]) >= 150
    assert len(whole["follow_ups"]) >= 15 and len(whole["uncovered"]) >= 40
    assert sum(item["style"] == "typo" for item in whole["answerable"]) >= 25
    assert sum(item["style"] == "far" for item in whole["answerable"]) >= 30
    assert 3 * sum(item["near_miss"] for item in whole["uncovered"]) >= len(whole["uncovered"])


def test_held_out_half_stays_at_its_floors(held_out, record_property):
    for name, value in (
        ("first", held_out.first_share),
        ("top 3", held_out.top_3_share),
        ("declined", held_out.declined_share),
    ):
        record_property(name, round(value, 3))
    print(f"\nAsk Staffroom on the held-out half: {held_out.summary()}")
    assert held_out.first_share >= FIRST_FLOOR, "\n".join(held_out.misses)
    assert held_out.top_3_share >= TOP_3_FLOOR, "\n".join(held_out.misses)
    assert held_out.declined_share >= DECLINED_FLOOR, "\n".join(held_out.misses)


@pytest.mark.xfail(strict=True, reason="issue 17's goals are not reached yet (docs/performance.md, Ask Staffroom)")
def test_held_out_half_meets_the_goals(held_out):
    assert held_out.first_share >= evaluation.FIRST_GOAL
    assert held_out.top_3_share >= evaluation.TOP_3_GOAL
    assert held_out.declined_share >= evaluation.DECLINED_GOAL
