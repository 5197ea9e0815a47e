"""Mastodon: Heraldo registers once per instance and reuses it; authorize with PKCE; 401 means reconnect."""

import httpx
import pytest
from sqlalchemy import select

from heraldo.core.errors import InvalidInput
from heraldo.posts.models import AccountStatus, SocialAccount
from heraldo.publishing import tokens
from heraldo.publishing.errors import AuthRevoked, Transient
from heraldo.publishing.models import MastodonApp
from heraldo.publishing.oauth.mastodon import normalise_instance
from tests.publishing.oauth.fakes import CALLBACK, come_back, query_of, start


def test_one_app_registration_serves_two_accounts_on_the_same_instance(client, db, box, tenant, providers):
    fake = providers.mastodon
    for user in ("alice", "bob"):
        url = start(client, tenant.headers, "mastodon", {"instance_url": "https://social.example/"})
        assert url.startswith("https://social.example/oauth/authorize?")
        query = query_of(url)
        assert query["code_challenge_method"] == "S256"
        assert query["redirect_uri"] == CALLBACK.format(platform="mastodon")
        code, state = fake.authorize(url, user)
        assert come_back(client, "mastodon", code, state).status_code == 303

    assert fake.registrations == 1
    app = db.scalar(select(MastodonApp))
    assert app.instance_url == "https://social.example"
    assert "mastodon-secret-1" not in app.client_secret_encrypted
    assert box.decrypt(app.client_secret_encrypted) == "mastodon-secret-1"

    accounts = db.scalars(select(SocialAccount).order_by(SocialAccount.handle)).all()
    assert [a.handle for a in accounts] == ["alice@social.example", "bob@social.example"]
    assert all(a.instance_url == "https://social.example" and a.token_expires_at is None for a in accounts)
    assert box.decrypt(accounts[0].credentials_encrypted)["access_token"].startswith("mastodon-token-alice")


def test_registration_is_redone_when_the_public_url_moves(client, db, settings, tenant, providers):
    start(client, tenant.headers, "mastodon", {"instance_url": "social.example"})
    settings.public_url = "https://new.heraldo.example"
    url = start(client, tenant.headers, "mastodon", {"instance_url": "social.example"})
    assert providers.mastodon.registrations == 2
    assert query_of(url)["redirect_uri"] == "https://new.heraldo.example/api/accounts/connect/mastodon/callback"
    assert db.scalar(select(MastodonApp.redirect_uri)) == query_of(url)["redirect_uri"]


def test_instance_is_required_and_must_be_a_public_https_host(client, tenant, providers):
    missing = client.post("/api/accounts/connect/mastodon", json={}, headers=tenant.headers)
    assert missing.status_code == 422 and missing.json()["field"] == "instance_url"
    for bad in ["http://social.example", "localhost", "https://127.0.0.1", "https://10.0.0.7", "nodots"]:
        answer = client.post("/api/accounts/connect/mastodon", json={"instance_url": bad}, headers=tenant.headers)
        assert answer.status_code == 422, bad
    assert providers.mastodon.registrations == 0


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("mastodon.social", "https://mastodon.social"),
        ("https://Mastodon.Social/", "https://mastodon.social"),
        ("@alice@mastodon.social", "https://mastodon.social"),
        ("https://social.example:8443/about", "https://social.example:8443"),
    ],
)
def test_normalise_instance(given, expected):
    assert normalise_instance(given) == expected


def test_normalise_instance_refuses_credentials_in_the_url():
    with pytest.raises(InvalidInput):
        normalise_instance("https://user:pw@social.example")


def test_a_revoked_token_means_reconnect_a_503_does_not(client, db, box, settings, tenant, providers):
    code, state = providers.mastodon.authorize(
        start(client, tenant.headers, "mastodon", {"instance_url": "social.example"}), "alice"
    )
    come_back(client, "mastodon", code, state)
    account = db.scalar(select(SocialAccount))
    with httpx.Client() as http:
        providers.mastodon.fail_next = [503]
        with pytest.raises(Transient):
            tokens.refresh_account(db=db, settings=settings, box=box, http=http, account=account)
        assert account.status == AccountStatus.ACTIVE.value

        providers.mastodon.revoke("alice")
        with pytest.raises(AuthRevoked, match="access token is invalid"):
            tokens.refresh_account(db=db, settings=settings, box=box, http=http, account=account)
    db.expire_all()
    assert account.status == AccountStatus.NEEDS_RECONNECT.value
