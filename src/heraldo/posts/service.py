"""Social accounts, posts with their targets, and media assets of a workspace."""

import uuid
from datetime import datetime, timedelta
from pathlib import PurePath
from typing import Any, BinaryIO

from sqlalchemy import Select, and_, func, select
from sqlalchemy.orm import Session, selectinload

from heraldo.core.clock import as_utc, utcnow, zone
from heraldo.core.errors import Conflict, InvalidInput, NotFound
from heraldo.core.security.crypto import SecretBox
from heraldo.posts.media import MediaStorage
from heraldo.posts.models import (
    LOCKED_STATUSES,
    AccountStatus,
    MediaAsset,
    Post,
    PostMedia,
    PostTarget,
    SocialAccount,
    TargetStatus,
)
from heraldo.publishing import limits
from heraldo.publishing.platforms import PLATFORM_NAMES, Platform

# A schedule this far in the past is a mistake, not clock skew between the browser and the server.
PAST_SCHEDULE_GRACE = timedelta(minutes=1)

MEDIA_TYPES = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "video/mp4": ".mp4",
    "video/quicktime": ".mov",
}


# ---- accounts -------------------------------------------------------------------------------------


def get_account(*, db: Session, workspace_id: int, account_id: int) -> SocialAccount:
    account = db.scalar(
        select(SocialAccount).where(SocialAccount.id == account_id, SocialAccount.workspace_id == workspace_id)
    )
    if account is None:
        raise NotFound("account not found")
    return account


def accounts_query(*, workspace_id: int, platform: str | None = None, status: str | None = None) -> Select:
    query = select(SocialAccount).where(SocialAccount.workspace_id == workspace_id)
    if platform:
        query = query.where(SocialAccount.platform == platform)
    if status:
        query = query.where(SocialAccount.status == status)
    return query.order_by(SocialAccount.platform, SocialAccount.handle)


def create_account(
    *,
    db: Session,
    box: SecretBox,
    workspace_id: int,
    platform: Platform | str,
    handle: str,
    display_name: str = "",
    credentials: dict[str, Any] | None = None,
    is_demo: bool = False,
) -> SocialAccount:
    """A social account; credentials are encrypted before they reach the database."""
    try:
        platform = Platform(platform)
    except ValueError:
        raise InvalidInput(f"unknown platform {platform!r}", field="platform") from None
    handle = handle.strip().lstrip("@")
    if not handle:
        raise InvalidInput("handle must not be empty", field="handle")
    exists = db.scalar(
        select(SocialAccount.id).where(
            SocialAccount.workspace_id == workspace_id,
            SocialAccount.platform == platform.value,
            SocialAccount.handle == handle,
        )
    )
    if exists:
        raise Conflict(f"{PLATFORM_NAMES[platform]} account @{handle} is already connected", field="handle")
    account = SocialAccount(
        workspace_id=workspace_id,
        platform=platform.value,
        handle=handle,
        display_name=display_name.strip() or handle,
        credentials_encrypted=box.encrypt(credentials) if credentials else None,
        is_demo=is_demo,
    )
    db.add(account)
    db.commit()
    return account


def update_account(
    *,
    db: Session,
    box: SecretBox,
    workspace_id: int,
    account_id: int,
    display_name: str | None = None,
    status: AccountStatus | None = None,
    credentials: dict[str, Any] | None = None,
) -> SocialAccount:
    account = get_account(db=db, workspace_id=workspace_id, account_id=account_id)
    if display_name is not None:
        account.display_name = display_name.strip() or account.handle
    if credentials is not None:
        account.credentials_encrypted = box.encrypt(credentials)
        # New credentials are what a reconnect is: the account is healthy again.
        account.status, account.status_reason = AccountStatus.ACTIVE.value, None
    if status is not None:
        account.status = status.value
        if status is AccountStatus.ACTIVE:
            account.status_reason = None
    db.commit()
    return account


def delete_account(*, db: Session, workspace_id: int, account_id: int) -> None:
    """Remove an account and its targets; refused while one of its targets is being published."""
    account = get_account(db=db, workspace_id=workspace_id, account_id=account_id)
    in_flight = db.scalar(
        select(func.count())
        .select_from(PostTarget)
        .where(PostTarget.account_id == account.id, PostTarget.status == TargetStatus.PUBLISHING.value)
    )
    if in_flight:
        raise Conflict("a post is being published to this account right now; try again in a moment")
    db.delete(account)
    db.commit()


