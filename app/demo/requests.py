"""The demo service catalogue (app/demo/content/services.yaml) and 18 months of requests through it:
how many arrive each day (by season, weekday and trend), who asks, their answers; what happens to
each is app.demo.request_history's part."""

import math
import random
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from string import Formatter
from types import SimpleNamespace

from sqlalchemy import Table, insert, select

from app import clock
from app.demo import content
from app.demo.people import DEMO_PEOPLE
from app.demo.request_history import play_history
from app.demo.timeline import Timeline
from app.extensions import Model, db
from app.markup import slugify
from app.models import (
    ApprovalStep,
    Audience,
    CannedReply,
    FieldKind,
    Priority,
    RequestAnswer,
    RequestEvent,
    Role,
    Service,
    ServiceCategory,
    ServiceField,
    ServiceRequest,
    Team,
    User,
)
from app.service_requests import sla
from app.working_time import bank_holidays, calendar

REQUEST_SEED = 2718  # the same requests every time (relative to the day the demo is seeded)
REQUEST_MONTHS = 18
RETIRED_MONTHS_AGO = 12  # when the retired service stopped taking requests
# Mondays and Tuesdays are busiest; a few requests arrive at weekends and on bank holidays.
WEEKDAY_FACTORS = [1.3, 1.25, 1.0, 0.95, 0.6, 0.05, 0.04]
BANK_HOLIDAY_FACTOR = 0.05
# Hour of the day (UK time) a request is sent: office hours, a few early or in the evening.
HOUR_WEIGHTS = {
    7: 2,
    8: 7,
    9: 14,
    10: 15,
    11: 13,
    12: 8,
    13: 9,
    14: 12,
    15: 10,
    16: 7,
    17: 3,
    18: 1.5,
    19: 1,
    20: 0.8,
    21: 0.4,
}
ON_BEHALF_SHARE = 0.05
HIGH_PRIORITY_SHARE = 0.05  # raised to high by the team soon after arriving
DEMO_EMAILS = {email for email, *_ in DEMO_PEOPLE}


def seed_services(progress=print, *, request_history: bool = True) -> int:
    """The demo service catalogue and 18 months of requests through it, with seasonal peaks, each
    with its timeline: assignment, replies, waits, resolution, closing, rating (leave the requests
    out with request_history=False: browser tests need the catalogue, not 3,000 requests). Skipped
    altogether once any service exists."""
    if db.session.scalar(select(Service.id).limit(1)) is not None:
        progress("services: the catalogue is there already; nothing added")
        return 0
    now = clock.now()
    categories = {category.name: category for category in db.session.scalars(select(ServiceCategory))}
    for name in content.service_categories():
        if name not in categories:
            categories[name] = ServiceCategory(name=name, slug=slugify(name, max_length=90))
            db.session.add(categories[name])
    teams = {team.name: team for team in db.session.scalars(select(Team))}
    services = [(_add_service(entry, categories, teams, now), entry) for entry in content.services()]
    db.session.flush()
    for service, entry in services:
        _link_conditions(service, entry)
        _add_approval_steps(service, entry, teams)
    db.session.flush()
    progress(
        f"services: {len(services)} in {len(content.service_categories())} categories, "
        f"{sum(1 for service, _ in services if not service.active)} retired"
    )
    if request_history:
        _insert_requests(services, now, progress)
    return len(services)


def _add_service(entry: dict, categories: dict, teams: dict, now) -> Service:
    """The service of a services.yaml entry, with its form's questions."""
    active = entry.get("active", True)
    created = now - timedelta(days=(1100 if not active else 30 * REQUEST_MONTHS + 40))
    service = Service(
        name=entry["name"],
        slug=slugify(entry["name"], max_length=120),
        summary=entry["summary"],
        description=entry["description"].strip(),
        keywords=entry["keywords"],
        category=categories[entry["category"]],
        team=teams[entry["team"]],
        resolution_days=entry["resolution_days"],
        first_response_hours=entry["first_response_hours"],
        audience=entry["audience"],
        requesting_teams=[teams[name] for name in entry.get("requesting_teams", [])],
        active=active,
        created_at=created,
        updated_at=now - timedelta(days=30 * RETIRED_MONTHS_AGO) if not active else created,
    )
    service.fields.extend(form_fields(entry["form"]))
    db.session.add(service)
    return service


