"""The search index's health, for /readyz and `flask search status`: whether there is a live
index that can be read, which generation it is, and how many changes it has still to apply. It
never creates or repairs anything (reading current_dir() would create an empty index)."""

from typing import Any

from flask import current_app

from app.search import finding, indexing, storage
from app.search.results import Result


def readiness() -> dict[str, Any]:
    """{"ok", "detail", "generation", "documents", "pending"}: never raises."""
    link = storage.root() / "current"
    if not link.exists():
        return {"ok": False, "detail": "no index: run `flask search reindex`", "generation": None, "pending": None}
    generation = link.resolve()
    try:
        documents = storage.open_index(generation).doc_count()
    except Exception as error:  # noqa: BLE001  a damaged index is what this reports
        current_app.logger.error("search: the index %s cannot be read: %s", generation, error)
        return {
            "ok": False,
            "detail": f"the index cannot be read ({type(error).__name__}): run `flask search reindex`",
            "generation": generation.name,
            "pending": None,
        }
    return {
        "ok": True,
        "detail": "readable",
        "generation": generation.name,
        "documents": documents,
        "pending": indexing.pending_count(generation),
    }


def similar_if_available(user: object, text: str, **options: Any) -> list[Result]:
    """`similar(...)` where it only helps (suggestions on a request form, similar ideas): when
    the index cannot be read, none, logged, so sending a request or posting an idea never fails
    with it."""
    try:
        return list(finding.similar(user, text, **options))
    except Exception:  # logged; the page works without suggestions
        current_app.logger.exception("search: suggestions left out, the index could not be read")
        return []
