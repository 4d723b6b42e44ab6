"""What every route uses: the service state, the list a request screens with, responses
that name their list version."""

from __future__ import annotations

import itertools
import os
from dataclasses import dataclass
from typing import Any

from fastapi import HTTPException, Request

from sanctions_screen.service.auth import KeyRing
from sanctions_screen.service.errors import JSONBytes
from sanctions_screen.service.lists import ListHolder, LoadedList
from sanctions_screen.service.recording import AuditWriter
from sanctions_screen.service.settings import ServiceSettings
from sanctions_screen.store.db import Store


@dataclass
class ServiceState:
    """Everything the routes share, kept on ``app.state.service``."""

    settings: ServiceSettings
    store: Store
    lists: ListHolder
    keys: KeyRing
    audit: AuditWriter


def state_of(request: Request) -> ServiceState:
    state: ServiceState = request.app.state.service
    return state


def loaded_list(request: Request) -> LoadedList:
    """The list this request screens with, read once (a reload swaps it for later ones)."""
    return current_list(state_of(request))


def current_list(state: ServiceState) -> LoadedList:
    """The list a request starts on; 503 while none is loaded."""
    loaded = state.lists.current
    if loaded is None:
        raise HTTPException(
            503,
            "no list is loaded: the store holds no version and the bundled snapshot could "
            "not be read; import one (`sanctions-screen lists update` or `lists import "
            "FILE`); the service picks it up within its reload interval",
        )
    return loaded


class _RequestIds:
    """Request ids: 8 random hex digits for the process, 8 of a counter (unique within the
    process and, but for a one-in-four-billion coincidence, across its workers)."""

    def __init__(self) -> None:
        self.reseed()
        os.register_at_fork(after_in_child=self.reseed)

    def reseed(self) -> None:
        self._prefix = os.urandom(4).hex()
        self._counter = itertools.count(int.from_bytes(os.urandom(2), "big"))

    def next(self) -> str:
        return f"{self._prefix}{next(self._counter) & 0xFFFFFFFF:08x}"


_IDS = _RequestIds()


def request_id() -> str:
    """A new request id (16 hex digits): the ``X-Request-Id`` header and audit source."""
    return _IDS.next()


def answer(
    content: Any, loaded: LoadedList, rid: str | None = None, status_code: int = 200
) -> JSONBytes:
    """A JSON answer carrying the list version and its warnings in headers (and, by the
    caller, a field)."""
    headers = loaded.headers()
    if rid:
        headers["X-Request-Id"] = rid
    return JSONBytes(content, status_code=status_code, headers=headers)
