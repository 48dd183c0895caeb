"""How people's words meet the articles' words: stems, accents, British and American spellings,
partial words, typos, "Did you mean", phrases and exclusions — and that no query, however odd,
breaks the search page."""

import pytest

from tests.factories import make_article, make_user, signed_in_client
from tests.search.helpers import did_you_mean, search, titles, titles_found


@pytest.fixture
def client(app):
    return signed_in_client(app, make_user(name="Sam Staff"))


def article(title, body="General guidance for staff.", summary="What this article helps with", **kwargs):
    return make_article(title=title, body=body, summary=summary, **kwargs)


# --- Words meeting words ------------------------------------------------------------------------


def test_booking_finds_articles_that_say_booked_and_book(client):
    article("Rooms already booked", body="A list of rooms that are booked this week.")
    article("Book a desk", body="How to book a hot desk.")
    article("Parking permits", body="Apply for a permit.")

    assert sorted(titles_found(client, "booking")) == ["Book a desk", "Rooms already booked"]


def test_run_finds_running(client):
    article("Running the monthly payroll", body="Steps for running payroll.")
    article("Walking meetings", body="Meet while you walk.")

    assert titles_found(client, "run") == ["Running the monthly payroll"]


@pytest.mark.parametrize("typed", ["café", "cafe", "CAFÉ"])
def test_accents_do_not_matter_either_way(client, typed):
    article("Café opening hours", body="The staff café opens at eight.")
    article("Cafe menu", body="What the cafe serves this week.")
    article("Canteen cleaning rota", body="Who cleans when.")

    assert sorted(titles_found(client, typed)) == ["Cafe menu", "Café opening hours"]


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("organization", "Organisation chart"),
        ("organisation", "Organisation chart"),
        ("prioritize", "How we prioritise requests"),
        ("color", "Colour printing"),
        ("colour", "Colour printing"),
    ],
)
def test_british_and_american_spellings_find_each_other(client, typed, expected):
    article("Organisation chart", body="Who reports to whom across the organisation.")
    article("How we prioritise requests", body="We prioritise by impact.")
    article("Colour printing", body="Colour printers are on every floor.")

    assert titles_found(client, typed) == [expected]


def test_american_spelling_in_an_article_is_found_by_the_british_spelling(client):
    article("Organization chart (US office)", body="Who reports to whom.")

    assert titles_found(client, "organisation") == ["Organization chart (US office)"]


def test_part_of_a_word_finds_the_whole_word(client):
    article("Recruitment process", body="How we hire people.")
    article("Retirement planning", body="Pensions and leaving dates.")

    assert titles_found(client, "recruit") == ["Recruitment process"]


def test_misspelt_words_still_find_the_article_and_say_so(client):
    article("Expenses claims", body="Claim back what you spent on council business.")
    article("Annual leave", body="Booking holidays.")

    response = search(client, "expences claim")

    assert titles(response) == ["Expenses claims"]
    assert "including close spellings" in response.get_data(as_text=True)
    assert did_you_mean(response) == "expenses claim"  # few results: the index's own spelling is offered


def test_did_you_mean_offers_a_word_the_index_knows_when_nothing_is_found(client):
    article("Safeguarding training", body="Every member of staff completes safeguarding training.")

    response = search(client, "safegaurding")

    assert did_you_mean(response) == "safeguarding"


def test_did_you_mean_link_searches_for_the_correction(client):
    article("Safeguarding training", body="Every member of staff completes safeguarding training.")

    response = search(client, "safegaurding")
    link = response.get_data(as_text=True).split("Did you mean ", 1)[1].split('href="', 1)[1].split('"', 1)[0]

    assert link == "/search?q=safeguarding"
    assert titles_found(client, "safeguarding") == ["Safeguarding training"]


def test_no_did_you_mean_when_the_words_are_spelt_right_and_found(client):
    for number in range(3):
        article(f"Safeguarding guide {number}", body="Safeguarding training for staff.")

    assert did_you_mean(search(client, "safeguarding training")) is None


def test_did_you_mean_is_not_offered_for_words_nothing_resembles(client):
    article("Safeguarding training", body="Every member of staff completes safeguarding training.")

    response = search(client, "xylophone")

    assert did_you_mean(response) is None
    assert "No results" in response.get_data(as_text=True)


def test_quoted_phrase_finds_the_words_together_only(client):
    article("Annual leave", body="How to request annual leave from your manager.")
    article("Leave the building safely", body="Fire drill: leave by the nearest exit. Annual drill in May.")

    assert sorted(titles_found(client, "annual leave")) == ["Annual leave", "Leave the building safely"]
    assert titles_found(client, '"annual leave"') == ["Annual leave"]


