"""The registry database: SQLAlchemy models, Alembic migrations and the
repository functions the batch runner, the CLI and the review app use."""
