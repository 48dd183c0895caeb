"""What a search gives back: results loaded from the database (which has the last word on who
may see what), with the matched words marked in titles and snippets, and a page of them."""

from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import UTC, datetime

from markupsafe import Markup, escape
from whoosh import highlight
from whoosh.analysis import Token

from app.search.documents import KINDS, Indexed
from app.search.schema import ANALYZER


@dataclass
class Result:
    kind: str
    kind_label: str
    object: Indexed
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


class _MarkFormatter(highlight.HtmlFormatter):
    """Matched words in <mark>, everything around them HTML-escaped."""

    def format_token(self, text, token, replace=False):
        return f"<mark>{highlight.htmlescape(highlight.get_text(text, token, replace))}</mark>"


_FORMATTER = _MarkFormatter(between=" … ")
_FRAGMENTER = highlight.ContextFragmenter(maxchars=220, surround=60)


# ANALYZER's two steps, called directly: the words of a text as (term, start, end), without a
# token object per word. The same terms as ANALYZER gives (a test holds them to it).
_WORD_PATTERN = ANALYZER.items[0].expression
_TERM_OF = ANALYZER.items[1].term


def _terms_at(text: str) -> list[tuple[str, int, int]]:
    return [
        (term, match.start(), match.end())
        for match in _WORD_PATTERN.finditer(text)
        if (term := _TERM_OF(match.group(0))) is not None
    ]


class _Analysed:
    """ANALYZER's tokens for a text analysed already (Whoosh's highlighter calls its analyser
    with the text; this gives the same tokens from the list, as ANALYZER would, one reused
    token with characters)."""

    def __init__(self, terms_at: list[tuple[str, int, int]]) -> None:
        self.terms_at = terms_at

    def __call__(self, text, **options):
        token = Token(positions=False, chars=True, removestops=options.get("removestops", True), mode="query")
        for term, start, end in self.terms_at:
            token.text, token.startchar, token.endchar, token.boost, token.stopped = term, start, end, 1.0, False
            yield token


def _highlight(text: str, terms: set[str], *, whole: bool) -> Markup:
    if not text:
        return Markup("")
    if terms:
        terms_at = _terms_at(text)
        # A text without any of the terms has nothing to mark (Whoosh would return "" after
        # fragmenting it for nothing).
        if any(term in terms for term, _, _ in terms_at):
            fragmenter = highlight.WholeFragmenter() if whole else _FRAGMENTER
            marked = highlight.highlight(text, terms, _Analysed(terms_at), fragmenter, _FORMATTER, top=2)
            if marked:
                return Markup(marked)  # noqa: S704 - _MarkFormatter HTML-escapes the text and the marked words
    return escape(text if whole else text[:220] + ("…" if len(text) > 220 else ""))


def results(hits, terms, user, *, offset: int, limit: int, changed: AbstractSet[str] = frozenset()) -> list[Result]:
    """Results for hits[offset:offset + limit]: Whoosh hits, or stored-field dicts. A document
    whose key is in `changed` (its object changed since the index applied it) shows its title,
    snippet and facts as the object is now, never text since removed."""
    wanted = [hit if isinstance(hit, dict) else hit.fields() for hit in hits[offset : offset + limit]]
    by_kind: dict[str, list[int]] = {}
    for stored in wanted:
        by_kind.setdefault(stored["kind"], []).append(int(stored["oid"]))
    objects = {kind: KINDS[kind].load(ids) for kind, ids in by_kind.items() if kind in KINDS}
    visible = []
    for stored in wanted:
        kind = KINDS.get(stored["kind"])
        indexed_object = objects.get(stored["kind"], {}).get(int(stored["oid"]))
        # The database has the last word: gone, or no longer visible to this person, is left out.
        if kind is None or indexed_object is None or not kind.visible(user, indexed_object):
            continue
        if stored["key"] in changed:
            stored = {**stored, **kind.document(indexed_object)}
        visible.append(
            Result(
                kind=kind.name,
                kind_label=kind.label,
                object=indexed_object,
                url=kind.url(indexed_object),
                title=_highlight(stored.get("title", ""), terms, whole=True),
                snippet=_highlight(stored.get("excerpt") or "", terms, whole=False),
                category=stored.get("category", ""),
                tags=[t for t in stored.get("tags", "").split(",") if t],
                status=stored.get("status", ""),  # the index keeps times as naive UTC
                updated=stored["updated"].replace(tzinfo=UTC) if stored.get("updated") else None,
            )
        )
    return visible
