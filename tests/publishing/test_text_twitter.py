"""X's weighted length against twitter-text's own conformance suite, and the URL extractor behind it.

The suite is read from the shared data folder that sits beside the repository (here and in CI); every
weighted-length case in it runs, so a newer copy of the suite is picked up without editing this file.
"""

import json
import random
import time
from pathlib import Path

import pytest

from heraldo.publishing.text import count
from heraldo.publishing.text import urls as url_rules
from heraldo.publishing.text.twitter import V1, V2, V3, parse_tweet, weighted_length
from heraldo.publishing.text.urls import MASTODON_RULES, TWITTER_RULES, find_urls

TWITTER_TEXT = Path(__file__).resolve().parents[3] / "shared" / "data" / "twitter-text"
CONFIGS = {"v1": V1, "v2": V2, "v3": V3}
# The config each weighted section of validate.yml is run with by twitter-text's own runners (PROVENANCE.md).
SECTION_CONFIGS = {
    "WeightedTweetsCounterTest": "v2",
    "WeightedTweetsWithDiscountedEmojiCounterTest": "v3",
    "UnicodeDirectionalMarkerCounterTest": "v3",
}

CASES = json.loads((TWITTER_TEXT / "weighted_length_cases.json").read_text(encoding="utf-8"))


def _validate_yml() -> dict:
    yaml = pytest.importorskip("yaml")
    return yaml.safe_load((TWITTER_TEXT / "validate.yml").read_text(encoding="utf-8"))["tests"]


def test_the_suite_is_there():
    assert len(CASES) >= 44
    assert {case["config"] for case in CASES} <= set(CONFIGS)


@pytest.mark.parametrize("case", CASES, ids=[f"{c['config']}-{i}-{c['description'][:60]}" for i, c in enumerate(CASES)])
def test_weighted_length_conformance(case):
    parsed = parse_tweet(case["text"], CONFIGS[case["config"]])
    assert parsed.as_twitter_text() == case["expected"]


def test_json_holds_every_weighted_case_of_validate_yml():
    """The JSON is derived from validate.yml: same cases, so passing it means passing the YAML."""
    tests = _validate_yml()
    from_yaml = [(section, t["text"], t["expected"]) for section in SECTION_CONFIGS for t in tests[section]]
    from_json = [(c["section"], c["text"], c["expected"]) for c in CASES]
    assert from_json == from_yaml
    assert [SECTION_CONFIGS[c["section"]] for c in CASES] == [c["config"] for c in CASES]


def test_tweet_validity_cases_with_the_v1_config():
    """validate.yml's "tweets" section: 140 characters under v1, every URL 23."""
    for case in _validate_yml()["tweets"]:
        assert parse_tweet(case["text"], V1).valid == case["expected"], case["description"]


