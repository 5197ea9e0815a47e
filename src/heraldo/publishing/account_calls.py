"""Connector calls for one account outside publishing (metrics, followers, inbox), with one token refresh.

What a call's failure means for the account is decided here once: a rate limit or any other platform
error stops this account until the next run; an expired token is refreshed once; a revoked grant marks
the account needs_reconnect, as publishing does.
"""

from collections.abc import Callable
from typing import Any, TypeVar

import httpx
from sqlalchemy.orm import Session

from heraldo.core.logging import get_logger
from heraldo.core.security.crypto import SecretBox
from heraldo.core.settings import Settings
from heraldo.posts import service as posts_service
from heraldo.posts.models import AccountStatus, SocialAccount
from heraldo.publishing import tokens
from heraldo.publishing.connectors.base import Connector, ConnectorContext
from heraldo.publishing.connectors.registry import get_connector
from heraldo.publishing.errors import AuthExpired, AuthRevoked, PublishError, RateLimited

log = get_logger(__name__)

T = TypeVar("T")


class AccountStop(Exception):
    """This account is done for this run (rate limited, revoked, or failing); the job carries on."""

    def __init__(self, reason: str, *, retry_after: float | None = None):
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


class AccountCalls:
    """Connector calls for one account, with the one token refresh a run allows."""

    def __init__(
        self, *, db: Session, settings: Settings, box: SecretBox, http: httpx.Client, account: SocialAccount, what: str
    ):
        self.db, self.settings, self.box, self.http, self.account = db, settings, box, http, account
        self.what = what  # "metrics", "inbox"...: named in the logs
        self.connector: Connector = get_connector(account.platform)
        self.refreshed = False

        def save_credentials(credentials: dict[str, Any]) -> None:
            # Committed before the new token is used: rotated refresh tokens are single-use (X, Bluesky).
            tokens.store_credentials(db=db, box=box, account=account, credentials=credentials)
            self.ctx.credentials = credentials

        self.ctx = ConnectorContext(
            db=db,
            account=account,
            credentials=posts_service.account_credentials(box=box, account=account),
            settings=settings,
            http=http,
            save_credentials=save_credentials,
        )

    def call(self, operation: Callable[[ConnectorContext], T]) -> T:
        try:
            try:
                return operation(self.ctx)
            except AuthExpired:
                if self.refreshed:
                    raise
                self.refreshed = True
                self.ctx.credentials = tokens.refresh_account(
                    db=self.db, settings=self.settings, box=self.box, http=self.http, account=self.account
                )
                return operation(self.ctx)
        except RateLimited as exc:
            log.info(f"{self.what} rate limited", account_id=self.account.id, retry_after=exc.retry_after)
            raise AccountStop(exc.message, retry_after=exc.retry_after) from exc
        except (AuthRevoked, AuthExpired) as exc:
            self.db.rollback()
            # The same outcome a publish gets from a dead grant (refresh_account has already set it when it
            # was the refresh that found the grant dead).
            self.account.status = AccountStatus.NEEDS_RECONNECT.value
            self.account.status_reason = exc.message
            self.db.commit()
            log.warning("account needs reconnecting", account_id=self.account.id, reason=exc.message)
            raise AccountStop(exc.message) from exc
        except PublishError as exc:
            log.info(
                f"{self.what} call failed", account_id=self.account.id, error=type(exc).__name__, reason=exc.message
            )
            raise AccountStop(exc.message) from exc
