"""Fit Ask Staffroom's confidence (app/assistant/passages.py CALIBRATION) on the tuning half of
the independent question set, and only on it:

    python -m bench.assistant_calibrate            # fit, print the weights and the figures by threshold

Each tuning turn gives the features of the answer Ask Staffroom would give (threshold ignored)
and whether that answer is right (an uncovered question's answer never is). A logistic model of
"right" on those features, fitted by gradient descent with a little L2 regularisation, is the
confidence: the likelihood that the answer given is right. Paste the weights into CALIBRATION.
"""

import math
import shutil
import tempfile
from pathlib import Path

from bench.assistant_bench import build_app, staff

L2 = 0.01
STEPS = 20_000
RATE = 0.5


def examples(app) -> list[tuple[dict[str, float], int, bool, list[str]]]:
    """(features, right first, answerable, slugs shown) for every tuning turn."""
    from app.assistant import services
    from tests.assistant import evaluation

    tuning = evaluation.load("tuning.yaml")
    rows = []
    with app.test_request_context():
        person = staff(app)

        def add(question, previous, expected):
            reply = services.answer(person, question, previous=previous)
            if reply.features:
                right = int(expected is not None and bool(reply.slugs) and reply.slugs[0] in expected)
                rows.append((reply.features, right, expected is not None, reply.slugs, expected, reply.confidence))
            else:
                rows.append(({}, 0, expected is not None, [], expected, 0.0))
            return reply

        for item in tuning["answerable"]:
            add(item["q"], None, item["answers"])
        for item in tuning["follow_ups"]:
            before = add(item["first"], None, item["first_answers"])
            add(item["then"], before.question, item["then_answers"])
        for item in tuning["uncovered"]:
            add(item["q"], None, None)
    return rows


def fit(rows, names: list[str]) -> dict[str, float]:
    weights = dict.fromkeys(["bias", *names], 0.0)
    data = [(features, right) for features, right, *_ in rows if features]
    for _ in range(STEPS):
        gradient = dict.fromkeys(weights, 0.0)
        for features, right in data:
            value = weights["bias"] + sum(weights[name] * features[name] for name in names)
            error = 1.0 / (1.0 + math.exp(-value)) - right
            gradient["bias"] += error
            for name in names:
                gradient[name] += error * features[name]
        for name in weights:
            penalty = 0.0 if name == "bias" else L2 * weights[name]
            weights[name] -= RATE * (gradient[name] / len(data) + penalty)
    return weights


def main() -> None:
    from app.assistant import passages

    directory = Path(tempfile.mkdtemp(prefix="assistant-calibrate-"))
    try:
        app = build_app(directory)
        app.config["ASK_CONFIDENCE_THRESHOLD"] = 0.0
        rows = examples(app)
    finally:
        shutil.rmtree(directory, ignore_errors=True)
    names = [name for name in passages.CALIBRATION if name != "bias"]
    weights = fit(rows, names)
    print("CALIBRATION = {")
    for name, value in weights.items():
        print(f'    "{name}": {value:.3f},')
    print("}")
    answerable = sum(1 for row in rows if row[2])
    uncovered = len(rows) - answerable
    print("threshold  first  top-3  declined")
    for step in range(20, 81, 5):
        threshold = step / 100
        first = top_3 = declined = 0
        for features, right, is_answerable, slugs, expected, _ in rows:
            sure = bool(features) and passages.calibrated(features, weights) >= threshold
            if is_answerable:
                first += sure and right
                top_3 += sure and bool(set(expected) & set(slugs[:3]))
            else:
                declined += not sure
        print(f"{threshold:9.2f}  {first / answerable:5.0%}  {top_3 / answerable:5.0%}  {declined / uncovered:8.0%}")


if __name__ == "__main__":
    main()
