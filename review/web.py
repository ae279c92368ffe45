"""Request plumbing shared by the routes: database sessions, the logged-in
user, CSRF checks, templates and Russian error pages.

Sessions are short: a page opens one, reads, renders and closes it before
answering; a POST has its whole form already (review.guard reads bodies
first), checks the user in one short read and then does its work in one
write transaction in a worker thread, never on the event loop."""
from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any, Optional

from fastapi import HTTPException, Request
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy.orm import Session

from review.auth import Auth, lookup, same_token
from review.fields import FIELD_LABELS, RECORD_LABELS
from review.ru import DOC_TYPE_LABELS, STATUS_LABELS, audit_value, plural, ru_date

PACKAGE = Path(__file__).resolve().parent
SESSION_COOKIE = "reestr_session"
LOGIN_COOKIE = "reestr_login_csrf"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"


class LoginRequired(Exception):
    """Raised by ``user`` on a page request without a valid session."""


def templates() -> Jinja2Templates:
    env = Environment(loader=FileSystemLoader(PACKAGE / "templates"),
                      autoescape=select_autoescape(["html", "xml"], default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters.update(ru_date=ru_date,
                       audit_value=lambda value, table="", field="": audit_value(
                           value, FIELD_LABELS, table, field))
    field_names = {**FIELD_LABELS, "_rejected": "вся запись", "_record": "новая запись",
                   "_mention": "упоминание",
                   "status": "статус документа"}
    env.globals.update(STATUS_LABELS=STATUS_LABELS, DOC_TYPE_LABELS=DOC_TYPE_LABELS, plural=plural,
                       FIELD_NAMES=field_names, RECORD_LABELS=RECORD_LABELS)
    return Jinja2Templates(env=env)


def db(request: Request) -> Session:
    """A new session (use it in a ``with`` block and close it before answering)."""
    return Session(request.app.state.engine, expire_on_commit=False)


def current(request: Request, session: Session) -> Optional[Auth]:
    return lookup(session, request.cookies.get(SESSION_COOKIE))


def user(request: Request, session: Session) -> Auth:
    """The logged-in user of a page; otherwise off to the login page."""
    auth = current(request, session)
    if auth is None:
        raise LoginRequired()
    return auth


async def form_data(request: Request) -> dict[str, Any]:
    form = await request.form()
    return {k: v for k, v in form.items() if isinstance(v, str)}


def posted(request: Request, data: dict[str, Any]) -> Auth:
    """The user of a state-changing request, after the CSRF check (token from
    the X-CSRF-Token header or the form's csrf_token field). Blocking: call
    it in a worker thread."""
    with db(request) as session:
        auth = current(request, session)
    if auth is None:
        raise HTTPException(401, "Войдите в систему.")
    given = request.headers.get(CSRF_HEADER) or data.get(CSRF_FIELD)
    if not same_token(auth.csrf_token, given):
        raise HTTPException(403, "Запрос отклонён: неверный CSRF-токен. Обновите страницу.")
    return auth


def login_token(request: Request) -> str:
    return request.cookies.get(LOGIN_COOKIE) or secrets.token_urlsafe(32)


def wants_json(request: Request) -> bool:
    return "application/json" in request.headers.get("accept", "")


def set_cookie(response: Any, name: str, value: str, secure: bool, max_age: Optional[int] = None) -> None:
    response.set_cookie(name, value, httponly=True, samesite="lax", secure=secure, path="/",
                        max_age=max_age)
