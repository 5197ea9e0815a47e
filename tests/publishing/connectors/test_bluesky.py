"""The Bluesky connector against a local fake PDS speaking XRPC (shared/PLATFORM_APIS.md §7, §12).

The fake checks what a PDS checks: bearer access JWTs (expired ones answer 400 ExpiredToken), the
refresh JWT in the Authorization header with no body (rotating), record shape, 300 graphemes / 3,000
bytes, facet byte ranges on UTF-8 boundaries, reply strong refs, blob refs and sizes; it answers with
`{"error","message"}` bodies and `ratelimit-*` headers. It runs on respx: no network, no database.
"""

import base64
import hashlib
import json
import struct
import time
from datetime import timedelta
from typing import Any

import httpx
import pytest
import regex
import respx

from heraldo.core.clock import utcnow
from heraldo.core.settings import Settings
from heraldo.posts.models import SocialAccount
from heraldo.publishing.connectors import bluesky as bluesky_module
from heraldo.publishing.connectors import registry
from heraldo.publishing.connectors.base import (
    ConnectorContext,
    InteractionRef,
    MediaFile,
    PublishRequest,
    PublishResult,
    ReplyTo,
)
from heraldo.publishing.errors import AuthRevoked, Invalid, OutcomeUnknown, RateLimited, Transient

PDS = "https://pds.bsky.test"
DID = "did:plc:acme123"
HANDLE = "acme.bsky.social"
PASSWORD = "abcd-efgh-ijkl-mnop"
POST = "app.bsky.feed.post"
TID = regex.compile(r"^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$")

connector = bluesky_module.connector


