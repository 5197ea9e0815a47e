"""Analytics aggregates against hand-computed numbers; also the small datasets the API tests reuse.

Small hand-checkable datasets for the analytics service and API tests (rows inserted directly)."""

from datetime import UTC, datetime

import pytest

from heraldo.analytics import service
from heraldo.analytics.filters import analytics_filter
from heraldo.analytics.models import AccountMetrics, LatestPostMetrics
from heraldo.core.errors import InvalidInput
from heraldo.core.pagination import PageParams
from tests.factories import create_account, create_post


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def add_published(
    db,
    workspace_id: int,
    account,
    published_at: datetime,
    *,
    platform: str = "x",
    content_type: str = "text",
    impressions: int | None = None,
    engagements: int = 0,
    likes: int | None = None,
    comments: int | None = None,
    shares: int | None = None,
    rate: float | None = None,
    hashtags: list[str] | None = None,
    content: str = "A post",
) -> LatestPostMetrics:
    """A post with one published target and its latest counters; the rate is given, never derived."""
    post = create_post(db, workspace_id, [account.id], content=content, hashtags=hashtags or [])
    target = post.targets[0]
    row = LatestPostMetrics(
        target_id=target.id,
        workspace_id=workspace_id,
        account_id=account.id,
        post_id=post.id,
        platform=platform,
        content_type=content_type,
        published_at=published_at,
        fetched_at=published_at,
        impressions=impressions,
        engagements=engagements,
        likes=likes,
        comments=comments,
        shares=shares,
        engagement_rate=rate,
    )
    db.add(row)
    db.commit()
    return row


def build_may_dataset(db, tenant, other) -> dict:
    """Period 2026-05-01..2026-05-10 (UTC workspace); previous period 2026-04-21..2026-04-30.

    current:  A x/text     05-02 10:00  imp 1000 eng 50 (likes 30, comments 10, shares 10) rate 0.05  #Sale launch
              B x/image    05-03 12:00  imp  200 eng 30 (likes 20, comments 5, shares 5)   rate 0.15  sale
              C bluesky/text 05-03 23:30 imp  50 eng 20 (likes 20)                          rate 0.40
              D bluesky/video 05-10 08:00 no impressions, eng 10 (likes 10)                 no rate
    previous: E x/text     04-25 09:00  imp  500 eng 20 (likes 20)                          rate 0.04
    outside:  F x/text     05-11 00:00 (the day after the period), other workspace: G in the period.
    """
    account = create_account(db, tenant.id, handle="acme")
    rows = {
        "A": add_published(
            db,
            tenant.id,
            account,
            at("2026-05-02T10:00:00"),
            impressions=1000,
            engagements=50,
            likes=30,
            comments=10,
            shares=10,
            rate=0.05,
            hashtags=["#Sale", "launch"],
            content="Spring sale, 20% off",
        ),
        "B": add_published(
            db,
            tenant.id,
            account,
            at("2026-05-03T12:00:00"),
            content_type="image",
            impressions=200,
            engagements=30,
            likes=20,
            comments=5,
            shares=5,
            rate=0.15,
            hashtags=["sale"],
        ),
        "C": add_published(
            db,
            tenant.id,
            account,
            at("2026-05-03T23:30:00"),
            platform="bluesky",
            impressions=50,
            engagements=20,
            likes=20,
            rate=0.4,
        ),
        "D": add_published(
            db,
            tenant.id,
            account,
            at("2026-05-10T08:00:00"),
            platform="bluesky",
            content_type="video",
            engagements=10,
            likes=10,
        ),
        "E": add_published(
            db, tenant.id, account, at("2026-04-25T09:00:00"), impressions=500, engagements=20, likes=20, rate=0.04
        ),
        "F": add_published(
            db,
            tenant.id,
            account,
            at("2026-05-11T00:00:00"),
            impressions=100,
            engagements=100,
            likes=100,
            rate=1.0,
            hashtags=["sale"],
        ),
    }
    other_account = create_account(db, other.id, handle="intruder")
    rows["G"] = add_published(
        db,
        other.id,
        other_account,
        at("2026-05-05T12:00:00"),
        impressions=10000,
        engagements=5000,
        likes=5000,
        rate=0.5,
        hashtags=["sale"],
    )
    return {"account": account, "other_account": other_account, "rows": rows}


# ---- tests ------------------------------------------------------------------------------------------

START, END = datetime(2026, 5, 1).date(), datetime(2026, 5, 10).date()


@pytest.fixture
def may(db, make_tenant):
    tenant, other = make_tenant("Acme"), make_tenant("Other")
    data = build_may_dataset(db, tenant, other)
    return {"tenant": tenant, "other": other, **data}


def window(db, workspace_id, **kwargs):
    return analytics_filter(db, workspace_id, START, END, **kwargs)


