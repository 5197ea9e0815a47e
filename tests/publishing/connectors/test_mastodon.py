"""The Mastodon connector against a local fake instance (shared/PLATFORM_APIS.md §8, §12).

The fake checks what Mastodon checks (bearer token, Idempotency-Key, JSON or multipart bodies, the
character limit, reply targets, unprocessed media) and answers with Mastodon's bodies: statuses with
HTML `content`, 202/206 media processing, `{"error": ...}` errors, `X-RateLimit-*` headers with an ISO
reset, and `Link` header pagination. It runs on respx: no network, no database.
"""

import html
import json
import re
from datetime import UTC, datetime, timedelta
from email.parser import BytesParser
from email.policy import default as default_policy
from typing import Any

import httpx
import pytest
import regex
import respx

from heraldo.core.clock import utcnow
from heraldo.core.settings import Settings
from heraldo.posts.models import SocialAccount
from heraldo.publishing.connectors import mastodon as mastodon_module
from heraldo.publishing.connectors import registry
from heraldo.publishing.connectors.base import (
    ConnectorContext,
    InteractionRef,
    MediaFile,
    PublishRequest,
    PublishResult,
    ReplyTo,
)
from heraldo.publishing.errors import (
    AuthRevoked,
    Invalid,
    OutcomeUnknown,
    PermissionMissing,
    RateLimited,
    Transient,
)

INSTANCE = "https://social.example.test"
TOKEN = "masto-token"
ACCOUNT_ID = "109000000000000001"
UNPROCESSED = "Cannot attach files that have not finished processing. Try again in a moment!"

connector = mastodon_module.connector


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def render(text: str) -> str:
    """Status HTML the way Mastodon's formatter builds it from plain text."""
    token = re.compile(r"(https?://\S+)|@(\w+)@([\w.-]+\w)")

    def paragraph(part: str) -> str:
        out, last = [], 0
        for match in token.finditer(part):
            out.append(html.escape(part[last : match.start()]))
            if match.group(1):
                url = match.group(1)
                scheme, _, rest = url.partition("://")
                out.append(
                    f'<a href="{html.escape(url)}" target="_blank" rel="nofollow noopener" translate="no">'
                    f'<span class="invisible">{scheme}://</span><span class="ellipsis">{html.escape(rest[:30])}</span>'
                    f'<span class="invisible">{html.escape(rest[30:])}</span></a>'
                )
            else:
                user, domain = match.group(2), match.group(3)
                out.append(
                    f'<span class="h-card" translate="no"><a href="https://{domain}/@{user}" class="u-url mention">'
                    f"@<span>{user}</span></a></span>"
                )
            last = match.end()
        out.append(html.escape(part[last:]))
        return "<p>" + "".join(out).replace("\n", "<br />") + "</p>"

    return "".join(paragraph(part) for part in text.split("\n\n"))


def length(text: str) -> int:
    """Mastodon's count: graphemes, every URL 23, `@user@domain` as `@user`."""
    text = re.sub(r"https?://\S+", "x" * 23, text)
    text = re.sub(r"@(\w+)@[\w.-]+\w", r"@\1", text)
    return len(regex.findall(r"\X", text))


