"""The article editor in Chromium: the formatting toolbar and the article link picker by keyboard
alone (WAI-ARIA toolbar and combobox patterns, axe-core with each open), an attached image
inserted with its description, paste from Word kept as headings, lists, links and tables, the
page at 320 px, the history's word changes, and the plain text box without JavaScript."""

import io
import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from werkzeug.datastructures import FileStorage

from app.extensions import db
from app.kb import services
from tests.browser.conftest import axe_violations, sign_in
from tests.browser.word_clipboard import WORD_CLIPBOARD_HTML
from tests.factories import DEFAULT_PASSWORD, make_article, make_category, make_user
from tests.kb.test_routes import png_bytes

# A document Word 9 (Office 2000) saved as HTML, third-party text (a software licence), read in
# place when this machine has it and never copied into the repository.
REAL_WORD_HTML = Path(
    "/usr/lib/google-cloud-sdk/platform/google_appengine/google/appengine/tools/java/jetty94/jetty-home/"
    "license-eplv10-aslv20.html"
)
MANIFEST = Path(__file__).resolve().parents[2] / "app" / "static" / "vendor" / "manifest.json"


@pytest.fixture
def writing(live_server):
    """An editor, an article to link to, and an article with an attached image to edit."""
    with live_server.app.app_context():
        writer = make_user(roles=["editor"], email="writer@council.test")
        category = make_category("Rooms")
        target = make_article(author=writer, title="Room booking", category=category)
        article = make_article(author=writer, title="Finding the lifts", category=category, body="Lifts.")
        image = services.add_attachment(
            article, FileStorage(io.BytesIO(png_bytes()), "ground floor.png"), uploader=writer
        )
        db.session.commit()
        return {"target": target.id, "slug": article.slug, "image": image.id}


def _toolbar_buttons(page):
    return page.get_by_role("toolbar", name="Formatting").get_by_role("button")


def _focused_name(page) -> str:
    return page.evaluate("() => document.activeElement.textContent.trim()")


