"""The Analytics page in headless Chromium against the real app, on SQLite and on PostgreSQL.

A workspace with published targets and their metrics (tests/analytics `build_may_dataset`): every chart's
canvas holds a Chart.js chart with data points and actually painted pixels, the top-posts table sorts on
a column click, and changing the platform filter and then the date range reloads the cards with
hand-computed numbers. Then the `heraldo demo` workspace, whose seeded snapshots must make the page alive.
Screenshots: test-artifacts/analytics-<backend>.png and analytics-demo-<backend>.png.
"""

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from heraldo.app import create_app
from heraldo.demo.seed import DEMO_EMAIL, DEMO_PASSWORD, seed_demo
from tests.analytics.test_service_aggregates import build_may_dataset
from tests.web.browser_flows import Trouble, sign_in
from tests.web.live_server import live_server
from tests.web.test_browser import backend_of

pytestmark = pytest.mark.browser

# Chart.js animates for 1000 ms by default.
ANIMATION_MS = 1200
CHARTS = ("chart-trend", "chart-platforms", "chart-content")

# For each canvas: whether Chart.js owns it, how many data points its first dataset has, their sum, and how
# many pixels are painted (alpha > 0).
CHART_STATE = """(id) => {
  const canvas = document.getElementById(id);
  const chart = window.Chart && Chart.getChart(canvas);
  const ctx = canvas.getContext('2d');
  const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  let painted = 0;
  for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted++;
  const values = chart ? chart.data.datasets[0].data : [];
  return {chart: !!chart, type: chart ? chart.config.type : null, points: values.length,
          sum: values.reduce((a, b) => a + (b || 0), 0), painted};
}"""


@pytest.fixture
def base_url(settings) -> Iterator[str]:
    with live_server(create_app(settings, run_jobs=False)) as url:
        yield url


def card(page: Page, key: str):
    return page.get_by_test_id(f"card-{key}").get_by_test_id("card-value")


def expect_cards(page: Page, posts: str, impressions: str, engagements: str, rate: str) -> None:
    expect(card(page, "posts")).to_have_text(posts)
    expect(card(page, "impressions")).to_have_text(impressions)
    expect(card(page, "engagements")).to_have_text(engagements)
    expect(card(page, "avg_engagement_rate")).to_have_text(rate)


def charts_drawn(page: Page) -> dict[str, dict]:
    """Wait until every canvas shows painted pixels (past the first animation frames), then report them."""
    for chart_id in CHARTS:
        page.wait_for_function(f"() => ({CHART_STATE})({chart_id!r}).painted > 500")
    return {chart_id: page.evaluate(CHART_STATE, chart_id) for chart_id in CHARTS}


def first_column(page: Page, column: int) -> list[str]:
    return page.locator("#top-posts tbody tr").evaluate_all(f"rows => rows.map(r => r.cells[{column}].dataset.value)")


