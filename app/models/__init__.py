"""All models, imported here so Alembic and the app see the whole schema."""

from app.models.article import (
    Article,
    ArticleAnswer,
    ArticleFeedback,
    ArticleQuestion,
    ArticleRevision,
    ArticleSlug,
    ArticleStatus,
    ArticleWatch,
    Attachment,
    Category,
    Tag,
)
from app.models.assistant import AskedQuestion
from app.models.audit import AuditEvent
from app.models.catalogue import FIELD_KINDS, Audience, Deflection, FieldKind, Service, ServiceCategory, ServiceField
from app.models.idea import (
    STATUS_LABELS,
    Idea,
    IdeaBenefit,
    IdeaComment,
    IdeaCommentEdit,
    IdeaFollow,
    IdeaStatus,
    IdeaStatusChange,
    IdeaVote,
)
from app.models.mail import OutgoingEmail
from app.models.notification import Notification
from app.models.reporting import MonthlyPack, PackRecipient, PerformanceTargets
from app.models.search import SearchLog, SearchOutbox
from app.models.service_request import (
    REQUEST_STATUS_LABELS,
    CannedReply,
    EventKind,
    Priority,
    RequestAnswer,
    RequestAttachment,
    RequestDraft,
    RequestEvent,
    RequestStatus,
    ServiceRequest,
)
from app.models.user import ROLES, LoginAttempt, Role, Team, User, UserRole, UserSession
from app.models.vocabulary import Synonym

__all__ = [
    "FIELD_KINDS",
    "REQUEST_STATUS_LABELS",
    "ROLES",
    "STATUS_LABELS",
    "Article",
    "ArticleAnswer",
    "ArticleFeedback",
    "ArticleQuestion",
    "ArticleRevision",
    "ArticleSlug",
    "ArticleStatus",
    "ArticleWatch",
    "AskedQuestion",
    "Attachment",
    "Audience",
    "AuditEvent",
    "CannedReply",
    "Category",
    "Deflection",
    "EventKind",
    "FieldKind",
    "Idea",
    "IdeaBenefit",
    "IdeaComment",
    "IdeaCommentEdit",
    "IdeaFollow",
    "IdeaStatus",
    "IdeaStatusChange",
    "IdeaVote",
    "LoginAttempt",
    "MonthlyPack",
    "Notification",
    "OutgoingEmail",
    "PackRecipient",
    "PerformanceTargets",
    "Priority",
    "RequestAnswer",
    "RequestAttachment",
    "RequestDraft",
    "RequestEvent",
    "RequestStatus",
    "Role",
    "SearchLog",
    "SearchOutbox",
    "Service",
    "ServiceCategory",
    "ServiceField",
    "ServiceRequest",
    "Synonym",
    "Tag",
    "Team",
    "User",
    "UserRole",
    "UserSession",
]