def test_dashboard_totals_rates_and_deltas(db, may):
    result = service.dashboard(db=db, f=window(db, may["tenant"].id))
    totals = result["totals"]
    # A + B + C + D by hand.
    assert totals["posts"] == 4
    assert totals["impressions"] == 1000 + 200 + 50
    assert totals["engagements"] == 50 + 30 + 20 + 10
    assert (totals["likes"], totals["comments"], totals["shares"]) == (80, 15, 15)
    assert totals["saves"] == 0
    # Mean of the three posts that have a rate; D has none.
    assert totals["avg_engagement_rate"] == pytest.approx((0.05 + 0.15 + 0.4) / 3)
    # Posts with impressions only: (50 + 30 + 20) / 1250.
    assert totals["pooled_engagement_rate"] == pytest.approx(100 / 1250)

    previous = result["previous_totals"]
    assert (previous["posts"], previous["engagements"], previous["impressions"]) == (1, 20, 500)
    assert result["deltas"]["engagements"] == {"current": 110, "previous": 20, "change": 90, "change_pct": 450.0}
    assert result["deltas"]["posts"]["change_pct"] == 300.0
    assert result["deltas"]["comments"]["change_pct"] is None  # previous was 0
    assert result["deltas"]["pooled_engagement_rate"]["change"] == pytest.approx(0.08 - 0.04)
    assert result["deltas"]["pooled_engagement_rate"]["change_pct"] == pytest.approx(100.0)
    assert result["pending_inbox"] == 0

    by_platform = {item["key"]: item for item in result["by_platform"]}
    assert [item["key"] for item in result["by_platform"]] == ["x", "bluesky"]
    assert (by_platform["x"]["posts"], by_platform["x"]["engagements"], by_platform["x"]["impressions"]) == (
        2,
        80,
        1200,
    )
    assert by_platform["x"]["avg_engagement_rate"] == pytest.approx(0.1)
    assert by_platform["x"]["pooled_engagement_rate"] == pytest.approx(80 / 1200)
    assert by_platform["bluesky"]["pooled_engagement_rate"] == pytest.approx(20 / 50)
    assert by_platform["bluesky"]["avg_engagement_rate"] == pytest.approx(0.4)
    by_type = {item["key"]: (item["posts"], item["engagements"]) for item in result["by_content_type"]}
    assert by_type == {"text": (2, 70), "image": (1, 30), "video": (1, 10)}


def test_dashboard_filters_and_empty_workspace(db, may, make_tenant):
    only_x = service.dashboard(db=db, f=window(db, may["tenant"].id, platform="x"))["totals"]
    assert (only_x["posts"], only_x["engagements"]) == (2, 80)
    video = service.dashboard(db=db, f=window(db, may["tenant"].id, content_type="video"))["totals"]
    assert (video["posts"], video["engagements"], video["pooled_engagement_rate"]) == (1, 10, None)
    empty = service.dashboard(db=db, f=window(db, make_tenant("Empty").id))
    assert empty["totals"]["posts"] == 0 and empty["totals"]["avg_engagement_rate"] is None
    assert empty["deltas"]["engagements"]["change_pct"] is None
    assert empty["by_platform"] == []


def test_other_workspaces_rows_are_never_counted(db, may):
    ours = service.dashboard(db=db, f=window(db, may["tenant"].id))["totals"]
    assert ours["engagements"] == 110  # G's 5000 is not here
    theirs = service.dashboard(db=db, f=window(db, may["other"].id))["totals"]
    assert (theirs["posts"], theirs["engagements"]) == (1, 5000)
    tags = service.hashtags(db=db, f=window(db, may["other"].id))["items"]
    assert [(t["hashtag"], t["posts"]) for t in tags] == [("sale", 1)]
    top = service.top_posts(db=db, f=window(db, may["tenant"].id), metric="likes")["items"]
    assert may["rows"]["G"].target_id not in {item["target_id"] for item in top}


def test_platforms_and_content(db, may):
    platforms = service.platforms(db=db, f=window(db, may["tenant"].id))
    assert [(p["platform"], p["posts"], p["likes"]) for p in platforms] == [("x", 2, 50), ("bluesky", 2, 30)]
    content = service.content(db=db, f=window(db, may["tenant"].id))
    assert [(c["content_type"], c["engagements"]) for c in content] == [("text", 70), ("image", 30), ("video", 10)]


def test_top_posts_minimum_impressions_guard(db, may):
    f = window(db, may["tenant"].id)
    rows = may["rows"]
    guarded = service.top_posts(db=db, f=f)  # default: engagement rate, at least 100 impressions
    assert [item["target_id"] for item in guarded["items"]] == [rows["B"].target_id, rows["A"].target_id]
    assert guarded["total"] == 2
    assert guarded["items"][0]["account_handle"] == "acme"
    assert guarded["items"][1]["content"] == "Spring sale, 20% off"
    unguarded = service.top_posts(db=db, f=f, min_impressions=0)
    assert [item["target_id"] for item in unguarded["items"]] == [
        rows["C"].target_id,
        rows["B"].target_id,
        rows["A"].target_id,
    ]
    assert service.top_posts(db=db, f=f, min_impressions=201)["total"] == 1