def test_toolbar_and_link_picker_by_keyboard(page, writing):
    sign_in(page, "writer@council.test", DEFAULT_PASSWORD)
    page.goto(f"/kb/{writing['slug']}/edit")
    expect(page.locator("[data-article-editor][data-editor-ready]")).to_have_count(1)
    body = page.get_by_label("Article", exact=True)
    toolbar = page.get_by_role("toolbar", name="Formatting")
    buttons = _toolbar_buttons(page)
    names = [name.strip() for name in buttons.all_inner_texts()]
    assert names == ["Heading", "Subheading", "Bold", "List", "Numbered", "Link", "Article link", "Table", "Image"]
    # One tab stop for the whole toolbar; every button big enough to hit (WCAG 2.2: 24 by 24 px).
    assert toolbar.locator("[tabindex='0']").count() == 1
    for box in (buttons.nth(index).bounding_box() for index in range(buttons.count())):
        assert box and box["width"] >= 24 and box["height"] >= 24

    # Into the text box, then Shift+Tab back to the toolbar: its first button.
    body.fill("Lifts.\n\nRoom keys")
    body.press("End")
    page.keyboard.press("Shift+Tab")
    assert _focused_name(page) == "Heading"
    page.keyboard.press("ArrowLeft")  # wraps round to the last
    assert _focused_name(page) == "Image"
    page.keyboard.press("Home")
    page.keyboard.press("ArrowRight")
    assert _focused_name(page) == "Subheading"
    page.keyboard.press("Enter")
    expect(body).to_have_value("Lifts.\n\n### Room keys")
    # The button pressed keeps the toolbar's tab stop; focus went to the text, the heading's words selected.
    assert toolbar.locator("[tabindex='0']").inner_text().strip() == "Subheading"
    assert page.evaluate("() => document.activeElement.tagName") == "TEXTAREA"
    selected = (
        "() => { const box = document.activeElement; return box.value.slice(box.selectionStart, box.selectionEnd); }"
    )
    assert page.evaluate(selected) == "Room keys"

    # The article link picker: open it from the toolbar, type, arrow down, Enter.
    page.keyboard.press("End")
    page.keyboard.type("\n\nSee ")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("End")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    assert _focused_name(page) == "Article link"
    page.keyboard.press("Enter")
    search = page.get_by_role("combobox", name="Search the knowledge base")
    expect(search).to_be_focused()
    expect(page.get_by_role("button", name="Article link")).to_have_attribute("aria-expanded", "true")
    page.keyboard.type("room b")
    option = page.get_by_role("option", name=re.compile("Room booking"))
    option.wait_for()
    expect(search).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#live-announcer")).to_have_text("1 article")
    assert axe_violations(page) == []
    page.keyboard.press("ArrowDown")
    expect(option).to_have_attribute("aria-selected", "true")
    expect(search).to_have_attribute("aria-activedescendant", f"article-link-option-{writing['target']}")
    page.keyboard.press("Enter")
    expect(body).to_have_value(f"Lifts.\n\n### Room keys\n\nSee [Room booking](/kb/articles/{writing['target']})")
    expect(body).to_be_focused()
    expect(page.locator("#article-link-picker")).to_be_hidden()

    # Escape closes the list, then the picker, and focus goes back to its button.
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    expect(search).to_be_focused()
    page.keyboard.type("zzzz")
    page.get_by_role("option", name=re.compile("No articles match")).wait_for()
    page.keyboard.press("Escape")
    expect(search).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Escape")
    expect(page.locator("#article-link-picker")).to_be_hidden()
    assert _focused_name(page) == "Article link"

    # The image chooser asks for a description before it inserts anything.
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    expect(page.get_by_label("Image", exact=True)).to_be_focused()
    page.get_by_role("button", name="Insert image").click()
    alt = page.get_by_label("What the image shows")
    expect(alt).to_be_focused()
    expect(page.locator("#image-alt-error")).to_have_text("Error: Describe what the image shows")
    expect(alt).to_have_attribute("aria-invalid", "true")
    assert axe_violations(page) == []
    alt.fill("Lifts beside the main stairs")
    page.keyboard.press("Enter")
    expect(body).to_have_value(
        re.compile(re.escape(f"![Lifts beside the main stairs](/kb/attachments/{writing['image']}/ground%20floor.png)"))
    )

    # Saved: the link leads to the article, the image is shown inside the page.
    page.get_by_role("button", name="Save article").click()
    page.get_by_role("heading", level=1, name="Finding the lifts").wait_for()
    image = page.get_by_role("img", name="Lifts beside the main stairs")
    expect(image).to_be_visible()
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    page.get_by_role("link", name="Room booking").first.click()
    page.get_by_role("heading", level=1, name="Room booking").wait_for()
    assert page.console_errors == [], page.console_errors


def test_paste_from_word_keeps_headings_lists_links_and_tables(page, writing):
    sign_in(page, "writer@council.test", DEFAULT_PASSWORD)
    page.goto("/kb/new?template=blank")
    expect(page.locator("[data-article-editor][data-editor-ready]")).to_have_count(1)
    body = page.get_by_label("Article", exact=True)
    body.focus()
    page.evaluate(
        """html => {
            const data = new DataTransfer();
            data.setData("text/html", html);
            data.setData("text/plain", "plain words only");
            const box = document.querySelector("textarea[name=body]");
            box.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
        }""",
        WORD_CLIPBOARD_HTML,
    )
    markdown = body.input_value()
    lines = markdown.splitlines()
    assert "# Booking the council chamber" in lines
    assert "## Before you book" in lines and "## Steps" in lines
    assert (
        "The chamber seats **60 people** and is booked through [the rooms page](https://intranet.council.test/rooms)."
        in markdown.replace("\n", " ")
    )
    bullets = [line for line in lines if re.match(r"^\s*- ", line)]
    assert [line.split("-", 1)[1].strip() for line in bullets] == [
        "Check the committee diary",
        "Full council meets on Tuesdays",
        "Ask democratic services to hold the date",
    ]
    assert bullets[1].startswith("    ")  # level 2, nested under the first
    assert re.search(r"^1\.\s+Fill in the booking form$", markdown, re.M)
    assert re.search(r"^2\.\s+Order the catering$", markdown, re.M)
    assert "| Room | Capacity |" in lines
    assert any(re.fullmatch(r"\| -+ \| -+ \|", line) for line in lines)
    assert "| Council chamber | 60 (40 in a horseshoe) |" in lines
    assert "Ask at reception for the key." in markdown.replace("\n", " ")
    for leftover in ("mso-", "supportLists", "·", "o:p", "file:", "clip_image", "Calibri", "<"):
        assert leftover not in markdown, leftover

    # The server renders what was pasted: real headings, nested lists, a link and a table.
    preview = page.locator("#article-preview")
    preview.get_by_role("table").wait_for()
    assert preview.get_by_role("heading", name="Before you book").count() == 1
    assert preview.locator("ul ul li").inner_text() == "Full council meets on Tuesdays"
    assert preview.locator("ol li").count() == 2
    assert (
        preview.get_by_role("link", name="the rooms page").get_attribute("href")
        == "https://intranet.council.test/rooms"
    )
    assert preview.get_by_role("columnheader", name="Capacity").count() == 1
    assert page.console_errors == [], page.console_errors


