"""Cross-site scripting: a corpus of payloads sent through every field that is shown back (and the
search boxes and filters that echo what was typed), then every page that shows it read with an
HTML parser. Nothing a person typed may become markup that runs: no <script> but the site's own,
no on* attribute, no javascript:/vbscript:/data: address, no frame or object, no htmx attribute.

Each value starts with a marker, and each marker must be found in the text of a page checked: the
field really was shown back, escaped, rather than the check passing on a page without it.
"""

import re
from html.parser import HTMLParser
from urllib.parse import quote_plus

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Article, ArticleQuestion, AskedQuestion, CannedReply, Category, Idea, Service, Team, User
from tests.conftest import page_text
from tests.factories import DEFAULT_PASSWORD, make_user, signed_in_client
from tests.security.fuzzing import client_for

# Short ones first: fields with small limits take as many as fit.
PAYLOADS = [
    "<script>alert(1)</script>",
    "<svg onload=alert(1)>",
    "<img src=x onerror=alert(1)>",
    '"><script>alert(1)</script>',
    "'><svg/onload=alert(1)>",
    "<ScRiPt>alert(1)</sCrIpT>",
    "<a href=javascript:alert(1)>a</a>",
    '<a href="JaVaScRiPt:alert(1)">b</a>',
    '<a href="&#106;avascript:alert(1)">c</a>',
    '<a href="java&#x09;script:alert(1)">d</a>',
    "<iframe src=javascript:alert(1)>",
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<<script>script>alert(1)<</script>/script>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<svg><script>alert(1)</script></svg>",
    '<object data="javascript:alert(1)">',
    '<embed src="data:text/html,<script>alert(1)</script>">',
    '<base href="javascript:alert(1)//">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<div style="background:url(javascript:alert(1))">e</div>',
    '<form action="javascript:alert(1)"><button>f</button></form>',
    '<div hx-get="/xss-probe" hx-trigger="load">g</div>',
    '<a data-hx-post="/xss-probe" data-hx-trigger="load">h</a>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "{{ 7*7 }} ${7*7} {% raw %}",
]
MARKDOWN_PAYLOADS = [
    "[m1](javascript:alert(1))",
    "[m2](JAVASCRIPT:alert(1))",
    "[m3](  javascript:alert(1)  )",
    "[m4](java\tscript:alert(1))",
    "![m5](javascript:alert(1))",
    '![m6](x" onerror="alert(1))',
    "<javascript:alert(1)>",
    "[m7](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[m8](vbscript:msgbox(1))",
    '[m9](https://example.com "t\\" onmouseover=\\"alert(1))',
    "[ref]: javascript:alert(1)\n\n[m10][ref]",
    "```\n</code><script>alert(1)</script>\n```",
    '<a href="javascript:alert(1)">m11</a>',
    "| a | b |\n|---|---|\n| <script>alert(1)</script> | <img src=x onerror=alert(1)> |",
    "- [ ] <svg onload=alert(1)>",
    "## <img src=x onerror=alert(1)> heading",
]
EVERYTHING = "\n\n".join(PAYLOADS + MARKDOWN_PAYLOADS)
ROUNDS = 3  # fields too short for the whole corpus get it over this many posts


def pack(marker: str, limit: int, round_number: int) -> str:
    """The marker and as many payloads as fit in `limit`, starting further along each round."""
    if limit >= len(marker) + 1 + len(EVERYTHING):
        return f"{marker} {EVERYTHING}"
    start = round_number * len(PAYLOADS) // ROUNDS
    value = marker
    for payload in PAYLOADS[start:] + PAYLOADS[:start]:
        if len(value) + 1 + len(payload) <= limit:
            value += " " + payload
    return value


# --- Reading a page as a browser would ----------------------------------------------------------

URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
    "background",
    "srcdoc",
    "content",
}
NEVER = {"iframe", "frame", "object", "embed", "base", "applet", "frameset"}


