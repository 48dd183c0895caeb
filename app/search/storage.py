"""Where the Whoosh index lives and how it is read: generation directories behind an atomically
swapped `current` symlink, one open index and searcher per thread, and the document sets and term
frequencies worked out once per searcher."""

import os
import shutil
import threading
import time
from pathlib import Path

from flask import current_app
from whoosh import index, scoring

from app.search.schema import SCHEMA, SCHEMA_VERSION, SEARCH_FIELD

# Each cached set or frequency table holds up to one entry per document: bounded per searcher.
_MAX_CACHED_SETS = 1000


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
    """Document sets worked out once per searcher (the index does not change under it)."""

    def __init__(self, searcher):
        self.searcher = searcher
        self._sets: dict = {}
        self._values: dict = {}

    # Plain sets (Whoosh takes a set as a filter, not a frozenset); callers never change them.
    def docs(self, key, query) -> set[int]:
        if key not in self._sets:
            if len(self._sets) > _MAX_CACHED_SETS:  # a long-lived searcher must not grow without bound
                self._sets.clear()
            self._sets[key] = set(self.searcher.docs_for_query(query))
        return self._sets[key]

    def weights(self, field_name: str, text: str) -> dict[int, float]:
        """How often the term occurs in each (live) document that has it."""
        key = ("weights", field_name, text)
        if key not in self._sets:
            if len(self._sets) > _MAX_CACHED_SETS:
                self._sets.clear()
            reader = self.searcher.reader()
            self._sets[key] = (
                dict(reader.postings(field_name, text).items_as("weight")) if (field_name, text) in reader else {}
            )
        return self._sets[key]

    def length(self, docnum: int) -> int:
        lengths = self._values.setdefault("_lengths", {})
        if docnum not in lengths:
            lengths[docnum] = self.searcher.reader().doc_field_length(docnum, SEARCH_FIELD, 1)
        return lengths[docnum]

    def collection(self) -> tuple[int, float]:
        """How many documents the index holds (at least 1) and their average length (at least 1)."""
        reader = self.searcher.reader()
        total = max(reader.doc_count_all(), 1)
        return total, max(reader.field_length(SEARCH_FIELD) / total, 1.0)

    def close_spellings(self, text: str, distance: int) -> list[str]:
        """Terms of the searched field within `distance` edits of `text`, sharing its first two letters."""
        return list(self.searcher.reader().terms_within(SEARCH_FIELD, text, distance, prefix=2))

    def spelling_words(self, field_name: str) -> "Lexicon":
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
