"""/api/accounts/connect/...: connecting accounts (OAuth, Meta Page choice, Bluesky) and manual refresh.

The start and callback routes exist once per platform (`/api/accounts/connect/x`, `.../x/callback`, ...)
rather than under a `{platform}` parameter: the platform is not a row of any workspace.
"""

from collections.abc import Callable
from datetime import datetime

import httpx
from fastapi import APIRouter, Body, Depends, Query, Request
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from heraldo.core.clock import utcnow
from heraldo.core.db import get_db
from heraldo.core.errors import HeraldoError
from heraldo.core.security.crypto import SecretBox
from heraldo.core.security.scopes import Scope, public
from heraldo.core.settings import Settings
from heraldo.core.state import app_settings, secret_box
from heraldo.posts import service as posts_service
from heraldo.posts.schemas import AccountOut, account_out
from heraldo.publishing.oauth import service
from heraldo.publishing.request_http import platform_http
from heraldo.workspaces.auth import Principal, require_scope, session_user

router = APIRouter(prefix="/api", tags=["accounts"])

WRITE = require_scope(Scope.POSTS_WRITE)
ACCOUNTS_PAGE = "/accounts"


# ---- schemas ------------------------------------------------------------------------------------------


class ConnectStart(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"instance_url": "mastodon.social"}]})

    instance_url: str | None = Field(None, max_length=255, description="Mastodon only: the account's instance")


class AuthorizeOut(BaseModel):
    authorize_url: str = Field(description="Send the user's browser here; the platform sends it back to the callback")
    expires_at: datetime


class BlueskyConnect(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"handle": "acme.bsky.social", "app_password": "abcd-efgh-ijkl-mnop"}]},
    )

    handle: str = Field(min_length=1, max_length=255)
    app_password: str = Field(
        min_length=1, max_length=255, description="Write-only: an app password, stored encrypted, never returned"
    )
    pds_url: str | None = Field(None, max_length=255, description="Only for accounts on a self-hosted PDS")


class ChoiceOut(BaseModel):
    id: str
    platform: str
    name: str
    handle: str
    page_name: str | None = None


class PendingOut(BaseModel):
    platform: str
    expires_at: datetime
    choices: list[ChoiceOut]


class SelectAccounts(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"choice_ids": ["facebook:1234567890"]}]})

    choice_ids: list[str] = Field(min_length=1, max_length=200, description="`id`s from the pending choices")


# ---- start and callback, once per platform --------------------------------------------------------------


def _start_endpoint(platform: str) -> Callable:
    def start(
        request: Request,
        body: ConnectStart | None = Body(None),
        principal: Principal = Depends(WRITE),
        db: Session = Depends(get_db),
        settings: Settings = Depends(app_settings),
        box: SecretBox = Depends(secret_box),
        http: httpx.Client = Depends(platform_http),
    ) -> AuthorizeOut:
        url = service.start_authorization(
            db=db,
            settings=settings,
            box=box,
            workspace_id=principal.workspace_id,
            user_id=principal.user_id,
            platform=platform,
            instance_url=body.instance_url if body else None,
            base_url=str(request.base_url),
            http=http,
        )
        return AuthorizeOut(authorize_url=url, expires_at=utcnow() + service.STATE_TTL)

    start.__name__ = f"connect_{platform}"
    return start


def _flash(request: Request, kind: str, message: str) -> RedirectResponse:
    request.session[service.FLASH_SESSION_KEY] = {"kind": kind, "message": message[:500]}
    return RedirectResponse(ACCOUNTS_PAGE, status_code=303)


