"""LinkedIn connector against a local fake of the Posts API (PLATFORM_APIS.md sections 0, 6 and 12)."""

import itertools
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import unquote

import httpx
import pytest
import respx

from heraldo.core.settings import Settings
from heraldo.posts.models import SocialAccount
from heraldo.publishing.connectors.base import (
    ConnectorContext,
    InteractionRef,
    MediaFile,
    PublishRequest,
    PublishResult,
    ReplyTo,
)
from heraldo.publishing.connectors.linkedin import (
    LinkedInConnector,
    LinkedInVersionRetired,
    escape_little_text,
    hashtag,
    mention,
    seconds_until_midnight_utc,
)
from heraldo.publishing.connectors.registry import get_connector
from heraldo.publishing.errors import (
    AuthExpired,
    AuthRevoked,
    Invalid,
    PermissionMissing,
    RateLimited,
    Transient,
)
from heraldo.publishing.platforms import TEXT_LIMITS, Platform

API = "https://api.linkedin.test"
UPLOADS = "https://www.linkedin.test/dms-uploads"
ORG = "urn:li:organization:2414183"
PERSON = "urn:li:person:8675309"
TOKEN = "AQV-linkedin-token"
VERSION = "202603"
RESERVED = set("\\|{}@[]()<>#*_~")


def service_error(status: int, service_code: int | None, code: str, message: str) -> httpx.Response:
    body: dict[str, Any] = {"status": status, "code": code, "message": message}
    if service_code is not None:
        body["serviceErrorCode"] = service_code
    return httpx.Response(status, json=body)


def stored_commentary(commentary: str) -> str:
    """What LinkedIn keeps of `commentary`: cut at the first unescaped reserved character that is not
    markup (a hashtag, a mention, a URL). It still answers 201."""
    out, i = [], 0
    while i < len(commentary):
        char = commentary[i]
        url = re.match(r"https?://\S+", commentary[i:])
        if url:
            out.append(url.group())
            i += len(url.group())
            continue
        if char == "\\" and i + 1 < len(commentary) and commentary[i + 1] in RESERVED:
            out.append(commentary[i + 1])
            i += 2
            continue
        tag = re.match(r"#\w+", commentary[i:])
        if tag and (i == 0 or not commentary[i - 1].isalnum()):
            out.append(tag.group())
            i += len(tag.group())
            continue
        link = re.match(r"@\[([^\]]*)\]\((urn:li:[a-zA-Z]+:[^)]+)\)", commentary[i:])
        if link:
            out.append("@" + link.group(1))
            i += len(link.group())
            continue
        if char in RESERVED:
            break  # silent truncation
        out.append(char)
        i += 1
    return "".join(out)


@dataclass
class Image:
    urn: str
    owner: str
    status: str = "WAITING_UPLOAD"
    polls: int = 0
    content: bytes = b""


@dataclass
class Post:
    urn: str
    author: str
    commentary: str
    stored: str
    created_ms: int
    content: dict | None = None
    comments: list[dict] = field(default_factory=list)


