"""Weekly reports: the last complete week in the workspace's zone (DST-correct), idempotent building, and
delivery to a respx fake of the Telegram Bot API with retries. Runs on SQLite and PostgreSQL."""

import json
import logging
from datetime import UTC, datetime, timedelta

import httpx
import pytest
import respx
from sqlalchemy import func, select

from heraldo.analytics import reports
from heraldo.analytics.models import AnalyticsReport, LatestPostMetrics
from heraldo.analytics.report_jobs import deliver_reports, weekly_reports
from heraldo.core.security.crypto import SecretBox
from tests.factories import TEST_SECRET, create_account, create_post

MADRID = "Europe/Madrid"
BASE = "https://tg.test"
TOKEN = "987654321:AAF-very_secret-token"
SEND = f"{BASE}/bot{TOKEN}/sendMessage"
CHAT = "-1001234567890"
PUBLIC = "https://heraldo.example"
OK = {"ok": True, "result": {"message_id": 7, "date": 1774900000, "chat": {"id": -1001234567890, "type": "channel"}}}


# ---- periods ---------------------------------------------------------------------------------------------------


def test_spring_forward_week_in_madrid_is_167_hours():
    # DST began Sunday 2026-03-29 02:00 CET -> 03:00 CEST.
    start, end = reports.last_complete_week(datetime(2026, 3, 30, 8, 0, tzinfo=UTC), MADRID)
    assert start == datetime(2026, 3, 22, 23, 0, tzinfo=UTC)  # Monday 23 March 00:00 CET
    assert end == datetime(2026, 3, 29, 22, 0, tzinfo=UTC)  # Monday 30 March 00:00 CEST
    assert end - start == timedelta(hours=167)


def test_fall_back_week_in_madrid_is_169_hours():
    # DST ended Sunday 2026-10-25 03:00 CEST -> 02:00 CET; asked on a Tuesday.
    start, end = reports.last_complete_week(datetime(2026, 10, 27, 12, 0, tzinfo=UTC), MADRID)
    assert start == datetime(2026, 10, 18, 22, 0, tzinfo=UTC)  # Monday 19 October 00:00 CEST
    assert end == datetime(2026, 10, 25, 23, 0, tzinfo=UTC)  # Monday 26 October 00:00 CET
    assert end - start == timedelta(hours=169)


def test_the_week_completes_at_local_monday_midnight_not_utc():
    # Sunday 23:59 in Madrid (21:59 UTC): the week of 23 March is still running.
    start, _ = reports.last_complete_week(datetime(2026, 3, 29, 21, 59, tzinfo=UTC), MADRID)
    assert start == datetime(2026, 3, 15, 23, 0, tzinfo=UTC)
    # Monday 00:00 in Madrid (22:00 UTC Sunday): it has just completed.
    start, end = reports.last_complete_week(datetime(2026, 3, 29, 22, 0, tzinfo=UTC), MADRID)
    assert (start, end) == (datetime(2026, 3, 22, 23, 0, tzinfo=UTC), datetime(2026, 3, 29, 22, 0, tzinfo=UTC))


# ---- data --------------------------------------------------------------------------------------------------------


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def add_published(
    db,
    workspace_id,
    account,
    published_at,
    *,
    platform="x",
    content_type="text",
    impressions,
    engagements,
    rate,
    content="A post",
):
    """A published target with its latest counters inserted directly; the rate is given, never derived."""
    post = create_post(db, workspace_id, [account.id], content=content)
    db.add(
        LatestPostMetrics(
            target_id=post.targets[0].id,
            workspace_id=workspace_id,
            account_id=account.id,
            post_id=post.id,
            platform=platform,
            content_type=content_type,
            published_at=published_at,
            fetched_at=published_at,
            impressions=impressions,
            engagements=engagements,
            engagement_rate=rate,
        )
    )
    db.commit()


@pytest.fixture
def madrid(db, make_tenant):
    tenant = make_tenant("Acme", timezone=MADRID)
    # Existed long before the weeks under test (new workspaces get no report for weeks before they existed).
    tenant.workspace.created_at = datetime(2026, 1, 1, tzinfo=UTC)
    db.commit()
    return tenant


