"""Ask Staffroom's rules: understanding a question (a follow-up in the light of the one before),
finding what answers it through the search module, cutting the passage that answers it out of
the best article, knowing when it does not know, and recording questions, feedback and the
community's replies. Answers are retrieved, never made up: each is a section of an article or a
service, so it can always be traced.

How sure it is: each idea of the question (a word, or a phrase with its other names in the
council's vocabulary) weighs as much as it is rare in the index; confidence is the share of that
weight the best answer covers. A word no document has weighs the most, so a question about
something Staffroom does not cover ("maternity pay") falls below the threshold and is declined.
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from flask import current_app, url_for
from markupsafe import Markup
from sqlalchemy import case, func, select

from app import clock, policy, search
from app.extensions import db
from app.markup import Section, render_html, sections
from app.models import Article, ArticleStatus, AskedQuestion, Service
from app.notify import notify
from app.validation import FieldError

QUESTION_MAX = 200
REPLY_MAX = 5000
# How sure the best answer must be (share of the question's weight it covers) to be given.
DEFAULT_THRESHOLD = 0.62
# The service a question nobody could answer goes to as a general enquiry (by slug).
DEFAULT_GENERAL_ENQUIRY = "general-enquiry"
CARRIED_WEIGHT = 0.35  # the earlier question's ideas, in a follow-up, against the follow-up's own
RELATED_SHARE = 0.35  # another article is shown if it scores at least this share of the best one's
SERVICE_SHARE = 0.45  # a service is shown if it scores at least this share of the best answer's
MAX_RELATED = 3
MAX_SERVICES = 3
HEADING_BONUS = 1.0  # an idea in a section's heading counts as much as a fully matched word more
OPENING_SHARE = 0.8  # an article's opening summarises: a section with the same words answers better

# Words of how people ask, not of what they ask about: left out of the search and the topic.
_FILLER_WORDS = """
could would may might must shall need needs needed want wants wanted get gets got getting go going please
tell know help anyone someone somebody anybody anything something hi hello thanks thank way ok okay also still
much many long lot lots let us im ive id ill whats wheres whos hows cant dont doesnt isnt wont able possible
sure exactly actually really like quick question ask asking staffroom
"""
FILLER = frozenset(_FILLER_WORDS.split())
_APOSTROPHE = re.compile(r"[’'](?:s|m|ve|d|ll|re|t)\b", re.IGNORECASE)
_WORD = re.compile(r"[\w/&£.,-]+", re.UNICODE)

# A follow-up: "and for a hire car?", "what about a hotel?", "is it the same for agency staff?"
_CUE = re.compile(
    r"^\s*(?:(?:and|also|or|but|so|then|plus)\b[\s,]*)?"
    r"(?:(?:what|how)\s+about\b|same\s+for\b|what\s+if\b)?",
    re.IGNORECASE,
)
_STARTS_WITH_CUE = re.compile(
    r"^\s*(?:and|also|or|but|so|then|plus|what\s+about|how\s+about|same\s+for|what\s+if)\b", re.IGNORECASE
)
_QUESTION_START = re.compile(
    r"^\s*(?:how|what|where|who|when|why|which|can|could|do|does|is|are|should|may|will|"
    r"would)\b",
    re.IGNORECASE,
)
_BACK_REFERENCE = frozenset({"it", "that", "this", "those", "these", "them", "they", "one", "ones", "there", "same"})
# "How do I...?" asks for guidance (an article); "can someone...?" for something done (a service).
_HOW_TO = re.compile(
    r"^\s*(?:how\s+(?:do|can|should|would)\s+(?:i|we)|what\s+(?:do|should|can)\s+(?:i|we)|"
    r"what\s+(?:is|are|'s)|when|where|why|which|can\s+i|should\s+i|do\s+i|is\s+there|"
    r"how\s+(?:long|much|many|often|quickly))\b",
    re.IGNORECASE,
)
_DO_IT = re.compile(
    r"\b(?:can|could|would)\s+(?:someone|somebody|you|business\s+support)\b|"
    r"^\s*(?:i|we)\s+(?:need|want|would\s+like)\b|\bbook\s+(?:me|us)\b|\bfor\s+me\b",
    re.IGNORECASE,
)
HOW_TO_SERVICE_FACTOR = 0.8  # guidance asked for: a service ranks a little lower
DO_IT_SERVICE_FACTOR = 1.25  # something to be done: a service ranks a little higher
# "and for a hire car?" replaces what followed "for" in the earlier question.
_SLOT = re.compile(
    r"^(?P<preposition>for|with|in|at|on|to|from|by|during|after|before|without|over|under|about)"
    r"\s+(?P<rest>.+)$",
    re.IGNORECASE,
)


# --- Understanding the question --------------------------------------------------------------------


def without_filler(text: str) -> str:
    text = _APOSTROPHE.sub("", text)
    return " ".join(word for word in _WORD.findall(text) if word.lower().strip(".,") not in FILLER)


def topic_of(text: str) -> str:
    """The question's key words, as typed, lower case: what declined questions are grouped by."""
    words = [word.lower().strip(".,-") for word in _WORD.findall(_APOSTROPHE.sub("", text))]
    keep = [word for word in words if word and search.analyse(word) and word not in FILLER]
    return " ".join(keep)[:200]


