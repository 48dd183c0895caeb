"""Event-dated targets: a service whose due time counts back from a date its form asks ("2 working
days before the hearing"), across weekends and bank holidays, on a fixed clock; a target already
past when the request arrives is due at once and says so; pauses do not move it; met or missed is
judged against the due time used (the request page, the queue and the dashboard); and the form
settings that choose it, refused on their field when the question cannot carry it."""

from datetime import date

import pytest
from flask import current_app

from app import clock
from app.dashboard import figures, periods
from app.extensions import db
from app.models import DueBasis, Service, ServiceField
from app.service_requests import raising, sla
from tests.conftest import page_text
from tests.factories import make_service
from tests.service_requests.helpers import change_status, emails, fresh, london, make_cast

# Monday 7 December 2026, 10:00 GMT.
MONDAY = london(2026, 12, 7, 10)


@pytest.fixture
def cast(app):
    return make_cast()


def hearing_service(team, days_before: int, *, resolution_days: int = 3) -> Service:
    return make_service(
        name=f"Minutes {days_before}",
        team=team,
        resolution_days=resolution_days,
        fields=[{"kind": "date", "label": "Date of the hearing", "due_working_days_before": days_before}],
    )


def raise_for_hearing(service: Service, requester, hearing: date, *, at=MONDAY):
    """A request sent at `at` through the check-answers functions, with the hearing's date answered."""
    question = service.fields[0]
    with clock.fixed(at), current_app.test_request_context():
        draft = raising.save_draft(
            service,
            requester,
            token=None,
            subject="Minutes of the hearing",
            description="Two hours",
            answers={str(question.id): hearing.isoformat()},
            new_files={},
            shown_file_ids=set(),
        )
        service_request = raising.submit_draft(draft, requester)
        db.session.commit()
    return service_request


# --- The due time ---------------------------------------------------------------------------------


def test_a_hearing_two_working_days_on_is_due_at_5pm_two_working_days_before_it(cast):
    service = hearing_service(cast.team, 2)

    request_ = raise_for_hearing(service, cast.requester, date(2026, 12, 15))  # a Tuesday

    # Mon 14, Fri 11: not the 3 working days from sending (Thu 10), nor the day before (Mon 14).
    assert request_.due_at == london(2026, 12, 11, 17)
    assert (request_.due_basis, request_.event_date, request_.event_days_before) == (
        DueBasis.EVENT,
        date(2026, 12, 15),
        2,
    )
    assert request_.event_label == "Date of the hearing"
    assert sla.due_explanation(request_) == ("2 working days before the date of the hearing, Tuesday 15 December 2026")


def test_christmas_bank_holidays_do_not_count_before_an_event_on_29_december(cast):
    # 25 December (Friday) and 28 December (Monday, for Boxing Day on a Saturday) are bank holidays.
    one_day = raise_for_hearing(hearing_service(cast.team, 1), cast.requester, date(2026, 12, 29))
    by_the_day = raise_for_hearing(hearing_service(cast.team, 0), cast.requester, date(2026, 12, 29))

    assert one_day.due_at == london(2026, 12, 24, 17)
    assert by_the_day.due_at == london(2026, 12, 29, 17)
    assert sla.due_explanation(by_the_day) == "by the date of the hearing, Tuesday 29 December 2026"


def test_an_event_on_easter_monday_is_due_by_the_thursday_before_good_friday(cast):
    service = hearing_service(cast.team, 0)

    request_ = raise_for_hearing(service, cast.requester, date(2026, 4, 6), at=london(2026, 3, 30, 10))

    assert request_.due_at == london(2026, 4, 2, 17)  # Good Friday 3 April and Easter Monday 6 April are off
    assert request_.due_basis == DueBasis.EVENT


def test_a_target_already_past_when_sent_is_due_at_the_end_of_that_working_day_and_says_so(cast):
    service = hearing_service(cast.team, 2)

    # Sent Thursday 2 April for Tuesday 7 April: two working days before was Wednesday 1 April.
    request_ = raise_for_hearing(service, cast.requester, date(2026, 4, 7), at=london(2026, 4, 2, 10))

    assert request_.due_at == london(2026, 4, 2, 17)
    assert request_.due_basis == DueBasis.EVENT_PASSED
    assert sla.due_explanation(request_) == (
        "at once: it arrived after its target (2 working days before the date of the hearing, "
        "Tuesday 7 April 2026) had passed"
    )


def test_a_request_sent_after_hours_on_the_target_day_is_due_when_its_clock_starts(cast):
    service = hearing_service(cast.team, 1)

    # Thursday 24 December at 6pm: the target (5pm that day) has gone; the clock starts Tue 29.
    request_ = raise_for_hearing(service, cast.requester, date(2026, 12, 29), at=london(2026, 12, 24, 18))

    assert request_.due_at == london(2026, 12, 29, 17)
    assert request_.due_basis == DueBasis.EVENT_PASSED


