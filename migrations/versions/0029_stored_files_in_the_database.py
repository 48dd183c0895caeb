"""Uploaded files in the database (table stored_files), so every host sees them and backups cover
them; the files under UPLOAD_DIR that rows refer to are copied in. Expand only: the folder is left
as it was (remove it by hand once every host runs this release; `flask files import` copies the
files of another host's folder). A referred-to file that is not there is skipped with a warning.

Revision ID: 0029
Revises: 0026
Create Date: 2026-12-07 20:00:00.000000

"""

import logging
import os
import re
from datetime import UTC, datetime
from pathlib import Path

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0029"
down_revision = "0026"
branch_labels = None
depends_on = None

log = logging.getLogger("alembic.runtime.migration")

stored_files = sa.table(
    "stored_files",
    sa.column("name", sa.String),
    sa.column("data", sa.LargeBinary),
    sa.column("size", sa.Integer),
    sa.column("content_type", sa.String),
    sa.column("created_at", sa.DateTime),
)


def upgrade():
    op.create_table(
        "stored_files",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("content_type", sa.String(length=255), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_stored_files")),
    )
    _copy_files_in(_upload_folder())


def downgrade():
    # The files under UPLOAD_DIR were left in place, but any uploaded since are only in this table.
    op.drop_table("stored_files")


def _upload_folder() -> Path:
    try:
        from flask import current_app

        configured = current_app.config.get("UPLOAD_DIR") or Path(current_app.instance_path) / "uploads"
    except RuntimeError:  # no app: the environment, as app/config.py reads it
        configured = os.environ.get("UPLOAD_DIR", "instance/uploads")
    return Path(configured)


def _referred_files(connection):
    """(stored name, content type, when uploaded) of every file a row refers to."""
    for table_name, when in (("attachments", "uploaded_at"), ("request_attachments", "created_at")):
        table = sa.table(
            table_name,
            sa.column("stored_name", sa.String),
            sa.column("content_type", sa.String),
            sa.column(when, sa.DateTime),
        )
        yield from connection.execute(sa.select(table.c.stored_name, table.c.content_type, table.c[when])).all()
    drafts = sa.table("request_drafts", sa.column("files", sa.JSON), sa.column("updated_at", sa.DateTime))
    for files, updated_at in connection.execute(sa.select(drafts.c.files, drafts.c.updated_at)).all():
        for kept in (files or {}).values():
            yield kept.get("stored_name", ""), kept.get("content_type") or "application/octet-stream", updated_at


def _copy_files_in(folder: Path) -> None:
    connection = op.get_bind()
    known = set(connection.execute(sa.select(stored_files.c.name)).scalars())
    copied = missing = 0
    for name, content_type, uploaded_at in _referred_files(connection):
        if name in known or not re.fullmatch(r"[0-9a-f]{32}", name or ""):
            continue
        path = folder / name
        if not path.is_file():
            log.warning("stored_files: %s is referred to but is not in %s; skipped", name, folder)
            missing += 1
            continue
        data = path.read_bytes()  # one at a time: at most 10 MB each
        connection.execute(
            stored_files.insert().values(
                name=name,
                data=data,
                size=len(data),
                content_type=content_type,
                created_at=uploaded_at or datetime.now(UTC).replace(tzinfo=None),
            )
        )
        known.add(name)
        copied += 1
    log.info("stored_files: %d files copied from %s, %d missing", copied, folder, missing)
