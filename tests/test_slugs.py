"""One unique-slug helper (app/slugs.py) for articles, categories, tags and services: numbered when
taken, fitting its column, and never a 500 when someone takes the same slug at the same moment."""

import threading

import pytest
from sqlalchemy import select, text

from app import slugs
from app.catalogue import services as catalogue
from app.extensions import db
from app.kb import categories as kb_categories
from app.kb import services as kb
from app.models import Article, ArticleSlug, Category, ServiceCategory, Tag, User
from app.tags import tags_named
from app.validation import FieldError
from tests.factories import make_article, make_category, make_team, make_user

real_owner = slugs._owner


@pytest.fixture(autouse=True)
def request_context(app):
    # Notifications carry links built with url_for, as they would be during a request.
    with app.test_request_context():
        yield


def test_candidates_are_numbered_and_fit_the_column():
    names = slugs.candidates("a" * 40, 40)
    assert [next(names) for _ in range(3)] == ["a" * 40, "a" * 38 + "-2", "a" * 38 + "-3"]


@pytest.mark.parametrize("table, prefix", [("articles", "/kb/"), ("services", "/services/")])
def test_no_route_answers_where_a_slug_could_go_unless_the_slug_is_reserved(app, table, prefix):
    """Every route whose first part after the prefix is fixed text (/kb/recent, /kb/categories/…)
    would hide an article or service given that text as its slug."""
    fixed = {
        rule.rule.removeprefix(prefix).split("/")[0]
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith(prefix) and not rule.rule.removeprefix(prefix).startswith("<")
    } - {""}
    assert fixed and fixed <= slugs.RESERVED[table], sorted(fixed - slugs.RESERVED[table])


def test_an_article_or_service_named_like_a_page_gets_a_slug_of_its_own(app):
    article = make_article(title="Recent", author=make_user(roles=["editor"]))
    manager = make_user(roles=["manager"], team=make_team("Business Support"))
    service_category = ServiceCategory(name="Meetings", slug="meetings")
    db.session.add(service_category)
    db.session.commit()
    service = catalogue.create_service(
        manager,
        name="Manage",
        summary="Managing things",
        description="",
        keywords="",
        category_id=service_category.id,
        new_category="",
        team_id=manager.team_id,
        resolution_days=3,
        first_response_hours=None,
        audience="everyone",
        requesting_team_ids=[],
    )
    db.session.commit()
    assert (article.slug, service.slug) == ("recent-2", "manage-2")


def test_slugs_are_numbered_when_taken_and_old_article_slugs_stay_taken(app):
    author = make_user(roles=["editor"])
    first = make_article(title="Booking rooms", author=author)
    second = make_article(title="Booking rooms", author=author)
    assert (first.slug, second.slug) == ("booking-rooms", "booking-rooms-2")
    kb.update_article(
        first,
        editor=author,
        base_revision=1,
        title="Booking the chamber",
        summary="s",
        body="b",
        category_id=first.category_id,
        tags="",
        owner_id=author.id,
        status="published",
        review_by=None,
        change_note="",
    )
    db.session.commit()
    third = make_article(title="Booking rooms", author=author)
    assert first.slug == "booking-the-chamber"
    assert third.slug == "booking-rooms-3"  # "booking-rooms" still redirects to the first article
    kb.update_article(
        first,
        editor=author,
        base_revision=2,
        title="Booking rooms",
        summary="s",
        body="b",
        category_id=first.category_id,
        tags="",
        owner_id=author.id,
        status="published",
        review_by=None,
        change_note="",
    )
    db.session.commit()
    assert first.slug == "booking-rooms"  # taking back its own old slug
    assert db.session.scalars(select(ArticleSlug.slug).where(ArticleSlug.article_id == first.id)).all() == [
        "booking-the-chamber"
    ]


def _taken_between_check_and_insert(monkeypatch, table: str, columns: dict, slug: str):
    """The first time `slug` is checked and found free, another request inserts a row holding it
    (on PostgreSQL in its own connection and transaction, committed; on SQLite, which lets one
    writer at a time, in the same transaction, outside the helper's savepoint)."""
    calls = []

    def owner(model, candidate, old_slugs):
        found_free = real_owner(model, candidate, old_slugs) is None
        if candidate == slug and found_free and not calls:
            calls.append(candidate)
            names = ", ".join(columns)
            values = ", ".join(f":{name}" for name in columns)
            statement = text(f"INSERT INTO {table} ({names}) VALUES ({values})")
            if db.engine.dialect.name == "postgresql":
                with db.engine.connect() as other:
                    other.execute(statement, columns)
                    other.commit()
            else:
                db.session.execute(statement, columns)
        return None if found_free else real_owner(model, candidate, old_slugs)

    monkeypatch.setattr(slugs, "_owner", owner)
    return calls


def test_a_category_slug_taken_at_the_same_moment_gets_the_next_number(app, monkeypatch):
    admin = make_user(roles=["admin"])
    calls = _taken_between_check_and_insert(
        monkeypatch, "categories", {"name": "Rooms (old)", "slug": "rooms", "description": "", "position": 99}, "rooms"
    )
    category = kb_categories.save_category(None, name="Rooms", description="", actor=admin)
    db.session.commit()
    assert calls == ["rooms"]
    assert category.slug == "rooms-2"
    assert db.session.scalars(select(Category.slug).order_by(Category.slug)).all() == ["rooms", "rooms-2"]


