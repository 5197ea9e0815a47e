"""Instagram connector against a local fake of the Instagram Graph API (PLATFORM_APIS.md sections 2, 4, 12)."""

import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import httpx
import pytest
import respx

from heraldo.publishing.connectors import meta
from heraldo.publishing.connectors.base import InteractionRef, PublishRequest, ReplyTo
from heraldo.publishing.connectors.instagram import DeleteUnsupported, InstagramConnector
from heraldo.publishing.connectors.registry import get_connector
from heraldo.publishing.errors import AuthRevoked, Invalid, PermissionMissing, RateLimited, Transient
from heraldo.publishing.platforms import TEXT_LIMITS, Platform
from tests.publishing.connectors.fake_meta import (
    Answer,
    ContainerHost,
    business_usage,
    context,
    graph_error,
    media,
    meta_settings,
    missing,
    timestamp,
    unsupported,
)

IG_USER = "17841400000000042"
TOKEN = "IGAAT-long-lived-token"
CAROUSEL_BOUNDS = (2, 10)


@dataclass
class Comment:
    id: str
    media_id: str
    text: str
    username: str
    created: datetime
    parent: str | None = None
    replies: list[str] = field(default_factory=list)


class FakeInstagram(ContainerHost):
    """Instagram: containers (`status_code`, `status`), carousel rules, caption limits, comments and replies,
    insights that are empty without data, retired metrics refused with error 100, media delete refused."""

    status_field = "status_code"
    reason_field = "status"
    metrics = ("views", "reach", "likes", "comments", "shares", "saved", "total_interactions")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.comments: dict[str, Comment] = {}
        self.no_data: set[str] = set()
        self.too_few_viewers: set[str] = set()

    def serve(self, method: str, segments: list[str], params: dict[str, str]) -> Answer:
        head, edge = segments[0], segments[1] if len(segments) > 1 else None
        own = head == IG_USER
        if method == "POST" and edge == "media" and own:
            return self.create(params)
        if method == "POST" and edge == "media_publish" and own:
            return self.publish_container(IG_USER, params, "caption")
        if method == "GET" and edge == "media" and own:
            return self.page([self.view(p) for p in self.newest_first()], params)
        if method == "GET" and edge is None:
            return self.read(head)
        if method == "POST" and edge == "comments" and head in self.posts:
            return self.add_comment(head, None, params)
        if method == "POST" and edge == "replies" and head in self.comments:
            # Only top-level comments take replies: a reply to a reply is added to its top-level comment.
            top = self.comments[head].parent or head
            return self.add_comment(self.comments[head].media_id, top, params)
        if method == "GET" and edge == "comments" and head in self.posts:
            top = [c for c in self.comments.values() if c.media_id == head and c.parent is None]
            return self.page([self.comment_view(c, nested=True) for c in top], params)
        if method == "GET" and edge == "replies" and head in self.comments:
            return self.page([self.comment_view(self.comments[r]) for r in self.comments[head].replies], params)
        if method == "GET" and edge == "insights" and head in self.posts:
            return self.insights(head, params)
        if method == "DELETE" and edge is None and head in self.comments:
            del self.comments[head]
            return httpx.Response(200, json={"success": True})
        return unsupported(method, head)

    def create(self, params: dict[str, str]) -> Answer:
        caption = params.get("caption", "")
        if len(caption) > 2200:
            return graph_error(100, "(#100) The caption is too long", subcode=2207010)
        if len(re.findall(r"#\w+", caption)) > 30 or len(re.findall(r"@\w+", caption)) > 20:
            return graph_error(100, "(#100) Too many hashtags or mentions", subcode=2207010)
        media_type = params.get("media_type")
        if media_type == "CAROUSEL":
            children = [c for c in params.get("children", "").split(",") if c]
            low, high = CAROUSEL_BOUNDS
            if not low <= len(children) <= high:
                return graph_error(100, f"(#100) Carousels need {low} to {high} children", subcode=2207024)
            for child in children:
                item = self.containers.get(child)
                if item is None or item.params.get("is_carousel_item") != "true":
                    return graph_error(100, f"(#100) Invalid child {child}")
        elif media_type in {"REELS", "VIDEO"}:
            if not params.get("video_url"):
                return missing("video_url")
            if media_type == "VIDEO" and params.get("is_carousel_item") != "true":
                return graph_error(100, "(#100) The VIDEO media type is no longer supported; use REELS")
        elif not params.get("image_url"):
            return missing("image_url")
        return httpx.Response(200, json={"id": self.make_container(IG_USER, params).id})

    def newest_first(self):
        return sorted((p for p in self.posts.values() if not p.deleted), key=lambda p: p.created, reverse=True)

    def view(self, post) -> dict:
        return {
            "id": post.id,
            "caption": post.text,
            "timestamp": timestamp(post.created),
            "permalink": f"https://www.instagram.com/p/{post.id}/",
            "media_type": "CAROUSEL_ALBUM" if post.children else "IMAGE",
        }

    def read(self, object_id: str) -> Answer:
        if object_id in self.containers:
            return self.container_status(self.containers[object_id])
        if object_id in self.posts:
            return httpx.Response(200, json=self.view(self.posts[object_id]))
        return unsupported("get", object_id)

    def add_comment(self, media_id: str, parent: str | None, params: dict[str, str]) -> Answer:
        if not params.get("message"):
            return missing("message")
        comment = Comment(self.new_id(), media_id, params["message"], "heraldo", self.now, parent)
        self.comments[comment.id] = comment
        if parent:
            self.comments[parent].replies.append(comment.id)
        return httpx.Response(200, json={"id": comment.id})

    def comment_view(self, comment: Comment, nested: bool = False) -> dict:
        body = {
            "id": comment.id,
            "text": comment.text,
            "username": comment.username,
            "timestamp": timestamp(comment.created),
        }
        if nested and comment.replies:
            body["replies"] = {"data": [self.comment_view(self.comments[r]) for r in comment.replies]}
        return body

    def insights(self, media_id: str, params: dict[str, str]) -> Answer:
        metrics = params.get("metric", "").split(",")
        refused = [m for m in metrics if m not in self.metrics]
        if refused:
            return graph_error(
                100,
                f"(#100) metric[0] must be one of the following values: {', '.join(self.metrics)}",
                kind="OAuthException",
            )
        if media_id in self.too_few_viewers:
            return graph_error(10, "(#10) Not enough viewers for the media to show insights", kind="OAuthException")
        if media_id in self.no_data:
            return httpx.Response(200, json={"data": []})
        values = {
            "views": 300,
            "reach": 250,
            "likes": 30,
            "comments": 4,
            "shares": 2,
            "saved": 5,
            "total_interactions": 41,
        }
        data = [
            {"name": m, "period": "lifetime", "values": [{"value": values[m]}], "id": f"{media_id}/insights/{m}"}
            for m in metrics
        ]
        return httpx.Response(200, json={"data": data})


