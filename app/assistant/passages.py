"""Passages and how sure Ask Staffroom is of them. An article is cut at its headings (app.markup
sections), a service is one passage; each passage knows its terms (with its heading's and the
article's title's, which name what every section is about) and which of them stand side by side.

The confidence, one score from 0 to 1 (docs/assistant.md explains it): how likely the answer given
is right, a logistic model calibrated on the tuning half of the independent question set, from
what the chosen passage covers. The question's ideas must meet in that passage, not anywhere in
the article; each idea weighs as much as it is telling (its idf, or its rarity in everyday English
if no document has it: app.search.retrieval); a typo's correction counts for less; two words typed
side by side that documents also have side by side ("meeting room") lose weight when the passage
has them apart; and a question asking for a kind of fact ("how long", "how much", "who", "when")
is worth less answered by a passage that states none."""

import itertools
import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from app import search
from app.assistant.understanding import SAYS_NOT_ALLOWED, Understood, states
from app.markup import Section, plain_text, sections
from app.models import Article, Service

LINK_SHARE = 0.5  # of each word's weight, lost when two linked words stand apart
FACT_MISSING_FACTOR = 0.6  # a passage that does not state the kind of fact asked for
HEADING_BONUS = 1.0  # an idea in a section's heading, in choosing the section
OPENING_SHARE = 0.8  # an article's opening summarises: a section covering as much answers better
NOT_ALLOWED_BONUS = 1.0  # "can I...?" naming a thing: the section saying what is not allowed


@dataclass(frozen=True)
class Unit:
    """A passage: a section of an article (the opening has no heading), or a whole service."""

    section: Section | None
    terms: frozenset[str]
    heading: frozenset[str]
    pairs: frozenset[str]
    text: str  # plain text, to tell whether it states a fact


def _unit(section: Section | None, text: str, heading: str, context: str) -> Unit:
    own = search.analyse(text)
    heading_terms = search.analyse(heading)
    context_terms = search.analyse(context)
    pairs = {
        f"{first} {second}"
        for terms in (own, heading_terms, context_terms)
        for first, second in itertools.pairwise(terms)
    }
    return Unit(
        section=section,
        terms=frozenset(own) | frozenset(heading_terms) | frozenset(context_terms),
        heading=frozenset(heading_terms),
        pairs=frozenset(pairs),
        text=f"{heading}\n{text}",
    )


@lru_cache(maxsize=512)
def _article_units(article_id: int, revision: int, title: str, summary: str, body: str) -> tuple[Unit, ...]:
    """Kept per revision: cutting and analysing the Markdown is most of what choosing costs."""
    units = []
    for position, section in enumerate(sections(body)):
        context = f"{title}\n{summary}" if position == 0 and not section.heading else title
        units.append(_unit(section, plain_text(section.markdown), section.heading, context))
    return tuple(units) or (_unit(None, summary, "", title),)


@lru_cache(maxsize=256)
def _service_units(
    service_id: int, updated: str, name: str, summary: str, keywords: str, description: str
) -> tuple[Unit, ...]:
    """A service's description cut at its headings like an article, its name, summary and
    keywords saying what every part is about."""
    context = f"{name}\n{summary}\n{keywords}"
    units = [_unit(None, plain_text(section.markdown), section.heading, context) for section in sections(description)]
    return tuple(units) or (_unit(None, "", "", context),)


def units_of(content: Article | Service) -> tuple[Unit, ...]:
    if isinstance(content, Article):
        return _article_units(
            content.id, content.revision_number, content.title, content.summary or "", content.body or ""
        )
    return _service_units(
        content.id,
        str(content.updated_at),
        content.name,
        content.summary or "",
        content.keywords or "",
        content.description or "",
    )


def judged_concepts(retrieval: search.Retrieval, understood: Understood) -> dict[int, float]:
    """Each concept that counts (by position) with its weight. A follow-up is judged on its own
    ideas; when none of them is known to the index ("and in Leeds?"), on the joined question."""
    concepts = retrieval.concepts
    own = [position for position, concept in enumerate(concepts) if concept.weight >= 1.0]
    if understood.follow_up and not any(concepts[position].known or concepts[position].close for position in own):
        own = list(range(len(concepts)))
    return {position: concepts[position].idf for position in own or range(len(concepts))}


def _has(options: list[list[str]], unit: Unit) -> bool:
    return any(option and all(term in unit.terms for term in option) for option in options)


