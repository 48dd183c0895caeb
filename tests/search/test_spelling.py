"""Typos by Damerau-Levenshtein distance on the word as typed, never for everyday English; amounts
as people write them; how much a word no document has weighs."""

import pytest

from app import search
from app.search import language, spelling, storage
from tests.factories import make_article, make_user
from tests.ideas.helpers import make_idea


@pytest.fixture
def indexed(app):
    make_article(title="Preparing cabinet papers", body="The cabinet report goes to the diary of the clerk.")
    make_article(title="Travel by train", body="Book rail travel through the travel desk.")
    search.reindex(progress=lambda line: None)


def test_a_swap_of_two_letters_is_one_edit_and_four_letter_words_are_corrected(app, indexed):
    cache = storage.cache()
    assert spelling.corrections(cache, "cabnet") == ["cabinet"]
    assert spelling.corrections(cache, "travle") == ["travel"]  # a transposition: one edit
    assert spelling.corrections(cache, "raio") == ["rail"]


def test_everyday_words_known_words_and_short_words_are_never_corrected(app, indexed):
    cache = storage.cache()
    assert spelling.corrections(cache, "dairy") == []  # a real word, though one edit from "diary"
    assert spelling.corrections(cache, "travel") == []
    assert spelling.corrections(cache, "foo") == []


def test_amounts_are_one_term_however_written():
    assert search.analyse("£25,000") == search.analyse("25,000") == search.analyse("25k") == ["25000"]
    assert search.analyse("2.5k") == ["2500"]


def test_a_word_no_document_has_weighs_by_how_rare_it_is_in_english():
    assert language.topic_weight("maternity") > language.topic_weight("boss") > language.topic_weight("people")
    assert language.topic_weight("xyzzy") == 1.0
    assert language.topic_weight("12") == language.LEAST_WEIGHT


def test_a_typo_finds_what_the_word_finds_and_did_you_mean_offers_the_word(app, indexed):
    make_idea(title="Fewer papers at team meetings", description="Papers, papers, papers: print fewer papers.")
    search.reindex(progress=lambda line: None)
    with app.test_request_context():  # results link to what they found
        page = search.search(make_user(), "cabnet papers", log=False)

    assert page.suggestion == "cabinet papers"
    assert page.results[0].object.title == "Preparing cabinet papers"


def test_did_you_mean_offers_only_what_would_find_something(app, indexed):
    person = make_user()
    with app.test_request_context():
        assert search.search(person, "xyzzy foo", log=False).suggestion is None
        assert search.search(person, "dairy", log=False).suggestion is None  # a real word, not a typo


def test_a_typo_of_an_everyday_word_says_as_little_as_the_word():
    assert language.everyday_typo("hvae") == "have" and language.everyday_typo("wiht") == "with"
    assert language.topic_weight("hvae") == language.topic_weight("have") == language.LEAST_WEIGHT
    assert language.everyday_typo("maternity") is None
