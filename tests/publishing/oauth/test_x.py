"""X: authorization code with PKCE through the API and the callback, Basic auth, single-use refresh tokens."""

from datetime import timedelta

import httpx
import pytest
import respx
from sqlalchemy import select

from heraldo.core.clock import utcnow
from heraldo.posts.models import AccountStatus, SocialAccount
from heraldo.publishing import tokens
from heraldo.publishing.errors import AuthRevoked
from heraldo.publishing.oauth import x
from tests.publishing.oauth.fakes import CALLBACK, connect, form_of, query_of, start


def test_authorize_url_asks_for_pkce_s256_and_offline_access(client, tenant, providers):
    url = start(client, tenant.headers, "x")
    assert url.startswith("https://x.com/i/oauth2/authorize?")
    query = query_of(url)
    assert query["client_id"] == "x-client-id"
    assert query["redirect_uri"] == CALLBACK.format(platform="x")
    assert query["code_challenge_method"] == "S256"
    assert len(query["code_challenge"]) == 43
    assert "offline.access" in query["scope"].split()
    assert "x-client-secret-value" not in url


def test_round_trip_creates_the_account_with_encrypted_tokens(client, db, box, tenant, providers):
    answer = connect(client, tenant.headers, providers.x, "x")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/accounts"

    account = db.scalar(select(SocialAccount).where(SocialAccount.workspace_id == tenant.id))
    assert (account.platform, account.handle, account.platform_account_id) == ("x", "acmebakery", "2244994945")
    assert account.status == AccountStatus.ACTIVE.value
    assert abs((account.token_expires_at - utcnow()) - timedelta(hours=2)) < timedelta(minutes=1)
    assert "x-access-1" not in account.credentials_encrypted
    credentials = box.decrypt(account.credentials_encrypted)
    assert credentials["access_token"] == "x-access-1"
    assert credentials["refresh_token"] == "x-refresh-1"

    listed = client.get("/api/accounts", headers=tenant.headers)
    assert listed.json()["items"][0]["token_expires_at"] is not None
    assert "x-access-1" not in listed.text and "x-refresh-1" not in listed.text


def test_manual_refresh_rotates_and_a_replayed_refresh_token_means_reconnect(
    client, db, box, settings, tenant, providers
):
    connect(client, tenant.headers, providers.x, "x")
    account = db.scalar(select(SocialAccount))
    old = box.decrypt(account.credentials_encrypted)

    refreshed = client.post(f"/api/accounts/{account.id}/refresh", headers=tenant.headers)
    assert refreshed.status_code == 200, refreshed.text
    assert "x-access-2" not in refreshed.text
    db.expire_all()
    assert box.decrypt(account.credentials_encrypted)["refresh_token"] == "x-refresh-2"

    # The old refresh token was spent: X answers invalid_request, which is a dead grant, not a retry.
    with httpx.Client() as http, pytest.raises(AuthRevoked, match="token was invalid"):
        x.refresh(http, settings, old)

    # A worker that lost the new pair (only the spent token on file) ends with a reconnect request.
    account.credentials_encrypted = box.encrypt(old)
    db.commit()
    with httpx.Client() as http, pytest.raises(AuthRevoked):
        tokens.refresh_account(db=db, settings=settings, box=box, http=http, account=account)
    db.expire_all()
    assert account.status == AccountStatus.NEEDS_RECONNECT.value
    assert "token was invalid" in account.status_reason
    assert client.post(f"/api/accounts/{account.id}/refresh", headers=tenant.headers).status_code == 409


def test_reconnecting_updates_the_same_account_and_makes_it_active(client, db, box, tenant, providers):
    connect(client, tenant.headers, providers.x, "x")
    account = db.scalar(select(SocialAccount))
    account.status, account.status_reason = AccountStatus.NEEDS_RECONNECT.value, "revoked"
    db.commit()

    connect(client, tenant.headers, providers.x, "x")
    db.expire_all()
    accounts = db.scalars(select(SocialAccount)).all()
    assert [a.id for a in accounts] == [account.id]
    assert accounts[0].status == AccountStatus.ACTIVE.value and accounts[0].status_reason is None
    assert box.decrypt(accounts[0].credentials_encrypted)["access_token"] == "x-access-2"


def test_public_clients_send_client_id_in_the_body_instead_of_basic_auth(settings):
    settings.x_client_secret = None
    with httpx.Client() as http, respx.mock() as router:
        route = router.post("https://api.x.com/2/oauth2/token").mock(
            return_value=httpx.Response(200, json={"access_token": "a", "refresh_token": "r", "expires_in": 7200})
        )
        x.refresh(http, settings, {"access_token": "old", "refresh_token": "r0"})
    request = route.calls.last.request
    assert "authorization" not in request.headers
    assert form_of(request) == {"grant_type": "refresh_token", "refresh_token": "r0", "client_id": "x-client-id"}
