"""Mastodon client: statuses with the Idempotency-Key header, async media, reply chains, counts,
mention notifications, and read-back for retries.

Wire contract: shared/PLATFORM_APIS.md sections 0 and 8. Credentials are {"access_token"}; the host is
the account's instance (`SocialAccount.instance_url`). Tokens never expire, so a 401 means reconnect.
"""

import time
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime, timedelta
from html import unescape
from html.parser import HTMLParser
from typing import Any

import httpx

from heraldo.core.clock import as_utc, utcnow
from heraldo.core.settings import Settings, get_settings
from heraldo.publishing.connectors import http
from heraldo.publishing.connectors.base import (
    Connector,
    ConnectorContext,
    InteractionRef,
    InteractionSample,
    MediaFile,
    MetricsSample,
    PublishRequest,
    PublishResult,
    interaction_reply_to,
)
from heraldo.publishing.errors import (
    AuthRevoked,
    Invalid,
    PermissionMissing,
    PublishError,
    RateLimited,
    Transient,
)
from heraldo.publishing.platforms import TEXT_LIMITS, Platform

MAX_ATTACHMENTS = 4
MAX_PAGES = 10
PAGE_SIZE = 40
PROGRESS_MEDIA = "mastodon_media_ids"
# What a 422 says when a status names media the instance has not finished processing.
UNPROCESSED_MEDIA_HINT = "finished processing"
# From the most to the least visible; an answer keeps the visibility of the status it answers.
VISIBILITIES = ("public", "unlisted", "private", "direct")


