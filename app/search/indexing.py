"""Keeping the index true to the database: each generation's outbox cursor, applying the outbox
rows it has not seen, and rebuilding the whole index beside the live one."""

import os
import shutil
import threading
import time
from datetime import timedelta
from pathlib import Path

from flask import current_app
from sqlalchemy import func, or_, select
from whoosh.index import LockError

from app import clock
from app.extensions import db
from app.models import SearchOutbox
from app.search import storage
from app.search.documents import KINDS

# Outbox rows this recent are re-applied even if behind the cursor: ids are handed out when a
# transaction inserts, not when it commits, so a slow transaction can commit a lower id later.
REAPPLY_WINDOW = timedelta(minutes=2)


# --- The outbox cursor, a file in each generation ------------------------------------------------


def _cursor(generation: Path) -> int:
    return _read_cursor(generation)[0]


def _read_cursor(generation: Path) -> tuple[int, set[int]]:
    """The highest outbox id applied, and the recent rows (within REAPPLY_WINDOW) applied too."""
    try:
        numbers = [int(number) for number in (generation / "cursor").read_text().split()]
    except (FileNotFoundError, ValueError):
        return 0, set()
    return (numbers[0], set(numbers[1:])) if numbers else (0, set())


def _set_cursor(generation: Path, value: int, applied=()) -> None:
    temporary = generation / f"cursor.{os.getpid()}.{threading.get_ident()}"
    temporary.write_text(" ".join(str(number) for number in [value, *sorted(applied)]))
    os.replace(temporary, generation / "cursor")


# --- Applying the outbox -------------------------------------------------------------------------


def pending_count(generation: Path | None = None) -> int:
    generation = generation or storage.current_dir()
    return (
        db.session.scalar(select(func.count()).select_from(SearchOutbox).where(SearchOutbox.id > _cursor(generation)))
        or 0
    )


def apply_pending(generation: Path | None = None, *, wait: float = 0) -> int:
    """Index the outbox rows this index has not seen. Returns how many objects were indexed,
    0 if there was nothing to do or another process holds the writer (it will catch up)."""
    generation = generation or storage.current_dir()
    cursor, applied = _read_cursor(generation)
    recent = clock.now() - REAPPLY_WINDOW
    rows = db.session.execute(
        select(SearchOutbox.id, SearchOutbox.kind, SearchOutbox.object_id, SearchOutbox.created_at)
        .where(or_(SearchOutbox.id > cursor, SearchOutbox.created_at > recent))
        .order_by(SearchOutbox.id)
    ).all()
    # A row behind the cursor that this index has not applied was committed late: apply it too.
    if not any(row.id > cursor or row.id not in applied for row in rows):
        return 0
    try:
        writer = storage.open_index(generation).writer(timeout=wait)
    except LockError:
        return 0
    try:
        changed = _write(writer, {(row.kind, row.object_id) for row in rows})
        writer.commit()
    except BaseException:
        writer.cancel()
        raise
    _set_cursor(
        generation,
        max(cursor, max(row.id for row in rows)),
        applied=[row.id for row in rows if row.created_at > recent],
    )
    return changed


def _write(writer, keys) -> int:
    """Upsert each (kind, id) from the database's current state, or delete it if gone."""
    by_kind: dict[str, set[int]] = {}
    for kind, object_id in keys:
        if kind in KINDS:
            by_kind.setdefault(kind, set()).add(object_id)
    for kind, ids in by_kind.items():
        loaded = KINDS[kind].load(ids)
        for object_id in ids:
            if object_id in loaded:
                writer.update_document(**KINDS[kind].document(loaded[object_id]))
            else:
                writer.delete_by_term("key", f"{kind}:{object_id}")
    return sum(len(ids) for ids in by_kind.values())


def apply_changes_quietly(*, after_commit: bool = False) -> None:
    """Apply the outbox now if the writer is free. Any failure is logged, never shown: the rows
    stay in the outbox and the next apply catches up."""
    try:
        apply_pending()
    except Exception:  # a stale index is better than a failed request (logged, so not a blind except)
        current_app.logger.exception("search: could not apply pending changes")
    finally:
        if after_commit:
            db.session.rollback()  # end the read-only transaction the apply opened


# --- Rebuilding and reporting --------------------------------------------------------------------


def reindex(progress=print, batch: int = 500) -> dict:
    """Build a fresh index from the database beside the live one, catch it up with changes made
    meanwhile, and swap it in atomically. The site keeps searching the old one until then."""
    root = storage.root()
    root.mkdir(parents=True, exist_ok=True)
    started_at_outbox = db.session.scalar(select(func.max(SearchOutbox.id))) or 0
    generation = storage.new_generation(root)
    counts = {}
    # A generous memory pool keeps postings out of temporary files (most of the time otherwise).
    procs = current_app.config.get("SEARCH_REINDEX_PROCESSES", 1)
    writer = (
        storage.open_index(generation).writer(limitmb=512, procs=procs, multisegment=True)
        if procs > 1
        else storage.open_index(generation).writer(limitmb=512)
    )
    try:
        for name, kind in KINDS.items():
            ids = kind.all_ids()
            for start in range(0, len(ids), batch):
                chunk = kind.load(ids[start : start + batch])
                for indexed_object in chunk.values():
                    writer.add_document(**kind.document(indexed_object))
                progress(f"search: {name}s {min(start + batch, len(ids))}/{len(ids)}")
                db.session.expunge_all()
            counts[name] = len(ids)
        writer.commit()  # several processes leave a segment each; `flask search optimize` merges
    except BaseException:
        writer.cancel()
        shutil.rmtree(generation, ignore_errors=True)
        raise
    # An indexing process that fails only prints its traceback, and the commit leaves its
    # documents out: never swap in an index that lacks some.
    written = storage.open_index(generation).doc_count_all()
    if written != sum(counts.values()):
        shutil.rmtree(generation, ignore_errors=True)
        raise RuntimeError(
            f"search: the new index holds {written} of {sum(counts.values())} documents (an indexing "
            "process failed; see its traceback above); the live index is unchanged"
        )
    _set_cursor(generation, started_at_outbox)
    apply_pending(generation, wait=5)
    old = (root / "current").resolve() if (root / "current").exists() else None
    storage.point_current_at(root, generation)
    apply_pending(generation, wait=5)
    if old is not None and old != generation:
        # Open searchers elsewhere keep reading their files until they refresh (POSIX).
        shutil.rmtree(old, ignore_errors=True)
    for stale in root.glob("gen-*"):
        if stale != generation and stale != old and stale.stat().st_mtime < time.time() - 3600:
            shutil.rmtree(stale, ignore_errors=True)
    progress(f"search: reindexed {sum(counts.values())} documents and swapped the new index in")
    return counts


def status() -> dict:
    """Documents per kind in the database and in the index, and outbox rows still to apply."""
    searcher = storage.searcher()
    indexed = {name: sum(1 for _ in searcher.document_numbers(kind=name)) for name in KINDS}
    return {
        "database": {name: len(kind.all_ids()) for name, kind in KINDS.items()},
        "index": indexed,
        "pending": pending_count(),
        "directory": str(storage.current_dir()),
    }
