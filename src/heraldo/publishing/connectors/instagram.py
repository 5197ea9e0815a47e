"""Instagram professional accounts: media containers (single, carousel, reels), comments as follow-ups.

See PLATFORM_APIS.md sections 2 and 4. Accounts connected with Instagram Login live on graph.instagram.com;
those connected through Facebook Login (credentials `{"login": "facebook"}`) on graph.facebook.com. Both
use the Graph version from settings. Instagram has no reply chains: a reply or first comment is a comment.
"""

from datetime import datetime
from typing import Any

from heraldo.core.clock import utcnow
from heraldo.core.settings import Settings
from heraldo.publishing.connectors.base import (
    ConnectorContext,
    InteractionSample,
    MediaFile,
    MetricsSample,
    PublishRequest,
    PublishResult,
    ReplyTo,
    comment_interaction_extra,
)
from heraldo.publishing.connectors.meta import (
    ContainerConnector,
    GraphAPI,
    GraphVersionRetired,
    aware,
    comment_extra,
    comment_target,
    fetch_insights,
    is_video,
    not_before,
    not_enough_data,
    parse_time,
    require_public_urls,
    same_text,
)
from heraldo.publishing.errors import Invalid, OutcomeUnknown, PermissionMissing
from heraldo.publishing.platforms import TEXT_LIMITS, Platform

INSIGHT_METRICS = ("views", "reach", "likes", "comments", "shares", "saved", "total_interactions")
COMMENT_FIELDS = "id,text,username,timestamp,replies{id,text,username,timestamp}"
RECENT_MEDIA = 25


class DeleteUnsupported(Invalid):
    """The platform does not let apps delete this object: a person must do it in the app."""


def _item_params(media: MediaFile, url: str, *, in_carousel: bool) -> dict[str, Any]:
    if is_video(media):
        # Carousel items are VIDEO; a video on its own is published as a reel (VIDEO is deprecated there).
        return {"media_type": "VIDEO" if in_carousel else "REELS", "video_url": url}
    return {"image_url": url}


