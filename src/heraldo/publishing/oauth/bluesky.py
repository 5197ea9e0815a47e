"""Bluesky (AT Protocol) sessions from a handle and an app password.

`com.atproto.server.createSession` once at connect time, then `refreshSession` (refresh JWT in the
Authorization header, no body) whenever the access JWT runs out; both JWTs rotate on every refresh.
Logging in again is the fallback only: createSession is limited to 30 per 5 minutes per account.

Credentials stored (the keys the Bluesky connector reads): `access_jwt`, `refresh_jwt`, `did`, `handle`,
`identifier` and `app_password` (kept, encrypted, so a dead session can be re-created without the
user). The account id is the DID; the account's `instance_url` is its PDS, read from the didDoc.
"""

import base64
import json
from datetime import UTC, datetime
from typing import Any

import httpx

from heraldo.core.settings import Settings
from heraldo.publishing.connectors.http import largest_wait, retry_after_from, seconds_until_epoch, send
from heraldo.publishing.errors import AuthRevoked, Invalid, OutcomeUnknown, PublishError, RateLimited, Transient
from heraldo.publishing.oauth.grants import Grant, Refreshed, json_body, require_fields

PLATFORM = "bluesky"


class SessionDead(AuthRevoked):
    """The refresh JWT is expired or invalid; a new session needs the app password."""


class AccountUnavailable(AuthRevoked):
    """Taken down or deactivated: no session will help."""


def _xrpc(pds_url: str, nsid: str) -> str:
    return f"{pds_url.rstrip('/')}/xrpc/{nsid}"


def xrpc_error(response: httpx.Response) -> PublishError:
    body = json_body(response)
    name = str(body.get("error") or "")
    message = str(body.get("message") or name or response.text[:300])
    if response.status_code == 429 or name == "RateLimitExceeded":
        wait = largest_wait(
            retry_after_from(response.headers), seconds_until_epoch(response.headers.get("ratelimit-reset"))
        )
        return RateLimited(f"Bluesky rate limit reached ({message})", retry_after=wait)
    if response.status_code >= 500:
        return Transient(f"Bluesky answered {response.status_code} ({message})")
    if name in {"ExpiredToken", "InvalidToken"}:
        return SessionDead(f"Bluesky session is no longer valid ({name}: {message})")
    if name in {"AccountTakedown", "AccountDeactivated"}:
        return AccountUnavailable(f"Bluesky account cannot be used ({name}: {message})")
    if name == "AuthFactorTokenRequired":
        return Invalid(
            "Bluesky asks for a second factor: use an app password (Settings > App passwords), not your password"
        )
    if response.status_code == 401 or name == "AuthenticationRequired":
        return AuthRevoked(f"Bluesky refused the handle or app password ({message}); the app password may be revoked")
    return Invalid(f"Bluesky answered {response.status_code} ({message})")


def _post(http: httpx.Client, url: str, **kwargs) -> dict[str, Any]:
    try:
        response = send(http, "POST", url, **kwargs)
    except OutcomeUnknown as exc:
        raise Transient(exc.message) from exc
    if response.status_code != 200:
        raise xrpc_error(response)
    body = json_body(response)
    require_fields(body, "Bluesky", "accessJwt", "refreshJwt", "did")
    return body


def jwt_expiry(token: str) -> datetime | None:
    """The `exp` claim of a JWT (read, not verified: the PDS verifies its own tokens)."""
    try:
        payload = token.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        return datetime.fromtimestamp(int(claims["exp"]), UTC)
    except (IndexError, KeyError, TypeError, ValueError):
        return None


def pds_from_did_doc(did_doc: Any) -> str | None:
    """The `#atproto_pds` service endpoint of a DID document."""
    if not isinstance(did_doc, dict):
        return None
    for service in did_doc.get("service") or []:
        if isinstance(service, dict) and str(service.get("id", "")).endswith("#atproto_pds"):
            endpoint = service.get("serviceEndpoint")
            if isinstance(endpoint, str) and endpoint.startswith("http"):
                return endpoint.rstrip("/")
    return None


def normalise_handle(handle: str) -> str:
    handle = handle.strip().lstrip("@").lower()
    # "acme" means the default hosting's "acme.bsky.social"; a DID or a domain handle is taken as given.
    if handle and "." not in handle and not handle.startswith("did:"):
        handle = f"{handle}.bsky.social"
    return handle


def create_session(http: httpx.Client, pds_url: str, identifier: str, password: str) -> dict[str, Any]:
    return _post(
        http,
        _xrpc(pds_url, "com.atproto.server.createSession"),
        json={"identifier": identifier, "password": password},
    )


def refresh_session(http: httpx.Client, pds_url: str, refresh_jwt: str) -> dict[str, Any]:
    """A new session (both JWTs rotate). Any refusal of the refresh JWT itself is SessionDead."""
    try:
        # The refresh JWT goes in the Authorization header; the body stays empty.
        return _post(
            http,
            _xrpc(pds_url, "com.atproto.server.refreshSession"),
            headers={"Authorization": f"Bearer {refresh_jwt}"},
        )
    except (SessionDead, AccountUnavailable):
        raise
    except AuthRevoked as exc:
        raise SessionDead(exc.message) from exc


def _credentials(session: dict[str, Any], identifier: str | None, app_password: str | None) -> dict[str, Any]:
    credentials = {
        "access_jwt": session["accessJwt"],
        "refresh_jwt": session["refreshJwt"],
        "did": session["did"],
        "handle": session.get("handle"),
    }
    if identifier and app_password:
        credentials.update(identifier=identifier, app_password=app_password)
    return credentials


def connect(
    http: httpx.Client, settings: Settings, *, handle: str, app_password: str, pds_url: str | None = None
) -> Grant:
    """Log in once with the app password and keep the session."""
    entry = (pds_url or settings.bluesky_pds_url).rstrip("/")
    identifier, password = normalise_handle(handle), app_password.strip()
    session = create_session(http, entry, identifier, password)
    handle = session.get("handle") or identifier
    return Grant(
        platform=PLATFORM,
        platform_account_id=session["did"],
        handle=handle,
        display_name=handle,
        credentials=_credentials(session, identifier, password),
        expires_at=jwt_expiry(session["accessJwt"]),
        # Later calls go to the account's own PDS, not the entryway it logged in through.
        instance_url=pds_from_did_doc(session.get("didDoc")) or entry,
    )


def refresh(http: httpx.Client, settings: Settings, credentials: dict[str, Any], pds_url: str | None) -> Refreshed:
    """refreshSession; when the refresh JWT itself is dead, one new session from the stored app password."""
    pds_url = pds_url or settings.bluesky_pds_url
    identifier = credentials.get("identifier") or credentials.get("did") or credentials.get("handle")
    app_password = credentials.get("app_password")
    try:
        if not credentials.get("refresh_jwt"):
            raise SessionDead("no Bluesky refresh token on file")
        session = refresh_session(http, pds_url, credentials["refresh_jwt"])
    except SessionDead:
        if not (identifier and app_password):
            raise
        # A 401 here means the app password was revoked: AuthRevoked, and the account needs reconnecting.
        session = create_session(http, pds_url, identifier, app_password)
    return Refreshed(
        credentials={**credentials, **_credentials(session, None, None)}, expires_at=jwt_expiry(session["accessJwt"])
    )
