"""Ideas board pages: the board and roadmap, posting with similar ideas, an idea with its votes,
comments and history, the moderators' workflow, and the benefits register."""

from flask import abort, flash, request, url_for
from flask_login import current_user

from app import csv_export, policy, search
from app.forms import redisplays_form
from app.htmx import redirect_to, render, render_form, wants_fragment
from app.ideas import bp, services
from app.ideas.forms import (
    BenefitForm,
    BoardFilterForm,
    CommentForm,
    EditCommentForm,
    FollowForm,
    HideCommentForm,
    IdeaForm,
    StatusForm,
    VoteForm,
)
from app.models.idea import STATUS_COLOURS, STATUS_LABELS, IdeaStatus
from app.rate_limits import limited
from app.security import safe_next
from app.validation import FieldError


@bp.app_context_processor
def _idea_status_colours():
    return {"status_colours": STATUS_COLOURS}


def _idea_or_404(idea_id: int):
    return services.get_idea(idea_id) or abort(404)


def _board_page(heading: str, *, endpoint: str, **scope):
    filters = BoardFilterForm(request.args)
    sort = request.args.get("sort") if request.args.get("sort") in services.SORTS else "trending"
    status = request.args.get("status") if request.args.get("status") in STATUS_LABELS else None
    area, tag = request.args.get("area", "")[:120] or None, request.args.get("tag", "")[:60] or None
    text = search.clean_query(filters.q.data or "")
    ids = search.matching_ids(current_user, text, "idea") if text else None
    statement = services.board(sort=sort, status=status, area=area, tag=tag, ids=ids, **scope)
    page = services.page_of(statement, request.args.get("page", 1, type=int))
    ideas = list(page.items)
    args = {"q": text or None, "sort": sort if sort != "trending" else None, "status": status, "area": area, "tag": tag}

    def link(**changes):
        values = {**args, **changes}
        return url_for(endpoint, **{key: value for key, value in values.items() if value})

    return render(
        "ideas/board.html",
        "ideas/_board_results.html",
        heading=heading,
        page=page,
        voted=services.voted_ids(current_user, ideas),
        votes=services.vote_counts(ideas),
        filters=filters,
        sort=sort,
        status=status,
        area=area,
        tag=tag,
        sorts=services.SORTS,
        statuses=STATUS_LABELS,
        areas=services.areas(),
        link=link,
        page_url=lambda number: link(page=number),
        vote_form=VoteForm(formdata=None),
    )


@bp.route("")
def index():
    return _board_page("Ideas board", endpoint="ideas.index")


@bp.route("/mine")
def mine():
    return _board_page("My ideas", endpoint="ideas.mine", author_id=current_user.id)


@bp.route("/my-votes")
def my_votes():
    return _board_page("Ideas I voted for", endpoint="ideas.my_votes", voter_id=current_user.id)


@bp.route("/roadmap")
def roadmap():
    return render("ideas/roadmap.html", columns=services.roadmap(), statuses=STATUS_LABELS)


@bp.route("/new", methods=["GET", "POST"])
@limited("idea")
@redisplays_form
def new():
    form = IdeaForm(areas=services.areas())
    if form.validate_on_submit():
        try:
            idea = services.post_idea(
                author=current_user,
                title=form.title.data,
                description=form.description.data,
                area_team_id=form.area.data,
                tags=form.tags.data,
                anonymous=form.anonymous.data,
                hours_per_month=services.parse_amount(
                    form.hours_per_month.data, "hours_per_month", label="Hours saved"
                ),
                pounds_per_year=services.parse_amount(
                    form.pounds_per_year.data, "pounds_per_year", whole=True, label="Money saved"
                ),
                quality=form.quality.data,
                submission_key=form.submission_key.data,
            )
        except FieldError as error:
            form.show(error)
        else:
            flash("Your idea is on the board. You have voted for it and will hear about any change.", "success")
            return redirect_to(url_for("ideas.show", idea_id=idea.id))
    similar = (
        search.similar_if_available(current_user, form.title.data or "", kinds=["idea"]) if form.title.data else []
    )
    return render_form("ideas/new.html", form, similar=similar)


