"""Reading Staffroom's HTML forms the way a browser would, for the load test's users (no
dependencies, so the application's own virtualenv can use it too)."""

import re
from datetime import date, timedelta
from html.parser import HTMLParser

CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')
REFERENCE = re.compile(r"/requests/(BS-\d{6})/sent")


def csrf_token(html: str) -> str:
    match = CSRF.search(html)
    if not match:
        raise RuntimeError("no CSRF token on the page")
    return match.group(1) or match.group(2)


class FormFields(HTMLParser):
    """The fields of a request form and a valid answer for each, whatever the service asks:
    `values` maps each name to its list of values (a GOV.UK date is three inputs of one name:
    day, month, year), ready for `requests`' `data=`."""

    def __init__(self):
        super().__init__()
        self.values: dict[str, list[str]] = {}
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "select":
            self._select = name
        elif tag == "option" and self._select and attrs.get("value") and self._select not in self.values:
            self.values[self._select] = [attrs["value"]]
        if not name or tag not in ("input", "textarea"):
            return
        kind = attrs.get("type", "textarea" if tag == "textarea" else "text")
        part = (attrs.get("id") or "").rsplit("-", 1)[-1]
        if kind in ("radio", "checkbox"):
            self.values.setdefault(name, [attrs.get("value", "y")])
        elif kind == "hidden":
            self.values[name] = [attrs.get("value", "")]
        elif kind == "file":
            pass
        elif part in ("day", "month", "year") and "govuk-date-input__input" in attrs.get("class", ""):
            # A weekday three weeks ahead: not in the past, inside every service's window.
            when = date.today() + timedelta(days=21)
            while when.weekday() > 4:
                when += timedelta(days=1)
            self.values.setdefault(name, []).append(str(getattr(when, part)))
        elif attrs.get("inputmode") in ("numeric", "decimal") or kind == "number":
            self.values[name] = [attrs.get("min") or "2"]
        elif kind == "email":
            self.values[name] = ["someone@council.example"]
        else:
            self.values[name] = ["Load test request: papers for the committee on Thursday"]

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
