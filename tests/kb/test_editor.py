"""The knowledge editor's additions (issue 23, item 3): links to articles by their lasting
address (and the picker that writes them), images attached to an article and shown inside it,
and the history's word-by-word changes of the text readers see."""

import html
import re

import pytest
from sqlalchemy import select

from app import markup
from app.extensions import db
from app.kb import services
from app.models import Attachment
from app.validation import FieldError
from tests.conftest import page_text
from tests.factories import make_article, make_category, make_user, signed_in_client
from tests.kb.test_routes import article_form, attach, pdf_bytes, png_bytes

# --- The renderer and sanitiser ------------------------------------------------------------------


def test_a_link_to_an_article_by_its_number_is_kept():
    html = markup.render_html("See [Booking rooms](/kb/articles/12) and [a part](/kb/articles/12#section-steps).")
    assert '<a href="/kb/articles/12" rel="noopener noreferrer">Booking rooms</a>' in html
    assert 'href="/kb/articles/12#section-steps"' in html


def test_an_attached_image_is_shown_with_its_description():
    html = markup.render_html("![Floor plan of the ground floor](/kb/attachments/7/floor%20plan.png)")
    assert '<img src="/kb/attachments/7/floor%20plan.png" alt="Floor plan of the ground floor">' in html


def test_an_image_from_anywhere_else_becomes_its_description_in_words():
    html = markup.render_html(
        "![Tracking pixel](https://evil.example/p.png) ![Local](file:///C:/x.png) ![](/static/logo.png)"
    )
    assert "<img" not in html
    assert "[Image: Tracking pixel]" in html and "[Image]" in html
    assert "![Local](file:///C:/x.png)" in html  # markdown-it never makes a file: address a link


def test_the_sanitiser_on_its_own_drops_a_foreign_image_address():
    cleaned = markup.clean('<img src="https://evil.example/p.png" alt="x"><img src="/kb/attachments/3/a.png" alt="y">')
    assert "evil" not in cleaned
    assert '<img src="/kb/attachments/3/a.png" alt="y">' in cleaned
    # Not a trick address that only starts like an attachment's.
    assert "src" not in markup.clean('<img src="/kb/attachments/3/a.png?x=//evil" alt="z">')
    assert "src" not in markup.clean('<img src="/kb/attachments/3/../../logout" alt="z">')


def test_image_problems_are_said_in_words():
    assert markup.image_problem("![A plan](/kb/attachments/1/plan.png)") is None
    missing = markup.image_problem("Text ![](/kb/attachments/1/plan.png)")
    assert missing and "has no description" in missing
    foreign = markup.image_problem("![A plan](https://example.org/plan.png)")
    assert foreign and "not an attachment" in foreign


# --- Saving an article with images ---------------------------------------------------------------


def _article_with_image(app):
    writer = make_user(roles=["editor"])
    article = make_article(author=writer, title="Finding the lifts")
    client = signed_in_client(app, writer)
    attach(client, article, png_bytes(), "ground floor.png")
    attach(client, article, pdf_bytes(), "plan.pdf")
    png = db.session.scalar(select(Attachment).where(Attachment.file_type == "png"))
    pdf = db.session.scalar(select(Attachment).where(Attachment.file_type == "pdf"))
    return writer, article, client, png, pdf


def test_an_image_without_a_description_is_refused_on_the_article_field(app):
    _, article, client, png, _ = _article_with_image(app)
    body = f"Where the lifts are:\n\n![](/kb/attachments/{png.id}/ground%20floor.png)"
    response = client.post(f"/kb/{article.slug}/edit", data=article_form(article, body=body))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert re.search(r'id="body-error"[^>]*>.*has no description', page, re.S)
    db.session.refresh(article)
    assert article.revision_number == 1


def test_an_image_must_be_an_attached_png_or_jpg(app):
    _, article, client, _, pdf = _article_with_image(app)
    for body in (
        f"![The plan](/kb/attachments/{pdf.id}/plan.pdf)",
        "![The plan](/kb/attachments/99999/plan.png)",
    ):
        response = client.post(f"/kb/{article.slug}/edit", data=article_form(article, body=body))
        assert response.status_code == 422
        assert "does not point at an attached PNG or JPG image" in page_text(response)
    # A number too long to be an attachment's (SQLite could not even be asked for it).
    body = "![The plan](/kb/attachments/99999999999999999999/plan.png)"
    response = client.post(f"/kb/{article.slug}/edit", data=article_form(article, body=body))
    assert response.status_code == 422
    assert "“The plan” is not an attachment of an article" in page_text(response)