@pytest.fixture
def mock():
    with respx.mock(assert_all_called=False, assert_all_mocked=True) as router:
        yield router


@pytest.fixture
def fake(mock):
    return FakeInstagram(mock, base_url="https://graph.instagram.test", version="v25.0", token=TOKEN)


@pytest.fixture
def saved():
    return []


@pytest.fixture
def ctx(saved):
    with httpx.Client() as http:
        yield context(
            platform="instagram",
            account_id=IG_USER,
            token=TOKEN,
            settings=meta_settings(),
            http=http,
            saved=saved,
            credentials={"ig_user_id": IG_USER, "login": "instagram"},
        )


@pytest.fixture
def sleeps():
    return []


@pytest.fixture
def instagram(sleeps):
    connector = InstagramConnector()
    connector.sleep = sleeps.append
    return connector


def request(text: str = "New drop #launch", **kwargs) -> PublishRequest:
    kwargs.setdefault("media", [media()])
    return PublishRequest(text=text, idempotency_key="key-1", **kwargs)


def test_registry_and_text_limit():
    assert isinstance(get_connector("instagram"), InstagramConnector)
    assert InstagramConnector().text_limit == TEXT_LIMITS[Platform.INSTAGRAM] == 2200


def test_single_image_container_then_publish(fake, mock, ctx, instagram, saved):
    result = instagram.publish(ctx, request())
    (create,) = fake.calls("POST", f"{IG_USER}/media")
    assert create[2] == {"image_url": "https://media.heraldo.test/p/1/photo.jpg", "caption": "New drop #launch"}
    (publish,) = fake.calls("POST", f"{IG_USER}/media_publish")
    assert publish[2] == {"creation_id": saved[0]["container"]}
    assert fake.posts[result.platform_post_id].text == "New drop #launch"
    assert result.url == f"https://www.instagram.com/p/{result.platform_post_id}/"
    assert all(c.request.url.path.startswith("/v25.0/") for c in mock.calls)
    assert all(c.request.headers["authorization"] == f"Bearer {TOKEN}" for c in mock.calls)


