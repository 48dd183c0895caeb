"""Knowledge base pages: reading, writing, history, attachments, feedback, questions, and the
editors' pages (categories, reviews due, open and community questions, helpful and poor articles)."""

from flask import abort, flash, redirect, request, url_for
from flask_login import current_user

from app import clock, files, policy
from app.assistant import services as assistant_services
from app.forms import ButtonForm, redisplays_form
from app.htmx import redirect_to, render, render_form, wants_fragment
from app.kb import bp, community, gaps, services
from app.kb import categories as kb_categories  # `categories` is a view below (endpoint kb.categories)
from app.kb.forms import (
    AnswerForm,
    ArticleForm,
    AttachmentForm,
    CategoryForm,
    CompareForm,
    FeedbackForm,
    PreviewForm,
    QuestionForm,
    TemplateChoiceForm,
)
from app.markup import render as render_markdown
from app.rate_limits import limited
from app.validation import FieldError


def _article_or_404(slug: str):
    article, moved = services.find_by_slug(slug, current_user)
    if article is None:
        abort(404)
    return article, moved


def _article_form(**kwargs) -> ArticleForm:
    return ArticleForm(categories=kb_categories.list_categories(), people=services.editors_and_owners(), **kwargs)


# --- Reading ---------------------------------------------------------------------------------


@bp.route("/")
def index():
    return render(
        "kb/index.html",
        categories=kb_categories.categories_with_counts(current_user),
        recent=services.recently_updated(current_user, limit=8),
        helpful=community.most_helpful(current_user, limit=8),
    )


@bp.route("/category/<slug>")
def category(slug: str):
    category = kb_categories.get_category(slug) or abort(404)
    page = services.paginate(
        services.articles_query(current_user, category=category), request.args.get("page", 1, type=int)
    )
    return render(
        "kb/list.html",
        heading=category.name,
        description=category.description,
        page=page,
        page_url=lambda number: url_for("kb.category", slug=slug, page=number),
    )


@bp.route("/tag/<slug>")
def tag(slug: str):
    tag = services.get_tag(slug) or abort(404)
    page = services.paginate(services.articles_query(current_user, tag=tag), request.args.get("page", 1, type=int))
    return render(
        "kb/list.html",
        heading=f"Tagged “{tag.name}”",
        description="",
        page=page,
        page_url=lambda number: url_for("kb.tag", slug=slug, page=number),
    )


@bp.route("/recent")
def recent():
    page = services.paginate(
        services.articles_query(current_user, order="recent"), request.args.get("page", 1, type=int)
    )
    return render(
        "kb/list.html",
        heading="Recently updated",
        description="",
        page=page,
        show_updated=True,
        page_url=lambda number: url_for("kb.recent", page=number),
    )


@bp.route("/helpful")
def helpful():
    return render("kb/helpful.html", rows=community.most_helpful(current_user, limit=50))


@bp.route("/<slug>")
def article(slug: str):
    article, moved = _article_or_404(slug)
    if moved:
        return redirect(url_for("kb.article", slug=article.slug), code=301)
    services.record_view(article)
    rendered = render_markdown(article.body)
    feedback = community.feedback_of(article, current_user)
    return render(
        "kb/article.html",
        article=article,
        body=rendered.html,
        headings=rendered.headings,
        related=services.related(article, current_user),
        today=clock.today(),
        feedback=feedback,
        feedback_form=FeedbackForm(formdata=None, obj=None),
        summary=community.feedback_summary(article) if policy.can_write_articles(current_user) else None,
        questions=community.questions(article),
        question_form=QuestionForm(formdata=None),
        answer_form=AnswerForm(formdata=None),
        button_form=ButtonForm(formdata=None),
        attachment_form=AttachmentForm(formdata=None),
        watching=community.is_watching(article, current_user),
    )


@bp.route("/articles/<int(max=999999999):article_id>")  # no longer id: no row, and too big for SQLite
def by_id(article_id: int):
    """An article's lasting address, the one the editor's "link to an article" writes: it leads
    to the article under whatever title (and slug) it has now."""
    article = services.find_by_id(article_id, current_user) or abort(404)
    # A #section on the link survives: browsers keep a fragment across a redirect.
    return redirect(url_for("kb.article", slug=article.slug))


@bp.route("/link-choices")
@policy.requires(policy.can_write_articles)
@limited("search")
def link_choices():
    """The editor's "link to an article" picker (its listbox, filled as the writer types); without
    JavaScript, a page that shows each article's link in Markdown to copy into the text."""
    text = " ".join(request.args.get("q", "").split())[:100]
    return render(
        "kb/link_choices.html",
        "kb/_link_choices.html",
        text=text,
        articles=services.link_choices(current_user, text) if len(text) >= 2 else [],
    )