def test_a_real_word_document_converts_cleanly(page, writing):
    if not REAL_WORD_HTML.exists():
        pytest.skip(f"no real Word-generated HTML on this machine ({REAL_WORD_HTML})")
    html = REAL_WORD_HTML.read_bytes().decode("windows-1252")
    script = "/static/" + json.loads(MANIFEST.read_text())["js/word-paste.js"]
    sign_in(page, "writer@council.test", DEFAULT_PASSWORD)
    page.goto("/kb/new?template=blank")
    markdown = page.evaluate("async ([url, html]) => (await import(url)).htmlToMarkdown(html)", [script, html])
    lines = markdown.splitlines()
    assert lines[0] == "**Eclipse Public License - v 1.0**"
    assert "**1\\. DEFINITIONS**" in lines or "**1. DEFINITIONS**" in lines
    assert len([line for line in lines if re.match(r"^- ", line)]) == 3  # its one list, of three items
    assert "Apache License" in markdown
    for leftover in ("panose", "mso-", "font-family", "Section1", "<", "DocumentProperties"):
        assert leftover not in markdown, leftover


def test_history_word_changes_fit_a_phone(page, writing):
    sign_in(page, "writer@council.test", DEFAULT_PASSWORD)
    page.goto(f"/kb/{writing['slug']}/edit")
    page.get_by_label("Article", exact=True).fill(
        "Lifts are beside the main stairs on every floor, and a longwordwithoutanybreaksatallthatmightoverflow one."
    )
    page.get_by_role("button", name="Save article").click()
    page.get_by_role("heading", level=1, name="Finding the lifts").wait_for()
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"/kb/{writing['slug']}/history")
    words = page.locator(".sr-word-diff")
    expect(words.locator("del")).to_have_text(re.compile(r"\[removed: Lifts\.\]"))
    expect(words.locator("ins")).to_have_text(re.compile(r"\[added: Lifts are beside"))
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    # The editor fits too, toolbar and all.
    page.goto(f"/kb/{writing['slug']}/edit")
    expect(page.locator("[data-article-editor][data-editor-ready]")).to_have_count(1)
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    assert axe_violations(page) == []


def test_without_javascript_the_plain_text_box_and_its_help(page_without_js, writing):
    page = page_without_js
    sign_in(page, "writer@council.test", DEFAULT_PASSWORD)
    page.goto(f"/kb/{writing['slug']}/edit")
    assert page.get_by_role("toolbar").count() == 0
    page.get_by_text("Links to other articles, and images").click()
    assert "[Booking a meeting room](/kb/articles/12)" in page.locator(".sr-editor-help").inner_text()
    assert (
        page.get_by_role("link", name=re.compile("Find an article’s link")).get_attribute("href") == "/kb/link-choices"
    )
    page.goto("/kb/link-choices?q=room")
    assert f"[Room booking](/kb/articles/{writing['target']})" in page.locator("main").inner_text()
