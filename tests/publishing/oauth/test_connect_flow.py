"""The rules around every authorisation: single-use, 10-minute, same-workspace states; configuration
errors that name the setting; scopes; and secrets that never reach responses or logs."""

import io
import logging
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from heraldo.core.clock import utcnow
from heraldo.posts.models import SocialAccount
from heraldo.publishing.models import OAuthState
from tests.factories import csrf_from, login
from tests.publishing.oauth.fakes import CLIENTS, come_back, connect, query_of, start


def _accounts(db) -> int:
    db.expire_all()
    return db.scalar(select(func.count()).select_from(SocialAccount))


def _flash(client) -> str:
    page = client.get("/accounts")
    assert page.status_code == 200
    return page.text


def test_signed_in_round_trip_shows_the_result_on_the_accounts_page(client, db, tenant, providers):
    login(client, tenant.user.email)
    answer = connect(client, {"X-CSRF-Token": csrf_from(client.get("/accounts").text)}, providers.x, "x")
    assert answer.headers["location"] == "/accounts"
    assert "Connected X @acmebakery." in _flash(client)
    assert "Connected X" not in _flash(client)  # shown once


def test_a_state_is_single_use(client, db, tenant, providers):
    login(client, tenant.user.email)
    url = start(client, {"X-CSRF-Token": csrf_from(client.get("/accounts").text)}, "x")
    code, state = providers.x.authorize(url)
    assert come_back(client, "x", code, state).headers["location"] == "/accounts"
    replay = come_back(client, "x", code, state)
    assert replay.status_code == 303
    assert "already used" in _flash(client)
    assert _accounts(db) == 1


def test_an_expired_state_is_refused(client, db, tenant, providers):
    code, state = providers.x.authorize(start(client, tenant.headers, "x"))
    db.execute(update(OAuthState).values(expires_at=utcnow() - timedelta(seconds=1)))
    db.commit()
    assert come_back(client, "x", code, state).status_code == 303
    assert _accounts(db) == 0
    assert providers.x.codes, "the code was never sent to X"


def test_states_live_ten_minutes(client, db, tenant, providers):
    start(client, tenant.headers, "x")
    row = db.scalar(select(OAuthState))
    assert timedelta(minutes=9) < row.expires_at - row.created_at <= timedelta(minutes=10)
    assert row.code_verifier_encrypted and len(row.code_verifier_encrypted) > 43  # encrypted, not the verifier


def test_a_user_signed_in_to_another_workspace_cannot_finish_it(client, db, make_tenant, providers):
    owner, other = make_tenant("Owner"), make_tenant("Other")
    code, state = providers.x.authorize(start(client, owner.headers, "x"))
    login(client, other.user.email)
    assert come_back(client, "x", code, state).status_code == 303
    assert "another workspace" in _flash(client)
    assert _accounts(db) == 0
    # Nor can the other workspace choose Pages of someone else's pending Facebook Login.
    fb_code, fb_state = providers.facebook.authorize(start(client, owner.headers, "facebook"))
    client.cookies.clear()
    come_back(client, "facebook", fb_code, fb_state)
    assert client.get(f"/api/accounts/connect/pending/{fb_state}", headers=other.headers).status_code == 404
    answer = client.post(
        f"/api/accounts/connect/pending/{fb_state}/select", json={"choice_ids": ["facebook:101"]}, headers=other.headers
    )
    assert answer.status_code == 404
    assert client.get(f"/api/accounts/connect/pending/{fb_state}", headers=owner.headers).status_code == 200


def test_a_state_of_one_platform_is_refused_by_another(client, db, tenant, providers):
    code, state = providers.x.authorize(start(client, tenant.headers, "x"))
    assert come_back(client, "linkedin", code, state).status_code == 303
    assert _accounts(db) == 0
    assert come_back(client, "x", code, state).status_code == 303
    assert _accounts(db) == 1


def test_unknown_state_or_missing_code_connects_nothing(client, db, tenant, providers):
    assert come_back(client, "x", "code-1", "forged-state").status_code == 303
    answer = client.get("/api/accounts/connect/x/callback", follow_redirects=False)
    assert answer.status_code == 303
    assert _accounts(db) == 0


def test_declining_on_the_provider_page_spends_the_state(client, db, tenant, providers):
    login(client, tenant.user.email)
    url = start(client, {"X-CSRF-Token": csrf_from(client.get("/accounts").text)}, "x")
    state = query_of(url)["state"]
    answer = client.get(
        "/api/accounts/connect/x/callback",
        params={"state": state, "error": "access_denied", "error_description": "The user denied access"},
        follow_redirects=False,
    )
    assert answer.status_code == 303
    assert "was not connected" in _flash(client)
    assert db.scalar(select(OAuthState.consumed_at)) is not None


