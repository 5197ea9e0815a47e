"""Publishing targets whose time has come: claim atomically, call the connector, record the outcome.

The rules that keep a post from going out twice or getting lost:
- the platform's id is committed the moment the connector answers, before anything else can fail;
- every retry first asks the platform whether the earlier attempt went out after all;
- a request that went out without an answer is never resent blindly: the platform is asked, and
  when it cannot tell, the target waits for a person (`needs_review`);
- a target a dead worker left in 'publishing' is reconciled the same way (`reconcile_stuck_targets`).
"""

import importlib
import os
import random
from collections.abc import Callable
from datetime import datetime, timedelta
from enum import StrEnum
from functools import lru_cache
from typing import Any, TypeVar

import httpx
from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import Session, joinedload

from heraldo.core.clock import utcnow
from heraldo.core.logging import get_logger
from heraldo.core.metrics import POSTS_PUBLISHED, PUBLISH_FAILURES
from heraldo.core.security.crypto import SecretBox
from heraldo.core.settings import Settings, get_settings
from heraldo.posts import service as posts_service
from heraldo.posts.media import MediaStorage, public_media_url
from heraldo.posts.models import AccountStatus, Post, PostMedia, PostTarget, TargetStatus
from heraldo.publishing import limits
from heraldo.publishing.connectors.base import (
    Connector,
    ConnectorContext,
    MediaFile,
    PublishRequest,
    PublishResult,
)
from heraldo.publishing.connectors.http import client_for
from heraldo.publishing.connectors.registry import ConnectorUnavailable, get_connector
from heraldo.publishing.errors import (
    RECONNECT_ERRORS,
    AuthExpired,
    Invalid,
    OutcomeUnknown,
    PublishError,
    Transient,
)
from heraldo.publishing.models import PublishAttempt

log = get_logger(__name__)

MAX_ATTEMPTS = 3
BASE_BACKOFF_SECONDS = 30
# Targets claimed per round. Small, so a claimed target never waits long behind its batch-mates while
# other workers, claiming too, share the burst.
CLAIM_BATCH = 10
# Our clock and the platform's disagree a little: look back this much further when asking what went out.
CLOCK_SKEW = timedelta(minutes=2)
# A target untouched in 'publishing' for this long was left by a worker that died mid-publish.
RECONCILE_AFTER = timedelta(minutes=5)
# A claim that sent nothing for this long goes back to the queue (safe: see `_mark_sending`).
RELEASE_UNSENT_AFTER = timedelta(minutes=1)
FIRST_COMMENT_SUFFIX = "-c1"

T = TypeVar("T")


class Outcome(StrEnum):
    """How one attempt ended (`PublishAttempt.outcome`)."""

    PUBLISHED = "published"
    RETRY = "retry"
    FAILED = "failed"
    NEEDS_REVIEW = "needs_review"
    NEEDS_RECONNECT = "needs_reconnect"
    ALREADY_PUBLISHED = "already_published"


# ---- claims -----------------------------------------------------------------------------------------------


def anything_due(*, db: Session, now: datetime) -> bool:
    """Whether any target is due: one read on the (status, due_at) index, no write lock taken."""
    due = db.scalar(
        select(PostTarget.id)
        .where(PostTarget.status == TargetStatus.SCHEDULED.value, PostTarget.due_at <= now)
        .limit(1)
    )
    return due is not None


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
        # updated_at doubles as the heartbeat the reconciliation reads (save_progress bumps it too).
        .values(status=TargetStatus.PUBLISHING.value, claimed_at=now, updated_at=now, attempts=PostTarget.attempts + 1)
        .returning(PostTarget.id)
        .execution_options(synchronize_session=False)
    ).all()
    db.commit()
    return list(claimed)


def retry_delay(attempt: int, retry_after: float | None) -> timedelta:
    """Exponential backoff with full jitter; never sooner than the platform asked."""
    backoff = random.uniform(0, BASE_BACKOFF_SECONDS * 2 ** (attempt - 1))
    return timedelta(seconds=max(backoff, retry_after or 0))


# ---- one publish run ----------------------------------------------------------------------------------------


@lru_cache
def _process_http(pid: int, timeout: float) -> httpx.Client:
    # One pooled client per process (keyed by pid: a forked Celery child must not reuse its parent's sockets).
    return client_for(timeout)


def shared_http(settings: Settings) -> httpx.Client:
    return _process_http(os.getpid(), settings.http_timeout_seconds)


