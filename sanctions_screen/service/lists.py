"""The list the service screens against, and swapping it for a new version atomically.

Requests read :attr:`ListHolder.current` once and use that :class:`LoadedList` to the end,
so a request is screened against one version and says which. A reload builds the new
screener off the request path (in a thread) and then replaces that one reference: requests
in flight finish on the old list, new ones start on the new one, and none fails.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import threading
from dataclasses import dataclass, field
from typing import Any

from sanctions_screen.matching.screener import Screener
from sanctions_screen.store.db import Store
from sanctions_screen.store.versions import ListVersionInfo
from sanctions_screen.unlist.models import SanctionsList

log = logging.getLogger("sanctions_screen.service")


@dataclass(frozen=True)
class LoadedList:
    """One list version, its screener, and the lock its screener is used under.

    The screener keeps caches in plain dicts; screening is CPU-bound and holds the
    interpreter lock anyway, so one screening at a time per process costs no throughput.
    """

    version: ListVersionInfo
    sanctions_list: SanctionsList
    screener: Screener
    lock: threading.Lock = field(default_factory=threading.Lock, compare=False)

    @property
    def label(self) -> str:
        """``"7 2026-05-08T00:00:00+00:00"``: the X-List-Version header."""
        return f"{self.version.id} {self.version.date_generated.isoformat()}"

    def describe(self) -> dict[str, Any]:
        """The ``list_version`` field of every screening response."""
        return {
            "id": self.version.id,
            "date_generated": self.version.date_generated.isoformat(),
            "sha256": self.version.sha256,
        }


class ListHolder:
    """The active list of this process, reloaded when the store's active version changes."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self.current: LoadedList | None = None
        self._reloading = asyncio.Lock()
        self.reloads = 0

    def load_active(self) -> LoadedList | None:
        """Build the active version's screener if it is not the one held (blocking: call
        it in a thread); returns the new one, or None when nothing changed."""
        active = self._store.active_version()
        held = self.current
        if active is None or (held is not None and held.version.id == active.id):
            return None
        sanctions_list = self._store.load_version(active.id)
        loaded = LoadedList(active, sanctions_list, Screener(sanctions_list))
        loaded.screener.screen("warm up")  # first-query costs off the request path
        # The list and its index are a million long-lived objects: frozen, the collector no
        # longer walks them on every full collection (they are still freed, by reference
        # counting, when a reload drops them; screening makes no reference cycles).
        gc.freeze()
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
            return True

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
