"""What the review app refuses, and how: typed values checked against their
column's type and length (a Russian 400, never a 500) on SQLite and on a real
PostgreSQL server, security headers on every answer including a 500,
passwords as ASVS level 1 asks, and login throttling per address and per
account that slows guessing without locking the right password out."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from conftest_pg import pg_url  # noqa: F401  (the session fixture)
from registry import models as m
from registry.store import write_document
from review import changes
from review.app import ACCOUNT_THROTTLE, ADDRESS_THROTTLE, SECURITY_HEADERS, create_app
from review.auth import UserError, add_user, check_password, set_password
from review.throttle import Throttle
from review_support import (empty_registry, DOC_ID, PASSWORD, SOURCE, USER, csrf_of, field_version, logged_in,
                            login, record, result)

DOC = f"/documents/{DOC_ID}"
JSON = {"Accept": "application/json"}
KEYS = {"people": f"@{SOURCE.index('Смирнова')}", "counts": f"@{SOURCE.index('35 руководителей')}",
        "dates": f"@{SOURCE.index('1 апреля')}"}


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, tmp_path):
    engine = empty_registry(request, tmp_path)
    with Session(engine) as session, session.begin():
        write_document(session, result(record()))
        add_user(session, USER, PASSWORD)
    yield engine
    engine.dispose()


def edit(client, csrf, table, field, value):
    key = KEYS[table]
    version = field_version(client.get(DOC).text, f"f-{table}-{key}-{field}")
    return client.post(f"{DOC}/change", headers={"X-CSRF-Token": csrf, **JSON}, data={
        "action": "edit", "table": table, "key": key, "field": field, "value": value,
        "version": version})


@pytest.mark.parametrize("table, field, value, message", [
    ("counts", "value", "²", "целое число"),
    ("counts", "value", str(2 ** 63), "целое число"),
    ("counts", "value", str(2 ** 31), "целое число"),
    ("people", "initials", "А." * 9, "не длиннее 16"),
    ("people", "position", "директор" * 1251, "не длиннее 10000"),
    ("people", "position", "дир\x00ектор", "недопустимые символы"),
])
def test_review_guard_bad_value_gets_russian_400(engine, table, field, value, message) -> None:
    client, csrf = logged_in(engine)
    response = edit(client, csrf, table, field, value)
    assert response.status_code == 400 and message in response.json()["error"]


def test_review_guard_long_selection_number_is_refused(engine) -> None:
    client, csrf = logged_in(engine)
    with Session(engine) as session, session.begin():
        doc = session.get(m.Document, DOC_ID)
        long_number = "школа № " + "7" * 40
        doc.text = SOURCE + long_number
    start = len(SOURCE)
    response = client.post(f"{DOC}/add", headers={"X-CSRF-Token": csrf, **JSON}, data={
        "table": "schools", "start": start, "stop": start + len(long_number), "text": long_number})
    assert response.status_code == 400 and "не длиннее 32" in response.json()["error"]


def test_review_guard_nul_in_login_name_is_refused(engine) -> None:
    client = TestClient(create_app(engine, sync_interval=0))
    response = login(client, "anna\x00", "whatever")
    assert response.status_code == 400 and "недопустимые символы" in response.text


def test_review_guard_server_error_keeps_security_headers(engine, monkeypatch) -> None:
    client = TestClient(create_app(engine, sync_interval=0), raise_server_exceptions=False)
    assert login(client).status_code == 303
    csrf = csrf_of(client.get("/queue").text)

    def broken(*_args, **_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(changes, "change", broken)
    response = client.post(f"{DOC}/change", headers={"X-CSRF-Token": csrf}, data={"action": "accept"})
    assert response.status_code == 500 and "Внутренняя ошибка" in response.text
    for name, value in SECURITY_HEADERS.items():
        assert response.headers.get(name) == value


def test_review_guard_too_large_body_is_refused(engine) -> None:
    client, csrf = logged_in(engine)
    response = client.post(f"{DOC}/change", headers={"X-CSRF-Token": csrf, **JSON},
                           data={"action": "edit", "value": "я" * 1_000_000})
    assert response.status_code == 413 and "слишком" in response.json()["error"]
    assert response.headers["content-security-policy"] == SECURITY_HEADERS["Content-Security-Policy"]


@pytest.mark.parametrize("password", ["password", "correcthors", "password1234", "qwertyuiop123",
                                      "ЙЦУКЕНГШЩЗХЪ"])
def test_review_auth_weak_password_is_refused(password) -> None:
    with pytest.raises(UserError):
        check_password(password)


def test_review_auth_long_uncommon_password_is_accepted() -> None:
    check_password("синий трамвай 1987")


def test_review_throttle_grows_the_delay_and_caps_it() -> None:
    now = [0.0]
    throttle = Throttle(free=3, base=0.5, cap=4.0, clock=lambda: now[0])
    waits = []
    for _ in range(8):
        waits.append(throttle.wait("anna"))
        throttle.failed("anna")
    assert waits == [0.0, 0.0, 0.0, 0.0, 0.5, 1.0, 2.0, 4.0] and throttle.wait("anna") == 4.0
    delays = []
    for _ in range(3):
        delays.append(throttle.wait("anna"))
        now[0] += throttle.wait("anna")
        throttle.failed("anna")
    assert delays == [4.0, 4.0, 4.0]


def test_review_throttle_memory_is_bounded() -> None:
    throttle = Throttle(free=3, base=0.5, cap=4.0, max_keys=100)
    for n in range(10_000):
        throttle.failed(f"name{n}")
    assert len(throttle) == 100


def test_review_throttle_success_clears_the_account() -> None:
    throttle = Throttle(free=0, base=1.0, cap=4.0, clock=lambda: 0.0)
    throttle.failed("anna")
    throttle.succeeded("anna")
    assert throttle.wait("anna") == 0.0


def on_a_clock(engine):
    """A client of an app whose login throttles run on a clock the test moves."""
    app = create_app(engine, sync_interval=0)
    now = [0.0]
    app.state.by_address = Throttle(**ADDRESS_THROTTLE, clock=lambda: now[0])
    app.state.by_account = Throttle(**ACCOUNT_THROTTLE, clock=lambda: now[0])
    return TestClient(app), now


def test_review_login_right_password_gets_in_within_seconds(engine) -> None:
    client, now = on_a_clock(engine)
    codes = [login(client, USER, "wrong password").status_code for _ in range(10)]
    refused = login(client)
    assert set(codes) == {401, 429} and refused.status_code == 429
    retry_after = int(refused.headers["retry-after"])
    assert retry_after <= 5
    now[0] += retry_after
    assert login(client).status_code == 303


def test_review_login_many_names_from_one_address_are_slowed(engine) -> None:
    client, _now = on_a_clock(engine)
    codes = [login(client, f"name{n}", "wrong password").status_code for n in range(30)]
    assert codes[:6] == [401] * 6 and set(codes[6:]) == {429}


def test_review_login_keeps_no_huge_names(engine) -> None:
    client = TestClient(create_app(engine, sync_interval=0))
    response = login(client, "я" * 1_000, "wrong password")
    assert response.status_code == 400 and "имя" in response.text.lower()


def test_review_guard_query_with_nul_is_harmless(engine) -> None:
    client, _csrf = logged_in(engine)
    response = client.get("/queue", params={"q": "смир\x00нова", "region": "\x00", "doc_type": "\x00"})
    assert response.status_code == 200


def test_review_auth_new_password_ends_sessions_and_follows_the_rules(engine) -> None:
    client, _csrf = logged_in(engine)
    with Session(engine) as session, session.begin():
        with pytest.raises(UserError):
            set_password(session, USER, "password1234")
        set_password(session, USER, "синий трамвай 1987")
    assert client.get("/queue", follow_redirects=False).status_code == 303  # logged out
    assert login(client, USER, "синий трамвай 1987").status_code == 303
