"""Recurring posts: cron on a zone's wall clock across DST, count and end date, and materialization that
makes each occurrence exactly once, also with two workers at once."""

import threading
from datetime import datetime, timedelta
from itertools import islice

from sqlalchemy import func, select

from heraldo.core.dispatch import registered_jobs
from heraldo.posts.models import AccountStatus, Post, PostTarget, SocialAccount, TargetStatus
from heraldo.scheduling import recurrence, service
from heraldo.scheduling.models import RecurringRule
from heraldo.worker import BEAT, load_jobs
from tests.factories import create_account
from tests.scheduling.conftest import parse, utc


def _next(cron: str, zone: str, after: datetime, count: int) -> list[datetime]:
    return list(islice(recurrence.occurrences(cron, zone, after), count))


# ---- cron on a wall clock -----------------------------------------------------------------------------------


def test_weekday_mornings_stay_at_nine_local_across_the_spring_change():
    # Thu 27 and Fri 28 March are CET (UTC+1); Mon 31 March and Tue 1 April are CEST (UTC+2).
    assert _next("0 9 * * 1-5", "Europe/Madrid", utc(2031, 3, 27, 0, 0), 4) == [
        utc(2031, 3, 27, 8, 0),
        utc(2031, 3, 28, 8, 0),
        utc(2031, 3, 31, 7, 0),
        utc(2031, 4, 1, 7, 0),
    ]


def test_weekday_mornings_stay_at_nine_local_across_the_autumn_change():
    # New York: Thu 30 and Fri 31 October are EDT (UTC-4); Mon 3 November is EST (UTC-5).
    assert _next("0 9 * * 1-5", "America/New_York", utc(2031, 10, 30, 0, 0), 3) == [
        utc(2031, 10, 30, 13, 0),
        utc(2031, 10, 31, 13, 0),
        utc(2031, 11, 3, 14, 0),
    ]
    # Madrid: Fri 24 October is CEST, Mon 27 October CET.
    assert _next("0 9 * * 1-5", "Europe/Madrid", utc(2031, 10, 24, 0, 0), 2) == [
        utc(2031, 10, 24, 7, 0),
        utc(2031, 10, 27, 8, 0),
    ]


def test_a_rule_inside_the_gap_fires_once_at_the_end_of_the_gap():
    # 02:30 daily in Madrid: Sat 29 March 02:30 CET, Sun 30 March (no 02:30) 03:30 CEST, Mon 02:30 CEST.
    assert _next("30 2 * * *", "Europe/Madrid", utc(2031, 3, 28, 23, 0), 3) == [
        utc(2031, 3, 29, 1, 30),
        utc(2031, 3, 30, 1, 30),
        utc(2031, 3, 31, 0, 30),
    ]
    # New York, 02:30 daily: Sat 8 March EST, Sun 9 March -> 03:30 EDT, Mon 10 March EDT.
    assert _next("30 2 * * *", "America/New_York", utc(2031, 3, 8, 0, 0), 3) == [
        utc(2031, 3, 8, 7, 30),
        utc(2031, 3, 9, 7, 30),
        utc(2031, 3, 10, 6, 30),
    ]


def test_a_rule_inside_the_repeated_hour_fires_once_in_its_first_pass():
    # 02:30 daily in Madrid: Sat 25 October CEST, Sun 26 October the first 02:30 (CEST), Mon 27 October CET.
    assert _next("30 2 * * *", "Europe/Madrid", utc(2031, 10, 24, 23, 0), 3) == [
        utc(2031, 10, 25, 0, 30),
        utc(2031, 10, 26, 0, 30),
        utc(2031, 10, 27, 1, 30),
    ]
    # Every half hour through the repeated hour: 02:00 and 02:30 CEST, then 03:00 CET; no second pass.
    assert _next("*/30 * * * *", "Europe/Madrid", utc(2031, 10, 25, 23, 45), 3) == [
        utc(2031, 10, 26, 0, 0),
        utc(2031, 10, 26, 0, 30),
        utc(2031, 10, 26, 2, 0),
    ]
    # New York 01:30 daily: Sat 1 November EDT, Sun 2 November the first 01:30 (EDT), Mon 3 November EST.
    assert _next("30 1 * * *", "America/New_York", utc(2031, 11, 1, 0, 0), 3) == [
        utc(2031, 11, 1, 5, 30),
        utc(2031, 11, 2, 5, 30),
        utc(2031, 11, 3, 6, 30),
    ]


