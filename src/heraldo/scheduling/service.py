"""Scheduling posts: one-off times in a user's zone, recurring rules, and what can happen to a target afterwards
(reschedule, cancel, retry now) with its publish attempts.

Times are read in a named IANA zone, never the server's; see recurrence.py for the DST rule.
Posts are built with posts.service's own checks (accounts, media, text limits, past times), so a post made
here obeys the same rules as one made through /api/posts; the difference is that the caller commits, which
lets a recurring occurrence and the claim on its rule, or a whole bulk batch, be one transaction.
"""

from datetime import datetime, timedelta
from itertools import islice, pairwise

from sqlalchemy import Select, select, update
from sqlalchemy.orm import Session, selectinload

from heraldo.core.clock import utcnow, zone
from heraldo.core.errors import Conflict, InvalidInput, NotFound
from heraldo.core.logging import get_logger
from heraldo.posts import service as posts_service
from heraldo.posts.models import (
    AccountStatus,
    ContentType,
    Post,
    PostTarget,
    SocialAccount,
    TargetStatus,
)
from heraldo.publishing.models import PublishAttempt
from heraldo.scheduling import recurrence
from heraldo.scheduling.models import RecurringRule
from heraldo.workspaces import service as workspaces_service
from heraldo.workspaces.models import User

log = get_logger(__name__)

# Recurring occurrences become real posts this far ahead, so they show in the calendar and can be edited.
LOOKAHEAD = timedelta(hours=24)
# At most this many occurrences of one rule per job run; the next run carries on.
MAX_MATERIALIZED_PER_RUN = 100
# A rule firing more often than this would flood an account; platforms treat that as spam.
MIN_RECURRENCE_INTERVAL = timedelta(minutes=15)
RECURRENCE_CHECK_SAMPLE = 24

RESCHEDULABLE = {TargetStatus.DRAFT, TargetStatus.SCHEDULED, TargetStatus.FAILED, TargetStatus.CANCELLED}
CANCELLABLE = {TargetStatus.DRAFT, TargetStatus.SCHEDULED, TargetStatus.FAILED, TargetStatus.NEEDS_REVIEW}
RETRYABLE = {TargetStatus.FAILED, TargetStatus.NEEDS_REVIEW}


# ---- zones --------------------------------------------------------------------------------------------------


def workspace_timezone(*, db: Session, workspace_id: int) -> str:
    """The workspace's zone: what recurring rules and queue slots are read in unless told otherwise."""
    return workspaces_service.get_workspace(db=db, workspace_id=workspace_id).timezone


def default_timezone(*, db: Session, workspace_id: int, user_id: int | None = None) -> str:
    """The zone a naive time is read in: the user's own, else the workspace's (never the server's)."""
    if user_id:
        user = db.get(User, user_id)
        if user and user.timezone:
            return user.timezone
    return workspace_timezone(db=db, workspace_id=workspace_id)


def check_zone(name: str) -> str:
    try:
        zone(name)
    except ValueError as exc:
        raise InvalidInput(str(exc), field="timezone") from exc
    return name


def _wall_clock(moment: datetime | None) -> datetime | None:
    # fold=0 on purpose: an ambiguous autumn time means its first occurrence (see recurrence.py).
    return moment.replace(fold=0) if moment is not None and moment.tzinfo is None else moment


# ---- building posts -----------------------------------------------------------------------------------------


def content_type_value(value: str | None) -> str:
    """The ContentType value named by `value` (default text), or InvalidInput naming content_type."""
    try:
        return ContentType((value or ContentType.TEXT.value).strip().lower()).value
    except ValueError:
        allowed = ", ".join(t.value for t in ContentType)
        raise InvalidInput(f"unknown content type {value!r}; one of: {allowed}", field="content_type") from None


def build_post(
    *,
    db: Session,
    workspace_id: int,
    content: str,
    account_ids: list[int],
    scheduled_at: datetime,
    default_timezone: str,
    timezone: str | None = None,
    content_type: str = ContentType.TEXT.value,
    hashtags: list[str] | None = None,
    media_ids: list[int] | None = None,
    first_comment: str | None = None,
    created_by_user_id: int | None = None,
    recurring_rule_id: int | None = None,
    queued: bool = False,
) -> Post:
    """A scheduled post with one target per account, checked like posts.service.create_post, added to the
    session but not committed. Raises InvalidInput naming the field before anything is added."""
    return posts_service.build_post(
        db=db,
        workspace_id=workspace_id,
        content=content,
        account_ids=account_ids,
        default_timezone=default_timezone,
        content_type=content_type_value(content_type),
        hashtags=hashtags,
        media_ids=media_ids,
        scheduled_at=_wall_clock(scheduled_at),
        timezone=timezone,
        first_comment=first_comment,
        created_by_user_id=created_by_user_id,
        recurring_rule_id=recurring_rule_id,
        queued=queued,
    )


