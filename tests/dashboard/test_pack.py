"""The monthly performance pack against the hand-computed dataset (tests/dashboard/dataset.py):
April 2026 against March 2026 and April 2025, with its summary in words at the front."""

import io
from datetime import date

from pypdf import PdfReader

from app import clock
from app.dashboard import pack, periods
from app.extensions import db
from app.models import MonthlyPack
from tests.conftest import page_text
from tests.dashboard.dataset import build
from tests.factories import make_user, signed_in_client
from tests.service_requests.helpers import london, raise_request

AFTER_APRIL = london(2026, 5, 5, 9)


def build_from_march_2025():
    """The dataset, with one more request on Monday 3 March 2025 (Room booking, left open) so that
    the figures begin before April 2025: a whole month to compare April 2026 with."""
    data = build()
    with clock.fixed(london(2025, 3, 3, 10)):
        raise_request(data.rooms, data.rita, subject="Request R0")
    db.session.commit()
    return data


def test_a_calendar_month_compares_with_the_month_before_and_a_year_earlier():
    april = periods.Filters.calendar_month(date(2026, 4, 1))
    assert (april.start, april.now) == (london(2026, 4, 1, 0), london(2026, 5, 1, 0))
    assert (april.previous().start, april.previous().now) == (london(2026, 3, 1, 0), london(2026, 4, 1, 0))
    assert (april.year_earlier().start, april.year_earlier().now) == (london(2025, 4, 1, 0), london(2025, 5, 1, 0))
    # January's month before is December of the year before.
    january = periods.Filters.calendar_month(date(2027, 1, 1))
    assert january.previous().month == date(2026, 12, 1)


def test_the_pack_for_april_says_in_words_whether_each_target_was_met(app):
    build_from_march_2025()
    with clock.fixed(AFTER_APRIL):
        assert pack.last_complete_month() == date(2026, 4, 1)
        april = pack.build(pack.last_complete_month())
    # April 2026: R1–R5, R8, R9 received (7); April 2025: R7 alone. R1, R2 (in time) and R3 (late)
    # resolved: 66.7% against 90%; a year earlier R7 in time (100%). Ratings 5, 4, 1: 3.33 against 4.
    # Minute taking had R1, R2, R5, R8. In the 90 days to 1 May only Cy resolved Room booking's.
    assert april.summary == [
        "7 requests came in during April 2026, up 600% on April 2025.",
        "66.7% were resolved within their service’s target against a target of 90%: target missed "
        "(down 33.3 points on a year earlier).",
        "Satisfaction averaged 3.33 out of 5 against a target of 4: target missed.",
        "Minute taking was the busiest service (4 requests).",
        "1 service depends on a single agent: Room booking.",
    ]


def test_a_month_a_year_earlier_that_the_figures_begin_in_is_not_compared(app):
    build()  # the figures begin with R7, on 15 April 2025
    with clock.fixed(AFTER_APRIL):
        april = pack.build(date(2026, 4, 1))
    assert april.summary[:2] == [
        "7 requests came in during April 2026; April 2025 cannot be compared, as the figures begin "
        "part-way through it.",
        "66.7% were resolved within their service’s target against a target of 90%: target missed.",
    ]
    received = april.compared[0]
    assert (received.year_earlier, received.year_part, received.change_year) == (1, True, None)


def test_the_pack_page_prints_every_section_for_the_month_chosen(app):
    build_from_march_2025()
    with clock.fixed(AFTER_APRIL):
        browser = signed_in_client(app, make_user())
        text = page_text(browser.get("/dashboard/pack?print=1"))
        assert "Business Support performance: April 2026" in text
        assert "7 requests came in during April 2026" in text
        for heading in ("Requests by week", "Each service against its target", "Ideas", "Resilience"):
            assert heading in text
        assert "Show pack" not in text  # the printed pack has no form
        # Last month's pack as PDF, as a manager opens it: on its first page whether each target
        # was met and how that compares with last year.
        as_pdf = browser.get("/dashboard/pack.pdf")
        assert as_pdf.status_code == 200 and as_pdf.mimetype == "application/pdf"
        first_page = " ".join(PdfReader(io.BytesIO(as_pdf.get_data())).pages[0].extract_text().split())
        assert "66.7% were resolved within their service’s target against a target of 90%: target missed" in first_page
        assert "(down 33.3 points on a year earlier)" in first_page
        march = page_text(browser.get("/dashboard/pack?month=2026-03"))
        assert (
            "Business Support performance: March 2026" in march
            and "0 requests came in during March 2026; March 2025 cannot be compared, as the figures begin part-way"
            in march
        )
        # A month not over yet, or nonsense, gives the last whole month rather than an error.
        for month in ("2026-05", "2026-13", "soon", "99999-1"):
            response = browser.get(f"/dashboard/pack?month={month}")
            assert response.status_code == 200 and "performance: April 2026" in page_text(response), month


# --- Who receives it, and sending it once a month -------------------------------------------------


def test_admins_name_who_receives_the_pack_and_a_stranger_is_refused_on_the_field(app):
    admin = make_user(roles=("admin",))
    portfolio = make_user(name="Pat Portfolio", email="pat@council.test")
    shadow = make_user(name="Sam Shadow", email="sam@council.test")
    browser = signed_in_client(app, admin)
    refused = browser.post(
        "/dashboard/targets",
        data={"within_target_percent": "90", "satisfaction": "4", "recipients": "pat@council.test\nnobody@x.test"},
    )
    assert refused.status_code == 422
    assert "Nobody active here has the email address nobody@x.test" in page_text(refused)
    assert "nobody@x.test" in refused.get_data(as_text=True)  # what was typed is kept
    saved = browser.post(
        "/dashboard/targets",
        data={"within_target_percent": "90", "satisfaction": "4", "recipients": "PAT@council.test, sam@council.test"},
    )
    assert saved.status_code == 303
    assert pack.recipients() == [portfolio, shadow]


