"""Platforms that count grapheme clusters, what a reader sees as one character: Bluesky, Threads, Mastodon.

A grapheme cluster is Unicode's extended grapheme cluster (`regex`'s `\\X`): "é" written as e + combining accent,
a flag, a family emoji joined with ZWJs each count 1.
"""

import regex

from heraldo.publishing.text.emoji import EMOJI_CODE_POINT
from heraldo.publishing.text.urls import MASTODON_RULES, find_urls

_GRAPHEME = regex.compile(r"\X")

BLUESKY_MAX_BYTES = 3000
MASTODON_URL_LENGTH = 23
# Mastodon's Account::MENTION_RE: @user, or @user@domain for someone on another server.
_MASTODON_MENTION = regex.compile(
    r"(?<![=/\w])@(([a-z0-9_]+(?:[.-]+[a-z0-9_]+)*)(?:@\w+(?:[.-]+\w+)*)?)", regex.IGNORECASE
)
# twitter-text's end_mention_match: a mention followed by one of these is not a mention.
_NOT_AFTER_MENTION = regex.compile(r"[@\uff20\xc0-\xd6\xd8-\xf6\xf8-\xff\u0100-\u024f\u1e00-\u1eff]|://")


def graphemes(text: str) -> list[str]:
    return _GRAPHEME.findall(text)


def grapheme_length(text: str) -> int:
    return len(graphemes(text))


def bluesky_length(text: str) -> int:
    """Bluesky: at most 300 graphemes (and `BLUESKY_MAX_BYTES` UTF-8 bytes, see `utf8_length`)."""
    return grapheme_length(text)


def utf8_length(text: str) -> int:
    return len(text.encode("utf-8"))


def threads_length(text: str) -> int:
    """Threads, counted conservatively: one per grapheme, but an emoji weighs its UTF-8 byte length.

    Meta documents the 500 limit in characters and says emoji count by their UTF-8 length, without saying how
    strictly; counting "😀" as 4 and a ZWJ family as 25 never lets through a post Threads refuses.
    """
    return sum(utf8_length(cluster) if EMOJI_CODE_POINT.search(cluster) else 1 for cluster in graphemes(text))


def _mastodon_mentions(text: str) -> list[tuple[int, int, str]]:
    """(start, end, what it counts as) for each mention, as Mastodon's extractor finds them."""
    mentions = []
    for match in _MASTODON_MENTION.finditer(text):
        if _NOT_AFTER_MENTION.match(text, match.end()):
            continue
        mentions.append((match.start(), match.end(), "@" + match.group(2)))
    return mentions


def mastodon_countable_text(text: str) -> str:
    """The text Mastodon measures: every URL as 23 characters, every @user@domain as @user."""
    entities = [(url.start, url.end, "x" * MASTODON_URL_LENGTH) for url in find_urls(text, MASTODON_RULES)]
    entities += _mastodon_mentions(text)
    pieces, position = [], 0
    # Where a URL and a mention overlap, the one that starts first wins (twitter-text's remove_overlapping).
    for start, end, replacement in sorted(entities, key=lambda entity: entity[0]):
        if start < position:
            continue
        pieces += [text[position:start], replacement]
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def mastodon_length(text: str, spoiler_text: str = "") -> int:
    """Mastodon's StatusLengthValidator: graphemes of the content warning plus the countable text."""
    return grapheme_length(spoiler_text) + grapheme_length(mastodon_countable_text(text))
