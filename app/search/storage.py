"""Where the Whoosh index lives and how it is read: generation directories behind an atomically
swapped `current` symlink, one open index and searcher per thread, and the document sets and term
frequencies worked out once per searcher."""

import bisect
import os
import shutil
import threading
import time
from pathlib import Path

from flask import current_app
from whoosh import index, scoring

from app.search.analysis import FOLLOWER_SEPARATOR, Followers
from app.search.schema import PAIRS_FIELD, SCHEMA, SCHEMA_VERSION, SEARCH_FIELD

# Each cached set or frequency table holds up to one entry per document: bounded per searcher.
_MAX_CACHED_SETS = 1000
# Postings kept per searcher (one entry per document a term is in): some tens of megabytes at most.
_MAX_CACHED_POSTINGS = 2_000_000


# --- Where the index lives -------------------------------------------------------------------


def root() -> Path:
    return Path(current_app.config["SEARCH_INDEX_DIR"])


def current_dir() -> Path:
    """The live generation, created empty the first time."""
    directory = root()
    link = directory / "current"
    if not link.exists():
        directory.mkdir(parents=True, exist_ok=True)
        generation = new_generation(directory)
        point_current_at(directory, generation)
    return link.resolve()


def new_generation(directory: Path) -> Path:
    generation = directory / f"gen-{time.time_ns()}"
    generation.mkdir(mode=0o700)
    index.create_in(str(generation), SCHEMA)
    (generation / "cursor").write_text("0")
    (generation / "schema-version").write_text(SCHEMA_VERSION)
    return generation


def point_current_at(directory: Path, generation: Path) -> None:
    # A symlink renamed over another is atomic: readers see the old index or the new one.
    temporary = directory / f"current.{os.getpid()}.{threading.get_ident()}"
    temporary.unlink(missing_ok=True)
    temporary.symlink_to(generation.name)
    os.replace(temporary, directory / "current")


def is_current_schema() -> bool:
    """Whether the live index was built with this code's schema."""
    marker = root() / "current" / "schema-version"
    return marker.exists() and marker.read_text().strip() == SCHEMA_VERSION


# --- Open indexes and searchers, one per thread ------------------------------------------------

_local = threading.local()


def open_index(generation: Path):
    cache = getattr(_local, "indexes", None)
    if cache is None:
        cache = _local.indexes = {}
    if str(generation) not in cache:
        cache.clear()
        cache[str(generation)] = index.open_dir(str(generation))
    return cache[str(generation)]


def searcher():
    """This thread's searcher, refreshed if the index changed or a rebuild was swapped in."""
    generation = current_dir()
    current = getattr(_local, "searcher", None)
    if current is not None and _local.searcher_dir == str(generation) and current.up_to_date():
        return current
    # Not Searcher.refresh(): whoosh3's refresh reuses the old segment readers with their old
    # deletions (and adds merged-away segments back), so updated articles would show twice.
    if current is not None:
        current.close()
    _local.searcher = open_index(generation).searcher(weighting=scoring.BM25F())
    _local.searcher_dir = str(generation)
    return _local.searcher


class Lexicon:
    """Words with their document frequencies, grouped by length (typo candidates are near in length)."""

    def __init__(self, frequencies: dict[str, int]):
        self._frequencies = frequencies
        self._by_length: dict[int, list[str]] = {}
        for word in frequencies:
            self._by_length.setdefault(len(word), []).append(word)

    def __contains__(self, word: str) -> bool:
        return word in self._frequencies

    def by_length(self, length: int) -> list[str]:
        return self._by_length.get(length, [])

    def frequency(self, word: str) -> int:
        return self._frequencies.get(word, 0)


