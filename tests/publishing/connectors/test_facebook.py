"""Facebook Pages connector against a local fake of the Graph API (PLATFORM_APIS.md sections 2, 3 and 12)."""

import itertools
import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import httpx
import pytest
import respx

from heraldo.publishing.connectors import meta
from heraldo.publishing.connectors.base import InteractionRef, PublishRequest, ReplyTo
from heraldo.publishing.connectors.facebook import FacebookConnector
from heraldo.publishing.connectors.registry import get_connector
from heraldo.publishing.errors import AuthRevoked, Invalid, OutcomeUnknown, PermissionMissing, RateLimited, Transient
from heraldo.publishing.platforms import TEXT_LIMITS, Platform
from tests.publishing.connectors.fake_meta import (
    Answer,
    FakeGraph,
    business_usage,
    context,
    graph_error,
    media,
    meta_settings,
    timestamp,
    unsupported,
)

PAGE = "104000000000001"
TOKEN = "EAAG-page-token"
VISITOR = {"id": "555000111", "name": "Ada Visitor"}


@dataclass
class FeedPost:
    id: str
    message: str
    created: datetime
    photos: list[str] = field(default_factory=list)


@dataclass
class Comment:
    id: str
    object_id: str
    message: str
    author: dict
    created: datetime
    attachment_url: str | None = None


