"""The fast lane: well-formed ``POST /screen`` and ``POST /screen/batch`` requests answered
without FastAPI's per-request machinery.

A screening request spent more CPU in routing, dependency resolution, body parsing and
response building than in screening itself (benchmarks/notes/service-2026-12-07.md). This
ASGI middleware answers the common case itself, with the routes' own functions
(:func:`~sanctions_screen.service.routes.screening.screen_one`, ``screen_many``), the same
models and the same answer. Anything else is handed to the app unchanged, with the body
it read replayed: a query string, a body that is not plain JSON, a missing or bad key, a
validation error, an empty or overlong name, an oversized batch, NDJSON streaming, a
browser's cross-origin call, no list loaded. So every error is the app's own answer, and
the OpenAPI document describes both lanes.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from pydantic import TypeAdapter
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sanctions_screen.service.common import ServiceState, request_id
from sanctions_screen.service.errors import dumps
from sanctions_screen.service.lists import LoadedList
from sanctions_screen.service.routes.screening import (
    BatchRequest,
    ScreenItem,
    record_dump,
    screen_many,
    screen_one,
)

Answer = tuple[dict[str, Any], LoadedList, str]
Handler = Callable[[ServiceState, Request, bytes], Awaitable[Answer | None]]

_ITEM: TypeAdapter[Any] = TypeAdapter(ScreenItem)
_BATCH = TypeAdapter(BatchRequest)


async def _screen(state: ServiceState, request: Request, body: bytes) -> Answer | None:
    client = await state.keys.client(request)
    if "screen" not in client.scopes:
        return None
    return await screen_one(state, client, _ITEM.validate_json(body))


async def _batch(state: ServiceState, request: Request, body: bytes) -> Answer | None:
    if b"application/x-ndjson" in request.headers.get("accept", "").encode("latin-1"):
        return None
    client = await state.keys.client(request)
    if "screen" not in client.scopes:
        return None
    items = _BATCH.validate_json(body).items
    loaded = state.lists.current
    if loaded is None or len(items) > state.settings.max_batch:
        return None
    records = [record_dump(item) for item in items]
    rid = request_id()
    return await screen_many(state, client, loaded, rid, items, records), loaded, rid


HANDLERS: dict[str, Handler] = {"/screen": _screen, "/screen/batch": _batch}


class FastLane:
    """ASGI middleware: see the module docstring. ``owner``: the app whose state it uses
    (by default the app Starlette names in the request's scope, for a lane inside it)."""

    def __init__(self, app: ASGIApp, owner: Any = None) -> None:
        self.app = app
        self.owner = owner

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        handler = HANDLERS.get(scope["path"]) if scope["type"] == "http" else None
        state = _state(self.owner or scope.get("app")) if handler is not None else None
        if (
            handler is None
            or state is None
            or scope["method"] != "POST"
            or scope.get("query_string")
            or not _plain_json(scope, state)
        ):
            await self.app(scope, receive, send)
            return
        body = await _read_body(receive)
        if body is None:
            return  # the client went away
        try:
            answered = await handler(state, Request(scope), body)
        except asyncio.CancelledError:
            raise
        except Exception:  # the app answers it, the same way as without this lane
            answered = None
        if answered is None:
            await self.app(scope, _replay(body, receive), send)
            return
        content, loaded, rid = answered
        data = dumps(content)
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(data)).encode("latin-1")),
                    (b"x-request-id", rid.encode("latin-1")),
                    *loaded.stamp().raw_headers,
                ],
            }
        )
        await send({"type": "http.response.body", "body": data})


def _state(app: Any) -> ServiceState | None:
    """The service's state (None before the app has started)."""
    app_state = getattr(app, "state", None)
    state: ServiceState | None = getattr(app_state, "service", None)
    return state


def _plain_json(scope: Scope, state: ServiceState) -> bool:
    """A JSON body of a declared size within the limit, and no CORS to answer."""
    length = content_type = None
    for name, value in scope["headers"]:
        if name == b"content-length":
            length = value
        elif name == b"content-type":
            content_type = value
        elif name == b"transfer-encoding" or (name == b"origin" and state.settings.cors_origins):
            return False
    return (
        length is not None
        and length.isdigit()
        and int(length) <= state.settings.max_body_bytes
        and content_type is not None
        and content_type.split(b";", 1)[0].strip().lower() == b"application/json"
    )


async def _read_body(receive: Receive) -> bytes | None:
    chunks = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return None
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """``receive`` for the app: the body already read, then the client's own messages."""
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replayed
