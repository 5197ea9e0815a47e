"""Threads (Meta): two-step containers on graph.threads.net, reply chains with `reply_to_id`.

See PLATFORM_APIS.md sections 2 and 5. Media go by public URL; Meta downloads them itself.
"""

from datetime import datetime
from typing import Any

from heraldo.core.settings import Settings
from heraldo.publishing.connectors.base import (
    ROOT_ID,
    ConnectorContext,
    InteractionSample,
    MediaFile,
    MetricsSample,
    PublishRequest,
    PublishResult,
)
from heraldo.publishing.connectors.meta import (
    THREADS_VERSION_SETTING,
    ContainerConnector,
    GraphAPI,
    aware,
    fetch_insights,
    is_video,
    not_before,
    parse_time,
    require_public_urls,
    same_text,
    unix,
)
from heraldo.publishing.errors import Invalid
from heraldo.publishing.platforms import TEXT_LIMITS, Platform

INSIGHT_METRICS = ("views", "likes", "replies", "reposts", "quotes", "shares")
REPLY_FIELDS = "id,text,username,timestamp,replied_to,root_post,is_reply,hide_status"
RECENT_POSTS = 25


def _item_params(media: MediaFile, url: str) -> dict[str, Any]:
    if is_video(media):
        return {"media_type": "VIDEO", "video_url": url}
    return {"media_type": "IMAGE", "image_url": url}


class ThreadsConnector(ContainerConnector):
    platform = Platform.THREADS.value
    text_limit = TEXT_LIMITS[Platform.THREADS]
    product = "Threads"
    credential_id_keys = ("user_id",)
    version_setting = THREADS_VERSION_SETTING
    create_edge = "threads"
    publish_edge = "threads_publish"
    status_fields = "status,error_message"

    def endpoint(self, ctx: ConnectorContext, settings: Settings) -> tuple[str, str]:
        return settings.threads_base_url, settings.threads_api_version

    def container_state(self, body: dict[str, Any]) -> tuple[str, str | None]:
        return str(body.get("status") or ""), body.get("error_message")

    def publish(self, ctx: ConnectorContext, request: PublishRequest) -> PublishResult:
        urls = require_public_urls(request.media, self.product)
        common: dict[str, Any] = {"text": request.text}
        if request.reply_to is not None:
            # A thread is each post replying to our previous one.
            common["reply_to_id"] = request.reply_to.parent.platform_post_id
        children: list[dict[str, Any]] = []
        if not request.media:
            params = {"media_type": "TEXT", **common}
        elif len(request.media) == 1:
            params = {**_item_params(request.media[0], urls[0]), **common}
        else:
            children = [_item_params(media, url) for media, url in zip(request.media, urls, strict=True)]
            params = {"media_type": "CAROUSEL", **common}
        with self.graph(ctx) as api:
            return self.publish_with_containers(ctx, api, request, container_params=params, children_params=children)

    def delete(self, ctx: ConnectorContext, platform_post_id: str) -> None:
        with self.graph(ctx) as api:
            body = api.delete(platform_post_id)
        if body.get("success") is False:
            raise Invalid(f"Threads did not delete {platform_post_id}")

    def fetch_metrics(self, ctx: ConnectorContext, platform_post_ids: list[str]) -> list[MetricsSample]:
        samples = []
        with self.graph(ctx) as api:
            for post_id in platform_post_ids:
                values = fetch_insights(api, post_id, INSIGHT_METRICS)
                reposts, shares = values.get("reposts"), values.get("shares")
                samples.append(
                    MetricsSample(
                        platform_post_id=post_id,
                        likes=values.get("likes"),
                        comments=values.get("replies"),
                        # Reposts and shares both carry the post further; Threads counts them apart.
                        shares=None if reposts is None and shares is None else (reposts or 0) + (shares or 0),
                        quotes=values.get("quotes"),
                        impressions=values.get("views"),
                    )
                )
        return samples

    def fetch_interactions(self, ctx: ConnectorContext, since: datetime | None) -> list[InteractionSample]:
        """Replies by others, at any depth, under our recent posts. `extra`: `root_id`, the conversation's
        root post. Answering one is a reply container with `reply_to_id` = the reply's id."""
        own = ctx.account.handle.lstrip("@").lower()
        found: list[InteractionSample] = []
        with self.graph(ctx) as api:
            user = self.account_id(ctx)
            posts = list(api.items(f"{user}/threads", {"fields": "id,timestamp", "limit": RECENT_POSTS}, max_pages=1))
            for post in posts:
                for reply in api.items(f"{post['id']}/conversation", {"fields": REPLY_FIELDS}, max_pages=2):
                    received = parse_time(reply.get("timestamp"))
                    if received is None or (since is not None and received <= aware(since)):
                        continue
                    if str(reply.get("username") or "").lower() == own:
                        continue
                    # The conversation's root is our post; an answer's reply_to_id is the reply itself.
                    root = str((reply.get("root_post") or {}).get("id") or post["id"])
                    found.append(
                        InteractionSample(
                            platform_id=str(reply["id"]),
                            kind="reply",
                            author_handle=str(reply.get("username") or ""),
                            text=str(reply.get("text") or ""),
                            received_at=received,
                            in_reply_to_platform_post_id=str((reply.get("replied_to") or {}).get("id") or post["id"]),
                            extra={ROOT_ID: root} if root != str(reply["id"]) else {},
                        )
                    )
        return found

    def find_published_with(
        self, ctx: ConnectorContext, api: GraphAPI, request: PublishRequest, since: datetime
    ) -> PublishResult | None:
        user = self.account_id(ctx)
        if request.reply_to is not None:
            edge, fields = f"{user}/replies", "id,text,timestamp,permalink,replied_to"
        else:
            edge, fields = f"{user}/threads", "id,text,timestamp,permalink"
        params = {"fields": fields, "limit": 50, "since": unix(since) - 300}
        parent = request.reply_to.parent.platform_post_id if request.reply_to else None
        for item in api.items(edge, params):
            published_at = parse_time(item.get("timestamp"))
            if not not_before(published_at, since) or not same_text(request.text, item.get("text")):
                continue
            replied_to = (item.get("replied_to") or {}).get("id")
            if parent is not None and replied_to is not None and str(replied_to) != parent:
                continue
            return PublishResult(platform_post_id=str(item["id"]), published_at=published_at, url=item.get("permalink"))
        return None


connector = ThreadsConnector()
