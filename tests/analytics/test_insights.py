"""Insights: Welch's test against the published SciPy reference cases and SciPy itself; each insight kind on
both databases with hand-computed evidence; nothing when the data does not support a claim."""

import json
import math
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import scipy.stats

from heraldo.analytics import best_times as bt
from heraldo.analytics import insights
from heraldo.analytics.filters import analytics_filter
from tests.analytics.test_best_times import add_published, build_lucky_dataset
from tests.factories import create_account

CASES = Path("/work/shared/data/stats/cases.json")


def from_stats(mean, sd, n):
    return bt.Moments(n, mean * n, (n - 1) * sd * sd + n * mean * mean)


def welch_cases():
    if not CASES.exists():
        return []
    return [c for c in json.loads(CASES.read_text())["cases"] if c["category"] == "ttest_ind_from_stats"]


@pytest.mark.parametrize("case", welch_cases(), ids=lambda c: c["id"])
def test_welch_matches_published_scipy_cases(case):
    i, expected = case["inputs"], case["expected"]
    test = insights.welch_test(
        from_stats(i["mean1"], i["std1"], i["nobs1"]), from_stats(i["mean2"], i["std2"], i["nobs2"])
    )
    statistic = expected["statistic"]
    if statistic == "-inf":
        assert test.statistic == -math.inf
    else:
        assert test.statistic == pytest.approx(statistic, rel=1e-6, abs=1e-9)
    assert test.p_value == pytest.approx(expected["pvalue"], rel=1e-6, abs=1e-12)
    if expected["welch_df_formula"] is not None:
        assert test.df == pytest.approx(expected["welch_df_formula"], rel=1e-9)


def test_welch_matches_scipy_on_samples():
    a = [0.05, 0.07, 0.04, 0.09, 0.06, 0.08]
    b = [0.03, 0.02, 0.05, 0.04, 0.01, 0.03, 0.02, 0.06]
    mine = insights.welch_test(
        bt.Moments(len(a), sum(a), sum(x * x for x in a)), bt.Moments(len(b), sum(b), sum(x * x for x in b))
    )
    ref = scipy.stats.ttest_ind(a, b, equal_var=False)
    assert mine.statistic == pytest.approx(ref.statistic, rel=1e-9)
    assert mine.p_value == pytest.approx(ref.pvalue, rel=1e-9)


def _filter(db, tenant, start=date(2026, 5, 1), end=date(2026, 5, 31)):
    return analytics_filter(db, tenant.id, start=start, end=end)


def _by_kind(items):
    return {item["kind"]: item for item in items}


def test_nothing_for_an_empty_workspace(client, tenant):
    response = client.get("/api/analytics/insights", headers=tenant.headers)
    assert response.status_code == 200
    assert response.json() == {"items": []}


IMAGE = [0.08, 0.10, 0.12, 0.09, 0.11, 0.10]
TEXT = [0.03, 0.02, 0.04, 0.03, 0.05, 0.01, 0.03, 0.04]


def test_best_content_type_with_welch_p(db, tenant):
    account = create_account(db, tenant.id)
    start = datetime(2026, 5, 4, 9, tzinfo=UTC)
    for i, rate in enumerate(IMAGE):
        add_published(db, tenant.id, account, start + timedelta(days=i), content_type="image", rate=rate)
    for i, rate in enumerate(TEXT):
        add_published(db, tenant.id, account, start + timedelta(days=i, hours=3), content_type="text", rate=rate)
    found = _by_kind(insights.insights(db, _filter(db, tenant)))
    item = found["best_content_type"]
    ref = scipy.stats.ttest_ind(IMAGE, TEXT, equal_var=False)
    evidence = item["evidence"]
    assert evidence["content_type"] == "image"
    assert evidence["posts"] == 6 and evidence["other_posts"] == 8
    assert evidence["mean_rate"] == pytest.approx(0.10)
    assert evidence["other_mean_rate"] == pytest.approx(0.03125)
    assert evidence["p_value"] == pytest.approx(ref.pvalue, rel=1e-8)
    assert evidence["t"] == pytest.approx(ref.statistic, rel=1e-8)
    assert item["text"].startswith("Image posts earn 10.0 % engagement vs 3.1 % for other types, 3.2\u00d7")


def test_no_content_type_claim_without_significance(db, tenant):
    account = create_account(db, tenant.id)
    start = datetime(2026, 5, 4, 9, tzinfo=UTC)
    image = [0.01, 0.09, 0.05, 0.02, 0.08]  # mean 0.05
    text = [0.00, 0.08, 0.04, 0.03, 0.06]  # mean 0.042
    assert scipy.stats.ttest_ind(image, text, equal_var=False).pvalue > 0.05
    for i, rate in enumerate(image):
        add_published(db, tenant.id, account, start + timedelta(days=i), content_type="image", rate=rate)
    for i, rate in enumerate(text):
        add_published(db, tenant.id, account, start + timedelta(days=i), content_type="text", rate=rate)
    assert "best_content_type" not in _by_kind(insights.insights(db, _filter(db, tenant)))