def _load_targets(db: Session, target_ids: list[int]) -> dict[int, PostTarget]:
    """Targets with their account, post and media, in one SELECT however many (a claimed batch at once)."""
    if not target_ids:
        return {}
    rows = db.scalars(
        select(PostTarget)
        .where(PostTarget.id.in_(target_ids))
        .options(
            joinedload(PostTarget.account),
            joinedload(PostTarget.post).joinedload(Post.media_links).joinedload(PostMedia.media),
        )
        # The claim is a bulk UPDATE: a copy of this row already in the session would still say 'scheduled'.
        .execution_options(populate_existing=True)
    ).unique()
    return {target.id: target for target in rows}


def _media_files(post: Post, storage: MediaStorage, settings: Settings) -> list[MediaFile]:
    files = []
    for link in post.media_links:
        asset = link.media
        try:
            files.append(
                MediaFile(
                    path=storage.path(asset.storage_key),
                    content_type=asset.content_type,
                    filename=asset.filename,
                    public_url=public_media_url(asset, storage=storage, settings=settings),
                )
            )
        except OSError as exc:  # an object store that does not answer now may answer later
            raise Transient(f"media file {asset.filename!r} could not be read: {exc}") from exc
    return files


class PublishRun:
    """One target's trip to its platform: the connector, its context, and the one token refresh allowed."""

    def __init__(
        self,
        *,
        db: Session,
        box: SecretBox,
        settings: Settings,
        http: httpx.Client,
        target: PostTarget,
        connector: Connector,
    ):
        self.db, self.box, self.settings, self.http = db, box, settings, http
        self.target, self.connector = target, connector
        self.refreshed = False
        self.ctx = self.context(progress_key=None)

    def context(self, progress_key: str | None) -> ConnectorContext:
        """A connector context; `progress_key` files a sub-flow's progress (the first comment) apart."""

        def save_progress(progress: dict[str, Any]) -> None:
            # Committed at once: a container or upload id must survive this worker dying right after.
            saved = dict(self.target.progress or {})
            if progress_key is None:
                saved.update(progress)
            else:
                saved[progress_key] = dict(progress)
            self.target.progress = saved
            self.target.updated_at = utcnow()  # the heartbeat: a worker making progress is not stuck
            self.db.commit()

        def save_credentials(credentials: dict[str, Any]) -> None:
            # Committed before the new access token is used: rotated refresh tokens are single-use (X).
            self.target.account.credentials_encrypted = self.box.encrypt(credentials)
            self.db.commit()
            ctx.credentials = credentials

        ctx = ConnectorContext(
            db=self.db,
            account=self.target.account,
            credentials=posts_service.account_credentials(box=self.box, account=self.target.account),
            settings=self.settings,
            http=self.http,
            save_credentials=save_credentials,
            save_progress=save_progress,
        )
        return ctx

    def call(self, operation: Callable[[ConnectorContext], T], ctx: ConnectorContext | None = None) -> T:
        """Run one connector call; on AuthExpired refresh the account once (per run) and try once more."""
        ctx = ctx or self.ctx
        try:
            return operation(ctx)
        except AuthExpired as expired:
            if self.refreshed:
                raise
            if not self.db.is_active:
                # Only a broken session is rolled back: refresh_account compares the credentials this run
                # used with the row to spot another worker's refresh, so they must not be reloaded first.
                self.db.rollback()
            ctx.credentials = self.refresh(expired)
        # A second AuthExpired propagates: refreshing did not help, the account needs a person.
        return operation(ctx)

    def refresh(self, expired: AuthExpired) -> dict[str, Any]:
        self.refreshed = True
        try:
            tokens = importlib.import_module("heraldo.publishing.tokens")
        except ModuleNotFoundError as missing:
            if missing.name != "heraldo.publishing.tokens":
                raise
            raise AuthExpired(f"{expired.message}; this installation cannot refresh tokens") from expired
        return tokens.refresh_account(
            db=self.db, settings=self.settings, box=self.box, http=self.http, account=self.target.account
        )


