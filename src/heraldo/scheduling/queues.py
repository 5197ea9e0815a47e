"""Posting queues, as in Buffer: each account has weekly slots ("Mon-Fri 09:00, 13:00") on the workspace's
wall clock; "add to queue" takes the next free slot, "share next" puts a post in the first slot and pushes
the queued posts after it one slot later.

A slot is free when no scheduled, publishing or published target of the account is at that instant.
Slot times follow the DST rule of recurrence.py (a 02:30 slot on the spring-forward day is at 03:30).
"""

from collections.abc import Iterator
from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, delete, select, update
from sqlalchemy.orm import Session

from heraldo.core.clock import utcnow
from heraldo.core.errors import Conflict, HeraldoError, InvalidInput
from heraldo.posts import service as posts_service
from heraldo.posts.models import Post, PostTarget, SocialAccount, TargetStatus
from heraldo.scheduling import recurrence
from heraldo.scheduling import service as scheduling_service
from heraldo.scheduling.models import QueueSlot

WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
# How far ahead a queue looks for a free slot.
QUEUE_HORIZON = timedelta(days=366)
SLOT_TAKEN = (TargetStatus.SCHEDULED.value, TargetStatus.PUBLISHING.value, TargetStatus.PUBLISHED.value)
QUEUEABLE = {TargetStatus.DRAFT, TargetStatus.SCHEDULED, TargetStatus.FAILED, TargetStatus.CANCELLED}

Slot = tuple[int, int]  # (weekday 0 = Monday, minute of the day)


def slot_label(weekday: int, minute_of_day: int) -> str:
    return f"{WEEKDAY_NAMES[weekday]} {minute_of_day // 60:02d}:{minute_of_day % 60:02d}"


