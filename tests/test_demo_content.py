"""The demo's content files (app/demo/content/) load as editors wrote them, and `flask seed-demo`
turns them into the demo: the same articles, services, forms and ideas every time, reading like a
real service (varied questions and comments)."""

from collections import Counter

from sqlalchemy import func, select

from app.demo import content, knowledge, people
from app.extensions import db
from app.markup import slugify
from app.models import (
    Article,
    ArticleFeedback,
    ArticleQuestion,
    ArticleRevision,
    CannedReply,
    Category,
    Idea,
    Service,
    ServiceField,
    User,
)
from app.models.assistant import AskedQuestion


def test_content_files_are_found_next_to_the_package():
    assert content.CONTENT_DIR.is_dir() and content.CONTENT_DIR.parent.name == "demo"
    assert len(list(content.ARTICLES_DIR.glob("*.md"))) == 35


def test_articles_load_with_front_matter_body_and_history():
    articles = content.articles()
    assert len(articles) == 35
    assert len({article["slug"] for article in articles}) == 35
    categories = dict(knowledge.categories())
    emails = {email for email, *_ in people.DEMO_PEOPLE}
    for article in articles:
        assert article["slug"] == slugify(article["title"])
        assert article["category"] in categories and article["owner"] in emails
        assert article["summary"] and article["body"].strip() and article["change_note"]
        assert all(isinstance(tag, str) for tag in article["tags"])
        assert not article["body"].startswith("---")
        for version in article["history"]:
            assert version["body"].strip() and version["note"] and version["author"] in emails
    first = articles[0]
    assert (first["title"], first["category"]) == ("Booking the Council Chamber", "Meetings and committees")
    assert first["body"].startswith("The Council Chamber on the ground floor")
    assert first["history"][0]["note"] == "First version"
    # Every earlier version belongs to an article.
    slugs = {article["slug"] for article in articles}
    assert {path.name.rsplit(".", 2)[0] for path in (content.ARTICLES_DIR / "history").glob("*.md")} <= slugs


def test_services_forms_ideas_and_histories_load():
    services = content.services()
    assert len(services) == 15 and len(content.service_categories()) == 8
    for service in services:
        assert service["category"] in content.service_categories()
        keys = [question["key"] for question in service["form"]]
        assert len(keys) == len(set(keys))
        for question in service["form"]:
            assert all(isinstance(option, str) for option in question.get("options", []))
            if "show_if" in question:
                key, answer = question["show_if"]
                assert key in keys and isinstance(answer, str)
    histories = content.data("request_histories")
    assert set(histories["services"]) <= {service["name"] for service in services}
    assert set(histories["rating_comments"]) == {1, 2, 3, 4, 5}
    ideas = content.ideas()
    assert len(ideas) == 44 and ideas[0]["title"] == "Chatbot for common HR questions"
    assert all(isinstance(comment, str) for comment in content.data("knowledge")["not_helpful_comments"])


def test_seeding_makes_the_demo_from_the_content(app):
    app.test_cli_runner().invoke(args=["seed-demo"])
    count = lambda model: db.session.scalar(select(func.count()).select_from(model))  # noqa: E731
    assert count(Article) == 35 and count(Category) == 7
    assert count(ArticleRevision) == 35 + sum(len(article["history"]) for article in content.articles())
    assert count(Idea) == 44
    assert count(Service) == 16  # the catalogue, and Ask Staffroom's general enquiry
    assert count(ServiceField) == sum(len(service["form"]) for service in content.services()) + 3
    assert count(CannedReply) == 15
    article = db.session.scalar(select(Article).where(Article.slug == "booking-the-council-chamber"))
    assert article.title == "Booking the Council Chamber" and article.revision_number == 2
    # As its file says, but with its cross-reference to another article a real link to it.
    catering = db.session.scalar(select(Article).where(Article.title == "Arranging catering for a meeting"))
    assert article.body == content.articles()[0]["body"].replace(
        "(see *Arranging catering for a meeting*)",
        f"(see [Arranging catering for a meeting](/kb/articles/{catering.id}))",
    )
    assert "(see *" not in "".join(db.session.scalars(select(Article.body)))
    service = db.session.scalar(select(Service).where(Service.slug == "minute-taking-for-a-meeting"))
    assert service.name == "Minute-taking for a meeting"
    assert [field.label for field in service.fields][:2] == ["Type of meeting", "Name of the meeting"]
    assert db.session.scalar(select(Idea.id).where(Idea.title == "Chatbot for common HR questions"))
    # Many colleagues besides the demo accounts, all seeded once.
    assert count(User) == len(people.DEMO_PEOPLE) + len(people.colleagues())


def test_the_demo_reads_like_a_real_service(app):
    app.test_cli_runner().invoke(args=["seed-demo"])
    questions = list(db.session.scalars(select(ArticleQuestion.body)))
    assert len(questions) == 6 and len(set(questions)) == 6
    comments = Counter(
        db.session.execute(
            select(ArticleFeedback.article_id, ArticleFeedback.comment).where(ArticleFeedback.comment != "")
        ).all()
    )
    assert comments and max(comments.values()) == 1  # never the same comment twice on one article
    declined = list(db.session.scalars(select(AskedQuestion.question).where(AskedQuestion.answered.is_(False))))
    assert len(declined) == len(set(declined))
    # Worded differently, but still the same gap for the content-gap list.
    topics = Counter(db.session.scalars(select(AskedQuestion.topic).where(AskedQuestion.answered.is_(False))))
    assert topics["staff parking permit"] == 3
