"""Plain-language recommendations, each returned with the numbers that produced it. An insight appears only
when the data supports it (enough posts, a significant difference, a drop beyond the threshold): no generic
advice, and an empty list is a valid answer.

Kinds:
- best_slot: the top slot of the best-times ranking (shrunk rate above the slice's average, >= MIN_SLOT_POSTS).
- best_content_type: the content type with the highest mean rate, claimed only when Welch's t-test against
  all other types together gives p < ALPHA.
- underused_platform: a platform with fewer posts than the most-used one but a higher mean rate
  (Welch p < ALPHA against the most-used platform).
- declining_metric: mean engagement rate, impressions or engagements per post down more than DECLINE_THRESHOLD
  against the previous period of equal length, with >= MIN_PERIOD_POSTS posts in each period.
"""

import math
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from heraldo.analytics import best_times as bt
from heraldo.analytics.filters import AnalyticsFilter
from heraldo.analytics.models import LatestPostMetrics as M

ALPHA = 0.05
MIN_GROUP_POSTS = 5
MIN_SLOT_POSTS = 3
MIN_PERIOD_POSTS = 10
DECLINE_THRESHOLD = 0.20
WEEKDAYS = ("Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays")


@dataclass(frozen=True)
class Welch:
    statistic: float
    df: float | None
    p_value: float


def welch_test(a: bt.Moments, b: bt.Moments) -> Welch | None:
    """Welch's unequal-variance t-test of mean(a) - mean(b), two-sided; None when either has n < 2.
    Both variances zero: statistic +-inf and p 0 for different means (as SciPy), p 1 for equal ones."""
    va, vb = a.variance, b.variance
    if va is None or vb is None:
        return None
    diff = a.mean - b.mean
    sa, sb = va / a.n, vb / b.n
    se2 = sa + sb
    if se2 == 0.0:
        if diff == 0.0:
            return Welch(statistic=0.0, df=None, p_value=1.0)
        return Welch(statistic=math.copysign(math.inf, diff), df=None, p_value=0.0)
    df = se2 * se2 / (sa * sa / (a.n - 1) + sb * sb / (b.n - 1))
    statistic = diff / math.sqrt(se2)
    return Welch(statistic=statistic, df=df, p_value=bt.t_two_sided_p(statistic, df))


def _percent(rate: float) -> str:
    return f"{rate * 100:.1f} %"


def _moments_by(db: Session, f: AnalyticsFilter, column) -> dict[str, bt.Moments]:
    rate = M.engagement_rate
    rows = db.execute(
        select(column, func.count(rate), func.sum(rate), func.sum(rate * rate))
        .where(f.latest_conditions(), rate.is_not(None))
        .group_by(column)
    )
    return {key: bt.Moments(int(n), float(s), float(ss)) for key, n, s, ss in rows if n}


def _welch_evidence(test: Welch) -> dict:
    return {"t": test.statistic if math.isfinite(test.statistic) else None, "df": test.df, "p_value": test.p_value}


def best_slot(db: Session, f: AnalyticsFilter) -> dict | None:
    grid = bt.optimal_times(db, f)
    if not grid.enough_data or not grid.cells or not grid.prior_mean:
        return None
    top = grid.cells[0]
    if top.posts < MIN_SLOT_POSTS or top.shrunk_rate <= grid.prior_mean:
        return None
    ratio = top.mean_rate / grid.prior_mean
    return {
        "kind": "best_slot",
        "text": f"{WEEKDAYS[top.weekday]} {top.hour:02d}:00\u2013{(top.hour + 1) % 24:02d}:00 earn "
        f"{_percent(top.mean_rate)} engagement, {ratio:.1f}\u00d7 your average ({top.posts} posts)",
        "evidence": {
            **top.as_dict(),
            "average_rate": grid.prior_mean,
            "ratio": ratio,
            "timezone": grid.timezone,
            "posts_in_period": grid.posts,
        },
    }


