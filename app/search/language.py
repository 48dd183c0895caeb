"""Everyday English, from wordfreq's word lists (their data ships in the package, nothing is
downloaded): how common a word is in ordinary writing. Ask Staffroom uses it for the words no
document has: "next", "people" or "boss" say little about what a question is about, "maternity"
says a lot. And a common word is never "corrected" into another ("dairy" stays "dairy").

Frequencies are on the Zipf scale: log10 of uses per billion words, "the" 7.7, "meeting" 5.2,
"maternity" 3.7, a typo or nonsense 0-2."""

from functools import cache, lru_cache

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein
from wordfreq import top_n_list, zipf_frequency

# At or above this a word is everyday English (about once in 300,000 words): a real word, never
# taken for a typo of another.
COMMON_ZIPF = 3.5
# Unknown words from RARE_ZIPF down (once in a million words or rarer) tell as much as a word only
# one document has; from EVERYDAY_ZIPF up (the commonest few thousand words), almost nothing.
RARE_ZIPF, EVERYDAY_ZIPF = 3.0, 5.5
LEAST_WEIGHT = 0.05
# The everyday words a typo is checked against: the commonest of English (down to about Zipf 3.3).
EVERYDAY_WORDS = 20_000


@lru_cache(maxsize=65_536)
def zipf(word: str) -> float:
    return zipf_frequency(word, "en")


def is_common(word: str) -> bool:
    """Whether `word` is everyday English (a real word, not a typo)."""
    return zipf(word) >= COMMON_ZIPF


def topic_weight(word: str) -> float:
    """How much a word no document has says about what a question is about, 0-1: fully for a rare
    word (or a typo of nothing), little for an everyday one. Numbers say little either way."""
    if word.replace(".", "").isdigit():
        return LEAST_WEIGHT
    frequency = zipf(word)
    if frequency < COMMON_ZIPF and (everyday := everyday_typo(word)):
        frequency = zipf(everyday)
    share = (EVERYDAY_ZIPF - frequency) / (EVERYDAY_ZIPF - RARE_ZIPF)
    return min(1.0, max(LEAST_WEIGHT, share))


@cache
def _everyday_by_length() -> dict[int, list[str]]:
    words: dict[int, list[str]] = {}
    for word in top_n_list("en", EVERYDAY_WORDS):
        if word.isalpha():
            words.setdefault(len(word), []).append(word)
    return words


@lru_cache(maxsize=16_384)
def everyday_typo(word: str) -> str | None:
    """The everyday word `word` is one edit from (Damerau-Levenshtein: "hvae" is "have", "wiht" is
    "with"), the commonest if several, or None: a typo of an everyday word says as little as it."""
    if len(word) < 3 or not word.isalpha() or is_common(word):
        return None
    by_length = _everyday_by_length()
    choices = [other for length in (len(word) - 1, len(word), len(word) + 1) for other in by_length.get(length, [])]
    found = process.extract(word, choices, scorer=DamerauLevenshtein.distance, score_cutoff=1, limit=None)
    return max((other for other, _, _ in found), key=zipf, default=None)
