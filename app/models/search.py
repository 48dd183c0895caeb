"""Search bookkeeping: the outbox of changes still to index, and the log of searches."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app import clock
from app.extensions import Model
from app.models.types import UTCDateTime


class SearchOutbox(Model):
    """One row per change to an indexed object, written in the same transaction as the change.
    Each index applies rows past its own position, so several hosts can share one outbox."""

    __tablename__ = "search_outbox"
    __table_args__ = (
        Index("ix_search_outbox_created_at", "created_at"),
        Index("ix_search_outbox_xid", "xid"),
        # SQLite would otherwise hand out a removed row's id again once housekeeping has emptied the
        # table, and an index past that id would never apply the change.
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    object_id: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    # PostgreSQL: the writing transaction's id. Ids are handed out as transactions insert, not as they
    # commit, so an index's position is the oldest transaction still running when it last read
    # (app/search/indexing.py): nothing that commits late is missed. SQLite (one writer at a time,
    # rows commit in id order): None.
    xid: Mapped[int | None] = mapped_column(BigInteger)


class SearchHost(Model):
    """Each host's index (a host and its SEARCH_INDEX_DIR) and how far it has applied the outbox:
    housekeeping never removes a row a live host has not applied."""

    __tablename__ = "search_hosts"

    name: Mapped[str] = mapped_column(String(255), primary_key=True)
    generation: Mapped[str] = mapped_column(String(80), default="")
    position_id: Mapped[int] = mapped_column(BigInteger, default=0)
    position_xid: Mapped[int | None] = mapped_column(BigInteger)
    applied_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # When its `flask search follow` worker last said it was running (searches then leave applying to it).
    follower_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)


class SearchOutboxHorizon(Model):
    """One row: the newest outbox row housekeeping has removed. An index whose position is behind it
    has missed changes and rebuilds itself."""

    __tablename__ = "search_outbox_horizon"

    id: Mapped[int] = mapped_column(primary_key=True)
    pruned_through_id: Mapped[int] = mapped_column(BigInteger, default=0)
    pruned_through_xid: Mapped[int | None] = mapped_column(BigInteger)
    pruned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SearchLog(Model):
    """What was searched for and how many results it found: never who searched."""

    __tablename__ = "search_log"
    __table_args__ = (Index("ix_search_log_searched_at_results", "searched_at", "results"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    query: Mapped[str] = mapped_column(String(200))
    results: Mapped[int] = mapped_column(Integer)
    # A keyed hash of who searched (app/search/log.py), only to count how many different people
    # looked for a phrase: without the secret key it names nobody. "" for searches before it.
    searcher: Mapped[str] = mapped_column(String(32), default="", server_default="")
    searched_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
