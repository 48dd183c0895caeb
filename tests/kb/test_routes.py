"""Knowledge base pages as people use them: who sees what, writing and editing, history,
feedback, questions, watching, attachments and the editors' lists."""

import html
import io
import re
import struct
import zipfile
import zlib
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage

from app import clock
from app.extensions import db
from app.kb import community, services
from app.models import Article, ArticleFeedback, ArticleQuestion, ArticleWatch, Attachment, Notification
from app.notify import notify
from tests.conftest import page_text
from tests.factories import make_article, make_category, make_user, signed_in_client
from tests.factories import stored_files as all_stored_files

MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


# --- Files built from bytes --------------------------------------------------------------------


def pdf_bytes() -> bytes:
    return b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def png_bytes() -> bytes:
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        )
        archive.writestr(
            "word/document.xml",
            '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats'
            '.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Hello</w:t></w:r></w:p></w:body>'
            "</w:document>",
        )
    return buffer.getvalue()


def stored_files(app) -> set[str]:
    """The names of every uploaded file kept (in the database: app/files.py)."""
    return set(all_stored_files())


# --- Helpers -----------------------------------------------------------------------------------


def editor(name=None):
    return make_user(roles=["editor"], name=name)


def article_form(article=None, *, category=None, owner=None, **changes) -> dict:
    """What the editor form sends, filled in from `article` (or sensible new-article values)."""
    data = {
        "title": article.title if article else "Booking the council chamber",
        "summary": article.summary if article else "How to book the chamber for a meeting",
        "body": article.body if article else "## Steps\n\n1. Ask democratic services",
        "category_id": str(article.category_id if article else category.id),
        "tags": ", ".join(tag.name for tag in article.tags) if article else "rooms",
        "owner_id": str(article.owner_id if article else owner.id),
        "status": article.status if article else "published",
        "review_by": ["", "", ""],
        "change_note": "",
        "base_revision": str(article.revision_number) if article else "",
        "template": "" if article else "how-to",
        "submit": "Save article",
    }
    data.update(changes)
    return data


def field_value(response, name: str) -> str:
    page = response.get_data(as_text=True)
    match = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', page)
    return html.unescape(match.group(1)) if match else ""


def textarea(response, name: str = "body") -> str:
    page = response.get_data(as_text=True)
    match = re.search(rf'<textarea[^>]*name="{name}"[^>]*>(.*?)</textarea>', page, re.S)
    return html.unescape(match.group(1)) if match else ""


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def follow(client, response):
    assert response.status_code == 303, response.status_code
    return client.get(response.headers["Location"])


def attach(client, article, data: bytes, filename: str):
    return client.post(f"/kb/{article.slug}/attachments", data={"file": (io.BytesIO(data), filename)})


# --- Who sees what -----------------------------------------------------------------------------

PEOPLE = {
    "staff": (),
    "agent": ("agent",),
    "editor": ("editor",),
    "manager": ("manager",),
    "admin": ("admin",),
}
PAGES = {
    # name: (method, path with {published}, {draft}, {draft_file}, {published_file}; roles that get 200/303)
    "published article": ("GET", "/kb/{published}", set(PEOPLE)),
    "published history": ("GET", "/kb/{published}/history", set(PEOPLE)),
    "published attachment": ("GET", "/kb/attachments/{published_file}/notes.pdf", set(PEOPLE)),
    "draft article": ("GET", "/kb/{draft}", {"editor", "admin"}),
    "draft history": ("GET", "/kb/{draft}/history", {"editor", "admin"}),
    "draft attachment": ("GET", "/kb/attachments/{draft_file}/plans.pdf", {"editor", "admin"}),
    "draft edit": ("GET", "/kb/{draft}/edit", {"editor", "admin"}),
    "new article": ("GET", "/kb/new", {"editor", "admin"}),
    "new article from a template": ("GET", "/kb/new?template=how-to", {"editor", "admin"}),
    "edit": ("GET", "/kb/{published}/edit", {"editor", "admin"}),
    "save edit": ("POST", "/kb/{published}/edit", {"editor", "admin"}),
    "preview": ("POST", "/kb/preview", {"editor", "admin"}),
    "restore": ("POST", "/kb/{published}/revisions/1/restore", {"editor", "admin"}),
    "upload": ("POST", "/kb/{published}/attachments", {"editor", "admin"}),
    "needs review": ("GET", "/kb/needs-review", {"editor", "admin"}),
    "poor feedback": ("GET", "/kb/feedback", {"editor", "admin"}),
    "open questions": ("GET", "/kb/questions", {"editor", "admin"}),
    "coverage": ("GET", "/kb/coverage", {"editor", "manager", "admin"}),
    "categories": ("GET", "/kb/categories", {"admin"}),
    "add category": ("POST", "/kb/categories", {"admin"}),
    "edit category": ("GET", "/kb/categories/{category}", {"admin"}),
    "draft feedback": ("POST", "/kb/{draft}/feedback", set()),
    "draft watch": ("POST", "/kb/{draft}/watch", set()),
    "draft question": ("POST", "/kb/{draft}/questions", set()),
    "remove attachment": ("POST", "/kb/attachments/{published_file}/remove", {"editor", "admin"}),  # last: it removes
}


