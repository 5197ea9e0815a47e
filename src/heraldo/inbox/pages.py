"""GET /inbox: the dashboard's inbox of comments, mentions and messages, with their sentiment and intent.

The page is a shell: /static/js/inbox.js reads /api/inbox/* with the session cookie (and the CSRF token in a
header for writes), so the page and API clients see the same list, order and rules.
"""

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from heraldo.core.db import get_db
from heraldo.core.security.scopes import Scope
from heraldo.inbox.analysis.base import INTENTS, SENTIMENT_LABELS
from heraldo.inbox.models import Interaction
from heraldo.inbox.service import INTENT_LABELS
from heraldo.posts.models import SocialAccount
from heraldo.publishing.platforms import PLATFORM_NAMES, Platform
from heraldo.web.rendering import render
from heraldo.workspaces.auth import Principal, require_scope

router = APIRouter(include_in_schema=False)

PER_PAGE = 25


def _platforms(db: Session, workspace_id: int) -> list[dict]:
    """Platforms of the workspace's accounts and of interactions already stored, in the usual order."""
    found = set(db.scalars(select(SocialAccount.platform).where(SocialAccount.workspace_id == workspace_id)))
    found |= set(db.scalars(select(Interaction.platform).where(Interaction.workspace_id == workspace_id).distinct()))
    return [{"value": p.value, "name": PLATFORM_NAMES[p]} for p in Platform if p.value in found]


@router.get("/inbox", response_class=HTMLResponse)
def inbox_page(
    request: Request,
    principal: Principal = Depends(require_scope(Scope.CONVERSATIONS_VIEW)),
    db: Session = Depends(get_db),
):
    return render(
        request,
        "inbox.html",
        db=db,
        principal=principal,
        platforms=_platforms(db, principal.workspace_id),
        intents=[{"value": name, "label": INTENT_LABELS.get(name, name)} for name in INTENTS],
        sentiments=list(SENTIMENT_LABELS),
        can_reply=principal.can(Scope.POSTS_WRITE),
        inbox_config={
            "per_page": PER_PAGE,
            "platform_names": {p.value: name for p, name in PLATFORM_NAMES.items()},
            "intent_labels": INTENT_LABELS,
        },
    )