class FakeFacebook(FakeGraph):
    """A Page: `/feed` ids are `{page}_{post}`, unpublished photos attach to one feed post, comments on posts
    and on comments, `{"success": true}` deletes, counts with summaries, lifetime insights in which the
    retired `*impressions*` and `page_fans` names are error 100, and 506 for the same message twice."""

    insight_metrics = {"post_media_view": 900, "post_total_media_view_unique": 700, "post_clicks": 40}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.posts: dict[str, FeedPost] = {}
        self.photos: dict[str, dict] = {}
        self.comments: dict[str, Comment] = {}
        self.unreachable: set[str] = set()
        self._post_numbers = itertools.count(8000001)

    def serve(self, method: str, segments: list[str], params: dict[str, str]) -> Answer:
        head, edge = segments[0], segments[1] if len(segments) > 1 else None
        if method == "POST" and head == PAGE and edge == "feed":
            return self.feed_post(params)
        if method == "POST" and head == PAGE and edge == "photos":
            return self.photo(params)
        if method == "GET" and head == PAGE and edge == "feed":
            since = int(params.get("since") or 0)
            items = [
                {
                    "id": p.id,
                    "message": p.message,
                    "created_time": timestamp(p.created),
                    "permalink_url": f"https://www.facebook.com/{p.id}",
                }
                for p in sorted(self.posts.values(), key=lambda p: p.created, reverse=True)
                if p.created.timestamp() >= since
            ]
            return self.page(items, params)
        if method == "POST" and edge == "comments" and (head in self.posts or head in self.comments):
            if not params.get("message") and not params.get("attachment_url"):
                return graph_error(100, "(#100) Missing message or attachment")
            comment = Comment(self.new_id(), head, params.get("message", ""), {"id": PAGE, "name": "Heraldo"}, self.now)
            comment.attachment_url = params.get("attachment_url")
            self.comments[comment.id] = comment
            return httpx.Response(200, json={"id": comment.id})
        if method == "GET" and edge == "comments" and (head in self.posts or head in self.comments):
            return self.page([self.comment_view(c) for c in self.thread_of(head, params)], params)
        if method == "GET" and edge == "insights" and head in self.posts:
            return self.insights(params)
        if method == "GET" and edge is None and head in self.posts:
            count = sum(1 for c in self.comments.values() if c.object_id == head)
            return httpx.Response(
                200,
                json={
                    "id": head,
                    "shares": {"count": 3},
                    "reactions": {"data": [], "summary": {"total_count": 12, "viewer_reaction": "NONE"}},
                    "comments": {"data": [], "summary": {"order": "ranked", "total_count": count, "can_comment": True}},
                },
            )
        if method == "DELETE" and edge is None and (head in self.posts or head in self.comments):
            self.posts.pop(head, None)
            self.comments.pop(head, None)
            return httpx.Response(200, json={"success": True})
        return unsupported(method, head)

    def new_post(self, message: str, photos: list[str]) -> FeedPost:
        if message and any(p.message == message for p in self.posts.values()):
            raise DuplicateError
        post = FeedPost(f"{PAGE}_{next(self._post_numbers)}", message, self.now, photos)
        self.posts[post.id] = post
        return post

    def feed_post(self, params: dict[str, str]) -> Answer:
        photos: list[str] = []
        if params.get("attached_media"):
            try:
                attached = json.loads(params["attached_media"])
                photos = [str(item["media_fbid"]) for item in attached]
            except (ValueError, TypeError, KeyError):
                return graph_error(100, "(#100) param attached_media must be an array of objects with media_fbid")
            for photo in photos:
                if photo not in self.photos or self.photos[photo]["published"]:
                    return graph_error(100, f"(#100) attached_media {photo} is not an unpublished photo of this page")
        if not params.get("message") and not photos and not params.get("link"):
            return graph_error(100, "(#100) Missing message or attachment")
        try:
            post = self.new_post(params.get("message", ""), photos)
        except DuplicateError:
            return graph_error(506, "(#506) Duplicate status message", kind="OAuthException")
        for photo in photos:
            self.photos[photo]["post_id"] = post.id
        return httpx.Response(200, json={"id": post.id})

    def photo(self, params: dict[str, str]) -> Answer:
        url = params.get("url")
        if not url:
            return graph_error(324, "(#324) Requires upload file")
        if url in self.unreachable or not url.startswith("https://"):
            return graph_error(324, "(#324) Missing or invalid image file")
        photo_id = self.new_id()
        published = params.get("published", "true") != "false"
        self.photos[photo_id] = {"url": url, "published": published, "post_id": None}
        if not published:
            return httpx.Response(200, json={"id": photo_id})
        post = self.new_post(params.get("message", ""), [photo_id])
        self.photos[photo_id]["post_id"] = post.id
        return httpx.Response(200, json={"id": photo_id, "post_id": post.id})

    def thread_of(self, object_id: str, params: dict[str, str]) -> list[Comment]:
        found = [c for c in self.comments.values() if c.object_id == object_id]
        if params.get("filter") == "stream":
            found += [c for c in self.comments.values() if self.comments.get(c.object_id, None) in found]
        return sorted(found, key=lambda c: c.created, reverse=params.get("order") == "reverse_chronological")

    def comment_view(self, comment: Comment) -> dict:
        body = {
            "id": comment.id,
            "message": comment.message,
            "from": comment.author,
            "created_time": timestamp(comment.created),
        }
        if comment.object_id in self.comments:
            body["parent"] = {"id": comment.object_id}
        return body

    def insights(self, params: dict[str, str]) -> Answer:
        metrics = params.get("metric", "").split(",")
        if any(m not in self.insight_metrics for m in metrics):
            return graph_error(100, "(#100) The value must be a valid insights metric")
        data = [
            {"name": m, "period": "lifetime", "values": [{"value": self.insight_metrics[m]}], "title": m}
            for m in metrics
        ]
        return httpx.Response(200, json={"data": data})


class DuplicateError(Exception):
    pass


@pytest.fixture
def mock():
    with respx.mock(assert_all_called=False, assert_all_mocked=True) as router:
        yield router


@pytest.fixture
def fake(mock):
    return FakeFacebook(mock, base_url="https://graph.facebook.test", version="v25.0", token=TOKEN)


@pytest.fixture
def saved():
    return []


@pytest.fixture
def ctx(saved):
    with httpx.Client() as http:
        yield context(
            platform="facebook",
            account_id=PAGE,
            token=TOKEN,
            settings=meta_settings(),
            http=http,
            saved=saved,
            credentials={"page_id": PAGE},
        )


@pytest.fixture
def facebook():
    return FacebookConnector()