def publish_target(
    *,
    db: Session,
    box: SecretBox,
    storage: MediaStorage,
    target_id: int,
    settings: Settings | None = None,
    http: httpx.Client | None = None,
) -> PostTarget | None:
    """Publish one claimed target and record what happened. Safe to call once per claim.

    Outcomes: published (id committed at once, then the first comment), rescheduled with backoff
    (rate limits, transient failures, up to MAX_ATTEMPTS), failed (refused content, dead grant: the
    account is flagged), or needs_review (sent without an answer and the platform cannot tell).
    Each attempt leaves a `PublishAttempt` row, committed with its outcome.
    """
    target = _load_targets(db, [target_id]).get(target_id)
    if target is None:
        return None
    return _publish_loaded(db=db, box=box, storage=storage, target=target, settings=settings, http=http)


def _publish_loaded(
    *,
    db: Session,
    box: SecretBox,
    storage: MediaStorage,
    target: PostTarget,
    settings: Settings | None,
    http: httpx.Client | None,
) -> PostTarget:
    """`publish_target` for a target already loaded with its account, post and media."""
    if target.status != TargetStatus.PUBLISHING.value:
        return target
    target_id = target.id
    settings = settings or get_settings()
    http = http or shared_http(settings)
    started = utcnow()
    account, post = target.account, target.post
    platform = account.platform
    run: PublishRun | None = None
    request: PublishRequest | None = None
    try:
        if account.status != AccountStatus.ACTIVE.value:
            raise Invalid(f"account @{account.handle} is {account.status.replace('_', ' ')}")
        if limits.overflow(platform, post.content):
            raise Invalid(f"text is longer than {platform}'s limit of {limits.text_limit(platform)}")
        run = PublishRun(db=db, box=box, settings=settings, http=http, target=target, connector=get_connector(platform))
        request = PublishRequest(
            text=post.content,
            idempotency_key=target.idempotency_key,
            media=_media_files(post, storage, settings),
            progress=dict(target.progress or {}),
        )
        if not _mark_sending(db, target):
            return target  # released by the reconciliation, or a redelivered task for a claim already sending
        result, outcome = None, Outcome.PUBLISHED
        if target.attempts > 1:
            # A retry first asks whether the earlier attempt went out after all.
            since = _since(db, target)
            result = run.call(lambda ctx: run.connector.find_published(ctx, request, since))
            outcome = Outcome.ALREADY_PUBLISHED
        if result is None:
            outcome = Outcome.PUBLISHED
            result = run.call(lambda ctx: run.connector.publish(ctx, request))
    except ConnectorUnavailable as exc:
        _settle_failed(db, target, started, str(exc), error_kind=type(exc).__name__)
    except OutcomeUnknown as exc:
        _resolve_unknown(db, run, target, request, started, exc)
    except PublishError as exc:
        _handle_publish_error(db, target, started, exc)
    except Exception as exc:  # a bug must not leave the target stuck in 'publishing'
        # Roll back first: after a failed flush the session refuses even to read `target` again.
        db.rollback()
        log.exception("publish crashed", target_id=target_id, platform=platform)
        target = db.get(PostTarget, target_id)
        _settle_failed(db, target, started, f"internal error: {type(exc).__name__}", error_kind=type(exc).__name__)
    else:
        _store_published(db, target, result, started, outcome)
        _publish_first_comment(run, target, result)
    return target


def _mark_sending(db: Session, target: PostTarget) -> bool:
    """Record, before any call goes out, that this claim is sending; False if it no longer may.

    The claim leaves updated_at == claimed_at; moving updated_at past it is a compare-and-set, so of this
    worker and a reconciliation releasing a never-sent claim (or a redelivered task), exactly one wins.
    """
    moment = utcnow()
    if target.claimed_at is not None and moment <= target.claimed_at:
        moment = target.claimed_at + timedelta(microseconds=1)
    taken = db.scalars(
        update(PostTarget)
        .where(
            PostTarget.id == target.id,
            PostTarget.status == TargetStatus.PUBLISHING.value,
            or_(PostTarget.updated_at == PostTarget.claimed_at, PostTarget.claimed_at.is_(None)),
        )
        .values(updated_at=moment)
        .returning(PostTarget.id)
        .execution_options(synchronize_session=False)
    ).all()
    db.commit()
    return bool(taken)


def _since(db: Session, target: PostTarget) -> datetime:
    """The earliest moment an earlier attempt of this target may have reached the platform."""
    first_attempt = db.scalar(select(func.min(PublishAttempt.started_at)).where(PublishAttempt.target_id == target.id))
    moments = [moment for moment in (first_attempt, target.claimed_at) if moment is not None]
    return min(moments or [target.scheduled_at or target.created_at]) - CLOCK_SKEW


