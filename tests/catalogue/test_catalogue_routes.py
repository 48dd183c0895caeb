"""Service catalogue pages as people use them: browsing by category, finding a service by the
words people use for it (with and without JavaScript), retired and team-only services, and
managers and admins creating, editing and retiring services."""

import html
import re
from pathlib import Path

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent, Service, ServiceCategory
from app.search import vocabulary
from tests.conftest import page_text
from tests.factories import make_service, make_team, make_user, signed_in_client


def markup(response) -> str:
    return response.get_data(as_text=True)


def listed(response) -> list[str]:
    """The service names in the catalogue's results, in the order shown."""
    results = re.search(r'<div id="service-results".*', markup(response), re.S)
    assert results, "no service results on the page"
    return [
        html.unescape(name)
        for name in re.findall(r'<a class="govuk-link" href="/services/[^"]+">(.*?)</a></h3>', results.group(0))
    ]


def grouped(response) -> dict[str, list[str]]:
    """{category heading: [service names]} as the catalogue shows them."""
    results = re.search(r'<div id="service-results".*', markup(response), re.S).group(0)
    groups = {}
    for heading, items in re.findall(r'<h2 class="govuk-heading-m">(.*?)</h2>\s*<ul[^>]*>(.*?)</ul>', results, re.S):
        groups[html.unescape(heading)] = [
            html.unescape(name) for name in re.findall(r'href="/services/[^"]+">(.*?)</a>', items)
        ]
    return groups


def input_value(response, field_id) -> str | None:
    match = re.search(rf'<input[^>]*id="{field_id}"[^>]*value="([^"]*)"', markup(response))
    return html.unescape(match.group(1)) if match else None


def summary_links(response) -> list[tuple[str, str]]:
    """(field anchor, message) for each entry of the GOV.UK error summary."""
    summary = re.search(r'<div class="govuk-error-summary".*?</ul>', markup(response), re.S)
    assert summary, "no error summary on the page"
    return [
        (anchor, html.unescape(" ".join(text.split())))
        for anchor, text in re.findall(r'<a href="#([\w-]+)">(.*?)</a>', summary.group(0), re.S)
    ]


def service_named(name) -> Service | None:
    db.session.expire_all()
    return db.session.scalar(select(Service).where(Service.name == name))


def audit_actions(service) -> list[str]:
    return list(
        db.session.scalars(
            select(AuditEvent.action)
            .where(AuditEvent.subject_type == "services", AuditEvent.subject_id == service.id)
            .order_by(AuditEvent.id)
        )
    )


def manager_of(team, name=None):
    return make_user(roles=["manager"], team=team, name=name)


def service_form(category=None, team=None, **changes) -> dict:
    data = {
        "name": "Print and post letters",
        "summary": "We print, fold and post letters for you",
        "description": "## What we need\n\n- the letter as a PDF",
        "keywords": "mailing, franking",
        "category": str(category.id) if category else "0",
        "new_category": "",
        "team": str(team.id) if team else "",
        "resolution_days": "5",
        "first_response_hours": "",
        "audience": "everyone",
        "submit": "Save service",
    }
    data.update(changes)
    return data


