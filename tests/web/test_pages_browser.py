"""Dashboard pages other than the Calendar in headless Chromium, on SQLite and on PostgreSQL.

- Compose: the live count of each ticked account is the platform's own (asked of /api/publishing/count):
  on X every link is 23 and an emoji weighs 2, on Bluesky a grapheme is one. Expected numbers are worked
  out by hand from the platforms' documented rules, not taken from the code. Screenshot:
  test-artifacts/compose-count-<backend>.png.
- Accounts: each account with its health (active; needs reconnect, with the reason), no credential ever
  in the page, and the Bluesky connect form working against a local fake of the Bluesky entryway (a
  refused app password is shown inline, then a good one connects). Screenshot:
  test-artifacts/accounts-<backend>.png.
"""

import re
from collections.abc import Iterator
from datetime import timedelta

import pytest
import respx
from playwright.sync_api import expect

from heraldo.app import create_app
from heraldo.core.clock import utcnow
from heraldo.posts.models import AccountStatus, SocialAccount
from heraldo.publishing.platforms import Platform
from tests.factories import create_account
from tests.publishing.oauth.fakes import FakeBluesky
from tests.web.browser_flows import Trouble, sign_in
from tests.web.live_server import live_server
from tests.web.test_browser import USER_TZ, backend_of

pytestmark = pytest.mark.browser

X_TOKEN = "x-access-token-that-must-never-show"
MENU_URL = "https://example.com/menu/spring-2026"  # 36 characters
# "Spring menu " (12) + a cook emoji (woman, zero-width joiner, cooking: 3 code points, 1 grapheme)
# + " is out: " (9) + the link.
TEXT = f"Spring menu \U0001f469\u200d\U0001f373 is out: {MENU_URL}"
X_LENGTH = 12 + 2 + 9 + 23  # twitter-text: any emoji sequence weighs 2, any URL 23
BLUESKY_LENGTH = 12 + 1 + 9 + 36  # graphemes, links in full
CODE_POINTS = 12 + 3 + 9 + 36  # what a naive count would say


@pytest.fixture
def base_url(settings) -> Iterator[str]:
    # No job runner: the account states set below must stay as they are while the test looks at them.
    with live_server(create_app(settings, run_jobs=False)) as url:
        yield url


@pytest.fixture
def bluesky() -> Iterator[FakeBluesky]:
    """The Bluesky entryway the server logs in to; any other outbound HTTP call fails the request."""
    with respx.mock(assert_all_called=False) as router:
        yield FakeBluesky(handle="acme.bsky.social", app_password="abcd-efgh-ijkl-mnop").mount(router)


def test_accounts_show_health_and_connect_bluesky(page, bluesky, make_tenant, db, settings, artifacts_dir):
    backend = backend_of(settings)
    tenant = make_tenant("Acme", timezone=USER_TZ)
    x = create_account(db, tenant.id, handle="acme_x", platform=Platform.X, credentials={"access_token": X_TOKEN})
    x.token_expires_at = utcnow() + timedelta(hours=2)
    stale = create_account(
        db, tenant.id, handle="old.bsky.social", platform=Platform.BLUESKY, credentials={"app_password": "old"}
    )
    stale.status = AccountStatus.NEEDS_RECONNECT.value
    stale.status_reason = "Bluesky refused the handle or app password (Token has been revoked)"
    db.commit()

    trouble = Trouble(expected=lambda r: r.status == 422 and r.url.endswith("/accounts/connect")).watch(page)
    sign_in(page, tenant, "/accounts")
    expect(page.get_by_role("heading", name="Accounts", exact=True)).to_be_visible()
    expect(page.get_by_role("navigation", name="Sections").get_by_role("link", name="Accounts")).to_have_attribute(
        "aria-current", "page"
    )

    table = page.get_by_test_id("accounts-table")
    healthy = table.locator(f'tr[data-account-id="{x.id}"]')
    expect(healthy).to_contain_text("X @acme_x")
    expect(healthy.get_by_test_id("account-status")).to_have_text("active")
    expect(healthy.get_by_test_id("account-status")).to_have_class(re.compile(r"\bstatus-published\b"))
    expect(healthy.get_by_test_id("status-reason")).to_have_count(0)
    expect(healthy.locator("time").first).to_have_attribute("datetime", x.token_expires_at.isoformat())

    broken = table.locator(f'tr[data-account-id="{stale.id}"]')
    expect(broken).to_contain_text("Bluesky @old.bsky.social")
    expect(broken.get_by_test_id("account-status")).to_have_text("needs reconnect")
    expect(broken.get_by_test_id("account-status")).to_have_class(re.compile(r"\bstatus-failed\b"))
    expect(broken.get_by_test_id("account-status")).to_have_css("color", "rgb(192, 16, 72)")
    expect(broken.get_by_test_id("status-reason")).to_have_text(stale.status_reason)
    expect(broken.get_by_label("New app password for @old.bsky.social")).to_be_visible()
    expect(broken.get_by_role("button", name="Reconnect")).to_be_visible()
    assert X_TOKEN not in page.content()

    # The Bluesky connect form.
    form = page.get_by_test_id("connect-bluesky")
    expect(form.get_by_label("Bluesky handle")).to_be_visible()
    expect(form.get_by_label("App password")).to_have_attribute("type", "password")
    expect(form.get_by_role("button", name="Connect Bluesky")).to_be_enabled()
    page.screenshot(path=artifacts_dir / f"accounts-{backend}.png", full_page=True)

    # A refused app password: said inline, the handle kept, the password not sent back.
    form.get_by_label("Bluesky handle").fill("acme.bsky.social")
    form.get_by_label("App password").fill("wrong-pass-word-0000")
    with page.expect_response(lambda r: r.url.endswith("/accounts/connect")) as answer:
        form.get_by_role("button", name="Connect Bluesky").click()
    assert answer.value.status == 422
    expect(page.get_by_test_id("connect-error")).to_contain_text("Bluesky")
    form = page.get_by_test_id("connect-bluesky")
    expect(form.get_by_label("Bluesky handle")).to_have_value("acme.bsky.social")
    expect(form.get_by_label("App password")).to_have_value("")
    assert "wrong-pass-word-0000" not in page.content()
    assert bluesky.create_calls == 1

    # The right one connects the account, active.
    form.get_by_label("App password").fill("abcd-efgh-ijkl-mnop")
    form.get_by_role("button", name="Connect Bluesky").click()
    expect(page).to_have_url(re.compile(r"/accounts$"))
    expect(page.get_by_test_id("flash")).to_have_text("Connected Bluesky @acme.bsky.social.")
    db.expire_all()
    connected = db.query(SocialAccount).filter_by(workspace_id=tenant.id, handle="acme.bsky.social").one()
    assert connected.platform == "bluesky" and connected.status == AccountStatus.ACTIVE.value
    row = page.get_by_test_id("accounts-table").locator(f'tr[data-account-id="{connected.id}"]')
    expect(row.get_by_test_id("account-status")).to_have_text("active")
    assert "abcd-efgh-ijkl-mnop" not in page.content()
    trouble.assert_none()


