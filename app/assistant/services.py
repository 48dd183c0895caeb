"""Ask Staffroom's rules: understanding a question (a follow-up in the light of the one before),
finding what answers it through the search module, cutting the passage that answers it out of
the best article, knowing when it does not know, and recording questions, feedback and the
community's replies. Answers are retrieved, never made up: each is a section of an article or a
service, so it can always be traced.

How sure it is: app/assistant/passages.py (and docs/assistant.md): the likelihood the answer given
is right, from how much of the question one passage of it covers, calibrated on questions written
blind; below the threshold the question is declined rather than answered wrongly.
"""

from dataclasses import dataclass, field
from datetime import datetime

from flask import current_app, url_for
from markupsafe import Markup
from sqlalchemy import ColumnElement, case, func, select

from app import clock, policy, search
from app.assistant import passages
from app.assistant.understanding import (  # noqa: F401 - the assistant's rules, one import for callers and tests
    CARRIED_WEIGHT,
    FILLER,
    Understood,
    intent_factor,
    is_follow_up,
    topic_of,
    understand,
    without_filler,
)
from app.extensions import db
from app.markup import Section, render_html, sections
from app.models import Article, ArticleStatus, AskedQuestion, Role, Service, User, UserRole
from app.notify import COMMUNITY, Email, link_to, notify
from app.search import vocabulary
from app.validation import FieldError

QUESTION_MAX = 200
REPLY_MAX = 5000
# How sure the best answer must be to be given: the calibrated likelihood it is right (passages.py).
DEFAULT_THRESHOLD = 0.70
# The service a question nobody could answer goes to as a general enquiry (by slug).
DEFAULT_GENERAL_ENQUIRY = "general-enquiry"
RELATED_SHARE = 0.35  # another article is shown if it scores at least this share of the best one's
SERVICE_SHARE = 0.45  # a service is shown if it scores at least this share of the best answer's
MAX_RELATED = 3
MAX_SERVICES = 3

# --- Finding the answer ------------------------------------------------------------------------------


@dataclass
class Passage:
    article: Article
    heading: str  # "" for the article's opening
    anchor: str
    html: Markup
    url: str  # the section in the whole article


@dataclass
class Answer:
    question: str
    understood: Understood
    confidence: float
    confident: bool
    passage: Passage | None = None
    best_service: Service | None = None  # when a service, not an article, answers best
    articles: list[Article] = field(default_factory=list)  # other relevant articles
    services: list[Service] = field(default_factory=list)  # services that can help, best first
    shown: list[tuple[str, Article | Service]] = field(default_factory=list)  # everything shown, best first
    features: dict[str, float] = field(default_factory=dict)  # what the confidence was worked out from

    @property
    def keys(self) -> list[str]:
        return [f"{kind}:{content.id}" for kind, content in self.shown]

    @property
    def slugs(self) -> list[str]:
        return [content.slug for _, content in self.shown]


def threshold() -> float:
    return float(current_app.config.get("ASK_CONFIDENCE_THRESHOLD", DEFAULT_THRESHOLD))


def passage_of(article: Article, section: Section | None) -> Passage:
    if section is None:
        return Passage(
            article=article, heading="", anchor="", html=Markup(""), url=url_for("kb.article", slug=article.slug)
        )
    return Passage(
        article=article,
        heading=section.heading,
        anchor=section.anchor,
        html=render_html(section.markdown),
        url=url_for("kb.article", slug=article.slug, _anchor=section.anchor or None),
    )


def _weigh_by_intent(retrieval: search.Retrieval, understood: Understood) -> None:
    """Services a little lower for "how do I...?", a little higher for "can someone...?"."""
    factor = intent_factor(understood.text)
    if factor == 1.0:
        return
    for candidate in retrieval.candidates:
        if candidate.result.kind == "service":
            candidate.score *= factor
    retrieval.candidates.sort(key=lambda candidate: -candidate.score)


def _content(candidate: search.Candidate) -> Article | Service:
    return _service_of(candidate) if candidate.result.kind == "service" else _article_of(candidate)