def edit_form(service, **changes) -> dict:
    """The edit form as the page fills it in for `service`, with `changes` typed over it."""
    data = {
        "name": service.name,
        "summary": service.summary,
        "description": service.description,
        "keywords": service.keywords,
        "category": str(service.category_id),
        "new_category": "",
        "team": str(service.team_id),
        "resolution_days": str(service.resolution_days),
        "first_response_hours": str(service.first_response_hours or ""),
        "audience": service.audience,
        "requesting_teams": [str(team.id) for team in service.requesting_teams],
        "active": "y",
        "version": str(service.version),
        "submit": "Save service",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def business_support(app):
    return make_team("Business Support Hub")


@pytest.fixture
def hub_manager(business_support):
    return manager_of(business_support, "Morgan Manager")


@pytest.fixture
def hub_manager_client(app, hub_manager):
    return signed_in_client(app, hub_manager)


# --- Browsing --------------------------------------------------------------------------------


def test_the_catalogue_groups_services_by_category_and_a_category_shows_only_its_own(app, staff_client):
    make_service(name="Raise a purchase order", category="Money")
    make_service(name="Claim back expenses", category="Money")
    make_service(name="Minute-taking for a meeting", category="Meetings and events")

    everything = staff_client.get("/services")
    assert everything.status_code == 200
    assert grouped(everything) == {
        "Meetings and events": ["Minute-taking for a meeting"],
        "Money": ["Claim back expenses", "Raise a purchase order"],
    }
    assert "3 services" in page_text(everything)

    money = staff_client.get("/services?category=money")
    assert grouped(money) == {"Money": ["Claim back expenses", "Raise a purchase order"]}
    assert '<option value="money" selected>Money</option>' in markup(money)
    assert "2 services" in page_text(money)


def test_a_services_page_links_back_to_its_category(app, staff_client):
    service = make_service(
        name="Raise a purchase order",
        category="Money",
        resolution_days=2,
        summary="Buy goods and services from a supplier",
        description="Have the **quote** ready.",
    )

    page = staff_client.get(f"/services/{service.slug}")

    text = page_text(page)
    assert "Raise a purchase order" in text and "Buy goods and services from a supplier" in text
    assert "Done within 2 working days" in text
    assert "<strong>quote</strong>" in markup(page)
    assert 'href="/services?category=money"' in markup(page)
    assert "Make a request" in text


def test_searching_finds_a_service_by_the_words_people_use_for_it(app, staff_client):
    make_service(name="Raise a purchase order", keywords="PO, requisition", category="Money")
    make_service(name="Minute-taking for a meeting", keywords="minutes, notes")

    response = staff_client.get("/services?q=PO")

    assert response.status_code == 200
    assert listed(response) == ["Raise a purchase order"]
    assert "1 service for “PO”" in page_text(response)
    assert input_value(response, "service-search") == "PO"  # the search box keeps what was typed
    assert listed(staff_client.get("/services?q=minutes")) == ["Minute-taking for a meeting"]


def test_the_councils_abbreviations_find_services_by_any_of_their_other_names(app, staff_client):
    admin = make_user(roles=["editor"])
    for term, meaning in (("A/L", "annual leave"), ("holiday", "annual leave")):
        vocabulary.save(None, term=term, meaning=meaning, actor=admin)
    make_service(name="Diary support during absence", keywords="diary cover leave holiday")
    make_service(name="Raise a purchase order", keywords="PO, requisition")
    db.session.commit()

    # "A/L" is "annual leave", which is also "holiday": the word this service's keywords use.
    assert listed(staff_client.get("/services?q=A/L")) == ["Diary support during absence"]


def test_a_search_that_finds_nothing_says_so_and_offers_every_service(app, staff_client):
    make_service(name="Raise a purchase order", keywords="PO")

    response = staff_client.get("/services?q=helicopter")

    assert listed(response) == []
    text = page_text(response)
    assert "0 services for “helicopter”" in text and "No services match" in text
    assert 'href="/services">see every service</a>' in markup(response)


def test_searching_within_a_category_keeps_to_that_category(app, staff_client):
    make_service(name="Raise a purchase order", keywords="order", category="Money")
    make_service(name="Order stationery", category="Supplies")

    assert sorted(listed(staff_client.get("/services?q=order"))) == ["Order stationery", "Raise a purchase order"]
    assert listed(staff_client.get("/services?q=order&category=supplies")) == ["Order stationery"]


def test_searching_with_htmx_returns_only_the_results_with_their_count(app, staff_client):
    make_service(name="Raise a purchase order", keywords="PO, requisition", category="Money")
    make_service(name="Minute-taking for a meeting")

    response = staff_client.hx("GET", "/services?q=PO")

    assert response.status_code == 200
    body = markup(response).strip()
    assert body.startswith('<div id="service-results"') and "<html" not in body
    assert "1 service for “PO”" in page_text(response)
    assert listed(response) == ["Raise a purchase order"]
    assert "HX-Request" in response.headers["Vary"]


def test_the_search_form_keeps_the_address_shareable(app, staff_client):
    make_service(name="Raise a purchase order", keywords="PO")
    page = markup(staff_client.get("/services"))

    form = re.search(r'<form method="get" action="/services"[^>]*>', page).group(0)
    # htmx puts the search in the address bar, and the same address works without JavaScript.
    assert 'hx-get="/services"' in form and 'hx-push-url="true"' in form
    assert 'name="q"' in page and 'name="category"' in page
    assert listed(staff_client.get("/services?q=PO")) == listed(staff_client.hx("GET", "/services?q=PO"))


def test_a_history_restore_gets_the_whole_page(app, staff_client):
    make_service(name="Raise a purchase order", keywords="PO")
    response = staff_client.hx("GET", "/services?q=PO", headers={"HX-History-Restore-Request": "true"})
    assert "<html" in markup(response)
    assert listed(response) == ["Raise a purchase order"]


def test_site_search_finds_services_too(app, staff_client):
    service = make_service(name="Raise a purchase order", keywords="PO, requisition")
    response = staff_client.get("/search?q=requisition")
    assert f'href="/services/{service.slug}"' in markup(response)


# --- Retired services -----------------------------------------------------------------------


def test_a_retired_service_is_left_out_of_the_catalogue_and_search(app, staff_client):
    make_service(name="Fax a document", keywords="facsimile", active=False)
    make_service(name="Scan a document", keywords="facsimile")

    assert listed(staff_client.get("/services")) == ["Scan a document"]
    assert listed(staff_client.get("/services?q=facsimile")) == ["Scan a document"]
    assert listed(staff_client.get("/services?q=fax")) == []
    site_search = markup(staff_client.get("/search?q=document"))
    assert "/services/fax-a-document" not in site_search and "/services/scan-a-document" in site_search


def test_a_retired_services_page_still_shows_with_a_notice_and_no_start_button(app, staff_client):
    service = make_service(name="Fax a document", active=False)

    page = staff_client.get(f"/services/{service.slug}")

    assert page.status_code == 200
    text = page_text(page)
    assert "This service has been retired and takes no new requests." in text
    assert "Make a request" not in text
    assert f'href="/services/{service.slug}/request"' not in markup(page)
    request_form = staff_client.get(f"/services/{service.slug}/request")
    assert request_form.status_code == 410
    assert "Fax a document has been retired" in page_text(request_form)


def test_a_retired_team_only_service_stays_hidden_from_other_teams(app):
    legal = make_team("Legal")
    service = make_service(name="Seal a contract", audience="teams", requesting_teams=[legal], active=False)
    outsider = signed_in_client(app, make_user(team=make_team("Housing")))
    insider = signed_in_client(app, make_user(team=legal))

    assert outsider.get(f"/services/{service.slug}").status_code == 404
    page = insider.get(f"/services/{service.slug}")
    assert page.status_code == 200 and "has been retired" in page_text(page)


# --- Team-only services ---------------------------------------------------------------------


@pytest.fixture
def team_only(app):
    legal = make_team("Legal")
    service = make_service(
        name="Seal a contract",
        keywords="deed, sealing",
        summary="We seal and date deeds",
        audience="teams",
        requesting_teams=[legal],
        team=make_team("Democratic Services"),
    )
    make_service(name="Book a meeting room", keywords="deed")
    return service


def test_a_team_only_service_is_hidden_from_other_teams_everywhere(app, team_only):
    for person in (make_user(team=make_team("Housing")), make_user()):
        client = signed_in_client(app, person)
        assert listed(client.get("/services")) == ["Book a meeting room"]
        assert listed(client.get("/services?q=deed")) == ["Book a meeting room"]
        assert listed(client.get("/services?q=sealing")) == []
        assert "Seal a contract" not in page_text(client.get("/search?q=sealing"))
        page = client.get(f"/services/{team_only.slug}")
        assert page.status_code == 404 and "Page not found" in page_text(page)
        assert client.get(f"/services/{team_only.slug}/request").status_code == 404


def test_site_search_does_not_count_a_team_only_service_for_other_teams(app, team_only):
    team_only.category = ServiceCategory(name="Legal services", slug="legal-services")
    db.session.commit()
    client = signed_in_client(app, make_user(team=make_team("Housing")))

    text = page_text(client.get("/search?q=sealing"))

    assert "0 results for “sealing”" in text
    assert "Service (1)" not in text and "Legal services" not in text


def test_site_search_finds_a_team_only_service_for_its_teams_and_for_agents(app, team_only):
    for person in (
        make_user(team=team_only.requesting_teams[0]),
        make_user(roles=["agent"]),
        make_user(team=team_only.team),
    ):
        text = page_text(signed_in_client(app, person).get("/search?q=sealing"))
        assert "1 result for “sealing”" in text and "Seal a contract" in text


def test_an_index_built_with_an_older_schema_is_rebuilt_by_make_run(app, team_only):
    runner = app.test_cli_runner()
    runner.invoke(args=["search", "reindex"])
    marker = Path(app.config["SEARCH_INDEX_DIR"]) / "current" / "schema-version"
    assert runner.invoke(args=["search", "reindex", "--if-missing"]).output.startswith("search: an index exists")
    marker.unlink()  # as an index built before the schema changed
    assert "older schema" in runner.invoke(args=["search", "status"]).output

    result = runner.invoke(args=["search", "reindex", "--if-missing"])

    assert "built with an older schema; rebuilding it" in result.output
    assert marker.exists()
    assert "older schema" not in runner.invoke(args=["search", "status"]).output


def test_a_team_only_service_is_there_for_the_teams_chosen(app, team_only):
    client = signed_in_client(app, make_user(team=team_only.requesting_teams[0]))

    listing = client.get("/services")
    assert listed(listing) == ["Book a meeting room", "Seal a contract"]
    assert "Democratic Services · done within 3 working days · for Legal" in page_text(listing)
    assert listed(client.get("/services?q=sealing")) == ["Seal a contract"]
    page = client.get(f"/services/{team_only.slug}")
    assert page.status_code == 200 and "Make a request" in page_text(page)
    assert client.get(f"/services/{team_only.slug}/request").status_code == 200


def test_agents_see_every_service_and_may_start_a_request_for_someone(app, team_only):
    client = signed_in_client(app, make_user(roles=["agent"]))

    assert listed(client.get("/services")) == ["Book a meeting room", "Seal a contract"]
    assert listed(client.get("/services?q=sealing")) == ["Seal a contract"]
    page = client.get(f"/services/{team_only.slug}")
    assert page.status_code == 200 and "Make a request" in page_text(page)


def test_the_team_that_runs_a_team_only_service_sees_it_but_cannot_request_it(app, team_only):
    client = signed_in_client(app, make_user(team=team_only.team))

    assert "Seal a contract" in listed(client.get("/services"))
    page = client.get(f"/services/{team_only.slug}")
    assert page.status_code == 200
    text = page_text(page)
    assert "This service is only for Legal." in text and "Make a request" not in text
    assert client.get(f"/services/{team_only.slug}/request").status_code == 404


# --- Creating services ----------------------------------------------------------------------


def test_a_manager_creates_a_service_for_their_team(app, business_support, hub_manager, hub_manager_client):
    category = ServiceCategory(name="Post and printing", slug="post-and-printing")
    db.session.add(category)
    db.session.commit()
    make_team("Somebody Else's Team")

    form_page = hub_manager_client.get("/services/new")
    assert re.findall(
        r'<option value="\d+"[^>]*>(.*?)</option>',
        re.search(r'<select[^>]*id="team".*?</select>', markup(form_page), re.S).group(0),
    ) == ["Business Support Hub"]

    response = hub_manager_client.post("/services/new", data=service_form(category, business_support))

    assert response.status_code == 303
    assert response.headers["Location"] == "/services/print-and-post-letters/form"
    builder = hub_manager_client.get(response.headers["Location"])
    assert "Service created. Now add the questions of its request form." in page_text(builder)
    page = page_text(hub_manager_client.get("/services/print-and-post-letters"))
    assert "We print, fold and post letters for you" in page
    assert "Done within 5 working days" in page and "Run by Business Support Hub" in page
    service = service_named("Print and post letters")
    assert audit_actions(service) == ["service_created"]
    # Found at once by the words people use for it.
    staff = signed_in_client(app, make_user())
    assert listed(staff.get("/services?q=franking")) == ["Print and post letters"]


def test_a_manager_cannot_create_a_service_for_another_team(app, business_support, hub_manager_client):
    other = make_team("Facilities")
    response = hub_manager_client.post("/services/new", data=service_form(team=other, new_category="Post"))

    assert response.status_code == 422
    assert ("team", "Choose the team that runs this service") in summary_links(response)
    assert service_named("Print and post letters") is None


def test_a_new_category_can_be_typed_in(app, admin_client, business_support):
    response = admin_client.post(
        "/services/new", data=service_form(team=business_support, new_category="  Post   and printing ")
    )

    assert response.status_code == 303
    service = service_named("Print and post letters")
    assert service.category.name == "Post and printing"
    staff = signed_in_client(app, make_user())
    assert grouped(staff.get("/services")) == {"Post and printing": ["Print and post letters"]}


def test_typing_the_name_of_a_category_that_exists_uses_it(app, admin_client, business_support):
    existing = make_service(name="Franking", category="Post and printing")
    response = admin_client.post(
        "/services/new", data=service_form(team=business_support, new_category="post AND printing")
    )
    assert response.status_code == 303
    assert service_named("Print and post letters").category_id == existing.category_id
    assert len(db.session.scalars(select(ServiceCategory)).all()) == 1


@pytest.mark.parametrize("typed", ["%", "_____"])
def test_a_new_category_of_only_symbols_is_refused_rather_than_matched_to_another(
    app, admin_client, business_support, typed
):
    make_service(name="Franking", category="Money")

    response = admin_client.post("/services/new", data=service_form(team=business_support, new_category=typed))

    assert response.status_code == 422
    assert summary_links(response) == [("new_category", "Enter a category name with at least one letter or number")]
    assert service_named("Print and post letters") is None


def test_problems_are_listed_in_the_error_summary_and_what_was_typed_is_kept(app, admin_client, business_support):
    response = admin_client.post(
        "/services/new",
        data=service_form(team=business_support, name="", resolution_days="0", keywords="mailing, franking"),
    )

    assert response.status_code == 422
    assert "There is a problem" in page_text(response)
    assert summary_links(response) == [
        ("name", "Enter the service’s name"),
        ("resolution_days", "Resolution target must be between 1 and 250 working days"),
    ]
    assert input_value(response, "summary") == "We print, fold and post letters for you"
    assert input_value(response, "keywords") == "mailing, franking"
    assert input_value(response, "resolution_days") == "0"
    assert "## What we need" in markup(response)
    assert db.session.scalar(select(Service)) is None


@pytest.mark.parametrize("days", ["0", "251", "-3", "five"])
def test_a_resolution_target_outside_1_to_250_working_days_is_refused(app, admin_client, business_support, days):
    response = admin_client.post(
        "/services/new", data=service_form(team=business_support, new_category="Post", resolution_days=days)
    )
    assert response.status_code == 422
    anchors = [anchor for anchor, _ in summary_links(response)]
    assert anchors == ["resolution_days"]
    assert input_value(response, "resolution_days") == days
    assert db.session.scalar(select(Service)) is None


@pytest.mark.parametrize("days", ["1", "250"])
def test_resolution_targets_of_1_and_250_working_days_are_accepted(app, admin_client, business_support, days):
    response = admin_client.post(
        "/services/new", data=service_form(team=business_support, new_category="Post", resolution_days=days)
    )
    assert response.status_code == 303
    assert service_named("Print and post letters").resolution_days == int(days)


@pytest.mark.parametrize("existing", ["Print and post letters", "PRINT AND POST LETTERS"])
def test_a_second_service_with_the_same_name_is_refused(app, admin_client, business_support, existing):
    make_service(name=existing)
    response = admin_client.post("/services/new", data=service_form(team=business_support, new_category="Post"))

    assert response.status_code == 422
    assert summary_links(response) == [("name", "There is already a service with this name")]
    assert input_value(response, "name") == "Print and post letters"
    assert len(db.session.scalars(select(Service)).all()) == 1


def test_a_category_is_needed(app, admin_client, business_support):
    response = admin_client.post("/services/new", data=service_form(team=business_support))
    assert response.status_code == 422
    assert summary_links(response) == [("category", "Choose a category, or type the name of a new one")]


def test_a_team_only_service_needs_at_least_one_team(app, admin_client, business_support):
    response = admin_client.post(
        "/services/new", data=service_form(team=business_support, new_category="Post", audience="teams")
    )

    assert response.status_code == 422
    assert summary_links(response) == [("requesting_teams", "Choose at least one team that may request this service")]
    assert 'value="teams" checked' in markup(response)
    assert db.session.scalar(select(Service)) is None


def test_a_team_only_service_is_offered_only_to_the_teams_ticked(app, admin_client, business_support):
    legal = make_team("Legal")
    response = admin_client.post(
        "/services/new",
        data=service_form(
            team=business_support, new_category="Post", audience="teams", requesting_teams=[str(legal.id)]
        ),
    )

    assert response.status_code == 303
    assert "Who can ask Legal" in page_text(admin_client.get("/services/print-and-post-letters"))
    assert listed(signed_in_client(app, make_user(team=make_team("Housing"))).get("/services")) == []
    assert listed(signed_in_client(app, make_user(team=legal)).get("/services")) == ["Print and post letters"]


def test_people_who_may_not_create_services_are_told_there_is_no_such_page(app, business_support):
    for person in (make_user(), make_user(roles=["agent"], team=business_support), make_user(roles=["manager"])):
        client = signed_in_client(app, person)
        assert client.get("/services/new").status_code == 404
        response = client.post("/services/new", data=service_form(team=business_support, new_category="Post"))
        assert response.status_code == 404
        assert "Manage your team’s services" not in page_text(client.get("/services"))
    assert db.session.scalar(select(Service)) is None


def test_a_manager_sees_only_their_teams_services_to_manage(app, business_support, hub_manager_client):
    make_service(name="Print and post letters", team=business_support)
    make_service(name="Fax a document", team=business_support, active=False)
    make_service(name="Book a pool car", team=make_team("Fleet"))

    page = hub_manager_client.get("/services/manage")

    text = page_text(page)
    assert "Fax a document" in text and "Print and post letters" in text and "Book a pool car" not in text
    assert "Retired" in text and "Taking requests" in text
    assert "Manage your team’s services" in page_text(hub_manager_client.get("/services"))


# --- Editing services -----------------------------------------------------------------------


def test_the_edit_form_starts_with_the_services_details(app, business_support, hub_manager_client):
    service = make_service(
        name="Print and post letters",
        team=business_support,
        keywords="franking",
        resolution_days=4,
        first_response_hours=8,
    )

    page = hub_manager_client.get(f"/services/{service.slug}/edit")

    assert page.status_code == 200
    assert input_value(page, "name") == "Print and post letters"
    assert input_value(page, "keywords") == "franking"
    assert input_value(page, "resolution_days") == "4" and input_value(page, "first_response_hours") == "8"
    assert input_value(page, "version") == str(service.version)
    assert re.search(rf'<option value="{service.category_id}" selected>', markup(page))
    assert re.search(r'id="active" name="active" type="checkbox" value="y" checked', markup(page))


def test_a_manager_of_the_owning_team_changes_a_service(app, business_support, hub_manager_client):
    service = make_service(name="Print and post letters", team=business_support)

    response = hub_manager_client.post(
        f"/services/{service.slug}/edit",
        data=edit_form(service, summary="Letters printed, folded and posted the same day", resolution_days="1"),
    )

    assert response.status_code == 303
    assert response.headers["Location"] == f"/services/{service.slug}"
    page = page_text(hub_manager_client.get(response.headers["Location"]))
    assert "Service saved" in page
    assert "Letters printed, folded and posted the same day" in page and "Done within 1 working day" in page
    assert audit_actions(service) == ["service_updated"]


def test_a_manager_sets_when_the_team_is_warned_of_a_due_time(app, business_support, hub_manager_client):
    service = make_service(name="Print and post letters", team=business_support)
    assert service.sla_warning_percent == 75  # the default
    page = hub_manager_client.get(f"/services/{service.slug}/edit")
    assert input_value(page, "sla_warning_percent") == "75"

    refused = hub_manager_client.post(
        f"/services/{service.slug}/edit", data=edit_form(service, sla_warning_percent="100")
    )
    assert refused.status_code == 422
    assert summary_links(refused) == [
        ("sla_warning_percent", "The warning must come when between 1% and 99% of the time is used")
    ]
    assert input_value(refused, "sla_warning_percent") == "100"  # what was typed stays

    saved = hub_manager_client.post(f"/services/{service.slug}/edit", data=edit_form(service, sla_warning_percent="50"))
    assert saved.status_code == 303
    db.session.refresh(service)
    assert service.sla_warning_percent == 50


def test_renaming_a_service_gives_it_a_new_address_and_search_finds_the_new_name(app, admin_client):
    service = make_service(name="Print and post letters")
    response = admin_client.post(f"/services/{service.slug}/edit", data=edit_form(service, name="Hybrid mail"))

    assert response.headers["Location"] == "/services/hybrid-mail"
    assert admin_client.get("/services/hybrid-mail").status_code == 200
    assert listed(admin_client.get("/services?q=hybrid")) == ["Hybrid mail"]


def test_a_stale_edit_is_refused_and_does_not_overwrite_the_other_change(app, business_support, hub_manager_client):
    service = make_service(name="Print and post letters", team=business_support)
    first_version = str(service.version)
    colleague = signed_in_client(app, manager_of(business_support))
    assert (
        colleague.post(
            f"/services/{service.slug}/edit", data=edit_form(service, summary="Colleague’s summary")
        ).status_code
        == 303
    )

    response = hub_manager_client.post(
        f"/services/{service.slug}/edit", data=edit_form(service, summary="My summary", version=first_version)
    )

    assert response.status_code == 422
    assert "Someone else changed this service while you were editing it" in page_text(response)
    assert input_value(response, "summary") == "My summary"  # what was typed, to save again
    assert service_named("Print and post letters").summary == "Colleague’s summary"
    # The page now holds the latest version: saving again, deliberately, works.
    retry = hub_manager_client.post(
        f"/services/{service.slug}/edit",
        data=edit_form(service, summary="My summary", version=input_value(response, "version")),
    )
    assert retry.status_code == 303
    assert service_named("Print and post letters").summary == "My summary"


def test_fixing_another_mistake_on_a_stale_form_still_finds_the_other_change(app, business_support, hub_manager_client):
    service = make_service(name="Print and post letters", team=business_support)
    opened = edit_form(service, summary="My summary")
    colleague = signed_in_client(app, manager_of(business_support))
    colleague.post(f"/services/{service.slug}/edit", data=edit_form(service, summary="Colleague’s summary"))

    mistake = hub_manager_client.post(f"/services/{service.slug}/edit", data={**opened, "name": ""})
    assert mistake.status_code == 422
    assert summary_links(mistake) == [("name", "Enter the service’s name")]
    assert input_value(mistake, "version") == opened["version"]  # still the version it was opened at

    fixed = hub_manager_client.post(
        f"/services/{service.slug}/edit", data={**opened, "version": input_value(mistake, "version")}
    )
    assert fixed.status_code == 422
    assert "Someone else changed this service" in page_text(fixed)
    assert service_named("Print and post letters").summary == "Colleague’s summary"


def test_a_form_change_since_the_edit_page_opened_also_counts_as_someone_elses_change(
    app, business_support, hub_manager_client
):
    service = make_service(name="Print and post letters", team=business_support)
    opened_version = str(service.version)
    colleague = signed_in_client(app, manager_of(business_support))
    assert (
        colleague.post(
            f"/services/{service.slug}/form/new?kind=text", data={"label": "Number of letters", "required": "y"}
        ).status_code
        == 303
    )

    response = hub_manager_client.post(
        f"/services/{service.slug}/edit", data=edit_form(service, summary="Mine", version=opened_version)
    )
    assert response.status_code == 422
    assert "Someone else changed this service" in page_text(response)


def test_a_manager_of_another_team_cannot_edit_a_service(app, business_support):
    service = make_service(name="Print and post letters", team=business_support)
    client = signed_in_client(app, manager_of(make_team("Fleet")))

    assert client.get(f"/services/{service.slug}/edit").status_code == 404
    response = client.post(f"/services/{service.slug}/edit", data=edit_form(service, summary="Taken over"))
    assert response.status_code == 404 and "Page not found" in page_text(response)
    assert service_named("Print and post letters").summary == "We help with this"
    assert "Change details or retire it" not in page_text(client.get(f"/services/{service.slug}"))


def test_an_admin_may_hand_a_service_to_another_team_but_a_manager_may_not(
    app, business_support, hub_manager_client, admin_client
):
    service = make_service(name="Print and post letters", team=business_support)
    fleet = make_team("Fleet")

    refused = hub_manager_client.post(f"/services/{service.slug}/edit", data=edit_form(service, team=str(fleet.id)))
    assert refused.status_code == 422
    assert summary_links(refused) == [("team", "Choose the team that runs this service")]

    moved = admin_client.post(f"/services/{service.slug}/edit", data=edit_form(service, team=str(fleet.id)))
    assert moved.status_code == 303
    assert "Run by Fleet" in page_text(admin_client.get(f"/services/{service.slug}"))
    # ...and it is no longer the hub manager's to change.
    assert hub_manager_client.get(f"/services/{service.slug}/edit").status_code == 404


def test_editing_problems_come_back_in_the_error_summary(app, business_support, hub_manager_client):
    service = make_service(name="Print and post letters", team=business_support)
    make_service(name="Hybrid mail")

    response = hub_manager_client.post(f"/services/{service.slug}/edit", data=edit_form(service, name="Hybrid mail"))
    assert response.status_code == 422
    assert summary_links(response) == [("name", "There is already a service with this name")]
    assert service_named("Print and post letters") is not None

    response = hub_manager_client.post(f"/services/{service.slug}/edit", data=edit_form(service, resolution_days="251"))
    assert summary_links(response) == [("resolution_days", "Resolution target must be between 1 and 250 working days")]
    assert service_named("Print and post letters").resolution_days == 3


def test_retiring_a_service_stops_new_requests(app, business_support, hub_manager_client):
    service = make_service(name="Print and post letters", team=business_support)
    staff = signed_in_client(app, make_user())
    assert staff.get(f"/services/{service.slug}/request").status_code == 200

    response = hub_manager_client.post(f"/services/{service.slug}/edit", data=edit_form(service, active=None))

    assert response.status_code == 303
    page = page_text(hub_manager_client.get(response.headers["Location"]))
    assert "Service saved. It is retired and takes no new requests." in page
    assert "This service has been retired and takes no new requests." in page
    assert audit_actions(service) == ["service_retired"]
    assert staff.get(f"/services/{service.slug}/request").status_code == 410
    sent = staff.post(
        f"/services/{service.slug}/request", data={"subject": "Letters", "description": "Two hundred letters"}
    )
    assert sent.status_code == 410
    assert "Print and post letters" not in listed(staff.get("/services"))
    assert "Retired" in page_text(hub_manager_client.get("/services/manage"))


def test_bringing_a_retired_service_back_takes_requests_again(app, admin_client):
    service = make_service(name="Print and post letters", active=False)
    response = admin_client.post(f"/services/{service.slug}/edit", data=edit_form(service, active="y"))
    assert response.status_code == 303
    staff = signed_in_client(app, make_user())
    assert listed(staff.get("/services")) == ["Print and post letters"]
    assert staff.get(f"/services/{service.slug}/request").status_code == 200
    assert audit_actions(service) == ["service_reactivated"]


def test_the_audit_log_records_creating_changing_and_retiring_a_service(app, admin, admin_client, business_support):
    admin_client.post("/services/new", data=service_form(team=business_support, new_category="Post"))
    service = service_named("Print and post letters")
    admin_client.post(f"/services/{service.slug}/edit", data=edit_form(service, summary="Changed"))
    service = service_named("Print and post letters")
    admin_client.post(f"/services/{service.slug}/edit", data=edit_form(service, active=None))

    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.subject_type == "services").order_by(AuditEvent.id)
    ).all()
    assert [(event.action, event.actor_id, event.subject_id) for event in events] == [
        ("service_created", admin.id, service.id),
        ("service_updated", admin.id, service.id),
        ("service_retired", admin.id, service.id),
    ]
    log = page_text(admin_client.get("/admin/audit?view=changes"))
    for done in ("Created the service", "Changed the service", "Retired the service"):
        assert f"{done} Print and post letters" in log
    assert f"(services {service.id})" not in log


def test_the_category_filter_lists_only_categories_with_services_the_person_may_see(app, team_only):
    team_only.category = ServiceCategory(name="Legal services", slug="legal-services")
    db.session.commit()
    make_service(name="Typing from dictation", category="Typing", active=False)

    def categories(person):
        text = page_text(signed_in_client(app, person).get("/services"))
        return re.search(r"All categories (.*?) Show services", text).group(1)

    housing = categories(make_user(team=make_team("Housing")))
    assert "Meetings and events" in housing  # "Book a meeting room"
    assert "Legal services" not in housing  # only a service for Legal
    assert "Typing" not in housing  # only a retired service
    assert "Legal services" in categories(make_user(team=team_only.requesting_teams[0]))
