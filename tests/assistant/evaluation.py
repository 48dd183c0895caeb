"""Scoring Ask Staffroom on a question set: the right answer first, in the top 3, uncovered
questions declined. Used by the suite (tests/assistant/test_independent.py) and by
bench/assistant_quality.py, which prints the figures of docs/performance.md.

A set is YAML (tests/assistant/independent/): `answerable` questions with the slugs that answer
them, `follow_ups` (a first question and a follow-up, each with its answers; both are turns), and
`uncovered` questions the content does not answer."""

from dataclasses import dataclass, field
from pathlib import Path

import yaml

INDEPENDENT = Path(__file__).parent / "independent"
# The goals (issue 17): right answer first, in the top 3, uncovered questions declined.
FIRST_GOAL, TOP_3_GOAL, DECLINED_GOAL = 0.85, 0.97, 0.90


def load(name: str) -> dict:
    return yaml.safe_load((INDEPENDENT / name).read_text())


@dataclass
class Figures:
    turns: int = 0
    first: int = 0
    top_3: int = 0
    uncovered: int = 0
    declined: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def first_share(self) -> float:
        return self.first / self.turns if self.turns else 0.0

    @property
    def top_3_share(self) -> float:
        return self.top_3 / self.turns if self.turns else 0.0

    @property
    def declined_share(self) -> float:
        return self.declined / self.uncovered if self.uncovered else 0.0

    def summary(self) -> str:
        return (
            f"right answer first {self.first}/{self.turns} ({self.first_share:.0%}), in the top 3 "
            f"{self.top_3}/{self.turns} ({self.top_3_share:.0%}), uncovered declined "
            f"{self.declined}/{self.uncovered} ({self.declined_share:.0%}), answered wrongly "
            f"{self.uncovered - self.declined}/{self.uncovered} ({1 - self.declined_share:.0%})"
        )


def _score(figures: Figures, label: str, reply, expected: list[str]) -> None:
    shown = reply.slugs
    figures.turns += 1
    figures.first += bool(shown) and shown[0] in expected
    figures.top_3 += bool(set(expected) & set(shown[:3]))
    if not shown or shown[0] not in expected:
        figures.misses.append(f"{label}: {shown[:3]} ({reply.confidence:.2f}), wanted {expected}")


def evaluate(answer, question_set: dict) -> Figures:
    """`answer(question, previous)` is Ask Staffroom's answer (app.assistant.services.answer for a
    person); `previous` is the earlier question as understood, or None."""
    figures = Figures()
    for item in question_set.get("answerable", []):
        _score(figures, repr(item["q"]), answer(item["q"], None), item["answers"])
    for item in question_set.get("follow_ups", []):
        before = answer(item["first"], None)
        if item.get("first_answers"):  # the old fixture's follow-ups name answers for the second only
            _score(figures, repr(item["first"]), before, item["first_answers"])
        reply = answer(item["then"], before.understood.text)
        _score(figures, f"{item['then']!r} after {item['first']!r}", reply, item["then_answers"])
    for item in question_set.get("uncovered", []):
        reply = answer(item["q"], None)
        figures.uncovered += 1
        if reply.confident:
            figures.misses.append(f"uncovered {item['q']!r}: {reply.slugs[:2]} ({reply.confidence:.2f})")
        else:
            figures.declined += 1
    return figures
