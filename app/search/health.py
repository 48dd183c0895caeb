"""The search index's health: whether there is a live index that can be read (for /readyz and
`flask search status`, which never create or repair anything: reading current_dir() would create
an empty index), and healing: a missing or damaged index found by a read is rebuilt from the
database in the background (`rebuild_in_background`), and until then the search page says so."""

import fcntl
import threading
from typing import Any, TextIO

from flask import Flask, current_app

from app.extensions import db
from app.models import SearchOutboxHorizon
from app.search import finding, indexing, storage
from app.search.documents import KINDS
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


# One rebuild at a time: in this process a lock, and across the workers (and hosts sharing the index
# directory) a file lock on REBUILD_LOCK beside the generations. Another process may have begun one
# already: its swap is atomic, and this one's search page says "being rebuilt" meanwhile.
_rebuilding = threading.Lock()
REBUILD_LOCK = "rebuild.lock"


def _claim_rebuild() -> TextIO | None:
    """The rebuild lock file, locked for this process; None when another process holds it."""
    storage.root().mkdir(parents=True, exist_ok=True)
    handle = (storage.root() / REBUILD_LOCK).open("a")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        return None
    return handle


def rebuilding() -> bool:
    """A rebuild is under way, in this process or another one."""
    if _rebuilding.locked():
        return True
    if not (storage.root() / REBUILD_LOCK).exists():
        return False
    claim = _claim_rebuild()
    if claim is None:
        return True
    claim.close()  # closing releases the lock
    return False


def missing() -> bool:
    """The live index is gone (SEARCH_INDEX_DIR deleted, say) and one built from the outbox would
    not be whole: a read would create an empty index and find (nearly) nothing, so the search page
    asks for a rebuild from the database instead. With no index yet and an outbox that holds every
    change since the start (a new site; housekeeping has removed nothing), the first read builds it."""
    if (storage.root() / "current").exists():
        return False
    if db.session.get(SearchOutboxHorizon, 1) is None:
        return False  # housekeeping has removed nothing: the outbox holds every change
    return any(kind.all_ids() for kind in KINDS.values())


def rebuild_in_background(app: Flask) -> threading.Thread | None:
    """Rebuild the index from the database in a thread of its own (logged as it goes); the
    thread, or None when a rebuild is already running, here or in another process."""
    if not _rebuilding.acquire(blocking=False):
        return None
    with app.app_context():
        claim = _claim_rebuild()
    if claim is None:
        _rebuilding.release()
        return None

    def rebuild() -> None:
        try:
            with app.app_context():
                app.logger.error("search: the index is missing or damaged; rebuilding it from the database")
                indexing.reindex(progress=lambda line: app.logger.info("%s", line))
                storage.forget_open_indexes()
                app.logger.warning("search: the index is rebuilt")
        except Exception:  # logged; the next failed read starts another
            app.logger.exception("search: the rebuild failed")
        finally:
            claim.close()
            _rebuilding.release()

    thread = threading.Thread(target=rebuild, name="search-rebuild", daemon=True)
    thread.start()
    return thread


def check_at_start(app: Flask) -> threading.Thread | None:
    """When a worker starts (gunicorn.conf.py): an index that cannot be read, or one that is gone
    while the database has content, is rebuilt in the background now rather than at the first
    search. The rebuild's thread, or None when nothing is wrong (or it cannot be told: a database
    not reachable yet is for /readyz to report, not for start-up to fail on)."""
    with app.app_context():
        try:
            state = readiness()
            broken = (state["generation"] is not None and not state["ok"]) or missing()
        except Exception:  # logged; the first read checks again
            app.logger.exception("search: the index could not be checked at start")
            return None
        if broken:
            storage.forget_open_indexes()
    return rebuild_in_background(app) if broken else None


def heal(error: Exception | None = None) -> None:
    """A read found the index missing or unreadable: log it, and rebuild it in the background."""
    if error is not None:
        current_app.logger.error("search: the index could not be read (%s: %s)", type(error).__name__, error)
    storage.forget_open_indexes()
    rebuild_in_background(current_app._get_current_object())  # type: ignore[attr-defined]  # the real app for the thread