def jwt(subject: str, scope: str, lifetime: float) -> str:
    def part(value: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")

    unique = hashlib.sha256(str(time.perf_counter_ns()).encode()).hexdigest()[:16]
    claims = {"sub": subject, "scope": scope, "exp": int(time.time() + lifetime), "jti": unique}
    return f"{part({'typ': 'JWT', 'alg': 'ES256K'})}.{part(claims)}.c2lnbmF0dXJl"


def cid_of(value: Any, prefix: str = "bafyrei") -> str:
    data = value if isinstance(value, bytes) else json.dumps(value, sort_keys=True).encode()
    return prefix + hashlib.sha256(data).hexdigest()[:40]


class FakePds:
    """A PDS (with AppView reads) for one account, with fault injection."""

    def __init__(self) -> None:
        self.access: dict[str, dict[str, Any]] = {}
        self.refresh: dict[str, dict[str, Any]] = {}
        self.records: dict[str, dict[str, Any]] = {}  # rkey -> {uri, cid, value}
        # Posts of other accounts the network (AppView) knows: uri -> {uri, cid, value}.
        self.network: dict[str, dict[str, Any]] = {}
        self.blobs: dict[str, dict[str, Any]] = {}
        self.handles = {HANDLE: DID, "bob.bsky.social": "did:plc:bob456"}
        self.counts: dict[str, dict[str, int]] = {}
        self.notifications: list[dict[str, Any]] = []
        self.calls: list[str] = []
        self.events: list[tuple[str, str]] = []
        self.requests: list[httpx.Request] = []
        self.faults: list[tuple[str, Any]] = []
        self.sessions_created = 0
        self.session_limit = 30
        self.write_points = 0
        self.page_size = 100

    # Helpers for tests.

    def issue_session(self) -> dict[str, str]:
        access, refresh = jwt(DID, "com.atproto.appPass", 7200), jwt(DID, "com.atproto.refresh", 90 * 86400)
        self.access[access] = {"expired": False}
        self.refresh[refresh] = {"revoked": False}
        return {"access_jwt": access, "refresh_jwt": refresh, "did": DID, "handle": HANDLE}

    def expire_access_tokens(self) -> None:
        for token in self.access.values():
            token["expired"] = True

    def fail_next(self, nsid: str, answer: Any) -> None:
        self.faults.append((nsid, answer))

    def add_post(self, text: str, *, minutes_ago: float = 0, **extra: Any) -> str:
        created = utcnow() - timedelta(minutes=minutes_ago)
        # A TID of the creation time, as the client that wrote the record would have chosen.
        value_bits = (int(created.timestamp() * 1_000_000) << 10) | (len(self.records) & 1023)
        rkey = "".join("234567abcdefghijklmnopqrstuvwxyz"[(value_bits >> (5 * i)) & 31] for i in range(12, -1, -1))
        value = {"$type": POST, "text": text, "createdAt": created.isoformat().replace("+00:00", "Z"), **extra}
        return self._store(rkey, value)["uri"]

    def add_remote_post(self, did: str, rkey: str, text: str, **extra: Any) -> dict[str, str]:
        """A post of another account (a fan's reply or mention); its strong ref."""
        value = {"$type": POST, "text": text, "createdAt": utcnow().isoformat().replace("+00:00", "Z"), **extra}
        uri = f"at://{did}/{POST}/{rkey}"
        self.network[uri] = {"uri": uri, "cid": cid_of(value), "value": value}
        return {"uri": uri, "cid": self.network[uri]["cid"]}

    def find(self, uri: str) -> dict[str, Any] | None:
        """The record at `uri`: ours, or one the network knows."""
        if uri.startswith(f"at://{DID}/"):
            record = self.records.get(uri.rsplit("/", 1)[-1])
            return record if record is not None and record["uri"] == uri else None
        return self.network.get(uri)

    # Wire protocol.

    def headers(self) -> dict[str, str]:
        return {
            "ratelimit-limit": "5000",
            "ratelimit-remaining": "4990",
            "ratelimit-reset": str(int(time.time()) + 3600),
            "ratelimit-policy": "5000;w=3600",
        }

    def answer(self, status: int, body: Any = None, headers: dict[str, str] | None = None) -> httpx.Response:
        return httpx.Response(status, json=body, headers={**self.headers(), **(headers or {})})

    def error(self, status: int, name: str, message: str, headers: dict[str, str] | None = None) -> httpx.Response:
        return self.answer(status, {"error": name, "message": message}, headers)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        nsid = request.url.path.removeprefix("/xrpc/")
        self.calls.append(nsid)
        self.events.append(("call", nsid))
        self.requests.append(request)
        for index, (name, answer) in enumerate(self.faults):
            if name == nsid:
                del self.faults[index]
                if callable(answer) and not isinstance(answer, httpx.Response):
                    return answer(request)
                if isinstance(answer, Exception):
                    raise answer
                return answer
        if nsid == "com.atproto.server.createSession":
            return self.create_session(request)
        if nsid == "com.atproto.server.refreshSession":
            return self.refresh_session(request)
        refused = self.check_access(request)
        if refused is not None:
            return refused
        handler = getattr(self, nsid.rsplit(".", 1)[1], None)
        if handler is None:
            return self.error(501, "MethodNotImplemented", f"Method Not Implemented: {nsid}")
        return handler(request)

    def check_access(self, request: httpx.Request) -> httpx.Response | None:
        header = request.headers.get("authorization", "")
        if not header.startswith("Bearer "):
            return self.error(401, "AuthenticationRequired", "Authentication Required")
        token = self.access.get(header[7:])
        if token is None:
            return self.error(401, "InvalidToken", "Token could not be verified")
        if token["expired"]:
            return self.error(400, "ExpiredToken", "Token has expired")
        return None

    def create_session(self, request: httpx.Request) -> httpx.Response:
        if self.sessions_created >= self.session_limit:
            reset = str(int(time.time()) + 240)
            headers = {
                "ratelimit-limit": "30",
                "ratelimit-remaining": "0",
                "ratelimit-reset": reset,
                "ratelimit-policy": "30;w=300",
            }
            return self.error(429, "RateLimitExceeded", "Rate Limit Exceeded", headers)
        body = json.loads(request.content)
        if body.get("identifier") not in (HANDLE, DID) or body.get("password") != PASSWORD:
            return self.error(401, "AuthenticationRequired", "Invalid identifier or password")
        self.sessions_created += 1
        session = self.issue_session()
        return self.answer(200, self._session_body(session))

    def refresh_session(self, request: httpx.Request) -> httpx.Response:
        if request.content:
            return self.error(400, "InvalidRequest", "refreshSession takes no request body")
        header = request.headers.get("authorization", "")
        token = self.refresh.get(header.removeprefix("Bearer "))
        if token is None:
            return self.error(400, "InvalidToken", "Invalid token type")
        if token["revoked"]:
            return self.error(400, "ExpiredToken", "Token has been revoked")
        token["revoked"] = True  # rotation (no grace period in this fake)
        return self.answer(200, self._session_body(self.issue_session()))

    @staticmethod
    def _session_body(session: dict[str, str]) -> dict[str, Any]:
        return {
            "did": DID,
            "handle": HANDLE,
            "accessJwt": session["access_jwt"],
            "refreshJwt": session["refresh_jwt"],
            "active": True,
            "didDoc": {"id": DID, "service": [{"id": "#atproto_pds", "serviceEndpoint": PDS}]},
        }

    def _json_body(self, request: httpx.Request) -> dict[str, Any] | httpx.Response:
        if request.headers.get("content-type") != "application/json":
            return self.error(400, "InvalidRequest", "Request encoding (Content-Type) required but not provided")
        return json.loads(request.content)

    def createRecord(self, request: httpx.Request) -> httpx.Response:
        body = self._json_body(request)
        if isinstance(body, httpx.Response):
            return body
        if body.get("repo") != DID:
            return self.error(400, "InvalidRequest", "Invalid repo")
        record, rkey = body.get("record") or {}, body.get("rkey") or bluesky_module.new_tid()
        if body.get("collection") != POST or record.get("$type") != POST:
            return self.error(400, "InvalidRequest", "Invalid collection or $type")
        if not TID.match(rkey):
            return self.error(400, "InvalidRequest", "Invalid record key: must be a TID")
        if rkey in self.records:
            return self.error(400, "InvalidRequest", "Record already exists")
        problem = self._invalid_post(record)
        if problem:
            return self.error(400, "InvalidRequest", f"Invalid app.bsky.feed.post record: {problem}")
        self.write_points += 3
        stored = self._store(rkey, record)
        return self.answer(200, {**stored, "commit": {"cid": cid_of(stored), "rev": rkey}, "validationStatus": "valid"})

    def _store(self, rkey: str, value: dict[str, Any]) -> dict[str, Any]:
        uri = f"at://{DID}/{POST}/{rkey}"
        self.records[rkey] = {"uri": uri, "cid": cid_of(value), "value": value}
        self.counts[uri] = {"likeCount": 0, "repostCount": 0, "replyCount": 0, "quoteCount": 0}
        return {"uri": uri, "cid": self.records[rkey]["cid"]}

    def _invalid_post(self, record: dict[str, Any]) -> str | None:
        text = record.get("text")
        if not isinstance(text, str) or "createdAt" not in record:
            return "Record must have the properties text and createdAt"
        data = text.encode()
        if len(regex.findall(r"\X", text)) > 300 or len(data) > 3000:
            return "Record/text must not be longer than 300 graphemes"
        for facet in record.get("facets") or []:
            start, end = facet["index"]["byteStart"], facet["index"]["byteEnd"]
            if not 0 <= start < end <= len(data):
                return "facet byte range outside the text"
            if any(i < len(data) and data[i] & 0xC0 == 0x80 for i in (start, end)):
                return "facet byte range is not on a UTF-8 boundary"
            for feature in facet["features"]:
                if feature["$type"] == "app.bsky.richtext.facet#mention" and not feature["did"].startswith("did:"):
                    return "mention facet needs a DID"
        reply = record.get("reply")
        if reply is not None:
            for ref in ("root", "parent"):
                strong = reply.get(ref) or {}
                target = self.find(strong.get("uri", ""))
                if not strong.get("cid") or target is None or target["cid"] != strong["cid"]:
                    return f"Record/reply/{ref} must be a valid strong ref (uri + cid)"
        embed = record.get("embed")
        if embed is not None:
            images = embed.get("images") or []
            if embed.get("$type") != "app.bsky.embed.images" or not 1 <= len(images) <= 4:
                return "Record/embed/images must have 1 to 4 items"
            for image in images:
                if not isinstance(image.get("alt"), str):
                    return "Record/embed/images/alt must be a string"
                if image["image"]["ref"]["$link"] not in self.blobs:
                    return "Could not find blob"
        return None

    def uploadBlob(self, request: httpx.Request) -> httpx.Response:
        mime = request.headers.get("content-type", "")
        if not mime or mime == "application/json":
            return self.error(400, "InvalidRequest", "Request encoding (Content-Type) required but not provided")
        if len(request.content) > 1_000_000:
            return self.error(400, "BlobTooLarge", "This file is too large. It is 1.2MB but the maximum size is 1MB")
        link = cid_of(request.content, "bafkrei")
        blob = {"$type": "blob", "ref": {"$link": link}, "mimeType": mime, "size": len(request.content)}
        self.blobs[link] = blob
        return self.answer(200, {"blob": blob})

    def deleteRecord(self, request: httpx.Request) -> httpx.Response:
        body = self._json_body(request)
        if isinstance(body, httpx.Response):
            return body
        if body.get("repo") != DID or body.get("collection") != POST:
            return self.error(400, "InvalidRequest", "Invalid repo or collection")
        self.write_points += 1
        self.records.pop(body["rkey"], None)
        return self.answer(200, {"commit": {"cid": "bafyreicommit", "rev": "rev"}})

    def getRecord(self, request: httpx.Request) -> httpx.Response:
        params = request.url.params
        record = self.records.get(params.get("rkey", ""))
        if params.get("repo") != DID or record is None:
            return self.error(400, "RecordNotFound", f"Could not locate record: at://{params.get('repo')}/...")
        return self.answer(200, record)

    def listRecords(self, request: httpx.Request) -> httpx.Response:
        params = request.url.params
        if params.get("repo") != DID or params.get("collection") != POST:
            return self.error(400, "InvalidRequest", "Invalid repo or collection")
        limit = min(int(params.get("limit", "50")), 100, self.page_size)
        keys = sorted(self.records, reverse=True)
        if params.get("cursor"):
            keys = [k for k in keys if k < params["cursor"]]
        page = keys[:limit]
        body: dict[str, Any] = {"records": [self.records[k] for k in page]}
        if len(keys) > limit:
            body["cursor"] = page[-1]
        return self.answer(200, body)

    def getPosts(self, request: httpx.Request) -> httpx.Response:
        uris = request.url.params.get_list("uris")
        if len(uris) > 25:
            return self.error(400, "InvalidRequest", "uris must not have more than 25 elements")
        posts = []
        for uri in uris:
            record = self.find(uri)
            if record is not None:
                did = uri.removeprefix("at://").split("/", 1)[0]
                author = {"did": did, "handle": HANDLE if did == DID else f"{did.rsplit(':', 1)[1]}.bsky.social"}
                view = {"uri": uri, "cid": record["cid"], "author": author, "record": record["value"]}
                counts = self.counts.get(uri, {"likeCount": 0, "repostCount": 0, "replyCount": 0, "quoteCount": 0})
                posts.append({**view, **counts, "indexedAt": record["value"]["createdAt"]})
        return self.answer(200, {"posts": posts})

    def resolveHandle(self, request: httpx.Request) -> httpx.Response:
        did = self.handles.get(request.url.params.get("handle", ""))
        if did is None:
            return self.error(400, "InvalidRequest", "Unable to resolve handle")
        return self.answer(200, {"did": did})

    def listNotifications(self, request: httpx.Request) -> httpx.Response:
        params = request.url.params
        start = int(params.get("cursor", "0"))
        limit = min(int(params.get("limit", "50")), self.page_size)
        page = self.notifications[start : start + limit]
        body: dict[str, Any] = {"notifications": page, "seenAt": None}
        if start + limit < len(self.notifications):
            body["cursor"] = str(start + limit)
        return self.answer(200, body)


# -- fixtures -----------------------------------------------------------------------------------


@pytest.fixture
def pds() -> FakePds:
    return FakePds()


@pytest.fixture
def saved(pds) -> list[dict[str, Any]]:
    return []


@pytest.fixture
def make_ctx(pds, saved):
    settings = Settings(_env_file=None, bluesky_pds_url=PDS, http_timeout_seconds=5)
    with respx.mock(assert_all_called=False) as router, httpx.Client() as client:
        router.route(host="pds.bsky.test").mock(side_effect=pds)

        def make(credentials: dict[str, Any]) -> ConnectorContext:
            def save_credentials(new: dict[str, Any]) -> None:
                saved.append(dict(new))
                pds.events.append(("saved", new["access_jwt"]))

            return ConnectorContext(
                db=None,
                account=SocialAccount(workspace_id=1, platform="bluesky", handle=HANDLE, platform_account_id=DID),
                credentials=credentials,
                settings=settings,
                http=client,
                save_credentials=save_credentials,
                save_progress=lambda progress: pds.events.append(("progress", json.dumps(progress))),
            )

        yield make


@pytest.fixture
def ctx(pds, make_ctx) -> ConnectorContext:
    """An account with a live session and its app password on file."""
    return make_ctx({"identifier": HANDLE, "app_password": PASSWORD, **pds.issue_session()})


def request(text: str, **kwargs: Any) -> PublishRequest:
    return PublishRequest(text=text, idempotency_key=f"key-{text[:20]}", **kwargs)


def png(tmp_path, name: str, width: int, height: int, size: int = 2000) -> MediaFile:
    header = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">II", width, height) + b"\x08\x06"
    path = tmp_path / name
    path.write_bytes(header + bytes(size - len(header)))
    return MediaFile(path=path, content_type="image/png", filename=name)


