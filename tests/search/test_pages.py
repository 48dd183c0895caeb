"""The search pages as people use them: results with highlighted snippets, filters, sorting,
pages of results, the htmx fragment, suggestions as you type, the anonymous search log and the
editors' list of searches that found nothing."""

import re
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import inspect, select

from app import clock
from app.extensions import db
from app.models import SearchLog, User
from tests.factories import make_article, make_category, make_team, make_user, signed_in_client
from tests.ideas.helpers import make_idea
from tests.search.helpers import result_blocks, search, suggestion_options, titles, titles_found, words

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def client(app):
    return signed_in_client(app, make_user(name="Sam Staff"))


def facet_links(response, heading: str) -> dict[str, str]:
    """{"Rooms (2)": "/search?q=...&category=Rooms"} for the links under one facet heading."""
    markup = response.get_data(as_text=True)
    section = markup.split(f'<h2 class="govuk-heading-s">{heading}</h2>', 1)[1].split("</ul>", 1)[0]
    return {
        words(text): href.replace("&amp;", "&")
        for href, text in re.findall(r'<a class="govuk-link" href="([^"]*)">(.*?)</a>', section, re.S)
    }


def rows(response) -> list[tuple[str, str, str]]:
    """The no-results table: (search, times, last searched)."""
    cells = r'<td class="govuk-table__cell(?: govuk-table__cell--numeric)?"(?: data-label="[^"]*")?>(.*?)</td>'
    return re.findall(r'<tr class="govuk-table__row">\s*' + r"\s*".join([cells] * 3), response.get_data(as_text=True))


def query_of(href: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(href).query)


# --- A result -----------------------------------------------------------------------------------


def test_a_result_shows_its_title_kind_category_and_a_snippet_with_the_words_marked(client):
    make_article(
        title="Booking the council chamber",
        category=make_category("Rooms"),
        body="Democratic services take bookings for the chamber. Ask at least a week ahead.",
    )

    response = search(client, "chamber")

    [block] = result_blocks(response)
    assert "<mark>chamber</mark>" in block.split("sr-snippet", 1)[1]
    assert 'href="/kb/booking-the-council-chamber"' in block
    assert words(block).startswith("Knowledge article · Rooms Booking the council chamber")
    assert "Democratic services take bookings for the chamber. Ask at least a week ahead" in words(block)
    assert "Updated " in words(block)


def test_every_stemmed_form_of_the_word_is_marked_in_title_and_snippet(client):
    make_article(title="Booking rooms", body="Rooms are booked by the hour. Book early.")

    [block] = result_blocks(search(client, "booking"))

    assert "<mark>Booking</mark> rooms" in block
    assert "Rooms are <mark>booked</mark> by the hour. <mark>Book</mark> early" in block


def test_the_updated_date_is_the_uk_date_as_on_the_article_page(client):
    with clock.fixed(datetime(2026, 7, 1, 23, 30, tzinfo=UTC)):  # 00:30 on 2 July in London
        article = make_article(title="Booking the chamber")

    [block] = result_blocks(search(client, "booking"))

    assert "Last updated 2 July 2026" in words(client.get(f"/kb/{article.slug}").get_data(as_text=True))
    assert "Updated 2 July 2026" in words(block)


def test_a_title_written_as_html_is_shown_as_text_never_run(client):
    make_article(title="<script>alert(1)</script> Booking", body="Use <img src=x onerror=alert(2)> & book < 5 rooms.")

    response = search(client, "booking")
    markup = response.get_data(as_text=True)

    assert "<script>alert(1)</script>" not in markup
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>Booking</mark>" in markup
    assert "onerror=alert(2)>" not in markup.replace("&gt;", "")
    assert titles(response) == ["<script>alert(1)</script> Booking"]


def test_text_around_the_marked_words_is_escaped(client):
    make_article(
        title="Rates & charges",
        summary="<b>Fees</b> for room hire",
        body="Room hire costs < £50 & catering > £20 per <em>head</em>. Charges apply.",
    )

    [block] = result_blocks(search(client, "charges"))

    snippet = block.split("sr-snippet", 1)[1]
    assert "<em>" not in snippet and "< £50" not in snippet
    assert "<mark>Charges</mark>" in snippet or "<mark>charges</mark>" in snippet
    assert "Rates &amp; <mark>charges</mark>" in block


