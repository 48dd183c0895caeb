"""Unique slugs (articles, categories, tags, services): the first free of "name", "name-2", "name-3"...,
still unique when someone else takes the same slug at the same moment."""

from collections.abc import Iterator

from sqlalchemy import inspect, select
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.markup import slugify

# Addresses a route already answers where an article's or a service's slug would go: /kb/recent is
# the list of recent articles, /services/manage the catalogue's management page, /kb/categories/edit
# a category. Never given as a slug, so every article and service is found at its own address
# (tests/test_slugs.py checks these against the app's routes). Keyed by table.
RESERVED: dict[str, frozenset[str]] = {
    "articles": frozenset(
        {
            "articles",
            "attachments",
            "categories",
            "category",
            "coverage",
            "feedback",
            "helpful",
            "link-choices",
            "needs-review",
            "new",
            "preview",
            "questions",
            "recent",
            "tag",
        }
    ),
    "services": frozenset({"manage", "new"}),
}


def candidates(base: str, length: int) -> Iterator[str]:
    """`base`, then `base-2`, `base-3`...; numbered, the slug still fits its column."""
    yield base[:length]
    number = 2
    while True:
        suffix = f"-{number}"
        yield f"{base[: length - len(suffix)].rstrip('-')}{suffix}"
        number += 1


def assign(instance, text: str, *, fallback: str, max_length: int | None = None, old_slugs=None) -> str:
    """Give `instance` (new, not yet added to the session; or already saved) the first free slug
    made from `text`, and save it. `old_slugs` is an (old slug, its owner's id) pair of columns
    holding slugs that still redirect (articles' old slugs): those are taken too, except by their
    own owner.

    The check and the insert are two statements, so another request may take the slug in between:
    the unique constraint then refuses ours, and the next number is tried. Each try is flushed
    inside a SAVEPOINT, so a refused one rolls back only itself, never the caller's transaction.
    A constraint that is not the slug's (a duplicate name, say) is raised as it is."""
    model = type(instance)
    length = model.slug.type.length
    base = slugify(text, max_length=max_length or length) or fallback
    own_id = instance.id if inspect(instance).persistent else None
    # The caller's other changes are written first, outside the savepoints below: their own errors
    # (a duplicate name, say) reach the caller as they would have, and a refused slug rolls back
    # (and expires) only the slug.
    db.session.flush()
    reserved = RESERVED.get(model.__tablename__, frozenset())
    for candidate in candidates(base, length):
        if candidate in reserved or _owner(model, candidate, old_slugs) not in (None, own_id):
            continue
        if candidate == instance.slug and own_id is not None:
            return candidate
        try:
            with db.session.begin_nested():
                instance.slug = candidate
                db.session.add(instance)
        except IntegrityError:
            if _owner(model, candidate, old_slugs) in (None, own_id):
                raise  # not the slug's constraint
            continue  # taken a moment ago: try the next one
        return candidate
    raise AssertionError("unreachable: candidates() never ends")


def _owner(model, candidate: str, old_slugs) -> int | None:
    """The id of whatever holds `candidate`, as a slug or as an old slug, or None when it is free."""
    with db.session.no_autoflush:  # a new instance waiting for its slug must not be flushed without one
        owner = db.session.scalar(select(model.id).where(model.slug == candidate))
        if owner is None and old_slugs is not None:
            slug_column, owner_column = old_slugs
            owner = db.session.scalar(select(owner_column).where(slug_column == candidate))
    return owner
