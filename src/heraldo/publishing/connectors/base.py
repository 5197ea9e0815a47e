"""The interface every platform connector implements, and what a call to one carries."""

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy.orm import Session

from heraldo.core.clock import utcnow
from heraldo.core.settings import Settings
from heraldo.posts.models import SocialAccount
from heraldo.publishing.errors import Invalid


@dataclass(frozen=True)
class MediaFile:
    path: Path
    content_type: str
    filename: str
    # A public, unguessable, expiring https URL, for platforms that fetch media themselves (Meta).
    # None when no public URL is configured; such connectors must then fail before any call.
    public_url: str | None = None


@dataclass(frozen=True)
class PublishResult:
    """What the platform answered. `extra` keeps what later calls need (Bluesky cid, page id...)."""

    platform_post_id: str
    published_at: datetime
    url: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ReplyTo:
    """The post to reply to, and the root of its thread (Bluesky reply refs need both)."""

    parent: PublishResult
    root: PublishResult


@dataclass
class PublishRequest:
    text: str
    idempotency_key: str
    media: list[MediaFile] = field(default_factory=list)
    reply_to: ReplyTo | None = None
    # Intermediate ids of a multi-step publish (containers, uploaded media). Connectors record each id
    # with `ctx.save_progress` the moment they get it, so a retry carries on instead of starting over.
    progress: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class MetricsSample:
    """Counts a platform reports for one post at one moment; None where the platform does not say."""

    platform_post_id: str
    likes: int | None = None
    comments: int | None = None
    shares: int | None = None
    quotes: int | None = None
    saves: int | None = None
    clicks: int | None = None
    impressions: int | None = None
    reach: int | None = None
    video_views: int | None = None


# Keys of `InteractionSample.extra` / `InteractionRef.extra` that the default reply understands.
ROOT_ID = "root_id"
ROOT_EXTRA = "root_extra"


@dataclass(frozen=True)
class InteractionSample:
    """A comment, reply, mention or direct message fetched from a platform.

    `extra` is everything a later reply to it needs beyond `platform_id`; it is stored as JSON, so it
    holds only JSON values. See `Connector.reply_to_interaction` for the keys.
    """

    platform_id: str
    kind: str  # comment, reply, mention, direct_message
    author_handle: str
    text: str
    received_at: datetime
    in_reply_to_platform_post_id: str | None = None
    author_name: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class InteractionRef:
    """A stored interaction to answer: its platform id, kind and the `extra` its fetch recorded."""

    platform_id: str
    kind: str
    extra: dict[str, Any] = field(default_factory=dict)


def comment_interaction_extra(comment_id: str, *, post_id: str, parent_comment_id: str | None) -> dict[str, Any]:
    """`extra` of a fetched comment where comments nest one level (Facebook, Instagram, LinkedIn): a comment
    on `post_id` whose answers go under its top-level comment (itself, or the comment it replies to)."""
    return {"kind": "comment", "post_id": post_id, "top_comment_id": parent_comment_id or comment_id}


def interaction_reply_to(interaction: InteractionRef) -> ReplyTo:
    """The `ReplyTo` that answers `interaction`: the interaction is the parent; the thread's root is
    `extra["root_id"]` (with `extra["root_extra"]`), or the interaction itself when it has none."""
    extra = dict(interaction.extra or {})
    root_id = extra.pop(ROOT_ID, None)
    root_extra = extra.pop(ROOT_EXTRA, None) or {}
    now = utcnow()
    parent = PublishResult(platform_post_id=interaction.platform_id, published_at=now, extra=extra)
    if not root_id or str(root_id) == interaction.platform_id:
        return ReplyTo(parent=parent, root=parent)
    return ReplyTo(parent=parent, root=PublishResult(platform_post_id=str(root_id), published_at=now, extra=root_extra))


def _no_save(_value: dict[str, Any]) -> None:
    return None