class FakeMastodon:
    def __init__(self) -> None:
        self.statuses: dict[str, dict[str, Any]] = {}
        self.media: dict[str, dict[str, Any]] = {}
        self.keys: dict[str, str] = {}
        self.notifications: list[dict[str, Any]] = []
        self.calls: list[tuple[str, str]] = []
        self.requests: list[httpx.Request] = []
        self.faults: list[tuple[str, str, Any]] = []
        self.next_id = 113500000000000000
        self.processing_polls = 2
        self.remaining = 299
        self.max_characters = 500
        self.page_size = 40

    def new_id(self) -> str:
        self.next_id += 1
        return str(self.next_id)

    def fail_next(self, method: str, path: str, answer: Any) -> None:
        self.faults.append((method, path, answer))

    def add_status(self, text: str, *, minutes_ago: float = 0, account: str = ACCOUNT_ID, **extra: Any) -> str:
        status_id = self.new_id()
        self.statuses[status_id] = self._status(status_id, text, utcnow() - timedelta(minutes=minutes_ago), account)
        self.statuses[status_id].update(extra)
        return status_id

    def _status(self, status_id: str, text: str, created: datetime, account: str = ACCOUNT_ID) -> dict[str, Any]:
        return {
            "id": status_id,
            "uri": f"{INSTANCE}/users/acme/statuses/{status_id}",
            "url": f"{INSTANCE}/@acme/{status_id}",
            "created_at": iso(created),
            "content": render(text),
            "text": text,
            "visibility": "public",
            "in_reply_to_id": None,
            "in_reply_to_account_id": None,
            "media_attachments": [],
            "account": {"id": account, "acct": "acme", "display_name": "Acme"},
            "replies_count": 0,
            "reblogs_count": 0,
            "favourites_count": 0,
        }

    # Wire protocol.

    def headers(self) -> dict[str, str]:
        reset = utcnow().replace(microsecond=0) + timedelta(minutes=5)
        return {
            "X-RateLimit-Limit": "300",
            "X-RateLimit-Remaining": str(self.remaining),
            "X-RateLimit-Reset": iso(reset),
        }

    def answer(self, status: int, body: Any = None, headers: dict[str, str] | None = None) -> httpx.Response:
        return httpx.Response(status, json=body, headers={**self.headers(), **(headers or {})})

    def error(self, status: int, message: str, headers: dict[str, str] | None = None) -> httpx.Response:
        return self.answer(status, {"error": message}, headers)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        method, path = request.method, request.url.path
        self.calls.append((method, path))
        self.requests.append(request)
        for index, (fault_method, prefix, answer) in enumerate(self.faults):
            if fault_method == method and path.startswith(prefix):
                del self.faults[index]
                if isinstance(answer, Exception):
                    raise answer
                return answer
        auth = request.headers.get("authorization")
        if auth == "Bearer revoked-token":
            return self.error(401, "The access token was revoked")
        if auth != f"Bearer {TOKEN}":
            return self.error(401, "The access token is invalid")
        if method == "POST" and path == "/api/v1/statuses":
            return self.create_status(request)
        if method == "POST" and path == "/api/v2/media":
            return self.upload(request)
        if method == "GET" and path == "/api/v1/accounts/verify_credentials":
            return self.answer(200, {"id": ACCOUNT_ID, "acct": "acme", "username": "acme"})
        if method == "GET" and path == f"/api/v1/accounts/{ACCOUNT_ID}/statuses":
            own = [s for s in self.statuses.values() if s["account"]["id"] == ACCOUNT_ID]
            return self.page(request, own)
        if method == "GET" and path == "/api/v1/notifications":
            types = request.url.params.get_list("types[]")
            return self.page(request, [n for n in self.notifications if not types or n["type"] in types])
        match = re.fullmatch(r"/api/v1/media/(\d+)", path)
        if method == "GET" and match:
            return self.poll_media(match.group(1))
        match = re.fullmatch(r"/api/v1/statuses/(\d+)", path)
        if match:
            status = self.statuses.get(match.group(1))
            if status is None:
                return self.error(404, "Record not found")
            if method == "DELETE":
                del self.statuses[status["id"]]
                return self.answer(200, status)
            return self.answer(200, {k: v for k, v in status.items() if k != "text"})
        return self.error(404, "Record not found")

    def create_status(self, request: httpx.Request) -> httpx.Response:
        if request.headers.get("content-type") != "application/json":
            return self.error(422, "Validation failed: Text can't be blank")
        body = json.loads(request.content)
        key = request.headers.get("idempotency-key")
        if key and key in self.keys:
            return self.answer(200, self.statuses[self.keys[key]])
        text = body.get("status") or ""
        media_ids = body.get("media_ids") or []
        if not text and not media_ids:
            return self.error(422, "Validation failed: Text can't be blank")
        if length(text) > self.max_characters:
            return self.error(422, f"Validation failed: Text character limit of {self.max_characters} exceeded")
        if len(media_ids) > 4:
            return self.error(422, "Validation failed: Cannot attach more than 4 files")
        for media_id in media_ids:
            media = self.media.get(media_id)
            if media is None or media["status_id"]:
                return self.error(422, "Validation failed: Media attachments are invalid")
            if media["polls_left"] > 0:
                return self.error(422, UNPROCESSED)
        parent = body.get("in_reply_to_id")
        if parent is not None and parent not in self.statuses:
            return self.error(404, "Record not found")
        visibility = body.get("visibility") or "public"
        if visibility not in ("public", "unlisted", "private", "direct"):
            return self.error(422, "Validation failed: Visibility is not included in the list")
        status_id = self.new_id()
        status = self._status(status_id, text, utcnow())
        status["visibility"] = visibility
        if parent is not None:
            status["in_reply_to_id"] = parent
            status["in_reply_to_account_id"] = self.statuses[parent]["account"]["id"]
        for media_id in media_ids:
            self.media[media_id]["status_id"] = status_id
            status["media_attachments"].append(self._attachment(media_id))
        self.statuses[status_id] = status
        if key:
            self.keys[key] = status_id
        return self.answer(200, status)

    def upload(self, request: httpx.Request) -> httpx.Response:
        content_type = request.headers.get("content-type", "")
        if not content_type.startswith("multipart/form-data"):
            return self.error(422, "Validation failed: File can't be blank")
        message = BytesParser(policy=default_policy).parsebytes(
            b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + request.content
        )
        fields = {part.get_param("name", header="content-disposition"): part for part in message.iter_parts()}
        if "file" not in fields:
            return self.error(422, "Validation failed: File can't be blank")
        media_id = self.new_id()
        self.media[media_id] = {
            "id": media_id,
            "size": len(fields["file"].get_payload(decode=True)),
            "type": fields["file"].get_content_type(),
            "description": fields["description"].get_content().strip() if "description" in fields else None,
            "polls_left": self.processing_polls,
            "status_id": None,
        }
        attachment = self._attachment(media_id)
        return self.answer(202 if self.processing_polls else 200, attachment)

    def poll_media(self, media_id: str) -> httpx.Response:
        media = self.media.get(media_id)
        if media is None or media["status_id"]:
            return self.error(404, "Record not found")
        if media["polls_left"] > 0:
            media["polls_left"] -= 1
            if media["polls_left"] > 0:
                return self.answer(206, self._attachment(media_id))
        return self.answer(200, self._attachment(media_id))

    def _attachment(self, media_id: str) -> dict[str, Any]:
        media = self.media[media_id]
        ready = media["polls_left"] == 0
        return {
            "id": media_id,
            "type": "image" if media["type"].startswith("image/") else "video",
            "url": f"{INSTANCE}/system/media/{media_id}.png" if ready else None,
            "preview_url": f"{INSTANCE}/system/media/{media_id}_small.png",
            "description": media["description"],
        }

    def page(self, request: httpx.Request, items: list[dict[str, Any]]) -> httpx.Response:
        params = request.url.params
        items = sorted(items, key=lambda item: int(item["id"]), reverse=True)
        if params.get("max_id"):
            items = [item for item in items if int(item["id"]) < int(params["max_id"])]
        limit = min(int(params.get("limit", "20")), self.page_size)
        page = items[:limit]
        headers = {}
        if len(items) > limit:
            # Link URLs keep the other query parameters; clients follow them as given.
            query = [(k, v) for k, v in params.multi_items() if k != "max_id"] + [("max_id", page[-1]["id"])]
            next_url = request.url.copy_with(params=query)
            headers["Link"] = (
                f'<{next_url}>; rel="next", <{request.url.copy_with(params={"min_id": page[0]["id"]})}>; rel="prev"'
            )
        return self.answer(200, page, headers)


