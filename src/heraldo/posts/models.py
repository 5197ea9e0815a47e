from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from heraldo.core.db import Base, TimestampMixin


class AccountStatus(StrEnum):
    ACTIVE = "active"
    NEEDS_RECONNECT = "needs_reconnect"
    DISABLED = "disabled"


class TargetStatus(StrEnum):
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    PUBLISHING = "publishing"
    PUBLISHED = "published"
    FAILED = "failed"
    CANCELLED = "cancelled"
    # The request went out and no answer came back, and the platform cannot tell whether it exists:
    # a person must look before anything is sent again.
    NEEDS_REVIEW = "needs_review"


# A target in one of these states is settled or in flight: its schedule and text can no longer change.
LOCKED_STATUSES = {TargetStatus.PUBLISHING, TargetStatus.PUBLISHED}


class ContentType(StrEnum):
    TEXT = "text"
    IMAGE = "image"
    VIDEO = "video"
    CAROUSEL = "carousel"
    LINK = "link"
    STORY = "story"
    REEL = "reel"


class SocialAccount(TimestampMixin, Base):
    __tablename__ = "social_accounts"
    __table_args__ = (UniqueConstraint("workspace_id", "platform", "handle"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    platform: Mapped[str] = mapped_column(String(32))
    handle: Mapped[str] = mapped_column(String(255))
    display_name: Mapped[str] = mapped_column(String(255), default="")
    # Fernet token of a JSON object (tokens, app passwords); see core.security.crypto.
    credentials_encrypted: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(32), default=AccountStatus.ACTIVE.value)
    status_reason: Mapped[str | None] = mapped_column(Text)
    is_demo: Mapped[bool] = mapped_column(default=False)
    # The account's id on the platform: X/Threads/IG user id, Facebook page id, LinkedIn URN, Bluesky DID...
    platform_account_id: Mapped[str | None] = mapped_column(String(255))
    # Mastodon instance or Bluesky PDS this account lives on.
    instance_url: Mapped[str | None] = mapped_column(String(255))
    token_expires_at: Mapped[datetime | None]
    token_refreshed_at: Mapped[datetime | None]
    # A lease so that two refreshes of one account never run at once (rotating refresh tokens are single-use).
    refresh_lock_owner: Mapped[str | None] = mapped_column(String(64))
    refresh_lock_until: Mapped[datetime | None]
    last_checked_at: Mapped[datetime | None]


class MediaAsset(Base):
    __tablename__ = "media_assets"

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    # Path relative to the data dir's media folder.
    storage_key: Mapped[str] = mapped_column(String(255))
    uploaded_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime]


class Post(TimestampMixin, Base):
    __tablename__ = "posts"

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    content: Mapped[str] = mapped_column(Text)
    content_type: Mapped[str] = mapped_column(String(32), default=ContentType.TEXT.value)
    hashtags: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    is_demo: Mapped[bool] = mapped_column(default=False)
    # Published as a comment (or self-reply on X and Bluesky) right after the post.
    first_comment: Mapped[str | None] = mapped_column(Text)
    recurring_rule_id: Mapped[int | None] = mapped_column(
        ForeignKey("recurring_rules.id", ondelete="SET NULL"), index=True
    )

    targets: Mapped[list["PostTarget"]] = relationship(
        back_populates="post", cascade="all, delete-orphan", order_by="PostTarget.id"
    )
    media_links: Mapped[list["PostMedia"]] = relationship(cascade="all, delete-orphan", order_by="PostMedia.position")


class PostMedia(Base):
    __tablename__ = "post_media"

    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True)
    media_id: Mapped[int] = mapped_column(ForeignKey("media_assets.id", ondelete="RESTRICT"), primary_key=True)
    position: Mapped[int] = mapped_column(default=0)

    media: Mapped[MediaAsset] = relationship()


class PostTarget(TimestampMixin, Base):
    """One post going to one account: its own schedule, status and outcome."""

    __tablename__ = "post_targets"
    __table_args__ = (
        UniqueConstraint("post_id", "account_id"),
        # The due-post query: status = 'scheduled' AND due_at <= now.
        Index("ix_post_targets_status_due_at", "status", "due_at"),
        Index("ix_post_targets_workspace_scheduled_at", "workspace_id", "scheduled_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("social_accounts.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(32), default=TargetStatus.DRAFT.value)
    scheduled_at: Mapped[datetime | None]
    # When the next attempt is due: the scheduled time, or later after a retryable failure.
    due_at: Mapped[datetime | None]
    # The zone the user scheduled in, to show the time back to them the way they entered it.
    schedule_timezone: Mapped[str | None] = mapped_column(String(64))
    # Stored before any call goes out, so a retry can ask the platform whether it already went out.
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    claimed_at: Mapped[datetime | None]
    platform_post_id: Mapped[str | None] = mapped_column(String(255))
    platform_url: Mapped[str | None] = mapped_column(Text)
    published_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    # Intermediate ids of multi-step publishing (containers, uploaded media) so a retry carries on.
    progress: Mapped[dict | None] = mapped_column(JSON)
    # Placed by "add to queue" into the account's next free slot (rather than at a chosen time).
    queued: Mapped[bool] = mapped_column(default=False)
    first_comment_platform_id: Mapped[str | None] = mapped_column(String(255))
    first_comment_error: Mapped[str | None] = mapped_column(Text)

    post: Mapped[Post] = relationship(back_populates="targets")
    account: Mapped[SocialAccount] = relationship()
