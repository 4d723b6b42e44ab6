"""The service's CPU cost per request: CPU-ms per ``/screen`` and per name in a batch.

    python -m benchmarks.service_cpu [--requests 5000] [--clients 8] [--workers 1]
        [--record batch] [--batch 500 --batches 20]

Requests per second on a shared 2-core machine say more about the neighbours than about
the service; the CPU time the service's processes spend per request does not. This starts
``sanctions-screen serve`` over a fresh SQLite store holding the UN snapshot of
2026-04-17, sends a fixed number of requests with the light client of
:mod:`benchmarks.rawhttp`, waits for the service to go idle (the audit writer finishes
behind the answers), and prints the CPU the service's process tree used (from /proc) per
request and per name, with the client's own CPU and the load average. 2,000 requests/s on
2 cores shared with the load generator need well under 0.5 CPU-ms per ``/screen``.

With ``--py-spy PREFIX`` it also samples the last worker with ``py-spy record`` (if
installed) during each phase, into ``PREFIX-screen.txt`` and ``PREFIX-batch.txt``
(collapsed stacks; ``benchmarks/notes`` shows how they were read).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import orjson

from benchmarks import rawhttp
from benchmarks.load_service import (
    HOST,
    OLDER,
    _compiled,
    cpu_seconds,
    loadavg,
    running_service,
    tree,
    tree_cpu,
)


def settle(pids: list[int], quiet: float = 0.02, step: float = 0.5, limit: float = 60) -> float:
    """Wait until the service uses less than ``quiet`` CPU-s in each of 4 ``step`` s (longer
    than the audit writer's 1 s window); its CPU then."""
    deadline = time.monotonic() + limit
    last = tree_cpu(pids)
    calm = 0
    while time.monotonic() < deadline and calm < 4:
        time.sleep(step)
        now = tree_cpu(pids)
        calm = calm + 1 if now - last < quiet else 0
        last = now
    return last


async def _screen(port: int, names: list[str], requests: int, clients: int) -> int:
    counter = iter(range(requests))
    failed = 0

    async def client(number: int) -> None:
        nonlocal failed
        rng = random.Random(number)
        conn = rawhttp.Connection(HOST, port)
        while next(counter, None) is not None:
            answer = await conn.post("/screen", orjson.dumps({"name": rng.choice(names)}))
            failed += answer.status != 200
        conn.close()

    import asyncio

    await asyncio.gather(*(client(n) for n in range(clients)))
    return failed


async def _batches(port: int, names: list[str], size: int, count: int, clients: int) -> int:
    counter = iter(range(count))
    screened = 0

    async def client(number: int) -> None:
        nonlocal screened
        rng = random.Random(1000 + number)
        conn = rawhttp.Connection(HOST, port)
        while next(counter, None) is not None:
            body = orjson.dumps({"items": [{"name": n} for n in rng.choices(names, k=size)]})
            answer = await conn.post("/screen/batch", body)
            if answer.status == 200:
                screened += orjson.loads(answer.body)["count"]
        conn.close()

    import asyncio

    await asyncio.gather(*(client(n) for n in range(clients)))
    return screened


def measure(label: str, pids: list[int], run: object, units: int, unit: str) -> None:
    load = loadavg()
    before, own = settle(pids), cpu_seconds(os.getpid())
    started = time.perf_counter()
    result = rawhttp.run(run)  # type: ignore[arg-type]
    wall = time.perf_counter() - started
    own = cpu_seconds(os.getpid()) - own
    used = settle(pids) - before
    print(
        f"{label}: {units:,} {unit} in {wall:.1f} s; service {1000 * used / units:.3f} CPU-ms "
        f"per {unit.rstrip('s')} ({used:.2f} CPU-s); client {1000 * own / units:.3f} CPU-ms "
        f"per {unit.rstrip('s')}; result {result}; load average {load} -> {loadavg()}"
    )


def _py_spy(prefix: Path | None, phase: str, pid: int) -> subprocess.Popen[bytes] | None:
    """``py-spy record`` of ``pid`` into ``<prefix>-<phase>.txt`` (collapsed stacks)."""
    if prefix is None or shutil.which("py-spy") is None:
        return None
    out = f"{prefix}-{phase}.txt"
    spy = subprocess.Popen(
        ["py-spy", "record", "-f", "raw", "-o", out, "-p", str(pid), "-r", "250", "-d", "600",
         "--threads", "--nonblocking"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    time.sleep(1)
    return spy


def _stop(spy: subprocess.Popen[bytes] | None) -> None:
    if spy is not None:
        spy.send_signal(2)
        spy.wait(60)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=5000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--record", choices=["request", "batch", "off"], default="batch")
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--batches", type=int, default=20)
    parser.add_argument("--names", type=int, default=20_000)
    parser.add_argument("--py-spy", dest="py_spy", type=Path)
    args = parser.parse_args()
    from benchmarks.throughput import generate_names
    from sanctions_screen import load_list

    print(f"{platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"compiled matcher: {_compiled()}")
    names = generate_names(load_list(OLDER), args.names, seed=15)
    service = running_service(args.workers, args.record, reload_interval=30)
    with service as (_, port, server, command):
        pids = tree(server.pid)
        print(f"service: {' '.join(command[3:])}")

        async def warm() -> int:
            return await _screen(port, names, 300, 4)

        rawhttp.run(warm)

        async def screen() -> int:
            return await _screen(port, names, args.requests, args.clients)

        spy = _py_spy(args.py_spy, "screen", pids[-1])
        measure("/screen", pids, screen, args.requests, "requests")
        _stop(spy)

        async def batch() -> int:
            return await _batches(port, names, args.batch, args.batches, 2)

        spy = _py_spy(args.py_spy, "batch", pids[-1])
        measure(f"/screen/batch of {args.batch}", pids, batch, args.batch * args.batches,
                "names")  # fmt: skip
        _stop(spy)
    return 0


if __name__ == "__main__":
    sys.exit(main())
