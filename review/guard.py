"""ASGI wrappers around the whole app (outside Starlette's error handling, so
they also cover a 500): security headers on every answer, and request bodies
read completely, within a time and size limit, before any route runs. A
client that announces a body and sends it slowly (or never) gets a 408 and
never holds a database connection or a worker thread."""
from __future__ import annotations

import json
from typing import Any, Awaitable, Callable, MutableMapping

import anyio

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

BODY_TIMEOUT_S = 10.0
MAX_BODY_BYTES = 512 * 1024   # a form with one value of 10,000 characters is far below this
BODYLESS = {"GET", "HEAD", "OPTIONS"}
SECURITY_HEADERS = {
    "Content-Security-Policy": ("default-src 'self'; script-src 'self'; style-src 'self'; "
                                "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; "
                                "form-action 'self'; base-uri 'none'"),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}
TOO_SLOW = "Запрос не получен целиком вовремя. Проверьте соединение и повторите."
TOO_LARGE = "Запрос слишком большой: значение не может быть длиннее 10 000 символов."


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.headers = [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    h for h in self.headers if h[0] not in present]
            await send(message)

        await self.app(scope, receive, with_headers)


def header(scope: Scope, name: bytes) -> str:
    return next((v.decode("latin-1") for k, v in scope.get("headers", []) if k.lower() == name), "")


async def refuse(scope: Scope, send: Send, status: int, message: str) -> None:
    """A short Russian answer; the connection is closed (the body was not read)."""
    if "application/json" in header(scope, b"accept"):
        body, kind = json.dumps({"error": message}, ensure_ascii=False).encode(), "application/json"
    else:
        body = ("<!doctype html><html lang=\"ru\"><meta charset=\"utf-8\"><title>Ошибка</title>"
                f"<p>{message}</p></html>").encode()
        kind = "text/html; charset=utf-8"
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", kind.encode()), (b"content-length", str(len(body)).encode()),
        (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


class BodyGuard:
    """Reads the whole body of a POST first (at most ``max_bytes`` within
    ``timeout`` seconds), then hands the app a receive() that replays it."""

    def __init__(self, app: ASGIApp, timeout: float = BODY_TIMEOUT_S,
                 max_bytes: int = MAX_BODY_BYTES) -> None:
        self.app, self.timeout, self.max_bytes = app, timeout, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in BODYLESS:
            await self.app(scope, receive, send)
            return
        declared = header(scope, b"content-length")
        if declared.isdigit() and int(declared) > self.max_bytes:
            await refuse(scope, send, 413, TOO_LARGE)
            return
        chunks, size = [], 0
        try:
            with anyio.fail_after(self.timeout):
                while True:
                    message = await receive()
                    if message["type"] == "http.disconnect":
                        return
                    chunk = message.get("body", b"")
                    size += len(chunk)
                    if size > self.max_bytes:
                        await refuse(scope, send, 413, TOO_LARGE)
                        return
                    chunks.append(chunk)
                    if not message.get("more_body", False):
                        break
        except TimeoutError:
            await refuse(scope, send, 408, TOO_SLOW)
            return
        body, replayed = b"".join(chunks), False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)
