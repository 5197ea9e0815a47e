"""Contract tests of `Connector.fetch_followers` (Mastodon verify_credentials, Bluesky getProfile) on respx."""

from typing import Any

import httpx
import pytest
import respx

from heraldo.core.settings import Settings
from heraldo.posts.models import SocialAccount
from heraldo.publishing.connectors import bluesky, mastodon, sandbox
from heraldo.publishing.connectors.base import ConnectorContext
from heraldo.publishing.errors import AuthRevoked, RateLimited
from tests.publishing.connectors.test_bluesky import jwt

INSTANCE = "https://social.example.test"
PDS = "https://pds.bsky.test"
DID = "did:plc:acme123"


def context(platform: str, credentials: dict[str, Any], client: httpx.Client, **account: Any) -> ConnectorContext:
    return ConnectorContext(
        db=None,
        account=SocialAccount(workspace_id=1, platform=platform, handle="acme", **account),
        credentials=credentials,
        settings=Settings(_env_file=None, bluesky_pds_url=PDS, http_timeout_seconds=5),
        http=client,
    )


@pytest.fixture
def client():
    with respx.mock(assert_all_called=False) as router, httpx.Client() as http_client:
        yield router, http_client


def test_mastodon_followers_come_from_verify_credentials(client):
    router, http_client = client
    route = router.get(f"{INSTANCE}/api/v1/accounts/verify_credentials").mock(
        return_value=httpx.Response(
            200, json={"id": "1", "acct": "acme", "followers_count": 1234, "following_count": 56, "statuses_count": 9}
        )
    )
    ctx = context("mastodon", {"access_token": "tok"}, http_client, instance_url=INSTANCE + "/")
    assert mastodon.connector.fetch_followers(ctx) == (1234, 56)
    assert route.calls.last.request.headers["authorization"] == "Bearer tok"


def test_mastodon_errors_are_classified(client):
    router, http_client = client
    router.get(f"{INSTANCE}/api/v1/accounts/verify_credentials").mock(
        side_effect=[
            httpx.Response(401, json={"error": "The access token was revoked"}),
            httpx.Response(
                429,
                json={"error": "Too many requests"},
                headers={"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "2099-01-01T00:00:00.000Z"},
            ),
        ]
    )
    ctx = context("mastodon", {"access_token": "tok"}, http_client, instance_url=INSTANCE)
    with pytest.raises(AuthRevoked):
        mastodon.connector.fetch_followers(ctx)
    with pytest.raises(RateLimited):
        mastodon.connector.fetch_followers(ctx)


def test_bluesky_followers_come_from_get_profile_of_our_did(client):
    router, http_client = client
    route = router.get(f"{PDS}/xrpc/app.bsky.actor.getProfile").mock(
        return_value=httpx.Response(
            200, json={"did": DID, "handle": "acme.bsky.social", "followersCount": 321, "followsCount": 45}
        )
    )
    access = jwt(DID, "com.atproto.appPass", 7200)
    credentials = {"access_jwt": access, "refresh_jwt": jwt(DID, "com.atproto.refresh", 86400), "did": DID}
    ctx = context("bluesky", credentials, http_client, platform_account_id=DID)
    assert bluesky.connector.fetch_followers(ctx) == (321, 45)
    request = route.calls.last.request
    assert request.url.params["actor"] == DID
    assert request.headers["authorization"] == f"Bearer {access}"


def test_bluesky_rate_limit_is_rate_limited(client):
    router, http_client = client
    router.get(f"{PDS}/xrpc/app.bsky.actor.getProfile").mock(
        return_value=httpx.Response(
            429, json={"error": "RateLimitExceeded", "message": "Rate Limit Exceeded"}, headers={"RateLimit-Reset": "1"}
        )
    )
    credentials = {"access_jwt": jwt(DID, "com.atproto.appPass", 7200), "did": DID}
    with pytest.raises(RateLimited):
        bluesky.connector.fetch_followers(context("bluesky", credentials, http_client, platform_account_id=DID))


def test_the_sandbox_has_no_audience():
    assert sandbox.connector.fetch_followers(None) is None
