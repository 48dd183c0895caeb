"""The form builder's approval steps: adding (who approves, and when), bad input refused on its
field with nothing lost, removing, and a question a step depends on kept until the step goes."""

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import ApprovalStep, AuditEvent
from tests.conftest import page_text
from tests.factories import make_service, make_team, make_user, signed_in_client


@pytest.fixture
def finance(app):
    return make_team("Finance")


@pytest.fixture
def service(finance):
    return make_service(
        name="Purchase orders",
        team=finance,
        fields=[
            {"kind": "number", "label": "Amount (£)"},
            {"kind": "radios", "label": "Budget", "options": "Capital\nRevenue"},
            {"kind": "text", "label": "Supplier"},
        ],
    )


@pytest.fixture
def manager(app, finance):
    return signed_in_client(app, make_user(roles=["manager"], team=finance, name="Morgan Manager"))


def steps(service):
    db.session.expire_all()
    return list(db.session.scalars(select(ApprovalStep).where(ApprovalStep.service_id == service.id)))


def add(client, service, **data):
    return client.post(f"/services/{service.slug}/approvals/new", data={"team": "0", "condition_field": "0", **data})


def test_a_manager_adds_a_conditional_line_manager_step_with_a_fallback_and_it_shows_in_the_builder(
    manager, service, finance
):
    amount = service.fields[0]
    response = add(
        manager,
        service,
        approver_kind="line_manager",
        team=str(finance.id),
        role="manager",
        condition_field=str(amount.id),
        condition_operator="gt",
        condition_value="5,000",
    )
    assert response.status_code == 303
    [step] = steps(service)
    assert (step.approver_kind, step.team_id, step.role) == ("line_manager", finance.id, "manager")
    assert (step.condition_field_id, step.condition_operator, step.condition_value) == (amount.id, "gt", "5000")
    page = page_text(manager.get(f"/services/{service.slug}/form"))
    assert "The requester’s line manager (else Finance: managers). When “Amount (£)” is more than 5000." in page
    assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.action == "approval_step_added"))


def test_a_named_person_and_a_choice_condition(manager, service):
    approver = make_user(name="Pat Approver", email="pat.approver@council.test")
    budget = service.fields[1]
    response = add(
        manager,
        service,
        approver_kind="person",
        person_email=" Pat.Approver@council.test ",
        condition_field=str(budget.id),
        condition_value="Capital",
    )
    assert response.status_code == 303
    [step] = steps(service)
    assert (step.person_id, step.condition_operator, step.condition_value) == (approver.id, "is", "Capital")


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({}, "approver_kind", "Choose who approves"),
        ({"approver_kind": "person"}, "person_email", "Enter the email address of the person who approves"),
        (
            {"approver_kind": "person", "person_email": "nobody@council.test"},
            "person_email",
            "Nobody with a Staffroom account has that email address",
        ),
        ({"approver_kind": "team"}, "team", "Choose the team whose members approve"),
        ({"approver_kind": "role"}, "role", "Choose the role whose holders approve"),
        ({"approver_kind": "role", "role": "wizard"}, "role", "Choose a role from the list"),
        ({"approver_kind": "line_manager", "condition_field": "amount"}, "condition_operator", "Choose how the answer"),
        (
            {"approver_kind": "line_manager", "condition_field": "amount", "condition_operator": "gt"},
            "condition_value",
            "Enter a number to compare the answer with, like 5000",
        ),
        (
            {
                "approver_kind": "line_manager",
                "condition_field": "amount",
                "condition_operator": "gt",
                "condition_value": "lots",
            },
            "condition_value",
            "Enter a number to compare the answer with, like 5000",
        ),
        (
            {"approver_kind": "line_manager", "condition_field": "budget", "condition_value": "Petty cash"},
            "condition_value",
            "Enter one of the answers to “Budget”: Capital, Revenue",
        ),
        (
            {"approver_kind": "line_manager", "condition_field": "supplier"},
            "condition_field",
            "Choose a number or choice question from the list",
        ),
        ({"approver_kind": "line_manager", "condition_field": "not-a-number"}, "condition_field", "Invalid Choice"),
    ],
)
def test_bad_input_is_refused_on_its_field_and_what_was_typed_stays(manager, service, data, field, message):
    ids = {"amount": service.fields[0].id, "budget": service.fields[1].id, "supplier": service.fields[2].id}
    if data.get("condition_field") in ids:
        data = {**data, "condition_field": str(ids[data["condition_field"]])}
    response = add(manager, service, **data)
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert f'href="#{field}"' in body  # the error summary leads to the field
    assert message in page_text(response)
    if data.get("condition_value"):
        assert f'value="{data["condition_value"]}"' in body
    assert steps(service) == []


def test_removing_a_step_asks_first_and_a_question_a_step_uses_cannot_be_removed_until_then(manager, service):
    amount = service.fields[0]
    add(
        manager,
        service,
        approver_kind="role",
        role="admin",
        condition_field=str(amount.id),
        condition_operator="ge",
        condition_value="100",
    )
    [step] = steps(service)
    refused = manager.post(f"/services/{service.slug}/form/{amount.id}/remove", data={})
    assert refused.status_code == 422
    assert "An approval step depends on the answer to “Amount (£)”. Remove that step first." in page_text(refused)
    confirm = manager.get(f"/services/{service.slug}/approvals/{step.id}/remove")
    assert "Remove the approval step “Every administrator”?" in page_text(confirm)
    assert steps(service) == [step]  # a GET removes nothing
    removed = manager.post(f"/services/{service.slug}/approvals/{step.id}/remove", data={}, follow_redirects=True)
    assert "Approval step removed: Every administrator" in page_text(removed)
    assert steps(service) == []
    assert manager.post(f"/services/{service.slug}/form/{amount.id}/remove", data={}).status_code == 303


def test_another_services_step_is_not_found_here(manager, service, app):
    other = make_service(name="Vacancies", team=make_team("HR"))
    step = ApprovalStep(service_id=other.id, position=1, approver_kind="role", role="admin")
    db.session.add(step)
    db.session.commit()
    assert manager.get(f"/services/{service.slug}/approvals/{step.id}/remove").status_code == 404
    assert manager.post(f"/services/{service.slug}/approvals/{step.id}/remove", data={}).status_code == 404
    assert db.session.get(ApprovalStep, step.id) is not None


def test_a_step_of_all_of_them_and_a_mode_that_is_not_offered(manager, service, finance):
    refused = add(manager, service, approver_kind="team", team=str(finance.id), mode="most")
    assert refused.status_code == 422
    assert "Choose whether any one or all of them approve" in page_text(refused)
    assert add(manager, service, approver_kind="team", team=str(finance.id), mode="all").status_code == 303
    [step] = steps(service)
    assert step.mode == "all"
    assert "Finance (all of them). Always." in page_text(manager.get(f"/services/{service.slug}/form"))
