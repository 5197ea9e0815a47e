from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from heraldo.posts.models import AccountStatus, ContentType, TargetStatus
from heraldo.publishing.platforms import Platform

MAX_CONTENT = 100_000
MAX_HASHTAGS = 60


class AccountCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"platform": "sandbox", "handle": "acme", "display_name": "Acme"}]},
    )

    platform: Platform
    handle: str = Field(min_length=1, max_length=255)
    display_name: str = Field("", max_length=255)
    credentials: dict[str, Any] | None = Field(None, description="Write-only; stored encrypted, never returned")


class AccountUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"display_name": "Acme Inc."}]})

    display_name: str | None = Field(None, max_length=255)
    status: AccountStatus | None = None
    credentials: dict[str, Any] | None = Field(None, description="Write-only; replaces the stored credentials")


class AccountOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    platform: str
    handle: str
    display_name: str
    status: str
    status_reason: str | None
    has_credentials: bool
    is_demo: bool
    created_at: datetime
    token_expires_at: datetime | None = None
    last_checked_at: datetime | None = None


def clean_hashtags(tags: list[str]) -> list[str]:
    cleaned: list[str] = []
    for tag in tags:
        tag = tag.strip().lstrip("#")
        if not tag:
            continue
        if any(ch.isspace() for ch in tag):
            raise ValueError(f"hashtag {tag!r} contains whitespace")
        if tag.lower() not in {t.lower() for t in cleaned}:
            cleaned.append(tag)
    return cleaned


class PostCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "content": "Our spring menu is here!",
                    "content_type": "text",
                    "hashtags": ["spring"],
                    "account_ids": [1],
                    "scheduled_at": "2030-04-01T09:00:00",
                    "timezone": "Europe/Madrid",
                }
            ]
        },
    )

    content: str = Field("", max_length=MAX_CONTENT)
    content_type: ContentType = ContentType.TEXT
    hashtags: list[str] = Field(default_factory=list, max_length=MAX_HASHTAGS)
    media_ids: list[int] = Field(default_factory=list, max_length=20)
    account_ids: list[int] = Field(min_length=1, description="Accounts to publish to; one target each")
    scheduled_at: datetime | None = Field(
        None, description="When to publish; without an offset it is read in `timezone`. Omit for a draft."
    )
    timezone: str | None = Field(None, description="IANA zone; defaults to the user's, then the workspace's")
    first_comment: str | None = Field(
        None, max_length=MAX_CONTENT, description="Published right after the post: a comment, or a self-reply"
    )

    @field_validator("hashtags")
    @classmethod
    def _hashtags(cls, value: list[str]) -> list[str]:
        return clean_hashtags(value)


class PostUpdate(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"content": "Our spring menu is here (updated)!"}]}
    )

    content: str | None = Field(None, max_length=MAX_CONTENT)
    content_type: ContentType | None = None
    hashtags: list[str] | None = Field(None, max_length=MAX_HASHTAGS)
    media_ids: list[int] | None = Field(None, max_length=20)
    account_ids: list[int] | None = Field(None, min_length=1)
    scheduled_at: datetime | None = None
    timezone: str | None = None
    first_comment: str | None = Field(None, max_length=MAX_CONTENT)
    unschedule: bool = Field(False, description="Turn scheduled targets back into drafts")

    @field_validator("hashtags")
    @classmethod
    def _hashtags(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else clean_hashtags(value)


class TargetOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    account_id: int
    platform: str
    account_handle: str
    status: TargetStatus
    scheduled_at: datetime | None
    schedule_timezone: str | None
    platform_post_id: str | None
    platform_url: str | None
    published_at: datetime | None
    attempts: int
    last_error: str | None
    first_comment_platform_id: str | None = None
    first_comment_error: str | None = None


class MediaOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    filename: str
    content_type: str
    size_bytes: int
    sha256: str
    created_at: datetime


class PostOut(BaseModel):
    id: int
    content: str
    content_type: str
    hashtags: list[str]
    first_comment: str | None
    media: list[MediaOut]
    targets: list[TargetOut]
    created_by_user_id: int | None
    is_demo: bool
    created_at: datetime
    updated_at: datetime


def post_out(post) -> PostOut:
    return PostOut(
        id=post.id,
        content=post.content,
        content_type=post.content_type,
        hashtags=post.hashtags or [],
        first_comment=post.first_comment,
        media=[MediaOut.model_validate(link.media) for link in post.media_links],
        targets=[
            TargetOut(
                id=t.id,
                account_id=t.account_id,
                platform=t.account.platform,
                account_handle=t.account.handle,
                status=t.status,
                scheduled_at=t.scheduled_at,
                schedule_timezone=t.schedule_timezone,
                platform_post_id=t.platform_post_id,
                platform_url=t.platform_url,
                published_at=t.published_at,
                attempts=t.attempts,
                last_error=t.last_error,
                first_comment_platform_id=t.first_comment_platform_id,
                first_comment_error=t.first_comment_error,
            )
            for t in post.targets
        ],
        created_by_user_id=post.created_by_user_id,
        is_demo=post.is_demo,
        created_at=post.created_at,
        updated_at=post.updated_at,
    )


def account_out(account) -> AccountOut:
    return AccountOut(
        id=account.id,
        platform=account.platform,
        handle=account.handle,
        display_name=account.display_name,
        status=account.status,
        status_reason=account.status_reason,
        has_credentials=bool(account.credentials_encrypted),
        is_demo=account.is_demo,
        created_at=account.created_at,
        token_expires_at=account.token_expires_at,
        last_checked_at=account.last_checked_at,
    )
