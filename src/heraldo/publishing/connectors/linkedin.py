"""LinkedIn Posts API (versioned REST): posts for a member or an organisation, images through
initializeUpload, comments as follow-ups, and the "little text" escaping `commentary` needs.

See PLATFORM_APIS.md section 6. `platform_account_id` is the author URN (urn:li:person:… or
urn:li:organization:…). Every /rest call carries `LinkedIn-Version` (HERALDO_LINKEDIN_VERSION) and
`X-Restli-Protocol-Version: 2.0.0`; a retired version answers 426 and is a settings problem, not the account's.
"""

import copy
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote, unquote

import httpx

from heraldo.core.clock import utcnow
from heraldo.core.logging import get_logger
from heraldo.core.settings import Settings, get_settings
from heraldo.publishing.connectors.base import (
    Connector,
    ConnectorContext,
    InteractionSample,
    MetricsSample,
    PublishRequest,
    PublishResult,
    ReplyTo,
    comment_interaction_extra,
)
from heraldo.publishing.connectors.http import client_for, json_object, retry_after_from, send
from heraldo.publishing.errors import (
    AuthExpired,
    AuthRevoked,
    Invalid,
    OutcomeUnknown,
    PermissionMissing,
    PublishError,
    RateLimited,
    Transient,
)
from heraldo.publishing.platforms import TEXT_LIMITS, Platform

log = get_logger(__name__)

VERSION_SETTING = "HERALDO_LINKEDIN_VERSION"
REVOKED_TOKEN_CODE = 65601
EXPIRED_TOKEN_CODES = frozenset({65600, 65602})
# Posts read back to reconcile a lost answer may carry a clock a little behind ours.
CLOCK_SLACK = timedelta(minutes=5)
RECENT_POSTS = 20
COMMENTS_PAGE = 50

_COMMENT_URN = re.compile(r"^urn:li:comment:\((?P<object>urn:li:[A-Za-z]+:[^,]+),(?P<id>[^)]+)\)$")
_VERSION_GONE = re.compile(r"version.*(not active|nonexistent|does not exist|no longer|retired|sunset)", re.I)


class LinkedInVersionRetired(Invalid):
    """LinkedIn no longer serves the configured LinkedIn-Version: change the setting (every account is affected)."""


# ---------------------------------------------------------------------------------------------------------------
# "Little" text: the format of `commentary`.

LITTLE_TEXT_RESERVED = frozenset("\\|{}@[]()<>#*_~")
_URL = re.compile(r"https?://\S+", re.IGNORECASE)
_URL_TRAILING = ".,;:!?'\""
_CLOSERS = {")": "(", "]": "[", "}": "{", ">": "<"}


def _url_proper(url: str) -> str:
    """`url` without trailing punctuation that belongs to the sentence ("(see https://x.io/a)." → …/a)."""
    while url:
        last = url[-1]
        if last in _URL_TRAILING or (last in _CLOSERS and url.count(last) > url.count(_CLOSERS[last])):
            url = url[:-1]
            continue
        break
    return url


def _escape_plain(text: str, *, keep_hashtags: bool) -> str:
    out: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if keep_hashtags and char == "#" and _hashtag_starts(text, i):
            # The user's own hashtag: keep it markup so LinkedIn links it.
            end = i + 1
            while end < len(text) and text[end].isalnum():
                end += 1
            out.append(text[i:end])
            i = end
            continue
        out.append("\\" + char if char in LITTLE_TEXT_RESERVED else char)
        i += 1
    return "".join(out)


