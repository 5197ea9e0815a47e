from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from heraldo.core.db import get_db
from heraldo.core.pagination import Page, PageParams, make_page, page_params, paginate
from heraldo.core.security.scopes import Scope
from heraldo.workspaces import service
from heraldo.workspaces.auth import Principal, current_principal, require_scope
from heraldo.workspaces.schemas import (
    ApiKeyCreate,
    ApiKeyCreated,
    ApiKeyOut,
    MeOut,
    WorkspaceOut,
    WorkspaceUpdate,
)

router = APIRouter(prefix="/api", tags=["workspace"])


def any_principal(principal: Principal = Depends(current_principal)) -> Principal:
    """Any signed-in user or valid key: used where the caller only asks about itself."""
    return principal


any_principal.heraldo_scope = "authenticated"


@router.get("/me", response_model=MeOut)
def me(principal: Principal = Depends(any_principal), db: Session = Depends(get_db)):
    workspace = service.get_workspace(db=db, workspace_id=principal.workspace_id)
    return MeOut(
        workspace=WorkspaceOut.model_validate(workspace),
        scopes=sorted(principal.scopes),
        user_id=principal.user_id,
        api_key_id=principal.api_key_id,
        role=principal.role,
    )


@router.patch("/workspace", response_model=WorkspaceOut)
def update_workspace(
    body: WorkspaceUpdate,
    principal: Principal = Depends(require_scope(Scope.ADMIN)),
    db: Session = Depends(get_db),
):
    return service.update_workspace(db=db, workspace_id=principal.workspace_id, name=body.name, timezone=body.timezone)


@router.get("/keys", response_model=Page[ApiKeyOut])
def list_keys(
    params: PageParams = Depends(page_params),
    principal: Principal = Depends(require_scope(Scope.ADMIN)),
    db: Session = Depends(get_db),
):
    items, total = paginate(db, service.list_api_keys_query(workspace_id=principal.workspace_id), params)
    return make_page(items, total, params)


@router.post("/keys", response_model=ApiKeyCreated, status_code=201)
def create_key(
    body: ApiKeyCreate,
    principal: Principal = Depends(require_scope(Scope.ADMIN)),
    db: Session = Depends(get_db),
):
    api_key, secret = service.create_api_key(
        db=db,
        workspace_id=principal.workspace_id,
        name=body.name,
        scopes=[str(scope) for scope in body.scopes],
        created_by_user_id=principal.user_id,
    )
    return ApiKeyCreated(**ApiKeyOut.model_validate(api_key).model_dump(), key=secret)


@router.get("/keys/{key_id}", response_model=ApiKeyOut)
def get_key(key_id: int, principal: Principal = Depends(require_scope(Scope.ADMIN)), db: Session = Depends(get_db)):
    return service.get_api_key(db=db, workspace_id=principal.workspace_id, key_id=key_id)


@router.delete("/keys/{key_id}", response_model=ApiKeyOut)
def revoke_key(key_id: int, principal: Principal = Depends(require_scope(Scope.ADMIN)), db: Session = Depends(get_db)):
    """Revoke a key: it stops working at once and stays listed with its revocation time."""
    return service.revoke_api_key(db=db, workspace_id=principal.workspace_id, key_id=key_id)
