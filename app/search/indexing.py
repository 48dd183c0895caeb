"""Keeping the index true to the database: each generation's position in the outbox, applying the
outbox rows it has not seen, and rebuilding the whole index beside the live one."""

import os
import shutil
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from sqlalchemy import and_, func, or_, select, text
from whoosh.index import LockError

from app.extensions import db
from app.models import SearchOutbox
from app.search import hosts, storage
from app.search.documents import KINDS

# --- Positions: how far an index has applied the outbox ---------------------------------------
#
# Outbox ids are handed out when a transaction inserts, not when it commits: a slow transaction can
# commit a lower id after an index has applied a higher one. On PostgreSQL each row carries its
# transaction's id (xid), and an index's position is the oldest transaction still running when it
# last read (its snapshot's xmin): every row of an older transaction was committed (or rolled back)
# before that read and so was seen; rows of newer ones are read again next time, and those already
# applied skipped. No time window: a transaction may take as long as it likes. On SQLite one
# transaction writes at a time, so rows commit in id order and the highest id applied is enough.


@dataclass(frozen=True)
class Position:
    last_id: int = 0  # the highest outbox id applied
    xid: int | None = None  # PostgreSQL: rows of transactions from this one on are read again
    applied: frozenset[int] = frozenset()  # ids of those rows already applied

    def text(self) -> str:
        return " ".join(
            ["v2", str(self.last_id), str(self.xid if self.xid is not None else "-"), *map(str, sorted(self.applied))]
        )

    @classmethod
    def parse(cls, text: str) -> "Position":
        words = text.split()
        if words[:1] == ["v2"] and len(words) >= 3:
            return cls(int(words[1]), None if words[2] == "-" else int(words[2]), frozenset(map(int, words[3:])))
        # Before positions (a cursor and the ids applied within a two-minute window).
        return cls(int(words[0]) if words else 0)


def _position(generation: Path) -> Position:
    try:
        return Position.parse((generation / "cursor").read_text())
    except (FileNotFoundError, ValueError):
        return Position()


def _set_position(generation: Path, position: Position) -> None:
    temporary = generation / f"cursor.{os.getpid()}.{threading.get_ident()}"
    temporary.write_text(position.text())
    os.replace(temporary, generation / "cursor")


def _by_transaction() -> bool:
    return db.session.get_bind().dialect.name == "postgresql"


def oldest_running_xid() -> int | None:
    """PostgreSQL: the oldest transaction still running (every older one has finished); else None."""
    if not _by_transaction():
        return None
    return db.session.scalar(text("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint"))


def _unseen(position: Position):
    """Outbox rows this position may not have applied (including some it has: see `applied`)."""
    if position.xid is None:
        return SearchOutbox.id > position.last_id
    # Rows from before transaction ids were recorded carry none: the id order holds for them.
    return or_(SearchOutbox.xid >= position.xid, and_(SearchOutbox.xid.is_(None), SearchOutbox.id > position.last_id))


# --- Applying the outbox -------------------------------------------------------------------------


def pending_count(generation: Path | None = None) -> int:
    generation = generation or storage.current_dir()
    position = _position(generation)
    ids = db.session.scalars(select(SearchOutbox.id).where(_unseen(position))).all()
    return sum(1 for row_id in ids if row_id not in position.applied)


def pending_keys(generation: Path | None = None) -> set[tuple[str, int]]:
    """(kind, id) of each object changed since this index last applied the outbox: what the index
    may still show as it was (a search checks these against the database: finding.py)."""
    generation = generation or storage.current_dir()
    position = _position(generation)
    rows = db.session.execute(
        select(SearchOutbox.id, SearchOutbox.kind, SearchOutbox.object_id).where(_unseen(position))
    ).all()
    return {(row.kind, row.object_id) for row in rows if row.id not in position.applied}


