"""Threads connector against a local fake of graph.threads.net (PLATFORM_APIS.md sections 2, 5 and 12)."""

import json
from datetime import timedelta
from typing import Any

import httpx
import pytest
import respx

from heraldo.publishing.connectors import meta
from heraldo.publishing.connectors.base import InteractionRef, PublishRequest, PublishResult, ReplyTo
from heraldo.publishing.connectors.registry import get_connector
from heraldo.publishing.connectors.threads import ThreadsConnector
from heraldo.publishing.errors import (
    AuthRevoked,
    Invalid,
    OutcomeUnknown,
    PermissionMissing,
    RateLimited,
    Transient,
)
from heraldo.publishing.platforms import TEXT_LIMITS, Platform
from tests.publishing.connectors.fake_meta import (
    Answer,
    ContainerHost,
    Post,
    business_usage,
    context,
    graph_error,
    media,
    meta_settings,
    missing,
    timestamp,
    unsupported,
)

USER = "25070000000000001"
TOKEN = "THQVJ-long-lived-token"
CAROUSEL_BOUNDS = (2, 20)


class FakeThreads(ContainerHost):
    """graph.threads.net: containers (`status`, `error_message`), reply_to_id chains, the 500-character
    limit, insights, conversation reads and deletes."""

    status_field = "status"
    reason_field = "error_message"
    media_types = {"TEXT", "IMAGE", "VIDEO", "CAROUSEL"}

    def serve(self, method: str, segments: list[str], params: dict[str, str]) -> Answer:
        head, edge = segments[0], segments[1] if len(segments) > 1 else None
        if method == "POST" and edge == "threads":
            return self.create(head, params) if head == USER else unsupported(method, head)
        if method == "POST" and edge == "threads_publish":
            return self.publish_container(head, params, "text") if head == USER else unsupported(method, head)
        if method == "GET" and edge is None:
            return self.read(head, params)
        if method == "GET" and edge in {"threads", "replies"} and head == USER:
            return self.timeline(replies=edge == "replies", params=params)
        if method == "GET" and edge == "insights":
            return self.insights(head, params)
        if method == "GET" and edge == "conversation":
            # Every reply under the post, at any depth (`/replies` would give the top level only).
            replies = [self.view(p) for p in self.posts.values() if p.reply_to and self.root_of(p) == head]
            return self.page([r for r in replies if not self.posts[r["id"]].deleted], params)
        if method == "DELETE" and edge is None and head in self.posts and not self.posts[head].deleted:
            self.posts[head].deleted = True
            return httpx.Response(200, json={"success": True, "deleted_id": head})
        return unsupported(method, head)

    def create(self, owner: str, params: dict[str, str]) -> Answer:
        media_type = params.get("media_type")
        if media_type not in self.media_types:
            return missing("media_type")
        if len(params.get("text", "")) > 500:
            return graph_error(100, "(#100) Param text must be at most 500 characters long.")
        if media_type == "TEXT" and not params.get("text"):
            return missing("text")
        if media_type == "IMAGE" and not params.get("image_url"):
            return missing("image_url")
        if media_type == "VIDEO" and not params.get("video_url"):
            return missing("video_url")
        if media_type == "CAROUSEL":
            children = [c for c in params.get("children", "").split(",") if c]
            low, high = CAROUSEL_BOUNDS
            if not low <= len(children) <= high:
                return graph_error(100, f"(#100) A carousel needs between {low} and {high} children")
            for child in children:
                item = self.containers.get(child)
                if item is None or item.owner != owner or item.params.get("is_carousel_item") != "true":
                    return graph_error(100, f"(#100) Invalid carousel child {child}")
        reply_to = params.get("reply_to_id")
        if reply_to is not None and (reply_to not in self.posts or self.posts[reply_to].deleted):
            return graph_error(100, "(#100) Invalid reply_to_id", subcode=4279020)
        return httpx.Response(200, json={"id": self.make_container(owner, params).id})

    def view(self, post: Post) -> dict[str, Any]:
        body: dict[str, Any] = {
            "id": post.id,
            "text": post.text,
            "timestamp": timestamp(post.created),
            "permalink": f"https://www.threads.net/@heraldo/post/{post.id}",
            "username": post.params.get("_username", "heraldo"),
            "is_reply": post.reply_to is not None,
        }
        if post.reply_to:
            body["replied_to"] = {"id": post.reply_to}
            body["root_post"] = {"id": self.root_of(post)}
        return body

    def root_of(self, post: Post) -> str:
        while post.reply_to and post.reply_to in self.posts:
            post = self.posts[post.reply_to]
        return post.id

    def read(self, object_id: str, params: dict[str, str]) -> Answer:
        if object_id in self.containers:
            return self.container_status(self.containers[object_id])
        post = self.posts.get(object_id)
        if post is None or post.deleted:
            return unsupported("get", object_id)
        return httpx.Response(200, json=self.view(post))

    def timeline(self, *, replies: bool, params: dict[str, str]) -> Answer:
        since = int(params.get("since") or 0)
        items = [
            self.view(p)
            for p in sorted(self.posts.values(), key=lambda p: p.created, reverse=True)
            if p.owner == USER and not p.deleted and (p.reply_to is not None) == replies
            if p.created.timestamp() >= since
        ]
        return self.page(items, params)

    def insights(self, post_id: str, params: dict[str, str]) -> Answer:
        known = {"views": 120, "likes": 7, "replies": 3, "reposts": 2, "quotes": 1, "shares": 4}
        metrics = params.get("metric", "").split(",")
        unknown = [m for m in metrics if m not in known]
        if unknown:
            return graph_error(100, f"(#100) metric[0] must be one of the following values: {', '.join(known)}")
        data = [
            {"name": m, "period": "lifetime", "values": [{"value": known[m]}], "id": f"{post_id}/insights/{m}/lifetime"}
            for m in metrics
        ]
        return httpx.Response(200, json={"data": data})


