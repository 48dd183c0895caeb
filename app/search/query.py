"""Reading queries: our own forgiving parser (no query can be an error), widening with the
council's vocabulary ("PO" also finds "purchase order"), the Whoosh queries built from them, the
documents they match that a person may find, and "Did you mean"."""

import itertools
import re
import unicodedata
from dataclasses import dataclass, field

from whoosh import query as q

from app.search import indexing, spelling, storage
from app.search.documents import KINDS, audiences
from app.search.schema import ANALYZER, SEARCH_FIELD
from app.search.storage import SearcherCache

MAX_QUERY_CHARS = 200
MAX_WORDS = 12
MAX_FUZZY_WORDS = 6


@dataclass
class ParsedQuery:
    words: list[str] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    # Phrases the council's vocabulary has other names for: (the query's own words, which may be
    # none, [each other name's words]); a document with any one of them matches.
    synonyms: list[tuple[list[str], list[list[str]]]] = field(default_factory=list)
    typed: dict[str, str] = field(default_factory=dict)  # each word's term -> the word as typed (lower case)

    @property
    def empty(self) -> bool:
        return not (self.words or self.phrases or self.synonyms)

    @property
    def synonym_words(self) -> set[str]:
        return {word for own, others in self.synonyms for words in [own, *others] for word in words}


_TOKEN = re.compile(r'-?"[^"]*"?|\S+')


def clean_query(text: str) -> str:
    """At most 200 characters, no control or format characters, whitespace folded."""
    text = unicodedata.normalize("NFKC", text or "")[: MAX_QUERY_CHARS * 4]
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
            words = [t.text for t in ANALYZER(token.strip('"'))]
            if len(words) > 1 and not negative:
                parsed.phrases.append(words[:MAX_WORDS])
            elif words:
                (parsed.excluded if negative else parsed.words).extend(words)
            continue
        if token.upper() in {"AND", "OR", "NOT"}:
            continue
        words = [t.text for t in ANALYZER(token)]
        (parsed.excluded if negative else parsed.words).extend(words)
        if len(words) == 1:
            parsed.typed.setdefault(words[0], token.lower().strip(".,;:!?()'\""))
    parsed.words = list(dict.fromkeys(parsed.words))[:MAX_WORDS]
    parsed.excluded = parsed.excluded[:MAX_WORDS]
    return parsed


def _expand(text: str, vocabulary, parsed: ParsedQuery) -> str:
    """Note each phrase of `text` the vocabulary knows, with its other names, in
    `parsed.synonyms`; return the text with those phrases blanked out (they are not words too)."""
    kept = [match.span() for match in _TOKEN.finditer(text) if match.group(0).startswith(('"', "-"))]
    for match in vocabulary.find(text):
        if len(parsed.synonyms) >= MAX_WORDS:
            break
        if any(start < match.end and match.start < end for start, end in kept):
            continue  # inside a quoted phrase or an excluded word: taken as typed
        own = [token.text for token in ANALYZER(text[match.start : match.end])]
        others = [
            words
            for words in ([token.text for token in ANALYZER(name)] for name in match.alternatives)
            # "A/L" is the word "l" to the index: too short to mean anything on its own
            if len("".join(words)) >= 2 and words != own
        ]
        if not others:
            continue
        parsed.synonyms.append((own if len("".join(own)) >= 2 else [], others))
        text = text[: match.start] + " " * (match.end - match.start) + text[match.end :]
    return text


# --- Whoosh queries --------------------------------------------------------------------------


def word_query(word: str, *, prefix: bool = False, alternatives=()):
    """The word, or (`prefix`) any word it starts, or any of its `alternatives` (the terms of the
    words it may be a typo of: `corrected`)."""
    options: list[q.Query] = [q.Term(SEARCH_FIELD, word)]
    if prefix and len(word) >= 3:
        options.append(q.Prefix(SEARCH_FIELD, word))
    options += [q.Term(SEARCH_FIELD, other) for other in alternatives if other != word]
    return q.Or(options) if len(options) > 1 else options[0]


def _has(cache: SearcherCache, term: str, visible: set[int] | None) -> bool:
    """Whether a document has the term (with `visible`: a document the person may see now)."""
    if visible is None:
        return bool(cache.weights(SEARCH_FIELD, term))
    return not cache.term_docs(SEARCH_FIELD, term).isdisjoint(visible)


