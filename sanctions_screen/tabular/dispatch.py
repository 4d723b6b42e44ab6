"""Sending chunks of rows to the screener, in order, with at most a few chunks in flight.

Counterparty files repeat themselves: the same shippers, consignees and customers appear
on thousands of rows. The dispatcher keeps the outcomes of recent distinct inputs (names
lists only: a trade record carries its own id) and sends the workers only inputs it has not
seen (an input repeated while its first chunk is still in a worker is sent again). Results
come back in input order whatever finishes first.
"""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from multiprocessing.pool import AsyncResult, Pool
from typing import Generic, TypeVar

import sanctions_screen.tabular.worker as worker
from sanctions_screen.tabular.results import Outcome

Key = bytes
"""A 128-bit digest of the inputs: 40,000 cached names cost 2 MB of keys, not 25 MB."""
Answer = Outcome | str
"""An outcome, or the reason the records layer rejected the row."""
T = TypeVar("T")


@dataclass
class _Chunk(Generic[T]):
    items: list[T]
    inputs: list[dict[str, str]]
    keys: list[Key]
    known: list[Answer | None]
    asked: list[Key]
    answer: AsyncResult[list[Answer]] | list[Answer] | None


_CLEAR = Outcome("clear")
"""Most names are clear: the cache holds one shared outcome for all of them."""


def _key(values: dict[str, str]) -> Key:
    # repr is unambiguous (quotes escaped) and fast; fields come in the mapping's order, so
    # the same row read through two differently ordered headers merely misses the cache.
    return hashlib.blake2b(repr(values).encode("utf-8"), digest_size=16).digest()


class Dispatcher:
    """Screens chunks in this process (``pool=None``) or in a process pool."""

    def __init__(self, pool: Pool | None, *, inflight: int, cache_size: int) -> None:
        self.pool = pool
        self.inflight = max(1, inflight)
        self.cache_size = cache_size
        self._cache: dict[Key, Answer] = {}

    def run(
        self, chunks: Iterable[tuple[list[T], list[dict[str, str]]]]
    ) -> Iterator[tuple[T, dict[str, str], Answer]]:
        """Yields ``(item, inputs, answer)`` per row, in input order."""
        pending: deque[_Chunk[T]] = deque()
        for items, inputs in chunks:
            pending.append(self._submit(items, inputs))
            while len(pending) >= self.inflight:
                yield from self._collect(pending.popleft())
        while pending:
            yield from self._collect(pending.popleft())

    def _submit(self, items: list[T], inputs: list[dict[str, str]]) -> _Chunk[T]:
        keys = [_key(values) for values in inputs]
        cache = self._cache
        known: list[Answer | None] = [cache.get(key) for key in keys]
        to_ask: dict[Key, dict[str, str]] = {}
        for key, values, done in zip(keys, inputs, known, strict=True):
            if done is None and key not in to_ask:
                to_ask[key] = values
        asked = list(to_ask)
        answer: AsyncResult[list[Answer]] | list[Answer] | None = None
        if asked:
            payload = list(to_ask.values())
            if self.pool is None:
                answer = worker.screen_chunk(payload)
                self._remember(dict(zip(asked, answer, strict=True)))
            else:
                answer = self.pool.apply_async(worker.screen_chunk, (payload,))
        return _Chunk(items, inputs, keys, known, asked, answer)

    def _collect(self, chunk: _Chunk[T]) -> Iterator[tuple[T, dict[str, str], Answer]]:
        fresh: dict[Key, Answer] = {}
        if isinstance(chunk.answer, list):  # screened in this process, already remembered
            fresh = dict(zip(chunk.asked, chunk.answer, strict=True))
        elif chunk.answer is not None:
            fresh = dict(zip(chunk.asked, chunk.answer.get(), strict=True))
            self._remember(fresh)
        for item, values, key, known in zip(
            chunk.items, chunk.inputs, chunk.keys, chunk.known, strict=True
        ):
            yield item, values, known if known is not None else fresh[key]

    def _remember(self, fresh: dict[Key, Answer]) -> None:
        if not self.cache_size:
            return
        cache = self._cache
        for key, answer in fresh.items():
            cache[key] = _CLEAR if answer == _CLEAR else answer
        excess = len(cache) - self.cache_size
        if excess > 0:
            for key in list(islice(cache, excess)):
                del cache[key]