def test_the_monthly_pack_is_emailed_once_a_month_through_the_outbox(make_app, smtp_server):
    """`flask reports send-monthly` from cron: the pack for April goes once to each person named,
    through a real SMTP server; running it again (the same month) sends nothing more; the pack
    is kept as sent, and downloads from the dashboard."""
    inbox, port = smtp_server
    app = make_app(
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=port,
        MAIL_FROM="Staffroom <staffroom@council.test>",
        BASE_URL="https://staffroom.test",
    )
    with app.app_context():
        build_from_march_2025()
        admin = make_user(roles=("admin",))
        pat = make_user(name="Pat Portfolio", email="pat@council.test")
        pack.set_recipients(admin, "pat@council.test")
        db.session.commit()
        runner = app.test_cli_runner()
        with clock.fixed(AFTER_APRIL):
            first = runner.invoke(args=["reports", "send-monthly"])
            again = runner.invoke(args=["reports", "send-monthly"])
            assert "the pack for April 2026 queued for 1 people" in first.output, first.output
            assert "the pack for April 2026 was sent already" in again.output, again.output
            assert runner.invoke(args=["mail", "send-pending"]).exit_code == 0
            assert runner.invoke(args=["mail", "send-pending"]).exit_code == 0
        # (The dataset's requests sent their own notifications too.)
        packs = [message for message in inbox.messages if message["Subject"].startswith("Business Support perf")]
        assert len(packs) == 1
        message = packs[0]
        assert message["To"] == pat.email and message["Subject"] == "Business Support performance: April 2026"
        # Plain text and HTML (the GOV.UK Notify style of every Staffroom email), saying the same.
        assert message.get_content_type() == "multipart/alternative"
        assert [part.get_content_type() for part in message.iter_parts()] == ["text/plain", "text/html"]
        body = message.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")
        assert body.startswith("Dear Pat,\n\nThe monthly performance pack for April 2026 is ready. In summary:")
        assert "- 7 requests came in during April 2026, up 600% on April 2025." in body
        assert "Read the whole pack: https://staffroom.test/dashboard/pack?month=2026-04" in body
        assert "\n--\nYou get this because a Staffroom administrator named you" in body
        assert "Choose which other emails Staffroom sends you: https://staffroom.test/account/notices" in body
        html_part = message.get_body(preferencelist=("html",)).get_content()
        assert (
            '<li style="margin-bottom: 5px;">7 requests came in during April 2026, up 600% on April 2025.</li>'
            in html_part
        )
        for link in (
            "https://staffroom.test/dashboard/pack?month=2026-04",
            "https://staffroom.test/dashboard/packs/2026-04.pdf",
            "https://staffroom.test/account/notices",
        ):
            assert f'<a href="{link}" style="color: #1d70b8;">{link}</a>' in html_part
        assert "border-top: 1px solid #b1b4b6" in html_part  # the small print, set apart
        # A month later, May's pack goes too (once per month, not once ever).
        with clock.fixed(london(2026, 6, 2, 9)):
            assert "the pack for May 2026 queued for 1 people" in runner.invoke(args=["reports", "send-monthly"]).output
            assert runner.invoke(args=["mail", "send-pending"]).exit_code == 0
        subjects = [
            message["Subject"] for message in inbox.messages if message["Subject"].startswith("Business Support perf")
        ]
        assert subjects == ["Business Support performance: April 2026", "Business Support performance: May 2026"]
        assert db.session.query(MonthlyPack).count() == 2
        with clock.fixed(AFTER_APRIL):
            browser = signed_in_client(app, make_user())
            page = page_text(browser.get("/dashboard/pack"))
            assert "Packs sent Each month’s pack as it was sent, to download. May 2026: PDF" in page
            assert "April 2026: PDF" in page
            assert "(sent 5 May 2026 to 1 person)" in page
            kept = browser.get("/dashboard/packs/2026-04.html")
            assert kept.status_code == 200 and "attachment" in kept.headers["Content-Disposition"]
            assert "7 requests came in during April 2026" in kept.get_data(as_text=True)
            assert browser.get("/dashboard/packs/2026-03.html").status_code == 404
            assert browser.get("/dashboard/packs/2026-04.docx").status_code == 404
            # The PDF: tagged, and on its first page the summary, the targets and a year earlier.
            as_pdf = browser.get("/dashboard/packs/2026-04.pdf")
            assert as_pdf.status_code == 200 and as_pdf.mimetype == "application/pdf"
            document = PdfReader(io.BytesIO(as_pdf.get_data()))
            assert document.trailer["/Root"]["/MarkInfo"]["/Marked"]
            first_page = " ".join(document.pages[0].extract_text().split())
            assert "Business Support performance: April 2026" in first_page
            assert "7 requests came in during April 2026, up 600% on April 2025." in first_page
            assert "against a target of 90%: target missed" in first_page
            assert "1 service depends on a single agent: Room booking." in first_page
        assert "Download it as PDF: https://staffroom.test/dashboard/packs/2026-04.pdf" in body