def test_a_service_without_a_due_question_counts_from_sending_as_before(cast):
    service = make_service(name="Room booking", team=cast.team, fields=[{"kind": "date", "label": "Date of the event"}])

    request_ = raise_for_hearing(service, cast.requester, date(2026, 12, 29))

    assert request_.due_at == london(2026, 12, 10, 17)  # 3 working days from Monday
    assert (request_.due_basis, request_.event_date) == (DueBasis.SUBMISSION, None)
    assert sla.due_explanation(request_) == ""


# --- Pauses, met and missed ------------------------------------------------------------------------


def test_waiting_for_the_requester_does_not_move_a_due_time_counted_from_the_event(cast):
    request_ = raise_for_hearing(hearing_service(cast.team, 2), cast.requester, date(2026, 12, 15))

    with clock.fixed(london(2026, 12, 8, 10)):
        change_status(request_, cast.agent, "waiting")
    with clock.fixed(london(2026, 12, 10, 10)):
        change_status(fresh(request_), cast.agent, "in_progress")

    assert fresh(request_).due_at == london(2026, 12, 11, 17)


def test_resolving_after_the_event_target_is_missed_even_within_the_resolution_target(cast):
    # The resolution target from sending would be Thursday 10 December at 5pm.
    early = raise_for_hearing(hearing_service(cast.team, 4), cast.requester, date(2026, 12, 14))
    assert early.due_at == london(2026, 12, 8, 17)  # Tue 8: Fri 11, Thu 10, Wed 9, Tue 8
    on_time = raise_for_hearing(hearing_service(cast.team, 1), cast.requester, date(2026, 12, 15))

    with clock.fixed(london(2026, 12, 9, 12)):
        change_status(early, cast.agent, "resolved")
        change_status(on_time, cast.agent, "resolved")

    assert fresh(early).resolved_within_sla is False
    assert fresh(on_time).resolved_within_sla is True
    assert sla.sla_state(fresh(early)).text == "Resolved after the target"
    # The dashboard counts against the same stored due times: one of the two within target.
    with clock.fixed(london(2026, 12, 10, 12)):
        counts = figures.summary(periods.Filters(period="4w", team_id=cast.team.id))
    assert (counts.resolved, counts.within_target) == (2, 1)


# --- Pages -----------------------------------------------------------------------------------------


def test_the_request_page_and_the_queue_say_what_the_due_time_counts_from(app, client, cast):
    request_ = raise_for_hearing(hearing_service(cast.team, 2), cast.requester, date(2026, 12, 15))

    with clock.fixed(MONDAY):
        client.sign_in(cast.agent)
        shown = page_text(client.get(f"/requests/{request_.reference}"))
        queue = page_text(client.get("/requests/queue"))

    assert (
        "by 11 December 2026 at 5:00pm (2 working days before the date of the hearing, Tuesday 15 December 2026)"
        in shown
    )
    assert "11 December 2026 (2 working days before the date of the hearing, 15 December 2026)" in queue


def test_the_acknowledgement_says_what_the_due_time_counts_from(cast):
    raise_for_hearing(hearing_service(cast.team, 2), cast.requester, date(2026, 12, 15))

    acknowledgement = emails(acknowledgements=True, to_address=cast.requester.email)[0]
    assert "(2 working days before the date of the hearing, Tuesday 15 December 2026)" in acknowledgement.body


# --- Form settings ---------------------------------------------------------------------------------


@pytest.fixture
def manager_client(client, cast):
    client.sign_in(cast.manager)
    return client


def settings_url(service: Service) -> str:
    return f"/services/{service.slug}/form/settings"


def post_settings(client, service: Service, **data):
    fields = {"asks_description": "y", "due_from": "event", "version": str(db.session.get(Service, service.id).version)}
    fields.update(data)
    return client.post(settings_url(service), data={key: value for key, value in fields.items() if value is not None})


def test_a_manager_sets_the_due_time_from_a_required_date_question(manager_client, cast):
    service = make_service(name="Hearings", team=cast.team, fields=[{"kind": "date", "label": "Date of the hearing"}])
    question = service.fields[0]

    response = post_settings(manager_client, service, due_field=str(question.id), due_days_before="2")

    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.get(ServiceField, question.id).due_working_days_before == 2
    builder = page_text(manager_client.get(f"/services/{service.slug}/form"))
    assert "Requests are due 2 working days before the answer to “Date of the hearing”" in builder

    back = post_settings(manager_client, service, due_from="submission")
    assert back.status_code == 303
    db.session.expire_all()
    assert db.session.get(ServiceField, question.id).due_working_days_before is None


