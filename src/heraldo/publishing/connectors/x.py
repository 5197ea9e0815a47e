"""X (Twitter) API v2 client: posts and threads, v2 media upload, metrics, mentions, read-back for retries.

Wire contract: shared/PLATFORM_APIS.md sections 0 and 1. The OAuth token refresh lives in
`publishing/oauth/`; this client only says `AuthExpired` when a 401 comes back and a refresh token
is on file.
"""

import html
import time
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from heraldo.core.clock import as_utc, utcnow
from heraldo.core.settings import Settings, get_settings
from heraldo.publishing.connectors import http
from heraldo.publishing.connectors.base import (
    ROOT_ID,
    Connector,
    ConnectorContext,
    InteractionSample,
    MediaFile,
    MetricsSample,
    PublishRequest,
    PublishResult,
)
from heraldo.publishing.errors import (
    AuthExpired,
    AuthRevoked,
    Invalid,
    PermissionMissing,
    PublishError,
    RateLimited,
    Transient,
)
from heraldo.publishing.platforms import TEXT_LIMITS, Platform

MAX_IMAGES = 4
# "Chunks of a few MB" (the doc); X accepts up to 5 MB per APPEND segment.
CHUNK_BYTES = 4 * 1024 * 1024
# A stored media id is reused only if it stays valid this much longer (expires_after_secs).
MEDIA_EXPIRY_MARGIN_SECONDS = 600
# non_public/organic metrics exist only for posts of the last 30 days; a day of slack for clock drift.
PRIVATE_METRICS_MAX_AGE = timedelta(days=29)
# Ids are snowflakes: milliseconds since this epoch in the bits above 22.
SNOWFLAKE_EPOCH_MS = 1288834974657
# A usage-capped 429 with no reset header: do not come back before a day has passed.
USAGE_CAP_FALLBACK_SECONDS = 24 * 3600
MAX_PAGES = 10
PROGRESS_KEY = "x_media"

PUBLIC_FIELDS = "public_metrics"
PRIVATE_FIELDS = "public_metrics,non_public_metrics,organic_metrics"


