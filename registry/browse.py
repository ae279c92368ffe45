"""The registry served read-only through Datasette (``reestr browse``).

The SQLite file is opened ``mode=ro`` (it may be written by an ingest at the
same time; ``immutable=1`` would ignore its write-ahead log), and the database
object refuses the write connection Datasette would open for write queries, so
nothing served here can change the file. Canned queries live in
browse_metadata.json; arbitrary SQL is off, so the review app's credentials
(review_users, review_sessions), which are also denied as tables, stay unread.
"""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from schemas.errors import ReestrError

METADATA = Path(__file__).with_name("browse_metadata.json")
NAME = "registry"


class BrowseError(ReestrError):
    """The registry cannot be served: not a SQLite file, missing, or not a registry."""
    code = "E400"


def metadata() -> dict[str, Any]:
    return json.loads(METADATA.read_text(encoding="utf-8"))


def registry_file(path: Path) -> Path:
    """The registry file to serve; BrowseError unless it is a SQLite registry."""
    if not path.is_file():  # missing, a folder, or a special file: nothing is opened
        raise BrowseError(f"no registry at {path}: not a regular file")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            found = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='documents'").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise BrowseError(f"{path} is not a SQLite registry ({exc})") from None
    if not found:
        raise BrowseError(f"{path} is not a registry: it has no documents table (reestr ingest makes one)")
    return path


def read_only_database_class():
    from datasette.database import Database

    class ReadOnlyDatabase(Database):
        """Datasette's database, without its write connection."""

        def connect(self, write: bool = False):
            if write:
                raise PermissionError("the registry is served read-only")
            return super().connect(write=False)

    return ReadOnlyDatabase


def datasette(path: Path) -> Any:
    """A Datasette instance serving the registry file read-only, with the canned queries."""
    from datasette.app import Datasette

    ds = Datasette(metadata=metadata(), settings={"allow_download": False})
    database = read_only_database_class()(ds, path=str(registry_file(path)), is_mutable=True)
    ds.add_database(database, name=NAME)
    return ds


def serve(ds: Any, host: str, port: int) -> None:
    """Serve a ``datasette(path)`` until interrupted (uvicorn, as ``datasette serve`` does)."""
    import uvicorn

    uvicorn.run(ds.app(), host=host, port=port, log_level="warning")
