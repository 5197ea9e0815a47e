"""Builders for test data, through the services (so tests exercise the same rules as the app)."""

import re
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from heraldo.core.clock import utcnow
from heraldo.core.security.crypto import SecretBox
from heraldo.core.security.scopes import Scope
from heraldo.inbox.models import Interaction
from heraldo.posts import service as posts_service
from heraldo.posts.models import Post, SocialAccount
from heraldo.publishing.platforms import Platform
from heraldo.workspaces import service as workspaces_service
from heraldo.workspaces.models import User, Workspace

TEST_SECRET = "test-secret-key-of-sufficient-length"
PASSWORD = "correct horse battery"


@dataclass
class Tenant:
    workspace: Workspace
    user: User
    key: str
    password: str = PASSWORD

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.key}"}

    @property
    def id(self) -> int:
        return self.workspace.id


def create_tenant(db: Session, name: str, *, timezone: str = "UTC", scopes: list[str] | None = None) -> Tenant:
    user, workspace = workspaces_service.create_owner(
        db=db,
        email=f"owner@{name.lower().replace(' ', '-')}.example",
        password=PASSWORD,
        workspace_name=name,
        timezone=timezone,
    )
    _, key = workspaces_service.create_api_key(
        db=db, workspace_id=workspace.id, name="tests", scopes=scopes or [Scope.ADMIN.value]
    )
    return Tenant(workspace=workspace, user=user, key=key)


def create_account(
    db: Session, workspace_id: int, handle: str = "acme", platform: Platform = Platform.SANDBOX, **kwargs
) -> SocialAccount:
    return posts_service.create_account(
        db=db,
        box=SecretBox(TEST_SECRET),
        workspace_id=workspace_id,
        platform=platform,
        handle=handle,
        **kwargs,
    )


def create_post(
    db: Session,
    workspace_id: int,
    account_ids: list[int],
    content: str = "Hello from the tests",
    scheduled_at: datetime | None = None,
    **kwargs,
) -> Post:
    return posts_service.create_post(
        db=db,
        workspace_id=workspace_id,
        content=content,
        account_ids=account_ids,
        scheduled_at=scheduled_at,
        default_timezone="UTC",
        **kwargs,
    )


CSRF_INPUT = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_from(html: str) -> str:
    match = CSRF_INPUT.search(html)
    assert match, "page has no CSRF field"
    return match.group(1)


def login(client, email: str, password: str = PASSWORD):
    """Sign in through the login form like a browser. Login starts a fresh session with a new CSRF token:
    read it from the next page (`csrf_from(client.get("/posts").text)`)."""
    token = csrf_from(client.get("/login").text)
    return client.post(
        "/login", data={"email": email, "password": password, "csrf_token": token}, follow_redirects=False
    )


def create_interaction(db: Session, account: SocialAccount, text: str = "Love this!", **fields) -> Interaction:
    """An inbox interaction on `account`, stored as given (no analysis: tests set the fields they check)."""
    values = {
        "workspace_id": account.workspace_id,
        "account_id": account.id,
        "platform": account.platform,
        "platform_id": f"c-{uuid.uuid4().hex[:12]}",
        "kind": "comment",
        "author_handle": "ana",
        "text": text,
        "received_at": utcnow(),
        **fields,
    }
    interaction = Interaction(**values)
    db.add(interaction)
    db.commit()
    return interaction