def _callback_endpoint(platform: str) -> Callable:
    label = service.PROVIDERS[platform].label

    def callback(
        request: Request,
        state: str | None = Query(None, max_length=128),
        code: str | None = Query(None, max_length=2048),
        error: str | None = Query(None, max_length=200),
        error_description: str | None = Query(None, max_length=500),
        db: Session = Depends(get_db),
        settings: Settings = Depends(app_settings),
        box: SecretBox = Depends(secret_box),
        http: httpx.Client = Depends(platform_http),
    ) -> RedirectResponse:
        # The state names the workspace; a signed-in browser must also be in that workspace.
        signed_in = session_user(request, db)
        workspace_id = signed_in[2] if signed_in else None
        try:
            if not state:
                raise service.InvalidState(f"{label} sent no state back; start again from the Accounts page")
            if error:
                service.cancel_authorization(db=db, platform=platform, state=state, workspace_id=workspace_id)
                return _flash(request, "error", f"{label} was not connected: {error_description or error}")
            if not code:
                raise service.InvalidState(f"{label} sent no authorization code back; start again")
            result = service.complete_authorization(
                db=db,
                settings=settings,
                box=box,
                http=http,
                platform=platform,
                state=state,
                code=code,
                workspace_id=workspace_id,
            )
        except HeraldoError as exc:
            db.rollback()
            return _flash(request, "error", exc.message)
        if result.pending_state:
            return RedirectResponse(f"{ACCOUNTS_PAGE}/select/{result.pending_state}", status_code=303)
        names = ", ".join(f"@{a.handle}" for a in result.accounts)
        return _flash(request, "notice", f"Connected {label} {names}.")

    callback.__name__ = f"connect_{platform}_callback"
    return callback


for _platform, _provider in service.PROVIDERS.items():
    router.add_api_route(
        f"/accounts/connect/{_platform}",
        _start_endpoint(_platform),
        methods=["POST"],
        response_model=AuthorizeOut,
        summary=f"Start connecting a {_provider.label} account",
    )
    router.add_api_route(
        f"/accounts/connect/{_platform}/callback",
        _callback_endpoint(_platform),
        methods=["GET"],
        dependencies=[Depends(public)],
        response_class=RedirectResponse,
        status_code=303,
        summary=f"Where {_provider.label} sends the browser back (validates the state)",
    )


# ---- Meta Page choice ------------------------------------------------------------------------------------


@router.get("/accounts/connect/pending/{state}", response_model=PendingOut)
def pending_choices(state: str, principal: Principal = Depends(WRITE), db: Session = Depends(get_db)):
    row = service.get_pending(db=db, workspace_id=principal.workspace_id, state=state)
    return PendingOut(
        platform=row.platform,
        expires_at=row.expires_at,
        choices=[ChoiceOut.model_validate(choice) for choice in service.choices_of(row)],
    )


@router.post("/accounts/connect/pending/{state}/select", response_model=list[AccountOut], status_code=201)
def select_choices(
    state: str,
    body: SelectAccounts,
    principal: Principal = Depends(WRITE),
    db: Session = Depends(get_db),
    settings: Settings = Depends(app_settings),
    box: SecretBox = Depends(secret_box),
):
    accounts = service.select_accounts(
        db=db,
        settings=settings,
        box=box,
        workspace_id=principal.workspace_id,
        state=state,
        choice_ids=body.choice_ids,
    )
    return [account_out(a) for a in accounts]


# ---- Bluesky and manual refresh -----------------------------------------------------------------------------


@router.post("/accounts/connect/bluesky", response_model=AccountOut, status_code=201)
def connect_bluesky(
    body: BlueskyConnect,
    principal: Principal = Depends(WRITE),
    db: Session = Depends(get_db),
    settings: Settings = Depends(app_settings),
    box: SecretBox = Depends(secret_box),
    http: httpx.Client = Depends(platform_http),
):
    account = service.connect_bluesky(
        db=db,
        settings=settings,
        box=box,
        http=http,
        workspace_id=principal.workspace_id,
        handle=body.handle,
        app_password=body.app_password,
        pds_url=body.pds_url,
    )
    return account_out(account)


@router.post("/accounts/{account_id}/refresh", response_model=AccountOut)
def refresh_account(
    account_id: int,
    principal: Principal = Depends(WRITE),
    db: Session = Depends(get_db),
    settings: Settings = Depends(app_settings),
    box: SecretBox = Depends(secret_box),
    http: httpx.Client = Depends(platform_http),
):
    """Refresh the account's token now (or, where tokens never expire, check that it still works)."""
    account = posts_service.get_account(db=db, workspace_id=principal.workspace_id, account_id=account_id)
    service.refresh_now(db=db, settings=settings, box=box, http=http, account=account)
    return account_out(account)
