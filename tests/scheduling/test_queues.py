"""Posting queues: weekly slots on the workspace's wall clock (DST-correct), add to queue, share next."""

import threading

from sqlalchemy import select

from heraldo.posts.models import PostTarget
from heraldo.scheduling import queues
from tests.factories import create_account
from tests.scheduling.conftest import parse, utc

WEEKDAYS_9_AND_13 = [{"weekday": day, "time": clock} for day in range(5) for clock in ("09:00", "13:00")]
# Thursday 27 March 2031, 13:00 in Madrid (CET): the Thursday 13:00 slot is now, so already gone.
THURSDAY = utc(2031, 3, 27, 12, 0)
# The Madrid slots from then on, by hand: Friday is still CET (UTC+1), Monday on is CEST (UTC+2).
FRI_09, FRI_13 = utc(2031, 3, 28, 8, 0), utc(2031, 3, 28, 12, 0)
MON_09, MON_13 = utc(2031, 3, 31, 7, 0), utc(2031, 3, 31, 11, 0)
TUE_09, TUE_13 = utc(2031, 4, 1, 7, 0), utc(2031, 4, 1, 11, 0)


def _put(client, tenant, account_id, slots):
    return client.put(f"/api/scheduler/queues/{account_id}", json={"slots": slots}, headers=tenant.headers)


def _slot_of(post_json) -> object:
    (target,) = post_json["targets"]
    assert target["queued"] is True and target["status"] == "scheduled", target
    return parse(target["scheduled_at"])


def _times(db, post_ids) -> list:
    db.expire_all()
    by_post = {
        t.post_id: t.scheduled_at for t in db.scalars(select(PostTarget).where(PostTarget.post_id.in_(post_ids)))
    }
    return [by_post[post_id] for post_id in post_ids]


def test_slots_crud_and_dst_correct_next_slots(client, make_tenant, db, freeze_queue_clock):
    tenant = make_tenant("Madrid", timezone="Europe/Madrid")
    account = create_account(db, tenant.id)
    freeze_queue_clock(THURSDAY)
    sunday_night = {"weekday": 6, "time": "02:30"}
    response = _put(
        client, tenant, account.id, [{"weekday": d, "time": "09:00"} for d in range(5)] + [sunday_night] * 2
    )
    assert response.status_code == 200, response.text
    queue = response.json()
    assert [(s["weekday_name"], s["time"]) for s in queue["slots"]] == [
        ("Mon", "09:00"),
        ("Tue", "09:00"),
        ("Wed", "09:00"),
        ("Thu", "09:00"),
        ("Fri", "09:00"),
        ("Sun", "02:30"),
    ]
    assert queue["timezone"] == "Europe/Madrid"
    # Sunday 30 March 02:30 does not exist in Madrid: the slot is at 03:30 CEST that day.
    assert [parse(m) for m in queue["next_free"]] == [
        FRI_09,
        utc(2031, 3, 30, 1, 30),
        MON_09,
        TUE_09,
        utc(2031, 4, 2, 7, 0),
    ]

    listed = client.get("/api/scheduler/queues", headers=tenant.headers).json()
    assert listed["total"] == 1 and listed["items"][0]["account_id"] == account.id
    assert client.get(f"/api/scheduler/queues?account_id={account.id}", headers=tenant.headers).json()["total"] == 1

    assert client.delete(f"/api/scheduler/queues/{account.id}", headers=tenant.headers).status_code == 204
    assert client.get("/api/scheduler/queues", headers=tenant.headers).json()["total"] == 0
    assert client.get(f"/api/scheduler/queues/{account.id}", headers=tenant.headers).json()["slots"] == []

    for slots, field in (
        ([{"weekday": 0, "time": "24:00"}], "slots.0.time"),
        ([{"weekday": 7, "time": "09:00"}], "slots.0.weekday"),
    ):
        bad = _put(client, tenant, account.id, slots)
        assert bad.status_code == 422 and bad.json()["detail"][0]["field"] == field, bad.text


def test_another_workspaces_queue_is_not_found(client, make_tenant, db, tenant):
    other = make_tenant("Other")
    foreign = create_account(db, other.id, handle="foreign")
    assert client.get(f"/api/scheduler/queues?account_id={foreign.id}", headers=tenant.headers).status_code == 404


def test_slot_instants_across_new_york_changes_and_madrid_autumn(db):
    # Sunday 01:30 and Monday 09:00 in New York around 2 November: the first 01:30 (EDT), then EST.
    slots = [(6, 90), (0, 9 * 60)]
    found = list(zip(range(3), queues.slot_instants(slots, "America/New_York", utc(2031, 10, 31, 12, 0)), strict=False))
    assert [moment for _, moment in found] == [
        utc(2031, 11, 2, 5, 30),
        utc(2031, 11, 3, 14, 0),
        utc(2031, 11, 9, 6, 30),
    ]
    # Sunday 02:30 in New York around 9 March: 03:30 EDT on the day of the change, 02:30 EDT a week later.
    spring = queues.slot_instants([(6, 150)], "America/New_York", utc(2031, 3, 7, 0, 0))
    assert [next(spring), next(spring)] == [utc(2031, 3, 9, 7, 30), utc(2031, 3, 16, 6, 30)]
    # Sunday 02:30 in Madrid on 26 October: the first pass (CEST).
    assert next(queues.slot_instants([(6, 150)], "Europe/Madrid", utc(2031, 10, 24, 0, 0))) == utc(2031, 10, 26, 0, 30)
    # On the spring-forward day a 02:30 and a 03:30 slot are the same instant: one slot, not two.
    day = list(
        zip(range(2), queues.slot_instants([(6, 150), (6, 210)], "Europe/Madrid", utc(2031, 3, 29, 0, 0)), strict=False)
    )
    assert [moment for _, moment in day] == [utc(2031, 3, 30, 1, 30), utc(2031, 4, 6, 0, 30)]