@pytest.mark.parametrize(
    "spec, days, message",
    [
        (
            {"kind": "date", "label": "Date of the hearing", "required": False},
            "2",
            "“Date of the hearing” is optional: make it a question people must answer first",
        ),
        (
            {"kind": "text", "label": "Name of the hearing"},
            "2",
            "Choose the date question the due time counts back from",
        ),
        (
            {"kind": "date", "label": "Date of the hearing"},
            "-1",
            "Enter how many working days before the date it is due, from 0 to 250",
        ),
        (
            {"kind": "date", "label": "Date of the hearing"},
            "",
            "Enter how many working days before the date it is due, from 0 to 250",
        ),
    ],
)
def test_a_due_question_that_cannot_carry_the_due_time_is_refused_on_its_field(
    manager_client, cast, spec, days, message
):
    service = make_service(name="Hearings", team=cast.team, fields=[spec])

    response = post_settings(manager_client, service, due_field=str(service.fields[0].id), due_days_before=days)

    assert response.status_code == 422
    assert message in page_text(response)
    assert 'class="govuk-error-message"' in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(ServiceField, service.fields[0].id).due_working_days_before is None


def test_a_conditional_date_question_cannot_set_the_due_time(manager_client, cast):
    service = make_service(
        name="Hearings",
        team=cast.team,
        fields=[{"kind": "yesno", "label": "Is there a hearing?"}, {"kind": "date", "label": "Date of the hearing"}],
    )
    controller, question = service.fields
    question.show_if_field_id, question.show_if_value = controller.id, "Yes"
    db.session.commit()

    response = post_settings(manager_client, service, due_field=str(question.id), due_days_before="1")

    assert response.status_code == 422
    assert (
        "“Date of the hearing” is asked only for some answers: choose a date question everyone is asked"
        in page_text(response)
    )


def test_the_due_question_cannot_then_be_made_optional(manager_client, cast):
    service = hearing_service(cast.team, 2)
    question = service.fields[0]

    response = manager_client.post(
        f"/services/{service.slug}/form/{question.id}", data={"label": "Date of the hearing", "condition": ""}
    )

    assert response.status_code == 422
    assert "Requests’ due time counts back from this date: it must stay required" in page_text(response)
    db.session.expire_all()
    assert db.session.get(ServiceField, question.id).required is True


def test_raising_through_the_pages_says_when_it_will_be_due_and_why(app, client, cast):
    service = hearing_service(cast.team, 2)
    question = service.fields[0]
    client.sign_in(cast.requester)

    with clock.fixed(MONDAY):
        filled = client.post(
            f"/services/{service.slug}/request",
            data={"subject": "Minutes", "description": "Two hours", question.name: ["15", "12", "2026"]},
        )
        check = page_text(client.get(filled.headers["Location"]))
        sent = client.post(filled.headers["Location"])
        confirmation = page_text(client.get(sent.headers["Location"]))

    assert "aim to complete it 2 working days before your answer to “Date of the hearing”" in check
    assert (
        "It is due by 5pm on Friday 11 December 2026 (2 working days before the date of the hearing, "
        "Tuesday 15 December 2026)." in confirmation
    )


def test_the_queue_counts_an_event_dated_request_overdue_by_its_own_due_time(app, client, cast):
    # Due Tuesday 8 December (4 working days before Monday 14): overdue on Wednesday 9, when the
    # resolution target from sending (Thursday 10) would not be.
    event_dated = raise_for_hearing(hearing_service(cast.team, 4), cast.requester, date(2026, 12, 14))
    from_sending = raise_for_hearing(
        make_service(name="Typing", team=cast.team, fields=[{"kind": "date", "label": "Date of the hearing"}]),
        cast.requester,
        date(2026, 12, 14),
    )

    with clock.fixed(london(2026, 12, 9, 10)):
        client.sign_in(cast.agent)
        overdue = client.get("/requests/queue?due=overdue").get_data(as_text=True)
        shown = page_text(client.get(f"/requests/{event_dated.reference}"))

    assert f"/requests/{event_dated.reference}" in overdue
    assert f"/requests/{from_sending.reference}" not in overdue
    assert "Overdue by 1 working day" in shown


def test_removing_the_due_question_warns_then_new_requests_count_from_sending(manager_client, cast):
    service = hearing_service(cast.team, 2, resolution_days=5)
    question = service.fields[0]
    sent_before = raise_for_hearing(service, cast.requester, date(2026, 12, 15))

    confirm = page_text(manager_client.get(f"/services/{service.slug}/form/{question.id}/remove"))
    assert "Without it they will be due 5 working days after they are sent" in confirm
    assert manager_client.post(f"/services/{service.slug}/form/{question.id}/remove").status_code == 303

    db.session.expire_all()
    assert db.session.get(Service, service.id).due_question is None
    assert fresh(sent_before).due_at == london(2026, 12, 11, 17)  # kept