# -- tests --------------------------------------------------------------------------------------


def test_registered_under_its_platform_name():
    assert registry.get_connector("bluesky") is connector
    assert connector.text_limit == 300


def test_logs_in_with_the_app_password_and_saves_the_session_before_using_it(pds, make_ctx, saved):
    ctx = make_ctx({"identifier": HANDLE, "app_password": PASSWORD})

    result = connector.publish(ctx, request("Hello Bluesky"))

    assert pds.sessions_created == 1
    assert saved[0]["access_jwt"] in pds.access and saved[0]["did"] == DID
    assert saved[0]["app_password"] == PASSWORD  # kept for the next login
    assert pds.events.index(("saved", saved[0]["access_jwt"])) < pds.events.index(
        ("call", "com.atproto.repo.createRecord")
    )
    rkey = result.platform_post_id.rsplit("/", 1)[1]
    assert result.platform_post_id == f"at://{DID}/{POST}/{rkey}"
    assert result.extra == {"uri": result.platform_post_id, "cid": pds.records[rkey]["cid"], "rkey": rkey}
    assert result.url == f"https://bsky.app/profile/{HANDLE}/post/{rkey}"
    created = pds.records[rkey]["value"]["createdAt"]
    assert created.endswith("Z") and abs((result.published_at - utcnow()).total_seconds()) < 5