class FakeLinkedIn:
    """api.linkedin.com/rest: required version and Rest.li headers (400 without, 426 for a sunset version),
    bearer tokens with 65600/65601/65602 answers (and a one-off spurious 65601), 201 + x-restli-id with an
    empty body, percent-encoded URNs in paths, the image upload flow, silent commentary truncation,
    offset paging, and 429 without any rate-limit header."""

    def __init__(self, mock: respx.MockRouter):
        self.sunset = {"202401", "202312"}
        self.tokens = {TOKEN: "valid"}
        self.posts: dict[str, Post] = {}
        self.images: dict[str, Image] = {}
        self.faults: list[tuple[str, re.Pattern, httpx.Response]] = []
        self.requests: list[httpx.Request] = []
        self.processing_polls = 1
        self.now_ms = int(datetime.now(UTC).timestamp() * 1000)
        self._ids = itertools.count(7200000000000000001)
        mock.route(host="api.linkedin.test").mock(side_effect=self.handle)
        mock.route(host="www.linkedin.test").mock(side_effect=self.upload)

    def fail_next(self, method: str, path: str, answer: httpx.Response) -> None:
        self.faults.append((method, re.compile(path), answer))

    def calls(self, method: str, path: str) -> list[httpx.Request]:
        return [r for r in self.requests if r.method == method and re.fullmatch(path, unquote(r.url.path))]

    def auth(self, request: httpx.Request) -> httpx.Response | None:
        header = request.headers.get("authorization", "")
        state = self.tokens.get(header.removeprefix("Bearer ")) if header.startswith("Bearer ") else None
        if state == "valid":
            return None
        if state == "spurious-revoked":
            self.tokens[header.removeprefix("Bearer ")] = "valid"
        if state in {"revoked", "spurious-revoked"}:
            return service_error(
                401, 65601, "REVOKED_ACCESS_TOKEN", "The token used in the request has been revoked by the user"
            )
        if state == "expired":
            return service_error(401, 65602, "EXPIRED_ACCESS_TOKEN", "The token used in the request has expired")
        return service_error(401, 65600, "INVALID_ACCESS_TOKEN", "Invalid access token")

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        denied = self.auth(request)
        if denied:
            return denied
        version = request.headers.get("linkedin-version")
        if not version:
            return service_error(
                400,
                None,
                "VERSION_MISSING",
                "A version must be present. Please specify a version by adding the LinkedIn-Version header.",
            )
        if version in self.sunset:
            return service_error(426, None, "NONEXISTENT_VERSION", f"Requested version {version} is not active")
        if request.headers.get("x-restli-protocol-version") != "2.0.0":
            return service_error(400, None, "ILLEGAL_ARGUMENT", "Rest.li protocol 2.0.0 is required")
        raw = request.url.raw_path.decode()
        path, _, query = raw.partition("?")
        for fault in self.faults:
            if fault[0] == request.method and fault[1].fullmatch(unquote(path)):
                self.faults.remove(fault)
                return fault[2]
        segments = path.removeprefix("/rest/").split("/")
        # URNs in paths must arrive percent-encoded.
        if any(":" in segment for segment in segments):
            return service_error(400, None, "ILLEGAL_ARGUMENT", "Syntax exception in path variables")
        segments = [unquote(s) for s in segments]
        params = dict(httpx.QueryParams(query))
        body = json.loads(request.content) if request.content else None
        return self.route(request, segments, params, body)

    def route(self, request, segments, params, body) -> httpx.Response:
        method = request.method
        if method == "POST" and segments == ["posts"]:
            return self.create_post(body)
        if method == "POST" and segments == ["images"] and params.get("action") == "initializeUpload":
            owner = ((body or {}).get("initializeUploadRequest") or {}).get("owner")
            if not owner:
                return service_error(422, None, "UNPROCESSABLE_ENTITY", "owner is required")
            image = Image(f"urn:li:image:C4E10AQ{next(self._ids)}", owner, polls=self.processing_polls)
            self.images[image.urn] = image
            upload = f"{UPLOADS}/{image.urn.rsplit(':', 1)[1]}?ca=vector_feedshare&cn=uploads"
            return httpx.Response(
                200,
                json={
                    "value": {"uploadUrlExpiresAt": self.now_ms + 3_600_000, "uploadUrl": upload, "image": image.urn}
                },
            )
        if method == "GET" and len(segments) == 2 and segments[0] == "images":
            image = self.images.get(segments[1])
            if image is None:
                return service_error(404, None, "NOT_FOUND", "Not Found")
            if image.status == "PROCESSING":
                image.polls -= 1
                if image.polls < 0:
                    image.status = "AVAILABLE"
            return httpx.Response(200, json={"id": image.urn, "status": image.status, "owner": image.owner})
        if method == "DELETE" and len(segments) == 2 and segments[0] == "posts":
            if self.posts.pop(segments[1], None) is None:
                return service_error(404, None, "NOT_FOUND", "Not Found")
            return httpx.Response(204)
        if method == "GET" and segments == ["posts"] and params.get("q") == "author":
            return self.by_author(params)
        if len(segments) >= 3 and segments[0] == "socialActions" and segments[2] == "comments":
            return self.comments(method, segments, params, body)
        if method == "GET" and len(segments) == 2 and segments[0] == "socialMetadata":
            post = self.posts.get(segments[1])
            if post is None:
                return service_error(404, None, "NOT_FOUND", "Not Found")
            return httpx.Response(
                200,
                json={
                    "reactionSummaries": {
                        "LIKE": {"reactionType": "LIKE", "count": 5},
                        "PRAISE": {"reactionType": "PRAISE", "count": 2},
                    },
                    "commentSummary": {"count": len(post.comments), "topLevelCount": len(post.comments)},
                    "commentsState": "OPEN",
                    "entity": post.urn,
                },
            )
        if method == "GET" and segments == ["organizationalEntityShareStatistics"]:
            shares = re.findall(r"urn:li:share:\d+", unquote(params.get("shares", "")))
            elements = [
                {
                    "share": urn,
                    "organizationalEntity": params.get("organizationalEntity"),
                    "totalShareStatistics": {
                        "impressionCount": 1500,
                        "uniqueImpressionsCount": 900,
                        "clickCount": 60,
                        "likeCount": 7,
                        "commentCount": 1,
                        "shareCount": 4,
                        "engagement": 0.048,
                    },
                }
                for urn in shares
            ]
            return httpx.Response(200, json={"elements": elements, "paging": {"start": 0, "count": 10, "links": []}})
        return service_error(404, None, "NOT_FOUND", "Not Found")

    def create_post(self, body: dict) -> httpx.Response:
        required = ["author", "commentary", "visibility", "distribution", "lifecycleState"]
        absent = [name for name in required if name not in (body or {})]
        if absent:
            return service_error(422, None, "UNPROCESSABLE_ENTITY", f"Field(s) {absent} are required")
        content = body.get("content") or {}
        ids = (
            [content["media"]["id"]]
            if "media" in content
            else [i["id"] for i in (content.get("multiImage") or {}).get("images", [])]
        )
        if "multiImage" in content and not 2 <= len(ids) <= 20:
            return service_error(422, None, "UNPROCESSABLE_ENTITY", "multiImage needs 2 to 20 images")
        for image_id in ids:
            image = self.images.get(image_id)
            if image is None or image.status != "AVAILABLE":
                state = image.status if image else "missing"
                return service_error(400, None, "ILLEGAL_ARGUMENT", f"Image {image_id} is not available ({state})")
        urn = f"urn:li:share:{next(self._ids)}"
        self.now_ms += 1000
        self.posts[urn] = Post(
            urn, body["author"], body["commentary"], stored_commentary(body["commentary"]), self.now_ms, content or None
        )
        return httpx.Response(201, headers={"x-restli-id": urn, "x-linkedin-id": urn.rsplit(":", 1)[1]})

    def by_author(self, params: dict[str, str]) -> httpx.Response:
        author = params.get("author")
        start, count = int(params.get("start", 0)), int(params.get("count", 10))
        mine = sorted((p for p in self.posts.values() if p.author == author), key=lambda p: p.created_ms, reverse=True)
        elements = [
            {
                "id": p.urn,
                "author": p.author,
                "commentary": p.commentary,
                "createdAt": p.created_ms,
                "publishedAt": p.created_ms,
                "lifecycleState": "PUBLISHED",
                "visibility": "PUBLIC",
            }
            for p in mine[start : start + count]
        ]
        return httpx.Response(
            200, json={"elements": elements, "paging": {"start": start, "count": count, "total": len(mine)}}
        )

    def comments(self, method, segments, params, body) -> httpx.Response:
        target = segments[1]
        if target.startswith("urn:li:activity:"):
            target = "urn:li:share:" + target.rsplit(":", 1)[1]
        post = self.posts.get(target) or next(
            (p for p in self.posts.values() if any(c["$URN"] == target for c in p.comments)), None
        )
        if post is None:
            return service_error(404, None, "NOT_FOUND", "Not Found")
        activity = f"urn:li:activity:{post.urn.rsplit(':', 1)[1]}"
        if method == "POST" and len(segments) == 3:
            if (
                not body
                or not body.get("actor")
                or not (body.get("message") or {}).get("text")
                or not body.get("object")
            ):
                return service_error(422, None, "UNPROCESSABLE_ENTITY", "actor, object and message are required")
            parent = body.get("parentComment")
            if parent is not None:
                top = next((c for c in post.comments if c["$URN"] == parent), None)
                if top is None:
                    return service_error(400, None, "ILLEGAL_ARGUMENT", f"parentComment {parent} does not exist")
                if top.get("parentComment"):
                    # One level of nesting only.
                    return service_error(400, None, "ILLEGAL_ARGUMENT", "parentComment must be a top-level comment")
            comment_id = str(next(self._ids))
            self.now_ms += 1000
            comment = {
                "$URN": f"urn:li:comment:({activity},{comment_id})",
                "id": comment_id,
                "actor": body["actor"],
                "object": body["object"],
                "message": body["message"],
                "created": {"actor": body["actor"], "time": self.now_ms},
            }
            if body.get("parentComment"):
                comment["parentComment"] = body["parentComment"]
            post.comments.append(comment)
            return httpx.Response(201, json=comment, headers={"x-restli-id": comment["$URN"]})
        if method == "GET" and len(segments) == 3:
            start, count = int(params.get("start", 0)), int(params.get("count", 10))
            return httpx.Response(
                200,
                json={
                    "elements": post.comments[start : start + count],
                    "paging": {"start": start, "count": count, "total": len(post.comments)},
                },
            )
        if method == "DELETE" and len(segments) == 4:
            before = len(post.comments)
            post.comments = [c for c in post.comments if c["id"] != segments[3]]
            return (
                httpx.Response(204)
                if len(post.comments) < before
                else service_error(404, None, "NOT_FOUND", "Not Found")
            )
        return service_error(405, None, "METHOD_NOT_ALLOWED", "Method not allowed")

    def upload(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if request.method != "PUT":
            return httpx.Response(405)
        if request.headers.get("authorization") != f"Bearer {TOKEN}":
            return httpx.Response(401)
        image_id = request.url.path.rsplit("/", 1)[1]
        image = self.images.get(f"urn:li:image:{image_id}")
        if image is None:
            return httpx.Response(404)
        image.content = request.content
        image.status = "PROCESSING"
        return httpx.Response(201)


@pytest.fixture
def mock():
    with respx.mock(assert_all_called=False, assert_all_mocked=True) as router:
        yield router


@pytest.fixture
def fake(mock):
    return FakeLinkedIn(mock)


@pytest.fixture
def saved():
    return []


@pytest.fixture
def sleeps():
    return []


@pytest.fixture
def linkedin(sleeps):
    return LinkedInConnector(revoked_retry_delay_seconds=0, sleep=sleeps.append)


def make_ctx(http, *, author=ORG, token=TOKEN, version=VERSION, saved=None) -> ConnectorContext:
    settings = Settings(
        _env_file=None,
        linkedin_base_url=API,
        linkedin_version=version,
        media_poll_interval_seconds=0.25,
        media_poll_timeout_seconds=10,
    )
    account = SocialAccount(id=1, workspace_id=1, platform="linkedin", handle="acme", platform_account_id=author)
    return ConnectorContext(
        db=None,  # type: ignore[arg-type]
        account=account,
        credentials={"access_token": token},
        settings=settings,
        http=http,
        save_progress=(saved if saved is not None else []).append,
    )


@pytest.fixture
def ctx(saved):
    with httpx.Client() as http:
        yield make_ctx(http, saved=saved)


@pytest.fixture
def image(tmp_path):
    def make(name: str = "photo.jpg", content: bytes = b"\xff\xd8\xff\xe0 jpeg bytes") -> MediaFile:
        path = tmp_path / name
        path.write_bytes(content)
        return MediaFile(path=path, content_type="image/jpeg", filename=name)

    return make


def request(text: str = "Hello LinkedIn", **kwargs) -> PublishRequest:
    return PublishRequest(text=text, idempotency_key="key-1", **kwargs)


# -- little text ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("Hello (world)", r"Hello \(world\)"),
        (
            "50% off_now [ends] {soon} <b> *really* ~maybe~ a|b",
            r"50% off\_now \[ends\] \{soon\} \<b\> \*really\* \~maybe\~ a\|b",
        ),
        (r"back\slash", r"back\\slash"),
        ("mail me @bob", r"mail me \@bob"),
        ("#launch day, C# and a#b", r"#launch day, C\# and a\#b"),
        ("#", r"\#"),
        ("#big_launch", r"#big\_launch"),
        ("see https://ex.com/a_(b)_c?x=1&y=[2].", r"see https://ex.com/a_(b)_c?x=1&y=[2]."),
        ("(see https://ex.com/path_x)", r"\(see https://ex.com/path_x\)"),
        ("<https://ex.com/a>", r"\<https://ex.com/a\>"),
        ("héllo ✨ 日本", "héllo ✨ 日本"),
    ],
)
def test_little_text_escaping(text, escaped):
    assert escape_little_text(text) == escaped