# -- fixtures -----------------------------------------------------------------------------------


@pytest.fixture
def fake() -> FakeMastodon:
    return FakeMastodon()


@pytest.fixture
def progress_log() -> list[dict[str, Any]]:
    return []


@pytest.fixture
def ctx(fake, progress_log) -> ConnectorContext:
    settings = Settings(
        _env_file=None, media_poll_interval_seconds=2, media_poll_timeout_seconds=20, http_timeout_seconds=5
    )
    with respx.mock(assert_all_called=False) as router, httpx.Client() as client:
        router.route(host="social.example.test").mock(side_effect=fake)
        yield ConnectorContext(
            db=None,
            account=SocialAccount(
                workspace_id=1,
                platform="mastodon",
                handle="acme",
                platform_account_id=ACCOUNT_ID,
                instance_url=INSTANCE + "/",
            ),
            credentials={"access_token": TOKEN},
            settings=settings,
            http=client,
            save_progress=lambda progress: progress_log.append(json.loads(json.dumps(progress))),
        )


@pytest.fixture
def waits(monkeypatch) -> list[float]:
    recorded: list[float] = []
    monkeypatch.setattr(connector, "sleep", recorded.append)
    return recorded


def request(text: str, key: str | None = None, **kwargs: Any) -> PublishRequest:
    return PublishRequest(text=text, idempotency_key=key or f"key-{text[:30]}", **kwargs)


