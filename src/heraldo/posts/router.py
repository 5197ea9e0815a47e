from datetime import datetime

from fastapi import APIRouter, Depends, File, Query, Response, UploadFile
from fastapi.responses import FileResponse
from sqlalchemy.orm import Session

from heraldo.core.clock import as_utc
from heraldo.core.db import get_db
from heraldo.core.pagination import Page, PageParams, make_page, page_params, paginate
from heraldo.core.security.crypto import SecretBox
from heraldo.core.security.scopes import Scope
from heraldo.core.settings import Settings
from heraldo.core.state import app_settings, secret_box
from heraldo.posts import service
from heraldo.posts.media import MediaStorage, media_storage
from heraldo.posts.models import AccountStatus, ContentType, TargetStatus
from heraldo.posts.schemas import (
    AccountCreate,
    AccountOut,
    AccountUpdate,
    MediaOut,
    PostCreate,
    PostOut,
    PostUpdate,
    account_out,
    post_out,
)
from heraldo.publishing.platforms import Platform
from heraldo.workspaces import service as workspaces_service
from heraldo.workspaces.auth import Principal, require_scope
from heraldo.workspaces.models import User

router = APIRouter(prefix="/api", tags=["posts"])

READ = require_scope(Scope.POSTS_READ)
WRITE = require_scope(Scope.POSTS_WRITE)


def default_timezone(principal: Principal, db: Session) -> str:
    """The zone a naive time is read in: the user's own, else the workspace's."""
    if principal.user_id:
        user = db.get(User, principal.user_id)
        if user and user.timezone:
            return user.timezone
    return workspaces_service.get_workspace(db=db, workspace_id=principal.workspace_id).timezone


# ---- accounts -------------------------------------------------------------------------------------


@router.get("/accounts", response_model=Page[AccountOut])
def list_accounts(
    platform: Platform | None = None,
    status: AccountStatus | None = None,
    params: PageParams = Depends(page_params),
    principal: Principal = Depends(READ),
    db: Session = Depends(get_db),
):
    query = service.accounts_query(
        workspace_id=principal.workspace_id,
        platform=platform.value if platform else None,
        status=status.value if status else None,
    )
    items, total = paginate(db, query, params)
    return make_page([account_out(a) for a in items], total, params)


@router.post("/accounts", response_model=AccountOut, status_code=201)
def create_account(
    body: AccountCreate,
    principal: Principal = Depends(WRITE),
    db: Session = Depends(get_db),
    box: SecretBox = Depends(secret_box),
):
    account = service.create_account(
        db=db,
        box=box,
        workspace_id=principal.workspace_id,
        platform=body.platform,
        handle=body.handle,
        display_name=body.display_name,
        credentials=body.credentials,
    )
    return account_out(account)


@router.get("/accounts/{account_id}", response_model=AccountOut)
def get_account(account_id: int, principal: Principal = Depends(READ), db: Session = Depends(get_db)):
    return account_out(service.get_account(db=db, workspace_id=principal.workspace_id, account_id=account_id))


@router.patch("/accounts/{account_id}", response_model=AccountOut)
def update_account(
    account_id: int,
    body: AccountUpdate,
    principal: Principal = Depends(WRITE),
    db: Session = Depends(get_db),
    box: SecretBox = Depends(secret_box),
):
    account = service.update_account(
        db=db,
        box=box,
        workspace_id=principal.workspace_id,
        account_id=account_id,
        display_name=body.display_name,
        status=body.status,
        credentials=body.credentials,
    )
    return account_out(account)


@router.delete("/accounts/{account_id}", status_code=204)
def delete_account(account_id: int, principal: Principal = Depends(WRITE), db: Session = Depends(get_db)):
    service.delete_account(db=db, workspace_id=principal.workspace_id, account_id=account_id)
    return Response(status_code=204)


# ---- posts ----------------------------------------------------------------------------------------


