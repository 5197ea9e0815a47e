"""HTTP plumbing every platform client shares: one httpx call with its failures classified.

Platform modules map their own error bodies (Meta envelopes, LinkedIn service codes, X problems...);
this module handles what is common: transport failures, wait hints, and the unknown outcome of a
write whose answer never came.
"""

from collections.abc import Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from heraldo.core.clock import utcnow
from heraldo.publishing.errors import OutcomeUnknown, RateLimited, Transient

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header, in either of its forms (seconds, or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, (moment - (now or utcnow())).total_seconds())


def seconds_until_epoch(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds until an epoch-seconds reset header (X `x-rate-limit-reset`, Bluesky `ratelimit-reset`)."""
    if not value:
        return None
    try:
        reset = float(value)
    except ValueError:
        return None
    return max(0.0, reset - (now or utcnow()).timestamp())


def seconds_until_iso(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds until an ISO 8601 reset header (Mastodon `X-RateLimit-Reset`)."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, (moment - (now or utcnow())).total_seconds())


def largest_wait(*hints: float | None) -> float | None:
    """When a header and a body hint disagree, the larger one wins."""
    known = [hint for hint in hints if hint is not None]
    return max(known) if known else None


def retry_after_from(headers: Mapping[str, str]) -> float | None:
    return parse_retry_after(headers.get("retry-after"))


def send(client: httpx.Client, method: str, url: str, **kwargs) -> httpx.Response:
    """One request. Transport failures become Transient, or OutcomeUnknown for a write that may have
    reached the platform (a read timeout after the request was sent): never resend such a write blindly.
    A 429 without platform-specific handling becomes RateLimited with the Retry-After hint."""
    try:
        response = client.request(method, url, **kwargs)
    except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
        # The request never left: safe to retry.
        raise Transient(f"could not reach {httpx.URL(url).host}: {type(exc).__name__}") from exc
    except (httpx.ReadTimeout, httpx.WriteTimeout, httpx.RemoteProtocolError, httpx.ReadError) as exc:
        if method.upper() in WRITE_METHODS:
            raise OutcomeUnknown(
                f"{method.upper()} {httpx.URL(url).path} was sent but no answer came back ({type(exc).__name__})"
            ) from exc
        raise Transient(f"no answer from {httpx.URL(url).host}: {type(exc).__name__}") from exc
    except httpx.HTTPError as exc:
        raise Transient(f"HTTP error talking to {httpx.URL(url).host}: {type(exc).__name__}") from exc
    return response


def raise_for_common_status(response: httpx.Response, platform: str) -> None:
    """Classify what every platform means the same way: 429 and 5xx."""
    if response.status_code == 429:
        raise RateLimited(f"{platform} rate limit reached", retry_after=retry_after_from(response.headers))
    if response.status_code >= 500:
        raise Transient(f"{platform} answered {response.status_code}", retry_after=retry_after_from(response.headers))


def json_object(response: httpx.Response) -> dict[str, Any]:
    """The response body as a JSON object; {} when it is empty, not JSON, or not an object."""
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def client_for(settings_timeout: float) -> httpx.Client:
    """A client with Heraldo's timeouts; connectors never create their own without one."""
    return httpx.Client(timeout=httpx.Timeout(settings_timeout), follow_redirects=False)
