"""The Analytics page's HTML over HTTP, on SQLite and PostgreSQL: cards with deltas against hand-computed
numbers (all platforms, one platform, another period), the chart data block, the heatmap, top posts,
escaping, the empty states, bad filters and the scope.

Dataset: tests/analytics/test_service_aggregates.py `build_may_dataset` (UTC workspace), whose rows are:
  current 2026-05-01..10: A x/text imp 1000 eng 50 rate .05; B x/image imp 200 eng 30 rate .15;
                          C bluesky/text imp 50 eng 20 rate .40; D bluesky/video no imp, eng 10, no rate
  previous 04-21..04-30:  E x/text imp 500 eng 20 rate .04
"""

import json
import re
from html import unescape
from html.parser import HTMLParser

from heraldo.workspaces import service as workspaces_service
from tests.analytics.test_service_aggregates import add_published, at, build_may_dataset
from tests.factories import login

MAY = "start=2026-05-01&end=2026-05-10"


class AnalyticsHtml(HTMLParser):
    """Card values and deltas, heatmap cells, top-post rows and the JSON data block of the page."""

    def __init__(self, html: str):
        super().__init__()
        self.cards: dict[str, dict] = {}
        self.heat: dict[tuple[int, int], dict] = {}
        self.top_rows: list[str] = []
        self.json_text: str | None = None
        self.testids: set[str] = set()
        self._card: str | None = None
        self._field: str | None = None
        self._in_json = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        testid = a.get("data-testid", "")
        if testid:
            self.testids.add(testid)
        if testid.startswith("card-") and testid not in ("card-value", "card-delta"):
            self._card = testid.removeprefix("card-")
            self.cards[self._card] = {"value": "", "delta": "", "direction": None}
        elif testid == "card-value" and self._card:
            self._field = "value"
        elif testid == "card-delta" and self._card:
            self._field = "delta"
            self.cards[self._card]["direction"] = a.get("data-direction")
        if tag == "td" and "data-weekday" in a:
            self.heat[(int(a["data-weekday"]), int(a["data-hour"]))] = a
        if tag == "tr" and "data-target-id" in a:
            self.top_rows.append(a["data-target-id"])
        if tag == "script" and a.get("type") == "application/json":
            self._in_json = True
            self.json_text = ""

    def handle_endtag(self, tag):
        if tag == "div" and self._field:
            self._field = None
        if tag == "script":
            self._in_json = False

    def handle_data(self, data):
        if self._in_json:
            self.json_text += data
        elif self._field and self._card:
            self.cards[self._card][self._field] += data

    def card(self, key: str) -> tuple[str, str, str]:
        c = self.cards[key]
        delta = " ".join(c["delta"].translate(str.maketrans("", "", "▲▼■")).split())
        return c["value"].strip(), delta, c["direction"]


def signed_in(client, tenant) -> None:
    assert login(client, tenant.user.email).status_code == 303


def test_cards_charts_heatmap_and_top_posts_with_filters(client, db, make_tenant):
    tenant, other = make_tenant("Acme"), make_tenant("Other")
    data = build_may_dataset(db, tenant, other)
    # A second post in the previous period.
    add_published(
        db,
        tenant.id,
        data["account"],
        at("2026-04-22T08:00:00"),
        impressions=10,
        engagements=1,
        rate=0.1,
    )
    signed_in(client, tenant)

    page = client.get(f"/analytics?{MAY}")
    assert page.status_code == 200
    html = AnalyticsHtml(page.text)
    assert 'href="/analytics" aria-current="page"' in page.text
    # A + B + C + D against E (+ the second previous post: 2 posts, 510 impressions, 21 eng).
    assert html.card("posts") == ("4", "Up +100.0 % vs 2", "up")
    assert html.card("impressions") == ("1,250", "Up +145.1 % vs 510", "up")
    assert html.card("engagements") == ("110", "Up +423.8 % vs 21", "up")
    # Mean of .05, .15, .40 = 20 %; previous mean of .04 and .10 = 7 %.
    assert html.card("avg_engagement_rate") == ("20.00 %", "Up +13.00 pp vs 7.00 %", "up")
    assert "pooled 8.00 %" in page.text  # 100 / 1250

    charts = json.loads(html.json_text)
    assert [(p["key"], p["posts"], p["engagements"], p["impressions"]) for p in charts["platforms"]] == [
        ("x", 2, 80, 1200),
        ("bluesky", 2, 30, 50),
    ]
    assert {c["key"]: c["posts"] for c in charts["content_types"]} == {"text": 2, "image": 1, "video": 1}
    assert len(charts["trend"]) == 10
    assert {p["day"]: p["engagements"] for p in charts["trend"] if p["engagements"]} == {
        "2026-05-02": 50,
        "2026-05-03": 50,
        "2026-05-10": 10,
    }
    # Heatmap: 7 x 24 cells; A on Saturday 10:00, B Sunday 12:00, C Sunday 23:00 (D has no rate).
    assert len(html.heat) == 7 * 24
    measured = {key: int(cell["data-posts"]) for key, cell in html.heat.items() if cell["data-posts"] != "0"}
    assert measured == {(5, 10): 1, (6, 12): 1, (6, 23): 1}
    assert "n = 1" in html.heat[(5, 10)]["title"] and "no interval (one post)" in html.heat[(5, 10)]["title"]
    # The best shrunk rate (C's slot) is the darkest.
    alphas = {key: float(re.search(r"rgba\([^)]*, ([0-9.]+)\)", html.heat[key]["style"]).group(1)) for key in measured}
    assert max(alphas, key=alphas.get) == (6, 23)
    # Top posts by engagements, highest first; other workspaces never appear.
    rows = data["rows"]
    assert html.top_rows == [str(rows[k].target_id) for k in ("A", "B", "C", "D")]
    assert "intruder" not in page.text
    assert 'src="/static/vendor/chart.umd.js"' in page.text and "cdn" not in page.text.lower()

    # One platform: only A and B now, E and the second previous post before.
    only_x = AnalyticsHtml(client.get(f"/analytics?{MAY}&platform=x").text)
    assert only_x.card("posts") == ("2", "same as the previous period", "flat")
    assert only_x.card("impressions") == ("1,200", "Up +135.3 % vs 510", "up")
    assert only_x.card("engagements") == ("80", "Up +281.0 % vs 21", "up")
    assert only_x.card("avg_engagement_rate") == ("10.00 %", "Up +3.00 pp vs 7.00 %", "up")
    assert [p["key"] for p in json.loads(only_x.json_text)["platforms"]] == ["x"]

    # Another range: 2026-05-03 alone (B and C) against 2026-05-02 (A).
    day = AnalyticsHtml(client.get("/analytics?start=2026-05-03&end=2026-05-03").text)
    assert day.card("posts") == ("2", "Up +100.0 % vs 1", "up")
    assert day.card("engagements") == ("50", "same as the previous period", "flat")
    assert day.card("impressions") == ("250", "Down -75.0 % vs 1,000", "down")
    assert day.card("avg_engagement_rate") == ("27.50 %", "Up +22.50 pp vs 5.00 %", "up")


