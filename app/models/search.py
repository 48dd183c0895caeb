"""Search bookkeeping: the outbox of changes still to index, and the log of searches."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app import clock
from app.extensions import Model
from app.models.types import UTCDateTime


class SearchOutbox(Model):
    """One row per change to an indexed object, written in the same transaction as the change.
    Each index applies rows past its own cursor, so several hosts can share one outbox."""

    __tablename__ = "search_outbox"
    __table_args__ = (Index("ix_search_outbox_created_at", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    object_id: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)


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
