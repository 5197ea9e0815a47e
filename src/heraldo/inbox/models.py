"""Inbox tables: interactions with their analysis, replies sent (the auto-reply log), templates, settings."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from heraldo.core.clock import utcnow
from heraldo.core.db import Base, TimestampMixin

# The default auto-reply threshold the issue names: only clear-cut intents are answered unattended.
DEFAULT_AUTO_REPLY_THRESHOLD = 0.85
# Intents answered unattended once a workspace turns auto-reply on (it may change them; never spam or "other").
DEFAULT_AUTO_REPLY_INTENTS = ("question", "praise")


class InteractionKind(StrEnum):
    COMMENT = "comment"
    REPLY = "reply"
    MENTION = "mention"
    DIRECT_MESSAGE = "direct_message"


class Interaction(TimestampMixin, Base):
    """A comment, reply, mention or direct message one of the workspace's accounts received."""

    __tablename__ = "interactions"
    __table_args__ = (
        # Deduplication: the same platform item fetched twice is one interaction.
        UniqueConstraint("account_id", "platform_id"),
        # The inbox list: open items of a workspace, most urgent first, newest first within a priority.
        Index("ix_interactions_inbox", "workspace_id", "archived", "responded", "priority_rank", "received_at"),
        Index("ix_interactions_workspace_received_at", "workspace_id", "received_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    account_id: Mapped[int] = mapped_column(ForeignKey("social_accounts.id", ondelete="CASCADE"), index=True)
    platform: Mapped[str] = mapped_column(String(32))
    platform_id: Mapped[str] = mapped_column(String(512))
    kind: Mapped[str] = mapped_column(String(32))
    author_handle: Mapped[str] = mapped_column(String(255), default="")
    author_name: Mapped[str | None] = mapped_column(String(255))
    text: Mapped[str] = mapped_column(Text, default="")
    # The post it answers: the platform's id, and our target when it is one of our published posts.
    in_reply_to_platform_id: Mapped[str | None] = mapped_column(String(512))
    target_id: Mapped[int | None] = mapped_column(ForeignKey("post_targets.id", ondelete="SET NULL"), index=True)
    # What replying needs beyond the id (Bluesky cid and thread root, Meta/LinkedIn top-level comment).
    platform_extra: Mapped[dict | None] = mapped_column(JSON)
    received_at: Mapped[datetime]
    language: Mapped[str] = mapped_column(String(8), default="und")
    sentiment_label: Mapped[str] = mapped_column(String(16), default="neutral")
    sentiment_score: Mapped[float] = mapped_column(Float, default=0.0)
    sentiment_confidence: Mapped[float] = mapped_column(Float, default=0.0)
    intent: Mapped[str] = mapped_column(String(32), default="other")
    intent_confidence: Mapped[float] = mapped_column(Float, default=0.0)
    keywords: Mapped[list[str]] = mapped_column(JSON, default=list)
    priority: Mapped[str] = mapped_column(String(16), default="normal")
    # 0 urgent .. 3 low, so the inbox orders by priority in SQL.
    priority_rank: Mapped[int] = mapped_column(Integer, default=2)
    analysis_backend: Mapped[str] = mapped_column(String(64), default="")
    responded: Mapped[bool] = mapped_column(default=False)
    responded_at: Mapped[datetime | None]
    response_text: Mapped[str | None] = mapped_column(Text)
    archived: Mapped[bool] = mapped_column(default=False)
    archived_at: Mapped[datetime | None]
    assignee_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    is_demo: Mapped[bool] = mapped_column(default=False)


class InteractionReply(Base):
    """Every reply sent from the inbox, by a person or automatically: the auto-reply log is this table."""

    __tablename__ = "interaction_replies"

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    interaction_id: Mapped[int] = mapped_column(ForeignKey("interactions.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    automatic: Mapped[bool] = mapped_column(default=False)
    # For automatic replies: the intent and confidence that allowed it, and the threshold then in force.
    intent: Mapped[str | None] = mapped_column(String(32))
    confidence: Mapped[float | None] = mapped_column(Float)
    threshold: Mapped[float | None] = mapped_column(Float)
    sent_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # Stored before the call goes out so a retry can ask the platform whether the reply already exists.
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[str] = mapped_column(String(16), default="sending")  # sending, sent, failed
    platform_reply_id: Mapped[str | None] = mapped_column(String(512))
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]


class ResponseTemplate(TimestampMixin, Base):
    """A workspace's suggested reply for one intent in one language (overrides the shipped default)."""

    __tablename__ = "response_templates"
    __table_args__ = (UniqueConstraint("workspace_id", "intent", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    intent: Mapped[str] = mapped_column(String(32))
    language: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)


class InboxSettings(Base):
    """Per-workspace inbox settings: unattended replies are off until the workspace turns them on."""

    __tablename__ = "inbox_settings"

    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), primary_key=True)
    auto_reply_enabled: Mapped[bool] = mapped_column(default=False)
    auto_reply_threshold: Mapped[float] = mapped_column(Float, default=DEFAULT_AUTO_REPLY_THRESHOLD)
    # Intents that may be answered unattended; spam and "other" never are.
    auto_reply_intents: Mapped[list[str]] = mapped_column(JSON, default=lambda: list(DEFAULT_AUTO_REPLY_INTENTS))


class InboxCursor(Base):
    """Where the last fetch of an account's interactions stopped, and when to fetch it again."""

    __tablename__ = "inbox_cursors"

    account_id: Mapped[int] = mapped_column(ForeignKey("social_accounts.id", ondelete="CASCADE"), primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    newest_received_at: Mapped[datetime | None]
    last_fetched_at: Mapped[datetime | None]
    # After a rate limit: not before the time the platform gave.
    next_fetch_after: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
