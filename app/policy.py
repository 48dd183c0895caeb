"""Who may do what: every permission rule of Staffroom, used by views and templates alike.

Views use the `requires` decorator (or call a rule and `deny()`); templates get this module
as `policy` to hide what a person cannot use. Hiding a button is not security: views check too.
Pages a person may not use answer 404, so their existence is not revealed.
"""
from functools import wraps

from flask import abort
from flask_login import current_user


def _has(user, role: str) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.has_role(role)


# --- Rules -------------------------------------------------------------------------------

def can_manage_people(user) -> bool:
    return _has(user, "admin")


def can_manage_teams(user) -> bool:
    return _has(user, "admin")


def can_view_admin(user) -> bool:
    return can_manage_people(user) or can_manage_teams(user)


def can_deactivate(user, person) -> bool:
    # Nobody deactivates themselves: it would lock out the last administrator.
    return can_manage_people(user) and person.id != user.id


def can_change_own_password(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


# --- Enforcement -------------------------------------------------------------------------

def deny():
    """Refuse as if the page did not exist."""
    abort(404)


def requires(rule):
    """View decorator: the signed-in person must satisfy `rule(user)`, or the page is not found."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not rule(current_user):
                deny()
            return view(*args, **kwargs)

        return wrapped

    return decorator
