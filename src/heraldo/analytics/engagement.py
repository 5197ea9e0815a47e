"""Engagement and engagement rate: defined here once, per platform, and nowhere else.

Engagements are the interactions a platform reports that show someone acted on the post (a counter the
platform does not report is simply left out, never guessed):

| platform  | engagements                                                              | divided by                 |
|-----------|--------------------------------------------------------------------------|----------------------------|
| x         | likes + replies + reposts + quotes + bookmarks + link clicks             | impressions                |
| threads   | likes + replies + (reposts + shares) + quotes                            | views (impressions)        |
| instagram | likes + comments + shares + saves                                        | views, else reach          |
| facebook  | reactions + comments + shares + clicks                                   | media views, else reach    |
| linkedin  | reactions + comments + reshares + clicks                                 | impressions, else reach    |
| bluesky   | likes + replies + reposts + quotes                                       | followers (no impressions) |
| mastodon  | favourites + replies + boosts + quotes                                   | followers (no impressions) |
| sandbox   | likes + comments + shares + quotes + saves + clicks                      | impressions, else reach    |

In `MetricsSample` terms: likes/reactions/favourites are `likes`, replies are `comments`, reposts,
reshares and boosts are `shares`, bookmarks are `saves`. Video views are not engagements (a view is
reach, not an action).

The denominator is the first positive one of impressions, reach, and the account's followers at the time
of the fetch (from `AccountMetrics`); a platform without impressions or reach (Bluesky, Mastodon) is
therefore always per follower. With no positive denominator the rate is None: unknown, not zero.
The rate is a fraction (0.05 is 5 %).
"""

from heraldo.publishing.connectors.base import MetricsSample

ALL_INTERACTIONS = ("likes", "comments", "shares", "quotes", "saves", "clicks")

# Which MetricsSample counters count as engagements on each platform (see the table above).
ENGAGEMENT_FIELDS: dict[str, tuple[str, ...]] = {
    "x": ("likes", "comments", "shares", "quotes", "saves", "clicks"),
    "threads": ("likes", "comments", "shares", "quotes"),
    "instagram": ("likes", "comments", "shares", "saves"),
    "facebook": ("likes", "comments", "shares", "clicks"),
    "linkedin": ("likes", "comments", "shares", "clicks"),
    "bluesky": ("likes", "comments", "shares", "quotes"),
    "mastodon": ("likes", "comments", "shares", "quotes"),
    "sandbox": ALL_INTERACTIONS,
}


def engagements(platform: str, sample: MetricsSample) -> int:
    """The sum of the interactions that count on `platform` (unreported ones count as 0)."""
    fields = ENGAGEMENT_FIELDS.get(platform, ALL_INTERACTIONS)
    return sum(getattr(sample, name) or 0 for name in fields)


def denominator(sample: MetricsSample, followers: int | None = None) -> int | None:
    """Impressions, else reach, else the account's followers; None when none of them is positive."""
    for value in (sample.impressions, sample.reach, followers):
        if value is not None and value > 0:
            return value
    return None


def engagement_rate(platform: str, sample: MetricsSample, followers: int | None = None) -> float | None:
    """Engagements divided by impressions (or reach, or followers): see the module docstring."""
    base = denominator(sample, followers)
    if base is None:
        return None
    return engagements(platform, sample) / base
