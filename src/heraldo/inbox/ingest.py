"""Storing what a platform returned: new interactions only, each analysed once, linked to our post.

Deduplication is by (account, platform id) twice over: items already stored are skipped before analysis (the
expensive part), and the insert itself ignores a row another worker stored in the meantime, so two fetches
of one account at once store each item once.
"""

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from heraldo.core.clock import as_utc, utcnow
from heraldo.inbox.analysis.base import PRIORITIES, TextAnalysis
from heraldo.inbox.analysis.pipeline import Analyzer
from heraldo.inbox.models import Interaction
from heraldo.posts.models import PostTarget, SocialAccount
from heraldo.publishing.connectors.base import InteractionSample

# IN lists stay well under every database's parameter limit.
CHUNK = 500
PRIORITY_RANK = {name: rank for rank, name in enumerate(PRIORITIES)}


def _chunks(values: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def _bare(handle: str | None) -> str:
    return (handle or "").strip().lstrip("@").lower()


def _post_ids(sample: InteractionSample) -> list[str]:
    """Platform ids this item may belong to: what it answers, then the thread's root post."""
    extra = sample.extra or {}
    ids = [sample.in_reply_to_platform_post_id, extra.get("post_id"), extra.get("root_id")]
    return [str(i) for i in ids if i]


def new_samples(*, db: Session, account: SocialAccount, samples: list[InteractionSample]) -> list[InteractionSample]:
    """The samples not stored yet, once each, without the account's own posts and replies."""
    own = _bare(account.handle)
    unique: dict[str, InteractionSample] = {}
    for sample in samples:
        if sample.platform_id and _bare(sample.author_handle) != own:
            unique.setdefault(str(sample.platform_id), sample)
    stored: set[str] = set()
    for chunk in _chunks(list(unique)):
        stored.update(
            db.scalars(
                select(Interaction.platform_id).where(
                    Interaction.account_id == account.id, Interaction.platform_id.in_(chunk)
                )
            )
        )
    return [sample for platform_id, sample in unique.items() if platform_id not in stored]


def _targets_by_post(*, db: Session, account_id: int, samples: list[InteractionSample]) -> dict[str, int]:
    wanted = sorted({post_id for sample in samples for post_id in _post_ids(sample)})
    found: dict[str, int] = {}
    for chunk in _chunks(wanted):
        rows = db.execute(
            select(PostTarget.platform_post_id, PostTarget.id).where(
                PostTarget.account_id == account_id, PostTarget.platform_post_id.in_(chunk)
            )
        )
        found.update({platform_post_id: target_id for platform_post_id, target_id in rows})
    return found


def _insert_ignoring_duplicates(db: Session, rows: list[dict[str, Any]]) -> list[int]:
    """Insert rows; a row whose (account, platform id) exists already is skipped. Ids of rows inserted."""
    dialect = postgresql if db.get_bind().dialect.name == "postgresql" else sqlite
    statement = (
        dialect.insert(Interaction)
        .on_conflict_do_nothing(index_elements=["account_id", "platform_id"])
        .returning(Interaction.id)
    )
    return list(db.scalars(statement, rows))


def row_for(
    *,
    account: SocialAccount,
    sample: InteractionSample,
    analysis: TextAnalysis,
    target_id: int | None,
    now: datetime,
    is_demo: bool = False,
) -> dict[str, Any]:
    """The interactions row of one analysed sample."""
    return {
        "workspace_id": account.workspace_id,
        "account_id": account.id,
        "platform": account.platform,
        "platform_id": str(sample.platform_id),
        "kind": sample.kind,
        "author_handle": sample.author_handle or "",
        "author_name": sample.author_name,
        "text": sample.text or "",
        "in_reply_to_platform_id": sample.in_reply_to_platform_post_id,
        "target_id": target_id,
        "platform_extra": dict(sample.extra or {}),
        "received_at": as_utc(sample.received_at) if sample.received_at else now,
        "language": analysis.language,
        "sentiment_label": analysis.sentiment.label,
        "sentiment_score": analysis.sentiment.score,
        "sentiment_confidence": analysis.sentiment.confidence,
        "intent": analysis.intent.intent,
        "intent_confidence": analysis.intent.confidence,
        "keywords": list(analysis.keywords),
        "priority": analysis.priority,
        "priority_rank": PRIORITY_RANK.get(analysis.priority, PRIORITY_RANK["normal"]),
        "analysis_backend": analysis.backend,
        "responded": False,
        "archived": False,
        "is_demo": is_demo,
        "created_at": now,
        "updated_at": now,
    }


def store(*, db: Session, account: SocialAccount, samples: list[InteractionSample], analyzer: Analyzer) -> list[int]:
    """Analyse and store the samples not seen before; ids of the interactions created (not committed)."""
    fresh = new_samples(db=db, account=account, samples=samples)
    if not fresh:
        return []
    analyses = analyzer.analyze_batch([sample.text or "" for sample in fresh])
    targets = _targets_by_post(db=db, account_id=account.id, samples=fresh)
    now = utcnow()
    rows = []
    for sample, analysis in zip(fresh, analyses, strict=True):
        target_id = next((targets[p] for p in _post_ids(sample) if p in targets), None)
        rows.append(
            row_for(
                account=account, sample=sample, analysis=analysis, target_id=target_id, now=now, is_demo=account.is_demo
            )
        )
    return _insert_ignoring_duplicates(db, rows)
