"""Mastodon: one app registration per instance (`POST /api/v1/apps`), reused by every account there,
then OAuth authorization code (with PKCE, which 4.3+ checks and older versions ignore).

Tokens do not expire and there is no refresh token: a 401 from `verify_credentials` means reconnect.
Credentials stored: `access_token`, `account_id`. The account's `instance_url` is `https://{host}`, its
handle `user@host` (the same username can exist on many instances).
"""

from typing import Any
from urllib.parse import urlencode, urlsplit

import httpx
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from heraldo.core.security.crypto import SecretBox
from heraldo.publishing.errors import AuthRevoked, Invalid
from heraldo.publishing.models import MastodonApp
from heraldo.publishing.oauth.grants import (
    Grant,
    Refreshed,
    call,
    json_body,
    oauth_error,
    public_https_base,
    require_fields,
)

PLATFORM = "mastodon"
SCOPES = "read write"
CLIENT_NAME = "Heraldo"


def normalise_instance(value: str) -> str:
    """`mastodon.social`, `https://mastodon.social/`, `@me@mastodon.social` -> `https://mastodon.social`."""
    value = (value or "").strip()
    if "@" in value and "://" not in value:
        value = value.rsplit("@", 1)[1]
    return public_https_base(value, field="instance_url", example="mastodon.social")


def host_of(instance_url: str) -> str:
    return urlsplit(instance_url).netloc


def _register(http: httpx.Client, instance_url: str, redirect_uri: str, website: str | None) -> dict[str, Any]:
    form = {"client_name": CLIENT_NAME, "redirect_uris": redirect_uri, "scopes": SCOPES}
    if website:
        form["website"] = website
    response = call(http, "POST", f"{instance_url}/api/v1/apps", platform=PLATFORM, data=form)
    if response.status_code != 200:
        raise Invalid(
            f"{host_of(instance_url)} refused to register Heraldo ({response.status_code}: {response.text[:200]})"
        )
    body = json_body(response)
    require_fields(body, "Mastodon", "client_id", "client_secret")
    return body


def app_for(
    *, db: Session, http: httpx.Client, box: SecretBox, instance_url: str, redirect_uri: str, website: str | None = None
) -> tuple[MastodonApp, str]:
    """Heraldo's registration on this instance, registering it on first use. Returns (app, client secret).

    Registered again only when the redirect URI changed (the public URL moved)."""
    app = db.scalar(select(MastodonApp).where(MastodonApp.instance_url == instance_url))
    if app is not None and app.redirect_uri == redirect_uri and app.scopes == SCOPES:
        return app, box.decrypt(app.client_secret_encrypted)
    body = _register(http, instance_url, redirect_uri, website)
    if app is None:
        app = MastodonApp(instance_url=instance_url)
        db.add(app)
    app.client_id = body["client_id"]
    app.client_secret_encrypted = box.encrypt(body["client_secret"])
    app.redirect_uri = redirect_uri
    app.scopes = SCOPES
    try:
        db.commit()
    except IntegrityError:
        # Someone registered this instance at the same moment: use theirs.
        db.rollback()
        app = db.scalar(select(MastodonApp).where(MastodonApp.instance_url == instance_url))
        if app is None:
            raise
    return app, box.decrypt(app.client_secret_encrypted)


def authorize_url(app: MastodonApp, *, state: str, redirect_uri: str, code_challenge: str) -> str:
    query = {
        "response_type": "code",
        "client_id": app.client_id,
        "redirect_uri": redirect_uri,
        "scope": app.scopes,
        "state": state,
        "code_challenge": code_challenge,
        "code_challenge_method": "S256",
    }
    return f"{app.instance_url}/oauth/authorize?{urlencode(query)}"


def verify_credentials(http: httpx.Client, instance_url: str, access_token: str) -> dict[str, Any]:
    response = call(
        http,
        "GET",
        f"{instance_url}/api/v1/accounts/verify_credentials",
        platform=PLATFORM,
        headers={"Authorization": f"Bearer {access_token}"},
    )
    if response.status_code == 401:
        reason = json_body(response).get("error") or "the access token is invalid"
        raise AuthRevoked(f"{host_of(instance_url)} no longer accepts this account's token ({reason})")
    if response.status_code != 200:
        raise Invalid(f"{host_of(instance_url)} answered {response.status_code} to verify_credentials")
    body = json_body(response)
    require_fields(body, "Mastodon", "id", "username")
    return body


def exchange_code(
    http: httpx.Client,
    *,
    app: MastodonApp,
    client_secret: str,
    code: str,
    redirect_uri: str,
    code_verifier: str,
) -> Grant:
    response = call(
        http,
        "POST",
        f"{app.instance_url}/oauth/token",
        platform=PLATFORM,
        data={
            "grant_type": "authorization_code",
            "code": code,
            "client_id": app.client_id,
            "client_secret": client_secret,
            "redirect_uri": redirect_uri,
            "scope": app.scopes,
            "code_verifier": code_verifier,
        },
    )
    if response.status_code != 200:
        raise oauth_error(response, "Mastodon")
    body = json_body(response)
    require_fields(body, "Mastodon", "access_token")
    account = verify_credentials(http, app.instance_url, body["access_token"])
    handle = f"{account['username']}@{host_of(app.instance_url)}"
    return Grant(
        platform=PLATFORM,
        platform_account_id=str(account["id"]),
        handle=handle,
        display_name=account.get("display_name") or account["username"],
        credentials={"access_token": body["access_token"], "account_id": str(account["id"])},
        expires_at=None,
        instance_url=app.instance_url,
    )


def check(http: httpx.Client, instance_url: str, credentials: dict[str, Any]) -> Refreshed:
    """Nothing to refresh on Mastodon: confirm the token still works."""
    verify_credentials(http, instance_url, credentials.get("access_token", ""))
    return Refreshed(credentials=credentials, expires_at=None)
