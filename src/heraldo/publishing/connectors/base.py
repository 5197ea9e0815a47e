"""The interface every platform connector implements."""

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from heraldo.posts.models import SocialAccount


@dataclass(frozen=True)
class MediaFile:
    path: Path
    content_type: str
    filename: str


@dataclass(frozen=True)
class PublishRequest:
    text: str
    idempotency_key: str
    media: list[MediaFile] = field(default_factory=list)


@dataclass(frozen=True)
class PublishResult:
    platform_post_id: str
    published_at: datetime
    url: str | None = None


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


@dataclass
class ConnectorContext:
    """Everything a connector call needs: the account, its decrypted credentials and a session."""

    db: Session
    account: SocialAccount
    credentials: dict[str, Any]


class Connector(ABC):
    platform: str
    text_limit: int

    def count_text(self, text: str) -> int:
        """Length as the platform counts it (override where it weighs characters differently)."""
        return len(text)

    @abstractmethod
    def publish(self, ctx: ConnectorContext, request: PublishRequest) -> PublishResult: ...

    @abstractmethod
    def reply(self, ctx: ConnectorContext, request: PublishRequest, in_reply_to: str) -> PublishResult: ...

    @abstractmethod
    def delete(self, ctx: ConnectorContext, platform_post_id: str) -> None: ...

    @abstractmethod
    def fetch_metrics(self, ctx: ConnectorContext, platform_post_ids: list[str]) -> list[MetricsSample]: ...

    @abstractmethod
    def fetch_interactions(self, ctx: ConnectorContext, since: datetime | None) -> list[InteractionSample]: ...

    def find_published(self, ctx: ConnectorContext, idempotency_key: str) -> PublishResult | None:
        """The post already made with this key, where the platform can tell; None if it cannot."""
        return None
