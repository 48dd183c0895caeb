"""A small fixed dataset for the dashboard tests, built through the real workflow on a fixed
clock around Easter 2026 (Good Friday 3 April and Easter Monday 6 April are bank holidays; BST
began on Sunday 29 March). Every figure the tests expect is worked out by hand from this.

Working day 09:00–17:00 UK time: 480 working minutes a day.

Democratic Services (manager Mo, agents Alex and Bo), "Minute taking", target 3 working days:
  R1  Wed 1 Apr 09:30 BST (08:30 UTC). Due Wed 8 Apr 17:00 (Thu 2, [Fri 3, Mon 6 off], Tue 7, Wed 8).
      Alex: in progress 1 Apr 10:30 → first response 60. Resolved exactly at the due time,
      Wed 8 Apr 17:00 → within target. Resolution: 450 (1 Apr) + 480 (2 Apr) + 480 (7 Apr)
      + 480 (8 Apr) = 1890. Rated 5.
  R2  Thu 2 Apr 16:00 BST. Due Thu 9 Apr 17:00 (Tue 7, Wed 8, Thu 9). Bo: waiting 2 Apr 16:30
      → first response 30. The requester answers Tue 7 Apr 11:00: paused 30 (2 Apr) + 120
      (7 Apr) = 150 working minutes, so due moves to Fri 10 Apr 11:30. Resolved Fri 10 Apr
      10:00 → within target. Resolution: 60 + 480 + 480 + 480 + 60 = 1560 − 150 paused = 1410.
      Rated 4.
  R5  Mon 20 Apr 08:00 BST (before hours). Alex: in progress 09:45 → first response 45. Open.
  R6  Tue 10 Feb 2026 11:00 GMT. Bo: in progress 11:30 → first response 30. Open.
  R8  Fri 24 Apr 17:30 BST (after hours). Not assigned. Open.

Facilities (manager Fay, agent Cy), "Room booking", target 2 working days:
  R3  Thu 2 Apr 14:00 BST. Due Wed 8 Apr 17:00 (Tue 7, Wed 8). Cy: in progress Tue 7 Apr 09:15
      → first response 180 + 15 = 195. Resolved late, Thu 9 Apr 12:00. Resolution: 180 + 480 +
      480 + 180 = 1320. Rated 1.
  R4  Sat 11 Apr 10:00 BST (weekend). Assigned to Cy. Open.
  R7  Tue 15 Apr 2025 10:00 BST. Cy: in progress 10:10 → first response 10; resolved 15:00 →
      resolution 300, within target.
  R9  Thu 23 Apr 13:00 BST. Not assigned. Open.

Deflections ("this answered my question"): Minute taking Tue 14 Apr 2026, Room booking Wed 15
Apr 2026, Minute taking Tue 13 Jan 2026.

"Now" is Monday 27 April 2026, 12:00 BST.
"""

from dataclasses import dataclass
from datetime import date

from flask import current_app

from app import clock
from app.catalogue import services as catalogue
from app.extensions import db
from app.ideas import services as ideas
from app.models import ServiceRequest
from app.service_requests import workflow
from tests.factories import make_article, make_service, make_team, make_user
from tests.service_requests.helpers import act, change_status, london, make_cast, raise_request

NOW = london(2026, 4, 27, 12)


@dataclass
class Dataset:
    democratic: object
    facilities: object
    minutes: object  # the "Minute taking" service
    rooms: object  # the "Room booking" service
    mo: object
    alex: object
    bo: object
    fay: object
    cy: object
    rita: object
    requests: dict[str, ServiceRequest]


