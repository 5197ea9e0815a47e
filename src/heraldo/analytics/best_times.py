"""Best times to post: a weekday x hour grid on the workspace's wall clock, with sample size, mean engagement
rate, a 95 % t interval and an empirical-Bayes shrunk rate per cell, ranked by the shrunk rate.

Bucketing, DST-correct and aggregated in SQL: posts are grouped by absolute UTC quarter hour
(epoch seconds // 900; every real zone offset is a multiple of 15 minutes) with count, sum and sum of squares
of the per-post rate. Each distinct bucket (at most 96 a day) is then mapped to its local weekday and hour
with zoneinfo, which applies the offset in force at that instant, and the sums are added per cell.

Per cell with n posts, mean m and sample variance s^2 (ddof = 1):
- 95 % interval: m +- t_{0.975, n-1} * s / sqrt(n); none when n < 2.
- shrunk rate: (n * m + k * prior) / (n + k), `prior` the mean of every post in the slice, k = sigma^2 / tau^2:
  sigma^2 = pooled within-cell variance = sum((n_i - 1) s_i^2) / sum(n_i - 1)
  tau^2 = between-cell variance, one-way random-effects (ANOVA) method of moments over the C cells with
          n_i >= 2 (N posts, grand mean M): (sum(n_i (m_i - M)^2) - (C - 1) sigma^2) / (N - sum(n_i^2) / N),
          floored at sigma^2 / MAX_PRIOR_WEIGHT (so k <= MAX_PRIOR_WEIGHT); the floor when C < 2.
          Single-post cells are left out of tau^2: one lucky post would otherwise inflate tau^2 and so
          justify itself. When no cell has two posts, sigma^2 is the variance of all posts.
  A slot with one post therefore moves only 1 / (1 + k) of the way from the average toward its own rate.
"""

import math
from dataclasses import asdict, dataclass
from functools import lru_cache

from sqlalchemy import BigInteger, Integer, case, cast, func, literal, select
from sqlalchemy.orm import Session

from heraldo.analytics.filters import AnalyticsFilter
from heraldo.analytics.models import LatestPostMetrics
from heraldo.core.clock import offset_changes

HOURS_PER_WEEK = 7 * 24
EPOCH_WEEKDAY = 3  # 1970-01-01 was a Thursday
CONFIDENCE = 0.95
# The scheduler uses the workspace's own ranking from this many measured posts in the slice; benchmarks before.
MIN_POSTS_FOR_RANKING = 20
# Upper bound of k (prior weight in posts): tau^2 is floored at sigma^2 / MAX_PRIOR_WEIGHT.
MAX_PRIOR_WEIGHT = 50.0


# ---- Student's t distribution (no SciPy in production) ---------------------------------------------------------


