"""The council's vocabulary in search: an abbreviation finds what is written out in full and the other
way round, on the search page, in search as you type and in the catalogue's search; quoted and
excluded words are taken as typed; an editor's change is seen at the next search."""

import pytest

from app.extensions import db
from app.search import parse, vocabulary
from app.search.vocabulary import Vocabulary
from tests.factories import make_article, make_service
from tests.search.helpers import suggestion_options, titles_found


@pytest.fixture
def orders(app, editor):
    written_out = make_article(title="Raising a purchase order", body="Raise the purchase order in Unit4 first.")
    abbreviated = make_article(title="Chasing a supplier", body="Quote the PO number when you chase the invoice.")
    make_article(title="Parking policy", body="Where staff may park at the Civic Centre.")
    return written_out, abbreviated


def add(term, meaning, editor):
    entry = vocabulary.save(None, term=term, meaning=meaning, actor=editor)
    db.session.commit()
    return entry


def test_without_the_vocabulary_an_abbreviation_finds_only_itself(staff_client, orders):
    assert titles_found(staff_client, "PO") == ["Chasing a supplier"]
    assert titles_found(staff_client, "purchase order") == ["Raising a purchase order"]


def test_an_abbreviation_finds_what_is_written_out_and_the_other_way_round(staff_client, editor, orders):
    add("PO", "purchase order", editor)

    assert sorted(titles_found(staff_client, "PO")) == ["Chasing a supplier", "Raising a purchase order"]
    assert sorted(titles_found(staff_client, "purchase order")) == ["Chasing a supplier", "Raising a purchase order"]
    assert titles_found(staff_client, "raise PO unit4") == ["Raising a purchase order"]
    assert titles_found(staff_client, "policy") == ["Parking policy"]  # "PO" is a word, not the start of one


def test_the_meaning_must_be_there_as_a_phrase(staff_client, editor, app):
    make_article(title="Orders", body="Every purchase needs an order from the budget holder.")
    add("PO", "purchase order", editor)

    assert titles_found(staff_client, "PO") == []


def test_quoted_and_excluded_words_are_taken_as_typed(staff_client, editor, orders):
    add("PO", "purchase order", editor)

    assert titles_found(staff_client, '"PO"') == ["Chasing a supplier"]
    assert titles_found(staff_client, "invoice -PO") == []


def test_search_as_you_type_and_the_catalogue_use_the_vocabulary_too(app, staff_client, editor, orders):
    make_service(name="Disclosure checks", summary="Vetting for new starters", keywords="vetting disclosure barring")
    add("DBS", "disclosure check", editor)
    add("PO", "purchase order", editor)

    options = suggestion_options(staff_client.hx("GET", "/search/suggest?q=PO"))
    assert "Raising a purchase order Knowledge article" in options
    page = staff_client.get("/services?q=DBS").get_data(as_text=True)
    assert "Disclosure checks" in page


def test_an_editors_change_is_seen_at_the_next_search(staff_client, editor, orders):
    entry = add("PO", "post office", editor)
    assert titles_found(staff_client, "PO") == ["Chasing a supplier"]

    vocabulary.save(entry, term="PO", meaning="purchase order", actor=editor)
    db.session.commit()
    assert sorted(titles_found(staff_client, "PO")) == ["Chasing a supplier", "Raising a purchase order"]

    vocabulary.remove(entry, actor=editor)
    db.session.commit()
    assert titles_found(staff_client, "PO") == ["Chasing a supplier"]


def test_a_phrase_is_found_whole_words_only_any_case_any_spacing_longest_first():
    words = Vocabulary.of([("PO", "purchase order"), ("PO number", "purchase order number"), ("A/L", "annual leave")])

    def phrases(text):
        return [(text[match.start : match.end], match.alternatives) for match in words.find(text)]

    assert phrases("po  NUMBER for the policy") == [("po  NUMBER", ("purchase order number",))]
    assert phrases("booking a/l, then a PO") == [("a/l", ("annual leave",)), ("PO", ("purchase order",))]
    assert phrases("Purchase order") == [("Purchase order", ("PO",))]
    assert phrases("a polo shirt") == []


def test_the_parsed_query_keeps_the_words_and_offers_the_other_names():
    words = Vocabulary.of([("A/L", "annual leave"), ("PO", "purchase order")])

    parsed = parse("booking A/L and a PO", words)

    assert parsed.words == ["book"]
    assert parsed.synonyms == [([], [["annual", "leav"]]), (["po"], [["purchas", "order"]])]
