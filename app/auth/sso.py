"""Who gets in through single sign-on: the person the provider vouches for, matched by the
provider's stable id, linked once to an existing account by verified email, or created on first
sign-in when their email domain (or a group) is allowed; roles from groups where configured."""

from flask import current_app
from sqlalchemy import func, select

from app import audit
from app.auth.oidc import Identity
from app.extensions import db
from app.models import Role, Team, User
from app.validation import FieldError, saving


class SignInRefused(FieldError):
    """This person may not sign in through single sign-on; the message is for them."""

    def __init__(self, message: str):
        super().__init__(None, message)


def _refuse(identity: Identity, reason: str, message: str, user: User | None = None) -> SignInRefused:
    audit.record(None, "sso_sign_in_refused", user, email=identity.email, sso_subject=identity.subject, reason=reason)
    return SignInRefused(message)


def _contact() -> str:
    return "Ask a Staffroom administrator if you think you should have access."


def sign_in(identity: Identity) -> User:
    """The person to sign in for `identity` (SignInRefused saying why not). Writes what it
    changes (a link, a new person, roles) and the audit records; the caller starts the session."""
    user = db.session.scalar(select(User).where(User.sso_subject == identity.subject))
    if user is None:
        user = _link_or_create(identity)
    if not user.active:
        raise _refuse(identity, "deactivated", "Your Staffroom account has been deactivated. " + _contact(), user)
    _apply_group_roles(user, identity)
    audit.record(user, "sign_in", user, method="sso")
    return user


def _link_or_create(identity: Identity) -> User:
    if not identity.email or not identity.email_verified:
        raise _refuse(
            identity,
            "no verified email",
            f"{current_app.config['OIDC_PROVIDER_NAME']} did not give Staffroom a verified email address for you. "
            + _contact(),
        )
    existing = db.session.scalar(select(User).where(User.email == identity.email))
    if existing is not None:
        if existing.sso_subject is not None:
            # Already linked to someone else at the provider: never moved silently.
            raise _refuse(
                identity,
                "email linked to another sign-in",
                "Your email address belongs to a Staffroom account linked to another sign-in. " + _contact(),
                existing,
            )
        if not existing.active:
            raise _refuse(
                identity, "deactivated", "Your Staffroom account has been deactivated. " + _contact(), existing
            )
        with saving(None, "Your account is being linked in another window. Try again."):
            existing.sso_subject = identity.subject
            db.session.flush()
        audit.record(existing, "sso_linked", existing, email=identity.email)
        return existing
    if not _may_join(identity):
        raise _refuse(
            identity,
            "not allowed",
            "Staffroom is not open to your account. " + _contact(),
        )
    user = User(
        email=identity.email,
        name=(identity.name or identity.email.split("@")[0])[:120],
        password_hash="",  # single sign-on only, until an administrator sets a password
        sso_subject=identity.subject,
        active=True,
    )
    team = _team_named(identity.team)
    with saving(None, "Your account is being created in another window. Try again."):
        db.session.add(user)
        user.team = team  # once the person is in the session (no cascade along the team's members)
        db.session.flush()
    audit.record(user, "sso_person_created", user, email=identity.email, team=user.team.name if user.team else "")
    return user


def _may_join(identity: Identity) -> bool:
    config = current_app.config
    domain = identity.email.rpartition("@")[2]
    return domain in config["OIDC_ALLOWED_DOMAINS"] or bool(set(identity.groups) & set(config["OIDC_ALLOWED_GROUPS"]))


def _team_named(name: str) -> Team | None:
    """An existing team of that name (any case): a claim never creates teams."""
    if not name:
        return None
    return db.session.scalar(select(Team).where(func.lower(Team.name) == name.lower()))


def _apply_group_roles(user: User, identity: Identity) -> None:
    """With OIDC_GROUP_ROLES set, each role it names follows the provider's groups (given when the
    person is in one of its groups, taken away when not); other roles stay as Staffroom has them."""
    role_groups: dict[str, set[str]] = current_app.config["OIDC_ROLE_GROUPS"]
    if not role_groups:
        return
    groups = set(identity.groups)
    before = user.roles - {Role.STAFF}
    wanted = {role for role in before if role not in role_groups} | {
        role for role, role_group_ids in role_groups.items() if groups & role_group_ids
    }
    if wanted == before:
        return
    user.set_roles(wanted)
    audit.record(
        None,
        "roles_changed_by_sso",
        user,
        added=sorted(wanted - before),
        removed=sorted(before - wanted),
    )