def request(text: str = "Open house on Friday", **kwargs) -> PublishRequest:
    return PublishRequest(text=text, idempotency_key="key-1", **kwargs)


def test_registry_and_text_limit():
    assert isinstance(get_connector("facebook"), FacebookConnector)
    assert FacebookConnector().text_limit == TEXT_LIMITS[Platform.FACEBOOK]


def test_text_post_on_the_feed(fake, mock, ctx, facebook):
    result = facebook.publish(ctx, request())
    assert result.platform_post_id.startswith(f"{PAGE}_")
    assert fake.posts[result.platform_post_id].message == "Open house on Friday"
    assert result.url == f"https://www.facebook.com/{result.platform_post_id}"
    (call,) = mock.calls
    assert call.request.url.path == f"/v25.0/{PAGE}/feed"
    assert call.request.headers["authorization"] == f"Bearer {TOKEN}"


def test_one_image_is_a_photo_post(fake, ctx, facebook):
    result = facebook.publish(ctx, request(media=[media()]))
    (call,) = fake.calls("POST", f"{PAGE}/photos")
    assert call[2] == {"url": "https://media.heraldo.test/p/1/photo.jpg", "message": "Open house on Friday"}
    assert fake.posts[result.platform_post_id].photos


def test_several_images_are_unpublished_photos_attached_to_one_post(fake, ctx, facebook, saved):
    files = [media("a.jpg", "https://m.test/a.jpg"), media("b.jpg", "https://m.test/b.jpg")]
    result = facebook.publish(ctx, request(media=files))
    uploads = fake.calls("POST", f"{PAGE}/photos")
    assert [u[2] for u in uploads] == [
        {"url": "https://m.test/a.jpg", "published": "false"},
        {"url": "https://m.test/b.jpg", "published": "false"},
    ]
    post = fake.posts[result.platform_post_id]
    assert post.photos == saved[1]["photos"] and len(post.photos) == 2
    (feed,) = fake.calls("POST", f"{PAGE}/feed")
    assert json.loads(feed[2]["attached_media"]) == [{"media_fbid": p} for p in post.photos]


def test_a_retry_reuses_the_uploaded_photos(fake, ctx, facebook, saved):
    files = [media("a.jpg", "https://m.test/a.jpg"), media("b.jpg", "https://m.test/b.jpg")]
    fake.fail_next("POST", f"{PAGE}/feed", graph_error(2, "Service temporarily unavailable", is_transient=True))
    with pytest.raises(Transient):
        facebook.publish(ctx, request(media=files))
    result = facebook.publish(ctx, request(media=files, progress=dict(saved[-1])))
    assert len(fake.calls("POST", f"{PAGE}/photos")) == 2
    assert fake.posts[result.platform_post_id].photos == saved[1]["photos"]


def test_a_retry_after_success_recorded_does_not_post_again(fake, ctx, facebook, saved):
    first = facebook.publish(ctx, request())
    again = facebook.publish(ctx, request(progress=dict(saved[-1])))
    assert again.platform_post_id == first.platform_post_id
    assert len(fake.calls("POST", f"{PAGE}/feed")) == 1


def test_media_without_a_public_url_fails_before_any_call(fake, mock, ctx, facebook):
    with pytest.raises(Invalid, match="HERALDO_PUBLIC_URL"):
        facebook.publish(ctx, request(media=[media(url=None)]))
    assert mock.calls.call_count == 0


def test_video_is_refused_before_any_call(fake, mock, ctx, facebook):
    with pytest.raises(Invalid, match="video"):
        facebook.publish(ctx, request(media=[media("clip.mp4", "https://m.test/clip.mp4")]))
    assert mock.calls.call_count == 0


def test_an_image_meta_cannot_fetch_is_invalid(fake, ctx, facebook):
    fake.unreachable.add("https://media.heraldo.test/p/1/photo.jpg")
    with pytest.raises(Invalid, match="invalid image file"):
        facebook.publish(ctx, request(media=[media()]))


