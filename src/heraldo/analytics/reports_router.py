"""API of stored analytics reports and of where the weekly report is delivered (Telegram)."""

from datetime import date, datetime
from typing import Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from heraldo.analytics import reports
from heraldo.analytics.models import AnalyticsReport
from heraldo.core.db import get_db
from heraldo.core.pagination import Page, PageParams, make_page, page_params, paginate
from heraldo.core.security.crypto import SecretBox
from heraldo.core.security.scopes import Scope
from heraldo.core.state import secret_box
from heraldo.workspaces.auth import Principal, require_scope

router = APIRouter(prefix="/api/analytics", tags=["analytics"])

VIEW = require_scope(Scope.ANALYTICS_VIEW)
ADMIN = require_scope(Scope.ADMIN)


class ReportSummaryOut(BaseModel):
    id: int
    kind: str
    period_start: datetime
    period_end: datetime
    timezone: str
    created_at: datetime
    delivery_status: str
    delivery_attempts: int
    delivery_error: str | None
    delivered_at: datetime | None
    next_delivery_at: datetime | None
    html_url: str


class ReportOut(ReportSummaryOut):
    data: dict[str, Any]


class GenerateReportIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"start": "2026-11-16", "end": "2026-11-22", "deliver": False}]}
    )

    start: date | None = Field(None, description="First day (workspace time zone); default 30 days before end")
    end: date | None = Field(None, description="Last day, inclusive; default today")
    deliver: bool = Field(False, description="Also send the summary to the workspace's Telegram chat")


class TelegramSettingsIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"chat_id": "-1001234567890", "bot_token": "123456:ABC-DEF_example"}]}
    )

    chat_id: str = Field(..., max_length=64, description="Numeric chat id (-100… for channels) or @channelusername")
    bot_token: str = Field(..., max_length=256, description="BotFather token; write-only, stored encrypted")


class TelegramSettingsOut(BaseModel):
    chat_id: str | None
    bot_token_set: bool
    weekly_report_enabled: bool


def _summary(report: AnalyticsReport) -> dict[str, Any]:
    return {
        "id": report.id,
        "kind": report.kind,
        "period_start": report.period_start,
        "period_end": report.period_end,
        "timezone": report.timezone,
        "created_at": report.created_at,
        "delivery_status": report.delivery_status,
        "delivery_attempts": report.delivery_attempts,
        "delivery_error": report.delivery_error,
        "delivered_at": report.delivered_at,
        "next_delivery_at": report.next_delivery_at,
        "html_url": f"/analytics/reports/{report.id}",
    }


@router.get("/reports", response_model=Page[ReportSummaryOut])
def list_reports(
    params: PageParams = Depends(page_params), principal: Principal = Depends(VIEW), db: Session = Depends(get_db)
):
    rows, total = paginate(db, reports.list_query(principal.workspace_id), params)
    return make_page([_summary(row) for row in rows], total, params)


@router.post("/reports/generate", response_model=ReportOut, status_code=201)
def generate_report(body: GenerateReportIn, principal: Principal = Depends(VIEW), db: Session = Depends(get_db)):
    report = reports.build_custom_report(
        db, principal.workspace_id, start=body.start, end=body.end, deliver=body.deliver
    )
    db.commit()
    return {**_summary(report), "data": report.data}


@router.get("/reports/{report_id}", response_model=ReportOut)
def get_report(report_id: int, principal: Principal = Depends(VIEW), db: Session = Depends(get_db)):
    report = reports.get_report(db, workspace_id=principal.workspace_id, report_id=report_id)
    return {**_summary(report), "data": report.data}


@router.put("/settings/telegram", response_model=TelegramSettingsOut)
def set_telegram(
    body: TelegramSettingsIn,
    principal: Principal = Depends(ADMIN),
    db: Session = Depends(get_db),
    box: SecretBox = Depends(secret_box),
):
    row = reports.set_telegram(
        db, box=box, workspace_id=principal.workspace_id, chat_id=body.chat_id, bot_token=body.bot_token
    )
    db.commit()
    return {
        "chat_id": row.telegram_chat_id,
        "bot_token_set": bool(row.telegram_bot_token_encrypted),
        "weekly_report_enabled": row.weekly_report_enabled,
    }