def _attempt(
    target: PostTarget,
    started: datetime,
    outcome: Outcome,
    *,
    error_kind: str | None = None,
    message: str | None = None,
    retry_at: datetime | None = None,
    platform_post_id: str | None = None,
) -> PublishAttempt:
    return PublishAttempt(
        workspace_id=target.workspace_id,
        target_id=target.id,
        number=target.attempts,
        started_at=started,
        finished_at=utcnow(),
        outcome=outcome.value,
        error_kind=error_kind,
        message=message,
        retry_at=retry_at,
        platform_post_id=platform_post_id,
    )


def _store_published(
    db: Session,
    target: PostTarget,
    result: PublishResult,
    started: datetime,
    outcome: Outcome,
    message: str | None = None,
) -> None:
    """Record the platform's id and commit at once: nothing after this may lose it."""
    target.platform_post_id = result.platform_post_id
    target.platform_url = result.url
    target.published_at = result.published_at or utcnow()
    target.status = TargetStatus.PUBLISHED.value
    target.last_error = None
    db.add(_attempt(target, started, outcome, message=message, platform_post_id=result.platform_post_id))
    db.commit()
    POSTS_PUBLISHED.labels(target.account.platform).inc()
    log.info(
        "published",
        target_id=target.id,
        platform=target.account.platform,
        platform_post_id=result.platform_post_id,
        outcome=outcome.value,
    )


def _settle_failed(
    db: Session,
    target: PostTarget,
    started: datetime,
    reason: str,
    *,
    error_kind: str,
    outcome: Outcome = Outcome.FAILED,
) -> None:
    target.status = TargetStatus.FAILED.value
    target.last_error = reason
    db.add(_attempt(target, started, outcome, error_kind=error_kind, message=reason))
    db.commit()
    PUBLISH_FAILURES.labels(target.account.platform).inc()
    log.warning("publish failed", target_id=target.id, reason=reason)


def _handle_publish_error(db: Session, target: PostTarget, started: datetime, error: PublishError) -> None:
    db.rollback()
    kind = type(error).__name__
    # An AuthExpired that got here survived its one refresh: the grant is as good as revoked.
    if isinstance(error, (*RECONNECT_ERRORS, AuthExpired)):
        target.account.status = AccountStatus.NEEDS_RECONNECT.value
        target.account.status_reason = error.message
        _settle_failed(db, target, started, error.message, error_kind=kind, outcome=Outcome.NEEDS_RECONNECT)
        return
    if error.retryable and target.attempts < MAX_ATTEMPTS:
        retry_at = utcnow() + retry_delay(target.attempts, error.retry_after)
        target.status = TargetStatus.SCHEDULED.value
        target.due_at = retry_at
        target.last_error = f"attempt {target.attempts} failed, will retry: {error.message}"
        db.add(_attempt(target, started, Outcome.RETRY, error_kind=kind, message=error.message, retry_at=retry_at))
        db.commit()
        PUBLISH_FAILURES.labels(target.account.platform).inc()
        log.info("publish will retry", target_id=target.id, retry_at=retry_at.isoformat(), reason=error.message)
        return
    _settle_failed(db, target, started, error.message, error_kind=kind)


def _at(moment: datetime) -> str:
    return f"{moment:%Y-%m-%d %H:%M:%S} UTC"


def _resolve_unknown(
    db: Session,
    run: PublishRun | None,
    target: PostTarget,
    request: PublishRequest | None,
    started: datetime,
    error: OutcomeUnknown,
) -> None:
    """The request went out and no answer came back: ask the platform, never send again."""
    db.rollback()
    platform = target.account.platform
    found, note = None, ""
    if run is not None and request is not None:
        since = min(_since(db, target), started - CLOCK_SKEW)
        found, note = _lookup(run, request, since)
    if found is not None:
        _store_published(db, target, found, started, Outcome.PUBLISHED, message=f"answer lost, found on {platform}")
        _publish_first_comment(run, target, found)
        return
    reason = (
        f"request sent at {_at(started)}, no answer ({error.message}){note}; {platform} could not confirm "
        "whether it was published: check the account before retrying"
    )
    _settle_needs_review(db, target, started, reason, error_kind=type(error).__name__)


