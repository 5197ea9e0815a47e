"""Connectors by platform name.

Each platform's module, `publishing/connectors/<platform>.py`, exposes a module-level `connector`;
the registry finds them by the platform names in `publishing.platforms.Platform`.
"""

import importlib
import importlib.util

from heraldo.publishing.connectors.base import Connector
from heraldo.publishing.platforms import Platform

_CONNECTORS: dict[str, Connector] = {}


class ConnectorUnavailable(LookupError):
    """No connector publishes to this platform in this installation."""


def register(connector: Connector) -> Connector:
    _CONNECTORS[connector.platform] = connector
    return connector


def find_connector(platform: str) -> Connector | None:
    return _CONNECTORS.get(platform)


def get_connector(platform: str) -> Connector:
    connector = find_connector(platform)
    if connector is None:
        raise ConnectorUnavailable(f"publishing to {platform!r} is not available in this version of Heraldo")
    return connector


def available_platforms() -> list[str]:
    return sorted(_CONNECTORS)


def _discover() -> None:
    for platform in Platform:
        name = f"heraldo.publishing.connectors.{platform.value}"
        if importlib.util.find_spec(name) is not None:
            register(importlib.import_module(name).connector)


_discover()