@bp.route("/similar")
def similar():
    """While a title is typed: ideas like it, so people vote instead of posting twice."""
    text = search.clean_query(request.args.get("title", ""))
    similar_ideas = search.similar_if_available(current_user, text, kinds=["idea"]) if len(text) >= 4 else []
    return render("ideas/_similar.html", "ideas/_similar.html", similar=similar_ideas, text=text)


@bp.route("/<int:idea_id>")
def show(idea_id: int):
    idea = _idea_or_404(idea_id)
    return render(
        "ideas/show.html",
        idea=idea,
        votes=services.vote_count(idea),
        voted=services.has_voted(idea, current_user),
        following=services.is_following(idea, current_user),
        comments=services.comments(idea),
        history=services.history(idea),
        next_statuses=services.allowed_next(idea),
        statuses=STATUS_LABELS,
        vote_form=VoteForm(formdata=None),
        follow_form=FollowForm(formdata=None),
        comment_form=CommentForm(formdata=None),
        hide_form=HideCommentForm(formdata=None),
        status_form=StatusForm(formdata=None),
        benefit_form=BenefitForm(formdata=None, obj=idea.benefit),
    )


@bp.route("/<int:idea_id>/vote", methods=["POST"])
def vote(idea_id: int):
    idea = _idea_or_404(idea_id)
    form = VoteForm()
    closed = not services.voting_open(idea)
    if form.validate_on_submit() and not closed:
        services.set_vote(idea, current_user, form.vote.data == "1")
    voted = services.has_voted(idea, current_user)
    count = services.vote_count(idea)
    if not wants_fragment():
        if closed:
            flash(services.voting_closed_reason(idea) + ". Its votes are kept.", "info")
        else:
            flash("Your vote has been counted" if voted else "Your vote has been taken back", "success")
        return redirect_to(safe_next(request.form.get("next")) or url_for("ideas.show", idea_id=idea.id))
    return render(
        "ideas/_vote.html",
        "ideas/_vote.html",
        idea=idea,
        votes=count,
        voted=voted,
        vote_form=VoteForm(formdata=None),
        announce=services.voting_closed_reason(idea)
        if closed
        else f"{'Voted' if voted else 'Vote taken back'}. {count} vote{'s' if count != 1 else ''}.",
    )


@bp.route("/<int:idea_id>/follow", methods=["POST"])
def follow(idea_id: int):
    idea = _idea_or_404(idea_id)
    form = FollowForm()
    if form.validate_on_submit():
        services.set_following(idea, current_user, form.follow.data == "1")
        flash(
            "You are following this idea" if form.follow.data == "1" else "You have stopped following this idea",
            "success",
        )
    return redirect_to(url_for("ideas.show", idea_id=idea.id))


@bp.route("/<int:idea_id>/comments", methods=["POST"])
@limited("comment")
@redisplays_form
def comment(idea_id: int):
    idea = _idea_or_404(idea_id)
    form = CommentForm()
    if form.validate_on_submit():
        try:
            added = services.add_comment(
                idea,
                current_user,
                form.body.data or "",
                parent_id=form.parent_id.data,
                submission_key=form.submission_key.data,
            )
        except FieldError as error:
            form.show(error)
        else:
            flash("Comment posted", "success")
            return redirect_to(url_for("ideas.show", idea_id=idea.id, _anchor=f"comment-{added.id}"))
    return render_form(
        "ideas/comment_form.html",
        form,
        idea=idea,
        heading="Add a comment",
        action=url_for("ideas.comment", idea_id=idea.id),
    )


