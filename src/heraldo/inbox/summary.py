"""Counts and mean sentiment of the interactions received in a period, aggregated in SQL.

Days are calendar days in the workspace's time zone (DST included), as everywhere in analytics; spam is left
out of sentiment (a bot's cheerful pitch is not the audience's mood) unless the caller filters on it.
"""

from datetime import date, timedelta

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from heraldo.analytics.filters import AnalyticsFilter
from heraldo.analytics.service import local_day, local_days
from heraldo.inbox.analysis.base import INTENTS, SENTIMENT_LABELS
from heraldo.inbox.analysis.priority import INTENT_PRIORITY
from heraldo.inbox.models import Interaction
from heraldo.inbox.service import INTENT_DESCRIPTIONS, NEVER_AUTOMATIC

INT = Interaction


def _conditions(f: AnalyticsFilter, intent: str | None = None):
    conditions = [INT.workspace_id == f.workspace_id, INT.received_at >= f.start, INT.received_at < f.end]
    if f.platform:
        conditions.append(INT.platform == f.platform)
    if f.account_id:
        conditions.append(INT.account_id == f.account_id)
    if intent:
        conditions.append(INT.intent == intent)
    return and_(*conditions)


def _columns():
    return [
        func.count().label("count"),
        *(func.sum(case((INT.sentiment_label == label, 1), else_=0)).label(label) for label in SENTIMENT_LABELS),
        func.avg(INT.sentiment_score).label("mean_score"),
    ]


def _counts(row) -> dict:
    total = int(row.count or 0) if row is not None else 0
    counts = {label: int(getattr(row, label) or 0) if row is not None else 0 for label in SENTIMENT_LABELS}
    return {
        "count": total,
        **counts,
        "mean_score": round(float(row.mean_score), 4) if total and row.mean_score is not None else None,
        "shares": {label: (counts[label] / total if total else None) for label in SENTIMENT_LABELS},
    }


def _by(db: Session, f: AnalyticsFilter, key, intent: str | None) -> list:
    label = key.label("key")
    return db.execute(select(label, *_columns()).where(_conditions(f, intent)).group_by(label).order_by(label)).all()


def _day_key(value) -> str:
    return str(value)[:10]


def _days(f: AnalyticsFilter) -> list[date]:
    first, last = local_days(f)
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def summary(*, db: Session, f: AnalyticsFilter, intent: str | None = None) -> dict:
    """Counts per sentiment and mean score over the period: in total, by local day, by platform and by intent."""
    first, last = local_days(f)
    total = db.execute(select(*_columns()).where(_conditions(f, intent))).one()
    days = {_day_key(row.key): _counts(row) for row in _by(db, f, local_day(db, f, INT.received_at), intent)}
    day_list = [{"day": day, **days.get(day.isoformat(), _counts(None))} for day in _days(f)]
    by_intent = {row.key: _counts(row) for row in _by(db, f, INT.intent, intent)}
    return {
        "period": {"start": first, "end": last, "timezone": f.timezone},
        "totals": _counts(total),
        "by_day": day_list,
        "by_platform": [{"platform": row.key, **_counts(row)} for row in _by(db, f, INT.platform, intent)],
        "by_intent": [{"intent": name, **by_intent[name]} for name in INTENTS if name in by_intent],
    }


def over_time(*, db: Session, f: AnalyticsFilter) -> dict:
    """Daily share of positive / neutral / negative and mean score, for all platforms and per platform.

    Spam is left out. Every day of the period is present (count 0, shares null where nothing came in).
    """
    first, last = local_days(f)
    conditions = and_(_conditions(f), INT.intent != "spam")
    day = local_day(db, f, INT.received_at).label("day")
    platform_rows = db.execute(
        select(day, INT.platform.label("platform"), *_columns()).where(conditions).group_by(day, INT.platform)
    ).all()
    all_rows = db.execute(select(day, *_columns()).where(conditions).group_by(day)).all()
    days = _days(f)

    def series(rows) -> list[dict]:
        found = {_day_key(row.day): _counts(row) for row in rows}
        return [{"day": d, **found.get(d.isoformat(), _counts(None))} for d in days]

    platforms = sorted({row.platform for row in platform_rows})
    return {
        "period": {"start": first, "end": last, "timezone": f.timezone},
        "all": series(all_rows),
        "platforms": {name: series([row for row in platform_rows if row.platform == name]) for name in platforms},
    }


def intent_catalog(*, db: Session, f: AnalyticsFilter) -> list[dict]:
    """Each intent the analyser tells apart: what it means, its priority, whether it may be answered
    unattended, and how many interactions with it came in the period."""
    counts = dict(db.execute(select(INT.intent, func.count()).where(_conditions(f)).group_by(INT.intent)).all())
    return [
        {
            "intent": name,
            "description": INTENT_DESCRIPTIONS[name],
            "priority": INTENT_PRIORITY[name],
            "can_auto_reply": name not in NEVER_AUTOMATIC,
            "count": counts.get(name, 0),
        }
        for name in INTENTS
    ]
