"""Review commands: ``review`` (the librarian's web app), ``users add``,
``corpus export``. Registered by ``register(main)`` (see reestr/cli.py)."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from reestr.commands_registry import db_option, echo_err

EXIT_USER = 1


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind (keep 127.0.0.1 unless behind a proxy with TLS).")
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--baseline", type=click.Path(path_type=Path), default=Path("corpus/baseline.json"),
              show_default=True, help="Golden-corpus scores shown on the overview page.")
@click.option("--secure-cookies", is_flag=True, help="Send cookies over HTTPS only.")
def review(db_url: str, host: str, port: int, baseline: Path, secure_cookies: bool) -> None:
    """Start the review web app for the librarian.

    Example: reestr users add anna && reestr review --db sqlite:///registry.sqlite
    """
    import uvicorn

    from registry.db import connect
    from review.app import create_app

    echo_err("preparing the review queue (new and reprocessed documents)…")
    app = create_app(connect(db_url), baseline=baseline, secure_cookies=secure_cookies)
    click.echo(f"Проверка документов: http://{host}:{port}/  (Ctrl+C — остановить)")
    uvicorn.run(app, host=host, port=port, log_level="warning")


@click.group()
def users() -> None:
    """Users of the review web app."""


@users.command("add")
@click.argument("name")
@db_option
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of stdin.")
def users_add(name: str, db_url: str, password_stdin: bool) -> None:
    """Create a user (the password is asked for, or read with --password-stdin).

    Example: echo 'secret-pass' | reestr users add anna --password-stdin
    """
    from sqlalchemy.orm import Session

    from registry.db import connect
    from review.auth import UserError, add_user

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Пароль", hide_input=True, confirmation_prompt=True)
    try:
        with Session(connect(db_url)) as session, session.begin():
            add_user(session, name, password)
    except UserError as exc:
        echo_err(str(exc))
        sys.exit(EXIT_USER)
    click.echo(f"user {name} added", err=True)


@click.group()
def corpus() -> None:
    """The golden corpus."""


@corpus.command("export")
@db_option
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path))
def corpus_export(db_url: str, out_dir: Path) -> None:
    """Write validated documents as golden-corpus files: DIR/<id>.txt and DIR/gold/<id>.json.

    Example: reestr corpus export --db sqlite:///registry.sqlite --out corpus/reviewed
    """
    from registry.db import connect
    from review.goldexport import export_validated

    written = export_validated(connect(db_url), out_dir)
    click.echo(f"{len(written)} validated documents written to {out_dir}", err=True)


def register(group: click.Group) -> None:
    for command in (review, users, corpus):
        group.add_command(command)
