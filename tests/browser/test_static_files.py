"""Journey: the home page in Chromium from an empty cache: every file it loads arrives
compressed under a hashed name, the stylesheet applies and the scripts run under the strict CSP,
the next page takes them all from the cache, and the whole first view stays within 150 kB."""

import re

from app import demo
from bench.page_weight import FIRST_VIEW_BUDGET
from tests.browser.conftest import sign_in

RESOURCES = """() => performance.getEntriesByType("resource").concat(performance.getEntriesByType("navigation"))
    .map(entry => ({url: new URL(entry.name).pathname, transferred: entry.transferSize,
                    encoded: entry.encodedBodySize, decoded: entry.decodedBodySize}))"""


def test_first_view_loads_hashed_compressed_files_once(page, demo_content, record_property):
    sign_in(page, "ea@staffroom.test", demo.DEMO_PASSWORD)
    failed = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("response", lambda response: response.status >= 400 and failed.append(response.url))
    page.context.new_cdp_session(page).send("Network.clearBrowserCache")

    page.goto("/")
    page.wait_for_load_state("networkidle")
    loaded = page.evaluate(RESOURCES)
    static = [entry for entry in loaded if entry["url"].startswith("/static/")]
    assert {entry["url"].rsplit(".", 1)[-1] for entry in static} >= {"css", "js", "svg"}
    for entry in static:
        assert re.search(r"\.[0-9a-f]{12}\.\w+$", entry["url"]), entry
        assert 0 < entry["encoded"] < entry["decoded"], f"{entry['url']} was not sent compressed"
    total = sum(entry["transferred"] for entry in loaded)
    record_property("home page first view in chromium, bytes transferred", total)
    print(f"\nhome page first view in Chromium: {total:,} bytes transferred, {len(loaded)} responses")
    assert total <= FIRST_VIEW_BUDGET

    # The stylesheet applies, and GOV.UK Frontend (imported by our module) and htmx run.
    assert page.evaluate("getComputedStyle(document.querySelector('.sr-header')).backgroundColor") == "rgb(84, 49, 159)"
    assert page.evaluate("typeof htmx") == "object"
    assert page.locator("[data-module='govuk-button'][data-govuk-button-init]").count() >= 1

    # The next page takes them all from the browser's cache, without asking the server.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Ideas", exact=True).click()
    page.wait_for_load_state("networkidle")
    again = [entry for entry in page.evaluate(RESOURCES) if entry["url"].startswith("/static/")]
    assert again and all(entry["transferred"] == 0 for entry in again), again
    assert failed == []
    assert page.console_errors == []
