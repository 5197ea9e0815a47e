"""Alembic environment: Heraldo's metadata, the URL from the config or HERALDO_DATABASE_URL."""

from alembic import context

from heraldo.core.db import make_engine, normalise_url
from heraldo.core.schema import metadata
from heraldo.core.settings import get_settings

config = context.config


def database_url() -> str:
    return config.get_main_option("sqlalchemy.url") or normalise_url(get_settings().database_url)


def render_item(type_, obj, autogen_context):
    # UTCDateTime is stored as a plain timezone-aware DateTime; migrations need not import Heraldo types.
    if type_ == "type" and type(obj).__name__ == "UTCDateTime":
        return "sa.DateTime(timezone=True)"
    return False


def run_migrations_offline() -> None:
    context.configure(url=database_url(), target_metadata=metadata, literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = make_engine(database_url())
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            render_item=render_item,
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
