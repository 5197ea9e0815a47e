"""The Inbox page and the analytics sentiment chart in headless Chromium against the real app, on SQLite and
on PostgreSQL.

A New York workspace (the browser runs in Tokyo, so a time read in the wrong zone shows) with six analysed
interactions on a sandbox account: the list comes most urgent first with sentiment, intent and priority
badges; a complaint opens with its full text, keywords and the suggested reply, which is edited and sent
through the sandbox platform, the item turning "responded" and the reply entering its history; a reply the
platform side refuses shows the reason; one item is archived from its panel and another with the checkboxes;
the sentiment filter narrows the list; an empty inbox explains itself. The Analytics page draws the
"Sentiment over time" chart from the same interactions, and an empty state without them.
Screenshots: test-artifacts/inbox-<backend>.png and analytics-sentiment-<backend>.png.
"""

import json
import re
from collections.abc import Iterator
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from heraldo.app import create_app
from heraldo.core.clock import utcnow
from heraldo.inbox import response_templates
from heraldo.inbox.models import Interaction, InteractionReply
from heraldo.posts.models import AccountStatus, SocialAccount
from heraldo.publishing.models import SandboxPublication
from heraldo.web.rendering import localtime
from tests.factories import create_account, create_interaction
from tests.web.browser_flows import Trouble, sign_in
from tests.web.live_server import live_server
from tests.web.test_browser import USER_TZ, backend_of

pytestmark = pytest.mark.browser

ANIMATION_MS = 1200
# The badge backgrounds of inbox.css, as the browser computes them.
SENTIMENT_BACKGROUNDS = {
    "positive": "rgb(236, 253, 243)",
    "neutral": "rgb(242, 244, 247)",
    "negative": "rgb(255, 241, 243)",
}
# (text, author, name, intent, sentiment, score, priority, rank, hours ago, keywords)
ROWS = [
    ("Love it!! Best coffee in town", "lucia", "Lucía", "praise", "positive", 0.8, "normal", 2, 5, ["coffee"]),
    (
        "My order arrived broken\nand nobody answers my emails. Third time this month!",
        "ana",
        "Ana Pérez",
        "complaint",
        "negative",
        -0.7,
        "urgent",
        0,
        4,
        ["order", "broken", "emails"],
    ),
    ("How much is the big bag? Ship to Porto?", "rui", None, "purchase_intent", "neutral", 0.0, "high", 1, 3, []),
    ("Follow @promo4u for free followers", "promo4u", None, "spam", "neutral", 0.1, "low", 3, 2, []),
    ("What time do you open on Sunday?", "tom", "Tom", "question", "neutral", 0.0, "normal", 2, 1, ["sunday"]),
    ("The app keeps crashing at checkout", "bea", "Bea", "complaint", "negative", -0.5, "urgent", 0, 6, ["app"]),
]
# Most urgent first, newest first within a priority (the API's order).
PRIORITY_ORDER = [
    "My order arrived broken",
    "The app keeps crashing",
    "How much is the big bag",
    "What time do you open",
    "Love it!!",
    "Follow @promo4u",
]

# For a canvas: whether Chart.js owns it, its datasets (type, label, values) and how many pixels are painted.
CHART_STATE = """(id) => {
  const canvas = document.getElementById(id);
  const chart = window.Chart && Chart.getChart(canvas);
  const ctx = canvas.getContext('2d');
  const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  let painted = 0;
  for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted++;
  return {chart: !!chart, labels: chart ? chart.data.labels.length : 0, painted,
          datasets: chart ? chart.data.datasets.map(d => ({type: d.type, label: d.label, stack: d.stack || null,
                                                          values: d.data.filter(v => v !== null)})) : []};
}"""


@pytest.fixture
def base_url(settings) -> Iterator[str]:
    # No job runner: nothing fetches or auto-answers behind the test's back.
    with live_server(create_app(settings, run_jobs=False)) as url:
        yield url