def test_the_search_page_for_nothing_invites_a_search(client):
    response = search(client, "")

    assert "Type what you are looking for" in response.get_data(as_text=True)
    assert result_blocks(response) == []


def test_archived_articles_are_marked_in_results(client):
    make_article(title="Old booking system", status="archived", body="How bookings used to work.")

    [block] = result_blocks(search(client, "booking"))
    assert "Archived" in words(block)


# --- Filters ------------------------------------------------------------------------------------


def test_facets_count_results_by_kind_category_and_tag(client):
    rooms, finance = make_category("Rooms"), make_category("Finance")
    make_article(title="Booking the chamber", category=rooms, tags="rooms, committees")
    make_article(title="Booking a desk", category=rooms, tags="rooms")
    make_article(title="Booking travel", category=finance, tags="travel")
    make_article(title="Expenses", category=finance, tags="travel")

    response = search(client, "booking")

    assert list(facet_links(response, "Type")) == ["Knowledge article (3)"]
    assert list(facet_links(response, "Knowledge category")) == ["Rooms (2)", "Finance (1)"]
    assert list(facet_links(response, "Tag")) == ["rooms (2)", "committees (1)", "travel (1)"]


@pytest.mark.parametrize(
    "heading, label, param, value, expected, kept",
    [
        # A category is a kind's: choosing it chooses the kind too, which stays when it is removed.
        (
            "Knowledge category",
            "Rooms (2)",
            "category",
            "Rooms",
            ["Booking a desk", "Booking the chamber"],
            {"kind": ["article"]},
        ),
        ("Tag", "travel (1)", "tag", "travel", ["Booking travel"], {}),
        (
            "Type",
            "Knowledge article (3)",
            "kind",
            "article",
            ["Booking a desk", "Booking the chamber", "Booking travel"],
            {},
        ),
    ],
)
def test_a_facet_link_filters_the_results_and_keeps_the_query(client, heading, label, param, value, expected, kept):
    rooms, finance = make_category("Rooms"), make_category("Finance")
    make_article(title="Booking the chamber", category=rooms, tags="rooms")
    make_article(title="Booking a desk", category=rooms, tags="rooms")
    make_article(title="Booking travel", category=finance, tags="travel")

    href = facet_links(search(client, "booking", sort="newest"), heading)[label]
    assert query_of(href) == {"q": ["booking"], param: [value], "sort": ["newest"], **kept}

    filtered = client.get(href)
    assert sorted(titles(filtered)) == expected
    markup = filtered.get_data(as_text=True)
    assert re.search(r'<strong aria-current="true">[^<]*\(\d+\)</strong>', markup)
    remove = facet_links(filtered, heading)[f"Any {heading.lower()} (remove this filter)"]
    assert query_of(remove) == {"q": ["booking"], "sort": ["newest"], **kept}


def test_each_kind_has_its_own_category_filter(client):
    make_article(title="Booking the chamber", category=make_category("Finance and purchasing"))
    make_idea(title="Booking rooms online", area=make_team("Finance Support"))

    response = search(client, "booking")

    assert list(facet_links(response, "Knowledge category")) == ["Finance and purchasing (1)"]
    assert list(facet_links(response, "Idea area")) == ["Finance Support (1)"]
    assert query_of(facet_links(response, "Idea area")["Finance Support (1)"])["kind"] == ["idea"]


def test_filtering_to_a_category_with_no_matches_offers_to_search_everything(client):
    make_article(title="Booking the chamber", category=make_category("Rooms"))
    make_category("Finance")

    response = search(client, "booking", category="Finance")

    assert titles(response) == []
    assert "search everything" in words(response.get_data(as_text=True))


# --- Order and pages ------------------------------------------------------------------------------


def test_newest_first_puts_the_latest_change_first_whatever_the_relevance(client):
    with clock.fixed(NOW - timedelta(days=30)):
        make_article(title="Booking booking booking", summary="Booking", body="Booking rooms. Booking desks.")
    with clock.fixed(NOW - timedelta(days=10)):
        make_article(title="Desks", body="A desk can be booked.")
    with clock.fixed(NOW - timedelta(days=20)):
        make_article(title="Parking", body="Parking spaces can be booked too.")

    assert titles_found(client, "booking")[0] == "Booking booking booking"
    assert titles_found(client, "booking", sort="newest") == ["Desks", "Parking", "Booking booking booking"]


