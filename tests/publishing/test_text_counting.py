"""Each platform's own counting, with expectations worked out by hand from its rules (PLATFORM_APIS.md)."""

import pytest

from heraldo.publishing import limits
from heraldo.publishing.text import TextCount, count

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"  # 👨‍👩‍👧‍👦: 7 code points, 25 UTF-8 bytes
THUMBS_MEDIUM = "\U0001f44d\U0001f3fd"  # 👍🏽: 2 code points, 8 bytes
FLAG_ES = "\U0001f1ea\U0001f1f8"  # 🇪🇸: 2 regional indicators, 8 bytes
E_ACUTE_DECOMPOSED = "e\u0301"  # é as e + combining acute: 2 code points, 1 grapheme
LONG_URL = "https://example.com/" + "p" * 200  # 220 characters
# Every limit from PLATFORM_APIS.md / TEXT_LIMITS.
LIMITS = {
    "x": 280,
    "bluesky": 300,
    "threads": 500,
    "mastodon": 500,
    "linkedin": 3000,
    "instagram": 2200,
    "facebook": 63206,
    "sandbox": 5000,
}


@pytest.mark.parametrize(("platform", "limit"), LIMITS.items())
def test_limits_and_the_boundary(platform, limit):
    assert limits.text_limit(platform) == limit
    assert count(platform, "a" * limit) == TextCount(length=limit, limit=limit, remaining=0, valid=True)
    over = count(platform, "a" * (limit + 1))
    assert (over.length, over.remaining, over.valid) == (limit + 1, -1, False)
    assert limits.overflow(platform, "a" * (limit + 1)) == 1
    assert limits.overflow(platform, "a" * limit) == 0


def test_unknown_platform_is_an_error():
    with pytest.raises(ValueError):
        count("myspace", "hi")


# ---- X: twitter-text v3 weighted length ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("Hello", 5),
        ("日本語", 6),  # CJK weighs 2
        ("Привет", 6),  # Cyrillic is in the 0-4351 range: 1 each
        ("😀", 2),
        (FAMILY, 2),  # a ZWJ sequence is one emoji
        (THUMBS_MEDIUM, 2),  # skin tone modifier sequence
        (FLAG_ES, 2),
        ("1\u20e3", 2),  # keycap without VS16
        ("\u2764\ufe0f", 2),  # ❤️ text-default symbol with VS16
        ("\u00a9", 1),  # © alone is text, in the 1-weight range
        ("\u00a9\ufe0f", 2),  # ©️ with VS16 is an emoji
        ("\u26a1\ufe0f", 2),  # ⚡️ has a variation sequence: VS16 belongs to it
        ("\U0001f600\ufe0f", 4),  # 😀 has none: twitter-text counts the stray VS16 as another emoji
        ("\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f", 2),  # Scotland's flag
        ("\u2764\ufe0f\u200d\U0001f525", 2),  # ❤️‍🔥 (Unicode 13.1): one ZWJ sequence
        (E_ACUTE_DECOMPOSED, 1),  # NFC makes it one "é"
        ("\u2014 \u2019", 3),  # em dash and right quote are in 8208-8223: 1 each
        ("\u2122", 2),  # ™ is outside the 1-weight ranges
        (LONG_URL, 23),
        ("see example.com now", 4 + 23 + 4),  # bare domain with a known TLD
        ("see example.notatld now", 23),  # unknown TLD: plain characters
        ("mail bob@example.com", 5 + 15),  # an e-mail address is not a link
        ("https://t.co/abc and http://x.co", 23 + 5 + 23),
    ],
)
def test_x_weighted_length(text, length):
    assert count("x", text).length == length


def test_x_280_with_a_long_url_fits_and_281_does_not():
    text = "a" * 256 + " " + LONG_URL  # 256 + 1 + 23
    assert len(text) == 477
    assert count("x", text) == TextCount(length=280, limit=280, remaining=0, valid=True)
    assert count("x", "日" * 140 + "a").length == 281


def test_x_refuses_invisible_characters_whatever_the_length():
    counted = count("x", "hello\ufeff")
    assert (counted.length, counted.valid) == (5 + 2, False)  # U+FEFF is outside the 1-weight ranges
    assert "U+FEFF" in counted.problem
    assert limits.overflow("x", "hello\ufeff") == 1
    assert "U+FEFF" in limits.problem("x", "hello\ufeff")


def test_empty_text_fits_everywhere():
    # Whether a post may be empty (media only) is the post's rule, not the counter's.
    for platform in LIMITS:
        assert count(platform, "").valid


