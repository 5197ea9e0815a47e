"""One-off schedules in a user's zone: naive read there, aware as given, DST gaps and repeats, and nothing
depending on the server's own zone. Expected instants are worked out by hand from the zones' rules."""

import os
import re
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from heraldo.scheduling import queues, recurrence
from tests.scheduling.conftest import parse, utc

SCHEDULING_SRC = Path(__file__).resolve().parents[2] / "src" / "heraldo" / "scheduling"
SCHEDULER_MODULES = ["bulk", "jobs", "queues", "recurrence", "router", "schemas", "service", "suggestions"]


@pytest.mark.parametrize(
    ("wall_clock", "zone", "expected"),
    [
        # Ordinary times either side of Madrid's spring change: CET is UTC+1, CEST UTC+2.
        (datetime(2031, 3, 29, 9, 0), "Europe/Madrid", utc(2031, 3, 29, 8, 0)),
        (datetime(2031, 3, 30, 9, 0), "Europe/Madrid", utc(2031, 3, 30, 7, 0)),
        # 02:30 does not exist on 30 March: forward by the one-hour gap to 03:30 CEST.
        (datetime(2031, 3, 30, 2, 30), "Europe/Madrid", utc(2031, 3, 30, 1, 30)),
        (datetime(2031, 3, 30, 2, 0), "Europe/Madrid", utc(2031, 3, 30, 1, 0)),
        # 02:30 happens twice on 26 October: the first, still CEST.
        (datetime(2031, 10, 26, 2, 30), "Europe/Madrid", utc(2031, 10, 26, 0, 30)),
        (datetime(2031, 10, 26, 3, 0), "Europe/Madrid", utc(2031, 10, 26, 2, 0)),
        # New York: EST is UTC-5, EDT UTC-4. 02:30 on 9 March is in the gap -> 03:30 EDT.
        (datetime(2031, 3, 9, 2, 30), "America/New_York", utc(2031, 3, 9, 7, 30)),
        (datetime(2031, 3, 8, 9, 0), "America/New_York", utc(2031, 3, 8, 14, 0)),
        (datetime(2031, 3, 10, 9, 0), "America/New_York", utc(2031, 3, 10, 13, 0)),
        # 01:30 on 2 November happens twice: the first, still EDT.
        (datetime(2031, 11, 2, 1, 30), "America/New_York", utc(2031, 11, 2, 5, 30)),
        (datetime(2031, 11, 2, 2, 30), "America/New_York", utc(2031, 11, 2, 7, 30)),
    ],
)
def test_wall_clock_times_around_dst(wall_clock, zone, expected):
    assert recurrence.local_to_utc(wall_clock, zone) == expected
    # A caller's fold=1 (the second 01:30) does not change the rule: the first one.
    assert recurrence.local_to_utc(wall_clock.replace(fold=1), zone) == expected


def test_an_aware_time_is_taken_as_given():
    moment = datetime(2031, 3, 30, 2, 30, tzinfo=timezone(timedelta(hours=-3)))
    assert recurrence.local_to_utc(moment, "Europe/Madrid") == utc(2031, 3, 30, 5, 30)


def _schedule(client, tenant, account, **body):
    return client.post(
        "/api/scheduler/schedule",
        json={"content": "Hello", "account_ids": [account.id], **body},
        headers=tenant.headers,
    )


def test_schedule_reads_naive_times_in_the_given_zone(client, tenant, account):
    gap = _schedule(client, tenant, account, scheduled_at="2031-03-30T02:30:00", timezone="Europe/Madrid")
    assert gap.status_code == 201, gap.text
    target = gap.json()["targets"][0]
    assert parse(target["scheduled_at"]) == utc(2031, 3, 30, 1, 30)
    assert target["scheduled_local"] == "2031-03-30T03:30:00+02:00"
    assert target["schedule_timezone"] == "Europe/Madrid"
    assert target["status"] == "scheduled"

    repeated = _schedule(client, tenant, account, scheduled_at="2031-11-02T01:30:00", timezone="America/New_York")
    assert parse(repeated.json()["targets"][0]["scheduled_at"]) == utc(2031, 11, 2, 5, 30)

    # An offset wins over the zone; the zone is kept for showing it back.
    aware = _schedule(client, tenant, account, scheduled_at="2031-03-30T09:00:00+05:30", timezone="Europe/Madrid")
    target = aware.json()["targets"][0]
    assert parse(target["scheduled_at"]) == utc(2031, 3, 30, 3, 30)
    assert target["scheduled_local"] == "2031-03-30T05:30:00+02:00"


def test_without_a_zone_the_workspace_zone_applies_not_the_servers(client, make_tenant, db):
    from tests.factories import create_account

    tenant = make_tenant("Tokyo team", timezone="Asia/Tokyo")
    account = create_account(db, tenant.id, handle="tokyo")
    response = _schedule(client, tenant, account, scheduled_at="2031-06-02T09:00:00")
    target = response.json()["targets"][0]
    # Asia/Tokyo is UTC+9 all year.
    assert parse(target["scheduled_at"]) == utc(2031, 6, 2, 0, 0)
    assert target["schedule_timezone"] == "Asia/Tokyo"


def test_first_comment_is_kept(client, tenant, account):
    response = _schedule(
        client, tenant, account, scheduled_at="2031-06-02T09:00:00", timezone="UTC", first_comment="Link below"
    )
    assert response.json()["first_comment"] == "Link below"


@pytest.fixture
def server_in_kiritimati():
    """The server's own zone far from everyone's (UTC+14): a result that used it would be off by hours."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Pacific/Kiritimati"
    time.tzset()
    try:
        assert time.localtime(1_900_000_000).tm_gmtoff == 14 * 3600  # 2030: UTC+14
        yield
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        time.tzset()


def test_a_server_in_another_zone_changes_nothing(server_in_kiritimati, client, tenant, account):
    assert recurrence.local_to_utc(datetime(2031, 3, 30, 2, 30), "Europe/Madrid") == utc(2031, 3, 30, 1, 30)
    assert recurrence.next_occurrence("0 9 * * 1-5", "Europe/Madrid", utc(2031, 3, 28, 12, 0)) == utc(2031, 3, 31, 7, 0)
    slots = queues.slot_instants([(4, 9 * 60)], "America/New_York", utc(2031, 3, 1, 0, 0))
    assert next(slots) == utc(2031, 3, 7, 14, 0)  # Friday 09:00 EST
    response = _schedule(client, tenant, account, scheduled_at="2031-03-30T09:00:00", timezone="Europe/Madrid")
    assert parse(response.json()["targets"][0]["scheduled_at"]) == utc(2031, 3, 30, 7, 0)


# Calls that read the server's zone or produce naive "now"s.
LOCAL_TIME_CALLS = re.compile(
    r"datetime\.now\(\s*\)|datetime\.today\(|datetime\.utcnow\(|\.astimezone\(\s*\)|fromtimestamp\(|"
    r"time\.localtime\(|time\.mktime\(|date\.today\("
)


def test_the_scheduler_never_asks_for_the_servers_local_time():
    offenders = [
        f"{path.name}:{number}: {line.strip()}"
        for path in (SCHEDULING_SRC / f"{name}.py" for name in SCHEDULER_MODULES)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if LOCAL_TIME_CALLS.search(line)
    ]
    assert not offenders, offenders
