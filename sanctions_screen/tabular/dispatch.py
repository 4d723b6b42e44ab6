"""Sending chunks of rows to the screener, in order, with at most a few chunks in flight.

Counterparty files repeat themselves: the same shippers, consignees and customers appear
on thousands of rows. The dispatcher keeps the outcomes of recent distinct inputs (names
lists only: a trade record carries its own id) and sends the workers only inputs it has not
seen (an input repeated while its first chunk is still in a worker is sent again). Results
come back in input order whatever finishes first.

Outcomes that carry their full result (``detail``, for JSON Lines and the audit trail) are
heavy, so at most ``detail_cache_size`` of them are kept; a clear one that ``rebuild`` can
make again from the row's inputs alone (a names row that matched nothing: nearly every
row) is kept as one shared marker and rebuilt on each repeat, so the cache still covers
as many distinct names as without detail. With ``rebuild_detail=False`` such a repeat comes
back without its detail, for consumers that need none of it (the audit trail makes what it
keeps of a clear names row from the row's inputs).
"""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing.pool import AsyncResult, Pool
from typing import Any, Generic, TypeVar

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
    payload: list[dict[str, str]]
    answer: AsyncResult[list[Answer]] | list[Answer] | None


CLEAR = Outcome("clear")
"""Most names are clear: the cache holds one shared outcome for all of them."""
_REBUILD = Outcome("clear", detail={})
"""Kept for a clear outcome whose detail ``rebuild`` makes again from the inputs."""
Rebuild = Callable[[dict[str, str]], dict[str, Any]]


@dataclass
class AnswerCache:
    """The outcomes a :class:`Dispatcher` remembers, kept apart so that successive runs
    with the same screener, record type and detail can share them.

    A Dask worker screens one partition per task; with a cache per task each partition
    would screen again the names the worker saw in its previous partitions.
    """

    light: dict[Key, Answer] = field(default_factory=dict)
    heavy: dict[Key, Answer] = field(default_factory=dict)
    by_values: dict[Any, dict[Key, Answer]] = field(default_factory=dict)
    """Answers by a digest of the raw values of the columns a names table is read
    from, per bound mapping (see :mod:`.distinct`): a combination seen in an earlier
    row group is answered without building its inputs again."""


def _key(values: dict[str, str]) -> Key:
    # repr is unambiguous (quotes escaped) and fast; fields come in the mapping's order, so
    # the same row read through two differently ordered headers merely misses the cache.
    return hashlib.blake2b(repr(values).encode("utf-8"), digest_size=16).digest()


class Dispatcher:
    """Screens chunks in this process (``pool=None``) or in a process pool."""

    def __init__(
        self,
        pool: Pool | None,
        *,
        inflight: int,
        cache_size: int,
        detail_cache_size: int | None = None,
        rebuild: Rebuild | None = None,
        rebuild_detail: bool = True,
        cache: AnswerCache | None = None,
    ) -> None:
        self.pool = pool
        self.inflight = max(1, inflight)
        self.cache_size = cache_size
        self.detail_cache_size = cache_size if detail_cache_size is None else detail_cache_size
        self._rebuild = rebuild
        self._rebuild_detail = rebuild_detail
        kept = cache or AnswerCache()
        self._cache, self._heavy = kept.light, kept.heavy

    def run(
        self, chunks: Iterable[tuple[list[T], list[dict[str, str]]]]
    ) -> Iterator[tuple[T, dict[str, str], Key, Answer]]:
        """Yields ``(item, inputs, key, answer)`` per row, in input order (``key``: the
        digest of the inputs the answers are cached by)."""
        pending: deque[_Chunk[T]] = deque()
        for items, inputs in chunks:
            pending.append(self._submit(items, inputs))
            while len(pending) >= self.inflight:
                yield from self._collect(pending.popleft())
        while pending:
            yield from self._collect(pending.popleft())

    def _submit(self, items: list[T], inputs: list[dict[str, str]]) -> _Chunk[T]:
        keys = [_key(values) for values in inputs]
        cache, heavy = self._cache, self._heavy
        known: list[Answer | None] = [cache.get(key) or heavy.get(key) for key in keys]
        to_ask: dict[Key, dict[str, str]] = {}
        for key, values, done in zip(keys, inputs, known, strict=True):
            if done is None and key not in to_ask:
                to_ask[key] = values
        asked = list(to_ask)
        payload = list(to_ask.values())
        answer: AsyncResult[list[Answer]] | list[Answer] | None = None
        if asked:
            if self.pool is None:
                answer = worker.screen_chunk(payload)
                self._remember(asked, payload, answer)
            else:
                answer = self.pool.apply_async(worker.screen_chunk, (payload,))
        return _Chunk(items, inputs, keys, known, asked, payload, answer)

    def _collect(self, chunk: _Chunk[T]) -> Iterator[tuple[T, dict[str, str], Key, Answer]]:
        fresh: dict[Key, Answer] = {}
        if isinstance(chunk.answer, list):  # screened in this process, already remembered
            fresh = dict(zip(chunk.asked, chunk.answer, strict=True))
        elif chunk.answer is not None:
            answers = chunk.answer.get()
            fresh = dict(zip(chunk.asked, answers, strict=True))
            self._remember(chunk.asked, chunk.payload, answers)
        rebuild = self._rebuild
        for item, values, key, known in zip(
            chunk.items, chunk.inputs, chunk.keys, chunk.known, strict=True
        ):
            if known is None:
                yield item, values, key, fresh[key]
            elif known is _REBUILD:
                detail = rebuild(values) if rebuild is not None and self._rebuild_detail else None
                yield item, values, key, Outcome("clear", detail=detail) if detail else CLEAR
            else:
                yield item, values, key, known

    def _remember(
        self, keys: list[Key], inputs: list[dict[str, str]], answers: list[Answer]
    ) -> None:
        if not self.cache_size:
            return
        cache, heavy, rebuild = self._cache, self._heavy, self._rebuild
        for key, values, answer in zip(keys, inputs, answers, strict=True):
            if isinstance(answer, str) or answer.detail is None:
                cache[key] = CLEAR if answer == CLEAR else answer
            elif rebuild is not None and answer == Outcome("clear", detail=rebuild(values)):
                cache[key] = _REBUILD
            elif self.detail_cache_size:
                heavy[key] = answer
        trim_oldest(cache, self.cache_size)
        trim_oldest(heavy, self.detail_cache_size)


def trim_oldest(cache: dict[Any, Answer], size: int) -> None:
    """Drop the oldest entries beyond ``size``."""
    excess = len(cache) - size
    if excess > 0:
        for key in list(islice(cache, excess)):
            del cache[key]