# ---- Bluesky: 300 graphemes and 3,000 UTF-8 bytes ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("hello", 5),
        (E_ACUTE_DECOMPOSED, 1),
        (FAMILY, 1),
        (FLAG_ES, 1),
        (THUMBS_MEDIUM, 1),
        ("日本語", 3),
        (LONG_URL, 220),  # Bluesky does not shorten links
        ("😀 " + LONG_URL, 222),  # an emoji before a link moves byte offsets, not the grapheme count
    ],
)
def test_bluesky_counts_graphemes(text, length):
    assert count("bluesky", text).length == length


def test_bluesky_also_caps_bytes():
    text = FAMILY * 120  # 120 graphemes, 3,000 bytes: exactly at the byte cap
    assert count("bluesky", text).valid
    more = count("bluesky", FAMILY * 121)  # 121 graphemes but 3,025 bytes
    assert (more.length, more.remaining, more.valid) == (121, 179, False)
    assert "3025 bytes" in more.problem
    assert limits.overflow("bluesky", FAMILY * 121) == 1


# ---- Threads: graphemes, emoji by their UTF-8 length ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("hello", 5),
        (E_ACUTE_DECOMPOSED, 1),
        ("日本", 2),
        ("😀", 4),
        ("hi " + THUMBS_MEDIUM, 3 + 8),
        ("\u2764\ufe0f", 6),  # 3 + 3 bytes
        (FAMILY, 25),
        (FLAG_ES, 8),
        (LONG_URL, 220),
    ],
)
def test_threads_counts_emoji_by_bytes(text, length):
    assert count("threads", text).length == length


def test_threads_limit_with_emoji():
    assert count("threads", "😀" * 125).valid  # 125 x 4 = 500
    assert not count("threads", "😀" * 126).valid


# ---- Mastodon: graphemes, URLs 23, @user@domain as @user -----------------------------------------


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("hello", 5),
        (FAMILY, 1),
        ("Read " + LONG_URL, 5 + 23),
        ("http://a.co", 23),  # short links count 23 too
        ("example.com", 11),  # no scheme: not a link on Mastodon
        ("https://example.com/ñandú/😀", 23),  # Mastodon's paths take any non-space character
        ("@alice@example.social hi", 9),  # "@alice hi"
        ("@alice hi", 9),
        ("mail bob@example.com", 20),  # an e-mail address is not a mention
        ("cc @bob@mastodon.example and @carol", 3 + 4 + 5 + 6),
    ],
)
def test_mastodon_counting(text, length):
    assert count("mastodon", text).length == length


def test_mastodon_500_with_links_and_remote_mentions():
    text = "@someone@a.very.long.instance.example " + "a" * 467 + " " + LONG_URL
    assert len(text) == 726
    # "@someone " (9) + 467 + " " (1) + 23
    assert count("mastodon", text) == TextCount(length=500, limit=500, remaining=0, valid=True)


# ---- LinkedIn, Instagram, Facebook: UTF-16 characters --------------------------------------------


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("Hello (world)", 13 + 2),  # ( and ) are sent escaped
        ("a_b @c #d", 9 + 3),
        ("😀", 2),  # outside the BMP: a surrogate pair
        (E_ACUTE_DECOMPOSED, 2),
        ("\\", 2),
    ],
)
def test_linkedin_counts_escaped_commentary(text, length):
    assert count("linkedin", text).length == length


def test_linkedin_limit_includes_escapes():
    assert count("linkedin", "(" * 1500).valid  # 3,000 once escaped
    assert not count("linkedin", "(" * 1501).valid


@pytest.mark.parametrize(("text", "length"), [("Hello", 5), ("😀", 2), (FAMILY, 11), ("日本", 2)])
def test_instagram_and_facebook_count_utf16(text, length):
    assert count("instagram", text).length == length
    assert count("facebook", text).length == length


def test_instagram_caps_hashtags_and_mentions():
    tags = " ".join(f"#tag{i}" for i in range(30))
    assert count("instagram", tags).valid
    too_many = count("instagram", tags + " #one_more")
    assert not too_many.valid and too_many.length < 2200
    assert "31 hashtags" in too_many.problem
    mentions = " ".join(f"@user.{i}" for i in range(21))
    assert "21 @mentions" in count("instagram", mentions).problem
    # E-mail addresses and a "#" inside a word are neither.
    assert count("instagram", " ".join(["bob@example.com"] * 25 + ["C#sharp"] * 31)).valid


def test_sandbox_counts_code_points():
    assert count("sandbox", FAMILY).length == 7


def test_problem_sentence():
    assert limits.problem("x", "hello") is None
    assert limits.problem("x", "a" * 281) == "281 characters where the limit is 280"
    assert limits.text_length("x", LONG_URL) == 23
