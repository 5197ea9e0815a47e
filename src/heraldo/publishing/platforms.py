"""The platforms Heraldo publishes to and their plain text limits (characters; X counts by weight)."""

from enum import StrEnum


class Platform(StrEnum):
    X = "x"
    THREADS = "threads"
    INSTAGRAM = "instagram"
    FACEBOOK = "facebook"
    LINKEDIN = "linkedin"
    BLUESKY = "bluesky"
    MASTODON = "mastodon"
    # Records publications in Heraldo's own database: try everything end to end with no credentials.
    SANDBOX = "sandbox"


PLATFORM_NAMES = {
    Platform.X: "X",
    Platform.THREADS: "Threads",
    Platform.INSTAGRAM: "Instagram",
    Platform.FACEBOOK: "Facebook",
    Platform.LINKEDIN: "LinkedIn",
    Platform.BLUESKY: "Bluesky",
    Platform.MASTODON: "Mastodon",
    Platform.SANDBOX: "Sandbox",
}

# Documented maximum post length per platform (see ../shared/PLATFORM_APIS.md); X weighs characters.
TEXT_LIMITS = {
    Platform.X: 280,
    Platform.THREADS: 500,
    Platform.INSTAGRAM: 2200,
    Platform.FACEBOOK: 63206,
    Platform.LINKEDIN: 3000,
    Platform.BLUESKY: 300,
    Platform.MASTODON: 500,
    Platform.SANDBOX: 5000,
}
