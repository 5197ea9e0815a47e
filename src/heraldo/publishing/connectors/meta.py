"""What Facebook, Instagram and Threads share: the Graph API at a configured version, its error envelope,
its usage headers, cursor pagination, media handed over by public URL, and two-step media containers.

See PLATFORM_APIS.md section 2. Expired versions are served silently by the oldest live one, so the
version in use is logged, and an answer that says the version is gone names the setting to change.
"""

import copy
import json
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from heraldo.core.clock import utcnow
from heraldo.core.logging import get_logger
from heraldo.core.settings import Settings, get_settings
from heraldo.publishing.connectors.base import (
    Connector,
    ConnectorContext,
    MediaFile,
    PublishRequest,
    PublishResult,
)
from heraldo.publishing.connectors.http import client_for, largest_wait, retry_after_from, send
from heraldo.publishing.errors import (
    AuthRevoked,
    Invalid,
    OutcomeUnknown,
    PermissionMissing,
    PublishError,
    RateLimited,
    Transient,
)

log = get_logger(__name__)

GRAPH_VERSION_SETTING = "HERALDO_META_GRAPH_VERSION"
THREADS_VERSION_SETTING = "HERALDO_THREADS_API_VERSION"

RECONNECT_CODES = frozenset({190, 102})
THROTTLE_CODES = frozenset({4, 17, 32, 613, 341, *range(80001, 80015)})
TRANSIENT_CODES = frozenset({1, 2})
PERMISSION_CODES = frozenset({10, *range(200, 300)})
POLICY_BLOCK_CODE = 368
DUPLICATE_CODE = 506
VERSION_DEPRECATED_CODE = 2635
# Instagram's "media not ready": publishing a container before it is FINISHED.
MEDIA_NOT_READY_CODE = 9007
MEDIA_NOT_READY_SUBCODE = 2207027
# Instagram's posts-per-24-hours quota ("maximum number of posts ... published by API in 24 hours").
PUBLISH_QUOTA_SUBCODES = frozenset({2207042})
PUBLISH_QUOTA_WAIT_SECONDS = 3600.0

# 368 is a policy block: Meta asks for hours of quiet, not a quick retry.
POLICY_BLOCK_WAIT_SECONDS = 4 * 3600.0
# X-App-Usage counts over a rolling hour and carries no reset time: at 100%, wait a slice of that hour.
FULL_USAGE_WAIT_SECONDS = 600.0
SLOW_DOWN_PERCENT = 80.0
USAGE_HEADERS = ("x-app-usage", "x-page-usage")
BUSINESS_USAGE_HEADER = "x-business-use-case-usage"

# Posts read back to reconcile a lost answer may carry a clock a little behind ours.
CLOCK_SLACK = timedelta(minutes=5)
RECONCILE_PAGES = 4

_VERSION_GONE = re.compile(
    r"deprecated|no longer (?:supported|available)|unsupported|not supported|not active|has expired|is expired",
    re.IGNORECASE,
)


class GraphVersionRetired(Invalid):
    """The configured API version is no longer served: a setting to change, for every account at once."""


class ContainerFailed(Invalid):
    """Meta could not turn a media container into something publishable (ERROR or EXPIRED)."""

    def __init__(self, message: str, *, state: str, reason: str | None):
        super().__init__(message)
        self.state = state
        self.reason = reason


@dataclass(frozen=True)
class GraphError:
    """The `error` object of a Graph answer."""

    status: int
    code: int | None
    subcode: int | None
    message: str
    type: str | None = None
    is_transient: bool = False
    fbtrace_id: str | None = None

    def describe(self) -> str:
        code = f"code {self.code}" + (f"/{self.subcode}" if self.subcode else "")
        trace = f", fbtrace_id {self.fbtrace_id}" if self.fbtrace_id else ""
        return f"{self.message} ({code}{trace})"


