"""CLI of the review app: users add, review (bind address), corpus export of
validated documents into the shared gold format; password hashing."""
from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.gold import find_pairs, load_gold
from registry.review_models import ReviewUser
from reestr.cli import main
from review.auth import authenticate, hash_password, verify_password
from review_support import DOC_ID, SOURCE, field_version, logged_in, make_registry

PERSON_KEY = f"@{SOURCE.index('Смирнова')}"
DATE_KEY = f"@{SOURCE.index('1 апреля')}"


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "registry.sqlite"
    return make_registry(path), f"sqlite:///{path}"


def test_review_cli_users_add_from_stdin(db) -> None:
    engine, url = db
    out = CliRunner().invoke(main, ["users", "add", "anna", "--db", url, "--password-stdin"],
                             input="long enough pass\n")
    assert out.exit_code == 0, out.output
    with Session(engine) as session:
        user = session.scalar(select(ReviewUser).where(ReviewUser.name == "anna"))
        assert user.password_hash.startswith("scrypt$") and "long enough pass" not in user.password_hash
        assert authenticate(session, "anna", "long enough pass") is not None
        assert authenticate(session, "anna", "long enough pasS") is None


@pytest.mark.parametrize("name, password", [("librarian", "another password"), ("boris", "short")])
def test_review_cli_users_add_refuses_duplicates_and_short_passwords(db, name, password) -> None:
    _engine, url = db
    out = CliRunner().invoke(main, ["users", "add", name, "--db", url, "--password-stdin"],
                             input=password + "\n")
    assert out.exit_code == 1


def test_review_password_hashes_are_salted() -> None:
    first, second = hash_password("одинаковый пароль"), hash_password("одинаковый пароль")
    assert first != second
    assert verify_password("одинаковый пароль", first) and not verify_password("другой пароль", first)


def test_review_cli_review_binds_localhost_and_prints_address(db, monkeypatch) -> None:
    _engine, url = db
    calls = {}
    monkeypatch.setattr("uvicorn.run", lambda app, host, port, **_: calls.update(host=host, port=port))
    out = CliRunner().invoke(main, ["review", "--db", url])
    assert out.exit_code == 0, out.output
    assert calls == {"host": "127.0.0.1", "port": 8000} and "http://127.0.0.1:8000/" in out.output


def test_review_cli_corpus_export_writes_gold_of_validated_documents(db, tmp_path) -> None:
    engine, url = db
    client, csrf = logged_in(engine)
    headers = {"X-CSRF-Token": csrf, "Accept": "application/json"}
    for data in ({"action": "edit", "table": "people", "key": PERSON_KEY, "field": "surname",
                  "value": "Смирнова-Лебедева"},
                 {"action": "reject", "table": "dates", "key": DATE_KEY, "field": "value"}):
        page = client.get(f"/documents/{DOC_ID}").text
        version = field_version(page, f"f-{data['table']}-{data['key']}-{data['field']}")
        assert client.post(f"/documents/{DOC_ID}/change", headers=headers,
                           data={**data, "version": version}).status_code == 200
    start = SOURCE.index("Лицея № 3")
    client.post(f"/documents/{DOC_ID}/add", headers=headers, data={
        "table": "schools", "start": start, "stop": start + 9, "text": "Лицея № 3"})
    out_dir = tmp_path / "golden"
    before = CliRunner().invoke(main, ["corpus", "export", "--db", url, "--out", str(out_dir)])
    assert before.exit_code == 0 and find_pairs(out_dir) == []
    version = re.search(r'name="version" value="([^"]+)"', client.get(f"/documents/{DOC_ID}").text)
    client.post(f"/documents/{DOC_ID}/validate", headers=headers, data={"version": version.group(1)})
    out = CliRunner().invoke(main, ["corpus", "export", "--db", url, "--out", str(out_dir)])
    assert out.exit_code == 0, out.output
    [(text, gold_path)] = find_pairs(out_dir)
    gold = load_gold(gold_path)
    assert text.read_text(encoding="utf-8") == SOURCE and gold["id"] == DOC_ID
    assert "Смирнова-Лебедева" in [p["surname"] for p in gold["people"]]
    assert gold["dates"] == ["2025-03-14"]
    assert [s["mention"] for s in gold["schools"]] == ["Лицея № 3"]
