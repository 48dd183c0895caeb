"""Every kind of page, as each role who can see it, fits a phone, a tablet and a laptop in Chromium:
at 320, 390, 768 and 1280 px wide nothing makes the page scroll sideways
(`document.documentElement.scrollWidth` is at most the viewport's width), no summary-list key
breaks inside a word, and every table's body cells carry the `data-label` the stacked layout of
narrow screens shows beside each value (docs/architecture.md, "Tables").

One browser context per role; each page is loaded once and measured at every width by resizing
the viewport, which reflows the page without reloading it."""

from tests.browser.conftest import _new_page, sign_in_to_demo
from tests.pages import ACCOUNTS, FRAGMENTS, fill, open_to_everyone, pages

WIDTHS = (320, 390, 768, 1280)

# What overflows the page sideways (its widest elements, named), words broken inside summary-list
# keys, and body cells of tables without a label: all measured in the page as it is now.
MEASURE = """
width => {
  const problems = [];
  const page = document.documentElement.scrollWidth;
  if (page > width) {
    const name = element => element.tagName.toLowerCase() + (element.id ? "#" + element.id : "")
      + [...element.classList].slice(0, 2).map(c => "." + c).join("");
    const wide = [...document.body.querySelectorAll("*")]
      .filter(element => element.getBoundingClientRect().right > width + 1)
      .filter(element => !element.parentElement || element.parentElement.getBoundingClientRect().right <= width + 1)
      .slice(0, 4).map(element => name(element) + " " + Math.round(element.getBoundingClientRect().right) + "px");
    problems.push(`scrolls sideways: ${page}px (${wide.join(", ")})`);
  }
  for (const key of document.querySelectorAll(".govuk-summary-list__key")) {
    const walker = document.createTreeWalker(key, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/[^\\s\\-\\u2013\\/]+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (lines.size > 1) problems.push(`summary-list key breaks "${match[0]}" inside the word`);
      }
    }
  }
  for (const cell of document.querySelectorAll("table > tbody > tr > *")) {
    if (!cell.hasAttribute("data-label") && !cell.hasAttribute("colspan")) {
      problems.push(`a table cell without data-label: "${cell.textContent.trim().slice(0, 30)}"`);
      break;
    }
  }
  return problems;
}
"""


def test_every_page_as_each_role_fits_320_390_768_and_1280_pixels(browser, live_server, targets):
    to_check = [(label, fill(label, path, targets)) for label, path in pages() if label.split(" ")[0] not in FRAGMENTS]
    public = open_to_everyone()
    problems, seen_by = [], {}
    for role, email in ACCOUNTS.items():
        context, page = _new_page(browser, live_server, javascript=True)
        try:
            if email:
                sign_in_to_demo(page, email)
            for label, path in to_check:
                if not email and label.split(" ")[0] not in public:
                    continue
                page.set_viewport_size({"width": WIDTHS[0], "height": 800})
                response = page.goto(path)
                if response.status == 404 or response.request.redirected_from is not None:
                    continue
                assert response.status in (200, 422), f"{label} as {role}: {response.status}"
                seen_by.setdefault(label, []).append(role)
                for width in WIDTHS:
                    if width != WIDTHS[0]:
                        page.set_viewport_size({"width": width, "height": 800})
                    problems.extend(
                        f"as {role} at {width}px, {label} ({path}): {problem}"
                        for problem in page.evaluate(MEASURE, width)
                    )
        finally:
            context.close()

    never = {label for label, _ in to_check} - set(seen_by)
    assert not never, f"pages nobody could see, so nothing was measured: {sorted(never)}"
    print(f"\n{sum(map(len, seen_by.values()))} pages of {len(seen_by)} kinds at {len(WIDTHS)} widths")
    assert problems == [], f"{len(problems)} problems:\n" + "\n".join(problems)
