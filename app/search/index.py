"""The one search module: the only code that talks to Whoosh.

- The index lives in SEARCH_INDEX_DIR/current, a symlink to one generation directory, so a full
  rebuild can be swapped in atomically while the site keeps serving.
- Changes reach it through the search outbox (rows written in the same transaction as the
  change, see app/search/outbox.py). `apply_pending` indexes rows past this index's cursor; a
  busy writer lock means "someone else is indexing", never an error for the person.
- Each process keeps one searcher per thread and refreshes it when the index changes.
- Queries are parsed by our own forgiving parser: no query can be an error.
"""
import heapq
import math
import os
import re
import shutil
import threading
import time
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from flask import current_app
from markupsafe import Markup, escape
from sqlalchemy import func, or_, select
from whoosh import highlight, index, query as q, scoring, sorting
from whoosh.collectors import TimeLimit, TimeLimitCollector
from whoosh.fields import DATETIME, ID, KEYWORD, STORED, TEXT, Schema
from whoosh.index import LockError

from app import clock
from app.extensions import db
from app.models import SearchLog, SearchOutbox
from app.search.analysis import STOP_WORDS, english_analyzer, pairs_analyzer, spelling_analyzer
from app.search.documents import KINDS, audiences

MAX_QUERY_CHARS = 200
MAX_WORDS = 12
MAX_FUZZY_WORDS = 6
MAX_RANKING_TERMS = 32
TIME_LIMIT_SECONDS = 0.5
# Outbox rows this recent are re-applied even if behind the cursor: ids are handed out when a
# transaction inserts, not when it commits, so a slow transaction can commit a lower id later.
REAPPLY_WINDOW = timedelta(minutes=2)

_EN = english_analyzer()
SCHEMA = Schema(
    key=ID(unique=True, stored=True),
    kind=ID(stored=True, sortable=True),
    oid=ID(stored=True),
    title=STORED(),
    content=TEXT(analyzer=_EN, phrase=False),
    pairs=TEXT(analyzer=pairs_analyzer(), phrase=False),
    excerpt=STORED(),
    tags=KEYWORD(stored=True, commas=True, lowercase=True),
    category=ID(stored=True, sortable=True),
    team=ID(stored=True),
    status=ID(stored=True),
    # Who may find it, comma-separated: "all", "editors", "services-staff", "team-<id>".
    audience=KEYWORD(commas=True),
    author=ID(stored=True),
    updated=DATETIME(stored=True, sortable=True),
    spell_public=TEXT(analyzer=spelling_analyzer(), phrase=False),  # words of what everyone sees
    spell_draft=TEXT(analyzer=spelling_analyzer(), phrase=False),  # words only drafts have
)
SEARCH_FIELD = "content"
# Bumped when SCHEMA changes: an index built with another version is rebuilt by
# `flask search reindex --if-missing` (make run) and reported by `flask search status`.
SCHEMA_VERSION = "2"


class _MarkFormatter(highlight.HtmlFormatter):
    """Matched words in <mark>, everything around them HTML-escaped."""

    def format_token(self, text, token, replace=False):
        return f"<mark>{highlight.htmlescape(highlight.get_text(text, token, replace))}</mark>"


_FORMATTER = _MarkFormatter(between=" … ")
_FRAGMENTER = highlight.ContextFragmenter(maxchars=220, surround=60)


# --- Where the index lives -------------------------------------------------------------------

def _root() -> Path:
    return Path(current_app.config["SEARCH_INDEX_DIR"])


def _current_dir() -> Path:
    """The live generation, created empty the first time."""
    root = _root()
    link = root / "current"
    if not link.exists():
        root.mkdir(parents=True, exist_ok=True)
        generation = _new_generation(root)
        _point_current_at(root, generation)
    return link.resolve()


def _new_generation(root: Path) -> Path:
    generation = root / f"gen-{time.time_ns()}"
    generation.mkdir(mode=0o700)
    index.create_in(str(generation), SCHEMA)
    (generation / "cursor").write_text("0")
    (generation / "schema-version").write_text(SCHEMA_VERSION)
    return generation


def _point_current_at(root: Path, generation: Path) -> None:
    # A symlink renamed over another is atomic: readers see the old index or the new one.
    temporary = root / f"current.{os.getpid()}.{threading.get_ident()}"
    temporary.unlink(missing_ok=True)
    temporary.symlink_to(generation.name)
    os.replace(temporary, root / "current")