def schedule_post(
    *,
    db: Session,
    workspace_id: int,
    content: str,
    account_ids: list[int],
    scheduled_at: datetime,
    default_timezone: str,
    timezone: str | None = None,
    content_type: str = ContentType.TEXT.value,
    hashtags: list[str] | None = None,
    media_ids: list[int] | None = None,
    first_comment: str | None = None,
    created_by_user_id: int | None = None,
) -> Post:
    """A post scheduled at `scheduled_at`: naive means wall-clock time in `timezone` (else the default zone),
    aware means that instant. Stored in UTC, with the zone kept to show it back the way it was entered."""
    post = build_post(
        db=db,
        workspace_id=workspace_id,
        content=content,
        account_ids=account_ids,
        scheduled_at=scheduled_at,
        timezone=timezone,
        default_timezone=default_timezone,
        content_type=content_type,
        hashtags=hashtags,
        media_ids=media_ids,
        first_comment=first_comment,
        created_by_user_id=created_by_user_id,
    )
    db.commit()
    return posts_service.get_post(db=db, workspace_id=workspace_id, post_id=post.id)


# ---- targets ------------------------------------------------------------------------------------------------


def get_target(*, db: Session, workspace_id: int, target_id: int) -> PostTarget:
    """One target of the workspace, freshly read, with its post and account; 404 otherwise."""
    target = db.scalar(
        select(PostTarget)
        .where(PostTarget.id == target_id, PostTarget.workspace_id == workspace_id)
        .options(selectinload(PostTarget.post), selectinload(PostTarget.account))
        # Transitions are bulk UPDATEs: a copy of the row already in the session would be stale.
        .execution_options(populate_existing=True)
    )
    if target is None:
        raise NotFound("scheduled post not found")
    return target


def scheduled_targets_query(
    *,
    workspace_id: int,
    status: TargetStatus | None = None,
    platform: str | None = None,
    account_id: int | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
) -> Select:
    """Targets of the workspace in time order; without a status filter, every target that has a time."""
    query = (
        select(PostTarget)
        .join(SocialAccount, SocialAccount.id == PostTarget.account_id)
        .where(PostTarget.workspace_id == workspace_id)
    )
    if status is not None:
        query = query.where(PostTarget.status == status.value)
    else:
        query = query.where(PostTarget.scheduled_at.is_not(None))
    if platform:
        query = query.where(SocialAccount.platform == platform)
    if account_id:
        query = query.where(PostTarget.account_id == account_id)
    if start:
        query = query.where(PostTarget.scheduled_at >= start)
    if end:
        query = query.where(PostTarget.scheduled_at < end)
    return query.options(selectinload(PostTarget.post), selectinload(PostTarget.account)).order_by(
        PostTarget.scheduled_at.asc().nulls_last(), PostTarget.id
    )


def refusal(target: PostTarget, action: str) -> str:
    where = f"@{target.account.handle}"
    match TargetStatus(target.status):
        case TargetStatus.PUBLISHING:
            return f"this post is being published to {where} right now; it can no longer be {action}"
        case TargetStatus.PUBLISHED:
            return f"this post is already published to {where}; it can no longer be {action}"
        case TargetStatus.NEEDS_REVIEW:
            return (
                f"this post may already be on {where}: check there, then retry it with "
                "confirm_duplicate_risk=true or cancel it"
            )
        case status:
            return f"a {status.value.replace('_', ' ')} post cannot be {action}"


def require_active(account: SocialAccount) -> None:
    if account.status != AccountStatus.ACTIVE.value:
        raise Conflict(
            f"{account.platform} @{account.handle} is {account.status.replace('_', ' ')}; reconnect it first",
            field="account_id",
        )


def move_target(db: Session, target_id: int, allowed: set[TargetStatus], **values) -> bool:
    """Change a target only while it is still in one of the `allowed` states (not committed).

    A compare-and-set against the publisher, which claims due targets with its own conditional UPDATE:
    whichever commits first wins, and a target being published is never pulled back.
    """
    changed = db.execute(
        update(PostTarget)
        .where(PostTarget.id == target_id, PostTarget.status.in_([status.value for status in allowed]))
        .values(**values)
        .execution_options(synchronize_session=False)
    ).rowcount
    return changed == 1