def seed(db, account) -> dict[str, Interaction]:
    now = utcnow()
    created = {}
    for text, author, name, intent, label, score, priority, rank, hours, keywords in ROWS:
        created[text.split("\n")[0][:22]] = create_interaction(
            db,
            account,
            text=text,
            author_handle=author,
            author_name=name,
            intent=intent,
            intent_confidence=0.9,
            sentiment_label=label,
            sentiment_score=score,
            sentiment_confidence=0.8,
            priority=priority,
            priority_rank=rank,
            keywords=keywords,
            language="en",
            received_at=now - timedelta(hours=hours, minutes=7),
        )
    return created


def item(page: Page, text: str):
    return page.get_by_test_id("inbox-item").filter(has_text=text)


def listed_texts(page: Page) -> list[str]:
    return page.get_by_test_id("item-text").all_inner_texts()


def expect_order(page: Page, prefixes: list[str]) -> None:
    """The list, once loaded, holds exactly the items starting with `prefixes`, in that order."""
    expect(page.get_by_test_id("inbox-list")).to_have_attribute("aria-busy", "false")
    expect(page.get_by_test_id("item-text")).to_have_text([re.compile("^" + re.escape(p)) for p in prefixes])


def test_triage_reply_archive_and_filter(page, make_tenant, db, settings, artifacts_dir):
    backend = backend_of(settings)
    tenant = make_tenant("Acme", timezone=USER_TZ)
    account = create_account(db, tenant.id, handle="acme")
    rows = seed(db, account)
    other = make_tenant("Other")
    create_interaction(db, create_account(db, other.id, handle="other"), text="Not yours to see")
    refused = re.compile(r"/api/inbox/interactions/\d+/respond$")
    trouble = Trouble(expected=lambda r: r.status == 409 and bool(refused.search(r.url))).watch(page)

    sign_in(page, tenant, "/inbox")
    expect(page.get_by_role("link", name="Inbox")).to_have_attribute("aria-current", "page")
    expect_order(page, PRIORITY_ORDER)
    expect(page.get_by_test_id("inbox-total")).to_have_text("6 interactions")
    expect(page.get_by_test_id("inbox-loading")).to_be_hidden()
    expect(page.get_by_test_id("inbox-empty")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Pages")).to_be_hidden()  # one page only

    # Badges: colour per sentiment, the intent's name, the priority marker; author, platform, local time.
    complaint = rows["My order arrived broke"]
    first = page.get_by_test_id("inbox-item").first
    expect(first).to_have_attribute("data-id", str(complaint.id))
    badge = first.get_by_test_id("sentiment-badge")
    expect(badge).to_have_text("Sentiment: Negative")
    expect(badge).to_have_css("background-color", SENTIMENT_BACKGROUNDS["negative"])
    expect(first.get_by_test_id("intent-badge")).to_have_text("Intent: Complaint")
    expect(first.get_by_test_id("priority")).to_have_text("Urgent")
    expect(first).to_contain_text("Ana Pérez")
    expect(first).to_contain_text("@ana")
    expect(first).to_contain_text("Sandbox")
    expect(first.get_by_test_id("received-at")).to_have_text(localtime(complaint.received_at, USER_TZ))
    for label, colour in SENTIMENT_BACKGROUNDS.items():
        some = page.locator(f'[data-testid="inbox-item"][data-sentiment="{label}"]').first
        expect(some.get_by_test_id("sentiment-badge")).to_have_css("background-color", colour)
    expect(item(page, "Follow @promo4u").get_by_test_id("priority")).to_have_text("Low")
    expect(item(page, "How much is the big bag").get_by_test_id("intent-badge")).to_have_text("Intent: Purchase intent")

    # Open the complaint: full text, keywords, the suggested reply ready to edit.
    first.get_by_test_id("item-open").click()
    detail = page.get_by_test_id("inbox-detail")
    expect(detail).to_be_visible()
    expect(detail.get_by_role("heading", level=2)).to_have_text("Complaint from @ana")
    expect(page.get_by_test_id("detail-text")).to_have_text(complaint.text)
    expect(page.get_by_test_id("detail-keywords").locator("li")).to_have_text(["order", "broken", "emails"])
    suggestion = response_templates.suggest(db=db, interaction=complaint)
    assert suggestion is not None and "Ana Pérez" in suggestion.text
    reply_box = page.get_by_label("Reply", exact=True)
    expect(reply_box).to_have_value(suggestion.text)
    expect(page.get_by_test_id("reply-source")).to_contain_text("default template")
    expect(page.get_by_test_id("history-empty")).to_have_text("No replies yet.")
    page.screenshot(path=str(artifacts_dir / f"inbox-{backend}.png"), full_page=True)

    edited = suggestion.text + " A new bag leaves today."
    reply_box.fill(edited)
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_test_id("inbox-status")).to_have_text("Reply sent to @ana.")
    expect(page.get_by_test_id("reply-source")).to_contain_text("Sent.")
    history = page.get_by_test_id("history-item")
    expect(history).to_have_count(1)
    expect(history).to_have_attribute("data-status", "sent")
    expect(history).to_contain_text(edited)
    responded = item(page, "My order arrived broken")
    expect(responded).to_have_attribute("data-responded", "true")
    expect(responded.get_by_test_id("responded-badge")).to_have_text("Responded")
    db.expire_all()
    stored = db.get(Interaction, complaint.id)
    assert stored.responded and stored.response_text == edited
    [reply] = db.scalars(select(InteractionReply)).all()
    assert (reply.status, reply.text, reply.sent_by_user_id) == ("sent", edited, tenant.user.id)
    assert db.scalar(select(SandboxPublication.text).where(SandboxPublication.id == int(reply.platform_reply_id))) == (
        edited
    )

    # A reply that cannot go out: the reason is shown and nothing is marked responded.
    item(page, "The app keeps crashing").get_by_test_id("item-open").click()
    expect(detail.get_by_role("heading", level=2)).to_have_text("Complaint from @bea")
    db.get(SocialAccount, account.id).status = AccountStatus.NEEDS_RECONNECT.value
    db.commit()
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_test_id("reply-error")).to_have_text(
        "Not sent: the account @acme needs reconnecting before it can reply"
    )
    expect(reply_box).to_have_attribute("aria-invalid", "true")
    expect(item(page, "The app keeps crashing")).to_have_attribute("data-responded", "false")
    db.get(SocialAccount, account.id).status = AccountStatus.ACTIVE.value
    db.commit()

    # Archive the praise from its panel: it leaves the open inbox.
    item(page, "Love it!!").get_by_test_id("item-open").click()
    expect(detail.get_by_role("heading", level=2)).to_have_text("Praise from @lucia")
    page.get_by_test_id("detail-archive").click()
    expect(page.get_by_test_id("inbox-status")).to_have_text("Archived.")
    expect(page.get_by_test_id("detail-archive")).to_have_text("Unarchive")
    expect_order(page, [p for p in PRIORITY_ORDER if p != "Love it!!"])

    # Archive the spam and the question with the checkboxes.
    archive_selected = page.get_by_test_id("archive-selected")
    expect(archive_selected).to_be_disabled()
    page.get_by_label("Select the spam from @promo4u").check()
    page.get_by_label("Select the question from @tom").check()
    expect(archive_selected).to_have_text("Archive selected (2)")
    archive_selected.click()
    expect(page.get_by_test_id("inbox-status")).to_have_text("Archived 2 interactions.")
    expect_order(page, ["My order arrived broken", "The app keeps crashing", "How much is the big bag"])
    db.expire_all()
    assert {row.text[:9] for row in db.scalars(select(Interaction).where(Interaction.archived))} == {
        "Love it!!",
        "Follow @p",
        "What time",
    }

    # Filters: negative only; then open (not responded) negatives; then what was archived.
    page.get_by_label("Sentiment").select_option("negative")
    expect(page).to_have_url(re.compile(r"/inbox\?sentiment=negative$"))
    expect_order(page, ["My order arrived broken", "The app keeps crashing"])
    page.get_by_label("Status").select_option("false")
    expect_order(page, ["The app keeps crashing"])
    page.get_by_label("Sentiment").select_option("")
    page.get_by_label("Status").select_option("any")
    page.get_by_label("Show").select_option("true")
    expect_order(page, ["What time do you open", "Love it!!", "Follow @promo4u"])
    expect(archive_selected).to_have_text("Unarchive selected")
    page.get_by_label("Search").fill("SUNDAY")
    page.get_by_role("button", name="Search").click()
    expect_order(page, ["What time do you open"])
    page.get_by_label("Search").fill("nothing like this")
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("inbox-empty")).to_have_text("No interactions match these filters.")
    # The URL keeps the filters: a reload shows the same (empty) list.
    page.reload()
    expect(page.get_by_label("Show")).to_have_value("true")
    expect(page.get_by_test_id("inbox-empty")).to_be_visible()
    trouble.assert_none()