def test_an_article_slug_taken_at_the_same_moment_gets_the_next_number(app, monkeypatch):
    author = make_user(roles=["editor"])
    category = make_category()
    row = {
        "slug": "parking-permits",
        "title": "Parking permits",
        "summary": "s",
        "body": "b",
        "category_id": category.id,
        "owner_id": author.id,
        "status": "draft",
        "revision_number": 1,
        "view_count": 0,
        "created_at": "2026-01-01 00:00:00",
        "updated_at": "2026-01-01 00:00:00",
    }
    calls = _taken_between_check_and_insert(monkeypatch, "articles", row, "parking-permits")
    article = make_article(title="Parking permits", author=author, category=category)
    assert calls == ["parking-permits"]
    assert article.slug == "parking-permits-2"
    assert article.revisions.count() == 1  # the rest of the save went through


def test_an_article_renamed_to_a_slug_taken_at_the_same_moment_gets_the_next_number(app, monkeypatch):
    author = make_user(roles=["editor"])
    category = make_category()
    article = make_article(title="Permits for parking", author=author, category=category)
    row = {
        "slug": "parking-permits",
        "title": "Parking permits (someone else's)",
        "summary": "s",
        "body": "b",
        "category_id": category.id,
        "owner_id": author.id,
        "status": "draft",
        "revision_number": 1,
        "view_count": 0,
        "created_at": "2026-01-01 00:00:00",
        "updated_at": "2026-01-01 00:00:00",
    }
    calls = _taken_between_check_and_insert(monkeypatch, "articles", row, "parking-permits")
    with app.test_request_context():
        kb.update_article(
            article,
            editor=author,
            base_revision=article.revision_number,
            title="Parking permits",
            summary=article.summary,
            body=article.body,
            category_id=category.id,
            tags="",
            owner_id=author.id,
            status=article.status,
            review_by=article.review_by,
            change_note="Renamed",
        )
        db.session.commit()
    assert calls == ["parking-permits"]
    assert (article.title, article.slug) == ("Parking permits", "parking-permits-2")
    assert article.revision_number == 2  # the rest of the save went through


def test_a_service_slug_taken_at_the_same_moment_gets_the_next_number(app, monkeypatch):
    manager = make_user(roles=["manager"], team=make_team("Business Support"))
    service_category = ServiceCategory(name="Meetings", slug="meetings")
    db.session.add(service_category)
    db.session.commit()
    row = {
        "name": "Room bookings (other)",
        "slug": "room-bookings",
        "summary": "s",
        "description": "",
        "keywords": "",
        "category_id": service_category.id,
        "team_id": manager.team_id,
        "resolution_days": 3,
        "audience": "everyone",
        "active": True,
        "created_at": "2026-01-01 00:00:00",
        "updated_at": "2026-01-01 00:00:00",
        "version": 1,
    }
    calls = _taken_between_check_and_insert(monkeypatch, "services", row, "room-bookings")
    service = catalogue.create_service(
        manager,
        name="Room bookings",
        summary="Book a room",
        description="",
        keywords="",
        category_id=service_category.id,
        new_category="",
        team_id=manager.team_id,
        resolution_days=3,
        first_response_hours=None,
        audience="everyone",
        requesting_team_ids=[],
    )
    db.session.commit()
    assert calls == ["room-bookings"]
    assert service.slug == "room-bookings-2"


def test_a_duplicate_name_is_not_mistaken_for_a_taken_slug(app):
    """Only the slug's own constraint is retried: another one reaches the caller as before."""
    admin = make_user(roles=["admin"])
    make_category("Rooms")
    with pytest.raises(FieldError, match="already a category"):
        kb_categories.save_category(None, name="Rooms", description="", actor=admin)


def test_tags_created_twice_at_once_are_one_tag(app):
    first = tags_named(["rooms"])
    db.session.commit()
    assert [tag.slug for tag in first] == ["rooms"]
    assert tags_named(["rooms"]) == first
    assert db.session.scalar(select(db.func.count(Tag.id))) == 1


def test_two_sessions_creating_the_same_article_title_at_once_both_succeed(app, monkeypatch):
    """Two requests in two threads (own sessions and connections) save an article with the same
    title at the same moment; on PostgreSQL both wait at the same point, so both checks find the
    slug free and one insert is refused by the unique constraint. Both articles are saved."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite lets one writer at a time: the other request waits for the lock instead")
    author = make_user(roles=["editor"])
    category = make_category()
    author_id, category_id = author.id, category.id
    both_checked = threading.Barrier(2, timeout=10)
    results, errors, met = [], [], []

    def owner(model, candidate, old_slugs):
        owner_id = real_owner(model, candidate, old_slugs)
        if candidate == "visitor-parking" and owner_id is None:
            try:
                both_checked.wait()
                met.append(candidate)
            except threading.BrokenBarrierError:
                pass  # the other thread failed: its error is reported below
        return owner_id

    def save():
        with app.app_context(), app.test_request_context():
            try:
                article = kb.create_article(
                    author=db.session.get(User, author_id),
                    title="Visitor parking",
                    summary="s",
                    body="b",
                    category_id=category_id,
                    tags="",
                    owner_id=author_id,
                    status="published",
                    review_by=None,
                    change_note="",
                )
                db.session.commit()
                results.append(article.slug)
            except Exception as error:  # noqa: BLE001 (reported below)
                errors.append(error)
                both_checked.abort()
            finally:
                db.session.remove()

    monkeypatch.setattr(slugs, "_owner", owner)
    threads = [threading.Thread(target=save) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    assert met == ["visitor-parking", "visitor-parking"]  # both found it free before either saved
    assert sorted(results) == ["visitor-parking", "visitor-parking-2"]
    assert db.session.scalar(select(db.func.count(Article.id))) == 2
