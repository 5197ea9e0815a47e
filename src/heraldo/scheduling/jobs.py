"""Background jobs of the scheduling domain."""

from sqlalchemy.orm import Session

from heraldo.core.dispatch import job
from heraldo.scheduling import service


@job("materialize_recurring_posts")
def materialize_recurring_posts(*, db: Session) -> int:
    """Turn recurring rules' occurrences of the next 24 hours into scheduled posts, each exactly once."""
    return service.materialize_due(db=db)
