"""Facebook Pages: feed posts, photos by public URL (several as unpublished photos attached to one post),
comments as follow-ups, counts and lifetime insights.

See PLATFORM_APIS.md sections 2 and 3. `platform_account_id` is the Page id and the token a Page token.
"""

import json
from datetime import datetime

from heraldo.core.clock import utcnow
from heraldo.core.logging import get_logger
from heraldo.publishing.connectors.base import (
    ConnectorContext,
    InteractionSample,
    MetricsSample,
    PublishRequest,
    PublishResult,
    ReplyTo,
    comment_interaction_extra,
)
from heraldo.publishing.connectors.meta import (
    GraphAPI,
    GraphVersionRetired,
    MetaConnector,
    aware,
    comment_extra,
    comment_target,
    fetch_insights,
    is_video,
    not_before,
    parse_time,
    require_public_urls,
    same_text,
    unix,
)
from heraldo.publishing.errors import Invalid, OutcomeUnknown, Transient
from heraldo.publishing.platforms import TEXT_LIMITS, Platform

log = get_logger(__name__)

COUNT_FIELDS = "shares,reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0)"
# Views replaced impressions in November 2025; names keep changing, so unknown ones are skipped, not fatal.
POST_INSIGHT_METRICS = ("post_media_view", "post_total_media_view_unique", "post_clicks")
COMMENT_FIELDS = "id,from,message,created_time,parent{id}"
RECENT_POSTS = 10


def post_url(post_id: str) -> str:
    return f"https://www.facebook.com/{post_id}"


