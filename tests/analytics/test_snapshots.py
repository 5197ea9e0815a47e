"""Metric snapshots and follower counts (analytics/snapshots.py) on SQLite and PostgreSQL."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from heraldo.analytics import snapshots
from heraldo.analytics.models import AccountMetrics, LatestPostMetrics, PostMetrics
from heraldo.posts.models import PostTarget
from heraldo.publishing.connectors.base import MetricsSample
from heraldo.publishing.platforms import Platform
from tests.factories import create_account, create_post

PUBLISHED = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def publish(db, tenant, account, content="Fresh bread", platform_post_id="p1", published_at=PUBLISHED):
    post = create_post(db, tenant.id, [account.id], content=content, content_type="image")
    target = post.targets[0]
    target.status, target.platform_post_id, target.published_at = "published", platform_post_id, published_at
    db.commit()
    return target


@pytest.fixture
def account(db, tenant):
    return create_account(db, tenant.id, handle="bakery", platform=Platform.MASTODON)


def test_a_snapshot_adds_history_and_sets_the_latest_row(db, tenant, account):
    target = publish(db, tenant, account)
    first = PUBLISHED + timedelta(hours=1)
    snapshots.record_snapshot(
        db=db,
        target=target,
        sample=MetricsSample("p1", likes=4, comments=1, shares=0, quotes=0),
        fetched_at=first,
        followers=100,
    )
    db.commit()
    latest = db.get(LatestPostMetrics, target.id)
    # Mastodon: (4 + 1 + 0 + 0) / 100 followers
    assert (latest.likes, latest.engagements, latest.engagement_rate, latest.snapshots) == (4, 5, 0.05, 1)
    assert (latest.platform, latest.content_type, latest.account_id, latest.post_id) == (
        "mastodon",
        "image",
        account.id,
        target.post_id,
    )
    assert latest.published_at == PUBLISHED and latest.fetched_at == first

    second = first + timedelta(hours=1)
    snapshots.record_snapshot(
        db=db,
        target=target,
        sample=MetricsSample("p1", likes=10, comments=3, shares=2, quotes=1),
        fetched_at=second,
        followers=200,
    )
    db.commit()
    db.expire_all()
    latest = db.get(LatestPostMetrics, target.id)
    # (10 + 3 + 2 + 1) / 200 = 0.08
    assert (latest.likes, latest.engagements, latest.engagement_rate, latest.snapshots) == (10, 16, 0.08, 2)
    assert latest.fetched_at == second
    history = db.execute(select(PostMetrics.likes, PostMetrics.fetched_at).order_by(PostMetrics.fetched_at)).all()
    assert history == [(4, first), (10, second)]


def test_an_older_fetch_never_overwrites_a_newer_one(db, tenant, account):
    target = publish(db, tenant, account)
    newer, older = PUBLISHED + timedelta(hours=5), PUBLISHED + timedelta(hours=2)
    snapshots.record_snapshot(db=db, target=target, sample=MetricsSample("p1", likes=50), fetched_at=newer)
    db.commit()
    snapshots.record_snapshot(db=db, target=target, sample=MetricsSample("p1", likes=20), fetched_at=older)
    db.commit()
    db.expire_all()
    latest = db.get(LatestPostMetrics, target.id)
    assert (latest.likes, latest.fetched_at, latest.snapshots) == (50, newer, 2)
    assert db.scalar(select(func.count()).select_from(PostMetrics)) == 2


def test_batch_stores_many_targets_and_keeps_each_ones_newest(db, tenant, account):
    one = publish(db, tenant, account, "one", "p1")
    two = publish(db, tenant, account, "two", "p2")
    described = snapshots.snapshot_targets(db=db, target_ids=[one.id, two.id])
    t0 = PUBLISHED + timedelta(hours=1)
    rows = [
        snapshots.Snapshot(described[one.id], MetricsSample("p1", likes=3, impressions=100), t0 + timedelta(hours=2)),
        snapshots.Snapshot(described[one.id], MetricsSample("p1", likes=1, impressions=50), t0),
        snapshots.Snapshot(described[two.id], MetricsSample("p2", likes=7, impressions=70), t0),
    ]
    assert snapshots.record_snapshots(db=db, snapshots=rows) == 3
    db.commit()
    latest = {row.target_id: row for row in db.scalars(select(LatestPostMetrics))}
    assert (latest[one.id].likes, latest[one.id].snapshots, latest[one.id].engagement_rate) == (3, 2, 0.03)
    assert (latest[two.id].likes, latest[two.id].snapshots, latest[two.id].engagement_rate) == (7, 1, 0.1)
    assert db.scalar(select(func.count()).select_from(PostMetrics)) == 3


def test_follower_counts_are_one_row_per_account_and_day(db, tenant, account):
    day = date(2026, 11, 24)
    snapshots.record_followers(db=db, account=account, day=day, followers=100, following=10)
    snapshots.record_followers(db=db, account=account, day=day, followers=104, following=11)
    snapshots.record_followers(db=db, account=account, day=day + timedelta(days=1), followers=110, following=11)
    db.commit()
    rows = db.execute(
        select(AccountMetrics.day, AccountMetrics.followers, AccountMetrics.following).order_by(AccountMetrics.day)
    ).all()
    assert rows == [(day, 104, 11), (day + timedelta(days=1), 110, 11)]
    moment = datetime(2026, 11, 24, 23, tzinfo=UTC)
    assert snapshots.followers_on(db=db, account_id=account.id, moment=moment) == 104
    assert snapshots.followers_on(db=db, account_id=account.id, moment=moment - timedelta(days=3)) is None


def test_unpublished_targets_are_refused(db, tenant, account):
    post = create_post(db, tenant.id, [account.id])
    target: PostTarget = post.targets[0]
    with pytest.raises(ValueError):
        snapshots.record_snapshot(db=db, target=target, sample=MetricsSample("x"), fetched_at=PUBLISHED)