def image(tmp_path, name: str = "p.png", size: int = 1500) -> MediaFile:
    path = tmp_path / name
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(size - 8))
    return MediaFile(path=path, content_type="image/png", filename=name)


# -- tests --------------------------------------------------------------------------------------


def test_registered_under_its_platform_name():
    assert registry.get_connector("mastodon") is connector
    assert connector.text_limit == 500


def test_publishes_with_the_bearer_token_and_our_idempotency_key(ctx, fake):
    result = connector.publish(ctx, request("Hello fediverse", key="target-17-key"))

    sent = fake.requests[-1]
    assert sent.headers["idempotency-key"] == "target-17-key"
    assert json.loads(sent.content) == {"status": "Hello fediverse", "visibility": "public"}
    assert result.platform_post_id in fake.statuses
    assert result.url == f"{INSTANCE}/@acme/{result.platform_post_id}"
    assert abs((result.published_at - utcnow()).total_seconds()) < 5
    assert result.extra["uri"].startswith(INSTANCE)


def test_the_same_key_twice_returns_the_first_status_and_creates_nothing(ctx, fake):
    first = connector.publish(ctx, request("Once only", key="k1"))
    again = connector.publish(ctx, request("Once only", key="k1"))

    assert again.platform_post_id == first.platform_post_id
    assert len(fake.statuses) == 1


def test_a_thread_of_three_replies_each_to_the_previous_status(ctx, fake):
    first = connector.publish(ctx, request("1/3 thread"))
    second = connector.reply(ctx, request("2/3 more"), ReplyTo(parent=first, root=first))
    third = connector.reply(ctx, request("3/3 end"), ReplyTo(parent=second, root=first))

    assert fake.statuses[first.platform_post_id]["in_reply_to_id"] is None
    assert fake.statuses[second.platform_post_id]["in_reply_to_id"] == first.platform_post_id
    assert fake.statuses[third.platform_post_id]["in_reply_to_id"] == second.platform_post_id


def test_reply_to_a_missing_status_is_invalid(ctx):
    ghost = PublishResult(platform_post_id="1", published_at=utcnow())
    with pytest.raises(Invalid, match="Record not found"):
        connector.reply(ctx, request("answer"), ReplyTo(parent=ghost, root=ghost))


def test_media_is_polled_until_processed_then_attached(ctx, fake, waits, progress_log, tmp_path):
    fake.processing_polls = 3
    result = connector.publish(ctx, request("With a picture", media=[image(tmp_path)]))

    (media_id,) = fake.media
    upload = next(r for r in fake.requests if r.url.path == "/api/v2/media")
    assert upload.headers["content-type"].startswith("multipart/form-data")
    assert fake.media[media_id]["size"] == 1500 and fake.media[media_id]["type"] == "image/png"
    assert fake.calls.count(("GET", f"/api/v1/media/{media_id}")) == 3  # 206, 206, 200
    assert waits == [2, 2, 2]
    assert [a["id"] for a in fake.statuses[result.platform_post_id]["media_attachments"]] == [media_id]
    assert progress_log == [{"mastodon_media_ids": {"0": media_id}}]


def test_media_ready_at_once_is_not_polled(ctx, fake, waits, tmp_path):
    fake.processing_polls = 0
    connector.publish(ctx, request("Quick picture", media=[image(tmp_path)]))

    assert not [c for c in fake.calls if c[1].startswith("/api/v1/media/")]
    assert waits == []


def test_a_422_for_unprocessed_media_waits_and_posts_again_with_the_same_key(ctx, fake, waits, tmp_path):
    fake.processing_polls = 0
    fake.fail_next("POST", "/api/v1/statuses", fake.error(422, UNPROCESSED))

    result = connector.publish(ctx, request("Patience", key="k-patience", media=[image(tmp_path)]))

    posts = [r for r in fake.requests if r.url.path == "/api/v1/statuses"]
    assert [r.headers["idempotency-key"] for r in posts] == ["k-patience", "k-patience"]
    assert waits == [2]
    assert result.platform_post_id in fake.statuses


