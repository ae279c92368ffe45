"""Alembic environment: the engine comes from registry.db (config.attributes),
or from the sqlalchemy.url option when alembic runs from the command line."""
from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from registry.fulltext import include_name
from registry.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    engine = config.attributes.get("engine")
    if engine is None:
        engine = create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata,
                          render_as_batch=connection.dialect.name == "sqlite",
                          include_name=include_name)
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations_online()
