"""User Markdown to safe HTML: the one renderer and sanitiser for articles, ideas, comments,
services and replies. Markdown is parsed with markdown-it-py (CommonMark plus tables, task lists
and strikethrough, raw HTML off) and the output is cleaned by nh3 with an allow-list."""

import html
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup
from mdit_py_plugins.tasklists import tasklists_plugin

_parser = (
    MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    .enable(["table", "strikethrough"])
    .use(tasklists_plugin, enabled=False)
)

# Staffroom's own addresses that Markdown may point at. An article by its id (/kb/articles/12)
# leads to it whatever its title and slug become; an image may only be an attachment of an
# article (/kb/attachments/7/floor-plan.png), shown to whoever may see that article.
# Ids of at most nine digits: a longer one is no row, and SQLite cannot even be asked for it.
ATTACHMENT_IMAGE = re.compile(r"^/kb/attachments/(?P<id>[0-9]{1,9})/[^/?#\s\"<>]+$")


def article_address(article_id: int) -> str:
    """An article's lasting address, as Markdown links to it (kb.by_id)."""
    return f"/kb/articles/{article_id}"


def _only_own_images(element: str, attribute: str, value: str) -> str | None:
    # The sanitiser's own rule (also for HTML that did not come through render()): an image's
    # source is an attachment's address or the image has none.
    if element == "img" and attribute == "src" and not ATTACHMENT_IMAGE.match(value):
        return None
    return value


# Everything else (script, style, iframe, form, svg, event handlers, style attributes, hx-* and
# data-* attributes) is removed. Only http(s), mailto and tel links survive.
_cleaner = nh3.Cleaner(
    tags={
        "p",
        "br",
        "hr",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "strong",
        "em",
        "del",
        "s",
        "code",
        "pre",
        "blockquote",
        "ul",
        "ol",
        "li",
        "a",
        "img",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "span",
    },
    clean_content_tags={"script", "style"},
    attributes={
        "a": {"href", "title"},
        "img": {"src", "alt", "title"},
        "h2": {"id"},
        "h3": {"id"},
        "h4": {"id"},
        "h5": {"id"},
        "h6": {"id"},
        "ol": {"start"},
        "th": {"scope"},
        "td": {"data-label"},
    },
    allowed_classes={
        "span": {"sr-task", "sr-task--done", "govuk-visually-hidden"},
        "li": {"task-list-item"},
        "ul": {"contains-task-list"},
    },
    url_schemes={"http", "https", "mailto", "tel"},
    link_rel="noopener noreferrer",
    strip_comments=True,
    attribute_filter=_only_own_images,
)


_TASK_BOX = re.compile(
    r'<input class="task-list-item-checkbox"(?P<checked> checked="checked")? disabled="disabled" type="checkbox">'
)


def _task_marker(match: re.Match[str]) -> str:
    # A disabled checkbox has no label; a symbol plus hidden words reads properly instead.
    if match.group("checked"):
        return '<span class="sr-task sr-task--done">✓</span><span class="govuk-visually-hidden">Done: </span>'
    return '<span class="sr-task"></span><span class="govuk-visually-hidden">To do: </span>'


def slugify(text: str, *, max_length: int = 80) -> str:
    """'Booking the Council Chamber – 2026!' -> 'booking-the-council-chamber-2026'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_length].rstrip("-")


@dataclass
class Rendered:
    html: Markup
    headings: list[dict[str, Any]] = field(default_factory=list)  # {"level", "text", "id"} for h2 and h3


def _heading_anchor(text: str, used_ids: set[str]) -> str:
    """The id of a heading ("section-booking-a-room", "-2" on a repeat): one rule, so the article
    page's anchors and the passages Ask Staffroom links to always agree."""
    base = "section-" + (slugify(text, max_length=50) or "heading")
    anchor, number = base, 2
    while anchor in used_ids:
        anchor, number = f"{base}-{number}", number + 1
    used_ids.add(anchor)
    return anchor


def _label_table_cells(tokens: list[Token]) -> None:
    """Give each body cell of a table its column's heading as data-label, so that on a phone the
    rows stack with each value labelled, as every other table in Staffroom does."""
    headings: list[str] = []
    column = 0
    for index, token in enumerate(tokens):
        if token.type == "thead_open":
            headings = []
        elif token.type == "th_open":
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            headings.append(_plain_inline(following.content) if following and following.type == "inline" else "")
        elif token.type == "tr_open":
            column = 0
        elif token.type == "td_open":
            token.attrSet("data-label", headings[column] if column < len(headings) else "")
            column += 1


@dataclass
class Image:
    src: str
    alt: str


def images(markdown: str) -> list[Image]:
    """Every image in the Markdown, in order, with its alt text as plain words."""
    return [
        Image(str(child.attrGet("src") or ""), " ".join(child.content.split()))
        for token in _parser.parse(markdown or "")
        for child in token.children or ()
        if child.type == "image"
    ]