def _transition(
    db: Session, workspace_id: int, target: PostTarget, allowed: set[TargetStatus], action: str, **values
) -> PostTarget:
    if not move_target(db, target.id, allowed, **values):
        db.rollback()
        raise Conflict(refusal(get_target(db=db, workspace_id=workspace_id, target_id=target.id), action))
    db.commit()
    return get_target(db=db, workspace_id=workspace_id, target_id=target.id)


def reschedule_target(
    *,
    db: Session,
    workspace_id: int,
    target_id: int,
    scheduled_at: datetime,
    default_timezone: str,
    timezone: str | None = None,
) -> PostTarget:
    """Move one target to a new time (same reading of naive times as scheduling); takes it out of its queue.

    A draft, failed or cancelled target becomes scheduled again; one that is publishing, published or
    waiting for review is refused.
    """
    target = get_target(db=db, workspace_id=workspace_id, target_id=target_id)
    if TargetStatus(target.status) not in RESCHEDULABLE:
        raise Conflict(refusal(target, "rescheduled"))
    moment, tz_name = posts_service._resolve_schedule(_wall_clock(scheduled_at), timezone, default_timezone)
    require_active(target.account)
    return _transition(
        db,
        workspace_id,
        target,
        RESCHEDULABLE,
        "rescheduled",
        status=TargetStatus.SCHEDULED.value,
        scheduled_at=moment,
        due_at=moment,
        schedule_timezone=tz_name,
        queued=False,
        last_error=None,
    )


def cancel_target(*, db: Session, workspace_id: int, target_id: int) -> PostTarget:
    """Stop a target from going out; cancelling twice is harmless. Its time stays, for the calendar."""
    target = get_target(db=db, workspace_id=workspace_id, target_id=target_id)
    if target.status == TargetStatus.CANCELLED.value:
        return target
    if TargetStatus(target.status) not in CANCELLABLE:
        raise Conflict(refusal(target, "cancelled"))
    return _transition(
        db, workspace_id, target, CANCELLABLE, "cancelled", status=TargetStatus.CANCELLED.value, due_at=None
    )


def retry_target(*, db: Session, workspace_id: int, target_id: int, confirm_duplicate_risk: bool = False) -> PostTarget:
    """Send a failed target again now.

    A target that needs review may already be on the platform (the request went out, no answer came back),
    so retrying it needs `confirm_duplicate_risk`. The attempt counter is kept: the publisher first asks the
    platform whether an earlier attempt went out before sending again.
    """
    target = get_target(db=db, workspace_id=workspace_id, target_id=target_id)
    status = TargetStatus(target.status)
    if status not in RETRYABLE:
        raise Conflict(f"only a failed or needs-review post can be retried; this one is {status.value}")
    if status is TargetStatus.NEEDS_REVIEW and not confirm_duplicate_risk:
        raise Conflict(
            f"this post may already be on @{target.account.handle}; check there first, and retry with "
            "confirm_duplicate_risk=true only if it is not",
            field="confirm_duplicate_risk",
        )
    require_active(target.account)
    return _transition(
        db,
        workspace_id,
        target,
        {status},
        "retried",
        status=TargetStatus.SCHEDULED.value,
        due_at=utcnow(),
        last_error=None,
    )


def attempts_query(*, db: Session, workspace_id: int, target_id: int) -> Select:
    """The publish attempts of one target, oldest first."""
    target = get_target(db=db, workspace_id=workspace_id, target_id=target_id)
    return (
        select(PublishAttempt)
        .where(PublishAttempt.target_id == target.id, PublishAttempt.workspace_id == workspace_id)
        .order_by(PublishAttempt.number, PublishAttempt.id)
    )


# ---- recurring rules ----------------------------------------------------------------------------------------


def get_rule(*, db: Session, workspace_id: int, rule_id: int) -> RecurringRule:
    """One recurring rule of the workspace, freshly read; 404 otherwise."""
    rule = db.scalar(
        select(RecurringRule)
        .where(RecurringRule.id == rule_id, RecurringRule.workspace_id == workspace_id)
        .execution_options(populate_existing=True)
    )
    if rule is None:
        raise NotFound("recurring rule not found")
    return rule


def rules_query(*, workspace_id: int) -> Select:
    return select(RecurringRule).where(RecurringRule.workspace_id == workspace_id).order_by(RecurringRule.id.desc())


