"""/api/posts: create, read, update, delete, list with filters; 422 naming the field; nothing half-written."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from heraldo.posts.models import Post, PostTarget
from tests.factories import create_account


def _accounts(db, tenant, *handles, platform="sandbox"):
    return [create_account(db, tenant.id, handle=h, platform=platform).id for h in handles]


def _iso(moment: datetime) -> str:
    return moment.isoformat()


def test_create_scheduled_post_with_a_target_per_account(client, db, tenant):
    ids = _accounts(db, tenant, "one", "two")
    when = datetime.now(UTC).replace(microsecond=0) + timedelta(days=1)
    response = client.post(
        "/api/posts",
        json={
            "content": "Hello",
            "hashtags": ["#Spring", "spring", "menu"],
            "account_ids": ids,
            "scheduled_at": _iso(when),
        },
        headers=tenant.headers,
    )
    assert response.status_code == 201, response.text
    post = response.json()
    assert post["hashtags"] == ["Spring", "menu"]
    assert [t["account_id"] for t in post["targets"]] == ids
    assert {t["status"] for t in post["targets"]} == {"scheduled"}
    assert datetime.fromisoformat(post["targets"][0]["scheduled_at"]) == when


def test_naive_time_is_read_in_the_given_zone_across_dst(client, db, tenant):
    ids = _accounts(db, tenant, "one")
    # 30 March 2031 is the day after Madrid moves to summer time (UTC+2).
    response = client.post(
        "/api/posts",
        json={"content": "x", "account_ids": ids, "scheduled_at": "2031-03-30T09:00:00", "timezone": "Europe/Madrid"},
        headers=tenant.headers,
    )
    target = response.json()["targets"][0]
    assert datetime.fromisoformat(target["scheduled_at"]) == datetime(2031, 3, 30, 7, 0, tzinfo=UTC)
    assert target["schedule_timezone"] == "Europe/Madrid"
    winter = client.post(
        "/api/posts",
        json={"content": "y", "account_ids": ids, "scheduled_at": "2031-03-29T09:00:00", "timezone": "Europe/Madrid"},
        headers=tenant.headers,
    ).json()["targets"][0]
    assert datetime.fromisoformat(winter["scheduled_at"]) == datetime(2031, 3, 29, 8, 0, tzinfo=UTC)


def test_without_time_the_post_is_a_draft(client, db, tenant):
    ids = _accounts(db, tenant, "one")
    post = client.post("/api/posts", json={"content": "later", "account_ids": ids}, headers=tenant.headers).json()
    assert post["targets"][0]["status"] == "draft"


def _assert_nothing_written(db):
    assert db.scalar(select(func.count()).select_from(Post)) == 0
    assert db.scalar(select(func.count()).select_from(PostTarget)) == 0


def test_validation_errors_name_the_field_and_write_nothing(client, db, tenant, make_tenant):
    ids = _accounts(db, tenant, "one")
    other = make_tenant("Other")
    foreign = _accounts(db, other, "theirs")
    cases = [
        ({"content": "x", "account_ids": ids, "scheduled_at": "2001-01-01T00:00:00Z"}, "scheduled_at"),
        ({"content": "x", "account_ids": ids, "timezone": "Mars/Olympus"}, "timezone"),
        ({"content": "x", "account_ids": ids + foreign}, "account_ids"),
        ({"content": "x", "account_ids": [999999]}, "account_ids"),
        ({"content": "   ", "account_ids": ids}, "content"),
        ({"content": "x" * 5001, "account_ids": ids}, "content"),
        ({"content": "x", "account_ids": ids, "media_ids": [424242]}, "media_ids"),
    ]
    for body, field in cases:
        response = client.post("/api/posts", json=body, headers=tenant.headers)
        assert response.status_code == 422, (body, response.text)
        assert response.json()["field"] == field, (body, response.json())
    schema_cases = [
        ({"content": "x"}, "account_ids"),
        ({"content": "x", "account_ids": ids, "content_type": "hologram"}, "content_type"),
        ({"content": "x", "account_ids": ids, "scheduled_at": "tomorrow-ish"}, "scheduled_at"),
        ({"content": "x", "account_ids": ids, "surprise": 1}, "surprise"),
    ]
    for body, field in schema_cases:
        response = client.post("/api/posts", json=body, headers=tenant.headers)
        assert response.status_code == 422, (body, response.text)
        assert response.json()["detail"][0]["field"] == field, (body, response.json())
    _assert_nothing_written(db)


def test_text_limit_is_checked_per_target_platform(client, db, tenant):
    ids = _accounts(db, tenant, "masto", platform="mastodon") + _accounts(db, tenant, "sand")
    response = client.post("/api/posts", json={"content": "x" * 501, "account_ids": ids}, headers=tenant.headers)
    assert response.status_code == 422
    assert "Mastodon @masto (limit 500, 1 over)" in response.json()["detail"]
    _assert_nothing_written(db)


def test_list_filters_by_status_platform_and_date_range(client, db, tenant):
    sandbox = _accounts(db, tenant, "sand")
    masto = _accounts(db, tenant, "masto", platform="mastodon")
    base = datetime.now(UTC) + timedelta(days=10)
    for i in range(3):
        client.post(
            "/api/posts",
            json={"content": f"s{i}", "account_ids": sandbox, "scheduled_at": _iso(base + timedelta(days=i))},
            headers=tenant.headers,
        )
    client.post("/api/posts", json={"content": "m", "account_ids": masto}, headers=tenant.headers)

    everything = client.get("/api/posts", headers=tenant.headers).json()
    assert everything["total"] == 4
    assert everything["items"][0]["content"] == "m"  # newest first
    drafts = client.get("/api/posts?status=draft", headers=tenant.headers).json()
    assert [p["content"] for p in drafts["items"]] == ["m"]
    on_masto = client.get("/api/posts?platform=mastodon", headers=tenant.headers).json()
    assert [p["content"] for p in on_masto["items"]] == ["m"]
    window = client.get(
        "/api/posts",
        params={"from": _iso(base + timedelta(hours=12)), "to": _iso(base + timedelta(days=2, hours=1))},
        headers=tenant.headers,
    ).json()
    assert sorted(p["content"] for p in window["items"]) == ["s1", "s2"]
    paged = client.get("/api/posts?per_page=3&page=2", headers=tenant.headers).json()
    assert (paged["total"], paged["pages"], len(paged["items"])) == (4, 2, 1)
    found = client.get("/api/posts?q=S1", headers=tenant.headers).json()
    assert [p["content"] for p in found["items"]] == ["s1"]
    assert client.get("/api/posts?status=lost", headers=tenant.headers).status_code == 422


def test_update_reschedules_and_changes_targets(client, db, tenant):
    one, two = _accounts(db, tenant, "one", "two")
    post = client.post("/api/posts", json={"content": "draft", "account_ids": [one]}, headers=tenant.headers).json()
    when = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=3)
    updated = client.patch(
        f"/api/posts/{post['id']}",
        json={"content": "ready", "scheduled_at": _iso(when), "account_ids": [one, two]},
        headers=tenant.headers,
    )
    assert updated.status_code == 200, updated.text
    body = updated.json()
    assert body["content"] == "ready"
    assert [(t["account_id"], t["status"]) for t in body["targets"]] == [(one, "scheduled"), (two, "scheduled")]
    assert {datetime.fromisoformat(t["scheduled_at"]) for t in body["targets"]} == {when}
    back = client.patch(f"/api/posts/{post['id']}", json={"unschedule": True}, headers=tenant.headers).json()
    assert {t["status"] for t in back["targets"]} == {"draft"}


def test_published_text_cannot_change_and_failed_update_changes_nothing(client, db, tenant):
    (one,) = _accounts(db, tenant, "one")
    post = client.post("/api/posts", json={"content": "out", "account_ids": [one]}, headers=tenant.headers).json()
    target = db.get(PostTarget, post["targets"][0]["id"])
    target.status = "published"
    db.commit()
    refused = client.patch(f"/api/posts/{post['id']}", json={"content": "edited"}, headers=tenant.headers)
    assert refused.status_code == 409
    invalid = client.patch(
        f"/api/posts/{post['id']}", json={"hashtags": ["ok"], "account_ids": []}, headers=tenant.headers
    )
    assert invalid.status_code == 422
    db.expire_all()
    assert db.get(Post, post["id"]).content == "out"
    assert db.get(Post, post["id"]).hashtags == []


def test_delete_post(client, db, tenant):
    (one,) = _accounts(db, tenant, "one")
    post = client.post("/api/posts", json={"content": "bye", "account_ids": [one]}, headers=tenant.headers).json()
    assert client.delete(f"/api/posts/{post['id']}", headers=tenant.headers).status_code == 204
    assert client.get(f"/api/posts/{post['id']}", headers=tenant.headers).status_code == 404
    assert db.scalar(select(func.count()).select_from(PostTarget)) == 0


def test_first_comment_is_stored_and_editable(client, db, tenant):
    (one,) = _accounts(db, tenant, "one")
    post = client.post(
        "/api/posts",
        json={"content": "Launch!", "first_comment": " Link in here ", "account_ids": [one]},
        headers=tenant.headers,
    ).json()
    assert post["first_comment"] == "Link in here"
    cleared = client.patch(f"/api/posts/{post['id']}", json={"first_comment": ""}, headers=tenant.headers).json()
    assert cleared["first_comment"] is None