@pytest.fixture
def mock():
    with respx.mock(assert_all_called=False, assert_all_mocked=True) as router:
        yield router


@pytest.fixture
def fake(mock):
    return FakeThreads(mock, base_url="https://graph.threads.test", version="v1.0", token=TOKEN)


@pytest.fixture
def saved():
    return []


@pytest.fixture
def ctx(saved):
    with httpx.Client() as http:
        yield context(
            platform="threads", account_id=USER, token=TOKEN, settings=meta_settings(), http=http, saved=saved
        )


@pytest.fixture
def sleeps():
    return []


@pytest.fixture
def threads(sleeps):
    connector = ThreadsConnector()
    connector.sleep = sleeps.append
    return connector


def request(text: str = "Hello from Heraldo", **kwargs) -> PublishRequest:
    return PublishRequest(text=text, idempotency_key="key-1", **kwargs)


def test_registry_finds_the_connector_and_its_text_limit():
    connector = get_connector("threads")
    assert isinstance(connector, ThreadsConnector)
    assert connector.text_limit == TEXT_LIMITS[Platform.THREADS] == 500


def test_text_post_creates_a_container_waits_and_publishes(fake, ctx, threads, saved):
    result = threads.publish(ctx, request())

    (create,) = fake.calls("POST", f"{USER}/threads")
    assert create[2] == {"media_type": "TEXT", "text": "Hello from Heraldo"}
    (publish,) = fake.calls("POST", f"{USER}/threads_publish")
    container = publish[2]["creation_id"]
    assert fake.calls("GET", container), "the container status is checked before publishing"
    post = fake.posts[result.platform_post_id]
    assert post.text == "Hello from Heraldo"
    assert result.url == f"https://www.threads.net/@heraldo/post/{post.id}"
    assert result.extra["container_id"] == container
    # The container id is saved the moment it exists, then the published id.
    assert saved[0] == {"container": container}
    assert saved[-1]["published_id"] == result.platform_post_id


def test_token_travels_as_a_bearer_header_not_in_urls(fake, mock, ctx, threads):
    threads.publish(ctx, request())
    for call in mock.calls:
        assert call.request.headers["authorization"] == f"Bearer {TOKEN}"
        assert "access_token" not in str(call.request.url)
        assert call.request.url.path.startswith("/v1.0/")


