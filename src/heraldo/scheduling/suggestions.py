"""Suggested posting times: the workspace's own engagement history once there is enough of it, published
benchmarks until then.

`best_times` takes whatever history exists as weekday x hour buckets on the workspace's wall clock. Today
Heraldo stores no engagement metrics yet, so the buckets carry post counts only and the benchmarks answer;
when analytics stores metrics it fills `engagement` and the workspace's own best slots take over.
"""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from heraldo.analytics import best_times as analytics_best_times
from heraldo.analytics.filters import AnalyticsFilter
from heraldo.core.clock import utcnow
from heraldo.posts.models import PostTarget, SocialAccount, TargetStatus
from heraldo.publishing.platforms import Platform
from heraldo.scheduling import recurrence
from heraldo.scheduling.queues import slot_instants

HISTORY = "history"
BENCHMARK = "benchmark"

# Below these, a workspace's own numbers are noise: the benchmarks answer instead.
MIN_MEASURED_POSTS = 20
MIN_POSTS_PER_SLOT = 3
HISTORY_WINDOW = timedelta(days=90)

Window = tuple[tuple[int, ...], int, int]  # (weekdays, 0 = Monday; first hour; end hour, exclusive)

# Defaults until the workspace's own data replaces them. Hours are the audience's local time.
# Source: Sprout Social, "Best times to post on social media in 2023" (engagement of Sprout's 34,000+
# customers, local time), as summarised by Social Media Today on 10 May 2023 and O'Dwyer's on 7 June 2023.
# Generalised results across brands: starting points to test, not truths about any one audience.
SPROUT_2023_OVERALL: list[Window] = [((1, 2, 3), 9, 12)]  # Tue-Thu 9:00-12:00 across networks
BENCHMARK_WINDOWS: dict[str, list[Window]] = {
    # Mon 8-13, Tue 8-14, Wed 8-13, Thu 8-12.
    Platform.FACEBOOK.value: [((0,), 8, 13), ((1,), 8, 14), ((2,), 8, 13), ((3,), 8, 12)],
    # Mon 10-12, Tue 9-13, Wed 10-13, Fri 9-11.
    Platform.INSTAGRAM.value: [((0,), 10, 12), ((1,), 9, 13), ((2,), 10, 13), ((4,), 9, 11)],
    # Twitter (now X): Tue-Fri 9-12.
    Platform.X.value: [((1, 2, 3, 4), 9, 12)],
    # Tue and Wed 10-12.
    Platform.LINKEDIN.value: [((1, 2), 10, 12)],
    # No comparable published study covers Threads, Bluesky or Mastodon: the cross-network finding of the
    # same report stands in for them (and for the sandbox).
    Platform.THREADS.value: SPROUT_2023_OVERALL,
    Platform.BLUESKY.value: SPROUT_2023_OVERALL,
    Platform.MASTODON.value: SPROUT_2023_OVERALL,
    Platform.SANDBOX.value: SPROUT_2023_OVERALL,
}


@dataclass(frozen=True)
class SlotHistory:
    """What went out in one weekday x hour bucket (workspace wall clock), and the engagement it earned."""

    weekday: int
    hour: int
    posts: int
    # Total engagements (reactions, comments, shares...) of those posts; None while no metrics are stored.
    engagement: float | None = None


@dataclass(frozen=True)
class SuggestedSlot:
    weekday: int
    hour: int
    source: str  # HISTORY or BENCHMARK
    # Mean engagement per post in this slot (history only).
    score: float | None = None


def _window_slots(windows: list[Window]) -> list[tuple[int, int]]:
    # Round-robin over the windows hour by hour, so the first few slots spread over the week.
    longest = max(end - start for _, start, end in windows)
    return [
        (weekday, start + offset)
        for offset in range(longest)
        for weekdays, start, end in windows
        for weekday in weekdays
        if start + offset < end
    ]


def benchmark_slots(platform: str) -> list[tuple[int, int]]:
    """The benchmark's (weekday, hour) slots for `platform`, then the cross-network ones, without repeats."""
    windows = BENCHMARK_WINDOWS.get(platform, SPROUT_2023_OVERALL)
    return list(dict.fromkeys(_window_slots(windows) + _window_slots(SPROUT_2023_OVERALL)))