@pytest.fixture
def library(app):
    """A published and a draft article, each with an attachment."""
    writer = editor("Wendy Writer")
    category = make_category("Meetings")
    published = make_article(author=writer, category=category, title="Booking rooms")
    draft = make_article(author=writer, category=category, title="Secret restructure", status="draft")
    with app.test_request_context():
        files = {
            key: services.add_attachment(article, FileStorage(io.BytesIO(pdf_bytes()), name), uploader=writer)
            for key, article, name in (("published_file", published, "notes.pdf"), ("draft_file", draft, "plans.pdf"))
        }
    db.session.commit()
    return {
        "published": published.slug,
        "draft": draft.slug,
        "category": category.slug,
        **{key: attachment.id for key, attachment in files.items()},
    }


@pytest.mark.parametrize("person", PEOPLE)
def test_each_person_reaches_only_the_knowledge_pages_meant_for_them(app, library, person):
    client = signed_in_client(app, make_user(roles=PEOPLE[person]))
    wrong = []
    for page, (method, path, allowed) in PAGES.items():
        url = path.format(**library)
        status = (client.get(url) if method == "GET" else client.post(url, data={})).status_code
        expected = "200, 303 or 422" if person in allowed else "404"
        if (person in allowed) != (status in (200, 303, 422)) or (person not in allowed and status != 404):
            wrong.append(f"{page} ({method} {url}): {status}, expected {expected}")
    assert wrong == []


def test_people_not_signed_in_are_asked_to_sign_in(client, library):
    for path in ("/kb/", "/kb/{published}", "/kb/attachments/{published_file}/notes.pdf"):
        response = client.get(path.format(**library))
        assert response.status_code == 303
        assert response.headers["Location"].startswith("/sign-in")


def test_staff_never_see_drafts_in_lists(app, library):
    client = signed_in_client(app, make_user())
    for url in ("/kb/", "/kb/category/meetings", "/kb/recent"):
        text = page_text(client.get(url))
        assert "Booking rooms" in text
        assert "Secret restructure" not in text


def test_editors_see_drafts_marked_as_drafts(app, library):
    client = signed_in_client(app, editor())
    text = page_text(client.get("/kb/category/meetings"))
    assert "Secret restructure Draft" in text


def test_only_people_who_can_edit_see_the_edit_button(app, library):
    staff_page = signed_in_client(app, make_user()).get("/kb/booking-rooms").get_data(as_text=True)
    editor_page = signed_in_client(app, editor()).get("/kb/booking-rooms").get_data(as_text=True)
    assert "/kb/booking-rooms/edit" not in staff_page
    assert "/kb/booking-rooms/edit" in editor_page


# --- Reading -----------------------------------------------------------------------------------


def test_article_page_shows_the_text_safely_with_contents(app):
    make_article(title="Expenses", body="# Claims\n\nUse the form.\n\n## Travel\n\n<script>alert(1)</script>")
    page = signed_in_client(app, make_user()).get("/kb/expenses")
    markup = page.get_data(as_text=True)
    assert page.status_code == 200
    assert '<h2 id="section-claims">Claims</h2>' in markup
    assert '<a class="govuk-link" href="#section-travel">Travel</a>' in markup
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markup
    assert "<script>alert(1)" not in markup


def test_what_people_typed_in_titles_names_tags_and_questions_is_shown_as_text(app):
    evil = "<img src=x onerror=alert(1)>"
    writer = make_user(roles=["editor"], name=f"Eve {evil}")
    article = make_article(
        title=f"Guide {evil}",
        summary=f"Summary {evil}",
        tags=evil,
        author=writer,
        owner=make_user(name=f"Olive {evil}"),
        category=make_category(f"Travel {evil}"),
    )
    with app.test_request_context():
        community.ask_question(article, writer, f"Question {evil} <script>alert(2)</script>")
    db.session.commit()
    client = signed_in_client(app, writer)
    tag = article.tags[0]
    for url in (
        f"/kb/{article.slug}",
        f"/kb/{article.slug}/history",
        f"/kb/{article.slug}/edit",
        "/kb/",
        f"/kb/category/{article.category.slug}",
        f"/kb/tag/{tag.slug}",
        "/kb/recent",
        "/kb/questions",
        "/notifications",
    ):
        response = client.get(url)
        markup = response.get_data(as_text=True)
        assert response.status_code == 200, url
        assert "<img src=x" not in markup and "<script>alert(2)" not in markup, url
    assert "Guide <img src=x onerror=alert(1)>" in page_text(client.get(f"/kb/{article.slug}"))


def test_an_old_address_redirects_permanently_to_the_new_one(app):
    writer = editor()
    article = make_article(author=writer, title="Room booking")
    client = signed_in_client(app, writer)
    response = client.post("/kb/room-booking/edit", data=article_form(article, title="Booking a meeting room"))
    assert response.status_code == 303

    for old, new in (
        ("/kb/room-booking", "/kb/booking-a-meeting-room"),
        ("/kb/room-booking/history", "/kb/booking-a-meeting-room/history"),
        ("/kb/room-booking/edit", "/kb/booking-a-meeting-room/edit"),
    ):
        moved = client.get(old)
        assert moved.status_code == 301
        assert moved.headers["Location"] == new
    assert signed_in_client(app, make_user()).get("/kb/room-booking").status_code == 301


