"""Seed a demo workspace: a bakery with sandbox accounts and 90 days of posts.

Everything here is generated and flagged `is_demo`; the dashboard shows a banner on demo workspaces.
Later domains (analytics, inbox, ...) extend `seed_demo` with their own sample data.

Analytics: each published target gets a few metric snapshots over its first days (counts growing along a
typical decay curve), with impressions scaled by the account's audience and engagement rates that vary
by weekday, hour and content type (so the best-times grid and content breakdown show a pattern), and
each account gets DAYS days of follower history. Demo accounts are never fetched from a platform, so this
generated data is all their analytics ever shows.

Inbox: comments on the last 30 days' posts, analysed by the real analyser (see inbox/demo.py).
"""

import random
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from heraldo.analytics import snapshots
from heraldo.core.clock import utcnow, zone
from heraldo.core.security.scopes import Role
from heraldo.inbox.demo import seed_demo_inbox
from heraldo.posts.models import ContentType, Post, PostTarget, SocialAccount, TargetStatus
from heraldo.publishing.connectors.base import MetricsSample
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

# Analytics: followers of each account DAYS days ago, and its daily growth.
FOLLOWERS_START = [2400, 1300, 520]
DAILY_GROWTH = [0.0045, 0.0030, 0.0070]
# When snapshots were taken after publishing, and the share of final counts reached by then.
SNAPSHOT_AFTER = [timedelta(hours=1), timedelta(hours=6), timedelta(hours=24), timedelta(hours=48), timedelta(hours=96)]
SNAPSHOT_SHARE = [0.30, 0.62, 0.86, 0.96, 1.0]
# Engagement rate multipliers: mornings and evenings beat lunch; Tuesday and Thursday beat the weekend.
HOUR_FACTOR = {8: 1.30, 9: 1.15, 12: 0.85, 13: 0.80, 17: 1.0, 19: 1.25}
WEEKDAY_FACTOR = [1.0, 1.2, 0.95, 1.15, 0.9, 0.75, 0.8]  # Monday first
CONTENT_FACTOR = {"image": 1.25, "link": 0.75, "text": 0.9}
BASE_RATE = 0.045
# How engagements split between interaction types.
INTERACTION_SHARES = {"likes": 0.62, "comments": 0.1, "shares": 0.08, "saves": 0.08, "clicks": 0.12}


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
    db.flush()
    followers = _seed_followers(db, rng, workspace.id, accounts, now)
    _seed_metrics(db, rng, workspace.id, followers, now, tz)
    seed_demo_inbox(db=db, rng=rng, accounts=accounts, now=now)
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


def _seed_followers(db, rng, workspace_id, accounts, now) -> dict[tuple[int, date], int]:
    """DAYS + 1 days of follower history per account; returns followers by (account id, UTC day)."""
    today = now.date()
    counts, by_day = [], {}
    for index, account in enumerate(accounts):
        followers = float(FOLLOWERS_START[index % len(FOLLOWERS_START)])
        following = 150 + 40 * index
        for offset in range(-DAYS, 1):
            day = today + timedelta(days=offset)
            followers *= 1 + DAILY_GROWTH[index % len(DAILY_GROWTH)] * rng.uniform(0.2, 1.8)
            following += rng.choice([0, 0, 0, 1])
            by_day[(account.id, day)] = round(followers)
            moment = datetime.combine(day, time(6), now.tzinfo)
            counts.append(
                snapshots.FollowerCount(workspace_id, account.id, day, round(followers), following, min(moment, now))
            )
    snapshots.record_follower_counts(db=db, counts=counts)
    return by_day


def _seed_metrics(db, rng, workspace_id, followers, now, tz) -> None:
    """A few growing snapshots per published target over its first days (one batch insert)."""
    target_ids = db.scalars(
        select(PostTarget.id)
        .where(PostTarget.workspace_id == workspace_id, PostTarget.status == TargetStatus.PUBLISHED.value)
        .order_by(PostTarget.id)
    ).all()
    rows = []
    described = snapshots.snapshot_targets(db=db, target_ids=target_ids)
    for target in (described[target_id] for target_id in target_ids):  # in id order: the RNG stays seeded
        local = target.published_at.astimezone(tz)
        audience = followers.get((target.account_id, target.published_at.date()), 500)
        rate = (
            BASE_RATE
            * HOUR_FACTOR.get(local.hour, 1.0)
            * WEEKDAY_FACTOR[local.weekday()]
            * CONTENT_FACTOR.get(target.content_type, 1.0)
            * rng.lognormvariate(0, 0.25)
        )
        impressions = audience * rng.uniform(0.5, 1.3) * (0.7 + 0.3 * HOUR_FACTOR.get(local.hour, 1.0))
        for after, share in zip(SNAPSHOT_AFTER, SNAPSHOT_SHARE, strict=True):
            fetched_at = target.published_at + after
            if fetched_at > now:
                break
            seen = round(impressions * share)
            engaged = seen * rate * (0.85 + 0.15 * share)
            counts = {name: round(engaged * part) for name, part in INTERACTION_SHARES.items()}
            sample = MetricsSample(
                platform_post_id=str(target.target_id), impressions=seen, reach=round(seen * 0.82), quotes=0, **counts
            )
            rows.append(snapshots.Snapshot(target=target, sample=sample, fetched_at=fetched_at))
    snapshots.record_snapshots(db=db, snapshots=rows)