def test_facebook_login_accounts_use_the_facebook_graph_host(mock, instagram):
    fb_fake = FakeInstagram(mock, base_url="https://graph.facebook.test", version="v25.0", token=TOKEN)
    with httpx.Client() as http:
        ctx = context(
            platform="instagram",
            account_id=IG_USER,
            token=TOKEN,
            settings=meta_settings(),
            http=http,
            credentials={"login": "facebook", "page_id": "1001"},
        )
        result = instagram.publish(ctx, request())
    assert result.platform_post_id in fb_fake.posts


def test_a_single_video_is_a_reel(fake, ctx, instagram):
    instagram.publish(ctx, request(media=[media("clip.mp4", "https://m.test/clip.mp4")]))
    (create,) = fake.calls("POST", f"{IG_USER}/media")
    assert create[2]["media_type"] == "REELS" and create[2]["video_url"] == "https://m.test/clip.mp4"


def test_text_only_is_refused_before_any_call(fake, mock, ctx, instagram):
    with pytest.raises(Invalid, match="at least one image"):
        instagram.publish(ctx, request(media=[]))
    assert mock.calls.call_count == 0


def test_media_without_a_public_url_fails_before_any_call(fake, mock, ctx, instagram):
    files = [media("a.jpg", "https://m.test/a.jpg"), media("b.jpg", None)]
    with pytest.raises(Invalid, match="HERALDO_PUBLIC_URL") as caught:
        instagram.publish(ctx, request(media=files))
    assert "b.jpg" in caught.value.message
    assert mock.calls.call_count == 0


def test_carousel_children_then_parent(fake, ctx, instagram, saved):
    files = [media("a.jpg", "https://m.test/a.jpg"), media("b.mp4", "https://m.test/b.mp4")]
    result = instagram.publish(ctx, request(media=files))
    creates = [c[2] for c in fake.calls("POST", f"{IG_USER}/media")]
    assert creates[0] == {"image_url": "https://m.test/a.jpg", "is_carousel_item": "true"}
    assert creates[1] == {"media_type": "VIDEO", "video_url": "https://m.test/b.mp4", "is_carousel_item": "true"}
    assert creates[2]["media_type"] == "CAROUSEL" and creates[2]["caption"] == "New drop #launch"
    assert creates[2]["children"].split(",") == saved[1]["children"]
    assert fake.posts[result.platform_post_id].children == saved[1]["children"]


def test_carousel_bounds_are_the_platforms_call(fake, ctx, instagram):
    files = [media(f"{i}.jpg", f"https://m.test/{i}.jpg") for i in range(11)]
    with pytest.raises(Invalid, match="2 to 10 children"):
        instagram.publish(ctx, request(media=files))


def test_polling_in_progress_then_finished(fake, ctx, instagram, sleeps):
    fake.processing_polls = 3
    result = instagram.publish(ctx, request())
    assert result.platform_post_id in fake.posts
    assert sleeps == [0.5, 0.5, 0.5]


def test_container_error_is_invalid_with_the_status_reason(fake, ctx, instagram):
    fake.unreachable.add("https://media.heraldo.test/p/1/photo.jpg")
    with pytest.raises(meta.ContainerFailed, match="Media download has failed"):
        instagram.publish(ctx, request())
    assert not fake.calls("POST", f"{IG_USER}/media_publish")


def test_publishing_too_early_waits_and_publishes_again(fake, ctx, instagram):
    fake.fail_next("POST", f"{IG_USER}/media_publish", fake.not_ready())
    result = instagram.publish(ctx, request())
    assert result.platform_post_id in fake.posts
    assert len(fake.calls("POST", f"{IG_USER}/media_publish")) == 2
    assert len(fake.calls("POST", f"{IG_USER}/media")) == 1


def test_retry_resumes_with_the_saved_container(fake, ctx, instagram, saved):
    fake.fail_next(
        "POST",
        f"{IG_USER}/media_publish",
        httpx.Response(
            500, json={"error": {"message": "An unexpected error has occurred.", "code": 2, "is_transient": True}}
        ),
    )
    with pytest.raises(Transient):
        instagram.publish(ctx, request())
    result = instagram.publish(ctx, request(progress=dict(saved[-1])))
    assert len(fake.calls("POST", f"{IG_USER}/media")) == 1
    assert result.platform_post_id in fake.posts


