"""Open the registry: create the engine, tune SQLite, migrate to the newest
revision. ``connect(url)`` is the only way the rest of the code gets an engine."""
from __future__ import annotations

import json
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from registry.results import JSONText

DEFAULT_URL = "sqlite:///registry.sqlite"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_MS = 30_000
SQLITE_PRAGMAS = ("PRAGMA journal_mode=WAL", f"PRAGMA busy_timeout={SQLITE_BUSY_MS}",
                  "PRAGMA foreign_keys=ON", "PRAGMA synchronous=NORMAL")


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def _sqlite_setup(engine: Engine) -> None:
    """WAL, busy timeout, foreign keys; and real BEGIN so a transaction covers
    every statement (pysqlite's implicit transactions would not)."""

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_conn, _record) -> None:
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        for pragma in SQLITE_PRAGMAS:
            cursor.execute(pragma)
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(conn) -> None:
        conn.exec_driver_sql("BEGIN")


def dump_json(value: object) -> str:
    """JSON columns as UTF-8 text: Russian text escaped as \\uXXXX would take three
    times the bytes. Empty lists (most records' warnings) skip the encoder, and
    so does text a worker already serialised (``JSONText``)."""
    if isinstance(value, JSONText):
        return value
    if isinstance(value, list) and not value:
        return "[]"
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_MS / 1000},
                               json_serializer=dump_json)
        _sqlite_setup(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, json_serializer=dump_json)


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine) -> None:
    command.upgrade(alembic_config(engine), "head")


def connect(url: str = DEFAULT_URL) -> Engine:
    """An engine on a database migrated to the newest revision."""
    engine = make_engine(url)
    upgrade(engine)
    return engine


def sessions(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
