"""/api/inbox/*: the workspace's comments, replies, mentions and messages; answering, archiving, assigning."""

from datetime import datetime
from enum import StrEnum

import httpx
from fastapi import APIRouter, Depends, Query
from sqlalchemy.orm import Session

from heraldo.core.db import get_db
from heraldo.core.pagination import Page, PageParams, page_params
from heraldo.core.security.crypto import SecretBox
from heraldo.core.security.scopes import Scope
from heraldo.core.settings import Settings
from heraldo.core.state import app_settings, secret_box
from heraldo.inbox import replies, response_templates, service
from heraldo.inbox.models import Interaction, InteractionKind
from heraldo.inbox.schemas import (
    AssignIn,
    BulkArchiveIn,
    BulkArchiveOut,
    Intent,
    InteractionOut,
    Priority,
    ReplyOut,
    RespondIn,
    RespondOut,
    Sentiment,
)
from heraldo.publishing.platforms import Platform
from heraldo.publishing.request_http import platform_http
from heraldo.workspaces.auth import Principal, require_scope

router = APIRouter(prefix="/api/inbox", tags=["inbox"])

VIEW = require_scope(Scope.CONVERSATIONS_VIEW)
REPLY = require_scope(Scope.POSTS_WRITE)


class Either(StrEnum):
    TRUE = "true"
    FALSE = "false"
    ANY = "any"

    def value_or_none(self) -> bool | None:
        return None if self == Either.ANY else self == Either.TRUE


def inbox_filter(
    platform: Platform | None = Query(None),
    account_id: int | None = Query(None),
    kind: InteractionKind | None = Query(None),
    sentiment: Sentiment | None = Query(None),
    intent: Intent | None = Query(None),
    priority: Priority | None = Query(None),
    responded: Either = Query(Either.ANY, description="true, false or any"),
    archived: Either = Query(Either.FALSE, description="false (default: the open inbox), true or any"),
    assignee_user_id: int | None = Query(None),
    unassigned: bool = Query(False, description="Only interactions nobody is assigned to"),
    since: datetime | None = Query(None, description="Received at or after (ISO 8601; naive means UTC)"),
    until: datetime | None = Query(None, description="Received before"),
    q: str | None = Query(None, max_length=200, description="Text search in the text, handle and name"),
    order: service.InboxOrder = Query(service.InboxOrder.PRIORITY),
) -> service.InboxFilter:
    return service.InboxFilter(
        platform=platform.value if platform else None,
        account_id=account_id,
        kind=kind.value if kind else None,
        sentiment=sentiment.value if sentiment else None,
        intent=intent.value if intent else None,
        priority=priority.value if priority else None,
        responded=responded.value_or_none(),
        archived=archived.value_or_none(),
        assignee_user_id=assignee_user_id,
        unassigned=unassigned,
        since=since,
        until=until,
        q=q,
        order=order,
    )


def _out(db: Session, rows: list[Interaction], workspace_id: int) -> list[InteractionOut]:
    own = response_templates.own_templates(db=db, workspace_id=workspace_id)
    return [InteractionOut.of(row, response_templates.suggest(db=db, interaction=row, own=own)) for row in rows]


@router.get("/interactions", response_model=Page[InteractionOut])
def list_interactions(
    f: service.InboxFilter = Depends(inbox_filter),
    params: PageParams = Depends(page_params),
    principal: Principal = Depends(VIEW),
    db: Session = Depends(get_db),
):
    page = service.list_interactions(db=db, workspace_id=principal.workspace_id, f=f, params=params)
    page["items"] = _out(db, page["items"], principal.workspace_id)
    return page


@router.get("/interactions/{interaction_id}", response_model=InteractionOut)
def get_interaction(interaction_id: int, principal: Principal = Depends(VIEW), db: Session = Depends(get_db)):
    row = service.get_interaction(db=db, workspace_id=principal.workspace_id, interaction_id=interaction_id)
    return _out(db, [row], principal.workspace_id)[0]


@router.get("/interactions/{interaction_id}/replies", response_model=list[ReplyOut])
def interaction_replies(interaction_id: int, principal: Principal = Depends(VIEW), db: Session = Depends(get_db)):
    rows = service.replies_of(db=db, workspace_id=principal.workspace_id, interaction_id=interaction_id)
    return [ReplyOut.of(row) for row in rows]


@router.post("/interactions/{interaction_id}/respond", response_model=RespondOut)
def respond(
    interaction_id: int,
    body: RespondIn,
    principal: Principal = Depends(REPLY),
    db: Session = Depends(get_db),
    settings: Settings = Depends(app_settings),
    box: SecretBox = Depends(secret_box),
    http: httpx.Client = Depends(platform_http),
):
    """Send a reply on the platform, as an answer to this interaction; 4xx/5xx say why it did not go out."""
    reply = replies.respond(
        db=db,
        settings=settings,
        box=box,
        http=http,
        workspace_id=principal.workspace_id,
        interaction_id=interaction_id,
        text=body.text,
        user_id=principal.user_id,
    )
    row = service.get_interaction(db=db, workspace_id=principal.workspace_id, interaction_id=interaction_id)
    return {"interaction": _out(db, [row], principal.workspace_id)[0], "reply": ReplyOut.of(reply)}


@router.post("/interactions/{interaction_id}/archive", response_model=InteractionOut)
def archive(interaction_id: int, principal: Principal = Depends(VIEW), db: Session = Depends(get_db)):
    row = service.set_archived(db=db, workspace_id=principal.workspace_id, interaction_id=interaction_id, archived=True)
    return _out(db, [row], principal.workspace_id)[0]


@router.post("/interactions/{interaction_id}/unarchive", response_model=InteractionOut)
def unarchive(interaction_id: int, principal: Principal = Depends(VIEW), db: Session = Depends(get_db)):
    row = service.set_archived(
        db=db, workspace_id=principal.workspace_id, interaction_id=interaction_id, archived=False
    )
    return _out(db, [row], principal.workspace_id)[0]


@router.post("/interactions/{interaction_id}/assign", response_model=InteractionOut)
def assign(interaction_id: int, body: AssignIn, principal: Principal = Depends(VIEW), db: Session = Depends(get_db)):
    row = service.assign(
        db=db, workspace_id=principal.workspace_id, interaction_id=interaction_id, user_id=body.user_id
    )
    return _out(db, [row], principal.workspace_id)[0]


@router.post("/bulk-archive", response_model=BulkArchiveOut)
def bulk_archive(body: BulkArchiveIn, principal: Principal = Depends(VIEW), db: Session = Depends(get_db)):
    """Archive (or, with archived=false, unarchive) up to 500 interactions; all or none change."""
    changed = service.bulk_archive(
        db=db, workspace_id=principal.workspace_id, interaction_ids=body.ids, archived=body.archived
    )
    return {"changed": changed}


@router.get("/auto-replies", response_model=Page[ReplyOut])
def auto_replies(
    params: PageParams = Depends(page_params), principal: Principal = Depends(VIEW), db: Session = Depends(get_db)
):
    """The auto-reply log: every reply sent unattended, with the intent, confidence and threshold that allowed it."""
    page = service.auto_replies(db=db, workspace_id=principal.workspace_id, params=params)
    page["items"] = [ReplyOut.of(row) for row in page["items"]]
    return page