def test_little_text_without_hashtags_escapes_every_hash():
    assert escape_little_text("#launch", keep_hashtags=False) == r"\#launch"


def test_mention_and_hashtag_markup():
    assert mention("Acme (EU)", ORG) == rf"@[Acme \(EU\)]({ORG})"
    assert hashtag("#big launch!") == "#biglaunch"


def test_escaped_text_survives_linkedins_silent_truncation(fake, ctx, linkedin):
    text = "Launch (v2) is live! Save 20% [today] — ask @support or C# fans. #launch https://ex.com/a_b"
    result = linkedin.publish(ctx, request(text))
    assert fake.posts[result.platform_post_id].stored == text
    # Without escaping LinkedIn would have kept only this much, and still answered 201.
    assert stored_commentary(text) == "Launch "


# -- publishing -------------------------------------------------------------------------------------------------


def test_registry_and_text_limit():
    assert isinstance(get_connector("linkedin"), LinkedInConnector)
    assert LinkedInConnector().text_limit == TEXT_LIMITS[Platform.LINKEDIN] == 3000


def test_text_post_with_required_headers_and_id_from_x_restli_id(fake, ctx, linkedin, saved):
    result = linkedin.publish(ctx, request())
    (call,) = fake.calls("POST", "/rest/posts")
    assert call.headers["linkedin-version"] == VERSION
    assert call.headers["x-restli-protocol-version"] == "2.0.0"
    assert call.headers["authorization"] == f"Bearer {TOKEN}"
    assert call.headers["content-type"] == "application/json"
    body = json.loads(call.content)
    assert body == {
        "author": ORG,
        "commentary": "Hello LinkedIn",
        "visibility": "PUBLIC",
        "distribution": {"feedDistribution": "MAIN_FEED", "targetEntities": [], "thirdPartyDistributionChannels": []},
        "lifecycleState": "PUBLISHED",
        "isReshareDisabledByAuthor": False,
    }
    assert result.platform_post_id.startswith("urn:li:share:") and result.platform_post_id in fake.posts
    assert result.url == f"https://www.linkedin.com/feed/update/{result.platform_post_id}/"
    assert saved[-1]["published_id"] == result.platform_post_id