def build() -> Dataset:
    with clock.fixed(london(2025, 4, 1, 9)) as time:
        cast = make_cast()
        facilities = make_team("Facilities")
        fay = make_user(roles=["manager"], name="Fay Manager", team=facilities)
        cy = make_user(roles=["agent"], name="Cy Agent", team=facilities)
        rooms = make_service(name="Room booking", team=facilities, resolution_days=2)
        minutes, rita, alex, bo = cast.service, cast.requester, cast.agent, cast.other_agent
        requests_by_name = {}

        def at(*when):
            time.at = london(*when)

        def raise_(name, service, *when):
            at(*when)
            requests_by_name[name] = raise_request(service, rita, subject=f"Request {name}")
            return requests_by_name[name]

        # R7, a year before.
        r7 = raise_("R7", rooms, 2025, 4, 15, 10)
        act(workflow.assign, r7, fay, cy.id)
        at(2025, 4, 15, 10, 10)
        change_status(r7, cy, "in_progress")
        at(2025, 4, 15, 15)
        change_status(r7, cy, "resolved")

        # R6, in February (GMT).
        r6 = raise_("R6", minutes, 2026, 2, 10, 11)
        act(workflow.assign, r6, cast.manager, bo.id)
        at(2026, 2, 10, 11, 30)
        change_status(r6, bo, "in_progress")

        # R1: resolved exactly when due.
        r1 = raise_("R1", minutes, 2026, 4, 1, 9, 30)
        act(workflow.assign, r1, cast.manager, alex.id)
        at(2026, 4, 1, 10, 30)
        change_status(r1, alex, "in_progress")

        # R3: resolved late.
        r3 = raise_("R3", rooms, 2026, 4, 2, 14)
        act(workflow.assign, r3, fay, cy.id)

        # R2: waits for the requester over Easter.
        r2 = raise_("R2", minutes, 2026, 4, 2, 16)
        act(workflow.assign, r2, cast.manager, bo.id)
        at(2026, 4, 2, 16, 30)
        change_status(r2, bo, "waiting")

        at(2026, 4, 7, 9, 15)
        change_status(r3, cy, "in_progress")
        at(2026, 4, 7, 11)
        act(workflow.add_message, r2, rita, "Here are the papers you asked for.")
        at(2026, 4, 8, 17)
        change_status(r1, alex, "resolved")
        at(2026, 4, 8, 17, 30)
        act(workflow.rate, r1, rita, 5)
        at(2026, 4, 9, 12)
        change_status(r3, cy, "resolved")
        at(2026, 4, 9, 13)
        act(workflow.rate, r3, rita, 1)
        at(2026, 4, 10, 10)
        change_status(r2, bo, "resolved")
        at(2026, 4, 10, 11)
        act(workflow.rate, r2, rita, 4)

        r4 = raise_("R4", rooms, 2026, 4, 11, 10)
        act(workflow.assign, r4, fay, cy.id)
        r5 = raise_("R5", minutes, 2026, 4, 20, 8)
        act(workflow.assign, r5, cast.manager, alex.id)
        at(2026, 4, 20, 9, 45)
        change_status(r5, alex, "in_progress")
        raise_("R9", rooms, 2026, 4, 23, 13)
        raise_("R8", minutes, 2026, 4, 24, 17, 30)

        # Deflections: guidance that answered the question, no request raised.
        at(2026, 1, 13, 10)
        article = make_article(title="Booking rooms and taking minutes")
        catalogue.record_deflection(rita, minutes, article.id)
        db.session.commit()
        at(2026, 4, 14, 10)
        catalogue.record_deflection(rita, minutes, article.id)
        db.session.commit()
        at(2026, 4, 15, 10)
        catalogue.record_deflection(rita, rooms, article.id)
        db.session.commit()

    return Dataset(
        democratic=cast.team,
        facilities=facilities,
        minutes=minutes,
        rooms=rooms,
        mo=cast.manager,
        alex=alex,
        bo=bo,
        fay=fay,
        cy=cy,
        rita=rita,
        requests=requests_by_name,
    )


def build_ideas(data: Dataset) -> dict:
    """Ideas posted by Rita and moderated by Mo (UK times):

    I1  Wed 1 Apr 2026 10:00, Democratic Services: under review 2 Apr; planned Mon 6 Apr 10:00
        → decided after 5.0 days.
    I2  Tue 7 Apr 10:00, Democratic Services: not taken forward Thu 9 Apr 22:00 → 2.5 days.
    I3  Tue 14 Apr 10:00, council-wide: still new.
    I4  Mon 20 Apr 10:00, Facilities: merged into I1 as a duplicate Tue 21 Apr 10:00 → 1.0 day.
    I5  Tue 10 Feb 2026 10:00 GMT, Facilities: under review 11 Feb, planned Thu 12 Feb 10:00
        (2.0 days), in progress 2 Mar, implemented 3 Mar; benefit 4 hours a month and £1,200
        a year, realised 3 March 2026.
    """
    ideas_by_name = {}
    # (A request context: telling followers links to the idea.)
    with clock.fixed(london(2026, 2, 10, 10)) as time, current_app.test_request_context():

        def at(*when):
            time.at = london(*when)

        def post(name, area, *when):
            at(*when)
            ideas_by_name[name] = ideas.post_idea(
                author=data.rita,
                title=f"Idea {name}",
                description="Worth doing.",
                area_team_id=area.id if area else None,
                tags="",
                anonymous=False,
                hours_per_month=None,
                pounds_per_year=None,
                quality="",
            )
            db.session.commit()
            return ideas_by_name[name]

        def move(idea, to_status, *when, **kwargs):
            at(*when)
            ideas.change_status(idea, data.mo, to_status, **kwargs)
            db.session.commit()

        i5 = post("I5", data.facilities, 2026, 2, 10, 10)
        move(i5, "under_review", 2026, 2, 11, 10)
        move(i5, "planned", 2026, 2, 12, 10)
        move(i5, "in_progress", 2026, 3, 2, 10)
        move(i5, "implemented", 2026, 3, 3, 10)
        ideas.record_benefit(
            i5,
            data.mo,
            hours_per_month=4,
            pounds_per_year=1200,
            description="Less retyping",
            realised_on=date(2026, 3, 3),
        )
        db.session.commit()
        i1 = post("I1", data.democratic, 2026, 4, 1, 10)
        move(i1, "under_review", 2026, 4, 2, 10)
        move(i1, "planned", 2026, 4, 6, 10)
        i2 = post("I2", data.democratic, 2026, 4, 7, 10)
        move(i2, "not_taken_forward", 2026, 4, 9, 22, reason="Already covered by the new system")
        post("I3", None, 2026, 4, 14, 10)
        i4 = post("I4", data.facilities, 2026, 4, 20, 10)
        move(i4, "duplicate", 2026, 4, 21, 10, duplicate_of_id=i1.id)
    return ideas_by_name