@dataclass
class Understood:
    parts: list[tuple[str, float]]  # (text, weight) for the search module
    text: str  # the whole question as understood (a follow-up joined to the earlier one)
    follow_up: bool = False


def is_follow_up(question: str, previous: str | None) -> bool:
    """Short questions leaning on the one before: a cue ("and", "what about"), a word pointing
    back ("it", "that one"), or a bare phrase of a word or two that is not a question itself."""
    if not previous:
        return False
    if _STARTS_WITH_CUE.match(question):
        return True
    words = [word.lower() for word in _WORD.findall(question)]
    if any(word in _BACK_REFERENCE for word in words) and len(search.analyse(without_filler(question))) <= 3:
        return True
    return not _QUESTION_START.match(question) and len(search.analyse(without_filler(question))) <= 2


def understand(question: str, previous: str | None = None) -> Understood:
    """What to search for. A follow-up keeps the earlier question's ideas (at less weight) unless
    it replaces them: "and for a hire car?" after "how do I claim mileage for a site visit?"
    replaces "a site visit" (what followed "for") and keeps "claim mileage"."""
    question = search.clean_query(question)
    if previous is None or not is_follow_up(question, previous):
        return Understood(parts=[(without_filler(question), 1.0)], text=question)
    own = _CUE.sub("", question, count=1).strip(" ,") or question
    carried = previous.rstrip(" ?.!")
    joined = f"{carried} … {own}"
    slot = _SLOT.match(own)
    # "and for a telephone one?" points back ("one": an interpreter): nothing is replaced.
    if slot and not any(word.lower() in _BACK_REFERENCE for word in _WORD.findall(slot["rest"])):
        prepositions = list(re.finditer(rf"\b{re.escape(slot['preposition'])}\b", carried, re.IGNORECASE))
        if prepositions:
            carried = carried[: prepositions[-1].start()].rstrip()
            joined = f"{carried} {own}"
    text = joined.strip()[:400]
    return Understood(
        parts=[(without_filler(own), 1.0), (without_filler(carried), CARRIED_WEIGHT)], text=text, follow_up=True
    )


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

    @property
    def keys(self) -> list[str]:
        return [f"{kind}:{content.id}" for kind, content in self.shown]

    @property
    def slugs(self) -> list[str]:
        return [content.slug for _, content in self.shown]


def threshold() -> float:
    return float(current_app.config.get("ASK_CONFIDENCE_THRESHOLD", DEFAULT_THRESHOLD))


def confidence(retrieval: search.Retrieval, candidate: search.Candidate) -> float:
    """The share of the question's weight (its own ideas', for a follow-up) the answer covers."""
    concepts = retrieval.concepts
    own = [position for position, concept in enumerate(concepts) if concept.weight >= 1.0] or range(len(concepts))
    total = sum(concepts[position].idf for position in own)
    # A close spelling may be a typo of the word, or another word: it counts for less.
    covered = sum(
        concepts[position].idf * (search.CLOSE_SPELLING_WEIGHT if position in candidate.close else 1.0)
        for position in own
        if position in candidate.covered
    )
    return covered / total if total else 0.0


@lru_cache(maxsize=256)
def _sections(article_id: int, revision: int, body: str) -> tuple[list[Section], list[tuple[Counter, set[str]]]]:
    """An article's sections and the terms of each (body, heading), kept per revision: cutting
    and analysing the Markdown is most of what choosing a passage costs."""
    parts = sections(body)
    return parts, [
        (Counter(search.analyse(section.markdown)), set(search.analyse(section.heading))) for section in parts
    ]


def best_section(article: Article, concepts: list[search.Concept]) -> Section | None:
    """The section of the article that answers: each section (cut at every heading) scored by
    BM25 over the question's ideas, where an idea counts by how rare it is in the index and in
    the article (an idea in every section does not tell them apart), and one in the section's
    heading counts extra. The opening, a summary, counts a little less than a section; it is
    the answer too when no section has any of the ideas."""
    parts, analysed = _sections(article.id, article.revision_number, article.body)
    if not parts:
        return None
    average = max(sum(sum(counts.values()) for counts, _ in analysed) / len(analysed), 1.0)

    def has(option, counts, heading) -> bool:
        return all(term in counts or term in heading for term in option)

    def rarity(option) -> float:
        having = sum(1 for counts, heading in analysed if has(option, counts, heading))
        return search.idf(len(analysed), having)

    rare = {tuple(option): rarity(option) for concept in concepts for option in concept.options}

    def score(counts: Counter, heading: set[str]) -> float:
        length = sum(counts.values())
        total = 0.0
        for concept in concepts:
            best = 0.0
            for option in concept.options:
                frequency = min(counts.get(term, 0) for term in option)
                value = search.bm25(frequency, length, average)
                if all(term in heading for term in option):
                    value += HEADING_BONUS
                best = max(best, value * rare[tuple(option)])
            total += concept.weight * concept.idf * best
        return total

    scores = [
        score(counts, heading) * (OPENING_SHARE if position == 0 and not parts[0].heading else 1.0)
        for position, (counts, heading) in enumerate(analysed)
    ]
    best = max(range(len(parts)), key=lambda position: (scores[position], -position))
    return parts[best] if scores[best] > 0 else parts[0]


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
    text = understood.text
    factor = DO_IT_SERVICE_FACTOR if _DO_IT.search(text) else HOW_TO_SERVICE_FACTOR if _HOW_TO.match(text) else 1.0
    if factor == 1.0:
        return
    for candidate in retrieval.candidates:
        if candidate.result.kind == "service":
            candidate.score *= factor
    retrieval.candidates.sort(key=lambda candidate: -candidate.score)


