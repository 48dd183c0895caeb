"""The search log: what was searched for and how many results it found, never who searched. The
editors' and the dashboard's list of searches that found nothing reads it (app/kb/gaps.py)."""

import hashlib
import hmac

from flask import current_app

from app import clock
from app.extensions import db
from app.models import SearchLog


def searcher_key(user: object) -> str:
    """Who searched as a keyed hash: the same person always gives the same key, so the content
    gaps can count different people (app/kb/gaps.py), but the key names nobody."""
    user_id = getattr(user, "id", None)
    if user_id is None:
        return ""
    secret = str(current_app.config["SECRET_KEY"]).encode()
    return hmac.new(secret, f"search-log:{user_id}".encode(), hashlib.sha256).hexdigest()[:32]


def record(text: str, results: int, user: object = None) -> None:
    """Log a search (its first page, unfiltered: what the person asked for, not how they browsed)."""
    db.session.add(
        SearchLog(query=text.lower()[:200], results=results, searcher=searcher_key(user), searched_at=clock.now())
    )
