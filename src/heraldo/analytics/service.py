"""Analytics aggregates over LatestPostMetrics (one row per published target) and AccountMetrics.

Every function takes an `AnalyticsFilter` (workspace, UTC period, optional platform / account / content
type) and aggregates in SQL: one or a few grouped queries, never a loop over ORM rows. Python only shapes
the already-aggregated rows (at most one per day, platform, hashtag...).

Two engagement rates are reported side by side, because they answer different questions:
- `avg_engagement_rate`: the mean of each post's own rate (posts without a rate are left out), so every
  post counts once whatever its reach;
- `pooled_engagement_rate`: sum(engagements) / sum(impressions) over the posts that report impressions,
  so big posts weigh more. None when there are no impressions.
"""

from datetime import date, datetime, timedelta
from enum import StrEnum

from sqlalchemy import Date, case, cast, false, func, select, true
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from heraldo.analytics.filters import AnalyticsFilter
from heraldo.analytics.models import COUNT_FIELDS, AccountMetrics, LatestPostMetrics
from heraldo.core.clock import offset_changes, zone
from heraldo.core.errors import InvalidInput
from heraldo.core.pagination import PageParams, make_page
from heraldo.inbox.models import Interaction
from heraldo.posts.models import Post, SocialAccount

M = LatestPostMetrics
# Counters summed in every aggregate, in display order.
TOTAL_FIELDS = ("engagements", *COUNT_FIELDS)
RATE_FIELDS = ("avg_engagement_rate", "pooled_engagement_rate")


class Metric(StrEnum):
    """What a trend or a top-posts ranking can be about."""

    POSTS = "posts"
    ENGAGEMENTS = "engagements"
    ENGAGEMENT_RATE = "engagement_rate"
    POOLED_ENGAGEMENT_RATE = "pooled_engagement_rate"
    LIKES = "likes"
    COMMENTS = "comments"
    SHARES = "shares"
    QUOTES = "quotes"
    SAVES = "saves"
    CLICKS = "clicks"
    IMPRESSIONS = "impressions"
    REACH = "reach"
    VIDEO_VIEWS = "video_views"


class TopPostsMetric(StrEnum):
    """What top posts are ranked by: the per-post rate (with a minimum-impressions guard) or a counter."""

    ENGAGEMENT_RATE = "engagement_rate"
    ENGAGEMENTS = "engagements"
    LIKES = "likes"
    COMMENTS = "comments"
    SHARES = "shares"
    QUOTES = "quotes"
    SAVES = "saves"
    CLICKS = "clicks"
    IMPRESSIONS = "impressions"
    REACH = "reach"
    VIDEO_VIEWS = "video_views"


class Interval(StrEnum):
    DAY = "day"
    WEEK = "week"


DEFAULT_MIN_IMPRESSIONS = 100


def _metric(value: str, kind: type[StrEnum]) -> StrEnum:
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(m.value for m in kind)
        raise InvalidInput(f"unknown metric {value!r}; use one of: {allowed}", field="metric") from None


# ---- shared SQL pieces ----------------------------------------------------------------------------


def _aggregate_columns() -> list[ColumnElement]:
    """posts, every counter summed, and both engagement rates, as labelled SQL expressions."""
    with_impressions = M.impressions > 0
    pooled_engagements = func.sum(case((with_impressions, M.engagements), else_=0))
    pooled_impressions = func.sum(case((with_impressions, M.impressions), else_=0))
    columns = [func.count().label("posts")]
    columns += [func.coalesce(func.sum(getattr(M, name)), 0).label(name) for name in TOTAL_FIELDS]
    columns.append(func.avg(M.engagement_rate).label("avg_engagement_rate"))
    # NULLIF keeps a period without impressions at NULL instead of a division by zero.
    columns.append(
        (cast(pooled_engagements, M.engagement_rate.type) / func.nullif(pooled_impressions, 0)).label(
            "pooled_engagement_rate"
        )
    )
    return columns


