"""API key material and CSRF tokens."""

import hashlib
import hmac
import secrets

API_KEY_PREFIX = "hk_"


def new_api_key() -> tuple[str, str, str]:
    """(full key shown once, short public prefix for display, hash stored at rest)."""
    key = API_KEY_PREFIX + secrets.token_urlsafe(32)
    return key, key[:11], hash_api_key(key)


def hash_api_key(key: str) -> str:
    # Keys carry 256 bits of entropy, so a fast hash is enough and lets us look them up by hash.
    return hashlib.sha256(key.encode()).hexdigest()


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


def same_token(expected: str | None, given: str | None) -> bool:
    return bool(expected) and bool(given) and hmac.compare_digest(expected, given)
