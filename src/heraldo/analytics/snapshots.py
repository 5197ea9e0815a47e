"""Storing metric snapshots: a `PostMetrics` row per target per fetch, and `LatestPostMetrics` kept current.

The latest row is written with one upsert (`INSERT ... ON CONFLICT (target_id) DO UPDATE`, the same
statement on PostgreSQL and SQLite): its counters only move to a fetch at least as new as the one it
holds, so a slow worker finishing an older fetch never overwrites a newer one; `snapshots` counts every
snapshot stored either way. Follower counts are one `AccountMetrics` row per account and UTC day.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import case, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from heraldo.analytics.engagement import engagement_rate, engagements
from heraldo.analytics.models import COUNT_FIELDS, AccountMetrics, LatestPostMetrics, PostMetrics
from heraldo.core.clock import utcnow
from heraldo.posts.models import Post, PostTarget, SocialAccount
from heraldo.publishing.connectors.base import MetricsSample

# What LatestPostMetrics copies from each snapshot (the rest describes the target and never changes).
_SNAPSHOT_COLUMNS = (*COUNT_FIELDS, "engagements", "engagement_rate", "fetched_at")


@dataclass(frozen=True)
class SnapshotTarget:
    """What a snapshot needs to know about its published target (denormalised into LatestPostMetrics)."""

    target_id: int
    workspace_id: int
    account_id: int
    post_id: int
    platform: str
    content_type: str
    published_at: datetime


@dataclass(frozen=True)
class Snapshot:
    target: SnapshotTarget
    sample: MetricsSample
    fetched_at: datetime
    followers: int | None = None


def snapshot_target(target: PostTarget | SnapshotTarget) -> SnapshotTarget:
    """A `SnapshotTarget` from a published `PostTarget` (its account and post are loaded if needed)."""
    if isinstance(target, SnapshotTarget):
        return target
    if target.published_at is None:
        raise ValueError(f"target {target.id} is not published")
    return SnapshotTarget(
        target_id=target.id,
        workspace_id=target.workspace_id,
        account_id=target.account_id,
        post_id=target.post_id,
        platform=target.account.platform,
        content_type=target.post.content_type,
        published_at=target.published_at,
    )


def snapshot_targets(*, db: Session, target_ids: Sequence[int]) -> dict[int, SnapshotTarget]:
    """SnapshotTargets of many published targets in one query, by target id."""
    if not target_ids:
        return {}
    rows = db.execute(
        select(
            PostTarget.id,
            PostTarget.workspace_id,
            PostTarget.account_id,
            PostTarget.post_id,
            SocialAccount.platform,
            Post.content_type,
            PostTarget.published_at,
        )
        .join(SocialAccount, SocialAccount.id == PostTarget.account_id)
        .join(Post, Post.id == PostTarget.post_id)
        .where(PostTarget.id.in_(list(target_ids)), PostTarget.published_at.is_not(None))
    ).all()
    return {row[0]: SnapshotTarget(*row) for row in rows}


def _dialect_insert(db: Session, table):
    if db.get_bind().dialect.name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)


def _counts(snapshot: Snapshot) -> dict[str, Any]:
    platform, sample = snapshot.target.platform, snapshot.sample
    values: dict[str, Any] = {name: getattr(sample, name) for name in COUNT_FIELDS}
    values["engagements"] = engagements(platform, sample)
    values["engagement_rate"] = engagement_rate(platform, sample, snapshot.followers)
    values["fetched_at"] = snapshot.fetched_at
    return values


def record_snapshots(*, db: Session, snapshots: Iterable[Snapshot]) -> int:
    """Store many snapshots: one executemany insert into PostMetrics and one upsert executemany into
    LatestPostMetrics (the newest snapshot per target in this batch). Flushes, does not commit.
    Returns how many snapshots were stored."""
    snapshots = list(snapshots)
    if not snapshots:
        return 0
    history = []
    newest: dict[int, dict[str, Any]] = {}
    for snapshot in snapshots:
        target = snapshot.target
        counts = _counts(snapshot)
        history.append({"workspace_id": target.workspace_id, "target_id": target.target_id, **counts})
        current = newest.get(target.target_id)
        if current is None:
            newest[target.target_id] = {
                "target_id": target.target_id,
                "workspace_id": target.workspace_id,
                "account_id": target.account_id,
                "post_id": target.post_id,
                "platform": target.platform,
                "content_type": target.content_type,
                "published_at": target.published_at,
                "snapshots": 1,
                **counts,
            }
        else:
            seen = current["snapshots"] + 1
            if counts["fetched_at"] >= current["fetched_at"]:
                current.update(counts)
            current["snapshots"] = seen
    db.flush()
    db.execute(insert(PostMetrics), history)

    upsert = _dialect_insert(db, LatestPostMetrics)
    table = LatestPostMetrics.__table__
    newer = upsert.excluded.fetched_at >= table.c.fetched_at
    assignments = {name: case((newer, upsert.excluded[name]), else_=table.c[name]) for name in _SNAPSHOT_COLUMNS}
    assignments["snapshots"] = table.c.snapshots + upsert.excluded.snapshots
    db.execute(
        upsert.on_conflict_do_update(index_elements=[table.c.target_id], set_=assignments), list(newest.values())
    )
    return len(history)


def record_snapshot(
    *,
    db: Session,
    target: PostTarget | SnapshotTarget,
    sample: MetricsSample,
    fetched_at: datetime,
    followers: int | None = None,
) -> None:
    """Store one snapshot of `target` and bring its LatestPostMetrics row up to date (unless a newer fetch
    is already there). `followers` is the account's follower count, the rate's last-resort denominator.
    Flushes, does not commit."""
    record_snapshots(
        db=db,
        snapshots=[Snapshot(target=snapshot_target(target), sample=sample, fetched_at=fetched_at, followers=followers)],
    )


@dataclass(frozen=True)
class FollowerCount:
    workspace_id: int
    account_id: int
    day: date
    followers: int | None
    following: int | None
    fetched_at: datetime | None = None


def record_follower_counts(*, db: Session, counts: Iterable[FollowerCount]) -> int:
    """Upsert many (account, day) follower counts in one executemany; the last fetch of a day wins."""
    rows = [
        {
            "workspace_id": count.workspace_id,
            "account_id": count.account_id,
            "day": count.day,
            "followers": count.followers,
            "following": count.following,
            "fetched_at": count.fetched_at or utcnow(),
        }
        for count in counts
    ]
    if not rows:
        return 0
    db.flush()
    upsert = _dialect_insert(db, AccountMetrics)
    table = AccountMetrics.__table__
    db.execute(
        upsert.on_conflict_do_update(
            index_elements=[table.c.account_id, table.c.day],
            set_={name: upsert.excluded[name] for name in ("followers", "following", "fetched_at")},
        ),
        rows,
    )
    return len(rows)


def record_followers(
    *,
    db: Session,
    account: SocialAccount,
    day: date,
    followers: int | None,
    following: int | None,
    fetched_at: datetime | None = None,
) -> None:
    """Store the account's follower and following counts for `day` (UTC), replacing that day's earlier
    count. Flushes, does not commit."""
    record_follower_counts(
        db=db,
        counts=[FollowerCount(account.workspace_id, account.id, day, followers, following, fetched_at)],
    )


def followers_on(*, db: Session, account_id: int, moment: datetime) -> int | None:
    """The account's follower count on the latest day at or before `moment` (None if never counted)."""
    return db.scalar(
        select(AccountMetrics.followers)
        .where(
            AccountMetrics.account_id == account_id,
            AccountMetrics.day <= moment.date(),
            AccountMetrics.followers.is_not(None),
        )
        .order_by(AccountMetrics.day.desc())
        .limit(1)
    )