def test_one_image_initialize_upload_put_wait_then_post(fake, ctx, linkedin, image, saved, sleeps):
    result = linkedin.publish(ctx, request(media=[image()]))
    (init,) = fake.calls("POST", "/rest/images")
    assert json.loads(init.content) == {"initializeUploadRequest": {"owner": ORG}}
    (put,) = [r for r in fake.requests if r.method == "PUT"]
    assert put.headers["authorization"] == f"Bearer {TOKEN}"
    urn = saved[0]["images"][0]["urn"]
    assert saved[0]["images"] == [{"urn": urn, "uploaded": False}], "the URN is saved before the upload"
    assert saved[1]["images"] == [{"urn": urn, "uploaded": True}]
    assert fake.images[urn].content == b"\xff\xd8\xff\xe0 jpeg bytes"
    assert fake.posts[result.platform_post_id].content == {"media": {"id": urn}}
    assert sleeps == [0.25]  # one PROCESSING answer, then AVAILABLE
    assert (
        fake.calls("GET", f"/rest/images/{urn}")[0]
        .url.raw_path.decode()
        .endswith("urn%3Ali%3Aimage%3A" + urn.rsplit(":", 1)[1])
    )


def test_several_images_are_a_multi_image_post(fake, ctx, linkedin, image):
    result = linkedin.publish(ctx, request(media=[image("a.jpg"), image("b.jpg")]))
    content = fake.posts[result.platform_post_id].content
    assert [i["id"] for i in content["multiImage"]["images"]] == list(fake.images)


