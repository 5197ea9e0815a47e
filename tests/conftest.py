"""Shared fixtures. Every test that asks for `database`, `db`, `app` or `client` runs on SQLite and on
PostgreSQL (a fresh database per run, dropped at the end). In CI a missing PostgreSQL or Redis fails
the run instead of skipping.

Reuse: `client` (TestClient with lifespan), `tenant` / `make_tenant` (a workspace with an owner and an
admin API key), `settings` (HERALDO_* env for code that calls get_settings(), e.g. jobs).
"""

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from heraldo.app import create_app
from heraldo.core.db import Database
from heraldo.core.migrations import upgrade
from heraldo.core.schema import metadata
from heraldo.core.settings import Settings, get_settings
from tests.factories import Tenant, create_tenant

IN_CI = os.environ.get("CI", "").lower() == "true"
POSTGRES_ADMIN_URL = os.environ.get("HERALDO_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("HERALDO_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


def unavailable(what: str, error: Exception) -> None:
    """A service the test needs is down: a failure in CI, a skip on a developer's machine."""
    message = f"{what} is not reachable: {error}"
    if IN_CI:
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def _postgres_database(tag: str) -> Iterator[str]:
    name = f"heraldo_test_{tag}_{uuid.uuid4().hex[:8]}"
    try:
        admin = psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        unavailable("PostgreSQL", exc)
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    base = POSTGRES_ADMIN_URL.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(request, tmp_path_factory) -> Iterator[str]:
    """A migrated, empty database of each kind, shared by the tests of one run."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'heraldo.db'}"
        upgrade(url)
        yield url
    else:
        for url in _postgres_database("main"):
            upgrade(url)
            yield url


@pytest.fixture(scope="session")
def _session_database(database_url) -> Iterator[Database]:
    database = Database(database_url)
    yield database
    database.dispose()


def truncate_all(database: Database) -> None:
    tables = [table.name for table in reversed(metadata.sorted_tables)]
    with database.engine.begin() as connection:
        if database.dialect == "postgresql":
            connection.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        else:
            for name in tables:
                connection.execute(text(f"DELETE FROM {name}"))


@pytest.fixture
def database(_session_database) -> Database:
    """The run's database of this backend, emptied before the test."""
    truncate_all(_session_database)
    return _session_database


@pytest.fixture
def db(database):
    session = database.sessionmaker()
    yield session
    session.rollback()
    session.close()


@pytest.fixture
def settings(database, tmp_path, monkeypatch) -> Settings:
    """Settings for this test, also visible to code that calls get_settings() (jobs, CLI)."""
    env = {
        "HERALDO_DATABASE_URL": database.url,
        "HERALDO_DATA_DIR": str(tmp_path / "data"),
        "HERALDO_SECRET_KEY": "test-secret-key-of-sufficient-length",
        "HERALDO_LOG_LEVEL": "WARNING",
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("HERALDO_BROKER_URL", raising=False)
    get_settings.cache_clear()
    yield Settings()
    get_settings.cache_clear()


@pytest.fixture
def app(settings):
    return create_app(settings, run_jobs=False)


@pytest.fixture
def client(app) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def make_tenant(db):
    """make_tenant("Name") -> Tenant with an owner user, an admin API key and bearer headers."""
    return lambda name="Acme", **kwargs: create_tenant(db, name, **kwargs)


@pytest.fixture
def tenant(make_tenant) -> Tenant:
    return make_tenant("Acme")


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
