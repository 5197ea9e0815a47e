"""LinkedIn: member authorization code, OpenID userinfo, refresh tokens (when the app has them)."""

from datetime import timedelta

import httpx
import pytest
from sqlalchemy import select

from heraldo.core.clock import utcnow
from heraldo.posts.models import AccountStatus, SocialAccount
from heraldo.publishing import tokens
from heraldo.publishing.errors import AuthRevoked
from tests.publishing.oauth.fakes import CALLBACK, connect, query_of, start


def test_authorize_url(client, tenant, providers):
    url = start(client, tenant.headers, "linkedin")
    assert url.startswith("https://www.linkedin.com/oauth/v2/authorization?")
    query = query_of(url)
    assert query["client_id"] == "li-client-id"
    assert query["redirect_uri"] == CALLBACK.format(platform="linkedin")
    assert "w_member_social" in query["scope"].split()


def test_round_trip_then_refresh_keeps_the_refresh_token(client, db, box, settings, tenant, providers):
    assert connect(client, tenant.headers, providers.linkedin, "linkedin").status_code == 303
    account = db.scalar(select(SocialAccount))
    assert account.platform_account_id == "urn:li:person:782bbtaQ"
    assert account.display_name == "Jane Doe"
    assert abs((account.token_expires_at - utcnow()) - timedelta(days=60)) < timedelta(minutes=1)
    credentials = box.decrypt(account.credentials_encrypted)
    assert credentials["refresh_token"] == "li-refresh-1"
    assert credentials["person_urn"] == "urn:li:person:782bbtaQ"

    with httpx.Client() as http:
        new = tokens.refresh_account(db=db, settings=settings, box=box, http=http, account=account)
    assert new["access_token"] != credentials["access_token"]
    assert new["refresh_token"] == "li-refresh-1"
    assert providers.linkedin.refresh_calls == 1


def test_invalid_grant_on_refresh_marks_the_account_for_reconnect(client, db, box, settings, tenant, providers):
    connect(client, tenant.headers, providers.linkedin, "linkedin")
    account = db.scalar(select(SocialAccount))
    providers.linkedin.refresh_tokens.clear()  # the member revoked the app
    with httpx.Client() as http, pytest.raises(AuthRevoked):
        tokens.refresh_account(db=db, settings=settings, box=box, http=http, account=account)
    db.expire_all()
    assert account.status == AccountStatus.NEEDS_RECONNECT.value
    assert "invalid" in account.status_reason


def test_without_refresh_tokens_an_expired_token_asks_to_reconnect_every_60_days(
    client, db, box, settings, tenant, providers
):
    providers.linkedin.issue_refresh = False
    connect(client, tenant.headers, providers.linkedin, "linkedin")
    account = db.scalar(select(SocialAccount))
    with httpx.Client() as http:
        # Still valid: nothing to do, nothing called, still active.
        tokens.refresh_account(db=db, settings=settings, box=box, http=http, account=account)
        assert account.status == AccountStatus.ACTIVE.value
        account.token_expires_at = utcnow() - timedelta(minutes=1)
        db.commit()
        with pytest.raises(AuthRevoked, match="60 days"):
            tokens.refresh_account(db=db, settings=settings, box=box, http=http, account=account)
    assert providers.linkedin.refresh_calls == 0
    db.expire_all()
    assert account.status == AccountStatus.NEEDS_RECONNECT.value
    assert "every 60 days" in account.status_reason