def answer(user, question: str, *, previous: str | None = None) -> Answer:
    """The answer to `question` (after `previous`, the question before it as asked), from what
    this person may see. The best candidate by BM25 answers, with the passage of it that covers
    the question best; it is given if that passage makes us sure enough (passages.judge). Writes
    nothing."""
    question = search.clean_query(question)
    understood = understand(question, previous)
    retrieval = search.retrieve(user, understood.parts, limit=10)
    _weigh_by_intent(retrieval, understood)
    if not retrieval.candidates:
        return Answer(question=question, understood=understood, confidence=0.0, confident=False)
    top = retrieval.candidates[0]
    judged = passages.judge(retrieval, understood, _content(top))
    given = Answer(
        question=question,
        understood=understood,
        confidence=judged.confidence,
        confident=judged.confidence >= threshold(),
        features=judged.features,
    )
    if not given.confident:
        return given
    # Everything shown, in rank order: the best, then the others close enough to it.
    shown = [top] + [
        candidate
        for candidate in retrieval.candidates[1:]
        if candidate.score >= (SERVICE_SHARE if candidate.result.kind == "service" else RELATED_SHARE) * top.score
    ]
    articles = [candidate for candidate in shown if candidate.result.kind == "article"][: MAX_RELATED + 1]
    services = [candidate for candidate in shown if candidate.result.kind == "service"][:MAX_SERVICES]
    shown = [candidate for candidate in shown if candidate in articles or candidate in services]
    if top.result.kind == "service":
        given.best_service = _service_of(top)
        if articles:  # how to do it oneself, beside the team who will do it
            best_article = _article_of(articles[0])
            given.passage = passage_of(best_article, passages.judge(retrieval, understood, best_article).unit.section)
    else:
        given.passage = passage_of(_article_of(top), judged.unit.section)
    given.articles = [
        _article_of(candidate)
        for candidate in articles
        if given.passage is None or candidate.result.object is not given.passage.article
    ]
    given.services = [_service_of(candidate) for candidate in services]
    given.shown = [(candidate.result.kind, _content(candidate)) for candidate in shown]
    return given


@dataclass
class WouldBe:
    """What would have answered a declined question, and the vocabulary entry that would let it:
    the question's words that answer lacks (`term`) as another name for it (`meaning`)."""

    content: Article | Service
    term: str
    meaning: str


def would_be_answer(user, question: str) -> WouldBe | None:
    """The best candidate for a question Ask Staffroom declined, for an editor to confirm, or None
    when nothing is near or the candidate lacks none of the question's words."""
    understood = understand(search.clean_query(question))
    retrieval = search.retrieve(user, understood.parts, limit=1)
    if not retrieval.candidates:
        return None
    top = retrieval.candidates[0]
    missing = [
        word
        for position, concept in enumerate(retrieval.concepts)
        if position not in top.covered
        for word in concept.typed
    ]
    if not missing:
        return None
    content = _content(top)
    meaning = content.title if isinstance(content, Article) else content.name
    return WouldBe(
        content=content, term=" ".join(missing)[: vocabulary.TERM_MAX], meaning=meaning[: vocabulary.MEANING_MAX]
    )


def answering_articles(user, text: str, *, limit: int = 3, sure: float | None = None) -> list[search.Result]:
    """Published articles that answer `text` (a request being written, say) as Ask Staffroom
    would answer it, best first: only those it is at least `sure` of (its threshold unless
    given), so that nothing is shown rather than something irrelevant."""
    sure = threshold() if sure is None else sure
    understood = understand(search.clean_query(text))
    retrieval = search.retrieve(user, understood.parts, kinds=("article",), limit=limit * 2)
    return [
        candidate.result
        for candidate in retrieval.candidates
        if passages.judge(retrieval, understood, _article_of(candidate)).confidence >= sure
    ][:limit]


def _article_of(candidate: search.Candidate) -> Article:
    """The article a candidate of kind "article" holds."""
    article = candidate.result.object
    if not isinstance(article, Article):
        raise TypeError(f"a {candidate.result.kind} is not an article")
    return article


def _service_of(candidate: search.Candidate) -> Service:
    """The service a candidate of kind "service" holds."""
    service = candidate.result.object
    if not isinstance(service, Service):
        raise TypeError(f"a {candidate.result.kind} is not a service")
    return service


# --- Asking, and the conversation ---------------------------------------------------------------------