def test_image_post_passes_the_public_url(fake, ctx, threads):
    threads.publish(ctx, request(media=[media()]))
    (create,) = fake.calls("POST", f"{USER}/threads")
    assert create[2] == {
        "media_type": "IMAGE",
        "image_url": "https://media.heraldo.test/p/1/photo.jpg",
        "text": "Hello from Heraldo",
    }


def test_carousel_creates_items_then_the_parent(fake, ctx, threads, saved):
    files = [
        media("a.jpg", "https://m.test/a.jpg"),
        media("b.jpg", "https://m.test/b.jpg"),
        media("c.mp4", "https://m.test/c.mp4"),
    ]
    result = threads.publish(ctx, request(media=files))

    creates = fake.calls("POST", f"{USER}/threads")
    assert [c[2].get("is_carousel_item") for c in creates] == ["true", "true", "true", None]
    assert creates[2][2]["media_type"] == "VIDEO" and creates[2][2]["video_url"] == "https://m.test/c.mp4"
    parent = creates[3][2]
    assert parent["media_type"] == "CAROUSEL"
    children = saved[2]["children"]
    assert parent["children"] == ",".join(children) and len(children) == 3
    assert fake.posts[result.platform_post_id].children == children


def test_polls_in_progress_until_finished(fake, ctx, threads, sleeps):
    fake.processing_polls = 2
    result = threads.publish(ctx, request())
    assert result.platform_post_id in fake.posts
    assert sleeps == [0.5, 0.5]  # the settings' poll interval, between checks
    container = fake.calls("POST", f"{USER}/threads_publish")[0][2]["creation_id"]
    assert len(fake.calls("GET", container)) == 3


def test_container_error_fails_with_the_reason_and_forgets_the_container(fake, ctx, threads, saved):
    fake.unreachable.add("https://media.heraldo.test/p/1/photo.jpg")
    with pytest.raises(Invalid, match="Media download has failed") as caught:
        threads.publish(ctx, request(media=[media()]))
    assert not isinstance(caught.value, Transient)
    assert not fake.calls("POST", f"{USER}/threads_publish")
    assert not saved[-1]["container"], "a later retry must not reuse a dead container"


def test_still_processing_at_the_timeout_is_transient_and_keeps_the_container(fake, ctx, threads, saved):
    fake.processing_polls = 1000
    clock = iter(range(0, 10_000, 10))
    threads.monotonic = lambda: next(clock)
    with pytest.raises(Transient, match="still processing"):
        threads.publish(ctx, request())
    assert saved[-1]["container"]


def test_retry_resumes_with_the_saved_container(fake, ctx, threads, saved):
    fake.fail_next(
        "POST", f"{USER}/threads_publish", graph_error(2, "Service temporarily unavailable", is_transient=True)
    )
    req = request()
    with pytest.raises(Transient):
        threads.publish(ctx, req)
    assert len(fake.calls("POST", f"{USER}/threads")) == 1

    retry = request(progress=dict(saved[-1]))
    result = threads.publish(ctx, retry)
    assert len(fake.calls("POST", f"{USER}/threads")) == 1, "no second container"
    assert fake.calls("POST", f"{USER}/threads_publish")[-1][2]["creation_id"] == saved[0]["container"]
    assert result.platform_post_id in fake.posts


def test_resume_after_a_lost_publish_answer_finds_the_post_instead_of_publishing_again(fake, ctx, threads, saved):
    first = threads.publish(ctx, request())
    progress = {"container": saved[0]["container"]}  # as if the publish answer never arrived
    again = threads.publish(ctx, request(progress=progress))
    assert again.platform_post_id == first.platform_post_id
    assert len(fake.calls("POST", f"{USER}/threads_publish")) == 1


def test_resume_of_a_published_container_whose_post_is_gone_needs_review(fake, ctx, threads, saved):
    first = threads.publish(ctx, request())
    fake.posts[first.platform_post_id].text = "edited elsewhere"
    with pytest.raises(OutcomeUnknown):
        threads.publish(ctx, request(progress={"container": saved[0]["container"]}))


def test_an_expired_saved_container_is_replaced(fake, ctx, threads, saved):
    stale = fake.make_container(USER, {"media_type": "TEXT", "text": "Hello from Heraldo"})
    stale.outcome = "EXPIRED"
    result = threads.publish(ctx, request(progress={"container": stale.id}))
    assert result.platform_post_id in fake.posts
    assert len(fake.calls("POST", f"{USER}/threads")) == 1
    assert saved[-1]["container"] != stale.id