def account_credentials(*, box: SecretBox, account: SocialAccount) -> dict[str, Any]:
    return box.decrypt(account.credentials_encrypted) if account.credentials_encrypted else {}


# ---- media ----------------------------------------------------------------------------------------


def store_media(
    *,
    db: Session,
    storage: MediaStorage,
    workspace_id: int,
    filename: str,
    content_type: str,
    stream: BinaryIO,
    max_bytes: int,
    uploaded_by_user_id: int | None = None,
) -> MediaAsset:
    content_type = (content_type or "").split(";")[0].strip().lower()
    if content_type not in MEDIA_TYPES:
        raise InvalidInput(
            f"unsupported media type {content_type or 'unknown'!r}; allowed: {', '.join(sorted(MEDIA_TYPES))}",
            field="file",
        )
    try:
        key, size, sha256 = storage.save(
            workspace_id=workspace_id, stream=stream, suffix=MEDIA_TYPES[content_type], max_bytes=max_bytes
        )
    except ValueError as exc:
        raise InvalidInput(str(exc), field="file") from exc
    if size == 0:
        raise InvalidInput("the file is empty", field="file")
    asset = MediaAsset(
        workspace_id=workspace_id,
        filename=PurePath(filename or "upload").name[:255],
        content_type=content_type,
        size_bytes=size,
        sha256=sha256,
        storage_key=key,
        uploaded_by_user_id=uploaded_by_user_id,
        created_at=utcnow(),
    )
    db.add(asset)
    db.commit()
    return asset


def get_media(*, db: Session, workspace_id: int, media_id: int) -> MediaAsset:
    asset = db.scalar(select(MediaAsset).where(MediaAsset.id == media_id, MediaAsset.workspace_id == workspace_id))
    if asset is None:
        raise NotFound("media not found")
    return asset


def media_query(*, workspace_id: int) -> Select:
    return select(MediaAsset).where(MediaAsset.workspace_id == workspace_id).order_by(MediaAsset.id.desc())


def delete_media(*, db: Session, storage: MediaStorage, workspace_id: int, media_id: int) -> None:
    asset = get_media(db=db, workspace_id=workspace_id, media_id=media_id)
    if db.scalar(select(func.count()).select_from(PostMedia).where(PostMedia.media_id == asset.id)):
        raise Conflict("this media is attached to a post; remove it from the post first")
    key = asset.storage_key
    db.delete(asset)
    db.commit()
    # Identical uploads share one file: remove it only when no other asset points at it.
    if not db.scalar(select(func.count()).select_from(MediaAsset).where(MediaAsset.storage_key == key)):
        storage.remove(key)


# ---- posts ----------------------------------------------------------------------------------------


def _post_options():
    return (
        selectinload(Post.targets).selectinload(PostTarget.account),
        selectinload(Post.media_links).selectinload(PostMedia.media),
    )


def get_post(*, db: Session, workspace_id: int, post_id: int) -> Post:
    post = db.scalar(
        select(Post).where(Post.id == post_id, Post.workspace_id == workspace_id).options(*_post_options())
    )
    if post is None:
        raise NotFound("post not found")
    return post


def posts_query(
    *,
    workspace_id: int,
    status: TargetStatus | None = None,
    platform: str | None = None,
    account_id: int | None = None,
    content_type: str | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
    search: str | None = None,
) -> Select:
    """Posts of a workspace, newest first; target filters keep posts with at least one matching target.

    The date range applies to when a target went out, or is planned to (published_at, else scheduled_at).
    """
    query = select(Post).where(Post.workspace_id == workspace_id)
    target_filters = []
    if status:
        target_filters.append(PostTarget.status == status.value)
    if account_id:
        target_filters.append(PostTarget.account_id == account_id)
    if platform:
        target_filters.append(SocialAccount.platform == platform)
    moment = func.coalesce(PostTarget.published_at, PostTarget.scheduled_at)
    if start:
        target_filters.append(moment >= start)
    if end:
        target_filters.append(moment < end)
    if target_filters:
        matching = (
            select(PostTarget.post_id)
            .join(SocialAccount, SocialAccount.id == PostTarget.account_id)
            .where(PostTarget.workspace_id == workspace_id, and_(*target_filters))
        )
        query = query.where(Post.id.in_(matching))
    if content_type:
        query = query.where(Post.content_type == content_type)
    if search:
        escaped = search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(Post.content.ilike(f"%{escaped}%", escape="\\"))
    return query.options(*_post_options()).order_by(Post.created_at.desc(), Post.id.desc())