def test_an_overdue_article_warns_readers(app):
    with clock.fixed(MONDAY) as time:
        make_article(title="Expenses", owner=make_user(name="Olive Owner"), review_by=date(2026, 3, 10))
        reader = make_user()
        assert "may be out of date" not in page_text(signed_in_client(app, reader).get("/kb/expenses"))
        time.advance(days=9)
        text = page_text(signed_in_client(app, reader).get("/kb/expenses"))
    assert "This guidance may be out of date. It was due for review on 10 March 2026. Check with Olive Owner" in text


def test_owner_marks_an_article_reviewed(app):
    owner = make_user(name="Olive Owner")
    with clock.fixed(MONDAY) as time:
        article = make_article(title="Expenses", owner=owner, review_by=date(2026, 3, 10))
        time.advance(days=30)
        client = signed_in_client(app, owner)
        response = client.post("/kb/expenses/reviewed", data={})
        text = page_text(follow(client, response))
    assert "Marked as reviewed. Next review by 1 April 2027." in text
    assert "may be out of date" not in text
    db.session.refresh(article)
    assert article.last_reviewed_by_id == owner.id


# --- Writing -----------------------------------------------------------------------------------


def test_template_picker_fills_in_the_article(app):
    client = signed_in_client(app, editor())
    chooser = client.get("/kb/new")
    assert "How do you want to start the article?" in page_text(chooser)
    assert "Checklist" in page_text(chooser)

    form = client.get("/kb/new?template=checklist")
    assert form.status_code == 200
    assert textarea(form).startswith("What this checklist is for.")
    assert "- [ ] First thing" in textarea(form)
    assert field_value(form, "template") == "checklist"


def test_continuing_without_choosing_a_template_says_what_to_do(app):
    response = signed_in_client(app, editor()).get("/kb/new?template=")
    assert response.status_code == 422
    assert "Choose how to start the article" in page_text(response)


def test_editor_writes_and_publishes_an_article(app):
    writer = editor("Wendy Writer")
    category = make_category("Meetings")
    client = signed_in_client(app, writer)
    response = client.post("/kb/new", data=article_form(category=category, owner=writer))
    assert response.headers["Location"] == "/kb/booking-the-council-chamber"
    text = page_text(follow(client, response))
    assert "“Booking the council chamber” saved as published" in text
    assert "Ask democratic services" in text
    article = db.session.scalar(select(Article))
    assert (article.revision_number, [tag.name for tag in article.tags]) == (1, ["rooms"])


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"title": ""}, "Enter a title"),
        ({"body": "x" * 100_001}, "The article must be 100,000 characters or fewer"),
        ({"review_by": ["31", "2", "2027"]}, "Review by must be a real date, for example 27 3 2027"),
        ({"review_by": ["", "3", "2027"]}, "Review by must be a real date, for example 27 3 2027"),
        ({"review_by": ["1", "", ""]}, "Review by must be a real date, for example 27 3 2027"),
        ({"category_id": "0"}, "Choose a category"),
        ({"owner_id": "0"}, "Choose the person to contact about this article"),
        ({"tags": ", ".join(f"tag {n}" for n in range(11))}, "Use 10 tags or fewer"),
    ],
)
def test_invalid_article_comes_back_with_the_error_summary_and_what_was_typed(app, changes, message):
    writer = editor()
    category = make_category()
    client = signed_in_client(app, writer)
    data = article_form(category=category, owner=writer, summary="My carefully typed summary", **changes)
    response = client.post("/kb/new", data=data)

    assert response.status_code == 422
    text = page_text(response)
    assert "There is a problem" in text
    assert message in text
    assert "<title>Error: " in response.get_data(as_text=True)
    assert field_value(response, "summary") == "My carefully typed summary"
    assert textarea(response) == data["body"]
    if "review_by" in changes:
        typed = re.findall(r'name="review_by" type="text" value="([^"]*)"', response.get_data(as_text=True))
        assert typed == changes["review_by"]
    assert count(Article) == 0


def test_invalid_edit_changes_nothing(app):
    writer = editor()
    article = make_article(author=writer, title="Expenses", body="Original")
    response = signed_in_client(app, writer).post("/kb/expenses/edit", data=article_form(article, title="", body="New"))
    assert response.status_code == 422
    assert "Enter a title" in page_text(response)
    db.session.refresh(article)
    assert (article.title, article.body, article.revision_number) == ("Expenses", "Original", 1)