# --- Writing ---------------------------------------------------------------------------------


@bp.route("/new", methods=["GET", "POST"])
@policy.requires(policy.can_write_articles)
@redisplays_form
def new():
    template = request.values.get("template", "")
    if template not in services.TEMPLATES:
        chooser = TemplateChoiceForm(request.args)
        chooser.template.choices = [(key, label) for key, (label, _, _) in services.TEMPLATES.items()]
        items = [
            {"value": key, "text": label, "hint": {"text": hint}}
            for key, (label, hint, _) in services.TEMPLATES.items()
        ]
        if "template" in request.args:
            chooser.validate()
        return render_form("kb/choose_template.html", chooser, items=items)
    form = _article_form()
    if request.method == "GET":
        form.body.data = services.TEMPLATES[template][2]
        form.template.data = template
        form.owner_id.data = current_user.id
    if form.is_submitted() and form.preview.data:
        pass  # "Update preview" (without JavaScript): show the form again with the preview
    elif form.validate_on_submit():
        try:
            created = services.create_article(
                author=current_user,
                title=form.title.data,
                summary=form.summary.data,
                body=form.body.data,
                category_id=form.category_id.data,
                tags=form.tags.data,
                owner_id=form.owner_id.data,
                status=form.status.data,
                review_by=form.review_by.data,
                change_note=form.change_note.data,
            )
        except FieldError as error:
            form.show(error)
        else:
            flash(f"“{created.title}” saved as {created.status}", "success")
            return redirect_to(url_for("kb.article", slug=created.slug))
    return render_form(
        "kb/edit.html",
        form,
        article=None,
        images=[],
        preview=render_markdown(form.body.data or "").html,
        latest=None,
        conflict_diff=None,
    )


@bp.route("/preview", methods=["POST"])
@policy.requires(policy.can_write_articles)
def preview():
    """Live preview while typing: the same renderer and sanitiser as the article page."""
    form = PreviewForm()
    if not form.validate_on_submit():
        abort(400)
    return render("kb/_preview.html", "kb/_preview.html", preview=render_markdown(form.body.data or "").html)


@bp.route("/<slug>/edit", methods=["GET", "POST"])
@redisplays_form
def edit(slug: str):
    article, moved = _article_or_404(slug)
    if not policy.can_edit_article(current_user, article):
        policy.deny()
    if moved:
        return redirect(url_for("kb.edit", slug=article.slug), code=301)
    form = _article_form(obj=article if request.method == "GET" else None)
    if request.method == "GET":
        form.tags.data = ", ".join(tag.name for tag in article.tags)
        form.base_revision.data = article.revision_number
    latest = conflict_diff = None
    if form.is_submitted() and form.preview.data:
        pass  # "Update preview" (without JavaScript): show the form again with the preview
    elif form.validate_on_submit():
        try:
            services.update_article(
                article,
                editor=current_user,
                base_revision=form.base_revision.data or 0,
                title=form.title.data or "",
                summary=form.summary.data or "",
                body=form.body.data or "",
                category_id=form.category_id.data,
                tags=form.tags.data or "",
                owner_id=form.owner_id.data,
                status=form.status.data,
                review_by=form.review_by.data,
                change_note=form.change_note.data or "",
            )
        except services.EditConflict as conflict:
            form.show(conflict)
            latest = conflict.latest
            conflict_diff = services.diff(latest.body, form.body.data or "")
            # Saving again from this page is based on their version (raw_data is what the field shows).
            form.base_revision.data, form.base_revision.raw_data = latest.number, [str(latest.number)]
        except FieldError as error:
            form.show(error)
        else:
            flash(f"“{article.title}” saved", "success")
            return redirect_to(url_for("kb.article", slug=article.slug))
    return render_form(
        "kb/edit.html",
        form,
        article=article,
        images=[attachment for attachment in article.attachments if attachment.file_type in services.IMAGE_TYPES],
        preview=render_markdown(form.body.data or "").html,
        latest=latest,
        conflict_diff=conflict_diff,
    )


# --- History ---------------------------------------------------------------------------------


@bp.route("/<slug>/history")
def history(slug: str):
    article, moved = _article_or_404(slug)
    if moved:
        return redirect(url_for("kb.history", slug=article.slug), code=301)
    revisions = services.revisions(article)
    compare = CompareForm(request.args)
    newest = revisions[0].number if revisions else 1
    new_number = compare.new.data if compare.new.data else newest
    old_number = compare.old.data if compare.old.data else max(new_number - 1, 1)
    old, new = services.revision(article, old_number), services.revision(article, new_number)
    if old is None or new is None:
        abort(404)
    return render(
        "kb/history.html",
        "kb/_diff.html",
        article=article,
        revisions=revisions,
        old=old,
        new=new,
        rows=services.diff(old.body, new.body),
        word_changes=services.word_diff(old.body, new.body),
        button_form=ButtonForm(formdata=None),
    )


