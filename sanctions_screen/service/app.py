"""The app factory: :func:`create_app` builds the FastAPI application.

``sanctions-screen serve`` runs :func:`app_from_env` under uvicorn, which builds the settings
from ``SANCTIONS_SCREEN_SERVICE_*`` in each worker process. At start the app opens the
store, reads the API keys, loads the list (the active version, else the bundled snapshot:
see ``service/lists.py``) and starts the audit writer; a background task polls the store
for a new active version. At shutdown (SIGTERM or Ctrl-C) uvicorn lets requests in flight
finish, then the audit writer writes what is queued.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import sys
from collections.abc import AsyncIterator
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.types import Receive, Scope, Send

from sanctions_screen._version import __version__
from sanctions_screen.service.auth import KeyRing
from sanctions_screen.service.common import ServiceState
from sanctions_screen.service.errors import BodyLimit, JSONBytes, install_handlers
from sanctions_screen.service.fastlane import FastLane
from sanctions_screen.service.lists import ListHolder
from sanctions_screen.service.recording import AuditWriter
from sanctions_screen.service.routes import lists, review_api, review_page, screening, yente
from sanctions_screen.service.settings import ServiceSettings
from sanctions_screen.service.sockets import take_own_socket
from sanctions_screen.store.db import open_store

log = logging.getLogger("sanctions_screen.service")

DESCRIPTION = """Screen names, trade and diplomatic records against the UN Security Council
Consolidated List; yente-compatible matching at `/match/un`; alert review at `/alerts` and,
for people, the page at `/review`. Send `Authorization: ApiKey KEY` (keys are made with
`sanctions-screen keys create`)."""


def create_app(settings: ServiceSettings | None = None) -> FastAPI:
    """The service as an ASGI app (run it with uvicorn, or ``sanctions-screen serve``)."""
    settings = settings or ServiceSettings()

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        switch_interval, thresholds = sys.getswitchinterval(), gc.get_threshold()
        sys.setswitchinterval(settings.switch_interval)
        gc.set_threshold(*thresholds[:2], settings.full_collection_every)
        try:
            async with _serving(app, settings):
                yield
        finally:
            sys.setswitchinterval(switch_interval)
            gc.set_threshold(*thresholds)

    app = ServiceApp(
        title="sanctions-screen",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        default_response_class=JSONBytes,
    )
    install_handlers(app)
    for router in (
        screening.router,
        yente.router,
        lists.router,
        review_api.router,
        review_page.router,
    ):
        app.include_router(router)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    return app


class ServiceApp(FastAPI):
    """The service's FastAPI app, with the fast lane (``service/fastlane.py``) in front of
    its whole middleware stack: a plain screening request skips FastAPI's and Starlette's
    layers (error handling, telemetry, routing), which cost a twentieth of a cached
    ``/screen``; the lane checks the body limit and CORS itself, and hands the app every
    request it does not answer."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._lane = FastLane(super().__call__, owner=self)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self._lane(scope, receive, send)


@contextlib.asynccontextmanager
async def _serving(app: FastAPI, settings: ServiceSettings) -> AsyncIterator[None]:
    """The store, keys, list and audit writer of a running app, closed at shutdown."""
    store = await asyncio.to_thread(open_store, settings.db_url)
    keys = KeyRing(store, settings.key_refresh, trust_loopback=settings.trust_loopback)
    await asyncio.to_thread(keys.load)
    holder = ListHolder(store, settings.reload_share)
    try:
        await holder.reload()
    except Exception:
        log.exception("no list loaded at start: /readyz answers 503 until one is")
    if holder.current is None:
        log.warning("no list loaded from %s nor bundled: import one with `lists update`", store.url)
    if keys.empty:
        log.warning(
            "no API key exists: the service answers loopback clients only; create one "
            "with `sanctions-screen keys create --name NAME`"
        )
    audit = AuditWriter(
        store, settings.record, settings.record_window, settings.record_queue, settings.record_share
    )
    app.state.service = ServiceState(settings, store, holder, keys, audit)
    app.state.keys = keys
    tasks = [asyncio.create_task(keys.poll())]
    if settings.reload_interval > 0:
        tasks.append(asyncio.create_task(holder.poll(settings.reload_interval)))
    try:
        yield
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await holder.close()
        await asyncio.to_thread(audit.close)
        store.close()


def app_from_env() -> FastAPI:
    """The factory uvicorn calls in each worker (settings from the environment), before
    the worker listens: with several workers it takes a listening socket of its own."""
    take_own_socket()
    return create_app(ServiceSettings())