def test_an_attached_image_is_saved_and_shown_inside_the_article(app):
    _, article, client, png, _ = _article_with_image(app)
    src = f"/kb/attachments/{png.id}/ground%20floor.png"
    response = client.post(
        f"/kb/{article.slug}/edit", data=article_form(article, body=f"The lifts:\n\n![Lifts by the stairs]({src})")
    )
    assert response.status_code == 303
    page = client.get(f"/kb/{article.slug}").get_data(as_text=True)
    assert f'<img src="{src}" alt="Lifts by the stairs">' in page
    image = client.get(src)
    assert image.status_code == 200
    assert image.headers["Content-Type"] == "image/png"
    assert image.headers["Content-Disposition"].startswith("inline;")
    assert image.headers["X-Content-Type-Options"] == "nosniff"


def test_an_image_whose_name_has_an_apostrophe_is_taken_as_the_editor_lists_it(app):
    writer = make_user(roles=["editor"])
    article = make_article(author=writer, title="Finding the lifts")
    client = signed_in_client(app, writer)
    attach(client, article, png_bytes(), "Tom's plan.png")
    listed = re.search(
        r"!\[[^\]]*\]\((/kb/attachments/\d+/[^)]+)\)", client.get(f"/kb/{article.slug}/edit").get_data(as_text=True)
    )
    assert listed and "'" in html.unescape(listed.group(1))
    body = f"The plan:\n\n![Tom's plan of the lifts]({html.unescape(listed.group(1))})"
    assert client.post(f"/kb/{article.slug}/edit", data=article_form(article, body=body)).status_code == 303


def test_an_article_number_too_long_to_be_one_is_not_found(app):
    reader = signed_in_client(app, make_user())
    assert reader.get("/kb/articles/99999999999999999999").status_code == 404


def test_the_editor_lists_the_articles_images_to_insert(app):
    _, article, client, png, pdf = _article_with_image(app)
    page = client.get(f"/kb/{article.slug}/edit").get_data(as_text=True)
    assert f'data-image-src="/kb/attachments/{png.id}/ground%20floor.png"' in page
    assert f"/kb/attachments/{pdf.id}/" not in page.split("Images attached to this article")[1].split("</ul>")[0]
    assert "[Booking a meeting room](/kb/articles/12)" in page  # the help text's link form


def test_service_refuses_images_without_description(app):
    writer = make_user(roles=["editor"])
    with pytest.raises(FieldError) as refused:
        services.create_article(
            author=writer,
            title="Plans",
            summary="Plans",
            body="![](/kb/attachments/1/a.png)",
            category_id=make_category().id,
            tags="",
            owner_id=writer.id,
            status="draft",
            review_by=None,
            change_note="",
        )
    assert refused.value.field == "body"


# --- Links that survive a rename -----------------------------------------------------------------


def test_a_link_by_number_still_leads_to_the_article_after_it_is_renamed(app):
    writer = make_user(roles=["editor"])
    target = make_article(author=writer, title="Room booking")
    linking = make_article(author=writer, title="Meetings", body=f"Book first: [rooms](/kb/articles/{target.id}).")
    client = signed_in_client(app, writer)
    response = client.post(f"/kb/{target.slug}/edit", data=article_form(target, title="Booking a meeting room"))
    assert response.status_code == 303
    db.session.refresh(target)
    assert target.slug == "booking-a-meeting-room"

    reader = signed_in_client(app, make_user())
    page = reader.get(f"/kb/{linking.slug}").get_data(as_text=True)
    [href] = re.findall(r'<a href="(/kb/articles/[0-9]+)"', page)
    followed = reader.get(href)
    assert followed.status_code == 302
    assert followed.headers["Location"] == "/kb/booking-a-meeting-room"
    assert "Booking a meeting room" in page_text(reader.get(followed.headers["Location"]))


