"""Dashboard pages of the analytics domain: a stored report, readable on screen and printable."""

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from heraldo.analytics import reports
from heraldo.core.db import get_db
from heraldo.core.security.scopes import Scope
from heraldo.web.rendering import render
from heraldo.workspaces.auth import Principal, require_scope

router = APIRouter(include_in_schema=False)


@router.get("/analytics/reports/{report_id}", response_class=HTMLResponse)
def report_page(
    request: Request,
    report_id: int,
    principal: Principal = Depends(require_scope(Scope.ANALYTICS_VIEW)),
    db: Session = Depends(get_db),
):
    report = reports.get_report(db, workspace_id=principal.workspace_id, report_id=report_id)
    data = report.data or {}
    return render(
        request,
        "report.html",
        db=db,
        principal=principal,
        report=report,
        data=data,
        headline=reports.headline(data),
        period_label=reports.period_label(report.period_start, report.period_end, report.timezone),
        weekdays=reports.WEEKDAYS,
    )
