"""The Telegram client against a respx fake speaking the Bot API envelope (PLATFORM_APIS.md section 9)."""

import json
import logging

import httpx
import pytest
import respx

from heraldo.analytics import telegram

BASE = "https://tg.test"
TOKEN = "123456789:AAH-secret_token-value"
URL = f"{BASE}/bot{TOKEN}/sendMessage"


def _error(code: int, description: str, **parameters) -> httpx.Response:
    body = {"ok": False, "error_code": code, "description": description}
    if parameters:
        body["parameters"] = parameters
    return httpx.Response(code, json=body)


@respx.mock
def test_send_message_posts_the_documented_request_and_returns_the_message():
    route = respx.post(URL).mock(
        return_value=httpx.Response(
            200,
            json={
                "ok": True,
                "result": {"message_id": 42, "date": 1764061200, "chat": {"id": -1001234567890, "type": "channel"}},
            },
        )
    )
    with httpx.Client() as http:
        result = telegram.send_message(http, BASE, TOKEN, "-1001234567890", "<b>Hi</b> &amp; bye")
    assert result["message_id"] == 42
    sent = route.calls.last.request
    assert sent.method == "POST"
    assert sent.headers["content-type"] == "application/json"
    assert json.loads(sent.content) == {
        "chat_id": "-1001234567890",
        "text": "<b>Hi</b> &amp; bye",
        "parse_mode": "HTML",
    }


def test_default_base_url_is_the_public_bot_api():
    assert telegram.DEFAULT_BASE_URL == "https://api.telegram.org"


@respx.mock
def test_429_carries_retry_after_and_is_not_permanent():
    respx.post(URL).mock(return_value=_error(429, "Too Many Requests: retry after 35", retry_after=35))
    with httpx.Client() as http, pytest.raises(telegram.TelegramError) as caught:
        telegram.send_message(http, BASE, TOKEN, "1", "x")
    assert caught.value.retry_after == 35
    assert caught.value.permanent is False
    assert caught.value.status == 429


@respx.mock
def test_401_is_a_permanent_bad_token_without_the_token():
    respx.post(URL).mock(return_value=_error(401, "Unauthorized"))
    with httpx.Client() as http, pytest.raises(telegram.TelegramError) as caught:
        telegram.send_message(http, BASE, TOKEN, "1", "x")
    assert caught.value.permanent is True
    assert "token" in caught.value.message and "revoked" in caught.value.message
    assert TOKEN not in str(caught.value)


@pytest.mark.parametrize(
    ("code", "description"),
    [
        (403, "Forbidden: bot was blocked by the user"),
        (400, "Bad Request: chat not found"),
        (400, "Bad Request: can't parse entities: Character '-' is reserved"),
    ],
)
@respx.mock
def test_unreachable_chats_and_bad_requests_are_permanent_with_the_description(code, description):
    respx.post(URL).mock(return_value=_error(code, description))
    with httpx.Client() as http, pytest.raises(telegram.TelegramError) as caught:
        telegram.send_message(http, BASE, TOKEN, "1", "x")
    assert caught.value.permanent is True
    assert caught.value.status == code
    assert description in caught.value.message


@respx.mock
def test_server_errors_and_timeouts_are_transient_and_never_name_the_url():
    respx.post(URL).mock(side_effect=[_error(502, "Bad Gateway"), httpx.ConnectTimeout("timed out")])
    with httpx.Client() as http:
        for _ in range(2):
            with pytest.raises(telegram.TelegramError) as caught:
                telegram.send_message(http, BASE, TOKEN, "1", "x")
            assert caught.value.permanent is False
            assert TOKEN not in str(caught.value)
            # No chained httpx exception (whose request carries the URL) rides along into tracebacks.
            assert caught.value.__cause__ is None


@respx.mock
def test_a_non_json_answer_is_handled():
    respx.post(URL).mock(return_value=httpx.Response(502, text="<html>bad gateway</html>"))
    with httpx.Client() as http, pytest.raises(telegram.TelegramError) as caught:
        telegram.send_message(http, BASE, TOKEN, "1", "x")
    assert caught.value.permanent is False


@respx.mock
def test_the_token_never_reaches_the_logs(caplog):
    respx.post(URL).mock(return_value=httpx.Response(200, json={"ok": True, "result": {"message_id": 1}}))
    caplog.set_level(logging.DEBUG)
    with httpx.Client() as http:
        telegram.send_message(http, BASE, TOKEN, "1", "x")
    assert "sendMessage" in caplog.text  # httpx did log the request: the check below is not vacuous
    assert "/bot[redacted]/sendMessage" in caplog.text
    assert TOKEN not in caplog.text
    assert TOKEN.split(":")[1] not in caplog.text


def test_html_escaping_follows_the_bot_api_rules():
    assert telegram.escape_html("a < b && c > d") == "a &lt; b &amp;&amp; c &gt; d"
    # Only the three characters: MarkdownV2's reserved ones pass through untouched in HTML mode.
    assert telegram.escape_html("-_.!*[]()~`#+=|{}") == "-_.!*[]()~`#+=|{}"
    assert telegram.escape_attribute('https://x.example/?a=1&b="2"') == "https://x.example/?a=1&amp;b=&quot;2&quot;"


def test_missing_token_is_permanent():
    with httpx.Client() as http, pytest.raises(telegram.TelegramError) as caught:
        telegram.send_message(http, BASE, "", "1", "x")
    assert caught.value.permanent is True
