"""A local Graph API host for contract tests of the Meta connectors (Facebook, Instagram, Threads), served
through respx. Built from PLATFORM_APIS.md sections 2-5 and 12: it checks what Meta checks (the access
token, the version prefix, required fields, container states), answers with the documented bodies and
error envelopes, and sends the usage headers. Platform fakes subclass it and implement `serve`.
"""

import itertools
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl

import httpx
import respx

from heraldo.core.settings import Settings
from heraldo.posts.models import SocialAccount
from heraldo.publishing.connectors.base import ConnectorContext, MediaFile

Answer = httpx.Response


def graph_error(
    code: int,
    message: str,
    *,
    subcode: int | None = None,
    status: int = 400,
    kind: str = "OAuthException",
    is_transient: bool = False,
    headers: dict[str, str] | None = None,
) -> Answer:
    error: dict[str, Any] = {
        "message": message,
        "type": kind,
        "code": code,
        "is_transient": is_transient,
        "fbtrace_id": "AZx1Yb2Wc3",
    }
    if subcode is not None:
        error["error_subcode"] = subcode
    return httpx.Response(status, json={"error": error}, headers=headers)


def unsupported(method: str, object_id: str) -> Answer:
    return graph_error(
        100,
        f"Unsupported {method.lower()} request. Object with ID '{object_id}' does not exist, cannot be loaded due "
        "to missing permissions, or does not support this operation.",
        subcode=33,
        kind="GraphMethodException",
    )


def missing(name: str) -> Answer:
    return graph_error(100, f"(#100) The parameter {name} is required")


def business_usage(object_id: str, *, call_count: int, minutes: int) -> str:
    return json.dumps(
        {
            object_id: [
                {
                    "type": "pages",
                    "call_count": call_count,
                    "total_cputime": 10,
                    "total_time": 20,
                    "estimated_time_to_regain_access": minutes,
                }
            ]
        }
    )


def timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S+0000")


@dataclass
class Fault:
    method: str
    path: re.Pattern
    answer: tuple[int, Any, dict[str, str]]
    times: int
    after: int = 0


@dataclass
class Container:
    """A media container: IN_PROGRESS for `polls` status checks, then its outcome; PUBLISHED once used."""

    id: str
    owner: str
    params: dict[str, str]
    polls: int = 0
    outcome: str = "FINISHED"
    reason: str | None = None
    checks: int = 0
    published_media: str | None = None

    @property
    def state(self) -> str:
        if self.published_media:
            return "PUBLISHED"
        return "IN_PROGRESS" if self.checks < self.polls else self.outcome


@dataclass
class Post:
    id: str
    owner: str
    text: str
    created: datetime
    params: dict[str, str] = field(default_factory=dict)
    reply_to: str | None = None
    children: list[str] = field(default_factory=list)
    deleted: bool = False


