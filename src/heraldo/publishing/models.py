from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from heraldo.core.clock import utcnow
from heraldo.core.db import Base


class SandboxPublication(Base):
    """What the sandbox connector 'published': the local stand-in for a platform's timeline."""

    __tablename__ = "sandbox_publications"

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("social_accounts.id", ondelete="CASCADE"), index=True)
    # Unique: the sandbox, like Mastodon, refuses to create a second post for the same key.
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    in_reply_to_id: Mapped[int | None] = mapped_column(ForeignKey("sandbox_publications.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(Text)
    media_count: Mapped[int] = mapped_column(default=0)
    published_at: Mapped[datetime]
    deleted_at: Mapped[datetime | None]


class PublishAttempt(Base):
    """One try at publishing a target, and how it ended: the history users see next to a post."""

    __tablename__ = "publish_attempts"
    __table_args__ = (Index("ix_publish_attempts_target_number", "target_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("post_targets.id", ondelete="CASCADE"))
    number: Mapped[int]
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    # published, retry, failed, needs_review, needs_reconnect, already_published
    outcome: Mapped[str | None] = mapped_column(String(32))
    error_kind: Mapped[str | None] = mapped_column(String(64))
    message: Mapped[str | None] = mapped_column(Text)
    retry_at: Mapped[datetime | None]
    platform_post_id: Mapped[str | None] = mapped_column(String(255))


class OAuthState(Base):
    """An OAuth authorisation in progress: the state, the PKCE verifier, and (for Meta) pending choices."""

    __tablename__ = "oauth_states"

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    platform: Mapped[str] = mapped_column(String(32))
    state: Mapped[str] = mapped_column(String(128), unique=True)
    code_verifier_encrypted: Mapped[str | None] = mapped_column(Text)
    redirect_uri: Mapped[str] = mapped_column(Text)
    instance_url: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    consumed_at: Mapped[datetime | None]
    # After login, Meta lists pages / IG accounts to choose from; the user token waits here, encrypted.
    pending_encrypted: Mapped[str | None] = mapped_column(Text)
    choices: Mapped[list | None] = mapped_column(JSON)


class MastodonApp(Base):
    """Heraldo's app registration on one Mastodon instance (POST /api/v1/apps), reused by every account there."""

    __tablename__ = "mastodon_apps"

    id: Mapped[int] = mapped_column(primary_key=True)
    instance_url: Mapped[str] = mapped_column(String(255), unique=True)
    client_id: Mapped[str] = mapped_column(String(255))
    client_secret_encrypted: Mapped[str] = mapped_column(Text)
    redirect_uri: Mapped[str] = mapped_column(Text)
    scopes: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