def test_the_sort_links_keep_the_query_and_filters(client):
    make_article(title="Booking the chamber", category=make_category("Rooms"))

    markup = search(client, "booking", category="Rooms").get_data(as_text=True)

    newest = re.search(r'<a class="govuk-link" href="([^"]*)">Newest</a>', markup).group(1).replace("&amp;", "&")
    assert query_of(newest) == {"q": ["booking"], "category": ["Rooms"], "sort": ["newest"]}
    assert '<strong aria-current="true">Most relevant</strong>' in markup


def test_25_results_come_in_pages_of_10_with_working_links(client):
    category = make_category("Rooms")
    for number in range(25):
        make_article(title=f"Booking room {number:02}", category=category, body="Rooms for meetings.")

    first = search(client, "booking")
    markup = first.get_data(as_text=True)
    assert "<strong>25</strong> results" in markup
    assert len(titles(first)) == 10
    page_links = re.findall(r'<a class="govuk-link govuk-pagination__link" href="([^"]*)"[^>]*>\s*(\d+)', markup)
    assert [(number, href.replace("&amp;", "&")) for href, number in page_links] == [
        ("1", "/search?q=booking"),
        ("2", "/search?q=booking&page=2"),
        ("3", "/search?q=booking&page=3"),
    ]
    next_link = re.search(r'<div class="govuk-pagination__next">\s*<a[^>]*href="([^"]*)"', markup).group(1)
    assert next_link.replace("&amp;", "&") == "/search?q=booking&page=2"

    second = client.get("/search?q=booking&page=2")
    third = client.get("/search?q=booking&page=3")
    assert len(titles(second)) == 10 and len(titles(third)) == 5
    assert 'start="11"' in second.get_data(as_text=True)
    everything = titles(first) + titles(second) + titles(third)
    assert sorted(everything) == [f"Booking room {number:02}" for number in range(25)]
    assert "govuk-pagination__next" not in third.get_data(as_text=True)


def test_a_page_past_the_end_shows_no_results_but_the_right_total(client):
    for number in range(3):
        make_article(title=f"Booking room {number}")

    response = search(client, "booking", page="9")

    assert titles(response) == []
    assert "<strong>3</strong> results" in response.get_data(as_text=True)


# --- htmx -------------------------------------------------------------------------------------------


def test_an_htmx_search_gets_only_the_results_region(client):
    make_article(title="Booking the chamber")

    response = client.hx("GET", "/search?q=booking")

    markup = response.get_data(as_text=True).strip()
    assert response.status_code == 200
    assert markup.startswith('<div id="search-results"')
    assert "<html" not in markup and "<form" not in markup
    assert titles(response) == ["Booking the chamber"]
    assert "HX-Request" in response.headers.get("Vary", "")
    assert '"1 result"' in response.headers["HX-Trigger"]


def test_a_history_restore_gets_the_whole_page(client):
    make_article(title="Booking the chamber")

    response = client.hx("GET", "/search?q=booking", headers={"HX-History-Restore-Request": "true"})

    assert "<html" in response.get_data(as_text=True)
    assert titles(response) == ["Booking the chamber"]


# --- Search as you type ------------------------------------------------------------------------


def test_suggestions_list_at_most_five_matches_and_a_link_to_all_results(client):
    for number in range(8):
        make_article(title=f"Booking guide {number}")
    make_article(title="Parking")

    response = client.hx("GET", "/search/suggest?q=boo")

    markup = response.get_data(as_text=True).strip()
    assert markup.startswith('<ul id="header-search-listbox"') and 'role="listbox"' in markup
    options = suggestion_options(response)
    assert len(options) == 6
    assert all(option.startswith("Booking guide") for option in options[:5])
    assert options[-1] == "See all results for “boo”"
    assert 'data-href="/search?q=boo"' in markup


def test_suggestions_when_nothing_matches_still_offer_the_full_search(client):
    make_article(title="Parking")

    response = client.hx("GET", "/search/suggest?q=zzzqqq")

    assert suggestion_options(response) == ["No quick matches. Search for “zzzqqq”"]