class MastodonConnector(Connector):
    platform = Platform.MASTODON.value
    text_limit = TEXT_LIMITS[Platform.MASTODON]
    # Mastodon remembers an Idempotency-Key for about an hour; 50 minutes after the claim leaves a margin.
    resend_safe_within = timedelta(minutes=50)
    # Injectable so tests do not wait between media polls.
    sleep = staticmethod(time.sleep)

    # -- publishing ---------------------------------------------------------------------------

    def publish(self, ctx: ConnectorContext, request: PublishRequest) -> PublishResult:
        return self._post(ctx, request, visibility="public")

    def reply_to_interaction(
        self, ctx: ConnectorContext, request: PublishRequest, interaction: InteractionRef
    ) -> PublishResult:
        """A status with `in_reply_to_id` = the mention's status, starting with `@acct` (the API, unlike the
        web app, does not add the mention, and without it the author is not notified), and no more
        visible than the status it answers (a reply to a direct message stays direct)."""
        extra = interaction.extra or {}
        text = self.reply_text(request.text, interaction)
        visibility = str(extra.get("visibility") or "public")
        if visibility not in VISIBILITIES:
            visibility = "public"
        # A copy with the mention: the caller's request (and its stored text) stays as written.
        answer = replace(request, text=text, reply_to=interaction_reply_to(interaction))
        return self._post(ctx, answer, visibility=visibility)

    def reply_text(self, text: str, interaction: InteractionRef) -> str:
        """The answer starts with `@acct` unless it already mentions the author."""
        acct = str((interaction.extra or {}).get("acct") or "").lstrip("@")
        return f"@{acct} {text}" if acct and not _mentions(text, acct) else text

    def _post(self, ctx: ConnectorContext, request: PublishRequest, *, visibility: str) -> PublishResult:
        if len(request.media) > MAX_ATTACHMENTS:
            raise Invalid(f"Mastodon allows at most {MAX_ATTACHMENTS} attachments per post")
        with _open(ctx) as api:
            media_ids = [self._media_id(api, request, index) for index in range(len(request.media))]
            body: dict[str, Any] = {"status": request.text, "visibility": visibility}
            if media_ids:
                body["media_ids"] = media_ids
            if request.reply_to is not None:
                body["in_reply_to_id"] = request.reply_to.parent.platform_post_id
            # The instance remembers the key for about an hour and answers a repeat with the first status.
            headers = {"Idempotency-Key": request.idempotency_key}
            waited = 0.0
            while True:
                response = api.send("POST", "/api/v1/statuses", json=body, headers=headers)
                if response.status_code != 422 or UNPROCESSED_MEDIA_HINT not in _message(response):
                    break
                # Media still processing: wait and post again (a 422 is not remembered under the key).
                waited = self._pause(api, waited, "Mastodon is still processing the media")
            status = http.json_object(api.check(response))
        if not status.get("id"):
            raise Transient("Mastodon created the status but sent no id")
        return _result(status)

    def _media_id(self, api: "_Api", request: PublishRequest, index: int) -> str:
        """The id of an attachment ready to post: reused from an earlier attempt, or uploaded and awaited."""
        stored: dict[str, str] = request.progress.setdefault(PROGRESS_MEDIA, {})
        media_id = stored.get(str(index))
        if media_id:
            response = api.send("GET", f"/api/v1/media/{media_id}")
            # 404: cleaned up as unattached (or already attached to a status): upload again.
            if response.status_code != 404:
                return self._await_media(api, media_id, api.check(response))
        media = request.media[index]
        form = {"description": _alt_text(media)} if _alt_text(media) else {}
        response = api.call(
            "POST", "/api/v2/media", files={"file": (media.filename, _read(media), media.content_type)}, data=form
        )
        attachment = http.json_object(response)
        if not attachment.get("id"):
            raise Transient("Mastodon accepted the upload but sent no media id")
        media_id = str(attachment["id"])
        stored[str(index)] = media_id
        api.ctx.save_progress(request.progress)
        return self._await_media(api, media_id, response)

    def _await_media(self, api: "_Api", media_id: str, response: httpx.Response) -> str:
        """202 (upload) and 206 (poll) mean still processing; 200 with a url means ready."""
        waited = 0.0
        while response.status_code in (202, 206) or not http.json_object(response).get("url"):
            waited = self._pause(api, waited, f"Mastodon is still processing media {media_id}")
            response = api.call("GET", f"/api/v1/media/{media_id}")
        return media_id

    def _pause(self, api: "_Api", waited: float, what: str) -> float:
        delay = api.settings.media_poll_interval_seconds
        if waited + delay > api.settings.media_poll_timeout_seconds:
            # The media id is in progress: the retry carries on polling it.
            raise Transient(f"{what}; will check again", retry_after=delay)
        self.sleep(delay)
        return waited + delay

    def delete(self, ctx: ConnectorContext, platform_post_id: str) -> None:
        with _open(ctx) as api:
            response = api.send("DELETE", f"/api/v1/statuses/{platform_post_id}")
            if response.status_code == 404:
                return  # already gone
            api.check(response)

    # -- reading back ---------------------------------------------------------------------------

    def find_published(self, ctx: ConnectorContext, request: PublishRequest, since: datetime) -> PublishResult | None:
        """Our status since `since` with this text (and parent), from the account's recent statuses.

        Re-posting with the same Idempotency-Key is also safe within the instance's window (about an
        hour); this read-back covers retries that come later than that."""
        since = as_utc(since)
        wanted = _comparable(request.text)
        parent = request.reply_to.parent.platform_post_id if request.reply_to else None
        with _open(ctx) as api:
            account_id = api.account_id()
            params = {"limit": PAGE_SIZE, "exclude_reblogs": "true"}
            for status in api.pages(f"/api/v1/accounts/{account_id}/statuses", params):
                created = _parse_time(status.get("created_at"))
                if created is not None and created < since:
                    return None  # newest first: nothing older can be ours
                if status.get("in_reply_to_id") != parent:
                    continue
                if _comparable(html_to_text(status.get("content", ""))) == wanted:
                    return _result(status)
        return None

    def fetch_metrics(self, ctx: ConnectorContext, platform_post_ids: list[str]) -> list[MetricsSample]:
        """Lifetime counts as far as our instance knows (remote interactions can be undercounted)."""
        samples = []
        with _open(ctx) as api:
            for post_id in platform_post_ids:
                response = api.send("GET", f"/api/v1/statuses/{post_id}")
                if response.status_code == 404:
                    continue  # deleted
                status = http.json_object(api.check(response))
                samples.append(
                    MetricsSample(
                        platform_post_id=post_id,
                        likes=status.get("favourites_count"),
                        shares=status.get("reblogs_count"),
                        comments=status.get("replies_count"),
                        quotes=status.get("quotes_count"),
                    )
                )
        return samples

    def fetch_followers(self, ctx: ConnectorContext) -> tuple[int | None, int | None] | None:
        with _open(ctx) as api:
            me = http.json_object(api.check(api.send("GET", "/api/v1/accounts/verify_credentials")))
        return me.get("followers_count"), me.get("following_count")

    def fetch_interactions(self, ctx: ConnectorContext, since: datetime | None) -> list[InteractionSample]:
        """Mention notifications (a reply to us is a mention), newest first.

        `extra`: the author's `acct` (to mention them in the answer), the status `visibility` (the answer
        is no more visible) and its ActivityPub `uri`."""
        since = as_utc(since) if since else None
        samples = []
        with _open(ctx) as api:
            params = [("types[]", "mention"), ("limit", str(PAGE_SIZE))]
            for notification in api.pages("/api/v1/notifications", params):
                received = _parse_time(notification.get("created_at")) or utcnow()
                if since is not None and received < since:
                    break
                status = notification.get("status")
                if notification.get("type") != "mention" or not status:
                    continue
                author = notification.get("account") or {}
                parent = status.get("in_reply_to_id")
                extra = {"acct": author.get("acct", ""), "visibility": status.get("visibility") or "public"}
                if status.get("uri"):
                    extra["uri"] = status["uri"]
                samples.append(
                    InteractionSample(
                        platform_id=str(status["id"]),
                        kind="reply" if parent else "mention",
                        author_handle=author.get("acct", ""),
                        author_name=author.get("display_name") or None,
                        text=html_to_text(status.get("content", "")),
                        received_at=received,
                        in_reply_to_platform_post_id=str(parent) if parent else None,
                        extra=extra,
                    )
                )
        return samples


