"""For the search tests: saving articles as the editor does, and reading back what a person sees."""

import html
import re

from flask import current_app

from app.extensions import db
from app.kb import services

_RESULT = re.compile(r'<li class="sr-result">(.*?)</li>', re.S)
_RESULT_LINK = re.compile(r'<h3[^>]*>\s*<a class="govuk-link" href="([^"]*)">(.*?)</a>', re.S)
_OPTION = re.compile(r'<li id="header-search-option-[^"]*" role="option"[^>]*>(.*?)</li>', re.S)


def words(markup: str) -> str:
    markup = re.sub(r"</?mark>", "", markup)  # marked words stay part of their sentence
    return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", markup).split()))


def search(client, q, **params):
    """GET /search as the browser's search form sends it; always a normal page."""
    response = client.get("/search", query_string={"q": q, **params})
    assert response.status_code == 200, f"/search?q={q!r} answered {response.status_code}"
    return response


def result_blocks(response) -> list[str]:
    return _RESULT.findall(response.get_data(as_text=True))


def titles(response) -> list[str]:
    """The result titles, in the order shown."""
    result_titles = []
    for block in result_blocks(response):
        link = _RESULT_LINK.search(block)
        assert link, f"a result without a title link: {block}"
        result_titles.append(words(link.group(2)))
    return result_titles


def titles_found(client, q, **params) -> list[str]:
    """The result titles a search for `q` shows this person, in order."""
    return titles(search(client, q, **params))


def suggestion_options(response) -> list[str]:
    return [words(option) for option in _OPTION.findall(response.get_data(as_text=True))]


def did_you_mean(response) -> str | None:
    match = re.search(r'Did you mean <a class="govuk-link" href="[^"]*">(.*?)</a>\?', response.get_data(as_text=True))
    return words(match.group(1)) if match else None


def save(article, editor, **changes):
    """Save the article as the edit form would, changing only what is given (service + commit)."""
    values = dict(
        title=article.title,
        summary=article.summary,
        body=article.body,
        category_id=article.category_id,
        tags=", ".join(tag.name for tag in article.tags),
        owner_id=article.owner_id,
        status=article.status,
        review_by=None,
        change_note="",
    )
    values.update(changes)
    with current_app.test_request_context():  # watchers' notifications carry links
        services.update_article(article, editor=editor, base_revision=article.revision_number, **values)
    db.session.commit()


def edit_form(article, **changes) -> dict:
    data = {
        "title": article.title,
        "summary": article.summary,
        "body": article.body,
        "category_id": str(article.category_id),
        "tags": ", ".join(tag.name for tag in article.tags),
        "owner_id": str(article.owner_id),
        "status": article.status,
        "review_by": ["", "", ""],
        "change_note": "",
        "base_revision": str(article.revision_number),
        "template": "",
        "submit": "Save article",
    }
    data.update(changes)
    return data
