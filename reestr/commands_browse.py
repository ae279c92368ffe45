"""``reestr browse``: the SQLite registry, read-only, in Datasette (registry.browse).
Registered by ``register(main)`` (see reestr/cli.py)."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from reestr.commands_registry import db_option, echo_err

EXIT_BROWSE = 1


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind (keep 127.0.0.1: there is no login).")
@click.option("--port", default=8001, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on (0: any free port).")
def browse(db_url: str, host: str, port: int) -> None:
    """Browse the registry read-only in Datasette: tables with filters and facets,
    and canned queries (a school's timeline, a person's roles, decisions by
    deadline). SQLite registries only; nothing served can write to the file.

    Example: reestr browse --db registry.sqlite --port 8001   (then open http://127.0.0.1:8001/registry)
    """
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from reestr.database import database_url
    from registry.browse import BrowseError, datasette, serve

    try:
        url = make_url(database_url(db_url))
    except ArgumentError:
        echo_err(f"not a database URL: {db_url!r}")
        sys.exit(EXIT_BROWSE)
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        echo_err(f"browse serves a SQLite registry file; {url.get_backend_name()} is not supported "
                 "(export it with: reestr export --db URL)")
        sys.exit(EXIT_BROWSE)
    try:
        app = datasette(Path(url.database))
    except BrowseError as exc:
        echo_err(exc.message)
        sys.exit(EXIT_BROWSE)
    click.echo(f"reestr: serving {url.database} read-only at http://{host}:{port}/registry", err=True)
    serve(app, host, port)


def register(main: click.Group) -> None:
    main.add_command(browse)