@bp.route("/<slug>/revisions/<int:number>/restore", methods=["POST"])
def restore(slug: str, number: int):
    article, _ = _article_or_404(slug)
    if not policy.can_edit_article(current_user, article):
        policy.deny()
    if ButtonForm().validate_on_submit():
        try:
            services.restore_revision(article, number, editor=current_user)
        except FieldError as error:
            flash(error.message)
        else:
            flash(
                f"Version {number} restored as version {article.revision_number}. Nothing was lost: "
                "every earlier version is still in the history.",
                "success",
            )
    return redirect_to(url_for("kb.history", slug=article.slug))


@bp.route("/<slug>/reviewed", methods=["POST"])
def mark_reviewed(slug: str):
    article, _ = _article_or_404(slug)
    if not policy.can_mark_reviewed(current_user, article):
        policy.deny()
    if ButtonForm().validate_on_submit():
        services.mark_reviewed(article, reviewer=current_user)
        flash(f"Marked as reviewed. Next review by {article.review_by:%-d %B %Y}.", "success")
    return redirect_to(url_for("kb.article", slug=article.slug))


# --- Attachments -----------------------------------------------------------------------------


@bp.route("/<slug>/attachments", methods=["POST"])
@redisplays_form
def add_attachment(slug: str):
    article, _ = _article_or_404(slug)
    if not policy.can_edit_article(current_user, article):
        policy.deny()
    form = AttachmentForm()
    if form.validate_on_submit():
        try:
            attachment = services.add_attachment(article, form.file.data, uploader=current_user)
        except FieldError as error:
            form.show(error)
        else:
            flash(f"{attachment.filename} attached", "success")
            return redirect_to(url_for("kb.article", slug=article.slug, _anchor="attachments"))
    return render_form("kb/attachment_error.html", form, article=article)


@bp.route("/attachments/<int:attachment_id>/<path:filename>")
def download(attachment_id: int, filename: str):
    attachment = services.get_attachment(attachment_id) or abort(404)
    if not policy.can_view_article(current_user, attachment.article):
        abort(404)
    try:
        response = files.send(
            attachment.stored_name, filename=attachment.filename, content_type=attachment.content_type
        )
    except FileNotFoundError:
        abort(404)
    if attachment.file_type in services.IMAGE_TYPES and response.mimetype in ("image/png", "image/jpeg"):
        # An image shown inside an article may open in the browser too; anything else (and any
        # other type) stays a download. nosniff holds the browser to the checked type.
        response.headers["Content-Disposition"] = response.headers["Content-Disposition"].replace(
            "attachment", "inline", 1
        )
    return response


@bp.route("/attachments/<int:attachment_id>/remove", methods=["POST"])
def remove_attachment(attachment_id: int):
    attachment = services.get_attachment(attachment_id) or abort(404)
    article = attachment.article
    if not policy.can_edit_article(current_user, article):
        policy.deny()
    if ButtonForm().validate_on_submit():
        name = attachment.filename
        services.remove_attachment(attachment, editor=current_user)
        flash(f"{name} removed", "success")
    return redirect_to(url_for("kb.article", slug=article.slug, _anchor="attachments"))


# --- Feedback, questions, watching -----------------------------------------------------------


@bp.route("/<slug>/feedback", methods=["POST"])
@redisplays_form
def feedback(slug: str):
    article, _ = _article_or_404(slug)
    if not policy.can_take_part(current_user, article):
        policy.deny()
    form = FeedbackForm()
    saved = None
    if form.validate_on_submit():
        saved = community.give_feedback(
            article, current_user, helpful=form.helpful.data == "yes", comment=form.comment.data or ""
        )
        if not wants_fragment():
            flash("Thank you for your feedback", "success")
            return redirect_to(url_for("kb.article", slug=article.slug, _anchor="feedback"))
    return render_form(
        "kb/feedback.html",
        form,
        "kb/_feedback.html",
        article=article,
        feedback=saved or community.feedback_of(article, current_user),
        just_saved=saved is not None,
        announce="Thank you for your feedback" if saved else None,
    )