def _resend_with_same_key(
    run: PublishRun, request: PublishRequest, claimed_at: datetime
) -> tuple[PublishResult | None, str]:
    """Send again with the same idempotency key where the platform still remembers it; else (None, why not).

    Only from the reconciliation: by then the first request is long finished, so the platform has either
    stored the key with its post (and answers the repeat with that post) or never got it (and posts now).
    """
    window = run.connector.resend_safe_within
    if window is None:
        return None, ""
    platform = run.target.account.platform
    if utcnow() - claimed_at >= window:
        return None, f"; too late to re-send safely ({platform} forgets idempotency keys after about an hour)"
    try:
        return run.call(lambda ctx: run.connector.publish(ctx, request)), ""
    except PublishError as exc:
        run.db.rollback()
        return None, f"; re-sending with the same idempotency key failed: {exc.message}"


def _lookup(run: PublishRun, request: PublishRequest, since: datetime) -> tuple[PublishResult | None, str]:
    """Ask the platform for the post `request` made; a failed lookup counts as 'cannot tell'."""
    try:
        return run.call(lambda ctx: run.connector.find_published(ctx, request, since)), ""
    except PublishError as exc:
        run.db.rollback()
        return None, f"; asking {run.target.account.platform} failed too: {exc.message}"
    except Exception as exc:
        run.db.rollback()
        log.exception("find_published crashed", target_id=run.target.id)
        return None, f"; asking the platform crashed: {type(exc).__name__}"


def _settle_needs_review(db: Session, target: PostTarget, started: datetime, reason: str, *, error_kind: str) -> None:
    target.status = TargetStatus.NEEDS_REVIEW.value
    target.last_error = reason
    db.add(_attempt(target, started, Outcome.NEEDS_REVIEW, error_kind=error_kind, message=reason))
    db.commit()
    PUBLISH_FAILURES.labels(target.account.platform).inc()
    log.warning("publish needs review", target_id=target.id, reason=reason)


def _publish_first_comment(run: PublishRun | None, target: PostTarget, on: PublishResult) -> None:
    """Post `post.first_comment` under the published post. Its failure is recorded, never the post's."""
    text = target.post.first_comment
    if run is None or not text or target.first_comment_platform_id:
        return
    db = run.db
    ctx = run.context(progress_key="first_comment")
    request = PublishRequest(
        text=text,
        idempotency_key=target.idempotency_key + FIRST_COMMENT_SUFFIX,
        progress=dict((target.progress or {}).get("first_comment") or {}),
    )
    error = None
    for attempt in (1, 2):
        try:
            comment = run.call(lambda ctx: run.connector.comment(ctx, request, on=on), ctx)
        except Transient as exc:
            db.rollback()
            error = exc.message
            if attempt == 1:
                continue  # one more try in this run, at most
        except OutcomeUnknown as exc:
            db.rollback()
            error = f"no answer ({exc.message}); check the post before adding the comment again"
        except PublishError as exc:
            db.rollback()
            error = exc.message
        except Exception as exc:
            db.rollback()
            log.exception("first comment crashed", target_id=target.id)
            error = f"internal error: {type(exc).__name__}"
        else:
            target.first_comment_platform_id = comment.platform_post_id
            target.first_comment_error = None
            db.commit()
            return
        break
    target.first_comment_error = error
    db.commit()
    log.warning("first comment failed", target_id=target.id, reason=error)


def publish_due(
    *,
    db: Session,
    box: SecretBox,
    storage: MediaStorage,
    now: datetime | None = None,
    batch: int = CLAIM_BATCH,
    settings: Settings | None = None,
    http: httpx.Client | None = None,
) -> int:
    """Claim and publish every due target, batch by batch; returns how many were handled.

    When nothing is due this is one indexed read: it runs every second.
    """
    if not anything_due(db=db, now=now or utcnow()):
        db.commit()  # ends the read transaction; nothing was written
        return 0
    settings = settings or get_settings()
    http = http or shared_http(settings)
    handled = 0
    while True:
        claimed = claim_due_targets(db=db, now=now or utcnow(), limit=batch)
        loaded = _load_targets(db, claimed)
        for target_id in claimed:
            if target_id in loaded:
                _publish_loaded(db=db, box=box, storage=storage, target=loaded[target_id], settings=settings, http=http)
        handled += len(claimed)
        if len(claimed) < batch:
            return handled


# ---- reconciliation -----------------------------------------------------------------------------------------