def answering(status: int, headers: dict[str, str], body: dict):
    """A route handler that answers every request with this status, headers and JSON body."""

    def handler(route):
        route.fulfill(status=status, headers=headers, content_type="application/json", body=json.dumps(body))

    return handler


def test_rate_limits_and_outages_are_explained(page, make_tenant, db):
    """What the API answers when the platform does not take the reply (the answers themselves are tested in
    tests/inbox/test_inbox_api.py) reaches the person who pressed Send, word for word."""
    tenant = make_tenant("Acme")
    create_interaction(db, create_account(db, tenant.id), text="Is it vegan?", intent="question", language="en")
    answers = [
        (429, {"Retry-After": "120"}, "X: rate limit reached; try again later", "(retry in 120 s)"),
        (502, {}, "Bluesky: timed out; nothing was sent, try again later", None),
    ]
    trouble = Trouble(expected=lambda r: r.url.endswith("/respond") and r.status in (429, 502)).watch(page)
    sign_in(page, tenant, "/inbox")
    page.get_by_test_id("item-open").first.click()
    expect(page.get_by_label("Reply", exact=True)).not_to_have_value("")
    for status, headers, detail, extra in answers:
        page.route("**/respond", answering(status, headers, {"detail": detail}))
        page.get_by_role("button", name="Send").click()
        shown = "Not sent: " + detail + (" " + extra if extra else "")
        expect(page.get_by_test_id("reply-error")).to_have_text(shown)
        expect(page.get_by_role("button", name="Send")).to_be_enabled()
        page.unroute("**/respond")
    expect(page.get_by_test_id("inbox-item")).to_have_attribute("data-responded", "false")
    # Escape closes the panel and gives the focus back to the item.
    page.keyboard.press("Escape")
    expect(page.get_by_test_id("inbox-detail")).to_be_hidden()
    expect(page.get_by_test_id("item-open")).to_be_focused()
    trouble.assert_none()


