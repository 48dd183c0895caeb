"""The header navigation: one list, marked with the section the current page belongs to."""

from flask import request, url_for
from flask_login import current_user

from app import policy

# (label, endpoint, what counts as "in this section": blueprints or endpoint prefixes ending in
# ".", or whole endpoint names, rule)
SECTIONS = [
    ("Home", "home.index", ("home.index",), None),
    ("Ask Staffroom", "assistant.index", ("assistant.",), policy.can_ask),
    ("Ideas", "ideas.index", ("ideas.",), None),
    ("Knowledge", "kb.index", ("kb.",), None),
    ("Services", "catalogue.index", ("catalogue.", "raising."), None),  # raising: a service's request pages
    ("My requests", "service_requests.mine", ("service_requests.mine",), None),
    ("Team queue", "service_requests.team_queue", ("service_requests.team_queue",), policy.can_view_queue),
    ("Dashboard", "dashboard.requests", ("dashboard.",), None),
    ("Admin", "admin.people", ("admin.",), policy.can_view_admin),
]


def _in_section(endpoint: str, section: tuple[str, ...]) -> bool:
    return any(endpoint.startswith(part) if part.endswith(".") else endpoint == part for part in section)


def navigation_items() -> list[dict[str, str | bool]]:
    endpoint = request.endpoint or ""
    items: list[dict[str, str | bool]] = []
    for label, target, section, rule in SECTIONS:
        if rule is not None and not rule(current_user):
            continue
        active = _in_section(endpoint, section)
        items.append(
            {
                "text": label,
                "href": url_for(target),
                "active": active,
                "current": endpoint == target and not request.args,
            }
        )
    return items
