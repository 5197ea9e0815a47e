"""Text length per platform, counted the way each platform counts it, before anything is sent.

`count(platform, text)` is the entry point; the other modules hold one way of counting each:
`twitter` (X's weighted length, with `urls`, `tlds` and `emoji`), `graphemes` (Bluesky, Threads, Mastodon) and
`characters` (LinkedIn, Instagram, Facebook).
"""

from heraldo.publishing.text.counting import TextCount, count

__all__ = ["TextCount", "count"]
