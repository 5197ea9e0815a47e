"""The Accounts page: accounts with their health, connect buttons and forms, the Meta choice, reconnect."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from heraldo.core.clock import utcnow
from heraldo.core.security.crypto import SecretBox
from heraldo.posts.models import AccountStatus, SocialAccount
from heraldo.publishing.models import OAuthState
from heraldo.publishing.oauth.grants import Grant
from heraldo.publishing.oauth.service import save_grant
from tests.factories import TEST_SECRET, create_account, csrf_from, login
from tests.publishing.oauth.fakes import come_back, configure, mounted_providers, query_of


@pytest.fixture
def settings(settings):
    return configure(settings)


@pytest.fixture
def box() -> SecretBox:
    return SecretBox(TEST_SECRET)


@pytest.fixture
def providers():
    with mounted_providers() as fakes:
        yield fakes


@pytest.fixture
def browser(client, tenant):
    """The tenant's owner, signed in; returns a function giving a fresh CSRF token."""
    login(client, tenant.user.email)
    return lambda: csrf_from(client.get("/accounts").text)


def _form(client, token, **fields):
    return client.post("/accounts/connect", data={"csrf_token": token, **fields}, follow_redirects=False)


def test_page_shows_each_account_with_status_reason_and_expiry(client, db, box, tenant, browser):
    save_grant(
        db=db,
        box=box,
        workspace_id=tenant.id,
        grant=Grant(
            "x",
            "1",
            "acmebakery",
            "Acme Bakery",
            {"access_token": "secret-access-token"},
            utcnow() + timedelta(hours=2),
        ),
    )
    dead = save_grant(
        db=db,
        box=box,
        workspace_id=tenant.id,
        grant=Grant("linkedin", "urn:li:person:1", "jane@acme.example", "Jane", {"access_token": "li"}),
    )
    dead.status = AccountStatus.NEEDS_RECONNECT.value
    dead.status_reason = "LinkedIn access expired: LinkedIn asks members to reconnect every 60 days"
    paused = create_account(db, tenant.id, handle="paused")
    paused.status = AccountStatus.DISABLED.value
    db.commit()

    page = client.get("/accounts")
    assert page.status_code == 200
    html = page.text
    assert 'href="/accounts" aria-current="page"' in html
    rows = {
        m.group(1): m.group(0)
        for m in re.finditer(r'<tr data-account-id="\d+" data-status="(\w+)">.*?</tr>', html, re.S)
    }
    assert "@acmebakery" in rows["active"] and ">active<" in rows["active"] and "expires" in rows["active"]
    assert "needs reconnect" in rows["needs_reconnect"]
    assert "reconnect every 60 days" in rows["needs_reconnect"]
    assert 'name="platform" value="linkedin"' in rows["needs_reconnect"] and "Reconnect" in rows["needs_reconnect"]
    assert "disabled" in rows["disabled"]
    assert "secret-access-token" not in html


def test_connect_buttons_and_forms_and_what_is_not_configured(client, settings, browser):
    settings.threads_app_id = None
    html = client.get("/accounts").text
    for label in [
        "Connect X",
        "Connect LinkedIn",
        "Connect Facebook &amp; Instagram",
        "Connect Mastodon",
        "Connect Bluesky",
    ]:
        assert label in html, label
    threads = re.search(r'data-testid="connect-threads">.*?</form>', html, re.S).group(0)
    assert "disabled" in threads and "HERALDO_THREADS_APP_ID" in threads
    assert 'name="instance_url"' in html and 'name="app_password"' in html
    assert html.count('name="csrf_token"') >= 8


def test_a_connect_button_sends_the_browser_to_the_provider(client, db, tenant, browser):
    answer = _form(client, browser(), platform="x")
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("https://x.com/i/oauth2/authorize?")
    row = db.scalar(select(OAuthState))
    assert (row.workspace_id, row.user_id, row.platform) == (tenant.id, tenant.user.id, "x")
    assert query_of(answer.headers["location"])["state"] == row.state


def test_connect_forms_need_the_csrf_token(client, db, browser):
    assert _form(client, "forged", platform="x").status_code == 403
    assert db.scalar(select(OAuthState.id)) is None


def test_unconfigured_platform_answers_on_the_page(client, settings, browser):
    settings.linkedin_client_id = None
    answer = _form(client, browser(), platform="linkedin")
    assert answer.status_code == 400
    assert "HERALDO_LINKEDIN_CLIENT_ID" in answer.text