def test_reply_chain_of_three_posts(fake, ctx, threads):
    root = threads.publish(ctx, request("1/3 A thread"))
    second = threads.reply(ctx, request("2/3 goes on"), ReplyTo(parent=root, root=root))
    third = threads.reply(ctx, request("3/3 and ends"), ReplyTo(parent=second, root=root))

    assert fake.posts[root.platform_post_id].reply_to is None
    assert fake.posts[second.platform_post_id].reply_to == root.platform_post_id
    assert fake.posts[third.platform_post_id].reply_to == second.platform_post_id
    creates = fake.calls("POST", f"{USER}/threads")
    assert [c[2].get("reply_to_id") for c in creates] == [None, root.platform_post_id, second.platform_post_id]


def test_first_comment_is_a_self_reply(fake, ctx, threads):
    root = threads.publish(ctx, request())
    comment = threads.comment(ctx, request("First comment"), root)
    assert fake.posts[comment.platform_post_id].reply_to == root.platform_post_id


def test_media_without_a_public_url_fails_before_any_call(fake, mock, ctx, threads):
    with pytest.raises(Invalid, match="HERALDO_PUBLIC_URL"):
        threads.publish(ctx, request(media=[media(url=None)]))
    assert mock.calls.call_count == 0


def test_media_with_a_plain_http_url_fails_before_any_call(fake, mock, ctx, threads):
    with pytest.raises(Invalid, match="https"):
        threads.publish(ctx, request(media=[media(url="http://localhost:8000/media/1")]))
    assert mock.calls.call_count == 0


def test_delete(fake, ctx, threads):
    result = threads.publish(ctx, request())
    threads.delete(ctx, result.platform_post_id)
    assert fake.posts[result.platform_post_id].deleted
    with pytest.raises(Invalid):
        threads.delete(ctx, result.platform_post_id)


@pytest.mark.parametrize(
    ("answer", "error_class"),
    [
        (graph_error(190, "Error validating access token: Session has expired", subcode=463), AuthRevoked),
        (graph_error(190, "Error validating access token: password changed", subcode=460), AuthRevoked),
        (graph_error(102, "Session key invalid or no longer valid"), AuthRevoked),
        (graph_error(10, "(#10) Application does not have permission for this action"), PermissionMissing),
        (graph_error(200, "(#200) Requires threads_content_publish permission", status=403), PermissionMissing),
        (graph_error(1, "An unknown error occurred", status=500), Transient),
        (graph_error(2, "Service temporarily unavailable", is_transient=True), Transient),
        (graph_error(100, "(#100) Param text must be at most 500 characters long."), Invalid),
        (graph_error(506, "(#506) Duplicate status message"), Invalid),
        (httpx.Response(503, text="upstream connect error"), Transient),
        (httpx.Response(429, text="Too Many Requests"), RateLimited),
    ],
)
def test_error_envelopes_map_to_error_classes(fake, ctx, threads, answer, error_class):
    fake.fail_next("POST", f"{USER}/threads", answer)
    with pytest.raises(error_class) as caught:
        threads.publish(ctx, request())
    assert caught.value.retryable == error_class.retryable


def test_duplicate_keeps_the_platform_message(fake, ctx, threads):
    fake.fail_next("POST", f"{USER}/threads", graph_error(506, "(#506) Duplicate status message"))
    with pytest.raises(Invalid, match="Duplicate status message"):
        threads.publish(ctx, request())


def test_a_wrong_token_is_reconnect(fake, threads, saved):
    with httpx.Client() as http:
        ctx = context(platform="threads", account_id=USER, token="stale", settings=meta_settings(), http=http)
        with pytest.raises(AuthRevoked, match="reconnect"):
            threads.publish(ctx, request())


