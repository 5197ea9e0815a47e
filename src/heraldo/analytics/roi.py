"""Return on investment of the workspace's social media, from values it sets per interaction and its costs.

- value generated = sum over interaction types of (count of that interaction on the posts published in the
  period, latest snapshot) x (value of one interaction); types without a value count for nothing and are
  listed as unset: Heraldo never invents a value.
- cost = each configured cost prorated by the days it overlaps the period (cost spans are inclusive dates,
  the period is the filter's days in the workspace's time zone).
- ROI = (value - cost) / cost; None (with the reason) when no cost falls in the period or no value is set.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from heraldo.analytics.filters import AnalyticsFilter
from heraldo.analytics.models import AnalyticsSettings
from heraldo.analytics.models import LatestPostMetrics as M
from heraldo.core.clock import zone
from heraldo.core.errors import InvalidInput

# Interaction type -> the LatestPostMetrics counter it is read from.
INTERACTIONS = {
    "like": M.likes,
    "comment": M.comments,
    "share": M.shares,
    "quote": M.quotes,
    "save": M.saves,
    "click": M.clicks,
    "video_view": M.video_views,
    "impression": M.impressions,
}


@dataclass(frozen=True)
class Cost:
    start: date
    end: date  # inclusive
    amount: float
    label: str = ""

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def validate(interaction_values: dict[str, float], costs: list[Cost]) -> None:
    for name, value in interaction_values.items():
        if name not in INTERACTIONS:
            raise InvalidInput(f"unknown interaction type {name!r}; use one of {', '.join(INTERACTIONS)}")
        if value < 0:
            raise InvalidInput(f"the value of a {name} must not be negative", field="interaction_values")
    for cost in costs:
        if cost.end < cost.start:
            raise InvalidInput("a cost's end must not be before its start", field="costs")
        if cost.amount < 0:
            raise InvalidInput("a cost must not be negative", field="costs")


def get_settings(*, db: Session, workspace_id: int) -> dict:
    """Interaction values, costs and currency as configured; nothing configured is {} and []."""
    row = db.get(AnalyticsSettings, workspace_id)
    return {
        "interaction_values": dict(row.interaction_values or {}) if row else {},
        "costs": list(row.costs or []) if row else [],
        "currency": row.currency if row else "EUR",
    }


def update_settings(
    *, db: Session, workspace_id: int, interaction_values: dict[str, float], costs: list[Cost], currency: str
) -> dict:
    """Replace the workspace's interaction values and costs."""
    validate(interaction_values, costs)
    row = db.get(AnalyticsSettings, workspace_id)
    if row is None:
        row = AnalyticsSettings(workspace_id=workspace_id)
        db.add(row)
    row.interaction_values = {k: float(v) for k, v in interaction_values.items()}
    row.costs = [
        {"start": c.start.isoformat(), "end": c.end.isoformat(), "amount": float(c.amount), "label": c.label}
        for c in costs
    ]
    row.currency = currency
    db.commit()
    return get_settings(db=db, workspace_id=workspace_id)


def period_days(f: AnalyticsFilter) -> tuple[date, date]:
    """First and last (inclusive) day of the filter in the workspace's time zone."""
    tz = zone(f.timezone)
    return f.start.astimezone(tz).date(), (f.end.astimezone(tz) - timedelta(microseconds=1)).date()


def prorate(cost: Cost, first: date, last: date) -> tuple[int, float]:
    """(days of `cost` inside [first, last], its prorated amount)."""
    overlap = (min(cost.end, last) - max(cost.start, first)).days + 1
    if overlap <= 0:
        return 0, 0.0
    return overlap, cost.amount * overlap / cost.days


def interaction_counts(db: Session, f: AnalyticsFilter) -> dict[str, int]:
    row = db.execute(
        select(*(func.coalesce(func.sum(column), 0) for column in INTERACTIONS.values())).where(f.latest_conditions())
    ).one()
    return {name: int(count) for name, count in zip(INTERACTIONS, row, strict=True)}


def roi(db: Session, f: AnalyticsFilter) -> dict:
    """Value generated, cost and ROI of the slice's period, with every input used."""
    settings = get_settings(db=db, workspace_id=f.workspace_id)
    values = settings["interaction_values"]
    counts = interaction_counts(db, f)
    interactions = []
    value = 0.0
    for name, count in counts.items():
        unit = values.get(name)
        item_value = count * unit if unit is not None else None
        value += item_value or 0.0
        interactions.append({"type": name, "count": count, "value_each": unit, "value": item_value})
    unset = [name for name in INTERACTIONS if name not in values]

    first, last = period_days(f)
    included, cost = [], 0.0
    for raw in settings["costs"]:
        item = Cost(date.fromisoformat(raw["start"]), date.fromisoformat(raw["end"]), raw["amount"], raw["label"])
        days, share = prorate(item, first, last)
        if days:
            cost += share
            included.append({**raw, "days": item.days, "days_in_period": days, "prorated_amount": share})

    reason = None
    if not values:
        reason = "no interaction values are set"
    elif cost == 0:
        reason = "no costs fall in the period"
    return {
        "currency": settings["currency"],
        "period": {"start": first.isoformat(), "end": last.isoformat()},
        "interactions": interactions,
        "unset_values": unset,
        "value_generated": value if values else None,
        "costs": included,
        "cost": cost,
        "roi": (value - cost) / cost if reason is None else None,
        "roi_unavailable_reason": reason,
    }
