"""X (Twitter) OAuth 2.0 Authorization Code with PKCE (S256); single-use rotating refresh tokens.

Credentials stored: `access_token`, `refresh_token`, `scope`. The account id is the X user id.
"""

from typing import Any
from urllib.parse import urlencode

import httpx

from heraldo.core.settings import Settings
from heraldo.publishing.errors import AuthRevoked, Invalid, PublishError
from heraldo.publishing.oauth.grants import Grant, Refreshed, call, expires_from, json_body, oauth_error, require_fields

PLATFORM = "x"
# Without offline.access X issues no refresh token, and the account dies after two hours.
SCOPES = "tweet.read tweet.write users.read offline.access media.write"


def token_url(settings: Settings) -> str:
    return f"{settings.x_api_base_url.rstrip('/')}/oauth2/token"


def authorize_url(settings: Settings, *, state: str, redirect_uri: str, code_challenge: str) -> str:
    query = {
        "response_type": "code",
        "client_id": settings.x_client_id,
        "redirect_uri": redirect_uri,
        "scope": SCOPES,
        "state": state,
        "code_challenge": code_challenge,
        "code_challenge_method": "S256",
    }
    return f"{settings.x_authorize_url}?{urlencode(query)}"


def _client_auth(settings: Settings, form: dict[str, str]) -> dict[str, Any]:
    """Confidential clients authenticate with HTTP Basic; public clients name themselves in the body."""
    if settings.x_client_secret:
        return {"data": form, "auth": httpx.BasicAuth(settings.x_client_id or "", settings.x_client_secret)}
    return {"data": {**form, "client_id": settings.x_client_id or ""}}


def _token_error(response: httpx.Response) -> PublishError:
    body = json_body(response)
    # Replaying a spent refresh token: 400 invalid_request "Value passed for the token was invalid."
    if body.get("error") == "invalid_request" and "token" in str(body.get("error_description", "")).lower():
        return AuthRevoked(f"X no longer accepts this account's refresh token ({body.get('error_description')})")
    return oauth_error(response, "X")


def _tokens(response: httpx.Response) -> tuple[dict[str, Any], Any]:
    if response.status_code != 200:
        raise _token_error(response)
    body = json_body(response)
    require_fields(body, "X", "access_token")
    credentials = {
        "access_token": body["access_token"],
        "refresh_token": body.get("refresh_token"),
        "scope": body.get("scope", SCOPES),
    }
    return credentials, expires_from(body.get("expires_in"))


def exchange_code(http: httpx.Client, settings: Settings, *, code: str, redirect_uri: str, code_verifier: str) -> Grant:
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": redirect_uri,
        "code_verifier": code_verifier,
    }
    response = call(http, "POST", token_url(settings), platform=PLATFORM, **_client_auth(settings, form))
    credentials, expires_at = _tokens(response)
    me = call(
        http,
        "GET",
        f"{settings.x_api_base_url.rstrip('/')}/users/me",
        platform=PLATFORM,
        headers={"Authorization": f"Bearer {credentials['access_token']}"},
    )
    if me.status_code != 200:
        raise Invalid(f"X did not say who this account is (users/me answered {me.status_code})")
    user = json_body(me).get("data") or {}
    require_fields(user, "X", "id", "username")
    return Grant(
        platform=PLATFORM,
        platform_account_id=str(user["id"]),
        handle=user["username"],
        display_name=user.get("name") or user["username"],
        credentials=credentials,
        expires_at=expires_at,
    )


def refresh(http: httpx.Client, settings: Settings, credentials: dict[str, Any]) -> Refreshed:
    """Trade the refresh token for a new pair. The old refresh token is dead once this returns."""
    refresh_token = credentials.get("refresh_token")
    if not refresh_token:
        raise AuthRevoked("X gave no refresh token (offline.access missing); reconnect the account")
    form = {"grant_type": "refresh_token", "refresh_token": refresh_token}
    response = call(http, "POST", token_url(settings), platform=PLATFORM, **_client_auth(settings, form))
    new, expires_at = _tokens(response)
    # X always rotates; should an answer lack a new one, the old token is still the best we have.
    new["refresh_token"] = new.get("refresh_token") or refresh_token
    return Refreshed(credentials={**credentials, **new}, expires_at=expires_at)
