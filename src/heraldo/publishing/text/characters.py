"""Platforms that count characters: LinkedIn, Instagram, Facebook.

None of them documents what a "character" is. We count UTF-16 code units, as their web composers (JavaScript)
and LinkedIn's Java services measure strings: an emoji outside the Basic Multilingual Plane counts 2. That is
never less than the number of code points or graphemes, so a text that fits here fits there.
"""

import regex

# LinkedIn's "little" text format reserves these; a literal one is sent backslash-escaped, so it counts twice.
LINKEDIN_RESERVED = frozenset("\\|{}@[]()<>#*_~")
INSTAGRAM_MAX_HASHTAGS = 30
INSTAGRAM_MAX_MENTIONS = 20

# A hashtag or mention starts after a space, punctuation or the start, never inside a word or an e-mail address.
_HASHTAG = regex.compile(r"(?<![\w#@&])[#\uff03][\w\p{M}]+")
_MENTION = regex.compile(r"(?<![\w@.])@[A-Za-z0-9._]+")


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def linkedin_length(text: str) -> int:
    """LinkedIn's 3,000 characters of `commentary`, after escaping its reserved characters (the worst case:
    the connector may leave our own mention and hashtag markup unescaped, which only makes the post shorter)."""
    return utf16_length(text) + sum(1 for ch in text if ch in LINKEDIN_RESERVED)


def instagram_hashtags(text: str) -> int:
    """Hashtags in a caption, each occurrence counted (Instagram allows 30)."""
    return len(_HASHTAG.findall(text))


def instagram_mentions(text: str) -> int:
    """@mentions in a caption, each occurrence counted (Instagram allows 20)."""
    return len(_MENTION.findall(text))
