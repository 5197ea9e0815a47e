"""CSV exports of posts with their metrics and of every aggregate, written row by row for streaming."""

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy.orm import Session

from heraldo.analytics import service
from heraldo.analytics.filters import AnalyticsFilter
from heraldo.core.pagination import MAX_PER_PAGE, PageParams

# Characters that make a spreadsheet read a cell as a formula (CSV injection); such text cells get a "'".
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
AGGREGATE_COLUMNS = ["posts", *service.TOTAL_FIELDS, *service.RATE_FIELDS]


class ExportKind(StrEnum):
    POSTS = "posts"
    PLATFORMS = "platforms"
    CONTENT = "content"
    TRENDS = "trends"
    ENGAGEMENT = "engagement"
    HASHTAGS = "hashtags"
    GROWTH = "growth"


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_lines(header: list[str], rows: Iterable[Iterable]) -> Iterator[str]:
    """The header line, then one CSV line per row (RFC 4180 quoting by the csv module)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    yield buffer.getvalue()
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([_cell(value) for value in row])
        yield buffer.getvalue()


POST_COLUMNS = [
    "target_id",
    "post_id",
    "account_id",
    "account_handle",
    "platform",
    "content_type",
    "published_at",
    "content",
    *service.TOTAL_FIELDS,
    "engagement_rate",
]


def _post_rows(db: Session, f: AnalyticsFilter) -> Iterator[list]:
    # Every published target in the period, newest counters first; no impressions guard in an export.
    params = PageParams(page=1, per_page=MAX_PER_PAGE * 10)
    query = service.top_posts_query(f, metric="engagements", min_impressions=0)
    # Oldest first and a stable order, so consecutive pages neither skip nor repeat rows.
    query = query.order_by(None).order_by(service.M.published_at, service.M.target_id)
    while True:
        rows = db.execute(query.limit(params.per_page).offset(params.offset)).mappings().all()
        for row in rows:
            yield [row[name] for name in POST_COLUMNS]
        if len(rows) < params.per_page:
            return
        params = PageParams(page=params.page + 1, per_page=params.per_page)


def _aggregate_rows(items: list[dict], key: str) -> list[list]:
    return [[item[key], *(item[name] for name in AGGREGATE_COLUMNS)] for item in items]


def export(
    *, db: Session, f: AnalyticsFilter, kind: str, metric: str = "engagements", interval: str = "day"
) -> tuple[list[str], Iterable[Iterable]]:
    """(header, rows) of the CSV for `kind`. Aggregates are computed up front (they are small); posts are
    read page by page as the rows are written."""
    kind = ExportKind(kind)
    if kind == ExportKind.POSTS:
        return POST_COLUMNS, _post_rows(db, f)
    if kind == ExportKind.PLATFORMS:
        return ["platform", *AGGREGATE_COLUMNS], _aggregate_rows(service.platforms(db=db, f=f), "platform")
    if kind == ExportKind.CONTENT:
        return ["content_type", *AGGREGATE_COLUMNS], _aggregate_rows(service.content(db=db, f=f), "content_type")
    if kind == ExportKind.ENGAGEMENT:
        return ["day", *AGGREGATE_COLUMNS], _aggregate_rows(service.engagement(db=db, f=f), "period_start")
    if kind == ExportKind.TRENDS:
        result = service.trends(db=db, f=f, metric=metric, interval=interval)
        rows = [[b["period_start"], b["value"], *(b[name] for name in AGGREGATE_COLUMNS)] for b in result["series"]]
        return ["period_start", result["metric"], *AGGREGATE_COLUMNS], rows
    if kind == ExportKind.HASHTAGS:
        page = service.hashtags(db=db, f=f, params=PageParams(page=1, per_page=100_000))
        return ["hashtag", *AGGREGATE_COLUMNS], _aggregate_rows(page["items"], "hashtag")
    result = service.growth(db=db, f=f)
    rows = [
        [
            account["account_id"],
            account["handle"],
            account["platform"],
            point["day"],
            point["followers"],
            point["change"],
        ]
        for account in result["accounts"]
        for point in account["series"]
    ]
    return ["account_id", "handle", "platform", "day", "followers", "change"], rows


def filename(f: AnalyticsFilter, kind: str) -> str:
    first, last = service.local_days(f)
    return f"heraldo-{kind}-{first.isoformat()}-to-{last.isoformat()}.csv"
