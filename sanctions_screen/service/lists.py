"""The list the service screens against, and swapping it for a new version atomically.

Requests read :attr:`ListHolder.current` once and use that :class:`LoadedList` to the end,
so a request is screened against one version and says which. A reload builds the new
screener off the request path (in a thread) and then replaces that one reference: requests
in flight finish on the old list, new ones start on the new one, and none fails.

The list is the one ``screen`` would use (:func:`~sanctions_screen.store.resolve.resolve_list`):
the store's active version, else the snapshot bundled with the package, until a version is
imported. Either way every answer names it, and says so when it is the bundled snapshot or
older than ``max_list_age_days`` (``$SANCTIONS_SCREEN_MAX_LIST_AGE_DAYS``, 30 by default),
counted at the moment of the answer: a service that runs for weeks sees its list go stale.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import datetime as dt
import gc
import hashlib
import logging
import os
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sanctions_screen.matching.config import default_config
from sanctions_screen.matching.screener import Screener
from sanctions_screen.service.retire import free_in_slices
from sanctions_screen.store.db import Store
from sanctions_screen.store.resolve import ResolvedList, resolve_list
from sanctions_screen.store.versions import ListVersionInfo
from sanctions_screen.unlist.freshness import list_age
from sanctions_screen.unlist.models import SanctionsList

log = logging.getLogger("sanctions_screen.service")

_DAY = dt.timedelta(days=1)
LIST_HEADER = "X-List-Version"
WARNING_HEADER = "X-List-Warning"
"""Set when the list is the bundled snapshot or stale: the warnings, `` | ``-separated."""


@dataclass(frozen=True)
class Stamp:
    """What the answers of one day say of their list (not to be changed: copy first)."""

    described: dict[str, Any]
    """The ``list_version`` field."""
    headers: dict[str, str]
    raw_headers: tuple[tuple[bytes, bytes], ...]
    """``headers`` as ASGI headers."""


@dataclass(frozen=True)
class LoadedList:
    """One list, its screener, and the lock its screener is used under.

    The screener keeps caches in plain dicts; screening is CPU-bound and holds the
    interpreter lock anyway, so one screening at a time per process costs no throughput.
    """

    resolved: ResolvedList
    """The list, where it came from (``store`` or ``bundled``) and its age when loaded."""
    screener: Screener
    lock: threading.Lock = field(default_factory=threading.Lock, compare=False)
    _warned: dict[int, tuple[str, ...]] = field(default_factory=dict, compare=False)
    """The warnings by age in days (they name the age)."""
    _stamped: dict[int, Stamp] = field(default_factory=dict, compare=False)
    """What answers say of the list, by its age in days (the day's only entry)."""

    @property
    def version(self) -> ListVersionInfo | None:
        """The stored version; None for the bundled snapshot."""
        return self.resolved.version

    @property
    def sanctions_list(self) -> SanctionsList:
        return self.resolved.sanctions_list

    @property
    def version_id(self) -> int | None:
        return self.version.id if self.version else None

    @property
    def sha256(self) -> str | None:
        return self.version.sha256 if self.version else self.sanctions_list.sha256

    @property
    def label(self) -> str:
        """``"7 2026-05-08T00:00:00+00:00"`` (``bundled`` for the bundled snapshot): the
        X-List-Version header."""
        version = self.version_id if self.version_id is not None else "bundled"
        return f"{version} {self.sanctions_list.date_generated.isoformat()}"

    def warnings(self, now: dt.datetime | None = None) -> tuple[str, ...]:
        """The bundled fallback and a stale list, as ``screen`` words them, at ``now``."""
        age = self.resolved.age
        when = now or dt.datetime.now(dt.UTC)
        days = (when - age.date_generated) // _DAY
        if self.resolved.origin == "store" and not (age.max_days and days > age.max_days):
            return ()  # most answers: a fresh stored list
        found = self._warned.get(days)
        if found is None:
            fresh = list_age(age.date_generated, max_days=age.max_days, now=when)
            # Clients are not told where the store is (its host, its file).
            shown = dataclasses.replace(self.resolved, age=fresh, store_url="the service's store")
            found = tuple(shown.warnings)
            self._warned.clear()
            self._warned[days] = found
        return found

    def headers(self) -> dict[str, str]:
        """What every answer carries: the list version, and its warnings if any."""
        return dict(self.stamp().headers)

    def describe(self) -> dict[str, Any]:
        """The ``list_version`` field of every screening response."""
        described = self.stamp().described
        return {**described, "warnings": list(described["warnings"])}

    def stamp(self) -> Stamp:
        """What an answer says of the list today (made once a day, not once an answer)."""
        when = dt.datetime.now(dt.UTC)
        days = (when - self.resolved.age.date_generated) // _DAY
        found = self._stamped.get(days)
        if found is None:
            found = self._stamp(when)
            self._stamped.clear()
            self._stamped[days] = found
        return found

    def _stamp(self, when: dt.datetime) -> Stamp:
        warnings = self.warnings(when)
        headers = {LIST_HEADER: self.label}
        if warnings:  # header values are Latin-1
            text = " | ".join(warnings).encode("latin-1", "replace").decode("latin-1")
            headers[WARNING_HEADER] = text
        described = {
            "id": self.version_id,
            "date_generated": self.sanctions_list.date_generated.isoformat(),
            "sha256": self.sha256,
            "origin": self.resolved.origin,
            "warnings": list(warnings),
        }
        raw = tuple((k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items())
        return Stamp(described, headers, raw)


class ListHolder:
    """The active list of this process, reloaded when the store's active version changes."""

    def __init__(self, store: Store, build_share: float = 1.0) -> None:
        self._store = store
        self._build_share = build_share
        """The most of the interpreter's time a replacement's build takes (see
        :func:`turns_for_the_loop`); 1: as much as it gets."""
        self.current: LoadedList | None = None
        self._reloading = asyncio.Lock()
        self._retiring: set[asyncio.Task[None]] = set()
        self.reloads = 0

    def load_active(self) -> LoadedList | None:
        """Build the screener of the list to serve, the store's active version, else the
        bundled snapshot, if it is not the one held (blocking: call it in a thread);
        returns the new one, or None when nothing changed."""
        active = self._store.active_version()
        held = self.current
        if held is not None and held.version_id == (active.id if active else None):
            return None
        config = default_config()
        # A replacement is built while requests run: one worker at a time, so that on a
        # machine of few cores the others keep theirs (not at start: nothing is served yet).
        with (
            one_build_at_a_time(self._store.url) if held else contextlib.nullcontext(),
            turns_for_the_loop(self._build_share if held else 1.0),
        ):
            resolved = resolve_list(store=self._store, max_age_days=config.max_list_age_days)
            loaded = LoadedList(resolved, Screener(resolved.sanctions_list, config))
            loaded.screener.screen("warm up")  # first-query costs off the request path
        # The list and its index are a million long-lived objects: frozen, the collector no
        # longer walks them on every full collection (they are still freed, by reference
        # counting, when a reload drops them; screening makes no reference cycles).
        gc.freeze()
        for warning in loaded.warnings():
            log.warning("%s (store: %s)", warning, self._store.url)
        return loaded

    async def reload(self) -> bool:
        """Swap in the store's active version if it changed; True when it did."""
        async with self._reloading:
            loaded = await asyncio.to_thread(self.load_active)
            if loaded is None:
                return False
            old, self.current = self.current, loaded
            self.reloads += 1
            log.info("list version %s active (was %s)", loaded.label, old.label if old else "none")
            if old is not None:
                task = asyncio.create_task(_retire([old]))
                self._retiring.add(task)
                task.add_done_callback(self._retiring.discard)
                del old
            return True

    async def close(self) -> None:
        """Stop waiting to free replaced lists (shutdown frees everything anyway)."""
        for task in list(self._retiring):
            task.cancel()
        await asyncio.gather(*self._retiring, return_exceptions=True)

    async def poll(self, interval: float) -> None:
        """Reload every ``interval`` seconds until cancelled; errors are logged, not fatal."""
        while True:
            await asyncio.sleep(interval)
            try:
                await self.reload()
            except Exception:  # the service keeps serving the list it has
                log.exception("list reload failed; still serving %s", self._label())

    def _label(self) -> str:
        return self.current.label if self.current else "no list"


@contextlib.contextmanager
def one_build_at_a_time(store_url: str) -> Iterator[None]:
    """Wait (blocking) until no other process of this user is building a list of the store
    at ``store_url``, then hold the turn (an ``flock`` on a file in the temporary
    directory). Where there is no ``flock`` or no such file, there is no waiting."""
    try:
        import fcntl
    except ImportError:  # Windows
        yield
        return
    digest = hashlib.sha256(store_url.encode()).hexdigest()[:16]
    path = Path(tempfile.gettempdir()) / f"sanctions-screen-{os.getuid()}-{digest}.build.lock"
    try:
        turn = open(path, "ab")  # noqa: SIM115 (held open until the build is done)
    except OSError as exc:
        log.warning("reloading without waiting for other workers (%s: %s)", path, exc)
        yield
        return
    with turn:
        fcntl.flock(turn, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(turn, fcntl.LOCK_UN)


def _call_into_python(phase: str, info: dict[str, int]) -> None:
    """A collector callback that does nothing: being called is the point."""


BUILD_SLICE = 0.002
"""CPU seconds a paced build runs between two of its pauses."""


class _Pacer:
    """A collector callback that pauses the thread that made it, so that this thread runs
    at most ``share`` of the time: after each ``BUILD_SLICE`` of its CPU time it sleeps
    (the interpreter lock released). Other threads' collections are left alone.

    The thread's CPU clock is a system call, and the collector runs every 700 new objects:
    it is read only once as much wall time has passed as the slice has left to run (a
    thread cannot have used more CPU time than that), the wall clock costing next to
    nothing."""

    def __init__(self, share: float) -> None:
        self._thread = threading.get_ident()
        self._pause = BUILD_SLICE * (1.0 - share) / share
        self._ran_from = time.thread_time()
        self._next_check = time.perf_counter() + BUILD_SLICE

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase != "stop" or threading.get_ident() != self._thread:
            return
        if time.perf_counter() < self._next_check:
            return
        used = time.thread_time() - self._ran_from
        if used >= BUILD_SLICE:
            time.sleep(self._pause)
            self._ran_from = time.thread_time()
            used = 0.0
        self._next_check = time.perf_counter() + BUILD_SLICE - used


@contextlib.contextmanager
def turns_for_the_loop(share: float = 1.0) -> Iterator[None]:
    """While the block runs, every run of the collector calls into the interpreter, and
    with ``share`` below 1 the thread running the block takes at most that share of it.

    Compiled code (the screener's index) checks whether another thread waits for the
    interpreter lock only when it calls into the interpreter, which the index build does
    rarely: a reload's thread held the lock for 200 ms at a time, and the worker answered
    nothing meanwhile. The collector runs every 700 new objects; its callbacks are Python
    calls, where the lock is handed over when the event loop has asked for it.

    Handed over at each turn, the lock still goes to the build about half the time: a
    worker whose requests need more than the other half fell behind for as long as the
    build ran (seconds, on a loaded machine). Paced, the build pauses at those calls
    and takes longer, and the event loop keeps the rest.
    """
    callback = _call_into_python if share >= 1.0 else _Pacer(share)
    gc.callbacks.append(callback)
    try:
        yield
    finally:
        gc.callbacks.remove(callback)


RETIRE_AFTER = 10.0
"""Seconds a replaced list is kept before it is freed: requests still screening on it
finish first (a batch of 10,000 names takes a few seconds)."""


async def _retire(held: list[LoadedList]) -> None:
    """Free a replaced list a slice at a time on the event loop (see ``service/retire.py``).

    Dropped at once, its last reference frees a million objects in one cascade that holds
    the interpreter lock throughout, on the event loop or on a thread alike, and every
    answer of the worker waits for it. A request that still holds the list after
    ``RETIRE_AFTER`` frees it when it ends, as before.
    """
    await asyncio.sleep(RETIRE_AFTER)
    await free_in_slices(held)