@pytest.fixture
def march_week(db, madrid):
    """Week of Monday 23 March 2026 (Madrid) and the week before it; all numbers hand-checkable.

    in the week:  A x        Tue 24 Mar 10:00 CET  imp 1000 eng 50 rate 0.05  "Spring <sale> & more"
                  B bluesky  Mon 23 Mar 00:30 CET  (Sunday 23:30 UTC)  imp 500 eng 10 rate 0.02
    week before:  C x        Wed 18 Mar            imp  400 eng  8 rate 0.02
    after:        D x        Mon 30 Mar 00:30 CEST (Sunday 22:30 UTC)  imp 9999 eng 999
    Totals: posts 2 (+1, +100 %), impressions 1,500 (+1,100, +275 %), pooled rate 60/1500 = 4 % (+2 pp).
    """
    account = create_account(db, madrid.id, handle="acme")
    add_published(
        db,
        madrid.id,
        account,
        at("2026-03-24T09:00:00"),
        impressions=1000,
        engagements=50,
        rate=0.05,
        content="Spring <sale> & more",
    )
    add_published(
        db,
        madrid.id,
        account,
        at("2026-03-22T23:30:00"),
        platform="bluesky",
        impressions=500,
        engagements=10,
        rate=0.02,
        content="Bluesky hello",
    )
    add_published(db, madrid.id, account, at("2026-03-18T10:00:00"), impressions=400, engagements=8, rate=0.02)
    add_published(db, madrid.id, account, at("2026-03-29T22:30:00"), impressions=9999, engagements=999, rate=0.1)
    return madrid


MONDAY_MORNING = datetime(2026, 3, 30, 7, 0, tzinfo=UTC)  # 09:00 CEST


def test_weekly_report_holds_the_week_and_its_deltas(db, march_week):
    report = reports.build_weekly_report(db, march_week.id, MONDAY_MORNING)
    db.commit()
    assert report.kind == "weekly"
    assert report.timezone == MADRID
    assert reports._aware(report.period_start) == datetime(2026, 3, 22, 23, 0, tzinfo=UTC)
    assert reports._aware(report.period_end) == datetime(2026, 3, 29, 22, 0, tzinfo=UTC)
    totals = report.data["dashboard"]["totals"]
    assert (totals["posts"], totals["impressions"], totals["engagements"]) == (2, 1500, 60)
    assert totals["pooled_engagement_rate"] == pytest.approx(0.04)
    deltas = report.data["dashboard"]["deltas"]
    assert deltas["posts"]["change"] == 1
    assert deltas["impressions"]["change"] == 1100
    assert deltas["pooled_engagement_rate"]["change"] == pytest.approx(0.02)
    assert [p["content"] for p in report.data["top_posts"]] == ["Spring <sale> & more", "Bluesky hello"]
    assert {p["platform"]: p["posts"] for p in report.data["platforms"]} == {"x": 1, "bluesky": 1}
    assert [c["content_type"] for c in report.data["content"]] == ["text"]
    assert report.data["best_times"] == []  # 2 posts are too few to rank slots
    assert report.delivery_status == "pending"
    # JSON-ready: what the API returns is what was stored.
    json.dumps(report.data)


def test_building_twice_returns_the_same_report(db, march_week):
    first = reports.build_weekly_report(db, march_week.id, MONDAY_MORNING)
    db.commit()
    again = reports.build_weekly_report(db, march_week.id, MONDAY_MORNING + timedelta(hours=5))
    db.commit()
    assert again.id == first.id
    assert db.scalar(select(func.count()).select_from(AnalyticsReport)) == 1


def test_weekly_job_waits_for_monday_six_and_is_idempotent(db, march_week, make_tenant, settings):
    other = make_tenant("Tokyo team", timezone="Asia/Tokyo")
    other.workspace.created_at = datetime(2026, 1, 1, tzinfo=UTC)
    db.commit()
    # Monday 05:59 in Madrid (03:59 UTC) is Monday 12:59 in Tokyo: only Tokyo is due.
    assert weekly_reports(db=db, now="2026-03-30T03:59:00+00:00") == 1
    assert weekly_reports(db=db, now="2026-03-30T04:00:00+00:00") == 1  # Madrid 06:00
    for hour in range(5, 9):  # the hourly beat keeps running
        assert weekly_reports(db=db, now=f"2026-03-30T{hour:02d}:00:00+00:00") == 0
    rows = db.scalars(select(AnalyticsReport).order_by(AnalyticsReport.workspace_id)).all()
    assert [(r.workspace_id, r.kind) for r in rows] == [(march_week.id, "weekly"), (other.id, "weekly")]


