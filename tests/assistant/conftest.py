"""Fixtures of the Ask Staffroom tests."""

import pytest
from sqlalchemy import select

from app import demo
from app import search as search_index
from app.extensions import db
from app.models import User


@pytest.fixture
def asker(app):
    """The demo content and its search index; the demo's member of staff (Planning, no roles)."""
    with app.test_request_context():
        demo.seed(progress=lambda line: None, request_history=False)
        db.session.commit()
        search_index.reindex(progress=lambda line: None)
    return db.session.scalar(select(User).where(User.email == "staff@staffroom.test"))
