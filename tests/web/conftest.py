"""The browser tests' shared fixtures (Chromium, a page on the live server) come from test_browser.py.

A module may override `base_url`, e.g. to serve the app without its job runner.
"""

from tests.web.test_browser import base_url, browser, page  # noqa: F401
