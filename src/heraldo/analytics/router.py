"""/api/analytics/*: dashboards, series, rankings and CSV exports for the caller's workspace."""

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import StreamingResponse
from sqlalchemy.orm import Session

from heraldo.analytics import export as analytics_export
from heraldo.analytics import service
from heraldo.analytics.filters import AnalyticsFilter, analytics_filter, filter_params
from heraldo.analytics.schemas import (
    ContentStats,
    Dashboard,
    Growth,
    HashtagStats,
    PlatformStats,
    SeriesPoint,
    TopPost,
    Trends,
)
from heraldo.core.db import get_db
from heraldo.core.pagination import Page, PageParams, page_params
from heraldo.core.security.scopes import Scope
from heraldo.inbox import summary as inbox_summary
from heraldo.workspaces.auth import Principal, require_scope

router = APIRouter(prefix="/api/analytics", tags=["analytics"])

VIEW = require_scope(Scope.ANALYTICS_VIEW)


def current_filter(
    params: dict = Depends(filter_params), principal: Principal = Depends(VIEW), db: Session = Depends(get_db)
) -> AnalyticsFilter:
    """The caller's workspace (never from the request) with the period and filters from the query."""
    return analytics_filter(db, principal.workspace_id, **params)


@router.get("/dashboard", response_model=Dashboard)
def dashboard(f: AnalyticsFilter = Depends(current_filter), db: Session = Depends(get_db)):
    return service.dashboard(db=db, f=f)


@router.get("/engagement", response_model=list[SeriesPoint])
def engagement(f: AnalyticsFilter = Depends(current_filter), db: Session = Depends(get_db)):
    return service.engagement(db=db, f=f)


@router.get("/top-posts", response_model=Page[TopPost])
def top_posts(
    metric: service.TopPostsMetric = Query(service.TopPostsMetric.ENGAGEMENT_RATE),
    min_impressions: int = Query(
        service.DEFAULT_MIN_IMPRESSIONS, ge=0, description="Ranking by engagement rate skips posts seen less"
    ),
    params: PageParams = Depends(page_params),
    f: AnalyticsFilter = Depends(current_filter),
    db: Session = Depends(get_db),
):
    return service.top_posts(db=db, f=f, metric=metric.value, min_impressions=min_impressions, params=params)


@router.get("/trends", response_model=Trends)
def trends(
    metric: service.Metric = Query(service.Metric.ENGAGEMENTS),
    interval: service.Interval = Query(service.Interval.DAY),
    f: AnalyticsFilter = Depends(current_filter),
    db: Session = Depends(get_db),
):
    return service.trends(db=db, f=f, metric=metric.value, interval=interval.value)


@router.get("/platforms", response_model=list[PlatformStats])
def platforms(f: AnalyticsFilter = Depends(current_filter), db: Session = Depends(get_db)):
    return service.platforms(db=db, f=f)


@router.get("/content", response_model=list[ContentStats])
def content(f: AnalyticsFilter = Depends(current_filter), db: Session = Depends(get_db)):
    return service.content(db=db, f=f)


@router.get("/growth", response_model=Growth)
def growth(f: AnalyticsFilter = Depends(current_filter), db: Session = Depends(get_db)):
    return service.growth(db=db, f=f)


@router.get("/hashtags", response_model=Page[HashtagStats])
def hashtags(
    params: PageParams = Depends(page_params),
    f: AnalyticsFilter = Depends(current_filter),
    db: Session = Depends(get_db),
):
    return service.hashtags(db=db, f=f, params=params)


@router.get("/sentiment")
def sentiment(f: AnalyticsFilter = Depends(current_filter), db: Session = Depends(get_db)):
    """Daily share of positive / neutral / negative interactions and their mean score, overall and per platform
    (spam left out; days in the workspace's time zone)."""
    return inbox_summary.over_time(db=db, f=f)


@router.get("/export")
def export(
    request: Request,
    kind: analytics_export.ExportKind = Query(analytics_export.ExportKind.POSTS),
    metric: service.Metric = Query(service.Metric.ENGAGEMENTS, description="For kind=trends"),
    interval: service.Interval = Query(service.Interval.DAY, description="For kind=trends"),
    f: AnalyticsFilter = Depends(current_filter),
):
    database = request.app.state.database

    def lines():
        # Its own session: the request's one is closed once the endpoint returns, before the body streams.
        session = database.sessionmaker()
        try:
            header, rows = analytics_export.export(
                db=session, f=f, kind=kind.value, metric=metric.value, interval=interval.value
            )
            yield from analytics_export.csv_lines(header, rows)
        finally:
            session.close()

    name = analytics_export.filename(f, kind.value)
    return StreamingResponse(
        lines(), media_type="text/csv; charset=utf-8", headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )
