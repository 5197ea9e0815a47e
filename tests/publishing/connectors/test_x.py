"""The X connector against a local fake of the X API v2 wire protocol (shared/PLATFORM_APIS.md §1, §12).

The fake checks what X checks (bearer token, JSON or multipart bodies, required fields, reply targets,
media state, duplicate text) and answers with X's documented bodies, problem+JSON errors and
rate-limit headers. It runs on respx: no network, no database.
"""

import html
import json
import re
import time
from datetime import timedelta
from email.parser import BytesParser
from email.policy import default as default_policy
from typing import Any

import httpx
import pytest
import respx

from heraldo.core.clock import utcnow
from heraldo.core.settings import Settings
from heraldo.posts.models import SocialAccount
from heraldo.publishing.connectors import registry
from heraldo.publishing.connectors import x as x_module
from heraldo.publishing.connectors.base import (
    ConnectorContext,
    InteractionRef,
    MediaFile,
    PublishRequest,
    PublishResult,
    ReplyTo,
)
from heraldo.publishing.errors import (
    AuthExpired,
    AuthRevoked,
    Invalid,
    OutcomeUnknown,
    PermissionMissing,
    RateLimited,
    Transient,
)

BASE = "https://api.x.test/2"
TOKEN = "x-user-token"
USER_ID = "4242"
SNOWFLAKE_EPOCH_MS = 1288834974657
PROBLEMS = "https://api.twitter.com/2/problems"


def snowflake(moment_ms: int, sequence: int) -> str:
    return str(((moment_ms - SNOWFLAKE_EPOCH_MS) << 22) + sequence)


def problem(status: int, title: str, detail: str, type_: str = "about:blank", **extra: Any) -> dict[str, Any]:
    return {"title": title, "type": type_, "status": status, "detail": detail, **extra}


def multipart_fields(request: httpx.Request) -> dict[str, tuple[bytes, str | None, str]]:
    """name -> (bytes, filename, content type) of a multipart/form-data body, as a server parses it."""
    content_type = request.headers.get("content-type", "")
    assert content_type.startswith("multipart/form-data"), content_type
    message = BytesParser(policy=default_policy).parsebytes(
        b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + request.content
    )
    fields = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        fields[name] = (part.get_payload(decode=True), part.get_filename(), part.get_content_type())
    return fields


