"""The Telegram Bot API client (PLATFORM_APIS.md section 9): `sendMessage` and its envelope.

Every answer is `{"ok": true, "result": ...}` or `{"ok": false, "error_code", "description", "parameters"}`.
The bot token travels in the URL path (`/bot<token>/sendMessage`), so this module never lets a URL reach a
log line or an error message: httpx's request log is filtered here and errors are worded without URLs.
"""

import logging
import re
from typing import Any

import httpx

DEFAULT_BASE_URL = "https://api.telegram.org"
MAX_MESSAGE_LENGTH = 4096

# `/bot<token>/` in any URL httpx logs: the token is a secret even though it sits in the path.
_TOKEN_IN_PATH = re.compile(r"/bot[^/\s]+/")


class TelegramError(Exception):
    """A sendMessage that did not go through. `permanent` errors need a person (new token, unblock the bot,
    fix the chat id); the others may succeed later, not before `retry_after` seconds when it is given."""

    def __init__(
        self, message: str, *, permanent: bool, status: int | None = None, retry_after: float | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.permanent = permanent
        self.status = status
        self.retry_after = retry_after


class RedactBotToken(logging.Filter):
    """httpx logs `HTTP Request: POST <url> ...` at INFO; replace the path's bot token before it is rendered."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(_redacted(arg) for arg in record.args)
        elif isinstance(record.msg, str) and "/bot" in record.msg:
            record.msg = _TOKEN_IN_PATH.sub("/bot[redacted]/", record.msg)
        return True


def _redacted(arg: Any) -> Any:
    if isinstance(arg, httpx.URL) and arg.path.startswith("/bot"):
        return _TOKEN_IN_PATH.sub("/bot[redacted]/", str(arg.copy_with(query=None)))
    if isinstance(arg, str) and "/bot" in arg:
        return _TOKEN_IN_PATH.sub("/bot[redacted]/", arg)
    return arg


def _install_log_filter() -> None:
    for name in ("httpx", "httpcore"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactBotToken) for f in logger.filters):
            logger.addFilter(RedactBotToken())


_install_log_filter()


def escape_html(text: str) -> str:
    """Text for `parse_mode=HTML`: Telegram wants only `<`, `>` and `&` escaped outside tags."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_attribute(value: str) -> str:
    """A value inside `href="..."`: the three above plus the double quote (`&quot;` is supported)."""
    return escape_html(value).replace('"', "&quot;")


def _clean(message: str, token: str) -> str:
    # Telegram does not echo the token, but nothing that could carry it leaves this module unchecked.
    return message.replace(token, "[redacted]") if token else message


def send_message(
    http: httpx.Client,
    base_url: str | None,
    token: str,
    chat_id: str | int,
    text: str,
    parse_mode: str | None = "HTML",
) -> dict[str, Any]:
    """Send `text` to `chat_id`; the sent Message (`result`) on success, else TelegramError.

    One call, no waiting inside: a 429's `parameters.retry_after` and 5xx/timeouts come back as a
    non-permanent TelegramError so the caller reschedules instead of holding a worker asleep.
    """
    if not token:
        raise TelegramError("no Telegram bot token is configured", permanent=True)
    url = f"{(base_url or DEFAULT_BASE_URL).rstrip('/')}/bot{token}/sendMessage"
    payload: dict[str, Any] = {"chat_id": chat_id, "text": text}
    if parse_mode:
        payload["parse_mode"] = parse_mode
    try:
        response = http.post(url, json=payload)
    except httpx.TimeoutException as exc:
        # `from None`: httpx exceptions carry the request, whose URL holds the token.
        raise TelegramError(f"Telegram did not answer in time ({type(exc).__name__})", permanent=False) from None
    except httpx.HTTPError as exc:
        raise TelegramError(f"could not reach Telegram ({type(exc).__name__})", permanent=False) from None

    try:
        body = response.json()
    except ValueError:
        body = None
    if not isinstance(body, dict):
        body = {}
    if response.status_code == 200 and body.get("ok") is True:
        return body.get("result") or {}

    status = body.get("error_code") or response.status_code
    description = _clean(str(body.get("description") or f"HTTP {response.status_code}"), token)
    parameters = body.get("parameters") if isinstance(body.get("parameters"), dict) else {}
    if status == 429:
        retry_after = parameters.get("retry_after")
        raise TelegramError(
            f"Telegram rate limit: {description}",
            permanent=False,
            status=429,
            retry_after=float(retry_after) if isinstance(retry_after, int | float) else None,
        )
    if status == 401:
        raise TelegramError(
            "Telegram rejected the bot token (401 Unauthorized): it was revoked or mistyped; "
            "paste a fresh token from @BotFather",
            permanent=True,
            status=401,
        )
    if status == 403:
        raise TelegramError(
            f"the bot cannot write to this chat ({description}); add it back or unblock it",
            permanent=True,
            status=403,
        )
    if status >= 500 or response.status_code >= 500:
        raise TelegramError(f"Telegram server error {status}: {description}", permanent=False, status=status)
    # 400 (chat not found, can't parse entities, too long), 404 (wrong method or host), 409 and the rest.
    raise TelegramError(f"Telegram refused the message ({status}): {description}", permanent=True, status=status)