def _resolve_schedule(
    scheduled_at: datetime | None, timezone: str | None, default_timezone: str
) -> tuple[datetime | None, str]:
    tz_name = timezone or default_timezone
    try:
        zone(tz_name)
    except ValueError as exc:
        raise InvalidInput(str(exc), field="timezone") from exc
    if scheduled_at is None:
        return None, tz_name
    moment = as_utc(scheduled_at, tz_name)
    if moment < utcnow() - PAST_SCHEDULE_GRACE:
        raise InvalidInput("scheduled_at is in the past", field="scheduled_at")
    return moment, tz_name


def _load_accounts(db: Session, workspace_id: int, account_ids: list[int]) -> list[SocialAccount]:
    wanted = list(dict.fromkeys(account_ids))
    found = {
        account.id: account
        for account in db.scalars(
            select(SocialAccount).where(SocialAccount.workspace_id == workspace_id, SocialAccount.id.in_(wanted))
        )
    }
    missing = [str(account_id) for account_id in wanted if account_id not in found]
    if missing:
        raise InvalidInput(f"no such account(s) in this workspace: {', '.join(missing)}", field="account_ids")
    unusable = [found[i] for i in wanted if found[i].status != AccountStatus.ACTIVE.value]
    if unusable:
        names = ", ".join(f"{a.platform} @{a.handle} ({a.status})" for a in unusable)
        raise InvalidInput(f"these accounts cannot publish until reconnected: {names}", field="account_ids")
    return [found[i] for i in wanted]


def _load_media(db: Session, workspace_id: int, media_ids: list[int]) -> list[MediaAsset]:
    wanted = list(dict.fromkeys(media_ids))
    if not wanted:
        return []
    found = {
        asset.id: asset
        for asset in db.scalars(
            select(MediaAsset).where(MediaAsset.workspace_id == workspace_id, MediaAsset.id.in_(wanted))
        )
    }
    missing = [str(media_id) for media_id in wanted if media_id not in found]
    if missing:
        raise InvalidInput(f"no such media in this workspace: {', '.join(missing)}", field="media_ids")
    return [found[i] for i in wanted]


def _check_text(content: str, media: list[MediaAsset], accounts: list[SocialAccount]) -> None:
    if not content.strip() and not media:
        raise InvalidInput("a post needs text or media", field="content")
    problems = []
    for account in accounts:
        reason = limits.problem(account.platform, content)
        if reason is None:
            continue
        label = f"{PLATFORM_NAMES[Platform(account.platform)]} @{account.handle}"
        limit = limits.text_limit(account.platform)
        length = limits.text_length(account.platform, content)
        problems.append(f"{label} (limit {limit}, {length - limit} over)" if length > limit else f"{label}: {reason}")
    if problems:
        raise InvalidInput(f"text does not fit {'; '.join(problems)}", field="content")


def _new_target(post: Post, account: SocialAccount, moment: datetime | None, tz_name: str) -> PostTarget:
    return PostTarget(
        workspace_id=post.workspace_id,
        account_id=account.id,
        account=account,
        status=(TargetStatus.SCHEDULED if moment else TargetStatus.DRAFT).value,
        scheduled_at=moment,
        due_at=moment,
        schedule_timezone=tz_name,
        idempotency_key=uuid.uuid4().hex,
    )


def build_post(
    *,
    db: Session,
    workspace_id: int,
    content: str,
    account_ids: list[int],
    default_timezone: str,
    content_type: str = "text",
    hashtags: list[str] | None = None,
    media_ids: list[int] | None = None,
    scheduled_at: datetime | None = None,
    timezone: str | None = None,
    first_comment: str | None = None,
    created_by_user_id: int | None = None,
    recurring_rule_id: int | None = None,
    queued: bool = False,
    is_demo: bool = False,
) -> Post:
    """A post with one target per account, checked and added to the session but not committed, so callers
    can make it part of a larger transaction (a bulk batch, a recurring occurrence and its claim)."""
    moment, tz_name = _resolve_schedule(scheduled_at, timezone, default_timezone)
    accounts = _load_accounts(db, workspace_id, account_ids)
    if not accounts:
        raise InvalidInput("choose at least one account", field="account_ids")
    media = _load_media(db, workspace_id, media_ids or [])
    _check_text(content, media, accounts)
    post = Post(
        workspace_id=workspace_id,
        content=content,
        content_type=content_type,
        hashtags=hashtags or [],
        first_comment=(first_comment or "").strip() or None,
        created_by_user_id=created_by_user_id,
        recurring_rule_id=recurring_rule_id,
        is_demo=is_demo,
    )
    post.media_links = [PostMedia(media=asset, position=i) for i, asset in enumerate(media)]
    post.targets = [_new_target(post, account, moment, tz_name) for account in accounts]
    for target in post.targets:
        target.queued = queued
    db.add(post)
    return post