def apply_pending(generation: Path | None = None, *, wait: float = 0) -> int:
    """Index the outbox rows this index has not seen. Returns how many objects were indexed,
    0 if there was nothing to do or another process holds the writer (it will catch up)."""
    generation = generation or storage.current_dir()
    position = _position(generation)
    if hosts.behind_the_horizon(position):
        # Housekeeping removed changes this index never applied: only a rebuild makes it whole.
        from app.search import health  # noqa: PLC0415  health rebuilds through this module

        health.heal()
        return 0
    oldest_running = oldest_running_xid()  # before reading: see Position
    rows = db.session.execute(
        select(SearchOutbox.id, SearchOutbox.kind, SearchOutbox.object_id, SearchOutbox.xid)
        .where(_unseen(position))
        .order_by(SearchOutbox.id)
    ).all()
    new = [row for row in rows if row.id not in position.applied]
    if not new:
        if position.applied and oldest_running is not None and oldest_running > (position.xid or 0):
            # Nothing new, but the transactions those applied rows waited on have finished: move on,
            # so they are not read again (and housekeeping may remove them).
            _advance(generation, position, rows, oldest_running)
        return 0
    try:
        writer = storage.open_index(generation).writer(timeout=wait)
    except LockError:
        return 0
    try:
        changed = _write(writer, {(row.kind, row.object_id) for row in new})
        writer.commit()
    except BaseException:
        writer.cancel()
        raise
    _advance(generation, position, rows, oldest_running)
    return changed


def _advance(generation: Path, position: Position, rows, oldest_running: int | None) -> None:
    """Record, in the generation and in the database, that `rows` are applied."""
    advanced = Position(
        last_id=max(position.last_id, max(row.id for row in rows)),
        xid=oldest_running if oldest_running is not None else position.xid,
        applied=frozenset(
            row.id for row in rows if oldest_running is not None and row.xid is not None and row.xid >= oldest_running
        ),
    )
    _set_position(generation, advanced)
    hosts.record_position(generation, advanced)


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
    stay in the outbox and the next apply catches up. Before a search, nothing when this host's
    follow worker runs (it applies each change within a second, so no search pays for an import);
    after a commit, always: the person who saved it searches for it next."""
    try:
        if not after_commit and hosts.follower_running():
            return
        apply_pending()
    except Exception:  # a stale index is better than a failed request (logged, so not a blind except)
        current_app.logger.exception("search: could not apply pending changes")
    finally:
        if after_commit:
            db.session.rollback()  # end the read-only transaction the apply opened


def follow(stop: threading.Event, *, interval: float = 0.5, report=None) -> None:
    """The search worker of a host: apply outbox changes as they come (each within about
    `interval` seconds of its commit), saying it runs so that searches leave applying to it, until
    `stop` is set. A failure is logged and the next round tries again; an index that cannot be
    read is rebuilt (health.heal)."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]  # the real app, for the log
    last_heartbeat = 0.0
    while not stop.is_set():
        try:
            if time.monotonic() - last_heartbeat >= hosts.HEARTBEAT_SECONDS:
                hosts.heartbeat()
                last_heartbeat = time.monotonic()
            applied = apply_pending(wait=interval)
            if applied and report:
                report(applied)
        except Exception as error:  # logged; the next round tries again
            app.logger.exception("search follow: could not apply pending changes")
            if not isinstance(error, OSError | LockError):
                from app.search import health  # noqa: PLC0415  health rebuilds through this module

                if not health.readiness()["ok"]:
                    health.heal()
        finally:
            db.session.rollback()  # end the round's read: the next sees what committed meanwhile
        stop.wait(interval)


# --- Rebuilding and reporting --------------------------------------------------------------------


def reindex(progress=print, batch: int = 500) -> dict:
    """Build a fresh index from the database beside the live one, catch it up with changes made
    meanwhile, and swap it in atomically. The site keeps searching the old one until then."""
    root = storage.root()
    root.mkdir(parents=True, exist_ok=True)
    # What the rebuild reads includes every change committed before this point; later ones (and
    # those of transactions running now) are applied from the outbox after it.
    started = Position(last_id=db.session.scalar(select(func.max(SearchOutbox.id))) or 0, xid=oldest_running_xid())
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
    _set_position(generation, started)
    apply_pending(generation, wait=5)
    old = (root / "current").resolve() if (root / "current").exists() else None
    storage.point_current_at(root, generation)
    apply_pending(generation, wait=5)
    hosts.record_position(generation, _position(generation))  # this host's index, from now on
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
