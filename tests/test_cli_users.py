"""reestr users add | list | remove | passwd, and review with no users, on a
real SQLite registry in tmp_path. Password rules are review.auth's."""
from __future__ import annotations

import pytest
from click.testing import CliRunner
from sqlalchemy.orm import Session

from registry.db import connect
from reestr.cli import main
from review.auth import authenticate

PASSWORD = "a long pass phrase"


@pytest.fixture()
def url(tmp_path):
    url = f"sqlite:///{tmp_path / 'registry.sqlite'}"
    connect(url).dispose()
    return url


def invoke(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def add(url: str, name: str, password: str = PASSWORD):
    return invoke("users", "add", name, "--db", url, "--password-stdin", input=password + "\n")


def test_cli_users_list_shows_each_user(url):
    assert add(url, "anna").exit_code == 0 and add(url, "boris").exit_code == 0
    out = invoke("users", "list", "--db", url)
    assert out.exit_code == 0
    assert [line.split("\t")[0] for line in out.stdout.splitlines()] == ["anna", "boris"]


def test_cli_users_list_empty_says_how_to_add_one(url):
    out = invoke("users", "list", "--db", url)
    assert out.exit_code == 0 and out.stdout == "" and "reestr users add NAME" in out.stderr


def test_cli_users_remove_deletes_the_user(url):
    add(url, "anna")
    out = invoke("users", "remove", "anna", "--db", url)
    assert out.exit_code == 0, out.output
    assert invoke("users", "list", "--db", url).stdout == ""


def test_cli_users_remove_unknown_user_fails(url):
    out = invoke("users", "remove", "nobody", "--db", url)
    assert out.exit_code == 1 and "no user 'nobody'" in out.output


def test_cli_users_passwd_changes_the_password(url):
    add(url, "anna")
    out = invoke("users", "passwd", "anna", "--db", url, "--password-stdin", input="another long phrase\n")
    assert out.exit_code == 0, out.output
    with Session(connect(url)) as session:
        assert authenticate(session, "anna", "another long phrase") is not None
        assert authenticate(session, "anna", PASSWORD) is None


def test_cli_users_passwd_refuses_what_review_auth_refuses(url):
    add(url, "anna")
    out = invoke("users", "passwd", "anna", "--db", url, "--password-stdin", input="short\n")
    assert out.exit_code == 1
    with Session(connect(url)) as session:
        assert authenticate(session, "anna", PASSWORD) is not None


def test_cli_review_without_users_says_how_to_add_one(url, monkeypatch):
    monkeypatch.setattr("uvicorn.run", lambda *a, **k: pytest.fail("served with no users"))
    out = invoke("review", "--db", url)
    assert out.exit_code == 1 and "reestr users add NAME" in out.output


def test_cli_review_default_baseline_is_the_projects_from_any_folder(url, tmp_path, monkeypatch):
    from reestr.commands_review import PROJECT_BASELINE

    add(url, "anna")
    seen = {}
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("review.app.create_app", lambda engine, baseline, **_: seen.update(baseline=baseline))
    monkeypatch.setattr("uvicorn.run", lambda *a, **k: None)
    out = invoke("review", "--db", url)
    assert out.exit_code == 0, out.output
    assert seen["baseline"] == PROJECT_BASELINE and PROJECT_BASELINE.is_file()
