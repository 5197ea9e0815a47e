"""GET /analytics: the analytics dashboard page (cards with deltas, charts, best-times heatmap, top posts,
insights), filtered by date range and platform through query parameters and rendered on the server.

The numbers come from the same service functions as /api/analytics/*; the charts' data is embedded in the
page as JSON (Jinja's `tojson`, which escapes <, >, & and ') and drawn by /static/js/analytics.js.
"""

from datetime import date

from fastapi import APIRouter, Depends, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import HTMLResponse
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from heraldo.analytics import best_times, insights, service
from heraldo.analytics.filters import AnalyticsFilter, analytics_filter
from heraldo.analytics.models import LatestPostMetrics
from heraldo.core.db import get_db
from heraldo.core.errors import InvalidInput
from heraldo.core.pagination import PageParams
from heraldo.core.security.scopes import Scope
from heraldo.posts.models import SocialAccount
from heraldo.publishing.platforms import PLATFORM_NAMES, Platform
from heraldo.web.rendering import localtime, render
from heraldo.workspaces.auth import Principal, require_scope

router = APIRouter(include_in_schema=False)

TOP_POSTS = 20
WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
# (key in totals, label, kind): kind decides formatting of the value and of its change.
CARDS = (
    ("posts", "Posts", "count"),
    ("impressions", "Impressions", "count"),
    ("engagements", "Engagements", "count"),
    ("avg_engagement_rate", "Engagement rate", "rate"),
)