def reconcile_stuck_targets(
    *,
    db: Session,
    box: SecretBox,
    storage: MediaStorage,
    settings: Settings | None = None,
    http: httpx.Client | None = None,
    now: datetime | None = None,
    older_than: timedelta = RECONCILE_AFTER,
    unsent_after: timedelta = RELEASE_UNSENT_AFTER,
    limit: int = 100,
) -> int:
    """Settle targets a dead worker left in 'publishing'; returns how many were released or settled.

    - Claimed but never sent (no call went out: `updated_at` still equals `claimed_at`) for longer than
      `unsent_after`: back to 'scheduled', due at once, the claim not counted as an attempt.
    - Sending, with neither the claim nor the last progress (`updated_at`) newer than `older_than`: the
      platform is asked whether the post went out. Found → published; otherwise, or when it cannot tell
      → needs_review with what is known. Nothing that may have gone out is ever sent again from here.
    """
    now = now or utcnow()
    cutoff = now - older_than
    never_sent = and_(PostTarget.updated_at == PostTarget.claimed_at, PostTarget.claimed_at < now - unsent_after)
    sending_stuck = and_(
        PostTarget.updated_at != PostTarget.claimed_at,
        PostTarget.claimed_at < cutoff,
        PostTarget.updated_at < cutoff,
    )
    publishing = PostTarget.status == TargetStatus.PUBLISHING.value
    stuck = list(
        db.scalars(
            select(PostTarget.id).where(publishing, or_(never_sent, sending_stuck)).order_by(PostTarget.id).limit(limit)
        )
    )
    db.commit()
    if not stuck:
        return 0
    settings = settings or get_settings()
    http = http or shared_http(settings)
    handled = 0
    for target_id in stuck:
        # Compare-and-set on each kind: against the worker's own start, and against another reconciler.
        released = db.scalars(
            update(PostTarget)
            .where(PostTarget.id == target_id, publishing, never_sent)
            .values(status=TargetStatus.SCHEDULED.value, attempts=PostTarget.attempts - 1, updated_at=now)
            .returning(PostTarget.id)
            .execution_options(synchronize_session=False)
        ).all()
        db.commit()
        if released:
            log.info("released a claim that was never sent", target_id=target_id)
            handled += 1
            continue
        taken = db.scalars(
            update(PostTarget)
            .where(PostTarget.id == target_id, publishing, sending_stuck)
            .values(updated_at=now)
            .returning(PostTarget.id)
            .execution_options(synchronize_session=False)
        ).all()
        db.commit()
        if taken:
            _reconcile_one(db=db, box=box, storage=storage, settings=settings, http=http, target_id=target_id)
            handled += 1
    return handled


def _reconcile_one(
    *, db: Session, box: SecretBox, storage: MediaStorage, settings: Settings, http: httpx.Client, target_id: int
) -> None:
    target = _load_targets(db, [target_id]).get(target_id)
    if target is None or target.status != TargetStatus.PUBLISHING.value:
        return
    started = target.claimed_at or target.updated_at
    platform = target.account.platform
    run, request, found, note = None, None, None, ""
    try:
        run = PublishRun(db=db, box=box, settings=settings, http=http, target=target, connector=get_connector(platform))
        request = PublishRequest(
            text=target.post.content,
            idempotency_key=target.idempotency_key,
            media=_media_files(target.post, storage, settings),
            progress=dict(target.progress or {}),
        )
        found, note = _lookup(run, request, _since(db, target))
    except (ConnectorUnavailable, PublishError) as exc:
        db.rollback()
        note = f"; {exc}"
    except Exception as exc:
        db.rollback()
        log.exception("reconciliation crashed", target_id=target_id)
        note = f"; internal error: {type(exc).__name__}"
    message = f"found on {platform} after the worker stopped"
    if found is None and run is not None and request is not None:
        found, resend_note = _resend_with_same_key(run, request, started)
        message = f"re-sent with the same idempotency key after the worker stopped (within {platform}'s window)"
        note += resend_note
    if found is not None:
        _store_published(db, target, found, started, Outcome.PUBLISHED, message=message)
        _publish_first_comment(run, target, found)
        return
    saved = f"; saved progress: {target.progress}" if target.progress else ""
    reason = (
        f"publishing started at {_at(started)} and the worker stopped without an answer{note}{saved}; "
        f"{platform} could not confirm whether it was published: check the account before retrying"
    )
    _settle_needs_review(db, target, started, reason, error_kind="WorkerLost")
