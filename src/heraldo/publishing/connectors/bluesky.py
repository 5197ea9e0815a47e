"""Bluesky (AT Protocol) client: app-password sessions, posts with facets and images, reply refs,
metrics, notifications, and read-back for retries.

Wire contract: shared/PLATFORM_APIS.md sections 0 and 7. Credentials are
{"identifier", "app_password"} and, once a session exists, {"access_jwt", "refresh_jwt", "did", "handle"}.
"""

import base64
import json
import random
import re
import struct
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

import httpx
import regex

from heraldo.core.clock import as_utc, utcnow
from heraldo.core.settings import Settings, get_settings
from heraldo.publishing.connectors import http
from heraldo.publishing.connectors.base import (
    ROOT_EXTRA,
    ROOT_ID,
    Connector,
    ConnectorContext,
    InteractionSample,
    MediaFile,
    MetricsSample,
    PublishRequest,
    PublishResult,
    ReplyTo,
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

POST_COLLECTION = "app.bsky.feed.post"
MAX_IMAGES = 4
MAX_IMAGE_BYTES = 1_000_000
# Refresh an access JWT this close to its `exp` instead of waiting for an ExpiredToken answer.
EXPIRY_MARGIN_SECONDS = 60
# Unreferenced blobs are garbage-collected "soon"; past this age a retry uploads again (same bytes, same CID).
BLOB_REUSE_SECONDS = 600
MAX_PAGES = 10
GET_POSTS_BATCH = 25
MAX_TAG_LENGTH = 64
PROGRESS_RKEY = "bluesky_rkey"
PROGRESS_BLOBS = "bluesky_blobs"
INTERACTION_KINDS = {"mention": "mention", "reply": "reply", "quote": "mention"}
PERMANENT_ACCOUNT_ERRORS = {"AccountTakedown", "AccountDeactivated"}


class BlueskyConnector(Connector):
    platform = Platform.BLUESKY.value
    text_limit = TEXT_LIMITS[Platform.BLUESKY]
    supports_refresh = True

    # -- publishing ---------------------------------------------------------------------------

    def publish(self, ctx: ConnectorContext, request: PublishRequest) -> PublishResult:
        _check_media(request.media)
        with _open(ctx) as api:
            reply = _reply_refs(api, request.reply_to) if request.reply_to else None
            rkey = request.progress.get(PROGRESS_RKEY)
            if rkey:
                found = _get_record(api, rkey)
                if found is not None:
                    existing = _as_ours(api, found, request.text)
                    if existing is not None:
                        # An earlier attempt chose this record key and its record exists: it went out.
                        return existing
                    rkey = None  # the key holds some other post: choose another
            if not rkey:
                # Our own record key makes a blind re-send fail instead of duplicating the post.
                rkey = new_tid()
                request.progress[PROGRESS_RKEY] = rkey
                ctx.save_progress(request.progress)
            record: dict[str, Any] = {
                "$type": POST_COLLECTION,
                "text": request.text,
                "createdAt": _iso(utcnow()),
            }
            facets = _facets(api, request.text)
            if facets:
                record["facets"] = facets
            if request.media:
                record["embed"] = _images_embed(api, request)
            if reply is not None:
                record["reply"] = reply
            answer = api.call(
                "POST",
                "com.atproto.repo.createRecord",
                json={"repo": api.did, "collection": POST_COLLECTION, "rkey": rkey, "record": record},
            )
        if not answer.get("uri") or not answer.get("cid"):
            raise Transient("Bluesky created the record but sent no uri/cid")
        return _result(ctx, answer["uri"], answer["cid"], _parse_time(record["createdAt"]))

    def delete(self, ctx: ConnectorContext, platform_post_id: str) -> None:
        with _open(ctx) as api:
            repo, collection, rkey = _split_uri(platform_post_id, api.did)
            # deleteRecord is idempotent: a missing record also answers 200.
            api.call(
                "POST", "com.atproto.repo.deleteRecord", json={"repo": repo, "collection": collection, "rkey": rkey}
            )

    def refresh_credentials(self, ctx: ConnectorContext) -> dict[str, Any]:
        with _open(ctx) as api:
            api.refresh()
        return ctx.credentials

    # -- reading back ---------------------------------------------------------------------------

    def find_published(self, ctx: ConnectorContext, request: PublishRequest, since: datetime) -> PublishResult | None:
        """The record this request made: by its stored rkey, else by text and createdAt >= since."""
        since = as_utc(since)
        parent_uri = _uri_of(request.reply_to.parent) if request.reply_to else None
        with _open(ctx) as api:
            rkey = request.progress.get(PROGRESS_RKEY)
            existing = _own_record(api, rkey, request.text) if rkey else None
            if existing is not None:
                return existing
            params: dict[str, Any] = {"repo": api.did, "collection": POST_COLLECTION, "limit": 100}
            for _ in range(MAX_PAGES):
                answer = api.call("GET", "com.atproto.repo.listRecords", params=params)
                reached_older = False
                for item in answer.get("records") or []:
                    value = item.get("value") or {}
                    created = _parse_time(value.get("createdAt"))
                    if created is None or created < since:
                        reached_older = True
                        continue
                    if value.get("text") != request.text:
                        continue
                    if ((value.get("reply") or {}).get("parent") or {}).get("uri") != parent_uri:
                        continue
                    return _result(ctx, item["uri"], item["cid"], created)
                # Records come newest first (by TID), so a page reaching past `since` is the last one needed.
                if reached_older or not answer.get("cursor"):
                    return None
                params["cursor"] = answer["cursor"]
        return None

    def fetch_metrics(self, ctx: ConnectorContext, platform_post_ids: list[str]) -> list[MetricsSample]:
        """Lifetime like/repost/reply/quote counts from app.bsky.feed.getPosts (no impressions exist)."""
        samples: dict[str, MetricsSample] = {}
        with _open(ctx) as api:
            for start in range(0, len(platform_post_ids), GET_POSTS_BATCH):
                batch = platform_post_ids[start : start + GET_POSTS_BATCH]
                uris = [_full_uri(pid, api.did) for pid in batch]
                answer = api.call("GET", "app.bsky.feed.getPosts", params=[("uris", uri) for uri in uris])
                by_uri = {post.get("uri"): post for post in answer.get("posts") or []}
                for pid, uri in zip(batch, uris, strict=True):
                    post = by_uri.get(uri)
                    if post is None:
                        continue  # deleted or hidden: no counts to report
                    samples[pid] = MetricsSample(
                        platform_post_id=pid,
                        likes=post.get("likeCount"),
                        shares=post.get("repostCount"),
                        comments=post.get("replyCount"),
                        quotes=post.get("quoteCount"),
                    )
        return [samples[pid] for pid in platform_post_ids if pid in samples]

    def fetch_followers(self, ctx: ConnectorContext) -> tuple[int | None, int | None] | None:
        with _open(ctx) as api:
            profile = api.call("GET", "app.bsky.actor.getProfile", params={"actor": api.did}) or {}
        return profile.get("followersCount"), profile.get("followsCount")

    def fetch_interactions(self, ctx: ConnectorContext, since: datetime | None) -> list[InteractionSample]:
        """Mentions, replies and quotes from the notification list, newest first.

        `extra` holds the strong refs an answer needs: the post's own `uri` + `cid` (the answer's parent)
        and, when the post is itself a reply, `root_id` + `root_extra` ({uri, cid}) from its
        `record.reply.root` (a top-level post is its own root)."""
        since = as_utc(since) if since else None
        samples = []
        with _open(ctx) as api:
            params: dict[str, Any] = {"limit": 50}
            for _ in range(MAX_PAGES):
                answer = api.call("GET", "app.bsky.notification.listNotifications", params=params)
                reached_older = False
                for item in answer.get("notifications") or []:
                    received = _parse_time(item.get("indexedAt")) or utcnow()
                    if since is not None and received < since:
                        reached_older = True
                        continue
                    kind = INTERACTION_KINDS.get(item.get("reason", ""))
                    if kind is None:
                        continue
                    record = item.get("record") or {}
                    author = item.get("author") or {}
                    parent = ((record.get("reply") or {}).get("parent") or {}).get("uri")
                    samples.append(
                        InteractionSample(
                            platform_id=item.get("uri", ""),
                            kind=kind,
                            author_handle=author.get("handle") or author.get("did", ""),
                            author_name=author.get("displayName") or None,
                            text=record.get("text", ""),
                            received_at=received,
                            in_reply_to_platform_post_id=parent,
                            extra=_interaction_refs(item),
                        )
                    )
                if reached_older or not answer.get("cursor"):
                    break
                params["cursor"] = answer["cursor"]
        return samples


# -- session and calls --------------------------------------------------------------------------


class _Api:
    """One connector call: the client, the PDS and a session that refreshes itself once when it expires."""

    def __init__(self, ctx: ConnectorContext, client: httpx.Client, settings: Settings):
        self.ctx = ctx
        self.client = client
        self.base = (ctx.account.instance_url or settings.bluesky_pds_url).rstrip("/")

    @property
    def did(self) -> str:
        self.ensure_session()
        did = self.ctx.credentials.get("did") or self.ctx.account.platform_account_id
        if not did:
            raise AuthRevoked("Bluesky session has no DID; reconnect the account")
        return did

    # Session lifecycle: reuse, refresh (rotating), log in again with the app password.

    def ensure_session(self) -> None:
        credentials = self.ctx.credentials
        if credentials.get("access_jwt") and not _jwt_expired(credentials["access_jwt"]):
            return
        if credentials.get("refresh_jwt") and not _jwt_expired(credentials["refresh_jwt"]):
            self.refresh()
        else:
            self.login()

    def refresh(self) -> None:
        """refreshSession: the refresh JWT goes in the Authorization header, with no body."""
        refresh_jwt = self.ctx.credentials.get("refresh_jwt")
        if not refresh_jwt:
            self.login()
            return
        response = self._send("POST", "com.atproto.server.refreshSession", token=refresh_jwt)
        if response.status_code == 200:
            self._store(http.json_object(response))
            return
        if response.status_code == 429 or response.status_code >= 500:
            raise _error(response)
        # Expired, revoked or rotated away: a new session from the app password, if we have one.
        if self._can_login():
            self.login()
            return
        raise AuthRevoked(f"Bluesky refused to refresh the session ({_describe(response)}); reconnect the account")

    def login(self) -> None:
        """createSession. Limited to 30 per 5 minutes and 300 a day: only when no session can be reused."""
        if not self._can_login():
            raise AuthRevoked("Bluesky session ended and no app password is on file; reconnect the account")
        credentials = self.ctx.credentials
        response = self._send(
            "POST",
            "com.atproto.server.createSession",
            json={"identifier": credentials["identifier"], "password": credentials["app_password"]},
        )
        if response.status_code != 200:
            name = _error_name(response)
            if response.status_code == 401 and name not in PERMANENT_ACCOUNT_ERRORS:
                raise AuthRevoked(f"Bluesky rejected the app password ({_describe(response)}); reconnect the account")
            raise _error(response)
        body = http.json_object(response)
        self._store(body)
        if body.get("active") is False:
            raise Invalid(f"Bluesky account is {body.get('status') or 'inactive'}")

    def _can_login(self) -> bool:
        return bool(self.ctx.credentials.get("identifier") and self.ctx.credentials.get("app_password"))

    def _store(self, body: dict[str, Any]) -> None:
        if not body.get("accessJwt") or not body.get("refreshJwt"):
            raise Transient("Bluesky answered a session call without tokens")
        rotated = {
            **self.ctx.credentials,
            "access_jwt": body["accessJwt"],
            "refresh_jwt": body["refreshJwt"],
            "did": body.get("did") or self.ctx.credentials.get("did"),
            "handle": body.get("handle") or self.ctx.credentials.get("handle"),
        }
        # Persist first: the old refresh JWT dies after a short grace period.
        self.ctx.save_credentials(rotated)
        self.ctx.credentials = rotated

    # Calls.

    def _send(self, method: str, nsid: str, *, token: str | None = None, **kwargs: Any) -> httpx.Response:
        headers = dict(kwargs.pop("headers", None) or {})
        if token:
            headers["Authorization"] = f"Bearer {token}"
        return http.send(self.client, method, f"{self.base}/xrpc/{nsid}", headers=headers, **kwargs)

    def call(self, method: str, nsid: str, *, allow: tuple[str, ...] = (), **kwargs: Any) -> dict[str, Any] | None:
        """One XRPC call with the session; an ExpiredToken answer refreshes once and retries once.

        Errors named in `allow` return None instead of raising (RecordNotFound on a lookup...)."""
        self.ensure_session()
        response = self._send(method, nsid, token=self.ctx.credentials["access_jwt"], **kwargs)
        name = _error_name(response)
        if name == "ExpiredToken":
            self.refresh()
            response = self._send(method, nsid, token=self.ctx.credentials["access_jwt"], **kwargs)
            if _error_name(response) == "ExpiredToken":
                raise AuthRevoked("Bluesky still says the token expired after a refresh; reconnect the account")
        elif response.status_code == 401 and name in ("InvalidToken", "AuthenticationRequired") and self._can_login():
            self.login()
            response = self._send(method, nsid, token=self.ctx.credentials["access_jwt"], **kwargs)
        if response.status_code >= 400:
            if _error_name(response) in allow:
                return None
            raise _error(response)
        return http.json_object(response)


@contextmanager
def _open(ctx: ConnectorContext) -> Iterator[_Api]:
    settings = ctx.settings or get_settings()
    if ctx.http is not None:
        yield _Api(ctx, ctx.http, settings)
        return
    with http.client_for(settings.http_timeout_seconds) as client:
        yield _Api(ctx, client, settings)


# -- errors -------------------------------------------------------------------------------------


def _error_name(response: httpx.Response) -> str | None:
    if response.status_code < 400:
        return None
    return http.json_object(response).get("error")


def _describe(response: httpx.Response) -> str:
    body = http.json_object(response)
    name, message = body.get("error"), body.get("message")
    if name and message:
        return f"{name}: {message}"
    return str(name or message or f"HTTP {response.status_code}")


def _error(response: httpx.Response) -> PublishError:
    status, name, message = response.status_code, _error_name(response), _describe(response)
    if status == 429:
        headers = response.headers
        remaining = (headers.get("ratelimit-remaining") or "0").strip()
        reset = http.seconds_until_epoch(headers.get("ratelimit-reset")) if remaining == "0" else None
        wait = http.largest_wait(http.retry_after_from(headers), reset)
        return RateLimited(f"Bluesky rate limit reached: {message}", retry_after=wait)
    if status >= 500:
        return Transient(f"Bluesky answered {status}: {message}", retry_after=http.retry_after_from(response.headers))
    if name in PERMANENT_ACCOUNT_ERRORS:
        return Invalid(f"Bluesky: {message}")
    if status == 401:
        return AuthRevoked(f"Bluesky refused the session ({message}); reconnect the account")
    if status == 403:
        return PermissionMissing(f"Bluesky: {message}")
    return Invalid(f"Bluesky: {message}")


# -- records ------------------------------------------------------------------------------------


def _result(ctx: ConnectorContext, uri: str, cid: str, created: datetime | None) -> PublishResult:
    _repo, _collection, rkey = _split_uri(uri, "")
    handle = ctx.credentials.get("handle") or ctx.account.handle or ctx.credentials.get("did")
    return PublishResult(
        platform_post_id=uri,
        published_at=created or utcnow(),
        url=f"https://bsky.app/profile/{handle.lstrip('@')}/post/{rkey}" if handle else None,
        extra={"uri": uri, "cid": cid, "rkey": rkey},
    )


def _get_record(api: _Api, rkey: str) -> dict[str, Any] | None:
    answer = api.call(
        "GET",
        "com.atproto.repo.getRecord",
        params={"repo": api.did, "collection": POST_COLLECTION, "rkey": rkey},
        allow=("RecordNotFound", "NotFound"),
    )
    return answer if answer and answer.get("uri") and answer.get("cid") else None


def _as_ours(api: _Api, record: dict[str, Any], text: str) -> PublishResult | None:
    """The record as our post, if it is the one this request made (same text)."""
    value = record.get("value") or {}
    if value.get("text") != text:
        return None
    return _result(api.ctx, record["uri"], record["cid"], _parse_time(value.get("createdAt")))


def _own_record(api: _Api, rkey: str, text: str) -> PublishResult | None:
    """The post at our record key, if it is the one this request made."""
    found = _get_record(api, rkey)
    return _as_ours(api, found, text) if found is not None else None


def _split_uri(value: str, default_repo: str) -> tuple[str, str, str]:
    """(repo, collection, rkey) of an at:// URI; a bare rkey is a post of our own repo."""
    if value.startswith("at://"):
        parts = value[len("at://") :].split("/")
        if len(parts) == 3 and all(parts):
            return parts[0], parts[1], parts[2]
        raise Invalid(f"not a Bluesky record URI: {value!r}")
    return default_repo, POST_COLLECTION, value


def _full_uri(value: str, did: str) -> str:
    repo, collection, rkey = _split_uri(value, did)
    return f"at://{repo}/{collection}/{rkey}"


def _uri_of(result: PublishResult) -> str:
    return result.extra.get("uri") or result.platform_post_id


def _interaction_refs(notification: dict[str, Any]) -> dict[str, Any]:
    """`InteractionSample.extra` of a notification: its strong ref, and its thread root's when it has one."""
    uri, cid = notification.get("uri", ""), notification.get("cid")
    extra: dict[str, Any] = {"uri": uri}
    if cid:
        extra["cid"] = cid
    root = ((notification.get("record") or {}).get("reply") or {}).get("root") or {}
    if root.get("uri") and root["uri"] != uri:
        extra[ROOT_ID] = root["uri"]
        extra[ROOT_EXTRA] = {"uri": root["uri"], **({"cid": root["cid"]} if root.get("cid") else {})}
    return extra


def _reply_refs(api: _Api, reply_to: ReplyTo) -> dict[str, Any]:
    """Strong refs (uri + cid) of the thread's root and of the post replied to."""
    return {"root": _strong_ref(api, reply_to.root), "parent": _strong_ref(api, reply_to.parent)}


def _strong_ref(api: _Api, result: PublishResult) -> dict[str, str]:
    uri = _full_uri(_uri_of(result), api.did)
    cid = result.extra.get("cid")
    if not cid:
        # Not kept from createRecord: ask the AppView for it.
        answer = api.call("GET", "app.bsky.feed.getPosts", params=[("uris", uri)])
        posts = [post for post in answer.get("posts") or [] if post.get("uri") == uri]
        if not posts:
            raise Invalid(f"the Bluesky post to reply to no longer exists: {uri}")
        cid = posts[0]["cid"]
    return {"uri": uri, "cid": cid}


def _check_media(media: list[MediaFile]) -> None:
    """Refuse what Bluesky would refuse before any call goes out."""
    if len(media) > MAX_IMAGES:
        raise Invalid(f"Bluesky allows at most {MAX_IMAGES} images per post")
    for item in media:
        if not item.content_type.lower().startswith("image/"):
            raise Invalid(f"Bluesky posts from Heraldo take images only, not {item.content_type}")
        try:
            size = item.path.stat().st_size
        except OSError as exc:
            raise Invalid(f"media file {item.filename} cannot be read: {exc.strerror}") from exc
        if size > MAX_IMAGE_BYTES:
            raise Invalid(f"{item.filename} is {size:,} bytes; Bluesky takes images up to {MAX_IMAGE_BYTES:,} bytes")


def _images_embed(api: _Api, request: PublishRequest) -> dict[str, Any]:
    """Upload each image (reusing a recent blob from an earlier attempt) and build app.bsky.embed.images."""
    blobs: dict[str, dict[str, Any]] = request.progress.setdefault(PROGRESS_BLOBS, {})
    images = []
    for index, media in enumerate(request.media):
        data = media.path.read_bytes()
        entry = blobs.get(str(index))
        if not entry or time.time() - entry.get("uploaded_at", 0) > BLOB_REUSE_SECONDS:
            answer = api.call(
                "POST", "com.atproto.repo.uploadBlob", content=data, headers={"Content-Type": media.content_type}
            )
            if not answer.get("blob"):
                raise Transient("Bluesky accepted the upload but sent no blob")
            entry = {"blob": answer["blob"], "uploaded_at": time.time()}
            blobs[str(index)] = entry
            api.ctx.save_progress(request.progress)
        image: dict[str, Any] = {"alt": _alt_text(media), "image": entry["blob"]}
        size = image_size(data)
        if size:
            image["aspectRatio"] = {"width": size[0], "height": size[1]}
        images.append(image)
    return {"$type": "app.bsky.embed.images", "images": images}


def _alt_text(media: MediaFile) -> str:
    # `alt` is required by the lexicon; MediaFile may carry alt text in a later version.
    return getattr(media, "alt_text", None) or ""


# -- rich text facets ---------------------------------------------------------------------------

_URL = re.compile(r"(?:^|(?<=[\s(]))(https?://\S+)", re.IGNORECASE)
_MENTION = re.compile(r"(?:^|(?<=[\s(]))@([a-zA-Z0-9.-]+)\b")
_HANDLE = re.compile(r"([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?")
_TAG = regex.compile(r"(?:^|(?<=\s))[#\uff03]([^\s#\uff03\u00AD\u2060\u200A\u200B\u200C\u200D\u20e2]+)")
_TRAILING_PUNCTUATION = regex.compile(r"\p{P}+$")


def detect_facets(text: str) -> list[tuple[int, int, dict[str, str]]]:
    """Links, mentions (handle still to resolve, under "handle") and tags, as UTF-8 byte ranges."""
    found: list[tuple[int, int, dict[str, str]]] = []

    def add(start: int, end: int, feature: dict[str, str]) -> None:
        found.append((len(text[:start].encode()), len(text[:end].encode()), feature))

    for match in _URL.finditer(text):
        uri = match.group(1)
        start = match.start(1)
        uri = uri.rstrip(".,;:!?\"'")
        if uri.endswith(")") and "(" not in uri:
            uri = uri[:-1]
        add(start, start + len(uri), {"$type": "app.bsky.richtext.facet#link", "uri": uri})
    for match in _MENTION.finditer(text):
        handle = match.group(1)
        if _HANDLE.fullmatch(handle):
            add(match.start(), match.end(1), {"$type": "app.bsky.richtext.facet#mention", "handle": handle.lower()})
    for match in _TAG.finditer(text):
        tag = _TRAILING_PUNCTUATION.sub("", match.group(1))
        if not tag or tag.isdigit() or len(tag) > MAX_TAG_LENGTH:
            continue
        add(match.start(), match.start(1) + len(tag), {"$type": "app.bsky.richtext.facet#tag", "tag": tag})
    return sorted(found, key=lambda item: item[0])


def _facets(api: _Api, text: str) -> list[dict[str, Any]]:
    """app.bsky.richtext.facet entries; mentions whose handle does not resolve stay plain text."""
    facets = []
    resolved: dict[str, str | None] = {}
    for byte_start, byte_end, feature in detect_facets(text):
        if "handle" in feature:
            handle = feature["handle"]
            if handle not in resolved:
                answer = api.call(
                    "GET",
                    "com.atproto.identity.resolveHandle",
                    params={"handle": handle},
                    allow=("InvalidRequest", "HandleNotFound", "NotFound"),
                )
                resolved[handle] = (answer or {}).get("did")
            if not resolved[handle]:
                continue
            feature = {"$type": "app.bsky.richtext.facet#mention", "did": resolved[handle]}
        facets.append({"index": {"byteStart": byte_start, "byteEnd": byte_end}, "features": [feature]})
    return facets


# -- small pieces -------------------------------------------------------------------------------

_TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"


def new_tid() -> str:
    """A record key: 53 bits of microseconds and a 10-bit clock id, in base32-sortable (13 chars)."""
    value = ((time.time_ns() // 1000) << 10) | random.getrandbits(10)
    return "".join(_TID_ALPHABET[(value >> (5 * shift)) & 31] for shift in range(12, -1, -1))


def _jwt_expired(token: str) -> bool:
    """Whether a JWT's `exp` is (nearly) past; a token we cannot read is assumed good (the server decides)."""
    try:
        payload = token.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        exp = float(claims["exp"])
    except (IndexError, KeyError, TypeError, ValueError):
        return False
    return exp - EXPIRY_MARGIN_SECONDS <= time.time()


def _iso(moment: datetime) -> str:
    return as_utc(moment).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return as_utc(datetime.fromisoformat(value.replace("Z", "+00:00")))
    except ValueError:
        return None


def image_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) of a PNG, GIF, JPEG or WebP from its header; None when unknown."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        return struct.unpack(">II", data[16:24])
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        return struct.unpack("<HH", data[6:10])
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP" and len(data) >= 30:
        chunk = data[12:16]
        if chunk == b"VP8X":
            return 1 + int.from_bytes(data[24:27], "little"), 1 + int.from_bytes(data[27:30], "little")
        if chunk == b"VP8 ":
            width, height = struct.unpack("<HH", data[26:30])
            return width & 0x3FFF, height & 0x3FFF
        if chunk == b"VP8L":
            bits = int.from_bytes(data[21:25], "little")
            return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
        return None
    if data[:2] == b"\xff\xd8":
        position = 2
        while position + 9 < len(data):
            if data[position] != 0xFF:
                return None
            marker = data[position + 1]
            if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
                position += 2
                continue
            (length,) = struct.unpack(">H", data[position + 2 : position + 4])
            # Start-of-frame markers carry the size; C4 (Huffman), C8 and CC (arithmetic) do not.
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                height, width = struct.unpack(">HH", data[position + 5 : position + 9])
                return width, height
            position += 2 + length
    return None


connector = BlueskyConnector()