def test_a_stored_session_is_reused(pds, ctx):
    connector.publish(ctx, request("One"))
    connector.publish(ctx, request("Two"))

    assert pds.sessions_created == 0
    assert "com.atproto.server.refreshSession" not in pds.calls


def test_expired_token_refreshes_with_the_refresh_jwt_in_the_header_and_retries_once(pds, ctx, saved):
    old_refresh = ctx.credentials["refresh_jwt"]
    pds.expire_access_tokens()

    result = connector.publish(ctx, request("After refresh"))

    refresh_call = next(r for r in pds.requests if r.url.path.endswith("refreshSession"))
    assert refresh_call.headers["authorization"] == f"Bearer {old_refresh}"
    assert refresh_call.content == b""
    assert pds.refresh[old_refresh]["revoked"]
    assert len(saved) == 1 and saved[0]["refresh_jwt"] != old_refresh
    assert ctx.credentials["access_jwt"] == saved[0]["access_jwt"]
    events = pds.events
    assert events.index(("saved", saved[0]["access_jwt"])) < len(events) - 1
    assert [c for c in pds.calls if c.endswith("createRecord")] == ["com.atproto.repo.createRecord"] * 2
    assert result.platform_post_id.startswith("at://")
    assert pds.sessions_created == 0


def test_an_access_jwt_past_its_exp_is_refreshed_before_the_call(pds, make_ctx):
    session = pds.issue_session()
    session["access_jwt"] = jwt(DID, "com.atproto.appPass", -10)
    ctx = make_ctx(session)

    connector.publish(ctx, request("Proactive"))

    assert pds.calls == ["com.atproto.server.refreshSession", "com.atproto.repo.createRecord"]


