"""Flask extensions, created here and bound to the app in create_app."""

from typing import TYPE_CHECKING, Any, cast

from flask_caching import Cache
from flask_htmx import HTMX
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import CursorResult, Executable, MetaData
from sqlalchemy.orm import DeclarativeBase

# Stable constraint names, so migrations can alter and drop them on every database.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)

# Models subclass Model: at run time Flask-SQLAlchemy's db.Model (table names, the session, query),
# to mypy the declarative Base it is built from (mypy cannot follow db.Model, an attribute).
if TYPE_CHECKING:
    Model = Base
else:
    Model = db.Model
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
htmx = HTMX()
# In-process (SimpleCache): each worker's own copy. app/shared_cache.py keeps shared values in Redis
# when REDIS_URL is set, and here without it (or while Redis cannot be reached).
cache = Cache(config={"CACHE_TYPE": "SimpleCache", "CACHE_THRESHOLD": 500})


def rows_changed(statement: Executable) -> int:
    """How many rows an INSERT, UPDATE or DELETE changed. (Session.execute is typed as returning
    rows; what such a statement returns is the CursorResult that counts them.)"""
    return cast(CursorResult[Any], db.session.execute(statement)).rowcount
