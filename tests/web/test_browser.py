"""The dashboard in headless Chromium against the real app served by uvicorn, its job runner included.

Signs in, composes posts (a validation error, then a scheduled post, then one that the in-process runner
publishes) and checks what the Posts list shows, on SQLite and on PostgreSQL. Screenshots go to
test-artifacts/.
"""

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from heraldo.app import create_app
from heraldo.publishing.platforms import TEXT_LIMITS, Platform
from tests.conftest import unavailable
from tests.factories import PASSWORD, create_account
from tests.web.live_server import live_server

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 10_000
PUBLISH_WAIT_SECONDS = 30
# The workspace's zone differs from the browser's and from UTC, so a time read in the wrong zone shows.
USER_TZ = "America/New_York"
BROWSER_TZ = "Asia/Tokyo"
# How the Posts list formats times (heraldo.web.rendering.localtime).
SHOWN_TIME = "%a %d %b %Y, %H:%M"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        unavailable("Chromium", FileNotFoundError(CHROMIUM))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def base_url(settings) -> Iterator[str]:
    with live_server(create_app(settings, run_jobs=True)) as url:
        yield url


@pytest.fixture
def page(browser, base_url) -> Iterator[Page]:
    context = browser.new_context(
        base_url=base_url, timezone_id=BROWSER_TZ, locale="en-GB", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


def backend_of(settings) -> str:
    return settings.database_url.split(":", 1)[0].split("+", 1)[0]


def wall_clock(moment: datetime) -> str:
    """A moment as a datetime-local input wants it, in the user's zone."""
    return moment.astimezone(ZoneInfo(USER_TZ)).strftime("%Y-%m-%dT%H:%M")


def read_as_user(value: str) -> datetime:
    """What a datetime-local value means: wall-clock time in the user's zone."""
    return datetime.strptime(value, "%Y-%m-%dT%H:%M").replace(tzinfo=ZoneInfo(USER_TZ))


def due_soon() -> str:
    """A minute-aligned time that is due now or within ~15 s and still inside the server's past grace (60 s).

    datetime-local steps by 60 s, so Chromium refuses to submit a value with seconds; a minute is all a
    user can pick.
    """
    now = datetime.now(UTC)
    minute = now.replace(second=0, microsecond=0)
    return wall_clock(minute if now.second <= 45 else minute + timedelta(minutes=1))


def compose(page: Page, text: str, *, account_handle: str | None, publish_at: str):
    """Fill the Compose form (already open) and submit it; returns the POST's response."""
    page.get_by_label("Text", exact=True).fill(text)
    if account_handle:
        page.get_by_role("checkbox", name=f"@{account_handle}").check()
    page.get_by_label("Publish at").fill(publish_at)
    with page.expect_response(lambda r: r.url.endswith("/compose") and r.request.method == "POST") as answer:
        page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    return answer.value


def post_row(page: Page, text: str):
    return page.get_by_test_id("posts-table").locator("tbody tr", has_text=text)


def test_sign_in_compose_schedule_and_publish(page, make_tenant, db, settings, artifacts_dir):
    backend = backend_of(settings)
    tenant = make_tenant("Acme", timezone=USER_TZ)
    account = create_account(db, tenant.id, handle="acme")
    limit = TEXT_LIMITS[Platform.SANDBOX]

    page_errors: list[str] = []
    failed: list[str] = []
    page.on("pageerror", lambda error: page_errors.append(str(error)))
    page.on(
        "response",
        lambda r: (
            failed.append(f"{r.request.method} {r.url} -> {r.status}")
            if r.status >= 400 and not (r.status == 422 and r.url.endswith("/compose"))
            else None
        ),
    )

    # The stylesheet is served, and applied (the body takes its background colour, #f7f8fa).
    css = page.request.get("/static/css/heraldo.css")
    assert css.status == 200
    assert css.headers["content-type"].startswith("text/css")

    # Signed out: /posts leads to the login form, which leads back to /posts.
    page.goto("/posts")
    expect(page).to_have_url(re.compile(r"/login\?next=%2Fposts$"))
    expect(page.locator("body")).to_have_css("background-color", "rgb(247, 248, 250)")
    page.get_by_label("Email").fill(tenant.user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/posts$"))
    expect(page.get_by_role("heading", name="Posts")).to_be_visible()
    expect(page.get_by_text("No posts yet")).to_be_visible()
    expect(page.locator(".whoami .tz")).to_have_text(USER_TZ)
    expect(page.locator(".whoami .user")).to_have_text(tenant.user.email)

    # Compose through the navigation.
    page.get_by_role("navigation", name="Sections").get_by_role("link", name="Compose").click()
    expect(page).to_have_url(re.compile(r"/compose$"))
    expect(page.get_by_role("heading", name="Compose")).to_be_visible()
    expect(page.get_by_label("Time zone")).to_have_value(USER_TZ)

    # No account ticked: 422, the reason is shown and nothing typed is lost.
    draft = "Spring menu is out: wild garlic soup and rhubarb tart"
    answer = compose(page, draft, account_handle=None, publish_at=wall_clock(datetime.now(UTC) + timedelta(hours=1)))
    assert answer.status == 422
    expect(page).to_have_url(re.compile(r"/compose$"))
    expect(page.get_by_role("alert")).to_contain_text("account")
    expect(page.locator("fieldset")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Text", exact=True)).to_have_value(draft)

    # The live counter follows the text for each ticked account.
    counter = page.locator(f'[data-count-for="{account.id}"]')
    expect(counter).to_have_text("")
    page.get_by_role("checkbox", name="@acme").check()
    expect(counter).to_have_text(f"{len(draft)} / {limit}")
    page.get_by_label("Text", exact=True).press("End")
    page.get_by_label("Text", exact=True).press_sequentially(" #spring")
    text = draft + " #spring"
    expect(counter).to_have_text(f"{len(text)} / {limit}")

    # Scheduled an hour from now, read in the user's zone (not the browser's).
    publish_at = wall_clock(datetime.now(UTC) + timedelta(hours=1))
    page.get_by_label("Publish at").fill(publish_at)
    page.screenshot(path=artifacts_dir / f"compose-{backend}.png", full_page=True)
    answer = compose(page, text, account_handle="acme", publish_at=publish_at)
    assert answer.status == 303
    expect(page).to_have_url(re.compile(r"/posts\?created=\d+$"))
    expect(page.get_by_role("status")).to_have_text(re.compile(r"Post #\d+ saved\."))
    scheduled = post_row(page, text)
    expect(scheduled).to_have_count(1)
    expect(scheduled.locator(".badge")).to_have_text("scheduled")
    moment = read_as_user(publish_at)
    shown = scheduled.locator(".targets time")
    expect(shown).to_have_text(moment.strftime(SHOWN_TIME))
    expect(shown).to_have_attribute("datetime", moment.astimezone(UTC).isoformat())
    expect(page.locator(".counts .status-scheduled strong")).to_have_text("1")

    # A second post, due now: the in-process runner publishes it.
    page.locator(".page-head").get_by_role("link", name="Compose").click()
    expect(page).to_have_url(re.compile(r"/compose$"))
    soon = "Doors open in a minute: first come, first served"
    answer = compose(page, soon, account_handle="acme", publish_at=due_soon())
    assert answer.status == 303, answer.text()
    expect(page.get_by_role("status")).to_contain_text("saved")

    page.locator("select[name=status]").select_option("published")
    expect(page).to_have_url(re.compile(r"/posts\?status=published"))
    deadline = datetime.now(UTC) + timedelta(seconds=PUBLISH_WAIT_SECONDS)
    while not page.get_by_test_id("posts-table").locator("tbody tr", has_text=soon).count():
        assert datetime.now(UTC) < deadline, f"not published within {PUBLISH_WAIT_SECONDS} s"
        page.wait_for_timeout(500)
        page.reload()
    published = post_row(page, soon)
    expect(published.locator(".badge")).to_have_text("published")
    expect(published.locator(".targets time")).to_have_attribute("datetime", re.compile(r"\+00:00$"))
    expect(post_row(page, text)).to_have_count(0)
    expect(page.locator("select[name=status]")).to_have_value("published")

    # Everything together: one of each.
    page.goto("/posts")
    expect(post_row(page, soon).locator(".badge")).to_have_text("published")
    expect(post_row(page, text).locator(".badge")).to_have_text("scheduled")
    expect(page.locator(".counts .status-published strong")).to_have_text("1")
    expect(page.locator(".counts .status-scheduled strong")).to_have_text("1")
    page.screenshot(path=artifacts_dir / f"posts-{backend}.png", full_page=True)

    assert not page_errors, page_errors
    assert not failed, failed
