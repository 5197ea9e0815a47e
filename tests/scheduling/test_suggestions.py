"""Suggested times: published benchmarks by platform until the workspace's own engagement data is enough."""

from datetime import timedelta

from sqlalchemy import update

from heraldo.posts.models import PostTarget, TargetStatus
from heraldo.publishing.platforms import Platform
from heraldo.scheduling import suggestions
from heraldo.scheduling.suggestions import BENCHMARK, HISTORY, SlotHistory, SuggestedSlot, best_times
from tests.factories import create_account, create_post
from tests.scheduling.conftest import parse, utc


def _pairs(slots) -> list[tuple[int, int, str]]:
    return [(slot.weekday, slot.hour, slot.source) for slot in slots]


def test_benchmarks_by_platform_spread_over_the_week():
    # Sprout Social 2023, Facebook: Mon 8-13, Tue 8-14, Wed 8-13, Thu 8-12 -> the 8:00s first, then the 9:00s.
    assert _pairs(best_times(platform="facebook", history=[], limit=5)) == [
        (0, 8, BENCHMARK),
        (1, 8, BENCHMARK),
        (2, 8, BENCHMARK),
        (3, 8, BENCHMARK),
        (0, 9, BENCHMARK),
    ]
    # LinkedIn: Tue and Wed 10-12, then the cross-network Tue-Thu 9-12.
    assert suggestions.benchmark_slots("linkedin")[:6] == [(1, 10), (2, 10), (1, 11), (2, 11), (1, 9), (2, 9)]
    # A platform without a study of its own gets the cross-network windows.
    assert _pairs(best_times(platform="bluesky", history=[], limit=3)) == [
        (1, 9, BENCHMARK),
        (2, 9, BENCHMARK),
        (3, 9, BENCHMARK),
    ]


def test_enough_measured_history_ranks_slots_by_engagement_per_post():
    history = [
        SlotHistory(weekday=4, hour=18, posts=10, engagement=500),  # 50 per post
        SlotHistory(weekday=1, hour=9, posts=8, engagement=480),  # 60 per post
        SlotHistory(weekday=2, hour=12, posts=2, engagement=1000),  # too few posts to trust
    ]
    assert best_times(platform="facebook", history=history, limit=3) == [
        SuggestedSlot(weekday=1, hour=9, source=HISTORY, score=60),
        SuggestedSlot(weekday=4, hour=18, source=HISTORY, score=50),
        SuggestedSlot(weekday=0, hour=8, source=BENCHMARK),
    ]
    # 19 measured posts are not enough; counts without engagement say nothing about what works.
    fewer = [SlotHistory(4, 18, 10, 500), SlotHistory(1, 9, 9, 480)]
    assert {s.source for s in best_times(platform="facebook", history=fewer)} == {BENCHMARK}
    unmeasured = [SlotHistory(4, 18, 50)]
    assert {s.source for s in best_times(platform="facebook", history=unmeasured)} == {BENCHMARK}


def test_publishing_history_is_bucketed_on_the_workspace_wall_clock(db, make_tenant):
    tenant = make_tenant("Madrid", timezone="Europe/Madrid")
    account = create_account(db, tenant.id)
    published_at = [utc(2031, 3, 28, 8, 30), utc(2031, 3, 31, 7, 30), utc(2031, 3, 31, 7, 45)]
    for moment in published_at:
        post = create_post(db, tenant.id, [account.id], scheduled_at=utc(2031, 3, 1, 0, 0))
        db.execute(
            update(PostTarget)
            .where(PostTarget.post_id == post.id)
            .values(status=TargetStatus.PUBLISHED.value, published_at=moment)
        )
    db.commit()
    history = suggestions.publishing_history(
        db=db, workspace_id=tenant.id, account_id=account.id, timezone="Europe/Madrid", now=utc(2031, 4, 1, 0, 0)
    )
    # Friday 09:30 CET, and Monday 09:30 and 09:45 CEST: all at 9 on the wall clock.
    assert history == [SlotHistory(weekday=0, hour=9, posts=2), SlotHistory(weekday=4, hour=9, posts=1)]
    later = suggestions.publishing_history(
        db=db,
        workspace_id=tenant.id,
        account_id=account.id,
        timezone="Europe/Madrid",
        now=utc(2031, 3, 28, 8, 30) + suggestions.HISTORY_WINDOW + timedelta(days=1),
    )
    assert later == [SlotHistory(weekday=0, hour=9, posts=2)]


def test_optimal_times_api(client, make_tenant, db, freeze_queue_clock):
    tenant = make_tenant("Madrid", timezone="Europe/Madrid")
    linkedin = create_account(db, tenant.id, handle="acme-in", platform=Platform.LINKEDIN)
    create_account(db, tenant.id, handle="acme-x", platform=Platform.X)
    freeze_queue_clock(utc(2031, 3, 27, 12, 0))  # Thursday

    response = client.get(f"/api/scheduler/optimal-times?account_id={linkedin.id}&limit=3", headers=tenant.headers)
    assert response.status_code == 200, response.text
    (answer,) = response.json()["items"]
    assert answer["timezone"] == "Europe/Madrid" and answer["platform"] == "linkedin"
    assert [(s["weekday_name"], s["time"], s["source"]) for s in answer["slots"]] == [
        ("Tue", "10:00", "benchmark"),
        ("Wed", "10:00", "benchmark"),
        ("Tue", "11:00", "benchmark"),
    ]
    # Tuesday 1 April 10:00 CEST is 08:00 UTC.
    assert [parse(s["next_at"]) for s in answer["slots"]] == [
        utc(2031, 4, 1, 8, 0),
        utc(2031, 4, 2, 8, 0),
        utc(2031, 4, 1, 9, 0),
    ]

    everyone = client.get("/api/scheduler/optimal-times", headers=tenant.headers).json()
    assert everyone["total"] == 2 and all(len(item["slots"]) == 5 for item in everyone["items"])
    only_x = client.get("/api/scheduler/optimal-times?platform=x", headers=tenant.headers).json()
    assert [item["account_handle"] for item in only_x["items"]] == ["acme-x"]
    other = create_account(db, make_tenant("Other").id, handle="foreign")
    assert client.get(f"/api/scheduler/optimal-times?account_id={other.id}", headers=tenant.headers).status_code == 404
