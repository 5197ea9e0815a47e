"""Page-numbered lists: every list endpoint answers `{items, total, page, per_page, pages}`."""

from typing import Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

T = TypeVar("T")

MAX_PER_PAGE = 200


class PageParams(BaseModel):
    page: int = 1
    per_page: int = 50

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


def page_params(
    page: int = Query(1, ge=1, description="1-based page number"),
    per_page: int = Query(50, ge=1, le=MAX_PER_PAGE, description=f"Items per page (at most {MAX_PER_PAGE})"),
) -> PageParams:
    return PageParams(page=page, per_page=per_page)


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    page: int
    per_page: int
    pages: int


def paginate(db: Session, query: Select, params: PageParams) -> tuple[list, int]:
    """One page of `query`'s rows and the total count, both computed in SQL."""
    total = db.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    rows = db.scalars(query.limit(params.per_page).offset(params.offset)).all()
    return list(rows), total


def make_page(items: list, total: int, params: PageParams) -> dict:
    pages = (total + params.per_page - 1) // params.per_page
    return {"items": items, "total": total, "page": params.page, "per_page": params.per_page, "pages": pages}