def _beta_continued_fraction(a: float, b: float, x: float) -> float:
    # Modified Lentz evaluation of the continued fraction of the incomplete beta function (Numerical Recipes 6.4).
    tiny = 1e-300
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1.0)
    d = 1.0 / (d if abs(d) > tiny else tiny)
    result = d
    for m in range(1, 100_000):
        m2 = 2 * m
        aa = m * (b - m) * x / ((a + m2 - 1.0) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        result *= d * c
        aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        delta = d * c
        result *= delta
        if abs(delta - 1.0) < 1e-15:
            break
    return result


def regularized_incomplete_beta(a: float, b: float, x: float) -> float:
    """I_x(a, b), the CDF of Beta(a, b) at x."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    if x < (a + 1.0) / (a + b + 2.0):
        return math.exp(log_front) * _beta_continued_fraction(a, b, x) / a
    return 1.0 - math.exp(log_front) * _beta_continued_fraction(b, a, 1.0 - x) / b


def t_two_sided_p(t: float, df: float) -> float:
    """P(|T| >= |t|) for Student's t with `df` degrees of freedom."""
    if math.isinf(t):
        return 0.0
    return regularized_incomplete_beta(df / 2.0, 0.5, df / (df + t * t))


def t_cdf(t: float, df: float) -> float:
    """P(T <= t) for Student's t with `df` degrees of freedom."""
    tail = t_two_sided_p(t, df) / 2.0
    return 1.0 - tail if t > 0 else tail


@lru_cache(maxsize=512)
def t_quantile(p: float, df: float) -> float:
    """The p-quantile of Student's t (p > 0.5 here: interval critical values), by bisection on the CDF."""
    if not 0.5 <= p < 1.0:
        raise ValueError("t_quantile takes 0.5 <= p < 1")
    low, high = 0.0, 1.0
    while t_cdf(high, df) < p:
        low, high = high, high * 2.0
    for _ in range(200):
        mid = (low + high) / 2.0
        if t_cdf(mid, df) < p:
            low = mid
        else:
            high = mid
        if high - low <= 1e-14 * max(1.0, high):
            break
    return (low + high) / 2.0


# ---- per-cell statistics -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Moments:
    """Count, sum and sum of squares of per-post rates: enough for mean, variance and pooling."""

    n: int
    total: float
    squares: float

    @property
    def mean(self) -> float:
        return self.total / self.n

    @property
    def variance(self) -> float | None:
        """Sample variance (ddof = 1); None for fewer than two posts."""
        if self.n < 2:
            return None
        return max(0.0, (self.squares - self.total * self.total / self.n) / (self.n - 1))

    def __add__(self, other: "Moments") -> "Moments":
        return Moments(self.n + other.n, self.total + other.total, self.squares + other.squares)


def t_interval(moments: Moments, confidence: float = CONFIDENCE) -> tuple[float, float] | None:
    """mean +- t_{(1+confidence)/2, n-1} * s / sqrt(n); None when n < 2."""
    variance = moments.variance
    if variance is None:
        return None
    half = t_quantile((1.0 + confidence) / 2.0, moments.n - 1) * math.sqrt(variance / moments.n)
    return moments.mean - half, moments.mean + half


@dataclass(frozen=True)
class Shrinkage:
    prior_mean: float
    within_variance: float  # sigma^2
    between_variance: float  # tau^2 (after the floor)
    k: float  # prior weight, in posts

    def shrink(self, moments: Moments) -> float:
        return (moments.total + self.k * self.prior_mean) / (moments.n + self.k)


def estimate_shrinkage(cells: list[Moments]) -> Shrinkage | None:
    """Prior mean, sigma^2, tau^2 and k = sigma^2 / tau^2 from the cells (see the module docstring)."""
    cells = [c for c in cells if c.n > 0]
    if not cells:
        return None
    everything = sum(cells, Moments(0, 0.0, 0.0))
    prior = everything.mean
    pooled_df = sum(c.n - 1 for c in cells)
    if pooled_df > 0:
        sigma2 = sum((c.n - 1) * c.variance for c in cells if c.n > 1) / pooled_df
    else:
        # Every cell holds one post: the spread of all posts is the only estimate of noise.
        sigma2 = everything.variance or 0.0
    if sigma2 <= 0.0:
        # No noise at all: a cell's mean is its true rate.
        return Shrinkage(prior_mean=prior, within_variance=0.0, between_variance=0.0, k=0.0)
    floor = sigma2 / MAX_PRIOR_WEIGHT
    # Single-post cells cannot tell slot from noise (their deviation would justify itself): tau^2 comes from
    # the cells with at least two posts.
    informative = [c for c in cells if c.n > 1]
    measured = sum(informative, Moments(0, 0.0, 0.0))
    if len(informative) < 2:
        tau2 = floor
    else:
        spread = measured.n - sum(c.n * c.n for c in informative) / measured.n
        between = sum(c.n * (c.mean - measured.mean) ** 2 for c in informative)
        tau2 = max(floor, (between - (len(informative) - 1) * sigma2) / spread)
    return Shrinkage(prior_mean=prior, within_variance=sigma2, between_variance=tau2, k=sigma2 / tau2)


@dataclass(frozen=True)
class SlotStats:
    weekday: int  # 0 = Monday, workspace time zone
    hour: int
    posts: int
    mean_rate: float
    ci_low: float | None
    ci_high: float | None
    shrunk_rate: float

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class OptimalTimes:
    timezone: str
    posts: int
    prior_mean: float | None
    within_variance: float | None
    between_variance: float | None
    k: float | None
    enough_data: bool  # at least MIN_POSTS_FOR_RANKING measured posts
    cells: list[SlotStats]  # best first (by shrunk rate)

    def as_dict(self) -> dict:
        return {
            "timezone": self.timezone,
            "posts": self.posts,
            "prior_mean": self.prior_mean,
            "within_variance": self.within_variance,
            "between_variance": self.between_variance,
            "k": self.k,
            "enough_data": self.enough_data,
            "min_posts_for_ranking": MIN_POSTS_FOR_RANKING,
            "confidence": CONFIDENCE,
            "cells": [c.as_dict() for c in self.cells],
        }


def _hour_of_week(db: Session, f: AnalyticsFilter):
    """SQL: the wall-clock hour of the week (0 = Thursday 00:00, as the Unix epoch was) of published_at.

    The zone's offset is added in seconds before flooring to the hour, via a CASE over the few instants
    the offset changes in the period, so DST and half-hour zones land in the right local hour and the
    database groups straight into at most 168 slots.
    """
    column = LatestPostMetrics.published_at
    if db.get_bind().dialect.name == "postgresql":
        epoch = cast(func.floor(func.extract("epoch", column)), BigInteger)
    else:
        epoch = cast(func.strftime("%s", column), Integer)
    changes = offset_changes(f.timezone, f.start, f.end)
    if len(changes) == 1:
        offset = literal(changes[0][1])
    else:
        whens = [(column < changes[i + 1][0], changes[i][1]) for i in range(len(changes) - 1)]
        offset = case(*whens, else_=changes[-1][1])
    return ((epoch + offset) // 3600) % HOURS_PER_WEEK


def slot_moments(db: Session, f: AnalyticsFilter) -> dict[tuple[int, int], Moments]:
    """Moments of the per-post engagement rate per (weekday, hour) of the workspace's wall clock."""
    slot = _hour_of_week(db, f).label("slot")
    rate = LatestPostMetrics.engagement_rate
    rows = db.execute(
        select(slot, func.count(rate), func.sum(rate), func.sum(rate * rate))
        .where(f.latest_conditions(), rate.is_not(None))
        .group_by(slot)
    )
    cells: dict[tuple[int, int], Moments] = {}
    for hour_of_week, n, total, squares in rows:
        days, hour = divmod(int(hour_of_week), 24)
        # Hour 0 of the epoch week is a Thursday (weekday 3).
        key = ((days + EPOCH_WEEKDAY) % 7, hour)
        cells[key] = cells.get(key, Moments(0, 0.0, 0.0)) + Moments(int(n), float(total), float(squares))
    return cells


def rank_cells(cells: dict[tuple[int, int], Moments]) -> tuple[Shrinkage | None, list[SlotStats]]:
    """Per-cell statistics, best shrunk rate first (ties: more posts, then earlier in the week)."""
    shrinkage = estimate_shrinkage(list(cells.values()))
    stats = []
    for (weekday, hour), moments in cells.items():
        interval = t_interval(moments)
        stats.append(
            SlotStats(
                weekday=weekday,
                hour=hour,
                posts=moments.n,
                mean_rate=moments.mean,
                ci_low=interval[0] if interval else None,
                ci_high=interval[1] if interval else None,
                shrunk_rate=shrinkage.shrink(moments),
            )
        )
    stats.sort(key=lambda s: (-s.shrunk_rate, -s.posts, s.weekday, s.hour))
    return shrinkage, stats


def optimal_times(db: Session, f: AnalyticsFilter) -> OptimalTimes:
    """The weekday x hour grid of the slice with n, mean, 95 % interval and shrunk rate per cell, ranked."""
    cells = slot_moments(db, f)
    shrinkage, stats = rank_cells(cells)
    posts = sum(c.n for c in cells.values())
    return OptimalTimes(
        timezone=f.timezone,
        posts=posts,
        prior_mean=shrinkage.prior_mean if shrinkage else None,
        within_variance=shrinkage.within_variance if shrinkage else None,
        between_variance=shrinkage.between_variance if shrinkage else None,
        k=shrinkage.k if shrinkage else None,
        enough_data=posts >= MIN_POSTS_FOR_RANKING,
        cells=stats,
    )


def best_times(db: Session, f: AnalyticsFilter, limit: int = 5) -> list[SlotStats]:
    """The `limit` best slots by shrunk engagement rate, or [] while the slice has fewer than
    MIN_POSTS_FOR_RANKING measured posts (the scheduler then falls back to its benchmarks)."""
    grid = optimal_times(db, f)
    return grid.cells[:limit] if grid.enough_data else []