def test_a_minus_sign_leaves_out_articles_with_that_word(client):
    article("Annual leave", body="How to request annual leave.")
    article("Sick leave", body="Reporting sickness absence.")

    assert sorted(titles_found(client, "leave")) == ["Annual leave", "Sick leave"]
    assert titles_found(client, "leave -sick") == ["Annual leave"]
    assert titles_found(client, 'leave -"sick"') == ["Annual leave"]


def test_a_hyphenated_word_is_not_taken_as_an_exclusion(client):
    article("Hybrid working", body="Working from home part-time.")

    assert titles_found(client, "part-time") == ["Hybrid working"]


def test_emoji_around_words_are_ignored(client):
    article("Booking rooms", body="Rooms for meetings.")

    assert titles_found(client, "📅 booking 🙂") == ["Booking rooms"]


# --- Nothing anyone types breaks the page ---------------------------------------------------------

ODD_QUERIES = {
    "unbalanced quote": '"annual leave',
    "unbalanced quotes twice": 'annual "leave "" "',
    "unbalanced brackets": "(booking AND (rooms",
    "closing bracket": "booking)) rooms]",
    "bare AND": "AND",
    "bare OR": "OR",
    "bare NOT": "NOT",
    "operators only": "AND OR NOT AND",
    "leading operator": "OR booking",
    "star": "*",
    "star suffix": "book*",
    "question mark wildcard": "bo?k",
    "field syntax": "title:foo",
    "unknown field": "nosuchfield:bar",
    "field with empty value": "title:",
    "range syntax": "updated:[2020 TO 2021]",
    "boost syntax": "booking^5",
    "fuzzy syntax": "booking~2",
    "5,000 characters": "booking rooms " * 357,
    "null byte": "book\x00ing",
    "escape character": "\x1b[31mbooking",
    "other control characters": "\x07\x08\x0b\x0c\x7f booking",
    "emoji only": "🙂🎉📅",
    "right-to-left text": "مرحبا بالعالم",
    "mixed direction text": "booking \u202eاحجز\u202c rooms",
    "Hebrew": "הזמנת חדר",
    "punctuation only": "!?.,;:'\"()[]{}<>/\\|@#$%^&*-+=~`",
    "a single dash": "-",
    "dashes only": "- -- ---",
    "excluded words only": "-booking -rooms",
    "very long single word": "a" * 5000,
    "long single real-looking word": "bookingroomscouncilchamber" * 40,
    "HTML": "<script>alert(1)</script>",
    "percent encoding": "%00%27%22",
    "SQL-looking": "'; DROP TABLE articles; --",
    "only stop words": "the and of to",
    "whitespace only": " \t\n ",
    "zero-width characters": "book\u200bing\ufeff",
    "combining accents only": "\u0301\u0301\u0301",
    "surrogate-range lookalikes": "𝓫𝓸𝓸𝓴𝓲𝓷𝓰",
    "numbers": "2024 0 -1 1e10",
}


@pytest.mark.parametrize("query", ODD_QUERIES.values(), ids=ODD_QUERIES.keys())
def test_no_query_breaks_the_search_page(client, query):
    article("Booking rooms", body="Booking a room for a meeting.")

    for params in ({}, {"sort": "newest"}, {"page": "2"}):
        response = client.get("/search", query_string={"q": query, **params})
        assert response.status_code == 200
        assert '<h1 class="govuk-heading-l">Search</h1>' in response.get_data(as_text=True)
    fragment = client.hx("GET", "/search", query_string={"q": query})
    assert fragment.status_code == 200
    assert client.hx("GET", "/search/suggest", query_string={"q": query}).status_code == 200


def test_the_query_shown_back_is_cut_to_200_characters(client):
    response = search(client, "booking " * 600)

    shown = response.get_data(as_text=True).split('id="search-q"', 1)[1].split('value="', 1)[1].split('"', 1)[0]
    assert 0 < len(shown) <= 200


def test_an_operator_between_words_is_just_ignored(client):
    article("Booking rooms", body="Booking a room for a meeting.")

    assert titles_found(client, "booking AND rooms") == ["Booking rooms"]
    assert titles_found(client, "NOT booking") == ["Booking rooms"]


def test_star_after_a_word_still_finds_the_word(client):
    article("Booking rooms", body="Booking a room for a meeting.")

    assert titles_found(client, "booking*") == ["Booking rooms"]