class _Api:
    """One connector call: the client, the instance and the account's bearer token."""

    def __init__(self, ctx: ConnectorContext, client: httpx.Client, settings: Settings):
        token = ctx.credentials.get("access_token")
        if not token:
            raise AuthRevoked("no Mastodon access token on file; reconnect the account")
        instance = (ctx.account.instance_url or "").strip().rstrip("/")
        if not instance:
            raise AuthRevoked("the Mastodon account has no instance URL; reconnect the account")
        if "://" not in instance:
            instance = f"https://{instance}"
        self.ctx = ctx
        self.client = client
        self.settings = settings
        self.base = instance
        self.headers = {"Authorization": f"Bearer {token}"}

    def send(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        headers = {**self.headers, **(kwargs.pop("headers", None) or {})}
        url = path if path.startswith("http") else self.base + path
        return http.send(self.client, method, url, headers=headers, **kwargs)

    def check(self, response: httpx.Response) -> httpx.Response:
        if response.status_code >= 400:
            raise _error(response)
        return response

    def call(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        return self.check(self.send(method, path, **kwargs))

    def account_id(self) -> str:
        known = self.ctx.account.platform_account_id or self.ctx.credentials.get("account_id")
        if known:
            return str(known)
        account = http.json_object(self.call("GET", "/api/v1/accounts/verify_credentials"))
        if not account.get("id"):
            raise Transient("Mastodon did not say who the account is")
        return str(account["id"])

    def pages(self, path: str, params: Any) -> Iterator[dict[str, Any]]:
        """Items of a list paginated by the Link header: follow its rel="next" URL as given."""
        response = self.call("GET", path, params=params)
        for _ in range(MAX_PAGES):
            items = response.json()
            if not isinstance(items, list) or not items:
                return
            yield from items
            next_url = response.links.get("next", {}).get("url")
            if not next_url:
                return
            response = self.call("GET", next_url)


@contextmanager
def _open(ctx: ConnectorContext) -> Iterator[_Api]:
    settings = ctx.settings or get_settings()
    if ctx.http is not None:
        yield _Api(ctx, ctx.http, settings)
        return
    with http.client_for(settings.http_timeout_seconds) as client:
        yield _Api(ctx, client, settings)


# -- errors -------------------------------------------------------------------------------------


def _message(response: httpx.Response) -> str:
    body = http.json_object(response)
    return str(body.get("error") or body.get("error_description") or f"HTTP {response.status_code}")


def _error(response: httpx.Response) -> PublishError:
    status, message = response.status_code, _message(response)
    if status == 429:
        headers = response.headers
        remaining = (headers.get("x-ratelimit-remaining") or "0").strip()
        reset = http.seconds_until_iso(headers.get("x-ratelimit-reset")) if remaining == "0" else None
        wait = http.largest_wait(http.retry_after_from(headers), reset)
        return RateLimited(f"Mastodon rate limit reached: {message}", retry_after=wait)
    if status >= 500:
        return Transient(f"Mastodon answered {status}: {message}", retry_after=http.retry_after_from(response.headers))
    if status == 401:
        # Mastodon tokens do not expire and have no refresh token: revoked.
        return AuthRevoked(f"Mastodon refused the access token ({message}); reconnect the account")
    if status == 403:
        # "This action is not allowed": a suspended account or a missing scope.
        return PermissionMissing(f"Mastodon: {message}")
    return Invalid(f"Mastodon: {message}")


# -- small pieces -------------------------------------------------------------------------------


def _result(status: dict[str, Any]) -> PublishResult:
    extra = {"uri": status["uri"]} if status.get("uri") else {}
    return PublishResult(
        platform_post_id=str(status["id"]),
        published_at=_parse_time(status.get("created_at")) or utcnow(),
        url=status.get("url"),
        extra=extra,
    )


def _read(media: MediaFile) -> bytes:
    try:
        return media.path.read_bytes()
    except OSError as exc:
        raise Invalid(f"media file {media.filename} cannot be read: {exc.strerror}") from exc


def _alt_text(media: MediaFile) -> str:
    # MediaFile may carry alt text in a later version; Mastodon calls it `description`.
    return getattr(media, "alt_text", None) or ""


def _parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return as_utc(datetime.fromisoformat(value.replace("Z", "+00:00")))
    except ValueError:
        return None


class _TextOfHtml(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")
        elif tag == "p" and self.parts:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_text(content: str) -> str:
    """Plain text of a status's HTML `content` (Mastodon renders paragraphs, line breaks, links, mentions)."""
    parser = _TextOfHtml()
    parser.feed(content)
    parser.close()
    return unescape("".join(parser.parts)).strip()


def _mentions(text: str, acct: str) -> bool:
    """Whether `text` already mentions `acct` as the instance knows it (`@user` for a local account,
    `@user@domain` for a remote one), in any case, trailing punctuation aside."""
    wanted = f"@{acct}".lower()
    return any(word.rstrip(".,;:!?)").lower() == wanted for word in text.split())


def _comparable(text: str) -> str:
    """Text as Mastodon renders it back: a mention `@user@domain` shows as `@user`; spacing is not kept."""
    words = []
    for word in unicodedata.normalize("NFC", text).split():
        if word.startswith("@") and word.count("@") == 2:
            user, _, rest = word[1:].partition("@")
            # Keep trailing punctuation after the domain ("@bob@example.social," -> "@bob,").
            tail = rest[len(rest.rstrip(".,;:!?)")) :]
            word = f"@{user}{tail}"
        words.append(word)
    return " ".join(words)


connector = MastodonConnector()
