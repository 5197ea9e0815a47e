"""Steps the browser tests share: signing in through the login form, and watching a page for trouble.

The Chromium, live-server and page fixtures come from tests/web/test_browser.py through tests/web/conftest.py.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote

from playwright.sync_api import Page, Response, expect

from tests.factories import PASSWORD, Tenant


def sign_in(page: Page, tenant: Tenant, path: str = "/posts") -> None:
    """Open `path` signed out, sign in on the form it leads to, and land back on `path`."""
    page.goto(path)
    expect(page).to_have_url(re.compile(r"/login\?next=" + re.escape(quote(path, safe=""))))
    page.get_by_label("Email").fill(tenant.user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(re.escape(path) + "$"))


@dataclass
class Trouble:
    """Script errors and HTTP errors a page ran into, except the answers a test provokes on purpose."""

    expected: Callable[[Response], bool] = lambda _response: False
    script_errors: list[str] = field(default_factory=list)
    http_errors: list[str] = field(default_factory=list)

    def watch(self, page: Page) -> "Trouble":
        page.on("pageerror", lambda error: self.script_errors.append(str(error)))
        # A failed fetch also logs "Failed to load resource"; the response listener judges those.
        page.on(
            "console",
            lambda m: (
                self.script_errors.append(m.text)
                if m.type == "error" and not m.text.startswith("Failed to load resource")
                else None
            ),
        )
        page.on(
            "response",
            lambda r: (
                self.http_errors.append(f"{r.request.method} {r.url} -> {r.status}")
                if r.status >= 400 and not self.expected(r)
                else None
            ),
        )
        return self

    def assert_none(self) -> None:
        assert not self.script_errors, self.script_errors
        assert not self.http_errors, self.http_errors
