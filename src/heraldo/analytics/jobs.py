"""Background jobs of the analytics domain: metric snapshots of published posts, daily follower counts.

`fetch_metrics` runs every 15 minutes and fetches each published target by age tier:
- published less than FRESH_AGE (48 h) ago: every run (at most once per FRESH_INTERVAL, so an extra
  tick or a second worker does not fetch the same post twice in a row);
- less than RECENT_AGE (30 days): when its latest snapshot is older than RECENT_INTERVAL (6 h);
- older: when its latest snapshot is older than OLD_INTERVAL (24 h).
Ids go to the platform in batches of its documented limit (BATCH_SIZE); each batch is stored and
committed before the next call. Per account: a rate limit stops that account's batches until the next
run (nothing is recorded for what was not fetched); an expired token is refreshed once; a revoked grant
marks the account needs_reconnect, as publishing does; any other failure is logged and skips only that
account. Demo accounts (seeded data) and accounts to reconnect are never fetched.
"""

from collections import defaultdict
from datetime import datetime, timedelta

import httpx
from sqlalchemy import and_, exists, false, or_, select
from sqlalchemy.orm import Session

from heraldo.analytics import snapshots
from heraldo.analytics.models import AccountMetrics, LatestPostMetrics
from heraldo.core.clock import utcnow
from heraldo.core.dispatch import job
from heraldo.core.logging import get_logger
from heraldo.core.security.crypto import SecretBox
from heraldo.core.settings import Settings, get_settings
from heraldo.posts.models import AccountStatus, PostTarget, SocialAccount, TargetStatus
from heraldo.publishing.account_calls import AccountCalls, AccountStop
from heraldo.publishing.connectors.registry import ConnectorUnavailable

log = get_logger(__name__)

FRESH_AGE = timedelta(hours=48)
FRESH_INTERVAL = timedelta(minutes=10)
RECENT_AGE = timedelta(days=30)
RECENT_INTERVAL = timedelta(hours=6)
OLD_INTERVAL = timedelta(hours=24)
# Targets considered per run, least recently fetched first; the rest wait for the next run.
MAX_TARGETS_PER_RUN = 5000
# Ids per fetch_metrics call: the platform's batch limit where it has a batch endpoint (X GET /2/tweets
# 100 ids, Bluesky getPosts 25 uris); others take one call per post, so a batch is just how much is
# stored and committed at a time.
BATCH_SIZE = {"x": 100, "bluesky": 25}
DEFAULT_BATCH_SIZE = 20


def due_targets(*, db: Session, now: datetime, limit: int = MAX_TARGETS_PER_RUN) -> list[tuple[int, int, str]]:
    """(target id, account id, platform post id) of published targets due for a metrics fetch."""
    last = LatestPostMetrics.fetched_at

    def stale(interval: timedelta):
        return or_(last.is_(None), last < now - interval)

    return [
        tuple(row)
        for row in db.execute(
            select(PostTarget.id, PostTarget.account_id, PostTarget.platform_post_id)
            .join(SocialAccount, SocialAccount.id == PostTarget.account_id)
            .outerjoin(LatestPostMetrics, LatestPostMetrics.target_id == PostTarget.id)
            .where(
                PostTarget.status == TargetStatus.PUBLISHED.value,
                PostTarget.platform_post_id.is_not(None),
                PostTarget.published_at.is_not(None),
                PostTarget.published_at <= now,
                SocialAccount.status == AccountStatus.ACTIVE.value,
                SocialAccount.is_demo == false(),
                or_(
                    and_(PostTarget.published_at >= now - FRESH_AGE, stale(FRESH_INTERVAL)),
                    and_(PostTarget.published_at >= now - RECENT_AGE, stale(RECENT_INTERVAL)),
                    stale(OLD_INTERVAL),
                ),
            )
            .order_by(last.is_not(None), last, PostTarget.id)
            .limit(limit)
        ).all()
    ]


def fetch_due_metrics(
    *, db: Session, settings: Settings, box: SecretBox, http: httpx.Client, now: datetime | None = None
) -> int:
    """Fetch and store metrics of every target due (see the module docstring). Returns snapshots stored."""
    now = now or utcnow()
    by_account: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for target_id, account_id, platform_post_id in due_targets(db=db, now=now):
        by_account[account_id].append((target_id, platform_post_id))
    stored = 0
    for account_id, targets in by_account.items():
        try:
            stored += _fetch_account(
                db=db, settings=settings, box=box, http=http, account_id=account_id, targets=targets
            )
        except AccountStop:
            continue
        except ConnectorUnavailable as exc:
            log.info("no connector for metrics", account_id=account_id, reason=str(exc))
        except Exception:  # one account's bug must not stop every other account's metrics
            db.rollback()
            log.exception("metrics fetch crashed", account_id=account_id)
    return stored


