"""reestr entities (list, search) and reestr entities relink on a SQLite registry."""
from __future__ import annotations

import datetime as dt

from click.testing import CliRunner

from reestr.cli import main
from test_entities_relink import add_document, archive, db  # noqa: F401  (fixtures)


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_entities_cli_relink_reports_each_kind(archive, tmp_path) -> None:
    outcome = run("entities", "relink", "--db", str(tmp_path / "registry.sqlite"))
    assert outcome.exit_code == 0, outcome.output
    assert "school: 4 rows, 3 entities (3 new, 0 deleted), 4 rows relinked" in outcome.output


def test_entities_cli_search_finds_a_school_by_another_form(archive, tmp_path) -> None:
    path = str(tmp_path / "registry.sqlite")
    run("entities", "relink", "--db", path)
    outcome = run("entities", "--db", path, "--kind", "school", "--search", "Ольховской")
    lines = outcome.output.strip().splitlines()
    assert outcome.exit_code == 0 and len(lines) == 1
    assert lines[0].split("\t")[1:4] == ["school", "2", "2025-02-01..2025-05-01"]


def test_entities_cli_refuses_a_missing_registry(tmp_path) -> None:
    outcome = run("entities", "--db", str(tmp_path / "none.sqlite"))
    assert outcome.exit_code != 0 and "does not exist" in outcome.output
    assert not (tmp_path / "none.sqlite").exists()


def test_entities_cli_link_links_only_new_rows(archive, tmp_path) -> None:
    path = str(tmp_path / "registry.sqlite")
    run("entities", "relink", "--db", path)
    add_document(archive, 3, "Ивановская область", dt.date(2025, 9, 1), people=[dict(surname="Белогоров", initials="Д.А.")])
    outcome = run("entities", "link", "--db", path)
    assert outcome.exit_code == 0 and "person: 1 new rows, 0 new entities, 1 rows linked" in outcome.output


def test_entities_cli_merge_refuses_an_unknown_entity(archive, tmp_path) -> None:
    path = str(tmp_path / "registry.sqlite")
    run("entities", "relink", "--db", path)
    outcome = run("entities", "merge", "--db", path, "--by", "anna", "1", "999")
    assert outcome.exit_code == 1 and outcome.output.strip() == "reestr: no entity 999"


def test_entities_cli_merge_reports_the_kept_entity(archive, tmp_path) -> None:
    path = str(tmp_path / "registry.sqlite")
    run("entities", "relink", "--db", path)
    outcome = run("entities", "merge", "--db", path, "--by", "anna", "3", "4")
    assert outcome.exit_code == 0 and outcome.output.strip() == "merged into entity 3"
