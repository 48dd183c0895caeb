"""Writing the search outbox: every flush that changes an indexed object adds a row, in the same
transaction, so a committed change is never lost to the index (the next apply catches up)."""

from sqlalchemy import event, insert, literal_column, select
from sqlalchemy.orm import Session, UOWTransaction

from app import clock
from app.models import Article, Category, SearchOutbox
from app.search.documents import KINDS

_MODEL_KINDS = {kind.model: name for name, kind in KINDS.items()}
PENDING_FLAG = "search_outbox_written"


def _changes(session: Session) -> set[tuple[str, int]]:
    keys = set()
    for obj in list(session.new) + list(session.dirty) + list(session.deleted):
        kind = _MODEL_KINDS.get(type(obj))
        if (
            kind is not None
            and obj.id is not None
            and (obj in session.new or obj in session.deleted or session.is_modified(obj))
        ):
            keys.add((kind, obj.id))
    return keys


def _category_changes(session: Session) -> set[tuple[str, int]]:
    # A renamed category changes what its articles are indexed under.
    renamed = [obj.id for obj in session.dirty if isinstance(obj, Category) and session.is_modified(obj)]
    if not renamed:
        return set()
    ids = session.connection().execute(select(Article.id).where(Article.category_id.in_(renamed))).scalars()
    return {("article", article_id) for article_id in ids}


@event.listens_for(Session, "after_flush")
def _write_outbox(session: Session, flush_context: UOWTransaction) -> None:
    keys = _changes(session) | _category_changes(session)
    if not keys:
        return
    now = clock.now()
    statement = insert(SearchOutbox)
    if session.get_bind().dialect.name == "postgresql":
        # The writing transaction's id: the order in which changes become visible (indexing.Position).
        statement = statement.values(xid=literal_column("pg_current_xact_id()::text::bigint"))
    session.connection().execute(
        statement,
        [{"kind": kind, "object_id": object_id, "created_at": now} for kind, object_id in sorted(keys)],
    )
    session.info[PENDING_FLAG] = True


def take_pending_flag(session: Session) -> bool:
    """Whether this session wrote outbox rows since last asked (and forget it)."""
    return bool(session.info.pop(PENDING_FLAG, False))