def test_retry_resumes_a_half_built_carousel(fake, ctx, instagram, saved):
    files = [media("a.jpg", "https://m.test/a.jpg"), media("b.jpg", "https://m.test/b.jpg")]
    unavailable = graph_error(2, "Service temporarily unavailable", is_transient=True, status=503)
    fake.fail_next("POST", f"{IG_USER}/media", unavailable, after=1)
    with pytest.raises(Transient):
        instagram.publish(ctx, request(media=files))
    first_child = saved[-1]["children"][0]
    assert saved[-1] == {"children": [first_child]}

    result = instagram.publish(ctx, request(media=files, progress=dict(saved[-1])))
    creates = [c[2] for c in fake.calls("POST", f"{IG_USER}/media")]
    # a, b (refused), then on the retry only b and the parent.
    assert [c.get("image_url") for c in creates] == [
        "https://m.test/a.jpg",
        "https://m.test/b.jpg",
        "https://m.test/b.jpg",
        None,
    ]
    assert fake.posts[result.platform_post_id].children[0] == first_child


def test_publish_quota_is_a_rate_limit(fake, ctx, instagram):
    fake.publish_quota = 0
    with pytest.raises(RateLimited) as caught:
        instagram.publish(ctx, request())
    assert caught.value.retry_after >= 3600


def test_reply_and_first_comment_are_comments(fake, ctx, instagram):
    post = instagram.publish(ctx, request())
    first = instagram.comment(ctx, PublishRequest(text="Link in bio", idempotency_key="k2"), post)
    assert fake.comments[first.platform_post_id].media_id == post.platform_post_id
    assert fake.calls("POST", f"{post.platform_post_id}/comments")[0][2] == {"message": "Link in bio"}
    nested = instagram.reply(
        ctx, PublishRequest(text="More below", idempotency_key="k3"), ReplyTo(parent=first, root=post)
    )
    assert fake.comments[nested.platform_post_id].parent == first.platform_post_id
    assert fake.calls("POST", f"{first.platform_post_id}/replies")


def test_comments_cannot_carry_media(fake, mock, ctx, instagram):
    post = instagram.publish(ctx, request())
    before = mock.calls.call_count
    with pytest.raises(Invalid):
        instagram.comment(ctx, request("with a photo"), post)
    assert mock.calls.call_count == before


def test_delete_a_comment_and_refuse_media_delete_honestly(fake, ctx, instagram):
    post = instagram.publish(ctx, request())
    comment = instagram.comment(ctx, PublishRequest(text="oops", idempotency_key="k2"), post)
    instagram.delete(ctx, comment.platform_post_id)
    assert comment.platform_post_id not in fake.comments
    with pytest.raises(DeleteUnsupported, match="Instagram app") as caught:
        instagram.delete(ctx, post.platform_post_id)
    assert isinstance(caught.value, Invalid)
    assert not fake.posts[post.platform_post_id].deleted


@pytest.mark.parametrize(
    ("answer", "error_class"),
    [
        (graph_error(190, "Error validating access token: Session has expired", subcode=463), AuthRevoked),
        (graph_error(190, "The user has not authorized application", subcode=458), AuthRevoked),
        (graph_error(10, "(#10) Application does not have permission for this action"), PermissionMissing),
        (graph_error(200, "(#200) Permissions error"), PermissionMissing),
        (graph_error(4, "(#4) Application request limit reached"), RateLimited),
        (graph_error(1, "An unknown error occurred", status=500), Transient),
        (graph_error(100, "(#100) Invalid parameter"), Invalid),
    ],
)
def test_error_classes(fake, ctx, instagram, answer, error_class):
    fake.fail_next("POST", f"{IG_USER}/media", answer)
    with pytest.raises(error_class):
        instagram.publish(ctx, request())


def test_throttle_wait_from_business_use_case_usage(fake, ctx, instagram):
    headers = {"X-Business-Use-Case-Usage": business_usage(IG_USER, call_count=104, minutes=7)}
    fake.fail_next(
        "POST",
        f"{IG_USER}/media",
        graph_error(80002, "(#80002) Too many calls to this Instagram account", headers=headers),
    )
    with pytest.raises(RateLimited) as caught:
        instagram.publish(ctx, request())
    assert caught.value.retry_after == 7 * 60


