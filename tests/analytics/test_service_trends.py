"""Local-day bucketing in the workspace's zone across both 2026 DST changes in Europe/Madrid.

Spring: 2026-03-29 02:00 CET (+1) jumps to 03:00 CEST (+2), at 01:00 UTC.
Autumn: 2026-10-25 03:00 CEST (+2) falls back to 02:00 CET (+1), at 01:00 UTC.
Each row below lands on a different local day under a fixed +1 or +2 offset than under the true one.
"""

from datetime import date

import pytest

from heraldo.analytics import service
from heraldo.analytics.filters import analytics_filter
from heraldo.core.clock import offset_changes
from tests.analytics.test_service_aggregates import add_published, at
from tests.factories import create_account


@pytest.fixture
def madrid(db, make_tenant):
    tenant = make_tenant("Madrid", timezone="Europe/Madrid")
    return tenant, create_account(db, tenant.id, handle="madrid")


def by_day(series, name="engagements"):
    return {point["period_start"].isoformat(): point[name] for point in series}


def test_spring_forward_daily_and_weekly(db, madrid):
    tenant, account = madrid
    for moment, engagements in [
        ("2026-03-27T22:59:00", 100),  # 03-27 23:59 CET: before the period
        ("2026-03-27T23:15:00", 1),  # 03-28 00:15 CET
        ("2026-03-28T22:59:00", 2),  # 03-28 23:59 CET (a fixed +2 would say 03-29)
        ("2026-03-28T23:30:00", 4),  # 03-29 00:30 CET
        ("2026-03-29T22:30:00", 8),  # 03-30 00:30 CEST (a fixed +1 would say 03-29)
        ("2026-03-30T22:00:00", 200),  # 03-31 00:00 CEST: after the period
    ]:
        add_published(db, tenant.id, account, at(moment), engagements=engagements, impressions=100)
    f = analytics_filter(db, tenant.id, date(2026, 3, 28), date(2026, 3, 30))
    daily = service.trends(db=db, f=f, metric="engagements")
    assert by_day(daily["series"], "value") == {"2026-03-28": 3, "2026-03-29": 4, "2026-03-30": 8}
    assert by_day(daily["series"], "posts") == {"2026-03-28": 2, "2026-03-29": 1, "2026-03-30": 1}
    weekly = service.trends(db=db, f=f, metric="engagements", interval="week")
    # 03-28 and 03-29 are Saturday and Sunday of the week starting Monday 03-23.
    assert by_day(weekly["series"], "value") == {"2026-03-23": 7, "2026-03-30": 8}


def test_fall_back_daily(db, madrid):
    tenant, account = madrid
    for moment, engagements in [
        ("2026-10-24T22:30:00", 1),  # 10-25 00:30 CEST (a fixed +1 would say 10-24)
        ("2026-10-25T22:45:00", 2),  # 10-25 23:45 CET (a fixed +2 would say 10-26)
        ("2026-10-25T23:30:00", 4),  # 10-26 00:30 CET
    ]:
        add_published(db, tenant.id, account, at(moment), engagements=engagements, impressions=100)
    f = analytics_filter(db, tenant.id, date(2026, 10, 24), date(2026, 10, 26))
    series = service.engagement(db=db, f=f)
    assert by_day(series) == {"2026-10-24": 0, "2026-10-25": 3, "2026-10-26": 4}
    assert by_day(series, "posts") == {"2026-10-24": 0, "2026-10-25": 2, "2026-10-26": 1}


def test_offset_changes_found_to_the_second():
    f_start, f_end = at("2026-03-01T00:00:00"), at("2026-11-01T00:00:00")
    changes = offset_changes("Europe/Madrid", f_start, f_end)
    assert changes == [
        (f_start, 3600),
        (at("2026-03-29T01:00:00"), 7200),
        (at("2026-10-25T01:00:00"), 3600),
    ]
