"""Dashboard pages for connected accounts: the Accounts list with its connect buttons, and the choice of
Facebook Pages / Instagram accounts after a Facebook Login."""

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy.orm import Session

from heraldo.core.db import get_db
from heraldo.core.errors import HeraldoError
from heraldo.core.pagination import PageParams, make_page, page_params, paginate
from heraldo.core.security.crypto import SecretBox
from heraldo.core.security.scopes import Scope
from heraldo.core.settings import Settings
from heraldo.core.state import app_settings, secret_box
from heraldo.posts import service as posts_service
from heraldo.posts.models import AccountStatus, SocialAccount
from heraldo.publishing.connectors.http import client_for
from heraldo.publishing.oauth import service
from heraldo.web.rendering import render
from heraldo.workspaces.auth import Principal, check_csrf, require_scope

router = APIRouter(include_in_schema=False)

READ = require_scope(Scope.POSTS_READ)
WRITE = require_scope(Scope.POSTS_WRITE)

STATUS_LABELS = {
    AccountStatus.ACTIVE.value: "active",
    AccountStatus.NEEDS_RECONNECT.value: "needs reconnect",
    AccountStatus.DISABLED.value: "disabled",
}
# Badge colours the stylesheet already has: green, red, grey.
STATUS_CLASSES = {
    AccountStatus.ACTIVE.value: "status-published",
    AccountStatus.NEEDS_RECONNECT.value: "status-failed",
    AccountStatus.DISABLED.value: "status-cancelled",
}
# Button order on the page; Bluesky has its own form.
CONNECT_ORDER = ["x", "linkedin", "facebook", "threads", "instagram", "mastodon"]


def _row(account: SocialAccount, settings: Settings) -> dict:
    """What the page shows of an account: never its credentials, only whether there are any."""
    return {
        "id": account.id,
        "platform": account.platform,
        "handle": account.handle,
        "display_name": account.display_name,
        "instance_url": account.instance_url,
        "status": account.status,
        "status_label": STATUS_LABELS.get(account.status, account.status),
        "status_class": STATUS_CLASSES.get(account.status, ""),
        "status_reason": account.status_reason,
        "token_expires_at": account.token_expires_at,
        "last_checked_at": account.last_checked_at,
        "has_credentials": bool(account.credentials_encrypted),
        "is_demo": account.is_demo,
        "reconnect": service.reconnect_platform(account, settings),
    }


def _accounts_page(
    request: Request,
    *,
    db: Session,
    principal: Principal,
    settings: Settings,
    params: PageParams,
    status_code: int = 200,
    error: HeraldoError | None = None,
    form: dict | None = None,
):
    items, total = paginate(db, posts_service.accounts_query(workspace_id=principal.workspace_id), params)
    page = make_page([_row(a, settings) for a in items], total, params)
    providers = [
        {
            "platform": p,
            "label": service.PROVIDERS[p].label,
            "missing": service.missing_settings(settings, p),
        }
        for p in CONNECT_ORDER
    ]
    return render(
        request,
        "accounts.html",
        db=db,
        principal=principal,
        status_code=status_code,
        page=page,
        providers=providers,
        can_write=principal.can(Scope.POSTS_WRITE),
        flash=request.session.pop(service.FLASH_SESSION_KEY, None),
        error=error,
        form=form or {},
        public_url_missing=not settings.public_url,
    )


@router.get("/accounts", response_class=HTMLResponse)
def accounts_page(
    request: Request,
    params: PageParams = Depends(page_params),
    principal: Principal = Depends(READ),
    db: Session = Depends(get_db),
    settings: Settings = Depends(app_settings),
):
    return _accounts_page(request, db=db, principal=principal, settings=settings, params=params)