def create_rule(
    *,
    db: Session,
    workspace_id: int,
    cron: str,
    content: str,
    account_ids: list[int],
    timezone: str | None = None,
    content_type: str = ContentType.TEXT.value,
    hashtags: list[str] | None = None,
    media_ids: list[int] | None = None,
    first_comment: str | None = None,
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
    max_occurrences: int | None = None,
    created_by_user_id: int | None = None,
    now: datetime | None = None,
) -> RecurringRule:
    """A post repeating on `cron`, evaluated on the wall clock of `timezone` (default: the workspace's).

    Naive `starts_at` / `ends_at` are read in that zone. The rule ends after `max_occurrences` occurrences
    or at `ends_at`, whichever comes first; the job materialize_recurring_posts turns occurrences into posts.
    """
    cron = " ".join(cron.split())
    problem = recurrence.cron_problem(cron)
    if problem:
        raise InvalidInput(problem, field="cron")
    tz_name = check_zone(timezone or workspace_timezone(db=db, workspace_id=workspace_id))
    content_type = content_type_value(content_type)
    accounts = posts_service._load_accounts(db, workspace_id, account_ids)
    if not accounts:
        raise InvalidInput("choose at least one account", field="account_ids")
    media = posts_service._load_media(db, workspace_id, media_ids or [])
    posts_service._check_text(content, media, accounts)
    if max_occurrences is not None and max_occurrences < 1:
        raise InvalidInput("max_occurrences must be at least 1", field="max_occurrences")

    now = now or utcnow()
    start = recurrence.local_to_utc(_wall_clock(starts_at), tz_name) if starts_at else now
    end = recurrence.local_to_utc(_wall_clock(ends_at), tz_name) if ends_at else None
    if end is not None and end <= max(start, now):
        raise InvalidInput("ends_at must be after starts_at and in the future", field="ends_at")
    # An occurrence exactly at starts_at counts.
    first = recurrence.first_occurrence(cron, tz_name, max(start - timedelta(microseconds=1), now))
    if first is None:
        raise InvalidInput(f"{cron!r} never fires", field="cron")
    if end is not None and first > end:
        raise InvalidInput(f"{cron!r} does not fire before ends_at", field="ends_at")
    if max_occurrences != 1:
        _check_frequency(cron, tz_name, first)

    rule = RecurringRule(
        workspace_id=workspace_id,
        cron=cron,
        timezone=tz_name,
        content=content,
        content_type=content_type,
        hashtags=hashtags or [],
        media_ids=[asset.id for asset in media],
        account_ids=[account.id for account in accounts],
        first_comment=(first_comment or "").strip() or None,
        starts_at=start,
        ends_at=end,
        max_occurrences=max_occurrences,
        occurrences=0,
        next_run_at=first,
        active=True,
        created_by_user_id=created_by_user_id,
    )
    db.add(rule)
    db.commit()
    return rule


