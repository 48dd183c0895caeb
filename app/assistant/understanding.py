"""Understanding a question: the words that say what it is about (not how it is asked), whether it
leans on the question before (a follow-up) and what it then means, and what kind of fact it asks
for ("how long" wants a duration, "who" a person or team). Writes nothing, reads no database."""

import re
from dataclasses import dataclass

from app import search

CARRIED_WEIGHT = 0.35  # the earlier question's ideas, in a follow-up, against the follow-up's own

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
# Phrases with those words that do not point back: "is there a form?", "this year", "that day".
_NOT_POINTING_BACK = re.compile(
    r"\b(?:is|are|was|were)\s+there\b|\bthere\s+(?:is|are|was|were)\b|"
    r"\b(?:this|that|these|those)\s+(?:year|years|week|weeks|month|months|morning|afternoon|evening|time|day|days|"
    r"quarter|term|financial\s+year|weekend)\b|\bit\s+(?:is|'s)\s+(?:ok|okay|possible|allowed)\b|\bone\s+of\b",
    re.IGNORECASE,
)
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


def intent_factor(text: str) -> float:
    """How much a service's score is multiplied by: more for something to be done, less for guidance."""
    if _DO_IT.search(text):
        return DO_IT_SERVICE_FACTOR
    return HOW_TO_SERVICE_FACTOR if _HOW_TO.match(text) else 1.0


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
    own: str = ""  # the question's own words (a follow-up's without its cue): what carries over next
    asks_for: str | None = None  # a kind of fact the answer must state (FACTS), if the question wants one
    asks_permission: bool = False  # "can I...?": a section saying what is not allowed answers it best


def is_follow_up(question: str, previous: str | None) -> bool:
    """Short questions leaning on the one before: a cue ("and", "what about"), a word pointing
    back ("it", "that one"), or a bare phrase of a word or two that is not a question itself."""
    if not previous:
        return False
    if _STARTS_WITH_CUE.match(question):
        return True
    words = [word.lower() for word in _WORD.findall(_NOT_POINTING_BACK.sub(" ", question))]
    if any(word in _BACK_REFERENCE for word in words) and len(search.analyse(without_filler(question))) <= 3:
        return True
    return not _QUESTION_START.match(question) and len(search.analyse(without_filler(question))) <= 2


def understand(question: str, previous: str | None = None) -> Understood:
    """What to search for. A follow-up keeps the earlier question's ideas (at less weight) unless
    it replaces them: "and for a hire car?" after "how do I claim mileage for a site visit?"
    replaces "a site visit" (what followed "for") and keeps "claim mileage"."""
    question = search.clean_query(question)
    kind = asks_for(question)
    permission = bool(_ASKS_PERMISSION.search(question))
    if previous is None or not is_follow_up(question, previous):
        return Understood(
            parts=[(without_filler(question), 1.0)],
            text=question,
            own=question,
            asks_for=kind,
            asks_permission=permission,
        )
    own = _CUE.sub("", question, count=1).strip(" ,") or question
    # Only the earlier question's own words: a follow-up of a follow-up does not drag in the first.
    carried = (_CUE.sub("", previous, count=1).strip(" ,") or previous).rstrip(" ?.!")
    kind = kind or asks_for(previous)
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
        parts=[(without_filler(own), 1.0), (without_filler(carried), CARRIED_WEIGHT)],
        text=text,
        follow_up=True,
        own=own,
        asks_for=kind,
        asks_permission=permission or bool(_ASKS_PERMISSION.search(previous)),
    )


# --- What kind of fact a question asks for ----------------------------------------------------------


@dataclass(frozen=True)
class Fact:
    """A kind of fact some questions ask for, and how to tell a passage that states one."""

    name: str
    asked: re.Pattern[str]  # the question asks for it
    stated: re.Pattern[str]  # a passage states one