def test_page_escapes_user_content(client, db, make_tenant):
    tenant, other = make_tenant("Acme"), make_tenant("Other")
    data = build_may_dataset(db, tenant, other)
    add_published(
        db,
        tenant.id,
        data["account"],
        at("2026-05-04T08:00:00"),
        impressions=10,
        engagements=99,
        rate=0.1,
        content="</script><script>alert(1)</script>",
    )
    signed_in(client, tenant)
    page = client.get(f"/analytics?{MAY}")
    assert "<script>alert(1)" not in page.text
    assert "&lt;/script&gt;&lt;script&gt;alert(1)" in page.text
    html = AnalyticsHtml(page.text)
    json.loads(html.json_text)  # the data block is intact


def test_empty_workspace_explains_instead_of_empty_charts(client, db, make_tenant):
    tenant = make_tenant("New")
    signed_in(client, tenant)
    page = client.get("/analytics")
    assert page.status_code == 200
    html = AnalyticsHtml(page.text)
    assert "analytics-empty" in html.testids
    assert "No numbers yet" in page.text
    assert "<canvas" not in page.text and html.json_text is None and not html.cards and not html.heat


def test_period_without_posts_shows_zero_cards_and_no_charts(client, db, make_tenant):
    tenant, other = make_tenant("Acme"), make_tenant("Other")
    build_may_dataset(db, tenant, other)
    signed_in(client, tenant)
    page = client.get("/analytics?start=2026-06-01&end=2026-06-10")
    html = AnalyticsHtml(page.text)
    assert "analytics-period-empty" in html.testids
    assert html.card("posts")[0] == "0"
    assert "<canvas" not in page.text and html.json_text is None


def test_bad_filters_fall_back_with_a_message(client, db, make_tenant):
    tenant, other = make_tenant("Acme"), make_tenant("Other")
    build_may_dataset(db, tenant, other)
    signed_in(client, tenant)
    reversed_range = client.get("/analytics?start=2026-05-10&end=2026-05-01")
    assert reversed_range.status_code == 200
    assert "start must not be after end" in unescape(reversed_range.text)
    not_a_date = client.get("/analytics?start=yesterday")
    assert not_a_date.status_code == 200 and "start must be a date" in not_a_date.text
    unknown = client.get(f"/analytics?{MAY}&platform=myspace")
    assert unknown.status_code == 200 and "Unknown platform" in unknown.text
    assert AnalyticsHtml(unknown.text).card("posts")[0] == "4"


def test_needs_analytics_view_scope(client, db, make_tenant):
    tenant = make_tenant("Acme")
    _, reader = workspaces_service.create_api_key(db=db, workspace_id=tenant.id, name="r", scopes=["posts:read"])
    _, analyst = workspaces_service.create_api_key(db=db, workspace_id=tenant.id, name="a", scopes=["analytics:view"])
    assert client.get("/analytics", headers={"Authorization": f"Bearer {reader}"}).status_code == 403
    assert client.get("/analytics", headers={"Authorization": f"Bearer {analyst}"}).status_code == 200
    signed_out = client.get("/analytics?platform=x", follow_redirects=False)
    assert signed_out.status_code == 303 and "/login?next=" in signed_out.headers["location"]
