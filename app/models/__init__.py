"""All models, imported here so Alembic and the app see the whole schema."""
from app.models.audit import AuditEvent
from app.models.user import ROLES, LoginAttempt, Team, User, UserRole, UserSession

__all__ = ["AuditEvent", "LoginAttempt", "ROLES", "Team", "User", "UserRole", "UserSession"]