def ask(user, question: str, *, previous: AskedQuestion | None = None) -> tuple[AskedQuestion, Answer]:
    """Answer the question and keep a record of it (for feedback, the editors' content-gap list
    and the dashboard). `previous` is the person's last question in this conversation."""
    question = search.clean_query(question)
    if not question or not search.analyse(question):
        raise FieldError("question", "Enter your question, for example “How do I claim mileage?”")
    if previous is not None and previous.user_id != user.id:
        previous = None
    given = answer(user, question, previous=previous.question if previous else None)
    asked = AskedQuestion(
        user_id=user.id,
        question=question[:QUESTION_MAX],
        understood_as=given.understood.text[:400],
        topic=topic_of(given.understood.text if given.understood.follow_up else question),
        follow_up_of_id=previous.id if previous is not None and given.understood.follow_up else None,
        answered=given.confident,
        confidence=round(given.confidence * 100),
        article_id=given.passage.article.id if given.passage else None,
        heading=(given.passage.heading if given.passage else "")[:200],
        ranked=",".join(given.keys)[:300],
        asked_at=clock.now(),
    )
    db.session.add(asked)
    db.session.flush()
    return asked, given


def get(question_id: int) -> AskedQuestion | None:
    return db.session.get(AskedQuestion, question_id)


def conversation(user, ids: list[int]) -> list[tuple[AskedQuestion, Answer]]:
    """The person's questions with those ids, oldest first, each with its answer as it was
    given (what it showed, rechecked: an article since made a draft is left out)."""
    if not ids:
        return []
    rows = list(
        db.session.scalars(
            select(AskedQuestion)
            .where(AskedQuestion.id.in_(ids), AskedQuestion.user_id == user.id)
            .order_by(AskedQuestion.id)
        )
    )
    keys = [key for asked in rows for key in asked.ranked_keys]
    article_ids = {number for kind, number in keys if kind == "article"} | {a.article_id for a in rows if a.article_id}
    service_ids = {number for kind, number in keys if kind == "service"}
    articles = {
        article.id: article
        for article in db.session.scalars(select(Article).where(Article.id.in_(article_ids or [-1])))
    }
    services = {
        service.id: service
        for service in db.session.scalars(select(Service).where(Service.id.in_(service_ids or [-1])))
    }
    return [(asked, replay(user, asked, articles, services)) for asked in rows]


def _shows(user, content: Article | Service) -> bool:
    if isinstance(content, Article):
        return content.status == ArticleStatus.PUBLISHED and policy.can_view_article(user, content)
    return content.active and policy.can_view_service(user, content)


def replay(user, asked: AskedQuestion, articles: dict, services: dict) -> Answer:
    understood = Understood(parts=[], text=asked.understood_as, follow_up=asked.follow_up_of_id is not None)
    given = Answer(
        question=asked.question, understood=understood, confidence=asked.confidence / 100, confident=asked.answered
    )
    if not asked.answered:
        return given
    shown = []
    for position, (kind, number) in enumerate(asked.ranked_keys):
        content = (articles if kind == "article" else services).get(number)
        if content is None or not _shows(user, content):
            continue
        shown.append((kind, content))
        if kind == "service" and position == 0:
            given.best_service = content
        elif kind == "service":
            given.services.append(content)
        elif number == asked.article_id and given.passage is None:
            # The section under the same heading; the opening if the article has changed since.
            parts = sections(content.body)
            section = next((part for part in parts if part.heading == asked.heading), parts[0] if parts else None)
            given.passage = passage_of(content, section)
        else:
            given.articles.append(content)
    if given.best_service is not None:
        given.services.insert(0, given.best_service)
    given.shown = shown
    return given


def general_enquiry(user) -> Service | None:
    """The service a question nobody could answer goes to, if this person may use it."""
    slug = current_app.config.get("ASK_GENERAL_ENQUIRY_SERVICE", DEFAULT_GENERAL_ENQUIRY)
    service = db.session.scalar(select(Service).where(Service.slug == slug))
    if service is None or not service.active:
        return None
    if not (policy.may_request(user, service) or policy.can_raise_on_behalf(user)):
        return None
    return service


# --- Feedback and the community -------------------------------------------------------------------------


def give_feedback(asked: AskedQuestion, user, *, helpful: bool) -> AskedQuestion:
    """ "This helped" or "This didn't help": one answer per question, changed by answering again."""
    if asked.user_id != user.id:
        raise FieldError(None, "Only the person who asked can say whether the answer helped")
    asked.helpful, asked.feedback_at = helpful, clock.now()
    db.session.flush()
    return asked


