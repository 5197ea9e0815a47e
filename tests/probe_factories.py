"""Path-id factories for the cross-workspace probe (tests/test_routes.py).

Every route path parameter that names a row (`post_id`, `account_id`, ...) needs a factory here that
creates such a row in a given workspace and returns its id. A new domain adds its own entries; the
probe fails for a route whose path parameter has no factory, so none is forgotten.
"""

import io
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from heraldo.core.settings import Settings
from heraldo.posts import service as posts_service
from heraldo.posts.media import LocalMediaStorage
from heraldo.workspaces import service as workspaces_service
from tests.factories import create_account, create_post

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


Factory = Callable[[ProbeContext], int]


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


PATH_ID_FACTORIES: dict[str, Factory] = {
    "account_id": _account,
    "post_id": _post,
    "key_id": _api_key,
    "media_id": _media,
}
