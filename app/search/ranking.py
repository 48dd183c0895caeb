"""The one relevance formula: Okapi BM25, with one k1 and one b, used to rank search results, to
score Ask Staffroom's candidate answers and to choose the passage of an article that answers."""

import heapq
import math

from app.search.documents import KINDS
from app.search.schema import SEARCH_FIELD
from app.search.storage import SearcherCache

# How quickly more occurrences of a term stop adding to the score, and how much a long text is
# discounted against the average one (the usual BM25 values).
K1, B = 1.2, 0.75
# A short prefix or a fuzzy word can expand to hundreds of terms: rank on the rarest few.
MAX_RANKING_TERMS = 32


def idf(total: int, having: int) -> float:
    """How telling a term is: rare among the `total` texts (documents, or an article's sections)
    more than common. `having` is how many of them have it."""
    return math.log(1 + (total - having + 0.5) / (having + 0.5))


def bm25(frequency: float, length: float, average_length: float, term_idf: float = 1.0) -> float:
    """A term's contribution to a text's score: `frequency` occurrences in a text of `length`
    terms, against the `average_length` of the texts compared, weighted by the term's idf."""
    norm = K1 * (1 - B + B * length / average_length)
    return term_idf * frequency * (K1 + 1) / (frequency + norm)


def rank(cache: SearcherCache, matching: set[int], terms: set[str], limit: int) -> list[int]:
    """The best `limit` of the matching documents by BM25 over the query's words (fuzzy and
    prefix words expanded), computed from cached term frequencies: the documents are already
    known, so the index need not walk its posting lists again to score them. `cache` is the
    searcher's (storage.SearcherCache): term weights, document lengths and the collection."""
    total, average = cache.collection()
    candidates = []
    for text in terms:
        weights = cache.weights(SEARCH_FIELD, text)
        if weights:
            candidates.append((idf(total, len(weights)), text, weights))
    # The rarest first; among equally rare terms, alphabetical (not the order of a set of
    # strings, which changes with Python's per-process hash seed).
    candidates.sort(key=lambda item: (-item[0], item[1]))
    scored_terms = [(term_idf, weights) for term_idf, _, weights in candidates[:MAX_RANKING_TERMS]]
    length = cache.length
    # Each kind's weight (documents.KINDS): ideas below guidance at an equal match.
    weighed = [(kind.weight, cache.values("kind").get(name, set())) for name, kind in KINDS.items() if kind.weight != 1]

    def score(docnum: int) -> float:
        document_length = length(docnum)
        value = sum(
            bm25(weight, document_length, average, term_idf)
            for term_idf, weights in scored_terms
            if (weight := weights.get(docnum))
        )
        return value * next((factor for factor, having in weighed if docnum in having), 1.0)

    return heapq.nlargest(limit, matching, key=lambda docnum: (score(docnum), -docnum))