def test_edit_conflict_shows_their_version_and_keeps_what_you_typed(app):
    fiona, sid = editor("Fiona First"), editor("Sid Second")
    article = make_article(author=fiona, title="Room booking", body="Intro\nCall extension 100")
    first, second = signed_in_client(app, fiona), signed_in_client(app, sid)
    # Both open the editor on version 1.
    assert field_value(first.get("/kb/room-booking/edit"), "base_revision") == "1"
    assert field_value(second.get("/kb/room-booking/edit"), "base_revision") == "1"

    saved = first.post(
        "/kb/room-booking/edit",
        data=article_form(article, body="Intro\nCall extension 200", change_note="New extension"),
    )
    assert saved.status_code == 303
    conflict = second.post(
        "/kb/room-booking/edit",
        data=article_form(article, body="Intro\nCall extension 100 or email rooms@council.test", base_revision="1"),
    )

    assert conflict.status_code == 422
    text = page_text(conflict)
    assert "Fiona First saved a new version of this article while you were editing it" in text
    assert "Latest saved version (version 2, Fiona First" in text
    assert "Their note: “New extension”" in text
    assert "Removed from Their version: Call extension 200" in text
    assert "Added in Your version: Call extension 100 or email rooms@council.test" in text
    assert textarea(conflict) == "Intro\nCall extension 100 or email rooms@council.test"
    assert '<pre class="sr-source">Intro\nCall extension 200</pre>' in conflict.get_data(as_text=True)
    db.session.refresh(article)
    assert (article.revision_number, article.body) == (2, "Intro\nCall extension 200")

    # Having compared, they save again from the same page: this time it goes in on top.
    resolved = second.post(
        "/kb/room-booking/edit",
        data=article_form(
            article,
            body="Intro\nCall extension 200 or email rooms@council.test",
            base_revision=field_value(conflict, "base_revision"),
        ),
    )
    assert resolved.status_code == 303
    db.session.refresh(article)
    assert (article.revision_number, article.body) == (3, "Intro\nCall extension 200 or email rooms@council.test")


def test_update_preview_without_javascript_shows_the_preview_and_saves_nothing(app):
    writer = editor()
    article = make_article(author=writer, title="Expenses", body="Original")
    client = signed_in_client(app, writer)
    response = client.post(
        "/kb/expenses/edit",
        data=article_form(article, body="## New section\n\n- [x] Done", submit=None, preview="Update preview"),
    )

    assert response.status_code == 200
    markup = response.get_data(as_text=True)
    preview = markup[markup.index('id="article-preview"') :]
    assert '<h2 id="section-new-section">New section</h2>' in preview
    assert textarea(response) == "## New section\n\n- [x] Done"
    db.session.refresh(article)
    assert (article.body, article.revision_number) == ("Original", 1)

    new = client.post(
        "/kb/new", data=article_form(category=make_category(), owner=writer, submit=None, preview="Update preview")
    )
    assert new.status_code == 200
    assert "Ask democratic services" in page_text(new)
    assert count(Article) == 1


def test_live_preview_returns_only_the_sanitised_preview(app):
    client = signed_in_client(app, editor())
    response = client.hx(
        "post",
        "/kb/preview",
        data={"body": "## Hello\n\n<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>"},
    )
    markup = response.get_data(as_text=True)
    assert response.status_code == 200
    assert markup.startswith('<div id="article-preview"')
    assert "<html" not in markup
    assert '<h2 id="section-hello">Hello</h2>' in markup
    assert "<script" not in markup and "<img" not in markup and 'href="javascript' not in markup
    assert "&lt;script&gt;" in markup


def test_live_preview_needs_the_security_token(app):
    client = signed_in_client(app, editor())
    response = client.hx("post", "/kb/preview", data={"body": "Hi"}, headers={"X-CSRFToken": "forged"})
    assert response.status_code == 400


# --- History -----------------------------------------------------------------------------------


def _three_versions(app):
    writer = editor("Wendy Writer")
    article = make_article(author=writer, title="Expenses", body="Intro\nStep one")
    client = signed_in_client(app, writer)
    for body, note in (("Intro\nStep one\nStep two", "Added step two"), ("Intro\nStep 1\nStep two", "Numbers")):
        current = db.session.get(Article, article.id)
        db.session.refresh(current)
        response = client.post("/kb/expenses/edit", data=article_form(current, body=body, change_note=note))
        assert response.status_code == 303
    return client, article


def test_history_lists_every_version_and_compares_two(app):
    client, _ = _three_versions(app)
    text = page_text(client.get("/kb/expenses/history"))
    assert "Changes from version 2 to version 3" in text
    assert "3 (current)" in text and "Added step two" in text and "First version" in text

    text = page_text(client.get("/kb/expenses/history?old=1&new=3"))
    assert "Changes from version 1 to version 3" in text
    assert "Removed from version 1: Step one" in text
    assert "Added in version 3: Step 1" in text
    assert "Added in version 3: Step two" in text


def test_a_changed_summary_ending_in_a_full_stop_is_not_given_a_second(app):
    client, article = _three_versions(app)
    current = db.session.get(Article, article.id)
    db.session.refresh(current)
    client.post("/kb/expenses/edit", data=article_form(current, summary="How to claim expenses."))

    text = page_text(client.get("/kb/expenses/history"))

    assert "to “How to claim expenses.”" in text and "expenses.”." not in text


