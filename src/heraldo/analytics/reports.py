"""Stored analytics reports: the weekly one (last complete week, Monday to Monday in the workspace's zone)
and custom ones on demand; their Telegram summary and its delivery with retries."""

import dataclasses
import enum
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

import httpx
from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from heraldo.analytics import telegram
from heraldo.analytics.filters import AnalyticsFilter, period
from heraldo.analytics.models import AnalyticsReport, AnalyticsSettings
from heraldo.core.clock import utcnow, zone
from heraldo.core.errors import InvalidInput, NotFound
from heraldo.core.logging import get_logger
from heraldo.core.pagination import PageParams
from heraldo.core.security.crypto import SecretBox
from heraldo.publishing.platforms import PLATFORM_NAMES, Platform
from heraldo.workspaces.models import Workspace

log = get_logger(__name__)

WEEKLY = "weekly"
CUSTOM = "custom"
# The weekly report is built once the workspace's Monday reaches this local hour.
WEEKLY_REPORT_HOUR = 6
MAX_DELIVERY_ATTEMPTS = 5
# Waits after failed attempts 1..4: a minute, then doubling (1, 2, 4, 8 minutes).
FIRST_RETRY_DELAY = timedelta(minutes=1)
# A worker that claimed a delivery holds it this long; a crashed one's claim expires and another retries.
DELIVERY_LEASE = timedelta(minutes=5)
TOP_POSTS = 5
BEST_TIMES = 5


# ---- periods -------------------------------------------------------------------------------------------------


def week_start(moment: datetime, timezone: str) -> datetime:
    """Monday 00:00 (local) of the week containing `moment`, as UTC; DST-correct because the local midnight
    is built in the zone and only then converted."""
    tz = zone(timezone)
    local = moment.astimezone(tz)
    monday = local.date() - timedelta(days=local.weekday())
    return datetime.combine(monday, time(0), tz).astimezone(UTC)


def last_complete_week(now: datetime, timezone: str) -> tuple[datetime, datetime]:
    """[Monday 00:00, next Monday 00:00) of the last week that has fully ended at `now`, as UTC.
    A week across a DST change lasts 167 or 169 hours."""
    tz = zone(timezone)
    end_local = week_start(now, timezone).astimezone(tz)
    start_local = datetime.combine(end_local.date() - timedelta(days=7), time(0), tz)
    return start_local.astimezone(UTC), end_local.astimezone(UTC)


# ---- building ------------------------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """Service results (dataclasses, Pydantic models, dates, decimals) as JSON-ready values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: _plain(getattr(value, field.name)) for field in dataclasses.fields(value)}
    if hasattr(value, "model_dump"):
        return _plain(value.model_dump())
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set):
        return [_plain(item) for item in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, enum.Enum):
        return value.value
    if hasattr(value, "_asdict"):
        return _plain(value._asdict())
    return value


def _report_data(db: Session, f: AnalyticsFilter) -> dict[str, Any]:
    # Imported here: the aggregates live in their own modules and this one only assembles them.
    from heraldo.analytics import best_times as best_times_module
    from heraldo.analytics import service

    top = _plain(service.top_posts(db=db, f=f, params=PageParams(page=1, per_page=TOP_POSTS)))
    return {
        "period": {"start": f.start.isoformat(), "end": f.end.isoformat(), "timezone": f.timezone},
        # Totals, the previous period of equal length (the week before) and the deltas against it.
        "dashboard": _plain(service.dashboard(db=db, f=f)),
        "top_posts": list(top.get("items", []) if isinstance(top, dict) else top or [])[:TOP_POSTS],
        "best_times": _plain(best_times_module.best_times(db, f, BEST_TIMES)),
        "platforms": _plain(service.platforms(db=db, f=f)),
        "content": _plain(service.content(db=db, f=f)),
    }


def _filter(workspace: Workspace, start: datetime, end: datetime) -> AnalyticsFilter:
    return AnalyticsFilter(workspace_id=workspace.id, start=start, end=end, timezone=workspace.timezone)


def _existing(db: Session, workspace_id: int, kind: str, start: datetime) -> AnalyticsReport | None:
    return db.scalar(
        select(AnalyticsReport).where(
            AnalyticsReport.workspace_id == workspace_id,
            AnalyticsReport.kind == kind,
            AnalyticsReport.period_start == start,
        )
    )


