"""Knowledge base articles: reading, writing (slugs, review dates, revisions, diffs) and attachments."""

import difflib
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, func, or_, select, update

from app import audit, clock, files, markup, policy, slugs
from app.extensions import db, rows_changed
from app.kb.community import tell_watchers
from app.models import (
    Article,
    ArticleRevision,
    ArticleSlug,
    ArticleStatus,
    Attachment,
    Category,
    Tag,
    User,
)
from app.models.article import article_tags
from app.tags import parse_tags, tags_named
from app.validation import FieldError

PAGE_SIZE = 20
IMAGE_TYPES = ("png", "jpg")  # attachments that can be shown inside an article
# An article's old slugs still lead to it: no other article may take one.
OLD_SLUGS = (ArticleSlug.slug, ArticleSlug.article_id)

TEMPLATES = {
    "how-to": (
        "How-to",
        "Steps to get one task done, with who to contact.",
        "Explain in a sentence or two when someone would need this.\n\n"
        "## Before you start\n\n- What you need\n- Who must agree\n\n"
        "## Steps\n\n1. First step\n2. Second step\n3. Third step\n\n"
        "## If something goes wrong\n\nWho to contact and how.\n",
    ),
    "checklist": (
        "Checklist",
        "Things to tick off, in order, so nothing is missed.",
        "What this checklist is for.\n\n## Checklist\n\n- [ ] First thing\n- [ ] Second thing\n"
        "- [ ] Third thing\n\n## Notes\n\nAnything to watch out for.\n",
    ),
    "contact-list": (
        "Contact list",
        "Who to go to for what, as a table.",
        "Who to contact for what.\n\n## Contacts\n\n| Team or person | For | How to contact |\n"
        "|---|---|---|\n| Team name | What they help with | Extension or mailbox |\n",
    ),
    "blank": ("Blank page", "Start from nothing.", ""),
}


# --- Reading ---------------------------------------------------------------------------------


def a_year_after(day: date) -> date:
    """The same date next year (28 February for 29 February): "12 months", not 365 days,
    which falls a day short whenever a 29 February lies in between."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def visible_statuses(user) -> tuple[str, ...]:
    return tuple(ArticleStatus) if policy.can_see_drafts(user) else (ArticleStatus.PUBLISHED, ArticleStatus.ARCHIVED)


def find_by_slug(slug: str, user) -> tuple[Article | None, bool]:
    """(article, moved): `moved` when `slug` is an old one and the caller should redirect."""
    article = db.session.scalar(select(Article).where(Article.slug == slug))
    moved = False
    if article is None:
        article = db.session.scalar(
            select(Article).join(ArticleSlug, ArticleSlug.article_id == Article.id).where(ArticleSlug.slug == slug)
        )
        moved = article is not None
    if article is None or not policy.can_view_article(user, article):
        return None, False
    return article, moved


def find_by_id(article_id: int, user) -> Article | None:
    """The article a stable link (/kb/articles/12) points at, if this person may see it."""
    article = db.session.get(Article, article_id)
    if article is None or not policy.can_view_article(user, article):
        return None
    return article


def link_choices(user, text: str, *, limit: int = 8) -> list[Article]:
    """Articles this person may see whose title or summary has every word of `text`: the
    editor's "link to an article" picker, as they type. Titles first, then the rest."""
    words = [word for word in text.lower().split() if word][:6]
    if not words:
        return []
    patterns = ["%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%" for word in words]
    title, summary = func.lower(Article.title), func.lower(Article.summary)
    statement = select(Article).where(Article.status.in_(visible_statuses(user)))
    for pattern in patterns:
        statement = statement.where(or_(title.like(pattern, escape="\\"), summary.like(pattern, escape="\\")))
    in_title = and_(*(title.like(pattern, escape="\\") for pattern in patterns))
    statement = statement.order_by(in_title.desc(), title, Article.id).limit(limit)
    return [article for article in db.session.scalars(statement) if policy.can_view_article(user, article)]


