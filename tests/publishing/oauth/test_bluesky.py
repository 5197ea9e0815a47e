"""Bluesky: createSession from a handle and an app password, refreshSession rotation, fallbacks."""

from datetime import timedelta

import httpx
import pytest
from sqlalchemy import select

from heraldo.core.clock import utcnow
from heraldo.posts.models import AccountStatus, SocialAccount
from heraldo.publishing import tokens
from heraldo.publishing.errors import AuthRevoked, RateLimited
from heraldo.publishing.oauth.bluesky import jwt_expiry

APP_PASSWORD = "abcd-efgh-ijkl-mnop"


def _connect(client, tenant, **body):
    return client.post(
        "/api/accounts/connect/bluesky",
        json={"handle": "@acme.bsky.social", "app_password": APP_PASSWORD, **body},
        headers=tenant.headers,
    )


def test_connect_keeps_the_session_and_the_pds_from_the_did_doc(client, db, box, tenant, providers):
    answer = _connect(client, tenant)
    assert answer.status_code == 201, answer.text
    assert APP_PASSWORD not in answer.text and "accessJwt" not in answer.text
    body = answer.json()
    assert (body["platform"], body["handle"]) == ("bluesky", "acme.bsky.social")

    account = db.scalar(select(SocialAccount))
    assert account.platform_account_id == "did:plc:ewvi7nxzyoun6zhxrhs64oiz"
    assert account.instance_url == "https://pds.example.net"
    credentials = box.decrypt(account.credentials_encrypted)
    assert credentials["refresh_jwt"] in providers.bluesky.refresh_jwts
    assert credentials["app_password"] == APP_PASSWORD and credentials["identifier"] == "acme.bsky.social"
    # Expiry read from the JWT, not assumed.
    assert account.token_expires_at == jwt_expiry(credentials["access_jwt"])
    assert abs(account.token_expires_at - (utcnow() + timedelta(hours=2))) < timedelta(minutes=1)
    assert APP_PASSWORD not in account.credentials_encrypted


def test_a_short_handle_means_bsky_social(client, providers, tenant):
    assert _connect(client, tenant, handle="acme").status_code == 201


def test_wrong_app_password_is_a_422_on_the_field_and_nothing_is_stored(client, db, tenant, providers):
    answer = _connect(client, tenant, app_password="wrong-pass-word-1234")
    assert answer.status_code == 422
    assert answer.json()["field"] == "app_password"
    assert "wrong-pass-word-1234" not in answer.text
    assert db.scalar(select(SocialAccount.id)) is None


def test_rate_limited_login_is_a_429(client, tenant, providers):
    # Same pattern as the fake's route: respx replaces its answer.
    providers.router.post("https://bsky.social/xrpc/com.atproto.server.createSession").mock(
        return_value=httpx.Response(429, json={"error": "RateLimitExceeded", "message": "Rate Limit Exceeded"})
    )
    answer = _connect(client, tenant)
    assert answer.status_code == 429
    assert "retry-after" in answer.headers


def test_refresh_session_rotates_and_sends_the_refresh_jwt_in_the_header(client, db, box, settings, tenant, providers):
    _connect(client, tenant)
    account = db.scalar(select(SocialAccount))
    first = box.decrypt(account.credentials_encrypted)
    with httpx.Client() as http:
        second = tokens.refresh_account(db=db, settings=settings, box=box, http=http, account=account)
        third = tokens.refresh_account(db=db, settings=settings, box=box, http=http, account=account)
    assert providers.bluesky.refresh_bodies == [b"", b""]  # no body: the token rides in Authorization
    assert len({first["refresh_jwt"], second["refresh_jwt"], third["refresh_jwt"]}) == 3
    assert first["refresh_jwt"] not in providers.bluesky.refresh_jwts  # rotated away
    assert providers.bluesky.create_calls == 1  # no new logins
    assert box.decrypt(account.credentials_encrypted)["refresh_jwt"] == third["refresh_jwt"]


def test_dead_session_logs_in_again_with_the_app_password_once(client, db, box, settings, tenant, providers):
    _connect(client, tenant)
    account = db.scalar(select(SocialAccount))
    providers.bluesky.refresh_jwts.clear()  # ExpiredToken on refreshSession
    with httpx.Client() as http:
        tokens.refresh_account(db=db, settings=settings, box=box, http=http, account=account)
    assert providers.bluesky.create_calls == 2
    assert account.status == AccountStatus.ACTIVE.value


def test_revoked_app_password_means_reconnect_but_a_429_does_not(client, db, box, settings, tenant, providers):
    _connect(client, tenant)
    account = db.scalar(select(SocialAccount))
    with httpx.Client() as http:
        providers.bluesky.fail_next = [
            httpx.Response(429, headers={"ratelimit-reset": "0"}, json={"error": "RateLimitExceeded"})
        ]
        with pytest.raises(RateLimited):
            tokens.refresh_account(db=db, settings=settings, box=box, http=http, account=account)
        assert account.status == AccountStatus.ACTIVE.value

        providers.bluesky.refresh_jwts.clear()
        providers.bluesky.app_password = "a-new-one"
        with pytest.raises(AuthRevoked, match="app password"):
            tokens.refresh_account(db=db, settings=settings, box=box, http=http, account=account)
    db.expire_all()
    assert account.status == AccountStatus.NEEDS_RECONNECT.value
