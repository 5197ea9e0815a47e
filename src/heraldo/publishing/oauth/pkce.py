"""PKCE (RFC 7636, S256 only) and the unguessable `state` of an authorisation."""

import base64
import hashlib
import secrets


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def new_verifier() -> str:
    """A code verifier: 64 characters from the unreserved set (RFC 7636 allows 43 to 128)."""
    return _b64url(secrets.token_bytes(48))


def challenge_s256(verifier: str) -> str:
    """BASE64URL(SHA256(ASCII(verifier))) without padding."""
    return _b64url(hashlib.sha256(verifier.encode("ascii")).digest())


def new_state() -> str:
    """256 random bits: the one thing tying a provider's redirect back to the authorisation we started."""
    return _b64url(secrets.token_bytes(32))
