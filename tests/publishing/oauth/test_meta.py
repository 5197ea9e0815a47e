"""Meta: Facebook Login with the Page / Instagram choice, Threads long-lived tokens, Instagram Login."""

from datetime import timedelta

import httpx
import pytest
from sqlalchemy import select

from heraldo.core.clock import utcnow
from heraldo.posts.models import AccountStatus, SocialAccount
from heraldo.publishing import tokens
from heraldo.publishing.errors import AuthRevoked, RateLimited
from heraldo.publishing.models import OAuthState
from tests.publishing.oauth.fakes import CALLBACK, come_back, connect, meta_error, query_of, start


def _pending_state(answer) -> str:
    assert answer.status_code == 303, answer.text
    location = answer.headers["location"]
    assert location.startswith("/accounts/select/")
    return location.rsplit("/", 1)[1]


def test_facebook_authorize_url(client, tenant, providers):
    url = start(client, tenant.headers, "facebook")
    assert url.startswith("https://www.facebook.com/v25.0/dialog/oauth?")
    query = query_of(url)
    assert query["client_id"] == "meta-app-id"
    assert query["redirect_uri"] == CALLBACK.format(platform="facebook")
    assert "pages_manage_posts" in query["scope"] and "instagram_content_publish" in query["scope"]


def test_facebook_login_lists_pages_and_instagram_accounts_then_connects_the_chosen_ones(
    client, db, box, tenant, providers
):
    state = _pending_state(connect(client, tenant.headers, providers.facebook, "facebook"))
    assert providers.facebook.exchanges == ["fb_exchange_token"]
    assert db.scalar(select(SocialAccount.id)) is None  # nothing connected before the choice

    row = db.scalar(select(OAuthState).where(OAuthState.state == state))
    assert box.decrypt(row.pending_encrypted)["user_token"] == "user-long"
    assert "page-token" not in str(row.choices)

    pending = client.get(f"/api/accounts/connect/pending/{state}", headers=tenant.headers)
    assert pending.status_code == 200
    assert "page-token" not in pending.text and "user-long" not in pending.text
    choices = {c["id"]: c for c in pending.json()["choices"]}
    # Both pages of /me/accounts were followed; only the first Page has an Instagram account.
    assert set(choices) == {"facebook:101", "facebook:202", "instagram:17841400000000001"}
    assert choices["instagram:17841400000000001"]["page_name"] == "Acme Bakery"

    chosen = client.post(
        f"/api/accounts/connect/pending/{state}/select",
        json={"choice_ids": ["facebook:101", "instagram:17841400000000001"]},
        headers=tenant.headers,
    )
    assert chosen.status_code == 201, chosen.text
    assert {(a["platform"], a["handle"]) for a in chosen.json()} == {
        ("facebook", "acmebakery"),
        ("instagram", "acme.bakes"),
    }
    assert "page-token" not in chosen.text

    page = db.scalar(select(SocialAccount).where(SocialAccount.platform == "facebook"))
    assert page.platform_account_id == "101" and page.token_expires_at is None
    assert box.decrypt(page.credentials_encrypted) == {"access_token": "page-token-101", "page_id": "101"}
    instagram = db.scalar(select(SocialAccount).where(SocialAccount.platform == "instagram"))
    assert box.decrypt(instagram.credentials_encrypted) == {
        "access_token": "page-token-101",
        "ig_user_id": "17841400000000001",
        "page_id": "101",
        "login": "facebook",
    }
    assert instagram.instance_url == "https://graph.facebook.com"

    # The choice is made once: the pending token is gone.
    again = client.post(
        f"/api/accounts/connect/pending/{state}/select", json={"choice_ids": ["facebook:202"]}, headers=tenant.headers
    )
    assert again.status_code == 404
    db.expire_all()
    assert db.scalar(select(OAuthState.pending_encrypted).where(OAuthState.state == state)) is None


def test_choosing_something_not_offered_is_refused(client, db, tenant, providers):
    state = _pending_state(connect(client, tenant.headers, providers.facebook, "facebook"))
    answer = client.post(
        f"/api/accounts/connect/pending/{state}/select", json={"choice_ids": ["facebook:999"]}, headers=tenant.headers
    )
    assert answer.status_code == 422
    assert answer.json()["field"] == "choice_ids"
    assert db.scalar(select(SocialAccount.id)) is None


