"""The Calendar page in headless Chromium against the real app, on SQLite and on PostgreSQL.

A workspace in New York with posts in every state this week (the browser runs in Tokyo, so a time read
in the wrong zone lands in the wrong cell): the week and month views place them on the right day and
hour with their status colours, the account filter narrows them, and a post moves to another day through
the Reschedule form and to another hour by drag and drop, the database following each time; a move into
the past is refused inline. Screenshot: test-artifacts/calendar-<backend>.png.
"""

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from heraldo.app import create_app
from heraldo.core.clock import utcnow
from heraldo.posts.models import Post, PostTarget, TargetStatus
from heraldo.publishing.platforms import Platform
from tests.factories import create_account, create_post
from tests.web.browser_flows import Trouble, sign_in
from tests.web.live_server import live_server
from tests.web.test_browser import USER_TZ, backend_of

pytestmark = pytest.mark.browser

ZONE = ZoneInfo(USER_TZ)
# The .status-* background colours of heraldo.css, as the browser computes them.
STATUS_BACKGROUNDS = {
    "scheduled": "rgb(239, 248, 255)",
    "publishing": "rgb(254, 240, 199)",
    "published": "rgb(236, 253, 243)",
    "failed": "rgb(255, 241, 243)",
    "needs_review": "rgb(253, 234, 215)",
    "cancelled": "rgb(242, 244, 247)",
}


@pytest.fixture
def base_url(settings) -> Iterator[str]:
    # No job runner: the states set by hand below must stay as they are while the test looks at them.
    with live_server(create_app(settings, run_jobs=False)) as url:
        yield url


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """Wall-clock time in the user's zone."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZONE)


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def local_value(moment: datetime) -> str:
    return moment.astimezone(ZONE).strftime("%Y-%m-%dT%H:%M")


def only_target(post: Post) -> PostTarget:
    assert len(post.targets) == 1
    return post.targets[0]


def set_state(db, post: Post, **values) -> PostTarget:
    """Put a post's single target in a state the services reach only through publishing."""
    target = only_target(post)
    for name, value in values.items():
        setattr(target, name, value)
    db.commit()
    return target


def item(page: Page, target: PostTarget):
    return page.locator(f'.cal-item[data-target-id="{target.id}"]')


def week_cell(page: Page, day: date, hour: int):
    return page.locator(f'td.cal-cell[data-date="{day.isoformat()}"][data-hour="{hour}"]')


def month_cell(page: Page, day: date):
    return page.locator(f'td.cal-day[data-date="{day.isoformat()}"]')


def expect_item(cell, target: PostTarget, status: str, time_shown: str) -> None:
    found = cell.locator(f'.cal-item[data-target-id="{target.id}"]')
    expect(found).to_have_count(1)
    expect(found).to_have_class(re.compile(rf"\bstatus-{status}\b"))
    expect(found).to_have_css("background-color", STATUS_BACKGROUNDS[status])
    expect(found.locator(".badge")).to_have_text(status.replace("_", " "))
    expect(found.locator("time")).to_have_text(time_shown)


def stored(db, target: PostTarget) -> PostTarget:
    db.expire_all()
    return db.scalar(select(PostTarget).where(PostTarget.id == target.id))