_local = threading.local()


def _open(generation: Path):
    cache = getattr(_local, "indexes", None)
    if cache is None:
        cache = _local.indexes = {}
    if str(generation) not in cache:
        cache.clear()
        cache[str(generation)] = index.open_dir(str(generation))
    return cache[str(generation)]


def _searcher():
    """This thread's searcher, refreshed if the index changed or a rebuild was swapped in."""
    generation = _current_dir()
    current = getattr(_local, "searcher", None)
    if current is not None and _local.searcher_dir == str(generation) and current.up_to_date():
        return current
    # Not Searcher.refresh(): whoosh3's refresh reuses the old segment readers with their old
    # deletions (and adds merged-away segments back), so updated articles would show twice.
    if current is not None:
        current.close()
    _local.searcher = _open(generation).searcher(weighting=scoring.BM25F())
    _local.searcher_dir = str(generation)
    return _local.searcher


# Each cached set or frequency table holds up to one entry per document: bounded per searcher.
_MAX_CACHED_SETS = 1000


class _SearcherCache:
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
            self._sets[key] = (dict(reader.postings(field_name, text).items_as("weight"))
                               if (field_name, text) in reader else {})
        return self._sets[key]

    def length(self, docnum: int) -> int:
        lengths = self._values.setdefault("_lengths", {})
        if docnum not in lengths:
            lengths[docnum] = self.searcher.reader().doc_field_length(docnum, SEARCH_FIELD, 1)
        return lengths[docnum]

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


def _cache() -> _SearcherCache:
    searcher = _searcher()
    cache = getattr(_local, "cache", None)
    if cache is None or cache.searcher is not searcher:
        cache = _local.cache = _SearcherCache(searcher)
    return cache


def forget_open_indexes() -> None:
    """Close this thread's searcher (tests and the CLI, after removing index files)."""
    searcher = getattr(_local, "searcher", None)
    if searcher is not None:
        searcher.close()
    _local.searcher = None
    _local.searcher_dir = None
    _local.indexes = {}
    _local.cache = None


# --- Keeping the index true to the database -------------------------------------------------

def _cursor(generation: Path) -> int:
    return _read_cursor(generation)[0]


def _read_cursor(generation: Path) -> tuple[int, set[int]]:
    """The highest outbox id applied, and the recent rows (within REAPPLY_WINDOW) applied too."""
    try:
        numbers = [int(number) for number in (generation / "cursor").read_text().split()]
    except (FileNotFoundError, ValueError):
        return 0, set()
    return (numbers[0], set(numbers[1:])) if numbers else (0, set())


def _set_cursor(generation: Path, value: int, applied=()) -> None:
    temporary = generation / f"cursor.{os.getpid()}.{threading.get_ident()}"
    temporary.write_text(" ".join(str(number) for number in [value, *sorted(applied)]))
    os.replace(temporary, generation / "cursor")


def pending_count(generation: Path | None = None) -> int:
    generation = generation or _current_dir()
    return db.session.scalar(select(func.count()).select_from(SearchOutbox)
                             .where(SearchOutbox.id > _cursor(generation)))


def apply_pending(generation: Path | None = None, *, wait: float = 0) -> int:
    """Index the outbox rows this index has not seen. Returns how many objects were indexed,
    0 if there was nothing to do or another process holds the writer (it will catch up)."""
    generation = generation or _current_dir()
    cursor, applied = _read_cursor(generation)
    recent = clock.now() - REAPPLY_WINDOW
    rows = db.session.execute(
        select(SearchOutbox.id, SearchOutbox.kind, SearchOutbox.object_id, SearchOutbox.created_at)
        .where(or_(SearchOutbox.id > cursor, SearchOutbox.created_at > recent))
        .order_by(SearchOutbox.id)
    ).all()
    # A row behind the cursor that this index has not applied was committed late: apply it too.
    if not any(row.id > cursor or row.id not in applied for row in rows):
        return 0
    try:
        writer = _open(generation).writer(timeout=wait)
    except LockError:
        return 0
    try:
        changed = _write(writer, {(row.kind, row.object_id) for row in rows})
        writer.commit()
    except BaseException:
        writer.cancel()
        raise
    _set_cursor(generation, max(cursor, max(row.id for row in rows)),
                applied=[row.id for row in rows if row.created_at > recent])
    return changed