def image_problem(markdown: str) -> str | None:
    """What is wrong with the images of an article, said so its writer can put it right."""
    for number, image in enumerate(images(markdown), start=1):
        which = f"“{image.alt}”" if image.alt else f"Image {number} ({image.src or 'no address'})"
        if not ATTACHMENT_IMAGE.match(image.src):
            return (
                f"{which} is not an attachment of an article. Attach the PNG or JPG to the article, "
                "then insert it with its attachment address, like ![What it shows](/kb/attachments/12/plan.png)"
            )
        if not image.alt:
            return (
                f"{which} has no description. Write what the image shows between the square brackets, "
                "like ![Floor plan of the ground floor](...), for people who cannot see it"
            )
    return None


def _keep_only_own_images(tokens: list[Token]) -> None:
    """An image from anywhere else becomes its description in words: nothing is fetched from
    another site, and no reader is left with a broken picture."""
    for token in tokens:
        if not token.children:
            continue
        for index, child in enumerate(token.children):
            if child.type == "image" and not ATTACHMENT_IMAGE.match(str(child.attrGet("src") or "")):
                words = " ".join(child.content.split())
                replacement = Token("text", "", 0)
                replacement.content = f"[Image: {words}]" if words else "[Image]"
                token.children[index] = replacement


def render(markdown: str, *, heading_ids: bool = True) -> Rendered:
    """Render user Markdown. Its top heading level becomes h2 (the page holds the only h1)."""
    tokens = _parser.parse(markdown or "")
    levels = [int(token.tag[1]) for token in tokens if token.type == "heading_open"]
    shift = 2 - min(levels) if levels else 0
    headings: list[dict[str, Any]] = []
    used_ids: set[str] = set()
    for index, token in enumerate(tokens):
        if token.type not in ("heading_open", "heading_close"):
            continue
        level = max(2, min(int(token.tag[1]) + shift, 6))
        token.tag = f"h{level}"
        if token.type == "heading_open" and heading_ids:
            text = tokens[index + 1].content if index + 1 < len(tokens) else ""
            anchor = _heading_anchor(text, used_ids)
            token.attrSet("id", anchor)
            if level <= 3:
                headings.append({"level": level, "text": _plain_inline(text), "id": anchor})
    _label_table_cells(tokens)
    _keep_only_own_images(tokens)
    output = _parser.renderer.render(tokens, _parser.options, {})
    output = _TASK_BOX.sub(_task_marker, output)
    output = re.sub(r"<th(?=[\s>])", '<th scope="col"', output)
    return Rendered(html=Markup(_cleaner.clean(output)), headings=headings)  # noqa: S704 - sanitised by the cleaner


def render_html(markdown: str) -> Markup:
    return render(markdown, heading_ids=False).html


def clean(html: str) -> str:
    """The sanitiser on its own, for HTML from anywhere."""
    return _cleaner.clean(html)


def _plain_inline(text: str) -> str:
    return re.sub(r"[*_`~\[\]]|\(([^)]*)\)", "", text).strip()


def plain_text(markdown: str) -> str:
    """Markdown reduced to its words (for search and short previews)."""
    text = nh3.clean(_parser.render(markdown or ""), tags=set())
    return " ".join(html.unescape(text).split())


@dataclass
class Section:
    level: int  # 1 for the opening before the first heading, else the heading's level (2 to 6)
    heading: str  # plain text; "" for the opening
    anchor: str  # the heading's id on the rendered page ("" for the opening)
    markdown: str  # the section's own text, up to the next heading of any level


def sections(markdown: str) -> list[Section]:
    """The Markdown cut at its headings: the opening, then each heading with its text. Anchors
    are the ids render() gives the same headings, so a section can be linked to."""
    tokens = _parser.parse(markdown or "")
    lines = (markdown or "").splitlines()
    levels = [int(token.tag[1]) for token in tokens if token.type == "heading_open"]
    shift = 2 - min(levels) if levels else 0
    every_section: list[Section] = []
    used_ids: set[str] = set()
    start = 0
    current = Section(level=1, heading="", anchor="", markdown="")
    for index, token in enumerate(tokens):
        if token.type != "heading_open" or token.map is None:
            continue
        current.markdown = "\n".join(lines[start : token.map[0]]).strip()
        every_section.append(current)
        text = tokens[index + 1].content if index + 1 < len(tokens) else ""
        anchor = _heading_anchor(text, used_ids)
        current = Section(
            level=max(2, min(int(token.tag[1]) + shift, 6)), heading=_plain_inline(text), anchor=anchor, markdown=""
        )
        start = token.map[1]
    current.markdown = "\n".join(lines[start:]).strip()
    every_section.append(current)
    return [section for section in every_section if section.heading or section.markdown]
