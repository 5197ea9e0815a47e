"""The sandbox connector answering interactions: it lives in Heraldo's database, so these run on SQLite
and PostgreSQL like every database test."""

import pytest
from sqlalchemy import func, select

from heraldo.publishing.connectors.base import ConnectorContext, InteractionRef, PublishRequest
from heraldo.publishing.connectors.registry import get_connector
from heraldo.publishing.connectors.sandbox import SandboxConnector
from heraldo.publishing.models import SandboxPublication
from tests.factories import create_account, create_tenant

connector = SandboxConnector()


@pytest.fixture
def ctx(db) -> ConnectorContext:
    workspace = create_tenant(db, "Sandbox").workspace
    account = create_account(db, workspace.id, handle="bakery")
    return ConnectorContext(db=db, account=account, credentials={})


def other_workspace_ctx(db) -> ConnectorContext:
    workspace = create_tenant(db, "Elsewhere").workspace
    return ConnectorContext(db=db, account=create_account(db, workspace.id, handle="other"), credentials={})


def test_the_registry_connector_answers_interactions():
    assert isinstance(get_connector("sandbox"), SandboxConnector)


def test_answering_a_demo_interaction_publishes_a_reply_with_a_fresh_id(db, ctx):
    # Demo interactions are not sandbox publications: their ids name nothing in the sandbox.
    ref = InteractionRef("demo-comment-17", "comment", {})

    first = connector.reply_to_interaction(ctx, PublishRequest(text="Thanks!", idempotency_key="r1"), ref)
    second = connector.reply_to_interaction(ctx, PublishRequest(text="Welcome!", idempotency_key="r2"), ref)
    snowflake = InteractionRef("1850000000000000000", "mention", {})
    third = connector.reply_to_interaction(ctx, PublishRequest(text="Hi!", idempotency_key="r3"), snowflake)

    assert len({first.platform_post_id, second.platform_post_id, third.platform_post_id}) == 3
    stored = db.get(SandboxPublication, int(first.platform_post_id))
    assert (stored.text, stored.in_reply_to_id, stored.account_id) == ("Thanks!", None, ctx.account.id)
    assert first.extra == {"in_reply_to": "demo-comment-17"}
    assert first.url == f"/sandbox/{ctx.account.id}/{first.platform_post_id}"


def test_answering_a_sandbox_publication_links_the_reply_to_it(db, ctx):
    post = connector.publish(ctx, PublishRequest(text="Fresh bread today", idempotency_key="p1"))
    ref = InteractionRef(post.platform_post_id, "mention", {})

    answer = connector.reply_to_interaction(ctx, PublishRequest(text="From 7 am", idempotency_key="r1"), ref)

    assert db.get(SandboxPublication, int(answer.platform_post_id)).in_reply_to_id == int(post.platform_post_id)


def test_the_same_idempotency_key_answers_once(db, ctx):
    ref = InteractionRef("demo-1", "direct_message", {})
    request = PublishRequest(text="We deliver on Saturdays", idempotency_key="r1")

    first = connector.reply_to_interaction(ctx, request, ref)
    again = connector.reply_to_interaction(ctx, request, ref)

    assert again.platform_post_id == first.platform_post_id
    assert db.scalar(select(func.count()).select_from(SandboxPublication)) == 1


def test_a_publication_of_another_workspace_is_not_linked(db, ctx):
    theirs = connector.publish(other_workspace_ctx(db), PublishRequest(text="Theirs", idempotency_key="p1"))
    ref = InteractionRef(theirs.platform_post_id, "comment", {})

    answer = connector.reply_to_interaction(ctx, PublishRequest(text="Ours", idempotency_key="r1"), ref)

    assert db.get(SandboxPublication, int(answer.platform_post_id)).in_reply_to_id is None


def test_the_sandbox_fetches_no_interactions(ctx):
    assert connector.fetch_interactions(ctx, None) == []