def _totals_from(row) -> dict:
    data = {"posts": int(row.posts or 0)}
    for name in TOTAL_FIELDS:
        data[name] = int(getattr(row, name) or 0)
    for name in RATE_FIELDS:
        value = getattr(row, name)
        data[name] = float(value) if value is not None else None
    return data


def _totals(db: Session, f: AnalyticsFilter) -> dict:
    return _totals_from(db.execute(select(*_aggregate_columns()).where(f.latest_conditions())).one())


def _breakdown(db: Session, f: AnalyticsFilter, column) -> list[dict]:
    """Totals and rates per value of `column` (platform, content type), most engagements first."""
    key = column.label("key")
    rows = db.execute(
        select(key, *_aggregate_columns()).where(f.latest_conditions()).group_by(column).order_by(column)
    ).all()
    items = [{"key": row.key, **_totals_from(row)} for row in rows]
    items.sort(key=lambda item: (-item["engagements"], item["key"]))
    return items


def _delta(current: float | None, previous: float | None) -> dict:
    change = None if current is None or previous is None else current - previous
    percent = None if change is None or not previous else change / previous * 100
    return {"current": current, "previous": previous, "change": change, "change_pct": percent}


# ---- local days (the workspace's time zone) -------------------------------------------------------


def local_day(db: Session, f: AnalyticsFilter, column=M.published_at) -> ColumnElement:
    """SQL: the calendar day of UTC `column` in the workspace's zone, correct across DST changes.

    PostgreSQL converts with AT TIME ZONE. SQLite has no time-zone database, so the offsets valid within the
    period (and the instants they change) are computed here and applied per row through a CASE.
    """
    if db.get_bind().dialect.name == "postgresql":
        return cast(func.timezone(f.timezone, column), Date)
    changes = offset_changes(f.timezone, f.start, f.end)

    def shifted(seconds: int):
        return func.date(column, f"{seconds:+d} seconds")

    if len(changes) == 1:
        return shifted(changes[0][1])
    whens = [(column < changes[i + 1][0], shifted(changes[i][1])) for i in range(len(changes) - 1)]
    return case(*whens, else_=shifted(changes[-1][1]))


def _bucket(db: Session, f: AnalyticsFilter, interval: Interval) -> ColumnElement:
    day = local_day(db, f)
    if interval == Interval.DAY:
        return day
    if db.get_bind().dialect.name == "postgresql":
        return cast(func.date_trunc("week", day), Date)
    # The Monday on or before the day.
    return func.date(day, "-6 days", "weekday 1")


def _as_date(value) -> date:
    return value if isinstance(value, date) and not isinstance(value, datetime) else date.fromisoformat(str(value)[:10])


def local_days(f: AnalyticsFilter) -> tuple[date, date]:
    """First and last (inclusive) day of the period in the workspace's zone."""
    tz = zone(f.timezone)
    return f.start.astimezone(tz).date(), (f.end - timedelta(microseconds=1)).astimezone(tz).date()


def _series_starts(f: AnalyticsFilter, interval: Interval) -> list[date]:
    first, last = local_days(f)
    if interval == Interval.WEEK:
        first -= timedelta(days=first.weekday())
    step = timedelta(days=7 if interval == Interval.WEEK else 1)
    starts = []
    while first <= last:
        starts.append(first)
        first += step
    return starts


def _empty_totals() -> dict:
    return {"posts": 0, **dict.fromkeys(TOTAL_FIELDS, 0), **dict.fromkeys(RATE_FIELDS, None)}


def _series(db: Session, f: AnalyticsFilter, interval: Interval) -> list[dict]:
    """Totals and rates per local day or week, every bucket of the period present (zeros where empty)."""
    bucket = _bucket(db, f, interval).label("bucket")
    rows = db.execute(select(bucket, *_aggregate_columns()).where(f.latest_conditions()).group_by(bucket)).all()
    found = {_as_date(row.bucket): _totals_from(row) for row in rows}
    return [{"period_start": start, **found.get(start, _empty_totals())} for start in _series_starts(f, interval)]


