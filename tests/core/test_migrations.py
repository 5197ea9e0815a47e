"""The models and the Alembic migrations describe the same schema, on SQLite and on PostgreSQL."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from heraldo.core.schema import metadata


def test_models_and_migrations_do_not_drift(database):
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, metadata)
    assert differences == [], f"models differ from migrations; run alembic revision --autogenerate: {differences}"


def test_sqlite_runs_with_wal_and_foreign_keys(database):
    if database.dialect != "sqlite":
        return
    with database.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