def test_first_comment_and_nested_reply(fake, ctx, facebook):
    post = facebook.publish(ctx, request())
    first = facebook.comment(ctx, PublishRequest(text="Details: example.com", idempotency_key="k2"), post)
    assert fake.comments[first.platform_post_id].object_id == post.platform_post_id
    assert first.extra["kind"] == "comment"
    nested = facebook.reply(ctx, PublishRequest(text="And parking too", idempotency_key="k3"), ReplyTo(first, post))
    assert fake.comments[nested.platform_post_id].object_id == first.platform_post_id


def test_a_comment_can_carry_one_image(fake, ctx, facebook):
    post = facebook.publish(ctx, request())
    comment = facebook.comment(ctx, request("See the map", media=[media()]), post)
    assert fake.comments[comment.platform_post_id].attachment_url == "https://media.heraldo.test/p/1/photo.jpg"


def test_delete(fake, ctx, facebook):
    post = facebook.publish(ctx, request())
    facebook.delete(ctx, post.platform_post_id)
    assert post.platform_post_id not in fake.posts
    with pytest.raises(Invalid):
        facebook.delete(ctx, post.platform_post_id)


def test_the_same_message_twice_is_a_duplicate(fake, ctx, facebook):
    facebook.publish(ctx, request())
    with pytest.raises(Invalid, match="Duplicate status message"):
        facebook.publish(ctx, request())


@pytest.mark.parametrize(
    ("answer", "error_class"),
    [
        (
            graph_error(190, "Error validating access token: The user has changed the password", subcode=460),
            AuthRevoked,
        ),
        (graph_error(190, "Error validating access token: Session has expired", subcode=463), AuthRevoked),
        (graph_error(200, "(#200) Requires pages_manage_posts permission", status=403), PermissionMissing),
        (graph_error(10, "(#10) This endpoint requires the 'pages_read_engagement' permission"), PermissionMissing),
        (graph_error(32, "(#32) Page request limit reached"), RateLimited),
        (graph_error(17, "(#17) User request limit reached"), RateLimited),
        (graph_error(613, "Calls to this api have exceeded the rate limit."), RateLimited),
        (graph_error(341, "(#341) Application limit reached"), RateLimited),
        (graph_error(1, "An unknown error occurred", status=500), Transient),
        (graph_error(100, "(#100) Invalid parameter"), Invalid),
    ],
)
def test_error_classes(fake, ctx, facebook, answer, error_class):
    fake.fail_next("POST", f"{PAGE}/feed", answer)
    with pytest.raises(error_class):
        facebook.publish(ctx, request())


def test_page_throttle_waits_for_the_estimated_time(fake, ctx, facebook):
    headers = {
        "X-Business-Use-Case-Usage": business_usage(PAGE, call_count=100, minutes=25),
        "X-App-Usage": json.dumps({"call_count": 30, "total_cputime": 4, "total_time": 9}),
    }
    fake.fail_next("POST", f"{PAGE}/feed", graph_error(32, "(#32) Page request limit reached", headers=headers))
    with pytest.raises(RateLimited) as caught:
        facebook.publish(ctx, request())
    assert caught.value.retry_after == 25 * 60


def test_policy_block_backs_off_for_hours(fake, ctx, facebook):
    fake.fail_next(
        "POST",
        f"{PAGE}/feed",
        graph_error(368, "The action attempted has been deemed abusive or is otherwise disallowed"),
    )
    with pytest.raises(RateLimited) as caught:
        facebook.publish(ctx, request())
    assert caught.value.retry_after == meta.POLICY_BLOCK_WAIT_SECONDS


def test_retired_version_names_the_setting(fake, ctx, facebook):
    fake.retired.add("v25.0")
    with pytest.raises(meta.GraphVersionRetired, match="HERALDO_META_GRAPH_VERSION"):
        facebook.publish(ctx, request())