def slot_instants(
    slots: list[Slot], timezone: str, after: datetime, horizon: timedelta = QUEUE_HORIZON
) -> Iterator[datetime]:
    """The UTC instants of weekly wall-clock `slots` in `timezone` strictly after `after`, in order."""
    by_weekday: dict[int, list[int]] = {}
    for weekday, minute in slots:
        by_weekday.setdefault(weekday, []).append(minute)
    first_day = recurrence.utc_to_local(after, timezone).date()
    for offset in range(horizon.days + 1):
        day = first_day + timedelta(days=offset)
        minutes = by_weekday.get(day.weekday(), [])
        # Sorted and de-duplicated per day: on the spring-forward day 02:30 becomes 03:30 and may meet a 03:30 slot.
        instants = sorted(
            {
                recurrence.local_to_utc(datetime.combine(day, time(minute // 60, minute % 60)), timezone)
                for minute in minutes
            }
        )
        yield from (instant for instant in instants if instant > after)


# ---- slots --------------------------------------------------------------------------------------------------


def get_slots(*, db: Session, workspace_id: int, account_id: int) -> list[QueueSlot]:
    """The account's weekly slots, Monday first; 404 for an account of another workspace."""
    account = posts_service.get_account(db=db, workspace_id=workspace_id, account_id=account_id)
    return list(
        db.scalars(
            select(QueueSlot)
            .where(QueueSlot.workspace_id == workspace_id, QueueSlot.account_id == account.id)
            .order_by(QueueSlot.weekday, QueueSlot.minute_of_day)
        )
    )


def _slot_pairs(db: Session, workspace_id: int, account_id: int) -> list[Slot]:
    return [
        (weekday, minute)
        for weekday, minute in db.execute(
            select(QueueSlot.weekday, QueueSlot.minute_of_day).where(
                QueueSlot.workspace_id == workspace_id, QueueSlot.account_id == account_id
            )
        )
    ]


def queues_query(*, workspace_id: int, account_id: int | None = None) -> Select:
    """Accounts with a queue (or the one asked for, with or without slots)."""
    query = select(SocialAccount).where(SocialAccount.workspace_id == workspace_id)
    if account_id is not None:
        query = query.where(SocialAccount.id == account_id)
    else:
        query = query.where(
            SocialAccount.id.in_(select(QueueSlot.account_id).where(QueueSlot.workspace_id == workspace_id))
        )
    return query.order_by(SocialAccount.platform, SocialAccount.handle)


def _lock_queue(db: Session, account_id: int) -> None:
    """Serialise queue changes of one account until commit, so two calls cannot pick the same slot.

    A write that changes nothing: it takes the row lock on PostgreSQL and the write lock on SQLite.
    """
    db.execute(
        update(SocialAccount)
        .where(SocialAccount.id == account_id)
        .values(updated_at=SocialAccount.updated_at)
        .execution_options(synchronize_session=False)
    )


def replace_slots(*, db: Session, workspace_id: int, account_id: int, slots: list[Slot]) -> list[QueueSlot]:
    """Make `slots` the account's weekly slots. Posts already queued keep their times."""
    account = posts_service.get_account(db=db, workspace_id=workspace_id, account_id=account_id)
    _lock_queue(db, account.id)
    db.execute(delete(QueueSlot).where(QueueSlot.account_id == account.id))
    db.add_all(
        QueueSlot(workspace_id=workspace_id, account_id=account.id, weekday=weekday, minute_of_day=minute)
        for weekday, minute in sorted(set(slots))
    )
    db.commit()
    return get_slots(db=db, workspace_id=workspace_id, account_id=account.id)


def clear_slots(*, db: Session, workspace_id: int, account_id: int) -> None:
    """Remove the account's queue. Posts already queued keep their times."""
    replace_slots(db=db, workspace_id=workspace_id, account_id=account_id, slots=[])


def _occupied(db: Session, account_id: int, after: datetime) -> list[Any]:
    return list(
        db.execute(
            select(PostTarget.id, PostTarget.scheduled_at, PostTarget.queued, PostTarget.status).where(
                PostTarget.account_id == account_id,
                PostTarget.status.in_(SLOT_TAKEN),
                PostTarget.scheduled_at > after,
            )
        )
    )


def free_slots(
    *, db: Session, workspace_id: int, account_id: int, limit: int = 5, now: datetime | None = None
) -> list[datetime]:
    """The account's next `limit` free slot instants (UTC)."""
    account = posts_service.get_account(db=db, workspace_id=workspace_id, account_id=account_id)
    slots = _slot_pairs(db, workspace_id, account.id)
    if not slots:
        return []
    now = now or utcnow()
    taken = {row.scheduled_at for row in _occupied(db, account.id, now)}
    tz_name = scheduling_service.workspace_timezone(db=db, workspace_id=workspace_id)
    found: list[datetime] = []
    for instant in slot_instants(slots, tz_name, now):
        if instant not in taken:
            found.append(instant)
            if len(found) == limit:
                break
    return found


# ---- adding posts -------------------------------------------------------------------------------------------


def add_to_queue(
    *,
    db: Session,
    workspace_id: int,
    account_id: int,
    post_id: int | None = None,
    new_post: dict[str, Any] | None = None,
    created_by_user_id: int | None = None,
    now: datetime | None = None,
) -> Post:
    """Put a post (an existing one by `post_id`, or a new one from `new_post`'s fields) in the account's next
    free slot."""
    return _place(db, workspace_id, account_id, post_id, new_post, created_by_user_id, now, front=False)


def share_next(
    *,
    db: Session,
    workspace_id: int,
    account_id: int,
    post_id: int | None = None,
    new_post: dict[str, Any] | None = None,
    created_by_user_id: int | None = None,
    now: datetime | None = None,
) -> Post:
    """Put a post in the account's first slot; the queued posts from there on each move one slot later, up to
    the first free slot. Posts scheduled at a chosen time (not queued) never move."""
    return _place(db, workspace_id, account_id, post_id, new_post, created_by_user_id, now, front=True)


def _place(
    db: Session,
    workspace_id: int,
    account_id: int,
    post_id: int | None,
    new_post: dict[str, Any] | None,
    created_by_user_id: int | None,
    now: datetime | None,
    *,
    front: bool,
) -> Post:
    account = posts_service.get_account(db=db, workspace_id=workspace_id, account_id=account_id)
    if post_id is None and new_post is None:
        raise InvalidInput("give the content of a new post, or the post_id of an existing one", field="content")
    post = posts_service.get_post(db=db, workspace_id=workspace_id, post_id=post_id) if post_id else None
    target = next((t for t in post.targets if t.account_id == account.id), None) if post else None
    if target is not None and TargetStatus(target.status) not in QUEUEABLE:
        raise Conflict(scheduling_service.refusal(target, "queued"), field="post_id")
    slots = _slot_pairs(db, workspace_id, account.id)
    if not slots:
        raise Conflict(
            f"@{account.handle} has no queue slots yet; set them with PUT /api/scheduler/queues/{account.id}",
            field="account_id",
        )
    tz_name = scheduling_service.workspace_timezone(db=db, workspace_id=workspace_id)
    try:
        _lock_queue(db, account.id)
        now = now or utcnow()
        moves = _plan(db, account.id, slots, tz_name, now, moving_id=target.id if target else None, front=front)
        first_instant = moves.pop(0)[1]
        for pushed_id, instant in moves:
            if not scheduling_service.move_target(
                db, pushed_id, {TargetStatus.SCHEDULED}, scheduled_at=instant, due_at=instant
            ):
                raise Conflict("the queue changed while it was being rearranged; try again")
        if post is None:
            post = scheduling_service.build_post(
                db=db,
                workspace_id=workspace_id,
                account_ids=[account.id],
                scheduled_at=first_instant,
                timezone=tz_name,
                default_timezone=tz_name,
                created_by_user_id=created_by_user_id,
                queued=True,
                **(new_post or {}),
            )
        elif target is None:
            posts_service._load_accounts(db, workspace_id, [account.id])
            posts_service._check_text(post.content, [link.media for link in post.media_links], [account])
            target = posts_service._new_target(post, account, first_instant, tz_name)
            target.queued = True
            post.targets.append(target)
        else:
            scheduling_service.require_active(account)
            if not scheduling_service.move_target(
                db,
                target.id,
                QUEUEABLE,
                status=TargetStatus.SCHEDULED.value,
                scheduled_at=first_instant,
                due_at=first_instant,
                schedule_timezone=tz_name,
                queued=True,
                last_error=None,
            ):
                raise Conflict("this post changed state while it was being queued; try again", field="post_id")
        db.commit()
    except HeraldoError:
        db.rollback()
        raise
    # Targets were moved with UPDATE statements: reload what the session holds.
    db.expire_all()
    return posts_service.get_post(db=db, workspace_id=workspace_id, post_id=post.id)


def _plan(
    db: Session,
    account_id: int,
    slots: list[Slot],
    tz_name: str,
    now: datetime,
    *,
    moving_id: int | None,
    front: bool,
) -> list[tuple[int | None, datetime]]:
    """Where things go: first the placed post's slot (id None or `moving_id`), then (target id, new instant) of
    each queued post pushed one slot later."""
    fixed: set[datetime] = set()
    queued: dict[datetime, int] = {}
    for row in _occupied(db, account_id, now):
        if row.id == moving_id:
            continue  # its current slot becomes free
        if row.queued and row.status == TargetStatus.SCHEDULED.value:
            queued[row.scheduled_at] = row.id
        else:
            fixed.add(row.scheduled_at)
    moves: list[tuple[int | None, datetime]] = []
    carried: int | None = moving_id
    for instant in slot_instants(slots, tz_name, now):
        if instant in fixed:
            continue
        occupant = queued.get(instant)
        if occupant is not None and not front:
            continue
        moves.append((carried, instant))
        if occupant is None:
            return moves
        carried = occupant
    raise Conflict(f"no free queue slot in the next {QUEUE_HORIZON.days} days; add slots", field="account_id")
