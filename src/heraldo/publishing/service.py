"""Publishing targets whose time has come: claim atomically, call the connector, record the outcome."""

import random
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload

from heraldo.core.clock import utcnow
from heraldo.core.logging import get_logger
from heraldo.core.metrics import POSTS_PUBLISHED, PUBLISH_FAILURES
from heraldo.core.security.crypto import SecretBox
from heraldo.posts import service as posts_service
from heraldo.posts.media import MediaStorage
from heraldo.posts.models import AccountStatus, Post, PostMedia, PostTarget, TargetStatus
from heraldo.publishing import limits
from heraldo.publishing.connectors.base import ConnectorContext, MediaFile, PublishRequest
from heraldo.publishing.connectors.registry import ConnectorUnavailable, get_connector
from heraldo.publishing.errors import RECONNECT_ERRORS, Invalid, PublishError

log = get_logger(__name__)

MAX_ATTEMPTS = 3
BASE_BACKOFF_SECONDS = 30


def claim_due_targets(*, db: Session, now: datetime, limit: int = 100) -> list[int]:
    """Move up to `limit` due targets from scheduled to publishing and return their ids.

    One UPDATE ... RETURNING; on PostgreSQL the candidate rows are picked with FOR UPDATE SKIP LOCKED
    in a materialised CTE, so concurrent workers claim disjoint sets; SQLite serialises writers, and the
    status condition in the UPDATE makes the claim a compare-and-set. Either way a target is claimed once.
    """
    candidates = (
        select(PostTarget.id)
        .where(PostTarget.status == TargetStatus.SCHEDULED.value, PostTarget.due_at <= now)
        .order_by(PostTarget.due_at)
        .limit(limit)
    )
    if db.get_bind().dialect.name == "postgresql":
        # As a plain IN (subquery) PostgreSQL may re-run the locking LIMIT for every row it updates
        # (nested-loop semi join), skipping rows already updated, and so claim everything due at once.
        picked = candidates.with_for_update(skip_locked=True).cte("picked").prefix_with("MATERIALIZED")
        candidates = select(picked.c.id)
    claimed = db.scalars(
        update(PostTarget)
        .where(PostTarget.id.in_(candidates.scalar_subquery()), PostTarget.status == TargetStatus.SCHEDULED.value)
        .values(status=TargetStatus.PUBLISHING.value, claimed_at=now, attempts=PostTarget.attempts + 1)
        .returning(PostTarget.id)
        .execution_options(synchronize_session=False)
    ).all()
    db.commit()
    return list(claimed)


def retry_delay(attempt: int, retry_after: float | None) -> timedelta:
    """Exponential backoff with full jitter; never sooner than the platform asked."""
    backoff = random.uniform(0, BASE_BACKOFF_SECONDS * 2 ** (attempt - 1))
    return timedelta(seconds=max(backoff, retry_after or 0))


def _media_files(post: Post, storage: MediaStorage) -> list[MediaFile]:
    return [
        MediaFile(
            path=storage.path(link.media.storage_key),
            content_type=link.media.content_type,
            filename=link.media.filename,
        )
        for link in post.media_links
    ]


def publish_target(*, db: Session, box: SecretBox, storage: MediaStorage, target_id: int) -> PostTarget:
    """Publish one claimed target and record what happened. Safe to call once per claim."""
    target = db.scalar(
        select(PostTarget)
        .where(PostTarget.id == target_id)
        .options(
            selectinload(PostTarget.account),
            selectinload(PostTarget.post).selectinload(Post.media_links).selectinload(PostMedia.media),
        )
        # The claim is a bulk UPDATE: a copy of this row already in the session would still say 'scheduled'.
        .execution_options(populate_existing=True)
    )
    if target is None or target.status != TargetStatus.PUBLISHING.value:
        return target
    account, post = target.account, target.post
    platform = account.platform
    try:
        if account.status != AccountStatus.ACTIVE.value:
            raise Invalid(f"account @{account.handle} is {account.status.replace('_', ' ')}")
        if limits.overflow(platform, post.content):
            raise Invalid(f"text is longer than {platform}'s limit of {limits.text_limit(platform)}")
        connector = get_connector(platform)
        ctx = ConnectorContext(
            db=db, account=account, credentials=posts_service.account_credentials(box=box, account=account)
        )
        request = PublishRequest(
            text=post.content,
            idempotency_key=target.idempotency_key,
            media=_media_files(post, storage),
            progress=dict(target.progress or {}),
        )
        # A retry first asks whether the earlier attempt went out after all.
        result = None
        if target.attempts > 1:
            result = connector.find_published(ctx, request, target.scheduled_at or target.created_at)
        if result is None:
            result = connector.publish(ctx, request)
    except ConnectorUnavailable as exc:
        _fail(db, target, str(exc))
    except PublishError as exc:
        _handle_publish_error(db, target, exc)
    except Exception as exc:  # a bug must not leave the target stuck in 'publishing'
        # Roll back first: after a failed flush the session refuses even to read `target` again.
        db.rollback()
        log.exception("publish crashed", target_id=target_id, platform=platform)
        target = db.get(PostTarget, target_id)
        _fail(db, target, f"internal error: {type(exc).__name__}")
    else:
        target.platform_post_id = result.platform_post_id
        target.platform_url = result.url
        target.published_at = result.published_at
        target.status = TargetStatus.PUBLISHED.value
        target.last_error = None
        db.commit()
        POSTS_PUBLISHED.labels(platform).inc()
        log.info("published", target_id=target.id, platform=platform, platform_post_id=result.platform_post_id)
    return target


def _fail(db: Session, target: PostTarget, reason: str) -> None:
    target.status = TargetStatus.FAILED.value
    target.last_error = reason
    db.commit()
    PUBLISH_FAILURES.labels(target.account.platform).inc()
    log.warning("publish failed", target_id=target.id, reason=reason)


def _handle_publish_error(db: Session, target: PostTarget, error: PublishError) -> None:
    db.rollback()
    if isinstance(error, RECONNECT_ERRORS):
        target.account.status = AccountStatus.NEEDS_RECONNECT.value
        target.account.status_reason = error.message
    if error.retryable and target.attempts < MAX_ATTEMPTS:
        target.status = TargetStatus.SCHEDULED.value
        target.due_at = utcnow() + retry_delay(target.attempts, error.retry_after)
        target.last_error = f"attempt {target.attempts} failed, will retry: {error.message}"
        db.commit()
        PUBLISH_FAILURES.labels(target.account.platform).inc()
        return
    _fail(db, target, error.message)


def publish_due(
    *, db: Session, box: SecretBox, storage: MediaStorage, now: datetime | None = None, batch: int = 100
) -> int:
    """Claim and publish every due target, batch by batch; returns how many were handled."""
    handled = 0
    while True:
        claimed = claim_due_targets(db=db, now=now or utcnow(), limit=batch)
        for target_id in claimed:
            publish_target(db=db, box=box, storage=storage, target_id=target_id)
        handled += len(claimed)
        if len(claimed) < batch:
            return handled