def test_an_expired_version_is_served_silently_and_still_works(fake, mock, facebook):
    fake.expired.add("v19.0")
    with httpx.Client() as http:
        ctx = context(
            platform="facebook",
            account_id=PAGE,
            token=TOKEN,
            settings=meta_settings(meta_graph_version="v19.0"),
            http=http,
        )
        result = facebook.publish(ctx, request())
    assert result.platform_post_id in fake.posts
    assert mock.calls.last.response.headers["facebook-api-version"] == fake.oldest_live
    assert ("upgraded", "Facebook", "v19.0") in meta._noted_versions


def test_metrics_counts_and_insights(fake, ctx, facebook):
    post = facebook.publish(ctx, request())
    facebook.comment(ctx, PublishRequest(text="first", idempotency_key="k2"), post)
    (sample,) = facebook.fetch_metrics(ctx, [post.platform_post_id])
    assert (sample.likes, sample.comments, sample.shares) == (12, 1, 3)
    assert (sample.impressions, sample.reach, sample.clicks) == (900, 700, 40)
    (counts,) = fake.calls("GET", post.platform_post_id)
    assert (
        counts[2]["fields"] == "shares,reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0)"
    )


def test_a_retired_insight_metric_is_skipped_not_fatal(fake, ctx, facebook):
    post = facebook.publish(ctx, request())
    fake.insight_metrics = {"post_media_view": 900}
    (sample,) = facebook.fetch_metrics(ctx, [post.platform_post_id])
    assert (sample.impressions, sample.reach, sample.clicks, sample.likes) == (900, None, None, 12)


def test_interactions_are_comments_from_others(fake, ctx, facebook):
    post = facebook.publish(ctx, request())
    facebook.comment(ctx, PublishRequest(text="our own", idempotency_key="k2"), post)
    visitor = Comment("77_1", post.platform_post_id, "What time?", VISITOR, fake.now + timedelta(seconds=1))
    fake.comments[visitor.id] = visitor
    old = Comment("77_0", post.platform_post_id, "Old", VISITOR, fake.now - timedelta(days=3))
    fake.comments[old.id] = old
    found = facebook.fetch_interactions(ctx, fake.now - timedelta(days=1))
    assert [(i.platform_id, i.kind, i.author_handle, i.author_name) for i in found] == [
        ("77_1", "comment", VISITOR["id"], "Ada Visitor")
    ]


def test_find_published_matches_message_and_time(fake, ctx, facebook):
    since = fake.now - timedelta(minutes=1)
    assert facebook.find_published(ctx, request(), since) is None
    post = facebook.publish(ctx, request())
    found = facebook.find_published(ctx, request(), since)
    assert found is not None and found.platform_post_id == post.platform_post_id
    assert facebook.find_published(ctx, request("Closed on Friday"), since) is None


def test_find_published_comment(fake, ctx, facebook):
    post = facebook.publish(ctx, request())
    comment = facebook.comment(ctx, PublishRequest(text="first!", idempotency_key="k2"), post)
    req = PublishRequest(text="first!", idempotency_key="k2", reply_to=ReplyTo(post, post))
    found = facebook.find_published(ctx, req, fake.now - timedelta(minutes=1))
    assert found is not None and found.platform_post_id == comment.platform_post_id


def test_a_reply_to_a_reply_goes_under_the_top_level_comment(fake, ctx, facebook):
    post = facebook.publish(ctx, request())
    first = facebook.comment(ctx, PublishRequest(text="a", idempotency_key="k2"), post)
    second = facebook.reply(ctx, PublishRequest(text="b", idempotency_key="k3"), ReplyTo(first, post))
    third = facebook.reply(ctx, PublishRequest(text="c", idempotency_key="k4"), ReplyTo(second, post))
    assert fake.comments[second.platform_post_id].object_id == first.platform_post_id
    assert fake.comments[third.platform_post_id].object_id == first.platform_post_id


def test_a_lost_unpublished_photo_answer_is_safe_to_retry(fake, ctx, facebook):
    files = [media("a.jpg", "https://m.test/a.jpg"), media("b.jpg", "https://m.test/b.jpg")]
    fake.lose_next_answer("POST", f"{PAGE}/photos")
    with pytest.raises(Transient):
        facebook.publish(ctx, request(media=files))