def corrected(cache: SearcherCache, parsed: ParsedQuery, visible: set[int] | None = None) -> dict[str, list[str]]:
    """Each word of the query no document has that may be a typo, with the terms of the words
    documents have that it may be a typo of (spelling.py: Damerau-Levenshtein on the word as
    typed, never an everyday English word). With `visible`, only the documents the person may see
    now count: their words are the corrections, and a word only others have is still a typo."""
    corrections = {}
    for word in parsed.words[:MAX_FUZZY_WORDS]:
        if _has(cache, word, visible):
            continue
        terms = [
            token.text
            for other in spelling.corrections(
                cache, parsed.typed.get(word, word), ("spell_public", "spell_draft"), visible=visible
            )
            for token in ANALYZER(other)
        ]
        if terms:
            corrections[word] = list(dict.fromkeys(terms))
    return corrections


def any_word_query(words: list[str]):
    """Documents with any of the words (similar objects)."""
    return q.Or([word_query(word) for word in words])


def _phrase_query(words: list[str]):
    """The words together, in order: each neighbouring pair is one term of the pairs field (a
    term lookup per pair, not a check of word positions in every candidate document)."""
    if len(words) == 1:
        return q.Term(SEARCH_FIELD, words[0])
    return q.And([q.Term("pairs", f"{first} {second}") for first, second in itertools.pairwise(words)])


def build(
    parsed: ParsedQuery,
    *,
    corrections: dict[str, list[str]] | None = None,
    prefix_last: bool = False,
    any_word: bool = False,
):
    """The query: every word (or `any_word`), each also matching its typo `corrections` and, when
    corrections are given, any word it starts (a partial word); `prefix_last` for search as you type."""
    forgiving = corrections is not None
    corrections = corrections or {}
    parts = []
    for position, word in enumerate(parsed.words):
        last = position == len(parsed.words) - 1
        parts.append(
            word_query(word, prefix=(prefix_last and last) or forgiving, alternatives=corrections.get(word, ()))
        )
    for phrase in parsed.phrases:
        parts.append(_phrase_query(phrase))
    for own, others in parsed.synonyms:
        options = (
            [q.And([word_query(word, prefix=forgiving, alternatives=corrections.get(word, ())) for word in own])]
            if own
            else []
        )
        parts.append(q.Or(options + [_phrase_query(words) for words in others]))
    combined: q.Query = (q.Or if any_word else q.And)(parts) if parts else q.NullQuery
    if parsed.excluded:
        combined = q.AndNot(combined, q.Or([word_query(word) for word in parsed.excluded]))
    return combined


# --- Which documents ---------------------------------------------------------------------------


def allowed(cache: SearcherCache, user, *, kinds=None, category=None, tag=None) -> set[int]:
    """The documents this person may find, narrowed by the chosen filters (sets cached per searcher,
    so a filter costs a set intersection, not a query)."""
    groups = tuple(audiences(user))
    documents = cache.docs(("audience", groups), q.Or([q.Term("audience", group) for group in groups]))
    if kinds:
        documents = documents & set().union(*(cache.values("kind").get(kind, set()) for kind in kinds))
    if category:
        documents = documents & cache.values("category").get(category, set())
    if tag:
        documents = documents & cache.values("tags").get(tag.lower(), set())
    return documents


def open_for(user, *, kinds=None, category=None, tag=None) -> tuple[SearcherCache, set[int], set[str], set[int]]:
    """The searcher cache, the documents this person may find now (narrowed by the filters), the
    keys of documents the index may still show as they were, and those of them this person may
    not see now.

    The index says who may find a document as it was when last applied. An object changed since
    (its outbox row not applied yet: another host's follow worker is a moment behind, or the
    writer was busy) is checked against the database here, so a document made draft or
    team-only, or deleted, is left out of the results, their count, the facets, the spelling
    corrections and "Did you mean" at once. The pending changes are read before the searcher is
    opened: whatever the index's position says it has applied, that searcher holds."""
    pending = indexing.pending_keys()
    cache = storage.cache()
    allowed_docs = allowed(cache, user, kinds=kinds, category=category, tag=tag)
    changed = {f"{kind}:{object_id}" for kind, object_id in pending}
    hidden: set[int] = set()
    if pending and allowed_docs:
        by_kind: dict[str, set[int]] = {}
        for kind, object_id in pending:
            by_kind.setdefault(kind, set()).add(object_id)
        for kind, ids in by_kind.items():
            if kind not in KINDS:
                continue
            loaded = KINDS[kind].load(ids)
            for object_id in ids:
                indexed_object = loaded.get(object_id)
                if indexed_object is None or not KINDS[kind].visible(user, indexed_object):
                    docnum = cache.searcher.document_number(key=f"{kind}:{object_id}")
                    if docnum is not None:
                        hidden.add(docnum)
        if hidden:
            allowed_docs = allowed_docs - hidden  # a new set: allowed() hands out cached ones
    return cache, allowed_docs, changed, hidden