def test_a_retry_reuses_processed_media_and_uploads_vanished_media_again(ctx, fake, waits, tmp_path):
    fake.processing_polls = 0
    media = [image(tmp_path, "a.png"), image(tmp_path, "b.png")]
    first = request("Two pictures", media=media)
    fake.fail_next("POST", "/api/v1/statuses", fake.error(503, "Service Unavailable"))
    with pytest.raises(Transient):
        connector.publish(ctx, first)
    kept, vanished = first.progress["mastodon_media_ids"]["0"], first.progress["mastodon_media_ids"]["1"]
    del fake.media[vanished]  # cleaned up by the instance

    result = connector.publish(ctx, first)

    attached = [a["id"] for a in fake.statuses[result.platform_post_id]["media_attachments"]]
    assert attached[0] == kept and attached[1] not in (kept, vanished)
    assert fake.calls.count(("POST", "/api/v2/media")) == 3


def test_media_still_processing_after_the_timeout_is_transient_and_kept(ctx, fake, waits, tmp_path):
    fake.processing_polls = 100
    first = request("Slow", media=[image(tmp_path)])
    with pytest.raises(Transient, match="still processing"):
        connector.publish(ctx, first)
    assert sum(waits) <= 20
    fake.media[first.progress["mastodon_media_ids"]["0"]]["polls_left"] = 1

    result = connector.publish(ctx, first)

    assert len(fake.media) == 1
    assert fake.statuses[result.platform_post_id]["media_attachments"]


def test_more_than_four_attachments_fail_before_any_call(ctx, fake, tmp_path):
    with pytest.raises(Invalid, match="at most 4"):
        connector.publish(ctx, request("Five", media=[image(tmp_path, f"{i}.png") for i in range(5)]))
    assert fake.calls == []


def test_delete_and_deleting_again_are_both_done(ctx, fake):
    result = connector.publish(ctx, request("Short-lived"))

    connector.delete(ctx, result.platform_post_id)
    connector.delete(ctx, result.platform_post_id)  # 404 now

    assert fake.calls[-2:] == [("DELETE", f"/api/v1/statuses/{result.platform_post_id}")] * 2
    assert result.platform_post_id not in fake.statuses


def test_401_is_auth_revoked_since_mastodon_tokens_never_expire(ctx):
    ctx.credentials["access_token"] = "revoked-token"
    with pytest.raises(AuthRevoked, match="revoked"):
        connector.publish(ctx, request("Hi"))


def test_403_is_permission_missing(ctx, fake):
    fake.fail_next("POST", "/api/v1/statuses", fake.error(403, "This action is not allowed"))
    with pytest.raises(PermissionMissing, match="not allowed"):
        connector.publish(ctx, request("Hi"))


def test_over_the_limit_is_invalid_with_the_instance_message(ctx):
    with pytest.raises(Invalid, match="character limit of 500"):
        connector.publish(ctx, request("a" * 501))