def test_expired_again_after_refresh_is_auth_revoked(pds, ctx):
    pds.expire_access_tokens()
    pds.fail_next("com.atproto.repo.createRecord", pds.error(400, "ExpiredToken", "Token has expired"))
    original = FakePds.refresh_session

    def refresh_and_expire(request: httpx.Request) -> httpx.Response:
        answer = original(pds, request)
        pds.expire_access_tokens()
        return answer

    pds.fail_next("com.atproto.server.refreshSession", refresh_and_expire)
    with pytest.raises(AuthRevoked, match="after a refresh"):
        connector.publish(ctx, request("Never"))


def test_a_revoked_refresh_jwt_logs_in_again_with_the_app_password(pds, ctx, saved):
    for token in pds.refresh.values():
        token["revoked"] = True
    pds.expire_access_tokens()

    connector.publish(ctx, request("Fresh login"))

    assert pds.sessions_created == 1
    assert saved[-1]["access_jwt"] == ctx.credentials["access_jwt"]


def test_a_dead_session_without_app_password_is_auth_revoked(pds, make_ctx):
    session = pds.issue_session()
    for token in pds.refresh.values():
        token["revoked"] = True
    pds.expire_access_tokens()
    with pytest.raises(AuthRevoked):
        connector.publish(make_ctx(session), request("No way"))


def test_a_revoked_app_password_is_auth_revoked(make_ctx):
    ctx = make_ctx({"identifier": HANDLE, "app_password": "wrong-pass-word-xxxx"})
    with pytest.raises(AuthRevoked, match="Invalid identifier or password"):
        connector.publish(ctx, request("No"))


def test_a_create_session_flood_is_rate_limited_until_the_reset(pds, make_ctx):
    pds.session_limit = 0
    with pytest.raises(RateLimited) as caught:
        connector.publish(make_ctx({"identifier": HANDLE, "app_password": PASSWORD}), request("No"))
    assert 230 <= caught.value.retry_after <= 240


def test_facets_use_utf8_byte_offsets_and_resolved_dids(pds, ctx):
    text = (
        "🎉 Launch! Hi @bob.bsky.social and @nobody.example.test, "
        "see https://acme.example/a?b=1. #launch #2026 \uff03日本"
    )

    result = connector.publish(ctx, request(text))

    record = pds.records[result.extra["rkey"]]["value"]
    data = text.encode()
    spans = [
        (data[f["index"]["byteStart"] : f["index"]["byteEnd"]].decode(), f["features"][0]) for f in record["facets"]
    ]
    assert spans == [
        ("@bob.bsky.social", {"$type": "app.bsky.richtext.facet#mention", "did": "did:plc:bob456"}),
        ("https://acme.example/a?b=1", {"$type": "app.bsky.richtext.facet#link", "uri": "https://acme.example/a?b=1"}),
        ("#launch", {"$type": "app.bsky.richtext.facet#tag", "tag": "launch"}),
        ("\uff03日本", {"$type": "app.bsky.richtext.facet#tag", "tag": "日本"}),
    ]
    # The emoji is 4 bytes but 1 character: offsets are bytes.
    assert record["facets"][0]["index"]["byteStart"] == len("🎉 Launch! Hi ".encode()) == text.index("@bob") + 3


def test_a_thread_of_three_keeps_the_root_and_moves_the_parent(pds, ctx):
    first = connector.publish(ctx, request("1/3 thread"))
    second = connector.reply(ctx, request("2/3 more"), ReplyTo(parent=first, root=first))
    third = connector.reply(ctx, request("3/3 end"), ReplyTo(parent=second, root=first))

    def ref(result: PublishResult) -> dict[str, str]:
        return {"uri": result.platform_post_id, "cid": result.extra["cid"]}

    assert "reply" not in pds.records[first.extra["rkey"]]["value"]
    assert pds.records[second.extra["rkey"]]["value"]["reply"] == {"root": ref(first), "parent": ref(first)}
    assert pds.records[third.extra["rkey"]]["value"]["reply"] == {"root": ref(first), "parent": ref(second)}