def test_starting_in_the_second_pass_of_the_repeated_hour_moves_on():
    # 02:40 CET on 26 October (the second 02:40) is 01:40 UTC; the 02:45 of that day already went by (first pass).
    assert recurrence.next_occurrence("45 2 * * *", "Europe/Madrid", utc(2031, 10, 26, 1, 40)) == utc(
        2031, 10, 27, 1, 45
    )


# ---- rules through the API ----------------------------------------------------------------------------------


def _rule(client, tenant, **body):
    return client.post("/api/scheduler/recurring", json={"content": "Good morning", **body}, headers=tenant.headers)


def test_create_list_get_and_delete_a_rule(client, tenant, account):
    response = _rule(
        client,
        tenant,
        cron="0 9 * * 1-5",
        timezone="Europe/Madrid",
        account_ids=[account.id],
        starts_at="2031-03-27T00:00:00",
        max_occurrences=3,
    )
    assert response.status_code == 201, response.text
    rule = response.json()
    assert parse(rule["next_run_at"]) == utc(2031, 3, 27, 8, 0)
    # The count limits what is left to come: three occurrences, across the change.
    assert [parse(moment) for moment in rule["upcoming"]] == [
        utc(2031, 3, 27, 8, 0),
        utc(2031, 3, 28, 8, 0),
        utc(2031, 3, 31, 7, 0),
    ]
    assert client.get(f"/api/scheduler/recurring/{rule['id']}", headers=tenant.headers).json()["cron"] == "0 9 * * 1-5"
    listed = client.get("/api/scheduler/recurring", headers=tenant.headers).json()
    assert listed["total"] == 1 and listed["items"][0]["id"] == rule["id"]
    assert client.delete(f"/api/scheduler/recurring/{rule['id']}", headers=tenant.headers).status_code == 204
    assert client.get(f"/api/scheduler/recurring/{rule['id']}", headers=tenant.headers).status_code == 404


def test_the_workspace_zone_is_the_default(client, make_tenant, db):
    tenant = make_tenant("NYC", timezone="America/New_York")
    account = create_account(db, tenant.id)
    rule = _rule(client, tenant, cron="0 9 * * *", account_ids=[account.id], starts_at="2031-11-01T12:00:00").json()
    assert rule["timezone"] == "America/New_York"
    assert [parse(m) for m in rule["upcoming"][:2]] == [utc(2031, 11, 2, 14, 0), utc(2031, 11, 3, 14, 0)]


INVALID_RULES = [
    ({"cron": "0 9 * *"}, "cron"),
    ({"cron": "0 25 * * *"}, "cron"),
    ({"cron": "0 0 30 2 *"}, "cron"),  # 30 February: never fires
    ({"cron": "*/5 * * * *"}, "cron"),  # more often than every 15 minutes
    ({"cron": "0 9 * * *", "timezone": "Mars/Olympus"}, "timezone"),
    ({"cron": "0 9 * * *", "starts_at": "2031-05-02T00:00", "ends_at": "2031-05-01T00:00"}, "ends_at"),
    ({"cron": "0 9 1 1 *", "starts_at": "2031-05-02T00:00", "ends_at": "2031-06-01T00:00"}, "ends_at"),
    ({"cron": "0 9 * * *", "max_occurrences": 0}, "max_occurrences"),
    ({"cron": "0 9 * * *", "account_ids": []}, "account_ids"),
    ({"cron": "0 9 * * *", "content_type": "hologram"}, "content_type"),
    ({"cron": "0 9 * * *", "content": ""}, "content"),
]