def _docs(cache: SearcherCache, query) -> set[int]:
    """The documents a query matches, by set arithmetic on each term's (cached) documents: much
    quicker in Python than walking Whoosh's matchers, and a popular word is looked up once. A
    prefix is the union of the terms it expands to (from the cached word list)."""
    if isinstance(query, q.Term):
        return cache.term_docs(query.fieldname, query.text)
    if isinstance(query, q.And):
        sets = sorted((_docs(cache, part) for part in query.subqueries), key=len)
        return set.intersection(*sets) if sets else set()
    if isinstance(query, q.Or):
        return set().union(*(_docs(cache, part) for part in query.subqueries))
    if isinstance(query, q.AndNot):
        return _docs(cache, query.a) - _docs(cache, query.b)
    expanded = _expansions(cache, query)
    if expanded is not None:
        return set().union(*(cache.term_docs(query.fieldname, text) for text in expanded))
    return set(cache.searcher.docs_for_query(query))


def _expansions(cache: SearcherCache, query) -> list[str] | None:
    """The terms a prefix word stands for (as Whoosh expands them), None for other queries."""
    if isinstance(query, q.Prefix):
        return cache.prefixed(query.fieldname, query.text)
    return None


def matching(cache: SearcherCache, query, allowed_docs: set[int]) -> set[int]:
    """Every document the query matches that the person may find (for counts and facets)."""
    return _docs(cache, query) & allowed_docs


def terms(cache: SearcherCache, query) -> set[str]:
    """The index terms the query matched (fuzzy and prefix words expanded), for ranking and
    highlighting: Whoosh's `existing_terms(expand=True)`, from the cached word lists."""
    try:
        reader = cache.searcher.reader()
        found = set()
        for leaf in query.leaves():
            expanded = _expansions(cache, leaf)
            if expanded is not None:
                found.update(expanded)  # the word list holds only existing terms
            elif isinstance(leaf, q.Term) and (leaf.fieldname, leaf.text) in reader:
                found.add(leaf.text)
            elif not isinstance(leaf, q.Term):
                found.update(
                    text.decode() if isinstance(text, bytes) else text
                    for _, text in leaf.existing_terms(reader, expand=True)
                )
        return found
    except Exception:  # noqa: BLE001  highlighting is a nicety; never fail a search for it
        return set()


# --- "Did you mean" ----------------------------------------------------------------------------


def suggestion(cache: SearcherCache, text: str, user, visible: set[int] | None = None) -> str | None:
    """A corrected query, or None: each word no document this person may see has that may be a
    typo (spelling.py) replaced by the nearest word such a document has, offered only if the
    corrected query finds something they may see. `visible`: the documents they may see now (by
    default, those the index says they may)."""
    field_names = ("spell_public", "spell_draft") if "editors" in audiences(user) else ("spell_public",)
    visible = allowed(cache, user) if visible is None else visible
    if not visible:
        return None
    changed, words = False, []
    for word in re.findall(r"[^\W\d_]+|\S+", text.lower()):
        stems = [token.text for token in ANALYZER(word)]
        if not stems or _has(cache, stems[0], visible):
            words.append(word)
            continue
        # Only a word a document this person may see has: not a draft's for those who may not see
        # drafts, nor a deleted document's (the word list keeps those until their segment is merged).
        options = spelling.corrections(cache, word, field_names, limit=1, visible=visible)
        if options:
            words.append(options[0])
            changed = True
        else:
            words.append(word)
    if not changed:
        return None
    corrected_text = " ".join(words)
    # Only a suggestion that finds something: "xyzzy room" would find nothing either.
    return corrected_text if matching(cache, build(parse(corrected_text)), visible) else None
