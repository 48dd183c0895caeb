"""The search package's quick paths give what Whoosh's own slower ones give: close spellings and
"Did you mean" from the cached word lists, phrases from the pairs field's followers, and the
highlighter's words. On one segment and on several (Whoosh measures distance differently)."""

import itertools

import pytest
from whoosh import query as q
from whoosh.filedb.filestore import RamStorage

from app.search import results, storage
from app.search.schema import ANALYZER, PAIRS_FIELD, SCHEMA, SEARCH_FIELD

TEXTS = [
    "Booking the council chamber for committee meetings",
    "Mileage claims: book a pool car, or claim mileage at the council's rate",
    "Recruitment panel booking and interview scheduling for the committee",
    "Colour-coded diary entries, organizing the chamber's calendar, naïve café notes",
    "Chamber council meeting minutes; the booking of rooms and chambers",
    "Purchase order numbers for invoices; a purchase ordered twice is cancelled",
]
WORDS = ["bokking", "councel", "chamer", "comittee", "mileage", "recruitmnet", "shceduling", "cafe", "invoce", "rooms"]


@pytest.fixture(params=["one segment", "several segments"])
def cache(request):
    index = RamStorage().create_index(SCHEMA)
    for number, text in enumerate(TEXTS):
        writer = index.writer()
        spelling = " ".join(sorted({word.lower().strip(":;,.'s") for word in text.split()}))
        writer.add_document(key=f"article:{number}", content=text, pairs=text, spell_public=spelling, audience="all")
        writer.commit(merge=False)  # a segment each
    if request.param == "one segment":
        index.optimize()
    searcher = index.searcher()
    assert searcher.reader().is_atomic() == (request.param == "one segment")
    yield storage.SearcherCache(searcher)
    searcher.close()


def _words(cache, field_name):
    return [term.decode() for term in cache.searcher.reader().lexicon(field_name)]


def test_prefixes_expand_to_the_terms_whoosh_expands_them_to(cache):
    reader = cache.searcher.reader()
    for prefix in ["b", "bo", "cha", "council", "zz", "mil"]:
        assert cache.prefixed(SEARCH_FIELD, prefix) == [t.decode() for t in reader.expand_prefix(SEARCH_FIELD, prefix)]


def test_a_pair_is_found_where_its_second_word_follows_its_first(cache):
    terms = {term for text in TEXTS for term in (token.text for token in ANALYZER(text))}
    for first, second in itertools.product(sorted(terms), repeat=2):
        expected = set()
        for docnum in cache.searcher.document_numbers():
            key = cache.searcher.stored_fields(docnum)["key"]
            words = [token.text for token in ANALYZER(TEXTS[int(key.split(":")[1])])]
            if (first, second) in itertools.pairwise(words):
                expected.add(docnum)
        assert cache.term_docs(PAIRS_FIELD, f"{first} {second}") == expected, (first, second)


def test_term_documents_are_whoosh_s_documents_for_the_term(cache):
    for term in _words(cache, SEARCH_FIELD):
        assert cache.term_docs(SEARCH_FIELD, term) == set(cache.searcher.docs_for_query(q.Term(SEARCH_FIELD, term)))


@pytest.mark.parametrize("text", [*TEXTS, "", "the and of", "v2.3 e.g. colour-coded—ORGANIZE, Café!", "ünïcödé wörds"])
def test_the_highlighter_s_words_are_the_analyser_s(text):
    tokens = [(token.text, token.startchar, token.endchar) for token in ANALYZER(text, chars=True, mode="query")]
    assert results._terms_at(text) == tokens