def test_comparing_with_htmx_swaps_only_the_changes(app):
    client, _ = _three_versions(app)
    response = client.hx("get", "/kb/expenses/history?old=1&new=2")
    markup = response.get_data(as_text=True)
    assert markup.startswith('<div id="revision-diff">')
    assert "<html" not in markup
    assert "Added in version 2: Step two" in page_text(response)


def test_comparing_a_version_that_does_not_exist_is_not_found(app):
    client, _ = _three_versions(app)
    assert client.get("/kb/expenses/history?old=1&new=9").status_code == 404


def test_restoring_a_version_keeps_every_earlier_one(app):
    client, article = _three_versions(app)
    response = client.post("/kb/expenses/revisions/1/restore", data={})
    assert response.headers["Location"] == "/kb/expenses/history"
    text = page_text(follow(client, response))
    assert "Version 1 restored as version 4. Nothing was lost" in text
    assert "4 (current)" in text and "Restored version 1" in text
    db.session.refresh(article)
    assert article.body == "Intro\nStep one"
    assert [revision.number for revision in services.revisions(article)] == [4, 3, 2, 1]


def test_restore_needs_a_post_with_a_token(app):
    client, article = _three_versions(app)
    assert client.get("/kb/expenses/revisions/1/restore").status_code == 405
    assert client.post("/kb/expenses/revisions/1/restore", data={}, csrf=False).status_code == 400
    db.session.refresh(article)
    assert article.revision_number == 3


# --- Feedback, watching, questions -------------------------------------------------------------


def test_feedback_with_htmx_returns_just_the_thanks(app):
    make_article(title="Expenses")
    client = signed_in_client(app, make_user())
    response = client.hx("post", "/kb/expenses/feedback", data={"helpful": "no", "comment": "Missing the form"})
    markup = response.get_data(as_text=True)

    assert response.status_code == 200
    assert "<html" not in markup
    assert markup.lstrip().startswith('<div id="feedback-panel">')
    assert "Thank you for your feedback. You said this article was not helpful" in page_text(response)
    assert "“Missing the form”" in page_text(response)
    assert "Thank you for your feedback" in response.headers["HX-Trigger"]


def test_feedback_without_javascript_redirects_with_thanks(app):
    make_article(title="Expenses")
    client = signed_in_client(app, make_user())
    response = client.post("/kb/expenses/feedback", data={"helpful": "yes"})
    assert response.headers["Location"] == "/kb/expenses#feedback"
    text = page_text(follow(client, response))
    assert "Thank you for your feedback" in text
    assert "You said this article was helpful" in text


def test_changing_feedback_keeps_one_answer(app):
    article = make_article(title="Expenses")
    client = signed_in_client(app, make_user())
    client.hx("post", "/kb/expenses/feedback", data={"helpful": "yes"})
    client.hx("post", "/kb/expenses/feedback", data={"helpful": "no", "comment": "Actually out of date"})
    rows = db.session.scalars(select(ArticleFeedback).where(ArticleFeedback.article_id == article.id)).all()
    assert [(row.helpful, row.comment) for row in rows] == [(False, "Actually out of date")]


def test_feedback_without_an_answer_says_what_to_do(app):
    make_article(title="Expenses")
    client = signed_in_client(app, make_user())
    fragment = client.hx("post", "/kb/expenses/feedback", data={"comment": "Hmm"})
    assert fragment.status_code == 422
    assert "<html" not in fragment.get_data(as_text=True)
    assert "Choose yes or no" in page_text(fragment)
    page = client.post("/kb/expenses/feedback", data={"comment": "Hmm"})
    assert page.status_code == 422
    assert "There is a problem" in page_text(page) and "Choose yes or no" in page_text(page)
    assert count(ArticleFeedback) == 0


def test_watch_button_toggles_watching(app):
    article = make_article(title="Expenses")
    reader = make_user()
    client = signed_in_client(app, reader)
    response = client.post("/kb/expenses/watch", data={})
    assert "You are following this article" in page_text(follow(client, response))
    assert db.session.get(ArticleWatch, (article.id, reader.id)) is not None

    fragment = client.hx("post", "/kb/expenses/watch")
    assert fragment.get_data(as_text=True).startswith('<form id="watch-form"')
    assert 'aria-pressed="false"' in fragment.get_data(as_text=True)
    assert "Follow this article" in page_text(fragment)
    assert "You will no longer be told about changes" in fragment.headers["HX-Trigger"]
    db.session.expire_all()
    assert db.session.get(ArticleWatch, (article.id, reader.id)) is None

    fragment = client.hx("post", "/kb/expenses/watch")
    assert 'aria-pressed="true"' in fragment.get_data(as_text=True)


def test_watchers_are_told_when_an_editor_changes_the_article(app):
    writer = editor("Eve Editor")
    article = make_article(author=writer, title="Expenses")
    reader = make_user()
    signed_in_client(app, reader).post("/kb/expenses/watch", data={})
    signed_in_client(app, writer).post("/kb/expenses/edit", data=article_form(article, body="New rules"))

    text = page_text(signed_in_client(app, reader).get("/notifications"))
    assert "Eve Editor updated “Expenses”" in text


