"""How kinds are weighed in search: an idea that mentions a word ranks below the guidance on it,
and each kind has its own Category facet."""

from app import search
from tests.factories import make_article, make_user
from tests.ideas.helpers import make_idea


def test_a_how_to_article_is_not_outranked_by_an_idea_that_mentions_the_word(app):
    make_article(
        title="Claiming mileage for a site visit",
        summary="How to claim business mileage",
        body="Open Expenses and claim the mileage of each journey. Mileage is paid monthly with salary.",
    )
    make_idea(title="Mileage", description="Mileage forms should be simpler.")
    search.reindex(progress=lambda line: None)

    with app.test_request_context():
        page = search.search(make_user(), "mileage", log=False)
    assert [result.kind for result in page.results] == ["article", "idea"]
