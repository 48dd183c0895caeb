"""What the Whoosh index holds for each document: its fields, their analysers, and the schema version."""

from whoosh.fields import DATETIME, ID, KEYWORD, STORED, TEXT, Schema

from app.search.analysis import PAIRS, WORDS, english_analyzer

# One analyser for documents and queries alike, so both become the same terms.
ANALYZER = english_analyzer()
SCHEMA = Schema(
    key=ID(unique=True, stored=True),
    kind=ID(stored=True, sortable=True),
    oid=ID(stored=True),
    title=STORED(),
    content=TEXT(analyzer=ANALYZER, phrase=False),
    pairs=PAIRS(),  # each word with the words that follow it: phrases (query.py, storage.py)
    excerpt=STORED(),
    tags=KEYWORD(stored=True, commas=True, lowercase=True),
    category=ID(stored=True, sortable=True),
    team=ID(stored=True),
    status=ID(stored=True),
    # Who may find it, comma-separated: "all", "editors", "services-staff", "team-<id>".
    audience=KEYWORD(commas=True),
    author=ID(stored=True),
    updated=DATETIME(stored=True, sortable=True),
    spell_public=WORDS(),  # words of what everyone sees
    spell_draft=WORDS(),  # words only drafts have
)
SEARCH_FIELD = "content"
PAIRS_FIELD = "pairs"
# Bumped when SCHEMA changes: an index built with another version is rebuilt by
# `flask search reindex --if-missing` (make run) and reported by `flask search status`.
SCHEMA_VERSION = "4"


def analyse(text: str) -> list[str]:
    """The terms of `text` as the index sees them (folded, British, stemmed, no stop words)."""
    return [token.text for token in ANALYZER(text or "")]