def test_asking_answering_and_marking_a_question_answered(app):
    owner, asker, answerer = make_user(name="Olive Owner"), make_user(name="Asha Asker"), editor("Andy Answerer")
    make_article(title="Expenses", owner=owner)
    asking = signed_in_client(app, asker)
    response = asking.post("/kb/expenses/questions", data={"body": "Who signs off travel?"})
    text = page_text(follow(asking, response))
    assert "Your question has been posted" in text
    assert re.search(r"Asha Asker asked on \d+ \w+ \d{4} Open Who signs off travel\?", text)
    question = db.session.scalar(select(ArticleQuestion))
    assert response.headers["Location"] == f"/kb/expenses#question-{question.id}"
    assert "Asha Asker asked a question on “Expenses”" in page_text(signed_in_client(app, owner).get("/notifications"))
    assert "Who signs off travel?" in page_text(signed_in_client(app, answerer).get("/kb/questions"))

    answering = signed_in_client(app, answerer)
    response = answering.post(
        f"/kb/questions/{question.id}/answers", data={"body": "Your team leader.", "mark_answered": "y"}
    )
    text = page_text(follow(answering, response))
    assert "Answer posted" in text
    assert "Andy Answerer answered on" in text and "Your team leader." in text
    assert re.search(r"Asha Asker asked on \d+ \w+ \d{4} Answered Who signs off travel\?", text)
    assert "Andy Answerer answered your question on “Expenses”" in page_text(asking.get("/notifications"))
    assert "No questions on articles are waiting." in page_text(answering.get("/kb/questions"))

    # The asker can reopen it, and close it again.
    asking.post(f"/kb/questions/{question.id}/answered", data={})
    db.session.refresh(question)
    assert question.answered_at is None
    assert "Who signs off travel?" in page_text(answering.get("/kb/questions"))
    asking.post(f"/kb/questions/{question.id}/answered", data={})
    db.session.refresh(question)
    assert question.answered_at is not None


def test_only_editors_and_the_owner_can_answer(app):
    make_article(title="Expenses")
    asker = make_user()
    signed_in_client(app, asker).post("/kb/expenses/questions", data={"body": "Who?"})
    question = db.session.scalar(select(ArticleQuestion))
    bystander = signed_in_client(app, make_user())
    assert bystander.post(f"/kb/questions/{question.id}/answers", data={"body": "Me"}).status_code == 404
    assert bystander.post(f"/kb/questions/{question.id}/answered", data={}).status_code == 404
    db.session.refresh(question)
    assert question.answers == [] and question.answered_at is None


def test_an_empty_question_comes_back_with_a_message(app):
    make_article(title="Expenses")
    response = signed_in_client(app, make_user()).post("/kb/expenses/questions", data={"body": "  "})
    assert response.status_code == 422
    assert "Enter your question" in page_text(response)
    assert count(ArticleQuestion) == 0