class XConnector(Connector):
    platform = Platform.X.value
    text_limit = TEXT_LIMITS[Platform.X]
    # Which chunked-upload flavour the API speaks: "endpoints" (/initialize, /{id}/append, /{id}/finalize)
    # or "command" (one URL with command=INIT|APPEND|FINALIZE). A `x_media_upload_flavour` setting wins.
    media_upload_flavour = "endpoints"
    chunk_bytes = CHUNK_BYTES
    # Injectable so tests do not wait for X's check_after_secs.
    sleep = staticmethod(time.sleep)

    # -- publishing ---------------------------------------------------------------------------

    def publish(self, ctx: ConnectorContext, request: PublishRequest) -> PublishResult:
        settings = _settings(ctx)
        categories = _media_categories(request.media)
        with _open(ctx, settings) as api:
            media_ids = self._upload_media(api, request, categories, settings)
            body: dict[str, Any] = {"text": request.text}
            if media_ids:
                body["media"] = {"media_ids": media_ids}
            if request.reply_to is not None:
                body["reply"] = {"in_reply_to_tweet_id": request.reply_to.parent.platform_post_id}
            answer = http.json_object(api.call("POST", "/tweets", json=body))
        data = answer.get("data") or {}
        if not data.get("id"):
            # A 2xx can carry only an `errors` array (partial failure).
            raise Invalid(f"X did not create the post: {_problem_message(answer) or 'no id in the answer'}")
        post_id = str(data["id"])
        return PublishResult(platform_post_id=post_id, published_at=utcnow(), url=_post_url(ctx, post_id))

    def delete(self, ctx: ConnectorContext, platform_post_id: str) -> None:
        with _open(ctx, _settings(ctx)) as api:
            response = api.send("DELETE", f"/tweets/{platform_post_id}")
            # `deleted: false` and a 404 problem both mean the post is not there any more.
            if response.status_code == 404:
                return
            api.check(response)

    # -- media ----------------------------------------------------------------------------------

    def _upload_media(
        self, api: "_Api", request: PublishRequest, categories: list[str], settings: Settings
    ) -> list[str]:
        stored: dict[str, dict[str, Any]] = request.progress.setdefault(PROGRESS_KEY, {})
        ids = []
        for index, (media, category) in enumerate(zip(request.media, categories, strict=True)):
            entry = stored.get(str(index))
            if entry and entry.get("expires_at", 0) - MEDIA_EXPIRY_MARGIN_SECONDS > time.time():
                if not entry.get("ready"):
                    # Uploaded and finalized by an earlier attempt; X may still be processing it.
                    self._wait_until_processed(api, entry["id"], None, settings)
                    entry["ready"] = True
                    api.save_progress(request)
                ids.append(entry["id"])
                continue
            data = _read(media)
            if category == "tweet_image":
                entry = self._upload_simple(api, media, data)
            else:
                entry = self._upload_chunked(api, media, category, data)
            info = entry.pop("processing_info")
            stored[str(index)] = entry
            api.save_progress(request)
            if not entry["ready"]:
                self._wait_until_processed(api, entry["id"], info, settings)
                entry["ready"] = True
                api.save_progress(request)
            ids.append(entry["id"])
        return ids

    def _upload_simple(self, api: "_Api", media: MediaFile, data: bytes) -> dict[str, Any]:
        answer = http.json_object(
            api.call(
                "POST",
                "/media/upload",
                files={"media": (media.filename, data, media.content_type)},
                data={"media_category": "tweet_image", "media_type": media.content_type},
            )
        )
        return _media_entry(answer)

    def _upload_chunked(self, api: "_Api", media: MediaFile, category: str, data: bytes) -> dict[str, Any]:
        flavour = getattr(api.settings, "x_media_upload_flavour", None) or self.media_upload_flavour
        init = {"media_type": media.content_type, "total_bytes": len(data), "media_category": category}
        if flavour == "command":
            answer = api.call("POST", "/media/upload", data={"command": "INIT", **_form(init)})
        else:
            answer = api.call("POST", "/media/upload/initialize", json=init)
        media_id = _media_entry(http.json_object(answer))["id"]
        for segment_index, start in enumerate(range(0, len(data), self.chunk_bytes)):
            files = {"media": (media.filename, data[start : start + self.chunk_bytes], "application/octet-stream")}
            if flavour == "command":
                form = {"command": "APPEND", "media_id": media_id, "segment_index": str(segment_index)}
                api.call("POST", "/media/upload", data=form, files=files)
            else:
                api.call(
                    "POST", f"/media/upload/{media_id}/append", data={"segment_index": str(segment_index)}, files=files
                )
        if flavour == "command":
            answer = api.call("POST", "/media/upload", data={"command": "FINALIZE", "media_id": media_id})
        else:
            answer = api.call("POST", f"/media/upload/{media_id}/finalize")
        return _media_entry(http.json_object(answer), media_id)

    def _wait_until_processed(
        self, api: "_Api", media_id: str, info: dict[str, Any] | None, settings: Settings
    ) -> None:
        """Poll STATUS until X says the media succeeded; the id stays in progress if we give up."""
        waited = 0.0
        if info is None:
            info = self._status(api, media_id)
        while True:
            state = (info or {}).get("state")
            if state in (None, "succeeded"):
                return
            if state == "failed":
                error = info.get("error") or {}
                reason = error.get("message") or error.get("name") or "processing failed"
                raise Invalid(f"X could not process the media: {reason}")
            delay = float(info.get("check_after_secs") or 0) or settings.media_poll_interval_seconds
            if waited + delay > settings.media_poll_timeout_seconds:
                raise Transient(f"X is still processing media {media_id}; will check again", retry_after=delay)
            self.sleep(delay)
            waited += delay
            info = self._status(api, media_id)

    @staticmethod
    def _status(api: "_Api", media_id: str) -> dict[str, Any] | None:
        answer = http.json_object(api.call("GET", "/media/upload", params={"command": "STATUS", "media_id": media_id}))
        return (answer.get("data") or {}).get("processing_info")

    # -- reading back ---------------------------------------------------------------------------

    def find_published(self, ctx: ConnectorContext, request: PublishRequest, since: datetime) -> PublishResult | None:
        """Our post in the account's timeline since `since` with this exact text (t.co links expanded)."""
        since = as_utc(since)
        wanted = _comparable(request.text)
        parent = request.reply_to.parent.platform_post_id if request.reply_to else None
        with _open(ctx, _settings(ctx)) as api:
            user_id = api.user_id()
            params = {
                "start_time": _x_time(since),
                "max_results": 100,
                "tweet.fields": "created_at,entities,referenced_tweets,conversation_id",
            }
            for tweet in api.pages(f"/users/{user_id}/tweets", params):
                if _comparable(_expanded_text(tweet)) != wanted or _replied_to(tweet) != parent:
                    continue
                created = _parse_time(tweet.get("created_at"))
                if created is not None and created < since:
                    continue
                post_id = str(tweet["id"])
                return PublishResult(
                    platform_post_id=post_id, published_at=created or utcnow(), url=_post_url(ctx, post_id)
                )
        return None

    def fetch_metrics(self, ctx: ConnectorContext, platform_post_ids: list[str]) -> list[MetricsSample]:
        """Lifetime counters; the author-only ones (impressions, link clicks) for posts under 30 days old."""
        cutoff = utcnow() - PRIVATE_METRICS_MAX_AGE
        recent_ids = {pid for pid in platform_post_ids if (_snowflake_time(pid) or cutoff) > cutoff}
        recent = [pid for pid in platform_post_ids if pid in recent_ids]
        older = [pid for pid in platform_post_ids if pid not in recent_ids]
        samples: dict[str, MetricsSample] = {}
        with _open(ctx, _settings(ctx)) as api:
            for batch in _batches(recent, 100):
                got = self._metrics_batch(api, batch, private=True)
                missing = [pid for pid in batch if pid not in got]
                if missing:
                    got.update(self._metrics_batch(api, missing, private=False))
                samples.update(got)
            for batch in _batches(older, 100):
                samples.update(self._metrics_batch(api, batch, private=False))
        return [samples[pid] for pid in platform_post_ids if pid in samples]

    def _metrics_batch(self, api: "_Api", ids: list[str], *, private: bool) -> dict[str, MetricsSample]:
        params = {"ids": ",".join(ids), "tweet.fields": PRIVATE_FIELDS if private else PUBLIC_FIELDS}
        try:
            answer = http.json_object(api.call("GET", "/tweets", params=params))
        except (Invalid, PermissionMissing):
            if not private:
                raise
            # X refuses author-only fields for older (or not our) posts: fall back to public counters.
            return {}
        samples = {}
        for tweet in answer.get("data") or []:
            public = tweet.get("public_metrics")
            if public is None:
                continue
            hidden = tweet.get("non_public_metrics") or tweet.get("organic_metrics") or {}
            samples[str(tweet["id"])] = MetricsSample(
                platform_post_id=str(tweet["id"]),
                likes=public.get("like_count"),
                comments=public.get("reply_count"),
                shares=public.get("retweet_count"),
                quotes=public.get("quote_count"),
                saves=public.get("bookmark_count"),
                impressions=hidden.get("impression_count", public.get("impression_count")),
                clicks=hidden.get("url_link_clicks"),
            )
        return samples

    def fetch_interactions(self, ctx: ConnectorContext, since: datetime | None) -> list[InteractionSample]:
        """Mentions of the account (replies to our posts included), newest first.

        `extra`: `author_id`, `conversation_id`, and `root_id` (the conversation's first post) when the
        mention is itself a reply. Answering one (`reply_to_interaction`) posts with
        `reply.in_reply_to_tweet_id` set to the mention's id."""
        params: dict[str, Any] = {
            "max_results": 100,
            "tweet.fields": "author_id,conversation_id,created_at,in_reply_to_user_id,referenced_tweets",
            "expansions": "author_id",
            "user.fields": "username,name",
        }
        if since is not None:
            params["start_time"] = _x_time(as_utc(since))
        samples = []
        with _open(ctx, _settings(ctx)) as api:
            user_id = api.user_id()
            users: dict[str, dict[str, Any]] = {}
            for tweet in api.pages(f"/users/{user_id}/mentions", params, users=users):
                author = users.get(str(tweet.get("author_id")), {})
                parent = _replied_to(tweet)
                extra: dict[str, Any] = {"author_id": str(tweet.get("author_id", ""))}
                conversation = tweet.get("conversation_id")
                if conversation:
                    extra["conversation_id"] = str(conversation)
                    if str(conversation) != str(tweet["id"]):
                        extra[ROOT_ID] = str(conversation)
                samples.append(
                    InteractionSample(
                        platform_id=str(tweet["id"]),
                        kind="reply" if parent and str(tweet.get("in_reply_to_user_id")) == user_id else "mention",
                        author_handle=author.get("username") or str(tweet.get("author_id", "")),
                        author_name=author.get("name"),
                        text=html.unescape(tweet.get("text", "")),
                        received_at=_parse_time(tweet.get("created_at")) or utcnow(),
                        in_reply_to_platform_post_id=parent,
                        extra=extra,
                    )
                )
        return samples


