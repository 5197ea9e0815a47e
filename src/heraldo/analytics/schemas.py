"""Response models of the analytics API (shapes of analytics.service results)."""

from datetime import date, datetime

from pydantic import BaseModel, Field


class Totals(BaseModel):
    posts: int = Field(description="Published targets (a post sent to two accounts counts twice)")
    engagements: int
    likes: int
    comments: int
    shares: int
    quotes: int
    saves: int
    clicks: int
    impressions: int
    reach: int
    video_views: int
    avg_engagement_rate: float | None = Field(description="Mean of each post's own engagement rate")
    pooled_engagement_rate: float | None = Field(
        description="sum(engagements) / sum(impressions) over the posts that report impressions"
    )


class Delta(BaseModel):
    current: float | None
    previous: float | None
    change: float | None
    change_pct: float | None = Field(description="Percent change; null when the previous value is 0 or missing")


class Period(BaseModel):
    start: date
    end: date
    timezone: str


class BreakdownItem(Totals):
    key: str


class Dashboard(BaseModel):
    period: Period
    totals: Totals
    previous_totals: Totals
    deltas: dict[str, Delta]
    by_platform: list[BreakdownItem]
    by_content_type: list[BreakdownItem]
    pending_inbox: int = Field(description="Inbox items waiting for an answer now (not responded, not archived)")


class SeriesPoint(Totals):
    period_start: date


class TrendPoint(SeriesPoint):
    value: float | None


class Trends(BaseModel):
    metric: str
    interval: str
    timezone: str
    series: list[TrendPoint]


class PlatformStats(Totals):
    platform: str


class ContentStats(Totals):
    content_type: str


class HashtagStats(Totals):
    hashtag: str


class TopPost(BaseModel):
    target_id: int
    post_id: int
    account_id: int
    account_handle: str
    platform: str
    content_type: str
    published_at: datetime
    content: str
    engagements: int
    likes: int | None
    comments: int | None
    shares: int | None
    quotes: int | None
    saves: int | None
    clicks: int | None
    impressions: int | None
    reach: int | None
    video_views: int | None
    engagement_rate: float | None
    value: float | None = Field(description="The value of the metric the list is ranked by")


class GrowthPoint(BaseModel):
    day: date
    followers: int | None
    change: int | None = Field(description="Against the account's previous recorded day")


class AccountGrowth(BaseModel):
    account_id: int
    handle: str
    platform: str
    start_followers: int | None
    end_followers: int | None
    net_change: int
    series: list[GrowthPoint]


class Growth(BaseModel):
    accounts: list[AccountGrowth]
    net_change: int