# --- Attachments -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "filename, data, content_type",
    [
        ("Room plan.pdf", pdf_bytes(), "application/pdf"),
        ("floor-map.png", png_bytes(), "image/png"),
        (
            "Agenda template.docx",
            docx_bytes(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    ],
)
def test_editor_attaches_a_file_and_readers_download_it(app, filename, data, content_type):
    writer = editor()
    make_article(author=writer, title="Expenses")
    client = signed_in_client(app, writer)
    before = stored_files(app)
    response = attach(client, db.session.scalar(select(Article)), data, filename)
    assert response.headers["Location"] == "/kb/expenses#attachments"
    assert f"{filename} attached" in page_text(follow(client, response))

    [stored] = stored_files(app) - before
    assert re.fullmatch(r"[0-9a-f]{32}", stored)
    assert all_stored_files()[stored] == data
    attachment = db.session.scalar(select(Attachment))
    assert (attachment.filename, attachment.stored_name) == (filename, stored)

    reader = signed_in_client(app, make_user())
    assert filename in page_text(reader.get("/kb/expenses"))
    download = reader.get(f"/kb/attachments/{attachment.id}/{filename}")
    assert download.status_code == 200
    assert download.data == data
    assert download.headers["Content-Type"] == content_type
    # An image may be shown in the browser (it appears inside articles); anything else downloads.
    expected = "inline;" if content_type.startswith("image/") else "attachment;"
    assert download.headers["Content-Disposition"].startswith(expected)
    assert download.headers["X-Content-Type-Options"] == "nosniff"


def test_download_uses_the_stored_name_whatever_the_address_says(app):
    writer = editor()
    article = make_article(author=writer, title="Expenses")
    client = signed_in_client(app, writer)
    attach(client, article, pdf_bytes(), "claims.pdf")
    attachment = db.session.scalar(select(Attachment))
    response = client.get(f"/kb/attachments/{attachment.id}/evil.html")
    assert response.headers["Content-Disposition"] == "attachment; filename=claims.pdf"
    assert response.headers["Content-Type"] == "application/pdf"


def test_a_path_in_the_file_name_is_thrown_away(app):
    writer = editor()
    article = make_article(author=writer, title="Expenses")
    client = signed_in_client(app, writer)
    before = stored_files(app)
    response = attach(client, article, pdf_bytes(), "../../etc/passwd.pdf")
    assert response.status_code == 303

    [stored] = stored_files(app) - before
    assert re.fullmatch(r"[0-9a-f]{32}", stored)
    attachment = db.session.scalar(select(Attachment))
    assert attachment.filename == "passwd.pdf"
    page = client.get("/kb/expenses").get_data(as_text=True)
    assert ">passwd.pdf</a>" in page
    assert "../" not in page[page.index('id="attachments"') :]
    download = client.get(f"/kb/attachments/{attachment.id}/passwd.pdf")
    assert download.headers["Content-Disposition"] == "attachment; filename=passwd.pdf"


def test_odd_characters_in_file_names_are_made_safe_to_show_and_download(app):
    writer = editor()
    article = make_article(author=writer, title="Expenses")
    client = signed_in_client(app, writer)
    attach(client, article, pdf_bytes(), "C:\\Users\\me\\<b>Claims</b>\u202efdp.exe\x07.pdf")
    attachment = db.session.scalar(select(Attachment))
    assert "\u202e" not in attachment.filename and "\\" not in attachment.filename
    assert attachment.filename.endswith(".pdf")
    page = client.get("/kb/expenses").get_data(as_text=True)
    assert "<b>Claims" not in page
    download = client.get(f"/kb/attachments/{attachment.id}/x.pdf")
    assert "\r" not in download.headers["Content-Disposition"] and "\n" not in download.headers["Content-Disposition"]


@pytest.mark.parametrize(
    "filename, data, message",
    [
        (
            "minutes.pdf",
            b"<html><script>alert(1)</script></html>",
            "The selected file’s contents are not a real PDF file",
        ),
        ("photo.png", pdf_bytes(), "The selected file’s contents are not a real PNG file"),
        ("letter.docx", b"PK\x03\x04 not really a zip", "The selected file’s contents are not a real DOCX file"),
        ("setup.exe", b"MZ\x90\x00" + b"\x00" * 100, "The selected file must be a PDF, Word (DOCX), Excel (XLSX)"),
        ("no-extension", pdf_bytes(), "The selected file must be a PDF, Word (DOCX)"),
        ("empty.pdf", b"", "The selected file is empty"),
        ("huge.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), "The selected file must be smaller than 10 MB"),
    ],
)
def test_files_that_are_not_what_they_claim_or_too_big_are_refused(app, filename, data, message):
    writer = editor()
    article = make_article(author=writer, title="Expenses")
    client = signed_in_client(app, writer)
    before = stored_files(app)
    response = attach(client, article, data, filename)
    assert response.status_code == 422
    text = page_text(response)
    assert "There is a problem" in text
    assert message in text
    assert count(Attachment) == 0
    assert stored_files(app) == before


def test_a_file_of_exactly_ten_megabytes_is_accepted(app):
    writer = editor()
    article = make_article(author=writer, title="Expenses")
    response = attach(signed_in_client(app, writer), article, b"%PDF-" + b"0" * (10 * 1024 * 1024 - 5), "big.pdf")
    assert response.status_code == 303
    assert db.session.scalar(select(Attachment.size)) == 10 * 1024 * 1024


def test_uploading_without_choosing_a_file_says_so(app):
    writer = editor()
    make_article(author=writer, title="Expenses")
    response = signed_in_client(app, writer).post("/kb/expenses/attachments", data={})
    assert response.status_code == 422
    assert "Select a file" in page_text(response)


def test_removing_an_attachment_deletes_the_file(app):
    writer = editor()
    article = make_article(author=writer, title="Expenses")
    client = signed_in_client(app, writer)
    before = stored_files(app)
    attach(client, article, pdf_bytes(), "claims.pdf")
    attachment_id = db.session.scalar(select(Attachment.id))
    assert len(stored_files(app) - before) == 1
    response = client.post(f"/kb/attachments/{attachment_id}/remove", data={})
    assert "claims.pdf removed" in page_text(follow(client, response))
    assert count(Attachment) == 0
    assert stored_files(app) == before
    assert client.get(f"/kb/attachments/{attachment_id}/claims.pdf").status_code == 404


def test_staff_cannot_attach_or_remove_files(app):
    writer = editor()
    article = make_article(author=writer, title="Expenses")
    attach(signed_in_client(app, writer), article, pdf_bytes(), "claims.pdf")
    attachment = db.session.scalar(select(Attachment))
    staff = signed_in_client(app, make_user())
    before = stored_files(app)
    assert attach(staff, article, pdf_bytes(), "mine.pdf").status_code == 404
    assert staff.post(f"/kb/attachments/{attachment.id}/remove", data={}).status_code == 404
    assert count(Attachment) == 1
    assert stored_files(app) == before
    assert attachment.stored_name in stored_files(app)


# --- Editors' lists, home page, notifications --------------------------------------------------


def test_needs_review_lists_only_overdue_published_articles(app):
    with clock.fixed(MONDAY) as time:
        make_article(title="Overdue guide", review_by=date(2026, 3, 5), owner=make_user(name="Olive Owner"))
        make_article(title="Fresh guide", review_by=date(2026, 12, 1))
        make_article(title="Draft guide", review_by=date(2026, 3, 5), status="draft")
        make_article(title="Old guide", review_by=date(2026, 3, 5), status="archived")
        time.advance(days=10)
        text = page_text(signed_in_client(app, editor()).get("/kb/needs-review"))
    assert "Overdue guide Olive Owner 5 March 2026 (7 days ago)" in text
    for title in ("Fresh guide", "Draft guide", "Old guide"):
        assert title not in text


def test_poor_feedback_lists_articles_readers_found_unhelpful(app):
    poor, good = make_article(title="Poor guide"), make_article(title="Good guide")
    readers = [make_user() for _ in range(2)]
    community.give_feedback(poor, readers[0], helpful=False, comment="The phone number is wrong")
    community.give_feedback(good, readers[0], helpful=True)
    community.give_feedback(good, readers[1], helpful=True)
    db.session.commit()
    text = page_text(signed_in_client(app, editor()).get("/kb/feedback"))
    assert "Poor guide 0 helpful, 1 not helpful" in text
    assert "“The phone number is wrong”" in text
    assert "Good guide" not in text


def test_open_questions_lists_unanswered_questions_only(app):
    article = make_article(title="Expenses")
    draft = make_article(title="Draft guide", status="draft")
    asker = make_user(name="Asha Asker")
    with app.test_request_context():
        community.ask_question(article, asker, "Who signs off travel?")
        answered = community.ask_question(article, asker, "Where is the form?")
        community.answer_question(answered, editor(), "On the intranet.", mark_answered=True)
        community.ask_question(draft, asker, "Draft question?")
    db.session.commit()
    text = page_text(signed_in_client(app, editor()).get("/kb/questions"))
    assert "Who signs off travel? Asha Asker on “Expenses”" in text
    assert "Where is the form?" not in text
    assert "Draft question?" not in text


def test_coverage_page_shows_where_know_how_depends_on_one_person(app):
    solo = editor("Solo Sue")
    make_article(category=make_category("Travel"), author=solo)
    make_category("Catering")
    text = page_text(signed_in_client(app, make_user(roles=["manager"])).get("/kb/coverage"))
    assert "Travel Solo Sue 1 1 1 One person" in text
    assert "Catering 0 0 0 No articles" in text
    assert "Services with no knowledge articles will be listed here" not in text  # the stale promise is gone
    assert "Resilience" in text
    # Editors see where the risks are, but not who the people are.
    text = page_text(signed_in_client(app, make_user(roles=["editor"])).get("/kb/coverage"))
    assert "Travel 1 1 1 One person" in text and "Solo Sue" not in text


def test_admin_adds_and_renames_a_category(app, admin_client):
    response = admin_client.post("/kb/categories", data={"name": "  Travel   and expenses ", "description": ""})
    assert "Category “Travel and expenses” added" in page_text(follow(admin_client, response))
    clash = admin_client.post("/kb/categories", data={"name": "travel and expenses"})
    assert clash.status_code == 422
    assert "There is already a category with this name" in page_text(clash)
    response = admin_client.post("/kb/categories/travel-and-expenses", data={"name": "Travel"})
    assert "Category saved" in page_text(follow(admin_client, response))
    assert admin_client.get("/kb/category/travel").status_code == 200


def test_home_page_reminds_owners_of_their_overdue_articles(app):
    owner, other = make_user(name="Olive Owner"), make_user()
    with clock.fixed(MONDAY) as time:
        make_article(title="My overdue guide", owner=owner, review_by=date(2026, 3, 5))
        make_article(title="Someone else's guide", owner=other, review_by=date(2026, 3, 5))
        make_article(title="My current guide", owner=owner, review_by=date(2027, 3, 5))
        time.advance(days=10)
        text = page_text(signed_in_client(app, owner).get("/"))
        other_text = page_text(signed_in_client(app, make_user()).get("/"))
    assert "Your articles due for review" in text
    assert "My overdue guide – review was due 5 March 2026" in text
    assert "Someone else's guide – review" not in text
    assert "My current guide – review" not in text
    assert "Your articles due for review" not in other_text


def test_notifications_list_and_mark_all_as_read_clears_the_count(app):
    reader = make_user()
    with app.test_request_context():
        notify([reader.id], "Eve Editor updated “Expenses”", "/kb/expenses")
        notify([reader.id], "Andy Answerer answered your question on “Travel”", "/kb/travel#question-1")
    db.session.commit()
    client = signed_in_client(app, reader)

    page = client.get("/notifications")
    markup = page.get_data(as_text=True)
    assert '<span class="sr-count">2</span>' in markup
    assert "Eve Editor updated “Expenses”" in page_text(page)
    assert '<a class="govuk-link" href="/kb/travel#question-1">' in markup

    response = client.post("/notifications", data={})
    page = follow(client, response)
    assert "All notifications marked as read" in page_text(page)
    assert "sr-count" not in page.get_data(as_text=True)
    assert "Eve Editor updated “Expenses”" in page_text(page)  # still listed, no longer new
    assert db.session.scalar(select(func.count()).select_from(Notification).where(Notification.read_at.is_(None))) == 0
