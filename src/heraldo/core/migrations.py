"""Alembic, driven from code: `heraldo migrate` and the test fixtures call `upgrade`."""

from pathlib import Path

from alembic import command
from alembic.config import Config

from heraldo.core.db import normalise_url

# src/heraldo/core/migrations.py -> repository root / migrations (the package is installed editable).
MIGRATIONS_DIR = Path(__file__).resolve().parents[3] / "migrations"


def alembic_config(database_url: str) -> Config:
    if not MIGRATIONS_DIR.is_dir():
        raise RuntimeError(f"migrations folder not found at {MIGRATIONS_DIR}; install Heraldo with `pip install -e .`")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", normalise_url(database_url).replace("%", "%%"))
    return config


def upgrade(database_url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(database_url), revision)