def articles_query(
    user,
    *,
    category: Category | None = None,
    tag: Tag | None = None,
    order: str = "title",
    include_archived: bool = True,
):
    statement = select(Article).where(Article.status.in_(visible_statuses(user)))
    if not include_archived:
        statement = statement.where(Article.status != ArticleStatus.ARCHIVED)
    if category is not None:
        statement = statement.where(Article.category_id == category.id)
    if tag is not None:
        statement = statement.where(Article.tags.any(Tag.id == tag.id))
    if order == "recent":
        return statement.order_by(Article.updated_at.desc(), Article.id.desc())
    return statement.order_by(func.lower(Article.title), Article.id)


def paginate(statement, page: int):
    return db.paginate(statement, page=max(page, 1), per_page=PAGE_SIZE, error_out=False)


def related(article: Article, user, limit: int = 5) -> list[Article]:
    """Articles sharing most tags with this one, then others in its category."""
    tag_ids = [tag.id for tag in article.tags]
    shared = func.count(article_tags.c.tag_id)
    statement = (
        select(Article, shared.label("shared"))
        .outerjoin(
            article_tags, and_(article_tags.c.article_id == Article.id, article_tags.c.tag_id.in_(tag_ids or [-1]))
        )
        .where(
            Article.id != article.id,
            Article.status == ArticleStatus.PUBLISHED,
            or_(Article.category_id == article.category_id, article_tags.c.tag_id.is_not(None)),
        )
        .group_by(Article.id)
        .order_by(shared.desc(), (Article.category_id == article.category_id).desc(), Article.title)
        .limit(limit)
    )
    return [row[0] for row in db.session.execute(statement)]


def recently_updated(user, limit: int = 5) -> list[Article]:
    return list(
        db.session.scalars(
            select(Article)
            .where(Article.status == ArticleStatus.PUBLISHED)
            .order_by(Article.updated_at.desc())
            .limit(limit)
        )
    )


def revision(article: Article, number: int) -> ArticleRevision | None:
    return db.session.scalar(
        select(ArticleRevision).where(ArticleRevision.article_id == article.id, ArticleRevision.number == number)
    )


def current_revision(article: Article) -> ArticleRevision:
    """The version the article is at now (every saved article has one)."""
    return db.session.execute(
        select(ArticleRevision).where(
            ArticleRevision.article_id == article.id, ArticleRevision.number == article.revision_number
        )
    ).scalar_one()


def revisions(article: Article) -> list[ArticleRevision]:
    return list(article.revisions)


def editors_and_owners() -> list[User]:
    return list(db.session.scalars(select(User).where(User.active.is_(True)).order_by(func.lower(User.name))))


def get_tag(slug: str) -> Tag | None:
    return db.session.scalar(select(Tag).where(Tag.slug == slug))


def record_view(article: Article) -> None:
    # A plain UPDATE: no read-modify-write race, and no clash with someone editing.
    db.session.execute(update(Article).where(Article.id == article.id).values(view_count=Article.view_count + 1))


# --- Writing ---------------------------------------------------------------------------------


def _category(category_id) -> Category:
    category = db.session.get(Category, category_id) if category_id else None
    if category is None:
        raise FieldError("category_id", "Choose a category")
    return category


def _owner(owner_id) -> User:
    owner = db.session.get(User, owner_id) if owner_id else None
    if owner is None or not owner.active:
        raise FieldError("owner_id", "Choose the person to contact about this article")
    return owner


def _apply_status(article: Article, status: str, review_by: date | None, editor: User) -> None:
    if status not in tuple(ArticleStatus):
        raise FieldError("status", "Choose draft, published or archived")
    if status == ArticleStatus.PUBLISHED and article.published_at is None:
        article.published_at = clock.now()
    if status == ArticleStatus.PUBLISHED and article.status != ArticleStatus.PUBLISHED:
        # Whoever publishes it has just checked it: that is its first (or latest) review.
        article.last_reviewed_at = clock.now()
        article.last_reviewed_by_id = editor.id
    article.status = status
    if review_by is not None:
        article.review_by = review_by
    elif status == ArticleStatus.PUBLISHED and article.review_by is None:
        article.review_by = a_year_after(clock.today())


