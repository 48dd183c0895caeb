"""Finding things: the search page (results, facets, "Did you mean", typo fallback), search as
you type, objects similar to a text, and a board's free-text filter."""

from collections import Counter

from flask import current_app
from whoosh import sorting
from whoosh.collectors import TimeLimit, TimeLimitCollector

from app.search import indexing
from app.search import vocabulary as council_vocabulary
from app.search.documents import KINDS
from app.search.log import record as record_search
from app.search.query import (
    MAX_WORDS,
    allowed,
    any_word_query,
    build,
    clean_query,
    corrected,
    matching,
    open_for,
    parse,
    suggestion,
    terms,
)
from app.search.ranking import rank
from app.search.results import Page, Result, results
from app.search.schema import analyse
from app.search.storage import SearcherCache

TIME_LIMIT_SECONDS = 0.5


def _top(searcher, query, *, allowed_docs: set[int], limit: int, sort: str = "relevance"):
    """The best `limit` hits, scored; bounded in time so one query cannot stall a worker.
    `allowed_docs` must not be empty: Whoosh reads an empty filter as no filter at all."""
    assert allowed_docs, "an empty filter would let every document through"  # noqa: S101 - a caller's invariant, not input
    kwargs: dict[str, set[int] | sorting.FieldFacet] = {"filter": allowed_docs}
    if sort == "newest":
        kwargs["sortedby"] = sorting.FieldFacet("updated", reverse=True)
    collector = searcher.collector(limit=limit, **kwargs)
    timed = TimeLimitCollector(collector, timelimit=TIME_LIMIT_SECONDS, use_alarm=False)
    try:
        searcher.search_with_collector(query, timed)
    except TimeLimit:
        current_app.logger.warning("search: time limit reached, showing partial results")
    return timed.results()


def _counted(cache: SearcherCache, field_name: str, among: set[int]) -> list[tuple[str, int]]:
    """How many of `among` have each value of the field, most first."""
    values = cache.values(field_name)
    if len(among) < len(values):
        # Fewer documents than values (a real vocabulary of tags): count each document's values.
        of_document = cache.document_values(field_name)
        counts = Counter(value for docnum in among for value in of_document.get(docnum, ()) if value)
    else:
        counts = Counter({value: len(docs & among) for value, docs in values.items() if value})
    return sorted(((value, count) for value, count in counts.items() if count), key=lambda item: (-item[1], item[0]))


def _facets(cache: SearcherCache, matching_docs: set[int]) -> dict[str, list[tuple[str, int]]]:
    """Counts of the matching documents by kind, tag, and category of each kind ("category:idea":
    an idea's area is not a knowledge category, so each kind's categories are a facet of their own)."""
    facets = {"kind": _counted(cache, "kind", matching_docs), "tag": _counted(cache, "tags", matching_docs)}
    for kind, kind_docs in cache.values("kind").items():
        if kind in KINDS:
            facets[f"category:{kind}"] = _counted(cache, "category", matching_docs & kind_docs)
    return facets


def search(
    user,
    text: str,
    *,
    kinds=None,
    category=None,
    tag=None,
    sort="relevance",
    page=1,
    per_page=10,
    log=True,
    apply_pending=True,
) -> Page:
    """Full search: results the person may see, facets, "Did you mean", typo fallback."""
    text = clean_query(text)
    parsed = parse(text, council_vocabulary.current())
    page = max(1, min(int(page or 1), 100))
    result = Page(query=text, results=[], total=0, page=page, per_page=per_page)
    if parsed.empty:
        return result
    if apply_pending:
        indexing.apply_changes_quietly()
    cache, allowed_docs, changed, hidden = open_for(user, kinds=kinds, category=category, tag=tag)
    searcher = cache.searcher
    if not allowed_docs:
        return result
    # Everything they may see now, whatever the filters: what a word is taken to be a typo of.
    everything = allowed_docs if not (kinds or category or tag) else allowed(cache, user) - hidden
    query = build(parsed)
    matching_docs = matching(cache, query, allowed_docs)
    if len(matching_docs) < 3 and parsed.words:
        # Few or none: forgive typos and partial words.
        forgiving = build(parsed, corrections=corrected(cache, parsed, everything), any_word=not matching_docs)
        forgiving_matching = matching(cache, forgiving, allowed_docs)
        if len(forgiving_matching) > len(matching_docs):
            query, matching_docs, result.fuzzy = forgiving, forgiving_matching, True
    if len(matching_docs) < 3:
        result.suggestion = suggestion(cache, text, user, everything)
    if matching_docs:
        query_terms = (
            terms(cache, query) | {word for phrase in parsed.phrases for word in phrase} | parsed.synonym_words
        )
        offset = (page - 1) * per_page
        if sort == "newest":
            hits = _top(searcher, query, allowed_docs=matching_docs, limit=page * per_page, sort=sort)[offset:]
        else:
            ranked = rank(cache, matching_docs, query_terms, page * per_page)
            hits = [cache.stored(docnum) for docnum in ranked[offset:]]
        result.results = results(hits, query_terms, user, offset=0, limit=per_page, changed=changed)
    # Hits the database recheck left out (gone, or no longer visible) are not counted either.
    on_this_page = max(0, min(len(matching_docs), page * per_page) - (page - 1) * per_page)
    result.total = len(matching_docs) - (on_this_page - len(result.results))
    result.facets = _facets(cache, matching_docs)
    if log and page == 1 and not (kinds or category or tag):
        record_search(text, result.total, user)
    return result


