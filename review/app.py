"""The FastAPI application: login (throttled), security headers, bounded
request bodies, error pages, static files; the review pages themselves are in
review/routes.py.

Nothing blocking runs on the event loop: database work runs in Starlette's
worker threads and password hashing (scrypt) in a small pool of its own, so
a burst of logins can neither stall the loop nor take every worker thread."""
from __future__ import annotations

import asyncio
import contextlib
import math
import os
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Optional

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from review import routes
from review.auth import (SESSION_HOURS, UserError, check_name, close_session, open_session,
                         same_token, stored_hash, verify_password)
from review.guard import BODY_TIMEOUT_S, SECURITY_HEADERS, BodyGuard, SecurityHeaders
from review.queue import sync
from review.throttle import Throttle
from review.web import (LOGIN_COOKIE, PACKAGE, SESSION_COOKIE, LoginRequired, db, form_data,
                        login_token, posted, set_cookie, templates, wants_json)

__all__ = ["SECURITY_HEADERS", "create_app"]
HASH_THREADS = 1            # scrypt computations at a time (each ~16 MiB, ~0.1 s of one core)
HASH_NICE = 10              # ... at a lower CPU priority than the pages librarians wait for
# The event loop gives up the GIL at every socket call and, with worker threads
# busy, waits a whole switch interval (5 ms by default) to get it back: a page
# with a dozen socket calls then takes a tenth of a second. 0.5 ms keeps it snappy.
SWITCH_INTERVAL_S = 0.0005
MAX_PASSWORD_INPUT = 1024   # longer login passwords are refused before hashing
# per client address: 5 free failures, then 1 s doubling up to 5 s between attempts;
# per account: 3 free failures, then 0.5 s doubling up to 5 s (never a longer lockout)
ADDRESS_THROTTLE = dict(free=5, base=1.0, cap=5.0)
ACCOUNT_THROTTLE = dict(free=3, base=0.5, cap=5.0)


class ReviewApp(FastAPI):
    """FastAPI with the body guard and the security headers outside
    everything else, a 500 from Starlette's error middleware included."""

    def build_middleware_stack(self) -> Any:
        inner = super().build_middleware_stack()
        return SecurityHeaders(BodyGuard(inner, timeout=self.state.body_timeout))


def create_app(engine: Engine, *, baseline: Optional[Path] = None, sync_interval: float = 10.0,
               secure_cookies: bool = False, body_timeout: float = BODY_TIMEOUT_S,
               reviewers_per_document: int = 1) -> FastAPI:
    """``sync_interval``: at most this often the queue picks up new or
    reprocessed documents from the registry (0: on every queue request).
    ``body_timeout``: seconds a client has to send a whole request body.
    ``reviewers_per_document``: different reviewers who must validate a
    document before it counts as validated (review.agreement)."""
    app = ReviewApp(title="reestr: проверка", docs_url=None, redoc_url=None, openapi_url=None,
                    lifespan=tuned)
    app.state.engine = engine
    app.state.templates = templates()
    app.state.baseline = baseline or Path("corpus/baseline.json")
    app.state.sync_interval = sync_interval
    app.state.last_sync = 0.0
    app.state.cache = {}
    app.state.body_timeout = body_timeout
    app.state.by_address = Throttle(**ADDRESS_THROTTLE)
    app.state.by_account = Throttle(**ACCOUNT_THROTTLE)
    app.state.hasher = ThreadPoolExecutor(HASH_THREADS, thread_name_prefix="review-scrypt",
                                           initializer=lower_priority)
    app.state.secure_cookies = secure_cookies
    app.state.reviewers = reviewers_per_document
    app.mount("/static", StaticFiles(directory=PACKAGE / "static"), name="static")
    install_handlers(app)
    add_login_routes(app)
    routes.add_routes(app)
    with Session(engine) as session, session.begin():
        sync(session)
    app.state.last_sync = time.monotonic()
    return app


@contextlib.asynccontextmanager
async def tuned(_app: FastAPI):
    """Server-wide settings for a process that serves the app."""
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    yield