# A selection of twitter-text's conformance/extract.yml (urls, urls_with_indices, tco_urls_with_params).
EXTRACT_CASES = [
    ("text http://google.com", ["http://google.com"]),
    ("http://ああ.com", ["http://ああ.com"]),
    ("text http://en.wikipedia.org/wiki/Primer_(film)", ["http://en.wikipedia.org/wiki/Primer_(film)"]),
    ("test http://example.comだよね.comtest/hogehoge", ["http://example.com"]),
    ("text http://no-tld", []),
    ("(http://twitter.com", ["http://twitter.com"]),
    ("text http://domain.com-that-you-should-have-put-a-space-after", []),
    ("foo.com foo.net foo.org foo.edu foo.gov", ["foo.com", "foo.net", "foo.org", "foo.edu", "foo.gov"]),
    (
        "foo.baz foo.co.jp www.xxxxxxx.baz www.foo.co.uk wwwww.xxxxxxx foo.comm foo.somecom foo.govedu foo.jp",
        ["foo.co.jp", "www.foo.co.uk", "foo.jp"],
    ),
    ("@user Try http:// example.com/path", ["example.com/path"]),
    (
        "これは日本語です。example.com/path/index.html中国語example.com/path한국",
        ["example.com/path/index.html", "example.com/path"],
    ),
    ("Hello http://xn--はじめよう.com/index.html", []),
    ("Email me at name.al-lastname@foo.com or name.al+lastname@foo.com", []),
    ("test ELPAÍS.com", ["ELPAÍS.com"]),
    ("Test a ton of periods http://example.com/path..........", ["http://example.com/path"]),
    ("#test.com @test.com #http://test.com @http://test.com #t.co/abcde @t.co/abcde", []),
    ("I really like http://t.co/pbY2NfTZ's website", ["http://t.co/pbY2NfTZ"]),
    ("I really like http://t.co/abcdefghijklmnopqrstuvwxyz012345678901234", []),
    ("example.comてすとですtwitter.みんなです", ["example.com", "twitter.みんな"]),
    ("$http://twitter.com $twitter.com $http://t.co/abcde $t.co/abcde $t.co $TVI.CA $RBS.CA", []),
    ("long.test.tar.bz2 test.tar.bz2 tar.bz2", []),
    ("john.doe.gov@mail.com", []),
    ("text https://t.co/UqIyJAJTfo?amp=1", ["https://t.co/UqIyJAJTfo?amp=1"]),
    (
        "http://www.foo.com?referer=https://t.co/abcde http://t.co/xyzzy",
        [
            "http://www.foo.com?referer=https://t.co/abcde",
            "http://t.co/xyzzy",
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), EXTRACT_CASES)
def test_url_extraction_matches_twitter_text(text, expected):
    assert [found.url for found in find_urls(text)] == expected


def test_url_offsets_are_code_points():
    found = find_urls("皆さん見てください\uff01 http://google.com twitter.jp")
    assert [(f.url, f.start, f.end) for f in found] == [("http://google.com", 11, 28), ("twitter.jp", 29, 39)]


def test_every_top_level_domain_is_known():
    from heraldo.publishing.text.tlds import COUNTRY_TLDS, GENERIC_TLDS

    for tld in COUNTRY_TLDS + GENERIC_TLDS:
        assert [f.url for f in find_urls(f"https://twitter.{tld}")] == [f"https://twitter.{tld}"], tld


def _reference_matches(text: str, rules) -> list[tuple]:
    pattern = url_rules.reference_pattern(rules)
    return [(m.group(2), m.start(3), m.group(4), m.group(5), m.group(7), m.end()) for m in pattern.finditer(text)]


def _scanner_matches(text: str, rules) -> list[tuple]:
    return [(c.before, c.url_start, c.scheme, c.domain, c.path, c.end) for c in url_rules._candidates(text, rules)]


def test_linear_scanner_finds_what_the_reference_regex_finds():
    """The linear-time scanner against twitter-text's single regex, on random text made of URL pieces."""
    pieces = [*"aco.m-_/:?=#@()!é例 ", "com", "co", "http://", "https://", "xn--", "t.co/", "a_b", "gemini://"]
    pieces += ["\u202a", "/@a/", "(b)", "%", "~", "org", ".uk", ".рф", "ELPAÍS", "みんな"]
    rng = random.Random(4)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 20)))
        for rules in (TWITTER_RULES, MASTODON_RULES):
            assert _scanner_matches(text, rules) == _reference_matches(text, rules), (text, rules.schemes)


@pytest.mark.parametrize(
    "text",
    ["a." * 30_000, "a-" * 30_000 + ".com", "éé." * 20_000, "a_éb.com." * 6_000, "http://a.com/" + "(a(b)" * 10_000],
)
def test_hostile_text_is_counted_in_linear_time(text):
    started = time.perf_counter()
    parse_tweet(text)
    find_urls(text, MASTODON_RULES)
    assert time.perf_counter() - started < 2.0


def test_x_limit_can_be_raised_per_account():
    text = "a" * 300
    assert not count("x", text).valid
    assert count("x", text, limit=25_000).valid
    assert weighted_length(text) == 300