def test_a_reply_target_without_cid_is_looked_up(pds, ctx):
    uri = pds.add_post("Someone's post")
    bare = PublishResult(platform_post_id=uri, published_at=utcnow())

    result = connector.reply(ctx, request("Answer"), ReplyTo(parent=bare, root=bare))

    reply = pds.records[result.extra["rkey"]]["value"]["reply"]
    assert reply["parent"] == {"uri": uri, "cid": pds.records[uri.rsplit("/", 1)[1]]["cid"]}


def test_images_are_uploaded_as_blobs_with_alt_and_aspect_ratio(pds, ctx, tmp_path):
    images = [png(tmp_path, "wide.png", 1200, 800), png(tmp_path, "tall.png", 600, 900, size=3000)]

    result = connector.publish(ctx, request("Pictures", media=images))

    uploads = [r for r in pds.requests if r.url.path.endswith("uploadBlob")]
    assert [r.headers["content-type"] for r in uploads] == ["image/png", "image/png"]
    assert [len(r.content) for r in uploads] == [2000, 3000]
    embed = pds.records[result.extra["rkey"]]["value"]["embed"]
    assert embed["$type"] == "app.bsky.embed.images"
    assert [i["aspectRatio"] for i in embed["images"]] == [
        {"width": 1200, "height": 800},
        {"width": 600, "height": 900},
    ]
    assert [i["alt"] for i in embed["images"]] == ["", ""]
    assert [i["image"]["size"] for i in embed["images"]] == [2000, 3000]
    progress = [json.loads(p) for kind, p in pds.events if kind == "progress"]
    assert progress[0] == {"bluesky_rkey": result.extra["rkey"]}
    assert len(progress[-1]["bluesky_blobs"]) == 2


def test_images_bluesky_would_refuse_fail_before_any_call(pds, ctx, tmp_path):
    with pytest.raises(Invalid, match="1,000,000"):
        connector.publish(ctx, request("Big", media=[png(tmp_path, "big.png", 10, 10, size=1_000_001)]))
    with pytest.raises(Invalid, match="at most 4"):
        connector.publish(ctx, request("Many", media=[png(tmp_path, f"{i}.png", 1, 1) for i in range(5)]))
    video = tmp_path / "v.mp4"
    video.write_bytes(b"\x00" * 10)
    with pytest.raises(Invalid, match="images only"):
        connector.publish(ctx, request("Clip", media=[MediaFile(path=video, content_type="video/mp4", filename="v")]))
    assert pds.calls == []


def test_image_size_reads_png_gif_jpeg_and_webp_headers():
    gif = b"GIF89a" + struct.pack("<HH", 320, 240)
    jpeg = (
        b"\xff\xd8"
        + b"\xff\xe0"
        + struct.pack(">H", 16)
        + b"JFIF\x00" * 2
        + b"\x00\x00\x00\x00"
        + b"\xff\xc0"
        + struct.pack(">HBHH", 17, 8, 480, 640)
        + b"\x03" * 10
    )
    webp = b"RIFF" + b"\x00" * 4 + b"WEBPVP8X" + b"\x00" * 8 + (99).to_bytes(3, "little") + (49).to_bytes(3, "little")
    assert bluesky_module.image_size(gif) == (320, 240)
    assert bluesky_module.image_size(jpeg) == (640, 480)
    assert bluesky_module.image_size(webp) == (100, 50)
    assert bluesky_module.image_size(b"not an image") is None


def test_delete_is_idempotent(pds, ctx):
    result = connector.publish(ctx, request("Bye"))

    connector.delete(ctx, result.platform_post_id)
    connector.delete(ctx, result.platform_post_id)

    assert result.extra["rkey"] not in pds.records
    assert pds.write_points == 3 + 1 + 1


def test_a_retry_after_an_unanswered_create_finds_the_record_by_its_rkey(pds, ctx):
    def create_then_time_out(request: httpx.Request) -> httpx.Response:
        pds.createRecord(request)
        raise httpx.ReadTimeout("no answer", request=request)

    pds.fail_next("com.atproto.repo.createRecord", create_then_time_out)
    first = request("Exactly once")
    with pytest.raises(OutcomeUnknown):
        connector.publish(ctx, first)
    assert TID.match(first.progress["bluesky_rkey"])

    found = connector.find_published(ctx, first, utcnow() - timedelta(minutes=1))
    again = connector.publish(ctx, first)

    assert len(pds.records) == 1
    assert found.platform_post_id == again.platform_post_id == f"at://{DID}/{POST}/{first.progress['bluesky_rkey']}"
    assert found.extra["cid"] == again.extra["cid"]


def test_a_retry_whose_create_never_left_reuses_the_chosen_rkey(pds, ctx):
    pds.fail_next("com.atproto.repo.createRecord", httpx.ConnectError("refused"))
    first = request("Second time lucky")
    with pytest.raises(Transient):
        connector.publish(ctx, first)

    result = connector.publish(ctx, first)

    assert result.extra["rkey"] == first.progress["bluesky_rkey"]
    assert len(pds.records) == 1