def test_calendar_week_month_filter_and_reschedule(page, make_tenant, db, settings, artifacts_dir):
    backend = backend_of(settings)
    tenant = make_tenant("Acme", timezone=USER_TZ)
    sandbox = create_account(db, tenant.id, handle="acme")
    x = create_account(db, tenant.id, handle="acme_x", platform=Platform.X)

    now = utcnow()
    today = now.astimezone(ZONE).date()
    # The week the scheduled posts go in: this one, unless too little of it is left (Saturday, Sunday).
    anchor = today if today.weekday() <= 4 else monday_of(today) + timedelta(days=7)
    day1, day2 = anchor + timedelta(days=1), anchor + timedelta(days=2)
    # The date in the page's URL once it shows the anchor's week (Next moves a week from today).
    shown = today if monday_of(anchor) == monday_of(today) else today + timedelta(weeks=1)

    def post(text: str, account, moment: datetime | None) -> Post:
        return create_post(db, tenant.id, [account.id], content=text, scheduled_at=moment, timezone=USER_TZ)

    tasting = only_target(post("Spring menu tasting on Thursday", sandbox, at(day1, 10)))
    tart = only_target(post("Rhubarb tart is back", x, at(day1, 14, 30)))
    cancelled = set_state(db, post("Live music cancelled", sandbox, at(day1, 18)), status=TargetStatus.CANCELLED)
    publishing = set_state(db, post("Going out now", x, at(day1, 8)), status=TargetStatus.PUBLISHING, attempts=1)
    soup = set_state(
        db,
        post("Wild garlic soup", x, at(day2, 9)),
        status=TargetStatus.FAILED,
        last_error="X answered 503 three times",
    )
    review = set_state(db, post("Did this go out?", sandbox, at(day2, 12, 45)), status=TargetStatus.NEEDS_REVIEW)
    published_at = max(now - timedelta(hours=1), at(today, 0, 1).astimezone(UTC))
    opened = set_state(
        db,
        post("Doors open at noon", sandbox, now + timedelta(hours=1)),
        status=TargetStatus.PUBLISHED,
        published_at=published_at,
        platform_post_id="sandbox-1",
    )
    # Not on this week's calendar: a draft, a post three weeks on, and another workspace's post.
    post("Draft without a time", sandbox, None)
    post("Far future announcement", sandbox, at(day1 + timedelta(weeks=3), 10))
    other = make_tenant("Other", timezone=USER_TZ)
    create_post(
        db,
        other.id,
        [create_account(db, other.id, handle="rival").id],
        content="Another workspace's post",
        scheduled_at=at(day1, 10),
    )

    trouble = Trouble(expected=lambda r: r.status == 422 and "/api/" in r.url).watch(page)
    sign_in(page, tenant, "/calendar")
    expect(page.get_by_role("heading", name="Calendar", exact=True)).to_be_visible()
    nav = page.get_by_role("navigation", name="Sections")
    expect(nav.get_by_role("link", name="Calendar")).to_have_attribute("aria-current", "page")
    expect(page.get_by_test_id("calendar-week")).to_be_visible()
    expect(page.locator("[aria-current=date]").first).to_have_attribute("data-date", today.isoformat())

    # The published post sits today, at its local time, in this week.
    shown_published = published_at.astimezone(ZONE)
    expect_item(week_cell(page, today, shown_published.hour), opened, "published", f"{shown_published:%H:%M}")
    if shown != today:
        page.get_by_role("link", name="Next →").click()
        expect(page).to_have_url(re.compile(rf"date={shown.isoformat()}"))

    # Every state on its day and hour, in the user's zone, with its colour and account.
    week = page.get_by_test_id("calendar-week")
    expect(week.locator("thead th[data-date]")).to_have_count(7)
    expect(week.locator("thead th[data-date]").first).to_have_attribute("data-date", monday_of(anchor).isoformat())
    expect_item(week_cell(page, day1, 10), tasting, "scheduled", "10:00")
    expect_item(week_cell(page, day1, 14), tart, "scheduled", "14:30")
    expect_item(week_cell(page, day1, 18), cancelled, "cancelled", "18:00")
    expect_item(week_cell(page, day1, 8), publishing, "publishing", "08:00")
    expect_item(week_cell(page, day2, 9), soup, "failed", "09:00")
    expect_item(week_cell(page, day2, 12), review, "needs_review", "12:45")
    expect(item(page, tart).locator(".cal-account")).to_have_text("X @acme_x")
    expect(item(page, tasting).locator(".cal-account")).to_have_text("Sandbox @acme")
    expect(item(page, soup)).to_contain_text("X answered 503 three times")
    for text in ("Draft without a time", "Far future announcement", "Another workspace's post"):
        expect(page.get_by_text(text)).to_have_count(0)
    # Only posts that are not out, not going out and not awaiting a check can move.
    for movable in (tasting, tart, soup, cancelled):
        expect(item(page, movable).locator("summary")).to_contain_text("Reschedule")
        expect(item(page, movable)).to_have_attribute("draggable", "true")
    for fixed in (publishing, review, opened):
        expect(item(page, fixed).locator("summary")).to_have_count(0)

    # The account filter keeps only that account's posts.
    page.get_by_label("Account").select_option(label="X @acme_x")
    expect(page).to_have_url(re.compile(rf"account_id={x.id}"))
    expect(page.locator(".cal-item")).to_have_count(3)
    expect(item(page, tart)).to_have_count(1)
    expect(item(page, tasting)).to_have_count(0)
    page.get_by_label("Account").select_option(label="All accounts")
    expect(page).not_to_have_url(re.compile(r"account_id=\d"))
    expect(item(page, tasting)).to_have_count(1)

    # The month of the date shown (its grid holds that whole week): the same posts, by day.
    page.get_by_role("group", name="View").get_by_role("link", name="Month").click()
    expect(page).to_have_url(re.compile(r"view=month"))
    expect(page.get_by_test_id("calendar-title")).to_have_text(shown.strftime("%B %Y"))
    month = page.get_by_test_id("calendar-month")
    expect(month.locator("td.cal-day").first).to_have_attribute(
        "data-date", monday_of(shown.replace(day=1)).isoformat()
    )
    expect_item(month_cell(page, day1), tasting, "scheduled", "10:00")
    expect_item(month_cell(page, day1), tart, "scheduled", "14:30")
    expect_item(month_cell(page, day2), soup, "failed", "09:00")
    expect_item(month_cell(page, day2), review, "needs_review", "12:45")
    if today >= monday_of(shown.replace(day=1)):
        expect_item(month_cell(page, today), opened, "published", f"{shown_published:%H:%M}")
    # Items of a day are in time order.
    expect(month_cell(page, day1).locator(".cal-item time")).to_have_text(["08:00", "10:00", "14:30", "18:00"])

    # Reschedule with the form (the keyboard way): the tasting moves to day 2 at 11:15.
    tasting_item = item(page, tasting)
    tasting_item.get_by_text("Reschedule").click()
    new_time = at(day2, 11, 15)
    tasting_item.get_by_label("New time").fill(local_value(new_time))
    tasting_item.get_by_role("button", name="Move").click()
    expect(month_cell(page, day2).locator(f'.cal-item[data-target-id="{tasting.id}"]')).to_have_count(1)
    expect(month_cell(page, day1).locator(f'.cal-item[data-target-id="{tasting.id}"]')).to_have_count(0)
    expect(page.get_by_role("status")).to_contain_text("Moved Sandbox @acme to")
    expect(item(page, tasting)).to_be_focused()
    moved = stored(db, tasting)
    assert moved.scheduled_at == new_time.astimezone(UTC)
    assert moved.due_at == new_time.astimezone(UTC)
    assert moved.status == TargetStatus.SCHEDULED
    assert moved.schedule_timezone == USER_TZ
    page.reload()
    expect_item(month_cell(page, day2), tasting, "scheduled", "11:15")
    page.screenshot(path=artifacts_dir / f"calendar-month-{backend}.png", full_page=True)

    # Back in the week: the moved post sits in its new hour row.
    page.get_by_role("group", name="View").get_by_role("link", name="Week").click()
    expect(page).to_have_url(re.compile(r"view=week"))
    expect_item(week_cell(page, day2, 11), tasting, "scheduled", "11:15")
    expect(week_cell(page, day1, 10).locator(".cal-item")).to_have_count(0)

    # A time in the past is refused, inline on the item, and nothing changes.
    soup_item = item(page, soup)
    soup_item.get_by_text("Reschedule").click()
    soup_item.get_by_label("New time").fill("2020-01-06T09:00")
    with page.expect_response(lambda r: "/api/" in r.url and r.request.method != "GET") as answer:
        soup_item.get_by_role("button", name="Move").click()
    assert answer.value.status == 422
    expect(soup_item.get_by_role("alert")).to_contain_text("past")
    expect(soup_item).to_have_class(re.compile(r"\bhas-error\b"))
    assert stored(db, soup).status == TargetStatus.FAILED
    assert stored(db, soup).scheduled_at == at(day2, 9).astimezone(UTC)

    # Drag and drop: the tart goes from 14:30 on day 1 to the 16:00 row of day 2 and keeps its minutes.
    item(page, tart).drag_to(week_cell(page, day2, 16))
    expect_item(week_cell(page, day2, 16), tart, "scheduled", "16:30")
    expect(page.get_by_role("status")).to_contain_text("Moved X @acme_x to")
    assert stored(db, tart).scheduled_at == at(day2, 16, 30).astimezone(UTC)
    expect(week_cell(page, day1, 14).locator(".cal-item")).to_have_count(0)

    page.reload()
    expect_item(week_cell(page, day2, 16), tart, "scheduled", "16:30")
    expect_item(week_cell(page, day2, 11), tasting, "scheduled", "11:15")
    week_cell(page, day1, 8).scroll_into_view_if_needed()
    page.screenshot(path=artifacts_dir / f"calendar-{backend}.png", full_page=True)
    trouble.assert_none()


