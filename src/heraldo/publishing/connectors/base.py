"""The interface every platform connector implements, and what a call to one carries."""

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy.orm import Session

from heraldo.core.settings import Settings
from heraldo.posts.models import SocialAccount


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


@dataclass(frozen=True)
class InteractionSample:
    platform_id: str
    kind: str  # comment, reply, mention, direct_message
    author_handle: str
    text: str
    received_at: datetime
    in_reply_to_platform_post_id: str | None = None
    author_name: str | None = None


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

    @abstractmethod
    def publish(self, ctx: ConnectorContext, request: PublishRequest) -> PublishResult:
        """Publish `request` (a reply when `request.reply_to` is set); raise a `publishing.errors` class."""

    def reply(self, ctx: ConnectorContext, request: PublishRequest, reply_to: ReplyTo) -> PublishResult:
        request.reply_to = reply_to
        return self.publish(ctx, request)

    def comment(self, ctx: ConnectorContext, request: PublishRequest, on: PublishResult) -> PublishResult:
        """A first comment under our own post: a self-reply unless the platform has comments (Meta, LinkedIn)."""
        return self.reply(ctx, request, ReplyTo(parent=on, root=on))

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