class LiveMarkup(HTMLParser):
    """Everything on a page that would run, load or navigate for an attacker. The site's own
    scripts are files under /static/, or carry the nonce of the page's Content-Security-Policy."""

    def __init__(self, nonce: str | None):
        super().__init__(convert_charrefs=True)
        self.nonce = nonce
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        where = f"<{tag} {' '.join(f'{k}={v!r}' for k, v in attributes.items())}>"[:200]
        own = attributes.get("src", "").startswith("/static/") or (self.nonce and attributes.get("nonce") == self.nonce)
        if tag == "script" and not own:
            self.problems.append(f"a script that is not the site's own: {where}")
        if tag in NEVER:
            self.problems.append(f"a {tag}: {where}")
        if tag == "meta" and attributes.get("http-equiv", "").lower() == "refresh":
            self.problems.append(f"a refresh: {where}")
        for name, value in attributes.items():
            if name.startswith("on"):
                self.problems.append(f"an event handler: {where}")
            plain = re.sub(r"[\x00-\x20]", "", value).lower()
            if name in URL_ATTRIBUTES and (
                plain.startswith(("javascript:", "vbscript:"))
                or (plain.startswith("data:") and not (tag == "img" and plain.startswith("data:image/")))
                or "url=javascript:" in plain
            ):
                self.problems.append(f"a script address: {where}")
            if (name.startswith(("hx-", "data-hx-")) and "xss-probe" in value) or (
                name == "style" and ("javascript:" in plain or "expression(" in plain)
            ):
                self.problems.append(f"an attribute from the payload: {where}")

    handle_startendtag = handle_starttag


def assert_nothing_runs(response, where: str) -> str:
    """The page's HTML has nothing of the payloads live; returns its text."""
    assert response.status_code < 500, f"{where}: {response.status_code}"
    markup = response.get_data(as_text=True)
    nonce = re.search(r"'nonce-([^']+)'", response.headers.get("Content-Security-Policy", ""))
    reader = LiveMarkup(nonce.group(1) if nonce else None)
    reader.feed(markup)
    reader.close()
    assert not reader.problems, f"{where}: {reader.problems}"
    return page_text(response)


class Pages:
    """Pages read so far, to look for the markers in."""

    def __init__(self):
        self.text = []

    def check(self, client, path: str, **kwargs):
        response = client.get(path, **kwargs)
        self.text.append(assert_nothing_runs(response, f"GET {path}"))
        return response

    def check_response(self, response, where: str):
        self.text.append(assert_nothing_runs(response, where))
        return response

    def assert_shown(self, *markers):
        everything = "\n".join(self.text).lower()  # tags are kept in lower case
        missing = [marker for marker in markers if marker.lower() not in everything]
        assert not missing, f"never shown back, so not checked: {missing}"


def posted(client, path: str, data: dict, pages: Pages, *, expect=(303,)):
    response = client.post(path, data=data)
    pages.check_response(response, f"POST {path}")
    assert response.status_code in expect, f"POST {path}: {response.status_code} {page_text(response)[:400]}"
    return response


# --- Ideas ----------------------------------------------------------------------------------------


def test_idea_fields_comments_and_status_notes_are_shown_as_text(app, targets, admin):
    pages = Pages()
    for number in range(ROUNDS):
        response = posted(
            admin,
            "/ideas/new",
            {
                "title": pack(f"XSSIDEATITLE{number}", 150, number),
                "description": pack("XSSIDEADESC", 10_000, number),
                "area": "0",
                "tags": pack("XSSIDEATAG", 400, number),
                "quality": pack("XSSIDEAQUALITY", 300, number),
            },
            pages,
        )
        idea = response.headers["Location"]
        posted(admin, f"{idea}/comments", {"body": pack("XSSCOMMENT", 5000, number)}, pages)
        posted(
            admin,
            f"{idea}/status",
            {
                "status": "not_taken_forward",
                "note": pack("XSSNOTE", 1000, number),
                "reason": pack("XSSREASON", 500, number),
            },
            pages,
        )
        pages.check(admin, idea)
    for path in (
        "/ideas",
        "/ideas/mine",
        "/ideas/roadmap",
        "/",
        "/search?q=xssideatitle0",
        "/ideas?q=xssideadesc",
        "/search/suggest?q=xssidea",
        "/ideas/similar?title=XSSIDEATITLE1",
    ):
        pages.check(admin, path)
        pages.check(admin, path, headers={"HX-Request": "true"})
    pages.assert_shown(
        *(f"XSSIDEATITLE{number}" for number in range(ROUNDS)),
        "XSSIDEADESC",
        "XSSIDEATAG",
        "XSSIDEAQUALITY",
        "XSSCOMMENT",
        "XSSNOTE",
        "XSSREASON",
    )