def _check_frequency(cron: str, tz_name: str, first: datetime) -> None:
    sample = [first, *islice(recurrence.occurrences(cron, tz_name, first), RECURRENCE_CHECK_SAMPLE)]
    shortest = min(later - earlier for earlier, later in pairwise(sample))
    if shortest < MIN_RECURRENCE_INTERVAL:
        minutes = int(MIN_RECURRENCE_INTERVAL.total_seconds() // 60)
        raise InvalidInput(
            f"{cron!r} fires every {int(shortest.total_seconds() // 60)} minutes; at most once every {minutes}",
            field="cron",
        )


def _following(rule: RecurringRule, occurrence: datetime) -> datetime | None:
    """The rule's next occurrence once `occurrence` is used up, or None when the rule ends with it."""
    if rule.max_occurrences is not None and rule.occurrences + 1 >= rule.max_occurrences:
        return None
    following = recurrence.first_occurrence(rule.cron, rule.timezone, occurrence)
    if following is None or (rule.ends_at is not None and following > rule.ends_at):
        return None
    return following


def upcoming_occurrences(rule: RecurringRule, limit: int = 5) -> list[datetime]:
    """The next occurrences not yet turned into posts, within the rule's end and count."""
    if not rule.active or rule.next_run_at is None:
        return []
    remaining = None if rule.max_occurrences is None else rule.max_occurrences - rule.occurrences
    found: list[datetime] = []
    moment: datetime | None = rule.next_run_at
    while moment is not None and len(found) < limit and (remaining is None or len(found) < remaining):
        if rule.ends_at is not None and moment > rule.ends_at:
            break
        found.append(moment)
        moment = recurrence.first_occurrence(rule.cron, rule.timezone, moment)
    return found


def delete_rule(*, db: Session, workspace_id: int, rule_id: int, keep_scheduled: bool = False) -> None:
    """Delete a rule; its posts still waiting to go out are cancelled unless `keep_scheduled`."""
    rule = get_rule(db=db, workspace_id=workspace_id, rule_id=rule_id)
    if not keep_scheduled:
        waiting = {TargetStatus.SCHEDULED.value, TargetStatus.DRAFT.value}
        db.execute(
            update(PostTarget)
            .where(
                PostTarget.post_id.in_(
                    select(Post.id).where(Post.workspace_id == workspace_id, Post.recurring_rule_id == rule.id)
                ),
                PostTarget.status.in_(waiting),
            )
            .values(status=TargetStatus.CANCELLED.value, due_at=None)
            .execution_options(synchronize_session=False)
        )
    db.delete(rule)
    db.commit()


def materialize_due(*, db: Session, now: datetime | None = None, lookahead: timedelta = LOOKAHEAD) -> int:
    """Turn every rule occurrence due within `lookahead` into a scheduled post; returns how many were made.

    Idempotent and safe on several workers at once: each occurrence is claimed by moving the rule's
    next_run_at from that occurrence to the following one with a compare-and-set UPDATE, in the same
    transaction that inserts the post. A worker whose UPDATE matches no row lost the race and looks again.
    """
    now = now or utcnow()
    horizon = now + lookahead
    rule_ids = db.scalars(
        select(RecurringRule.id)
        .where(
            RecurringRule.active.is_(True),
            RecurringRule.next_run_at.is_not(None),
            RecurringRule.next_run_at <= horizon,
        )
        .order_by(RecurringRule.next_run_at)
    ).all()
    # End the read, so that each claim below is the first statement of its own transaction.
    db.commit()
    return sum(_materialize_rule(db, rule_id, now, horizon) for rule_id in rule_ids)


def _materialize_rule(db: Session, rule_id: int, now: datetime, horizon: datetime) -> int:
    created = 0
    for _ in range(MAX_MATERIALIZED_PER_RUN):
        rule = db.scalar(
            select(RecurringRule).where(RecurringRule.id == rule_id).execution_options(populate_existing=True)
        )
        if rule is None or not rule.active or rule.next_run_at is None or rule.next_run_at > horizon:
            break
        occurrence = rule.next_run_at
        claimed = db.execute(
            update(RecurringRule)
            .where(
                RecurringRule.id == rule.id,
                RecurringRule.active.is_(True),
                RecurringRule.next_run_at == occurrence,
            )
            .values(next_run_at=_following(rule, occurrence), occurrences=RecurringRule.occurrences + 1)
            .execution_options(synchronize_session=False)
        ).rowcount
        if claimed != 1:
            db.rollback()  # another worker took this occurrence
            continue
        if occurrence < now - posts_service.PAST_SCHEDULE_GRACE:
            # The service was down when this one was due: publishing it late could be wrong ("Good morning!").
            log.warning("recurring occurrence missed", rule_id=rule.id, occurrence=occurrence.isoformat())
            db.commit()
            continue
        try:
            _occurrence_post(db, rule, occurrence)
        except InvalidInput as exc:
            # Nothing was added to the session: keep the claim, skip this occurrence, carry on with the next.
            log.warning("recurring occurrence skipped", rule_id=rule.id, field=exc.field, reason=exc.message)
            db.commit()
            continue
        db.commit()
        created += 1
    return created


def _occurrence_post(db: Session, rule: RecurringRule, occurrence: datetime) -> Post:
    usable = set(
        db.scalars(
            select(SocialAccount.id).where(
                SocialAccount.workspace_id == rule.workspace_id,
                SocialAccount.id.in_(rule.account_ids),
                SocialAccount.status == AccountStatus.ACTIVE.value,
            )
        )
    )
    # An account disconnected since the rule was made is left out rather than failing the whole occurrence.
    account_ids = [account_id for account_id in rule.account_ids if account_id in usable]
    if not account_ids:
        raise InvalidInput("none of the rule's accounts can publish", field="account_ids")
    return build_post(
        db=db,
        workspace_id=rule.workspace_id,
        content=rule.content,
        account_ids=account_ids,
        scheduled_at=occurrence,
        timezone=rule.timezone,
        default_timezone=rule.timezone,
        content_type=rule.content_type,
        hashtags=list(rule.hashtags or []),
        media_ids=list(rule.media_ids or []),
        first_comment=rule.first_comment,
        created_by_user_id=rule.created_by_user_id,
        recurring_rule_id=rule.id,
    )