def test_mastodon_form(client, browser, providers):
    answer = _form(client, browser(), platform="mastodon", instance_url="social.example")
    assert answer.headers["location"].startswith("https://social.example/oauth/authorize?")
    bad = _form(client, browser(), platform="mastodon", instance_url="localhost")
    assert bad.status_code == 422
    assert 'value="localhost"' in bad.text and 'aria-invalid="true"' in bad.text


def test_bluesky_form_connects_and_never_echoes_the_app_password(client, db, browser, providers):
    wrong = _form(client, browser(), platform="bluesky", handle="acme.bsky.social", app_password="nope-nope-nope-nope")
    assert wrong.status_code == 422
    assert "nope-nope-nope-nope" not in wrong.text
    assert 'value="acme.bsky.social"' in wrong.text

    answer = _form(client, browser(), platform="bluesky", handle="acme.bsky.social", app_password="abcd-efgh-ijkl-mnop")
    assert answer.status_code == 303 and answer.headers["location"] == "/accounts"
    page = client.get("/accounts").text
    assert "Connected Bluesky @acme.bsky.social." in page
    assert "abcd-efgh-ijkl-mnop" not in page
    assert db.scalar(select(SocialAccount.platform)) == "bluesky"


def test_facebook_login_then_the_choice_page(client, db, browser, providers):
    answer = _form(client, browser(), platform="facebook")
    code, state = providers.facebook.authorize(answer.headers["location"])
    back = come_back(client, "facebook", code, state)
    assert back.headers["location"] == f"/accounts/select/{state}"

    choice = client.get(back.headers["location"])
    assert choice.status_code == 200
    assert "Acme Bakery" in choice.text and "Acme Catering" in choice.text and "@acme.bakes" in choice.text
    assert "page-token" not in choice.text
    token = csrf_from(choice.text)

    empty = client.post(f"/accounts/select/{state}", data={"csrf_token": token}, follow_redirects=False)
    assert empty.status_code == 422 and "choose at least one" in empty.text

    chosen = client.post(
        f"/accounts/select/{state}",
        data={"csrf_token": token, "choice_ids": ["facebook:202", "instagram:17841400000000001"]},
        follow_redirects=False,
    )
    assert chosen.status_code == 303 and chosen.headers["location"] == "/accounts"
    assert "Connected Facebook @Acme Catering, Instagram @acme.bakes." in client.get("/accounts").text
    assert sorted(db.scalars(select(SocialAccount.platform))) == ["facebook", "instagram"]
    assert client.get(f"/accounts/select/{state}").status_code == 404  # used up


def test_check_now_and_reconnect(client, db, tenant, browser, providers):
    answer = _form(client, browser(), platform="mastodon", instance_url="social.example")
    code, state = providers.mastodon.authorize(answer.headers["location"], "alice")
    come_back(client, "mastodon", code, state)
    account = db.scalar(select(SocialAccount))

    check = client.post(f"/accounts/{account.id}/refresh", data={"csrf_token": browser()}, follow_redirects=False)
    assert check.status_code == 303
    assert "the connection works" in client.get("/accounts").text

    providers.mastodon.revoke("alice")
    client.post(f"/accounts/{account.id}/refresh", data={"csrf_token": browser()})
    html = client.get("/accounts").text
    assert "access token is invalid" in html
    row = re.search(rf'<tr data-account-id="{account.id}".*?</tr>', html, re.S).group(0)
    assert "needs reconnect" in row and 'value="https://social.example"' in row

    again = _form(client, browser(), platform="mastodon", instance_url="https://social.example")
    code, state = providers.mastodon.authorize(again.headers["location"], "alice")
    come_back(client, "mastodon", code, state)
    db.expire_all()
    assert db.scalar(select(SocialAccount.status)) == AccountStatus.ACTIVE.value
    assert providers.mastodon.registrations == 1


def test_read_only_principals_see_accounts_but_no_connect_forms(client, make_tenant):
    reader = make_tenant("Readers", scopes=["posts:read"])
    page = client.get("/accounts", headers=reader.headers)
    assert page.status_code == 200
    assert 'data-testid="connect"' not in page.text
    assert client.post("/accounts/connect", data={"platform": "x"}, headers=reader.headers).status_code == 403


def test_signed_out_visitors_are_sent_to_login(client):
    answer = client.get("/accounts", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"].startswith("/login")
