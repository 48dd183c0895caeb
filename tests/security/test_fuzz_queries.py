"""Every page's address, fuzzed: query parameters (filters, page numbers, sorts, searches) and the
parts of the path that are words rather than numbers. Whatever is asked for: never a 500.

The parameter names are the ones the page itself uses (its GET forms and the query strings of
its links), with the usual suspects every list page might read."""

import re
from urllib.parse import quote_plus

import pytest
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st

from tests.security.fuzzing import (
    actor_role,
    as_bytes,
    client_for,
    forms_of,
    make_fuzz_targets,
    text_values,
)
from tests.test_policy_matrix import MATRIX

# Examples per page (each sets most of the page's parameters at once): about 750 pages asked for,
# some 20 s on SQLite on two cores.
EXAMPLES = 8
MORE_EXAMPLES = {
    "search.results": 16,
    "ideas.index": 14,
    "service_requests.team_queue": 16,
    "admin.people": 12,
    "admin.audit_log": 14,
    "dashboard.requests": 12,
    "dashboard.export": 14,
    "catalogue.index": 12,
    "kb.history": 12,
    "raising.raise_request": 12,
    "assistant.index": 12,
}
COMMON_NAMES = [
    "q",
    "page",
    "sort",
    "status",
    "next",
    "kind",
    "team",
    "service",
    "period",
    "canned",
    "draft",
    "description",
    "title",
    "token",
]
# static: files served before the app is reached, no parameters read; home.readyz: reads no
# parameters, and answers 503 here by design (no search index is built: tests/test_readyz.py);
# single sign-on's routes answer 404 while it is off, as in the matrix (tests/auth/test_oidc.py
# sends them hostile state and codes against the real provider).
# dashboard.archived_pack: 404 until a pack has been sent (tests/dashboard/test_pack.py).
SKIPPED = {"static", "home.readyz", "auth.oidc_start", "auth.oidc_callback", "dashboard.archived_pack"}

GET_CASES = [
    (endpoint, path) for (method, endpoint), (path, _) in MATRIX.items() if method == "GET" and endpoint not in SKIPPED
]


def query_names(markup: str, path: str) -> list[str]:
    """The names the page sends back to its own address: its GET forms' fields and its links'."""
    page = forms_of(markup, f"http://localhost{path}")
    bare = path.split("?")[0]
    names = []
    for form in page.forms:
        if form.method == "get" and form.action.removeprefix("http://localhost").split("?")[0] == bare:
            names += list(form.fields)
    for link_path, link_names in page.link_queries:
        if link_path == bare:
            names += link_names
    return list(dict.fromkeys(names))


def query_string(pairs) -> str:
    return "&".join(f"{quote_plus(as_bytes(name))}={quote_plus(as_bytes(value))}" for name, value in pairs)


def query_values():
    """As for forms, but nothing over 20,000 characters: servers refuse longer addresses."""
    return st.one_of(
        text_values().filter(lambda value: len(value) <= 20_000),
        st.sampled_from(["1", "2", "0", "-1", "99999", str(2**31), "9" * 30, "all", "newest", "90"]),
    )


def _settings(endpoint):
    return settings(
        max_examples=MORE_EXAMPLES.get(endpoint, EXAMPLES),
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
            HealthCheck.function_scoped_fixture,
        ],
    )


@pytest.mark.parametrize("endpoint, path_template", GET_CASES, ids=[endpoint for endpoint, _ in GET_CASES])
def test_hostile_query_parameters_never_crash_a_page(app, endpoint, path_template):
    targets = make_fuzz_targets()
    client = client_for(app, actor_role("GET", endpoint), targets)
    path = path_template.format(**targets)
    first = client.get(path)
    assert first.status_code < 400, f"{path}: {first.status_code}"
    known = query_names(first.get_data(as_text=True), path) if first.mimetype == "text/html" else []
    names = list(dict.fromkeys(known + COMMON_NAMES))
    bare, _, fixed = path.partition("?")

    @_settings(endpoint)
    @given(data=st.data())
    def ask_with_hostile_parameters(data):
        # Most of the page's parameters at once, each hostile in its own way; sometimes one twice.
        chosen = [name for name in names if data.draw(st.integers(0, 3), label=f"{name}?")]
        chosen += data.draw(st.lists(st.sampled_from(names), max_size=2), label="repeated")
        pairs = [(name, data.draw(query_values(), label=name)) for name in chosen]
        query = "&".join(part for part in (fixed, query_string(pairs)) if part)
        headers = (
            {"HX-Request": "true", "HX-Current-URL": "http://localhost/"}
            if data.draw(st.booleans(), label="htmx")
            else {}
        )
        response = client.get(f"{bare}?{query}", headers=headers)
        event(f"status {response.status_code}")
        assert response.status_code < 500, f"GET {bare}?{query[:300]}: {response.status_code}"

    ask_with_hostile_parameters()


def _word_rules(app):
    """(rule, method, the path's word arguments) for every route with a word in its path."""
    word_rules = []
    for rule in app.url_map.iter_rules():
        words = [
            name
            for name, converter in rule._converters.items()
            if type(converter).__name__ in ("UnicodeConverter", "PathConverter")
        ]
        if words and rule.endpoint not in SKIPPED:
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                word_rules.append((rule, method, words))
    return word_rules


def test_hostile_words_in_the_path_are_not_found_never_a_crash(app):
    """Slugs, request references, draft tokens, file names, CSV table names: anything at all."""
    targets = make_fuzz_targets()
    client = client_for(app, "admin", targets)
    token = client.csrf_token()
    rules = _word_rules(app)
    assert len(rules) >= 20

    @settings(
        max_examples=120,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    )
    @given(data=st.data())
    def ask_for_hostile_words(data):
        rule, method, words = data.draw(st.sampled_from(rules), label="route")
        values = {}
        for argument in rule.arguments:
            if argument in words:
                values[argument] = data.draw(text_values().filter(lambda value: 0 < len(value) <= 2000), label=argument)
            else:
                values[argument] = data.draw(st.sampled_from([1, 2, 999999, 2**31, 10**30]), label=argument)
        # Built by hand: url_for would refuse what a hand-typed address can hold.
        path = rule.rule
        for argument, value in values.items():
            encoded = "".join(f"%{byte:02X}" for byte in as_bytes(value)) if argument in words else str(value)
            path = path.replace(f"<{_converter_text(rule, argument)}>", encoded)
        kwargs = {"data": {"csrf_token": token}} if method == "POST" else {}
        response = client.open(path, method=method, **kwargs)
        event(f"status {response.status_code}")
        assert response.status_code < 500, f"{method} {path[:300]} ({rule.endpoint}): {response.status_code}"

    ask_for_hostile_words()


def _converter_text(rule, argument) -> str:
    """The text of the rule's placeholder for `argument`, such as `int:idea_id` or `slug`."""
    match = re.search(rf"<([^<>]*:)?{argument}>", rule.rule)
    return match.group(0)[1:-1]