class _Api:
    """One connector call: the client, the base URL and the account's bearer token."""

    def __init__(self, ctx: ConnectorContext, client: httpx.Client, settings: Settings):
        token = ctx.credentials.get("access_token")
        if not token:
            raise AuthRevoked("no X access token on file; reconnect the account")
        self.ctx = ctx
        self.client = client
        self.settings = settings
        self.base = settings.x_api_base_url.rstrip("/")
        self.headers = {"Authorization": f"Bearer {token}"}

    def send(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        return http.send(self.client, method, self.base + path, headers=self.headers, **kwargs)

    def check(self, response: httpx.Response) -> httpx.Response:
        if response.status_code >= 400:
            raise _error(response, self.ctx)
        return response

    def call(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        return self.check(self.send(method, path, **kwargs))

    def save_progress(self, request: PublishRequest) -> None:
        self.ctx.save_progress(request.progress)

    def user_id(self) -> str:
        if self.ctx.account.platform_account_id:
            return str(self.ctx.account.platform_account_id)
        data = http.json_object(self.call("GET", "/users/me")).get("data") or {}
        if not data.get("id"):
            raise Transient("X did not say who the account is")
        return str(data["id"])

    def pages(
        self, path: str, params: dict[str, Any], users: dict[str, dict[str, Any]] | None = None
    ) -> Iterator[dict[str, Any]]:
        """Items of a cursor-paginated list (`meta.next_token` goes back as `pagination_token`)."""
        params = dict(params)
        for _ in range(MAX_PAGES):
            answer = http.json_object(self.call("GET", path, params=params))
            if users is not None:
                for user in (answer.get("includes") or {}).get("users") or []:
                    users[str(user.get("id"))] = user
            yield from answer.get("data") or []
            next_token = (answer.get("meta") or {}).get("next_token")
            if not next_token:
                return
            params["pagination_token"] = next_token


@contextmanager
def _open(ctx: ConnectorContext, settings: Settings) -> Iterator[_Api]:
    if ctx.http is not None:
        yield _Api(ctx, ctx.http, settings)
        return
    with http.client_for(settings.http_timeout_seconds) as client:
        yield _Api(ctx, client, settings)


def _settings(ctx: ConnectorContext) -> Settings:
    return ctx.settings or get_settings()


# -- errors -------------------------------------------------------------------------------------


def _error(response: httpx.Response, ctx: ConnectorContext) -> PublishError:
    body = http.json_object(response)
    status = response.status_code
    message = _problem_message(body) or f"X answered HTTP {status}"
    if status == 429:
        capped = "usage-capped" in str(body.get("type", ""))
        wait = _wait_hint(response.headers)
        if capped:
            return RateLimited(
                f"X usage cap reached: {message}", retry_after=wait if wait is not None else USAGE_CAP_FALLBACK_SECONDS
            )
        return RateLimited(f"X rate limit reached: {message}", retry_after=wait)
    if status >= 500:
        return Transient(f"X answered {status}: {message}", retry_after=http.retry_after_from(response.headers))
    if status == 401:
        if ctx.credentials.get("refresh_token"):
            return AuthExpired(f"X access token expired: {message}")
        return AuthRevoked(f"X refused the access token and no refresh token is on file: {message}")
    if status == 403 and "scope" in message.lower():
        return PermissionMissing(f"X: {message}")
    # Duplicate content (403), client-not-enrolled (403, permanent), 400 validation, 404 resource-not-found.
    return Invalid(f"X: {message}")


def _problem_message(body: dict[str, Any]) -> str:
    """The human part of a problem+JSON body, or of an old-style `errors` array."""
    parts = [str(body[key]) for key in ("detail", "title") if body.get(key)]
    if parts:
        message = parts[0]
        if body.get("reason"):
            message = f"{message} ({body['reason']})"
        return message
    errors = body.get("errors")
    if isinstance(errors, list):
        messages = [str(e.get("message") or e.get("detail") or e.get("title")) for e in errors if isinstance(e, dict)]
        return "; ".join(m for m in messages if m and m != "None")
    if body.get("error_description") or body.get("error"):
        return str(body.get("error_description") or body.get("error"))
    return ""


def _wait_hint(headers: httpx.Headers) -> float | None:
    """Seconds until the exhausted window resets: the endpoint window, or a 24-hour posting cap."""
    spent = [
        http.seconds_until_epoch(headers.get(f"{prefix}-reset"))
        for prefix in ("x-rate-limit", "x-user-limit-24hour", "x-app-limit-24hour")
        if headers.get(f"{prefix}-reset") and (headers.get(f"{prefix}-remaining") or "0").strip() == "0"
    ]
    if not spent:
        spent = [http.seconds_until_epoch(headers.get("x-rate-limit-reset"))]
    return http.largest_wait(http.retry_after_from(headers), *spent)


# -- small pieces -------------------------------------------------------------------------------


def _media_categories(media: list[MediaFile]) -> list[str]:
    """X's media_category for each file; refuses mixes X does not allow before any call goes out."""
    categories = []
    for item in media:
        kind = item.content_type.lower()
        if kind == "image/gif":
            categories.append("tweet_gif")
        elif kind.startswith("image/"):
            categories.append("tweet_image")
        elif kind.startswith("video/"):
            categories.append("tweet_video")
        else:
            raise Invalid(f"X cannot attach {item.filename} ({item.content_type})")
    if len(categories) > 1 and any(c != "tweet_image" for c in categories):
        raise Invalid("X allows one video or GIF per post, with no other media")
    if len(categories) > MAX_IMAGES:
        raise Invalid(f"X allows at most {MAX_IMAGES} images per post")
    return categories


def _read(media: MediaFile) -> bytes:
    try:
        data = media.path.read_bytes()
    except OSError as exc:
        raise Invalid(f"media file {media.filename} cannot be read: {exc.strerror}") from exc
    if not data:
        raise Invalid(f"media file {media.filename} is empty")
    return data


def _media_entry(answer: dict[str, Any], media_id: str | None = None) -> dict[str, Any]:
    """What progress keeps of an uploaded media: id, expiry, and whether X finished processing it."""
    data = answer.get("data") or {}
    media_id = str(data.get("id") or data.get("media_id") or media_id or "")
    if not media_id:
        raise Transient("X accepted the media upload but sent no media id")
    info = data.get("processing_info")
    expires_after = float(data.get("expires_after_secs") or 86400)
    return {
        "id": media_id,
        "expires_at": time.time() + expires_after,
        "ready": not info or info.get("state") == "succeeded",
        "processing_info": info,
    }


def _form(values: dict[str, Any]) -> dict[str, str]:
    return {key: str(value) for key, value in values.items()}


def _post_url(ctx: ConnectorContext, post_id: str) -> str:
    handle = (ctx.account.handle or "").lstrip("@")
    return f"https://x.com/{handle}/status/{post_id}" if handle else f"https://x.com/i/web/status/{post_id}"


def _x_time(moment: datetime) -> str:
    return as_utc(moment).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return as_utc(datetime.fromisoformat(value.replace("Z", "+00:00")))
    except ValueError:
        return None


def _snowflake_time(post_id: str) -> datetime | None:
    if not post_id.isdigit():
        return None
    millis = (int(post_id) >> 22) + SNOWFLAKE_EPOCH_MS
    return datetime.fromtimestamp(millis / 1000, tz=UTC)


def _replied_to(tweet: dict[str, Any]) -> str | None:
    for ref in tweet.get("referenced_tweets") or []:
        if ref.get("type") == "replied_to":
            return str(ref.get("id"))
    return None


def _expanded_text(tweet: dict[str, Any]) -> str:
    """The text as we sent it: X shortens links to t.co and appends a t.co link per attached media."""
    text = tweet.get("text", "")
    for entity in (tweet.get("entities") or {}).get("urls") or []:
        short = entity.get("url")
        if not short:
            continue
        text = text.replace(short, "" if entity.get("media_key") else entity.get("expanded_url") or short)
    return html.unescape(text)


def _comparable(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _batches(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


connector = XConnector()
