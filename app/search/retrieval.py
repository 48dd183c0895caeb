"""Ask Staffroom's retrieval: any of a question's ideas may match, each answer is scored by BM25
over the ideas it covers (the council's vocabulary and typos' corrections included), and says
which ideas those are, so the assistant knows how sure to be.

How much an idea weighs is how telling it is: its idf in the index, or, for a word no document
has, how rare it is in everyday English (language.py): "maternity" weighs as much as the rarest
word, "next" or "people" almost nothing."""

import heapq
import itertools
import re
from dataclasses import dataclass, field

from app.models import ArticleStatus
from app.search import indexing, language, spelling
from app.search import vocabulary as council_vocabulary
from app.search.query import MAX_WORDS, open_for, parse
from app.search.ranking import bm25, idf
from app.search.results import Result, results
from app.search.schema import ANALYZER, SEARCH_FIELD
from app.search.storage import SearcherCache
from app.search.vocabulary import Vocabulary

# A corrected typo counts for less than the word itself: it may be a different word.
CLOSE_SPELLING_WEIGHT = 0.7
_TYPED_WORD = re.compile(r"[^\W_]+(?:[’'.,-][^\W_]+)*")


@dataclass
class Concept:
    """One idea of a question: its word, or any of its other names (from the council's vocabulary),
    each a list of terms that must all be there; and the corrections of a typo, which count less."""

    options: list[list[str]]
    weight: float = 1.0  # a follow-up's carried-over ideas count for less than its own
    idf: float = 0.0  # how telling it is: rare ideas more than common ones (see the module's note)
    known: bool = False  # some document has it as typed (or by another of its names)
    typed: list[str] = field(default_factory=list)  # the words as typed, lower case
    close: list[list[str]] = field(default_factory=list)  # corrections of a typo, as options

    @property
    def terms(self) -> set[str]:
        return {term for option in self.options + self.close for term in option}


@dataclass
class Candidate:
    result: Result
    score: float
    covered: set[int]  # which of the question's concepts (by position) it has
    close: set[int] = field(default_factory=set)  # ...of those, the ones it has only in a close spelling


@dataclass
class Retrieval:
    concepts: list[Concept]
    candidates: list[Candidate]
    # Neighbouring words of the question that documents also have side by side ("meeting room"):
    # (position, position) of two single-word concepts, which mean one thing together.
    links: list[tuple[int, int]] = field(default_factory=list)


def _typed_words(text: str) -> dict[str, str]:
    """Each term of `text` with the word it was typed as (lower case)."""
    typed: dict[str, str] = {}
    for word in _TYPED_WORD.findall(text):
        for token in ANALYZER(word):
            typed.setdefault(token.text, word.lower())
    return typed


def _concepts(parts: list[tuple[str, float]], vocabulary: Vocabulary) -> list[Concept]:
    concepts: dict[tuple[tuple[str, ...], ...], Concept] = {}
    for text, weight in parts:
        parsed = parse(text, vocabulary)
        typed = _typed_words(text)
        groups = (
            [([[word]], [typed.get(word, word)]) for word in parsed.words]
            + [([phrase], phrase) for phrase in parsed.phrases]
            + [(([own] if own else []) + others, own or others[0]) for own, others in parsed.synonyms]
        )
        for options, words in groups:
            key = tuple(sorted(tuple(option) for option in options))
            if key in concepts:
                concepts[key].weight = max(concepts[key].weight, weight)
            else:
                concepts[key] = Concept(options=[list(option) for option in options], weight=weight, typed=list(words))
    return list(concepts.values())[: MAX_WORDS * 2]


def _links(cache: SearcherCache, parts: list[tuple[str, float]], concepts: list[Concept]) -> list[tuple[int, int]]:
    """Pairs of single-word concepts typed side by side that some document also has side by side."""
    position = {
        concept.options[0][0]: index
        for index, concept in enumerate(concepts)
        if concept.options[0:1] and len(concept.options) == 1 and len(concept.options[0]) == 1
    }
    links = []
    for text, _ in parts:
        terms = [token.text for token in ANALYZER(text)]
        for first, second in itertools.pairwise(terms):
            if (
                first in position
                and second in position
                and first != second
                and cache.term_docs("pairs", f"{first} {second}")
            ):
                links.append((position[first], position[second]))
    return list(dict.fromkeys(links))


