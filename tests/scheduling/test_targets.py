"""What happens to a scheduled target: reschedule, cancel, retry now (with a confirmation when it may
duplicate), its publish attempts, and the list of scheduled posts."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from heraldo.posts.models import AccountStatus, PostTarget, SocialAccount, TargetStatus
from heraldo.publishing.models import PublishAttempt
from heraldo.publishing.platforms import Platform
from heraldo.scheduling import service
from tests.factories import create_account
from tests.scheduling.conftest import parse, utc


def _schedule(client, tenant, account_ids, when="2031-06-02T09:00", zone="UTC", content="Hello"):
    response = client.post(
        "/api/scheduler/schedule",
        json={"content": content, "account_ids": account_ids, "scheduled_at": when, "timezone": zone},
        headers=tenant.headers,
    )
    assert response.status_code == 201, response.text
    return [target["id"] for target in response.json()["targets"]]


def _set(db, target_id: int, **values) -> None:
    db.execute(update(PostTarget).where(PostTarget.id == target_id).values(**values))
    db.commit()


def _call(client, tenant, action: str, target_id: int, **kwargs):
    return client.post(f"/api/scheduler/{action}/{target_id}", headers=tenant.headers, **kwargs)


def test_reschedule_and_cancel(client, db, tenant, account):
    second = create_account(db, tenant.id, handle="second")
    first_id, second_id = _schedule(client, tenant, [account.id, second.id])

    moved = _call(
        client,
        tenant,
        "reschedule",
        first_id,
        json={"scheduled_at": "2031-11-02T01:30", "timezone": "America/New_York"},
    )
    assert moved.status_code == 200, moved.text
    assert parse(moved.json()["scheduled_at"]) == utc(2031, 11, 2, 5, 30)  # the first 01:30, EDT
    assert parse(moved.json()["due_at"]) == utc(2031, 11, 2, 5, 30)
    assert moved.json()["schedule_timezone"] == "America/New_York"
    # Only that target moved.
    assert db.get(PostTarget, second_id).scheduled_at == utc(2031, 6, 2, 9, 0)

    for body, field in (
        ({"scheduled_at": "2031-06-02T09:00", "timezone": "Nowhere/Land"}, "timezone"),
        ({"scheduled_at": "2020-06-02T09:00"}, "scheduled_at"),
    ):
        bad = _call(client, tenant, "reschedule", first_id, json=body)
        assert bad.status_code == 422 and bad.json()["field"] == field, bad.text
    missing = _call(client, tenant, "reschedule", first_id, json={})
    assert missing.status_code == 422 and missing.json()["detail"][0]["field"] == "scheduled_at"

    cancelled = _call(client, tenant, "cancel", second_id)
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    assert cancelled.json()["due_at"] is None
    assert _call(client, tenant, "cancel", second_id).json()["status"] == "cancelled"
    # A cancelled target can be scheduled again.
    revived = _call(client, tenant, "reschedule", second_id, json={"scheduled_at": "2031-06-03T09:00:00+02:00"})
    assert revived.json()["status"] == "scheduled" and parse(revived.json()["scheduled_at"]) == utc(2031, 6, 3, 7, 0)

    # Published or in flight: nothing moves.
    for status in (TargetStatus.PUBLISHED, TargetStatus.PUBLISHING):
        _set(db, first_id, status=status.value)
        for action, kwargs in (
            ("cancel", {}),
            ("reschedule", {"json": {"scheduled_at": "2031-07-01T09:00"}}),
            ("retry", {}),
        ):
            assert _call(client, tenant, action, first_id, **kwargs).status_code == 409, (status, action)
    db.expire_all()
    assert db.get(PostTarget, first_id).scheduled_at == utc(2031, 11, 2, 5, 30)


def test_a_claim_between_read_and_write_wins(db, tenant, account):
    post_target = service.schedule_post(
        db=db,
        workspace_id=tenant.id,
        content="x",
        account_ids=[account.id],
        scheduled_at=datetime(2031, 6, 2, 9, 0),
        default_timezone="UTC",
    ).targets[0]
    # The publisher claimed it after we looked at it: the conditional update changes nothing.
    _set(db, post_target.id, status=TargetStatus.PUBLISHING.value)
    assert not service.move_target(db, post_target.id, service.CANCELLABLE, status=TargetStatus.CANCELLED.value)
    db.commit()
    db.expire_all()
    assert db.get(PostTarget, post_target.id).status == TargetStatus.PUBLISHING.value


def test_retry_now(client, db, tenant, account):
    (target_id,) = _schedule(client, tenant, [account.id])
    assert _call(client, tenant, "retry", target_id).status_code == 409  # scheduled: nothing to retry

    _set(db, target_id, status=TargetStatus.FAILED.value, attempts=3, last_error="HTTP 500")
    before = datetime.now(UTC)
    retried = _call(client, tenant, "retry", target_id)
    assert retried.status_code == 200, retried.text
    body = retried.json()
    assert body["status"] == "scheduled" and body["last_error"] is None
    # Due now; the attempt count stays, so the publisher first checks whether an earlier try went out.
    assert before - timedelta(seconds=1) <= parse(body["due_at"]) <= datetime.now(UTC) + timedelta(seconds=1)
    assert body["attempts"] == 3
    assert parse(body["scheduled_at"]) == utc(2031, 6, 2, 9, 0)

    _set(db, target_id, status=TargetStatus.NEEDS_REVIEW.value)
    unconfirmed = _call(client, tenant, "retry", target_id)
    assert unconfirmed.status_code == 409 and unconfirmed.json()["field"] == "confirm_duplicate_risk"
    db.expire_all()
    assert db.get(PostTarget, target_id).status == TargetStatus.NEEDS_REVIEW.value
    confirmed = _call(client, tenant, "retry", target_id, params={"confirm_duplicate_risk": "true"})
    assert confirmed.status_code == 200 and confirmed.json()["status"] == "scheduled"

    _set(db, target_id, status=TargetStatus.FAILED.value)
    db.execute(
        update(SocialAccount).where(SocialAccount.id == account.id).values(status=AccountStatus.NEEDS_RECONNECT.value)
    )
    db.commit()
    disconnected = _call(client, tenant, "retry", target_id)
    assert disconnected.status_code == 409 and disconnected.json()["field"] == "account_id"


def test_attempts_are_listed_oldest_first(client, db, tenant, account):
    (target_id,) = _schedule(client, tenant, [account.id])
    started = utc(2031, 6, 2, 9, 0)
    db.add_all(
        [
            PublishAttempt(
                workspace_id=tenant.id,
                target_id=target_id,
                number=2,
                started_at=started + timedelta(minutes=1),
                finished_at=started + timedelta(minutes=1, seconds=2),
                outcome="published",
                platform_post_id="p-1",
            ),
            PublishAttempt(
                workspace_id=tenant.id,
                target_id=target_id,
                number=1,
                started_at=started,
                finished_at=started + timedelta(seconds=30),
                outcome="retry",
                error_kind="rate_limited",
                message="429 Too Many Requests",
                retry_at=started + timedelta(minutes=1),
            ),
        ]
    )
    db.commit()
    response = client.get(f"/api/scheduler/targets/{target_id}/attempts", headers=tenant.headers)
    assert response.status_code == 200
    page = response.json()
    assert page["total"] == 2
    assert [(a["number"], a["outcome"], a["error_kind"]) for a in page["items"]] == [
        (1, "retry", "rate_limited"),
        (2, "published", None),
    ]
    assert parse(page["items"][0]["retry_at"]) == utc(2031, 6, 2, 9, 1)


def test_scheduled_posts_list_and_filters(client, make_tenant, db):
    tenant = make_tenant("Madrid", timezone="Europe/Madrid")
    sandbox = create_account(db, tenant.id, handle="acme")
    mastodon = create_account(db, tenant.id, handle="toot", platform=Platform.MASTODON)
    _schedule(client, tenant, [sandbox.id, mastodon.id], when="2031-06-02T09:00", zone="Europe/Madrid", content="A")
    (late,) = _schedule(client, tenant, [sandbox.id], when="2031-06-09T09:00", zone="Europe/Madrid", content="B")
    client.post("/api/posts", json={"content": "draft", "account_ids": [sandbox.id]}, headers=tenant.headers)
    _call(client, tenant, "cancel", late)

    def listed(**params):
        response = client.get("/api/scheduler/scheduled-posts", params=params, headers=tenant.headers)
        assert response.status_code == 200, response.text
        return response.json()

    everything = listed()
    assert everything["total"] == 3  # the draft has no time
    assert [(t["content"], t["platform"], t["status"]) for t in everything["items"]] == [
        ("A", "sandbox", "scheduled"),
        ("A", "mastodon", "scheduled"),
        ("B", "sandbox", "cancelled"),
    ]
    assert everything["items"][0]["scheduled_local"] == "2031-06-02T09:00:00+02:00"
    assert listed(status="cancelled")["total"] == 1
    assert listed(status="draft")["items"][0]["content"] == "draft"
    assert listed(platform="mastodon")["total"] == 1
    assert listed(account_id=sandbox.id)["total"] == 2
    # Naive bounds are read in the workspace's zone: A is at 09:00 CEST = 07:00 UTC.
    assert listed(**{"from": "2031-06-02T08:30"})["total"] == 3  # 06:30 UTC (as UTC, 08:30 would leave A out)
    assert [t["content"] for t in listed(**{"from": "2031-06-02T09:30"})["items"]] == ["B"]
    assert listed(**{"from": "2031-06-02T09:00", "to": "2031-06-09T09:00"})["total"] == 2
    paged = listed(per_page=2, page=2)
    assert paged["pages"] == 2 and len(paged["items"]) == 1
    assert client.get("/api/scheduler/scheduled-posts?status=lost", headers=tenant.headers).status_code == 422


def test_schedule_answers_422_naming_the_field(client, tenant, account, make_tenant, db):
    foreign = create_account(db, make_tenant("Other").id, handle="foreign")
    cases = [
        ({"account_ids": [account.id], "scheduled_at": "2031-06-02T09:00", "timezone": "Moon/Base"}, "timezone"),
        ({"account_ids": [account.id], "scheduled_at": "2021-06-02T09:00"}, "scheduled_at"),
        ({"account_ids": [account.id]}, "scheduled_at"),
        ({"account_ids": [], "scheduled_at": "2031-06-02T09:00"}, "account_ids"),
        ({"account_ids": [foreign.id], "scheduled_at": "2031-06-02T09:00"}, "account_ids"),
        ({"account_ids": [account.id], "scheduled_at": "2031-06-02T09:00", "content_type": "x"}, "content_type"),
        ({"account_ids": [account.id], "scheduled_at": "2031-06-02T09:00", "content": "x" * 5001}, "content"),
    ]
    for body, field in cases:
        response = client.post("/api/scheduler/schedule", json={"content": "hi", **body}, headers=tenant.headers)
        assert response.status_code == 422, (body, response.text)
        detail = response.json()
        assert (detail.get("field") or detail["detail"][0]["field"]) == field, (body, detail)
    assert db.scalars(select(PostTarget)).all() == []
