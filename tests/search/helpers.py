"""What a person sees on the search pages, read back out of the HTML, for the search tests."""
import html
import re

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
    found = []
    for block in result_blocks(response):
        link = _RESULT_LINK.search(block)
        assert link, f"a result without a title link: {block}"
        found.append(words(link.group(2)))
    return found


def found(client, q, **params) -> list[str]:
    return titles(search(client, q, **params))


def suggestion_options(response) -> list[str]:
    return [words(option) for option in _OPTION.findall(response.get_data(as_text=True))]


def did_you_mean(response) -> str | None:
    match = re.search(r'Did you mean <a class="govuk-link" href="[^"]*">(.*?)</a>\?', response.get_data(as_text=True))
    return words(match.group(1)) if match else None
