"""Background jobs of the publishing domain."""

from sqlalchemy.orm import Session

from heraldo.core.dispatch import job
from heraldo.core.security.crypto import SecretBox
from heraldo.core.settings import get_settings
from heraldo.posts.media import LocalMediaStorage
from heraldo.publishing import service


@job("publish_due_posts")
def publish_due_posts(*, db: Session) -> int:
    """Publish every target whose time has come, exactly once even with several workers."""
    settings = get_settings()
    return service.publish_due(db=db, box=SecretBox(settings.secret_key), storage=LocalMediaStorage(settings.media_dir))
