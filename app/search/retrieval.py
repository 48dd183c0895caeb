"""Ask Staffroom's retrieval: any of a question's ideas may match, each answer is scored by BM25
over the ideas it covers (the council's vocabulary and close spellings included), and says which
ideas those are, so the assistant knows how sure to be."""

import heapq
from dataclasses import dataclass, field

from app.models import ArticleStatus
from app.search import indexing, storage
from app.search import vocabulary as council_vocabulary
from app.search.query import MAX_WORDS, allowed, parse
from app.search.ranking import bm25, idf
from app.search.results import Result, results
from app.search.schema import SEARCH_FIELD
from app.search.vocabulary import Vocabulary

# A close spelling counts for less than the word itself: it may be a different word.
CLOSE_SPELLING_WEIGHT = 0.7


@dataclass
class Concept:
    """One idea of a question: its word, or any of its other names (from the council's vocabulary,
    or close spellings the index knows), each a list of terms that must all be there."""

    options: list[list[str]]
    weight: float = 1.0  # a follow-up's carried-over ideas count for less than its own
    idf: float = 0.0  # how telling a match is: rare ideas more than common ones
    known: bool = False  # some document has it

    @property
    def terms(self) -> set[str]:
        return {term for option in self.options for term in option}


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


def _concepts(parts: list[tuple[str, float]], vocabulary: Vocabulary) -> list[Concept]:
    concepts: dict[tuple[tuple[str, ...], ...], Concept] = {}
    for text, weight in parts:
        parsed = parse(text, vocabulary)
        groups = (
            [[[word]] for word in parsed.words]
            + [[phrase] for phrase in parsed.phrases]
            + [([own] if own else []) + others for own, others in parsed.synonyms]
        )
        for options in groups:
            key = tuple(sorted(tuple(option) for option in options))
            if key in concepts:
                concepts[key].weight = max(concepts[key].weight, weight)
            else:
                concepts[key] = Concept(options=[list(option) for option in options], weight=weight)
    return list(concepts.values())[: MAX_WORDS * 2]


def retrieve(
    user, parts: list[tuple[str, float]], *, kinds=("article", "service"), limit: int = 8, apply_pending=True
) -> Retrieval:
    """The best `limit` answers to a question: published articles and services still offered
    that this person may see (never a draft, even for editors), any of the question's ideas
    matching. Each is scored by BM25 over the ideas (the council's vocabulary and close spellings
    included), weighted, with the ideas it covers. `parts` are (text, weight): a follow-up's own
    words at full weight, say, and the earlier question's at less."""
    concepts = _concepts(parts, council_vocabulary.current())
    if not concepts:
        return Retrieval([], [])
    if apply_pending:
        indexing.apply_changes_quietly()
    cache = storage.cache()
    statuses = cache.values("status")
    answering = statuses.get(ArticleStatus.PUBLISHED, set()) | statuses.get("active", set())
    allowed_docs = allowed(cache, user, kinds=kinds) & answering
    total, average = cache.collection()

    scores: dict[int, float] = {}
    covered: dict[int, set[int]] = {}
    close: dict[int, set[int]] = {}
    for position, concept in enumerate(concepts):
        options = [(option, 1.0) for option in concept.options]
        for option in concept.options:
            if len(option) == 1 and len(option[0]) >= 5 and not cache.weights(SEARCH_FIELD, option[0]):
                distance = 2 if len(option[0]) >= 8 else 1
                options += [
                    ([spelling], CLOSE_SPELLING_WEIGHT)
                    for spelling in sorted(cache.close_spellings(option[0], distance))[:3]
                ]
        best: dict[int, float] = {}
        exact: set[int] = set()
        close_spellings = []
        for option, factor in options:
            postings = [cache.weights(SEARCH_FIELD, term) for term in option]
            if not all(postings):
                continue
            having = set(postings[0]).intersection(*postings[1:])
            if not having:
                continue
            if factor == 1.0:
                concept.known = True
                concept.idf = max(concept.idf, idf(total, len(having)))
                exact |= having
            else:
                close_spellings.append(option)
            term_idfs = [idf(total, len(weights)) for weights in postings]
            for docnum in having & allowed_docs:
                length = cache.length(docnum)
                score = factor * sum(
                    bm25(weights[docnum], length, average, term_idf) for term_idf, weights in zip(term_idfs, postings)
                )
                if score > best.get(docnum, 0.0):
                    best[docnum] = score
        concept.options += close_spellings  # so the passage is found by them too
        if not concept.known:
            concept.idf = idf(total, 1)  # a word no document has is as telling as the rarest: it is not covered
        for docnum, score in best.items():
            scores[docnum] = scores.get(docnum, 0.0) + concept.weight * score
            covered.setdefault(docnum, set()).add(position)
            if docnum not in exact:
                close.setdefault(docnum, set()).add(position)
    top = heapq.nlargest(limit, scores, key=lambda docnum: (scores[docnum], -docnum))
    hits = [cache.stored(docnum) for docnum in top]
    by_key = {f"{hit['kind']}:{hit['oid']}": docnum for hit, docnum in zip(hits, top)}
    candidates = []
    # No terms: titles and snippets unhighlighted (an answer shows its passage, not a snippet).
    for result in results(hits, set(), user, offset=0, limit=limit):
        docnum = by_key[f"{result.kind}:{result.object.id}"]
        candidates.append(
            Candidate(result=result, score=scores[docnum], covered=covered[docnum], close=close.get(docnum, set()))
        )
    return Retrieval(concepts, candidates)