def test_compose_counts_as_each_platform_does(page, make_tenant, db, settings, artifacts_dir):
    backend = backend_of(settings)
    tenant = make_tenant("Acme", timezone=USER_TZ)
    x = create_account(db, tenant.id, handle="acme_x", platform=Platform.X)
    bsky = create_account(db, tenant.id, handle="acme.bsky.social", platform=Platform.BLUESKY)
    sandbox = create_account(db, tenant.id, handle="acme")
    assert len(TEXT) == CODE_POINTS

    trouble = Trouble().watch(page)
    count_requests = []
    page.on("request", lambda r: count_requests.append(r) if r.url.endswith("/api/publishing/count") else None)
    sign_in(page, tenant, "/compose")
    counter = {a.id: page.locator(f'[data-count-for="{a.id}"]') for a in (x, bsky, sandbox)}

    page.get_by_role("checkbox", name="X @acme_x").check()
    page.get_by_role("checkbox", name="Bluesky @acme.bsky.social").check()
    page.get_by_label("Text", exact=True).fill(TEXT)
    expect(counter[x.id]).to_have_text(f"{X_LENGTH} / 280")
    expect(counter[bsky.id]).to_have_text(f"{BLUESKY_LENGTH} / 300")
    expect(counter[sandbox.id]).to_have_text("")

    # Typing on: the counts follow, each the platform's way.
    page.get_by_label("Text", exact=True).press("End")
    page.get_by_label("Text", exact=True).press_sequentially(" #spring")
    expect(counter[x.id]).to_have_text(f"{X_LENGTH + 8} / 280")
    expect(counter[bsky.id]).to_have_text(f"{BLUESKY_LENGTH + 8} / 300")
    page.screenshot(path=artifacts_dir / f"compose-count-{backend}.png", full_page=True)

    # A long link: X still counts it as 23 and the text fits there, Bluesky counts every character and it does not.
    long_url = "https://example.com/" + "m" * 60  # 80 characters
    page.get_by_label("Text", exact=True).fill("a" * 250 + " " + long_url)
    expect(counter[x.id]).to_have_text("274 / 280")
    expect(counter[x.id]).not_to_have_class(re.compile(r"\bover\b"))
    expect(counter[bsky.id]).to_have_text("331 / 300")
    expect(counter[bsky.id]).to_have_class(re.compile(r"\bover\b"))

    # The page asked the server, with the session's CSRF token, about the ticked accounts only.
    assert count_requests
    last = count_requests[-1]
    assert last.method == "POST" and last.headers.get("x-csrf-token")
    assert sorted(last.post_data_json["account_ids"]) == sorted([x.id, bsky.id])
    trouble.assert_none()