def _hashtag_starts(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not (before.isalnum() or before in "_#\\") and after.isalnum()


def escape_little_text(text: str, *, keep_hashtags: bool = True) -> str:
    """`text` as LinkedIn "little" text: every reserved character (\\ | { } @ [ ] ( ) < > # * _ ~) escaped
    with a backslash, so LinkedIn neither reads it as markup nor silently cuts the post there.

    URLs stay as they are so they still link. With `keep_hashtags`, a `#` that starts a word (`#launch`)
    stays a hashtag; any other `#` is escaped. Add mention markup (`mention`) after escaping.
    """
    out: list[str] = []
    position = 0
    for match in _URL.finditer(text):
        url = _url_proper(match.group())
        out.append(_escape_plain(text[position : match.start()], keep_hashtags=keep_hashtags))
        out.append(url)
        position = match.start() + len(url)
    out.append(_escape_plain(text[position:], keep_hashtags=keep_hashtags))
    return "".join(out)


def mention(name: str, urn: str) -> str:
    """Mention markup for `commentary`: `@[Acme](urn:li:organization:123)`."""
    return f"@[{_escape_plain(name, keep_hashtags=False)}]({urn})"


def hashtag(tag: str) -> str:
    """Hashtag markup for `commentary` (letters and digits only; LinkedIn ends a hashtag at anything else)."""
    return "#" + "".join(char for char in tag if char.isalnum())


# ---------------------------------------------------------------------------------------------------------------
# Wire protocol.


def encode_urn(urn: str) -> str:
    """A URN as a path segment or query value: urn%3Ali%3Ashare%3A123."""
    return quote(urn, safe="")


def post_url(urn: str) -> str:
    return f"https://www.linkedin.com/feed/update/{urn}/"


def seconds_until_midnight_utc(now: datetime | None = None) -> float:
    now = now or utcnow()
    midnight = datetime(now.year, now.month, now.day, tzinfo=UTC) + timedelta(days=1)
    return max(1.0, (midnight - now).total_seconds())


def is_revoked(error: PublishError) -> bool:
    return getattr(error, "service_error_code", None) == REVOKED_TOKEN_CODE


def error_for(response: httpx.Response, *, version: str) -> PublishError:
    """The Heraldo error class for a failed LinkedIn answer: the status code and the body's service code."""
    status = response.status_code
    body = json_object(response)
    code = str(body.get("code") or "")
    service_code = body.get("serviceErrorCode")
    message = str(body.get("message") or response.text[:300] or f"HTTP {status}")
    if body.get("errorDetails"):
        message = f"{message} {str(body['errorDetails'])[:300]}"
    if status == 426 or code == "NONEXISTENT_VERSION" or (status == 400 and _VERSION_GONE.search(message)):
        exc: PublishError = LinkedInVersionRetired(
            f"LinkedIn no longer serves API version {version}: set {VERSION_SETTING} to a current YYYYMM version "
            f"({message})"
        )
    elif status == 401 and (service_code == REVOKED_TOKEN_CODE or code == "REVOKED_ACCESS_TOKEN"):
        exc = AuthRevoked(f"LinkedIn revoked the access token; reconnect the account ({message})")
    elif status == 401:
        exc = AuthExpired(f"LinkedIn access token expired or invalid ({service_code or code or status}: {message})")
    elif status == 403:
        exc = PermissionMissing(f"LinkedIn denied access; reconnect with the needed scopes or role ({message})")
    elif status == 429:
        # No rate-limit headers: quotas are daily and reset at midnight UTC.
        exc = RateLimited(
            f"LinkedIn quota reached ({message})",
            retry_after=retry_after_from(response.headers) or seconds_until_midnight_utc(),
        )
    elif status >= 500:
        exc = Transient(f"LinkedIn answered {status} ({message})", retry_after=retry_after_from(response.headers))
    else:
        exc = Invalid(f"LinkedIn refused the request ({status}): {message}")
    exc.service_error_code = service_code  # type: ignore[attr-defined]
    return exc


class LinkedInAPI:
    """/rest calls with the required headers; a 65601 (revoked) is retried once after a short pause,
    because LinkedIn has answered spurious 65601s right after a fresh consent."""

    def __init__(
        self,
        client: httpx.Client,
        *,
        base_url: str,
        version: str,
        token: str,
        revoked_retry_delay_seconds: float,
        sleep: Callable[[float], None],
    ):
        self.client = client
        self.rest = f"{base_url.rstrip('/')}/rest"
        self.version = version
        self.token = token
        self.revoked_retry_delay_seconds = revoked_retry_delay_seconds
        self.sleep = sleep

    def headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        return {
            "Authorization": f"Bearer {self.token}",
            "LinkedIn-Version": self.version,
            "X-Restli-Protocol-Version": "2.0.0",
            **(extra or {}),
        }

    def call(
        self,
        method: str,
        path: str,
        *,
        json: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        """`path` is relative to /rest, already encoded (URNs with `encode_urn`, Rest.li lists by hand)."""
        return self._with_revoked_retry(
            lambda: send(self.client, method, f"{self.rest}/{path}", json=json, headers=self.headers(headers))
        )

    def upload(self, url: str, content: bytes, content_type: str) -> None:
        """PUT the bytes to the upload URL initializeUpload gave (with the bearer token, as LinkedIn asks)."""
        self._with_revoked_retry(
            lambda: send(
                self.client,
                "PUT",
                url,
                content=content,
                headers={"Authorization": f"Bearer {self.token}", "Content-Type": content_type},
            )
        )

    def _with_revoked_retry(self, do: Callable[[], httpx.Response]) -> httpx.Response:
        for attempt in range(2):
            response = do()
            if response.is_success:
                return response
            error = error_for(response, version=self.version)
            if attempt == 0 and is_revoked(error):
                log.info("linkedin answered 65601; retrying once", delay=self.revoked_retry_delay_seconds)
                self.sleep(self.revoked_retry_delay_seconds)
                continue
            raise error
        raise AssertionError("unreachable")

    def get(self, path: str, headers: dict[str, str] | None = None) -> dict[str, Any]:
        return json_object(self.call("GET", path, headers=headers))


def _created_id(response: httpx.Response) -> str | None:
    """The new entity's URN: header x-restli-id (201, empty body), else Location, else a body id."""
    header = response.headers.get("x-restli-id")
    if header:
        return header
    location = response.headers.get("location")
    if location:
        return unquote(location.rstrip("/").rsplit("/", 1)[-1])
    body = json_object(response)
    value = body.get("$URN") or body.get("commentUrn") or body.get("id")
    return str(value) if value else None


def _comment_target(parent: PublishResult) -> str:
    """The post or top-level comment a follow-up to `parent` goes under."""
    if parent.extra.get("kind") == "comment" or _COMMENT_URN.match(parent.platform_post_id):
        return str(parent.extra.get("top_comment_id") or parent.platform_post_id)
    return parent.platform_post_id


def _millis(value: Any) -> datetime | None:
    if isinstance(value, int | float):
        return datetime.fromtimestamp(value / 1000, UTC)
    return None


def _same_text(ours: str, theirs: str | None) -> bool:
    return theirs is not None and " ".join(ours.split()) == " ".join(theirs.split())


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class LinkedInConnector(Connector):
    platform = Platform.LINKEDIN.value
    text_limit = TEXT_LIMITS[Platform.LINKEDIN]

    def __init__(
        self,
        *,
        revoked_retry_delay_seconds: float = 3.0,
        sleep: Callable[[float], None] = time.sleep,
        monotonic: Callable[[], float] = time.monotonic,
    ):
        self.revoked_retry_delay_seconds = revoked_retry_delay_seconds
        self.sleep = sleep
        self.monotonic = monotonic

    # -- plumbing ---------------------------------------------------------------------------------------------

    @staticmethod
    def settings_of(ctx: ConnectorContext) -> Settings:
        return ctx.settings or get_settings()

    @staticmethod
    def author(ctx: ConnectorContext) -> str:
        author = ctx.account.platform_account_id
        if not author or not author.startswith("urn:li:"):
            raise AuthRevoked(f"the LinkedIn account @{ctx.account.handle} has no author URN on file; reconnect it")
        return author

    @contextmanager
    def api(self, ctx: ConnectorContext) -> Iterator[LinkedInAPI]:
        settings = self.settings_of(ctx)
        token = (ctx.credentials or {}).get("access_token")
        if not token:
            raise AuthRevoked(f"no LinkedIn access token on file for @{ctx.account.handle}; reconnect it")
        client = ctx.http or client_for(settings.http_timeout_seconds)
        try:
            yield LinkedInAPI(
                client,
                base_url=settings.linkedin_base_url,
                version=settings.linkedin_version,
                token=token,
                revoked_retry_delay_seconds=self.revoked_retry_delay_seconds,
                sleep=self.sleep,
            )
        finally:
            if ctx.http is None:
                client.close()

    @staticmethod
    def _save(ctx: ConnectorContext, request: PublishRequest) -> None:
        ctx.save_progress(copy.deepcopy(request.progress))

    @staticmethod
    def _already_published(request: PublishRequest) -> PublishResult | None:
        urn = request.progress.get("published_id")
        if not urn:
            return None
        published_at = request.progress.get("published_at")
        return PublishResult(
            platform_post_id=urn,
            published_at=datetime.fromisoformat(published_at) if published_at else utcnow(),
            url=request.progress.get("published_url"),
            extra=dict(request.progress.get("published_extra") or {}),
        )

    def _record(self, ctx: ConnectorContext, request: PublishRequest, result: PublishResult) -> None:
        request.progress.update(
            published_id=result.platform_post_id,
            published_at=result.published_at.isoformat(),
            published_url=result.url,
            published_extra=dict(result.extra),
        )
        self._save(ctx, request)

    # -- publishing -------------------------------------------------------------------------------------------

    def publish(self, ctx: ConnectorContext, request: PublishRequest) -> PublishResult:
        if request.reply_to is not None:
            return self._comment(ctx, request, request.reply_to.parent)
        if any(not media.content_type.lower().startswith("image/") for media in request.media):
            raise Invalid("LinkedIn posts from Heraldo can carry images only (videos and documents are not supported)")
        done = self._already_published(request)
        if done is not None:
            return done
        author = self.author(ctx)
        with self.api(ctx) as api:
            images = self._upload_images(ctx, api, request, author)
            post: dict[str, Any] = {
                "author": author,
                "commentary": escape_little_text(request.text),
                "visibility": "PUBLIC",
                "distribution": {
                    "feedDistribution": "MAIN_FEED",
                    "targetEntities": [],
                    "thirdPartyDistributionChannels": [],
                },
                "lifecycleState": "PUBLISHED",
                "isReshareDisabledByAuthor": False,
            }
            if len(images) == 1:
                post["content"] = {"media": {"id": images[0]}}
            elif images:
                post["content"] = {"multiImage": {"images": [{"id": image} for image in images]}}
            response = api.call("POST", "posts", json=post)
        urn = _created_id(response)
        if not urn:
            raise OutcomeUnknown("LinkedIn accepted the post but sent no x-restli-id back")
        result = PublishResult(platform_post_id=urn, published_at=utcnow(), url=post_url(urn), extra={"author": author})
        self._record(ctx, request, result)
        return result

    def _upload_images(
        self, ctx: ConnectorContext, api: LinkedInAPI, request: PublishRequest, author: str
    ) -> list[str]:
        """initializeUpload → PUT the bytes → wait until AVAILABLE, for each image. Each image URN is saved in
        `progress["images"]` as soon as LinkedIn gives it, with whether its bytes went up."""
        saved = [dict(entry) for entry in request.progress.get("images") or []][: len(request.media)]
        urns: list[str] = []
        for index, media in enumerate(request.media):
            entry = saved[index] if index < len(saved) else None
            if entry and entry.get("uploaded") and self._image_status(api, entry["urn"]) != "WAITING_UPLOAD":
                urns.append(entry["urn"])
                continue
            # Upload URLs expire: anything not uploaded yet starts again from initializeUpload.
            try:
                answer = api.call(
                    "POST", "images?action=initializeUpload", json={"initializeUploadRequest": {"owner": author}}
                )
            except OutcomeUnknown as exc:
                raise Transient(f"{exc.message}; an image nobody posts is harmless, so trying again is safe") from exc
            value = json_object(answer).get("value") or {}
            if not value.get("image") or not value.get("uploadUrl"):
                raise Transient("LinkedIn's initializeUpload answer has no image URN or upload URL")
            entry = {"urn": value["image"], "uploaded": False}
            if index < len(saved):
                saved[index] = entry
            else:
                saved.append(entry)
            request.progress["images"] = [dict(item) for item in saved]
            self._save(ctx, request)
            try:
                content = media.path.read_bytes()
            except OSError as exc:
                raise Invalid(f"could not read the media file {media.filename}: {exc}") from exc
            try:
                api.upload(value["uploadUrl"], content, media.content_type)
            except OutcomeUnknown as exc:
                raise Transient(f"{exc.message}; uploading the image again is safe") from exc
            entry["uploaded"] = True
            request.progress["images"] = [dict(item) for item in saved]
            self._save(ctx, request)
            urns.append(entry["urn"])
        for urn in urns:
            self._wait_available(ctx, api, request, urn)
        return urns

    def _image_status(self, api: LinkedInAPI, urn: str) -> str:
        return str(api.get(f"images/{encode_urn(urn)}").get("status") or "")

    def _wait_available(self, ctx: ConnectorContext, api: LinkedInAPI, request: PublishRequest, urn: str) -> None:
        settings = self.settings_of(ctx)
        deadline = self.monotonic() + settings.media_poll_timeout_seconds
        while True:
            status = self._image_status(api, urn)
            if status == "AVAILABLE":
                return
            if status == "PROCESSING_FAILED":
                # Positions matter (one entry per media file): mark it for a fresh upload on any later attempt.
                request.progress["images"] = [
                    {**entry, "uploaded": False} if entry.get("urn") == urn else entry
                    for entry in request.progress.get("images") or []
                ]
                self._save(ctx, request)
                raise Invalid(f"LinkedIn could not process the image {urn}")
            if self.monotonic() >= deadline:
                raise Transient(
                    f"LinkedIn is still processing the image {urn} ({status or 'no status'}) after "
                    f"{settings.media_poll_timeout_seconds:.0f}s; a retry carries on with the same image"
                )
            self.sleep(settings.media_poll_interval_seconds)

    def reply(self, ctx: ConnectorContext, request: PublishRequest, reply_to: ReplyTo) -> PublishResult:
        request.reply_to = reply_to
        return self._comment(ctx, request, reply_to.parent)

    def comment(self, ctx: ConnectorContext, request: PublishRequest, on: PublishResult) -> PublishResult:
        return self._comment(ctx, request, on)

    def _comment(self, ctx: ConnectorContext, request: PublishRequest, parent: PublishResult) -> PublishResult:
        """LinkedIn has no threads: a follow-up is a comment on the post, or a nested comment when `parent` is
        a comment (nesting is one level deep, so answering a nested comment goes under its top-level one)."""
        if request.media:
            raise Invalid("LinkedIn comments from Heraldo cannot carry images")
        done = self._already_published(request)
        if done is not None:
            return done
        author = self.author(ctx)
        target = _comment_target(parent)
        nested = _COMMENT_URN.match(target)
        # Comment text is attributed text, not little text: no escaping.
        body: dict[str, Any] = {"actor": author, "message": {"text": request.text}}
        if nested:
            body["object"] = nested.group("object")
            body["parentComment"] = target
        else:
            body["object"] = target
        with self.api(ctx) as api:
            response = api.call("POST", f"socialActions/{encode_urn(target)}/comments", json=body)
        payload = json_object(response)
        urn = str(payload.get("$URN") or payload.get("commentUrn") or _created_id(response) or "")
        if not urn:
            raise OutcomeUnknown("LinkedIn accepted the comment but sent no id back")
        result = PublishResult(
            platform_post_id=urn,
            published_at=utcnow(),
            extra={"kind": "comment", "object": body["object"], "top_comment_id": target if nested else urn},
        )
        self._record(ctx, request, result)
        return result

    def delete(self, ctx: ConnectorContext, platform_post_id: str) -> None:
        with self.api(ctx) as api:
            comment = _COMMENT_URN.match(platform_post_id)
            if comment:
                author = encode_urn(self.author(ctx))
                path = f"socialActions/{encode_urn(comment.group('object'))}/comments/{comment.group('id')}"
                api.call("DELETE", f"{path}?actor={author}")
            else:
                api.call("DELETE", f"posts/{encode_urn(platform_post_id)}", headers={"X-RestLi-Method": "DELETE"})

    # -- reading ----------------------------------------------------------------------------------------------

    def _posts_by_author(self, api: LinkedInAPI, author: str, *, pages: int) -> Iterator[dict[str, Any]]:
        """The author's posts, newest first, through offset paging (`start`, `count`, `paging.total`)."""
        start = 0
        for _ in range(pages):
            body = api.get(
                f"posts?q=author&author={encode_urn(author)}&start={start}&count={RECENT_POSTS}",
                headers={"X-RestLi-Method": "FINDER"},
            )
            elements = [element for element in body.get("elements") or [] if isinstance(element, dict)]
            yield from elements
            start += len(elements)
            total = (body.get("paging") or {}).get("total")
            if not elements or (isinstance(total, int) and start >= total):
                return

    def _comments(self, api: LinkedInAPI, urn: str, *, pages: int = 1) -> Iterator[dict[str, Any]]:
        start = 0
        for _ in range(pages):
            body = api.get(f"socialActions/{encode_urn(urn)}/comments?start={start}&count={COMMENTS_PAGE}")
            elements = [element for element in body.get("elements") or [] if isinstance(element, dict)]
            yield from elements
            start += len(elements)
            total = (body.get("paging") or {}).get("total")
            if not elements or (isinstance(total, int) and start >= total):
                return

    def find_published(self, ctx: ConnectorContext, request: PublishRequest, since: datetime) -> PublishResult | None:
        author = self.author(ctx)
        earliest = _aware(since) - CLOCK_SLACK
        candidates = {" ".join(request.text.split()), " ".join(escape_little_text(request.text).split())}
        with self.api(ctx) as api:
            if request.reply_to is not None:
                parent = _comment_target(request.reply_to.parent)
                for element in self._comments(api, parent, pages=3):
                    created = _millis((element.get("created") or {}).get("time"))
                    text = (element.get("message") or {}).get("text")
                    if (
                        element.get("actor") == author
                        and created
                        and created >= earliest
                        and _same_text(request.text, text)
                    ):
                        urn = element.get("$URN") or element.get("commentUrn") or element.get("id")
                        return PublishResult(str(urn), created, extra={"kind": "comment"})
                return None
            for element in self._posts_by_author(api, author, pages=3):
                published = _millis(element.get("publishedAt") or element.get("createdAt"))
                if published is None or published < earliest:
                    continue
                if " ".join(str(element.get("commentary") or "").split()) in candidates:
                    urn = str(element["id"])
                    return PublishResult(urn, published, url=post_url(urn), extra={"author": author})
        return None

    def fetch_metrics(self, ctx: ConnectorContext, platform_post_ids: list[str]) -> list[MetricsSample]:
        author = self.author(ctx)
        with self.api(ctx) as api:
            stats: dict[str, dict[str, Any]] = {}
            if author.startswith("urn:li:organization:"):
                try:
                    stats = self._organization_statistics(api, author, platform_post_ids)
                except PermissionMissing as exc:
                    # Share statistics need an ADMINISTRATOR role; the social metadata below still works.
                    log.info("linkedin share statistics not available", reason=exc.message)
            samples = []
            for urn in platform_post_ids:
                metadata = api.get(f"socialMetadata/{encode_urn(urn)}")
                reactions = metadata.get("reactionSummaries") or {}
                likes = sum(int((entry or {}).get("count") or 0) for entry in reactions.values())
                comments = (metadata.get("commentSummary") or {}).get("count")
                totals = stats.get(urn, {})
                samples.append(
                    MetricsSample(
                        platform_post_id=urn,
                        likes=totals.get("likeCount", likes),
                        comments=totals.get("commentCount", comments),
                        shares=totals.get("shareCount"),
                        clicks=totals.get("clickCount"),
                        impressions=totals.get("impressionCount"),
                        reach=totals.get("uniqueImpressionsCount"),
                    )
                )
        return samples

    def _organization_statistics(self, api: LinkedInAPI, organization: str, urns: list[str]) -> dict[str, dict]:
        """Lifetime totals (no timeIntervals) for the organisation's posts, by post URN."""
        shares = [urn for urn in urns if urn.startswith("urn:li:share:")]
        ugc_posts = [urn for urn in urns if urn.startswith("urn:li:ugcPost:")]
        if not shares and not ugc_posts:
            return {}
        query = f"q=organizationalEntity&organizationalEntity={encode_urn(organization)}"
        if shares:
            query += f"&shares=List({','.join(encode_urn(urn) for urn in shares)})"
        if ugc_posts:
            query += f"&ugcPosts=List({','.join(encode_urn(urn) for urn in ugc_posts)})"
        body = api.get(f"organizationalEntityShareStatistics?{query}")
        found = {}
        for element in body.get("elements") or []:
            urn = element.get("share") or element.get("ugcPost")
            if urn:
                found[urn] = element.get("totalShareStatistics") or {}
        return found

    def fetch_interactions(self, ctx: ConnectorContext, since: datetime | None) -> list[InteractionSample]:
        """Comments by others on the author's recent posts. `extra`: `kind` "comment", `post_id` (the post
        URN) and `top_comment_id` (the top-level comment URN); an answer is a nested comment under it."""
        author = self.author(ctx)
        found: list[InteractionSample] = []
        with self.api(ctx) as api:
            for post in list(self._posts_by_author(api, author, pages=1)):
                for element in self._comments(api, str(post["id"])):
                    received = _millis((element.get("created") or {}).get("time"))
                    if received is None or (since is not None and received <= _aware(since)):
                        continue
                    if element.get("actor") == author:
                        continue
                    urn = element.get("$URN") or element.get("commentUrn") or element.get("id")
                    parent = element.get("parentComment")
                    found.append(
                        InteractionSample(
                            platform_id=str(urn),
                            kind="reply" if parent else "comment",
                            author_handle=str(element.get("actor") or ""),
                            text=str((element.get("message") or {}).get("text") or ""),
                            received_at=received,
                            in_reply_to_platform_post_id=str(post["id"]),
                            # One level of nesting: a nested comment's parent is a top-level comment.
                            extra=comment_interaction_extra(
                                str(urn), post_id=str(post["id"]), parent_comment_id=parent and str(parent)
                            ),
                        )
                    )
        return found


connector = LinkedInConnector()
