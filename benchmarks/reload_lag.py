"""How long a list reload keeps a service worker's event loop waiting, step by step.

    python -m benchmarks.reload_lag [--rounds 2] [--retire-after 1] [--share 1]

In one process, as a worker runs it: a store holding the 2026-04-17 snapshot, a
:class:`~sanctions_screen.service.lists.ListHolder` serving it, then the 2026-05-08
snapshot imported and :meth:`ListHolder.reload` run on the event loop while a probe task
asks to wake every millisecond. The probe's lateness is what any request on that worker
waited at that moment: a stretch where the interpreter lock never came back to the loop,
or, on a busy machine, where the loop's thread was not given a core. So each wake-up also
notes the CPU time the other threads (the reload's) and the loop itself used since the
last one: a stretch the lock was held, whatever the machine's load.
The reload's steps (reading the stored list, parsing it, building and warming the
screener, freezing it, freeing the old list) are timed on the reload's own thread, and
each late wake-up is put down to the step that ran at that moment. The old list is freed
``--retire-after`` seconds after the swap (the service waits ``RETIRE_AFTER``).

A debugging aid: it measures one process, with no requests and no second worker.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from benchmarks.load_service import NEWER, OLDER, loadavg

PROBE_EVERY = 0.001
LATE = 0.005
"""A wake-up later than this is listed."""

_steps: list[tuple[float, float, str]] = []  # (start, end, step)
Lags = list[tuple[float, float, float, float]]
"""(when due, how late, the other threads' CPU and the loop's own meanwhile) of each probe
wake-up."""
_lock = threading.Lock()


@contextlib.contextmanager
def step(name: str) -> Iterator[None]:
    started = time.perf_counter()
    try:
        yield
    finally:
        with _lock:
            _steps.append((started, time.perf_counter(), name))


def timed(owner: Any, attribute: str, name: str) -> None:
    """Wrap ``owner.attribute`` (a function) so that its calls are timed as ``name``."""
    original: Callable[..., Any] = getattr(owner, attribute)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with step(name):
            return original(*args, **kwargs)

    setattr(owner, attribute, wrapper)


def instrument() -> None:
    import gc
    import zlib

    from sanctions_screen.service import lists
    from sanctions_screen.store import versions
    from sanctions_screen.unlist import parser

    class TimedZlib:
        def __getattr__(self, name: str) -> Any:
            return getattr(zlib, name)

        @staticmethod
        def decompress(data: bytes) -> bytes:
            with step("decompress"):
                return zlib.decompress(data)

    versions.zlib = TimedZlib()  # type: ignore[assignment]
    timed(versions, "parse_list", "parse_list (all)")
    timed(parser, "_parse_xml", "parse_list: XML to tree")
    timed(lists, "Screener", "Screener()")
    timed(lists, "resolve_list", "resolve_list (all)")

    class TimedGc:
        def __getattr__(self, name: str) -> Any:
            return getattr(gc, name)

        @staticmethod
        def freeze() -> None:
            with step("gc.freeze"):
                gc.freeze()

    lists.gc = TimedGc()  # type: ignore[assignment]
    original_retire = lists._retire

    async def retire(held: list[Any]) -> None:
        with step("freeing the old list"):
            await original_retire(held)

    lists._retire = retire  # type: ignore[assignment]


def gc_callback(phase: str, info: dict[str, Any]) -> None:
    key = f"gc generation {info['generation']}"
    if phase == "start":
        _gc_started[key] = time.perf_counter()
    else:
        with _lock:
            _steps.append((_gc_started.pop(key, time.perf_counter()), time.perf_counter(), key))


_gc_started: dict[str, float] = {}


def others_cpu() -> float:
    """CPU seconds used so far by this process's threads other than the calling one."""
    me = threading.get_ident()
    total = 0.0
    for thread in threading.enumerate():
        if thread.ident is not None and thread.ident != me:
            with contextlib.suppress(OSError):
                total += time.clock_gettime(time.pthread_getcpuclockid(thread.ident))
    return total


