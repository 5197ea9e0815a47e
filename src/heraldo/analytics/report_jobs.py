"""Background jobs of the weekly report: build it each Monday (workspace zone), deliver it to Telegram."""

from datetime import datetime

from sqlalchemy.orm import Session

from heraldo.analytics import reports
from heraldo.core.clock import utcnow
from heraldo.core.dispatch import job
from heraldo.core.logging import get_logger
from heraldo.core.security.crypto import SecretBox
from heraldo.core.settings import get_settings
from heraldo.publishing.connectors.http import client_for

log = get_logger(__name__)


@job("weekly_reports")
def weekly_reports(*, db: Session, now: str | None = None) -> int:
    """Build last week's report for every workspace whose Monday 06:00 has passed and has none yet.
    Runs hourly; idempotent (one report per workspace and week, enforced by a unique key)."""
    moment = datetime.fromisoformat(now) if now else utcnow()
    built = 0
    for workspace in reports.workspaces_due_weekly(db, moment):
        try:
            reports.build_weekly_report(db, workspace.id, moment)
            db.commit()
            built += 1
        except Exception:
            # One workspace's bad data must not stop the others' reports; the next run tries again.
            db.rollback()
            log.exception("weekly report failed", workspace_id=workspace.id)
    return built


@job("deliver_reports")
def deliver_reports(*, db: Session, base_url: str | None = None) -> int:
    """Send due report summaries to Telegram; failures are recorded and retried with backoff."""
    settings = get_settings()
    with client_for(settings.http_timeout_seconds) as http:
        return reports.deliver_due_reports(
            db, http=http, box=SecretBox(settings.secret_key), public_url=settings.public_url, base_url=base_url
        )
