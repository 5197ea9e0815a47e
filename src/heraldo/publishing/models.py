from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from heraldo.core.db import Base


class SandboxPublication(Base):
    """What the sandbox connector 'published': the local stand-in for a platform's timeline."""

    __tablename__ = "sandbox_publications"

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("social_accounts.id", ondelete="CASCADE"), index=True)
    # Unique: the sandbox, like Mastodon, refuses to create a second post for the same key.
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    in_reply_to_id: Mapped[int | None] = mapped_column(ForeignKey("sandbox_publications.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(Text)
    media_count: Mapped[int] = mapped_column(default=0)
    published_at: Mapped[datetime]
    deleted_at: Mapped[datetime | None]