@router.get("/posts", response_model=Page[PostOut])
def list_posts(
    status: TargetStatus | None = Query(None, description="Posts with at least one target in this status"),
    platform: Platform | None = None,
    account_id: int | None = None,
    content_type: ContentType | None = None,
    start: datetime | None = Query(None, alias="from", description="Published or scheduled at or after"),
    end: datetime | None = Query(None, alias="to", description="Published or scheduled before"),
    q: str | None = Query(None, max_length=200, description="Text the content contains"),
    params: PageParams = Depends(page_params),
    principal: Principal = Depends(READ),
    db: Session = Depends(get_db),
):
    tz_name = default_timezone(principal, db)
    query = service.posts_query(
        workspace_id=principal.workspace_id,
        status=status,
        platform=platform.value if platform else None,
        account_id=account_id,
        content_type=content_type.value if content_type else None,
        start=as_utc(start, tz_name) if start else None,
        end=as_utc(end, tz_name) if end else None,
        search=q,
    )
    items, total = paginate(db, query, params)
    return make_page([post_out(p) for p in items], total, params)


@router.post("/posts", response_model=PostOut, status_code=201)
def create_post(body: PostCreate, principal: Principal = Depends(WRITE), db: Session = Depends(get_db)):
    post = service.create_post(
        db=db,
        workspace_id=principal.workspace_id,
        content=body.content,
        content_type=body.content_type.value,
        hashtags=body.hashtags,
        media_ids=body.media_ids,
        account_ids=body.account_ids,
        scheduled_at=body.scheduled_at,
        timezone=body.timezone,
        first_comment=body.first_comment,
        default_timezone=default_timezone(principal, db),
        created_by_user_id=principal.user_id,
    )
    return post_out(post)


@router.get("/posts/{post_id}", response_model=PostOut)
def get_post(post_id: int, principal: Principal = Depends(READ), db: Session = Depends(get_db)):
    return post_out(service.get_post(db=db, workspace_id=principal.workspace_id, post_id=post_id))


@router.patch("/posts/{post_id}", response_model=PostOut)
def update_post(post_id: int, body: PostUpdate, principal: Principal = Depends(WRITE), db: Session = Depends(get_db)):
    changes = body.model_dump(exclude_unset=True)
    if "content_type" in changes:
        changes["content_type"] = body.content_type.value
    post = service.update_post(
        db=db,
        workspace_id=principal.workspace_id,
        post_id=post_id,
        default_timezone=default_timezone(principal, db),
        changes=changes,
    )
    return post_out(post)


@router.delete("/posts/{post_id}", status_code=204)
def delete_post(post_id: int, principal: Principal = Depends(WRITE), db: Session = Depends(get_db)):
    service.delete_post(db=db, workspace_id=principal.workspace_id, post_id=post_id)
    return Response(status_code=204)


# ---- media ----------------------------------------------------------------------------------------


@router.get("/media", response_model=Page[MediaOut])
def list_media(
    params: PageParams = Depends(page_params),
    principal: Principal = Depends(READ),
    db: Session = Depends(get_db),
):
    items, total = paginate(db, service.media_query(workspace_id=principal.workspace_id), params)
    return make_page(items, total, params)


@router.post("/media", response_model=MediaOut, status_code=201)
def upload_media(
    file: UploadFile = File(..., description="An image or video"),
    principal: Principal = Depends(WRITE),
    db: Session = Depends(get_db),
    storage: MediaStorage = Depends(media_storage),
    settings: Settings = Depends(app_settings),
):
    return service.store_media(
        db=db,
        storage=storage,
        workspace_id=principal.workspace_id,
        filename=file.filename or "upload",
        content_type=file.content_type or "",
        stream=file.file,
        max_bytes=settings.max_upload_bytes,
        uploaded_by_user_id=principal.user_id,
    )


@router.get("/media/{media_id}", response_model=MediaOut)
def get_media(media_id: int, principal: Principal = Depends(READ), db: Session = Depends(get_db)):
    return service.get_media(db=db, workspace_id=principal.workspace_id, media_id=media_id)


@router.get("/media/{media_id}/file", response_class=FileResponse)
def download_media(
    media_id: int,
    principal: Principal = Depends(READ),
    db: Session = Depends(get_db),
    storage: MediaStorage = Depends(media_storage),
):
    asset = service.get_media(db=db, workspace_id=principal.workspace_id, media_id=media_id)
    return FileResponse(storage.path(asset.storage_key), media_type=asset.content_type, filename=asset.filename)


@router.delete("/media/{media_id}", status_code=204)
def delete_media(
    media_id: int,
    principal: Principal = Depends(WRITE),
    db: Session = Depends(get_db),
    storage: MediaStorage = Depends(media_storage),
):
    service.delete_media(db=db, storage=storage, workspace_id=principal.workspace_id, media_id=media_id)
    return Response(status_code=204)