def _store(
    db: Session, workspace: Workspace, kind: str, start: datetime, end: datetime, deliver: bool, now: datetime
) -> AnalyticsReport:
    report = AnalyticsReport(
        workspace_id=workspace.id,
        kind=kind,
        period_start=start,
        period_end=end,
        timezone=workspace.timezone,
        data=_report_data(db, _filter(workspace, start, end)),
        created_at=now,
        delivery_status="pending" if deliver else "skipped",
        delivery_attempts=0,
        next_delivery_at=now if deliver else None,
    )
    try:
        # A savepoint: another worker storing the same week first is not an error, its row is the report.
        with db.begin_nested():
            db.add(report)
    except IntegrityError:
        found = _existing(db, workspace.id, kind, start)
        if found is None:
            raise
        return found
    return report


def build_weekly_report(db: Session, workspace_id: int, now: datetime | None = None) -> AnalyticsReport:
    """The report of the last complete week (Monday to Monday in the workspace's zone) at `now`, with
    deltas against the week before; built once, later calls return the stored one."""
    now = now or utcnow()
    workspace = db.get(Workspace, workspace_id)
    if workspace is None:
        raise NotFound("workspace not found")
    start, end = last_complete_week(now, workspace.timezone)
    found = _existing(db, workspace_id, WEEKLY, start)
    if found is not None:
        return found
    return _store(db, workspace, WEEKLY, start, end, deliver=True, now=now)


def build_custom_report(
    db: Session,
    workspace_id: int,
    start: date | None = None,
    end: date | None = None,
    now: datetime | None = None,
    deliver: bool = False,
) -> AnalyticsReport:
    """A report of the days [start, end] (workspace zone; default the last 30 days), built now.
    Rebuilding the same period replaces the stored numbers: a custom report is a fresh look."""
    now = now or utcnow()
    workspace = db.get(Workspace, workspace_id)
    if workspace is None:
        raise NotFound("workspace not found")
    begin, finish = period(start, end, workspace.timezone, today=now.astimezone(zone(workspace.timezone)).date())
    found = _existing(db, workspace_id, CUSTOM, begin)
    if found is None:
        return _store(db, workspace, CUSTOM, begin, finish, deliver=deliver, now=now)
    found.period_end = finish
    found.data = _report_data(db, _filter(workspace, begin, finish))
    found.created_at = now
    if deliver:
        found.delivery_status, found.delivery_attempts, found.delivery_error = "pending", 0, None
        found.next_delivery_at = now
    db.flush()
    return found


def workspaces_due_weekly(db: Session, now: datetime) -> list[Workspace]:
    """Workspaces whose weekly report for the last complete week is due and not built yet: local time is
    past Monday 06:00 (a later day catches up after downtime), reports are enabled, and the workspace
    existed during that week."""
    due = []
    disabled = set(
        db.scalars(select(AnalyticsSettings.workspace_id).where(AnalyticsSettings.weekly_report_enabled.is_(False)))
    )
    for workspace in db.scalars(select(Workspace).order_by(Workspace.id)):
        if workspace.id in disabled:
            continue
        this_monday = week_start(now, workspace.timezone)
        local_monday = this_monday.astimezone(zone(workspace.timezone))
        if now.astimezone(zone(workspace.timezone)) < local_monday + timedelta(hours=WEEKLY_REPORT_HOUR):
            continue
        start, end = last_complete_week(now, workspace.timezone)
        created = getattr(workspace, "created_at", None)
        if created is not None and _aware(created) >= end:
            continue
        if _existing(db, workspace.id, WEEKLY, start) is None:
            due.append(workspace)
    return due


