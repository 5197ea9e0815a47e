"""Best times: t intervals against SciPy/statsmodels, shrinkage on a hand-computed example, DST-correct
bucketing on both databases, the lucky-post guard and the scheduler's use of the ranking."""

from datetime import UTC, date, datetime, timedelta
from fractions import Fraction

import pytest
import scipy.stats
from statsmodels.stats.weightstats import DescrStatsW

from heraldo.analytics import best_times as bt
from heraldo.analytics.filters import analytics_filter
from heraldo.analytics.models import LatestPostMetrics
from heraldo.core.security.scopes import Scope
from heraldo.scheduling import suggestions
from tests.factories import create_account, create_post


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def add_published(
    db, workspace_id, account, published_at, *, platform="x", content_type="text", rate=None, **counts
) -> LatestPostMetrics:
    """A post with one published target and its latest counters; the rate is given, never derived."""
    post = create_post(db, workspace_id, [account.id])
    row = LatestPostMetrics(
        target_id=post.targets[0].id,
        workspace_id=workspace_id,
        account_id=account.id,
        post_id=post.id,
        platform=platform,
        content_type=content_type,
        published_at=published_at,
        fetched_at=published_at,
        engagement_rate=rate,
        **counts,
    )
    db.add(row)
    db.commit()
    return row


def moments(rates):
    return bt.Moments(len(rates), sum(rates), sum(r * r for r in rates))


@pytest.mark.parametrize("df", [1, 2, 3, 5, 9, 30, 120, 1000])
def test_t_quantile_matches_scipy(df):
    assert bt.t_quantile(0.975, df) == pytest.approx(scipy.stats.t.ppf(0.975, df), rel=1e-10)


@pytest.mark.parametrize("t", [-4.0, -1.3, 0.0, 0.7, 2.1, 8.0])
@pytest.mark.parametrize("df", [1, 4, 17.5, 250])
def test_t_cdf_matches_scipy(t, df):
    assert bt.t_cdf(t, df) == pytest.approx(scipy.stats.t.cdf(t, df), rel=1e-10, abs=1e-14)


@pytest.mark.parametrize(
    "rates",
    [[0.02, 0.04], [0.02, 0.04, 0.09], [0.031, 0.045, 0.012, 0.06, 0.051, 0.029, 0.04, 0.038, 0.07, 0.022]],
)
def test_t_interval_matches_statsmodels(rates):
    low, high = bt.t_interval(moments(rates))
    ref_low, ref_high = DescrStatsW(rates).tconfint_mean(alpha=0.05)
    assert low == pytest.approx(ref_low, rel=1e-9)
    assert high == pytest.approx(ref_high, rel=1e-9)


def test_one_post_has_no_interval():
    assert bt.t_interval(moments([0.2])) is None


def test_shrinkage_hand_computed():
    # Cells: A = [0.02, 0.04], B = [0.05, 0.07, 0.06], C = [0.10].
    cells = [moments([0.02, 0.04]), moments([0.05, 0.07, 0.06]), moments([0.10])]
    f = Fraction
    prior = (f(2, 100) + f(4, 100) + f(5, 100) + f(7, 100) + f(6, 100) + f(10, 100)) / 6  # 17/300
    # Within: A has s^2 = 0.0002 (1 df), B has 0.0001 (2 df): pooled (0.0002 + 0.0002) / 3.
    sigma2 = (f(2, 10000) + 2 * f(1, 10000)) / 3
    # Between: over A and B only (C has one post), around their grand mean 0.24 / 5 = 0.048.
    grand = f(48, 1000)
    between = 2 * (f(3, 100) - grand) ** 2 + 3 * (f(6, 100) - grand) ** 2  # 0.00108
    spread = 5 - f(4 + 9, 5)  # 2.4
    tau2 = (between - 1 * sigma2) / spread
    k = sigma2 / tau2
    estimate = bt.estimate_shrinkage(cells)
    assert estimate.prior_mean == pytest.approx(float(prior))
    assert estimate.within_variance == pytest.approx(float(sigma2))
    assert estimate.between_variance == pytest.approx(float(tau2))
    assert estimate.k == pytest.approx(float(k))
    # C (one post at 0.10) moves toward the prior: (0.10 + k * prior) / (1 + k).
    assert estimate.shrink(cells[2]) == pytest.approx(float((f(10, 100) + k * prior) / (1 + k)))