def test_suggestions_for_an_empty_box_are_hidden(client):
    response = client.hx("GET", "/search/suggest?q=")

    assert response.status_code == 200
    assert "hidden" in response.get_data(as_text=True).split(">", 1)[0]
    assert suggestion_options(response) == []


def test_a_suggestion_title_written_as_html_is_escaped(client):
    make_article(title="<img src=x onerror=alert(1)> Booking")

    markup = client.hx("GET", "/search/suggest?q=boo").get_data(as_text=True)

    assert "<img" not in markup
    assert "&lt;img src=x onerror=alert(1)&gt;" in markup


# --- The search log -------------------------------------------------------------------------------


def test_each_search_is_logged_with_its_words_result_count_and_time_but_not_who(app, client):
    searcher = db.session.scalar(select(User).where(User.name == "Sam Staff"))
    make_article(title="Booking the chamber")
    make_article(title="Booking a desk")

    with clock.fixed(NOW):
        search(client, "Booking")
    with clock.fixed(NOW + timedelta(minutes=5)):
        search(client, "Unicorns")

    rows = db.session.execute(
        select(SearchLog.query, SearchLog.results, SearchLog.searched_at).order_by(SearchLog.id)
    ).all()
    assert [(query, results, at.astimezone(UTC)) for query, results, at in rows] == [
        ("booking", 2, NOW),
        ("unicorns", 0, NOW + timedelta(minutes=5)),
    ]
    columns = {column["name"] for column in inspect(db.engine).get_columns("search_log")}
    assert columns == {"id", "query", "results", "searched_at", "searcher"}
    # Who searched only as a keyed hash, the same for each of their searches: it counts people, names nobody.
    keys = set(db.session.scalars(select(SearchLog.searcher)))
    assert len(keys) == 1 and len(next(iter(keys))) == 32
    assert str(searcher.id) not in keys and searcher.email not in next(iter(keys))


def test_turning_pages_and_filtering_do_not_log_the_search_again(client):
    category = make_category("Rooms")
    for number in range(12):
        make_article(title=f"Booking room {number}", category=category)

    search(client, "booking")
    search(client, "booking", page="2")
    search(client, "booking", category="Rooms")
    client.hx("GET", "/search/suggest?q=booking")

    assert db.session.scalars(select(SearchLog.query)).all() == ["booking"]


# --- Searches with no results (editors) -----------------------------------------------------------


def test_editors_see_searches_that_found_nothing_in_the_last_30_or_90_days(app, client):
    make_article(title="Booking the chamber")
    second = signed_in_client(app, make_user(name="Pat Second"))
    third = signed_in_client(app, make_user(name="Lee Third"))
    with clock.fixed(NOW - timedelta(days=60)):
        for person in (client, second, third):
            search(person, "parking permits")
    with clock.fixed(NOW - timedelta(days=5)):
        search(client, "Lost badge")
        search(second, "lost  badge")
        search(client, "booking")  # found something: not a gap
    with clock.fixed(NOW - timedelta(days=1)):
        search(third, "lost badge")
        search(client, "menopause policy")  # one person, however often: not listed
        search(client, "menopause policy")
        search(client, "menopause policy")
    with clock.fixed(NOW - timedelta(days=200)):
        for person in (client, second, third):
            search(person, "fax machine")

    editor = signed_in_client(app, make_user(roles=["editor"]))
    with clock.fixed(NOW):
        last_30 = editor.get("/search/no-results")
        last_90 = editor.get("/search/no-results?days=90")

    assert last_30.status_code == 200
    assert rows(last_30) == [("lost badge", "3", "1 March 2026")]
    assert rows(last_90) == [("lost badge", "3", "1 March 2026"), ("parking permits", "3", "1 January 2026")]


def test_the_no_results_list_says_so_when_every_search_found_something(app):
    editor = signed_in_client(app, make_user(roles=["editor"]))

    response = editor.get("/search/no-results")

    assert "Every search in this period found something." in response.get_data(as_text=True)


def test_staff_cannot_see_the_searches_with_no_results(client):
    search(client, "lost badge")

    assert client.get("/search/no-results").status_code == 404
    assert client.get("/search/no-results?days=90").status_code == 404
