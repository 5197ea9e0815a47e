"""The metrics and follower jobs (analytics/jobs.py): tiers, batches, rate limits, dead grants, end to end
against a respx-faked Mastodon instance, on SQLite and PostgreSQL."""

from datetime import timedelta

import httpx
import pytest
import respx
from sqlalchemy import func, select

from heraldo.analytics import jobs, snapshots
from heraldo.analytics.models import AccountMetrics, LatestPostMetrics, PostMetrics
from heraldo.core.clock import utcnow
from heraldo.core.dispatch import registered_jobs
from heraldo.posts.models import AccountStatus, SocialAccount
from heraldo.publishing.connectors.base import MetricsSample
from heraldo.publishing.platforms import Platform
from heraldo.worker import BEAT
from tests.factories import create_account, create_post

INSTANCE = "https://social.example.test"
TOKEN = "masto-token"


def publish(db, tenant, account, platform_post_id, age, content=None):
    post = create_post(db, tenant.id, [account.id], content=content or f"post {platform_post_id}")
    target = post.targets[0]
    target.status, target.platform_post_id = "published", platform_post_id
    target.published_at = utcnow() - age
    db.commit()
    return target


def mastodon_account(db, tenant, handle="bakery", token=TOKEN):
    account = create_account(
        db, tenant.id, handle=handle, platform=Platform.MASTODON, credentials={"access_token": token}
    )
    account.instance_url = INSTANCE
    db.commit()
    return account


def status(status_id, likes, reblogs, replies):
    return {
        "id": status_id,
        "content": "<p>hi</p>",
        "favourites_count": likes,
        "reblogs_count": reblogs,
        "replies_count": replies,
    }


def test_jobs_are_registered_and_beaten():
    assert {"fetch_metrics", "fetch_follower_counts"} <= set(registered_jobs())
    every = {entry.job: entry.every_seconds for entry in BEAT}
    assert every["fetch_metrics"] == 900 and every["fetch_follower_counts"] == 3600


def test_the_job_stores_snapshots_from_a_mastodon_answer(db, settings, tenant):
    account = mastodon_account(db, tenant)
    target = publish(db, tenant, account, "111", timedelta(hours=3))
    snapshots.record_followers(db=db, account=account, day=utcnow().date(), followers=400, following=20)
    db.commit()
    with respx.mock(assert_all_called=True) as router:
        route = router.get(f"{INSTANCE}/api/v1/statuses/111").mock(
            return_value=httpx.Response(200, json=status("111", likes=30, reblogs=6, replies=4))
        )
        assert jobs.fetch_metrics(db=db) == 1
    assert route.calls.last.request.headers["authorization"] == f"Bearer {TOKEN}"
    latest = db.get(LatestPostMetrics, target.id)
    # (30 + 4 + 6) / 400 followers = 0.1
    assert (latest.likes, latest.shares, latest.comments, latest.engagements) == (30, 6, 4, 40)
    assert latest.engagement_rate == pytest.approx(0.1)
    assert latest.platform == "mastodon" and latest.snapshots == 1
    assert db.scalar(select(func.count()).select_from(PostMetrics)) == 1

    # Fetched a moment ago: the next tick leaves it alone (every run, not twice in one run).
    with respx.mock(assert_all_called=False) as router:
        again = router.get(f"{INSTANCE}/api/v1/statuses/111")
        assert jobs.fetch_metrics(db=db) == 0
        assert not again.called


def test_tiers_by_age_and_last_fetch(db, settings, tenant):
    account = create_account(db, tenant.id, handle="box")
    now = utcnow()
    ages = {
        "fresh-never": (timedelta(hours=2), None),
        "fresh-15min": (timedelta(hours=30), timedelta(minutes=15)),
        "fresh-5min": (timedelta(hours=30), timedelta(minutes=5)),
        "recent-7h": (timedelta(days=10), timedelta(hours=7)),
        "recent-5h": (timedelta(days=10), timedelta(hours=5)),
        "old-25h": (timedelta(days=60), timedelta(hours=25)),
        "old-23h": (timedelta(days=60), timedelta(hours=23)),
        "old-never": (timedelta(days=200), None),
    }
    ids = {}
    for name, (age, fetched_ago) in ages.items():
        target = publish(db, tenant, account, name, age)
        ids[name] = target.id
        if fetched_ago is not None:
            snapshots.record_snapshot(db=db, target=target, sample=MetricsSample(name), fetched_at=now - fetched_ago)
    db.commit()
    due = {platform_post_id for _, _, platform_post_id in jobs.due_targets(db=db, now=now)}
    assert due == {"fresh-never", "fresh-15min", "recent-7h", "old-25h", "old-never"}


def test_demo_and_disconnected_accounts_are_not_fetched(db, settings, tenant):
    demo = create_account(db, tenant.id, handle="demo", is_demo=True)
    gone = create_account(db, tenant.id, handle="gone")
    publish(db, tenant, demo, "d1", timedelta(hours=1))
    publish(db, tenant, gone, "g1", timedelta(hours=1))
    gone.status = AccountStatus.NEEDS_RECONNECT.value
    db.commit()
    assert jobs.due_targets(db=db, now=utcnow()) == []