def coverage(retrieval: search.Retrieval, weights: dict[int, float], unit: Unit) -> float:
    """The share of the question's weight this passage covers (see the module's note)."""
    total = sum(weights.values())
    if not total:
        return 0.0
    covered_weight: dict[int, float] = {}
    for position, weight in weights.items():
        concept = retrieval.concepts[position]
        if _has(concept.options, unit):
            covered_weight[position] = weight
        elif _has(concept.close, unit):
            covered_weight[position] = weight * search.CLOSE_SPELLING_WEIGHT
    for first, second in retrieval.links:
        if first in covered_weight and second in covered_weight:
            pair = f"{retrieval.concepts[first].options[0][0]} {retrieval.concepts[second].options[0][0]}"
            if pair not in unit.pairs:
                # Side by side they are one idea ("monitoring officer"); apart, another.
                covered_weight[first] *= 1 - LINK_SHARE
                covered_weight[second] *= 1 - LINK_SHARE
    return sum(covered_weight.values()) / total


@dataclass
class Judged:
    unit: Unit
    features: dict[str, float]
    confidence: float


def judge(retrieval: search.Retrieval, understood: Understood, content: Article | Service) -> Judged:
    """The passage of `content` that answers best, and how sure that makes us. Passages are
    compared by how much of the question they cover, then by the rarest ideas they have (rare in
    the article too: an idea every section has does not tell them apart) and their heading."""
    units = units_of(content)
    weights = judged_concepts(retrieval, understood)
    having = Counter(
        position for unit in units for position, concept in enumerate(retrieval.concepts) if _has(concept.options, unit)
    )
    rarest = max(weights, key=lambda position: weights[position], default=None)

    def choice(position_unit: tuple[int, Unit]) -> tuple[float, float, int]:
        position, unit = position_unit
        sure = coverage(retrieval, weights, unit)
        if not states(understood.asks_for, unit.text):
            sure *= FACT_MISSING_FACTOR
        score = 0.0
        # Every idea counts here, a follow-up's carried ones at their lesser weight: "and for a
        # hire car?" after a question about claiming goes to the section on claiming for one.
        for concept_position, concept in enumerate(retrieval.concepts):
            weight = concept.weight * concept.idf
            if _has(concept.options, unit) or _has(concept.close, unit):
                # An idea in the heading counts extra, by its rarity too: the title's words are in
                # every section, so a heading repeating them tells the sections apart no more.
                in_heading = any(all(term in unit.heading for term in option) for option in concept.options)
                rarity = search.idf(len(units), having[concept_position] or 1)
                score += weight * rarity * (1.0 + (HEADING_BONUS if in_heading else 0.0))
        if (
            understood.asks_permission
            and rarest is not None
            and _has(retrieval.concepts[rarest].options + retrieval.concepts[rarest].close, unit)
            and SAYS_NOT_ALLOWED.search(unit.text)
        ):
            score += weights[rarest] * NOT_ALLOWED_BONUS
        if unit.section is not None and position == 0 and not unit.section.heading:
            score *= OPENING_SHARE
        return (round(sure, 6), score, -position)

    _, unit = max(enumerate(units), key=choice)
    whole = Unit(
        section=None,
        terms=frozenset().union(*(part.terms for part in units)),
        heading=frozenset(),
        pairs=frozenset().union(*(part.pairs for part in units)),
        text="",
    )
    total = sum(weights.values()) or 1.0
    missing = [
        weight
        for position, weight in weights.items()
        if not _has(retrieval.concepts[position].options + retrieval.concepts[position].close, unit)
    ]
    features = {
        "passage": coverage(retrieval, weights, unit),
        "whole": coverage(retrieval, weights, whole),
        "unknown": sum(
            weight
            for position, weight in weights.items()
            if not retrieval.concepts[position].known and not retrieval.concepts[position].close
        )
        / total,
        "largest_missing": max(missing, default=0.0) / total,
        "fact_missing": float(not states(understood.asks_for, unit.text)),
    }
    return Judged(unit=unit, features=features, confidence=calibrated(features))


# The calibration (docs/assistant.md; refitted by `python -m bench.assistant_calibrate` on the
# tuning half of the independent question set only): a logistic model of how likely the answer
# given is right, from the features above.
CALIBRATION = {
    "bias": -0.584,
    "passage": 1.610,
    "whole": 1.058,
    "unknown": -0.567,
    "largest_missing": -0.708,
    "fact_missing": -0.779,
}


def calibrated(features: dict[str, float], weights: dict[str, float] | None = None) -> float:
    """How likely the answer is right, 0-1: the logistic of the weighted features."""
    weights = weights or CALIBRATION
    value = weights["bias"] + sum(weights[name] * feature for name, feature in features.items())
    return 1.0 / (1.0 + math.exp(-value))