@pytest.mark.parametrize("code", [4, 17, 32, 613, 80001, 80014])
def test_throttling_waits_for_the_business_use_case_hint(fake, ctx, threads, code):
    headers = {"X-Business-Use-Case-Usage": business_usage(USER, call_count=100, minutes=12)}
    fake.fail_next(
        "POST", f"{USER}/threads", graph_error(code, "(#4) Application request limit reached", headers=headers)
    )
    with pytest.raises(RateLimited) as caught:
        threads.publish(ctx, request())
    assert caught.value.retry_after == 12 * 60


def test_throttling_at_full_app_usage_without_a_time_hint(fake, ctx, threads):
    usage = json.dumps({"call_count": 100, "total_cputime": 30, "total_time": 41})
    fake.fail_next(
        "POST",
        f"{USER}/threads",
        graph_error(4, "(#4) Application request limit reached", headers={"X-App-Usage": usage}),
    )
    with pytest.raises(RateLimited) as caught:
        threads.publish(ctx, request())
    assert caught.value.retry_after == meta.FULL_USAGE_WAIT_SECONDS


def test_policy_block_368_backs_off_for_hours(fake, ctx, threads):
    fake.fail_next("POST", f"{USER}/threads", graph_error(368, "The action attempted has been deemed abusive"))
    with pytest.raises(RateLimited) as caught:
        threads.publish(ctx, request())
    assert caught.value.retry_after >= 3 * 3600


def test_retired_version_names_the_setting(fake, ctx, threads):
    fake.retired.add("v1.0")
    with pytest.raises(meta.GraphVersionRetired, match="HERALDO_THREADS_API_VERSION") as caught:
        threads.publish(ctx, request())
    assert isinstance(caught.value, Invalid)


def test_an_expired_version_is_served_silently(fake, threads, saved):
    fake.expired.add("v0.9")
    with httpx.Client() as http:
        ctx = context(
            platform="threads",
            account_id=USER,
            token=TOKEN,
            settings=meta_settings(threads_api_version="v0.9"),
            http=http,
        )
        result = threads.publish(ctx, request())
    assert result.platform_post_id in fake.posts


def test_metrics_read_lifetime_insights(fake, ctx, threads):
    post = threads.publish(ctx, request())
    (sample,) = threads.fetch_metrics(ctx, [post.platform_post_id])
    assert (sample.impressions, sample.likes, sample.comments, sample.quotes) == (120, 7, 3, 1)
    assert sample.shares == 2 + 4  # reposts and shares
    (call,) = fake.calls("GET", f"{post.platform_post_id}/insights")
    assert call[2]["metric"] == "views,likes,replies,reposts,quotes,shares"


def test_interactions_are_replies_from_others_since_a_moment(fake, ctx, threads):
    post = threads.publish(ctx, request())
    old = fake.now - timedelta(days=2)
    for reply_id, name, text, created in [
        ("901", "fan", "Love it", fake.now),
        ("902", "heraldo", "Thanks!", fake.now),
        ("903", "oldfan", "Old news", old),
    ]:
        fake.posts[reply_id] = Post(
            reply_id, "someone", text, created, params={"_username": name}, reply_to=post.platform_post_id
        )
    found = threads.fetch_interactions(ctx, fake.now - timedelta(days=1))
    assert [(i.platform_id, i.author_handle, i.kind, i.in_reply_to_platform_post_id) for i in found] == [
        ("901", "fan", "reply", post.platform_post_id)
    ]


def test_find_published_matches_text_and_time(fake, ctx, threads):
    since = fake.now - timedelta(minutes=1)
    assert threads.find_published(ctx, request(), since) is None
    post = threads.publish(ctx, request())
    found = threads.find_published(ctx, request("  Hello from\nHeraldo "), since)
    assert found is not None and found.platform_post_id == post.platform_post_id
    assert threads.find_published(ctx, request("Something else"), since) is None
    assert threads.find_published(ctx, request(), fake.now + timedelta(hours=1)) is None


def test_find_published_for_a_reply_reads_replies(fake, ctx, threads):
    root = threads.publish(ctx, request("root"))
    reply = threads.reply(ctx, request("the reply"), ReplyTo(parent=root, root=root))
    req = request("the reply", reply_to=ReplyTo(parent=root, root=root))
    found = threads.find_published(ctx, req, fake.now - timedelta(minutes=1))
    assert found is not None and found.platform_post_id == reply.platform_post_id
    other = PublishResult("555", fake.now)
    assert threads.find_published(ctx, request("the reply", reply_to=ReplyTo(other, other)), fake.now) is None