@bp.route("/<slug>/questions", methods=["POST"])
@redisplays_form
def ask(slug: str):
    article, _ = _article_or_404(slug)
    if not policy.can_take_part(current_user, article):
        policy.deny()
    form = QuestionForm()
    if form.validate_on_submit():
        try:
            question = community.ask_question(article, current_user, form.body.data or "")
        except FieldError as error:
            form.show(error)
        else:
            flash("Your question has been posted. You will get a notification when it is answered.", "success")
            return redirect_to(url_for("kb.article", slug=article.slug, _anchor=f"question-{question.id}"))
    return render_form("kb/question_error.html", form, article=article)


@bp.route("/questions/<int:question_id>/answers", methods=["POST"])
@redisplays_form
def answer(question_id: int):
    question = community.get_question(question_id) or abort(404)
    article, _ = _article_or_404(community.article_slug(question))
    if not policy.can_answer_questions(current_user, article):
        policy.deny()
    form = AnswerForm()
    if form.validate_on_submit():
        try:
            community.answer_question(
                question, current_user, form.body.data or "", mark_answered=form.mark_answered.data
            )
        except FieldError as error:
            form.show(error)
        else:
            flash("Answer posted", "success")
            return redirect_to(url_for("kb.article", slug=article.slug, _anchor=f"question-{question.id}"))
    return render_form("kb/question_error.html", form, article=article)


@bp.route("/questions/<int:question_id>/answered", methods=["POST"])
def toggle_answered(question_id: int):
    question = community.get_question(question_id) or abort(404)
    article, _ = _article_or_404(community.article_slug(question))
    if not policy.can_mark_answered(current_user, article, question):
        policy.deny()
    if ButtonForm().validate_on_submit():
        community.set_answered(question, question.answered_at is None)
    return redirect_to(url_for("kb.article", slug=article.slug, _anchor=f"question-{question.id}"))


@bp.route("/<slug>/watch", methods=["POST"])
def watch(slug: str):
    article, _ = _article_or_404(slug)
    if not policy.can_take_part(current_user, article):
        policy.deny()
    watching = community.is_watching(article, current_user)
    if ButtonForm().validate_on_submit():
        watching = community.toggle_watch(article, current_user)
        if not wants_fragment():
            flash("You are following this article" if watching else "You stopped following this article", "success")
            return redirect_to(url_for("kb.article", slug=article.slug))
    return render(
        "kb/_watch.html",
        "kb/_watch.html",
        article=article,
        watching=watching,
        button_form=ButtonForm(formdata=None),
        announce=(
            "You will be told when this article changes" if watching else "You will no longer be told about changes"
        ),
    )


# --- Editors' and managers' pages --------------------------------------------------------------


@bp.route("/needs-review")
@policy.requires(policy.can_write_articles)
def needs_review():
    return render("kb/needs_review.html", articles=gaps.overdue_reviews(), today=clock.today())


@bp.route("/feedback")
@policy.requires(policy.can_write_articles)
def poor_feedback():
    poorly_rated = community.poor_feedback()
    comments = community.recent_negative_comments_for([article for article, _, _ in poorly_rated], limit=3)
    rows = [(article, yes, no, comments[article.id]) for article, yes, no in poorly_rated]
    return render("kb/poor_feedback.html", rows=rows)


@bp.route("/questions")
@policy.requires(policy.can_write_articles)
def open_questions():
    return render(
        "kb/open_questions.html", rows=gaps.open_questions(), community=assistant_services.community_questions()
    )


@bp.route("/coverage")
@policy.requires(policy.can_view_knowledge_coverage)
def coverage():
    return render("kb/coverage.html", rows=kb_categories.coverage())


@bp.route("/categories", methods=["GET", "POST"])
@policy.requires(policy.can_manage_categories)
@redisplays_form
def categories():
    form = CategoryForm()
    if form.validate_on_submit():
        try:
            created = kb_categories.save_category(
                None, name=form.name.data, description=form.description.data or "", actor=current_user
            )
        except FieldError as error:
            form.show(error)
        else:
            flash(f"Category “{created.name}” added", "success")
            return redirect_to(url_for("kb.categories"))
    return render_form("kb/categories.html", form, categories=kb_categories.categories_with_counts(current_user))


@bp.route("/categories/<slug>", methods=["GET", "POST"])
@policy.requires(policy.can_manage_categories)
@redisplays_form
def edit_category(slug: str):
    category = kb_categories.get_category(slug) or abort(404)
    form = CategoryForm(obj=category if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            kb_categories.save_category(
                category, name=form.name.data or "", description=form.description.data or "", actor=current_user
            )
        except FieldError as error:
            form.show(error)
        else:
            flash("Category saved", "success")
            return redirect_to(url_for("kb.categories"))
    return render_form("kb/category_form.html", form, category=category)
