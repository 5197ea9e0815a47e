"""A platform that lives in Heraldo's own database, so a fresh install can publish end to end."""

from dataclasses import replace
from datetime import datetime

from sqlalchemy import select, update

from heraldo.core.clock import utcnow
from heraldo.publishing.connectors.base import (
    Connector,
    ConnectorContext,
    InteractionRef,
    InteractionSample,
    MetricsSample,
    PublishRequest,
    PublishResult,
)
from heraldo.publishing.errors import Invalid
from heraldo.publishing.models import SandboxPublication
from heraldo.publishing.platforms import TEXT_LIMITS, Platform

# The largest value of the publications' integer primary key (32-bit on PostgreSQL).
MAX_PUBLICATION_ID = 2**31 - 1


class SandboxConnector(Connector):
    platform = Platform.SANDBOX.value
    text_limit = TEXT_LIMITS[Platform.SANDBOX]

    def _create(self, ctx: ConnectorContext, request: PublishRequest, in_reply_to: int | None) -> PublishResult:
        """Create the publication, or return the one this idempotency key already made (like Mastodon)."""
        existing = self._by_key(ctx, request.idempotency_key)
        if existing is not None:
            return self._result(existing)
        publication = SandboxPublication(
            workspace_id=ctx.account.workspace_id,
            account_id=ctx.account.id,
            idempotency_key=request.idempotency_key,
            in_reply_to_id=in_reply_to,
            text=request.text,
            media_count=len(request.media),
            published_at=utcnow(),
        )
        ctx.db.add(publication)
        ctx.db.flush()
        return self._result(publication)

    def _by_key(self, ctx: ConnectorContext, key: str) -> SandboxPublication | None:
        return ctx.db.scalar(select(SandboxPublication).where(SandboxPublication.idempotency_key == key))

    @staticmethod
    def _result(publication: SandboxPublication) -> PublishResult:
        return PublishResult(
            platform_post_id=str(publication.id),
            published_at=publication.published_at,
            url=f"/sandbox/{publication.account_id}/{publication.id}",
        )

    def publish(self, ctx: ConnectorContext, request: PublishRequest) -> PublishResult:
        if request.reply_to is None:
            return self._create(ctx, request, None)
        parent_id = request.reply_to.parent.platform_post_id
        parent = self._publication(ctx, parent_id)
        if parent is None:
            raise Invalid(f"the post {parent_id!r} to reply to does not exist")
        return self._create(ctx, request, parent.id)

    def reply_to_interaction(
        self, ctx: ConnectorContext, request: PublishRequest, interaction: InteractionRef
    ) -> PublishResult:
        """A new publication answering the interaction. Sandbox interactions (demo data) need not be
        sandbox publications: the answer is linked to one only when the id names one of this workspace."""
        publication = self._publication(ctx, interaction.platform_id)
        result = self._create(ctx, request, publication.id if publication else None)
        return replace(result, extra={**result.extra, "in_reply_to": interaction.platform_id})

    def _publication(self, ctx: ConnectorContext, platform_id: str) -> SandboxPublication | None:
        # Ids of other platforms (long snowflakes) do not fit the integer key: they name no publication.
        if not platform_id.isdigit() or int(platform_id) > MAX_PUBLICATION_ID:
            return None
        found = ctx.db.get(SandboxPublication, int(platform_id))
        return found if found is not None and found.workspace_id == ctx.account.workspace_id else None

    def delete(self, ctx: ConnectorContext, platform_post_id: str) -> None:
        ctx.db.execute(
            update(SandboxPublication)
            .where(
                SandboxPublication.id == int(platform_post_id),
                SandboxPublication.account_id == ctx.account.id,
            )
            .values(deleted_at=utcnow())
        )

    def fetch_metrics(self, ctx: ConnectorContext, platform_post_ids: list[str]) -> list[MetricsSample]:
        # The sandbox has no audience: it reports zero counts rather than invented ones.
        return [MetricsSample(platform_post_id=pid, likes=0, comments=0, shares=0) for pid in platform_post_ids]

    def fetch_interactions(self, ctx: ConnectorContext, since: datetime | None) -> list[InteractionSample]:
        return []

    def find_published(self, ctx: ConnectorContext, request: PublishRequest, since: datetime) -> PublishResult | None:
        existing = self._by_key(ctx, request.idempotency_key)
        return self._result(existing) if existing else None


connector = SandboxConnector()
