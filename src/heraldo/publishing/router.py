"""Publishing API: the live text count the composer shows for each chosen account."""

from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from heraldo.core.db import get_db
from heraldo.core.security.scopes import Scope
from heraldo.posts.schemas import MAX_CONTENT
from heraldo.publishing import limits
from heraldo.workspaces.auth import Principal, require_scope

router = APIRouter(prefix="/api/publishing", tags=["publishing"])

READ = require_scope(Scope.POSTS_READ)


class CountRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"text": "Spring menu is out 🌸 https://example.com/menu/spring-2026", "account_ids": [1]}]
        },
    )

    text: str = Field(max_length=MAX_CONTENT)
    account_ids: list[int] = Field(max_length=100)


class AccountTextCount(BaseModel):
    account_id: int
    platform: str
    handle: str
    length: int = Field(description="Length as the platform counts it (X: weighted, every URL 23)")
    limit: int
    remaining: int = Field(description="limit - length; negative when over")
    valid: bool = Field(description="Whether the platform would take this text")


@router.post("/count", response_model=list[AccountTextCount])
def count_text(body: CountRequest, principal: Principal = Depends(READ), db: Session = Depends(get_db)):
    """How long `text` is on each account's platform, counted the way that platform counts."""
    counted = limits.count_for_accounts(
        db=db, workspace_id=principal.workspace_id, text=body.text, account_ids=body.account_ids
    )
    return [
        AccountTextCount(
            account_id=account.id,
            platform=account.platform,
            handle=account.handle,
            length=text_count.length,
            limit=text_count.limit,
            remaining=text_count.remaining,
            valid=text_count.valid,
        )
        for account, text_count in counted
    ]
