"""The council's vocabulary as search sees it: which phrases of a query have other names ("PO" is
"purchase order", "A/L" is "annual leave"), so a query finds what is written either way. Editors
keep the list; search and Ask Staffroom both widen queries with it (app/search/query.py).

The list is read from the database once and kept in memory until it changes: each query checks a
one-row summary of the table, so every process sees an editor's change at its next query."""

import re
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import func, select

from app import audit, clock
from app.extensions import db
from app.models import Synonym, User
from app.validation import FieldError, saving

TERM_MAX, MEANING_MAX = 60, 120


def fold(text: str) -> str:
    """How entries are compared: case, width and spacing do not matter ("a/l" is "A/L")."""
    return " ".join(unicodedata.normalize("NFKC", text or "").casefold().split())


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    alternatives: tuple[str, ...]  # the other names of the phrase at text[start:end]


@dataclass
class Vocabulary:
    """Phrase (folded) -> its other names, and one pattern that finds any phrase in a text."""

    names: dict[str, tuple[str, ...]] = field(default_factory=dict)
    pattern: re.Pattern[str] | None = None

    @classmethod
    def of(cls, pairs: Iterable[Sequence[str]]) -> "Vocabulary":
        names: dict[str, list[str]] = {}
        for term, meaning in pairs:
            # Either way round: "PO" finds "purchase order", and "purchase order" finds "PO".
            for phrase, other in ((term, meaning), (meaning, term)):
                key = fold(phrase)
                if key and fold(other) != key and other not in names.setdefault(key, []):
                    names[key].append(other)
        # Other names of other names too: "A/L" is "annual leave", which is also "holiday".
        for key, others in names.items():
            for other in list(others):
                for further in names.get(fold(other), []):
                    if fold(further) != key and further not in others:
                        others.append(further)
        if not names:
            return cls()
        # Longest first, so "purchase order number" wins over "purchase order"; whole words only
        # ("PO" is not the start of "policy"); any spacing between the words of a phrase.
        alternatives = "|".join(
            r"\s+".join(re.escape(word) for word in key.split()) for key in sorted(names, key=len, reverse=True)
        )
        pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
        return cls({key: tuple(others) for key, others in names.items()}, pattern)

    def find(self, text: str) -> list[Match]:
        if self.pattern is None:
            return []
        matches = []
        for match in self.pattern.finditer(text):
            others = self.names.get(fold(match.group(0)))
            if others:
                matches.append(Match(match.start(), match.end(), others))
        return matches

    def __bool__(self) -> bool:
        return bool(self.names)


_lock = threading.Lock()


@dataclass
class _Cache:
    stamp: tuple[object, ...] | None = None  # _stamp() when the vocabulary was read
    vocabulary: Vocabulary = field(default_factory=Vocabulary)


_cached = _Cache()


def _stamp() -> tuple[object, ...]:
    """Changes whenever an entry is added, changed or removed."""
    row = db.session.execute(
        select(
            func.count(Synonym.id),
            func.max(Synonym.id),
            func.max(Synonym.updated_at),
            func.sum(func.length(Synonym.key) + func.length(Synonym.meaning)),
        )
    ).one()
    return tuple(row)


def current() -> Vocabulary:
    """The vocabulary as the database has it now."""
    stamp = _stamp()
    if _cached.stamp == stamp:
        return _cached.vocabulary
    rows = db.session.execute(select(Synonym.term, Synonym.meaning).order_by(Synonym.id)).all()
    vocabulary = Vocabulary.of(rows)
    with _lock:
        _cached.stamp, _cached.vocabulary = stamp, vocabulary
    return vocabulary


def forget() -> None:
    """Read the list again at the next query (after a change in this process)."""
    with _lock:
        _cached.stamp, _cached.vocabulary = None, Vocabulary()


# --- Editors' list -----------------------------------------------------------------------------


def entries() -> list[Synonym]:
    return list(db.session.scalars(select(Synonym).order_by(Synonym.key)))


def get(entry_id: int) -> Synonym | None:
    return db.session.get(Synonym, entry_id)


def _clean(text: str, limit: int, field_name: str, label: str) -> str:
    text = " ".join(unicodedata.normalize("NFKC", text or "").split())
    if not text:
        raise FieldError(field_name, f"Enter the {label}")
    if len(text) > limit:
        raise FieldError(field_name, f"The {label} must be {limit} characters or fewer")
    if not any(character.isalnum() for character in text):
        raise FieldError(field_name, f"The {label} must have at least one letter or number")
    return text


def save(entry: Synonym | None, *, term: str, meaning: str, actor: User | None) -> Synonym:
    """Add an entry (entry None) or change one. One entry per term, whatever its case."""
    term = _clean(term, TERM_MAX, "term", "word or abbreviation")
    meaning = _clean(meaning, MEANING_MAX, "meaning", "meaning")
    if fold(term) == fold(meaning):
        raise FieldError("meaning", "Enter a different way of saying it, not the same words")
    clash = db.session.scalar(select(Synonym).where(Synonym.key == fold(term)))
    if clash is not None and clash is not entry:
        raise FieldError("term", f"“{clash.term}” is already in the list: change that entry instead")
    created = entry is None
    with saving("term", f"“{term}” is already in the list: change that entry instead"):
        if entry is None:
            entry = Synonym(created_at=clock.now())
            db.session.add(entry)
        entry.term, entry.key, entry.meaning = term, fold(term), meaning
        entry.updated_at, entry.updated_by_id = clock.now(), getattr(actor, "id", None)
    audit.record(actor, "synonym_added" if created else "synonym_changed", entry, term=term, meaning=meaning)
    forget()
    return entry


def remove(entry: Synonym, *, actor: User | None) -> None:
    audit.record(actor, "synonym_removed", entry, term=entry.term, meaning=entry.meaning)
    db.session.delete(entry)
    db.session.flush()
    forget()