def _write(writer, keys) -> int:
    """Upsert each (kind, id) from the database's current state, or delete it if gone."""
    by_kind: dict[str, set[int]] = {}
    for kind, object_id in keys:
        if kind in KINDS:
            by_kind.setdefault(kind, set()).add(object_id)
    for kind, ids in by_kind.items():
        found = KINDS[kind].load(ids)
        for object_id in ids:
            if object_id in found:
                writer.update_document(**KINDS[kind].document(found[object_id]))
            else:
                writer.delete_by_term("key", f"{kind}:{object_id}")
    return sum(len(ids) for ids in by_kind.values())


def reindex(progress=print, batch: int = 500) -> dict:
    """Build a fresh index from the database beside the live one, catch it up with changes made
    meanwhile, and swap it in atomically. The site keeps searching the old one until then."""
    root = _root()
    root.mkdir(parents=True, exist_ok=True)
    started_at_outbox = db.session.scalar(select(func.max(SearchOutbox.id))) or 0
    generation = _new_generation(root)
    counts = {}
    # A generous memory pool keeps postings out of temporary files (most of the time otherwise).
    procs = current_app.config.get("SEARCH_REINDEX_PROCESSES", 1)
    writer = (_open(generation).writer(limitmb=512, procs=procs, multisegment=True) if procs > 1
              else _open(generation).writer(limitmb=512))
    try:
        for name, kind in KINDS.items():
            ids = kind.all_ids()
            for start in range(0, len(ids), batch):
                chunk = kind.load(ids[start:start + batch])
                for obj in chunk.values():
                    writer.add_document(**kind.document(obj))
                progress(f"search: {name}s {min(start + batch, len(ids))}/{len(ids)}")
                db.session.expunge_all()
            counts[name] = len(ids)
        writer.commit()  # several processes leave a segment each; `flask search optimize` merges
    except BaseException:
        writer.cancel()
        shutil.rmtree(generation, ignore_errors=True)
        raise
    _set_cursor(generation, started_at_outbox)
    apply_pending(generation, wait=5)
    old = (root / "current").resolve() if (root / "current").exists() else None
    _point_current_at(root, generation)
    apply_pending(generation, wait=5)
    if old is not None and old != generation:
        # Open searchers elsewhere keep reading their files until they refresh (POSIX).
        shutil.rmtree(old, ignore_errors=True)
    for stale in root.glob("gen-*"):
        if stale != generation and stale != old and stale.stat().st_mtime < time.time() - 3600:
            shutil.rmtree(stale, ignore_errors=True)
    progress(f"search: reindexed {sum(counts.values())} documents and swapped the new index in")
    return counts


def is_current_schema() -> bool:
    """Whether the live index was built with this code's schema."""
    marker = _root() / "current" / "schema-version"
    return marker.exists() and marker.read_text().strip() == SCHEMA_VERSION


def optimize() -> None:
    """Merge the index's segments into one (faster searches after many small updates)."""
    writer = _open(_current_dir()).writer(timeout=30)
    writer.commit(optimize=True)


def status() -> dict:
    """Documents per kind in the database and in the index, and outbox rows still to apply."""
    searcher = _searcher()
    indexed = {name: sum(1 for _ in searcher.document_numbers(kind=name)) for name in KINDS}
    return {
        "database": {name: len(kind.all_ids()) for name, kind in KINDS.items()},
        "index": indexed,
        "pending": pending_count(),
        "directory": str(_current_dir()),
    }


def clear() -> None:
    """Remove the whole index (tests; `flask search reindex` rebuilds it)."""
    forget_open_indexes()
    shutil.rmtree(_root(), ignore_errors=True)


# --- Reading queries -------------------------------------------------------------------------

@dataclass
class ParsedQuery:
    words: list[str] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.words or self.phrases)


_TOKEN = re.compile(r'-?"[^"]*"?|\S+')


def clean_query(text: str) -> str:
    """At most 200 characters, no control or format characters, whitespace folded."""
    text = unicodedata.normalize("NFKC", text or "")[:MAX_QUERY_CHARS * 4]
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    return " ".join(text.split())[:MAX_QUERY_CHARS]


