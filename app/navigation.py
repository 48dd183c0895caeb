"""The header navigation: one list, marked with the section the current page belongs to."""

from flask import request, url_for
from flask_login import current_user

from app import policy

# (label, endpoint, blueprint or endpoint prefix that counts as "in this section", rule)
SECTIONS = [
    ("Home", "home.index", "home.index", None),
    ("Ideas", "ideas.index", "ideas.", None),
    ("Knowledge", "kb.index", "kb.", None),
    ("Services", "catalogue.index", "catalogue.", None),
    ("My requests", "service_requests.mine", "service_requests.mine", None),
    ("Team queue", "service_requests.team_queue", "service_requests.team_queue", policy.can_view_queue),
    ("Dashboard", "dashboard.requests", "dashboard.", None),
    ("Admin", "admin.people", "admin.", policy.can_view_admin),
]


def navigation_items() -> list[dict[str, str | bool]]:
    endpoint = request.endpoint or ""
    items: list[dict[str, str | bool]] = []
    for label, target, section, rule in SECTIONS:
        if rule is not None and not rule(current_user):
            continue
        active = endpoint.startswith(section) if section.endswith(".") else endpoint == section
        items.append(
            {
                "text": label,
                "href": url_for(target),
                "active": active,
                "current": endpoint == target and not request.args,
            }
        )
    return items
