"""What a provider hands over for one account, and the HTTP rules every token endpoint shares."""

import ipaddress
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import httpx

from heraldo.core.clock import utcnow
from heraldo.core.errors import InvalidInput
from heraldo.publishing.connectors.http import raise_for_common_status, send
from heraldo.publishing.errors import AuthRevoked, Invalid, OutcomeUnknown, PublishError, Transient


@dataclass
class Grant:
    """One account a provider authorised: who it is and the credentials to store (encrypted)."""

    platform: str
    platform_account_id: str
    handle: str
    display_name: str
    credentials: dict[str, Any]
    expires_at: datetime | None = None
    instance_url: str | None = None


@dataclass
class Refreshed:
    """New credentials from a refresh (or the same ones after a health check) and when they expire."""

    credentials: dict[str, Any]
    expires_at: datetime | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def expires_from(expires_in: Any, now: datetime | None = None) -> datetime | None:
    """`expires_in` seconds (as providers send it, number or string) from now; None when absent."""
    try:
        seconds = int(expires_in)
    except (TypeError, ValueError):
        return None
    return (now or utcnow()) + timedelta(seconds=seconds)


def call(http: httpx.Client, method: str, url: str, *, platform: str, **kwargs) -> httpx.Response:
    """One call to an authorisation server. 429 is RateLimited, 5xx and transport failures Transient.

    A token request whose answer was lost is Transient too (not OutcomeUnknown): nothing was published,
    and the account must stay active; if a single-use refresh token was spent, the next refresh says so."""
    try:
        response = send(http, method, url, **kwargs)
    except OutcomeUnknown as exc:
        raise Transient(exc.message) from exc
    raise_for_common_status(response, platform)
    return response


def json_body(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def oauth_error(response: httpx.Response, platform: str) -> PublishError:
    """An RFC 6749 error answer from a token endpoint, classified.

    Only `invalid_grant` means the grant itself is dead (reconnect); a bad client is a configuration
    problem of this server, not of the account."""
    body = json_body(response)
    error = str(body.get("error") or "")
    description = str(body.get("error_description") or body.get("message") or "")[:300]
    if error == "invalid_grant":
        return AuthRevoked(f"{platform} no longer accepts this account's authorisation ({description or error})")
    if error in {"invalid_client", "unauthorized_client"}:
        return Invalid(f"{platform} rejected Heraldo's client id or secret ({description or error})")
    detail = f"{error}: {description}" if error else response.text[:300]
    return Invalid(f"{platform} answered {response.status_code} ({detail})")


def require_fields(body: dict[str, Any], platform: str, *names: str) -> None:
    missing = [name for name in names if not body.get(name)]
    if missing:
        raise Invalid(f"{platform} answered without {', '.join(missing)}")


def public_https_base(value: str, *, field: str, example: str) -> str:
    """`host`, `https://host/` -> `https://host`: a public https server only.

    The server itself calls this URL, so a user-supplied one must not reach the private network."""
    value = (value or "").strip()
    if "://" not in value:
        value = f"https://{value}"
    parts = urlsplit(value)
    try:
        host = (parts.hostname or "").lower().rstrip(".")
        port = parts.port
    except ValueError:
        host, port = "", None
    if parts.scheme != "https" or "." not in host or parts.username or parts.password:
        raise InvalidInput(f"enter the server's https address, e.g. {example}", field=field)
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    if host == "localhost" or host.endswith(".localhost") or (address is not None and not address.is_global):
        raise InvalidInput("the server must be a public one", field=field)
    return f"https://{host}{f':{port}' if port and port != 443 else ''}"
