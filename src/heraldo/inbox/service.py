"""The inbox: list, read, archive and assign interactions; the workspace's inbox settings.

Replying lives in `replies.py`, storing fetched items in `ingest.py`, counts over a period in `summary.py`.
"""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import Select, func, or_, select, update
from sqlalchemy.orm import Session

from heraldo.core.clock import as_utc, utcnow
from heraldo.core.errors import InvalidInput, NotFound
from heraldo.core.pagination import PageParams, make_page, paginate
from heraldo.inbox.analysis.base import INTENTS
from heraldo.inbox.models import (
    DEFAULT_AUTO_REPLY_INTENTS,
    DEFAULT_AUTO_REPLY_THRESHOLD,
    InboxSettings,
    Interaction,
    InteractionReply,
)
from heraldo.workspaces import service as workspaces_service

MAX_BULK = 500
# Intents that are never answered unattended, whatever the settings say.
NEVER_AUTOMATIC = frozenset({"spam", "other"})


# What each intent means, for people: the inbox page's labels and the /api/sentiment/intents descriptions.
INTENT_LABELS = {
    "question": "Question",
    "complaint": "Complaint",
    "praise": "Praise",
    "purchase_intent": "Purchase intent",
    "spam": "Spam",
    "other": "Other",
}
INTENT_DESCRIPTIONS = {
    "question": "Asks for information (opening hours, how something works, where an order is).",
    "complaint": "Reports a problem or dissatisfaction; answered first.",
    "praise": "Thanks, compliments, enthusiasm.",
    "purchase_intent": "Wants to buy, book or order; asks prices, stock, shipping; answered first.",
    "spam": "Unsolicited promotion, scams, phishing, bots; never answered, best archived.",
    "other": "Everything else: tagging friends, remarks, jokes.",
}


class InboxOrder(StrEnum):
    PRIORITY = "priority"  # most urgent first, newest first within a priority
    NEWEST = "newest"
    OLDEST = "oldest"


@dataclass(frozen=True)
class InboxFilter:
    platform: str | None = None
    account_id: int | None = None
    kind: str | None = None
    sentiment: str | None = None
    intent: str | None = None
    priority: str | None = None
    responded: bool | None = None
    archived: bool | None = False
    assignee_user_id: int | None = None
    unassigned: bool = False
    since: datetime | None = None
    until: datetime | None = None
    q: str | None = None
    order: InboxOrder = InboxOrder.PRIORITY

    def check(self) -> None:
        if self.since and self.until and as_utc(self.since) >= as_utc(self.until):
            raise InvalidInput("since must be before until", field="since")
        if self.q is not None and len(self.q) > 200:
            raise InvalidInput("q must be at most 200 characters", field="q")


def _like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped.lower()}%"


def inbox_query(*, workspace_id: int, f: InboxFilter) -> Select:
    """Interactions of one workspace matching `f`, in the order it asks for."""
    f.check()
    query = select(Interaction).where(Interaction.workspace_id == workspace_id)
    equal = {
        Interaction.platform: f.platform,
        Interaction.account_id: f.account_id,
        Interaction.kind: f.kind,
        Interaction.sentiment_label: f.sentiment,
        Interaction.intent: f.intent,
        Interaction.priority: f.priority,
        Interaction.responded: f.responded,
        Interaction.archived: f.archived,
        Interaction.assignee_user_id: f.assignee_user_id,
    }
    for column, value in equal.items():
        if value is not None:
            query = query.where(column == value)
    if f.unassigned:
        query = query.where(Interaction.assignee_user_id.is_(None))
    if f.since:
        query = query.where(Interaction.received_at >= as_utc(f.since))
    if f.until:
        query = query.where(Interaction.received_at < as_utc(f.until))
    if f.q and f.q.strip():
        pattern = _like_pattern(f.q.strip())
        query = query.where(
            or_(
                func.lower(Interaction.text).like(pattern, escape="\\"),
                func.lower(Interaction.author_handle).like(pattern, escape="\\"),
                func.lower(func.coalesce(Interaction.author_name, "")).like(pattern, escape="\\"),
            )
        )
    if f.order == InboxOrder.NEWEST:
        return query.order_by(Interaction.received_at.desc(), Interaction.id.desc())
    if f.order == InboxOrder.OLDEST:
        return query.order_by(Interaction.received_at, Interaction.id)
    return query.order_by(Interaction.priority_rank, Interaction.received_at.desc(), Interaction.id.desc())


def list_interactions(*, db: Session, workspace_id: int, f: InboxFilter, params: PageParams) -> dict:
    """One page of the workspace's interactions matching `f` (`{items, total, page, per_page, pages}`)."""
    rows, total = paginate(db, inbox_query(workspace_id=workspace_id, f=f), params)
    return make_page(rows, total, params)


def get_interaction(*, db: Session, workspace_id: int, interaction_id: int) -> Interaction:
    interaction = db.get(Interaction, interaction_id)
    if interaction is None or interaction.workspace_id != workspace_id:
        raise NotFound(f"interaction {interaction_id} not found")
    return interaction


