"""The slice of data an analytics question is about: a workspace, a period in its time zone, and optionally
a platform, an account and a content type. Every analytics function takes one `AnalyticsFilter`."""

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from fastapi import Query
from sqlalchemy import and_
from sqlalchemy.orm import Session

from heraldo.analytics.models import LatestPostMetrics
from heraldo.core.clock import utcnow, zone
from heraldo.core.errors import InvalidInput
from heraldo.posts.models import ContentType
from heraldo.publishing.platforms import Platform
from heraldo.workspaces import service as workspaces_service

DEFAULT_DAYS = 30
MAX_DAYS = 3 * 366


@dataclass(frozen=True)
class AnalyticsFilter:
    workspace_id: int
    start: datetime  # UTC, inclusive
    end: datetime  # UTC, exclusive
    timezone: str
    platform: str | None = None
    account_id: int | None = None
    content_type: str | None = None

    @property
    def length(self) -> timedelta:
        return self.end - self.start

    def previous(self) -> "AnalyticsFilter":
        """The period of equal length just before this one (for deltas)."""
        return replace(self, start=self.start - self.length, end=self.start)

    def latest_conditions(self):
        """SQL conditions on LatestPostMetrics for this slice (published within the period)."""
        conditions = [
            LatestPostMetrics.workspace_id == self.workspace_id,
            LatestPostMetrics.published_at >= self.start,
            LatestPostMetrics.published_at < self.end,
        ]
        if self.platform:
            conditions.append(LatestPostMetrics.platform == self.platform)
        if self.account_id:
            conditions.append(LatestPostMetrics.account_id == self.account_id)
        if self.content_type:
            conditions.append(LatestPostMetrics.content_type == self.content_type)
        return and_(*conditions)


def period(start: date | None, end: date | None, timezone: str, today: date | None = None) -> tuple[datetime, datetime]:
    """[start 00:00, end+1 00:00) in the workspace's zone, as UTC; the last 30 days when not given."""
    tz = zone(timezone)
    today = today or utcnow().astimezone(tz).date()
    end = end or today
    start = start or end - timedelta(days=DEFAULT_DAYS - 1)
    if start > end:
        raise InvalidInput("start must not be after end", field="start")
    if (end - start).days >= MAX_DAYS:
        raise InvalidInput(f"a period can span at most {MAX_DAYS} days", field="start")
    begin = datetime.combine(start, time(0), tz)
    finish = datetime.combine(end + timedelta(days=1), time(0), tz)
    return begin.astimezone(zone("UTC")), finish.astimezone(zone("UTC"))


def analytics_filter(
    db: Session,
    workspace_id: int,
    start: date | None = None,
    end: date | None = None,
    platform: str | None = None,
    account_id: int | None = None,
    content_type: str | None = None,
) -> AnalyticsFilter:
    workspace = workspaces_service.get_workspace(db=db, workspace_id=workspace_id)
    begin, finish = period(start, end, workspace.timezone)
    return AnalyticsFilter(
        workspace_id=workspace_id,
        start=begin,
        end=finish,
        timezone=workspace.timezone,
        platform=platform,
        account_id=account_id,
        content_type=content_type,
    )


def filter_params(
    start: date | None = Query(None, description="First day (workspace time zone); default 30 days ago"),
    end: date | None = Query(None, description="Last day, inclusive; default today"),
    platform: Platform | None = Query(None),
    account_id: int | None = Query(None),
    content_type: ContentType | None = Query(None),
):
    """Query parameters shared by every analytics endpoint; combine with the principal's workspace."""
    return {
        "start": start,
        "end": end,
        "platform": platform.value if platform else None,
        "account_id": account_id,
        "content_type": content_type.value if content_type else None,
    }