def test_no_weekly_report_for_a_week_before_the_workspace_existed(db, make_tenant, settings):
    tenant = make_tenant("Newcomer", timezone=MADRID)
    tenant.workspace.created_at = datetime(2026, 3, 31, tzinfo=UTC)
    db.commit()
    assert weekly_reports(db=db, now="2026-03-30T07:00:00+00:00") == 0


# ---- delivery ----------------------------------------------------------------------------------------------------


def _configure(db, tenant):
    reports.set_telegram(db, box=SecretBox(TEST_SECRET), workspace_id=tenant.id, chat_id=CHAT, bot_token=TOKEN)
    db.commit()


def _deliver(db, now):
    with httpx.Client() as http:
        return reports.deliver_due_reports(
            db, http=http, box=SecretBox(TEST_SECRET), public_url=PUBLIC, base_url=BASE, now=now
        )


@respx.mock
def test_the_summary_reaches_telegram_exactly(db, march_week, caplog):
    caplog.set_level(logging.DEBUG)
    _configure(db, march_week)
    report = reports.build_weekly_report(db, march_week.id, MONDAY_MORNING)
    db.commit()
    route = respx.post(SEND).mock(return_value=httpx.Response(200, json=OK))

    assert _deliver(db, MONDAY_MORNING) == 1

    assert route.call_count == 1
    assert json.loads(route.calls.last.request.content) == {
        "chat_id": CHAT,
        "parse_mode": "HTML",
        "text": "<b>Weekly report · Acme</b>\n"
        "23 Mar to 29 Mar 2026\n"
        "\n"
        "Posts: 2 (+1, +100.0%)\n"
        "Impressions: 1,500 (+1,100, +275.0%)\n"
        "Engagement rate: 4.00% (+2.00 pp)\n"
        "Top post: “Spring &lt;sale&gt; &amp; more” on X (5.00%)\n"
        "\n"
        f'<a href="{PUBLIC}/analytics/reports/{report.id}">Full report</a>',
    }
    db.refresh(report)
    assert report.delivery_status == "sent"
    assert reports._aware(report.delivered_at) == MONDAY_MORNING
    assert report.delivery_attempts == 1
    # Sent once: the next tick finds nothing due.
    assert _deliver(db, MONDAY_MORNING + timedelta(minutes=1)) == 0
    assert route.call_count == 1
    assert TOKEN not in caplog.text


def test_summary_shows_the_best_slot_and_no_link_without_public_url():
    report = AnalyticsReport(
        id=3,
        kind="custom",
        period_start=datetime(2026, 5, 1, tzinfo=UTC),
        period_end=datetime(2026, 5, 8, tzinfo=UTC),
        timezone="UTC",
        data={"best_times": [{"weekday": 1, "hour": 9, "posts": 30, "shrunk_rate": 0.05}], "top_posts": []},
    )
    text = reports.summary_html(report, "R&D <team>")
    assert text.splitlines()[0] == "<b>Analytics report · R&amp;D &lt;team&gt;</b>"
    assert "Best slot: Tuesday 09:00" in text
    assert "Posts: n/a" in text
    assert "<a href" not in text


@respx.mock
def test_429_retry_after_is_honoured(db, march_week):
    _configure(db, march_week)
    report = reports.build_weekly_report(db, march_week.id, MONDAY_MORNING)
    db.commit()
    limited = {
        "ok": False,
        "error_code": 429,
        "description": "Too Many Requests: retry after 35",
        "parameters": {"retry_after": 35},
    }
    route = respx.post(SEND).mock(side_effect=[httpx.Response(429, json=limited), httpx.Response(200, json=OK)])

    _deliver(db, MONDAY_MORNING)
    db.refresh(report)
    assert (report.delivery_status, report.delivery_attempts) == ("pending", 1)
    assert reports._aware(report.next_delivery_at) == MONDAY_MORNING + timedelta(seconds=35)
    assert "retry after 35" in report.delivery_error

    assert _deliver(db, MONDAY_MORNING + timedelta(seconds=34)) == 0  # not before Telegram said
    assert route.call_count == 1
    assert _deliver(db, MONDAY_MORNING + timedelta(seconds=35)) == 1
    db.refresh(report)
    assert (report.delivery_status, report.delivery_attempts, report.delivery_error) == ("sent", 2, None)