def test_a_benefit_description_is_shown_as_text(app, targets, admin):
    idea = db.session.get(Idea, targets["idea"])
    for status in ("under_review", "planned", "in_progress", "implemented"):
        admin.post(f"/ideas/{idea.id}/status", data={"status": status})
    pages = Pages()
    posted(
        admin,
        f"/ideas/{idea.id}/benefit",
        {
            "hours_per_month": "2",
            "pounds_per_year": "",
            "description": pack("XSSBENEFIT", 1000, 0),
            "realised_on": ["1", "4", "2026"],
        },
        pages,
    )
    for path in ("/ideas/benefits", f"/ideas/{idea.id}"):
        pages.check(admin, path)
    pages.assert_shown("XSSBENEFIT")


# --- Knowledge base -------------------------------------------------------------------------------


def test_article_fields_questions_answers_and_feedback_are_shown_as_text(app, targets, admin):
    category = db.session.scalar(select(Category))
    pages = Pages()
    slugs = []
    for number in range(ROUNDS):
        response = posted(
            admin,
            "/kb/new?template=blank",
            {
                "title": pack(f"XSSARTICLE{number}", 150, number),
                "summary": pack("XSSSUMMARY", 300, number),
                "body": pack("XSSBODY", 100_000, number),
                "category_id": str(category.id),
                "tags": pack("XSSTAG", 400, number),
                "owner_id": str(targets["person"]),
                "status": "published",
                "review_by": ["", "", ""],
                "change_note": pack("XSSCHANGE", 200, number),
                "template": "blank",
            },
            pages,
        )
        slugs.append(response.headers["Location"].removeprefix("/kb/"))
    slug = slugs[0]
    article = db.session.scalar(select(Article).where(Article.slug == slug))
    edited = posted(
        admin,
        f"/kb/{slug}/edit",
        {
            "title": article.title,
            "summary": article.summary,
            "body": article.body + "\n\nXSSEDITED",
            "category_id": str(category.id),
            "tags": "",
            "owner_id": str(targets["person"]),
            "status": "published",
            "review_by": ["", "", ""],
            "change_note": pack("XSSEDITNOTE", 200, 1),
            "base_revision": str(article.revision_number),
        },
        pages,
    )
    slug = edited.headers["Location"].removeprefix("/kb/")
    reader = signed_in_client(app, make_user(name="Rita Reader"))
    posted(reader, f"/kb/{slug}/questions", {"body": pack("XSSQUESTION", 5000, 0)}, pages)
    posted(reader, f"/kb/{slug}/feedback", {"helpful": "no", "comment": pack("XSSFEEDBACK", 2000, 0)}, pages)
    question = db.session.scalar(select(ArticleQuestion).where(ArticleQuestion.body.startswith("XSSQUESTION")))
    posted(
        admin,
        f"/kb/questions/{question.id}/answers",
        {"body": pack("XSSANSWER", 10_000, 0), "mark_answered": "y"},
        pages,
    )
    preview = admin.post("/kb/preview", data={"body": EVERYTHING + "\nXSSPREVIEW"}, headers={"HX-Request": "true"})
    pages.check_response(preview, "POST /kb/preview")
    for path in (
        f"/kb/{slug}",
        f"/kb/{slug}/history",
        f"/kb/{slug}/edit",
        "/kb/",
        "/kb/recent",
        "/kb/helpful",
        f"/kb/category/{category.slug}",
        "/kb/feedback",
        "/kb/questions",
        "/kb/needs-review",
        "/search?q=xssbody",
        "/search?q=xssarticle1",
        "/search/suggest?q=xssarticle",
        "/",
    ):
        pages.check(admin, path)
    pages.check(reader, f"/kb/{slug}")
    pages.assert_shown(
        *(f"XSSARTICLE{number}" for number in range(ROUNDS)),
        "XSSSUMMARY",
        "XSSBODY",
        "XSSTAG",
        "XSSCHANGE",
        "XSSEDITNOTE",
        "XSSQUESTION",
        "XSSFEEDBACK",
        "XSSANSWER",
        "XSSPREVIEW",
    )


