"""Typos: the words documents have that are within a few edits of a word as typed, by
Damerau-Levenshtein distance on the whole word (a swap of two neighbouring letters is one edit,
so "cabnet" and "travle" are one from "cabinet" and "travel"). A word of everyday English is never
taken for a typo of another ("dairy" is not "diary"); a word the index has is not a typo either.

The candidates come from the spelling fields (whole words, folded, not stemmed), so the distance
is measured on what people type, not on stems."""

import unicodedata

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from app.search import language
from app.search.storage import SearcherCache

SHORTEST = 4  # letters; shorter words have too many neighbours to guess from


def fold(word: str) -> str:
    """Lower case without accents: how the spelling fields hold words."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def edits_allowed(word: str) -> int:
    """One edit up to seven letters, two from eight."""
    if len(word) < SHORTEST:
        return 0
    return 1 if len(word) <= 7 else 2


def could_be_typo(word: str) -> bool:
    word = fold(word)
    return word.isalpha() and len(word) >= SHORTEST and not language.is_common(word)


def corrections(
    cache: SearcherCache, word: str, field_names=("spell_public",), limit: int = 3, *, visible: set[int] | None = None
) -> list[str]:
    """The words documents have that `word` may be a typo of, nearest first (then the words more
    documents have): none if it is everyday English, too short, or a word they have. With
    `visible` (the documents a person may see now), only the words those documents have count,
    both as candidates and as "a word they have": a word only a draft has is never offered to
    someone who may not see drafts, nor does it stop a correction."""
    word = fold(word)
    if not could_be_typo(word):
        return []

    def seen(field_name: str, term: str) -> bool:
        return visible is None or not cache.term_docs(field_name, term).isdisjoint(visible)

    edits = edits_allowed(word)
    found: dict[str, tuple[int, int]] = {}
    for field_name in field_names:
        words = cache.spelling_lexicon(field_name)
        if word in words and seen(field_name, word):
            return []
        choices = [
            other for length in range(len(word) - edits, len(word) + edits + 1) for other in words.by_length(length)
        ]
        for other, distance, _ in process.extract(
            word, choices, scorer=DamerauLevenshtein.distance, score_cutoff=edits, limit=None
        ):
            if other == word or not seen(field_name, other):
                continue
            rank = (distance, -words.frequency(other))
            found[other] = min(found.get(other, rank), rank)
    return sorted(found, key=lambda other: (found[other], other))[:limit]
