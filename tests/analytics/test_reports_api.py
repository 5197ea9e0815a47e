"""Reports API and the printable report page; Telegram settings are write-only. SQLite and PostgreSQL."""

from datetime import UTC, datetime

import pytest

from heraldo.analytics import reports
from heraldo.analytics.models import AnalyticsReport, AnalyticsSettings
from heraldo.core.security.crypto import SecretBox
from heraldo.core.security.scopes import Scope
from tests.factories import TEST_SECRET

TOKEN = "555000111:AAE-secret-bot-token_xyz"


def _stored(db, tenant, day: int, **data) -> AnalyticsReport:
    report = AnalyticsReport(
        workspace_id=tenant.id,
        kind="weekly",
        period_start=datetime(2026, 3, day, tzinfo=UTC),
        period_end=datetime(2026, 3, day + 7, tzinfo=UTC),
        timezone="UTC",
        data=data,
        delivery_status="sent",
    )
    db.add(report)
    db.commit()
    return report


DASHBOARD = {
    "totals": {"posts": 4, "impressions": 12345, "engagements": 600, "pooled_engagement_rate": 0.0486},
    "deltas": {
        "posts": {"change": 2, "change_pct": 100.0},
        "impressions": {"change": -55, "change_pct": -0.4},
        "engagements": {"change": 10, "change_pct": 1.7},
        "pooled_engagement_rate": {"change": 0.0012, "change_pct": 2.5},
    },
}


def test_list_is_paginated_newest_first_and_scoped_to_the_workspace(client, db, tenant, make_tenant):
    other = make_tenant("Other")
    for day in (2, 9, 16):
        _stored(db, tenant, day)
    _stored(db, other, 9)
    body = client.get("/api/analytics/reports?per_page=2", headers=tenant.headers).json()
    assert (body["total"], body["pages"], body["page"]) == (3, 2, 1)
    assert [item["period_start"][:10] for item in body["items"]] == ["2026-03-16", "2026-03-09"]
    assert body["items"][0]["html_url"] == f"/analytics/reports/{body['items'][0]['id']}"
    assert "data" not in body["items"][0]
    second = client.get("/api/analytics/reports?per_page=2&page=2", headers=tenant.headers).json()
    assert [item["period_start"][:10] for item in second["items"]] == ["2026-03-02"]


def test_get_report_returns_its_data_and_404s_for_others(client, db, tenant, make_tenant):
    report = _stored(db, tenant, 2, dashboard=DASHBOARD)
    body = client.get(f"/api/analytics/reports/{report.id}", headers=tenant.headers).json()
    assert body["data"]["dashboard"]["totals"]["posts"] == 4
    assert body["delivery_status"] == "sent"
    other = make_tenant("Other")
    assert client.get(f"/api/analytics/reports/{report.id}", headers=other.headers).status_code == 404
    assert client.get("/api/analytics/reports/999999", headers=tenant.headers).status_code == 404


