"""The demo's content files (app/demo/content/) load as editors wrote them, and `flask seed-demo`
turns them into the demo: the same articles, services, forms and ideas every time, reading like a
real service (varied questions and comments)."""

from app.demo import content, knowledge, people
from app.markup import slugify


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