def test_a_lost_feed_answer_is_outcome_unknown(fake, ctx, facebook):
    fake.lose_next_answer("POST", f"{PAGE}/feed")
    with pytest.raises(OutcomeUnknown):
        facebook.publish(ctx, request())
    found = facebook.find_published(ctx, request(), fake.now - timedelta(minutes=1))
    assert found is not None and found.platform_post_id in fake.posts


# -- answering interactions ---------------------------------------------------------------------


def visitor_thread(fake: FakeFacebook, post_id: str) -> tuple[Comment, Comment]:
    """A visitor's comment on our post and another visitor's reply to it."""
    question = Comment("77_1", post_id, "What time?", VISITOR, fake.now + timedelta(seconds=1))
    bo = {"id": "555000222", "name": "Bo"}
    follow_up = Comment("77_2", question.id, "And parking?", bo, fake.now + timedelta(seconds=2))
    fake.comments[question.id] = question
    fake.comments[follow_up.id] = follow_up
    return question, follow_up


def test_interactions_carry_the_comment_thread_in_extra(fake, ctx, facebook):
    post = facebook.publish(ctx, request())
    question, follow_up = visitor_thread(fake, post.platform_post_id)

    found = {i.platform_id: i for i in facebook.fetch_interactions(ctx, fake.now - timedelta(days=1))}

    assert found[question.id].extra == {"kind": "comment", "post_id": post.platform_post_id, "top_comment_id": "77_1"}
    assert found[follow_up.id].kind == "reply"
    assert found[follow_up.id].extra == {
        "kind": "comment",
        "post_id": post.platform_post_id,
        "top_comment_id": question.id,
    }


def test_reply_to_interaction_comments_on_the_comment(fake, ctx, facebook):
    post = facebook.publish(ctx, request())
    question, follow_up = visitor_thread(fake, post.platform_post_id)
    found = {i.platform_id: i for i in facebook.fetch_interactions(ctx, fake.now - timedelta(days=1))}
    stored = json.loads(json.dumps(found[question.id].extra))

    answer = facebook.reply_to_interaction(
        ctx, PublishRequest(text="From 10 am!", idempotency_key="r1"), InteractionRef(question.id, "comment", stored)
    )

    (call,) = fake.calls("POST", f"{question.id}/comments")
    assert call[2] == {"message": "From 10 am!"}
    assert fake.comments[answer.platform_post_id].object_id == question.id
    # A reply to a reply goes under the top-level comment (comments nest one level).
    nested = facebook.reply_to_interaction(
        ctx,
        PublishRequest(text="Free parking behind", idempotency_key="r2"),
        InteractionRef(follow_up.id, "reply", json.loads(json.dumps(found[follow_up.id].extra))),
    )
    assert fake.comments[nested.platform_post_id].object_id == question.id
    assert nested.extra["post_id"] == post.platform_post_id


@pytest.mark.parametrize(
    ("answer", "error_class"),
    [
        (graph_error(190, "Error validating access token: Session has expired", subcode=463), AuthRevoked),
        (graph_error(200, "(#200) Requires pages_manage_engagement permission", status=403), PermissionMissing),
        (graph_error(32, "(#32) Page request limit reached"), RateLimited),
        (graph_error(100, "(#100) Object does not exist", subcode=33), Invalid),
    ],
)
def test_reply_to_interaction_errors_are_classified_like_publishing(fake, ctx, facebook, answer, error_class):
    post = facebook.publish(ctx, request())
    question, _ = visitor_thread(fake, post.platform_post_id)
    fake.fail_next("POST", f"{question.id}/comments", answer)
    ref = InteractionRef(question.id, "comment", {"kind": "comment", "post_id": post.platform_post_id})
    with pytest.raises(error_class):
        facebook.reply_to_interaction(ctx, PublishRequest(text="Hi", idempotency_key="r1"), ref)