def test_tau2_floor_caps_the_prior_weight():
    # Cell means identical: no between-cell variance at all, tau^2 falls to its floor and k to its cap.
    cells = [moments([0.01, 0.05]), moments([0.05, 0.01]), moments([0.03])]
    estimate = bt.estimate_shrinkage(cells)
    assert estimate.k == pytest.approx(bt.MAX_PRIOR_WEIGHT)


def _filter(db, tenant, start, end):
    return analytics_filter(db, tenant.id, start=start, end=end)


def test_cells_follow_the_wall_clock_across_dst(db, make_tenant):
    tenant = make_tenant("Berlin", timezone="Europe/Berlin")
    account = create_account(db, tenant.id)
    # Berlin moves to summer time on 2026-03-29: 08:00 UTC is 09:00 before, 07:00 UTC is 09:00 after.
    add_published(db, tenant.id, account, at("2026-03-28T08:00:00"), rate=0.02)  # Saturday 09:00 CET
    add_published(db, tenant.id, account, at("2026-03-30T07:00:00"), rate=0.04)  # Monday 09:00 CEST
    add_published(db, tenant.id, account, at("2026-04-04T07:59:00"), rate=0.06)  # Saturday 09:59 CEST
    add_published(db, tenant.id, account, at("2026-03-31T22:30:00"), rate=0.08)  # Wednesday 00:30 CEST
    grid = bt.optimal_times(db, _filter(db, tenant, date(2026, 3, 20), date(2026, 4, 10)))
    cells = {(c.weekday, c.hour): c for c in grid.cells}
    assert set(cells) == {(5, 9), (0, 9), (2, 0)}
    assert cells[(5, 9)].posts == 2
    assert cells[(5, 9)].mean_rate == pytest.approx(0.04)
    assert cells[(0, 9)].posts == 1 and cells[(0, 9)].ci_low is None


def test_quarter_hour_offsets(db, make_tenant):
    tenant = make_tenant("Kathmandu", timezone="Asia/Kathmandu")  # UTC+05:45
    account = create_account(db, tenant.id)
    add_published(db, tenant.id, account, at("2026-05-04T03:10:00"), rate=0.01)  # 08:55 local
    add_published(db, tenant.id, account, at("2026-05-04T03:20:00"), rate=0.03)  # 09:05 local
    grid = bt.optimal_times(db, _filter(db, tenant, date(2026, 5, 1), date(2026, 5, 10)))
    assert {(c.weekday, c.hour, c.posts) for c in grid.cells} == {(0, 8, 1), (0, 9, 1)}


def test_cell_statistics_hand_computed(db, tenant):
    account = create_account(db, tenant.id)
    for day, rate in ((5, 0.02), (12, 0.04), (19, 0.09)):  # Tuesdays 10:xx
        add_published(db, tenant.id, account, datetime(2026, 5, day, 10, 15 + day, tzinfo=UTC), rate=rate)
    add_published(db, tenant.id, account, at("2026-05-06T10:00:00"), rate=None)  # no rate: left out
    grid = bt.optimal_times(db, _filter(db, tenant, date(2026, 5, 1), date(2026, 5, 31)))
    (cell,) = grid.cells
    assert (cell.weekday, cell.hour, cell.posts) == (1, 10, 3)
    assert cell.mean_rate == pytest.approx(0.05)
    # s^2 = (0.0009 + 0.0001 + 0.0016) / 2 = 0.0013; half-width t_{0.975,2} * sqrt(0.0013 / 3).
    half = scipy.stats.t.ppf(0.975, 2) * (0.0013 / 3) ** 0.5
    assert cell.ci_low == pytest.approx(0.05 - half)
    assert cell.ci_high == pytest.approx(0.05 + half)
    assert cell.shrunk_rate == pytest.approx(0.05)  # one cell: the prior is its own mean
    assert not grid.enough_data