def test_a_lost_container_answer_is_safe_to_retry(fake, ctx, threads):
    fake.lose_next_answer("POST", f"{USER}/threads")
    with pytest.raises(Transient, match="safe"):
        threads.publish(ctx, request())


def test_a_lost_publish_answer_is_retried_through_the_saved_container(fake, ctx, threads, saved):
    fake.lose_next_answer("POST", f"{USER}/threads_publish")
    with pytest.raises(Transient):
        threads.publish(ctx, request())
    (published,) = fake.posts.values()  # it did go out
    result = threads.publish(ctx, request(progress=dict(saved[-1])))
    assert result.platform_post_id == published.id
    assert len(fake.calls("POST", f"{USER}/threads_publish")) == 1


# -- answering interactions ---------------------------------------------------------------------


def fan_replies(fake: FakeThreads, post_id: str) -> tuple[Post, Post]:
    """A fan's reply to our post, and another fan's reply to that reply."""
    first = Post("901", "fan-user", "Love it", fake.now, params={"_username": "fan"}, reply_to=post_id)
    deeper = Post("904", "fan2-user", "Same!", fake.now, params={"_username": "fan2"}, reply_to=first.id)
    fake.posts.update({first.id: first, deeper.id: deeper})
    return first, deeper


def test_interactions_carry_the_conversation_root(fake, ctx, threads):
    post = threads.publish(ctx, request())
    first, deeper = fan_replies(fake, post.platform_post_id)

    found = {i.platform_id: i for i in threads.fetch_interactions(ctx, fake.now - timedelta(days=1))}

    assert found[first.id].extra == {"root_id": post.platform_post_id}
    assert found[deeper.id].extra == {"root_id": post.platform_post_id}
    assert found[deeper.id].in_reply_to_platform_post_id == first.id


def test_reply_to_interaction_is_a_reply_container_to_that_reply(fake, ctx, threads):
    post = threads.publish(ctx, request())
    _, deeper = fan_replies(fake, post.platform_post_id)
    found = {i.platform_id: i for i in threads.fetch_interactions(ctx, fake.now - timedelta(days=1))}
    sample = found[deeper.id]
    ref = InteractionRef(sample.platform_id, sample.kind, json.loads(json.dumps(sample.extra)))

    answer = threads.reply_to_interaction(ctx, request("Thank you both!"), ref)

    create = fake.calls("POST", f"{USER}/threads")[-1]
    assert create[2] == {"media_type": "TEXT", "text": "Thank you both!", "reply_to_id": deeper.id}
    publish = fake.calls("POST", f"{USER}/threads_publish")[-1]
    assert fake.containers[publish[2]["creation_id"]].published_media == answer.platform_post_id
    assert fake.posts[answer.platform_post_id].reply_to == deeper.id
    assert fake.root_of(fake.posts[answer.platform_post_id]) == post.platform_post_id


@pytest.mark.parametrize(
    ("answer", "error_class"),
    [
        (graph_error(190, "Error validating access token: Session has expired", subcode=463), AuthRevoked),
        (graph_error(10, "(#10) Application does not have permission for this action"), PermissionMissing),
        (graph_error(17, "(#17) User request limit reached"), RateLimited),
    ],
)
def test_reply_to_interaction_errors_are_classified_like_publishing(fake, ctx, threads, answer, error_class):
    post = threads.publish(ctx, request())
    first, _ = fan_replies(fake, post.platform_post_id)
    fake.fail_next("POST", f"{USER}/threads", answer)
    with pytest.raises(error_class):
        threads.reply_to_interaction(
            ctx, request("Hi"), InteractionRef(first.id, "reply", {"root_id": post.platform_post_id})
        )


def test_reply_to_a_deleted_reply_is_invalid(fake, ctx, threads):
    post = threads.publish(ctx, request())
    first, _ = fan_replies(fake, post.platform_post_id)
    first.deleted = True
    with pytest.raises(Invalid, match="reply_to_id"):
        threads.reply_to_interaction(ctx, request("Hi"), InteractionRef(first.id, "reply", {}))
