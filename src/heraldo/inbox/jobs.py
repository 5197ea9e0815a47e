"""Filling the inbox: every few minutes, new comments, replies and mentions of each connected account.

Per account, a cursor remembers the newest item seen; the next fetch asks for items since then (less a small
overlap, since platforms index late; duplicates are dropped by platform id). A first fetch looks back
INITIAL_LOOKBACK. A rate limit stops that account until the time the platform gave; an expired token is
refreshed once; a revoked grant marks the account needs_reconnect (see publishing/account_calls.py). Each new
item is analysed as it is stored; then, where the workspace allows it, answered automatically.
"""

from datetime import datetime, timedelta

import httpx
from sqlalchemy import false, or_, select
from sqlalchemy.orm import Session

from heraldo.core.clock import as_utc, utcnow
from heraldo.core.dispatch import job
from heraldo.core.logging import get_logger
from heraldo.core.security.crypto import SecretBox
from heraldo.core.settings import Settings, get_settings
from heraldo.inbox import ingest, replies
from heraldo.inbox.analysis.pipeline import Analyzer, get_analyzer
from heraldo.inbox.models import InboxCursor, Interaction
from heraldo.inbox.service import get_settings_row
from heraldo.posts.models import AccountStatus, SocialAccount
from heraldo.publishing.account_calls import AccountCalls, AccountStop
from heraldo.publishing.connectors.registry import ConnectorUnavailable
from heraldo.publishing.service import shared_http

log = get_logger(__name__)

INITIAL_LOOKBACK = timedelta(days=7)
OVERLAP = timedelta(minutes=10)
# When the platform gives no time to wait after a rate limit.
DEFAULT_BACKOFF = timedelta(minutes=15)
MAX_ACCOUNTS_PER_RUN = 1000


def due_accounts(*, db: Session, now: datetime, workspace_id: int | None = None) -> list[int]:
    """Active, real accounts whose cursor does not ask to wait, least recently fetched first."""
    query = (
        select(SocialAccount.id)
        .outerjoin(InboxCursor, InboxCursor.account_id == SocialAccount.id)
        .where(
            SocialAccount.status == AccountStatus.ACTIVE.value,
            SocialAccount.is_demo == false(),
            or_(InboxCursor.next_fetch_after.is_(None), InboxCursor.next_fetch_after <= now),
        )
        .order_by(InboxCursor.last_fetched_at.is_not(None), InboxCursor.last_fetched_at, SocialAccount.id)
        .limit(MAX_ACCOUNTS_PER_RUN)
    )
    if workspace_id is not None:
        query = query.where(SocialAccount.workspace_id == workspace_id)
    return list(db.scalars(query))


def _cursor(db: Session, account: SocialAccount) -> InboxCursor:
    cursor = db.get(InboxCursor, account.id)
    if cursor is None:
        cursor = InboxCursor(account_id=account.id, workspace_id=account.workspace_id)
        db.add(cursor)
    return cursor


def fetch_account(
    *,
    db: Session,
    settings: Settings,
    box: SecretBox,
    http: httpx.Client,
    account: SocialAccount,
    analyzer: Analyzer,
    now: datetime,
) -> list[int]:
    """Fetch, analyse and store one account's new interactions; ids of those created (committed)."""
    cursor = _cursor(db, account)
    newest = as_utc(cursor.newest_received_at) if cursor.newest_received_at else None
    since = newest - OVERLAP if newest else now - INITIAL_LOOKBACK
    calls = AccountCalls(db=db, settings=settings, box=box, http=http, account=account, what="inbox")
    try:
        samples = calls.call(lambda ctx: calls.connector.fetch_interactions(ctx, since))
    except AccountStop as stop:
        cursor = _cursor(db, account)  # a revoked grant rolled the session back
        cursor.last_fetched_at = now
        cursor.last_error = stop.reason
        wait = timedelta(seconds=stop.retry_after) if stop.retry_after else DEFAULT_BACKOFF
        cursor.next_fetch_after = now + wait
        db.commit()
        return []
    created = ingest.store(db=db, account=account, samples=samples, analyzer=analyzer)
    received = [as_utc(sample.received_at) for sample in samples if sample.received_at]
    if received:
        cursor.newest_received_at = max([*received, *([newest] if newest else [])])
    cursor.last_fetched_at = now
    cursor.last_error = None
    cursor.next_fetch_after = None
    db.commit()
    return created


def answer_automatically(
    *,
    db: Session,
    settings: Settings,
    box: SecretBox,
    http: httpx.Client,
    account: SocialAccount,
    interaction_ids: list[int],
) -> int:
    """Auto-replies to one account's new interactions where its workspace allows it; how many went out."""
    inbox_settings = get_settings_row(db=db, workspace_id=account.workspace_id)
    if not inbox_settings.auto_reply_enabled:
        return 0
    # All loaded before the first reply: each reply commits.
    new = db.scalars(select(Interaction).where(Interaction.id.in_(interaction_ids)).order_by(Interaction.id)).all()
    sent = 0
    for interaction in new:
        reply = replies.auto_reply(
            db=db, settings=settings, box=box, http=http, interaction=interaction, inbox_settings=inbox_settings
        )
        sent += reply is not None
    return sent


def fetch_inbox_now(
    *,
    db: Session,
    settings: Settings,
    box: SecretBox,
    http: httpx.Client,
    analyzer: Analyzer | None = None,
    now: datetime | None = None,
    workspace_id: int | None = None,
) -> int:
    """Fetch every due account (of one workspace when given); returns how many interactions were new."""
    now = now or utcnow()
    analyzer = analyzer or get_analyzer(settings)
    created_total = 0
    for account_id in due_accounts(db=db, now=now, workspace_id=workspace_id):
        account = db.get(SocialAccount, account_id)
        if account is None:
            continue
        try:
            created = fetch_account(
                db=db, settings=settings, box=box, http=http, account=account, analyzer=analyzer, now=now
            )
        except ConnectorUnavailable as exc:
            log.info("no connector for inbox", account_id=account_id, reason=str(exc))
            continue
        except Exception:  # one account's bug must not stop every other account's inbox
            db.rollback()
            log.exception("inbox fetch crashed", account_id=account_id)
            continue
        created_total += len(created)
        if created:
            answer_automatically(db=db, settings=settings, box=box, http=http, account=account, interaction_ids=created)
    return created_total


@job("fetch_inbox")
def fetch_inbox(*, db: Session, workspace_id: int | None = None) -> int:
    """New comments, replies and mentions of every connected account (every 2 minutes)."""
    settings = get_settings()
    return fetch_inbox_now(
        db=db,
        settings=settings,
        box=SecretBox(settings.secret_key),
        http=shared_http(settings),
        workspace_id=workspace_id,
    )