@bp.route("/comments/<int:comment_id>/edit", methods=["GET", "POST"])
@redisplays_form
def edit_comment(comment_id: int):
    comment = services.get_comment(comment_id) or abort(404)
    if not policy.can_edit_comment(current_user, comment):
        policy.deny()
    form = EditCommentForm(obj=comment if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            services.edit_comment(comment, current_user, form.body.data or "")
        except FieldError as error:
            form.show(error)
        else:
            flash("Comment saved", "success")
            return redirect_to(url_for("ideas.show", idea_id=comment.idea_id, _anchor=f"comment-{comment.id}"))
    return render_form(
        "ideas/comment_form.html",
        form,
        idea=services.get_idea(comment.idea_id),
        heading="Edit your comment",
        action=url_for("ideas.edit_comment", comment_id=comment.id),
    )


@bp.route("/comments/<int:comment_id>/hide", methods=["POST"])
@policy.requires(policy.can_moderate_ideas)
@redisplays_form
def hide_comment(comment_id: int):
    comment = services.get_comment(comment_id) or abort(404)
    form = HideCommentForm()
    if form.validate_on_submit():
        try:
            services.hide_comment(comment, current_user, form.reason.data or "")
        except FieldError as error:
            form.show(error)
        else:
            flash("Comment removed. Its text is kept for the audit.", "success")
            return redirect_to(url_for("ideas.show", idea_id=comment.idea_id, _anchor=f"comment-{comment.id}"))
    return render_form("ideas/hide_form.html", form, idea=services.get_idea(comment.idea_id), comment=comment)


@bp.route("/<int:idea_id>/status", methods=["POST"])
@policy.requires(policy.can_moderate_ideas)
@redisplays_form
def change_status(idea_id: int):
    idea = _idea_or_404(idea_id)
    form = StatusForm()
    form.status.choices = [(status, STATUS_LABELS[status]) for status in services.allowed_next(idea)]
    matches: list = []
    valid = form.validate_on_submit()
    if valid and form.status.data == IdeaStatus.DUPLICATE and not form.duplicate_of.data:
        # Merging: first find the idea it duplicates, then choose it from what was found.
        matches = services.merge_targets(idea, form.duplicate_search.data or "")
        if not (form.duplicate_search.data or "").strip():
            form.show(FieldError("duplicate_search", "Enter words from the title of the idea this one duplicates"))
        elif not matches:
            form.show(FieldError("duplicate_search", "No idea matches that: try fewer words, or its number"))
        else:
            return render("ideas/status_form.html", form=form, idea=idea, matches=matches)
    elif valid:
        try:
            services.change_status(
                idea,
                current_user,
                form.status.data,
                note=form.note.data or "",
                reason=form.reason.data or "",
                duplicate_of_id=form.duplicate_of.data,
            )
        except FieldError as error:
            form.show(error)
        else:
            flash(f"Status changed to {STATUS_LABELS[idea.status].lower()}", "success")
            return redirect_to(url_for("ideas.show", idea_id=idea.id, _anchor="history"))
    return render_form("ideas/status_form.html", form, idea=idea, matches=matches)


@bp.route("/<int:idea_id>/benefit", methods=["POST"])
@policy.requires(policy.can_moderate_ideas)
@redisplays_form
def record_benefit(idea_id: int):
    idea = _idea_or_404(idea_id)
    form = BenefitForm()
    if form.validate_on_submit():
        try:
            services.record_benefit(
                idea,
                current_user,
                hours_per_month=services.parse_amount(
                    form.hours_per_month.data, "hours_per_month", label="Hours saved"
                ),
                pounds_per_year=services.parse_amount(
                    form.pounds_per_year.data, "pounds_per_year", whole=True, label="Money saved"
                ),
                description=form.description.data or "",
                realised_on=form.realised_on.data,
            )
        except FieldError as error:
            form.show(error)
        else:
            flash("Benefit recorded in the benefits register", "success")
            return redirect_to(url_for("ideas.show", idea_id=idea.id, _anchor="benefit"))
    return render_form("ideas/benefit_form.html", form, idea=idea)


@bp.route("/benefits")
def benefits():
    return render("ideas/benefits.html", benefits=services.benefits(), totals=services.benefit_totals())


@bp.route("/benefits.csv")
def benefits_csv():
    return csv_export.download("benefits-register.csv", services.BENEFITS_HEADER, services.benefit_rows())