def parse(text: str) -> ParsedQuery:
    """Words, "quoted phrases" and -excluded words. Everything else is just words: AND, OR and
    NOT, brackets, stars and field:syntax have no special meaning, so nothing can fail."""
    parsed = ParsedQuery()
    for token in _TOKEN.findall(clean_query(text)):
        negative = token.startswith("-") and len(token) > 1
        token = token[1:] if negative else token
        if token.startswith('"'):
            words = [t.text for t in _EN(token.strip('"'))]
            if len(words) > 1 and not negative:
                parsed.phrases.append(words[:MAX_WORDS])
            elif words:
                (parsed.excluded if negative else parsed.words).extend(words)
            continue
        if token.upper() in {"AND", "OR", "NOT"}:
            continue
        words = [t.text for t in _EN(token)]
        (parsed.excluded if negative else parsed.words).extend(words)
    parsed.words = list(dict.fromkeys(parsed.words))[:MAX_WORDS]
    parsed.excluded = parsed.excluded[:MAX_WORDS]
    return parsed


def _word_query(word: str, *, fuzzy: bool = False, prefix: bool = False):
    alternatives = [q.Term(SEARCH_FIELD, word)]
    if prefix and len(word) >= 3:
        alternatives.append(q.Prefix(SEARCH_FIELD, word))
    if fuzzy and len(word) >= 4:
        distance = 2 if len(word) >= 8 else 1
        # Keeping the first two letters bounds the expansion to a small corner of the word list.
        alternatives.append(q.FuzzyTerm(SEARCH_FIELD, word, maxdist=distance, prefixlength=2))
    return q.Or(alternatives) if len(alternatives) > 1 else alternatives[0]


def _build(parsed: ParsedQuery, *, fuzzy: bool = False, prefix_last: bool = False, any_word: bool = False):
    parts = []
    for position, word in enumerate(parsed.words):
        last = position == len(parsed.words) - 1
        parts.append(_word_query(word, fuzzy=fuzzy and position < MAX_FUZZY_WORDS,
                                 prefix=(prefix_last and last) or fuzzy))
    for phrase in parsed.phrases:
        # Each neighbouring pair of words must occur together: a term lookup per pair.
        # Each neighbouring pair of words must occur together: a term lookup per pair (the pairs
        # field), not a check of word positions in every candidate document.
        parts.append(q.And([q.Term("pairs", f"{first} {second}") for first, second in zip(phrase, phrase[1:])]))
    combined = (q.Or if any_word else q.And)(parts) if parts else q.NullQuery
    if parsed.excluded:
        combined = q.AndNot(combined, q.Or([_word_query(word) for word in parsed.excluded]))
    return combined


# --- Searching -------------------------------------------------------------------------------

@dataclass
class Result:
    kind: str
    kind_label: str
    object: object
    url: str
    title: Markup
    snippet: Markup
    category: str
    tags: list[str]
    status: str
    updated: datetime | None


@dataclass
class Page:
    query: str
    results: list[Result]
    total: int
    page: int
    per_page: int
    facets: dict = field(default_factory=dict)
    suggestion: str | None = None
    fuzzy: bool = False

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def _allowed(cache: _SearcherCache, user, *, kinds=None, category=None, tag=None) -> set[int]:
    """The documents this person may find, narrowed by the chosen filters (sets cached per searcher,
    so a filter costs a set intersection, not a query)."""
    groups = tuple(audiences(user))
    allowed = cache.docs(("audience", groups), q.Or([q.Term("audience", group) for group in groups]))
    if kinds:
        allowed = allowed & set().union(*(cache.values("kind").get(kind, set()) for kind in kinds))
    if category:
        allowed = allowed & cache.values("category").get(category, set())
    if tag:
        allowed = allowed & cache.values("tags").get(tag.lower(), set())
    return allowed


def _docs(cache: _SearcherCache, query) -> set[int]:
    """The documents a query matches, by set arithmetic on each term's (cached) documents: much
    quicker in Python than walking Whoosh's matchers, and a popular word is looked up once."""
    if isinstance(query, q.Term):
        return cache.docs(("term", query.fieldname, query.text), query)
    if isinstance(query, q.And):
        sets = sorted((_docs(cache, part) for part in query.subqueries), key=len)
        return set.intersection(*sets) if sets else set()
    if isinstance(query, q.Or):
        return set().union(*(_docs(cache, part) for part in query.subqueries))
    if isinstance(query, q.AndNot):
        return _docs(cache, query.a) - _docs(cache, query.b)
    return set(cache.searcher.docs_for_query(query))


