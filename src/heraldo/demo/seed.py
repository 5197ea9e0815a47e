"""Seed a demo workspace: a bakery with sandbox accounts and 90 days of posts.

Everything here is generated and flagged `is_demo`; the dashboard shows a banner on demo workspaces.
Later domains (analytics, inbox, ...) extend `seed_demo` with their own sample data.
"""

import random
import uuid
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from sqlalchemy.orm import Session

from heraldo.core.clock import utcnow, zone
from heraldo.core.security.scopes import Role
from heraldo.posts.models import ContentType, Post, PostTarget, SocialAccount, TargetStatus
from heraldo.publishing.models import SandboxPublication
from heraldo.publishing.platforms import Platform
from heraldo.workspaces import service as workspaces_service

DEMO_WORKSPACE = "Demo: Sol Bakery"
DEMO_EMAIL = "demo@heraldo.local"
DEMO_PASSWORD = "heraldo-demo"
DEMO_TIMEZONE = "Europe/Madrid"
DAYS = 90

ACCOUNTS = [
    ("solbakery", "Sol Bakery"),
    ("solbakery_es", "Panadería Sol"),
    ("sol_baker_ana", "Ana at Sol Bakery"),
]

OPENERS = [
    "Fresh out of the oven:",
    "This week at the counter:",
    "Behind the scenes:",
    "Customer favourite:",
    "New on the menu:",
    "Weekend special:",
    "Baker's tip:",
]
SUBJECTS = [
    "sourdough with a 36-hour ferment",
    "cinnamon knots, still warm",
    "rye and caraway loaves",
    "almond croissants",
    "olive oil focaccia with rosemary",
    "seeded spelt bread",
    "pain au chocolat for early birds",
    "lemon and poppy seed cake",
]
CLOSERS = [
    "Come by before they are gone.",
    "Which one is your favourite?",
    "Open from 7:30 every day.",
    "Tag someone who needs this today.",
    "Pre-order for pickup on our site.",
]
HASHTAGS = ["bakery", "sourdough", "realbread", "breakfast", "madrid", "localfood", "pastry"]
POSTING_HOURS = [8, 9, 12, 13, 17, 19]


@dataclass(frozen=True)
class DemoLogin:
    email: str
    password: str
    workspace: str
    created: bool


def _text(rng: random.Random) -> tuple[str, list[str]]:
    text = f"{rng.choice(OPENERS)} {rng.choice(SUBJECTS)}. {rng.choice(CLOSERS)}"
    return text, rng.sample(HASHTAGS, k=rng.randint(1, 3))


def seed_demo(*, db: Session, now: datetime | None = None, seed: int = 7) -> DemoLogin:
    """Create the demo workspace with its data if it does not exist yet; returns its login."""
    existing = workspaces_service.find_workspace(db=db, name=DEMO_WORKSPACE)
    if existing is not None:
        return DemoLogin(DEMO_EMAIL, DEMO_PASSWORD, DEMO_WORKSPACE, created=False)
    rng = random.Random(seed)
    now = now or utcnow()
    tz = zone(DEMO_TIMEZONE)

    workspace = workspaces_service.create_workspace(db=db, name=DEMO_WORKSPACE, timezone=DEMO_TIMEZONE, is_demo=True)
    user = workspaces_service.find_user(db=db, email=DEMO_EMAIL) or workspaces_service.create_user(
        db=db, email=DEMO_EMAIL, password=DEMO_PASSWORD, display_name="Demo user"
    )
    workspaces_service.add_member(db=db, workspace_id=workspace.id, user_id=user.id, role=Role.OWNER)
    accounts = [
        SocialAccount(
            workspace_id=workspace.id,
            platform=Platform.SANDBOX.value,
            handle=handle,
            display_name=name,
            is_demo=True,
        )
        for handle, name in ACCOUNTS
    ]
    db.add_all(accounts)
    db.flush()

    today = now.astimezone(tz).date()
    for day_offset in range(-DAYS, 8):
        day = today + timedelta(days=day_offset)
        for _ in range(rng.choice([0, 1, 1, 2])):
            local = datetime.combine(day, time(rng.choice(POSTING_HOURS), rng.choice([0, 15, 30, 45])), tz)
            moment = local.astimezone(now.tzinfo)
            _add_post(
                db,
                rng,
                workspace.id,
                user.id,
                rng.sample(accounts, k=rng.randint(1, len(accounts))),
                moment,
                now,
            )
    # A few drafts still waiting for a time.
    for _ in range(3):
        _add_post(db, rng, workspace.id, user.id, [rng.choice(accounts)], None, now)
    db.commit()
    return DemoLogin(DEMO_EMAIL, DEMO_PASSWORD, DEMO_WORKSPACE, created=True)


def _add_post(db, rng, workspace_id, user_id, accounts, moment, now) -> None:
    text, tags = _text(rng)
    post = Post(
        workspace_id=workspace_id,
        content=text,
        content_type=rng.choice([ContentType.TEXT, ContentType.IMAGE, ContentType.IMAGE, ContentType.LINK]).value,
        hashtags=tags,
        created_by_user_id=user_id,
        is_demo=True,
    )
    post.created_at = post.updated_at = (moment or now) - timedelta(days=rng.randint(1, 4))
    db.add(post)
    db.flush()
    for account in accounts:
        key = uuid.uuid4().hex
        target = PostTarget(
            workspace_id=workspace_id,
            post_id=post.id,
            account_id=account.id,
            scheduled_at=moment,
            due_at=moment,
            schedule_timezone=DEMO_TIMEZONE,
            idempotency_key=key,
        )
        if moment is None:
            target.status = TargetStatus.DRAFT.value
        elif moment > now:
            target.status = TargetStatus.SCHEDULED.value
        else:
            published = SandboxPublication(
                workspace_id=workspace_id,
                account_id=account.id,
                idempotency_key=key,
                text=text,
                published_at=moment,
            )
            db.add(published)
            db.flush()
            target.status = TargetStatus.PUBLISHED.value
            target.platform_post_id = str(published.id)
            target.platform_url = f"/sandbox/{account.id}/{published.id}"
            target.published_at = moment
            target.attempts = 1
        db.add(target)