def form_fields(questions: list[dict]) -> list[ServiceField]:
    """A service's request form from its questions in the content files, in their order."""
    return [
        ServiceField(
            position=position,
            kind=question["kind"],
            label=question["label"],
            hint=question.get("hint", ""),
            required=question.get("required", True),
            options="\n".join(question.get("options", [])),
            min_value=Decimal(str(question["min"])) if "min" in question else None,
            max_value=Decimal(str(question["max"])) if "max" in question else None,
            not_in_past=question.get("not_in_past", False),
            due_working_days_before=question.get("due_days_before"),
        )
        for position, question in enumerate(questions, start=1)
    ]


def _link_conditions(service, entry: dict) -> None:
    """Questions shown only after a given answer to an earlier one (`show_if`), by field id."""
    by_key = {question["key"]: field for question, field in zip(entry["form"], service.fields)}
    for question, field in zip(entry["form"], service.fields):
        if "show_if" in question:
            key, value = question["show_if"]
            if value not in by_key[key].choices:
                raise ValueError(f"{service.name}: {value!r} is not an answer to {key!r}")
            field.show_if_field_id, field.show_if_value = by_key[key].id, value


def _add_approval_steps(service, entry: dict, teams: dict) -> None:
    """The service's approval steps (`approval`): who approves, and when (`when`: [question key,
    operator, value])."""
    by_key = {question["key"]: field for question, field in zip(entry["form"], service.fields)}
    for position, step in enumerate(entry.get("approval", []), start=1):
        field_key, operator, value = step.get("when") or (None, None, "")
        db.session.add(
            ApprovalStep(
                service_id=service.id,
                position=position,
                approver_kind=step["approver"],
                team_id=teams[step["team"]].id if "team" in step else None,
                role=step.get("role"),
                condition_field_id=by_key[field_key].id if field_key else None,
                condition_operator=operator,
                condition_value=value or "",
            )
        )


def _table(model: type[Model]) -> Table:
    """The model's table, for plain multi-row inserts (without an ORM object, or RETURNING, for each row)."""
    return db.metadata.tables[model.__tablename__]


def _insert_requests(services, now, progress) -> None:
    made = _DemoRequests(random.Random(REQUEST_SEED), now).make(services)
    # Thousands of rows: plain multi-row inserts, without an ORM object (or RETURNING) for each.
    columns = set(ServiceRequest.__table__.c.keys())
    db.session.execute(
        insert(_table(ServiceRequest)),
        [{key: value for key, value in row.items() if key in columns} for row, _, _ in made],
    )
    ids = dict(
        db.session.execute(
            select(ServiceRequest.submission_key, ServiceRequest.id).where(
                ServiceRequest.service_id.in_([service.id for service, _ in services])
            )
        ).all()
    )
    db.session.execute(
        insert(_table(RequestAnswer)),
        [{**answer, "request_id": ids[row["submission_key"]]} for row, answers, _ in made for answer in answers],
    )
    events = [{**event, "request_id": ids[row["submission_key"]]} for row, _, timeline in made for event in timeline]
    db.session.execute(insert(_table(RequestEvent)), events)
    progress(f"service requests: {len(made)} over the last {REQUEST_MONTHS} months, {len(events)} timeline events")


def seed_canned_replies(progress=print) -> int:
    """Each Business Support team's ready-made replies, for teams that have none yet."""
    teams = {team.name: team for team in db.session.scalars(select(Team))}
    having = set(db.session.scalars(select(CannedReply.team_id).distinct()))
    now, created = clock.now(), 0
    for name, replies in content.data("canned_replies").items():
        team = teams.get(name)
        if team is None or team.id in having:
            continue
        for reply in replies:
            db.session.add(
                CannedReply(
                    team_id=team.id, title=reply["title"], body=reply["body"], updated_at=now - timedelta(days=90)
                )
            )
            created += 1
    db.session.flush()
    progress(f"canned replies: {created} created")
    return created


