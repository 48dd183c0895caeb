"""Uploaded files' bytes (app/files.py): in the database, so every host sees them and backups
(and point-in-time recovery) cover them, written in the same transaction as the row that refers
to them. docs/architecture.md, "Files", says why and what it costs."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import Model
from app.models.types import UTCDateTime


class StoredFile(Model):
    """One uploaded file under its generated name (attachments, request drafts and replies refer
    to it by that name). At most 10 MB (files.MAX_FILE_SIZE): bytea on PostgreSQL, a BLOB on SQLite."""

    __tablename__ = "stored_files"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    # Deferred: read only when the file is sent, never when its row is merely looked at.
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    size: Mapped[int] = mapped_column(Integer)
    content_type: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
