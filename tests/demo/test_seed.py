"""`heraldo demo`: a demo workspace with sandbox accounts and 90 days of posts, marked as demo."""

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path

from sqlalchemy import func, select
from typer.testing import CliRunner

from heraldo.analytics.models import AccountMetrics, LatestPostMetrics, PostMetrics
from heraldo.cli import app
from heraldo.demo.seed import DAYS, DEMO_EMAIL, DEMO_PASSWORD, DEMO_WORKSPACE, seed_demo
from heraldo.inbox.models import Interaction
from heraldo.posts.models import Post, PostTarget, SocialAccount
from heraldo.publishing.models import SandboxPublication
from heraldo.workspaces.models import Workspace
from tests.factories import login


def test_demo_seeds_90_days_marked_as_demo_once(db):
    now = datetime(2026, 11, 25, 12, tzinfo=UTC)
    assert seed_demo(db=db, now=now).created
    workspace = db.scalar(select(Workspace).where(Workspace.name == DEMO_WORKSPACE))
    assert workspace.is_demo
    assert db.scalar(select(func.count()).where(SocialAccount.is_demo.is_(False))) == 0
    assert db.scalar(select(func.count()).select_from(Post).where(Post.is_demo.is_(False))) == 0
    first, last = db.execute(
        select(func.min(PostTarget.published_at), func.max(PostTarget.published_at)).where(
            PostTarget.status == "published"
        )
    ).one()
    assert now - first >= timedelta(days=DAYS - 1)
    assert last <= now
    published = db.scalar(select(func.count()).select_from(PostTarget).where(PostTarget.status == "published"))
    assert published > DAYS // 2
    assert db.scalar(select(func.count()).select_from(SandboxPublication)) == published
    assert db.scalar(select(func.count()).select_from(PostTarget).where(PostTarget.status == "scheduled")) > 0
    assert db.scalar(select(func.count()).select_from(PostTarget).where(PostTarget.status == "draft")) > 0
    assert not seed_demo(db=db, now=now).created
    assert db.scalar(select(func.count()).select_from(Workspace)) == 1


def test_demo_has_growing_metric_snapshots_and_follower_history(db):
    now = datetime(2026, 11, 25, 12, tzinfo=UTC)
    seed_demo(db=db, now=now)
    published = db.execute(select(PostTarget.id, PostTarget.published_at).where(PostTarget.status == "published")).all()
    measured = {target_id for target_id, at in published if at <= now - timedelta(hours=1)}
    latest = {row.target_id: row for row in db.scalars(select(LatestPostMetrics))}
    assert set(latest) == measured
    # Posts older than four days have all five snapshots, and every counter only grows.
    assert all(latest[t].snapshots == 5 for t, at in published if at <= now - timedelta(days=4))
    history = db.execute(
        select(PostMetrics.target_id, PostMetrics.impressions, PostMetrics.likes).order_by(
            PostMetrics.target_id, PostMetrics.fetched_at
        )
    ).all()
    assert len(history) == sum(row.snapshots for row in latest.values())
    for previous, current in pairwise(history):
        if previous.target_id == current.target_id:
            assert current.impressions >= previous.impressions and current.likes >= previous.likes
    rates = [row.engagement_rate for row in latest.values()]
    assert all(0 < rate < 0.25 for rate in rates)
    assert all(row.impressions > 0 and row.reach <= row.impressions for row in latest.values())
    # The content types differ (images engage more than links), so the breakdown shows something.
    by_type = {}
    for row in latest.values():
        by_type.setdefault(row.content_type, []).append(row.engagement_rate)
    assert sum(by_type["image"]) / len(by_type["image"]) > sum(by_type["link"]) / len(by_type["link"])
    # DAYS + 1 days of followers for each of the three accounts, growing overall.
    followers = db.execute(
        select(AccountMetrics.account_id, AccountMetrics.day, AccountMetrics.followers).order_by(
            AccountMetrics.account_id, AccountMetrics.day
        )
    ).all()
    assert len(followers) == 3 * (DAYS + 1)
    assert max(day for _, day, _ in followers) == now.date()
    for account_id in {row.account_id for row in followers}:
        series = [count for owner, _, count in followers if owner == account_id]
        assert series[-1] > series[0]


def test_demo_command_prints_the_login_and_the_dashboard_says_demo(settings, client):
    result = CliRunner().invoke(app, ["demo"])
    assert result.exit_code == 0, result.output
    assert DEMO_EMAIL in result.output and DEMO_PASSWORD in result.output
    response = login(client, DEMO_EMAIL, DEMO_PASSWORD)
    assert response.status_code == 303
    page = client.get("/posts")
    assert 'data-testid="demo-banner"' in page.text
    assert "generated sample data" in page.text


def test_demo_inbox_holds_analysed_comments_on_demo_posts(db):
    now = datetime(2026, 11, 25, 12, tzinfo=UTC)
    seed_demo(db=db, now=now)
    rows = db.scalars(select(Interaction)).all()
    assert len(rows) >= 27
    assert len({row.text for row in rows}) == len(rows)  # no comment repeated across accounts
    assert all(row.is_demo and row.target_id is not None for row in rows)
    assert all(now - timedelta(days=31) <= row.received_at.replace(tzinfo=UTC) < now for row in rows)
    assert {row.language for row in rows} == {"en", "es"}
    assert {"complaint", "question", "praise", "purchase_intent", "spam"} <= {row.intent for row in rows}
    assert {row.sentiment_label for row in rows} == {"positive", "neutral", "negative"}
    assert len({row.platform_id for row in rows}) == len(rows)


def test_make_run_s_demo_step_works_in_a_fresh_process(tmp_path):
    """`make run` runs `heraldo migrate` then `heraldo demo` as new processes, which import only what the CLI
    imports: every model must still be known (a foreign key to an unimported table fails at the first flush)."""
    heraldo = Path(sys.executable).with_name("heraldo")
    env = {
        **os.environ,
        "HERALDO_DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.db'}",
        "HERALDO_DATA_DIR": str(tmp_path / "data"),
        "HERALDO_SECRET_KEY": "test-secret-key-of-sufficient-length",
    }
    env.pop("HERALDO_BROKER_URL", None)
    for command in (["migrate"], ["demo"]):
        done = subprocess.run([str(heraldo), *command], env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stdout + done.stderr
    assert DEMO_EMAIL in done.stdout
