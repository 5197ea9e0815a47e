"""/api/sentiment/* and /api/analytics/sentiment on both databases; sums checked against hand-counted rows."""

from datetime import UTC, datetime

import pytest

from tests.factories import create_account, create_interaction


def test_analyze_one_text(client, tenant):
    response = client.post(
        "/api/sentiment/analyze", json={"text": "Worst service ever, I want a refund!!"}, headers=tenant.headers
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["language"] == "en"
    assert body["sentiment"]["label"] == "negative" and -1 <= body["sentiment"]["score"] < 0
    assert 0 <= body["sentiment"]["confidence"] <= 1
    assert body["intent"]["intent"] == "complaint"
    assert body["priority"] in ("high", "urgent")
    assert body["backend"]


def test_analyze_a_batch_in_order_and_in_both_languages(client, tenant):
    texts = ["Love it!! 😍", "¿Hacen envíos a Chile?", "Esto es una estafa, nunca más"]
    response = client.post("/api/sentiment/analyze/batch", json={"texts": texts}, headers=tenant.headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert [r["language"] for r in body] == ["en", "es", "es"]
    assert body[0]["sentiment"]["label"] == "positive"
    assert body[2]["sentiment"]["label"] == "negative"


def test_a_batch_of_more_than_100_is_a_422_that_says_so(client, tenant):
    response = client.post("/api/sentiment/analyze/batch", json={"texts": ["ok"] * 101}, headers=tenant.headers)
    assert response.status_code == 422
    assert "at most 100" in response.text and "texts" in response.text
    assert (
        client.post("/api/sentiment/analyze/batch", json={"texts": ["ok"] * 100}, headers=tenant.headers).status_code
        == 200
    )
    assert client.post("/api/sentiment/analyze/batch", json={"texts": []}, headers=tenant.headers).status_code == 422


def at(day: int, hour: int) -> datetime:
    return datetime(2026, 3, day, hour, 0, tzinfo=UTC)


@pytest.fixture
def month(db, make_tenant):
    """A workspace in New York with six interactions in March 2026 (DST starts on the 8th)."""
    tenant = make_tenant("NY shop", timezone="America/New_York")
    mastodon = create_account(db, tenant.id, handle="m")
    rows = [
        # (received UTC, label, score, intent)
        (at(7, 12), "positive", 0.8, "praise"),
        (at(7, 20), "negative", -0.6, "complaint"),
        (at(8, 3), "neutral", 0.0, "question"),  # 22:00 on the 7th in New York (UTC-5)
        (at(9, 15), "positive", 0.4, "praise"),
        (at(9, 16), "neutral", 0.1, "spam"),
        (at(10, 3), "negative", -0.2, "complaint"),  # 23:00 on the 9th in New York (UTC-4 after DST)
    ]
    for received, label, score, intent in rows:
        create_interaction(
            db, mastodon, received_at=received, sentiment_label=label, sentiment_score=score, intent=intent
        )
    return tenant


def test_summary_counts_by_local_day_platform_and_intent(client, month):
    response = client.get(
        "/api/sentiment/summary", params={"start": "2026-03-07", "end": "2026-03-10"}, headers=month.headers
    )
    assert response.status_code == 200, response.text
    body = response.json()
    totals = body["totals"]
    assert (totals["count"], totals["positive"], totals["neutral"], totals["negative"]) == (6, 2, 2, 2)
    assert totals["mean_score"] == pytest.approx((0.8 - 0.6 + 0.0 + 0.4 + 0.1 - 0.2) / 6, abs=1e-4)
    by_day = {d["day"]: d for d in body["by_day"]}
    assert list(by_day) == ["2026-03-07", "2026-03-08", "2026-03-09", "2026-03-10"]
    assert [by_day[d]["count"] for d in by_day] == [3, 0, 3, 0]
    assert by_day["2026-03-07"]["mean_score"] == pytest.approx((0.8 - 0.6 + 0.0) / 3, abs=1e-4)
    assert by_day["2026-03-08"]["mean_score"] is None
    intents = {d["intent"]: d["count"] for d in body["by_intent"]}
    assert intents == {"question": 1, "complaint": 2, "praise": 2, "spam": 1}
    assert [p["platform"] for p in body["by_platform"]] == ["sandbox"]


def test_summary_of_one_intent(client, month):
    body = client.get(
        "/api/sentiment/summary",
        params={"start": "2026-03-07", "end": "2026-03-10", "intent": "complaint"},
        headers=month.headers,
    ).json()
    assert body["totals"]["count"] == 2 and body["totals"]["negative"] == 2


def test_analytics_sentiment_is_daily_shares_per_platform_without_spam(client, month):
    response = client.get(
        "/api/analytics/sentiment", params={"start": "2026-03-07", "end": "2026-03-09"}, headers=month.headers
    )
    assert response.status_code == 200, response.text
    body = response.json()
    days = {d["day"]: d for d in body["all"]}
    assert list(days) == ["2026-03-07", "2026-03-08", "2026-03-09"]
    seventh = days["2026-03-07"]
    assert seventh["shares"] == pytest.approx({"positive": 1 / 3, "neutral": 1 / 3, "negative": 1 / 3})
    ninth = days["2026-03-09"]  # praise 0.4 and the complaint at 23:00 local; the spam is left out
    assert (ninth["count"], ninth["positive"], ninth["negative"]) == (2, 1, 1)
    assert ninth["mean_score"] == pytest.approx(0.1, abs=1e-4)
    assert days["2026-03-08"]["shares"] == {"positive": None, "neutral": None, "negative": None}
    assert list(body["platforms"]) == ["sandbox"]


def test_intents_describe_each_intent_with_counts(client, month):
    body = client.get(
        "/api/sentiment/intents", params={"start": "2026-03-01", "end": "2026-03-31"}, headers=month.headers
    ).json()
    assert [i["intent"] for i in body] == ["question", "complaint", "praise", "purchase_intent", "spam", "other"]
    counts = {i["intent"]: i["count"] for i in body}
    assert counts["complaint"] == 2 and counts["purchase_intent"] == 0
    spam = next(i for i in body if i["intent"] == "spam")
    assert spam["priority"] == "low" and spam["can_auto_reply"] is False


def test_response_templates_list_edit_and_reset(client, tenant):
    listed = client.get("/api/sentiment/response-templates", headers=tenant.headers).json()
    assert {(t["intent"], t["language"]) for t in listed} >= {("complaint", "es"), ("question", "en")}
    assert all(t["source"] == "default" for t in listed)
    assert not any(t["intent"] == "spam" for t in listed)

    body = {"intent": "complaint", "language": "es", "text": "Hola {name}, lo sentimos. Escríbenos por DM."}
    changed = client.put("/api/sentiment/response-templates", json=body, headers=tenant.headers).json()
    assert (changed["source"], changed["text"]) == ("workspace", body["text"])

    reset = client.post(
        "/api/sentiment/response-templates/reset",
        json={"intent": "complaint", "language": "es"},
        headers=tenant.headers,
    ).json()
    assert reset["source"] == "default" and reset["text"] == reset["default_text"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"intent": "spam", "language": "en", "text": "x"}, "intent"),
        ({"intent": "praise", "language": "fr", "text": "Merci"}, "language"),
        ({"intent": "praise", "language": "en", "text": "Hi {customer}"}, "text"),
        ({"intent": "praise", "language": "en", "text": "Hi {name"}, "text"),
        ({"intent": "praise", "language": "en", "text": "  "}, "text"),
    ],
)
def test_bad_templates_are_422_naming_the_field(client, tenant, body, field):
    response = client.put("/api/sentiment/response-templates", json=body, headers=tenant.headers)
    assert response.status_code == 422, response.text
    assert response.json().get("field") == field or field in response.text


