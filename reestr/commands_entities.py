"""``reestr entities``: list and search the registry's canonical schools, people
and organisations; ``reestr entities link`` links the rows not linked yet,
``reestr entities relink`` every row again
(registry.entities). Registered by ``register(main)`` (see reestr/cli.py)."""
from __future__ import annotations

from typing import Optional

import click

from reestr.commands_registry import db_option
from reestr.database import open_registry

KIND = click.Choice(["school", "person", "organization"])


@click.group(invoke_without_command=True)
@db_option
@click.option("--kind", type=KIND, help="Only entities of this kind.")
@click.option("--search", "query", help="Part of a name as written, or of its normalised form.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 100_000),
              help="At most this many entities.")
@click.pass_context
def entities(ctx: click.Context, db_url: str, kind: Optional[str], query: Optional[str], limit: int) -> None:
    """List the registry's schools, people and organisations (most documented
    first): id, kind, documents, first and last date seen, name.

    Example: reestr entities --db registry.sqlite --kind school --search Саранская
    """
    if ctx.invoked_subcommand is not None:
        return
    from registry.entities import find_entities

    for entity in find_entities(open_registry(db_url, must_exist=True), kind, query, limit):
        seen = f"{entity.first_seen or '—'}..{entity.last_seen or '—'}"
        click.echo(f"{entity.id}\t{entity.kind}\t{entity.documents}\t{seen}\t{entity.name}")


@entities.command()
@db_option
@click.option("--kind", "kinds", type=KIND, multiple=True, help="Only this kind (repeatable); default all.")
def relink(db_url: str, kinds: tuple[str, ...]) -> None:
    """Link every person, school and organisation row to its entity again
    (after a model or rule change). Entities keep their ids where their rows agree.

    Example: reestr entities relink --db registry.sqlite
    """
    from registry.entities import KINDS
    from registry.entities import relink as run

    for summary in run(open_registry(db_url, must_exist=True), kinds or tuple(KINDS)):
        click.echo(f"{summary.kind}: {summary.rows} rows, {summary.entities} entities "
                   f"({summary.created} new, {summary.deleted} deleted), {summary.relinked_rows} rows relinked")


@entities.command()
@db_option
def link(db_url: str) -> None:
    """Link the rows no entity holds yet (newly ingested documents) to the
    entities already there, or to new ones; the rest of the registry is not touched.

    Example: reestr entities link --db registry.sqlite
    """
    from registry.entity_incremental import link_new

    for summary in link_new(open_registry(db_url, must_exist=True)):
        click.echo(f"{summary.kind}: {summary.rows} new rows, {summary.created} new entities, "
                   f"{summary.relinked_rows} rows linked")


def register(main: click.Group) -> None:
    main.add_command(entities)