def test_a_rate_limit_stops_the_account_keeps_what_was_fetched_and_spares_other_accounts(
    db, settings, tenant, monkeypatch
):
    monkeypatch.setattr(jobs, "DEFAULT_BATCH_SIZE", 1)
    account = mastodon_account(db, tenant)
    first = publish(db, tenant, account, "1", timedelta(hours=1))
    second = publish(db, tenant, account, "2", timedelta(hours=1))
    third = publish(db, tenant, account, "3", timedelta(hours=1))
    box_account = create_account(db, tenant.id, handle="box")
    other = publish(db, tenant, box_account, "s1", timedelta(hours=1))
    limited = httpx.Response(
        429, json={"error": "Too many requests"}, headers={"X-RateLimit-Remaining": "0", "Retry-After": "60"}
    )
    with respx.mock(assert_all_called=False) as router:
        router.get(f"{INSTANCE}/api/v1/statuses/1").mock(return_value=httpx.Response(200, json=status("1", 1, 0, 0)))
        router.get(f"{INSTANCE}/api/v1/statuses/2").mock(return_value=limited)
        never = router.get(f"{INSTANCE}/api/v1/statuses/3")
        assert jobs.fetch_metrics(db=db) == 2
        assert not never.called
    stored = set(db.scalars(select(LatestPostMetrics.target_id)))
    assert stored == {first.id, other.id}
    assert second.id not in stored and third.id not in stored
    db.refresh(account)
    assert account.status == AccountStatus.ACTIVE.value
    # The next run picks up what was left.
    with respx.mock(assert_all_called=True) as router:
        router.get(f"{INSTANCE}/api/v1/statuses/2").mock(return_value=httpx.Response(200, json=status("2", 2, 0, 0)))
        router.get(f"{INSTANCE}/api/v1/statuses/3").mock(return_value=httpx.Response(200, json=status("3", 3, 0, 0)))
        assert jobs.fetch_metrics(db=db) == 2


def test_a_revoked_grant_marks_the_account_and_the_job_goes_on(db, settings, tenant):
    dead = mastodon_account(db, tenant, handle="dead", token="revoked-token")
    alive = mastodon_account(db, tenant, handle="alive")
    publish(db, tenant, dead, "10", timedelta(hours=1))
    kept = publish(db, tenant, alive, "20", timedelta(hours=1))

    def answer(request: httpx.Request) -> httpx.Response:
        if request.headers["authorization"] != f"Bearer {TOKEN}":
            return httpx.Response(401, json={"error": "The access token was revoked"})
        return httpx.Response(200, json=status("20", 5, 1, 1))

    with respx.mock(assert_all_called=False) as router:
        router.route(host="social.example.test").mock(side_effect=answer)
        assert jobs.fetch_metrics(db=db) == 1
    db.expire_all()
    assert db.get(SocialAccount, dead.id).status == AccountStatus.NEEDS_RECONNECT.value
    assert db.get(SocialAccount, alive.id).status == AccountStatus.ACTIVE.value
    assert set(db.scalars(select(LatestPostMetrics.target_id))) == {kept.id}
    assert db.scalar(select(func.count()).select_from(PostMetrics)) == 1


def test_an_expired_token_is_refreshed_once(db, settings, tenant, monkeypatch):
    from heraldo.publishing import tokens
    from heraldo.publishing.connectors.sandbox import SandboxConnector
    from heraldo.publishing.errors import AuthExpired

    account = create_account(db, tenant.id, handle="box", credentials={"token": "old"})
    target = publish(db, tenant, account, "s1", timedelta(hours=1))
    calls = []

    def expiring(self, ctx, ids):
        calls.append(dict(ctx.credentials))
        if ctx.credentials.get("token") == "old":
            raise AuthExpired("token expired")
        return [MetricsSample(pid, likes=2, impressions=10) for pid in ids]

    def refresh(**kwargs):
        return {"token": "new"}

    monkeypatch.setattr(SandboxConnector, "fetch_metrics", expiring)
    monkeypatch.setattr(tokens, "refresh_account", refresh)
    assert jobs.fetch_metrics(db=db) == 1
    assert calls == [{"token": "old"}, {"token": "new"}]
    assert db.get(LatestPostMetrics, target.id).engagement_rate == pytest.approx(0.2)


def test_follower_counts_once_a_day_for_accounts_that_can_tell(db, settings, tenant):
    account = mastodon_account(db, tenant)
    create_account(db, tenant.id, handle="box")  # the sandbox has no audience: no row, no error
    with respx.mock(assert_all_called=True) as router:
        route = router.get(f"{INSTANCE}/api/v1/accounts/verify_credentials").mock(
            return_value=httpx.Response(200, json={"id": "1", "followers_count": 812, "following_count": 33})
        )
        assert jobs.fetch_follower_counts(db=db) == 1
        assert jobs.fetch_follower_counts(db=db) == 0
        assert route.call_count == 1
    rows = db.execute(select(AccountMetrics.account_id, AccountMetrics.day, AccountMetrics.followers)).all()
    assert rows == [(account.id, utcnow().date(), 812)]