def create_post(*, db: Session, workspace_id: int, **fields: Any) -> Post:
    """A post with one target per account: scheduled when a time is given, a draft otherwise."""
    post = build_post(db=db, workspace_id=workspace_id, **fields)
    db.commit()
    return get_post(db=db, workspace_id=workspace_id, post_id=post.id)


def update_post(
    *,
    db: Session,
    workspace_id: int,
    post_id: int,
    default_timezone: str,
    changes: dict[str, Any],
) -> Post:
    """Apply the given changes; published or in-flight targets keep their text and time."""
    post = get_post(db=db, workspace_id=workspace_id, post_id=post_id)
    locked = [t for t in post.targets if t.status in LOCKED_STATUSES]
    if locked and {"content", "media_ids", "content_type"} & changes.keys():
        raise Conflict(
            "this post is already published or publishing to "
            + ", ".join(f"@{t.account.handle}" for t in locked)
            + "; its text and media can no longer change",
            field="content",
        )
    for name in ("content", "content_type", "hashtags"):
        if name in changes:
            setattr(post, name, changes[name])
    if "first_comment" in changes:
        post.first_comment = (changes["first_comment"] or "").strip() or None
    media = (
        _load_media(db, workspace_id, changes["media_ids"])
        if "media_ids" in changes
        else [link.media for link in post.media_links]
    )
    if "media_ids" in changes:
        post.media_links = [PostMedia(media=asset, position=i) for i, asset in enumerate(media)]

    if "account_ids" in changes:
        accounts = _load_accounts(db, workspace_id, changes["account_ids"])
        keep = {account.id for account in accounts}
        dropped_locked = [t for t in locked if t.account_id not in keep]
        if dropped_locked:
            raise Conflict("a published or publishing target cannot be removed", field="account_ids")
        template = next((t for t in post.targets if t.status not in LOCKED_STATUSES), None)
        post.targets = [t for t in post.targets if t.account_id in keep]
        have = {t.account_id for t in post.targets}
        for account in accounts:
            if account.id not in have:
                moment = template.scheduled_at if template else None
                tz_name = template.schedule_timezone if template else default_timezone
                post.targets.append(_new_target(post, account, moment, tz_name or default_timezone))

    open_targets = [t for t in post.targets if t.status not in LOCKED_STATUSES]
    if "scheduled_at" in changes or "timezone" in changes:
        current = next((t.scheduled_at for t in open_targets if t.scheduled_at), None)
        moment, tz_name = _resolve_schedule(
            changes.get("scheduled_at", current), changes.get("timezone"), default_timezone
        )
        for target in open_targets:
            target.scheduled_at = target.due_at = moment
            target.schedule_timezone = tz_name
            target.status = (TargetStatus.SCHEDULED if moment else TargetStatus.DRAFT).value
            target.last_error = None
    if changes.get("unschedule"):
        for target in open_targets:
            target.status = TargetStatus.DRAFT.value
            target.scheduled_at = target.due_at = None
    _check_text(post.content, media, [t.account for t in open_targets])
    db.commit()
    return get_post(db=db, workspace_id=workspace_id, post_id=post.id)


def delete_post(*, db: Session, workspace_id: int, post_id: int) -> None:
    """Delete a post and its targets (posts already out stay on the platforms)."""
    post = get_post(db=db, workspace_id=workspace_id, post_id=post_id)
    if any(t.status == TargetStatus.PUBLISHING.value for t in post.targets):
        raise Conflict("this post is being published right now; try again in a moment")
    db.delete(post)
    db.commit()


def target_counts(*, db: Session, workspace_id: int) -> dict[str, int]:
    """How many targets the workspace has in each status (one grouped query)."""
    rows = db.execute(
        select(PostTarget.status, func.count())
        .where(PostTarget.workspace_id == workspace_id)
        .group_by(PostTarget.status)
    ).all()
    counts = {status.value: 0 for status in TargetStatus}
    counts.update({status: count for status, count in rows})
    return counts