def test_an_empty_inbox_explains_itself(page, make_tenant):
    tenant = make_tenant("Fresh")
    trouble = Trouble().watch(page)
    sign_in(page, tenant, "/inbox")
    expect(page.get_by_test_id("inbox-empty")).to_have_text(
        "No interactions yet — comments and mentions of your connected accounts appear here within a few minutes."
    )
    expect(page.get_by_test_id("inbox-item")).to_have_count(0)
    expect(page.get_by_test_id("inbox-detail")).to_be_hidden()
    trouble.assert_none()


def test_analytics_draws_sentiment_over_time(page, make_tenant, db, settings, artifacts_dir):
    backend = backend_of(settings)
    tenant = make_tenant("Acme", timezone=USER_TZ)
    seed(db, create_account(db, tenant.id, handle="acme"))
    trouble = Trouble().watch(page)

    sign_in(page, tenant, "/analytics")
    # No post has metrics yet, yet the interactions are there.
    expect(page.get_by_test_id("analytics-empty")).to_be_visible()
    section = page.get_by_test_id("sentiment-section")
    # Spam left out: 1 positive, 2 neutral, 2 negative; mean (0.8 + 0 + 0 - 0.7 - 0.5) / 5 = -0.08.
    expect(section.get_by_test_id("sentiment-summary")).to_have_text(
        "5 interactions: 20 % positive, 40 % neutral, 40 % negative; mean score -0.08."
    )
    expect(section.get_by_test_id("sentiment-empty")).to_be_hidden()
    page.wait_for_function(f"() => ({CHART_STATE})('chart-sentiment').painted > 500")
    state = page.evaluate(CHART_STATE, "chart-sentiment")
    assert state["chart"] and state["labels"] == 30
    assert [(d["type"], d["label"], d["stack"]) for d in state["datasets"]] == [
        ("bar", "Positive", "shares"),
        ("bar", "Neutral", "shares"),
        ("bar", "Negative", "shares"),
        ("line", "Mean score", None),
    ]
    positive, neutral, negative, mean = (d["values"] for d in state["datasets"])
    # Each day that had interactions: shares (in %) adding up to 100, and a mean score in [-1, 1].
    assert 1 <= len(positive) == len(neutral) == len(negative) == len(mean) <= 2
    for day in zip(positive, neutral, negative, strict=True):
        assert sum(day) == pytest.approx(100, abs=0.2)
    assert all(-1 <= m <= 1 for m in mean)
    page.wait_for_timeout(ANIMATION_MS)
    section.screenshot(path=str(artifacts_dir / f"analytics-sentiment-{backend}.png"))

    # The page's filters apply: a platform, then a period, without interactions show the empty state, no chart.
    a_year_ago = utcnow().date() - timedelta(days=365)
    before = f"start={a_year_ago.isoformat()}&end={(a_year_ago + timedelta(days=30)).isoformat()}"
    for query in ("platform=x", before, "platform=sandbox"):
        page.goto(f"/analytics?{query}")
        if query == "platform=sandbox":
            expect(section.get_by_test_id("sentiment-summary")).to_contain_text("5 interactions")
            expect(page.locator("#chart-sentiment")).to_have_count(1)
        else:
            expect(section.get_by_test_id("sentiment-empty")).to_be_visible()
            expect(section.get_by_test_id("sentiment-summary")).to_be_hidden()
            expect(page.locator("#chart-sentiment")).to_have_count(0)
    trouble.assert_none()


