"""`heraldo demo`: a demo workspace with sandbox accounts and 90 days of posts, marked as demo."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from typer.testing import CliRunner

from heraldo.cli import app
from heraldo.demo.seed import DAYS, DEMO_EMAIL, DEMO_PASSWORD, DEMO_WORKSPACE, seed_demo
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


def test_demo_command_prints_the_login_and_the_dashboard_says_demo(settings, client):
    result = CliRunner().invoke(app, ["demo"])
    assert result.exit_code == 0, result.output
    assert DEMO_EMAIL in result.output and DEMO_PASSWORD in result.output
    response = login(client, DEMO_EMAIL, DEMO_PASSWORD)
    assert response.status_code == 303
    page = client.get("/posts")
    assert 'data-testid="demo-banner"' in page.text
    assert "generated sample data" in page.text
