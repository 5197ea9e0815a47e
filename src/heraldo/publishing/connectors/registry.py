"""Connectors by platform name."""

from heraldo.publishing.connectors.base import Connector
from heraldo.publishing.connectors.sandbox import SandboxConnector

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


register(SandboxConnector())
