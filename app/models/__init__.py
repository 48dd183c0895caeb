"""All models, imported here so Alembic and the app see the whole schema."""
from app.models.article import (
    ARTICLE_STATUSES, Article, ArticleAnswer, ArticleFeedback, ArticleQuestion, ArticleRevision, ArticleSlug,
    ArticleStatus, ArticleWatch, Attachment, Category, Tag,
)
from app.models.assistant import AskedQuestion
from app.models.audit import AuditEvent
from app.models.catalogue import FIELD_KINDS, Audience, Deflection, FieldKind, Service, ServiceCategory, ServiceField
from app.models.idea import (
    IDEA_STATUSES, STATUS_LABELS, Idea, IdeaBenefit, IdeaComment, IdeaCommentEdit, IdeaFollow, IdeaStatus,
    IdeaStatusChange, IdeaVote,
)
from app.models.mail import OutgoingEmail
from app.models.notification import Notification
from app.models.search import SearchLog, SearchOutbox
from app.models.service_request import (
    REQUEST_STATUS_LABELS, REQUEST_STATUSES, CannedReply, EventKind, Priority, RequestAnswer, RequestAttachment,
    RequestDraft, RequestEvent, RequestStatus, ServiceRequest,
)
from app.models.user import ROLES, LoginAttempt, Role, Team, User, UserRole, UserSession
from app.models.vocabulary import Synonym

__all__ = [
    "ARTICLE_STATUSES", "Article", "ArticleAnswer", "ArticleFeedback", "ArticleQuestion", "ArticleRevision",
    "ArticleSlug", "ArticleWatch", "Attachment", "AuditEvent", "Category", "IDEA_STATUSES", "Idea", "IdeaBenefit", "IdeaComment",
    "IdeaCommentEdit", "IdeaFollow", "IdeaStatusChange", "IdeaVote", "STATUS_LABELS", "LoginAttempt", "Notification", "ROLES",
    "SearchLog", "SearchOutbox", "Tag", "Team", "User", "UserRole", "UserSession",
    "FIELD_KINDS", "Deflection", "Service", "ServiceCategory", "ServiceField",
    "REQUEST_STATUS_LABELS", "REQUEST_STATUSES", "RequestAnswer", "RequestAttachment", "RequestDraft", "ServiceRequest",
    "CannedReply", "RequestEvent", "OutgoingEmail", "AskedQuestion", "Synonym",
    "ArticleStatus", "IdeaStatus", "RequestStatus", "Priority", "EventKind", "Role", "FieldKind", "Audience",
]