# ---- public functions -----------------------------------------------------------------------------


def dashboard(*, db: Session, f: AnalyticsFilter) -> dict:
    """Totals, both engagement rates, deltas against the previous period of equal length, and breakdowns
    by platform and content type."""
    current = _totals(db, f)
    previous = _totals(db, f.previous())
    first, last = local_days(f)
    return {
        "period": {"start": first, "end": last, "timezone": f.timezone},
        "totals": current,
        "previous_totals": previous,
        "deltas": {name: _delta(current[name], previous[name]) for name in current},
        "by_platform": _breakdown(db, f, M.platform),
        "by_content_type": _breakdown(db, f, M.content_type),
        "pending_inbox": pending_inbox(db=db, f=f),
    }


def pending_inbox(*, db: Session, f: AnalyticsFilter) -> int:
    """Interactions waiting for an answer now (neither responded nor archived), whatever the period."""
    conditions = [
        Interaction.workspace_id == f.workspace_id,
        Interaction.responded == false(),
        Interaction.archived == false(),
    ]
    if f.platform:
        conditions.append(Interaction.platform == f.platform)
    if f.account_id:
        conditions.append(Interaction.account_id == f.account_id)
    return db.scalar(select(func.count()).select_from(Interaction).where(*conditions)) or 0


def engagement(*, db: Session, f: AnalyticsFilter) -> list[dict]:
    """Engagements, impressions and both rates per local day of publication."""
    return _series(db, f, Interval.DAY)


def trends(*, db: Session, f: AnalyticsFilter, metric: str = "engagements", interval: str = "day") -> dict:
    """A daily or weekly series (local days; weeks start on Monday) of `metric`, with all totals per bucket."""
    chosen = _metric(metric, Metric)
    try:
        every = Interval(interval)
    except ValueError:
        raise InvalidInput("interval must be 'day' or 'week'", field="interval") from None
    series = _series(db, f, every)
    name = "avg_engagement_rate" if chosen == Metric.ENGAGEMENT_RATE else chosen.value
    return {
        "metric": chosen.value,
        "interval": every.value,
        "timezone": f.timezone,
        "series": [{**bucket, "value": bucket[name]} for bucket in series],
    }


def platforms(*, db: Session, f: AnalyticsFilter) -> list[dict]:
    """Every platform's totals and rates in the period (platform comparison)."""
    return [{"platform": item.pop("key"), **item} for item in _breakdown(db, f, M.platform)]


def content(*, db: Session, f: AnalyticsFilter) -> list[dict]:
    """Every content type's totals and rates in the period."""
    return [{"content_type": item.pop("key"), **item} for item in _breakdown(db, f, M.content_type)]


def top_posts_query(
    f: AnalyticsFilter, metric: str = "engagement_rate", min_impressions: int = DEFAULT_MIN_IMPRESSIONS
):
    """The ranked select behind top_posts (also used by the CSV export)."""
    chosen = _metric(metric, TopPostsMetric)
    if min_impressions < 0:
        raise InvalidInput("min_impressions must not be negative", field="min_impressions")
    column = getattr(M, chosen.value)
    conditions = [f.latest_conditions(), column.is_not(None)]
    if chosen == TopPostsMetric.ENGAGEMENT_RATE:
        # A post seen by a handful of people can have a 50 % rate; the guard keeps such posts off the top.
        conditions.append(func.coalesce(M.impressions, 0) >= min_impressions)
    return (
        select(
            M.target_id,
            M.post_id,
            M.account_id,
            SocialAccount.handle.label("account_handle"),
            M.platform,
            M.content_type,
            M.published_at,
            Post.content,
            *(getattr(M, name) for name in TOTAL_FIELDS),
            M.engagement_rate,
            column.label("value"),
        )
        .join(Post, Post.id == M.post_id)
        .join(SocialAccount, SocialAccount.id == M.account_id)
        .where(*conditions)
        .order_by(column.desc(), M.published_at.desc(), M.target_id.desc())
    )


