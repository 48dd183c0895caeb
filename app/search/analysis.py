"""How text becomes search terms: English, case- and accent-folded, British and American
spellings meeting, Snowball-stemmed (so "run" finds "running", unlike Porter's "runn").

The per-word steps run in one filter (one Python loop instead of a generator per step), and
stems come from the Snowball project's C stemmer (PyStemmer) behind a cache: analysis is most
of what indexing costs."""

import re
from collections.abc import Iterator

import Stemmer
from whoosh.analysis import CharsetFilter, Filter, LowercaseFilter, RegexTokenizer, StopFilter
from whoosh.fields import TEXT
from whoosh.formats import Format, tokens
from whoosh.lang import stopwords_for_language
from whoosh.support.charset import accent_map

# American -> British, applied to every word at index and query time, so both spellings meet.
_IZE = re.compile(r"(?<=.{3})(i|y)z(e|ed|es|ing|ation|ations|er|ers|able)$")
_OUR_WORDS = {
    "color": "colour",
    "colors": "colours",
    "colored": "coloured",
    "behavior": "behaviour",
    "behaviors": "behaviours",
    "favor": "favour",
    "favorite": "favourite",
    "honor": "honour",
    "labor": "labour",
    "neighbor": "neighbour",
    "neighbors": "neighbours",
    "center": "centre",
    "centers": "centres",
    "catalog": "catalogue",
    "program": "programme",
    "programs": "programmes",
    "license": "licence",
    "defense": "defence",
    "offense": "offence",
    "traveled": "travelled",
    "traveling": "travelling",
    "traveler": "traveller",
    "canceled": "cancelled",
    "canceling": "cancelling",
    "enrollment": "enrolment",
    "fulfill": "fulfil",
    "judgment": "judgement",
    "aging": "ageing",
    "analyze": "analyse",
    "analyzed": "analysed",
    "paralyze": "paralyse",
    "gray": "grey",
}
STOP_WORDS = frozenset(stopwords_for_language("en"))
_MAX_CACHE = 200_000
# Whoosh's accent folding as a str.translate table (its keys are code points: typed as one).
_ACCENTS = str.maketrans(accent_map)


# An amount as people write it: "£5,000", "5,000" and "5k" are all the term "5000".
_AMOUNT = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?k)(?:\.\d+)?", re.IGNORECASE)


def amount(word: str) -> str:
    """`word` in plain digits if it is an amount written with thousands commas or "k"."""
    match = _AMOUNT.fullmatch(word)
    if not match:
        return word
    digits = match.group(1).replace(",", "").lower()
    if digits.endswith("k"):
        digits = f"{float(digits[:-1]) * 1000:g}"
    return digits


def british(word: str) -> str:
    if word in _OUR_WORDS:
        return _OUR_WORDS[word]
    if len(word) >= 7 and "z" in word:
        return _IZE.sub(lambda m: m.group(1) + "s" + m.group(2), word)
    return word


class EnglishFilter(Filter):
    """Lower case, no accents, British spelling, no stop words, Snowball stem: word -> term."""

    def __init__(self) -> None:
        self._stemmer = Stemmer.Stemmer("english")
        self._terms: dict[str, str | None] = {}

    def term(self, word: str) -> str | None:
        cached = self._terms.get(word, "")
        if cached != "":
            return cached
        folded = british(amount(word.lower().translate(_ACCENTS)))
        term = None if folded in STOP_WORDS or not folded else self._stemmer.stemWord(folded)
        if len(self._terms) < _MAX_CACHE:
            self._terms[word] = term
        return term

    def __call__(self, tokens):
        term_of = self.term
        for token in tokens:
            term = term_of(token.text)
            if term is None:
                continue
            token.text = term
            yield token

    def __eq__(self, other):
        return isinstance(other, EnglishFilter)

    def __getstate__(self):  # the index stores the schema (pickled); the stemmer is rebuilt on load
        return {}

    def __setstate__(self, state):
        self.__init__()


class PairsFilter(Filter):
    """Each pair of neighbouring terms as one term ("council chamber"). Schema version 2 indexed
    pairs this way; kept so that an index built then can still be opened (its schema is pickled
    in it) until `flask search reindex` replaces it. Version 3 keeps followers instead (below)."""

    def __call__(self, tokens):
        previous = None
        for token in tokens:
            if previous is not None:
                token.text = f"{previous} {token.text}"
                previous = token.text.rsplit(" ", 1)[1]
                yield token
            else:
                previous = token.text


FOLLOWER_SEPARATOR = b"\0"


class Followers(Format):
    """The postings of the pairs field: each term of a document with the terms that follow it
    there, NUL-separated between NULs (b"\\0chamber\\0meeting\\0"). A neighbouring pair "council
    chamber" of a phrase is in a document if "chamber" is among the followers of "council" in
    it: the same documents as a term per pair, with one term per word instead of one per pair.
    Real text has some six times as many distinct pairs as words, and writing a term is most of
    what a reindex costs in Whoosh."""

    posting_size = -1
    textual = True

    def __init__(self, field_boost: float = 1.0, **options) -> None:
        self.field_boost = field_boost
        self.options = options

    def word_values(self, value, analyzer, **kwargs) -> Iterator[tuple[str, int, float, bytes]]:  # type: ignore[override]  # Whoosh annotates bytes, but its own formats give str (fields.index encodes it)
        followers: dict[str, set[str]] = {}
        previous = None
        for token in tokens(value, analyzer, kwargs):
            if previous is not None:
                followers.setdefault(previous, set()).add(token.text)
            previous = token.text
        for word, after in followers.items():
            encoded = FOLLOWER_SEPARATOR + FOLLOWER_SEPARATOR.join(term.encode() for term in sorted(after))
            yield word, len(after), float(len(after)) * self.field_boost, encoded + FOLLOWER_SEPARATOR

    def decode_frequency(self, valuestring: bytes) -> int:
        return valuestring.count(FOLLOWER_SEPARATOR) - 1

    def decode_weight(self, valuestring: bytes) -> float:
        return self.decode_frequency(valuestring) * self.field_boost


class PAIRS(TEXT):
    """A field of words and their followers (for phrases): English terms, Followers postings."""

    def __init__(self) -> None:
        super().__init__(analyzer=english_analyzer(), phrase=False)
        self.format = Followers()
        self.scorable = False  # never ranked on: no lengths to write and look up for each posting


class WORDS(TEXT):
    """A field of whole words (folded, not stemmed) for "Did you mean": matched, never ranked."""

    def __init__(self) -> None:
        super().__init__(analyzer=spelling_analyzer(), phrase=False)
        self.scorable = False


# Whoosh's default token pattern keeps "*" inside words (for its wildcard syntax): "booking*"
# would be a word of its own that no article contains. A star is punctuation here. An amount
# with thousands commas ("25,000") is one word.
_WORDS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\w+(\.?\w+)*"


def english_analyzer():
    return RegexTokenizer(_WORDS) | EnglishFilter()


def pairs_analyzer():
    return RegexTokenizer(_WORDS) | EnglishFilter() | PairsFilter()


def spelling_analyzer():
    """Whole words (folded, not stemmed): the vocabulary "Did you mean" suggests from."""
    return RegexTokenizer(r"[^\W\d_]{3,}") | LowercaseFilter() | CharsetFilter(accent_map) | StopFilter(lang="en")