def _score_option(
    cache: SearcherCache, option: list[str], factor: float, allowed_docs: set[int], best: dict[int, float]
) -> set[int]:
    """The documents having every term of `option`; those allowed get its BM25 score (times
    `factor`) in `best` where it beats what they have."""
    postings = [cache.weights(SEARCH_FIELD, term) for term in option]
    if not all(postings):
        return set()
    having = set(postings[0]).intersection(*postings[1:])
    total, average = cache.collection()
    term_idfs = [idf(total, len(weights)) for weights in postings]
    for docnum in having & allowed_docs:
        length = cache.length(docnum)
        score = factor * sum(
            bm25(weights[docnum], length, average, term_idf)
            for term_idf, weights in zip(term_idfs, postings, strict=True)
        )
        if score > best.get(docnum, 0.0):
            best[docnum] = score
    return having


def retrieve(
    user, parts: list[tuple[str, float]], *, kinds=("article", "service"), limit: int = 8, apply_pending=True
) -> Retrieval:
    """The best `limit` answers to a question: published articles and services still offered
    that this person may see (never a draft, even for editors), any of the question's ideas
    matching. Each is scored by BM25 over the ideas (the council's vocabulary and corrected typos
    included), weighted, with the ideas it covers. `parts` are (text, weight): a follow-up's own
    words at full weight, say, and the earlier question's at less."""
    concepts = _concepts(parts, council_vocabulary.current())
    if not concepts:
        return Retrieval([], [])
    if apply_pending:
        indexing.apply_changes_quietly()
    # What they may see now: an object changed since the index applied it is checked (query.py).
    cache, allowed_docs, changed, _ = open_for(user, kinds=kinds)
    statuses = cache.values("status")
    answering = statuses.get(ArticleStatus.PUBLISHED, set()) | statuses.get("active", set())
    allowed_docs = allowed_docs & answering
    total, _ = cache.collection()

    scores: dict[int, float] = {}
    covered: dict[int, set[int]] = {}
    close: dict[int, set[int]] = {}
    for position, concept in enumerate(concepts):
        best: dict[int, float] = {}
        exact: set[int] = set()

        for option in concept.options:
            having = _score_option(cache, option, 1.0, allowed_docs, best)
            if having:
                concept.known = True
                concept.idf = max(concept.idf, idf(total, len(having)))
                exact |= having
        if not concept.known:
            if len(concept.typed) == 1:
                for word in spelling.corrections(cache, concept.typed[0]):
                    corrected = [token.text for token in ANALYZER(word)]
                    if (
                        corrected
                        and corrected not in concept.close
                        and _score_option(cache, corrected, CLOSE_SPELLING_WEIGHT, allowed_docs, best)
                    ):
                        concept.close.append(corrected)
            # Not in any document: as telling as the rarest word if it is rare in everyday English
            # too (or a typo), hardly at all if it is an everyday word.
            concept.idf = idf(total, 1) * max(language.topic_weight(word) for word in concept.typed or ["?"])
        for docnum, score in best.items():
            scores[docnum] = scores.get(docnum, 0.0) + concept.weight * score
            covered.setdefault(docnum, set()).add(position)
            if docnum not in exact:
                close.setdefault(docnum, set()).add(position)
    top = heapq.nlargest(limit, scores, key=lambda docnum: (scores[docnum], -docnum))
    hits = [cache.stored(docnum) for docnum in top]
    by_key = {f"{hit['kind']}:{hit['oid']}": docnum for hit, docnum in zip(hits, top, strict=True)}
    candidates = []
    # No terms: titles and snippets unhighlighted (an answer shows its passage, not a snippet).
    for result in results(hits, set(), user, offset=0, limit=limit, changed=changed):
        if result.status not in (ArticleStatus.PUBLISHED, "active"):
            continue  # made draft, archived or retired since the index applied it
        docnum = by_key[f"{result.kind}:{result.object.id}"]
        candidates.append(
            Candidate(result=result, score=scores[docnum], covered=covered[docnum], close=close.get(docnum, set()))
        )
    return Retrieval(concepts, candidates, _links(cache, parts, concepts))
