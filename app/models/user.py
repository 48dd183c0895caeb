"""People, their teams and roles, their sign-in sessions, sign-in attempts and password reset links."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from enum import StrEnum

from flask_login import UserMixin
from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app import clock
from app.extensions import Model
from app.models.types import UTCDateTime, check_in


class Role(StrEnum):
    STAFF = "staff"  # every signed-in person: never stored
    EDITOR = "editor"
    AGENT = "agent"
    MANAGER = "manager"
    ADMIN = "admin"


# Every signed-in person is staff; these are the roles a person may hold on top.
ROLES = (Role.EDITOR, Role.AGENT, Role.MANAGER, Role.ADMIN)
ROLE_LABELS = {
    Role.STAFF: "Staff",
    Role.EDITOR: "Editor",
    Role.AGENT: "Agent",
    Role.MANAGER: "Manager",
    Role.ADMIN: "Administrator",
}
ROLE_HINTS = {
    Role.EDITOR: "EA/PA community of practice: writes knowledge articles",
    Role.AGENT: "Business Support officer: works their team's request queue",
    Role.MANAGER: "Team leader or service manager: team services, moderation, full dashboard",
    Role.ADMIN: "Manages people, teams and settings",
}


class Team(Model):
    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    # Business Support teams work requests; other teams are the council's departments.
    is_business_support: Mapped[bool] = mapped_column(Boolean, default=False)
    # The team's shared mailbox: new requests are emailed there (else to its agents).
    email: Mapped[str] = mapped_column(String(254), default="", server_default="")

    members: Mapped[list[User]] = relationship(back_populates="team")

    def __str__(self) -> str:
        return self.name


class UserRole(Model):
    __tablename__ = "user_roles"
    __table_args__ = (check_in("role", ROLES),)

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(20), primary_key=True)


class User(UserMixin, Model):  # type: ignore[misc]  # flask_login has no type information: UserMixin is Any
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stored lower-cased and trimmed, so the unique constraint is case-insensitive.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    # Empty for people who only ever sign in through single sign-on: no password opens it.
    password_hash: Mapped[str] = mapped_column(String(255))
    # The single sign-on provider's stable id for this person (Entra ID's `oid`, else `sub`).
    sso_subject: Mapped[str | None] = mapped_column(String(255), unique=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"), index=True)
    # From the council's directory (People in bulk: the users export's job title); may be empty.
    job_title: Mapped[str] = mapped_column(String(120), default="", server_default="")
    # Also from the directory (its business phone, else mobile): how the team working their
    # request rings them; may be empty.
    phone: Mapped[str] = mapped_column(String(40), default="", server_default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    # Approvals (service_requests/approvals.py): whose line manager this person is not recorded
    # everywhere, so it may be empty; while away (until and including away_until) the approvals
    # asked of them go to their delegate.
    line_manager_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    away_until: Mapped[date | None] = mapped_column(Date)
    delegate_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # Optimistic locking: a stale edit form cannot overwrite someone else's change.
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    team: Mapped[Team | None] = relationship(back_populates="members")
    line_manager: Mapped[User | None] = relationship(foreign_keys=[line_manager_id], remote_side=[id])
    delegate: Mapped[User | None] = relationship(foreign_keys=[delegate_id], remote_side=[id])
    role_rows: Mapped[list[UserRole]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by=UserRole.role
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive people
        return self.active

    @property
    def roles(self) -> set[str]:
        return {Role.STAFF, *(user_role.role for user_role in self.role_rows)}

    def has_role(self, role: str) -> bool:
        return role in self.roles

    def set_roles(self, roles: Iterable[str]) -> None:
        wanted = {role for role in roles if role in ROLES}
        self.role_rows = [user_role for user_role in self.role_rows if user_role.role in wanted] + [
            UserRole(role=role) for role in sorted(wanted - self.roles)
        ]

    @property
    def role_labels(self) -> list[str]:
        return [ROLE_LABELS[role] for role in (Role.STAFF, *ROLES) if role in self.roles]

    def __str__(self) -> str:
        return self.name


class UserSession(Model):
    """A signed-in browser. Deleting the row ends the session for real, whatever the cookie says."""

    __tablename__ = "user_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    # SHA-256 of the token in the cookie: a leaked database does not hand out live sessions.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    remember: Mapped[bool] = mapped_column(Boolean, default=False)
    user_agent: Mapped[str] = mapped_column(String(200), default="")

    user: Mapped[User] = relationship()


class LoginAttempt(Model):
    """Sign-in attempts per email address: the lock-out counter every worker process shares.

    A row is written as a failure before the password is checked and turned into a success after,
    so however many workers try at once, no more than the lock-out's limit of checks run."""

    __tablename__ = "login_attempts"
    __table_args__ = (Index("ix_login_attempts_email_at", "email", "attempted_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    attempted_at: Mapped[datetime] = mapped_column(UTCDateTime)
    succeeded: Mapped[bool] = mapped_column(Boolean)
    # Where from: failures for addresses with no account are summarised per address in the audit
    # log by `flask housekeeping` rather than recorded one by one.
    ip: Mapped[str] = mapped_column(String(45), default="", server_default="")


class PasswordResetToken(Model):
    """A password reset link sent by email (app/auth/reset.py). Only the SHA-256 of its token is
    stored, so the database cannot hand out working links; the row is deleted when the link is
    used or the password changes in any way, and it expires on its own after 30 minutes."""

    __tablename__ = "password_reset_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()