def _check_images(body: str, writer: User) -> None:
    """Images in an article: attachments of an article the writer may see, PNG or JPG, each with
    a description (one they may not see is answered as no attachment at all)."""
    problem = markup.image_problem(body)
    if problem:
        raise FieldError("body", problem)
    for image in markup.images(body):
        match = markup.ATTACHMENT_IMAGE.match(image.src)
        attachment = db.session.get(Attachment, int(match["id"])) if match else None
        if (
            attachment is None
            or attachment.file_type not in IMAGE_TYPES
            or not policy.can_view_article(writer, attachment.article)
        ):
            raise FieldError(
                "body",
                f"“{image.alt}” does not point at an attached PNG or JPG image. Attach the image to the "
                "article first, then insert it from the list of images below the article box",
            )


def _snapshot(article: Article, author: User, note: str, *, restored_from: int | None = None) -> ArticleRevision:
    entry = ArticleRevision(
        article_id=article.id,
        number=article.revision_number,
        title=article.title,
        summary=article.summary,
        body=article.body,
        tags=", ".join(tag.name for tag in article.tags),
        author_id=author.id,
        created_at=clock.now(),
        change_note=(note or "").strip()[:200],
        restored_from=restored_from,
    )
    db.session.add(entry)
    return entry


def create_article(
    *,
    author: User,
    title: str,
    summary: str,
    body: str,
    category_id,
    tags: str,
    owner_id,
    status: str,
    review_by: date | None,
    change_note: str,
) -> Article:
    tag_names = parse_tags(tags)
    _check_images(body, author)
    article = Article(
        title=title.strip(),
        summary=summary.strip(),
        body=body,
        category=_category(category_id),
        owner=_owner(owner_id),
        revision_number=1,
        created_at=clock.now(),
        updated_at=clock.now(),
        updated_by_id=author.id,
    )
    _apply_status(article, status, review_by, author)
    article.tags = tags_named(tag_names)
    slugs.assign(article, title, fallback="article", max_length=80, old_slugs=OLD_SLUGS)
    _snapshot(article, author, change_note or "First version")
    audit.record(author, "article_created", article, title=article.title, status=article.status)
    db.session.flush()
    return article


class EditConflict(FieldError):
    """Someone saved the article after this editor was opened."""

    def __init__(self, latest: ArticleRevision):
        super().__init__(
            None,
            f"{latest.author.name} saved a new version of this article while you were "
            "editing it. Your changes are not saved yet: they are still in the form below. "
            "Compare them with the latest version, then save again.",
        )
        self.latest = latest


def update_article(
    article: Article,
    *,
    editor: User,
    base_revision: int,
    title: str,
    summary: str,
    body: str,
    category_id,
    tags: str,
    owner_id,
    status: str,
    review_by: date | None,
    change_note: str,
) -> Article:
    tag_names = parse_tags(tags)
    category, owner = _category(category_id), _owner(owner_id)
    _check_images(body, editor)
    # Claim the next revision number only if nobody else did since the editor was opened.
    claimed = rows_changed(
        update(Article)
        .where(Article.id == article.id, Article.revision_number == base_revision)
        .values(revision_number=Article.revision_number + 1)
        .execution_options(synchronize_session=False)
    )
    if claimed != 1:
        db.session.refresh(article)
        raise EditConflict(current_revision(article))
    db.session.refresh(article, ["revision_number"])
    old_title, was_published = article.title, article.status == ArticleStatus.PUBLISHED
    article.title, article.summary, article.body = title.strip(), summary.strip(), body
    article.category, article.owner = category, owner
    article.tags = tags_named(tag_names)
    _apply_status(article, status, review_by, editor)
    article.updated_at, article.updated_by_id = clock.now(), editor.id
    if article.title != old_title:
        _move_slug(article)
    db.session.flush()
    _snapshot(article, editor, change_note)
    audit.record(editor, "article_updated", article, revision=article.revision_number, status=article.status)
    if article.status == ArticleStatus.PUBLISHED or was_published:
        tell_watchers(article, editor, f"{editor.name} updated “{article.title}”")
    db.session.flush()
    return article


def _move_slug(article: Article) -> None:
    old_slug = article.slug
    new_slug = slugs.assign(article, article.title, fallback="article", max_length=80, old_slugs=OLD_SLUGS)
    if new_slug == old_slug:
        return
    existing = db.session.scalar(select(ArticleSlug).where(ArticleSlug.slug == new_slug))
    if existing is not None:  # taking back one of its own old slugs
        db.session.delete(existing)
    db.session.add(ArticleSlug(slug=old_slug, article_id=article.id))


