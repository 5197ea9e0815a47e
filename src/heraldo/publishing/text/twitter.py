"""X's weighted length (twitter-text `parseTweet`), checked against the official conformance suite.

The text is NFC-normalised. Every URL the twitter-text extractor finds counts `transformed_url_length` (23);
with emoji parsing on (config v3) every emoji sequence counts `default_weight` (2) as a whole; every other code
point weighs what its range says (100: Latin, Cyrillic, most punctuation...) or `default_weight` (200: CJK, most
symbols). The weighted length is the sum divided by `scale` (100). The ranges of `valid_range_end` and
`display_range_end` are inclusive UTF-16 offsets into the text as given, as twitter-text reports them.
"""

import math
import unicodedata
from dataclasses import dataclass
from itertools import accumulate

from heraldo.publishing.text.emoji import emoji_spans
from heraldo.publishing.text.urls import find_urls

# U+FFFE, U+FEFF and U+FFFF make a post invalid wherever they are.
INVALID_CHARACTERS = frozenset("\ufffe\ufeff\uffff")

_BASE_RANGES = ((0, 4351, 100), (8192, 8205, 100), (8208, 8223, 100), (8242, 8247, 100))


@dataclass(frozen=True)
class TwitterTextConfig:
    """One of twitter-text's config/vN.json files (see config/README.md in twitter-text)."""

    version: int
    max_weighted_tweet_length: int
    scale: int
    default_weight: int
    transformed_url_length: int
    ranges: tuple[tuple[int, int, int], ...]  # (first code point, last code point, weight)
    emoji_parsing_enabled: bool = False

    def weight(self, code_point: int) -> int:
        for start, end, weight in self.ranges:
            if start <= code_point <= end:
                return weight
        return self.default_weight


V1 = TwitterTextConfig(1, 140, 1, 1, 23, ())
V2 = TwitterTextConfig(2, 280, 100, 200, 23, _BASE_RANGES)
V3 = TwitterTextConfig(3, 280, 100, 200, 23, _BASE_RANGES, emoji_parsing_enabled=True)
DEFAULT_CONFIG = V3


@dataclass(frozen=True)
class ParsedTweet:
    """What twitter-text's parseTweet answers, field for field."""

    weighted_length: int | float  # a float only if a config's weights are not multiples of its scale
    valid: bool
    permillage: int
    valid_range_start: int
    valid_range_end: int
    display_range_start: int
    display_range_end: int

    def as_twitter_text(self) -> dict[str, int | bool]:
        """The result under twitter-text's own (camelCase) field names."""
        return {
            "weightedLength": self.weighted_length,
            "valid": self.valid,
            "permillage": self.permillage,
            "validRangeStart": self.valid_range_start,
            "validRangeEnd": self.valid_range_end,
            "displayRangeStart": self.display_range_start,
            "displayRangeEnd": self.display_range_end,
        }


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def parse_tweet(text: str, config: TwitterTextConfig = DEFAULT_CONFIG) -> ParsedTweet:
    """Weighted length and validity of `text` as X counts it (twitter-text v3 by default)."""
    normalized = unicodedata.normalize("NFC", text)
    entity_end = {url.start: url.end for url in find_urls(normalized)}
    emoji_end = dict(emoji_spans(normalized)) if config.emoji_parsing_enabled else {}
    # UTF-16 offset at which each code point starts, since twitter-text reports ranges in UTF-16 units.
    utf16_starts = [0, *accumulate(2 if ord(ch) > 0xFFFF else 1 for ch in normalized)]

    scaled_max = config.max_weighted_tweet_length * config.scale
    weighted = 0
    valid = True
    valid_display_index = 0
    index = 0
    while index < len(normalized):
        if index in entity_end:
            end = entity_end[index]
            weighted += config.transformed_url_length * config.scale
        elif index in emoji_end:
            end = emoji_end[index]
            weighted += config.default_weight
        else:
            end = index + 1
            weighted += config.weight(ord(normalized[index]))
        # twitter-text tests only the last code unit of each URL, emoji or character.
        valid = valid and normalized[end - 1] not in INVALID_CHARACTERS
        if valid and weighted <= scaled_max:
            valid_display_index = utf16_starts[end] - 1
        index = end

    # twitter-text divides without rounding; with the published configs the result is always whole.
    length = weighted // config.scale if weighted % config.scale == 0 else weighted / config.scale
    valid = valid and 0 < length <= config.max_weighted_tweet_length
    text_utf16 = _utf16_length(text)
    # Offsets refer to the text as given, which normalisation may have made shorter or longer.
    valid_display_index += text_utf16 - utf16_starts[-1]
    return ParsedTweet(
        weighted_length=length,
        valid=valid,
        permillage=int(length / config.max_weighted_tweet_length * 1000),
        valid_range_start=0,
        valid_range_end=valid_display_index,
        display_range_start=0,
        display_range_end=text_utf16 - 1 if text_utf16 > 0 else 0,
    )


def weighted_length(text: str, config: TwitterTextConfig = DEFAULT_CONFIG) -> int:
    """The weighted length alone, rounded up to a whole character (what X compares with its limit)."""
    return math.ceil(parse_tweet(text, config).weighted_length)