@router.post("/accounts/connect")
async def connect_submit(
    request: Request,
    principal: Principal = Depends(WRITE),
    db: Session = Depends(get_db),
    settings: Settings = Depends(app_settings),
    box: SecretBox = Depends(secret_box),
):
    """A connect button: off to the platform's consent page, or (Bluesky) logged in right here."""
    form = await request.form()
    check_csrf(request, form.get("csrf_token"))
    platform = str(form.get("platform", ""))
    # Echoed back on error; the app password never is.
    values = {
        "platform": platform,
        "instance_url": str(form.get("instance_url", "")).strip(),
        "handle": str(form.get("handle", "")).strip(),
        "pds_url": str(form.get("pds_url", "")).strip(),
    }
    try:
        with client_for(settings.http_timeout_seconds) as http:
            if platform == "bluesky":
                account = service.connect_bluesky(
                    db=db,
                    settings=settings,
                    box=box,
                    http=http,
                    workspace_id=principal.workspace_id,
                    handle=values["handle"],
                    app_password=str(form.get("app_password", "")),
                    pds_url=values["pds_url"] or None,
                )
                request.session[service.FLASH_SESSION_KEY] = {
                    "kind": "notice",
                    "message": f"Connected Bluesky @{account.handle}.",
                }
                return RedirectResponse("/accounts", status_code=303)
            url = service.start_authorization(
                db=db,
                settings=settings,
                box=box,
                workspace_id=principal.workspace_id,
                user_id=principal.user_id,
                platform=platform,
                instance_url=values["instance_url"] or None,
                base_url=str(request.base_url),
                http=http,
            )
    except HeraldoError as exc:
        db.rollback()
        return _accounts_page(
            request,
            db=db,
            principal=principal,
            settings=settings,
            params=PageParams(),
            status_code=exc.status_code if 400 <= exc.status_code < 600 else 400,
            error=exc,
            form=values,
        )
    return RedirectResponse(url, status_code=303)


@router.post("/accounts/{account_id}/refresh")
async def refresh_submit(
    request: Request,
    account_id: int,
    principal: Principal = Depends(WRITE),
    db: Session = Depends(get_db),
    settings: Settings = Depends(app_settings),
    box: SecretBox = Depends(secret_box),
):
    """ "Check now": refresh the token (or confirm a token without expiry still works)."""
    account = posts_service.get_account(db=db, workspace_id=principal.workspace_id, account_id=account_id)
    form = await request.form()
    check_csrf(request, form.get("csrf_token"))
    try:
        with client_for(settings.http_timeout_seconds) as http:
            service.refresh_now(db=db, settings=settings, box=box, http=http, account=account)
        flash = {"kind": "notice", "message": f"@{account.handle}: the connection works."}
    except HeraldoError as exc:
        db.rollback()
        flash = {"kind": "error", "message": f"@{account.handle}: {exc.message}"}
    request.session[service.FLASH_SESSION_KEY] = flash
    return RedirectResponse("/accounts", status_code=303)


@router.get("/accounts/select/{state}", response_class=HTMLResponse)
def select_page(
    request: Request,
    state: str,
    principal: Principal = Depends(WRITE),
    db: Session = Depends(get_db),
):
    row = service.get_pending(db=db, workspace_id=principal.workspace_id, state=state)
    return render(
        request,
        "accounts_select.html",
        db=db,
        principal=principal,
        state=row.state,
        expires_at=row.expires_at,
        choices=service.choices_of(row),
        error=None,
    )


@router.post("/accounts/select/{state}", response_class=HTMLResponse)
async def select_submit(
    request: Request,
    state: str,
    principal: Principal = Depends(WRITE),
    db: Session = Depends(get_db),
    settings: Settings = Depends(app_settings),
    box: SecretBox = Depends(secret_box),
):
    row = service.get_pending(db=db, workspace_id=principal.workspace_id, state=state)
    form = await request.form()
    check_csrf(request, form.get("csrf_token"))
    try:
        accounts = service.select_accounts(
            db=db,
            settings=settings,
            box=box,
            workspace_id=principal.workspace_id,
            state=state,
            choice_ids=[str(v) for v in form.getlist("choice_ids")],
        )
    except HeraldoError as exc:
        db.rollback()
        return render(
            request,
            "accounts_select.html",
            db=db,
            principal=principal,
            status_code=exc.status_code,
            state=row.state,
            expires_at=row.expires_at,
            choices=service.choices_of(row),
            error=exc,
        )
    names = ", ".join(f"{a.platform.capitalize()} @{a.handle}" for a in accounts)
    request.session[service.FLASH_SESSION_KEY] = {"kind": "notice", "message": f"Connected {names}."}
    return RedirectResponse("/accounts", status_code=303)