async def probe(stop: asyncio.Event, lags: Lags) -> None:
    """Wake every millisecond; note how late, and the CPU the other threads used meanwhile
    (while the loop waited for the interpreter lock they held it: unlike the lateness,
    that does not grow when the machine's other processes take the cores)."""
    before, own = others_cpu(), time.thread_time()
    while not stop.is_set():
        due = time.perf_counter() + PROBE_EVERY
        await asyncio.sleep(PROBE_EVERY)
        now, own_now = time.perf_counter(), time.thread_time()
        used = others_cpu()
        lags.append((due, now - due, used - before, own_now - own))
        before, own = used, own_now


def during(at: float) -> str:
    """The innermost timed steps running at ``at``."""
    running = [(s, e, n) for s, e, n in _steps if s <= at <= e]
    running.sort(key=lambda t: t[1] - t[0])
    return ", ".join(n for _, _, n in running[:2]) or "(between steps)"


async def one_round(holder: Any, retire_after: float) -> tuple[float, Lags]:
    stop = asyncio.Event()
    lags: Lags = []
    task = asyncio.create_task(probe(stop, lags))
    await asyncio.sleep(0.2)
    started = time.perf_counter()
    await holder.reload()
    while holder._retiring:
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.2)
    stop.set()
    await task
    return started, lags


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--retire-after", type=float, default=1.0)
    parser.add_argument(
        "--share",
        type=float,
        default=1.0,
        help="the most of the interpreter the build takes (the service's reload_share)",
    )
    parser.add_argument(
        "--gc-steps",
        action="store_true",
        help="time the collector's runs too (its callbacks are Python calls, where the "
        "reload's thread lets the loop in: compiled code then looks kinder than it is)",
    )
    args = parser.parse_args()
    import gc

    from sanctions_screen.service import lists
    from sanctions_screen.store.db import open_store

    lists.RETIRE_AFTER = args.retire_after
    sys.setswitchinterval(0.001)
    gc.set_threshold(*gc.get_threshold()[:2], 10_000)
    instrument()
    if args.gc_steps:
        gc.callbacks.append(gc_callback)
    snapshots = [NEWER, *sorted(NEWER.parent.glob("consolidated-*.xml.xz"), reverse=True)[2:]]
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(f"sqlite:///{Path(tmp) / 'store.db'}")
        store.import_file(OLDER)
        holder = lists.ListHolder(store, args.share)
        asyncio.run(holder.reload())
        for number in range(args.rounds):
            store.import_file(snapshots[number % len(snapshots)], force=True)
            _steps.clear()
            load = loadavg()
            started, lags = asyncio.run(one_round(holder, args.retire_after))
            report(number + 1, started, lags, load)
        store.close()
    return 0


def report(number: int, started: float, lags: Lags, load: str) -> None:
    ordered = sorted(lag for _, lag, _, _ in lags)
    held = sorted(cpu for _, _, cpu, _ in lags)
    loop = sorted(cpu for _, _, _, cpu in lags)
    print(f"== reload {number} (load average {load}, then {loadavg()})")
    for begun, ended, name in sorted(_steps):
        if not name.startswith("gc generation") or ended - begun > LATE:
            print(f"   {begun - started:7.3f} s  {1000 * (ended - begun):8.1f} ms  {name}")
    print(
        f"   probe: {len(lags)} wake-ups, late p50 {1000 * ordered[len(ordered) // 2]:.2f} ms,"
        f" p99 {1000 * ordered[int(len(ordered) * 0.99)]:.2f} ms,"
        f" max {1000 * ordered[-1]:.1f} ms; other threads' CPU between two wake-ups"
        f" p99 {1000 * held[int(len(held) * 0.99)]:.2f} ms, max {1000 * held[-1]:.1f} ms;"
        f" the loop's own p99 {1000 * loop[int(len(loop) * 0.99)]:.2f} ms,"
        f" max {1000 * loop[-1]:.1f} ms"
    )
    for due, lag, cpu, own in lags:
        if lag > LATE or cpu > LATE or own > LATE:
            when = f"{due - started:7.3f} s"
            print(
                f"   late {1000 * lag:6.1f} ms (CPU: other threads {1000 * cpu:5.1f} ms, the "
                f"loop {1000 * own:5.1f} ms) at {when}: {during(due + lag / 2)}"
            )


if __name__ == "__main__":
    sys.exit(main())
