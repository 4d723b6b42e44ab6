"""Who is calling: API keys (``Authorization: ApiKey KEY``), their scopes, and loopback.

With no key created, the service answers loopback clients only (it warns at start, and
``serve`` refuses a non-loopback address). Once a key exists every call needs one, from
anywhere. The review page may carry the key in a cookie instead (set by its login form).
"""

from __future__ import annotations

import asyncio
import functools
import ipaddress
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from fastapi import HTTPException, Request

from sanctions_screen.store.apikeys import SCOPES, ApiKeyInfo, active_keys, hash_key, verify_key
from sanctions_screen.store.db import Store

COOKIE = "sanctions_screen_key"
LOOPBACK_CLIENT = "loopback"
_MISS_REFRESH = 1.0
"""At most one re-read of the keys per second on an unknown key (a key just created)."""
_MAX_VERIFIED = 4096
"""Verified keys remembered between two reads of the keys (each read forgets them all)."""


@dataclass(frozen=True)
class Client:
    """The caller: its key's name (what the audit trail records) and its scopes."""

    name: str
    scopes: frozenset[str]


class KeyRing:
    """The active keys, re-read every ``refresh`` seconds and on an unknown key."""

    def __init__(self, store: Store, refresh: float, *, trust_loopback: bool = True) -> None:
        self._store = store
        self._refresh = refresh
        self.trust_loopback = trust_loopback
        self._keys: dict[str, ApiKeyInfo] = {}
        self._clients: dict[str, Client] = {}
        """Keys verified since the last read, by digest (emptied at each read)."""
        self._loopback = Client(LOOPBACK_CLIENT, frozenset(SCOPES))
        self._read_at = 0.0
        self._miss_read_at = -_MISS_REFRESH
        self._lock = asyncio.Lock()

    @property
    def empty(self) -> bool:
        return not self._keys

    def load(self) -> None:
        """Read the keys now (blocking)."""
        keys = active_keys(self._store)
        self._keys, self._clients = keys, {}
        self._read_at = time.monotonic()

    async def refresh(self, *, older_than: float = 0.0) -> None:
        async with self._lock:
            if time.monotonic() - self._read_at >= older_than:
                await asyncio.to_thread(self.load)

    async def poll(self) -> None:
        while True:
            await asyncio.sleep(self._refresh)
            await self.refresh(older_than=self._refresh / 2)

    async def client(self, request: Request, *, cookie: bool = False) -> Client:
        """The calling client; raises 401 (no or unknown key) or 403 (not loopback)."""
        key = _presented_key(request, cookie=cookie)
        if key is None:
            if self.empty and self.trust_loopback and is_loopback(request):
                return self._loopback
            if self.empty:
                raise HTTPException(
                    403,
                    "this service has no API key yet and answers loopback clients only; "
                    "create one with `sanctions-screen keys create --name NAME`",
                )
            raise HTTPException(
                401,
                "an API key is needed: send `Authorization: ApiKey KEY`",
                headers={"WWW-Authenticate": "ApiKey"},
            )
        digest = hash_key(key)
        clients = self._clients  # read before the keys: load() replaces the keys first
        known = clients.get(digest)
        if known is not None:
            return known
        found = verify_key(self._keys, key)
        if found is None and time.monotonic() - self._miss_read_at >= _MISS_REFRESH:
            self._miss_read_at = time.monotonic()  # unknown keys cost one read a second
            await self.refresh()
            found = verify_key(self._keys, key)
        if found is None:
            raise HTTPException(
                401, "unknown or revoked API key", headers={"WWW-Authenticate": "ApiKey"}
            )
        client = Client(found.name, frozenset(found.scopes))
        if len(clients) < _MAX_VERIFIED:
            clients[digest] = client
        return client


def require(scope: str, *, cookie: bool = False) -> Callable[[Request], Awaitable[Client]]:
    """A FastAPI dependency: the client, which must hold ``scope`` (403 otherwise)."""

    async def dependency(request: Request) -> Client:
        ring: KeyRing = request.app.state.keys
        client = await ring.client(request, cookie=cookie)
        if scope not in client.scopes:
            raise HTTPException(403, f"this API key lacks the {scope!r} scope")
        return client

    return dependency


def is_loopback(request: Request) -> bool:
    return _loopback_host(request.client.host if request.client else "")


@functools.lru_cache(maxsize=1024)
def _loopback_host(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _presented_key(request: Request, *, cookie: bool) -> str | None:
    header = request.headers.get("authorization")
    if header:
        scheme, _, value = header.partition(" ")
        if scheme.lower() in ("apikey", "bearer") and value.strip():
            return value.strip()
        raise HTTPException(
            401,
            "malformed Authorization header: use `ApiKey KEY`",
            headers={"WWW-Authenticate": "ApiKey"},
        )
    if cookie:
        return request.cookies.get(COOKIE) or None
    return None