def best_content_type(db: Session, f: AnalyticsFilter) -> dict | None:
    groups = {k: m for k, m in _moments_by(db, f, M.content_type).items() if m.n >= MIN_GROUP_POSTS}
    if len(groups) < 2:
        return None
    best = max(groups, key=lambda k: (groups[k].mean, groups[k].n))
    rest = sum((m for k, m in groups.items() if k != best), bt.Moments(0, 0.0, 0.0))
    test = welch_test(groups[best], rest)
    if test is None or test.p_value >= ALPHA or groups[best].mean <= rest.mean:
        return None
    ratio = groups[best].mean / rest.mean if rest.mean else None
    comparison = f", {ratio:.1f}\u00d7 the other types" if ratio else ""
    return {
        "kind": "best_content_type",
        "text": f"{best.capitalize()} posts earn {_percent(groups[best].mean)} engagement vs "
        f"{_percent(rest.mean)} for other types{comparison} ({groups[best].n} vs {rest.n} posts, "
        f"Welch p = {test.p_value:.3g})",
        "evidence": {
            "content_type": best,
            "posts": groups[best].n,
            "mean_rate": groups[best].mean,
            "other_posts": rest.n,
            "other_mean_rate": rest.mean,
            "ratio": ratio,
            **_welch_evidence(test),
            "alpha": ALPHA,
            "by_type": {k: {"posts": m.n, "mean_rate": m.mean} for k, m in sorted(groups.items())},
        },
    }


def underused_platform(db: Session, f: AnalyticsFilter) -> dict | None:
    if f.platform:
        return None
    groups = _moments_by(db, f, M.platform)
    if len(groups) < 2:
        return None
    main = max(groups, key=lambda k: (groups[k].n, k))
    total = sum(m.n for m in groups.values())
    found = []
    for name, moments in groups.items():
        if name == main or moments.n < MIN_GROUP_POSTS or moments.n >= groups[main].n:
            continue
        test = welch_test(moments, groups[main])
        if test and test.p_value < ALPHA and moments.mean > groups[main].mean:
            found.append((moments.mean, name, test))
    if not found:
        return None
    _, name, test = max(found, key=lambda x: (x[0], x[1]))
    moments = groups[name]
    return {
        "kind": "underused_platform",
        "text": f"{name.capitalize()} earns {_percent(moments.mean)} engagement vs {_percent(groups[main].mean)} "
        f"on {main.capitalize()}, yet got only {moments.n} of your {total} posts (Welch p = {test.p_value:.3g})",
        "evidence": {
            "platform": name,
            "posts": moments.n,
            "mean_rate": moments.mean,
            "compared_with": main,
            "compared_posts": groups[main].n,
            "compared_mean_rate": groups[main].mean,
            "total_posts": total,
            **_welch_evidence(test),
            "alpha": ALPHA,
        },
    }


DECLINE_METRICS = {
    "engagement_rate": ("average engagement rate", M.engagement_rate, _percent),
    "impressions": ("impressions per post", M.impressions, lambda v: f"{v:,.0f}"),
    "engagements": ("engagements per post", M.engagements, lambda v: f"{v:,.1f}"),
}


def _period_means(db: Session, f: AnalyticsFilter) -> dict[str, tuple[int, float | None]]:
    columns = []
    for _, column, _ in DECLINE_METRICS.values():
        columns += [func.count(column), func.avg(column)]
    row = db.execute(select(*columns).where(f.latest_conditions())).one()
    return {
        name: (int(row[2 * i]), float(row[2 * i + 1]) if row[2 * i + 1] is not None else None)
        for i, name in enumerate(DECLINE_METRICS)
    }


def declining_metrics(db: Session, f: AnalyticsFilter) -> list[dict]:
    now, before = _period_means(db, f), _period_means(db, f.previous())
    found = []
    for name, (label, _, show) in DECLINE_METRICS.items():
        (n_now, mean_now), (n_before, mean_before) = now[name], before[name]
        if n_now < MIN_PERIOD_POSTS or n_before < MIN_PERIOD_POSTS or not mean_before or mean_now is None:
            continue
        change = (mean_now - mean_before) / mean_before
        if change > -DECLINE_THRESHOLD:
            continue
        found.append(
            {
                "kind": "declining_metric",
                "text": f"Your {label} fell {abs(change) * 100:.0f} % to {show(mean_now)} from {show(mean_before)} "
                f"in the previous period ({n_now} vs {n_before} posts)",
                "evidence": {
                    "metric": name,
                    "current": mean_now,
                    "previous": mean_before,
                    "relative_change": change,
                    "posts": n_now,
                    "previous_posts": n_before,
                    "threshold": DECLINE_THRESHOLD,
                    "period_start": f.start.isoformat(),
                    "previous_start": f.previous().start.isoformat(),
                },
            }
        )
    return found


def insights(db: Session, f: AnalyticsFilter) -> list[dict]:
    """Every insight the slice's data supports, each {"kind", "text", "evidence"}; [] when none does."""
    found = [best_slot(db, f), best_content_type(db, f), underused_platform(db, f)]
    return [i for i in found if i] + declining_metrics(db, f)