def test_a_dead_page_token_marks_reconnect_and_throttling_does_not(client, db, box, settings, tenant, providers):
    state = _pending_state(connect(client, tenant.headers, providers.facebook, "facebook"))
    client.post(
        f"/api/accounts/connect/pending/{state}/select", json={"choice_ids": ["facebook:101"]}, headers=tenant.headers
    )
    page = db.scalar(select(SocialAccount))
    with httpx.Client() as http:
        tokens.refresh_account(db=db, settings=settings, box=box, http=http, account=page)  # alive: a check only
        assert page.status == AccountStatus.ACTIVE.value and page.last_checked_at is not None

        providers.facebook.fail_next = [meta_error(4, "Application request limit reached")]
        with pytest.raises(RateLimited):
            tokens.refresh_account(db=db, settings=settings, box=box, http=http, account=page)
        assert page.status == AccountStatus.ACTIVE.value

        providers.facebook.fail_next = [meta_error(190, "Error validating access token: password changed", 460)]
        with pytest.raises(AuthRevoked):
            tokens.refresh_account(db=db, settings=settings, box=box, http=http, account=page)
    db.expire_all()
    assert page.status == AccountStatus.NEEDS_RECONNECT.value
    assert "password changed" in page.status_reason


def test_threads_exchanges_for_a_long_lived_token_and_refreshes_it_after_a_day(
    client, db, box, settings, tenant, providers
):
    url = start(client, tenant.headers, "threads")
    assert url.startswith("https://threads.net/oauth/authorize?")
    assert query_of(url)["client_id"] == "threads-app-id"  # the Threads app, not the Facebook one
    code, state = providers.threads.authorize(url)
    assert come_back(client, "threads", code, state).status_code == 303

    account = db.scalar(select(SocialAccount))
    assert (account.platform, account.handle, account.platform_account_id) == (
        "threads",
        "acme.threads",
        "17890000000000001",
    )
    credentials = box.decrypt(account.credentials_encrypted)
    assert credentials["access_token"].startswith("th-long-")  # never the short-lived one
    assert abs((account.token_expires_at - utcnow()) - timedelta(days=60)) < timedelta(minutes=1)

    with httpx.Client() as http:
        # Younger than a day: Threads would refuse, so nothing is sent.
        tokens.refresh_account(db=db, settings=settings, box=box, http=http, account=account)
        assert providers.threads.refresh_calls == 0
        # At day 45 of 60.
        later = utcnow() + timedelta(days=45)
        providers.threads.now = lambda: later
        account.token_refreshed_at = utcnow() - timedelta(days=45)
        account.token_expires_at = utcnow() + timedelta(days=15)
        db.commit()
        new = tokens.refresh_account(db=db, settings=settings, box=box, http=http, account=account)
    assert providers.threads.refresh_calls == 1
    assert new["access_token"] != credentials["access_token"]
    assert account.token_expires_at - utcnow() > timedelta(days=59)


def test_an_expired_threads_token_means_reconnect_without_calling(client, db, box, settings, tenant, providers):
    code, state = providers.threads.authorize(start(client, tenant.headers, "threads"))
    come_back(client, "threads", code, state)
    account = db.scalar(select(SocialAccount))
    account.token_refreshed_at = utcnow() - timedelta(days=61)
    account.token_expires_at = utcnow() - timedelta(days=1)
    db.commit()
    with httpx.Client() as http, pytest.raises(AuthRevoked, match="60 days"):
        tokens.refresh_account(db=db, settings=settings, box=box, http=http, account=account)
    assert providers.threads.refresh_calls == 0
    assert account.status == AccountStatus.NEEDS_RECONNECT.value


def test_instagram_login_round_trip_and_ig_refresh(client, db, box, settings, tenant, providers):
    url = start(client, tenant.headers, "instagram")
    assert url.startswith("https://www.instagram.com/oauth/authorize?")
    assert "instagram_business_content_publish" in query_of(url)["scope"]
    code, state = providers.instagram.authorize(url)
    assert come_back(client, "instagram", code, state).status_code == 303

    account = db.scalar(select(SocialAccount))
    assert (account.platform, account.handle, account.instance_url) == (
        "instagram",
        "acme.insta",
        "https://graph.instagram.com",
    )
    credentials = box.decrypt(account.credentials_encrypted)
    assert credentials["login"] == "instagram" and credentials["ig_user_id"] == "17841400000000009"
    account.token_refreshed_at = utcnow() - timedelta(days=45)
    db.commit()
    with httpx.Client() as http:
        new = tokens.refresh_account(db=db, settings=settings, box=box, http=http, account=account)
    assert new["access_token"] != credentials["access_token"] and new["login"] == "instagram"