def test_category_names_and_descriptions_are_shown_as_text(app, targets, admin):
    pages = Pages()
    for number in range(ROUNDS):
        posted(
            admin,
            "/kb/categories",
            {"name": pack(f"XSSCATEGORY{number}", 80, number), "description": pack("XSSCATDESC", 300, number)},
            pages,
        )
    for path in ("/kb/categories", "/kb/", "/kb/new?template=blank"):
        pages.check(admin, path)
    pages.assert_shown(*(f"XSSCATEGORY{number}" for number in range(ROUNDS)), "XSSCATDESC")


# --- Service catalogue and requests ---------------------------------------------------------------

# One option a line, each different even to a check that ignores case.
OPTIONS = "\n".join(["XSSOPTION", *(f"XSSOPTION2 {number} {payload}" for number, payload in enumerate(PAYLOADS))])


def test_service_details_and_questions_are_shown_as_text(app, targets, admin):
    team = db.session.get(Team, targets["team"])
    pages = Pages()
    builder = posted(
        admin,
        "/services/new",
        {
            "name": pack("XSSSERVICE", 120, 0),
            "summary": pack("XSSSVCSUMMARY", 300, 0),
            "description": pack("XSSSVCDESC", 20_000, 0),
            "keywords": pack("XSSKEYWORDS", 300, 0),
            "category": "0",
            "new_category": pack("XSSNEWCAT", 80, 0),
            "team": str(team.id),
            "resolution_days": "3",
            "audience": "everyone",
            "active": "y",
        },
        pages,
    ).headers["Location"]
    created = builder.removesuffix("/form")
    service = targets["service"]
    for number in range(ROUNDS):
        posted(
            admin,
            f"/services/{service}/form/new?kind=select",
            {
                "label": pack(f"XSSLABEL{number}", 200, number),
                "hint": pack("XSSHINT", 500, number),
                "required": "",
                "options": OPTIONS,
                "condition": "",
            },
            pages,
        )
    for path in (
        "/services",
        "/services?q=xssservice",
        "/services?q=xsskeywords",
        "/services/manage",
        created,
        builder,
        f"{created}/edit",
        f"/services/{service}",
        f"/services/{service}/form",
        f"/services/{service}/request",
        "/search?q=xsssvcdesc",
    ):
        pages.check(admin, path)
    pages.assert_shown(
        "XSSSERVICE",
        "XSSSVCSUMMARY",
        "XSSSVCDESC",
        "XSSNEWCAT",
        *(f"XSSLABEL{n}" for n in range(ROUNDS)),
        "XSSHINT",
        "XSSOPTION",
        "XSSOPTION2",
    )


def test_request_subject_answers_messages_and_canned_replies_are_shown_as_text(app, targets, admin):
    owner = signed_in_client(app, db.session.get(User, targets["person"]))
    service = db.session.scalar(select(Service).where(Service.slug == targets["everything"]))
    pages = Pages()
    answers = {}
    for question in service.fields:
        if question.kind in ("text", "textarea"):
            answers[question.name] = pack(
                f"XSSANSWER{question.kind.upper()}", 500 if question.kind == "text" else 10_000, 0
            )
        elif question.kind == "number":
            answers[question.name] = "12"
        elif question.kind in ("select", "yesno", "radios"):
            answers[question.name] = question.choices[0]
        elif question.kind == "email":
            answers[question.name] = "XSSEMAIL@council.test"
    response = posted(
        owner,
        f"/services/{service.slug}/request",
        {"subject": pack("XSSSUBJECT", 150, 0), "description": pack("XSSDESCRIPTION", 10_000, 0), **answers},
        pages,
    )
    check = response.headers["Location"]
    pages.check(owner, check)
    sent = posted(owner, check, {}, pages)
    reference = sent.headers["Location"].split("/")[2]
    facilities_manager = client_for(app, "team-manager", targets)
    democratic = db.session.scalar(select(Team).where(Team.name == "Democratic Services"))
    agent = signed_in_client(app, make_user(roles=["agent"], team=democratic, name="Agnes Agent"))
    posted(
        agent, f"/requests/{reference}/messages", {"body": pack("XSSREPLY", 20_000, 0), "visibility": "public"}, pages
    )
    posted(
        agent, f"/requests/{reference}/status", {"status": "waiting", "note": pack("XSSSTATUSNOTE", 20_000, 0)}, pages
    )
    posted(owner, f"/requests/{reference}/messages", {"body": pack("XSSOWNERREPLY", 20_000, 0)}, pages)
    posted(
        facilities_manager,
        "/requests/canned-replies",
        {"title": pack("XSSCANNEDTITLE", 120, 0), "body": pack("XSSCANNEDBODY", 20_000, 0)},
        pages,
    )

    canned = db.session.scalar(select(CannedReply).where(CannedReply.title.startswith("XSSCANNEDTITLE")))
    for client, path in (
        (owner, f"/requests/{reference}"),
        (owner, f"/requests/{reference}/sent"),
        (owner, "/requests/mine"),
        (agent, f"/requests/{reference}"),
        (agent, "/requests/queue"),
        (admin, f"/requests/{reference}"),
        (admin, "/requests/queue?q=xsssubject"),
        (facilities_manager, "/requests/canned-replies"),
        (facilities_manager, f"/requests/canned-replies/{canned.id}"),
        (facilities_manager, f"/requests/{targets['request']}?canned={canned.id}"),
        (owner, "/notifications"),
        (admin, "/dashboard"),
        (owner, f"/requests/{reference}/cancel"),
    ):
        pages.check(client, path)
    pages.assert_shown(
        "XSSSUBJECT",
        "XSSDESCRIPTION",
        "XSSANSWERTEXT",
        "XSSANSWERTEXTAREA",
        "XSSEMAIL",
        "XSSREPLY",
        "XSSSTATUSNOTE",
        "XSSOWNERREPLY",
        "XSSCANNEDTITLE",
        "XSSCANNEDBODY",
    )


