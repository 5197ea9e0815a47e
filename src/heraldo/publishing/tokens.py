"""Keeping connected accounts' access tokens alive, one refresh per account at a time.

Why a lease: X and Bluesky refresh tokens rotate, and X's are single-use. Two workers refreshing the same
account at once would both send the same refresh token; the second gets `invalid_request` and the
account is logged out. So a refresh first takes a lease on the account row with an atomic
compare-and-set UPDATE (`refresh_lock_owner`, `refresh_lock_until`; the same statement on SQLite and
PostgreSQL), and a worker that finds the lease taken waits for it and then uses the other worker's
result. The new refresh token is committed in the same transaction that receives it, before the new
access token is handed to anyone.

An account is marked `needs_reconnect` only when the provider said the grant is dead (`AuthRevoked`:
`invalid_grant`, X's spent-token `invalid_request`, Meta 190, Mastodon 401, a dead Bluesky session
whose app password is refused too). Timeouts, 5xx and 429 raise `Transient` / `RateLimited` and leave
the account as it was.
"""

import os
import socket
import time
import uuid
from datetime import datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import and_, case, false, or_, select, update
from sqlalchemy.orm import Session

from heraldo.core.clock import utcnow
from heraldo.core.logging import get_logger
from heraldo.core.security.crypto import SecretBox
from heraldo.core.settings import Settings
from heraldo.posts.models import AccountStatus, SocialAccount
from heraldo.publishing.errors import AuthRevoked, Invalid, PublishError, Transient
from heraldo.publishing.oauth import bluesky, linkedin, mastodon, meta, x
from heraldo.publishing.oauth.grants import Refreshed

log = get_logger(__name__)

# A lease outlives any one token call (several HTTP timeouts), so it never lapses under a live refresh.
MIN_LEASE_SECONDS = 60
WAIT_SECONDS = 30.0
POLL_SECONDS = 0.2
# Threads and Instagram refuse to refresh a long-lived token younger than a day.
META_MIN_TOKEN_AGE = timedelta(hours=24)

# How long before expiry the periodic job renews a token: X (2-hour tokens) and Bluesky (short access
# JWTs) shortly before; Threads and Instagram at day 45 of 60; LinkedIn (refresh tokens) a week ahead.
REFRESH_AHEAD = {
    "x": timedelta(minutes=10),
    "bluesky": timedelta(minutes=10),
    "threads": timedelta(days=15),
    "instagram": timedelta(days=15),
    "linkedin": timedelta(days=7),
}
# Tokens that never expire (Facebook Page tokens, Mastodon) still die; check them this often.
HEALTH_CHECK_EVERY = timedelta(days=1)
HEALTH_CHECKED_PLATFORMS = ("facebook", "instagram", "mastodon")


def _lease_owner() -> str:
    return f"{socket.gethostname()[:24]}:{os.getpid()}:{uuid.uuid4().hex[:16]}"