def test_top_posts_by_counter_pages(db, may):
    f = window(db, may["tenant"].id)
    rows = may["rows"]
    first = service.top_posts(db=db, f=f, metric="likes", params=PageParams(page=1, per_page=2))
    # likes A 30, then B and C tie at 20 (newer first: C), then D 10.
    assert [item["target_id"] for item in first["items"]] == [rows["A"].target_id, rows["C"].target_id]
    assert (first["total"], first["pages"]) == (4, 2)
    second = service.top_posts(db=db, f=f, metric="likes", params=PageParams(page=2, per_page=2))
    assert [item["value"] for item in second["items"]] == [20, 10]
    with pytest.raises(InvalidInput) as error:
        service.top_posts(db=db, f=f, metric="vibes")
    assert error.value.field == "metric"


def test_hashtags_json_list(db, may):
    page = service.hashtags(db=db, f=window(db, may["tenant"].id))
    # "#Sale" (A) and "sale" (B) are one tag; F is outside the period.
    assert [(t["hashtag"], t["posts"], t["engagements"], t["impressions"]) for t in page["items"]] == [
        ("sale", 2, 80, 1200),
        ("launch", 1, 50, 1000),
    ]
    assert page["items"][0]["pooled_engagement_rate"] == pytest.approx(80 / 1200)
    assert page["total"] == 2


def test_engagement_daily_series(db, may):
    series = service.engagement(db=db, f=window(db, may["tenant"].id))
    assert len(series) == 10
    by_day = {point["period_start"].isoformat(): point for point in series}
    assert by_day["2026-05-02"]["engagements"] == 50
    assert (by_day["2026-05-03"]["posts"], by_day["2026-05-03"]["engagements"]) == (2, 50)
    assert by_day["2026-05-03"]["pooled_engagement_rate"] == pytest.approx(50 / 250)
    assert by_day["2026-05-10"]["engagements"] == 10
    assert by_day["2026-05-05"]["engagements"] == 0 and by_day["2026-05-05"]["avg_engagement_rate"] is None
    assert sum(point["engagements"] for point in series) == 110


def test_trends_rejects_unknown_metric(db, may):
    with pytest.raises(InvalidInput) as error:
        service.trends(db=db, f=window(db, may["tenant"].id), metric="followers_vibes")
    assert error.value.field == "metric"
    result = service.trends(db=db, f=window(db, may["tenant"].id), metric="impressions")
    assert sum(point["value"] for point in result["series"]) == 1250


def test_growth_per_account_per_day(db, may):
    account = may["account"]
    second = create_account(db, may["tenant"].id, handle="acme-two")
    points = [
        (account, "2026-04-30", 100),  # baseline before the period
        (account, "2026-05-01", 110),
        (account, "2026-05-02", 105),
        (account, "2026-05-05", 130),
        (account, "2026-05-12", 500),  # after the period
        (second, "2026-05-01", 50),
        (second, "2026-05-03", 60),
        (may["other_account"], "2026-05-01", 999),
    ]
    for owner, day, followers in points:
        db.add(
            AccountMetrics(
                workspace_id=owner.workspace_id,
                account_id=owner.id,
                day=datetime.fromisoformat(day).date(),
                followers=followers,
            )
        )
    db.commit()
    result = service.growth(db=db, f=window(db, may["tenant"].id))
    accounts = {a["handle"]: a for a in result["accounts"]}
    assert set(accounts) == {"acme", "acme-two"}
    acme = accounts["acme"]
    assert (acme["start_followers"], acme["end_followers"], acme["net_change"]) == (100, 130, 30)
    assert [(p["day"].isoformat(), p["followers"], p["change"]) for p in acme["series"]] == [
        ("2026-05-01", 110, 10),
        ("2026-05-02", 105, -5),
        ("2026-05-05", 130, 25),
    ]
    two = accounts["acme-two"]
    assert (two["start_followers"], two["end_followers"], two["net_change"]) == (50, 60, 10)
    assert [p["change"] for p in two["series"]] == [None, 10]
    assert result["net_change"] == 40


def test_pending_inbox_counts_open_interactions_of_the_workspace_now(db, may):
    from heraldo.inbox.models import Interaction

    def interaction(account, number, **state):
        return Interaction(
            workspace_id=account.workspace_id,
            account_id=account.id,
            platform=account.platform,
            platform_id=f"c{number}",
            kind="comment",
            text="hello",
            received_at=at("2026-01-02T09:00:00"),  # long before the period: pending is about now
            **state,
        )

    account, other_account = may["account"], may["other_account"]
    db.add_all(
        [
            interaction(account, 1),
            interaction(account, 2),
            interaction(account, 3, responded=True),
            interaction(account, 4, archived=True),
            interaction(other_account, 5),  # another workspace's
        ]
    )
    db.commit()
    assert service.dashboard(db=db, f=window(db, may["tenant"].id))["pending_inbox"] == 2
    assert service.pending_inbox(db=db, f=window(db, may["tenant"].id, platform=account.platform)) == 2
    other_platform = "mastodon" if account.platform != "mastodon" else "x"
    assert service.pending_inbox(db=db, f=window(db, may["tenant"].id, platform=other_platform)) == 0
