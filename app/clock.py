"""The one source of "now" and "today", so tests can fix time (and move it on) instead of sleeping."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

# The council works in UK time: its days, office hours and dates shown to people are London's.
UK = ZoneInfo("Europe/London")


class FixedTime:
    def __init__(self, at: datetime) -> None:
        if at.tzinfo is None:
            raise ValueError("clock.fixed needs a timezone-aware datetime")
        self.at = at

    def advance(self, **delta: float) -> None:
        self.at += timedelta(**delta)


_fixed: FixedTime | None = None


def now() -> datetime:
    """The current time, timezone-aware in UTC."""
    return _fixed.at if _fixed else datetime.now(UTC)


def today() -> date:
    """Today's date in the UK (between midnight and 1am BST, UTC still says yesterday)."""
    return now().astimezone(UK).date()


@contextmanager
def fixed(at: datetime) -> Iterator[FixedTime]:
    """Within the block, now() returns the fixed time; the handle's advance() moves it on."""
    global _fixed
    previous, _fixed = _fixed, FixedTime(at)
    try:
        yield _fixed
    finally:
        _fixed = previous
