"""One source of 'now', always timezone-aware UTC."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def utcnow() -> datetime:
    return datetime.now(UTC)


def zone(name: str) -> ZoneInfo:
    """The IANA zone called `name`; ValueError names it when unknown."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown IANA time zone {name!r}") from exc


def as_utc(moment: datetime, timezone: str = "UTC") -> datetime:
    """A moment in UTC; a naive `moment` is read as wall-clock time in `timezone`."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone(timezone))
    return moment.astimezone(UTC)


def offset_changes(timezone: str, start: datetime, end: datetime) -> list[tuple[datetime, int]]:
    """[(from_utc, utc_offset_seconds)] covering [start, end): the zone's offset and each change (DST).

    Lets SQL without a time-zone database (SQLite) or a cheap integer expression convert UTC instants to
    wall-clock time per row with a CASE over the few instants where the offset changes.
    """
    tz = zone(timezone)

    def offset(moment: datetime) -> int:
        return int(moment.astimezone(tz).utcoffset().total_seconds())

    changes = [(start, offset(start))]
    day = timedelta(days=1)
    cursor = start
    while cursor < end:
        step_end = min(cursor + day, end)
        if offset(step_end) != changes[-1][1]:
            # Bisect to the second the offset changes; transitions happen at most a few times a year.
            low, high = cursor, step_end
            while high - low > timedelta(seconds=1):
                middle = low + (high - low) / 2
                if offset(middle) == changes[-1][1]:
                    low = middle
                else:
                    high = middle
            changes.append((high.replace(microsecond=0), offset(high)))
        cursor = step_end
    return changes
