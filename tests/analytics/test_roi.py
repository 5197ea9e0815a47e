"""ROI: proration by overlap days, values per interaction type, unset values stated as unset, settings API."""

from datetime import UTC, date, datetime

import pytest

from heraldo.analytics import roi
from heraldo.analytics.filters import analytics_filter
from heraldo.core.security.scopes import Scope
from tests.analytics.test_best_times import add_published
from tests.factories import create_account

MAY_1_10 = {"start": "2026-05-01", "end": "2026-05-10"}


def test_prorate_by_overlap_days():
    cost = roi.Cost(date(2026, 4, 16), date(2026, 5, 15), 300.0)  # 30 days, 10 a day
    assert roi.prorate(cost, date(2026, 5, 1), date(2026, 5, 10)) == (10, pytest.approx(100.0))
    assert roi.prorate(cost, date(2026, 5, 10), date(2026, 5, 31)) == (6, pytest.approx(60.0))
    assert roi.prorate(cost, date(2026, 5, 16), date(2026, 5, 31)) == (0, 0.0)
    one_day = roi.Cost(date(2026, 5, 3), date(2026, 5, 3), 7.0)
    assert roi.prorate(one_day, date(2026, 5, 1), date(2026, 5, 10)) == (1, 7.0)


def _dataset(db, tenant):
    account = create_account(db, tenant.id)
    add_published(
        db,
        tenant.id,
        account,
        datetime(2026, 5, 2, 10, tzinfo=UTC),
        likes=30,
        comments=10,
        shares=10,
        impressions=1000,
        clicks=4,
    )
    add_published(
        db, tenant.id, account, datetime(2026, 5, 3, 12, tzinfo=UTC), likes=20, comments=5, shares=5, impressions=200
    )
    add_published(db, tenant.id, account, datetime(2026, 5, 10, 23, 59, tzinfo=UTC), platform="bluesky", likes=10)
    # Outside the period: the day after, and the day before.
    add_published(db, tenant.id, account, datetime(2026, 5, 11, 0, tzinfo=UTC), likes=1000, comments=1000)
    add_published(db, tenant.id, account, datetime(2026, 4, 30, 23, 59, tzinfo=UTC), likes=1000)
    return account


SETTINGS = {
    "interaction_values": {"like": 0.1, "comment": 1.0, "share": 2.0, "click": 0.5},
    "costs": [
        {"start": "2026-04-16", "end": "2026-05-15", "amount": 300.0, "label": "ads"},
        {"start": "2026-05-05", "end": "2026-05-05", "amount": 20.0, "label": "design"},
        {"start": "2026-06-01", "end": "2026-06-30", "amount": 999.0, "label": "later"},
    ],
    "currency": "USD",
}


def test_roi_with_its_inputs(client, db, tenant):
    _dataset(db, tenant)
    put = client.put("/api/analytics/settings/roi", json=SETTINGS, headers=tenant.headers)
    assert put.status_code == 200, put.text
    body = client.get("/api/analytics/roi", params=MAY_1_10, headers=tenant.headers).json()
    counts = {i["type"]: i["count"] for i in body["interactions"]}
    assert counts["like"] == 60 and counts["comment"] == 15 and counts["share"] == 15 and counts["click"] == 4
    assert counts["impression"] == 1200 and counts["save"] == 0
    # 60 x 0.1 + 15 x 1 + 15 x 2 + 4 x 0.5 = 6 + 15 + 30 + 2 = 53.
    assert body["value_generated"] == pytest.approx(53.0)
    assert sorted(body["unset_values"]) == ["impression", "quote", "save", "video_view"]
    unset = next(i for i in body["interactions"] if i["type"] == "save")
    assert unset["value_each"] is None and unset["value"] is None
    # 300 over 30 days, 10 of them in the period: 100; plus the one-day 20; June excluded.
    assert body["cost"] == pytest.approx(120.0)
    assert [(c["label"], c["days_in_period"]) for c in body["costs"]] == [("ads", 10), ("design", 1)]
    assert body["roi"] == pytest.approx((53.0 - 120.0) / 120.0)
    assert body["currency"] == "USD" and body["period"] == {"start": "2026-05-01", "end": "2026-05-10"}


def test_unset_values_are_stated_not_invented(client, db, tenant):
    _dataset(db, tenant)
    body = client.get("/api/analytics/roi", params=MAY_1_10, headers=tenant.headers).json()
    assert body["value_generated"] is None and body["roi"] is None
    assert body["roi_unavailable_reason"] == "no interaction values are set"
    assert sorted(body["unset_values"]) == sorted(roi.INTERACTIONS)
    assert body["cost"] == 0.0 and body["costs"] == []


def test_no_roi_without_costs(db, tenant):
    _dataset(db, tenant)
    roi.update_settings(db=db, workspace_id=tenant.id, interaction_values={"like": 1.0}, costs=[], currency="EUR")
    result = roi.roi(db, analytics_filter(db, tenant.id, start=date(2026, 5, 1), end=date(2026, 5, 10)))
    assert result["value_generated"] == 60.0
    assert result["roi"] is None and result["roi_unavailable_reason"] == "no costs fall in the period"


def test_period_days_follow_the_workspace_zone(client, db, make_tenant):
    tenant = make_tenant("Tokyo", timezone="Asia/Tokyo")
    account = create_account(db, tenant.id)
    # 2026-04-30 16:00 UTC is 2026-05-01 01:00 in Tokyo: inside May 1-10 there.
    add_published(db, tenant.id, account, datetime(2026, 4, 30, 16, tzinfo=UTC), likes=5)
    body = client.get("/api/analytics/roi", params=MAY_1_10, headers=tenant.headers).json()
    assert {i["type"]: i["count"] for i in body["interactions"]}["like"] == 5
    assert body["period"] == {"start": "2026-05-01", "end": "2026-05-10"}


def test_settings_round_trip_and_permissions(client, tenant, make_tenant):
    assert client.get("/api/analytics/settings/roi", headers=tenant.headers).json() == {
        "interaction_values": {},
        "costs": [],
        "currency": "EUR",
    }
    assert client.put("/api/analytics/settings/roi", json=SETTINGS, headers=tenant.headers).status_code == 200
    got = client.get("/api/analytics/settings/roi", headers=tenant.headers).json()
    assert got["interaction_values"] == SETTINGS["interaction_values"]
    assert got["costs"][0] == {"start": "2026-04-16", "end": "2026-05-15", "amount": 300.0, "label": "ads"}
    viewer = make_tenant("Viewer", scopes=[Scope.ANALYTICS_VIEW.value])
    assert client.get("/api/analytics/settings/roi", headers=viewer.headers).status_code == 200
    assert client.put("/api/analytics/settings/roi", json=SETTINGS, headers=viewer.headers).status_code == 403
    # Another workspace's settings are its own.
    assert client.get("/api/analytics/settings/roi", headers=viewer.headers).json()["costs"] == []


@pytest.mark.parametrize(
    "body",
    [
        {"interaction_values": {"retweet": 1.0}},
        {"interaction_values": {"like": -1.0}},
        {"costs": [{"start": "2026-05-10", "end": "2026-05-01", "amount": 1.0}]},
        {"costs": [{"start": "2026-05-01", "end": "2026-05-02", "amount": -5.0}]},
        {"unknown": 1},
    ],
)
def test_invalid_settings_are_refused(client, tenant, body):
    assert client.put("/api/analytics/settings/roi", json=body, headers=tenant.headers).status_code == 422