def test_a_retry_reuses_uploaded_images(fake, ctx, linkedin, image, saved):
    fake.fail_next("POST", "/rest/posts", service_error(503, None, "SERVICE_UNAVAILABLE", "Service Unavailable"))
    with pytest.raises(Transient):
        linkedin.publish(ctx, request(media=[image()]))
    result = linkedin.publish(ctx, request(media=[image()], progress=dict(saved[-1])))
    assert len(fake.calls("POST", "/rest/images")) == 1
    assert len([r for r in fake.requests if r.method == "PUT"]) == 1
    assert fake.posts[result.platform_post_id].content["media"]["id"] == saved[0]["images"][0]["urn"]


def test_an_image_never_uploaded_is_initialized_again(fake, ctx, linkedin, image, saved):
    stale = {"images": [{"urn": "urn:li:image:C4E10AQstale", "uploaded": False}]}
    result = linkedin.publish(ctx, request(media=[image()], progress=stale))
    assert fake.posts[result.platform_post_id].content["media"]["id"] != "urn:li:image:C4E10AQstale"


def test_video_is_refused_before_any_call(fake, mock, ctx, linkedin, tmp_path):
    clip = MediaFile(path=tmp_path / "c.mp4", content_type="video/mp4", filename="c.mp4")
    with pytest.raises(Invalid):
        linkedin.publish(ctx, request(media=[clip]))
    assert mock.calls.call_count == 0


def test_first_comment_and_nested_reply(fake, ctx, linkedin):
    post = linkedin.publish(ctx, request())
    first = linkedin.comment(ctx, request("Sign up: https://ex.com (free)"), post)
    (call,) = fake.calls("POST", f"/rest/socialActions/{post.platform_post_id}/comments")
    assert json.loads(call.content) == {
        "actor": ORG,
        "object": post.platform_post_id,
        "message": {"text": "Sign up: https://ex.com (free)"},  # attributed text: no little-text escaping
    }
    assert first.platform_post_id.startswith("urn:li:comment:(urn:li:activity:")
    nested = linkedin.reply(ctx, request("More details"), ReplyTo(parent=first, root=post))
    comment = fake.posts[post.platform_post_id].comments[-1]
    assert comment["$URN"] == nested.platform_post_id
    assert comment["parentComment"] == first.platform_post_id
    assert comment["object"].startswith("urn:li:activity:")