def test_pages_of_25(page, make_tenant, db):
    tenant = make_tenant("Busy")
    account = create_account(db, tenant.id)
    now = utcnow()
    for n in range(27):
        create_interaction(db, account, text=f"Comment number {n:02d}", received_at=now - timedelta(minutes=n))
    trouble = Trouble().watch(page)
    sign_in(page, tenant, "/inbox")
    pages = page.get_by_role("navigation", name="Pages")
    expect(page.get_by_test_id("inbox-item")).to_have_count(25)
    expect(pages.get_by_test_id("inbox-page")).to_have_text("Page 1 of 2")
    expect(pages.get_by_role("button", name="Previous")).to_be_disabled()
    assert listed_texts(page)[0] == "Comment number 00"
    pages.get_by_role("button", name="Next").click()
    expect(page).to_have_url(re.compile(r"/inbox\?page=2$"))
    expect(page.get_by_test_id("inbox-item")).to_have_count(2)
    assert listed_texts(page) == ["Comment number 25", "Comment number 26"]
    expect(pages.get_by_role("button", name="Next")).to_be_disabled()
    # Select all on the last page and archive them: back to a single page.
    page.get_by_label("Select all on this page").check()
    page.get_by_test_id("archive-selected").click()
    expect(page.get_by_test_id("inbox-item")).to_have_count(25)
    expect(pages).to_be_hidden()
    expect(page.get_by_test_id("inbox-total")).to_have_text("25 interactions")
    trouble.assert_none()