def test_add_to_queue_and_share_next(client, make_tenant, db, freeze_queue_clock):
    tenant = make_tenant("Madrid", timezone="Europe/Madrid")
    account = create_account(db, tenant.id)
    freeze_queue_clock(THURSDAY)
    assert _put(client, tenant, account.id, WEEKDAYS_9_AND_13).status_code == 200

    def add(path="add", **body):
        response = client.post(f"/api/scheduler/queue/{account.id}/{path}", json=body, headers=tenant.headers)
        assert response.status_code == 200, response.text
        return response.json()

    # A post at a chosen time (not queued) holds Monday 09:00.
    fixed = client.post(
        "/api/scheduler/schedule",
        json={
            "content": "Launch",
            "account_ids": [account.id],
            "scheduled_at": "2031-03-31T09:00",
            "timezone": "Europe/Madrid",
        },
        headers=tenant.headers,
    ).json()
    assert parse(fixed["targets"][0]["scheduled_at"]) == MON_09

    a, b, c = add(content="A"), add(content="B", hashtags=["#b"]), add(content="C", first_comment="c")
    assert [_slot_of(p) for p in (a, b, c)] == [FRI_09, FRI_13, MON_13]
    assert b["hashtags"] == ["b"] and c["first_comment"] == "c"
    assert a["targets"][0]["scheduled_local"] == "2031-03-28T09:00:00+01:00"

    # Share next: D takes Friday 09:00; A, B, C each move one slot later, hopping over the fixed post.
    d = add("share-next", content="D")
    assert _slot_of(d) == FRI_09
    assert _times(db, [a["id"], b["id"], c["id"], fixed["id"]]) == [FRI_13, MON_13, TUE_09, MON_09]

    # An existing draft shared next: the same push, one more step.
    draft = client.post("/api/posts", json={"content": "E", "account_ids": [account.id]}, headers=tenant.headers).json()
    e = add("share-next", post_id=draft["id"])
    assert _slot_of(e) == FRI_09
    assert _times(db, [d["id"], a["id"], b["id"], c["id"]]) == [FRI_13, MON_13, TUE_09, TUE_13]

    # Cancelling frees a slot for the next post added.
    b_target = db.scalar(select(PostTarget.id).where(PostTarget.post_id == b["id"]))
    assert client.post(f"/api/scheduler/cancel/{b_target}", headers=tenant.headers).status_code == 200
    assert _slot_of(add(content="F")) == TUE_09

    # Sharing next a post that is already queued moves it to the front; its old slot is the end of the push.
    f = db.scalar(select(PostTarget.post_id).where(PostTarget.scheduled_at == TUE_09, PostTarget.status == "scheduled"))
    c_next = add("share-next", post_id=c["id"])
    assert _slot_of(c_next) == FRI_09
    assert _times(db, [e["id"], d["id"], a["id"], f]) == [FRI_13, MON_13, TUE_09, TUE_13]


def test_queue_errors(client, make_tenant, db, freeze_queue_clock):
    tenant = make_tenant("Madrid", timezone="Europe/Madrid")
    account = create_account(db, tenant.id)
    freeze_queue_clock(THURSDAY)
    url = f"/api/scheduler/queue/{account.id}/add"

    no_slots = client.post(url, json={"content": "x"}, headers=tenant.headers)
    assert no_slots.status_code == 409 and no_slots.json()["field"] == "account_id"

    _put(client, tenant, account.id, WEEKDAYS_9_AND_13)
    for body in ({}, {"post_id": 1, "content": "x"}):
        response = client.post(url, json=body, headers=tenant.headers)
        assert response.status_code == 422 and response.json()["detail"][0]["field"] == "content", response.text
    too_long = client.post(url, json={"content": "x" * 6000}, headers=tenant.headers)
    assert too_long.status_code == 422 and too_long.json()["field"] == "content"
    missing = client.post(url, json={"post_id": 999999}, headers=tenant.headers)
    assert missing.status_code == 404


def test_two_adds_at_once_take_different_slots(database, db, make_tenant):
    tenant = make_tenant("Madrid", timezone="Europe/Madrid")
    account = create_account(db, tenant.id)
    queues.replace_slots(db=db, workspace_id=tenant.id, account_id=account.id, slots=[(d, 540) for d in range(5)])
    barrier = threading.Barrier(2)
    placed, errors = [], []

    def worker(text: str) -> None:
        session = database.sessionmaker()
        try:
            barrier.wait()
            post = queues.add_to_queue(
                db=session, workspace_id=tenant.id, account_id=account.id, new_post={"content": text}, now=THURSDAY
            )
            placed.append(post.targets[0].scheduled_at)
        except BaseException as exc:  # surfaced below
            errors.append(exc)
        finally:
            session.close()

    threads = [threading.Thread(target=worker, args=(text,)) for text in ("one", "two")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    assert sorted(placed) == [FRI_09, MON_09]
