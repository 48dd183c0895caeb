"""What a search gives back: results loaded from the database (which has the last word on who
may see what), with the matched words marked in titles and snippets, and a page of them."""

from dataclasses import dataclass, field
from datetime import UTC, datetime

from markupsafe import Markup, escape
from whoosh import highlight

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


def _highlight(text: str, terms: set[str], *, whole: bool) -> Markup:
    if not text:
        return Markup("")
    if terms:
        fragmenter = highlight.WholeFragmenter() if whole else _FRAGMENTER
        marked = highlight.highlight(text, terms, ANALYZER, fragmenter, _FORMATTER, top=2)
        if marked:
            return Markup(marked)  # noqa: S704 - _MarkFormatter HTML-escapes the text and the marked words
    return escape(text if whole else text[:220] + ("…" if len(text) > 220 else ""))


def results(hits, terms, user, *, offset: int, limit: int) -> list[Result]:
    """Results for hits[offset:offset + limit]: Whoosh hits, or stored-field dicts."""
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