def _int_or_none(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def parse_graph_error(response: httpx.Response) -> GraphError | None:
    """The error envelope of `response`, or None when the body is not one."""
    try:
        body = response.json()
    except ValueError:
        return None
    error = body.get("error") if isinstance(body, dict) else None
    if not isinstance(error, dict):
        return None
    return GraphError(
        status=response.status_code,
        code=_int_or_none(error.get("code")),
        subcode=_int_or_none(error.get("error_subcode")),
        message=str(error.get("error_user_msg") or error.get("message") or "no message"),
        type=error.get("type"),
        is_transient=bool(error.get("is_transient")),
        fbtrace_id=error.get("fbtrace_id"),
    )


def _json_header(headers: httpx.Headers, name: str) -> Any:
    raw = headers.get(name)
    if not raw:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return None


def _percentages(usage: Any) -> list[float]:
    if not isinstance(usage, dict):
        return []
    found = []
    for key in ("call_count", "total_cputime", "total_time"):
        value = usage.get(key)
        if isinstance(value, int | float):
            found.append(float(value))
    return found


def usage_percent(headers: httpx.Headers) -> float | None:
    """The highest usage percentage any Meta usage header reports, or None when none is sent."""
    percents: list[float] = []
    for name in USAGE_HEADERS:
        percents += _percentages(_json_header(headers, name))
    business = _json_header(headers, BUSINESS_USAGE_HEADER)
    if isinstance(business, dict):
        for entries in business.values():
            for entry in entries if isinstance(entries, list) else []:
                percents += _percentages(entry)
    return max(percents) if percents else None


def wait_from_usage(headers: httpx.Headers) -> float | None:
    """Seconds to wait, from `X-Business-Use-Case-Usage` (estimated_time_to_regain_access, minutes)
    or, without that, from any usage header at 100%. Meta sends no Retry-After."""
    minutes: list[float] = []
    business = _json_header(headers, BUSINESS_USAGE_HEADER)
    if isinstance(business, dict):
        for entries in business.values():
            for entry in entries if isinstance(entries, list) else []:
                value = entry.get("estimated_time_to_regain_access") if isinstance(entry, dict) else None
                if isinstance(value, int | float) and value > 0:
                    minutes.append(float(value))
    if minutes:
        return max(minutes) * 60.0
    percent = usage_percent(headers)
    if percent is not None and percent >= 100:
        return FULL_USAGE_WAIT_SECONDS
    return None


def is_version_retired(error: GraphError) -> bool:
    if error.code == VERSION_DEPRECATED_CODE:
        return True
    message = error.message.lower()
    # "The impressions metric is no longer supported for version v22.0" is about a metric, not our version.
    return "version" in message and "metric" not in message and bool(_VERSION_GONE.search(message))


def error_for(response: httpx.Response, *, product: str, version: str, version_setting: str) -> PublishError:
    """The Heraldo error class for a failed Graph answer (section 2 of PLATFORM_APIS.md)."""
    wait = largest_wait(retry_after_from(response.headers), wait_from_usage(response.headers))
    status = response.status_code
    error = parse_graph_error(response)
    if error is None:
        if status == 429:
            exc: PublishError = RateLimited(f"{product} rate limit reached", retry_after=wait)
        elif status >= 500:
            exc = Transient(f"{product} answered {status}", retry_after=wait)
        elif status == 401:
            exc = AuthRevoked(f"{product} refused the access token ({status}); reconnect the account")
        elif status == 403:
            exc = PermissionMissing(f"{product} refused access ({status}); reconnect with the needed permissions")
        else:
            exc = Invalid(f"{product} answered {status}: {response.text[:300]}")
        return exc
    detail = error.describe()
    code = error.code
    if is_version_retired(error):
        exc = GraphVersionRetired(
            f"{product} no longer serves API version {version}: set {version_setting} to a supported version ({detail})"
        )
    elif code in RECONNECT_CODES:
        exc = AuthRevoked(f"{product} access token is no longer valid; reconnect the account: {detail}")
    elif code in PERMISSION_CODES:
        exc = PermissionMissing(f"{product} permission missing; reconnect and grant it: {detail}")
    elif code == POLICY_BLOCK_CODE:
        exc = RateLimited(
            f"{product} temporarily blocked this account for policy reasons: {detail}",
            retry_after=max(wait or 0.0, POLICY_BLOCK_WAIT_SECONDS),
        )
    elif error.subcode in PUBLISH_QUOTA_SUBCODES:
        # A rolling 24-hour quota: an hour later at least one slot has usually come free.
        exc = RateLimited(
            f"{product} publishing quota reached: {detail}", retry_after=max(wait or 0.0, PUBLISH_QUOTA_WAIT_SECONDS)
        )
    elif code in THROTTLE_CODES or status == 429:
        exc = RateLimited(f"{product} rate limit reached: {detail}", retry_after=wait)
    elif code == MEDIA_NOT_READY_CODE or error.subcode == MEDIA_NOT_READY_SUBCODE:
        exc = Transient(f"{product} media is not ready yet: {detail}", retry_after=wait)
    elif code in TRANSIENT_CODES or error.is_transient or status >= 500:
        exc = Transient(f"{product} had a temporary problem: {detail}", retry_after=wait)
    elif code == DUPLICATE_CODE:
        exc = Invalid(f"{product} refused a duplicate post: {error.message}")
    else:
        exc = Invalid(f"{product} refused the request: {detail}")
    exc.graph_error = error  # type: ignore[attr-defined]
    return exc


def graph_error_of(exc: BaseException) -> GraphError | None:
    return getattr(exc, "graph_error", None)


_noted_versions: set[tuple[str, str, str]] = set()


def _note_once(kind: str, product: str, version: str, message: str, **fields: Any) -> None:
    key = (kind, product, version)
    if key in _noted_versions:
        return
    _noted_versions.add(key)
    if kind == "in_use":
        log.info(message, product=product, api_version=version, **fields)
    else:
        log.warning(message, product=product, api_version=version, **fields)


class GraphAPI:
    """One Graph host at one version, called with one access token (sent as a header, never in URLs)."""

    def __init__(
        self,
        client: httpx.Client,
        *,
        base_url: str,
        version: str,
        token: str,
        product: str,
        version_setting: str,
    ):
        self.client = client
        self.base_url = base_url.rstrip("/")
        self.version = version.strip("/")
        self.product = product
        self.version_setting = version_setting
        self._headers = {"Authorization": f"Bearer {token}"}
        _note_once("in_use", product, self.version, "meta api version in use", setting=version_setting)

    def url(self, path: str) -> str:
        return f"{self.base_url}/{self.version}/{path.lstrip('/')}"

    def request(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        data: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        response = send(self.client, method, self.url(path), params=params, data=data, headers=self._headers)
        self._watch(response)
        if not response.is_success:
            raise error_for(response, product=self.product, version=self.version, version_setting=self.version_setting)
        if not response.content:
            return {}
        try:
            body = response.json()
        except ValueError:
            return {"success": response.text.strip() == "true"}
        return body if isinstance(body, dict) else {"success": bool(body)}

    def get(self, path: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        return self.request("GET", path, params=params)

    def post(self, path: str, data: dict[str, Any]) -> dict[str, Any]:
        return self.request("POST", path, data=data)

    def delete(self, path: str) -> dict[str, Any]:
        return self.request("DELETE", path)

    def items(self, path: str, params: dict[str, Any], *, max_pages: int = RECONCILE_PAGES) -> Iterator[dict]:
        """Items of a cursor-paged edge, following `paging.cursors.after` while `paging.next` is there.
        (The `next` URL itself carries the access token in its query string, so it is not fetched as is.)"""
        params = dict(params)
        for _ in range(max_pages):
            body = self.get(path, params)
            yield from (item for item in body.get("data") or [] if isinstance(item, dict))
            paging = body.get("paging") or {}
            after = (paging.get("cursors") or {}).get("after")
            if not paging.get("next") or not after:
                return
            params["after"] = after

    def _watch(self, response: httpx.Response) -> None:
        served = response.headers.get("facebook-api-version")
        if served and served != self.version:
            _note_once(
                "upgraded",
                self.product,
                self.version,
                "meta served a different api version than configured; the configured one is probably retired",
                served_version=served,
                setting=self.version_setting,
            )
        percent = usage_percent(response.headers)
        if percent is not None and percent >= SLOW_DOWN_PERCENT:
            log.warning("meta api usage is high", product=self.product, usage_percent=percent)


def require_public_urls(media: list[MediaFile], product: str) -> list[str]:
    """The https URLs Meta will download `media` from; Invalid (before any call) when one has none."""
    missing = [item.filename for item in media if not item.public_url]
    if missing:
        raise Invalid(
            f"{product} downloads media from a public URL and {', '.join(missing)} has none: set "
            "HERALDO_PUBLIC_URL to this server's public https address (or store media in S3 with "
            "HERALDO_S3_BUCKET) so Meta can download media"
        )
    insecure = [item.filename for item in media if not str(item.public_url).lower().startswith("https://")]
    if insecure:
        raise Invalid(
            f"{product} downloads media only over https and the URL of {', '.join(insecure)} is not https: set "
            "HERALDO_PUBLIC_URL to an https address (or use S3 storage) so Meta can download media"
        )
    return [str(item.public_url) for item in media]


def is_video(media: MediaFile) -> bool:
    return media.content_type.lower().startswith("video/")


def same_text(ours: str, theirs: str | None) -> bool:
    """Whether a post read back is the one we sent: equal text, whitespace aside."""
    return theirs is not None and " ".join(ours.split()) == " ".join(theirs.split())


def parse_time(value: Any) -> datetime | None:
    """A Graph timestamp ("2026-05-01T12:00:00+0000", or epoch seconds) as an aware datetime."""
    if value is None:
        return None
    if isinstance(value, int | float):
        return datetime.fromtimestamp(value, UTC)
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def aware(moment: datetime) -> datetime:
    """Database times come back naive from SQLite; they are UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def not_before(moment: datetime | None, since: datetime) -> bool:
    return moment is not None and moment >= aware(since) - CLOCK_SLACK


class MetaConnector(Connector):
    """The plumbing the Meta connectors share; subclasses say which host, version and product."""

    product: str
    version_setting = GRAPH_VERSION_SETTING
    # Where the OAuth flow also records the account id, should `platform_account_id` be empty.
    credential_id_keys: tuple[str, ...] = ()

    @staticmethod
    def settings_of(ctx: ConnectorContext) -> Settings:
        return ctx.settings or get_settings()

    def endpoint(self, ctx: ConnectorContext, settings: Settings) -> tuple[str, str]:
        """(base URL, version) this account's calls go to."""
        return settings.meta_graph_base_url, settings.meta_graph_version

    def account_id(self, ctx: ConnectorContext) -> str:
        credentials = ctx.credentials or {}
        account_id = ctx.account.platform_account_id or next(
            (str(credentials[key]) for key in self.credential_id_keys if credentials.get(key)), None
        )
        if not account_id:
            raise AuthRevoked(f"the {self.product} account @{ctx.account.handle} has no platform id; reconnect it")
        return account_id

    @contextmanager
    def graph(self, ctx: ConnectorContext) -> Iterator[GraphAPI]:
        settings = self.settings_of(ctx)
        token = (ctx.credentials or {}).get("access_token")
        if not token:
            raise AuthRevoked(f"no {self.product} access token on file for @{ctx.account.handle}; reconnect it")
        client = ctx.http or client_for(settings.http_timeout_seconds)
        base_url, version = self.endpoint(ctx, settings)
        try:
            yield GraphAPI(
                client,
                base_url=base_url,
                version=version,
                token=token,
                product=self.product,
                version_setting=self.version_setting,
            )
        finally:
            if ctx.http is None:
                client.close()

    @staticmethod
    def save(ctx: ConnectorContext, request: PublishRequest) -> None:
        # A copy: the caller may store it as a JSON column, whose change tracking needs a new object.
        ctx.save_progress(copy.deepcopy(request.progress))

    def already_published(self, request: PublishRequest) -> PublishResult | None:
        """What an earlier attempt of this request published, when it got that far and recorded it."""
        published_id = request.progress.get("published_id")
        if not published_id:
            return None
        return PublishResult(
            platform_post_id=str(published_id),
            published_at=parse_time(request.progress.get("published_at")) or utcnow(),
            url=request.progress.get("published_url"),
            extra=dict(request.progress.get("published_extra") or {}),
        )

    def record_published(self, ctx: ConnectorContext, request: PublishRequest, result: PublishResult) -> None:
        request.progress.update(
            published_id=result.platform_post_id,
            published_at=result.published_at.isoformat(),
            published_url=result.url,
            published_extra=dict(result.extra),
        )
        self.save(ctx, request)


class ContainerConnector(MetaConnector):
    """Two-step publishing (Instagram, Threads): create a container, wait until FINISHED, publish it.

    Container ids go into `request.progress` as soon as they exist, so a retry resumes with them:
    `children` (carousel items, in media order), `container` (what gets published).
    """

    create_edge: str
    publish_edge: str
    status_fields: str
    sleep: Callable[[float], None] = staticmethod(time.sleep)
    monotonic: Callable[[], float] = staticmethod(time.monotonic)

    def container_state(self, body: dict[str, Any]) -> tuple[str, str | None]:
        """(status, reason) of a container status answer."""
        raise NotImplementedError

    def permalink_fields(self) -> str:
        return "permalink,timestamp"

    def create_container(self, ctx: ConnectorContext, api: GraphAPI, params: dict[str, Any]) -> str:
        try:
            body = api.post(f"{self.account_id(ctx)}/{self.create_edge}", params)
        except OutcomeUnknown as exc:
            # A container nobody publishes is harmless: creating another one is safe.
            raise Transient(f"{exc.message}; a container is not a post, so trying again is safe") from exc
        container_id = body.get("id")
        if not container_id:
            raise Transient(f"{self.product} created a container but sent no id back")
        return str(container_id)

    def wait_until_finished(self, ctx: ConnectorContext, api: GraphAPI, container_id: str) -> str:
        """Poll the container until FINISHED (or already PUBLISHED); ContainerFailed on ERROR/EXPIRED."""
        settings = self.settings_of(ctx)
        deadline = self.monotonic() + settings.media_poll_timeout_seconds
        while True:
            state, reason = self.container_state(api.get(container_id, {"fields": self.status_fields}))
            if state in {"FINISHED", "PUBLISHED"}:
                return state
            if state in {"ERROR", "EXPIRED"}:
                what = "expired before it was published" if state == "EXPIRED" else "could not be processed"
                raise ContainerFailed(
                    f"{self.product} media {what}: {reason or 'no reason given'} (container {container_id})",
                    state=state,
                    reason=reason,
                )
            if self.monotonic() >= deadline:
                raise Transient(
                    f"{self.product} is still processing container {container_id} after "
                    f"{settings.media_poll_timeout_seconds:.0f}s; a retry carries on with the same container"
                )
            self.sleep(settings.media_poll_interval_seconds)

    def publish_container(self, ctx: ConnectorContext, api: GraphAPI, container_id: str) -> str:
        attempts = 3
        for attempt in range(attempts):
            try:
                body = api.post(f"{self.account_id(ctx)}/{self.publish_edge}", {"creation_id": container_id})
            except OutcomeUnknown as exc:
                # Safe to retry: the container id is saved, and a retry that finds it PUBLISHED looks the
                # post up instead of publishing again.
                raise Transient(f"{exc.message}; a retry checks the saved container first") from exc
            except Transient as exc:
                error = graph_error_of(exc)
                not_ready = error is not None and (
                    error.code == MEDIA_NOT_READY_CODE or error.subcode == MEDIA_NOT_READY_SUBCODE
                )
                if not not_ready or attempt == attempts - 1:
                    raise
                # Published too early after all: wait for FINISHED again, then retry the publish.
                self.sleep(self.settings_of(ctx).media_poll_interval_seconds)
                self.wait_until_finished(ctx, api, container_id)
                continue
            media_id = body.get("id")
            if not media_id:
                raise OutcomeUnknown(f"{self.product} answered the publish of container {container_id} with no id")
            return str(media_id)
        raise AssertionError("unreachable")

    def published_result(self, api: GraphAPI, media_id: str, container_id: str) -> PublishResult:
        # The post is out: failing to read its permalink must not turn success into failure.
        url, published_at = None, None
        try:
            body = api.get(media_id, {"fields": self.permalink_fields()})
            url, published_at = body.get("permalink"), parse_time(body.get("timestamp"))
        except PublishError as exc:
            log.info("permalink not available", product=self.product, media_id=media_id, reason=exc.message)
        return PublishResult(
            platform_post_id=media_id,
            published_at=published_at or utcnow(),
            url=url,
            extra={"container_id": container_id},
        )

    def forget_containers(self, ctx: ConnectorContext, request: PublishRequest) -> None:
        # Emptied rather than removed: whoever stores progress may merge what it gets into what it has.
        request.progress.update(children=[], container=None)
        self.save(ctx, request)

    def publish_with_containers(
        self,
        ctx: ConnectorContext,
        api: GraphAPI,
        request: PublishRequest,
        *,
        container_params: dict[str, Any],
        children_params: list[dict[str, Any]],
    ) -> PublishResult:
        """Create (or resume) the children and the container, wait for them, publish; record progress."""
        done = self.already_published(request)
        if done is not None:
            return done
        resumed = bool(request.progress.get("container") or request.progress.get("children"))
        while True:
            try:
                return self._containers_once(ctx, api, request, container_params, children_params)
            except ContainerFailed as exc:
                # The next attempt (or a user's retry after fixing the media) must not reuse a dead container.
                self.forget_containers(ctx, request)
                if not (exc.state == "EXPIRED" and resumed):
                    raise
                # Containers live 24 hours: a retry that comes later starts over, once.
                log.info("saved container expired; creating new ones", product=self.product)
                resumed = False

    def _containers_once(
        self,
        ctx: ConnectorContext,
        api: GraphAPI,
        request: PublishRequest,
        container_params: dict[str, Any],
        children_params: list[dict[str, Any]],
    ) -> PublishResult:
        progress = request.progress
        params = dict(container_params)
        if children_params:
            children = [str(child) for child in progress.get("children") or []][: len(children_params)]
            for item in children_params[len(children) :]:
                children.append(self.create_container(ctx, api, {**item, "is_carousel_item": "true"}))
                progress["children"] = list(children)
                self.save(ctx, request)
            for child in children:
                self.wait_until_finished(ctx, api, child)
            params["children"] = ",".join(children)
        container_id = progress.get("container")
        if not container_id:
            container_id = self.create_container(ctx, api, params)
            progress["container"] = container_id
            self.save(ctx, request)
        state = self.wait_until_finished(ctx, api, str(container_id))
        if state == "PUBLISHED":
            # An earlier attempt published it and its answer was lost: find the post rather than guess.
            found = self.find_published_with(ctx, api, request, since=utcnow() - timedelta(days=1))
            if found is None:
                raise OutcomeUnknown(
                    f"{self.product} says container {container_id} is already published, "
                    "but the post was not found among recent posts"
                )
            self.record_published(ctx, request, found)
            return found
        media_id = self.publish_container(ctx, api, str(container_id))
        result = self.published_result(api, media_id, str(container_id))
        self.record_published(ctx, request, result)
        return result

    def find_published_with(
        self, ctx: ConnectorContext, api: GraphAPI, request: PublishRequest, since: datetime
    ) -> PublishResult | None:
        raise NotImplementedError

    def find_published(self, ctx: ConnectorContext, request: PublishRequest, since: datetime) -> PublishResult | None:
        with self.graph(ctx) as api:
            return self.find_published_with(ctx, api, request, since)


def comment_target(parent: PublishResult) -> tuple[str, bool]:
    """(object id, whether it is a comment) a follow-up to `parent` goes under. Comments nest one level
    only: answering a reply goes under the reply's top-level comment."""
    if parent.extra.get("kind") != "comment":
        return parent.platform_post_id, False
    return str(parent.extra.get("top_comment_id") or parent.platform_post_id), True


def comment_extra(parent: PublishResult, new_id: str, *, on_comment: bool, target: str) -> dict[str, Any]:
    """What a published comment remembers so that later follow-ups and reads find their place."""
    return {
        "kind": "comment",
        "parent_id": parent.platform_post_id,
        "top_comment_id": target if on_comment else new_id,
        "post_id": parent.extra.get("post_id") or parent.platform_post_id,
    }


def unix(moment: datetime) -> int:
    return int(aware(moment).timestamp())


def insight_values(body: dict[str, Any]) -> dict[str, int]:
    """{metric name: value} from an insights answer (`data[]` of {name, values:[{value}]} or total_value)."""
    values: dict[str, int] = {}
    for entry in body.get("data") or []:
        if not isinstance(entry, dict) or not entry.get("name"):
            continue
        value = None
        if entry.get("values"):
            value = (entry["values"][-1] or {}).get("value")
        elif isinstance(entry.get("total_value"), dict):
            value = entry["total_value"].get("value")
        if isinstance(value, int | float):
            values[entry["name"]] = int(value)
        elif isinstance(value, dict):
            # Breakdowns such as post_reactions_by_type_total: the total of the parts.
            values[entry["name"]] = int(sum(v for v in value.values() if isinstance(v, int | float)))
    return values


def fetch_insights(api: GraphAPI, object_id: str, metrics: tuple[str, ...]) -> dict[str, int]:
    """Lifetime insights of one object. When the platform refuses the list (error 100, an unknown or retired
    metric), ask one metric per call and keep whichever come back."""
    try:
        return insight_values(api.get(f"{object_id}/insights", {"metric": ",".join(metrics)}))
    except Invalid as exc:
        error = graph_error_of(exc)
        if isinstance(exc, GraphVersionRetired) or error is None or error.code != 100 or len(metrics) == 1:
            raise
    values: dict[str, int] = {}
    for metric in metrics:
        try:
            values.update(insight_values(api.get(f"{object_id}/insights", {"metric": metric})))
        except Invalid as exc:
            if isinstance(exc, GraphVersionRetired):
                raise
            log.info("insights metric refused", product=api.product, metric=metric, reason=exc.message)
    return values


def not_enough_data(exc: PublishError) -> bool:
    """Instagram's "Not enough viewers" (code 10) means no numbers yet, not a missing permission."""
    error = graph_error_of(exc)
    return error is not None and error.code == 10 and "viewer" in error.message.lower()
