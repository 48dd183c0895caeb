"""The accessibility statement follows GOV.UK's model statement, section by section."""

import re

from tests.conftest import page_text

MODEL_SECTIONS = [
    "Using this website",
    "How accessible this website is",
    "Feedback and contact information",
    "Reporting accessibility problems with this website",
    "Enforcement procedure",
    "Technical information about this website’s accessibility",
    "Compliance status",
    "Non-accessible content",
    "Non-compliance with the accessibility regulations",
    "Disproportionate burden",
    "Content that’s not within the scope of the accessibility regulations",
    "What we’re doing to improve accessibility",
    "Preparation of this accessibility statement",
]


def test_statement_has_the_model_statements_sections_in_order(client):
    markup = client.get("/accessibility").get_data(as_text=True)
    markup = re.search(r"<main.*</main>", markup, re.S).group(0)
    headings = [re.sub(r"<[^>]+>", "", text).strip() for text in re.findall(r"<h[23][^>]*>(.*?)</h[23]>", markup, re.S)]
    assert headings == MODEL_SECTIONS


def test_statement_names_the_standard_the_enforcers_and_how_it_was_tested(client):
    text = page_text(client.get("/accessibility"))
    assert "partially compliant with the Web Content Accessibility Guidelines version 2.2 AA standard" in text
    assert "Equality and Human Rights Commission (EHRC)" in text
    assert "Equality Commission for Northern Ireland (ECNI)" in text
    assert re.search(
        r"This statement was prepared on \d{1,2} \w+ \d{4}\. It was last reviewed on \d{1,2} \w+ \d{4}\.", text
    )
    for method in ("axe-core", "Nu Html Checker", "keyboard alone", "JavaScript switched off"):
        assert method in text
    # Honest about what has not been done yet.
    assert "has not yet been tested by hand" in text
