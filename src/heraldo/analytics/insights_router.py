"""Best times, insights and ROI under /api/analytics: parse, authorise, call the service, shape the answer."""

from datetime import date

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from heraldo.analytics import best_times, insights, roi
from heraldo.analytics.filters import analytics_filter, filter_params
from heraldo.core.db import get_db
from heraldo.core.security.scopes import Scope
from heraldo.workspaces.auth import Principal, require_scope

router = APIRouter(prefix="/api/analytics", tags=["analytics"])

VIEW = require_scope(Scope.ANALYTICS_VIEW)
ADMIN = require_scope(Scope.ADMIN)


class CostIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"start": "2026-01-01", "end": "2026-01-31", "amount": 300.0, "label": "ads"}]},
    )

    start: date
    end: date = Field(description="Last day of the cost, inclusive")
    amount: float = Field(ge=0)
    label: str = Field("", max_length=200)


class RoiSettingsIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "interaction_values": {"like": 0.05, "comment": 0.5, "share": 1.0, "click": 0.8},
                    "costs": [{"start": "2026-01-01", "end": "2026-01-31", "amount": 300.0, "label": "tools"}],
                    "currency": "EUR",
                }
            ]
        },
    )

    interaction_values: dict[str, float] = Field(default_factory=dict, description="Value of one interaction")
    costs: list[CostIn] = Field(default_factory=list)
    currency: str = Field("EUR", min_length=3, max_length=8)


@router.get("/optimal-times")
def optimal_times(
    params: dict = Depends(filter_params),
    limit: int = Query(5, ge=1, le=168, description="How many slots the ranking lists"),
    principal: Principal = Depends(VIEW),
    db: Session = Depends(get_db),
):
    f = analytics_filter(db, principal.workspace_id, **params)
    grid = best_times.optimal_times(db, f)
    body = grid.as_dict()
    body["ranking"] = body["cells"][:limit] if grid.enough_data else []
    return body


@router.get("/insights")
def list_insights(params: dict = Depends(filter_params), principal: Principal = Depends(VIEW), db=Depends(get_db)):
    f = analytics_filter(db, principal.workspace_id, **params)
    return {"items": insights.insights(db, f)}


@router.get("/roi")
def get_roi(params: dict = Depends(filter_params), principal: Principal = Depends(VIEW), db=Depends(get_db)):
    return roi.roi(db, analytics_filter(db, principal.workspace_id, **params))


@router.get("/settings/roi")
def get_roi_settings(principal: Principal = Depends(VIEW), db: Session = Depends(get_db)):
    return roi.get_settings(db=db, workspace_id=principal.workspace_id)


@router.put("/settings/roi")
def put_roi_settings(body: RoiSettingsIn, principal: Principal = Depends(ADMIN), db: Session = Depends(get_db)):
    costs = [roi.Cost(c.start, c.end, c.amount, c.label) for c in body.costs]
    return roi.update_settings(
        db=db,
        workspace_id=principal.workspace_id,
        interaction_values=body.interaction_values,
        costs=costs,
        currency=body.currency,
    )