def test_retired_graph_version_names_the_setting(fake, ctx, instagram):
    fake.retired.add("v25.0")
    with pytest.raises(meta.GraphVersionRetired, match="HERALDO_META_GRAPH_VERSION"):
        instagram.publish(ctx, request())


def test_deprecated_version_message_without_code_is_recognised(fake, ctx, instagram):
    fake.fail_next(
        "POST",
        f"{IG_USER}/media",
        graph_error(12, "(#12) Graph API version v17.0 is deprecated and no longer supported"),
    )
    with pytest.raises(meta.GraphVersionRetired, match="HERALDO_META_GRAPH_VERSION"):
        instagram.publish(ctx, request())


def test_metrics(fake, ctx, instagram):
    post = instagram.publish(ctx, request())
    (sample,) = instagram.fetch_metrics(ctx, [post.platform_post_id])
    assert (sample.impressions, sample.reach, sample.likes, sample.comments, sample.shares, sample.saves) == (
        300,
        250,
        30,
        4,
        2,
        5,
    )


def test_metrics_without_data_are_unknown_not_zero(fake, ctx, instagram):
    post = instagram.publish(ctx, request())
    fake.no_data.add(post.platform_post_id)
    (sample,) = instagram.fetch_metrics(ctx, [post.platform_post_id])
    assert sample.likes is None and sample.impressions is None
    fake.no_data.clear()
    fake.too_few_viewers.add(post.platform_post_id)
    (sample,) = instagram.fetch_metrics(ctx, [post.platform_post_id])
    assert sample.reach is None


def test_a_refused_metric_falls_back_to_one_metric_per_call(fake, ctx, instagram):
    post = instagram.publish(ctx, request())
    fake.metrics = ("views", "reach", "likes")  # the others were retired
    (sample,) = instagram.fetch_metrics(ctx, [post.platform_post_id])
    assert (sample.impressions, sample.reach, sample.likes, sample.saves) == (300, 250, 30, None)


def test_interactions_are_comments_and_replies_from_others(fake, ctx, instagram):
    post = instagram.publish(ctx, request())
    fan = fake.comments.setdefault("c1", Comment("c1", post.platform_post_id, "Where to buy?", "fan", fake.now))
    fake.comments["c2"] = Comment("c2", post.platform_post_id, "Link in bio", "heraldo", fake.now, parent="c1")
    fake.comments["c3"] = Comment("c3", post.platform_post_id, "Me too", "fan2", fake.now, parent="c1")
    fan.replies += ["c2", "c3"]
    found = instagram.fetch_interactions(ctx, fake.now - timedelta(hours=1))
    assert [(i.platform_id, i.kind, i.author_handle) for i in found] == [
        ("c1", "comment", "fan"),
        ("c3", "reply", "fan2"),
    ]
    assert instagram.fetch_interactions(ctx, fake.now + timedelta(hours=1)) == []


def test_find_published_matches_caption_and_time(fake, ctx, instagram):
    since = fake.now - timedelta(minutes=1)
    assert instagram.find_published(ctx, request(), since) is None
    post = instagram.publish(ctx, request())
    found = instagram.find_published(ctx, request(), since)
    assert found is not None and found.platform_post_id == post.platform_post_id
    assert instagram.find_published(ctx, request("another caption"), since) is None


def test_find_published_comment(fake, ctx, instagram):
    post = instagram.publish(ctx, request())
    comment = instagram.comment(ctx, PublishRequest(text="Link in bio", idempotency_key="k2"), post)
    req = PublishRequest(text="Link in bio", idempotency_key="k2", reply_to=ReplyTo(post, post))
    found = instagram.find_published(ctx, req, fake.now - timedelta(minutes=1))
    assert found is not None and found.platform_post_id == comment.platform_post_id


def test_a_follow_up_chain_nests_one_level_like_instagram(fake, ctx, instagram):
    post = instagram.publish(ctx, request())
    first = instagram.reply(ctx, PublishRequest(text="2/4", idempotency_key="k2"), ReplyTo(post, post))
    second = instagram.reply(ctx, PublishRequest(text="3/4", idempotency_key="k3"), ReplyTo(first, post))
    third = instagram.reply(ctx, PublishRequest(text="4/4", idempotency_key="k4"), ReplyTo(second, post))
    assert fake.comments[first.platform_post_id].parent is None
    assert fake.comments[second.platform_post_id].parent == first.platform_post_id
    # Replies to a reply go under the top-level comment: Instagram nests one level only.
    assert fake.comments[third.platform_post_id].parent == first.platform_post_id
    assert third.extra["post_id"] == post.platform_post_id