def test_config_defaults_and_changes(client, tenant):
    config = client.get("/api/sentiment/config", headers=tenant.headers).json()
    assert config["auto_reply_enabled"] is False
    assert config["auto_reply_threshold"] == 0.85
    assert config["auto_reply_intents"] == ["question", "praise"]
    assert "en" in config["analysis"]["sentiment"]["languages"] or config["analysis"]["sentiment"]

    changed = client.put(
        "/api/sentiment/config",
        json={"auto_reply_enabled": True, "auto_reply_threshold": 0.9, "auto_reply_intents": ["praise"]},
        headers=tenant.headers,
    ).json()
    assert (changed["auto_reply_enabled"], changed["auto_reply_threshold"], changed["auto_reply_intents"]) == (
        True,
        0.9,
        ["praise"],
    )
    again = client.put("/api/sentiment/config", json={"auto_reply_enabled": False}, headers=tenant.headers).json()
    assert again["auto_reply_threshold"] == 0.9 and again["auto_reply_enabled"] is False


@pytest.mark.parametrize(
    ("body", "field"),
    [({"auto_reply_threshold": 0.2}, "auto_reply_threshold"), ({"auto_reply_intents": ["spam"]}, "auto_reply_intents")],
)
def test_bad_config_is_422_naming_the_field(client, tenant, body, field):
    response = client.put("/api/sentiment/config", json=body, headers=tenant.headers)
    assert response.status_code == 422 and field in response.text


def test_health_reports_backends_and_a_live_check(client, tenant):
    body = client.get("/api/sentiment/health", headers=tenant.headers).json()
    assert body["status"] == "ok"
    assert body["model_state"] == "not configured"
    assert body["versions"]["vaderSentiment"] == "3.3.2"