@respx.mock
def test_server_errors_are_retried_with_backoff_then_failed_after_five(db, march_week):
    _configure(db, march_week)
    report = reports.build_weekly_report(db, march_week.id, MONDAY_MORNING)
    db.commit()
    route = respx.post(SEND).mock(
        side_effect=[
            httpx.Response(502, json={"ok": False, "error_code": 502, "description": "Bad Gateway"}),
            httpx.ConnectTimeout("timed out"),
            httpx.Response(500, json={"ok": False, "error_code": 500, "description": "Internal Server Error"}),
            httpx.Response(502, text="bad gateway"),
            httpx.Response(503, json={"ok": False, "error_code": 503, "description": "Service Unavailable"}),
        ]
    )
    now = MONDAY_MORNING
    waits = []
    for attempt in range(1, 6):
        assert _deliver(db, now) == 1
        db.refresh(report)
        assert report.delivery_attempts == attempt
        if attempt < 5:
            assert report.delivery_status == "pending"
            waits.append(reports._aware(report.next_delivery_at) - now)
            now = reports._aware(report.next_delivery_at)
    assert waits == [timedelta(minutes=1), timedelta(minutes=2), timedelta(minutes=4), timedelta(minutes=8)]
    assert report.delivery_status == "failed"
    assert "503" in report.delivery_error
    assert report.next_delivery_at is None
    assert _deliver(db, now + timedelta(days=1)) == 0
    assert route.call_count == 5


@respx.mock
def test_401_fails_at_once_without_leaking_the_token(db, march_week, caplog, capsys):
    caplog.set_level(logging.DEBUG)
    _configure(db, march_week)
    report = reports.build_weekly_report(db, march_week.id, MONDAY_MORNING)
    db.commit()
    route = respx.post(SEND).mock(
        return_value=httpx.Response(401, json={"ok": False, "error_code": 401, "description": "Unauthorized"})
    )
    _deliver(db, MONDAY_MORNING)
    db.refresh(report)
    assert (report.delivery_status, report.delivery_attempts) == ("failed", 1)
    assert "BotFather" in report.delivery_error
    assert TOKEN not in report.delivery_error
    assert _deliver(db, MONDAY_MORNING + timedelta(hours=1)) == 0
    assert route.call_count == 1
    # structlog may render to stdout (unconfigured) or through logging: check both.
    logged = caplog.text + capsys.readouterr().out
    assert "report delivery failed" in logged
    assert TOKEN not in logged


@respx.mock
def test_a_blocked_bot_fails_with_telegrams_description(db, march_week):
    _configure(db, march_week)
    report = reports.build_weekly_report(db, march_week.id, MONDAY_MORNING)
    db.commit()
    respx.post(SEND).mock(
        return_value=httpx.Response(
            403, json={"ok": False, "error_code": 403, "description": "Forbidden: bot was kicked from the group chat"}
        )
    )
    _deliver(db, MONDAY_MORNING)
    db.refresh(report)
    assert report.delivery_status == "failed"
    assert "bot was kicked from the group chat" in report.delivery_error


@respx.mock
def test_without_telegram_the_delivery_is_skipped(db, march_week):
    report = reports.build_weekly_report(db, march_week.id, MONDAY_MORNING)
    db.commit()
    _deliver(db, MONDAY_MORNING)
    db.refresh(report)
    assert report.delivery_status == "skipped"
    assert report.delivery_attempts == 0
    assert not respx.calls


@respx.mock
def test_the_jobs_build_and_deliver_end_to_end(db, march_week, settings, monkeypatch):
    monkeypatch.setenv("HERALDO_PUBLIC_URL", PUBLIC)
    from heraldo.core.settings import get_settings

    get_settings.cache_clear()
    reports.set_telegram(
        db, box=SecretBox(settings.secret_key), workspace_id=march_week.id, chat_id=CHAT, bot_token=TOKEN
    )
    db.commit()
    route = respx.post(SEND).mock(return_value=httpx.Response(200, json=OK))
    assert weekly_reports(db=db, now=MONDAY_MORNING.isoformat()) == 1
    assert deliver_reports(db=db, base_url=BASE) == 1
    text = json.loads(route.calls.last.request.content)["text"]
    assert "Posts: 2 (+1, +100.0%)" in text
    assert f'href="{PUBLIC}/analytics/reports/' in text
    assert db.scalar(select(AnalyticsReport.delivery_status)) == "sent"