def build_lucky_dataset(db, tenant, account):
    """Tuesdays 09:00: 10 posts averaging 0.05; five other slots of 4 posts (0, 0.02, 0.04, 0.06) averaging
    0.03; Friday 15:00: one post at 0.10, the highest raw mean. Within-slot SD about 0.02 everywhere."""
    tuesday = datetime(2026, 5, 5, 9, 0, tzinfo=UTC)
    good = [0.02, 0.08, 0.05, 0.03, 0.07, 0.06, 0.04, 0.05, 0.03, 0.07]
    for i, rate in enumerate(good):
        add_published(db, tenant.id, account, tuesday + timedelta(days=7 * (i % 4), minutes=i), rate=rate)
    other = [(0, 11), (2, 14), (3, 8), (4, 18), (6, 20)]
    for i in range(20):
        weekday, hour = other[i % 5]
        moment = datetime(2026, 5, 4 + weekday + 7 * (i // 5), hour, i, tzinfo=UTC)
        add_published(db, tenant.id, account, moment, rate=[0.0, 0.02, 0.04, 0.06][i // 5])
    add_published(db, tenant.id, account, datetime(2026, 5, 8, 15, 0, tzinfo=UTC), rate=0.10)


def test_a_single_lucky_post_does_not_rank_first(db, tenant):
    account = create_account(db, tenant.id)
    build_lucky_dataset(db, tenant, account)
    f = _filter(db, tenant, date(2026, 5, 1), date(2026, 5, 31))
    ranking = bt.best_times(db, f, limit=3)
    assert (ranking[0].weekday, ranking[0].hour, ranking[0].posts) == (1, 9, 10)
    lucky = next(c for c in bt.optimal_times(db, f).cells if (c.weekday, c.hour) == (4, 15))
    assert lucky.mean_rate == pytest.approx(0.10)
    assert lucky.shrunk_rate < ranking[0].shrunk_rate
    assert lucky.ci_low is None


def test_ranking_needs_enough_posts(db, tenant):
    account = create_account(db, tenant.id)
    for i in range(bt.MIN_POSTS_FOR_RANKING - 1):
        add_published(db, tenant.id, account, datetime(2026, 5, 5, 9, i, tzinfo=UTC), rate=0.05)
    f = _filter(db, tenant, date(2026, 5, 1), date(2026, 5, 31))
    assert bt.best_times(db, f) == []
    add_published(db, tenant.id, account, datetime(2026, 5, 5, 9, 30, tzinfo=UTC), rate=0.05)
    assert [(c.weekday, c.hour, c.posts) for c in bt.best_times(db, f)] == [(1, 9, 20)]


def test_scheduler_suggestions_use_the_ranking_once_there_is_enough_data(db, tenant):
    account = create_account(db, tenant.id)
    now = datetime(2026, 6, 1, tzinfo=UTC)
    before = suggestions.suggestions_for(db=db, workspace_id=tenant.id, accounts=[account], timezone="UTC", now=now)
    assert {slot.source for slot, _ in before[0].slots} == {suggestions.BENCHMARK}
    build_lucky_dataset(db, tenant, account)
    after = suggestions.suggestions_for(
        db=db, workspace_id=tenant.id, accounts=[account], timezone="UTC", limit=3, now=now
    )
    slots = [slot for slot, _ in after[0].slots]
    assert (slots[0].weekday, slots[0].hour, slots[0].source) == (1, 9, suggestions.HISTORY)
    assert len(slots) == 3
    # Another account of the workspace without data still gets the benchmarks.
    other = create_account(db, tenant.id, handle="other")
    fresh = suggestions.suggestions_for(db=db, workspace_id=tenant.id, accounts=[other], timezone="UTC", now=now)
    assert {slot.source for slot, _ in fresh[0].slots} == {suggestions.BENCHMARK}


def test_optimal_times_endpoint(client, db, tenant, make_tenant):
    account = create_account(db, tenant.id)
    build_lucky_dataset(db, tenant, account)
    response = client.get(
        "/api/analytics/optimal-times", params={"start": "2026-05-01", "end": "2026-05-31"}, headers=tenant.headers
    )
    assert response.status_code == 200
    body = response.json()
    assert body["posts"] == 31 and body["enough_data"] is True
    assert body["prior_mean"] == pytest.approx((0.5 + 20 * 0.03 + 0.10) / 31)
    assert (body["ranking"][0]["weekday"], body["ranking"][0]["hour"]) == (1, 9)
    assert len(body["cells"]) == 7
    # Another workspace sees nothing of it; a key without analytics:view is refused.
    stranger = make_tenant("Stranger")
    other = client.get(
        "/api/analytics/optimal-times", params={"start": "2026-05-01", "end": "2026-05-31"}, headers=stranger.headers
    )
    assert other.json()["posts"] == 0 and other.json()["ranking"] == []
    reader = make_tenant("Reader", scopes=[Scope.POSTS_READ.value])
    assert client.get("/api/analytics/optimal-times", headers=reader.headers).status_code == 403
