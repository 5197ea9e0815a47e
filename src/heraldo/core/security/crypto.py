"""Encryption at rest for platform credentials, keyed from HERALDO_SECRET_KEY."""

import base64
import json
from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF


def derive_key(secret_key: str, purpose: str) -> bytes:
    """A 32-byte key for one purpose; different purposes never share key material."""
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"heraldo", info=purpose.encode())
    return hkdf.derive(secret_key.encode())


class SecretBox:
    """Encrypts JSON-serialisable secrets (Fernet: AES-128-CBC + HMAC-SHA256, timestamped)."""

    def __init__(self, secret_key: str):
        self._fernet = Fernet(base64.urlsafe_b64encode(derive_key(secret_key, "credentials-at-rest")))

    def encrypt(self, value: Any) -> str:
        return self._fernet.encrypt(json.dumps(value, separators=(",", ":")).encode()).decode()

    def decrypt(self, token: str) -> Any:
        try:
            return json.loads(self._fernet.decrypt(token.encode()))
        except InvalidToken as exc:
            raise ValueError("credentials cannot be decrypted: was HERALDO_SECRET_KEY changed?") from exc
