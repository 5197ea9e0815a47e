"""`heraldo user create`, `heraldo apikey create`, `heraldo migrate`, `heraldo demo` through the Typer app."""

from sqlalchemy import select
from typer.testing import CliRunner

from heraldo.cli import app
from heraldo.core.security.tokens import hash_api_key
from heraldo.workspaces.models import ApiKey, Membership, User, Workspace

runner = CliRunner()


def test_user_create_makes_the_workspace_and_an_owner(settings, db):
    result = runner.invoke(
        app, ["user", "create", "Ana@Example.com", "--password", "long enough", "--workspace", "Sol"]
    )
    assert result.exit_code == 0, result.output
    user = db.scalar(select(User).where(User.email == "ana@example.com"))
    workspace = db.scalar(select(Workspace).where(Workspace.name == "Sol"))
    membership = db.scalar(select(Membership).where(Membership.user_id == user.id))
    assert (membership.workspace_id, membership.role) == (workspace.id, "owner")
    again = runner.invoke(app, ["user", "create", "ana@example.com", "--password", "long enough", "--workspace", "Sol"])
    assert again.exit_code == 1
    assert "already exists" in again.output


def test_user_create_rejects_a_short_password(settings, db):
    result = runner.invoke(app, ["user", "create", "b@example.com", "--password", "short", "--workspace", "X"])
    assert result.exit_code == 1
    assert "password" in result.output
    assert db.scalar(select(Workspace.id)) is None  # nothing half-written


def test_apikey_create_prints_the_key_once_and_stores_its_hash(settings, db, client, make_tenant):
    make_tenant("Keys")
    result = runner.invoke(
        app, ["apikey", "create", "--workspace", "Keys", "--scope", "posts:read", "--scope", "analytics:view"]
    )
    assert result.exit_code == 0, result.output
    key = result.stdout.strip().splitlines()[0]
    stored = db.scalar(select(ApiKey).where(ApiKey.key_hash == hash_api_key(key)))
    assert stored.scopes == ["analytics:view", "posts:read"]
    assert client.get("/api/posts", headers={"Authorization": f"Bearer {key}"}).status_code == 200
    bad = runner.invoke(app, ["apikey", "create", "--workspace", "Keys", "--scope", "root"])
    assert bad.exit_code == 1
    assert "unknown scope" in bad.output
    missing = runner.invoke(app, ["apikey", "create", "--workspace", "Nope", "--scope", "admin"])
    assert missing.exit_code == 1


def test_migrate_is_idempotent(settings):
    result = runner.invoke(app, ["migrate"])
    assert result.exit_code == 0, result.output
    assert "up to date" in result.output


def test_worker_and_beat_refuse_to_start_without_a_broker(settings):
    for command in ("worker", "beat"):
        result = runner.invoke(app, [command])
        assert result.exit_code == 1
        assert "HERALDO_BROKER_URL" in result.output
