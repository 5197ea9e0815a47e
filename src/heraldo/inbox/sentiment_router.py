"""/api/sentiment/*: text analysis on demand, sentiment over a period, intents, reply templates, settings."""

from datetime import date

from fastapi import APIRouter, Depends, Query
from sqlalchemy.orm import Session

from heraldo.analytics.filters import AnalyticsFilter, analytics_filter
from heraldo.core.db import get_db
from heraldo.core.security.scopes import Scope
from heraldo.core.settings import Settings
from heraldo.core.state import app_settings
from heraldo.inbox import response_templates, service, summary
from heraldo.inbox.analysis.base import INTENTS
from heraldo.inbox.analysis.pipeline import Analyzer, get_analyzer
from heraldo.inbox.schemas import (
    AnalysisOut,
    AnalyzeBatchIn,
    AnalyzeIn,
    InboxConfigIn,
    InboxConfigOut,
    Intent,
    IntentInfo,
    TemplateIn,
    TemplateOut,
    TemplateResetIn,
)
from heraldo.publishing.platforms import Platform
from heraldo.workspaces.auth import Principal, require_scope

router = APIRouter(prefix="/api/sentiment", tags=["sentiment"])

VIEW = require_scope(Scope.CONVERSATIONS_VIEW)
# Templates and auto-reply settings decide what is posted in the workspace's name.
WRITE = require_scope(Scope.POSTS_WRITE)


def analyzer(settings: Settings = Depends(app_settings)) -> Analyzer:
    return get_analyzer(settings)


def period_filter(
    start: date | None = Query(None, description="First day (workspace time zone); default 30 days ago"),
    end: date | None = Query(None, description="Last day, inclusive; default today"),
    platform: Platform | None = Query(None),
    account_id: int | None = Query(None),
    principal: Principal = Depends(VIEW),
    db: Session = Depends(get_db),
) -> AnalyticsFilter:
    return analytics_filter(
        db,
        principal.workspace_id,
        start=start,
        end=end,
        platform=platform.value if platform else None,
        account_id=account_id,
    )


@router.post("/analyze", response_model=AnalysisOut, dependencies=[Depends(VIEW)])
def analyze(body: AnalyzeIn, engine: Analyzer = Depends(analyzer)):
    """Language, sentiment, intent, keywords and priority of one text (nothing is stored)."""
    return AnalysisOut.of(engine.analyze(body.text, body.language))


@router.post("/analyze/batch", response_model=list[AnalysisOut], dependencies=[Depends(VIEW)])
def analyze_batch(body: AnalyzeBatchIn, engine: Analyzer = Depends(analyzer)):
    """The same for up to 100 texts, in order; more is a 422."""
    return [AnalysisOut.of(result) for result in engine.analyze_batch(body.texts, body.language)]


@router.get("/summary")
def sentiment_summary(
    intent: Intent | None = Query(None),
    f: AnalyticsFilter = Depends(period_filter),
    db: Session = Depends(get_db),
):
    """Interactions received in the period: counts per sentiment and mean score, by local day, platform, intent."""
    return summary.summary(db=db, f=f, intent=intent.value if intent else None)


@router.get("/intents", response_model=list[IntentInfo])
def intents(f: AnalyticsFilter = Depends(period_filter), db: Session = Depends(get_db)):
    """The intents the analyser tells apart, what each means, its priority, and how many came in the period."""
    return summary.intent_catalog(db=db, f=f)


@router.get("/response-templates", response_model=list[TemplateOut])
def list_templates(principal: Principal = Depends(VIEW), db: Session = Depends(get_db)):
    """The suggested reply for each intent and language: the workspace's own, or the default."""
    return response_templates.templates(db=db, workspace_id=principal.workspace_id)


@router.put("/response-templates", response_model=TemplateOut)
def set_template(body: TemplateIn, principal: Principal = Depends(WRITE), db: Session = Depends(get_db)):
    """Replace the workspace's template for one intent and language ({author} and {name} are filled in)."""
    return response_templates.set_template(
        db=db, workspace_id=principal.workspace_id, intent=body.intent, language=body.language, text=body.text
    )


@router.post("/response-templates/reset", response_model=TemplateOut)
def reset_template(body: TemplateResetIn, principal: Principal = Depends(WRITE), db: Session = Depends(get_db)):
    """Go back to the shipped default for one intent and language."""
    return response_templates.reset_template(
        db=db, workspace_id=principal.workspace_id, intent=body.intent, language=body.language
    )


def _config(db: Session, workspace_id: int, engine: Analyzer) -> dict:
    row = service.get_settings_row(db=db, workspace_id=workspace_id)
    health = engine.health()
    return {
        "auto_reply_enabled": row.auto_reply_enabled,
        "auto_reply_threshold": row.auto_reply_threshold,
        "auto_reply_intents": list(row.auto_reply_intents or []),
        "analysis": {
            "sentiment": health["sentiment"],
            "model_dir": health["model_dir"],
            "intents": list(INTENTS),
            "reply_languages": list(response_templates.LANGUAGES),
        },
    }


@router.get("/config", response_model=InboxConfigOut)
def get_config(principal: Principal = Depends(VIEW), db: Session = Depends(get_db), engine=Depends(analyzer)):
    """Auto-reply settings (off until enabled; threshold 0.85) and the analysis backends in use."""
    return _config(db, principal.workspace_id, engine)


@router.put("/config", response_model=InboxConfigOut)
def update_config(
    body: InboxConfigIn, principal: Principal = Depends(WRITE), db: Session = Depends(get_db), engine=Depends(analyzer)
):
    """Change the auto-reply settings; fields left out stay as they are."""
    service.update_settings(
        db=db,
        workspace_id=principal.workspace_id,
        auto_reply_enabled=body.auto_reply_enabled,
        auto_reply_threshold=body.auto_reply_threshold,
        auto_reply_intents=body.auto_reply_intents,
    )
    return _config(db, principal.workspace_id, engine)


@router.get("/health", dependencies=[Depends(VIEW)])
def health(engine: Analyzer = Depends(analyzer)):
    """Backends per language, language detection, the local model's state, library versions, and a live check."""
    return engine.health(live_check=True)