class FakeX:
    """X API v2: posts, v2 media upload, metrics, timelines, mentions, with X's errors and headers."""

    def __init__(self, *, flavour: str = "endpoints"):
        self.flavour = flavour
        self.tweets: dict[str, dict[str, Any]] = {}
        self.media: dict[str, dict[str, Any]] = {}
        self.mentions: list[dict[str, Any]] = []
        self.users = {USER_ID: {"id": USER_ID, "username": "acme", "name": "Acme"}}
        self.last_text: str | None = None
        self.sequence = 0
        self.calls: list[tuple[str, str]] = []
        self.requests: list[httpx.Request] = []
        self.faults: list[tuple[str, str, Any]] = []
        self.page_size = 100
        self.processing_script = ["in_progress", "succeeded"]
        self.private_metrics_refused = False
        self.remaining = 299

    # Helpers for tests.

    def new_id(self, moment_ms: int | None = None) -> str:
        self.sequence += 1
        return snowflake(moment_ms or int(time.time() * 1000), self.sequence)

    def fail_next(self, method: str, path: str, answer: Any) -> None:
        """The next `method` call whose path starts with `path` gets `answer` (a Response or an exception)."""
        self.faults.append((method, path, answer))

    def add_tweet(self, text: str, *, days_ago: float = 0, author: str = USER_ID, **fields: Any) -> str:
        created = utcnow() - timedelta(days=days_ago)
        tweet_id = self.new_id(int(created.timestamp() * 1000))
        self.tweets[tweet_id] = self._shorten(
            {
                "id": tweet_id,
                "text": text,
                "author_id": author,
                "created_at": created.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                "conversation_id": tweet_id,
                "metrics": {"like_count": 0, "reply_count": 0, "retweet_count": 0, "quote_count": 0},
                **fields,
            },
            media_ids=[],
        )
        return tweet_id

    # Wire protocol.

    def headers(self) -> dict[str, str]:
        return {
            "x-rate-limit-limit": "300",
            "x-rate-limit-remaining": str(self.remaining),
            "x-rate-limit-reset": str(int(time.time()) + 900),
        }

    def answer(self, status: int, body: Any = None, headers: dict[str, str] | None = None) -> httpx.Response:
        return httpx.Response(status, json=body, headers={**self.headers(), **(headers or {})})

    def __call__(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        self.calls.append((request.method, path))
        self.requests.append(request)
        for index, (method, prefix, answer) in enumerate(self.faults):
            if method == request.method and path.startswith(prefix):
                del self.faults[index]
                if isinstance(answer, Exception):
                    raise answer
                return answer
        if request.headers.get("authorization") != f"Bearer {TOKEN}":
            return self.answer(401, problem(401, "Unauthorized", "Unauthorized"))
        route = path.removeprefix("/2")
        if request.method == "POST" and route == "/tweets":
            return self.create_tweet(request)
        if request.method == "DELETE" and route.startswith("/tweets/"):
            deleted = self.tweets.pop(route.rsplit("/", 1)[1], None) is not None
            return self.answer(200, {"data": {"deleted": deleted}})
        if request.method == "GET" and route == "/tweets":
            return self.lookup(request)
        if request.method == "GET" and route == "/users/me":
            return self.answer(200, {"data": self.users[USER_ID]})
        if request.method == "GET" and route == f"/users/{USER_ID}/tweets":
            own = [t for t in self.tweets.values() if t["author_id"] == USER_ID]
            return self.timeline(request, own, expansions=False)
        if request.method == "GET" and route == f"/users/{USER_ID}/mentions":
            return self.timeline(request, self.mentions, expansions=True)
        if route.startswith("/media/upload"):
            return self.media_upload(request, route)
        return self.answer(404, problem(404, "Not Found Error", f"no route {request.method} {path}"))

    def create_tweet(self, request: httpx.Request) -> httpx.Response:
        if request.headers.get("content-type") != "application/json":
            return self.answer(415, problem(415, "Unsupported Media Type", "Content-Type must be application/json"))
        body = json.loads(request.content)
        text = body.get("text", "")
        media_ids = (body.get("media") or {}).get("media_ids") or []
        invalid = f"{PROBLEMS}/invalid-request"
        if not text and not media_ids:
            return self.answer(400, problem(400, "Invalid Request", "text or media is required", invalid))
        # The real limit is weighted (twitter-text); that counting is tested elsewhere.
        if len(text) > 280:
            return self.answer(400, problem(400, "Invalid Request", "Your Tweet text is too long.", invalid))
        if len(media_ids) > 4:
            return self.answer(400, problem(400, "Invalid Request", "Too many media ids (at most 4).", invalid))
        for media_id in media_ids:
            media = self.media.get(media_id)
            if media is None or media["expires_at"] < time.time():
                return self.answer(400, problem(400, "Invalid Request", "Your media IDs are invalid.", invalid))
            if media["state"] != "succeeded":
                return self.answer(400, problem(400, "Invalid Request", "Media is still processing.", invalid))
        if text == self.last_text:
            detail = "You are not allowed to create a Tweet with duplicate content."
            return self.answer(403, problem(403, "Forbidden", detail))
        conversation = None
        parent_id = (body.get("reply") or {}).get("in_reply_to_tweet_id")
        if parent_id is not None:
            parent = self.tweets.get(parent_id)
            if parent is None:
                detail = "The Tweet you are replying to has been deleted or is not visible to you."
                return self.answer(400, problem(400, "Invalid Request", detail, invalid))
            conversation = parent["conversation_id"]
        self.last_text = text
        tweet_id = self.new_id()
        tweet = {
            "id": tweet_id,
            "text": text,
            "author_id": USER_ID,
            "created_at": utcnow().strftime("%Y-%m-%dT%H:%M:%S.000Z"),
            "conversation_id": conversation or tweet_id,
            "metrics": {"like_count": 0, "reply_count": 0, "retweet_count": 0, "quote_count": 0},
        }
        if parent_id is not None:
            tweet["in_reply_to_user_id"] = USER_ID
            tweet["referenced_tweets"] = [{"type": "replied_to", "id": parent_id}]
        self.tweets[tweet_id] = self._shorten(tweet, media_ids)
        return self.answer(
            201, {"data": {"id": tweet_id, "text": self.tweets[tweet_id]["text"], "edit_history_tweet_ids": [tweet_id]}}
        )

    def _shorten(self, tweet: dict[str, Any], media_ids: list[str]) -> dict[str, Any]:
        """Store text as X serves it: links as t.co, a t.co link per media, &, < and > escaped."""
        urls = []

        def shorten(match: re.Match[str]) -> str:
            short = f"https://t.co/{len(urls) + 1:010d}"
            urls.append({"url": short, "expanded_url": match.group(0), "display_url": match.group(0)[8:30]})
            return short

        text = re.sub(r"https?://\S+", shorten, tweet["text"])
        if media_ids:
            short = f"https://t.co/m{media_ids[0][-9:]}"
            urls.append({"url": short, "expanded_url": "https://x.com/photo/1", "media_key": f"3_{media_ids[0]}"})
            text = f"{text} {short}"
        tweet["text"] = html.escape(text, quote=False)
        tweet["entities"] = {"urls": urls}
        tweet["attachments"] = {"media_keys": [f"3_{m}" for m in media_ids]} if media_ids else {}
        return tweet

    def lookup(self, request: httpx.Request) -> httpx.Response:
        fields = request.url.params.get("tweet.fields", "").split(",")
        ids = request.url.params["ids"].split(",")
        if len(ids) > 100:
            return self.answer(400, problem(400, "Invalid Request", "ids: at most 100", f"{PROBLEMS}/invalid-request"))
        private = {"non_public_metrics", "organic_metrics"} & set(fields)
        data, errors = [], []
        for tweet_id in ids:
            tweet = self.tweets.get(tweet_id)
            if tweet is None:
                detail = f"Could not find tweet with ids: [{tweet_id}]."
                errors.append({"value": tweet_id, "detail": detail, "type": f"{PROBLEMS}/resource-not-found"})
                continue
            if private and (self.private_metrics_refused or _age_days(tweet) > 30):
                detail = "Sorry, you are not authorized to access non_public_metrics on posts older than 30 days."
                return self.answer(400, problem(400, "Invalid Request", detail, f"{PROBLEMS}/invalid-request"))
            item = {"id": tweet_id, "text": tweet["text"]}
            metrics = tweet["metrics"]
            if "public_metrics" in fields:
                item["public_metrics"] = {**metrics, "bookmark_count": 1, "impression_count": 100}
            if private:
                item["non_public_metrics"] = {"impression_count": 120, "url_link_clicks": 7, "user_profile_clicks": 2}
                item["organic_metrics"] = {"impression_count": 120, **metrics}
            data.append(item)
        body: dict[str, Any] = {"data": data} if data else {}
        if errors:
            body["errors"] = errors
        return self.answer(200, body)

    def timeline(self, request: httpx.Request, tweets: list[dict[str, Any]], *, expansions: bool) -> httpx.Response:
        params = request.url.params
        since = params.get("start_time")
        items = sorted(tweets, key=lambda t: int(t["id"]), reverse=True)
        if since:
            items = [t for t in items if t["created_at"][:19] >= since[:19]]
        start = int(params.get("pagination_token", "0"))
        size = min(int(params.get("max_results", "10")), self.page_size)
        page = items[start : start + size]
        fields = set(params.get("tweet.fields", "").split(",")) | {"id", "text"}
        body: dict[str, Any] = {"meta": {"result_count": len(page)}}
        if page:
            body["data"] = [{k: v for k, v in t.items() if k in fields} for t in page]
        if start + size < len(items):
            body["meta"]["next_token"] = str(start + size)
        if expansions and "author_id" in params.get("expansions", ""):
            body["includes"] = {"users": [self.users[t["author_id"]] for t in page]}
        return self.answer(200, body)

    def media_upload(self, request: httpx.Request, route: str) -> httpx.Response:
        invalid = f"{PROBLEMS}/invalid-request"
        if request.method == "GET" and route == "/media/upload":
            if request.url.params.get("command") != "STATUS":
                return self.answer(400, problem(400, "Invalid Request", "command must be STATUS", invalid))
            media = self.media.get(request.url.params.get("media_id", ""))
            if media is None:
                return self.answer(400, problem(400, "Invalid Request", "Invalid media_id", invalid))
            if media["state"] in ("pending", "in_progress") and media["script"]:
                media["state"] = media["script"].pop(0)
            return self.answer(200, {"data": {"id": media["id"], "processing_info": self._info(media)}})
        content_type = request.headers.get("content-type", "")
        if route == "/media/upload":
            if content_type.startswith("multipart/form-data"):
                fields = multipart_fields(request)
            else:
                form = httpx.QueryParams(request.content.decode())
                fields = {key: (value.encode(), None, "text/plain") for key, value in form.items()}
            if "command" in fields:
                if self.flavour != "command":
                    return self.answer(400, problem(400, "Invalid Request", "Unknown parameter: command", invalid))
                return self.media_command(fields)
            if "media" not in fields or "media_category" not in fields:
                detail = "media and media_category are required"
                return self.answer(400, problem(400, "Invalid Request", detail, invalid))
            media_id = self._new_media(fields["media_category"][0].decode(), len(fields["media"][0]))
            self.media[media_id]["state"] = "succeeded"
            return self.answer(200, self._media_answer(media_id))
        if self.flavour != "endpoints":
            return self.answer(404, problem(404, "Not Found Error", f"no route {route}"))
        if route == "/media/upload/initialize":
            if content_type != "application/json":
                return self.answer(415, problem(415, "Unsupported Media Type", "JSON body required"))
            body = json.loads(request.content)
            missing = {"media_type", "total_bytes", "media_category"} - set(body)
            if missing:
                return self.answer(400, problem(400, "Invalid Request", f"missing {sorted(missing)}", invalid))
            return self.answer(200, self._media_answer(self._new_media(body["media_category"], body["total_bytes"])))
        match = re.fullmatch(r"/media/upload/(\d+)/(append|finalize)", route)
        media = self.media.get(match.group(1)) if match else None
        if media is None:
            return self.answer(400, problem(400, "Invalid Request", "Invalid media_id", invalid))
        if match.group(2) == "append":
            fields = multipart_fields(request)
            return self._append(media, int(fields["segment_index"][0]), fields["media"][0])
        return self._finalize(media)

    def media_command(self, fields: dict[str, tuple[bytes, str | None, str]]) -> httpx.Response:
        command = fields["command"][0].decode()
        if command == "INIT":
            media_id = self._new_media(fields["media_category"][0].decode(), int(fields["total_bytes"][0]))
            return self.answer(200, self._media_answer(media_id))
        media = self.media[fields["media_id"][0].decode()]
        if command == "APPEND":
            return self._append(media, int(fields["segment_index"][0]), fields["media"][0])
        return self._finalize(media)

    def _new_media(self, category: str, total: int) -> str:
        media_id = self.new_id()
        self.media[media_id] = {
            "id": media_id,
            "category": category,
            "total": int(total),
            "segments": {},
            "state": "uploading",
            "script": list(self.processing_script),
            "expires_at": time.time() + 86400,
        }
        return media_id

    def _append(self, media: dict[str, Any], index: int, chunk: bytes) -> httpx.Response:
        if media["state"] != "uploading":
            return self.answer(400, problem(400, "Invalid Request", "media already finalized"))
        media["segments"][index] = chunk
        return self.answer(200, {"data": {"expires_at": int(media["expires_at"])}})

    def _finalize(self, media: dict[str, Any]) -> httpx.Response:
        indexes = sorted(media["segments"])
        size = sum(len(chunk) for chunk in media["segments"].values())
        if indexes != list(range(len(indexes))) or size != media["total"]:
            detail = f"segments {indexes} hold {size} bytes, expected {media['total']}"
            return self.answer(400, problem(400, "Invalid Request", detail))
        media["state"] = "pending"
        answer = self._media_answer(media["id"])
        answer["data"]["processing_info"] = self._info(media)
        return self.answer(200, answer)

    def _media_answer(self, media_id: str) -> dict[str, Any]:
        return {"data": {"id": media_id, "media_key": f"7_{media_id}", "expires_after_secs": 86400}}

    @staticmethod
    def _info(media: dict[str, Any]) -> dict[str, Any]:
        info: dict[str, Any] = {"state": media["state"]}
        if media["state"] in ("pending", "in_progress"):
            info["check_after_secs"] = 2
        if media["state"] == "failed":
            info["error"] = {"code": 1, "name": "InvalidMedia", "message": "Unsupported video codec"}
        return info


def _age_days(tweet: dict[str, Any]) -> float:
    created = int(tweet["id"]) >> 22
    return (time.time() * 1000 - SNOWFLAKE_EPOCH_MS - created) / 86_400_000


@pytest.fixture
def fake() -> FakeX:
    return FakeX()


@pytest.fixture
def api(fake):
    with respx.mock(assert_all_called=False) as router:
        router.route(host="api.x.test").mock(side_effect=fake)
        yield router


@pytest.fixture
def saved() -> dict[str, list]:
    return {"progress": [], "credentials": []}


@pytest.fixture
def ctx(api, saved) -> ConnectorContext:
    settings = Settings(
        _env_file=None,
        x_api_base_url=BASE,
        media_poll_interval_seconds=1,
        media_poll_timeout_seconds=30,
        http_timeout_seconds=5,
    )
    account = SocialAccount(workspace_id=1, platform="x", handle="acme", platform_account_id=USER_ID)
    with httpx.Client() as client:
        yield ConnectorContext(
            db=None,
            account=account,
            credentials={"access_token": TOKEN, "refresh_token": "x-refresh-token"},
            settings=settings,
            http=client,
            save_credentials=saved["credentials"].append,
            save_progress=lambda progress: saved["progress"].append(json.loads(json.dumps(progress))),
        )


@pytest.fixture
def waits(monkeypatch) -> list[float]:
    recorded: list[float] = []
    monkeypatch.setattr(x_module.connector, "sleep", recorded.append)
    return recorded


connector = x_module.connector


def request(text: str, **kwargs: Any) -> PublishRequest:
    return PublishRequest(text=text, idempotency_key=f"key-{text[:20]}", **kwargs)


def media_file(tmp_path, name: str, content_type: str, size: int) -> MediaFile:
    path = tmp_path / name
    path.write_bytes(bytes(range(256)) * (size // 256) + bytes(size % 256))
    return MediaFile(path=path, content_type=content_type, filename=name)


def test_registered_under_its_platform_name():
    assert registry.get_connector("x") is connector
    assert connector.text_limit == 280


def test_publishes_text_with_the_bearer_token(ctx, fake):
    result = connector.publish(ctx, request("Hello from Heraldo"))

    assert result.platform_post_id in fake.tweets
    assert fake.tweets[result.platform_post_id]["text"] == "Hello from Heraldo"
    assert result.url == f"https://x.com/acme/status/{result.platform_post_id}"
    assert result.published_at.tzinfo is not None


def test_a_thread_of_three_replies_each_to_the_previous_post(ctx, fake):
    first = connector.publish(ctx, request("1/3 A thread"))
    second = connector.reply(ctx, request("2/3 goes on"), ReplyTo(parent=first, root=first))
    third = connector.reply(ctx, request("3/3 and ends"), ReplyTo(parent=second, root=first))

    tweets = fake.tweets
    assert tweets[second.platform_post_id]["referenced_tweets"] == [
        {"type": "replied_to", "id": first.platform_post_id}
    ]
    assert tweets[third.platform_post_id]["referenced_tweets"] == [
        {"type": "replied_to", "id": second.platform_post_id}
    ]
    assert {tweets[r.platform_post_id]["conversation_id"] for r in (first, second, third)} == {first.platform_post_id}


def test_reply_to_a_missing_post_is_invalid(ctx):
    ghost = PublishResult(platform_post_id="123", published_at=utcnow())
    with pytest.raises(Invalid, match="replying to has been deleted"):
        connector.reply(ctx, request("answer"), ReplyTo(parent=ghost, root=ghost))


def test_images_go_through_simple_upload_and_are_attached(ctx, fake, saved, tmp_path):
    images = [media_file(tmp_path, f"p{i}.png", "image/png", 3000) for i in range(2)]

    result = connector.publish(ctx, request("Two pictures", media=images))

    uploads = [c for c in fake.calls if c == ("POST", "/2/media/upload")]
    assert len(uploads) == 2
    media_ids = [m for m, media in fake.media.items() if media["category"] == "tweet_image"]
    assert fake.tweets[result.platform_post_id]["attachments"]["media_keys"] == [f"3_{m}" for m in media_ids]
    assert all(media["total"] == 3000 for media in fake.media.values())
    # Each media id was recorded as soon as it existed, so a retry reuses it.
    assert [len(p["x_media"]) for p in saved["progress"]] == [1, 2]


def test_a_retry_reuses_unexpired_media_and_uploads_expired_again(ctx, fake, tmp_path):
    images = [media_file(tmp_path, f"p{i}.png", "image/png", 500) for i in range(2)]
    first = request("Retry with media", media=images)
    fake.fail_next("POST", "/2/tweets", httpx.Response(503, json=problem(503, "Service Unavailable", "Over capacity")))
    with pytest.raises(Transient):
        connector.publish(ctx, first)
    stored = first.progress["x_media"]
    stored["1"]["expires_at"] = time.time() + 60  # inside the safety margin: treat as expired
    uploads_before = fake.calls.count(("POST", "/2/media/upload"))

    retry = PublishRequest(
        text=first.text, idempotency_key=first.idempotency_key, media=images, progress=first.progress
    )
    result = connector.publish(ctx, retry)

    assert fake.calls.count(("POST", "/2/media/upload")) == uploads_before + 1
    assert len(fake.tweets[result.platform_post_id]["attachments"]["media_keys"]) == 2
    assert retry.progress["x_media"]["0"]["id"] == stored["0"]["id"]


def test_video_goes_through_chunked_upload_and_waits_for_processing(ctx, fake, waits, monkeypatch, tmp_path):
    monkeypatch.setattr(connector, "chunk_bytes", 1000)
    video = media_file(tmp_path, "clip.mp4", "video/mp4", 2500)

    result = connector.publish(ctx, request("Watch this", media=[video]))

    media = next(iter(fake.media.values()))
    assert media["category"] == "tweet_video"
    assert sorted(media["segments"]) == [0, 1, 2]
    assert media["state"] == "succeeded"
    assert fake.calls.count(("GET", "/2/media/upload")) == 2  # pending -> in_progress -> succeeded
    assert waits == [2, 2]  # check_after_secs
    assert fake.tweets[result.platform_post_id]["attachments"]["media_keys"] == [f"3_{media['id']}"]


def test_gif_uses_the_gif_category(ctx, fake, waits, tmp_path):
    connector.publish(ctx, request("Animated", media=[media_file(tmp_path, "a.gif", "image/gif", 400)]))

    assert next(iter(fake.media.values()))["category"] == "tweet_gif"


def test_failed_video_processing_is_invalid_with_the_reason(ctx, fake, waits, tmp_path):
    fake.processing_script = ["in_progress", "failed"]
    with pytest.raises(Invalid, match="Unsupported video codec"):
        connector.publish(ctx, request("Broken", media=[media_file(tmp_path, "v.mp4", "video/mp4", 300)]))
    assert fake.tweets == {}


def test_slow_processing_gives_up_as_transient_and_the_retry_carries_on(ctx, fake, waits, saved, tmp_path):
    fake.processing_script = ["in_progress"] * 30 + ["succeeded"]
    video = [media_file(tmp_path, "v.mp4", "video/mp4", 300)]
    first = request("Slow video", media=video)
    with pytest.raises(Transient, match="still processing"):
        connector.publish(ctx, first)
    assert sum(waits) <= 30
    fake.media[first.progress["x_media"]["0"]["id"]]["script"] = ["succeeded"]

    result = connector.publish(ctx, first)

    assert len(fake.media) == 1  # no second upload
    assert fake.tweets[result.platform_post_id]["attachments"]["media_keys"]


def test_command_flavour_is_rejected_by_an_endpoints_server(ctx, waits, monkeypatch, tmp_path):
    monkeypatch.setattr(connector, "media_upload_flavour", "command")
    with pytest.raises(Invalid, match="Unknown parameter: command"):
        connector.publish(ctx, request("Clip", media=[media_file(tmp_path, "v.mp4", "video/mp4", 300)]))


def test_command_flavour_works_against_a_command_server(ctx, fake, waits, monkeypatch, tmp_path):
    fake.flavour = "command"
    monkeypatch.setattr(connector, "media_upload_flavour", "command")
    monkeypatch.setattr(connector, "chunk_bytes", 200)

    result = connector.publish(ctx, request("Clip", media=[media_file(tmp_path, "v.mp4", "video/mp4", 500)]))

    assert sorted(next(iter(fake.media.values()))["segments"]) == [0, 1, 2]
    assert result.platform_post_id in fake.tweets


def test_media_mixes_x_refuses_fail_before_any_call(ctx, fake, tmp_path):
    with pytest.raises(Invalid, match="at most 4"):
        connector.publish(
            ctx, request("Five", media=[media_file(tmp_path, f"{i}.png", "image/png", 10) for i in range(5)])
        )
    video = media_file(tmp_path, "v.mp4", "video/mp4", 10)
    with pytest.raises(Invalid, match="one video"):
        connector.publish(ctx, request("Mix", media=[video, media_file(tmp_path, "p.png", "image/png", 10)]))
    assert fake.calls == []


def test_delete_and_deleting_again_are_both_done(ctx, fake):
    result = connector.publish(ctx, request("Short-lived"))

    connector.delete(ctx, result.platform_post_id)
    connector.delete(ctx, result.platform_post_id)  # deleted: false
    fake.fail_next("DELETE", "/2/tweets/", httpx.Response(404, json=problem(404, "Not Found Error", "gone")))
    connector.delete(ctx, result.platform_post_id)

    assert result.platform_post_id not in fake.tweets


def test_401_with_a_refresh_token_is_auth_expired(ctx):
    ctx.credentials["access_token"] = "expired"
    with pytest.raises(AuthExpired):
        connector.publish(ctx, request("Hi"))


def test_401_without_a_refresh_token_is_auth_revoked(ctx):
    ctx.credentials = {"access_token": "expired"}
    with pytest.raises(AuthRevoked):
        connector.publish(ctx, request("Hi"))


def test_duplicate_content_is_invalid_with_x_message(ctx):
    connector.publish(ctx, request("Same words"))
    with pytest.raises(Invalid, match="duplicate content") as caught:
        connector.publish(ctx, request("Same words"))
    assert not caught.value.retryable


def test_403_naming_a_scope_is_permission_missing(ctx, fake, tmp_path):
    detail = "Your client app is missing the required scope: media.write"
    fake.fail_next("POST", "/2/media/upload", httpx.Response(403, json=problem(403, "Forbidden", detail)))
    with pytest.raises(PermissionMissing, match=r"media\.write"):
        connector.publish(ctx, request("Pic", media=[media_file(tmp_path, "p.png", "image/png", 10)]))


def test_client_not_enrolled_is_permanent_not_reconnect(ctx, fake):
    body = problem(
        403,
        "Client Forbidden",
        "When authenticating requests to the Twitter API v2 endpoints, you must use keys and tokens from a "
        "Twitter developer App that is attached to a Project.",
        f"{PROBLEMS}/client-forbidden",
        reason="client-not-enrolled",
    )
    fake.fail_next("POST", "/2/tweets", httpx.Response(403, json=body))
    with pytest.raises(Invalid, match="client-not-enrolled"):
        connector.publish(ctx, request("Hi"))


def test_too_long_text_is_invalid(ctx):
    with pytest.raises(Invalid, match="too long"):
        connector.publish(ctx, request("x" * 281))


def test_429_waits_until_the_window_resets(ctx, fake):
    reset = int(time.time()) + 600
    headers = {"x-rate-limit-limit": "100", "x-rate-limit-remaining": "0", "x-rate-limit-reset": str(reset)}
    body = problem(429, "Too Many Requests", "Too Many Requests")
    fake.fail_next("POST", "/2/tweets", httpx.Response(429, json=body, headers=headers))
    with pytest.raises(RateLimited) as caught:
        connector.publish(ctx, request("Hi"))
    assert 590 <= caught.value.retry_after <= 600


def test_429_on_the_24_hour_cap_waits_for_that_reset_and_retry_after_if_larger(ctx, fake):
    now = int(time.time())
    headers = {
        "x-rate-limit-remaining": "50",
        "x-rate-limit-reset": str(now + 300),
        "x-user-limit-24hour-limit": "17",
        "x-user-limit-24hour-remaining": "0",
        "x-user-limit-24hour-reset": str(now + 7200),
    }
    old_style = {"errors": [{"code": 88, "message": "Rate limit exceeded"}]}
    fake.fail_next("POST", "/2/tweets", httpx.Response(429, json=old_style, headers=headers))
    with pytest.raises(RateLimited, match="Rate limit exceeded") as caught:
        connector.publish(ctx, request("Hi"))
    assert 7190 <= caught.value.retry_after <= 7200

    fake.fail_next("POST", "/2/tweets", httpx.Response(429, json=old_style, headers={**headers, "retry-after": "9000"}))
    with pytest.raises(RateLimited) as caught:
        connector.publish(ctx, request("Hi"))
    assert caught.value.retry_after == 9000


def test_usage_capped_429_is_rate_limited_for_at_least_a_day_without_headers(ctx, fake):
    body = problem(429, "UsageCapExceeded", "Usage cap exceeded: Monthly product cap", f"{PROBLEMS}/usage-capped")
    fake.fail_next("POST", "/2/tweets", httpx.Response(429, json=body))
    with pytest.raises(RateLimited, match="usage cap") as caught:
        connector.publish(ctx, request("Hi"))
    assert caught.value.retry_after == 24 * 3600


def test_5xx_is_transient_and_never_reconnect(ctx, fake):
    fake.fail_next("POST", "/2/tweets", httpx.Response(503, json=problem(503, "Service Unavailable", "Over capacity")))
    with pytest.raises(Transient):
        connector.publish(ctx, request("Hi"))


def test_a_post_whose_answer_never_came_is_outcome_unknown(ctx, fake):
    fake.fail_next("POST", "/2/tweets", httpx.ReadTimeout("timed out"))
    with pytest.raises(OutcomeUnknown):
        connector.publish(ctx, request("Hi"))


def test_a_post_that_could_not_connect_is_transient(ctx, fake):
    fake.fail_next("POST", "/2/tweets", httpx.ConnectError("refused"))
    with pytest.raises(Transient):
        connector.publish(ctx, request("Hi"))


def test_find_published_matches_the_exact_text_with_links_expanded(ctx, fake, tmp_path):
    since = utcnow() - timedelta(minutes=5)
    fake.add_tweet("Older & same text https://acme.example/launch", days_ago=1)
    text = "Launch day & more <3 https://acme.example/launch"
    sent = connector.publish(ctx, request(text, media=[media_file(tmp_path, "p.png", "image/png", 50)]))
    fake.add_tweet("Something else")

    found = connector.find_published(ctx, request(text), since)

    assert found is not None
    assert found.platform_post_id == sent.platform_post_id
    assert found.url == sent.url
    timeline = next(r for r in fake.requests if r.url.path == f"/2/users/{USER_ID}/tweets")
    assert timeline.url.params["start_time"] == since.strftime("%Y-%m-%dT%H:%M:%SZ")


def test_find_published_follows_pages_and_checks_the_reply_target(ctx, fake):
    fake.page_size = 2
    since = utcnow() - timedelta(minutes=5)
    root = connector.publish(ctx, request("Root"))
    reply = connector.reply(ctx, request("Thanks!"), ReplyTo(parent=root, root=root))
    for i in range(5):
        fake.add_tweet(f"Noise {i}")

    wanted = request("Thanks!")
    wanted.reply_to = ReplyTo(parent=root, root=root)
    assert connector.find_published(ctx, wanted, since).platform_post_id == reply.platform_post_id
    not_a_reply = connector.find_published(ctx, request("Thanks!"), since)
    assert not_a_reply is None


def test_find_published_ignores_posts_before_since(ctx, fake):
    fake.add_tweet("Evergreen tip", days_ago=3)
    assert connector.find_published(ctx, request("Evergreen tip"), utcnow() - timedelta(days=1)) is None


def test_find_published_looks_up_the_user_id_when_not_stored(ctx, fake):
    ctx.account.platform_account_id = None
    connector.publish(ctx, request("Who am I"))
    assert connector.find_published(ctx, request("Who am I"), utcnow() - timedelta(minutes=1)) is not None
    assert ("GET", "/2/users/me") in fake.calls


def test_metrics_private_for_recent_posts_public_for_older_ones(ctx, fake):
    recent = fake.add_tweet("Recent", days_ago=2)
    old = fake.add_tweet("Old", days_ago=45)
    fake.tweets[recent]["metrics"] = {"like_count": 5, "reply_count": 2, "retweet_count": 3, "quote_count": 1}
    fake.tweets[old]["metrics"] = {"like_count": 9, "reply_count": 0, "retweet_count": 1, "quote_count": 0}

    samples = {s.platform_post_id: s for s in connector.fetch_metrics(ctx, [recent, old, "1"])}

    assert set(samples) == {recent, old}
    assert (samples[recent].likes, samples[recent].comments, samples[recent].shares) == (5, 2, 3)
    assert (samples[recent].quotes, samples[recent].saves) == (1, 1)
    assert (samples[recent].impressions, samples[recent].clicks) == (120, 7)
    assert (samples[old].likes, samples[old].impressions, samples[old].clicks) == (9, 100, None)


def test_metrics_fall_back_to_public_when_private_fields_are_refused(ctx, fake):
    recent = fake.add_tweet("Not ours after all", days_ago=1)
    fake.private_metrics_refused = True

    (sample,) = connector.fetch_metrics(ctx, [recent])

    assert (sample.likes, sample.impressions, sample.clicks) == (0, 100, None)


def test_interactions_are_mentions_and_replies_across_pages(ctx, fake):
    fake.page_size = 1
    fake.users["77"] = {"id": "77", "username": "fan", "name": "A Fan"}
    ours = fake.add_tweet("Our post", days_ago=1)
    reply = fake.add_tweet(
        "@acme love it & more",
        days_ago=0.5,
        author="77",
        in_reply_to_user_id=USER_ID,
        referenced_tweets=[{"type": "replied_to", "id": ours}],
    )
    mention = fake.add_tweet("hey @acme", days_ago=0.2, author="77")
    old = fake.add_tweet("ancient @acme", days_ago=9, author="77")
    fake.mentions = [fake.tweets.pop(i) for i in (reply, mention, old)]

    samples = connector.fetch_interactions(ctx, utcnow() - timedelta(days=2))

    assert [(s.platform_id, s.kind) for s in samples] == [(mention, "mention"), (reply, "reply")]
    assert samples[1].in_reply_to_platform_post_id == ours
    assert (samples[1].author_handle, samples[1].author_name) == ("fan", "A Fan")
    assert samples[1].text == "@acme love it & more"


# -- answering interactions ---------------------------------------------------------------------


def fan_mention(fake: FakeX, text: str, **fields: Any) -> str:
    """A post by someone else that mentions the account: in X's store (so replies can target it) and in
    the mentions timeline."""
    fake.users["77"] = {"id": "77", "username": "fan", "name": "A Fan"}
    tweet_id = fake.add_tweet(text, days_ago=0.1, author="77", **fields)
    fake.mentions.append(fake.tweets[tweet_id])
    return tweet_id


def test_interactions_carry_the_conversation_in_extra(ctx, fake):
    ours = fake.add_tweet("Our post", days_ago=1)
    reply = fan_mention(
        fake,
        "@acme when?",
        in_reply_to_user_id=USER_ID,
        referenced_tweets=[{"type": "replied_to", "id": ours}],
        conversation_id=ours,
    )
    mention = fan_mention(fake, "hey @acme")

    samples = {s.platform_id: s for s in connector.fetch_interactions(ctx, utcnow() - timedelta(days=2))}

    assert samples[reply].extra == {"author_id": "77", "conversation_id": ours, "root_id": ours}
    assert samples[mention].extra == {"author_id": "77", "conversation_id": mention}
    json.dumps([s.extra for s in samples.values()])  # stored in a JSON column


def test_reply_to_interaction_answers_the_mention_itself(ctx, fake):
    ours = fake.add_tweet("Our post", days_ago=1)
    mention = fan_mention(
        fake,
        "@acme is it vegan?",
        in_reply_to_user_id=USER_ID,
        referenced_tweets=[{"type": "replied_to", "id": ours}],
        conversation_id=ours,
    )
    (sample,) = connector.fetch_interactions(ctx, utcnow() - timedelta(days=2))
    ref = InteractionRef(sample.platform_id, sample.kind, json.loads(json.dumps(sample.extra)))

    result = connector.reply_to_interaction(ctx, request("Yes, fully vegan!"), ref)

    sent = fake.requests[-1]
    assert (sent.method, sent.url.path) == ("POST", "/2/tweets")
    assert json.loads(sent.content) == {"text": "Yes, fully vegan!", "reply": {"in_reply_to_tweet_id": mention}}
    assert result.platform_post_id in fake.tweets
    assert fake.tweets[result.platform_post_id]["conversation_id"] == ours
    assert result.url == f"https://x.com/acme/status/{result.platform_post_id}"


def test_reply_to_interaction_errors_are_classified_like_publishing(ctx, fake):
    mention = fan_mention(fake, "hey @acme")
    ref = InteractionRef(mention, "mention", {"author_id": "77", "conversation_id": mention})
    reset = int(time.time()) + 300
    headers = {"x-rate-limit-limit": "100", "x-rate-limit-remaining": "0", "x-rate-limit-reset": str(reset)}
    fake.fail_next(
        "POST", "/2/tweets", httpx.Response(429, json=problem(429, "Too Many Requests", "Too Many"), headers=headers)
    )
    with pytest.raises(RateLimited) as caught:
        connector.reply_to_interaction(ctx, request("Hello!"), ref)
    assert 290 <= caught.value.retry_after <= 300

    # X lets an account answer only posts whose author mentioned or engaged with it.
    detail = (
        "Reply to this conversation is not allowed because you have not been mentioned or otherwise engaged "
        "by the author of the post you are replying to."
    )
    fake.fail_next("POST", "/2/tweets", httpx.Response(403, json=problem(403, "Forbidden", detail)))
    with pytest.raises(Invalid, match="not allowed"):
        connector.reply_to_interaction(ctx, request("Hello again"), ref)

    ctx.credentials = {"access_token": "revoked"}
    with pytest.raises(AuthRevoked):
        connector.reply_to_interaction(ctx, request("Hello there"), ref)


def test_reply_to_a_direct_message_is_refused_before_any_call(ctx, fake):
    with pytest.raises(Invalid, match="direct messages"):
        connector.reply_to_interaction(ctx, request("Hi"), InteractionRef("123", "direct_message", {}))
    assert fake.calls == []