def replies_of(*, db: Session, workspace_id: int, interaction_id: int) -> list[InteractionReply]:
    """Every reply sent (or tried) to an interaction, oldest first."""
    get_interaction(db=db, workspace_id=workspace_id, interaction_id=interaction_id)
    return list(
        db.scalars(
            select(InteractionReply)
            .where(InteractionReply.interaction_id == interaction_id)
            .order_by(InteractionReply.created_at, InteractionReply.id)
        )
    )


def auto_replies(*, db: Session, workspace_id: int, params: PageParams) -> dict:
    """The auto-reply log: every reply sent unattended, newest first."""
    query = (
        select(InteractionReply)
        .where(InteractionReply.workspace_id == workspace_id, InteractionReply.automatic.is_(True))
        .order_by(InteractionReply.created_at.desc(), InteractionReply.id.desc())
    )
    rows, total = paginate(db, query, params)
    return make_page(rows, total, params)


def set_archived(*, db: Session, workspace_id: int, interaction_id: int, archived: bool) -> Interaction:
    interaction = get_interaction(db=db, workspace_id=workspace_id, interaction_id=interaction_id)
    interaction.archived = archived
    interaction.archived_at = utcnow() if archived else None
    db.commit()
    return interaction


def bulk_archive(*, db: Session, workspace_id: int, interaction_ids: list[int], archived: bool = True) -> int:
    """Archive (or unarchive) many interactions at once; all must belong to the workspace, or none changes."""
    ids = sorted(set(interaction_ids))
    if not ids:
        raise InvalidInput("ids must name at least one interaction", field="ids")
    if len(ids) > MAX_BULK:
        raise InvalidInput(f"ids may name at most {MAX_BULK} interactions at once", field="ids")
    found = set(
        db.scalars(select(Interaction.id).where(Interaction.workspace_id == workspace_id, Interaction.id.in_(ids)))
    )
    missing = [i for i in ids if i not in found]
    if missing:
        raise NotFound(f"interactions not found: {', '.join(map(str, missing[:20]))}", field="ids")
    result = db.execute(
        update(Interaction)
        .where(Interaction.workspace_id == workspace_id, Interaction.id.in_(ids), Interaction.archived != archived)
        .values(archived=archived, archived_at=utcnow() if archived else None)
        .execution_options(synchronize_session=False)
    )
    db.commit()
    return result.rowcount or 0


def assign(*, db: Session, workspace_id: int, interaction_id: int, user_id: int | None) -> Interaction:
    """Give an interaction to a member of the workspace (None: unassign)."""
    interaction = get_interaction(db=db, workspace_id=workspace_id, interaction_id=interaction_id)
    if (
        user_id is not None
        and workspaces_service.membership_for(db=db, user_id=user_id, workspace_id=workspace_id) is None
    ):
        raise InvalidInput(f"user {user_id} is not a member of this workspace", field="user_id")
    interaction.assignee_user_id = user_id
    db.commit()
    return interaction


# ---- settings ---------------------------------------------------------------------------------------


def get_settings_row(*, db: Session, workspace_id: int) -> InboxSettings:
    """The workspace's inbox settings (defaults when it never changed them; nothing is written)."""
    row = db.get(InboxSettings, workspace_id)
    if row is None:
        row = InboxSettings(
            workspace_id=workspace_id,
            auto_reply_enabled=False,
            auto_reply_threshold=DEFAULT_AUTO_REPLY_THRESHOLD,
            auto_reply_intents=list(DEFAULT_AUTO_REPLY_INTENTS),
        )
    return row


def update_settings(
    *,
    db: Session,
    workspace_id: int,
    auto_reply_enabled: bool | None = None,
    auto_reply_threshold: float | None = None,
    auto_reply_intents: list[str] | None = None,
) -> InboxSettings:
    """Change the workspace's auto-reply settings; only the fields given change."""
    if auto_reply_threshold is not None and not 0.5 <= auto_reply_threshold <= 1.0:
        raise InvalidInput("auto_reply_threshold must be between 0.5 and 1", field="auto_reply_threshold")
    if auto_reply_intents is not None:
        bad = [i for i in auto_reply_intents if i not in INTENTS or i in NEVER_AUTOMATIC]
        if bad:
            allowed = ", ".join(i for i in INTENTS if i not in NEVER_AUTOMATIC)
            raise InvalidInput(
                f"auto_reply_intents: {bad[0]!r} cannot be answered automatically; choose from {allowed}",
                field="auto_reply_intents",
            )
    row = db.get(InboxSettings, workspace_id)
    if row is None:
        row = get_settings_row(db=db, workspace_id=workspace_id)
        db.add(row)
    if auto_reply_enabled is not None:
        row.auto_reply_enabled = auto_reply_enabled
    if auto_reply_threshold is not None:
        row.auto_reply_threshold = auto_reply_threshold
    if auto_reply_intents is not None:
        row.auto_reply_intents = sorted(set(auto_reply_intents), key=INTENTS.index)
    db.commit()
    return row