def test_a_recorded_comment_keeps_its_place_in_the_chain(fake, ctx, instagram, saved):
    post = instagram.publish(ctx, request())
    first = instagram.comment(ctx, PublishRequest(text="first", idempotency_key="k2"), post)
    again = instagram.comment(ctx, PublishRequest(text="first", idempotency_key="k2", progress=dict(saved[-1])), post)
    assert again.platform_post_id == first.platform_post_id and again.extra == first.extra
    assert len(fake.calls("POST", f"{post.platform_post_id}/comments")) == 1


# -- answering interactions ---------------------------------------------------------------------


def fan_thread(fake: FakeInstagram, media_id: str) -> tuple[Comment, Comment]:
    """A fan's comment on our media and another fan's reply to it."""
    question = Comment("c1", media_id, "Where to buy?", "fan", fake.now)
    follow_up = Comment("c3", media_id, "Me too", "fan2", fake.now, parent="c1")
    question.replies.append(follow_up.id)
    fake.comments.update({question.id: question, follow_up.id: follow_up})
    return question, follow_up


def reply_request(text: str, key: str = "r1") -> PublishRequest:
    return PublishRequest(text=text, idempotency_key=key)


def test_interactions_carry_the_kind_media_and_top_level_comment(fake, ctx, instagram):
    post = instagram.publish(ctx, request())
    question, follow_up = fan_thread(fake, post.platform_post_id)

    found = {i.platform_id: i for i in instagram.fetch_interactions(ctx, fake.now - timedelta(hours=1))}

    media_id = post.platform_post_id
    assert found[question.id].extra == {"kind": "comment", "post_id": media_id, "top_comment_id": question.id}
    assert found[follow_up.id].extra == {"kind": "comment", "post_id": media_id, "top_comment_id": question.id}


def test_reply_to_interaction_posts_to_the_comment_replies_edge(fake, ctx, instagram):
    post = instagram.publish(ctx, request())
    question, follow_up = fan_thread(fake, post.platform_post_id)
    found = {i.platform_id: i for i in instagram.fetch_interactions(ctx, fake.now - timedelta(hours=1))}

    def stored(comment: Comment) -> InteractionRef:
        sample = found[comment.id]
        return InteractionRef(sample.platform_id, sample.kind, json.loads(json.dumps(sample.extra)))

    answer = instagram.reply_to_interaction(ctx, reply_request("At our shop on Main St."), stored(question))

    (call,) = fake.calls("POST", f"{question.id}/replies")
    assert call[2] == {"message": "At our shop on Main St."}
    assert fake.comments[answer.platform_post_id].parent == question.id
    assert answer.extra["post_id"] == post.platform_post_id
    # Instagram nests one level: answering a reply goes under the comment it replies to.
    nested = instagram.reply_to_interaction(ctx, reply_request("Same shop!", "r2"), stored(follow_up))
    assert fake.comments[nested.platform_post_id].parent == question.id
    assert len(fake.calls("POST", f"{question.id}/replies")) == 2
    assert not fake.calls("POST", f"{post.platform_post_id}/comments")


@pytest.mark.parametrize(
    ("answer", "error_class"),
    [
        (graph_error(190, "Error validating access token: Session has expired", subcode=463), AuthRevoked),
        (graph_error(10, "(#10) Application does not have permission for this action"), PermissionMissing),
        (graph_error(4, "(#4) Application request limit reached"), RateLimited),
        (graph_error(2, "Service temporarily unavailable", is_transient=True), Transient),
    ],
)
def test_reply_to_interaction_errors_are_classified_like_publishing(fake, ctx, instagram, answer, error_class):
    post = instagram.publish(ctx, request())
    question, _ = fan_thread(fake, post.platform_post_id)
    fake.fail_next("POST", f"{question.id}/replies", answer)
    ref = InteractionRef(question.id, "comment", {"kind": "comment", "post_id": post.platform_post_id})
    with pytest.raises(error_class):
        instagram.reply_to_interaction(ctx, reply_request("Hi"), ref)
