"""Dashboard pages of the posts domain: the Posts list and the Compose form."""

from datetime import datetime
from zoneinfo import available_timezones

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from heraldo.core.db import get_db
from heraldo.core.errors import HeraldoError
from heraldo.core.pagination import PageParams, make_page, page_params, paginate
from heraldo.core.security.scopes import Scope
from heraldo.posts import service
from heraldo.posts.models import AccountStatus, ContentType, SocialAccount, TargetStatus
from heraldo.posts.schemas import clean_hashtags
from heraldo.publishing import limits
from heraldo.publishing.platforms import Platform
from heraldo.web.rendering import render, viewer_timezone
from heraldo.workspaces.auth import Principal, check_csrf, require_scope
from heraldo.workspaces.models import User, Workspace

router = APIRouter(include_in_schema=False)

TIMEZONES = sorted(available_timezones())


@router.get("/posts", response_class=HTMLResponse)
def posts_page(
    request: Request,
    status: str | None = Query(None),
    platform: str | None = Query(None),
    created: str | None = None,
    params: PageParams = Depends(page_params),
    principal: Principal = Depends(require_scope(Scope.POSTS_READ)),
    db: Session = Depends(get_db),
):
    # Unknown filter values from a hand-edited URL are ignored rather than answered with an error page.
    status_filter = status if status in {s.value for s in TargetStatus} else None
    platform_filter = platform if platform in {p.value for p in Platform} else None
    query = service.posts_query(
        workspace_id=principal.workspace_id,
        status=TargetStatus(status_filter) if status_filter else None,
        platform=platform_filter,
    )
    items, total = paginate(db, query, params)
    return render(
        request,
        "posts.html",
        db=db,
        principal=principal,
        page=make_page(items, total, params),
        statuses=[s.value for s in TargetStatus],
        platforms=[p.value for p in Platform],
        status_filter=status_filter,
        platform_filter=platform_filter,
        counts=service.target_counts(db=db, workspace_id=principal.workspace_id),
        created=int(created) if created and created.isdigit() else None,
    )


def _compose_context(db: Session, principal: Principal) -> dict:
    accounts = db.scalars(
        select(SocialAccount)
        .where(SocialAccount.workspace_id == principal.workspace_id)
        .order_by(SocialAccount.platform, SocialAccount.handle)
    ).all()
    return {
        "accounts": accounts,
        "active_status": AccountStatus.ACTIVE.value,
        "limits": {a.id: limits.text_limit(a.platform) for a in accounts},
        "content_types": [c.value for c in ContentType],
        "timezones": TIMEZONES,
    }


@router.get("/compose", response_class=HTMLResponse)
def compose_page(
    request: Request,
    principal: Principal = Depends(require_scope(Scope.POSTS_WRITE)),
    db: Session = Depends(get_db),
):
    return render(
        request,
        "compose.html",
        db=db,
        principal=principal,
        form={},
        error=None,
        **_compose_context(db, principal),
    )


@router.post("/compose", response_class=HTMLResponse)
async def compose_submit(
    request: Request,
    principal: Principal = Depends(require_scope(Scope.POSTS_WRITE)),
    db: Session = Depends(get_db),
):
    form = await request.form()
    check_csrf(request, form.get("csrf_token"))
    user = db.get(User, principal.user_id) if principal.user_id else None
    workspace = db.get(Workspace, principal.workspace_id)
    values = {
        "content": str(form.get("content", "")),
        "hashtags": str(form.get("hashtags", "")),
        "content_type": str(form.get("content_type", "text")),
        "scheduled_at": str(form.get("scheduled_at", "")).strip(),
        "timezone": str(form.get("timezone", "")).strip() or viewer_timezone(user, workspace),
        "account_ids": [int(v) for v in form.getlist("account_ids") if str(v).isdigit()],
    }
    try:
        if not values["account_ids"]:
            raise HeraldoError("choose at least one account", field="account_ids")
        if values["content_type"] not in {c.value for c in ContentType}:
            raise HeraldoError("unknown content type", field="content_type")
        try:
            moment = datetime.fromisoformat(values["scheduled_at"]) if values["scheduled_at"] else None
        except ValueError:
            raise HeraldoError("not a date and time", field="scheduled_at") from None
        try:
            hashtags = clean_hashtags(values["hashtags"].replace(",", " ").split())
        except ValueError as exc:
            raise HeraldoError(str(exc), field="hashtags") from None
        post = service.create_post(
            db=db,
            workspace_id=principal.workspace_id,
            content=values["content"],
            content_type=values["content_type"],
            hashtags=hashtags,
            account_ids=values["account_ids"],
            scheduled_at=moment,
            timezone=values["timezone"],
            default_timezone=viewer_timezone(user, workspace),
            created_by_user_id=principal.user_id,
        )
    except HeraldoError as exc:
        db.rollback()
        return render(
            request,
            "compose.html",
            db=db,
            principal=principal,
            status_code=422,
            form=values,
            error=exc,
            **_compose_context(db, principal),
        )
    return RedirectResponse(f"/posts?created={post.id}", status_code=303)