def test_an_rkey_holding_another_post_is_not_taken_for_ours(pds, ctx):
    other = connector.publish(ctx, request("Someone else's words"))
    mixed_up = request("Our words", progress={"bluesky_rkey": other.extra["rkey"]})

    assert connector.find_published(ctx, mixed_up, utcnow() - timedelta(minutes=1)) is None
    result = connector.publish(ctx, mixed_up)

    assert result.platform_post_id != other.platform_post_id
    assert pds.records[result.extra["rkey"]]["value"]["text"] == "Our words"
    assert mixed_up.progress["bluesky_rkey"] == result.extra["rkey"]


def test_find_published_matches_text_and_created_at_across_pages(pds, ctx):
    pds.page_size = 2
    since = utcnow() - timedelta(minutes=10)
    pds.add_post("Evergreen tip", minutes_ago=60)
    target = pds.add_post("Evergreen tip", minutes_ago=5)
    for i in range(4):
        pds.add_post(f"Newer {i}", minutes_ago=1 - i * 0.1)

    found = connector.find_published(ctx, request("Evergreen tip"), since)

    assert found.platform_post_id == target
    assert found.extra["cid"] == pds.records[target.rsplit("/", 1)[1]]["cid"]
    assert connector.find_published(ctx, request("Evergreen tip"), utcnow() - timedelta(minutes=2)) is None
    assert connector.find_published(ctx, request("Never posted"), since) is None


def test_find_published_checks_the_reply_parent(pds, ctx):
    root = connector.publish(ctx, request("Root"))
    reply = connector.reply(ctx, request("Same words"), ReplyTo(parent=root, root=root))
    connector.publish(ctx, request("Same words"))
    since = utcnow() - timedelta(minutes=1)

    wanted = request("Same words")
    wanted.reply_to = ReplyTo(parent=root, root=root)
    assert connector.find_published(ctx, wanted, since).platform_post_id == reply.platform_post_id


def test_metrics_come_from_get_posts_in_batches_of_25(pds, ctx):
    uris = [pds.add_post(f"Post {i}") for i in range(30)]
    pds.counts[uris[0]] = {"likeCount": 7, "repostCount": 2, "replyCount": 3, "quoteCount": 1}
    missing = f"at://{DID}/{POST}/3zzzzzzzzzzzz"

    samples = connector.fetch_metrics(ctx, [*uris, missing])

    assert pds.calls.count("app.bsky.feed.getPosts") == 2
    assert len(samples) == 30
    first = samples[0]
    assert (first.likes, first.shares, first.comments, first.quotes, first.impressions) == (7, 2, 3, 1, None)


def test_interactions_are_mentions_replies_and_quotes_since_a_time(pds, ctx):
    pds.page_size = 2
    ours = pds.add_post("Our post")

    def notification(reason: str, minutes_ago: float, text: str, **record: Any) -> dict[str, Any]:
        when = (utcnow() - timedelta(minutes=minutes_ago)).isoformat().replace("+00:00", "Z")
        return {
            "uri": f"at://did:plc:fan/{POST}/{reason}{int(minutes_ago)}",
            "cid": "bafyreifan",
            "author": {"did": "did:plc:fan", "handle": "fan.bsky.social", "displayName": "A Fan"},
            "reason": reason,
            "record": {"$type": POST, "text": text, "createdAt": when, **record},
            "isRead": False,
            "indexedAt": when,
        }

    reply_ref = {"root": {"uri": ours, "cid": "x"}, "parent": {"uri": ours, "cid": "x"}}
    pds.notifications = [
        notification("reply", 1, "Nice!", reply=reply_ref),
        notification("like", 2, ""),
        notification("mention", 3, "hey @acme.bsky.social"),
        notification("quote", 4, "look at this"),
        notification("mention", 120, "old news"),
    ]

    samples = connector.fetch_interactions(ctx, utcnow() - timedelta(minutes=60))

    assert [(s.kind, s.text) for s in samples] == [
        ("reply", "Nice!"),
        ("mention", "hey @acme.bsky.social"),
        ("mention", "look at this"),
    ]
    assert samples[0].in_reply_to_platform_post_id == ours
    assert (samples[0].author_handle, samples[0].author_name) == ("fan.bsky.social", "A Fan")


def test_write_rate_limit_is_rate_limited_with_the_reset_hint(pds, ctx):
    reset = int(time.time()) + 1800
    headers = {"ratelimit-limit": "5000", "ratelimit-remaining": "0", "ratelimit-reset": str(reset)}
    pds.fail_next("com.atproto.repo.createRecord", pds.error(429, "RateLimitExceeded", "Rate Limit Exceeded", headers))
    with pytest.raises(RateLimited) as caught:
        connector.publish(ctx, request("Too fast"))
    assert 1790 <= caught.value.retry_after <= 1800


def test_5xx_is_transient(pds, ctx):
    pds.fail_next("com.atproto.repo.createRecord", pds.error(502, "UpstreamFailure", "Upstream Failure"))
    with pytest.raises(Transient):
        connector.publish(ctx, request("Later"))


