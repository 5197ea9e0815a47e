"""LinkedIn 3-legged OAuth 2.0 (member), identity from OpenID Connect `/v2/userinfo`.

Credentials stored: `access_token` (60 days), `refresh_token` and `refresh_token_expires_at` only for
apps approved for programmatic refresh, `person_urn`. The account id is the member URN.
"""

from typing import Any
from urllib.parse import urlencode

import httpx

from heraldo.core.settings import Settings
from heraldo.publishing.errors import AuthRevoked, Invalid
from heraldo.publishing.oauth.grants import Grant, Refreshed, call, expires_from, json_body, oauth_error, require_fields

PLATFORM = "linkedin"
SCOPES = "openid profile email w_member_social"
RECONNECT_EVERY_60_DAYS = (
    "LinkedIn access expired: LinkedIn asks members to reconnect every 60 days "
    "(this app has no programmatic refresh tokens)"
)


def authorize_url(settings: Settings, *, state: str, redirect_uri: str, code_challenge: str | None = None) -> str:
    # LinkedIn's web flow takes no PKCE; the client secret and the state protect the exchange.
    query = {
        "response_type": "code",
        "client_id": settings.linkedin_client_id,
        "redirect_uri": redirect_uri,
        "state": state,
        "scope": SCOPES,
    }
    return f"{settings.linkedin_oauth_base_url.rstrip('/')}/authorization?{urlencode(query)}"


def _token_call(http: httpx.Client, settings: Settings, form: dict[str, str]) -> dict[str, Any]:
    response = call(
        http,
        "POST",
        f"{settings.linkedin_oauth_base_url.rstrip('/')}/accessToken",
        platform=PLATFORM,
        data={
            **form,
            "client_id": settings.linkedin_client_id or "",
            "client_secret": settings.linkedin_client_secret or "",
        },
    )
    if response.status_code != 200:
        raise oauth_error(response, "LinkedIn")
    body = json_body(response)
    require_fields(body, "LinkedIn", "access_token")
    return body


def _credentials(body: dict[str, Any], previous: dict[str, Any] | None = None) -> dict[str, Any]:
    credentials = dict(previous or {})
    credentials["access_token"] = body["access_token"]
    if body.get("refresh_token"):
        credentials["refresh_token"] = body["refresh_token"]
        # LinkedIn reports the refresh token's remaining life; it counts down from the first consent.
        expiry = expires_from(body.get("refresh_token_expires_in"))
        if expiry:
            credentials["refresh_token_expires_at"] = expiry.isoformat()
    return credentials


def exchange_code(
    http: httpx.Client, settings: Settings, *, code: str, redirect_uri: str, code_verifier: str | None = None
) -> Grant:
    body = _token_call(http, settings, {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri})
    credentials = _credentials(body)
    me = call(
        http,
        "GET",
        f"{settings.linkedin_base_url.rstrip('/')}/v2/userinfo",
        platform=PLATFORM,
        headers={"Authorization": f"Bearer {credentials['access_token']}"},
    )
    if me.status_code != 200:
        raise Invalid(f"LinkedIn did not say who this member is (userinfo answered {me.status_code})")
    info = json_body(me)
    require_fields(info, "LinkedIn", "sub")
    urn = f"urn:li:person:{info['sub']}"
    credentials["person_urn"] = urn
    name = info.get("name") or " ".join(filter(None, [info.get("given_name"), info.get("family_name")]))
    return Grant(
        platform=PLATFORM,
        platform_account_id=urn,
        handle=info.get("email") or name or str(info["sub"]),
        display_name=name or info.get("email") or str(info["sub"]),
        credentials=credentials,
        expires_at=expires_from(body.get("expires_in")),
    )


def refresh(http: httpx.Client, settings: Settings, credentials: dict[str, Any]) -> Refreshed:
    """A new 60-day access token from the refresh token; without one the member must reconnect."""
    refresh_token = credentials.get("refresh_token")
    if not refresh_token:
        raise AuthRevoked(RECONNECT_EVERY_60_DAYS)
    body = _token_call(http, settings, {"grant_type": "refresh_token", "refresh_token": refresh_token})
    return Refreshed(credentials=_credentials(body, credentials), expires_at=expires_from(body.get("expires_in")))
