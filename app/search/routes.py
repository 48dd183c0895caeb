"""The search page, search as you type, and the editors' "searches with no results"."""

from flask import request, url_for
from flask_login import current_user

from app import policy, search
from app.assistant import services as assistant
from app.forms import ButtonForm
from app.htmx import render
from app.kb import gaps
from app.rate_limits import limited
from app.search import bp
from app.search.documents import KINDS

SORTS = {"relevance": "Most relevant", "newest": "Newest"}
NEAREST_ANSWERS = 20  # the most asked unanswered topics shown with what would have answered them
UNAVAILABLE = "Search is being rebuilt and will be back in a few minutes. Nothing you saved is lost."


def _arg(name: str, limit: int = 100) -> str:
    return request.args.get(name, "", type=str)[:limit].strip()


@bp.route("")
@limited("search")
def results():
    text = search.clean_query(request.args.get("q", ""))
    kind = _arg("kind") if _arg("kind") in KINDS else ""
    category, tag = _arg("category"), _arg("tag")
    sort = _arg("sort") if _arg("sort") in SORTS else "relevance"
    page_number = request.args.get("page", 1, type=int) or 1
    page, unavailable = search.Page(query=text, results=[], total=0, page=1, per_page=10), False
    try:
        if search.missing() or search.rebuilding():
            raise LookupError("the index is missing or being rebuilt")
        page = search.search(
            current_user,
            text,
            kinds=[kind] if kind else None,
            category=category or None,
            tag=tag or None,
            sort=sort,
            page=page_number,
        )
    except Exception as error:  # noqa: BLE001  heal() logs it; a lost index says so, never a 500 or "0 results"
        search.heal(None if isinstance(error, LookupError) else error)
        unavailable = True
    filters = {
        "q": text or None,
        "kind": kind or None,
        "category": category or None,
        "tag": tag or None,
        "sort": sort if sort != "relevance" else None,
    }

    def link(**changes):
        values = {**filters, **changes}
        return url_for("search.results", **{key: value for key, value in values.items() if value})

    # The filters: type, then each kind's categories as a filter of their own (an idea area is not
    # a knowledge category; choosing one chooses the kind too), then tags.
    facet_groups = [
        ("kind", "Type", kind, "kind", None),
        *(
            (f"category:{name}", kind_of.category_label, category, "category", name)
            for name, kind_of in KINDS.items()
            if not kind or kind == name
        ),
        ("tag", "Tag", tag, "tag", None),
    ]
    count = page.total
    return render(
        "search/results.html",
        "search/_results.html",
        results_page=page,
        filters=filters,
        link=link,
        facet_groups=facet_groups,
        kinds=KINDS,
        sorts=SORTS,
        kind=kind,
        category=category,
        tag=tag,
        sort=sort,
        unavailable=unavailable,
        announce=(UNAVAILABLE if unavailable else (f"{count} result{'s' if count != 1 else ''}" if text else None)),
    )


@bp.route("/suggest")
@limited("search")
def suggest():
    """The header box's dropdown: top 5 as you type (htmx); without JavaScript, the full page."""
    text = search.clean_query(request.args.get("q", ""))
    items = []
    try:
        if len(text) >= 2 and not (search.missing() or search.rebuilding()):
            items = search.suggest(current_user, text)
    except Exception as error:  # noqa: BLE001  heal() logs it; no suggestions while the index heals
        search.heal(error)
    return render("search/_suggestions.html", "search/_suggestions.html", text=text, items=items)


@bp.route("/no-results")
@policy.requires(policy.can_write_articles)
def no_results():
    days = 90 if request.args.get("days") == "90" else 30
    unanswered = gaps.unanswered_topics(days)
    # What would have answered each, so an editor can confirm it into the vocabulary in one click.
    would_be = (
        {topic: assistant.would_be_answer(current_user, topic) for topic, _, _ in unanswered[:NEAREST_ANSWERS]}
        if policy.can_manage_vocabulary(current_user)
        else {}
    )
    return render(
        "search/no_results.html",
        days=days,
        rows=gaps.searches_without_results(days),
        unanswered=unanswered,
        would_be=would_be,
        button_form=ButtonForm(formdata=None),
        min_people=gaps.MIN_PEOPLE,
    )