def error_page(request: Request, status: int, message: str,
               headers: Optional[dict[str, str]] = None) -> Response:
    if wants_json(request):
        return JSONResponse({"error": message}, status_code=status, headers=headers)
    return request.app.state.templates.TemplateResponse(
        request, "error.html", {"message": message, "auth": None}, status_code=status,
        headers=headers)


def install_handlers(app: FastAPI) -> None:
    @app.exception_handler(LoginRequired)
    async def to_login(request: Request, _exc: LoginRequired) -> Response:
        return RedirectResponse("/login", status_code=303)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "Ошибка запроса."
        if exc.status_code == 404 and message == "Not Found":
            message = "Страница не найдена."
        if exc.status_code == 405:
            message = "Этот адрес не принимает такой запрос (изменения — только через форму)."
        return error_page(request, exc.status_code, message, getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def server_error(request: Request, _exc: Exception) -> Response:
        return error_page(request, 500, "Внутренняя ошибка сервера: действие не выполнено, "
                                        "ничего не сохранено. Повторите позже.")


def lower_priority() -> None:
    """Run this (hashing) thread at a lower priority: Linux gives threads their own nice value."""
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), HASH_NICE)
    except (AttributeError, OSError):
        pass


def check_login(engine: Engine, name: str) -> tuple[Optional[int], str]:
    with Session(engine) as session:
        return stored_hash(session, name)


def start_session(request: Request, user_id: int) -> str:
    with db(request) as session, session.begin():
        return open_session(session, user_id)


def add_login_routes(app: FastAPI) -> None:
    @app.get("/login", response_class=HTMLResponse)
    def login_page(request: Request) -> Response:
        token = login_token(request)
        response = app.state.templates.TemplateResponse(
            request, "login.html", {"auth": None, "login_csrf": token, "error": None})
        set_cookie(response, LOGIN_COOKIE, token, app.state.secure_cookies)
        return response

    @app.post("/login")
    async def login(request: Request) -> Response:
        data = await form_data(request)
        if not same_token(request.cookies.get(LOGIN_COOKIE), data.get("csrf_token")):
            raise HTTPException(403, "Запрос отклонён: неверный CSRF-токен. Обновите страницу.")
        try:
            name = check_name(data.get("name", ""))
        except UserError:
            raise HTTPException(400, "Недопустимое имя пользователя: не длиннее 128 знаков, "
                                     "недопустимые символы (управляющие коды) запрещены.") from None
        password = data.get("password", "")
        if len(password) > MAX_PASSWORD_INPUT:
            raise HTTPException(400, "Слишком длинный пароль.")
        address = request.client.host if request.client else "-"
        wait = max(app.state.by_address.wait(address), app.state.by_account.wait(name))
        if wait > 0:
            seconds = math.ceil(wait)
            raise HTTPException(429, f"Слишком много неудачных попыток входа. Повторите через "
                                     f"{seconds} с.", headers={"Retry-After": str(seconds)})
        # counted as failures until proven right, so a burst cannot slip past the throttle
        app.state.by_address.failed(address)
        app.state.by_account.failed(name)
        user_id, stored = await run_in_threadpool(check_login, app.state.engine, name)
        right = await asyncio.get_running_loop().run_in_executor(
            app.state.hasher, verify_password, password, stored)
        if user_id is None or not right:
            token = login_token(request)
            return app.state.templates.TemplateResponse(
                request, "login.html", {"auth": None, "login_csrf": token,
                                        "error": "Неверное имя пользователя или пароль."},
                status_code=401)
        app.state.by_address.forgive(address)
        app.state.by_account.succeeded(name)
        token = await run_in_threadpool(start_session, request, user_id)
        response = RedirectResponse("/queue", status_code=303)
        set_cookie(response, SESSION_COOKIE, token, app.state.secure_cookies,
                   max_age=SESSION_HOURS * 3600)
        response.delete_cookie(LOGIN_COOKIE, path="/")
        return response

    @app.post("/logout")
    async def logout(request: Request) -> Response:
        data = await form_data(request)

        def work() -> None:
            posted(request, data)
            with db(request) as session, session.begin():
                close_session(session, request.cookies.get(SESSION_COOKIE))

        await run_in_threadpool(work)
        response = RedirectResponse("/login", status_code=303)
        response.delete_cookie(SESSION_COOKIE, path="/")
        return response