# --- People, teams, the assistant ----------------------------------------------------------------


def test_team_and_person_names_are_shown_as_text_wherever_they_appear(app, targets, admin):
    pages = Pages()
    posted(admin, "/admin/teams", {"name": pack("XSSTEAM", 120, 0), "is_business_support": "y"}, pages)
    team = db.session.scalar(select(Team).where(Team.name.startswith("XSSTEAM")))
    posted(
        admin,
        "/admin/people/new",
        {
            "name": pack("XSSPERSON", 120, 0),
            "email": "xss.person@council.test",
            "team_id": str(team.id),
            "roles": ["agent", "editor"],
            "password": DEFAULT_PASSWORD,
        },
        pages,
    )
    person = db.session.scalar(select(User).where(User.email == "xss.person@council.test"))
    themselves = signed_in_client(app, person)
    idea = posted(
        themselves, "/ideas/new", {"title": "Their idea", "description": "Plain words", "area": str(team.id)}, pages
    ).headers["Location"]
    posted(themselves, f"{idea}/comments", {"body": "A comment"}, pages)
    for client, path in (
        (admin, "/admin/people"),
        (admin, f"/admin/people/{person.id}"),
        (admin, "/admin/people?q=xssperson"),
        (admin, "/admin/teams"),
        (admin, f"/admin/teams/{team.id}"),
        (admin, "/admin/audit"),
        (admin, "/admin/audit?person=xssperson"),
        (admin, "/ideas"),
        (admin, idea),
        (admin, f"/dashboard/people?team={team.id}"),
        (admin, "/ideas/new"),
        (themselves, "/"),
        (themselves, "/account"),
        (themselves, "/kb/new?template=blank"),
        (admin, "/services/new"),
    ):
        pages.check(client, path)
    pages.assert_shown("XSSTEAM", "XSSPERSON")


def test_questions_to_the_assistant_and_the_vocabulary_are_shown_as_text(app, targets, admin):
    pages = Pages()
    for number in range(ROUNDS):
        posted(admin, "/ask", {"question": pack(f"XSSASK{number}", 200, number)}, pages)
        posted(
            admin,
            "/ask/vocabulary",
            {"term": pack(f"XSSTERM{number}", 60, number), "meaning": pack("XSSMEANING", 200, number)},
            pages,
            expect=(303, 422),
        )
    asked = db.session.scalar(select(AskedQuestion).where(AskedQuestion.question.startswith("XSSASK0")))
    admin.post(f"/ask/{asked.id}/community", data={})
    posted(admin, f"/ask/community/{asked.id}", {"body": pack("XSSCOMMUNITY", 5000, 0)}, pages, expect=(303, 404))
    for path in ("/ask", "/ask/vocabulary", "/ask/community", f"/ask/community/{asked.id}"):
        pages.check(admin, path)
    pages.assert_shown(*(f"XSSASK{number}" for number in range(ROUNDS)))