def test_a_link_by_number_to_a_draft_or_nothing_is_not_found_for_readers(app):
    writer = make_user(roles=["editor"])
    draft = make_article(author=writer, title="Secret plans", status="draft")
    reader = signed_in_client(app, make_user())
    assert reader.get(f"/kb/articles/{draft.id}").status_code == 404
    assert reader.get("/kb/articles/987654").status_code == 404
    assert signed_in_client(app, writer).get(f"/kb/articles/{draft.id}").status_code == 302


# --- The picker's choices ------------------------------------------------------------------------


def test_link_choices_find_articles_the_editor_may_see(app):
    writer = make_user(roles=["editor"])
    make_article(author=writer, title="Booking a meeting room")
    make_article(author=writer, title="Room keys", summary="Where to book keys", status="draft")
    make_article(author=writer, title="Expenses")
    client = signed_in_client(app, writer)
    fragment = client.hx("get", "/kb/link-choices?q=book")
    assert fragment.status_code == 200
    text = fragment.get_data(as_text=True)
    assert text.lstrip().startswith('<ul id="article-link-listbox"')
    assert "Booking a meeting room" in text and "Room keys" in text and ", draft" in text
    assert "Expenses" not in text
    # Titles that match come before summaries that do.
    assert text.index("Booking a meeting room") < text.index("Room keys")
    assert 'role="option"' in text and 'data-href="/kb/articles/' in text
    # Without JavaScript: a page with each link in Markdown to copy.
    page = client.get("/kb/link-choices?q=meeting+room")
    assert page.status_code == 200
    assert "[Booking a meeting room](/kb/articles/" in page_text(page)
    # Odd input is answered, never a failure.
    for query in ("%", "_", "\\", "a", "x" * 500, "' or 1=1 --"):
        assert client.hx("get", "/kb/link-choices", query_string={"q": query}).status_code == 200


def test_link_choices_leave_out_drafts_for_people_who_cannot_see_them(app):
    from app.models import User  # noqa: PLC0415 - only this test needs it

    writer = make_user(roles=["editor"])
    make_article(author=writer, title="Room keys", status="draft")
    make_article(author=writer, title="Room booking")
    staff = db.session.scalar(select(User).where(User.id == make_user().id))
    names = [article.title for article in services.link_choices(staff, "room")]
    assert names == ["Room booking"]
    assert signed_in_client(app, staff).get("/kb/link-choices?q=room").status_code == 404


# --- The history's word-by-word changes ----------------------------------------------------------


def test_word_diff_compares_the_text_readers_see():
    changes = services.word_diff("## Steps\n\nAsk **democratic** services.", "## Steps\n\nAsk the *committee* team.")
    kinds = [(change.kind, change.text) for change in changes]
    assert ("removed", "democratic services.") in kinds
    assert ("added", "the committee team.") in kinds
    assert all("*" not in text for _, text in kinds)  # Markdown signs are not words readers see


def test_word_diff_folds_long_unchanged_stretches():
    words = " ".join(f"word{number}" for number in range(100))
    changes = services.word_diff(words + " old", words + " new")
    assert changes[0].kind == "folded"
    assert changes[0].text == "88 unchanged words"
    assert [change.kind for change in changes[1:]] == ["same", "removed", "added"]


def test_history_shows_the_word_changes_beside_the_markdown_changes(app):
    writer = make_user(roles=["editor"])
    article = make_article(author=writer, title="Expenses", body="Claim within **30 days** of spending.")
    client = signed_in_client(app, writer)
    client.post(f"/kb/{article.slug}/edit", data=article_form(article, body="Claim within **60 days** of spending."))
    page = client.get(f"/kb/{article.slug}/history").get_data(as_text=True)
    assert "What readers see" in page
    assert re.search(
        r'<del class="sr-word-diff__removed"><span class="govuk-visually-hidden">\[removed: </span>30', page
    )
    assert re.search(r'<ins class="sr-word-diff__added"><span class="govuk-visually-hidden">\[added: </span>60', page)
    fragment = client.hx("get", f"/kb/{article.slug}/history?old=1&new=2").get_data(as_text=True)
    assert "sr-word-diff__added" in fragment and "sr-diff__line--added" in fragment
    same = client.get(f"/kb/{article.slug}/history?old=2&new=2").get_data(as_text=True)
    assert "The text readers see is the same in both versions." in same