def test_underused_platform(db, tenant):
    account = create_account(db, tenant.id)
    start = datetime(2026, 5, 4, 9, tzinfo=UTC)
    x_rates = [0.02, 0.03, 0.04, 0.03, 0.02, 0.03, 0.04, 0.03, 0.02, 0.03, 0.04, 0.03]
    bluesky_rates = [0.07, 0.09, 0.08, 0.06, 0.10]
    for i, rate in enumerate(x_rates):
        add_published(db, tenant.id, account, start + timedelta(days=i), platform="x", rate=rate)
    for i, rate in enumerate(bluesky_rates):
        add_published(db, tenant.id, account, start + timedelta(days=i, hours=2), platform="bluesky", rate=rate)
    item = _by_kind(insights.insights(db, _filter(db, tenant)))["underused_platform"]
    ref = scipy.stats.ttest_ind(bluesky_rates, x_rates, equal_var=False)
    assert item["evidence"]["platform"] == "bluesky" and item["evidence"]["compared_with"] == "x"
    assert item["evidence"]["p_value"] == pytest.approx(ref.pvalue, rel=1e-8)
    assert item["text"].startswith("Bluesky earns 8.0 % engagement vs 3.0 % on X, yet got only 5 of your 17 posts")
    # Filtered to one platform there is nothing to compare.
    one = analytics_filter(db, tenant.id, start=date(2026, 5, 1), end=date(2026, 5, 31), platform="x")
    assert "underused_platform" not in _by_kind(insights.insights(db, one))


def test_declining_metric(db, tenant):
    account = create_account(db, tenant.id)
    # Previous period (April 2026, 30 days before May 1-30): 10 posts at 5 %, 1000 impressions.
    for i in range(10):
        moment = datetime(2026, 4, 5 + i, 9, tzinfo=UTC)
        add_published(db, tenant.id, account, moment, rate=0.05, impressions=1000, engagements=50)
    # Current period: 10 posts at 3 % (-40 %), 900 impressions (-10 %: under the threshold), 27 engagements (-46 %).
    for i in range(10):
        moment = datetime(2026, 5, 5 + i, 9, tzinfo=UTC)
        add_published(db, tenant.id, account, moment, rate=0.03, impressions=900, engagements=27)
    f = _filter(db, tenant, date(2026, 5, 1), date(2026, 5, 30))
    declines = [i for i in insights.insights(db, f) if i["kind"] == "declining_metric"]
    by_metric = {i["evidence"]["metric"]: i for i in declines}
    assert set(by_metric) == {"engagement_rate", "engagements"}
    rate = by_metric["engagement_rate"]
    assert rate["evidence"]["relative_change"] == pytest.approx(-0.4)
    assert rate["text"] == (
        "Your average engagement rate fell 40 % to 3.0 % from 5.0 % in the previous period (10 vs 10 posts)"
    )
    assert by_metric["engagements"]["evidence"]["relative_change"] == pytest.approx(-0.46)


def test_no_decline_claim_with_few_posts(db, tenant):
    account = create_account(db, tenant.id)
    for i in range(insights.MIN_PERIOD_POSTS - 1):
        add_published(db, tenant.id, account, datetime(2026, 4, 5 + i, 9, tzinfo=UTC), rate=0.05)
        add_published(db, tenant.id, account, datetime(2026, 5, 5 + i, 9, tzinfo=UTC), rate=0.01)
    f = _filter(db, tenant, date(2026, 5, 1), date(2026, 5, 30))
    assert [i for i in insights.insights(db, f) if i["kind"] == "declining_metric"] == []


def test_best_slot_insight_through_the_api(client, db, tenant):
    account = create_account(db, tenant.id)
    build_lucky_dataset(db, tenant, account)
    response = client.get(
        "/api/analytics/insights", params={"start": "2026-05-01", "end": "2026-05-31"}, headers=tenant.headers
    )
    assert response.status_code == 200
    item = _by_kind(response.json()["items"])["best_slot"]
    average = 1.2 / 31
    assert item["evidence"]["posts"] == 10
    assert item["evidence"]["average_rate"] == pytest.approx(average)
    assert item["text"] == (
        f"Tuesdays 09:00\u201310:00 earn 5.0 % engagement, {0.05 / average:.1f}\u00d7 your average (10 posts)"
    )