def _aware(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes; they are UTC by the project's rule.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


# ---- reading -------------------------------------------------------------------------------------------------


def get_report(db: Session, *, workspace_id: int, report_id: int) -> AnalyticsReport:
    report = db.get(AnalyticsReport, report_id)
    if report is None or report.workspace_id != workspace_id:
        raise NotFound("report not found")
    return report


def list_query(workspace_id: int):
    return (
        select(AnalyticsReport)
        .where(AnalyticsReport.workspace_id == workspace_id)
        .order_by(AnalyticsReport.period_start.desc(), AnalyticsReport.id.desc())
    )


# ---- summary -------------------------------------------------------------------------------------------------


def headline(data: dict[str, Any]) -> dict[str, Any]:
    """The few numbers a summary shows, from the stored dashboard: this period's value and the change
    against the previous one. The rate is the pooled one (engagements / impressions over the period)."""
    board = data.get("dashboard") or {}
    totals = board.get("totals") or {}
    deltas = board.get("deltas") or {}

    def metric(name: str) -> dict[str, Any]:
        delta = deltas.get(name) or {}
        return {"value": totals.get(name), "change": delta.get("change"), "change_pct": delta.get("change_pct")}

    return {
        "posts": metric("posts"),
        "impressions": metric("impressions"),
        "engagements": metric("engagements"),
        "engagement_rate": metric("pooled_engagement_rate"),
    }


def _count(value: Any) -> str:
    return f"{value:,.0f}" if isinstance(value, int | float) else "n/a"


def _signed(metric: dict[str, Any], percent_points: bool = False) -> str:
    change, percent = metric.get("change"), metric.get("change_pct")
    if not isinstance(change, int | float):
        return ""
    if percent_points:
        return f" ({change * 100:+.2f} pp)"
    if isinstance(percent, int | float):
        return f" ({change:+,.0f}, {percent:+.1f}%)"
    return f" ({change:+,.0f})"


def _rate(value: Any) -> str:
    return f"{value * 100:.2f}%" if isinstance(value, int | float) else "n/a"


def period_label(start: datetime, end: datetime, timezone: str) -> str:
    tz = zone(timezone)
    first = _aware(start).astimezone(tz).date()
    last = _aware(end).astimezone(tz).date() - timedelta(days=1)
    return f"{first:%d %b} to {last:%d %b %Y}"


def top_post_line(data: dict[str, Any]) -> str | None:
    posts = data.get("top_posts") or []
    if not posts or not isinstance(posts[0], dict):
        return None
    post = posts[0]
    text = " ".join(str(post.get("content") or "").split())
    if len(text) > 80:
        text = text[:79] + "…"
    platform = post.get("platform")
    rate = post.get("engagement_rate")
    parts = [f"“{text}”" if text else f"post #{post.get('post_id')}"]
    if platform:
        parts.append(f"on {platform_name(platform)}")
    if isinstance(rate, int | float):
        parts.append(f"({_rate(rate)})")
    return " ".join(parts)


def platform_name(platform: str) -> str:
    try:
        return PLATFORM_NAMES[Platform(platform)]
    except ValueError:
        return platform


WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def best_slot_line(data: dict[str, Any]) -> str | None:
    times = data.get("best_times")
    if not times or not isinstance(times, list) or not isinstance(times[0], dict):
        return None
    slot = times[0]
    weekday, hour = slot.get("weekday"), slot.get("hour")
    if not isinstance(weekday, int) or not isinstance(hour, int):
        return None
    return f"{WEEKDAYS[weekday % 7]} {hour:02d}:00"


def report_url(report: AnalyticsReport, public_url: str | None) -> str | None:
    if not public_url:
        return None
    return f"{public_url.rstrip('/')}/analytics/reports/{report.id}"


def summary_html(report: AnalyticsReport, workspace_name: str, public_url: str | None = None) -> str:
    """The short Telegram summary (parse_mode HTML): every generated piece of text is escaped."""
    e = telegram.escape_html
    numbers = headline(report.data or {})
    title = "Weekly report" if report.kind == WEEKLY else "Analytics report"
    lines = [
        f"<b>{e(title)} · {e(workspace_name)}</b>",
        e(period_label(report.period_start, report.period_end, report.timezone)),
        "",
        f"Posts: {_count(numbers['posts']['value'])}{e(_signed(numbers['posts']))}",
        f"Impressions: {_count(numbers['impressions']['value'])}{e(_signed(numbers['impressions']))}",
        f"Engagement rate: {_rate(numbers['engagement_rate']['value'])}"
        f"{e(_signed(numbers['engagement_rate'], percent_points=True))}",
    ]
    top = top_post_line(report.data or {})
    if top:
        lines.append(f"Top post: {e(top)}")
    slot = best_slot_line(report.data or {})
    if slot:
        lines.append(f"Best slot: {e(slot)}")
    url = report_url(report, public_url)
    if url:
        lines += ["", f'<a href="{telegram.escape_attribute(url)}">Full report</a>']
    text = "\n".join(lines)
    return text if len(text) <= telegram.MAX_MESSAGE_LENGTH else text[: telegram.MAX_MESSAGE_LENGTH - 1] + "…"


# ---- Telegram settings ---------------------------------------------------------------------------------------


def set_telegram(db: Session, *, box: SecretBox, workspace_id: int, chat_id: str, bot_token: str) -> AnalyticsSettings:
    """Store where reports go; the bot token only encrypted, and never returned."""
    chat_id, bot_token = chat_id.strip(), bot_token.strip()
    if not chat_id:
        raise InvalidInput("chat_id must not be empty", field="chat_id")
    if not bot_token:
        raise InvalidInput("bot_token must not be empty", field="bot_token")
    row = db.get(AnalyticsSettings, workspace_id)
    if row is None:
        row = AnalyticsSettings(workspace_id=workspace_id)
        db.add(row)
    row.telegram_chat_id = chat_id
    row.telegram_bot_token_encrypted = box.encrypt(bot_token)
    db.flush()
    return row


# ---- delivery ------------------------------------------------------------------------------------------------


def retry_delay(attempts: int) -> timedelta:
    return FIRST_RETRY_DELAY * (2 ** max(0, attempts - 1))


def _claim(db: Session, report: AnalyticsReport, now: datetime) -> bool:
    """Compare-and-set on next_delivery_at: only one worker moves it forward and sends."""
    result = db.execute(
        update(AnalyticsReport)
        .where(
            AnalyticsReport.id == report.id,
            AnalyticsReport.delivery_status == "pending",
            AnalyticsReport.next_delivery_at == report.next_delivery_at
            if report.next_delivery_at is not None
            else AnalyticsReport.next_delivery_at.is_(None),
        )
        .values(next_delivery_at=now + DELIVERY_LEASE)
        .execution_options(synchronize_session=False)
    )
    db.commit()
    return result.rowcount == 1


def deliver_report(
    db: Session,
    report: AnalyticsReport,
    *,
    http: httpx.Client,
    box: SecretBox,
    public_url: str | None = None,
    base_url: str | None = None,
    now: datetime | None = None,
) -> AnalyticsReport:
    """Send one report's summary to the workspace's Telegram chat and record the outcome: sent; skipped
    when no chat is configured; a retry later (backoff, or Telegram's retry_after); failed when the error
    is permanent or after MAX_DELIVERY_ATTEMPTS attempts."""
    now = now or utcnow()
    config = db.get(AnalyticsSettings, report.workspace_id)
    if config is None or not config.telegram_chat_id or not config.telegram_bot_token_encrypted:
        report.delivery_status, report.next_delivery_at = "skipped", None
        report.delivery_error = "no Telegram chat is configured for this workspace"
        db.commit()
        return report
    workspace = db.get(Workspace, report.workspace_id)
    report.delivery_attempts += 1
    try:
        token = box.decrypt(config.telegram_bot_token_encrypted)
        telegram.send_message(
            http, base_url, token, config.telegram_chat_id, summary_html(report, workspace.name, public_url)
        )
    except ValueError as exc:  # the secret key changed: nothing a retry fixes
        _failed(report, str(exc))
    except telegram.TelegramError as exc:
        if exc.permanent or report.delivery_attempts >= MAX_DELIVERY_ATTEMPTS:
            _failed(report, exc.message)
        else:
            wait = timedelta(seconds=exc.retry_after) if exc.retry_after is not None else None
            report.delivery_error = exc.message
            report.next_delivery_at = now + (wait or retry_delay(report.delivery_attempts))
        log.warning(
            "report delivery failed",
            report_id=report.id,
            attempt=report.delivery_attempts,
            status=report.delivery_status,
            error=exc.message,
        )
    else:
        report.delivery_status, report.delivered_at = "sent", now
        report.delivery_error, report.next_delivery_at = None, None
    db.commit()
    return report


def _failed(report: AnalyticsReport, message: str) -> None:
    report.delivery_status, report.delivery_error, report.next_delivery_at = "failed", message, None


def deliver_due_reports(
    db: Session,
    *,
    http: httpx.Client,
    box: SecretBox,
    public_url: str | None = None,
    base_url: str | None = None,
    now: datetime | None = None,
    limit: int = 100,
) -> int:
    """Deliver every pending report whose time has come; returns how many were attempted."""
    now = now or utcnow()
    due = db.scalars(
        select(AnalyticsReport)
        .where(
            AnalyticsReport.delivery_status == "pending",
            or_(AnalyticsReport.next_delivery_at.is_(None), AnalyticsReport.next_delivery_at <= now),
        )
        .order_by(AnalyticsReport.next_delivery_at, AnalyticsReport.id)
        .limit(limit)
    ).all()
    attempted = 0
    for report in due:
        if not _claim(db, report, now):
            continue
        db.refresh(report)
        deliver_report(db, report, http=http, box=box, public_url=public_url, base_url=base_url, now=now)
        attempted += 1
    return attempted