def _parse_day(value: str | None, field: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(f"{field} must be a date (YYYY-MM-DD)", field=field) from None


def _percent(rate: float | None, digits: int = 1) -> str:
    return "\u2013" if rate is None else f"{rate * 100:.{digits}f} %"


def _count(value: float | None) -> str:
    return "\u2013" if value is None else f"{value:,.0f}"


def card(key: str, label: str, kind: str, delta: dict) -> dict:
    """A card's shown value and its change against the previous period: arrow direction and wording."""
    current, previous, change = delta["current"], delta["previous"], delta["change"]
    value = _percent(current, 2) if kind == "rate" else _count(current)
    if change is None:
        direction, text = "none", "no data for the previous period" if previous is None else "no data yet"
    elif change == 0:
        direction, text = "flat", "same as the previous period"
    else:
        direction = "up" if change > 0 else "down"
        if kind == "rate":
            text = f"{change * 100:+.2f} pp vs {_percent(previous, 2)}"
        elif delta["change_pct"] is None:
            text = f"{change:+,.0f} vs none before"
        else:
            text = f"{delta['change_pct']:+.1f} % vs {_count(previous)}"
    return {"key": key, "label": label, "value": value, "raw": current, "direction": direction, "delta": text}


def heatmap(grid: best_times.OptimalTimes) -> list[dict]:
    """7 rows (Monday first) x 24 hours; each cell with n, mean, interval, shrunk rate and a colour level."""
    cells = {(c.weekday, c.hour): c for c in grid.cells}
    shrunk = [c.shrunk_rate for c in grid.cells]
    low, high = (min(shrunk), max(shrunk)) if shrunk else (0.0, 0.0)
    rows = []
    for weekday, name in enumerate(WEEKDAY_NAMES):
        hours = []
        for hour in range(24):
            cell = cells.get((weekday, hour))
            if cell is None:
                hours.append({"hour": hour, "posts": 0, "title": f"{name} {hour:02d}:00 \u2013 no posts"})
                continue
            level = 1.0 if high == low else (cell.shrunk_rate - low) / (high - low)
            interval = (
                f"95 % interval {_percent(cell.ci_low, 2)} to {_percent(cell.ci_high, 2)}"
                if cell.ci_low is not None
                else "no interval (one post)"
            )
            hours.append(
                {
                    "hour": hour,
                    "posts": cell.posts,
                    "shrunk_rate": cell.shrunk_rate,
                    "mean_rate": cell.mean_rate,
                    "ci_low": cell.ci_low,
                    "ci_high": cell.ci_high,
                    # 0.12 .. 0.92 opacity of the accent colour: even the weakest measured slot shows.
                    "alpha": round(0.12 + 0.8 * level, 3),
                    "title": f"{name} {hour:02d}:00 \u2013 n = {cell.posts}, "
                    f"shrunk rate {_percent(cell.shrunk_rate, 2)}, mean {_percent(cell.mean_rate, 2)}, {interval}",
                }
            )
        rows.append({"weekday": weekday, "name": name, "hours": hours})
    return rows


def _evidence_value(name: str, value) -> str:
    if isinstance(value, dict):
        return "; ".join(f"{key.replace('_', ' ')} {_evidence_value(key, inner)}" for key, inner in value.items())
    if value is None:
        return "\u2013"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        return f"{value * 100:.2f} %" if "rate" in name or name.startswith("ci_") else f"{value:.4g}"
    return str(value)


def insight_items(found: list[dict]) -> list[dict]:
    """Each insight's text and its evidence as (name, shown value) pairs."""
    return [
        {
            "kind": item["kind"],
            "text": item["text"],
            "evidence": [
                (key.replace("_", " "), _evidence_value(key, value)) for key, value in item["evidence"].items()
            ],
        }
        for item in found
    ]


def _workspace_platforms(db: Session, workspace_id: int, selected: str | None) -> list[dict]:
    found = set(db.scalars(select(SocialAccount.platform).where(SocialAccount.workspace_id == workspace_id)))
    found |= set(
        db.scalars(select(LatestPostMetrics.platform).where(LatestPostMetrics.workspace_id == workspace_id).distinct())
    )
    if selected:
        found.add(selected)
    options = [p for p in Platform if p.value in found]
    return [{"value": p.value, "name": PLATFORM_NAMES[p]} for p in options]


def _has_metrics(db: Session, workspace_id: int) -> bool:
    return bool(
        db.scalar(
            select(func.count()).select_from(LatestPostMetrics).where(LatestPostMetrics.workspace_id == workspace_id)
        )
    )


def page_data(db: Session, f: AnalyticsFilter) -> dict:
    """Everything the page shows for the slice `f`: cards, chart series, heatmap, top posts, insights."""
    summary = service.dashboard(db=db, f=f)
    grid = best_times.optimal_times(db, f)
    top = service.top_posts(
        db=db, f=f, metric="engagements", min_impressions=0, params=PageParams(page=1, per_page=TOP_POSTS)
    )
    series = service.engagement(db=db, f=f)
    return {
        "summary": summary,
        "cards": [card(key, label, kind, summary["deltas"][key]) for key, label, kind in CARDS],
        "heatmap": heatmap(grid),
        "grid": grid,
        "top_posts": top["items"],
        "top_total": top["total"],
        "insights": insight_items(insights.insights(db, f)),
        "charts": {
            "trend": [
                {
                    "day": point["period_start"],
                    "engagements": point["engagements"],
                    "impressions": point["impressions"],
                    "posts": point["posts"],
                }
                for point in series
            ],
            "platforms": [
                {
                    "key": item["key"],
                    "label": PLATFORM_NAMES.get(item["key"], item["key"]),
                    "posts": item["posts"],
                    "engagements": item["engagements"],
                    "impressions": item["impressions"],
                }
                for item in summary["by_platform"]
            ],
            "content_types": [
                {"key": item["key"], "posts": item["posts"], "engagements": item["engagements"]}
                for item in summary["by_content_type"]
            ],
        },
    }


@router.get("/analytics", response_class=HTMLResponse)
def analytics_page(
    request: Request,
    start: str | None = Query(None),
    end: str | None = Query(None),
    platform: str | None = Query(None),
    principal: Principal = Depends(require_scope(Scope.ANALYTICS_VIEW)),
    db: Session = Depends(get_db),
):
    error = None
    chosen = platform if platform in {p.value for p in Platform} else None
    if platform and not chosen:
        error = f"Unknown platform {platform!r}: showing every platform."
    try:
        f = analytics_filter(
            db, principal.workspace_id, _parse_day(start, "start"), _parse_day(end, "end"), platform=chosen
        )
    except InvalidInput as problem:
        error = f"{problem.message}: showing the last 30 days."
        f = analytics_filter(db, principal.workspace_id, platform=chosen)
    has_metrics = _has_metrics(db, principal.workspace_id)
    data = page_data(db, f) if has_metrics else None
    first, last = service.local_days(f)
    context = {
        "filter_start": first,
        "filter_end": last,
        "filter_platform": chosen,
        "platforms": _workspace_platforms(db, principal.workspace_id, chosen),
        "analytics_timezone": f.timezone,
        "error": error,
        "has_metrics": has_metrics,
        "data": data,
        "chart_data": jsonable_encoder(data["charts"]) if data else None,
        "percent": _percent,
        "count": _count,
        "min_posts_for_ranking": best_times.MIN_POSTS_FOR_RANKING,
    }
    if data:
        context["top_posts"] = [
            {**post, "local_time": localtime(post["published_at"], f.timezone, "%Y-%m-%d %H:%M")}
            for post in data["top_posts"]
        ]
    return render(request, "analytics.html", db=db, principal=principal, **context)