# --- What is typed into an address or a refused form, echoed back ----------------------------------

ECHOES = [
    "/search?q={v}",
    "/search?q={v}&kind={v}&category={v}&tag={v}&sort={v}",
    "/search/suggest?q={v}",
    "/ideas?q={v}&area={v}&tag={v}&status={v}&sort={v}",
    "/ideas/similar?title={v}",
    "/services?q={v}&category={v}",
    "/admin/people?q={v}&status={v}",
    "/admin/audit?person={v}&action={v}&day_from={v}",
    "/requests/queue?service={v}&assignee={v}&status={v}&due={v}&sort={v}",
    "/kb/new?template={v}",
    "/services/{service}/form/new?kind={v}",
    "/services/{service}/suggestions?description={v}&subject={v}",
    "/services/{service}/request?description={v}",
    "/dashboard?period={v}&team={v}",
    "/sign-in?next={v}",
    "/kb/{article}/history?old={v}&new={v}",
    "/kb/{v}",
    "/kb/category/{v}",
    "/kb/tag/{v}",
    "/services/{v}",
    "/requests/{v}",
    "/ask?q={v}",
]


@pytest.mark.parametrize(
    "payload",
    [" ".join(PAYLOADS), " ".join(MARKDOWN_PAYLOADS), PAYLOADS[3]],
    ids=["html", "markdown", "breaking-out-of-an-attribute"],
)
def test_what_is_typed_into_an_address_comes_back_as_text(app, targets, admin, payload):
    value = quote_plus(f"XSSECHO {payload}")
    for template in ECHOES:
        path = template.replace("{v}", value).format(**targets)
        response = admin.get(path)
        assert_nothing_runs(response, f"GET {path}")
        assert_nothing_runs(admin.get(path, headers={"HX-Request": "true"}), f"htmx GET {path}")
    anonymous = app.test_client()
    assert_nothing_runs(anonymous.get(f"/sign-in?next={value}"), "sign-in")


def test_a_refused_form_shows_what_was_typed_as_text(app, targets, admin):
    """Too long, so refused and shown again with what was typed, in inputs and text areas."""
    pages = Pages()
    long = "XSSREFUSED " + EVERYTHING * 5  # over every limit but the article's
    for path, data in (
        ("/ideas/new", {"title": long, "description": long}),
        ("/kb/new?template=blank", {"title": long, "summary": long, "body": long * 10}),
        ("/admin/teams", {"name": long}),
        ("/kb/categories", {"name": long}),
        (f"/ideas/{targets['idea']}/comments", {"body": long}),
        (f"/services/{targets['service']}/request", {"subject": long, "description": long}),
        ("/services/new", {"name": long, "summary": long}),
        ("/sign-in", {"email": long, "password": "x"}),
    ):
        client = app.test_client() if path == "/sign-in" else admin
        response = client.post(path, data=data)
        assert response.status_code == 422, f"{path}: {response.status_code}"
        pages.check_response(response, f"POST {path}")
        htmx = client.post(path, data=data, headers={"HX-Request": "true"})
        pages.check_response(htmx, f"htmx POST {path}")
    pages.assert_shown("XSSREFUSED")


@pytest.mark.parametrize(
    "markup",
    [
        "<script>alert(1)</script>",
        "<script nonce='guessed'>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<svg><g onload='alert(1)'/></svg>",
        '<a href=" JaVa&#x09;ScRiPt:alert(1)">x</a>',
        "<iframe src=/x></iframe>",
        '<a href="data:text/html,x">x</a>',
        '<div hx-get="/xss-probe" hx-trigger="load"></div>',
        '<meta http-equiv="refresh" content="0;url=/x">',
        '<form action="vbscript:x"></form>',
    ],
)
def test_the_check_finds_markup_that_would_run(markup):
    reader = LiveMarkup("the-real-nonce")
    reader.feed(f"<html><body><p>Hello</p>{markup}</body></html>")
    reader.close()
    assert reader.problems


def test_the_check_accepts_the_sites_own_scripts():
    reader = LiveMarkup("the-real-nonce")
    reader.feed(
        '<script src="/static/js/staffroom.js"></script><script nonce="the-real-nonce">x()</script>'
        '<img src="data:image/png;base64,AAAA" alt=""><a href="/ideas?q=%3Cscript%3E">ideas</a>'
    )
    reader.close()
    assert not reader.problems
