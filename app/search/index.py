"""The one search module: the only code that talks to Whoosh.

- The index lives in SEARCH_INDEX_DIR/current, a symlink to one generation directory, so a full
  rebuild can be swapped in atomically while the site keeps serving.
- Changes reach it through the search outbox (rows written in the same transaction as the
  change, see app/search/outbox.py). `apply_pending` indexes rows past this index's cursor; a
  busy writer lock means "someone else is indexing", never an error for the person.
- Each process keeps one searcher per thread and refreshes it when the index changes.
- Queries are parsed by our own forgiving parser: no query can be an error. The council's
  vocabulary (app/search/vocabulary.py) widens them: "PO" also finds "purchase order".
- Ask Staffroom's questions go through `retrieve`: any of a question's words may match, and each
  answer says which of them it covers, so the assistant knows how sure to be.
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
from app.search import vocabulary as council_vocabulary
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
    # Phrases the council's vocabulary has other names for: (the query's own words, which may be
    # none, [each other name's words]); a document with any one of them matches.
    synonyms: list[tuple[list[str], list[list[str]]]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.words or self.phrases or self.synonyms)

    @property
    def synonym_words(self) -> set[str]:
        return {word for own, others in self.synonyms for words in [own, *others] for word in words}


_TOKEN = re.compile(r'-?"[^"]*"?|\S+')


def clean_query(text: str) -> str:
    """At most 200 characters, no control or format characters, whitespace folded."""
    text = unicodedata.normalize("NFKC", text or "")[:MAX_QUERY_CHARS * 4]
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    return " ".join(text.split())[:MAX_QUERY_CHARS]


def parse(text: str, vocabulary=None) -> ParsedQuery:
    """Words, "quoted phrases" and -excluded words. Everything else is just words: AND, OR and
    NOT, brackets, stars and field:syntax have no special meaning, so nothing can fail.
    With the council's `vocabulary`, a phrase it knows (outside quotes and exclusions) matches
    its other names too: "PO" finds "purchase order"."""
    parsed = ParsedQuery()
    text = clean_query(text)
    if vocabulary:
        text = _expand(text, vocabulary, parsed)
    for token in _TOKEN.findall(text):
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


def _expand(text: str, vocabulary, parsed: ParsedQuery) -> str:
    """Note each phrase of `text` the vocabulary knows, with its other names, in
    `parsed.synonyms`; return the text with those phrases blanked out (they are not words too)."""
    kept = [match.span() for match in _TOKEN.finditer(text) if match.group(0).startswith(('"', '-'))]
    for found in vocabulary.find(text):
        if len(parsed.synonyms) >= MAX_WORDS:
            break
        if any(start < found.end and found.start < end for start, end in kept):
            continue  # inside a quoted phrase or an excluded word: taken as typed
        own = [token.text for token in _EN(text[found.start:found.end])]
        others = [words for words in ([token.text for token in _EN(name)] for name in found.alternatives)
                  # "A/L" is the word "l" to the index: too short to mean anything on its own
                  if len("".join(words)) >= 2 and words != own]
        if not others:
            continue
        parsed.synonyms.append((own if len("".join(own)) >= 2 else [], others))
        text = text[:found.start] + " " * (found.end - found.start) + text[found.end:]
    return text


def _word_query(word: str, *, fuzzy: bool = False, prefix: bool = False):
    alternatives = [q.Term(SEARCH_FIELD, word)]
    if prefix and len(word) >= 3:
        alternatives.append(q.Prefix(SEARCH_FIELD, word))
    if fuzzy and len(word) >= 4:
        distance = 2 if len(word) >= 8 else 1
        # Keeping the first two letters bounds the expansion to a small corner of the word list.
        alternatives.append(q.FuzzyTerm(SEARCH_FIELD, word, maxdist=distance, prefixlength=2))
    return q.Or(alternatives) if len(alternatives) > 1 else alternatives[0]


def _phrase_query(words: list[str]):
    """The words together, in order: each neighbouring pair is one term of the pairs field (a
    term lookup per pair, not a check of word positions in every candidate document)."""
    if len(words) == 1:
        return q.Term(SEARCH_FIELD, words[0])
    return q.And([q.Term("pairs", f"{first} {second}") for first, second in zip(words, words[1:])])


def _build(parsed: ParsedQuery, *, fuzzy: bool = False, prefix_last: bool = False, any_word: bool = False):
    parts = []
    for position, word in enumerate(parsed.words):
        last = position == len(parsed.words) - 1
        parts.append(_word_query(word, fuzzy=fuzzy and position < MAX_FUZZY_WORDS,
                                 prefix=(prefix_last and last) or fuzzy))
    for phrase in parsed.phrases:
        parts.append(_phrase_query(phrase))
    for own, others in parsed.synonyms:
        options = [q.And([_word_query(word, fuzzy=fuzzy, prefix=fuzzy) for word in own])] if own else []
        parts.append(q.Or(options + [_phrase_query(words) for words in others]))
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
    parsed = parse(text, council_vocabulary.current())
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
        terms = (_terms(searcher, query) | {word for phrase in parsed.phrases for word in phrase}
                 | parsed.synonym_words)
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
    parsed = parse(text, council_vocabulary.current())
    if parsed.empty:
        return []
    apply_changes_quietly()
    cache = _cache()
    allowed = _allowed(cache, user)
    if not allowed:
        return []
    phrase_words = [word for phrase in parsed.phrases for word in phrase] + sorted(parsed.synonym_words)
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
    parsed = parse(text, council_vocabulary.current())
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
    ranked = _rank(cache, matching, _terms(cache.searcher, query) | parsed.synonym_words, len(matching))
    return [int(cache.searcher.stored_fields(docnum)["oid"]) for docnum in ranked]


# --- Questions (Ask Staffroom) -----------------------------------------------------------------

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


# A close spelling counts for less than the word itself: it may be a different word.
CLOSE_SPELLING_WEIGHT = 0.7


def analyse(text: str) -> list[str]:
    """The terms of `text` as the index sees them (folded, British, stemmed, no stop words)."""
    return [token.text for token in _EN(text or "")]


def _concepts(parts, vocabulary) -> list[Concept]:
    found: dict[tuple, Concept] = {}
    for text, weight in parts:
        parsed = parse(text, vocabulary)
        groups = ([[[word]] for word in parsed.words] + [[phrase] for phrase in parsed.phrases]
                  + [([own] if own else []) + others for own, others in parsed.synonyms])
        for options in groups:
            key = tuple(sorted(tuple(option) for option in options))
            if key in found:
                found[key].weight = max(found[key].weight, weight)
            else:
                found[key] = Concept(options=[list(option) for option in options], weight=weight)
    return list(found.values())[:MAX_WORDS * 2]


def retrieve(user, parts: list[tuple[str, float]], *, kinds=("article", "service"), limit: int = 8) -> Retrieval:
    """The best `limit` answers to a question: published articles and services still offered
    that this person may see (never a draft, even for editors), any of the question's ideas
    matching. Each is scored by BM25 over the ideas (the council's vocabulary and close spellings
    included), weighted, with the ideas it covers. `parts` are (text, weight): a follow-up's own
    words at full weight, say, and the earlier question's at less."""
    concepts = _concepts(parts, council_vocabulary.current())
    if not concepts:
        return Retrieval([], [])
    apply_changes_quietly()
    cache = _cache()
    reader = cache.searcher.reader()
    statuses = cache.values("status")
    allowed = _allowed(cache, user, kinds=kinds) & (statuses.get("published", set()) | statuses.get("active", set()))
    total = max(reader.doc_count_all(), 1)
    average = max(reader.field_length(SEARCH_FIELD) / total, 1.0)

    def idf(frequency: int) -> float:
        return math.log(1 + (total - frequency + 0.5) / (frequency + 0.5))

    scores: dict[int, float] = {}
    covered: dict[int, set[int]] = {}
    close: dict[int, set[int]] = {}
    for position, concept in enumerate(concepts):
        options = [(option, 1.0) for option in concept.options]
        for option in concept.options:
            if len(option) == 1 and len(option[0]) >= 5 and not cache.weights(SEARCH_FIELD, option[0]):
                distance = 2 if len(option[0]) >= 8 else 1
                options += [([close], CLOSE_SPELLING_WEIGHT) for close in
                            sorted(reader.terms_within(SEARCH_FIELD, option[0], distance, prefix=2))[:3]]
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
                concept.idf = max(concept.idf, idf(len(having)))
                exact |= having
            else:
                close_spellings.append(option)
            term_idfs = [idf(len(weights)) for weights in postings]
            for docnum in having & allowed:
                norm = _K1 * (1 - _B + _B * cache.length(docnum) / average)
                score = factor * sum(term_idf * weights[docnum] * (_K1 + 1) / (weights[docnum] + norm)
                                     for term_idf, weights in zip(term_idfs, postings))
                if score > best.get(docnum, 0.0):
                    best[docnum] = score
        concept.options += close_spellings  # so the passage is found by them too
        if not concept.known:
            concept.idf = idf(1)  # a word no document has is as telling as the rarest: it is not covered
        for docnum, score in best.items():
            scores[docnum] = scores.get(docnum, 0.0) + concept.weight * score
            covered.setdefault(docnum, set()).add(position)
            if docnum not in exact:
                close.setdefault(docnum, set()).add(position)
    top = heapq.nlargest(limit, scores, key=lambda docnum: (scores[docnum], -docnum))
    hits = [cache.searcher.stored_fields(docnum) for docnum in top]
    by_key = {f"{hit['kind']}:{hit['oid']}": docnum for hit, docnum in zip(hits, top)}
    candidates = []
    # No terms: titles and snippets unhighlighted (an answer shows its passage, not a snippet).
    for result in _results(hits, set(), user, offset=0, limit=limit):
        docnum = by_key[f"{result.kind}:{result.object.id}"]
        candidates.append(Candidate(result=result, score=scores[docnum], covered=covered[docnum],
                                    close=close.get(docnum, set())))
    return Retrieval(concepts, candidates)


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
