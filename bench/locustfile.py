"""Locust users for the load test (run by bench/load_test.py, not on its own).

Three kinds of user, chosen by class name on locust's command line:
- `StaffUser`: a signed-in person doing what staff do all day, with think time between actions:
  home, the ideas board and its filters, voting, reading articles, search-as-you-type, the
  search page, raising a request, the team queue (agents) and the dashboard.
- `HealthzUser`: `/healthz` as fast as it answers: the ceiling of this machine and server.
- `PageUser`: one page (`STAFFROOM_PAGE`) as fast as it answers: its throughput next to the ceiling.

Accounts, ideas, articles, searches and the service to raise come from the JSON file named by
`STAFFROOM_LOAD_PLAN` (written by bench/load_test.py from the database). Each successful vote and
request is written to `STAFFROOM_LOAD_LEDGER` at the end, so the database can be checked against
exactly what the users were told succeeded.
"""

import itertools
import json
import os
import random
import threading
from pathlib import Path

from locust import HttpUser, between, constant, events, task

from bench.forms import REFERENCE, FormFields, csrf_token

PLAN = json.loads(Path(os.environ["STAFFROOM_LOAD_PLAN"]).read_text())
_accounts = itertools.cycle(PLAN["accounts"])
_agents = itertools.cycle([account for account in PLAN["accounts"] if account["agent"]])
_accounts_lock = threading.Lock()
LEDGER = {"votes": {}, "requests": []}  # votes: "email idea" -> last state the server confirmed


class SignedIn(HttpUser):
    abstract = True
    accounts = _accounts

    def on_start(self):
        with _accounts_lock:
            self.account = next(self.accounts)
        page = self.client.get("/sign-in", name="/sign-in")
        response = self.client.post(
            "/sign-in",
            name="/sign-in",
            allow_redirects=False,
            data={"csrf_token": csrf_token(page.text), "email": self.account["email"], "password": PLAN["password"]},
        )
        if response.status_code != 303:
            raise RuntimeError(f"sign-in as {self.account['email']} answered {response.status_code}")
        self.token = csrf_token(self.client.get("/", name="/").text)


class StaffUser(SignedIn):
    wait_time = between(1, 3)  # a person reads before clicking again

    @task(6)
    def home(self):
        self.client.get("/", name="/")

    @task(6)
    def ideas_board(self):
        choice = random.choice(
            [
                "?sort=top",
                "?sort=newest",
                "?status=planned",
                "?status=implemented",
                "?page=2",
                f"?tag={random.choice(PLAN['tags'])}",
            ]
        )
        self.client.get(f"/ideas{choice}", name="/ideas?…")

    @task(3)
    def read_and_vote(self):
        idea = random.choice(PLAN["ideas"])
        self.client.get(f"/ideas/{idea}", name="/ideas/<id>")
        state = random.random() < 0.7  # mostly votes, sometimes takes one back
        response = self.client.post(
            f"/ideas/{idea}/vote",
            name="/ideas/<id>/vote (htmx)",
            headers={"HX-Request": "true", "X-CSRFToken": self.token},
            data={"csrf_token": self.token, "vote": "1" if state else "0"},
        )
        if response.status_code == 200:
            confirmed = 'aria-pressed="true"' in response.text
            LEDGER["votes"][f"{self.account['id']} {idea}"] = confirmed

    @task(6)
    def read_article(self):
        self.client.get(f"/kb/{random.choice(PLAN['articles'])}", name="/kb/<slug>")

    @task(4)
    def search_as_you_type(self):
        words = random.choice(PLAN["searches"])
        for length in (3, 5, len(words)):
            self.client.get(
                "/search/suggest",
                params={"q": words[:length]},
                headers={"HX-Request": "true"},
                name="/search/suggest (htmx)",
            )

    @task(3)
    def search_page(self):
        self.client.get("/search", params={"q": random.choice(PLAN["searches"])}, name="/search?q=")

    @task(1)
    def raise_request(self):
        service = random.choice(PLAN["services"])
        form = self.client.get(f"/services/{service}/request", name="/services/<slug>/request (form)")
        fields = FormFields()
        fields.feed(form.text)
        fields.values["csrf_token"] = [csrf_token(form.text)]
        checked = self.client.post(f"/services/{service}/request", data=fields.values, name="/services/<slug>/request")
        if "/request/" not in checked.url:
            raise RuntimeError(f"the request form was refused: {checked.status_code}")
        sent = self.client.post(
            checked.url, data={"csrf_token": csrf_token(checked.text)}, name="/services/<slug>/request/<token> (send)"
        )
        match = REFERENCE.search(sent.url)
        if match:
            LEDGER["requests"].append({"reference": match.group(1), "requester": self.account["id"]})

    @task(2)
    def my_requests(self):
        self.client.get("/requests/mine", name="/requests/mine")

    @task(2)
    def queue(self):
        if self.account["agent"]:
            self.client.get(
                random.choice(["/requests/queue", "/requests/queue?overdue=1", "/requests/queue?sort=age"]),
                name="/requests/queue?…",
            )

    @task(2)
    def dashboard(self):
        self.client.get(random.choice(["/dashboard", "/dashboard?period=4w", "/dashboard/demand"]), name="/dashboard…")


class HealthzUser(HttpUser):
    wait_time = constant(0)

    @task
    def healthz(self):
        self.client.get("/healthz", name="/healthz")


class PageUser(SignedIn):
    wait_time = constant(0)
    accounts = _agents  # agents may open every key page, the team queue included

    @task
    def page(self):
        self.client.get(os.environ["STAFFROOM_PAGE"], name=os.environ["STAFFROOM_PAGE"])


@events.test_stop.add_listener
def write_ledger(**_):
    path = os.environ.get("STAFFROOM_LOAD_LEDGER")
    if path:
        with open(path, "w") as out:
            json.dump(LEDGER, out)
