"""Tags, shared by articles and ideas: parsing what people type, and the rows for the names."""

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app import slugs
from app.extensions import db
from app.markup import slugify
from app.models import Tag
from app.validation import FieldError, clean_text

MAX_TAGS = 10


def parse_tags(text: str) -> list[str]:
    """'Rooms; booking, rooms' -> ['rooms', 'booking']: lower case, spaces collapsed, no repeats."""
    names = []
    for raw in (text or "").replace(";", ",").split(","):
        name = " ".join(clean_text(raw).split()).lower()[:40]
        if name and name not in names and slugify(name):
            names.append(name)
    if len(names) > MAX_TAGS:
        raise FieldError("tags", f"Use {MAX_TAGS} tags or fewer")
    return names


def tags_named(names: list[str]) -> list[Tag]:
    """The Tag rows for these names, created if new."""
    tags = []
    for name in names:
        tag = db.session.scalar(select(Tag).where(Tag.name == name))
        if tag is None:
            tag = Tag(name=name)
            try:
                with db.session.begin_nested():
                    slugs.assign(tag, name, fallback="tag")
            except IntegrityError:  # someone else created the same tag a moment ago
                tag = db.session.execute(select(Tag).where(Tag.name == name)).scalar_one()
        tags.append(tag)
    return tags
