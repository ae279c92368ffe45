"""The FastAPI application: login, security headers, error pages, static
files; the review pages themselves are in review/routes.py."""
from __future__ import annotations

import time
from pathlib import Path
from typing import Optional

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from review import routes
from review.auth import authenticate, close_session, open_session, same_token, SESSION_HOURS
from review.queue import sync
from review.web import (LOGIN_COOKIE, PACKAGE, SESSION_COOKIE, LoginRequired, db, form_data,
                        login_token, posted, set_cookie, templates, wants_json)

LOGIN_ATTEMPTS, LOGIN_WINDOW_S = 10, 600  # failed logins per user name per window
SECURITY_HEADERS = {
    "Content-Security-Policy": ("default-src 'self'; script-src 'self'; style-src 'self'; "
                                "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; "
                                "form-action 'self'; base-uri 'none'"),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}


def create_app(engine: Engine, *, baseline: Optional[Path] = None, sync_interval: float = 10.0,
               secure_cookies: bool = False) -> FastAPI:
    """``sync_interval``: at most this often the queue picks up new or
    reprocessed documents from the registry (0: on every queue request)."""
    app = FastAPI(title="reestr: проверка", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.engine = engine
    app.state.templates = templates()
    app.state.baseline = baseline or Path("corpus/baseline.json")
    app.state.sync_interval = sync_interval
    app.state.last_sync = 0.0
    app.state.cache = {}
    app.state.failed_logins = {}
    app.state.secure_cookies = secure_cookies
    app.mount("/static", StaticFiles(directory=PACKAGE / "static"), name="static")
    install_handlers(app)
    add_login_routes(app)
    routes.add_routes(app)
    with Session(engine) as session, session.begin():
        sync(session)
    app.state.last_sync = time.monotonic()
    return app


def install_handlers(app: FastAPI) -> None:
    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

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
        if wants_json(request):
            return JSONResponse({"error": message}, status_code=exc.status_code,
                                headers=getattr(exc, "headers", None))
        return request.app.state.templates.TemplateResponse(
            request, "error.html", {"message": message, "auth": None}, status_code=exc.status_code)


def add_login_routes(app: FastAPI) -> None:
    @app.get("/login", response_class=HTMLResponse)
    def login_page(request: Request) -> Response:
        token = login_token(request)
        response = app.state.templates.TemplateResponse(
            request, "login.html", {"auth": None, "login_csrf": token, "error": None})
        set_cookie(response, LOGIN_COOKIE, token, app.state.secure_cookies)
        return response

    @app.post("/login")
    async def login(request: Request, session: Session = Depends(db)) -> Response:
        data = await form_data(request)
        if not same_token(request.cookies.get(LOGIN_COOKIE), data.get("csrf_token")):
            raise HTTPException(403, "Запрос отклонён: неверный CSRF-токен. Обновите страницу.")
        name = data.get("name", "").strip()
        now = time.monotonic()
        recent = [t for t in app.state.failed_logins.get(name, []) if now - t < LOGIN_WINDOW_S]
        if len(recent) >= LOGIN_ATTEMPTS:
            raise HTTPException(429, "Слишком много неудачных попыток входа. Попробуйте через 10 минут.")
        found = authenticate(session, name, data.get("password", ""))
        app.state.failed_logins[name] = recent + [now] if found is None else []
        if found is None:
            token = login_token(request)
            return app.state.templates.TemplateResponse(
                request, "login.html", {"auth": None, "login_csrf": token,
                                        "error": "Неверное имя пользователя или пароль."},
                status_code=401)
        token = open_session(session, found)
        session.commit()  # before the redirect is followed, not after the response
        response = RedirectResponse("/queue", status_code=303)
        set_cookie(response, SESSION_COOKIE, token, app.state.secure_cookies,
                   max_age=SESSION_HOURS * 3600)
        response.delete_cookie(LOGIN_COOKIE, path="/")
        return response

    @app.post("/logout")
    async def logout(request: Request, session: Session = Depends(db)) -> Response:
        await posted(request, session)
        close_session(session, request.cookies.get(SESSION_COOKIE))
        session.commit()
        response = RedirectResponse("/login", status_code=303)
        response.delete_cookie(SESSION_COOKIE, path="/")
        return response
