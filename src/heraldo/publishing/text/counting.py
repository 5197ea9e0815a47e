"""One entry point: how long a text is on a platform, as that platform counts it, and whether it fits."""

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace

from heraldo.publishing.platforms import TEXT_LIMITS, Platform
from heraldo.publishing.text import characters, graphemes, twitter


@dataclass(frozen=True)
class TextCount:
    length: int
    limit: int
    remaining: int
    valid: bool
    # Why the text does not fit when its length alone does not say (too many hashtags, a refused character).
    problem: str | None = None


def _fit(length: int, limit: int, problem: str | None = None) -> TextCount:
    return TextCount(
        length=length, limit=limit, remaining=limit - length, valid=length <= limit and not problem, problem=problem
    )


def _x(text: str, limit: int) -> TextCount:
    length = twitter.weighted_length(text, replace(twitter.DEFAULT_CONFIG, max_weighted_tweet_length=limit))
    refused = twitter.INVALID_CHARACTERS.intersection(unicodedata.normalize("NFC", text))
    problem = None
    if refused:
        names = ", ".join(f"U+{ord(ch):04X}" for ch in sorted(refused))
        problem = f"X refuses the invisible character(s) {names}"
    return _fit(length, limit, problem)


def _bluesky(text: str, limit: int) -> TextCount:
    size = graphemes.utf8_length(text)
    problem = None
    if size > graphemes.BLUESKY_MAX_BYTES:
        problem = f"{size} bytes in UTF-8; Bluesky takes at most {graphemes.BLUESKY_MAX_BYTES}"
    return _fit(graphemes.bluesky_length(text), limit, problem)


def _instagram(text: str, limit: int) -> TextCount:
    problems = []
    hashtags = characters.instagram_hashtags(text)
    if hashtags > characters.INSTAGRAM_MAX_HASHTAGS:
        problems.append(f"{hashtags} hashtags; Instagram takes at most {characters.INSTAGRAM_MAX_HASHTAGS}")
    mentions = characters.instagram_mentions(text)
    if mentions > characters.INSTAGRAM_MAX_MENTIONS:
        problems.append(f"{mentions} @mentions; Instagram takes at most {characters.INSTAGRAM_MAX_MENTIONS}")
    return _fit(characters.utf16_length(text), limit, "; ".join(problems) or None)


_COUNTERS: dict[Platform, Callable[[str, int], TextCount]] = {
    Platform.X: _x,
    Platform.BLUESKY: _bluesky,
    Platform.THREADS: lambda text, limit: _fit(graphemes.threads_length(text), limit),
    Platform.MASTODON: lambda text, limit: _fit(graphemes.mastodon_length(text), limit),
    Platform.LINKEDIN: lambda text, limit: _fit(characters.linkedin_length(text), limit),
    Platform.INSTAGRAM: _instagram,
    Platform.FACEBOOK: lambda text, limit: _fit(characters.utf16_length(text), limit),
    # The sandbox stores the text as it is: code points.
    Platform.SANDBOX: lambda text, limit: _fit(len(text), limit),
}


def count(platform: str, text: str, *, limit: int | None = None) -> TextCount:
    """Length of `text` as `platform` counts it, against its limit (`TEXT_LIMITS` unless `limit` is given).

    `limit` is there for limits that depend on the account: X Premium posts up to 25,000 weighted characters
    and each Mastodon server sets its own (to be read from the account's settings or instance once stored).
    Raises ValueError for a platform Heraldo does not know.
    """
    known = Platform(platform)
    return _COUNTERS[known](text, TEXT_LIMITS[known] if limit is None else limit)
