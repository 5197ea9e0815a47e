"""Engagement rate per platform (analytics/engagement.py), against values computed by hand."""

import pytest

from heraldo.analytics.engagement import engagement_rate, engagements
from heraldo.publishing.connectors.base import MetricsSample


def sample(**counts) -> MetricsSample:
    return MetricsSample(platform_post_id="1", **counts)


FULL = sample(likes=40, comments=5, shares=3, quotes=2, saves=4, clicks=6, impressions=1000, reach=800, video_views=90)


@pytest.mark.parametrize(
    ("platform", "expected_engagements", "expected_rate"),
    [
        # 40 + 5 + 3 + 2 + 4 + 6 = 60 over 1000 impressions
        ("x", 60, 0.060),
        # likes, replies, reposts+shares, quotes: 40 + 5 + 3 + 2 = 50
        ("threads", 50, 0.050),
        # likes, comments, shares, saves: 40 + 5 + 3 + 4 = 52
        ("instagram", 52, 0.052),
        # reactions, comments, shares, clicks: 40 + 5 + 3 + 6 = 54
        ("facebook", 54, 0.054),
        ("linkedin", 54, 0.054),
        # Bluesky/Mastodon never report impressions; when a sample has them they still come first.
        ("bluesky", 50, 0.050),
        ("mastodon", 50, 0.050),
        ("sandbox", 60, 0.060),
    ],
)
def test_interactions_that_count_per_platform_over_impressions(platform, expected_engagements, expected_rate):
    assert engagements(platform, FULL) == expected_engagements
    assert engagement_rate(platform, FULL, followers=5000) == pytest.approx(expected_rate)


def test_video_views_are_not_engagements():
    assert engagements("instagram", sample(video_views=500)) == 0


def test_reach_when_there_are_no_impressions():
    # Instagram with reach only: (10 + 2 + 1 + 3) / 400 = 0.04
    counted = sample(likes=10, comments=2, shares=1, saves=3, reach=400)
    assert engagement_rate("instagram", counted, followers=9999) == pytest.approx(0.04)


def test_followers_when_the_platform_gives_no_impressions_or_reach():
    # Mastodon: favourites 12 + replies 4 + boosts 3 + quotes 1 = 20, over 250 followers = 0.08
    counted = sample(likes=12, comments=4, shares=3, quotes=1)
    assert engagements("mastodon", counted) == 20
    assert engagement_rate("mastodon", counted, followers=250) == pytest.approx(0.08)
    # Bluesky the same: (7 + 1 + 2 + 0) / 40 = 0.25
    assert engagement_rate("bluesky", sample(likes=7, comments=1, shares=2, quotes=0), followers=40) == 0.25


def test_no_denominator_is_unknown_not_zero():
    counted = sample(likes=3)
    assert engagement_rate("mastodon", counted) is None
    assert engagement_rate("mastodon", counted, followers=0) is None
    assert engagement_rate("x", sample(likes=3, impressions=0)) is None


def test_unreported_counters_count_as_nothing():
    # X post older than 30 days: no clicks, no impressions; 5 + 1 = 6 over 300 followers = 0.02
    counted = sample(likes=5, comments=1, shares=None, quotes=None, saves=None)
    assert engagements("x", counted) == 6
    assert engagement_rate("x", counted, followers=300) == pytest.approx(0.02)