class FacebookConnector(MetaConnector):
    platform = Platform.FACEBOOK.value
    text_limit = TEXT_LIMITS[Platform.FACEBOOK]
    product = "Facebook"
    credential_id_keys = ("page_id",)

    def publish(self, ctx: ConnectorContext, request: PublishRequest) -> PublishResult:
        if request.reply_to is not None:
            return self._comment(ctx, request, request.reply_to.parent)
        if any(is_video(media) for media in request.media):
            raise Invalid("publishing videos to Facebook Pages is not supported yet")
        urls = require_public_urls(request.media, self.product)
        done = self.already_published(request)
        if done is not None:
            return done
        with self.graph(ctx) as api:
            page = self.account_id(ctx)
            if not urls:
                body = api.post(f"{page}/feed", {"message": request.text})
                post_id = body.get("id")
            elif len(urls) == 1:
                body = api.post(f"{page}/photos", {"url": urls[0], "message": request.text})
                post_id = body.get("post_id") or body.get("id")
            else:
                post_id = self._multi_photo_post(ctx, api, request, page, urls)
        if not post_id:
            raise OutcomeUnknown("Facebook accepted the post but sent no id back")
        result = PublishResult(
            platform_post_id=str(post_id), published_at=utcnow(), url=post_url(str(post_id)), extra={"page_id": page}
        )
        self.record_published(ctx, request, result)
        return result

    def _multi_photo_post(
        self, ctx: ConnectorContext, api: GraphAPI, request: PublishRequest, page: str, urls: list[str]
    ) -> str | None:
        """Upload each photo unpublished (ids saved as they come), then one feed post that attaches them."""
        photos = [str(photo) for photo in request.progress.get("photos") or []][: len(urls)]
        for url in urls[len(photos) :]:
            try:
                body = api.post(f"{page}/photos", {"url": url, "published": "false"})
            except OutcomeUnknown as exc:
                # An unpublished photo is invisible: uploading it again is safe.
                raise Transient(f"{exc.message}; the photo is unpublished, so trying again is safe") from exc
            if not body.get("id"):
                raise Transient("Facebook accepted an unpublished photo but sent no id back")
            photos.append(str(body["id"]))
            request.progress["photos"] = list(photos)
            self.save(ctx, request)
        attached = json.dumps([{"media_fbid": photo} for photo in photos])
        return api.post(f"{page}/feed", {"message": request.text, "attached_media": attached}).get("id")

    def reply(self, ctx: ConnectorContext, request: PublishRequest, reply_to: ReplyTo) -> PublishResult:
        request.reply_to = reply_to
        return self._comment(ctx, request, reply_to.parent)

    def comment(self, ctx: ConnectorContext, request: PublishRequest, on: PublishResult) -> PublishResult:
        return self._comment(ctx, request, on)

    def _comment(self, ctx: ConnectorContext, request: PublishRequest, parent: PublishResult) -> PublishResult:
        """`POST /{object}/comments`: the object is a post, or a comment for a nested reply."""
        if len(request.media) > 1:
            raise Invalid("a Facebook comment can carry at most one image")
        if request.media and is_video(request.media[0]):
            raise Invalid("a Facebook comment cannot carry a video")
        urls = require_public_urls(request.media, self.product)
        done = self.already_published(request)
        if done is not None:
            return done
        data = {"message": request.text}
        if urls:
            data["attachment_url"] = urls[0]
        target, on_comment = comment_target(parent)
        with self.graph(ctx) as api:
            body = api.post(f"{target}/comments", data)
        if not body.get("id"):
            raise OutcomeUnknown("Facebook accepted the comment but sent no id back")
        result = PublishResult(
            platform_post_id=str(body["id"]),
            published_at=utcnow(),
            extra=comment_extra(parent, str(body["id"]), on_comment=on_comment, target=target),
        )
        self.record_published(ctx, request, result)
        return result

    def delete(self, ctx: ConnectorContext, platform_post_id: str) -> None:
        with self.graph(ctx) as api:
            body = api.delete(platform_post_id)
        if body.get("success") is False:
            raise Invalid(f"Facebook did not delete {platform_post_id}")

    def fetch_metrics(self, ctx: ConnectorContext, platform_post_ids: list[str]) -> list[MetricsSample]:
        samples = []
        with self.graph(ctx) as api:
            for post_id in platform_post_ids:
                body = api.get(post_id, {"fields": COUNT_FIELDS})
                try:
                    insights = fetch_insights(api, post_id, POST_INSIGHT_METRICS)
                except Invalid as exc:
                    if isinstance(exc, GraphVersionRetired):
                        raise
                    log.info("facebook post insights not available", post_id=post_id, reason=exc.message)
                    insights = {}
                samples.append(
                    MetricsSample(
                        platform_post_id=post_id,
                        likes=((body.get("reactions") or {}).get("summary") or {}).get("total_count"),
                        comments=((body.get("comments") or {}).get("summary") or {}).get("total_count"),
                        # Facebook leaves `shares` out when nobody shared the post.
                        shares=(body.get("shares") or {}).get("count", 0),
                        clicks=insights.get("post_clicks"),
                        impressions=insights.get("post_media_view"),
                        reach=insights.get("post_total_media_view_unique"),
                    )
                )
        return samples

    def fetch_interactions(self, ctx: ConnectorContext, since: datetime | None) -> list[InteractionSample]:
        """Comments by others on the Page's recent posts. `extra`: `kind` "comment", `post_id` and
        `top_comment_id`, so an answer is `POST /{top-level comment}/comments`."""
        found: list[InteractionSample] = []
        with self.graph(ctx) as api:
            page = self.account_id(ctx)
            posts = list(api.items(f"{page}/feed", {"fields": "id,created_time", "limit": RECENT_POSTS}, max_pages=1))
            params = {"filter": "stream", "order": "reverse_chronological", "fields": COMMENT_FIELDS}
            for post in posts:
                for comment in api.items(f"{post['id']}/comments", params, max_pages=2):
                    received = parse_time(comment.get("created_time"))
                    if received is None or (since is not None and received <= aware(since)):
                        break  # newest first
                    author = comment.get("from") or {}
                    if str(author.get("id")) == page:
                        continue
                    parent = (comment.get("parent") or {}).get("id")
                    found.append(
                        InteractionSample(
                            platform_id=str(comment["id"]),
                            kind="reply" if parent else "comment",
                            author_handle=str(author.get("id") or ""),
                            author_name=author.get("name"),
                            text=str(comment.get("message") or ""),
                            received_at=received,
                            in_reply_to_platform_post_id=str(post["id"]),
                            extra=comment_interaction_extra(
                                str(comment["id"]), post_id=str(post["id"]), parent_comment_id=parent and str(parent)
                            ),
                        )
                    )
        return found

    def find_published(self, ctx: ConnectorContext, request: PublishRequest, since: datetime) -> PublishResult | None:
        with self.graph(ctx) as api:
            page = self.account_id(ctx)
            if request.reply_to is not None:
                return self._find_comment(api, request, page, since)
            params = {"fields": "id,message,created_time,permalink_url", "limit": 25, "since": unix(since) - 300}
            for item in api.items(f"{page}/feed", params):
                published_at = parse_time(item.get("created_time"))
                if not_before(published_at, since) and same_text(request.text, item.get("message")):
                    post_id = str(item["id"])
                    return PublishResult(post_id, published_at, url=item.get("permalink_url") or post_url(post_id))
        return None

    def _find_comment(self, api: GraphAPI, request: PublishRequest, page: str, since: datetime) -> PublishResult | None:
        parent = request.reply_to.parent
        target, on_comment = comment_target(parent)
        params = {"filter": "toplevel", "order": "reverse_chronological", "fields": "id,message,created_time,from"}
        for item in api.items(f"{target}/comments", params):
            published_at = parse_time(item.get("created_time"))
            if (
                not_before(published_at, since)
                and str((item.get("from") or {}).get("id")) == page
                and same_text(request.text, item.get("message"))
            ):
                extra = comment_extra(parent, str(item["id"]), on_comment=on_comment, target=target)
                return PublishResult(str(item["id"]), published_at, extra=extra)
        return None


connector = FacebookConnector()
