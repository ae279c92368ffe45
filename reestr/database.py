"""What ``--db`` means, and database problems as one line each.

* ``--db registry.sqlite`` (a plain path, no ``://``) is that SQLite file.
* A command that only reads an existing registry (status, export, review...)
  refuses a SQLite file that does not exist instead of creating an empty one.
* An unreachable server or a bad URL is reported as one line naming the host
  and the cause (``DatabaseProblem``), not a traceback.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

DB_HELP = ("Registry database: a SQLite file path (registry.sqlite), or a URL: "
           "sqlite:///registry.sqlite, postgresql+psycopg://user@host:5432/reestr.")
DEFAULT_DB = "registry.sqlite"


class DatabaseProblem(Exception):
    """The registry cannot be opened or used; the message says why, on one line."""


def database_url(value: str) -> str:
    """A URL for ``--db``: a plain path becomes a SQLite URL."""
    return value if "://" in value else f"sqlite:///{value}"


def sqlite_path(url: str) -> Optional[Path]:
    """The file of a SQLite URL (None for other databases and :memory:)."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def where(url: str) -> str:
    """The database named for a person: a file path, or host:port/name (no password)."""
    from sqlalchemy.engine import make_url

    try:
        parsed = make_url(url)
    except Exception:  # noqa: BLE001 - an unparsable URL is named as given
        return url
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or ":memory:"
    port = f":{parsed.port}" if parsed.port else ""
    return f"{parsed.host or 'localhost'}{port}/{parsed.database or ''}"


def first_line(error: BaseException) -> str:
    """The cause of a database error: the driver's message, first line."""
    cause = getattr(error, "orig", None) or error
    lines = [line.strip() for line in str(cause).splitlines() if line.strip()]
    return lines[0] if lines else type(cause).__name__


def describe(error: BaseException, url: str) -> str:
    return f"database {where(url)}: {first_line(error)}"


def open_registry(value: str, must_exist: bool = False) -> Any:
    """An engine on the migrated registry named by ``--db``; DatabaseProblem if
    it cannot be opened (or, with ``must_exist``, a SQLite file is missing)."""
    from sqlalchemy.exc import ArgumentError, SQLAlchemyError

    from registry.db import connect

    url = database_url(value)
    try:
        path = sqlite_path(url)
    except ArgumentError as exc:
        raise DatabaseProblem(f"not a database URL: {value!r} ({first_line(exc)})") from None
    if must_exist and path is not None and not path.is_file():
        raise DatabaseProblem(f"no registry at {path}: the file does not exist "
                              f"(create one with: reestr ingest FOLDER --db {value})")
    try:
        return connect(url)
    except SQLAlchemyError as exc:
        raise DatabaseProblem(describe(exc, url)) from None
    except (ImportError, ValueError, OSError) as exc:  # no driver, a bad URL part, a folder not writable
        raise DatabaseProblem(f"database {where(url)}: {exc}") from None
    finally:
        OPENED.append(url)


OPENED: list[str] = []  # URLs opened by this command, to name the database in a later error


def problem_of(error: BaseException) -> Optional[str]:
    """One line for a database error raised while a command ran, else None."""
    from sqlalchemy.exc import SQLAlchemyError

    if isinstance(error, DatabaseProblem):
        return str(error)
    if isinstance(error, SQLAlchemyError):
        return describe(error, OPENED[-1]) if OPENED else f"database: {first_line(error)}"
    return None