@dataclass
class ConnectorContext:
    """Everything a connector call needs.

    `save_credentials` persists rotated tokens at once, in its own commit, before the new access token
    is used (X refresh tokens are single-use). `save_progress` persists `PublishRequest.progress`.
    """

    db: Session
    account: SocialAccount
    credentials: dict[str, Any]
    settings: Settings | None = None
    http: httpx.Client | None = None
    save_credentials: Callable[[dict[str, Any]], None] = _no_save
    save_progress: Callable[[dict[str, Any]], None] = _no_save


class Connector(ABC):
    platform: str
    # The platform's documented maximum; how text is counted against it lives in publishing/text/.
    text_limit: int
    # Whether `refresh_credentials` can renew an expired access token without the user.
    supports_refresh: bool = False
    # How long after a request the platform still recognises its idempotency key and answers a repeat with
    # the first post instead of a second one (Mastodon: about an hour). Within it, a target whose worker died
    # mid-call may be sent again with the same key; None: the platform keeps no such memory, never resend.
    resend_safe_within: timedelta | None = None

    @abstractmethod
    def publish(self, ctx: ConnectorContext, request: PublishRequest) -> PublishResult:
        """Publish `request` (a reply when `request.reply_to` is set); raise a `publishing.errors` class."""

    def reply(self, ctx: ConnectorContext, request: PublishRequest, reply_to: ReplyTo) -> PublishResult:
        request.reply_to = reply_to
        return self.publish(ctx, request)

    def comment(self, ctx: ConnectorContext, request: PublishRequest, on: PublishResult) -> PublishResult:
        """A first comment under our own post: a self-reply unless the platform has comments (Meta, LinkedIn)."""
        return self.reply(ctx, request, ReplyTo(parent=on, root=on))

    def reply_to_interaction(
        self, ctx: ConnectorContext, request: PublishRequest, interaction: InteractionRef
    ) -> PublishResult:
        """Answer a fetched interaction (a comment, reply or mention) where its author will see it.

        `interaction.extra` is what `fetch_interactions` put in `InteractionSample.extra`:
        - `root_id`, `root_extra`: the platform id and `PublishResult.extra` of the thread's root post,
          when the interaction is not itself the root (Bluesky needs the root's uri + cid);
        - every other key is the interaction's own `PublishResult.extra`, which `reply` reads from a
          parent: Bluesky `uri`/`cid`; Facebook, Instagram and LinkedIn `kind` ("comment"), `post_id`
          and `top_comment_id` (comments nest one level); Mastodon `acct` and `visibility`; X
          `conversation_id`. Platforms override this method where a reply needs more than `reply`.

        The default is `reply(ReplyTo(parent=interaction, root=root))`, so errors are classified as for
        any publish. Direct messages are refused: a reply there would be public.
        """
        if interaction.kind == "direct_message":
            raise Invalid(f"answering {self.platform} direct messages is not supported")
        return self.reply(ctx, request, interaction_reply_to(interaction))

    def reply_text(self, text: str, interaction: InteractionRef) -> str:
        """The text `reply_to_interaction` will send for `text` (what to count against the limit)."""
        return text

    @abstractmethod
    def delete(self, ctx: ConnectorContext, platform_post_id: str) -> None: ...

    @abstractmethod
    def fetch_metrics(self, ctx: ConnectorContext, platform_post_ids: list[str]) -> list[MetricsSample]: ...

    @abstractmethod
    def fetch_interactions(self, ctx: ConnectorContext, since: datetime | None) -> list[InteractionSample]: ...

    def fetch_followers(self, ctx: ConnectorContext) -> tuple[int | None, int | None] | None:
        """(followers, following) of the account now, where the platform tells; None when it cannot."""
        return None

    def find_published(self, ctx: ConnectorContext, request: PublishRequest, since: datetime) -> PublishResult | None:
        """The post this request already made (after `since`), where the platform can tell; else None.

        Used before any retry and to reconcile targets left in 'publishing', so nothing goes out twice.
        """
        return None

    def refresh_credentials(self, ctx: ConnectorContext) -> dict[str, Any]:
        """New credentials from the refresh token; raise AuthRevoked when the grant is dead."""
        raise NotImplementedError