def test_delete_a_post_with_an_encoded_urn(fake, ctx, linkedin):
    post = linkedin.publish(ctx, request())
    linkedin.delete(ctx, post.platform_post_id)
    (call,) = fake.calls("DELETE", f"/rest/posts/{post.platform_post_id}")
    assert call.url.raw_path.decode() == "/rest/posts/" + post.platform_post_id.replace(":", "%3A")
    assert call.headers["x-restli-method"] == "DELETE"
    assert post.platform_post_id not in fake.posts


def test_delete_a_comment(fake, ctx, linkedin):
    post = linkedin.publish(ctx, request())
    comment = linkedin.comment(ctx, request("typo"), post)
    linkedin.delete(ctx, comment.platform_post_id)
    assert fake.posts[post.platform_post_id].comments == []


# -- errors -----------------------------------------------------------------------------------------------------


def test_sunset_version_426_names_the_setting(fake, linkedin):
    with httpx.Client() as http:
        ctx = make_ctx(http, version="202401")
        with pytest.raises(LinkedInVersionRetired, match="HERALDO_LINKEDIN_VERSION") as caught:
            linkedin.publish(ctx, request())
    assert isinstance(caught.value, Invalid) and "202401" in caught.value.message


def test_nonexistent_version_answer_without_426_is_also_retired(fake, ctx, linkedin):
    fake.fail_next(
        "POST", "/rest/posts", service_error(400, None, "NONEXISTENT_VERSION", "Requested version 202603 is not active")
    )
    with pytest.raises(LinkedInVersionRetired):
        linkedin.publish(ctx, request())


@pytest.mark.parametrize("state", ["expired", "invalid"])
def test_expired_or_invalid_token_is_auth_expired(fake, linkedin, state):
    fake.tokens["tok"] = state
    with httpx.Client() as http, pytest.raises(AuthExpired):
        linkedin.publish(make_ctx(http, token="tok"), request())


def test_a_spurious_65601_is_retried_once(fake, linkedin, sleeps):
    fake.tokens[TOKEN] = "spurious-revoked"
    with httpx.Client() as http:
        result = linkedin.publish(make_ctx(http), request())
    assert result.platform_post_id in fake.posts
    assert len(fake.calls("POST", "/rest/posts")) == 2
    assert sleeps == [0]


def test_a_lasting_65601_is_auth_revoked_after_one_retry(fake, linkedin, sleeps):
    fake.tokens[TOKEN] = "revoked"
    with httpx.Client() as http, pytest.raises(AuthRevoked):
        linkedin.publish(make_ctx(http), request())
    assert len(fake.calls("POST", "/rest/posts")) == 2
    assert sleeps == [0]


@pytest.mark.parametrize(
    ("answer", "error_class"),
    [
        (
            service_error(
                403, None, "ACCESS_DENIED", "Not enough permissions to access: partnerApiPostsExternal.CREATE"
            ),
            PermissionMissing,
        ),
        (service_error(422, None, "UNPROCESSABLE_ENTITY", "ERROR :: /commentary :: is too long"), Invalid),
        (service_error(400, None, "ILLEGAL_ARGUMENT", "Invalid author"), Invalid),
        (service_error(500, None, "INTERNAL_SERVER_ERROR", "Internal Server Error"), Transient),
        (httpx.Response(504, text="Gateway Timeout"), Transient),
    ],
)
def test_error_classes(fake, ctx, linkedin, answer, error_class):
    fake.fail_next("POST", "/rest/posts", answer)
    with pytest.raises(error_class) as caught:
        linkedin.publish(ctx, request())
    assert type(caught.value) is error_class


def test_422_keeps_the_platform_message(fake, ctx, linkedin):
    fake.fail_next(
        "POST", "/rest/posts", service_error(422, None, "UNPROCESSABLE_ENTITY", "ERROR :: /commentary :: is too long")
    )
    with pytest.raises(Invalid, match="commentary :: is too long"):
        linkedin.publish(ctx, request())


def test_429_without_headers_waits_until_the_daily_reset(fake, ctx, linkedin):
    fake.fail_next(
        "POST", "/rest/posts", service_error(429, None, "TOO_MANY_REQUESTS", "Resource level throttle limit")
    )
    with pytest.raises(RateLimited) as caught:
        linkedin.publish(ctx, request())
    assert 0 < caught.value.retry_after <= 24 * 3600
    assert abs(caught.value.retry_after - seconds_until_midnight_utc()) < 5


