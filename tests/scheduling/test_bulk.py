"""Bulk scheduling from JSON and CSV: every row checked, errors per row and field, all-or-nothing unless
partial."""

from sqlalchemy import func, select

from heraldo.posts.models import Post, PostTarget
from tests.factories import create_account
from tests.scheduling.conftest import utc


def _errors(body) -> list[tuple[int, str]]:
    return [(error["row"], error["field"]) for error in body["errors"]]


def _post_count(db) -> int:
    db.expire_all()
    return db.scalar(select(func.count()).select_from(Post))


def _target_times(db) -> dict[str, list]:
    db.expire_all()
    rows = db.execute(
        select(Post.content, PostTarget.scheduled_at)
        .join(PostTarget, PostTarget.post_id == Post.id)
        .order_by(PostTarget.id)
    ).all()
    found: dict[str, list] = {}
    for content, moment in rows:
        found.setdefault(content, []).append(moment)
    return found


def test_json_batch_all_or_nothing_then_partial(client, make_tenant, db):
    tenant = make_tenant("Madrid", timezone="Europe/Madrid")
    account = create_account(db, tenant.id, handle="acme")
    rows = [
        {"content": "One", "accounts": [account.id], "scheduled_at": "2031-04-07T09:00"},
        {"content": "Two", "accounts": "sandbox:acme;x:nobody", "scheduled_at": "tomorrow"},
        {"content": "Three", "accounts": "sandbox:ACME", "scheduled_at": "2031-04-07T09:00", "timezone": "Mars/Base"},
        {"content": "Four", "accounts": [account.id], "scheduled_at": "2020-01-01T00:00"},
        {
            "content": "Five",
            "accounts": "sandbox:@acme",
            "scheduled_at": "2031-11-02T01:30",
            "timezone": "America/New_York",
            "hashtags": "launch, #news",
            "first_comment": "Details: example.com",
            "content_type": "link",
        },
        {
            "content": "Six",
            "accounts": [account.id],
            "scheduled_at": "2031-04-07T09:00",
            "content_type": "hologram",
            "hashtags": ["bad tag"],
        },
        {"content": "", "accounts": [], "scheduled_at": "2031-04-07T09:00"},
    ]
    expected_errors = [
        (2, "accounts"),
        (2, "scheduled_at"),
        (3, "timezone"),
        (4, "scheduled_at"),
        (6, "content_type"),
        (6, "hashtags"),
        (7, "accounts"),
    ]
    refused = client.post("/api/scheduler/bulk-schedule", json={"rows": rows}, headers=tenant.headers)
    assert refused.status_code == 422, refused.text
    body = refused.json()
    assert _errors(body) == expected_errors
    assert body["created"] == [] and "nothing was created" in body["detail"]
    assert "@nobody" in body["errors"][0]["message"]
    assert _post_count(db) == 0

    accepted = client.post("/api/scheduler/bulk-schedule", json={"rows": rows, "partial": True}, headers=tenant.headers)
    assert accepted.status_code == 201, accepted.text
    body = accepted.json()
    assert [created["row"] for created in body["created"]] == [1, 5]
    assert _errors(body) == expected_errors
    # Row 1: naive, read in the workspace's zone (CEST, UTC+2). Row 5: the first 01:30 of New York's autumn change.
    assert _target_times(db) == {"One": [utc(2031, 4, 7, 7, 0)], "Five": [utc(2031, 11, 2, 5, 30)]}
    five = db.scalar(select(Post).where(Post.content == "Five"))
    assert five.hashtags == ["launch", "news"] and five.first_comment == "Details: example.com"
    assert five.content_type == "link" and five.targets[0].schedule_timezone == "America/New_York"


def test_a_clean_batch_is_created_and_unknown_keys_are_422(client, tenant, account, db):
    rows = [
        {"content": f"Tip {n}", "accounts": [account.id], "scheduled_at": f"2031-05-0{n}T10:00:00Z"}
        for n in range(1, 4)
    ]
    response = client.post("/api/scheduler/bulk-schedule", json={"rows": rows}, headers=tenant.headers)
    assert response.status_code == 201, response.text
    assert [created["row"] for created in response.json()["created"]] == [1, 2, 3]
    assert _post_count(db) == 3

    typo = client.post(
        "/api/scheduler/bulk-schedule",
        json={"rows": [{**rows[0], "colour": "red"}]},
        headers=tenant.headers,
    )
    assert typo.status_code == 422 and typo.json()["detail"][0]["field"] == "rows.0.colour"
    empty = client.post("/api/scheduler/bulk-schedule", json={"rows": []}, headers=tenant.headers)
    assert empty.status_code == 422 and empty.json()["detail"][0]["field"] == "rows"


CSV_HEADER = "content,accounts,scheduled_at,timezone,hashtags,first_comment,content_type\n"


def _upload(client, tenant, text: str, partial: bool | None = None, encoding: str = "utf-8-sig"):
    data = {"partial": "true"} if partial else None
    return client.post(
        "/api/scheduler/bulk-schedule/csv",
        files={"file": ("plan.csv", text.encode(encoding), "text/csv")},
        data=data,
        headers=tenant.headers,
    )


def test_csv_upload_reports_spreadsheet_rows(client, make_tenant, db):
    tenant = make_tenant("Madrid", timezone="Europe/Madrid")
    account = create_account(db, tenant.id, handle="acme")
    text = (
        CSV_HEADER
        + '"Hello, world",sandbox:acme,2031-03-30T02:30,Europe/Madrid,spring sale,First!,text\n'
        + f"Second,{account.id};sandbox:acme,2031-03-30T09:00,,,,\n"
        + "Bad,nobody,2031-03-30T09:00,,,,\n"
        + ",,,,,,\n"
        + f'"Multi\nline",{account.id},not-a-date,,,,\n'
    )
    refused = _upload(client, tenant, text)
    assert refused.status_code == 422, refused.text
    # The header is row 1; the blank row 5 is skipped but still counted, as a spreadsheet shows it.
    assert _errors(refused.json()) == [(4, "accounts"), (6, "scheduled_at")]
    assert _post_count(db) == 0

    accepted = _upload(client, tenant, text, partial=True)
    assert accepted.status_code == 201, accepted.text
    assert [created["row"] for created in accepted.json()["created"]] == [2, 3]
    # 02:30 on 30 March does not exist in Madrid: 03:30 CEST. 09:00 with no zone: the workspace's (CEST).
    assert _target_times(db) == {"Hello, world": [utc(2031, 3, 30, 1, 30)], "Second": [utc(2031, 3, 30, 7, 0)]}
    hello = db.scalar(select(Post).where(Post.content == "Hello, world"))
    assert hello.hashtags == ["spring", "sale"] and hello.first_comment == "First!"


def test_csv_files_that_are_not_a_plan_are_refused_as_a_whole(client, tenant, account, db):
    cases = [
        ("content,accounts,when\nx,1,2031-01-01T00:00\n", "utf-8", "'when'"),
        ("content,accounts\nx,1\n", "utf-8", "scheduled_at"),
        ("", "utf-8", "empty"),
        (CSV_HEADER, "utf-8", "no rows"),
        (CSV_HEADER + "caf\u00e9,1,2031-01-01T00:00,,,,\n", "utf-16", "UTF-8"),
    ]
    for text, encoding, words in cases:
        response = _upload(client, tenant, text, encoding=encoding)
        assert response.status_code == 422, (text, response.text)
        assert response.json()["field"] == "file" and words in response.json()["detail"], response.json()
    assert _post_count(db) == 0
