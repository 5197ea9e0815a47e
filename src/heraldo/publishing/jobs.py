"""Background jobs of the publishing domain."""

from datetime import timedelta

from sqlalchemy.orm import Session

from heraldo.core.dispatch import job
from heraldo.core.security.crypto import SecretBox
from heraldo.core.settings import get_settings
from heraldo.posts.media import media_storage_for
from heraldo.publishing import service


@job("publish_due_posts")
def publish_due_posts(*, db: Session) -> int:
    """Publish every target whose time has come, exactly once even with several workers."""
    settings = get_settings()
    # Runs every second: when nothing is due, publish_due is one indexed read and builds nothing else.
    return service.publish_due(
        db=db, box=SecretBox(settings.secret_key), storage=media_storage_for(settings), settings=settings
    )


@job("reconcile_stuck_publishing")
def reconcile_stuck_publishing(*, db: Session, older_than_seconds: float | None = None) -> int:
    """Settle targets a dead worker left in 'publishing': ask the platform, never send again."""
    settings = get_settings()
    if older_than_seconds is None:
        # Longer than the slowest honest publish (media processing plus a few calls), so a worker that
        # is still at it is never second-guessed.
        slowest = settings.media_poll_timeout_seconds + 4 * settings.http_timeout_seconds
        older_than = max(service.RECONCILE_AFTER, timedelta(seconds=slowest))
    else:
        older_than = timedelta(seconds=older_than_seconds)
    return service.reconcile_stuck_targets(
        db=db,
        box=SecretBox(settings.secret_key),
        storage=media_storage_for(settings),
        settings=settings,
        older_than=older_than,
        unsent_after=min(service.RELEASE_UNSENT_AFTER, older_than),
    )


@job("refresh_expiring_tokens")
def refresh_expiring_accounts(*, db: Session) -> int:
    """Renew access tokens before they expire and check the ones that never do (publishing.tokens)."""
    from heraldo.publishing import tokens
    from heraldo.publishing.connectors.http import client_for

    settings = get_settings()
    with client_for(settings.http_timeout_seconds) as http:
        return tokens.refresh_expiring_accounts(db=db, settings=settings, box=SecretBox(settings.secret_key), http=http)