def test_seconds_until_midnight_utc():
    assert seconds_until_midnight_utc(datetime(2026, 3, 1, 23, 0, tzinfo=UTC)) == 3600


# -- reading ----------------------------------------------------------------------------------------------------


def test_find_published_by_author_text_and_time(fake, ctx, linkedin):
    since = datetime.now(UTC) - timedelta(minutes=1)
    text = "Launch (v2) is live"
    assert linkedin.find_published(ctx, request(text), since) is None
    post = linkedin.publish(ctx, request(text))
    found = linkedin.find_published(ctx, request(text), since)
    assert found is not None and found.platform_post_id == post.platform_post_id
    (call,) = fake.calls("GET", "/rest/posts")[-1:]
    assert call.headers["x-restli-method"] == "FINDER"
    assert "author=urn%3Ali%3Aorganization%3A2414183" in str(call.url)
    assert linkedin.find_published(ctx, request("Launch (v3)"), since) is None
    assert linkedin.find_published(ctx, request(text), since + timedelta(hours=1)) is None


def test_find_published_pages_by_offset(fake, ctx, linkedin):
    since = datetime.now(UTC) - timedelta(minutes=1)
    first = linkedin.publish(ctx, request("the oldest"))
    for n in range(25):
        linkedin.publish(ctx, request(f"post {n}"))
    found = linkedin.find_published(ctx, request("the oldest"), since)
    assert found is not None and found.platform_post_id == first.platform_post_id
    starts = [dict(httpx.QueryParams(r.url.query))["start"] for r in fake.calls("GET", "/rest/posts")]
    assert starts == ["0", "20"]


def test_find_published_comment(fake, ctx, linkedin):
    post = linkedin.publish(ctx, request())
    comment = linkedin.comment(ctx, request("first!"), post)
    req = request("first!", reply_to=ReplyTo(post, post))
    found = linkedin.find_published(ctx, req, datetime.now(UTC) - timedelta(minutes=1))
    assert found is not None and found.platform_post_id == comment.platform_post_id


def test_metrics_for_an_organization_use_share_statistics(fake, ctx, linkedin):
    post = linkedin.publish(ctx, request())
    (sample,) = linkedin.fetch_metrics(ctx, [post.platform_post_id])
    assert (sample.impressions, sample.reach, sample.clicks, sample.likes, sample.shares) == (1500, 900, 60, 7, 4)
    (call,) = fake.calls("GET", "/rest/organizationalEntityShareStatistics")
    assert "shares=List(urn%3Ali%3Ashare%3A" in call.url.raw_path.decode()


def test_metrics_for_a_member_use_social_metadata(fake, linkedin):
    with httpx.Client() as http:
        ctx = make_ctx(http, author=PERSON)
        post = linkedin.publish(ctx, request())
        linkedin.comment(ctx, request("c"), post)
        (sample,) = linkedin.fetch_metrics(ctx, [post.platform_post_id])
    assert (sample.likes, sample.comments, sample.impressions) == (7, 1, None)
    assert not fake.calls("GET", "/rest/organizationalEntityShareStatistics")


def test_metrics_without_admin_role_fall_back_to_social_metadata(fake, ctx, linkedin):
    post = linkedin.publish(ctx, request())
    fake.fail_next(
        "GET",
        "/rest/organizationalEntityShareStatistics",
        service_error(403, None, "ACCESS_DENIED", "Not an ADMINISTRATOR"),
    )
    (sample,) = linkedin.fetch_metrics(ctx, [post.platform_post_id])
    assert (sample.likes, sample.impressions) == (7, None)


def test_interactions_are_comments_by_others(fake, ctx, linkedin):
    post = linkedin.publish(ctx, request())
    linkedin.comment(ctx, request("ours"), post)
    with httpx.Client() as http:
        visitor = make_ctx(http, author=PERSON)
        linkedin.comment(visitor, request("Great news"), post)
    found = linkedin.fetch_interactions(ctx, datetime.now(UTC) - timedelta(hours=1))
    assert [(i.author_handle, i.text, i.kind, i.in_reply_to_platform_post_id) for i in found] == [
        (PERSON, "Great news", "comment", post.platform_post_id)
    ]