def test_charts_draw_and_filters_change_the_numbers(page, make_tenant, db, settings, artifacts_dir):
    backend = backend_of(settings)
    tenant, other = make_tenant("Acme"), make_tenant("Other")
    build_may_dataset(db, tenant, other)
    trouble = Trouble().watch(page)

    sign_in(page, tenant, "/analytics")
    page.goto("/analytics?start=2026-05-01&end=2026-05-10")
    # A + B + C + D by hand: impressions 1000 + 200 + 50, engagements 50 + 30 + 20 + 10, mean of .05 .15 .40.
    expect_cards(page, "4", "1,250", "110", "20.00 %")
    expect(page.get_by_test_id("card-engagements").get_by_test_id("card-delta")).to_have_class(
        re.compile("an-delta-up")
    )

    drawn = charts_drawn(page)
    assert drawn["chart-trend"] | {"painted": 0} == {
        "chart": True,
        "type": "line",
        "points": 10,
        "sum": 110,
        "painted": 0,
    }
    assert drawn["chart-platforms"] | {"painted": 0} == {
        "chart": True,
        "type": "bar",
        "points": 2,
        "sum": 110,
        "painted": 0,
    }
    assert drawn["chart-content"] | {"painted": 0} == {
        "chart": True,
        "type": "doughnut",
        "points": 3,
        "sum": 4,
        "painted": 0,
    }
    heat = page.get_by_test_id("heatmap").locator("td.an-heat:not(.an-heat-empty)")
    expect(heat).to_have_count(3)
    expect(page.locator('td.an-heat[data-weekday="6"][data-hour="23"]')).to_have_attribute(
        "title", re.compile(r"n = 1")
    )

    # Sorting the top posts: by rate, highest first (C .40, B .15, A .05, D none), then lowest first.
    assert first_column(page, 4) == ["50", "30", "20", "10"]
    page.locator("#top-posts thead th", has_text="Rate").get_by_role("button").click()
    assert first_column(page, 5) == ["0.4", "0.15", "0.05", "-1"]
    page.locator("#top-posts thead th", has_text="Rate").get_by_role("button").click()
    assert first_column(page, 5) == ["-1", "0.05", "0.15", "0.4"]
    page.wait_for_timeout(ANIMATION_MS)  # Chart.js animations finish before the screenshot
    page.screenshot(path=str(artifacts_dir / f"analytics-{backend}.png"), full_page=True)

    # Platform X only: A and B.
    page.get_by_test_id("filter-platform").select_option("x")
    expect(page).to_have_url(re.compile(r"platform=x"))
    expect_cards(page, "2", "1,200", "80", "10.00 %")
    assert charts_drawn(page)["chart-platforms"]["points"] == 1

    # Start on 3 May (still X): B alone.
    page.get_by_test_id("filter-start").fill("2026-05-03")
    expect(page).to_have_url(re.compile(r"start=2026-05-03"))
    expect_cards(page, "1", "200", "30", "15.00 %")
    # The whole range on Bluesky: C and D (D has neither impressions nor a rate).
    page.get_by_test_id("filter-start").fill("2026-05-01")
    expect(page).to_have_url(re.compile(r"start=2026-05-01"))
    page.get_by_test_id("filter-platform").select_option("bluesky")
    expect(page).to_have_url(re.compile(r"platform=bluesky"))
    expect_cards(page, "2", "50", "30", "40.00 %")
    # End on 2 May: nothing on Bluesky, so no charts, a friendly note instead.
    page.get_by_test_id("filter-end").fill("2026-05-02")
    expect(page).to_have_url(re.compile(r"end=2026-05-02"))
    expect_cards(page, "0", "0", "0", "\u2013")
    expect(page.get_by_test_id("analytics-period-empty")).to_be_visible()
    expect(page.locator("canvas")).to_have_count(0)
    trouble.assert_none()


def test_new_workspace_shows_the_empty_state(page, make_tenant):
    tenant = make_tenant("Fresh")
    trouble = Trouble().watch(page)
    sign_in(page, tenant, "/analytics")
    expect(page.get_by_test_id("analytics-empty")).to_contain_text("No numbers yet")
    expect(page.locator("canvas")).to_have_count(0)
    trouble.assert_none()


def test_demo_workspace_is_alive(page, db, settings, artifacts_dir):
    backend = backend_of(settings)
    seed_demo(db=db)
    trouble = Trouble().watch(page)
    page.goto("/analytics")
    page.get_by_label("Email").fill(DEMO_EMAIL)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/analytics$"))
    expect(page.get_by_test_id("demo-banner")).to_be_visible()
    expect(page.get_by_test_id("analytics-empty")).to_have_count(0)
    drawn = charts_drawn(page)
    for state in drawn.values():
        assert state["chart"] and state["points"] > 0 and state["sum"] > 0
    assert int(card(page, "posts").inner_text().replace(",", "")) > 0
    assert page.get_by_test_id("heatmap").locator("td.an-heat:not(.an-heat-empty)").count() > 5
    page.wait_for_timeout(ANIMATION_MS)  # Chart.js animations finish before the screenshot
    page.screenshot(path=str(artifacts_dir / f"analytics-demo-{backend}.png"), full_page=True)
    trouble.assert_none()
