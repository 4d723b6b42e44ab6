"""How a list reload delays a worker's requests, with the build paced or not.

    python -m benchmarks.reload_under_load [--every 0.003] [--cost 0.0005] [--shares 1 0.3 1 0.3]

In one process, as a worker runs it: a :class:`~sanctions_screen.service.lists.ListHolder`
serving the 2026-04-17 snapshot, and a stand-in for requests on the event loop: one due
every ``--every`` seconds, each taking ``--cost`` CPU seconds of Python, its latency
counted from when it was due (a late one delays the next, and that counts too). The
2026-05-08 snapshot is imported by another process, then :meth:`ListHolder.reload` builds
it on a thread beside the requests, with the build taking at most each of ``--shares`` of
the interpreter (the service's ``reload_share``). Prints the requests' latency before the
import and while the reload ran. The machine's load moves every figure: compare the
shares within one run, alternating.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import sys
import tempfile
import time

from benchmarks.load_service import NEWER, OLDER, loadavg


def _work(cost: float) -> None:
    started = time.thread_time()
    while time.thread_time() - started < cost:
        sum(range(50))


def _rank(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(len(ordered) * share) - 1))]


async def one_round(share: float, every: float, cost: float, tmp: str) -> str:
    from sanctions_screen.service.lists import ListHolder
    from sanctions_screen.store.db import open_store

    url = f"sqlite:///{tmp}/store.db"
    with open_store(url) as store:
        store.import_file(OLDER)
    store = open_store(url)
    holder = ListHolder(store, share)
    await holder.reload()
    done: list[tuple[float, float]] = []  # (when due, latency)
    stop = asyncio.Event()
    start = time.perf_counter()

    async def requests() -> None:
        number = 0
        while not stop.is_set():
            due = start + number * every
            now = time.perf_counter()
            if due > now:
                await asyncio.sleep(due - now)
            _work(cost)
            done.append((due, time.perf_counter() - due))
            number += 1

    task = asyncio.create_task(requests())
    await asyncio.sleep(1.0)
    code = (
        "from sanctions_screen.store.db import open_store; "
        f"open_store({url!r}).import_file({str(NEWER)!r})"
    )
    importer = await asyncio.create_subprocess_exec(sys.executable, "-c", code)
    await importer.wait()
    began = time.perf_counter()
    await holder.reload()
    ended = time.perf_counter()
    stop.set()
    await task
    store.close()
    before = [lag for due, lag in done if due < start + 1.0]
    during = [lag for due, lag in done if began <= due <= ended]
    return (
        f"share {share}: reload {ended - began:.1f} s; before the import p99 "
        f"{1000 * _rank(before, 0.99):.1f} ms; during the reload {len(during)} requests, p50 "
        f"{1000 * _rank(during, 0.5):.1f}, p90 {1000 * _rank(during, 0.9):.1f}, p99 "
        f"{1000 * _rank(during, 0.99):.1f}, max {1000 * max(during):.1f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--every", type=float, default=0.003)
    parser.add_argument("--cost", type=float, default=0.0005)
    parser.add_argument("--shares", type=float, nargs="+", default=[1.0, 0.3, 1.0, 0.3])
    args = parser.parse_args()
    sys.setswitchinterval(0.001)  # as the service sets them
    gc.set_threshold(*gc.get_threshold()[:2], 10_000)
    for share in args.shares:
        load = loadavg()
        with tempfile.TemporaryDirectory() as tmp:
            line = asyncio.run(one_round(share, args.every, args.cost, tmp))
        print(f"{line} (load average {load} -> {loadavg()})", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