def _matching(cache: _SearcherCache, query, allowed: set[int]) -> set[int]:
    """Every document the query matches that the person may find (for counts and facets)."""
    return _docs(cache, query) & allowed


def _top(searcher, query, *, allowed: set[int], limit: int, sort: str = "relevance"):
    """The best `limit` hits, scored; bounded in time so one query cannot stall a worker.
    `allowed` must not be empty: Whoosh reads an empty filter as no filter at all."""
    assert allowed, "an empty filter would let every document through"
    kwargs = {"filter": allowed}
    if sort == "newest":
        kwargs["sortedby"] = sorting.FieldFacet("updated", reverse=True)
    collector = searcher.collector(limit=limit, **kwargs)
    timed = TimeLimitCollector(collector, timelimit=TIME_LIMIT_SECONDS, use_alarm=False)
    try:
        searcher.search_with_collector(query, timed)
    except TimeLimit:
        current_app.logger.warning("search: time limit reached, showing partial results")
    return timed.results()


_K1, _B = 1.2, 0.75


def _rank(cache: _SearcherCache, matching: set[int], terms: set[str], limit: int) -> list[int]:
    """The best `limit` of the matching documents by BM25 over the query's words (fuzzy and
    prefix words expanded), computed from cached term frequencies: the documents are already
    known, so Whoosh need not walk its posting lists again to score them."""
    reader = cache.searcher.reader()
    total = max(reader.doc_count_all(), 1)
    average = max(reader.field_length(SEARCH_FIELD) / total, 1.0)
    scored_terms = []
    for text in terms:
        weights = cache.weights(SEARCH_FIELD, text)
        if weights:
            frequency = len(weights)
            scored_terms.append((math.log(1 + (total - frequency + 0.5) / (frequency + 0.5)), weights))
    # A short prefix or a fuzzy word can expand to hundreds of terms: rank on the rarest few.
    scored_terms = sorted(scored_terms, key=lambda item: -item[0])[:MAX_RANKING_TERMS]
    length = cache.length

    def score(docnum: int) -> float:
        norm = _K1 * (1 - _B + _B * length(docnum) / average)
        return sum(idf * weight * (_K1 + 1) / (weight + norm)
                   for idf, weights in scored_terms if (weight := weights.get(docnum)))

    return heapq.nlargest(limit, matching, key=lambda docnum: (score(docnum), -docnum))


def _facets(cache: _SearcherCache, matching: set[int]) -> dict[str, list[tuple[str, int]]]:
    facets = {}
    for name, field_name in (("kind", "kind"), ("category", "category"), ("tag", "tags")):
        counts = [(value, len(docs & matching)) for value, docs in cache.values(field_name).items() if value]
        facets[name] = sorted(((value, count) for value, count in counts if count),
                              key=lambda item: (-item[1], item[0]))
    return facets


def _terms(searcher, query) -> set[str]:
    """The index terms the query matched (fuzzy and prefix words expanded), for highlighting."""
    try:
        return {text.decode() if isinstance(text, bytes) else text
                for _, text in query.existing_terms(searcher.reader(), expand=True)}
    except Exception:  # noqa: BLE001  highlighting is a nicety; never fail a search for it
        return set()


def _highlight(text: str, terms: set[str], *, whole: bool) -> Markup:
    if not text:
        return Markup("")
    if terms:
        fragmenter = highlight.WholeFragmenter() if whole else _FRAGMENTER
        marked = highlight.highlight(text, terms, _EN, fragmenter, _FORMATTER, top=2)
        if marked:
            return Markup(marked)
    return escape(text if whole else text[:220] + ("…" if len(text) > 220 else ""))


