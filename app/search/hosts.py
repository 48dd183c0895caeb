"""Hosts sharing one outbox: each host's index (a host and its SEARCH_INDEX_DIR) records how far it
has applied the outbox in the database, so housekeeping removes only rows every live host has
applied; a host that was away while rows it needed were removed finds itself behind the horizon and
rebuilds. Its `flask search follow` worker says it is running, and searches then leave applying
changes to it."""

from __future__ import annotations

import socket
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from flask import current_app
from sqlalchemy import and_, delete, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from app import clock
from app.extensions import db, rows_changed
from app.models import SearchHost, SearchOutbox, SearchOutboxHorizon
from app.search import storage

if TYPE_CHECKING:
    from app.search.indexing import Position

# A host unseen this long is taken for gone: it no longer holds back housekeeping (and rebuilds
# when it comes back). Rows younger than KEEP_AT_LEAST stay whatever the hosts say.
HOST_LIFETIME = timedelta(days=7)
KEEP_AT_LEAST = timedelta(days=1)
# A follow worker says it is running this often; searches trust it for FOLLOWER_TIMEOUT.
HEARTBEAT_SECONDS = 5.0
FOLLOWER_TIMEOUT = timedelta(seconds=15)


def name() -> str:
    """This host's index: SEARCH_HOST_NAME, else the machine's name and the index directory."""
    configured = current_app.config.get("SEARCH_HOST_NAME")
    return (configured or f"{socket.gethostname()}:{storage.root().resolve()}")[:255]


def _upsert(values: dict) -> None:
    """Write this host's row on a connection of its own: a search's session may end in a rollback
    (after a commit, or an error page), and the position must stay written."""
    host = name()
    with db.engine.begin() as connection:
        changed = connection.execute(update(SearchHost).where(SearchHost.name == host).values(**values)).rowcount
        if not changed:
            try:
                with connection.begin_nested():
                    connection.execute(insert(SearchHost).values(name=host, **values))
            except IntegrityError:  # another worker of this host wrote it a moment ago
                connection.execute(update(SearchHost).where(SearchHost.name == host).values(**values))


def record_position(generation: Path, position: Position) -> None:
    """Keep this host's position in the database (PostgreSQL: the database several hosts share).
    SQLite is one host's file: its one index keeps its position in its own files, housekeeping
    keeps a week of changes, and the horizon still tells an index that was away longer to
    rebuild. (There a second connection writing while the request's holds SQLite's one write
    lock would wait for it.)"""
    if db.session.get_bind().dialect.name != "postgresql":
        return
    now = clock.now()
    _upsert(
        {
            "generation": generation.name,
            "position_id": position.last_id,
            "position_xid": position.xid,
            "applied_at": now,
            "seen_at": now,
        }
    )


def heartbeat() -> None:
    """The follow worker is running (and the host with it)."""
    now = clock.now()
    _upsert({"follower_seen_at": now, "seen_at": now})


def follower_running() -> bool:
    """Whether this host's follow worker said it was running lately (one primary-key read)."""
    seen = db.session.scalar(select(SearchHost.follower_seen_at).where(SearchHost.name == name()))
    return seen is not None and seen > clock.now() - FOLLOWER_TIMEOUT


def behind_the_horizon(position: Position) -> bool:
    """Housekeeping has removed outbox rows this position had not applied."""
    horizon = db.session.get(SearchOutboxHorizon, 1)
    if horizon is None:
        return False
    if horizon.pruned_through_id > position.last_id:
        return True
    return (
        position.xid is not None
        and horizon.pruned_through_xid is not None
        and horizon.pruned_through_xid >= position.xid
    )


def prune_outbox() -> int:
    """Remove outbox rows every live host has applied (and at least KEEP_AT_LEAST old); record the
    newest removed as the horizon. With no host recorded yet (a site before its first search), rows
    a week old go, as before. Returns how many rows were removed."""
    now = clock.now()
    live = db.session.execute(
        select(func.min(SearchHost.position_id), func.min(SearchHost.position_xid), func.count()).where(
            SearchHost.seen_at > now - HOST_LIFETIME
        )
    ).one()
    lowest_id, lowest_xid, hosts = live
    removable = [SearchOutbox.created_at < now - KEEP_AT_LEAST]
    if hosts:
        removable.append(SearchOutbox.id <= lowest_id)
        if lowest_xid is not None:
            removable.append(or_(SearchOutbox.xid.is_(None), SearchOutbox.xid < lowest_xid))
    else:
        removable.append(SearchOutbox.created_at < now - HOST_LIFETIME)
    newest = db.session.execute(
        select(func.max(SearchOutbox.id), func.max(SearchOutbox.xid), func.count()).where(and_(*removable))
    ).one()
    if not newest[2]:
        return 0
    removed = rows_changed(delete(SearchOutbox).where(and_(*removable)))
    horizon = db.session.get(SearchOutboxHorizon, 1) or SearchOutboxHorizon(id=1, pruned_through_id=0)
    horizon.pruned_through_id = max(horizon.pruned_through_id or 0, newest[0])
    if newest[1] is not None:
        horizon.pruned_through_xid = max(horizon.pruned_through_xid or 0, newest[1])
    horizon.pruned_at = now
    db.session.add(horizon)
    return removed
