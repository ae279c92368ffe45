"""The ``reestr`` program as a process: ``reestr extract`` ends without Python's
teardown (``reestr.startup.exit_now``), so these tests check from outside what that
must not lose: every record written and flushed, to a file and to standard output,
the tally on standard error, and the exit code of a run with a failed file."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import CORPUS


def reestr(*args: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reestr", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300)


@pytest.fixture
def documents(tmp_path):
    return [str(CORPUS / "c01.txt"), str(CORPUS / "c02.txt")]


def ids_of(lines: list[str]) -> list[str]:
    return [json.loads(line)["document"]["source"] for line in lines]


def test_extract_process_writes_every_record_to_a_file(documents, tmp_path):
    out = tmp_path / "records.jsonl"
    done = reestr("extract", *documents, "-o", str(out), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert ids_of(out.read_text(encoding="utf-8").splitlines()) == documents
    assert "2 of 2 documents written" in done.stderr


def test_extract_process_flushes_standard_output(documents, tmp_path):
    done = reestr("extract", *documents, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.endswith("\n")
    assert ids_of(done.stdout.splitlines()) == documents


def test_extract_process_keeps_the_exit_code_of_a_failed_file(documents, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out = tmp_path / "records.jsonl"
    done = reestr("extract", documents[0], str(empty), "-o", str(out), cwd=tmp_path)
    assert done.returncode == 1
    assert "[E101]" in done.stderr and "1 of 2 documents written" in done.stderr
    assert ids_of(out.read_text(encoding="utf-8").splitlines()) == documents[:1]


def test_other_commands_exit_as_usual(tmp_path):
    done = reestr("schema", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["title"]
    done = reestr("no-such-command", cwd=tmp_path)
    assert done.returncode == 2 and "No such command" in done.stderr


def test_exit_now_without_the_request_is_sys_exit(monkeypatch):
    from reestr import startup

    monkeypatch.setitem(startup._TEARDOWN, "skip", False)
    with pytest.raises(SystemExit) as ended:
        startup.exit_now(3)
    assert ended.value.code == 3


@pytest.mark.parametrize("given, expected", [(None, "__all__"), ("", ""), ("logfire", "logfire")])
def test_pydantic_plugins_off_unless_the_environment_says(tmp_path, given, expected):
    import os

    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    if given is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = given
    done = subprocess.run([sys.executable, "-c", "import os, reestr; "
                           "print(repr(os.environ['PYDANTIC_DISABLE_PLUGINS']))"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == repr(expected), done.stderr


def test_console_imports_the_command_line_with_the_collector_off_and_frozen(tmp_path):
    """reestr.console.run (the installed program's entry point) imports the command line
    with the collector off, freezes what the import made, and leaves the collector on."""
    code = ("import gc, sys\n"
            "from reestr import console\n"
            "sys.argv = ['reestr', '--version']\n"
            "try:\n    console.run()\nexcept SystemExit as done:\n    code = done.code\n"
            "print(code, gc.isenabled(), 'reestr.cli' in sys.modules, gc.get_freeze_count())")
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    code, enabled, imported, frozen = done.stdout.split()[-4:]
    assert (code, enabled, imported) == ("0", "True", "True")
    assert int(frozen) > 10_000  # click, pydantic and the schemas: tens of thousands of objects


def test_installed_program_starts_through_the_console_entry_point():
    from importlib.metadata import entry_points

    (script,) = [e for e in entry_points(group="console_scripts") if e.name == "reestr"]
    assert script.value == "reestr.console:run"
