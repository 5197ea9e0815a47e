"""/api/analytics/*: scope, workspace from the principal, 422s naming the field, CSV export parse-back."""

import csv
import io

import pytest

from tests.analytics.test_service_aggregates import add_published, at, build_may_dataset

PERIOD = {"start": "2026-05-01", "end": "2026-05-10"}


@pytest.fixture
def may(db, make_tenant):
    tenant, other = make_tenant("Acme"), make_tenant("Other")
    return {"tenant": tenant, "other": other, **build_may_dataset(db, tenant, other)}


def test_dashboard_and_workspace_from_the_key(client, may):
    body = client.get("/api/analytics/dashboard", params=PERIOD, headers=may["tenant"].headers).json()
    assert (body["totals"]["posts"], body["totals"]["engagements"], body["totals"]["impressions"]) == (4, 110, 1250)
    assert body["totals"]["pooled_engagement_rate"] == pytest.approx(0.08)
    assert body["deltas"]["engagements"]["change_pct"] == 450.0
    assert body["pending_inbox"] == 0
    assert body["period"] == {"start": "2026-05-01", "end": "2026-05-10", "timezone": "UTC"}
    theirs = client.get("/api/analytics/dashboard", params=PERIOD, headers=may["other"].headers).json()
    assert theirs["totals"]["engagements"] == 5000


def test_every_endpoint_answers(client, may):
    headers = may["tenant"].headers
    assert [p["platform"] for p in client.get("/api/analytics/platforms", params=PERIOD, headers=headers).json()] == [
        "x",
        "bluesky",
    ]
    content = client.get("/api/analytics/content", params=PERIOD, headers=headers).json()
    assert {c["content_type"]: c["engagements"] for c in content} == {"text": 70, "image": 30, "video": 10}
    engagement = client.get("/api/analytics/engagement", params=PERIOD, headers=headers).json()
    assert len(engagement) == 10 and sum(p["engagements"] for p in engagement) == 110
    trends = client.get(
        "/api/analytics/trends", params={**PERIOD, "metric": "likes", "interval": "week"}, headers=headers
    ).json()
    assert sum(p["value"] for p in trends["series"]) == 80
    top = client.get("/api/analytics/top-posts", params=PERIOD, headers=headers).json()
    rows = may["rows"]
    assert [p["target_id"] for p in top["items"]] == [rows["B"].target_id, rows["A"].target_id]
    top_any = client.get(
        "/api/analytics/top-posts", params={**PERIOD, "min_impressions": 0, "per_page": 1}, headers=headers
    ).json()
    assert (top_any["items"][0]["target_id"], top_any["total"]) == (rows["C"].target_id, 3)
    tags = client.get("/api/analytics/hashtags", params=PERIOD, headers=headers).json()
    assert [t["hashtag"] for t in tags["items"]] == ["sale", "launch"]
    growth = client.get("/api/analytics/growth", params=PERIOD, headers=headers).json()
    assert growth == {"accounts": [], "net_change": 0}
    only_x = client.get("/api/analytics/dashboard", params={**PERIOD, "platform": "x"}, headers=headers).json()
    assert only_x["totals"]["engagements"] == 80


def test_bad_parameters_are_422_naming_the_field(client, tenant):
    answer = client.get(
        "/api/analytics/dashboard", params={"start": "2026-05-10", "end": "2026-05-01"}, headers=tenant.headers
    )
    assert answer.status_code == 422 and answer.json()["field"] == "start"
    for path in ("/api/analytics/trends", "/api/analytics/top-posts"):
        answer = client.get(path, params={"metric": "vibes"}, headers=tenant.headers)
        assert answer.status_code == 422
        assert [error["field"] for error in answer.json()["detail"]] == ["metric"]
    answer = client.get("/api/analytics/export", params={"kind": "secrets"}, headers=tenant.headers)
    assert answer.status_code == 422 and answer.json()["detail"][0]["field"] == "kind"


def test_needs_analytics_view_scope(client, make_tenant):
    writer = make_tenant("Writers", scopes=["posts:write"])
    assert client.get("/api/analytics/dashboard", headers=writer.headers).status_code == 403
    assert client.get("/api/analytics/dashboard").status_code == 401


def test_export_posts_csv_parses_back(client, db, may):
    tenant = may["tenant"]
    tricky = 'He said "hi",\nthen left'
    row = add_published(
        db,
        tenant.id,
        may["account"],
        at("2026-05-04T09:00:00"),
        impressions=10,
        engagements=1,
        likes=1,
        rate=0.1,
        content=tricky,
    )
    formula = add_published(
        db, tenant.id, may["account"], at("2026-05-04T10:00:00"), engagements=0, content="=HYPERLINK(1)"
    )
    answer = client.get("/api/analytics/export", params={**PERIOD, "kind": "posts"}, headers=tenant.headers)
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/csv")
    assert 'filename="heraldo-posts-2026-05-01-to-2026-05-10.csv"' in answer.headers["content-disposition"]
    records = list(csv.DictReader(io.StringIO(answer.text, newline="")))
    # A, B, C, D, and the two above; never E (previous period), F (after) or G (other workspace).
    assert len(records) == 6
    by_target = {int(r["target_id"]): r for r in records}
    assert by_target[row.target_id]["content"] == tricky
    assert by_target[formula.target_id]["content"] == "'=HYPERLINK(1)"
    a = by_target[may["rows"]["A"].target_id]
    assert (a["platform"], a["impressions"], a["engagements"], a["likes"], a["account_handle"]) == (
        "x",
        "1000",
        "50",
        "30",
        "acme",
    )
    assert float(a["engagement_rate"]) == pytest.approx(0.05)
    assert by_target[may["rows"]["D"].target_id]["impressions"] == ""
    assert may["rows"]["G"].target_id not in by_target


def test_export_aggregates_csv(client, may):
    headers = may["tenant"].headers
    answer = client.get("/api/analytics/export", params={**PERIOD, "kind": "platforms"}, headers=headers)
    records = list(csv.DictReader(io.StringIO(answer.text, newline="")))
    assert [(r["platform"], r["posts"], r["engagements"]) for r in records] == [
        ("x", "2", "80"),
        ("bluesky", "2", "30"),
    ]
    assert float(records[0]["pooled_engagement_rate"]) == pytest.approx(80 / 1200)
    trends = client.get(
        "/api/analytics/export", params={**PERIOD, "kind": "trends", "metric": "impressions"}, headers=headers
    )
    lines = list(csv.reader(io.StringIO(trends.text, newline="")))
    assert lines[0][:2] == ["period_start", "impressions"]
    assert len(lines) == 11 and sum(int(line[1]) for line in lines[1:]) == 1250
    for kind in ("content", "engagement", "hashtags", "growth"):
        answer = client.get("/api/analytics/export", params={**PERIOD, "kind": kind}, headers=headers)
        assert answer.status_code == 200 and answer.text.count("\r\n") >= 1
