"""Full-text search across knowledge, ideas and services: the one public face. Features import
from `app.search` only; nothing outside this package talks to Whoosh.

- Reads (`search`, `suggest`, `similar`, `matching_ids`, `retrieve`) first apply the outbox
  changes this index has not seen, quietly (a busy writer means "later", never an error); each
  says so in its signature, `apply_pending=True`, and skips it with `apply_pending=False`.
  `apply_pending()` applies them on its own (the CLI), `apply_changes_quietly()` after a commit.
- Changes reach the index through the search outbox (rows written in the same transaction as the
  change, outbox.py); `take_pending_flag` tells the request's end whether to apply them.
- Queries are parsed by our own forgiving parser (no query can be an error) and widened by the
  council's `vocabulary` ("PO" also finds "purchase order").
- One relevance formula, `bm25` with `idf` (ranking.py): search results, Ask Staffroom's
  answers (`retrieve`) and its choice of passage all rank with it.
- Behind this face, small modules by job: schema, storage (index directory, generations,
  searchers), indexing (outbox cursor, applying changes, reindex), query (parsing, vocabulary,
  "Did you mean"), ranking, results, finding (the search page, as you type, similar), retrieval
  (Ask Staffroom), log. backend.py states the operations a second backend would implement.
"""

from flask import Blueprint

from app.search import vocabulary
from app.search.finding import TIME_LIMIT_SECONDS, matching_ids, search, similar, suggest
from app.search.health import (
    check_at_start,
    heal,
    missing,
    readiness,
    rebuild_in_background,
    rebuilding,
    similar_if_available,
)
from app.search.hosts import prune_outbox
from app.search.indexing import apply_changes_quietly, apply_pending, follow, pending_count, reindex, status
from app.search.outbox import take_pending_flag  # importing outbox.py listens for changes to index
from app.search.query import ParsedQuery, clean_query, parse
from app.search.ranking import bm25, idf
from app.search.results import Page, Result
from app.search.retrieval import CLOSE_SPELLING_WEIGHT, Candidate, Concept, Retrieval, retrieve
from app.search.schema import analyse
from app.search.storage import clear, forget_open_indexes, is_current_schema, optimize

# The blueprint of the search pages (routes.py), as in every feature package.
bp = Blueprint("search", __name__, url_prefix="/search")

__all__ = [  # noqa: RUF022 - grouped by job, as the comments say: the public face reads by topic
    # Reads (each applies pending changes first: apply_pending=True)
    "search",
    "suggest",
    "similar",
    "similar_if_available",
    "matching_ids",
    "retrieve",
    "Page",
    "Result",
    "Retrieval",
    "Candidate",
    "Concept",
    "CLOSE_SPELLING_WEIGHT",
    "TIME_LIMIT_SECONDS",
    # Queries and ranking
    "clean_query",
    "parse",
    "ParsedQuery",
    "analyse",
    "bm25",
    "idf",
    "vocabulary",
    # Keeping the index true to the database, and operating it
    "apply_pending",
    "apply_changes_quietly",
    "follow",
    "prune_outbox",
    "take_pending_flag",
    "pending_count",
    "reindex",
    "status",
    "readiness",
    "missing",
    "rebuilding",
    "check_at_start",
    "heal",
    "rebuild_in_background",
    "optimize",
    "clear",
    "is_current_schema",
    "forget_open_indexes",
]