def test_429_waits_until_the_iso_reset(ctx, fake):
    reset = utcnow().replace(microsecond=0) + timedelta(minutes=4)
    headers = {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": iso(reset)}
    fake.fail_next("POST", "/api/v1/statuses", fake.error(429, "Too many requests", headers))
    with pytest.raises(RateLimited, match="Too many requests") as caught:
        connector.publish(ctx, request("Hi"))
    assert 230 <= caught.value.retry_after <= 240


def test_429_with_a_larger_retry_after_date_uses_it(ctx, fake):
    reset = utcnow().replace(microsecond=0) + timedelta(minutes=1)
    later = utcnow().replace(microsecond=0) + timedelta(minutes=10)
    headers = {
        "X-RateLimit-Remaining": "0",
        "X-RateLimit-Reset": iso(reset),
        "Retry-After": later.strftime("%a, %d %b %Y %H:%M:%S GMT"),
    }
    fake.fail_next("POST", "/api/v1/statuses", fake.error(429, "Too many requests", headers))
    with pytest.raises(RateLimited) as caught:
        connector.publish(ctx, request("Hi"))
    assert 590 <= caught.value.retry_after <= 600


def test_503_is_transient(ctx, fake):
    fake.fail_next("POST", "/api/v1/statuses", httpx.Response(503, text="<html>Service Unavailable</html>"))
    with pytest.raises(Transient):
        connector.publish(ctx, request("Hi"))


def test_a_status_whose_answer_never_came_is_outcome_unknown(ctx, fake):
    fake.fail_next("POST", "/api/v1/statuses", httpx.ReadTimeout("timed out"))
    with pytest.raises(OutcomeUnknown):
        connector.publish(ctx, request("Hi"))


def test_find_published_matches_the_rendered_text_since_a_time_across_pages(ctx, fake):
    fake.page_size = 2
    since = utcnow() - timedelta(minutes=30)
    text = "Big news & more:\nhttps://acme.example/blog/2026/a-very-long-path-indeed?x=1 thanks @bob@remote.example!"
    fake.add_status(text, minutes_ago=90)
    target = fake.add_status(text, minutes_ago=10)
    for i in range(3):
        fake.add_status(f"Later {i}", minutes_ago=5 - i)

    found = connector.find_published(ctx, request(text), since)

    assert found.platform_post_id == target
    assert found.url == fake.statuses[target]["url"]
    pages = [r for r in fake.requests if r.url.path.endswith("/statuses") and r.method == "GET"]
    assert len(pages) == 2 and pages[-1].url.params["max_id"]
    assert connector.find_published(ctx, request(text), utcnow() - timedelta(minutes=8)) is None


def test_find_published_checks_the_reply_parent_and_looks_up_the_account(ctx, fake):
    ctx.account.platform_account_id = None
    root = connector.publish(ctx, request("Root"))
    reply = connector.reply(ctx, request("Same words"), ReplyTo(parent=root, root=root))
    connector.publish(ctx, request("Same words", key="other"))

    wanted = request("Same words")
    wanted.reply_to = ReplyTo(parent=root, root=root)
    found = connector.find_published(ctx, wanted, utcnow() - timedelta(minutes=1))

    assert found.platform_post_id == reply.platform_post_id
    assert ("GET", "/api/v1/accounts/verify_credentials") in fake.calls


def test_metrics_are_the_status_counts(ctx, fake):
    status_id = fake.add_status("Counted")
    fake.statuses[status_id].update(favourites_count=12, reblogs_count=3, replies_count=4, quotes_count=1)
    other = fake.add_status("No quotes field")

    samples = connector.fetch_metrics(ctx, [status_id, other, "999"])

    assert [s.platform_post_id for s in samples] == [status_id, other]
    first = samples[0]
    assert (first.likes, first.shares, first.comments, first.quotes, first.impressions) == (12, 3, 4, 1, None)
    assert samples[1].quotes is None


def test_interactions_are_mention_notifications_following_the_link_header(ctx, fake):
    fake.page_size = 1
    ours = fake.add_status("Our post", minutes_ago=30)

    def notification(kind: str, minutes_ago: float, text: str, parent: str | None = None) -> dict[str, Any]:
        status = fake._status(fake.new_id(), text, utcnow() - timedelta(minutes=minutes_ago), account="555")
        status.update(in_reply_to_id=parent, account={"id": "555", "acct": "fan@else.where", "display_name": "Fan"})
        created = iso(utcnow() - timedelta(minutes=minutes_ago))
        return {
            "id": fake.new_id(),
            "type": kind,
            "created_at": created,
            "account": status["account"],
            "status": status,
        }

    fake.notifications = [
        notification("mention", 120, "old mention"),
        notification("mention", 20, "@acme loved it & more", parent=ours),
        notification("favourite", 15, "Our post"),
        notification("mention", 10, "hello @acme"),
    ]

    samples = connector.fetch_interactions(ctx, utcnow() - timedelta(minutes=60))

    assert [(s.kind, s.text) for s in samples] == [("mention", "hello @acme"), ("reply", "@acme loved it & more")]
    assert samples[1].in_reply_to_platform_post_id == ours
    assert (samples[1].author_handle, samples[1].author_name) == ("fan@else.where", "Fan")
    first = next(r for r in fake.requests if r.url.path == "/api/v1/notifications")
    assert first.url.params.get_list("types[]") == ["mention"]


def test_html_to_text_reads_paragraphs_breaks_links_and_mentions():
    text = "One & two\nthree\n\nhttps://acme.example/a/very/long/path/that/gets/ellipsised and @bob@remote.example"
    assert mastodon_module.html_to_text(render(text)) == text.replace("@bob@remote.example", "@bob")


# -- answering interactions ---------------------------------------------------------------------


def fan_mention(fake: FakeMastodon, text: str, *, visibility: str = "public", parent: str | None = None) -> str:
    """A status by a remote account mentioning us, known to our instance, and its mention notification."""
    status_id = fake.add_status(text, minutes_ago=5, account="555")
    status = fake.statuses[status_id]
    status.update(
        visibility=visibility,
        in_reply_to_id=parent,
        account={"id": "555", "acct": "fan@else.where", "display_name": "Fan"},
        uri=f"https://else.where/users/fan/statuses/{status_id}",
    )
    fake.notifications.append(
        {
            "id": fake.new_id(),
            "type": "mention",
            "created_at": status["created_at"],
            "account": status["account"],
            "status": status,
        }
    )
    return status_id


def test_interactions_carry_the_author_acct_and_visibility_in_extra(ctx, fake):
    ours = fake.add_status("Our post", minutes_ago=30)
    public = fan_mention(fake, "@acme loved it", parent=ours)
    direct = fan_mention(fake, "@acme a private question", visibility="direct")

    samples = {s.platform_id: s for s in connector.fetch_interactions(ctx, utcnow() - timedelta(hours=1))}

    assert samples[public].extra == {
        "acct": "fan@else.where",
        "visibility": "public",
        "uri": f"https://else.where/users/fan/statuses/{public}",
    }
    assert samples[direct].extra["visibility"] == "direct"


def test_reply_to_interaction_mentions_the_author_and_keeps_the_idempotency_key(ctx, fake):
    ours = fake.add_status("Our post", minutes_ago=30)
    mention = fan_mention(fake, "@acme open on sunday?", parent=ours)
    (sample,) = connector.fetch_interactions(ctx, utcnow() - timedelta(hours=1))
    ref = InteractionRef(sample.platform_id, sample.kind, json.loads(json.dumps(sample.extra)))
    answer = request("Yes, from 9 to 2!", key="reply-key-1")

    result = connector.reply_to_interaction(ctx, answer, ref)

    sent = fake.requests[-1]
    assert (sent.method, sent.url.path) == ("POST", "/api/v1/statuses")
    assert sent.headers["idempotency-key"] == "reply-key-1"
    assert json.loads(sent.content) == {
        "status": "@fan@else.where Yes, from 9 to 2!",
        "visibility": "public",
        "in_reply_to_id": mention,
    }
    assert fake.statuses[result.platform_post_id]["in_reply_to_id"] == mention
    assert answer.text == "Yes, from 9 to 2!", "the caller's request keeps the text as written"
    again = connector.reply_to_interaction(ctx, request("Yes, from 9 to 2!", key="reply-key-1"), ref)
    assert again.platform_post_id == result.platform_post_id
    assert len([s for s in fake.statuses.values() if s["in_reply_to_id"] == mention]) == 1


def test_reply_to_interaction_does_not_mention_twice_and_keeps_a_direct_message_direct(ctx, fake):
    mention = fan_mention(fake, "@acme a private question", visibility="direct")
    ref = InteractionRef(mention, "mention", {"acct": "fan@else.where", "visibility": "direct"})

    result = connector.reply_to_interaction(ctx, request("Thanks @Fan@else.where, sent by mail."), ref)

    body = json.loads(fake.requests[-1].content)
    assert body["status"] == "Thanks @Fan@else.where, sent by mail."
    assert body["visibility"] == "direct"
    assert fake.statuses[result.platform_post_id]["visibility"] == "direct"


def test_reply_to_interaction_errors_are_classified_like_publishing(ctx, fake):
    mention = fan_mention(fake, "@acme hi")
    ref = InteractionRef(mention, "mention", {"acct": "fan@else.where", "visibility": "public"})
    reset = utcnow().replace(microsecond=0) + timedelta(minutes=3)
    headers = {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": iso(reset)}
    fake.fail_next("POST", "/api/v1/statuses", fake.error(429, "Too many requests", headers))
    with pytest.raises(RateLimited) as caught:
        connector.reply_to_interaction(ctx, request("Hello"), ref)
    assert 170 <= caught.value.retry_after <= 180

    del fake.statuses[mention]  # deleted by its author meanwhile
    with pytest.raises(Invalid, match="Record not found"):
        connector.reply_to_interaction(ctx, request("Hello again"), ref)

    ctx.credentials["access_token"] = "revoked-token"
    with pytest.raises(AuthRevoked):
        connector.reply_to_interaction(ctx, request("Hello there"), ref)