@pytest.mark.parametrize(
    ("platform", "setting", "variable"),
    [
        ("x", "x_client_id", "HERALDO_X_CLIENT_ID"),
        ("linkedin", "linkedin_client_secret", "HERALDO_LINKEDIN_CLIENT_SECRET"),
        ("facebook", "meta_app_id", "HERALDO_META_APP_ID"),
        ("threads", "threads_app_secret", "HERALDO_THREADS_APP_SECRET"),
    ],
)
def test_an_unconfigured_platform_names_the_setting_to_set(client, settings, tenant, platform, setting, variable):
    setattr(settings, setting, None)
    answer = client.post(f"/api/accounts/connect/{platform}", headers=tenant.headers)
    assert answer.status_code == 400
    assert variable in answer.json()["detail"]


def test_without_a_public_url_the_request_base_url_is_used(client, settings, tenant, providers):
    settings.public_url = None
    url = start(client, tenant.headers, "x")
    assert query_of(url)["redirect_uri"] == "http://testserver/api/accounts/connect/x/callback"


def test_connecting_needs_posts_write(client, make_tenant, providers):
    reader = make_tenant("Readers", scopes=["posts:read"])
    assert client.post("/api/accounts/connect/x", headers=reader.headers).status_code == 403
    bluesky = client.post(
        "/api/accounts/connect/bluesky", json={"handle": "a.bsky.social", "app_password": "p"}, headers=reader.headers
    )
    assert bluesky.status_code == 403
    assert client.get("/api/accounts/connect/pending/whatever", headers=reader.headers).status_code == 403


def test_an_unknown_platform_has_no_connect_route(client, tenant):
    assert client.post("/api/accounts/connect/myspace", headers=tenant.headers).status_code in {404, 405}


@pytest.fixture
def captured_logs():
    """Everything logged, rendered as the app renders it, at DEBUG (httpx request lines included)."""
    root = logging.getLogger()
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    if root.handlers and root.handlers[0].formatter:
        handler.setFormatter(root.handlers[0].formatter)
    previous = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield stream
    root.removeHandler(handler)
    root.setLevel(previous)


def test_secrets_never_reach_responses_or_logs(client, db, box, tenant, providers, captured_logs):
    responses = [
        connect(client, tenant.headers, providers.x, "x"),
        client.post(
            "/api/accounts/connect/bluesky",
            json={"handle": "acme.bsky.social", "app_password": "abcd-efgh-ijkl-mnop"},
            headers=tenant.headers,
        ),
    ]
    fb = connect(client, tenant.headers, providers.facebook, "facebook")
    state = fb.headers["location"].rsplit("/", 1)[1]
    responses += [
        fb,
        client.get(f"/api/accounts/connect/pending/{state}", headers=tenant.headers),
        client.post(
            f"/api/accounts/connect/pending/{state}/select",
            json={"choice_ids": ["facebook:101", "instagram:17841400000000001"]},
            headers=tenant.headers,
        ),
        client.get("/api/accounts", headers=tenant.headers),
    ]
    account = db.scalar(select(SocialAccount).where(SocialAccount.platform == "x"))
    responses.append(client.post(f"/api/accounts/{account.id}/refresh", headers=tenant.headers))

    secrets = [CLIENTS["x_client_secret"], CLIENTS["meta_app_secret"]]
    secrets += ["x-access-1", "x-refresh-1", "x-access-2", "x-refresh-2", "user-short", "user-long"]
    secrets += ["page-token-101", "abcd-efgh-ijkl-mnop"]
    secrets += [box.decrypt(v) for v in db.scalars(select(OAuthState.code_verifier_encrypted))]
    bluesky = box.decrypt(
        db.scalar(select(SocialAccount.credentials_encrypted).where(SocialAccount.platform == "bluesky"))
    )
    secrets += [bluesky["access_jwt"], bluesky["refresh_jwt"]]

    logs = captured_logs.getvalue()
    assert "HTTP Request" in logs, "httpx request lines were not captured: the check would be vacuous"
    assert "account connected" in logs
    for secret in secrets:
        assert secret not in logs, f"{secret[:12]}... leaked into the logs"
        for response in responses:
            assert secret not in response.text, f"{secret[:12]}... leaked into a response"
            assert secret not in response.headers.get("location", "")
