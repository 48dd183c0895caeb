"""The dashboard's CSV downloads as a registry, and its figures as typed dataclasses: every table
a page links to is one Export and every Export is linked from a page; each figure, and each of
its rows, is a frozen dataclass (figures are shared between viewers, so never changed)."""

import dataclasses
import re

import pytest
from flask_login import login_user

from app import clock
from app.dashboard import exports, figures, ideas_and_knowledge, resilience
from app.dashboard.periods import Filters
from tests.dashboard.dataset import NOW, build, build_ideas
from tests.factories import make_category, make_user, signed_in_client


@pytest.fixture
def data(app):
    dataset = build()
    build_ideas(dataset)
    return dataset


def test_every_table_the_pages_link_to_is_in_the_registry_and_every_export_is_linked(app, data):
    with clock.fixed(NOW):
        admin = signed_in_client(app, make_user(roles=["admin"]))
        linked = set()
        for section in ("", "/demand", "/ideas", "/knowledge", "/people", "/resilience"):
            page_html = admin.get(f"/dashboard{section}?period=4w").get_data(as_text=True)
            linked |= set(re.findall(r'href="/dashboard/([a-z-]+)\.csv', page_html))
    assert linked == set(exports.EXPORTS)


def test_every_export_has_its_own_file_and_a_header_for_every_cell(app, data):
    filenames = [table_export.filename for table_export in exports.EXPORTS.values()]
    assert len(set(filenames)) == len(filenames) and all(name.endswith(".csv") for name in filenames)
    with clock.fixed(NOW):
        admin = make_user(roles=["admin"], team=data.democratic)
        with app.test_request_context():
            login_user(admin)
            for name, table_export in exports.EXPORTS.items():
                header, rows = table_export.table(Filters(period="4w", now=NOW))
                assert header and all(len(row) == len(header) for row in rows), name


def _is_frozen_dataclass(value) -> bool:
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        return False
    first = dataclasses.fields(value)[0].name
    try:
        setattr(value, first, None)
    except dataclasses.FrozenInstanceError:
        return True
    return False


def test_every_figure_and_every_row_is_a_frozen_dataclass(app, data):
    four_weeks = Filters(period="4w", now=NOW)
    make_category("Nothing here yet")  # a single point of failure: no guidance at all
    with clock.fixed(NOW):
        requests = figures.request_figures(four_weeks)
        ideas = ideas_and_knowledge.ideas_figures(four_weeks)
        knowledge = ideas_and_knowledge.knowledge_figures(data.mo, four_weeks)
        people = figures.per_agent(data.democratic, four_weeks)
        services = figures.per_service(four_weeks)
        demand = figures.demand(four_weeks)
    for figure in (requests, ideas, ideas.benefits, knowledge, knowledge.assistant, demand):
        assert _is_frozen_dataclass(figure), type(figure).__name__
    for rows in (requests.trend, figures.trend(four_weeks), services, people):
        assert rows and all(_is_frozen_dataclass(row) for row in rows), rows
    covers, categories = resilience.services(NOW), resilience.categories()
    assert covers and all(_is_frozen_dataclass(row) for row in covers)
    assert categories and all(_is_frozen_dataclass(row) for row in categories)
