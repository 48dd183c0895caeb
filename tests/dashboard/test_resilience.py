"""Single points of failure, counted by hand: per service, the agents who resolved its requests
in the last 90 days, the published articles that answered questions on its form and their
authors; per knowledge category, its articles and people. The Resilience tab shows them to
managers (with names), editors (counts only) and admins; nobody else finds it."""

import csv
import io
from datetime import timedelta

from sqlalchemy import select

from app import clock
from app.dashboard import resilience
from app.extensions import db
from app.models import Article, Deflection
from tests.conftest import page_text
from tests.dashboard.dataset import NOW, build
from tests.factories import make_article, make_category, make_service, make_user, signed_in_client


def _deflect(service, article, person, days_ago: int) -> None:
    db.session.add(
        Deflection(
            service_id=service.id,
            article_id=article.id,
            user_id=person.id,
            created_at=NOW - timedelta(days=days_ago),
            dedupe_key=f"{person.id}:{service.id}:{article.id}:{days_ago}",
        )
    )
    db.session.commit()


def _dataset():
    """The dashboard's dataset (R1, R2 resolved by Alex and Bo for Minute taking; R3 by Cy for
    Room booking, all in April 2026; Dana's article answered questions on both forms), plus
    guidance: two more articles by two people on Minute taking's form; one more by Wendy on
    Room booking's, and a draft (not counted); nothing on a third service, which nobody
    resolved in 90 days."""
    data = build()
    writer, other = make_user(name="Wendy Writer"), make_user(name="Omar Other")
    category = make_category("Minutes")
    minutes_one = make_article(title="Taking minutes", category=category, author=writer)
    minutes_two = make_article(title="Minute templates", category=category, author=other)
    rooms_guide = make_article(title="Booking rooms", category=make_category("Rooms"), author=writer)
    draft = make_article(title="Draft", category=category, author=other, status="draft")
    # The dataset's own article answered questions on both forms: its author is named here.
    shared = db.session.scalar(select(Article).where(Article.title == "Booking rooms and taking minutes"))
    shared.owner.name = "Dana Dataset"  # its owner wrote it (the factory)
    requester = data.rita
    _deflect(data.minutes, minutes_one, requester, 3)
    _deflect(data.minutes, minutes_two, requester, 4)
    _deflect(data.minutes, minutes_one, make_user(), 5)  # the same article again: counted once
    _deflect(data.rooms, rooms_guide, requester, 200)  # long ago still covers it
    _deflect(data.rooms, draft, requester, 6)
    quiet = make_service(name="Shredding", team=data.facilities)
    return data, quiet


def test_services_are_counted_by_hand_and_ranked_the_most_exposed_first(app):
    _, quiet = _dataset()
    covers = {row.service.name: row for row in resilience.services(NOW)}
    # The dataset's services were made before this module's: the counts (90 days to 27 April 2026).
    minutes, rooms, shredding = covers["Minute taking"], covers["Room booking"], covers["Shredding"]
    assert (minutes.resolved, minutes.agents, minutes.articles) == (2, ["Alex Agent", "Bo Agent"], 3)
    assert minutes.authors == ["Dana Dataset", "Omar Other", "Wendy Writer"] and minutes.risks == []
    assert (rooms.resolved, rooms.agents, rooms.articles) == (1, ["Cy Agent"], 2)
    assert rooms.authors == ["Dana Dataset", "Wendy Writer"]
    assert rooms.single_point and rooms.risks == ["One agent"]
    assert (shredding.resolved, shredding.agents, shredding.articles) == (0, [], 0)
    assert shredding.risks == ["Nothing resolved in 90 days", "No guidance"]
    assert [row.service.name for row in resilience.services(NOW)] == ["Room booking", "Shredding", "Minute taking"]
    # 90 days on, nothing resolved in the window: nobody is a single point any more.
    assert not any(row.single_point for row in resilience.services(NOW + timedelta(days=91)))
    assert quiet.name == "Shredding"
    assert resilience.services_without_guidance() == 1  # the home page's count: Shredding


def test_the_resilience_tab_names_people_only_to_managers(app):
    data, _ = _dataset()
    with clock.fixed(NOW):
        manager = signed_in_client(app, make_user(roles=["manager"]))
        text = page_text(manager.get("/dashboard/resilience"))
        assert "1 of 3 active services depend on one agent; 1 has no guidance." in text
        assert "Room booking 1 Cy Agent 1 2 2 Dana Dataset, Wendy Writer One agent" in text
        rows = list(csv.reader(io.StringIO(manager.get("/dashboard/resilience-services.csv").get_data(as_text=True))))
        assert rows[0] == [
            "Service",
            "Agents (90 days)",
            "Who",
            "Resolved (90 days)",
            "Articles",
            "Authors",
            "Written by",
            "Risk",
        ]
        assert rows[1] == ["Room booking", "1", "Cy Agent", "1", "2", "2", "Dana Dataset, Wendy Writer", "One agent"]

        editor = signed_in_client(app, make_user(roles=["editor"]))
        text = page_text(editor.get("/dashboard/resilience"))
        assert "Room booking 1 1 2 2 One agent" in text and "Cy Agent" not in text
        rows = list(csv.reader(io.StringIO(editor.get("/dashboard/resilience-services.csv").get_data(as_text=True))))
        assert rows[1] == ["Room booking", "1", "1", "2", "2", "One agent"]
        assert "Cy Agent" not in editor.get("/dashboard/resilience-categories.csv").get_data(as_text=True)

        staff = signed_in_client(app, make_user())
        assert staff.get("/dashboard/resilience").status_code == 404
        assert staff.get("/dashboard/resilience-services.csv").status_code == 404
        assert "Resilience" not in page_text(staff.get("/dashboard/knowledge"))
        assert data.rooms.name == "Room booking"
