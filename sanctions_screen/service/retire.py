"""Freeing a replaced list a slice at a time, so that requests are answered meanwhile.

A list and its screener are about a hundred thousand containers holding a million
objects. Dropping the last reference frees them all in one cascade of deallocations: one
C call that holds the interpreter lock throughout (25 ms of CPU under load), on whichever
thread drops it, so the worker's event loop waits for all of it. :func:`free_in_slices`
takes the objects apart from the top instead: it holds on to an object's own children,
lets the object go (freeing only it and its leaves), and goes on with the children, a
slice of a few thousand at a time with the event loop's turn between slices.

Nothing is modified: an object is only let go, never emptied. Only objects referenced by
their parent alone are taken apart; anything also held elsewhere (a request still
screening on the old list, a table shared with the new screener) is simply let go, and
whoever holds it frees it as before.
"""

from __future__ import annotations

import asyncio
import gc
import itertools
import sys
from typing import Any

SLICE = 1000
"""References handled between two turns of the event loop (about a millisecond's work)."""


def _unshared(children: list[object], start: int = 0, stop: int | None = None) -> list[object]:
    """The containers in ``children[start:stop]`` that nothing but their parent holds."""
    return [
        c
        for c in itertools.islice(children, start, stop)
        if gc.is_tracked(c) and sys.getrefcount(c) <= _ALONE
    ]


def _calibrate() -> int:
    """What :func:`_unshared` counts for a child that only its parent holds."""
    parent: list[object] = [[]]
    counted = [sys.getrefcount(c) for c in itertools.islice(gc.get_referents(parent), 0, None)]
    return counted[0]


_ALONE = _calibrate()


async def free_in_slices(held: list[Any], per_slice: int = SLICE) -> int:
    """Empty ``held`` and free what only it held, about ``per_slice`` references at a time
    with ``await asyncio.sleep(0)`` between; returns the number of objects taken apart."""
    todo = _unshared(gc.get_referents(held))
    held.clear()
    seen: set[int] = set()  # objects in a reference cycle would come round again
    taken = work = 0
    while todo:
        parent = todo.pop()
        if id(parent) in seen:
            continue
        seen.add(id(parent))
        referents = gc.get_referents(parent)
        taken += 1
        work += 1 + len(referents)
        big = referents if len(referents) > per_slice else []
        for start in range(0, len(referents), per_slice):
            if start:
                await asyncio.sleep(0)
            todo.extend(_unshared(referents, start, start + per_slice))
        del parent, referents  # frees the parent and what it held alone but the kept
        while big:  # a big parent's leaves, a slice at a time
            await asyncio.sleep(0)
            del big[-per_slice:]
        if work >= per_slice:
            work = 0
            await asyncio.sleep(0)
    return taken