def refer(asked: AskedQuestion, user) -> AskedQuestion:
    """Send a question to the community of practice: editors see it with the open questions, and
    are told (those who own articles in the category of the article it came nearest, else all)."""
    if asked.user_id != user.id:
        raise FieldError(None, "Only the person who asked can send the question on")
    if asked.referred_at is None:
        asked.referred_at = clock.now()
        db.session.flush()
        link = link_to("assistant.community_question", question_id=asked.id)  # in a request or not
        notify(
            _editors_for(asked),
            f"A question for the community: “{asked.question[:120]}”",
            link,
            except_id=user.id,
            email=Email(
                subject="A question for the community",
                body=f"Someone asked Ask Staffroom a question it could not answer:\n\n{asked.question}\n\n"
                "Answer it, and think whether an article should say it.",
            ),
            kind=COMMUNITY,
        )
    return asked


def _editors_for(asked: AskedQuestion) -> list[int]:
    """The active editors who own published articles in the category of the article the question
    came nearest; every active editor when there is no such article or no such editor."""
    editors = (
        select(User.id)
        .join(UserRole, UserRole.user_id == User.id)
        .where(UserRole.role == Role.EDITOR, User.active.is_(True))
    )
    if asked.article_id is not None:
        category = select(Article.category_id).where(Article.id == asked.article_id).scalar_subquery()
        owners = select(Article.owner_id).where(
            Article.category_id == category, Article.status == ArticleStatus.PUBLISHED
        )
        matching = list(db.session.scalars(editors.where(User.id.in_(owners))))
        if matching:
            return matching
    return list(db.session.scalars(editors))


def reply(asked: AskedQuestion, editor, body: str) -> AskedQuestion:
    body = (body or "").strip()
    if not body:
        raise FieldError("body", "Enter your answer")
    if len(body) > REPLY_MAX:
        raise FieldError("body", f"Keep the answer to {REPLY_MAX:,} characters or fewer")
    if asked.referred_at is None:
        raise FieldError(None, "This question was not sent to the community")
    asked.reply, asked.replied_by_id, asked.replied_at = body, editor.id, clock.now()
    db.session.flush()
    notify(
        [asked.user_id],
        f"{editor.name} answered your question “{asked.question[:80]}”",
        url_for("assistant.community_question", question_id=asked.id),
        except_id=editor.id,
    )
    return asked


def _community(*, answered: bool) -> list[ColumnElement[bool]]:
    replied = AskedQuestion.replied_at.is_not(None) if answered else AskedQuestion.replied_at.is_(None)
    return [AskedQuestion.referred_at.is_not(None), replied]


def community_questions(*, answered: bool = False, limit: int = 50) -> list[AskedQuestion]:
    """Questions sent to the community: waiting for a reply (oldest first), or replied to."""
    order = AskedQuestion.replied_at.desc() if answered else AskedQuestion.referred_at
    statement = select(AskedQuestion).where(*_community(answered=answered)).order_by(order)
    return list(db.session.scalars(statement.limit(limit)))


def community_question_count(*, answered: bool = False) -> int:
    """How many questions `community_questions` would list without its limit (the home page's count)."""
    return db.session.scalar(select(func.count(AskedQuestion.id)).where(*_community(answered=answered))) or 0


# --- Figures: the dashboard's (what it could not answer is in app/kb/gaps.py) ---------------------------------


def figures(since: datetime, until: datetime | None = None) -> dict:
    """Questions asked since then (and before `until`), how many were answered, how many answers
    were rated and how many of those helped (the share answered helpfully)."""
    asked, answered, rated, helped = db.session.execute(
        select(
            func.count(AskedQuestion.id),
            func.coalesce(func.sum(case((AskedQuestion.answered.is_(True), 1), else_=0)), 0),
            func.coalesce(func.sum(case((AskedQuestion.helpful.is_not(None), 1), else_=0)), 0),
            func.coalesce(func.sum(case((AskedQuestion.helpful.is_(True), 1), else_=0)), 0),
        ).where(AskedQuestion.asked_at >= since, *([AskedQuestion.asked_at < until] if until else []))
    ).one()
    return {
        "asked": asked,
        "answered": answered,
        "rated": rated,
        "helped": helped,
        "answered_share": answered / asked if asked else None,
        "helpful_share": helped / rated if rated else None,
    }