def _results(hits, terms, user, *, offset: int, limit: int) -> list[Result]:
    """Results for hits[offset:offset + limit]: Whoosh hits, or stored-field dicts."""
    wanted = [hit if isinstance(hit, dict) else hit.fields() for hit in hits[offset:offset + limit]]
    by_kind: dict[str, list[int]] = {}
    for stored in wanted:
        by_kind.setdefault(stored["kind"], []).append(int(stored["oid"]))
    objects = {kind: KINDS[kind].load(ids) for kind, ids in by_kind.items() if kind in KINDS}
    results = []
    for stored in wanted:
        kind = KINDS.get(stored["kind"])
        obj = objects.get(stored["kind"], {}).get(int(stored["oid"]))
        # The database has the last word: gone, or no longer visible to this person, is left out.
        if kind is None or obj is None or not kind.visible(user, obj):
            continue
        results.append(Result(
            kind=kind.name, kind_label=kind.label, object=obj, url=kind.url(obj),
            title=_highlight(stored.get("title", ""), terms, whole=True),
            snippet=_highlight(stored.get("excerpt") or "", terms, whole=False),
            category=stored.get("category", ""), tags=[t for t in stored.get("tags", "").split(",") if t],
            status=stored.get("status", ""),  # the index keeps times as naive UTC
            updated=stored["updated"].replace(tzinfo=timezone.utc) if stored.get("updated") else None,
        ))
    return results


def apply_changes_quietly(*, after_commit: bool = False) -> None:
    """Apply the outbox now if the writer is free. Any failure is logged, never shown: the rows
    stay in the outbox and the next apply catches up."""
    try:
        apply_pending()
    except Exception:  # noqa: BLE001  a stale index is better than a failed request
        current_app.logger.exception("search: could not apply pending changes")
    finally:
        if after_commit:
            db.session.rollback()  # end the read-only transaction the apply opened


def search(user, text: str, *, kinds=None, category=None, tag=None, sort="relevance", page=1,
           per_page=10, log=True) -> Page:
    """Full search: results the person may see, facets, "Did you mean", typo fallback."""
    text = clean_query(text)
    parsed = parse(text)
    page = max(1, min(int(page or 1), 100))
    result = Page(query=text, results=[], total=0, page=page, per_page=per_page)
    if parsed.empty:
        return result
    apply_changes_quietly()
    cache = _cache()
    searcher = cache.searcher
    allowed = _allowed(cache, user, kinds=kinds, category=category, tag=tag)
    if not allowed:
        return result
    query = _build(parsed)
    matching = _matching(cache, query, allowed)
    if len(matching) < 3 and parsed.words:
        # Few or none: forgive typos and partial words.
        forgiving = _build(parsed, fuzzy=True, any_word=not matching)
        forgiving_matching = _matching(cache, forgiving, allowed)
        if len(forgiving_matching) > len(matching):
            query, matching, result.fuzzy = forgiving, forgiving_matching, True
    if len(matching) < 3:
        result.suggestion = _suggestion(cache, text, user)
    if matching:
        terms = _terms(searcher, query) | {word for phrase in parsed.phrases for word in phrase}
        offset = (page - 1) * per_page
        if sort == "newest":
            hits = _top(searcher, query, allowed=matching, limit=page * per_page, sort=sort)[offset:]
        else:
            hits = [searcher.stored_fields(docnum) for docnum in _rank(cache, matching, terms, page * per_page)[offset:]]
        result.results = _results(hits, terms, user, offset=0, limit=per_page)
    # Hits the database recheck left out (gone, or no longer visible) are not counted either.
    on_this_page = max(0, min(len(matching), page * per_page) - (page - 1) * per_page)
    result.total = len(matching) - (on_this_page - len(result.results))
    result.facets = _facets(cache, matching)
    if log and page == 1 and not (kinds or category or tag):
        db.session.add(SearchLog(query=text.lower()[:200], results=result.total, searched_at=clock.now()))
    return result


def _best(cache: _SearcherCache, query, allowed: set[int], limit: int, *, extra_terms=()) -> tuple[list, set[str]]:
    """The best `limit` stored documents for `query` among `allowed`, and the terms to highlight."""
    matching = _matching(cache, query, allowed)
    if not matching:
        return [], set()
    terms = _terms(cache.searcher, query) | set(extra_terms)
    return [cache.searcher.stored_fields(docnum) for docnum in _rank(cache, matching, terms, limit)], terms