def answer(user, question: str, *, previous: str | None = None) -> Answer:
    """The answer to `question` (after `previous`, the earlier question as understood), from
    what this person may see. Writes nothing."""
    question = search.clean_query(question)
    understood = understand(question, previous)
    retrieval = search.retrieve(user, understood.parts, limit=10)
    _weigh_by_intent(retrieval, understood)
    if not retrieval.candidates:
        return Answer(question=question, understood=understood, confidence=0.0, confident=False)
    top = retrieval.candidates[0]
    sure = confidence(retrieval, top)
    given = Answer(question=question, understood=understood, confidence=sure, confident=sure >= threshold())
    if not given.confident:
        return given
    articles = [candidate for candidate in retrieval.candidates if candidate.result.kind == "article"]
    services = [
        candidate
        for candidate in retrieval.candidates
        if candidate.result.kind == "service" and candidate.score >= SERVICE_SHARE * top.score
    ][:MAX_SERVICES]
    shown = [top] if top.result.kind == "service" else []
    if articles and (top.result.kind == "article" or articles[0].score >= SERVICE_SHARE * top.score):
        best = articles[0]
        best_article = _article_of(best)
        given.passage = passage_of(best_article, best_section(best_article, retrieval.concepts))
        related = [candidate for candidate in articles[1:] if candidate.score >= RELATED_SHARE * best.score]
        given.articles = [_article_of(candidate) for candidate in related[:MAX_RELATED]]
        shown += [best, *related[:MAX_RELATED]]
    if top.result.kind == "service":
        given.best_service = _service_of(top)
    given.services = [_service_of(candidate) for candidate in services]
    shown += [candidate for candidate in services if candidate is not top]
    given.shown = [
        (
            candidate.result.kind,
            _service_of(candidate) if candidate.result.kind == "service" else _article_of(candidate),
        )
        for candidate in sorted(shown, key=lambda candidate: -candidate.score)
    ]
    return given


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
    given = answer(user, question, previous=previous.understood_as if previous else None)
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
            parts, _ = _sections(content.id, content.revision_number, content.body)
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
    """Send a question to the community of practice: editors see it with the open questions."""
    if asked.user_id != user.id:
        raise FieldError(None, "Only the person who asked can send the question on")
    if asked.referred_at is None:
        asked.referred_at = clock.now()
        db.session.flush()
    return asked


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


def community_questions(*, answered: bool = False, limit: int = 50) -> list[AskedQuestion]:
    """Questions sent to the community: waiting for a reply (oldest first), or replied to."""
    statement = select(AskedQuestion).where(AskedQuestion.referred_at.is_not(None))
    if answered:
        statement = statement.where(AskedQuestion.replied_at.is_not(None)).order_by(AskedQuestion.replied_at.desc())
    else:
        statement = statement.where(AskedQuestion.replied_at.is_(None)).order_by(AskedQuestion.referred_at)
    return list(db.session.scalars(statement.limit(limit)))


# --- Figures: the dashboard's (what it could not answer is in app/kb/gaps.py) ---------------------------------


def figures(since: datetime) -> dict:
    """Questions asked since then, how many were answered, how many answers were rated and how
    many of those helped (the share answered helpfully)."""
    asked, answered, rated, helped = db.session.execute(
        select(
            func.count(AskedQuestion.id),
            func.coalesce(func.sum(case((AskedQuestion.answered.is_(True), 1), else_=0)), 0),
            func.coalesce(func.sum(case((AskedQuestion.helpful.is_not(None), 1), else_=0)), 0),
            func.coalesce(func.sum(case((AskedQuestion.helpful.is_(True), 1), else_=0)), 0),
        ).where(AskedQuestion.asked_at >= since)
    ).one()
    return {
        "asked": asked,
        "answered": answered,
        "rated": rated,
        "helped": helped,
        "answered_share": answered / asked if asked else None,
        "helpful_share": helped / rated if rated else None,
    }