def _keenness(person) -> float:
    """How much more (or less) often than most this person asks for help: a few ask a lot, many
    seldom; the same for a person every time. The demo accounts ask often, so their pages have
    requests to show."""
    if person.email in DEMO_EMAILS:
        return 1.5
    return min(1.6, max(0.3, random.Random(f"{REQUEST_SEED} {person.email}").lognormvariate(0, 0.35)))


class _DemoRequests:
    """Makes up requests for the demo services: how many each day (by season, weekday and
    trend), who asked, their answers, and how far each has got."""

    def __init__(self, rng, now):
        self.rng, self.now, self.london, self.work = rng, now, clock.UK, calendar()
        # What happens to each request comes from a second generator: the requests themselves
        # (who asked, for what, with which answers) stay the same whatever their histories do.
        self.history_rng = random.Random(f"{REQUEST_SEED} histories")
        names = content.data("names")
        self.first_names, self.last_names = names["first_names"], names["last_names"]
        # Plain records rather than ORM objects: read many thousands of times.
        self.people = [
            SimpleNamespace(
                id=user.id,
                name=user.name,
                first_name=user.name.split()[0],
                email=user.email,
                team_id=user.team_id,
                team_name=user.team.name if user.team else "our team",
                business_support=bool(user.team and user.team.is_business_support),
                agent=user.has_role(Role.AGENT),
                manager=user.has_role(Role.MANAGER),
                admin=user.has_role(Role.ADMIN),
            )
            for user in sorted(db.session.scalars(select(User).where(User.active.is_(True))), key=lambda u: u.email)
        ]
        self.agents = [person for person in self.people if person.agent]
        # Who works each Business Support team's requests: its agents and managers.
        self.workers = {}
        for person in self.people:
            if person.business_support:
                self.workers.setdefault(person.team_id, []).append(person)
        for team_id, members in self.workers.items():
            self.workers[team_id] = [p for p in members if p.agent or p.manager] or members
        self.requesters = {}  # service id -> (people who may ask for it, weights)

    def make(self, services) -> list:
        holidays = bank_holidays()
        today = self.now.astimezone(self.london).date()
        first = today - timedelta(days=round(REQUEST_MONTHS * 30.44))
        retired_on = today - timedelta(days=round(RETIRED_MONTHS_AGO * 30.44))
        total_days = (today - first).days
        arrivals = []  # (submitted_at, service, entry)
        for offset in range(total_days + 1):
            day = first + timedelta(days=offset)
            factor = BANK_HOLIDAY_FACTOR if day in holidays else WEEKDAY_FACTORS[day.weekday()]
            trend = 0.85 + 0.25 * offset / total_days  # more teams use the catalogue as time goes on
            for service, entry in services:
                if not service.active and day >= retired_on:
                    continue
                rate = entry["per_month"] / 21 * entry["season"][day.month - 1] * factor * trend
                christmas = (day.month == 12 and day.day >= 20) or (day.month == 1 and day.day <= 3)
                if christmas and entry.get("quiet_christmas"):
                    rate *= 0.2
                if not service.active:  # fading out as people switched to dictation in Word
                    rate *= (retired_on - day).days / (retired_on - first).days + 0.2
                for _ in range(self._poisson(rate)):
                    moment = self._moment(day, weekend=factor < 0.5)
                    if moment <= self.now:
                        arrivals.append((moment, service, entry))
        arrivals.sort(key=lambda arrival: (arrival[0], arrival[1].id))
        return [self._request(number, *arrival) for number, arrival in enumerate(arrivals, start=1)]

    def _poisson(self, rate: float) -> int:
        limit, count, product = math.exp(-rate), 0, self.rng.random()
        while product > limit:
            count += 1
            product *= self.rng.random()
        return count

    def _moment(self, day, *, weekend: bool):
        if weekend:
            hour = self.rng.randint(9, 20)
        else:
            hour = self.rng.choices(list(HOUR_WEIGHTS), weights=list(HOUR_WEIGHTS.values()))[0]
        local = datetime.combine(day, time(hour, self.rng.randint(0, 59), self.rng.randint(0, 59)), self.london)
        return local.astimezone(UTC)

    # --- One request ----------------------------------------------------------------------

    def _request(self, number: int, submitted_at, service, entry) -> tuple[dict, list[dict], list[dict]]:
        """The request's row, its answers' rows and its timeline's rows (without the request's id)."""
        rng = self.rng
        requester = self._requester(service)
        submitted_by = requester
        if rng.random() < ON_BEHALF_SHARE:
            keyers = [a for a in self.agents if a.id != requester.id and a.team_id == service.team_id] or [
                a for a in self.agents if a.id != requester.id
            ]
            submitted_by = rng.choice(keyers)
        values = self._context(requester, submitted_at)
        answers = [
            {"field_id": field.id, "position": position, "label": field.label, "kind": field.kind, "value": value}
            for position, (field, value) in enumerate(self._answers(entry, service, values), start=1)
        ]
        subject = self._fill(entry["subjects"], values) or service.name
        description = self._fill(entry["descriptions"], values)
        if rng.random() < 0.4:
            description += f"\n\nThanks, {requester.first_name}"
        clock_started = self.work.clock_start(submitted_at)
        # As sending works it out: from sending, or counted back from the form's due date.
        due_time = sla.due_time(service, {str(answer["field_id"]): answer["value"] for answer in answers}, submitted_at)
        due = due_time.due_at
        high = rng.random() < HIGH_PRIORITY_SHARE
        row = {
            "service_id": service.id,
            "team_id": service.team_id,
            "requester_id": requester.id,
            "submitted_by_id": submitted_by.id,
            "subject": subject[:150],
            "description": description,
            "priority": Priority.NORMAL,
            "submitted_at": submitted_at,
            "clock_started_at": clock_started,
            "due_at": due,
            "due_basis": due_time.basis,
            "event_date": due_time.event_date,
            "event_label": due_time.event_label,
            "event_days_before": due_time.days_before,
            "submission_key": f"demo-{number}",
            "version": 1,
        }
        timeline = Timeline(self.work, row, self.now, self.history_rng)
        play_history(self, timeline, service, entry, values, requester, submitted_by, high)
        return row, answers, timeline.rows()

    def _requester(self, service):
        """Mostly staff in the council's departments; Business Support staff ask each other too (but
        not the team that works the service, nor administrators, who may work any request)."""
        if service.id not in self.requesters:
            allowed = self.people
            if service.audience == Audience.TEAMS:
                team_ids = {team.id for team in service.requesting_teams}
                allowed = [person for person in self.people if person.team_id in team_ids]
            allowed = [
                person
                for person in allowed
                if not person.admin and not (person.team_id == service.team_id and (person.agent or person.manager))
            ] or allowed
            self.requesters[service.id] = (
                allowed,
                [(1 if person.business_support else 5) * _keenness(person) for person in allowed],
            )
        allowed, weights = self.requesters[service.id]
        return self.rng.choices(allowed, weights=weights)[0]

    def _context(self, requester, submitted_at) -> dict:
        rng = self.rng
        colleague = rng.choice([person for person in self.people if person.id != requester.id])
        first, last = rng.choice(self.first_names), rng.choice(self.last_names)
        prefix = "".join(word[0] for word in requester.team_name.split())[:2]
        cost_centre = f"{prefix.upper()}{rng.randint(1000, 1999)}"
        return {
            "requester_name": requester.name,
            "requester_first": requester.first_name,
            "requester_email": requester.email,
            "requester_team": requester.team_name,
            "colleague_name": colleague.name,
            "colleague_email": colleague.email,
            "person_name": f"{first} {last}",
            "person_email": f"{first}.{last}".lower().replace("'", "") + f"{rng.randint(1, 99)}@example.com",
            "number": str(rng.randint(1000, 9999)),
            "number7": str(rng.randint(1_000_000, 9_999_999)),
            "cost_centre": cost_centre,
            "cost_code": f"{cost_centre} {rng.choice(['4102', '4410', '5120', '5230'])}",
            "_day": submitted_at.astimezone(self.london).date(),
        }

    def _answers(self, entry, service, values):
        """(field, answer) for each question answered, in form order. Questions come
        in two passes so one may depend on an earlier answer whatever their order."""
        answered = {}
        pairs = list(zip(entry["form"], service.fields))
        for depends in (False, True):
            for question, _field in pairs:
                later = "show_if" in question or "samples_by" in question or "after" in question
                if later != depends:
                    continue
                if "show_if" in question:
                    key, wanted = question["show_if"]
                    if wanted not in (answered.get(key) or "").split("\n"):
                        continue
                value = self._answer(question, answered, values)
                if value is not None:
                    answered[question["key"]] = value
        for question, field in pairs:
            if question["key"] in answered:
                yield field, answered[question["key"]]

    def _answer(self, question, answered, values) -> str | None:
        """A made-up answer to the question (None: left unanswered), kept in `values` for the
        templates (and as `<key>_lower`)."""
        rng, key = self.rng, question["key"]
        if question["kind"] == FieldKind.FILE or (
            not question.get("required", True) and rng.random() >= question.get("answered", 0.6)
        ):
            return None
        value = ANSWERS.get(question["kind"], _answer_text)(rng, question, answered, values)
        values[key] = value
        values[f"{key}_lower"] = value[0].lower() + value[1:] if len(value) > 1 and not value[1].isupper() else value
        return value

    def _fill(self, templates, values) -> str:
        """One of the templates whose every placeholder has a value, filled in."""
        if isinstance(templates, dict):
            templates = templates.get(values.get(templates["by"]), templates.get("*", []))
        usable = [
            template
            for template in templates
            if all(name in values for _, name, _, _ in Formatter().parse(template) if name)
        ]
        return self.rng.choice(usable).format_map(values) if usable else ""


