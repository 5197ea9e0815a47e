"""Wall-clock time in a user's zone, and cron expressions evaluated in it.

The one rule for local times that do not exist or exist twice (daylight-saving changes), used by one-off
schedules, recurring rules and queue slots alike:

- a time in the spring-forward gap moves forward by the length of the gap
  (Europe/Madrid 2031-03-30 02:30 does not exist: it becomes 03:30 CEST = 01:30 UTC);
- an ambiguous autumn time takes its first occurrence, the one still on summer time
  (Europe/Madrid 2031-10-26 02:30 happens twice: it means 02:30 CEST = 00:30 UTC).

Both are what PEP 495's `fold=0` gives with zoneinfo, so a naive time is read with fold=0 on purpose.
Nothing here reads the server's own zone: every conversion names its zone.

Cron expressions are evaluated on the naive wall clock of the rule's zone and each result is then read with
the rule above, so "0 9 * * 1-5" stays at 09:00 local on both sides of a change. Consequences, deliberate:
a rule firing inside the gap fires once, at the gap's end (02:00 and 02:30 become one 03:00); a rule firing
inside the repeated autumn hour fires in its first pass only, never twice.
"""

from collections.abc import Iterator
from datetime import UTC, datetime

from croniter import CroniterBadDateError, croniter

from heraldo.core.clock import zone

CRON_FIELDS = 5


def local_to_utc(wall_clock: datetime, timezone: str) -> datetime:
    """The UTC instant of a wall-clock time in `timezone` (gap: forward by the gap; ambiguous: first).

    An aware `wall_clock` already names its instant and is only converted.
    """
    if wall_clock.tzinfo is not None:
        return wall_clock.astimezone(UTC)
    return wall_clock.replace(tzinfo=zone(timezone), fold=0).astimezone(UTC)


def utc_to_local(moment: datetime, timezone: str) -> datetime:
    """`moment` as an aware wall-clock time in `timezone`."""
    return moment.astimezone(zone(timezone))


def cron_problem(expression: str) -> str | None:
    """Why `expression` is not a usable cron expression (five fields, or @daily-style), or None when it is."""
    expression = expression.strip()
    if not expression.startswith("@") and len(expression.split()) != CRON_FIELDS:
        return "a cron expression has five fields: minute hour day-of-month month day-of-week"
    if not croniter.is_valid(expression):
        return f"{expression!r} is not a valid cron expression"
    return None


def next_occurrence(expression: str, timezone: str, after: datetime) -> datetime:
    """The first instant strictly after `after` at which `expression` fires on `timezone`'s wall clock."""
    moment = after.astimezone(UTC)
    # Start from the wall-clock minute `after` falls in; the loop skips results not after `after`
    # (in the repeated autumn hour the wall clock reads earlier than `after`'s first pass).
    cursor = utc_to_local(moment, timezone).replace(tzinfo=None, second=0, microsecond=0)
    iterator = croniter(expression, cursor)
    while True:
        wall_clock = iterator.get_next(datetime)
        instant = local_to_utc(wall_clock, timezone)
        if instant > moment:
            return instant


def first_occurrence(expression: str, timezone: str, after: datetime) -> datetime | None:
    """Like next_occurrence, but None for an expression that never fires ("0 0 30 2 *")."""
    try:
        return next_occurrence(expression, timezone, after)
    except CroniterBadDateError:
        return None


def occurrences(expression: str, timezone: str, after: datetime) -> Iterator[datetime]:
    """Every instant at which `expression` fires after `after`, strictly increasing, until it no longer fires."""
    moment: datetime | None = after
    while (moment := first_occurrence(expression, timezone, moment)) is not None:
        yield moment