def test_too_long_text_is_invalid_with_the_pds_message(ctx):
    with pytest.raises(Invalid, match="300 graphemes"):
        connector.publish(ctx, request("a" * 301))


def test_a_taken_down_account_is_permanent(pds, make_ctx):
    pds.fail_next("com.atproto.server.createSession", pds.error(401, "AccountTakedown", "Account has been taken down"))
    with pytest.raises(Invalid, match="AccountTakedown"):
        connector.publish(make_ctx({"identifier": HANDLE, "app_password": PASSWORD}), request("No"))


# -- answering interactions ---------------------------------------------------------------------


def fan_notification(pds: FakePds, reason: str, rkey: str, text: str, **record: Any) -> dict[str, Any]:
    """A fan's post in the network and the notification listNotifications gives for it."""
    ref = pds.add_remote_post("did:plc:fan", rkey, text, **record)
    value = pds.network[ref["uri"]]["value"]
    notification = {
        **ref,
        "author": {"did": "did:plc:fan", "handle": "fan.bsky.social", "displayName": "A Fan"},
        "reason": reason,
        "record": value,
        "isRead": False,
        "indexedAt": value["createdAt"],
    }
    pds.notifications.append(notification)
    return ref


def test_interactions_store_the_strong_refs_of_the_post_and_of_its_thread_root(pds, ctx):
    ours = connector.publish(ctx, request("Our post"))
    root = {"uri": ours.platform_post_id, "cid": ours.extra["cid"]}
    reply = fan_notification(pds, "reply", "3fanreply00001", "Nice!", reply={"root": root, "parent": root})
    mention = fan_notification(pds, "mention", "3fanmention001", "hey @acme.bsky.social")

    samples = {s.platform_id: s for s in connector.fetch_interactions(ctx, utcnow() - timedelta(hours=1))}

    assert samples[reply["uri"]].extra == {**reply, "root_id": root["uri"], "root_extra": root}
    assert samples[mention["uri"]].extra == mention  # top-level: its own root
    json.dumps([s.extra for s in samples.values()])  # stored in a JSON column


def test_reply_to_interaction_sends_root_and_parent_refs(pds, ctx):
    ours = connector.publish(ctx, request("Our post"))
    root = {"uri": ours.platform_post_id, "cid": ours.extra["cid"]}
    first = fan_notification(pds, "reply", "3fanreply00001", "Nice!", reply={"root": root, "parent": root})
    # Deeper in the thread: the fan answers their own reply and mentions us.
    deeper = fan_notification(
        pds, "mention", "3fanreply00002", "@acme.bsky.social right?", reply={"root": root, "parent": first}
    )
    samples = {s.platform_id: s for s in connector.fetch_interactions(ctx, utcnow() - timedelta(hours=1))}

    answers = {}
    for ref in (first, deeper):
        sample = samples[ref["uri"]]
        stored = InteractionRef(sample.platform_id, sample.kind, json.loads(json.dumps(sample.extra)))
        answers[ref["uri"]] = connector.reply_to_interaction(ctx, request(f"Thanks! {ref['uri'][-2:]}"), stored)

    create = [r for r in pds.requests if r.url.path.endswith("createRecord")][-1]
    assert json.loads(create.content)["record"]["reply"] == {"root": root, "parent": deeper}
    assert pds.records[answers[first["uri"]].extra["rkey"]]["value"]["reply"] == {"root": root, "parent": first}
    assert answers[deeper["uri"]].platform_post_id.startswith(f"at://{DID}/{POST}/")


def test_reply_to_a_top_level_mention_uses_it_as_root_and_parent(pds, ctx):
    mention = fan_notification(pds, "mention", "3fanmention001", "hey @acme.bsky.social")

    result = connector.reply_to_interaction(ctx, request("Hi!"), InteractionRef(mention["uri"], "mention", mention))

    assert pds.records[result.extra["rkey"]]["value"]["reply"] == {"root": mention, "parent": mention}


def test_reply_to_interaction_errors_are_classified_like_publishing(pds, ctx):
    mention = fan_notification(pds, "mention", "3fanmention001", "hey @acme.bsky.social")
    ref = InteractionRef(mention["uri"], "mention", mention)
    reset = int(time.time()) + 600
    headers = {"ratelimit-limit": "5000", "ratelimit-remaining": "0", "ratelimit-reset": str(reset)}
    pds.fail_next("com.atproto.repo.createRecord", pds.error(429, "RateLimitExceeded", "Rate Limit Exceeded", headers))
    with pytest.raises(RateLimited) as caught:
        connector.reply_to_interaction(ctx, request("Too fast"), ref)
    assert 590 <= caught.value.retry_after <= 600

    stale = InteractionRef(mention["uri"], "mention", {**mention, "cid": "bafyreistale"})
    with pytest.raises(Invalid, match="strong ref"):
        connector.reply_to_interaction(ctx, request("Edited meanwhile"), stale)
