from datetime import date, datetime

from sqlalchemy import JSON, BigInteger, Date, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from heraldo.core.clock import utcnow
from heraldo.core.db import Base

COUNT_FIELDS = ("likes", "comments", "shares", "quotes", "saves", "clicks", "impressions", "reach", "video_views")


class _Counts:
    """The counters a platform reports for a post; None where the platform does not report one."""

    likes: Mapped[int | None]
    comments: Mapped[int | None]
    shares: Mapped[int | None]
    quotes: Mapped[int | None]
    saves: Mapped[int | None]
    clicks: Mapped[int | None]
    impressions: Mapped[int | None]
    reach: Mapped[int | None]
    video_views: Mapped[int | None]
    # Interactions that count for this platform (see analytics/engagement.py), and their rate.
    engagements: Mapped[int] = mapped_column(default=0)
    engagement_rate: Mapped[float | None] = mapped_column(Float)


class PostMetrics(_Counts, Base):
    """One snapshot of a published target's counters at `fetched_at`: every number keeps its history."""

    __tablename__ = "post_metrics"
    __table_args__ = (
        Index("ix_post_metrics_target_fetched_at", "target_id", "fetched_at"),
        Index("ix_post_metrics_workspace_fetched_at", "workspace_id", "fetched_at"),
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer(), "sqlite"), primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    target_id: Mapped[int] = mapped_column(ForeignKey("post_targets.id", ondelete="CASCADE"))
    fetched_at: Mapped[datetime] = mapped_column(default=utcnow)


class LatestPostMetrics(_Counts, Base):
    """The newest snapshot of each published target, with what dashboards filter on, kept up to date with
    every snapshot. Aggregates read this (one row per target) instead of ranking millions of snapshots."""

    __tablename__ = "latest_post_metrics"
    __table_args__ = (
        Index("ix_latest_post_metrics_workspace_published_at", "workspace_id", "published_at"),
        Index("ix_latest_post_metrics_account_published_at", "account_id", "published_at"),
    )

    target_id: Mapped[int] = mapped_column(ForeignKey("post_targets.id", ondelete="CASCADE"), primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    account_id: Mapped[int] = mapped_column(ForeignKey("social_accounts.id", ondelete="CASCADE"))
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    platform: Mapped[str] = mapped_column(String(32))
    content_type: Mapped[str] = mapped_column(String(32))
    published_at: Mapped[datetime]
    fetched_at: Mapped[datetime]
    snapshots: Mapped[int] = mapped_column(default=1)


class AccountMetrics(Base):
    """Followers and following of an account on one day (UTC)."""

    __tablename__ = "account_metrics"
    __table_args__ = (UniqueConstraint("account_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("social_accounts.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    followers: Mapped[int | None]
    following: Mapped[int | None]
    fetched_at: Mapped[datetime] = mapped_column(default=utcnow)


class AnalyticsSettings(Base):
    """Per-workspace analytics settings: report delivery (Telegram) and ROI values."""

    __tablename__ = "analytics_settings"

    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), primary_key=True)
    telegram_chat_id: Mapped[str | None] = mapped_column(String(64))
    # Fernet token of the bot token (core.security.crypto.SecretBox).
    telegram_bot_token_encrypted: Mapped[str | None] = mapped_column(Text)
    weekly_report_enabled: Mapped[bool] = mapped_column(default=True)
    # {"like": 0.05, "comment": 0.5, ...} value of one interaction, and [{"start", "end", "amount", "label"}] costs.
    interaction_values: Mapped[dict | None] = mapped_column(JSON)
    costs: Mapped[list | None] = mapped_column(JSON)
    currency: Mapped[str] = mapped_column(String(8), default="EUR")


class AnalyticsReport(Base):
    """A stored report (the weekly one, or generated on demand) and its delivery."""

    __tablename__ = "analytics_reports"
    __table_args__ = (UniqueConstraint("workspace_id", "kind", "period_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # weekly, custom
    period_start: Mapped[datetime]
    period_end: Mapped[datetime]
    timezone: Mapped[str] = mapped_column(String(64))
    data: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    delivery_status: Mapped[str] = mapped_column(String(16), default="pending")  # pending, sent, failed, skipped
    delivery_attempts: Mapped[int] = mapped_column(default=0)
    delivery_error: Mapped[str | None] = mapped_column(Text)
    delivered_at: Mapped[datetime | None]
    next_delivery_at: Mapped[datetime | None]