def top_posts(
    *,
    db: Session,
    f: AnalyticsFilter,
    metric: str = "engagement_rate",
    min_impressions: int = DEFAULT_MIN_IMPRESSIONS,
    params: PageParams | None = None,
) -> dict:
    """Published targets ranked by `metric` (highest first), a page of them as `{items, total, ...}`.
    When ranking by engagement rate, posts with fewer than `min_impressions` impressions are left out."""
    params = params or PageParams()
    query = top_posts_query(f, metric, min_impressions)
    total = db.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    rows = db.execute(query.limit(params.per_page).offset(params.offset)).mappings().all()
    return make_page([dict(row) for row in rows], total, params)


def _hashtag_values(db: Session):
    """A table-valued function yielding each element of posts.hashtags (a JSON list) as text."""
    if db.get_bind().dialect.name == "postgresql":
        return func.json_array_elements_text(Post.hashtags).table_valued("value").alias("tag")
    return func.json_each(Post.hashtags).table_valued("value").alias("tag")


def hashtags(*, db: Session, f: AnalyticsFilter, params: PageParams | None = None) -> dict:
    """Totals and rates per hashtag (case-insensitive, without '#'), most engagements first, paged."""
    params = params or PageParams()
    tag = _hashtag_values(db)
    name = func.lower(func.ltrim(tag.c.value, "#")).label("hashtag")
    query = (
        select(name, *_aggregate_columns())
        .select_from(M)
        .join(Post, Post.id == M.post_id)
        .join(tag, true())
        .where(f.latest_conditions())
        .group_by(name)
        .order_by(func.coalesce(func.sum(M.engagements), 0).desc(), name)
    )
    total = db.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    rows = db.execute(query.limit(params.per_page).offset(params.offset)).all()
    return make_page([{"hashtag": row.hashtag, **_totals_from(row)} for row in rows], total, params)


def growth(*, db: Session, f: AnalyticsFilter) -> dict:
    """Followers per account per day (AccountMetrics days within the period's local days), each day's change
    against the account's previous recorded day, and the net change per account and overall."""
    first, last = local_days(f)
    previous = func.lag(AccountMetrics.followers).over(
        partition_by=AccountMetrics.account_id, order_by=AccountMetrics.day
    )
    conditions = [AccountMetrics.workspace_id == f.workspace_id, AccountMetrics.day <= last]
    if f.account_id:
        conditions.append(AccountMetrics.account_id == f.account_id)
    if f.platform:
        conditions.append(SocialAccount.platform == f.platform)
    history = (
        select(
            AccountMetrics.account_id,
            SocialAccount.handle,
            SocialAccount.platform,
            AccountMetrics.day,
            AccountMetrics.followers,
            previous.label("previous_followers"),
        )
        .join(SocialAccount, SocialAccount.id == AccountMetrics.account_id)
        .where(*conditions)
        .subquery()
    )
    rows = db.execute(select(history).where(history.c.day >= first).order_by(history.c.account_id, history.c.day)).all()
    accounts: dict[int, dict] = {}
    for row in rows:
        account = accounts.setdefault(
            row.account_id,
            {
                "account_id": row.account_id,
                "handle": row.handle,
                "platform": row.platform,
                "start_followers": row.previous_followers if row.previous_followers is not None else row.followers,
                "end_followers": None,
                "net_change": 0,
                "series": [],
            },
        )
        change = (
            row.followers - row.previous_followers
            if row.followers is not None and row.previous_followers is not None
            else None
        )
        account["series"].append({"day": _as_date(row.day), "followers": row.followers, "change": change})
        if row.followers is not None:
            account["end_followers"] = row.followers
    for account in accounts.values():
        if account["start_followers"] is not None and account["end_followers"] is not None:
            account["net_change"] = account["end_followers"] - account["start_followers"]
    items = list(accounts.values())
    return {"accounts": items, "net_change": sum(a["net_change"] for a in items)}
