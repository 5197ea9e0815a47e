"""Path-id factories for the cross-workspace probe (tests/test_routes.py).

Every route path parameter that names a row (`post_id`, `account_id`, ...) needs a factory here that
creates such a row in a given workspace and returns its id. A new domain adds its own entries; the
probe fails for a route whose path parameter has no factory, so none is forgotten.
"""

import io
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.orm import Session

from heraldo.analytics.models import AnalyticsReport
from heraldo.core.clock import utcnow
from heraldo.core.security.crypto import SecretBox
from heraldo.core.settings import Settings
from heraldo.posts import service as posts_service
from heraldo.posts.media import LocalMediaStorage
from heraldo.publishing.models import OAuthState
from heraldo.scheduling import service as scheduling_service
from heraldo.workspaces import service as workspaces_service
from tests.factories import create_account, create_interaction, create_post

# The smallest valid PNG (1x1 transparent pixel).
PNG_1X1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)


@dataclass
class ProbeContext:
    db: Session
    settings: Settings
    workspace_id: int


Factory = Callable[[ProbeContext], int | str]


def _account(ctx: ProbeContext) -> int:
    return create_account(ctx.db, ctx.workspace_id, handle=f"probe_{uuid.uuid4().hex[:8]}").id


def _post(ctx: ProbeContext) -> int:
    account = create_account(ctx.db, ctx.workspace_id, handle=f"probe_{uuid.uuid4().hex[:8]}")
    return create_post(ctx.db, ctx.workspace_id, [account.id], content="probe").id


def _api_key(ctx: ProbeContext) -> int:
    api_key, _ = workspaces_service.create_api_key(
        db=ctx.db, workspace_id=ctx.workspace_id, name="probe", scopes=["posts:read"]
    )
    return api_key.id


def _media(ctx: ProbeContext) -> int:
    return posts_service.store_media(
        db=ctx.db,
        storage=LocalMediaStorage(ctx.settings.media_dir),
        workspace_id=ctx.workspace_id,
        filename="probe.png",
        content_type="image/png",
        stream=io.BytesIO(PNG_1X1),
        max_bytes=ctx.settings.max_upload_bytes,
    ).id


def _target(ctx: ProbeContext) -> int:
    account = create_account(ctx.db, ctx.workspace_id, handle=f"probe_{uuid.uuid4().hex[:8]}")
    post = create_post(
        ctx.db, ctx.workspace_id, [account.id], content="probe", scheduled_at=utcnow() + timedelta(days=1)
    )
    return post.targets[0].id


def _recurring_rule(ctx: ProbeContext) -> int:
    account = create_account(ctx.db, ctx.workspace_id, handle=f"probe_{uuid.uuid4().hex[:8]}")
    return scheduling_service.create_rule(
        db=ctx.db, workspace_id=ctx.workspace_id, cron="0 9 * * 1-5", content="probe", account_ids=[account.id]
    ).id


def _pending_connection(ctx: ProbeContext) -> str:
    """A Facebook Login waiting for the Page choice (`state` in /api/accounts/connect/pending/{state})."""
    now = utcnow()
    state = OAuthState(
        workspace_id=ctx.workspace_id,
        platform="facebook",
        state=f"probe-{uuid.uuid4().hex}",
        redirect_uri="https://heraldo.example/api/accounts/connect/facebook/callback",
        created_at=now,
        expires_at=now + timedelta(minutes=10),
        consumed_at=now,
        pending_encrypted=SecretBox(ctx.settings.secret_key).encrypt(
            {"user_token": "probe-user-token", "page_tokens": {"1234567890": "probe-page-token"}}
        ),
        choices=[
            {
                "id": "facebook:1234567890",
                "platform": "facebook",
                "platform_account_id": "1234567890",
                "name": "Probe Page",
                "handle": "probepage",
            }
        ],
    )
    ctx.db.add(state)
    ctx.db.commit()
    return state.state


def _report(ctx: ProbeContext) -> int:
    """A stored analytics report (built directly: the probe needs a row, not the aggregates)."""
    now = utcnow()
    report = AnalyticsReport(
        workspace_id=ctx.workspace_id,
        kind="custom",
        period_start=now - timedelta(days=7),
        period_end=now,
        timezone="UTC",
        data={},
        delivery_status="skipped",
    )
    ctx.db.add(report)
    ctx.db.commit()
    return report.id


def _interaction(ctx: ProbeContext) -> int:
    account = create_account(ctx.db, ctx.workspace_id, handle=f"probe_{uuid.uuid4().hex[:8]}")
    return create_interaction(ctx.db, account, text="Where is my order?", intent="question").id


PATH_ID_FACTORIES: dict[str, Factory] = {
    "account_id": _account,
    "post_id": _post,
    "key_id": _api_key,
    "media_id": _media,
    "target_id": _target,
    "rule_id": _recurring_rule,
    "state": _pending_connection,
    "report_id": _report,
    "interaction_id": _interaction,
}
