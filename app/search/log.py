"""The search log: what was searched for and how many results it found, never who searched. The
editors' and the dashboard's list of searches that found nothing reads it (app/kb/gaps.py)."""

from app import clock
from app.extensions import db
from app.models import SearchLog


def record(text: str, results: int) -> None:
    """Log a search (its first page, unfiltered: what the person asked for, not how they browsed)."""
    db.session.add(SearchLog(query=text.lower()[:200], results=results, searched_at=clock.now()))