class FakeGraph:
    """One Graph host at one live version. Older versions named in `expired` are served silently as the
    oldest live one (with its `facebook-api-version` header); versions in `retired` answer error 2635."""

    oldest_live = "v23.0"

    def __init__(self, mock: respx.MockRouter, *, base_url: str, version: str, token: str):
        self.base_url = base_url
        self.version = version
        self.token = token
        self.expired: set[str] = set()
        self.retired: set[str] = set()
        self.faults: list[Fault] = []
        self.lost_answers: list[tuple[str, re.Pattern]] = []
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self.app_usage = {"call_count": 4, "total_cputime": 1, "total_time": 2}
        self.now = datetime.now(UTC)
        self._ids = itertools.count(17841400000000101)
        mock.route(host=httpx.URL(base_url).host).mock(side_effect=self.handle)

    def new_id(self) -> str:
        return str(next(self._ids))

    def fail_next(
        self,
        method: str,
        path: str,
        answer: Answer,
        *,
        times: int = 1,
        after: int = 0,
    ) -> None:
        """Answer `times` requests whose path (after the version) fully matches `path` with `answer`, once
        `after` such requests have gone through normally."""
        answer.read()
        recorded = (answer.status_code, answer.content, dict(answer.headers))
        self.faults.append(Fault(method, re.compile(path), recorded, times, after))

    def lose_next_answer(self, method: str, path: str) -> None:
        """Do the next matching request, then drop the connection before the answer (a read timeout)."""
        self.lost_answers.append((method, re.compile(path)))

    def calls(self, method: str | None = None, path: str | None = None) -> list[tuple[str, str, dict[str, str]]]:
        return [
            call
            for call in self.requests
            if (method is None or call[0] == method) and (path is None or re.fullmatch(path, call[1]))
        ]

    def handle(self, request: httpx.Request) -> Answer:
        segments = request.url.path.strip("/").split("/")
        version, rest = segments[0], segments[1:]
        if not re.fullmatch(r"v\d+\.\d+", version):
            return graph_error(2500, f"Unknown path components: /{version}")
        if version in self.retired:
            return graph_error(
                2635,
                f"(#2635) You are calling a deprecated version of the Graph API. Please update to the latest "
                f"version: {self.version}.",
            )
        if version != self.version and version not in self.expired:
            return graph_error(2500, f"Unknown path components: /{version}/{'/'.join(rest)}")
        served = self.version if version == self.version else self.oldest_live
        params = dict(request.url.params)
        if request.method in {"POST", "DELETE"} and request.content:
            assert request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded")
            params.update(parse_qsl(request.content.decode(), keep_blank_values=True))
        token = params.pop("access_token", None)
        authorization = request.headers.get("authorization", "")
        if authorization.startswith(("Bearer ", "OAuth ")):
            token = authorization.split(" ", 1)[1]
        if token is None:
            return graph_error(2500, "An active access token must be used to query information about the current user.")
        if token != self.token:
            return graph_error(190, "Invalid OAuth access token - Cannot parse access token")
        path = "/".join(rest)
        self.requests.append((request.method, path, params))
        answer = self._fault(request.method, path) or self.serve(request.method, rest, params)
        for lost in self.lost_answers:
            if lost[0] == request.method and lost[1].fullmatch(path):
                self.lost_answers.remove(lost)
                raise httpx.ReadTimeout("the answer never came", request=request)
        answer.headers.setdefault("X-App-Usage", json.dumps(self.app_usage))
        answer.headers["facebook-api-version"] = served
        return answer

    def _fault(self, method: str, path: str) -> Answer | None:
        for fault in self.faults:
            if fault.method == method and fault.path.fullmatch(path):
                if fault.after > 0:
                    fault.after -= 1
                    return None
                fault.times -= 1
                if fault.times <= 0:
                    self.faults.remove(fault)
                status, body, headers = fault.answer
                headers = {k: v for k, v in headers.items() if k.lower() != "content-length"}
                return httpx.Response(status, content=body, headers=headers)
        return None

    def serve(self, method: str, segments: list[str], params: dict[str, str]) -> Answer:
        return unsupported(method, segments[0] if segments else "")

    @staticmethod
    def page(items: list[dict[str, Any]], params: dict[str, str]) -> Answer:
        """Cursor pagination (section 2): `limit`, `after`; `paging.next` only while more remain."""
        limit = int(params.get("limit") or 25)
        start = int(params["after"].removeprefix("cursor-")) if params.get("after") else 0
        chunk = items[start : start + limit]
        body: dict[str, Any] = {"data": chunk}
        if chunk:
            body["paging"] = {"cursors": {"before": f"cursor-{start}", "after": f"cursor-{start + len(chunk)}"}}
            if start + limit < len(items):
                body["paging"]["next"] = f"https://graph.example/next?access_token=SECRET&after=cursor-{start + limit}"
        return httpx.Response(200, json=body)


