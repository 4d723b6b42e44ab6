"""JSON everywhere: responses, errors as ``{"detail": ...}``, limits, no stack traces."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sanctions_screen.exceptions import (
    AuditError,
    ConfigError,
    InputError,
    NoActiveListError,
    RunNotFoundError,
    ScreeningError,
    StoreError,
    VersionNotFoundError,
)

log = logging.getLogger("sanctions_screen.service")

try:
    import orjson

    def dumps(value: Any) -> bytes:
        return orjson.dumps(value, option=orjson.OPT_SERIALIZE_NUMPY)

except ImportError:  # pragma: no cover - orjson comes with the service extra
    import json

    def dumps(value: Any) -> bytes:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str).encode()


class JSONBytes(Response):
    """A JSON response encoded with orjson (FastAPI's encoder walks the data twice)."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return dumps(content)


def error(status: int, detail: Any, headers: dict[str, str] | None = None) -> JSONBytes:
    return JSONBytes({"detail": detail}, status_code=status, headers=headers)


def status_for(exc: ScreeningError) -> int:
    """The HTTP status of a library error."""
    if isinstance(exc, NoActiveListError):
        return 503
    if isinstance(exc, RunNotFoundError | VersionNotFoundError):
        return 404
    if isinstance(exc, InputError | ConfigError):
        return 422
    if isinstance(exc, AuditError) and str(exc).startswith("no alert"):
        return 404
    if isinstance(exc, AuditError):
        return 422  # a decision the rules refuse (no reason, unknown decision...)
    if isinstance(exc, StoreError):
        return 503
    return 500


def install_handlers(app: FastAPI) -> None:
    async def on_http(request: Request, exc: HTTPException) -> Response:
        return error(exc.status_code, exc.detail, getattr(exc, "headers", None))

    async def on_validation(request: Request, exc: RequestValidationError) -> Response:
        return error(422, _plain_errors(exc.errors()))

    async def on_screening(request: Request, exc: ScreeningError) -> Response:
        status = status_for(exc)
        if status >= 500:
            log.error("%s on %s: %s", type(exc).__name__, request.url.path, exc)
            return error(status, f"{type(exc).__name__}: the service could not answer")
        return error(status, str(exc))

    async def on_any(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error(500, "internal error: see the service log")

    from starlette.exceptions import HTTPException as StarletteHTTPException

    app.add_exception_handler(StarletteHTTPException, on_http)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, on_validation)  # type: ignore[arg-type]
    app.add_exception_handler(ScreeningError, on_screening)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, on_any)


def _plain_errors(errors: Any) -> list[dict[str, Any]]:
    """Validation errors without pydantic's ``url`` and ``ctx`` (which may hold objects)."""
    out = []
    for item in errors:
        entry = {k: item[k] for k in ("type", "loc", "msg") if k in item}
        if "input" in item and isinstance(item["input"], str | int | float | bool | None):
            entry["input"] = item["input"]
        out.append(entry)
    return out


class BodyLimit:
    """Refuses bodies over ``max_bytes`` with 413, by Content-Length or as they stream in."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", ()):
            if name == b"content-length" and (not value.isdigit() or int(value) > self.max_bytes):
                await self._refuse(send)
                return
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:  # FastAPI passes HTTPException through
                    raise HTTPException(413, f"request body over {self.max_bytes} bytes")
            return message

        await self.app(scope, limited, send)

    async def _refuse(self, send: Send) -> None:
        body = dumps({"detail": f"request body over {self.max_bytes} bytes"})
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


Handler = Callable[[Request], Awaitable[Response]]
