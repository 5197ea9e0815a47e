"""The FastAPI dependency for routes that call a platform while the person waits (connect, refresh, reply)."""

from collections.abc import Iterator

import httpx
from fastapi import Depends

from heraldo.core.settings import Settings
from heraldo.core.state import app_settings
from heraldo.publishing.connectors.http import client_for


def platform_http(settings: Settings = Depends(app_settings)) -> Iterator[httpx.Client]:
    """One HTTP client per request for calls to the platforms, with Heraldo's timeouts."""
    with client_for(settings.http_timeout_seconds) as client:
        yield client
