"""Every kind of page, as each role who can see it, in Chromium: axe-core finds no WCAG 2.2 A or
AA problem. The pages are those tests/test_html_validity.py checks as HTML (fewer variants), in
one browser context per role; a page a role may not see (404) is that role's not-found page,
checked once. The journeys check what htmx swaps in.

axe reads each role's first page whole (header, navigation, footer: the same on all of that
role's pages), then every page whose main content differs from all those read before; a page
whose main content is the same as one already read, for another role, gives the same answer."""

import re

from tests.browser.conftest import _new_page, axe_violations, sign_in_to_demo
from tests.pages import ACCOUNTS, FRAGMENTS, fill, open_to_everyone, pages

# Forms sent empty once (by the first role that sees them): the page again, with its errors.
SENT_EMPTY = {
    "ideas.new": "Post idea",
    "raising.raise_request": "Continue",
    "kb.new (form)": "Save article",
    "admin.new_person": "Create account",
    "catalogue.add_field (select)": "Save question",
}
# Fewer variants than the HTML check: their markup differs, their look and structure hardly.
VARIANTS = {
    "kb.new (chooser error)",
    "kb.new (form)",
    "search.results (nothing found)",
    "service_requests.show (resolved)",
    "service_requests.show (awaiting approval)",
    "catalogue.add_field (select)",
}
# Every form's token differs; nothing else on the page depends on it.
CSRF_TOKEN = re.compile(r'(name="csrf_token"[^>]*value=")[^"]*')


def _main_content(page) -> str:
    return CSRF_TOKEN.sub(r"\1", page.locator("main").evaluate("main => main.outerHTML"))


def test_every_page_as_each_role_has_no_accessibility_problems(browser, live_server, targets):
    to_check = [
        (label, fill(label, path, targets))
        for label, path in pages()
        if label.split(" ")[0] not in FRAGMENTS and (" " not in label or label in VARIANTS)
    ]
    public = open_to_everyone()
    problems, seen_by, read, sent_empty = [], {}, set(), set()

    def check(role, what):
        problems.extend(f"as {role}, {what}: {problem}" for problem in axe_violations(page))

    for role, email in ACCOUNTS.items():
        context, page = _new_page(browser, live_server, javascript=True)
        try:
            if email:
                sign_in_to_demo(page, email)
            assert page.goto("/no-such-page").status == 404
            check(role, "not found (the whole page)")
            for label, path in to_check:
                if not email and label.split(" ")[0] not in public:
                    continue
                response = page.goto(path)
                if response.status == 404 or response.request.redirected_from is not None:
                    continue  # not theirs to see (or, signed in, the sign-in page sends them home)
                assert response.status in (200, 422), f"{label} as {role}: {response.status}"
                seen_by.setdefault(label, []).append(role)
                if label in ("kb.edit", "kb.new (form)"):
                    # The article editor is checked with its toolbar (editor.js) in place; its
                    # link picker and image chooser open, in test_editor.py.
                    page.locator("[data-article-editor][data-editor-ready] [role=toolbar]").wait_for()
                if page.locator("h1").count() != 1:
                    problems.append(f"as {role}, {label} ({path}): {page.locator('h1').count()} h1 headings, not 1")
                content = _main_content(page)
                if content not in read:
                    read.add(content)
                    check(role, f"{label} ({path})")
                if label in SENT_EMPTY and label not in sent_empty:
                    sent_empty.add(label)
                    page.get_by_role("button", name=SENT_EMPTY[label], exact=True).click()
                    page.locator(".govuk-error-summary").wait_for()
                    check(role, f"{label} sent empty")
            errors = [error for error in page.console_errors if "status of 404" not in error]
            assert errors == [], f"as {role}: {errors}"
        finally:
            context.close()

    assert sent_empty == set(SENT_EMPTY)
    never = {label for label, _ in to_check} - set(seen_by)
    assert not never, f"pages nobody could see, so nothing was checked: {sorted(never)}"
    print(
        f"\n{sum(map(len, seen_by.values()))} pages of {len(seen_by)} kinds as {len(ACCOUNTS)} roles; "
        f"{len(read)} different, read by axe-core"
    )
    assert problems == [], f"{len(problems)} problems:\n" + "\n".join(problems)