class ContainerHost(FakeGraph):
    """The container state machine Instagram and Threads share (create, poll, publish)."""

    status_field = "status_code"
    reason_field = "status"

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.containers: dict[str, Container] = {}
        self.posts: dict[str, Post] = {}
        # Per-URL download failures: Meta fetches media itself, and this decides whether that works.
        self.unreachable: set[str] = set()
        self.processing_polls = 0
        self.publish_quota = 50

    def make_container(self, owner: str, params: dict[str, str]) -> Container:
        container = Container(id=self.new_id(), owner=owner, params=params, polls=self.processing_polls)
        for key in ("image_url", "video_url"):
            url = params.get(key)
            if url and (url in self.unreachable or not url.startswith("https://")):
                container.outcome = "ERROR"
                container.reason = "Media download has failed. The media URI doesn't meet our requirements."
        self.containers[container.id] = container
        return container

    def container_status(self, container: Container) -> Answer:
        state = container.state
        container.checks += 1
        body: dict[str, Any] = {"id": container.id, self.status_field: state}
        if state == "ERROR":
            body[self.reason_field] = container.reason
        elif self.reason_field == "status":
            body["status"] = {"IN_PROGRESS": "In Progress", "FINISHED": "Finished: Media has been uploaded"}.get(
                state, state
            )
        return httpx.Response(200, json=body)

    def not_ready(self) -> Answer:
        return graph_error(
            9007,
            "The media is not ready for publishing, please wait for a moment",
            subcode=2207027,
            kind="OAuthException",
        )

    def publish_container(self, owner: str, params: dict[str, str], text_field: str) -> Answer:
        creation_id = params.get("creation_id")
        if not creation_id:
            return missing("creation_id")
        container = self.containers.get(creation_id)
        if container is None or container.owner != owner:
            return unsupported("post", creation_id)
        if container.params.get("is_carousel_item") == "true":
            return graph_error(100, "(#100) A carousel item cannot be published on its own")
        state = container.state
        if state == "PUBLISHED":
            return graph_error(100, "(#100) The media has already been published", subcode=2207001)
        if state == "EXPIRED":
            return graph_error(100, "(#100) The media container has expired", subcode=2207008)
        if state != "FINISHED":
            return self.not_ready()
        if self.publish_quota <= 0:
            return graph_error(9, "Application request limit reached", subcode=2207042, kind="OAuthException")
        self.publish_quota -= 1
        post = Post(
            id=self.new_id(),
            owner=owner,
            text=container.params.get(text_field, ""),
            created=self.now,
            params=container.params,
            reply_to=container.params.get("reply_to_id"),
            children=[c for c in container.params.get("children", "").split(",") if c],
        )
        self.posts[post.id] = post
        container.published_media = post.id
        return httpx.Response(200, json={"id": post.id})


def media(name: str = "photo.jpg", url: str | None = "https://media.heraldo.test/p/1/photo.jpg") -> MediaFile:
    from pathlib import Path

    content_type = "video/mp4" if name.endswith(".mp4") else "image/jpeg"
    return MediaFile(path=Path("/nonexistent") / name, content_type=content_type, filename=name, public_url=url)


def context(
    *,
    platform: str,
    account_id: str,
    token: str,
    settings: Settings,
    http: httpx.Client,
    handle: str = "heraldo",
    credentials: dict[str, Any] | None = None,
    saved: list[dict[str, Any]] | None = None,
) -> ConnectorContext:
    account = SocialAccount(
        id=1, workspace_id=1, platform=platform, handle=handle, platform_account_id=account_id, status="active"
    )
    record = saved if saved is not None else []
    return ConnectorContext(
        db=None,  # type: ignore[arg-type]  (connectors never touch the database)
        account=account,
        credentials={"access_token": token, **(credentials or {})},
        settings=settings,
        http=http,
        save_progress=record.append,
    )


def meta_settings(**overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "meta_graph_base_url": "https://graph.facebook.test",
        "meta_graph_version": "v25.0",
        "instagram_base_url": "https://graph.instagram.test",
        "threads_base_url": "https://graph.threads.test",
        "threads_api_version": "v1.0",
        "media_poll_interval_seconds": 0.5,
        "media_poll_timeout_seconds": 30.0,
        "http_timeout_seconds": 5.0,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)