def _fetch_account(
    *,
    db: Session,
    settings: Settings,
    box: SecretBox,
    http: httpx.Client,
    account_id: int,
    targets: list[tuple[int, str]],
) -> int:
    account = db.get(SocialAccount, account_id)
    if account is None:
        return 0
    run = AccountCalls(db=db, settings=settings, box=box, http=http, account=account, what="metrics")
    followers = snapshots.followers_on(db=db, account_id=account_id, moment=utcnow())
    size = BATCH_SIZE.get(account.platform, DEFAULT_BATCH_SIZE)
    stored = 0
    for start in range(0, len(targets), size):
        batch = targets[start : start + size]
        ids_of: dict[str, list[int]] = defaultdict(list)
        for target_id, platform_post_id in batch:
            ids_of[platform_post_id].append(target_id)
        try:
            samples = run.call(lambda ctx, ids=list(ids_of): run.connector.fetch_metrics(ctx, ids))
        except AccountStop:
            break  # the rest waits for the next run
        fetched_at = utcnow()
        described = snapshots.snapshot_targets(db=db, target_ids=[target_id for target_id, _ in batch])
        rows = [
            snapshots.Snapshot(target=described[target_id], sample=sample, fetched_at=fetched_at, followers=followers)
            for sample in samples
            for target_id in ids_of.get(sample.platform_post_id, [])
            if target_id in described
        ]
        stored += snapshots.record_snapshots(db=db, snapshots=rows)
        db.commit()  # what was fetched stays stored even if a later batch is rate limited
    return stored


def accounts_without_followers_today(*, db: Session, now: datetime) -> list[int]:
    """Active, non-demo accounts with no AccountMetrics row for today (UTC)."""
    counted = exists().where(AccountMetrics.account_id == SocialAccount.id, AccountMetrics.day == now.date())
    return list(
        db.scalars(
            select(SocialAccount.id)
            .where(
                SocialAccount.status == AccountStatus.ACTIVE.value,
                SocialAccount.is_demo == false(),
                ~counted,
            )
            .order_by(SocialAccount.id)
        )
    )


def fetch_follower_counts_now(
    *, db: Session, settings: Settings, box: SecretBox, http: httpx.Client, now: datetime | None = None
) -> int:
    """Store today's follower/following counts of each account that has none yet. Returns rows stored."""
    now = now or utcnow()
    stored = 0
    for account_id in accounts_without_followers_today(db=db, now=now):
        account = db.get(SocialAccount, account_id)
        if account is None:
            continue
        try:
            run = AccountCalls(db=db, settings=settings, box=box, http=http, account=account, what="metrics")
            counts = run.call(run.connector.fetch_followers)
        except AccountStop:
            continue
        except ConnectorUnavailable:
            continue
        except Exception:
            db.rollback()
            log.exception("follower count crashed", account_id=account_id)
            continue
        if counts is None:
            continue  # the platform cannot tell (sandbox, or not implemented yet)
        followers, following = counts
        snapshots.record_followers(
            db=db, account=account, day=now.date(), followers=followers, following=following, fetched_at=utcnow()
        )
        db.commit()
        stored += 1
    return stored


def _shared_http(settings: Settings) -> httpx.Client:
    from heraldo.publishing.service import shared_http

    return shared_http(settings)


@job("fetch_metrics")
def fetch_metrics(*, db: Session) -> int:
    """Metric snapshots of published posts, tiered by age (every 15 minutes)."""
    settings = get_settings()
    return fetch_due_metrics(db=db, settings=settings, box=SecretBox(settings.secret_key), http=_shared_http(settings))


@job("fetch_follower_counts")
def fetch_follower_counts(*, db: Session) -> int:
    """Today's follower counts of accounts not counted yet today (runs hourly, fetches each account daily)."""
    settings = get_settings()
    return fetch_follower_counts_now(
        db=db, settings=settings, box=SecretBox(settings.secret_key), http=_shared_http(settings)
    )