_NUMBER_WORDS = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|forty|sixty)"
_DURATION = (
    rf"\b{_NUMBER_WORDS}\s+(?:clear\s+|full\s+|calendar\s+)?(?:working\s+)?(?:days?|weeks?|months?|years?|hours?|"
    r"minutes?|mins?)\b|\bwithin\b|\bsame\s+day\b|\bnext\s+(?:working\s+)?day\b|\bovernight\b|\bimmediately\b"
)
_WHEN = (
    _DURATION + r"|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekly|monthly|daily)s?\b|"
    r"\b(?:january|february|march|april|may|june|july|august|september|october|november|december)\b|"
    r"\b\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)\b|\b\d{1,2}[:.]\d{2}\b|\bnoon\b|\bmidday\b|\bdeadline\b|\bbefore\b|"
    r"\bafter\b|\bby\s+the\b|\bend\s+of\b|\bevery\b|\bas\s+soon\s+as\b|\bin\s+advance\b|\bnotice\b"
)
FACTS = {
    fact.name: fact
    for fact in (
        Fact(
            "duration",
            re.compile(
                r"\bhow\s+long\b|\bhow\s+(?:quickly|soon|fast)\b|\bturn\s*around\b|"
                r"\bhow\s+many\s+(?:working\s+)?(?:days|weeks|hours|months|years)\b|\bhow\s+much\s+notice\b",
                re.IGNORECASE,
            ),
            re.compile(_DURATION, re.IGNORECASE),
        ),
        Fact(
            "amount",
            re.compile(
                r"\bhow\s+(?:much|many)\b|\bwhat(?:'s|\s+is|\s+are)\s+the\s+(?:rate|rates|limit|limits|maximum|max|"
                r"minimum|cost|price|fee|fees|allowance)\b|\bwhat\s+does\s+(?:it|that|this)\s+cost\b",
                re.IGNORECASE,
            ),
            re.compile(r"£\s?\d|\b\d+(?:\.\d+)?\s*(?:p|%|per\s*cent|pence|pounds)\b|\b\d[\d,]*\b", re.IGNORECASE),
        ),
        Fact(
            "person",
            re.compile(
                r"^\s*who\b|\bwho\s+(?:do|does|should|can|will|approves|signs|authorises|deals|handles|is)\b",
                re.IGNORECASE,
            ),
            re.compile(
                r"\b(?:manager|director|head|officer|team|chair|clerk|assistant|chief|holder|panel|service|services|hub|"
                r"desk|member|members|councillor|officers|HR|finance|payroll|administrator|owner|approver|lead|"
                r"executive|secretary)\b",
                re.IGNORECASE,
            ),
        ),
        Fact(
            "time",
            re.compile(
                r"^\s*when\b|\bwhat\s+time\b|\bby\s+when\b|\bwhat\s+(?:date|day)\b|\bhow\s+(?:far\s+)?in\s+advance\b|"
                r"\bdeadline\b|\bhow\s+early\b",
                re.IGNORECASE,
            ),
            re.compile(_WHEN, re.IGNORECASE),
        ),
    )
}
_ASKS_PERMISSION = re.compile(
    r"^\s*(?:can|could|may)\s+(?:i|we|you|staff|they)\b|\b(?:am\s+i|are\s+we)\s+allowed\b|"
    r"\bis\s+it\s+(?:ok|okay|allowed|possible)\b|\bam\s+i\s+able\b",
    re.IGNORECASE,
)
# A passage that says what may not be done ("you cannot claim...", "not reimbursed").
SAYS_NOT_ALLOWED = re.compile(
    r"\b(?:cannot|can't|can\s+not|never|must\s+not|mustn't|do\s+not|don't|won't|will\s+not|not\s+(?:allowed|"
    r"permitted|claimable|covered|reimbursed|refundable|eligible|accepted|be\s+claimed|pay|paid)|no\s+longer|"
    r"exclud\w*|except)\b",
    re.IGNORECASE,
)


def asks_for(question: str) -> str | None:
    """The kind of fact the question asks for (a name of FACTS), if any: the first that fits."""
    for fact in FACTS.values():
        if fact.asked.search(question):
            return fact.name
    return None


def states(kind: str | None, text: str) -> bool:
    """Whether `text` states a fact of that kind (always, when none is asked for)."""
    return kind is None or bool(FACTS[kind].stated.search(text))