def _try_lease(db: Session, account_id: int, owner: str, now: datetime, until: datetime) -> bool:
    """Compare-and-set: take the lease only if nobody holds it or the holder's lease has lapsed."""
    taken = db.execute(
        update(SocialAccount)
        .where(
            SocialAccount.id == account_id,
            or_(
                SocialAccount.refresh_lock_owner.is_(None),
                SocialAccount.refresh_lock_until.is_(None),
                SocialAccount.refresh_lock_until < now,
            ),
        )
        .values(refresh_lock_owner=owner, refresh_lock_until=until)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.commit()
    return taken == 1


def _release(db: Session, account_id: int, owner: str, **values: Any) -> None:
    """Write `values` and give the lease back (if it is still ours) in one committed UPDATE."""
    still_ours = SocialAccount.refresh_lock_owner == owner
    db.execute(
        update(SocialAccount)
        .where(SocialAccount.id == account_id)
        .values(
            refresh_lock_owner=case((still_ours, None), else_=SocialAccount.refresh_lock_owner),
            refresh_lock_until=case((still_ours, None), else_=SocialAccount.refresh_lock_until),
            **values,
        )
        .execution_options(synchronize_session=False)
    )
    db.commit()


def _reload(db: Session, account_id: int) -> SocialAccount:
    return db.execute(
        select(SocialAccount).where(SocialAccount.id == account_id).execution_options(populate_existing=True)
    ).scalar_one()


def _outcome_of_other_worker(box: SecretBox, account: SocialAccount) -> dict[str, Any]:
    if account.status == AccountStatus.NEEDS_RECONNECT.value:
        raise AuthRevoked(account.status_reason or "the account must be reconnected")
    return box.decrypt(account.credentials_encrypted) if account.credentials_encrypted else {}


def _too_young(account: SocialAccount, now: datetime) -> bool:
    return account.token_refreshed_at is not None and now - account.token_refreshed_at < META_MIN_TOKEN_AGE


def _expired(account: SocialAccount, now: datetime) -> bool:
    return account.token_expires_at is not None and account.token_expires_at <= now


def _unchanged(account: SocialAccount, credentials: dict[str, Any]) -> Refreshed:
    return Refreshed(credentials=credentials, expires_at=account.token_expires_at)


def renew(
    *, http: httpx.Client, settings: Settings, account: SocialAccount, credentials: dict[str, Any], now: datetime
) -> Refreshed:
    """Ask the account's provider for fresh credentials (or confirm that tokens without expiry still work).

    No lease, no database: `refresh_account` is the caller."""
    platform = account.platform
    if platform == "x":
        return x.refresh(http, settings, credentials)
    if platform == "bluesky":
        return bluesky.refresh(http, settings, credentials, account.instance_url)
    if platform == "linkedin":
        if credentials.get("refresh_token"):
            return linkedin.refresh(http, settings, credentials)
        if account.token_expires_at is not None and not _expired(account, now):
            return _unchanged(account, credentials)  # still valid, and nothing can extend it
        raise AuthRevoked(linkedin.RECONNECT_EVERY_60_DAYS)
    if platform == "threads" or (platform == "instagram" and credentials.get("login") == "instagram"):
        name = "Threads" if platform == "threads" else "Instagram"
        if _expired(account, now):
            raise AuthRevoked(f"the {name} token expired (60 days without a refresh); reconnect the account")
        if _too_young(account, now):
            return _unchanged(account, credentials)
        renew_long_lived = meta.threads_refresh if platform == "threads" else meta.instagram_refresh
        return renew_long_lived(http, settings, credentials)
    if platform in {"facebook", "instagram"}:
        return meta.check_page_token(http, settings, credentials, "Facebook" if platform == "facebook" else "Instagram")
    if platform == "mastodon":
        instance_url = account.instance_url or credentials.get("instance_url")
        if not instance_url:
            raise Invalid("this Mastodon account has no instance on file; reconnect it")
        return mastodon.check(http, instance_url, credentials)
    raise Invalid(f"{platform} accounts have no token to refresh")


def refresh_account(
    *,
    db: Session,
    settings: Settings,
    box: SecretBox,
    http: httpx.Client,
    account: SocialAccount,
    wait_seconds: float = WAIT_SECONDS,
    poll_seconds: float = POLL_SECONDS,
) -> dict[str, Any]:
    """Fresh credentials for `account`, refreshed with its provider; returns the decrypted credentials.

    At most one refresh of an account runs at a time (a lease on its row). A caller that finds the lease
    taken waits up to `wait_seconds` and returns the other worker's result instead of refreshing again;
    so does a caller whose credentials were already replaced since it loaded the account. Commits `db`
    (the lease, then the new tokens); `account` is reloaded with what was stored.

    Raises AuthRevoked (the account is now needs_reconnect, with the reason), Transient or RateLimited
    (the account is untouched; try later), Invalid (nothing to refresh, or a configuration problem)."""
    account_id = account.id
    # What the caller holds: if the row no longer says this, someone refreshed after the caller loaded it.
    seen = account.credentials_encrypted
    owner = _lease_owner()
    lease = timedelta(seconds=max(MIN_LEASE_SECONDS, settings.http_timeout_seconds * 4))
    deadline = time.monotonic() + wait_seconds
    while True:
        now = utcnow()
        if _try_lease(db, account_id, owner, now, now + lease):
            break
        current = _reload(db, account_id)
        if current.credentials_encrypted != seen or current.status == AccountStatus.NEEDS_RECONNECT.value:
            return _outcome_of_other_worker(box, current)
        if time.monotonic() >= deadline:
            raise Transient("another worker is refreshing this account's token; try again shortly", retry_after=5)
        time.sleep(poll_seconds)

    try:
        current = _reload(db, account_id)
        if current.credentials_encrypted != seen or current.status == AccountStatus.NEEDS_RECONNECT.value:
            _release(db, account_id, owner)
            return _outcome_of_other_worker(box, current)
        credentials = box.decrypt(current.credentials_encrypted) if current.credentials_encrypted else {}
        if not credentials:
            raise Invalid(f"@{current.handle} has no credentials to refresh")
        now = utcnow()
        refreshed = renew(http=http, settings=settings, account=current, credentials=credentials, now=now)
    except AuthRevoked as exc:
        db.rollback()
        _release(
            db,
            account_id,
            owner,
            status=AccountStatus.NEEDS_RECONNECT.value,
            status_reason=exc.message,
            last_checked_at=utcnow(),
        )
        _reload(db, account_id)
        log.warning("account needs reconnecting", account_id=account_id, platform=account.platform, reason=exc.message)
        raise
    except BaseException:
        db.rollback()
        _release(db, account_id, owner)
        raise

    values: dict[str, Any] = {"last_checked_at": now}
    if refreshed.credentials != credentials or refreshed.expires_at != current.token_expires_at:
        # The provider may already have spent the old refresh token: the new one is committed here, before
        # the access token goes back to the caller.
        values.update(
            credentials_encrypted=box.encrypt(refreshed.credentials),
            token_expires_at=refreshed.expires_at,
            token_refreshed_at=now,
        )
    try:
        _release(db, account_id, owner, **values)
    except Exception:
        db.rollback()
        log.error("refreshed tokens could not be stored", account_id=account_id, platform=account.platform)
        raise
    _reload(db, account_id)
    log.info("account token refreshed", account_id=account_id, platform=account.platform, rotated=len(values) > 1)
    return refreshed.credentials


def fresh_credentials(
    *,
    db: Session,
    settings: Settings,
    box: SecretBox,
    http: httpx.Client,
    account: SocialAccount,
    margin: timedelta = timedelta(minutes=2),
) -> dict[str, Any]:
    """The account's credentials, refreshed first if the access token expires within `margin`."""
    expires_at = account.token_expires_at
    if expires_at is not None and expires_at - utcnow() <= margin:
        return refresh_account(db=db, settings=settings, box=box, http=http, account=account)
    return box.decrypt(account.credentials_encrypted) if account.credentials_encrypted else {}


def store_credentials(
    *,
    db: Session,
    box: SecretBox,
    account: SocialAccount,
    credentials: dict[str, Any],
    expires_at: datetime | None = None,
) -> None:
    """Persist credentials a connector rotated mid-call, in their own commit (ConnectorContext.save_credentials)."""
    values: dict[str, Any] = {"credentials_encrypted": box.encrypt(credentials), "token_refreshed_at": utcnow()}
    if expires_at is not None:
        values["token_expires_at"] = expires_at
    db.execute(
        update(SocialAccount)
        .where(SocialAccount.id == account.id)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    db.commit()
    _reload(db, account.id)


def accounts_due_for_refresh(*, db: Session, now: datetime, limit: int = 100) -> list[int]:
    """Ids of accounts whose token expires soon (per REFRESH_AHEAD), or whose never-expiring token was not
    checked for a day; skipping accounts to reconnect, demo accounts and those being refreshed."""
    expiring = or_(
        *[
            and_(SocialAccount.platform == platform, SocialAccount.token_expires_at <= now + ahead)
            for platform, ahead in REFRESH_AHEAD.items()
        ]
    )
    unchecked = and_(
        SocialAccount.platform.in_(HEALTH_CHECKED_PLATFORMS),
        SocialAccount.token_expires_at.is_(None),
        or_(SocialAccount.last_checked_at.is_(None), SocialAccount.last_checked_at < now - HEALTH_CHECK_EVERY),
    )
    return list(
        db.scalars(
            select(SocialAccount.id)
            .where(
                SocialAccount.status != AccountStatus.NEEDS_RECONNECT.value,
                SocialAccount.is_demo == false(),
                SocialAccount.credentials_encrypted.is_not(None),
                or_(SocialAccount.refresh_lock_until.is_(None), SocialAccount.refresh_lock_until < now),
                or_(expiring, unchecked),
            )
            .order_by(SocialAccount.token_expires_at, SocialAccount.id)
            .limit(limit)
        )
    )


def refresh_expiring_accounts(
    *,
    db: Session,
    settings: Settings,
    box: SecretBox,
    http: httpx.Client,
    now: datetime | None = None,
    limit: int = 100,
) -> int:
    """Renew tokens before they expire (X within 10 minutes, Threads/Instagram at day 45 of 60...) and check
    tokens that never expire once a day. Returns how many accounts were refreshed or checked.

    An account another worker is refreshing is skipped (no waiting); a temporary failure is retried on
    the next run; a dead grant marks the account needs_reconnect."""
    done = 0
    for account_id in accounts_due_for_refresh(db=db, now=now or utcnow(), limit=limit):
        account = db.get(SocialAccount, account_id)
        if account is None:
            continue
        try:
            refresh_account(db=db, settings=settings, box=box, http=http, account=account, wait_seconds=0)
        except PublishError as exc:
            log.info(
                "token refresh not done", account_id=account_id, platform=account.platform, error=type(exc).__name__
            )
            continue
        done += 1
    return done