def _best(cache: SearcherCache, query, allowed_docs: set[int], limit: int, *, extra_terms=()) -> tuple[list, set[str]]:
    """The best `limit` stored documents for `query` among `allowed_docs`, and the terms to highlight."""
    matching_docs = matching(cache, query, allowed_docs)
    if not matching_docs:
        return [], set()
    query_terms = terms(cache, query) | set(extra_terms)
    return [cache.stored(docnum) for docnum in rank(cache, matching_docs, query_terms, limit)], query_terms


def suggest(user, text: str, *, limit: int = 5, apply_pending=True) -> list[Result]:
    """Search as you type: the best few, the last word taken as the start of a word."""
    parsed = parse(text, council_vocabulary.current())
    if parsed.empty:
        return []
    if apply_pending:
        indexing.apply_changes_quietly()
    cache, allowed_docs, changed, _ = open_for(user)
    if not allowed_docs:
        return []
    phrase_words = [word for phrase in parsed.phrases for word in phrase] + sorted(parsed.synonym_words)
    hits, query_terms = _best(cache, build(parsed, prefix_last=True), allowed_docs, limit, extra_terms=phrase_words)
    if not hits and parsed.words:
        hits, query_terms = _best(
            cache, build(parsed, corrections=corrected(cache, parsed, allowed_docs), any_word=True), allowed_docs, limit
        )
    return results(hits, query_terms, user, offset=0, limit=limit, changed=changed)


def similar(
    user,
    text: str,
    *,
    kinds=None,
    limit: int = 5,
    exclude: set[str] | None = None,
    status: str | None = None,
    apply_pending=True,
) -> list[Result]:
    """Objects like `text` (similar ideas while typing one, articles that may answer a request);
    `status` keeps only objects with that status (published articles, not drafts or archived)."""
    words = list(dict.fromkeys(analyse(clean_query(text))))[:MAX_WORDS]
    if not words:
        return []
    if apply_pending:
        indexing.apply_changes_quietly()
    cache, allowed_docs, changed, _ = open_for(user, kinds=kinds)
    if status:
        allowed_docs = allowed_docs & cache.values("status").get(status, set())
    if not allowed_docs:
        return []
    wanted = limit + len(exclude or ())
    hits, query_terms = _best(cache, any_word_query(words), allowed_docs, wanted)
    similar_results = results(hits, query_terms, user, offset=0, limit=wanted, changed=changed)
    return [result for result in similar_results if f"{result.kind}:{result.object.id}" not in (exclude or set())][
        :limit
    ]


def matching_ids(user, text: str, kind: str, *, apply_pending=True) -> list[int]:
    """Ids of every object of `kind` the text finds (a board's free-text filter), best first."""
    parsed = parse(text, council_vocabulary.current())
    if parsed.empty:
        return []
    if apply_pending:
        indexing.apply_changes_quietly()
    cache, allowed_docs, _, hidden = open_for(user, kinds=[kind])
    if not allowed_docs:
        return []
    query = build(parsed)
    matching_docs = matching(cache, query, allowed_docs)
    if not matching_docs and parsed.words:
        visible = allowed(cache, user) - hidden  # a word of another kind of document is no typo
        query = build(parsed, corrections=corrected(cache, parsed, visible), any_word=True)
        matching_docs = matching(cache, query, allowed_docs)
    ranked = rank(cache, matching_docs, terms(cache, query) | parsed.synonym_words, len(matching_docs))
    return [int(cache.stored(docnum)["oid"]) for docnum in ranked]