def test_generate_builds_a_custom_report_for_the_given_days(client, db, make_tenant):
    tenant = make_tenant("Madrid", timezone="Europe/Madrid")
    response = client.post(
        "/api/analytics/reports/generate", json={"start": "2026-03-23", "end": "2026-03-29"}, headers=tenant.headers
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["kind"] == "custom"
    assert body["delivery_status"] == "skipped"
    # 23 March 00:00 CET to 30 March 00:00 CEST.
    assert body["period_start"].startswith("2026-03-22T23:00:00")
    assert body["period_end"].startswith("2026-03-29T22:00:00")
    assert body["data"]["dashboard"]["totals"]["posts"] == 0
    assert body["data"]["top_posts"] == []
    # The same days again: refreshed, not duplicated.
    again = client.post(
        "/api/analytics/reports/generate", json={"start": "2026-03-23", "end": "2026-03-29"}, headers=tenant.headers
    )
    assert again.json()["id"] == body["id"]
    assert client.get("/api/analytics/reports", headers=tenant.headers).json()["total"] == 1


def test_generate_rejects_a_reversed_period(client, tenant):
    response = client.post(
        "/api/analytics/reports/generate", json={"start": "2026-03-29", "end": "2026-03-01"}, headers=tenant.headers
    )
    assert response.status_code == 422
    assert response.json()["field"] == "start"


def test_generate_with_defaults_covers_the_last_30_days(client, tenant):
    response = client.post("/api/analytics/reports/generate", json={}, headers=tenant.headers)
    assert response.status_code == 201
    body = response.json()
    start = datetime.fromisoformat(body["period_start"])
    end = datetime.fromisoformat(body["period_end"])
    assert (end - start).days == 30


def test_reports_need_analytics_view(client, make_tenant):
    tenant = make_tenant("Writers", scopes=[Scope.POSTS_READ.value])
    assert client.get("/api/analytics/reports", headers=tenant.headers).status_code == 403
    assert client.post("/api/analytics/reports/generate", json={}, headers=tenant.headers).status_code == 403


def test_telegram_settings_are_write_only_and_encrypted(client, db, tenant):
    response = client.put(
        "/api/analytics/settings/telegram",
        json={"chat_id": "-1001234567890", "bot_token": TOKEN},
        headers=tenant.headers,
    )
    assert response.status_code == 200, response.text
    assert response.json() == {"chat_id": "-1001234567890", "bot_token_set": True, "weekly_report_enabled": True}
    assert TOKEN not in response.text
    row = db.get(AnalyticsSettings, tenant.id)
    assert TOKEN not in row.telegram_bot_token_encrypted
    assert SecretBox(TEST_SECRET).decrypt(row.telegram_bot_token_encrypted) == TOKEN


def test_telegram_settings_need_admin(client, db, make_tenant):
    analyst = make_tenant("Analysts", scopes=[Scope.ANALYTICS_VIEW.value])
    response = client.put(
        "/api/analytics/settings/telegram", json={"chat_id": "1", "bot_token": TOKEN}, headers=analyst.headers
    )
    assert response.status_code == 403
    assert db.get(AnalyticsSettings, analyst.id) is None


def test_telegram_settings_reject_blank_values(client, tenant):
    response = client.put(
        "/api/analytics/settings/telegram", json={"chat_id": " ", "bot_token": TOKEN}, headers=tenant.headers
    )
    assert response.status_code == 422
    assert response.json()["field"] == "chat_id"


# ---- the HTML page -----------------------------------------------------------------------------------------------


def test_report_page_is_readable_and_printable(client, db, tenant):
    report = _stored(
        db,
        tenant,
        2,
        dashboard=DASHBOARD,
        top_posts=[
            {
                "content": "Launch <day> & party",
                "platform": "x",
                "account_handle": "acme",
                "impressions": 9000,
                "engagements": 450,
                "engagement_rate": 0.05,
            }
        ],
        best_times=[
            {
                "weekday": 2,
                "hour": 18,
                "posts": 25,
                "mean_rate": 0.06,
                "ci_low": 0.04,
                "ci_high": 0.08,
                "shrunk_rate": 0.055,
            }
        ],
        platforms=[
            {
                "platform": "bluesky",
                "posts": 4,
                "impressions": 12345,
                "engagements": 600,
                "pooled_engagement_rate": 0.0486,
            }
        ],
        content=[],
    )
    response = client.get(f"/analytics/reports/{report.id}", headers=tenant.headers)
    assert response.status_code == 200
    html = response.text
    assert "@media print" in html
    assert "12,345" in html and "4.86%" in html and "+2, (+100.0%)" not in html
    assert "+2 (+100.0%)" in html
    assert "+0.12 pp" in html
    assert "Launch &lt;day&gt; &amp; party" in html  # escaped by Jinja
    assert "Wednesday 18:00" in html
    assert "Bluesky" in html
    assert "Nothing published in this period." in html  # the empty content breakdown
    assert 'data-testid="demo-banner"' not in html


def test_report_page_of_a_demo_workspace_says_so(client, db, tenant):
    tenant.workspace.is_demo = True
    db.commit()
    report = _stored(db, tenant, 2)
    html = client.get(f"/analytics/reports/{report.id}", headers=tenant.headers).text
    assert 'data-testid="demo-banner"' in html
    assert "n/a" in html  # an empty report renders


@pytest.mark.parametrize("scopes", [[Scope.POSTS_READ.value]])
def test_report_page_needs_analytics_view_and_the_right_workspace(client, db, tenant, make_tenant, scopes):
    report = _stored(db, tenant, 2)
    reader = make_tenant("Readers", scopes=scopes)
    assert client.get(f"/analytics/reports/{report.id}", headers=reader.headers).status_code == 403
    other = make_tenant("Other")
    assert client.get(f"/analytics/reports/{report.id}", headers=other.headers).status_code == 404


def test_summary_of_a_stored_report_matches_its_page_numbers(db, tenant):
    report = _stored(db, tenant, 2, dashboard=DASHBOARD)
    text = reports.summary_html(report, tenant.workspace.name)
    assert "Posts: 4 (+2, +100.0%)" in text
    assert "Impressions: 12,345 (-55, -0.4%)" in text
    assert "Engagement rate: 4.86% (+0.12 pp)" in text
