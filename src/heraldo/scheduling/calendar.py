"""What the calendar shows: post targets of a period placed on the viewer's local days, in one query."""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from heraldo.core.clock import zone
from heraldo.posts.models import AccountStatus, Post, PostTarget, SocialAccount, TargetStatus
from heraldo.scheduling.service import RESCHEDULABLE

# Drafts have no time, so they have no place on a calendar.
SHOWN_STATUSES = (
    TargetStatus.SCHEDULED,
    TargetStatus.PUBLISHING,
    TargetStatus.PUBLISHED,
    TargetStatus.FAILED,
    TargetStatus.NEEDS_REVIEW,
    TargetStatus.CANCELLED,
)
# What the scheduler lets move (not out, not in flight, not awaiting a person's check), as status values.
MOVABLE_STATUSES = frozenset(status.value for status in RESCHEDULABLE)
SNIPPET = 90


@dataclass(frozen=True)
class CalendarItem:
    target_id: int
    post_id: int
    account_id: int
    status: str
    moment: datetime  # UTC: published_at when out, else scheduled_at
    local: datetime  # the same moment in the viewer's zone
    platform: str
    handle: str
    account_status: str
    content: str
    last_error: str | None

    @property
    def account_usable(self) -> bool:
        return self.account_status == AccountStatus.ACTIVE.value

    @property
    def movable(self) -> bool:
        # The scheduler refuses to move a target of an account that must be reconnected first.
        return self.status in MOVABLE_STATUSES and self.account_usable

    @property
    def snippet(self) -> str:
        return self.content if len(self.content) <= SNIPPET else self.content[: SNIPPET - 1] + "…"


@dataclass
class CalendarDay:
    day: date
    in_period: bool
    is_today: bool
    items: list[CalendarItem] = field(default_factory=list)

    def at_hour(self, hour: int) -> list[CalendarItem]:
        return [item for item in self.items if item.local.hour == hour]


def visible_days(view: str, anchor: date) -> tuple[date, date]:
    """First day shown and the day after the last: a Monday-to-Sunday week, or whole weeks around a month."""
    if view == "month":
        first = anchor.replace(day=1)
        following = (first + timedelta(days=32)).replace(day=1)
        start = first - timedelta(days=first.weekday())
        end = following + timedelta(days=(7 - following.weekday()) % 7)
        return start, end
    start = anchor - timedelta(days=anchor.weekday())
    return start, start + timedelta(days=7)


def local_midnight(day: date, tz_name: str) -> datetime:
    """The UTC moment a local day begins (not always 24 h after the previous one, because of DST)."""
    return datetime(day.year, day.month, day.day, tzinfo=zone(tz_name)).astimezone(UTC)


def calendar_items(
    *, db: Session, workspace_id: int, start: datetime, end: datetime, tz_name: str, account_id: int | None = None
) -> list[CalendarItem]:
    """The workspace's targets placed in [start, end), with their post and account, in one query."""
    moment = func.coalesce(PostTarget.published_at, PostTarget.scheduled_at)
    query = (
        select(
            PostTarget.id,
            PostTarget.post_id,
            PostTarget.account_id,
            PostTarget.status,
            moment.label("moment"),
            PostTarget.last_error,
            Post.content,
            SocialAccount.platform,
            SocialAccount.handle,
            SocialAccount.status.label("account_status"),
        )
        .join(Post, Post.id == PostTarget.post_id)
        .join(SocialAccount, SocialAccount.id == PostTarget.account_id)
        .where(
            PostTarget.workspace_id == workspace_id,
            PostTarget.status.in_([s.value for s in SHOWN_STATUSES]),
            moment >= start,
            moment < end,
        )
        .order_by(moment, SocialAccount.platform, SocialAccount.handle, PostTarget.id)
    )
    if account_id is not None:
        query = query.where(PostTarget.account_id == account_id)
    viewer_zone = zone(tz_name)
    return [
        CalendarItem(
            target_id=row.id,
            post_id=row.post_id,
            account_id=row.account_id,
            status=row.status,
            moment=row.moment,
            local=row.moment.astimezone(viewer_zone),
            platform=row.platform,
            handle=row.handle,
            account_status=row.account_status,
            content=row.content,
            last_error=row.last_error,
        )
        for row in db.execute(query)
    ]