def suggest(user, text: str, *, limit: int = 5) -> list[Result]:
    """Search as you type: the best few, the last word taken as the start of a word."""
    parsed = parse(text)
    if parsed.empty:
        return []
    apply_changes_quietly()
    cache = _cache()
    allowed = _allowed(cache, user)
    if not allowed:
        return []
    phrase_words = [word for phrase in parsed.phrases for word in phrase]
    hits, terms = _best(cache, _build(parsed, prefix_last=True), allowed, limit, extra_terms=phrase_words)
    if not hits and parsed.words:
        hits, terms = _best(cache, _build(parsed, fuzzy=True, any_word=True), allowed, limit)
    return _results(hits, terms, user, offset=0, limit=limit)


def similar(user, text: str, *, kinds=None, limit: int = 5, exclude: set[str] | None = None,
            status: str | None = None) -> list[Result]:
    """Objects like `text` (similar ideas while typing one, articles that may answer a request);
    `status` keeps only objects with that status (published articles, not drafts or archived)."""
    words = list(dict.fromkeys(token.text for token in _EN(clean_query(text))))[:MAX_WORDS]
    if not words:
        return []
    apply_changes_quietly()
    cache = _cache()
    allowed = _allowed(cache, user, kinds=kinds)
    if status:
        allowed = allowed & cache.values("status").get(status, set())
    if not allowed:
        return []
    wanted = limit + len(exclude or ())
    hits, terms = _best(cache, q.Or([_word_query(word) for word in words]), allowed, wanted)
    results = _results(hits, terms, user, offset=0, limit=wanted)
    return [r for r in results if f"{r.kind}:{r.object.id}" not in (exclude or set())][:limit]


def matching_ids(user, text: str, kind: str) -> list[int]:
    """Ids of every object of `kind` the text finds (a board's free-text filter), best first."""
    parsed = parse(text)
    if parsed.empty:
        return []
    apply_changes_quietly()
    cache = _cache()
    allowed = _allowed(cache, user, kinds=[kind])
    if not allowed:
        return []
    query = _build(parsed)
    matching = _matching(cache, query, allowed)
    if not matching and parsed.words:
        query = _build(parsed, fuzzy=True, any_word=True)
        matching = _matching(cache, query, allowed)
    ranked = _rank(cache, matching, _terms(cache.searcher, query), len(matching))
    return [int(cache.searcher.stored_fields(docnum)["oid"]) for docnum in ranked]


def _suggestion(cache: _SearcherCache, text: str, user) -> str | None:
    """A corrected query from the words of documents this person may see, or None."""
    searcher, reader = cache.searcher, cache.searcher.reader()
    field_names = ["spell_public", "spell_draft"] if "editors" in audiences(user) else ["spell_public"]
    correctors = [searcher.corrector(name) for name in field_names]
    allowed = _allowed(cache, user)
    changed, words = False, []
    for word in re.findall(r"[^\W\d_]+|\S+", text.lower()):
        folded = "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch))
        stems = [token.text for token in _EN(folded)]
        # Known as typed, or in another form of the same word ("claim" when titles say "claims").
        known = any((name, folded) in reader for name in field_names) or (
            bool(stems) and (SEARCH_FIELD, stems[0]) in reader)
        if len(folded) < 3 or not folded.isalpha() or folded in STOP_WORDS or known:
            words.append(word)
            continue
        # The word list keeps the words of deleted documents until their segment is merged away
        # (an article made draft, say): offer only a word a document this person may see still has.
        options = [option for corrector, name in zip(correctors, field_names)
                   for option in corrector.suggest(folded, limit=5, maxdist=2)
                   if any(docnum in allowed for docnum in searcher.docs_for_query(q.Term(name, option)))]
        if options:
            words.append(options[0])
            changed = True
        else:
            words.append(word)
    return " ".join(words) if changed else None


def searches_without_results(days: int, limit: int = 50) -> list[tuple[str, int, datetime]]:
    """The content gap list: queries that found nothing, most asked first."""
    since = clock.now() - timedelta(days=days)
    rows = db.session.execute(
        select(SearchLog.query, func.count().label("times"), func.max(SearchLog.searched_at))
        .where(SearchLog.searched_at >= since, SearchLog.results == 0)
        .group_by(SearchLog.query).order_by(func.count().desc(), SearchLog.query).limit(limit)
    )
    return [tuple(row) for row in rows]
