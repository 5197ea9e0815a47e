"""How long a text is, as each platform counts it, and whether it fits."""

from heraldo.publishing.connectors.registry import find_connector
from heraldo.publishing.platforms import TEXT_LIMITS, Platform


def text_limit(platform: str) -> int:
    connector = find_connector(platform)
    return connector.text_limit if connector else TEXT_LIMITS[Platform(platform)]


def text_length(platform: str, text: str) -> int:
    connector = find_connector(platform)
    return connector.count_text(text) if connector else len(text)


def overflow(platform: str, text: str) -> int:
    """How many characters over the platform's limit `text` is (0 when it fits)."""
    return max(0, text_length(platform, text) - text_limit(platform))