def best_times(*, platform: str, history: Sequence[SlotHistory], limit: int = 5) -> list[SuggestedSlot]:
    """The `limit` best weekday x hour slots: by mean engagement per post when the history has at least
    MIN_MEASURED_POSTS measured posts (slots with fewer than MIN_POSTS_PER_SLOT posts left out), completed
    with the platform's benchmark slots."""
    measured = [h for h in history if h.engagement is not None and h.posts > 0]
    picked: list[SuggestedSlot] = []
    if sum(h.posts for h in measured) >= MIN_MEASURED_POSTS:
        eligible = [h for h in measured if h.posts >= MIN_POSTS_PER_SLOT]
        eligible.sort(key=lambda h: (-h.engagement / h.posts, -h.posts, h.weekday, h.hour))
        picked = [
            SuggestedSlot(weekday=h.weekday, hour=h.hour, source=HISTORY, score=h.engagement / h.posts)
            for h in eligible[:limit]
        ]
    have = {(slot.weekday, slot.hour) for slot in picked}
    for weekday, hour in benchmark_slots(platform):
        if len(picked) >= limit:
            break
        if (weekday, hour) not in have:
            picked.append(SuggestedSlot(weekday=weekday, hour=hour, source=BENCHMARK))
    return picked


# ---- from the database --------------------------------------------------------------------------------------


def publishing_history(
    *, db: Session, workspace_id: int, account_id: int, timezone: str, now: datetime | None = None
) -> list[SlotHistory]:
    """What the account published in the last HISTORY_WINDOW, per weekday x hour of `timezone`.

    Bucketed in Python: the wall-clock weekday and hour of a zone is not portable SQL between SQLite and
    PostgreSQL, and one column of one account over 90 days is small.
    """
    since = (now or utcnow()) - HISTORY_WINDOW
    published = db.scalars(
        select(PostTarget.published_at).where(
            PostTarget.workspace_id == workspace_id,
            PostTarget.account_id == account_id,
            PostTarget.status == TargetStatus.PUBLISHED.value,
            PostTarget.published_at >= since,
        )
    )
    buckets = Counter()
    for moment in published:
        local = recurrence.utc_to_local(moment, timezone)
        buckets[(local.weekday(), local.hour)] += 1
    # No engagement metrics are stored yet; analytics fills `engagement` when it does.
    return [SlotHistory(weekday=w, hour=h, posts=n) for (w, h), n in sorted(buckets.items())]


@dataclass(frozen=True)
class AccountSuggestions:
    account: SocialAccount
    timezone: str
    slots: list[tuple[SuggestedSlot, datetime]]  # each with its next instant (UTC)


def suggestions_for(
    *,
    db: Session,
    workspace_id: int,
    accounts: Iterable[SocialAccount],
    timezone: str,
    limit: int = 5,
    now: datetime | None = None,
) -> list[AccountSuggestions]:
    """Suggested slots for each account, with the next time each one comes round."""
    now = now or utcnow()
    answer = []
    for account in accounts:
        history = publishing_history(
            db=db, workspace_id=workspace_id, account_id=account.id, timezone=timezone, now=now
        )
        slots = best_times(platform=account.platform, history=history, limit=limit)
        # The account's own ranking (shrunk engagement rates) once it has enough measured posts.
        measured = analytics_best_times.best_times(
            db,
            AnalyticsFilter(workspace_id, now - HISTORY_WINDOW, now, timezone, account_id=account.id),
            limit,
        )
        if measured:
            own = [SuggestedSlot(c.weekday, c.hour, HISTORY, c.shrunk_rate) for c in measured]
            taken = {(c.weekday, c.hour) for c in measured}
            slots = (own + [s for s in slots if (s.weekday, s.hour) not in taken])[:limit]
        answer.append(
            AccountSuggestions(
                account=account,
                timezone=timezone,
                slots=[(slot, next(slot_instants([(slot.weekday, slot.hour * 60)], timezone, now))) for slot in slots],
            )
        )
    return answer