def test_a_reply_to_a_nested_comment_goes_under_the_top_level_one(fake, ctx, linkedin):
    post = linkedin.publish(ctx, request())
    first = linkedin.comment(ctx, request("a"), post)
    second = linkedin.reply(ctx, request("b"), ReplyTo(first, post))
    third = linkedin.reply(ctx, request("c"), ReplyTo(second, post))
    comments = {c["$URN"]: c for c in fake.posts[post.platform_post_id].comments}
    assert "parentComment" not in comments[first.platform_post_id]
    assert comments[second.platform_post_id]["parentComment"] == first.platform_post_id
    assert comments[third.platform_post_id]["parentComment"] == first.platform_post_id
    assert fake.calls("POST", re.escape(f"/rest/socialActions/{first.platform_post_id}/comments"))


# -- answering interactions ---------------------------------------------------------------------


def visitor_thread(fake: FakeLinkedIn, linkedin: LinkedInConnector, post_urn: str) -> tuple[str, str]:
    """URNs of a member's comment on our post and of another member's nested reply to it."""
    post = PublishResult(platform_post_id=post_urn, published_at=datetime.now(UTC))
    with httpx.Client() as http:
        question = linkedin.comment(make_ctx(http, author=PERSON), request("When is the webinar?"), post)
        follow_up = linkedin.reply(
            make_ctx(http, author="urn:li:person:42"), request("Same question"), ReplyTo(question, post)
        )
    assert fake.posts[post_urn].comments[-1]["parentComment"] == question.platform_post_id
    return question.platform_post_id, follow_up.platform_post_id


def test_interactions_carry_the_post_and_top_level_comment(fake, ctx, linkedin):
    post = linkedin.publish(ctx, request())
    question, follow_up = visitor_thread(fake, linkedin, post.platform_post_id)

    found = {i.platform_id: i for i in linkedin.fetch_interactions(ctx, datetime.now(UTC) - timedelta(hours=1))}

    assert found[question].extra == {"kind": "comment", "post_id": post.platform_post_id, "top_comment_id": question}
    assert found[follow_up].kind == "reply"
    assert found[follow_up].extra == {"kind": "comment", "post_id": post.platform_post_id, "top_comment_id": question}


@pytest.mark.parametrize("answered", ["question", "follow_up"])
def test_reply_to_interaction_is_a_nested_comment_under_the_top_level_one(fake, ctx, linkedin, answered):
    post = linkedin.publish(ctx, request())
    question, follow_up = visitor_thread(fake, linkedin, post.platform_post_id)
    found = {i.platform_id: i for i in linkedin.fetch_interactions(ctx, datetime.now(UTC) - timedelta(hours=1))}
    sample = found[question if answered == "question" else follow_up]
    ref = InteractionRef(sample.platform_id, sample.kind, json.loads(json.dumps(sample.extra)))

    answer = linkedin.reply_to_interaction(ctx, request("Thursday at 5 (CET)"), ref)

    (call,) = fake.calls("POST", re.escape(f"/rest/socialActions/{question}/comments"))[-1:]
    assert call.url.raw_path.decode().startswith("/rest/socialActions/urn%3Ali%3Acomment%3A%28urn%3Ali%3Aactivity%3A")
    activity = "urn:li:activity:" + post.platform_post_id.rsplit(":", 1)[1]
    assert json.loads(call.content) == {
        "actor": ORG,
        "object": activity,
        "message": {"text": "Thursday at 5 (CET)"},  # attributed text: no little-text escaping
        "parentComment": question,
    }
    stored = fake.posts[post.platform_post_id].comments[-1]
    assert stored["$URN"] == answer.platform_post_id and stored["parentComment"] == question
    assert answer.extra["top_comment_id"] == question


def test_reply_to_interaction_errors_are_classified_like_publishing(fake, ctx, linkedin, sleeps):
    post = linkedin.publish(ctx, request())
    question, _ = visitor_thread(fake, linkedin, post.platform_post_id)
    ref = InteractionRef(question, "comment", {"kind": "comment", "post_id": post.platform_post_id})
    path = re.escape(f"/rest/socialActions/{question}/comments")

    fake.fail_next("POST", path, service_error(429, None, "TOO_MANY_REQUESTS", "Comment create throttled"))
    with pytest.raises(RateLimited) as caught:
        linkedin.reply_to_interaction(ctx, request("Hi"), ref)
    assert abs(caught.value.retry_after - seconds_until_midnight_utc()) < 5

    fake.fail_next("POST", path, service_error(403, None, "ACCESS_DENIED", "Not enough permissions to comment"))
    with pytest.raises(PermissionMissing):
        linkedin.reply_to_interaction(ctx, request("Hi"), ref)

    fake.tokens[TOKEN] = "revoked"
    with pytest.raises(AuthRevoked):
        linkedin.reply_to_interaction(ctx, request("Hi"), ref)
    assert sleeps == [0]  # one retry of the 65601, then reconnect