def test_invalid_rules_answer_422_naming_the_field(client, tenant, account, db):
    for body, field in INVALID_RULES:
        response = _rule(client, tenant, **{"account_ids": [account.id], **body})
        assert response.status_code == 422, (body, response.text)
        detail = response.json()
        named = detail.get("field") or ",".join(error["field"] for error in detail["detail"])
        assert field in named, (body, detail)
    assert db.scalar(select(func.count()).select_from(RecurringRule)) == 0


def test_a_rule_for_another_workspaces_account_is_refused(client, make_tenant, db, tenant):
    other = make_tenant("Other")
    foreign = create_account(db, other.id, handle="foreign")
    response = _rule(client, tenant, cron="0 9 * * *", account_ids=[foreign.id])
    assert response.status_code == 422
    assert response.json()["field"] == "account_ids"


# ---- materialization ----------------------------------------------------------------------------------------


def _make_rule(db, tenant, account, **kwargs) -> RecurringRule:
    defaults = {"cron": "0 * * * *", "timezone": "UTC", "content": "Hourly", "account_ids": [account.id]}
    return service.create_rule(db=db, workspace_id=tenant.id, **{**defaults, **kwargs})


def _posts_of(db, rule_id: int) -> list[datetime]:
    db.expire_all()
    return list(
        db.scalars(
            select(PostTarget.scheduled_at)
            .join(Post, Post.id == PostTarget.post_id)
            .where(Post.recurring_rule_id == rule_id)
            .order_by(PostTarget.scheduled_at)
        )
    )


NOW = utc(2031, 5, 1, 0, 30)


def test_occurrences_within_a_day_become_posts_once_however_often_the_job_runs(db, tenant, account):
    rule = _make_rule(db, tenant, account, now=NOW, first_comment="More at example.com")
    # 01:00 on 1 May up to 00:00 on 2 May: 24 hourly occurrences in the next 24 hours.
    assert service.materialize_due(db=db, now=NOW) == 24
    assert service.materialize_due(db=db, now=NOW) == 0
    assert service.materialize_due(db=db, now=NOW + timedelta(minutes=10)) == 0
    moments = _posts_of(db, rule.id)
    assert moments == [utc(2031, 5, 1, 1, 0) + timedelta(hours=h) for h in range(24)]
    post = db.scalar(select(Post).where(Post.recurring_rule_id == rule.id).limit(1))
    assert post.content == "Hourly" and post.first_comment == "More at example.com"
    assert post.targets[0].status == TargetStatus.SCHEDULED.value
    assert post.targets[0].schedule_timezone == "UTC"
    db.refresh(rule)
    assert rule.occurrences == 24 and rule.next_run_at == utc(2031, 5, 2, 1, 0)
    # An hour later the window has moved by one occurrence.
    assert service.materialize_due(db=db, now=NOW + timedelta(hours=1)) == 1


def test_two_workers_at_once_make_each_occurrence_once(database, db, tenant, account):
    rule = _make_rule(db, tenant, account, now=NOW)
    barrier = threading.Barrier(2)
    results: list[int] = []
    errors: list[BaseException] = []

    def worker() -> None:
        session = database.sessionmaker()
        try:
            barrier.wait()
            results.append(service.materialize_due(db=session, now=NOW))
        except BaseException as exc:  # surfaced below
            errors.append(exc)
        finally:
            session.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    assert sum(results) == 24
    moments = _posts_of(db, rule.id)
    assert len(moments) == 24 and len(set(moments)) == 24


def test_a_count_ends_the_rule(db, tenant, account):
    rule = _make_rule(db, tenant, account, now=NOW, max_occurrences=3)
    assert service.materialize_due(db=db, now=NOW) == 3
    assert _posts_of(db, rule.id) == [utc(2031, 5, 1, 1, 0), utc(2031, 5, 1, 2, 0), utc(2031, 5, 1, 3, 0)]
    db.refresh(rule)
    assert rule.next_run_at is None and rule.occurrences == 3
    assert service.materialize_due(db=db, now=NOW + timedelta(days=2)) == 0


