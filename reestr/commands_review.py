"""Review commands: ``review`` (the librarian's web app), ``users add | list |
remove | passwd``, ``corpus export``. Registered by ``register(main)`` (see
reestr/cli.py). Password rules live in review.auth; nothing here checks them."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from reestr.commands_registry import db_option, echo_err
from reestr.database import open_registry

EXIT_USER = 1
# The project's own scores, wherever the command runs from (the repository's corpus/).
PROJECT_BASELINE = Path(__file__).resolve().parent.parent / "corpus" / "baseline.json"


def user_count(engine) -> int:
    from sqlalchemy import func, select
    from sqlalchemy.orm import Session

    from registry.review_models import ReviewUser

    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(ReviewUser)) or 0


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind (keep 127.0.0.1 unless behind a proxy with TLS).")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option("--baseline", type=click.Path(path_type=Path), default=PROJECT_BASELINE,
              show_default="the project's corpus/baseline.json",
              help="Golden-corpus scores shown on the overview page.")
@click.option("--secure-cookies", is_flag=True, help="Send cookies over HTTPS only.")
@click.option("--reviewers-per-document", type=click.IntRange(1, 5), default=1, show_default=True,
              help="Different librarians who must validate a document before it counts as "
                   "validated; with 2 or more the overview shows their agreement per field.")
def review(db_url: str, host: str, port: int, baseline: Path, secure_cookies: bool,
           reviewers_per_document: int) -> None:
    """Start the review web app for the librarian.

    Needs a registry (reestr ingest) and at least one user (reestr users add).

    With --reviewers-per-document 2 a document counts as validated once two
    different librarians have validated it, and the overview shows how often
    they agree, per field.

    Example: reestr users add anna --db registry.sqlite && reestr review --db registry.sqlite
    """
    import uvicorn

    from review.app import create_app

    engine = open_registry(db_url, must_exist=True)
    if user_count(engine) == 0:
        echo_err(f"no users yet, so nobody could log in; add one first: reestr users add NAME --db {db_url}")
        sys.exit(EXIT_USER)
    echo_err("preparing the review queue (new and reprocessed documents)…")
    app = create_app(engine, baseline=baseline, secure_cookies=secure_cookies,
                     reviewers_per_document=reviewers_per_document)
    click.echo(f"Проверка документов: http://{host}:{port}/  (Ctrl+C — остановить)")
    uvicorn.run(app, host=host, port=port, log_level="warning")


@click.group(epilog="Example: reestr users add anna --db registry.sqlite")
def users() -> None:
    """Users of the review web app: add, list, remove, passwd."""


def read_password(password_stdin: bool) -> str:
    if password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt("Пароль", hide_input=True, confirmation_prompt=True)


password_stdin_option = click.option("--password-stdin", is_flag=True,
                                     help="Read the password from the first line of stdin.")


@users.command("add")
@click.argument("name")
@db_option
@password_stdin_option
def users_add(name: str, db_url: str, password_stdin: bool) -> None:
    """Create a user (the password is asked for, or read with --password-stdin).

    Example: echo 'a long pass phrase' | reestr users add anna --db registry.sqlite --password-stdin
    """
    from sqlalchemy.orm import Session

    from review.auth import UserError, add_user

    engine = open_registry(db_url)
    password = read_password(password_stdin)
    try:
        with Session(engine) as session, session.begin():
            add_user(session, name, password)
    except UserError as exc:
        echo_err(str(exc))
        sys.exit(EXIT_USER)
    click.echo(f"user {name} added", err=True)


@users.command("list")
@db_option
def users_list(db_url: str) -> None:
    """List the users, one per line: name and when they were added (UTC).

    Example: reestr users list --db registry.sqlite
    """
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from registry.review_models import ReviewUser

    with Session(open_registry(db_url, must_exist=True)) as session:
        rows = session.execute(select(ReviewUser.name, ReviewUser.created_at).order_by(ReviewUser.name)).all()
    for name, created in rows:
        click.echo(f"{name}\t{created:%Y-%m-%d %H:%M}" if created else name)
    if not rows:
        echo_err(f"no users; add one with: reestr users add NAME --db {db_url}")


@users.command("remove")
@click.argument("name")
@db_option
def users_remove(name: str, db_url: str) -> None:
    """Remove a user; their login sessions end. Their past changes stay in the audit.

    Example: reestr users remove anna --db registry.sqlite
    """
    from sqlalchemy import delete, select
    from sqlalchemy.orm import Session

    from registry.review_models import ReviewSession, ReviewUser

    with Session(open_registry(db_url, must_exist=True)) as session, session.begin():
        user = session.scalar(select(ReviewUser).where(ReviewUser.name == name.strip()))
        if user is None:
            echo_err(f"no user {name!r}")
            sys.exit(EXIT_USER)
        session.execute(delete(ReviewSession).where(ReviewSession.user_id == user.id))
        session.delete(user)
    click.echo(f"user {name} removed", err=True)


@users.command("passwd")
@click.argument("name")
@db_option
@password_stdin_option
def users_passwd(name: str, db_url: str, password_stdin: bool) -> None:
    """Set a new password for a user; their login sessions end.

    Example: reestr users passwd anna --db registry.sqlite
    """
    from sqlalchemy.orm import Session

    from review.auth import UserError, set_password

    engine = open_registry(db_url, must_exist=True)
    password = read_password(password_stdin)
    try:
        with Session(engine) as session, session.begin():
            set_password(session, name, password)
    except UserError as exc:
        echo_err(str(exc))
        sys.exit(EXIT_USER)
    click.echo(f"password of {name} changed", err=True)


@click.group(epilog="Example: reestr corpus export --db registry.sqlite --out corpus/reviewed")
def corpus() -> None:
    """The golden corpus grown by review: export."""


@corpus.command("export")
@db_option
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for <id>.txt and gold/<id>.json (created if needed).")
def corpus_export(db_url: str, out_dir: Path) -> None:
    """Write validated documents as golden-corpus files: DIR/<id>.txt and DIR/gold/<id>.json.

    Example: reestr corpus export --db registry.sqlite --out corpus/reviewed
    """
    from review.goldexport import export_validated

    written = export_validated(open_registry(db_url, must_exist=True), out_dir)
    click.echo(f"{len(written)} validated {'document' if len(written) == 1 else 'documents'} "
               f"written to {out_dir}", err=True)


def register(group: click.Group) -> None:
    for command in (review, users, corpus):
        group.add_command(command)
