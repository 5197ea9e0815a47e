from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from heraldo.core.db import Base, TimestampMixin


class RecurringRule(TimestampMixin, Base):
    """A post that repeats on a cron expression, evaluated in `timezone` (so 09:00 stays 09:00 across DST)."""

    __tablename__ = "recurring_rules"
    __table_args__ = (Index("ix_recurring_rules_active_next_run_at", "active", "next_run_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    cron: Mapped[str] = mapped_column(String(120))
    timezone: Mapped[str] = mapped_column(String(64))
    # What each occurrence publishes.
    content: Mapped[str] = mapped_column(Text)
    content_type: Mapped[str] = mapped_column(String(32), default="text")
    hashtags: Mapped[list[str]] = mapped_column(JSON, default=list)
    media_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    account_ids: Mapped[list[int]] = mapped_column(JSON)
    first_comment: Mapped[str | None] = mapped_column(Text)
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime | None]
    max_occurrences: Mapped[int | None]
    occurrences: Mapped[int] = mapped_column(default=0)
    # The next occurrence not yet turned into a post; None once the rule has ended.
    next_run_at: Mapped[datetime | None]
    active: Mapped[bool] = mapped_column(default=True)
    created_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class QueueSlot(Base):
    """A weekly posting slot of an account ("Mon 09:00"), in the workspace's time zone."""

    __tablename__ = "queue_slots"
    __table_args__ = (UniqueConstraint("account_id", "weekday", "minute_of_day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("social_accounts.id", ondelete="CASCADE"))
    weekday: Mapped[int]  # 0 = Monday ... 6 = Sunday
    minute_of_day: Mapped[int]  # 0 ... 1439, local wall-clock time