def test_an_end_date_ends_the_rule_and_dst_holds_in_the_posts(db, tenant, account):
    # Daily 09:00 Madrid from Fri 28 March to Mon 31 March 09:00 inclusive, across the spring change.
    rule = _make_rule(
        db,
        tenant,
        account,
        cron="0 9 * * *",
        timezone="Europe/Madrid",
        starts_at=datetime(2031, 3, 28, 0, 0),
        ends_at=datetime(2031, 3, 31, 9, 0),
        now=utc(2031, 3, 27, 12, 0),
    )
    for day in range(6):
        service.materialize_due(db=db, now=utc(2031, 3, 27, 12, 0) + timedelta(days=day))
    assert _posts_of(db, rule.id) == [
        utc(2031, 3, 28, 8, 0),
        utc(2031, 3, 29, 8, 0),
        utc(2031, 3, 30, 7, 0),
        utc(2031, 3, 31, 7, 0),
    ]
    db.refresh(rule)
    assert rule.next_run_at is None


def test_new_york_rule_across_the_autumn_change(db, tenant, account):
    rule = _make_rule(db, tenant, account, cron="0 9 * * 1-5", timezone="America/New_York", now=utc(2031, 10, 30, 0, 0))
    service.materialize_due(db=db, now=utc(2031, 10, 30, 0, 0), lookahead=timedelta(days=5))
    assert _posts_of(db, rule.id) == [utc(2031, 10, 30, 13, 0), utc(2031, 10, 31, 13, 0), utc(2031, 11, 3, 14, 0)]


def test_missed_occurrences_are_skipped_not_posted_late(db, tenant, account):
    rule = _make_rule(db, tenant, account, now=NOW, max_occurrences=10)
    # The job did not run for three hours: 01:00, 02:00 and 03:00 went by.
    assert service.materialize_due(db=db, now=utc(2031, 5, 1, 3, 30), lookahead=timedelta(hours=2)) == 2
    assert _posts_of(db, rule.id) == [utc(2031, 5, 1, 4, 0), utc(2031, 5, 1, 5, 0)]
    db.refresh(rule)
    assert rule.occurrences == 5


def test_a_disconnected_account_is_left_out_of_later_occurrences(db, tenant, account):
    other = create_account(db, tenant.id, handle="second")
    rule = _make_rule(db, tenant, account, now=NOW, account_ids=[account.id, other.id], max_occurrences=2)
    db.get(SocialAccount, other.id).status = AccountStatus.NEEDS_RECONNECT.value
    db.commit()
    assert service.materialize_due(db=db, now=NOW) == 2
    accounts = db.scalars(
        select(PostTarget.account_id).join(Post, Post.id == PostTarget.post_id).where(Post.recurring_rule_id == rule.id)
    ).all()
    assert accounts == [account.id, account.id]


def test_deleting_a_rule_cancels_its_waiting_posts(client, db, tenant, account):
    rule = _make_rule(db, tenant, account, now=NOW, max_occurrences=2)
    service.materialize_due(db=db, now=NOW)
    assert client.delete(f"/api/scheduler/recurring/{rule.id}", headers=tenant.headers).status_code == 204
    db.expire_all()
    statuses = db.scalars(select(PostTarget.status).where(PostTarget.workspace_id == tenant.id)).all()
    assert statuses == [TargetStatus.CANCELLED.value] * 2
    # The posts stay, no longer linked to the deleted rule.
    assert db.scalar(select(func.count()).select_from(Post).where(Post.recurring_rule_id.is_not(None))) == 0


def test_the_job_is_registered_and_on_the_beat():
    load_jobs()
    assert "materialize_recurring_posts" in registered_jobs()
    assert any(entry.job == "materialize_recurring_posts" and entry.every_seconds == 60 for entry in BEAT)