class InstagramConnector(ContainerConnector):
    platform = Platform.INSTAGRAM.value
    text_limit = TEXT_LIMITS[Platform.INSTAGRAM]
    product = "Instagram"
    credential_id_keys = ("ig_user_id",)
    create_edge = "media"
    publish_edge = "media_publish"
    status_fields = "status_code,status"

    def endpoint(self, ctx: ConnectorContext, settings: Settings) -> tuple[str, str]:
        login = str((ctx.credentials or {}).get("login") or "instagram").lower()
        host = settings.meta_graph_base_url if login.startswith("facebook") else settings.instagram_base_url
        return host, settings.meta_graph_version

    def container_state(self, body: dict[str, Any]) -> tuple[str, str | None]:
        return str(body.get("status_code") or ""), body.get("status")

    def publish(self, ctx: ConnectorContext, request: PublishRequest) -> PublishResult:
        if request.reply_to is not None:
            return self._comment(ctx, request, request.reply_to.parent)
        if not request.media:
            raise Invalid("an Instagram post needs at least one image or video")
        urls = require_public_urls(request.media, self.product)
        children: list[dict[str, Any]] = []
        if len(request.media) == 1:
            params = {**_item_params(request.media[0], urls[0], in_carousel=False), "caption": request.text}
        else:
            children = [
                _item_params(media, url, in_carousel=True) for media, url in zip(request.media, urls, strict=True)
            ]
            params = {"media_type": "CAROUSEL", "caption": request.text}
        with self.graph(ctx) as api:
            return self.publish_with_containers(ctx, api, request, container_params=params, children_params=children)

    def reply(self, ctx: ConnectorContext, request: PublishRequest, reply_to: ReplyTo) -> PublishResult:
        request.reply_to = reply_to
        return self._comment(ctx, request, reply_to.parent)

    def comment(self, ctx: ConnectorContext, request: PublishRequest, on: PublishResult) -> PublishResult:
        return self._comment(ctx, request, on)

    def _comment(self, ctx: ConnectorContext, request: PublishRequest, parent: PublishResult) -> PublishResult:
        """A comment on our media (`/{media}/comments`), or a reply to a comment (`/{comment}/replies`)."""
        if request.media:
            raise Invalid("Instagram comments cannot carry images or videos")
        done = self.already_published(request)
        if done is not None:
            return done
        target, on_comment = comment_target(parent)
        with self.graph(ctx) as api:
            body = api.post(f"{target}/{'replies' if on_comment else 'comments'}", {"message": request.text})
        if not body.get("id"):
            raise OutcomeUnknown("Instagram accepted the comment but sent no id back")
        result = PublishResult(
            platform_post_id=str(body["id"]),
            published_at=utcnow(),
            extra=comment_extra(parent, str(body["id"]), on_comment=on_comment, target=target),
        )
        self.record_published(ctx, request, result)
        return result

    def delete(self, ctx: ConnectorContext, platform_post_id: str) -> None:
        with self.graph(ctx) as api:
            try:
                body = api.delete(platform_post_id)
            except Invalid as exc:
                if isinstance(exc, GraphVersionRetired):
                    raise
                raise DeleteUnsupported(
                    f"Instagram refused to delete {platform_post_id}: apps can always delete comments, but deleting "
                    "published media is not supported for every account and API version. Delete it in the "
                    f"Instagram app. Instagram said: {exc.message}"
                ) from exc
        if body.get("success") is False:
            raise DeleteUnsupported(f"Instagram did not delete {platform_post_id}; delete it in the Instagram app")

    def fetch_metrics(self, ctx: ConnectorContext, platform_post_ids: list[str]) -> list[MetricsSample]:
        samples = []
        with self.graph(ctx) as api:
            for media_id in platform_post_ids:
                try:
                    values = fetch_insights(api, media_id, INSIGHT_METRICS)
                except PermissionMissing as exc:
                    if not not_enough_data(exc):
                        raise
                    values = {}
                # No data is an empty array, not zeros: leave the counts unknown.
                samples.append(
                    MetricsSample(
                        platform_post_id=media_id,
                        likes=values.get("likes"),
                        comments=values.get("comments"),
                        shares=values.get("shares"),
                        saves=values.get("saved"),
                        impressions=values.get("views"),
                        reach=values.get("reach"),
                    )
                )
        return samples

    def fetch_interactions(self, ctx: ConnectorContext, since: datetime | None) -> list[InteractionSample]:
        """Comments and replies by others on our recent media. `extra`: `kind` "comment", `post_id` (the
        media id) and `top_comment_id`, so an answer is `POST /{top-level comment}/replies` (Instagram
        nests one level: answering a reply goes under the comment it replies to)."""
        own = ctx.account.handle.lstrip("@").lower()
        found: list[InteractionSample] = []
        with self.graph(ctx) as api:
            user = self.account_id(ctx)
            recent = api.items(f"{user}/media", {"fields": "id,timestamp", "limit": RECENT_MEDIA}, max_pages=1)
            for media in list(recent):
                for comment in api.items(f"{media['id']}/comments", {"fields": COMMENT_FIELDS}, max_pages=2):
                    entries = [(comment, "comment")]
                    entries += [(reply, "reply") for reply in (comment.get("replies") or {}).get("data") or []]
                    for entry, kind in entries:
                        top = None if kind == "comment" else str(comment["id"])
                        received = parse_time(entry.get("timestamp"))
                        if received is None or (since is not None and received <= aware(since)):
                            continue
                        if str(entry.get("username") or "").lower() == own:
                            continue
                        found.append(
                            InteractionSample(
                                platform_id=str(entry["id"]),
                                kind=kind,
                                author_handle=str(entry.get("username") or ""),
                                text=str(entry.get("text") or ""),
                                received_at=received,
                                in_reply_to_platform_post_id=str(media["id"]),
                                extra=comment_interaction_extra(
                                    str(entry["id"]), post_id=str(media["id"]), parent_comment_id=top
                                ),
                            )
                        )
        return found

    def find_published_with(
        self, ctx: ConnectorContext, api: GraphAPI, request: PublishRequest, since: datetime
    ) -> PublishResult | None:
        if request.reply_to is not None:
            return self._find_comment(ctx, api, request, since)
        user = self.account_id(ctx)
        for item in api.items(f"{user}/media", {"fields": "id,caption,timestamp,permalink", "limit": RECENT_MEDIA}):
            published_at = parse_time(item.get("timestamp"))
            if not not_before(published_at, since):
                # Newest first: everything after this is older still.
                return None
            if same_text(request.text, item.get("caption")):
                return PublishResult(str(item["id"]), published_at, url=item.get("permalink"))
        return None

    def _find_comment(
        self, ctx: ConnectorContext, api: GraphAPI, request: PublishRequest, since: datetime
    ) -> PublishResult | None:
        parent = request.reply_to.parent
        own = ctx.account.handle.lstrip("@").lower()
        target, on_comment = comment_target(parent)
        edge = f"{target}/{'replies' if on_comment else 'comments'}"
        for item in api.items(edge, {"fields": "id,text,username,timestamp"}):
            published_at = parse_time(item.get("timestamp"))
            if (
                not_before(published_at, since)
                and str(item.get("username") or "").lower() == own
                and same_text(request.text, item.get("text"))
            ):
                extra = comment_extra(parent, str(item["id"]), on_comment=on_comment, target=target)
                return PublishResult(str(item["id"]), published_at, extra=extra)
        return None


connector = InstagramConnector()