class SearcherCache:
    """What a searcher is asked again and again, worked out once per searcher (the index does not
    change under it): each term's postings, the documents' lengths, each field's word list (for
    prefixes, fuzzy words and "Did you mean"), facet values."""

    def __init__(self, searcher) -> None:
        self.searcher = searcher
        self._sets: dict = {}
        self._postings: dict[tuple[str, str], dict[int, float]] = {}
        self._term_docs: dict[tuple[str, str], set[int]] = {}
        self._followers_of: dict[str, list[tuple[int, bytes]]] = {}
        self._cached_postings = 0
        self._values: dict = {}
        self._lexicons: dict[str, list[str]] = {}
        self._lengths: list[int] | None = None

    # Plain sets (Whoosh takes a set as a filter, not a frozenset); callers never change them.
    def docs(self, key, query) -> set[int]:
        if key not in self._sets:
            if len(self._sets) > _MAX_CACHED_SETS:  # a long-lived searcher must not grow without bound
                self._sets.clear()
            self._sets[key] = set(self.searcher.docs_for_query(query))
        return self._sets[key]

    def weights(self, field_name: str, text: str) -> dict[int, float]:
        """How often the term occurs in each (live) document that has it: its postings, read once."""
        key = (field_name, text)
        weights = self._postings.get(key)
        if weights is None:
            self._make_room()
            reader = self.searcher.reader()
            weights = dict(reader.postings(field_name, text).items_as("weight")) if key in reader else {}
            self._postings[key] = weights
            self._cached_postings += len(weights) + 1
        return weights

    def term_docs(self, field_name: str, text: str) -> set[int]:
        """The (live) documents that have the term, from the same postings as its weights. A pair
        of the pairs field ("council chamber") is the documents where the second word follows
        the first (analysis.Followers)."""
        key = (field_name, text)
        docs = self._term_docs.get(key)
        if docs is None:
            if field_name == PAIRS_FIELD and " " in text and isinstance(self._format(field_name), Followers):
                first, second = text.split(" ", 1)
                needle = FOLLOWER_SEPARATOR + second.encode() + FOLLOWER_SEPARATOR
                docs = {docnum for docnum, followers in self._followers(first) if needle in followers}
            else:
                docs = set(self.weights(field_name, text))
            self._term_docs[key] = docs
        return docs

    def _format(self, field_name: str):
        # The searcher's own schema: an index built with an older schema version reads its way.
        return self.searcher.schema[field_name].format

    def _followers(self, word: str) -> list[tuple[int, bytes]]:
        """Each (live) document with the word in the pairs field, and the words following it there."""
        followers = self._followers_of.get(word)
        if followers is None:
            self._make_room()
            reader = self.searcher.reader()
            found = (PAIRS_FIELD, word) in reader
            followers = self._followers_of[word] = list(reader.postings(PAIRS_FIELD, word).all_items()) if found else []
            self._cached_postings += len(followers) + 1  # the same budget as the weights
        return followers

    def _make_room(self) -> None:
        if self._cached_postings > _MAX_CACHED_POSTINGS:  # bounded: start again
            self._postings.clear()
            self._term_docs.clear()
            self._followers_of.clear()
            self._cached_postings = 0

    def length(self, docnum: int) -> int:
        """How many terms the searched field has in the document (as BM25F reads it)."""
        if self._lengths is None:
            reader = self.searcher.reader()
            length_of = reader.doc_field_length
            self._lengths = [length_of(docnum, SEARCH_FIELD, 1) for docnum in range(reader.doc_count_all())]
        return self._lengths[docnum]

    def collection(self) -> tuple[int, float]:
        """How many documents the index holds (at least 1) and their average length (at least 1)."""
        reader = self.searcher.reader()
        total = max(reader.doc_count_all(), 1)
        return total, max(reader.field_length(SEARCH_FIELD) / total, 1.0)

    # --- The word list: prefixes, close spellings, "Did you mean" ---------------------------------

    def lexicon(self, field_name: str) -> list[str]:
        """Every term of the field, sorted (as the index keeps them, including terms only deleted
        documents still have, until their segment is merged away)."""
        if field_name not in self._lexicons:
            self._lexicons[field_name] = sorted(
                term.decode() if isinstance(term, bytes) else term
                for term in self.searcher.reader().lexicon(field_name)
            )
        return self._lexicons[field_name]

    def prefixed(self, field_name: str, prefix: str) -> list[str]:
        """The field's terms that start with `prefix` (Whoosh's expand_prefix)."""
        words = self.lexicon(field_name)
        start = bisect.bisect_left(words, prefix)
        end = bisect.bisect_left(words, prefix + "\U0010ffff", start)
        return words[start:end]

    def spelling_lexicon(self, field_name: str) -> "Lexicon":
        """The whole words of a spelling field, by length, with how many documents have each."""
        key = ("_lexicon", field_name)
        if key not in self._values:
            reader = self.searcher.reader()
            self._values[key] = Lexicon(
                {
                    (term.decode() if isinstance(term, bytes) else term): info.doc_frequency()
                    for term, info in reader.iter_field(field_name)
                }
            )
        return self._values[key]

    def values(self, field_name: str) -> dict[str, set[int]]:
        """Every value of a facet field with the (live) documents that have it."""
        if field_name not in self._values:
            reader = self.searcher.reader()
            values = {}
            for term in reader.lexicon(field_name):
                text = term.decode() if isinstance(term, bytes) else term
                values[text] = set(reader.postings(field_name, term).all_ids())
            self._values[field_name] = values
        return self._values[field_name]

    def document_values(self, field_name: str) -> dict[int, tuple[str, ...]]:
        """Each (live) document's values of a facet field: values() turned round."""
        key = ("document values", field_name)
        if key not in self._values:
            of_document: dict[int, list[str]] = {}
            for value, docs in self.values(field_name).items():
                for docnum in docs:
                    of_document.setdefault(docnum, []).append(value)
            self._values[key] = {docnum: tuple(values) for docnum, values in of_document.items()}
        return self._values[key]

    def stored(self, docnum: int) -> dict:
        return self.searcher.stored_fields(docnum)


def cache() -> SearcherCache:
    current = searcher()
    cached = getattr(_local, "cache", None)
    if cached is None or cached.searcher is not current:
        cached = _local.cache = SearcherCache(current)
    return cached


def forget_open_indexes() -> None:
    """Close this thread's searcher (tests and the CLI, after removing index files)."""
    current = getattr(_local, "searcher", None)
    if current is not None:
        current.close()
    _local.searcher = None
    _local.searcher_dir = None
    _local.indexes = {}
    _local.cache = None


def clear() -> None:
    """Remove the whole index (tests; `flask search reindex` rebuilds it)."""
    forget_open_indexes()
    shutil.rmtree(root(), ignore_errors=True)


def optimize() -> None:
    """Merge the index's segments into one (faster searches after many small updates)."""
    writer = open_index(current_dir()).writer(timeout=30)
    writer.commit(optimize=True)