# --- Made-up answers, one maker per kind of question (see services.yaml for what each reads) ----


def _answer_choice(rng, question, answered, values) -> str:
    return rng.choices(question["options"], weights=question.get("weights"))[0]


def _answer_yes_or_no(rng, question, answered, values) -> str:
    return "Yes" if rng.random() < question.get("yes", 0.5) else "No"


def _answer_checkboxes(rng, question, answered, values) -> str:
    options, weights = list(question["options"]), list(question.get("weights", [1] * len(question["options"])))
    chosen = set()
    for _ in range(rng.randint(*question["pick"])):
        pick = rng.choices(range(len(options)), weights=weights)[0]
        chosen.add(options[pick])
        weights[pick] = 0
    return "\n".join(option for option in options if option in chosen)


def _answer_number(rng, question, answered, values) -> str:
    if "samples" in question:
        number = Decimal(str(rng.choice(question["samples"])))
    else:
        low, high, step = (Decimal(str(limit)) for limit in question["range"])
        number = low + step * rng.randint(0, int((high - low) / step))
    value = f"{number.normalize():f}"
    values[f"{question['key']}_nice"] = f"{number:,.0f}" if number == number.to_integral() else value
    return value


def _answer_date(rng, question, answered, values) -> str:
    if "after" in question:
        other, fewest, most = question["after"]
        day = date.fromisoformat(answered[other]) + timedelta(days=rng.randint(fewest, most))
    else:
        day = values["_day"] + timedelta(days=rng.randint(*question["days"]))
    if not question.get("any_day") and day.weekday() >= 5:
        day += timedelta(days=7 - day.weekday())
    values[f"{question['key']}_nice"] = (
        f"{day.day} {day:%B}" if abs((day - values["_day"]).days) < 300 else f"{day.day} {day:%B %Y}"
    )
    return day.isoformat()


def _answer_text(rng, question, answered, values) -> str:
    """Text, textarea and email: one of the samples (or the samples for an earlier answer), filled in."""
    samples = question.get("samples")
    if "samples_by" in question:
        other, by_answer = question["samples_by"]
        samples = by_answer[answered[other]]
    return rng.choice(samples).format_map(values)


ANSWERS = {
    "select": _answer_choice,
    "radios": _answer_choice,
    "yesno": _answer_yes_or_no,
    "checkboxes": _answer_checkboxes,
    "number": _answer_number,
    "date": _answer_date,
}