def test_calendar_empty_week_and_navigation(page, make_tenant, db):
    tenant = make_tenant("Quiet", timezone=USER_TZ)
    create_account(db, tenant.id, handle="quiet")
    today = utcnow().astimezone(ZONE).date()
    trouble = Trouble().watch(page)
    sign_in(page, tenant, "/calendar")
    expect(page.get_by_test_id("calendar-empty")).to_contain_text("Nothing planned or published in this week")
    expect(page.get_by_test_id("calendar-empty").get_by_role("link", name="Compose a post")).to_be_visible()

    page.get_by_role("link", name="← Previous").click()
    last_week = today - timedelta(weeks=1)
    expect(page).to_have_url(re.compile(rf"date={last_week.isoformat()}"))
    expect(page.get_by_test_id("calendar-week").locator("thead th[data-date]").first).to_have_attribute(
        "data-date", monday_of(last_week).isoformat()
    )
    expect(page.locator("[aria-current=date]")).to_have_count(0)
    page.get_by_role("link", name="Today").click()
    expect(page.locator("thead [aria-current=date]")).to_have_attribute("data-date", today.isoformat())

    page.get_by_role("group", name="View").get_by_role("link", name="Month").click()
    page.get_by_role("link", name="Next →").click()
    following = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
    expect(page.get_by_test_id("calendar-title")).to_have_text(following.strftime("%B %Y"))
    expect(page.get_by_test_id("calendar-empty")).to_contain_text("Nothing planned or published in this month")
    trouble.assert_none()