def restore_revision(article: Article, number: int, *, editor: User) -> ArticleRevision:
    old = revision(article, number)
    if old is None:
        raise FieldError(None, "That version does not exist")
    update_article(
        article,
        editor=editor,
        base_revision=article.revision_number,
        title=old.title,
        summary=old.summary,
        body=old.body,
        category_id=article.category_id,
        tags=old.tags,
        owner_id=article.owner_id,
        status=article.status,
        review_by=None,
        change_note=f"Restored version {number}",
    )
    restored = current_revision(article)
    restored.restored_from = number
    return restored


def mark_reviewed(article: Article, *, reviewer: User) -> None:
    article.last_reviewed_at = clock.now()
    article.last_reviewed_by_id = reviewer.id
    article.review_by = a_year_after(clock.today())
    audit.record(reviewer, "article_reviewed", article, review_by=article.review_by.isoformat())
    db.session.flush()


# --- Diffs -----------------------------------------------------------------------------------


def diff(old: str, new: str) -> list[dict]:
    """Line-by-line changes from `old` to `new`: each {"kind": same|added|removed, "text"},
    with unchanged runs longer than 6 lines folded to their ends."""
    old_lines, new_lines = old.splitlines(), new.splitlines()
    rows = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False).get_opcodes():
        if tag == "equal":
            same = old_lines[i1:i2]
            if len(same) > 6:
                rows += [{"kind": "same", "text": line} for line in same[:2]]
                rows.append({"kind": "folded", "text": f"{len(same) - 4} unchanged lines"})
                rows += [{"kind": "same", "text": line} for line in same[-2:]]
            else:
                rows += [{"kind": "same", "text": line} for line in same]
            continue
        rows += [{"kind": "removed", "text": line} for line in old_lines[i1:i2]]
        rows += [{"kind": "added", "text": line} for line in new_lines[j1:j2]]
    return rows


@dataclass
class WordChange:
    kind: str  # same | added | removed | folded
    text: str


def word_diff(old_markdown: str, new_markdown: str, *, context: int = 12) -> list[WordChange]:
    """What a reader sees change: the rendered text of both versions compared word by word
    (Markdown signs, table pipes and link addresses left out), long unchanged stretches folded
    to `context` words at each end."""
    old_words, new_words = markup.plain_text(old_markdown).split(), markup.plain_text(new_markdown).split()
    changes: list[WordChange] = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            same = old_words[i1:i2]
            first, last = i1 == 0, i2 == len(old_words)
            keep_start = 0 if first else context
            keep_end = 0 if last else context
            if len(same) > keep_start + keep_end + 3:
                if keep_start:
                    changes.append(WordChange("same", " ".join(same[:keep_start])))
                changes.append(WordChange("folded", f"{len(same) - keep_start - keep_end} unchanged words"))
                if keep_end:
                    changes.append(WordChange("same", " ".join(same[-keep_end:])))
            else:
                changes.append(WordChange("same", " ".join(same)))
            continue
        if i2 > i1:
            changes.append(WordChange("removed", " ".join(old_words[i1:i2])))
        if j2 > j1:
            changes.append(WordChange("added", " ".join(new_words[j1:j2])))
    return changes


# --- Attachments -----------------------------------------------------------------------------


def add_attachment(article: Article, upload, *, uploader: User) -> Attachment:
    checked = files.check_upload(upload)
    attachment = Attachment(
        article_id=article.id,
        stored_name=files.store(checked),
        filename=checked.filename,
        file_type=checked.file_type,
        content_type=checked.content_type,
        size=len(checked.data),
        uploaded_by_id=uploader.id,
        uploaded_at=clock.now(),
    )
    db.session.add(attachment)
    audit.record(uploader, "attachment_added", article, filename=checked.filename)
    db.session.flush()
    return attachment


def get_attachment(attachment_id: int) -> Attachment | None:
    return db.session.get(Attachment, attachment_id)


def remove_attachment(attachment: Attachment, *, editor: User) -> None:
    audit.record(editor, "attachment_removed", attachment.article, filename=attachment.filename)
    stored = attachment.stored_name
    db.session.delete(attachment)
    db.session.flush()
    files.delete(stored)
