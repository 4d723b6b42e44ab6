"""Load on ``sanctions-screen serve --workers 2``, measured on the same machine in one run.

    python -m benchmarks.load_service [--seconds 20] [--clients 32] [--batch 1000]

Starts the service on a free loopback port over a fresh SQLite store holding the UN
snapshot of 2026-04-17, then:

1. ``POST /screen``, one name per request, from ``--clients`` concurrent clients (httpx
   async, one connection each) for ``--seconds``: requests/s, p50/p99 latency. Halfway, a
   separate process imports the 2026-05-08 snapshot (as ``lists update`` from cron would):
   the workers reload it while the load runs; every response is checked (status 200) and
   the list versions answered are counted.
2. ``POST /screen/batch`` with ``--batch`` names per request from 4 clients: names/s.

It prints, for each phase, the load generator's own CPU use (from /proc/self/stat), the
service's (its process tree, from /proc), the machine's load average, and how many
requests failed or were dropped. Loopback only, bounded in time and count; it stops by
itself. The service records every request in the audit trail (``--record batch``).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
UN = ROOT / "lists" / "un"
OLDER = UN / "consolidated-2026-04-17.xml.xz"
NEWER = UN / "consolidated-2026-05-08.xml.xz"
HOST = "127.0.0.1"
MAX_REQUESTS = 2_000_000
TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Phase:
    name: str
    latencies: list[float] = field(default_factory=list)
    names: int = 0
    failures: Counter[str] = field(default_factory=Counter)
    versions: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    own_cpu: float = 0.0
    service_cpu: float = 0.0
    load_before: str = ""
    load_after: str = ""
    restarted: int = 0


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime


def tree(pid: int) -> list[int]:
    """``pid`` and its descendants (the uvicorn supervisor and its workers)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        current = todo.pop()
        out.append(current)
        todo.extend(children.get(current, []))
    return out


def tree_cpu(pids: list[int]) -> float:
    total = 0.0
    for pid in pids:
        with contextlib.suppress(OSError, IndexError, ValueError):  # a process gone
            total += cpu_seconds(pid)
    return total


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


async def single_names(
    url: str, names: list[str], clients: int, seconds: float, reload: subprocess.Popen[bytes] | None
) -> Phase:
    phase = Phase("/screen")
    deadline = time.perf_counter() + seconds
    counter = iter(range(MAX_REQUESTS))

    async def client(number: int) -> None:
        limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
        async with httpx.AsyncClient(base_url=url, limits=limits, timeout=30) as http:
            rng = random.Random(number)
            while time.perf_counter() < deadline and next(counter, None) is not None:
                body = {"name": rng.choice(names)}
                started = time.perf_counter()
                try:
                    response = await http.post("/screen", json=body)
                except httpx.HTTPError as exc:
                    phase.failures[type(exc).__name__] += 1
                    continue
                phase.latencies.append(time.perf_counter() - started)
                if response.status_code != 200:
                    phase.failures[f"HTTP {response.status_code}"] += 1
                else:
                    phase.versions[response.headers["X-List-Version"].split(" ", 1)[1][:10]] += 1

    await _measure(phase, [client(n) for n in range(clients)])
    phase.names = len(phase.latencies)
    return phase


async def batches(url: str, names: list[str], size: int, seconds: float) -> Phase:
    phase = Phase("/screen/batch")
    deadline = time.perf_counter() + seconds

    async def client(number: int) -> None:
        rng = random.Random(1000 + number)
        async with httpx.AsyncClient(base_url=url, timeout=120) as http:
            while time.perf_counter() < deadline:
                items = [{"name": n} for n in rng.sample(names, size)]
                started = time.perf_counter()
                response = await http.post("/screen/batch", json={"items": items})
                phase.latencies.append(time.perf_counter() - started)
                if response.status_code != 200:
                    phase.failures[f"HTTP {response.status_code}"] += 1
                    continue
                phase.names += len(response.json()["results"])

    await _measure(phase, [client(n) for n in range(4)])
    return phase


SERVICE_PIDS: list[int] = []
SERVER_PID: list[int] = []


async def _measure(phase: Phase, clients: list[object]) -> None:
    phase.load_before = loadavg()
    own, service = cpu_seconds(os.getpid()), tree_cpu(SERVICE_PIDS)
    started = time.perf_counter()
    await asyncio.gather(*clients)  # type: ignore[arg-type]
    phase.seconds = time.perf_counter() - started
    phase.own_cpu = cpu_seconds(os.getpid()) - own
    phase.service_cpu = tree_cpu(SERVICE_PIDS) - service
    phase.load_after = loadavg()
    alive = set(tree(SERVER_PID[0])) if SERVER_PID else set()
    phase.restarted = len(set(SERVICE_PIDS) - alive)  # a worker killed and replaced


def report(phase: Phase) -> None:
    lat = sorted(phase.latencies)
    rate = len(lat) / phase.seconds if phase.seconds else 0.0
    print(f"== {phase.name}: {len(lat)} requests in {phase.seconds:.1f} s")
    if lat:
        p50 = statistics.median(lat) * 1000
        p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))] * 1000
        print(f"   requests/s {rate:,.0f}; latency p50 {p50:.1f} ms, p99 {p99:.1f} ms")
    if phase.name.endswith("batch"):
        print(f"   names/s {phase.names / phase.seconds:,.0f} ({phase.names} names)")
    failed = sum(phase.failures.values())
    print(f"   failed or dropped requests: {failed} {dict(phase.failures) if failed else ''}")
    if phase.versions:
        print(f"   list versions answered: {dict(sorted(phase.versions.items()))}")
    share = phase.own_cpu / phase.seconds
    print(
        f"   CPU: load generator {phase.own_cpu:.1f} s ({share:.2f} cores, "
        f"{100 * share / (os.cpu_count() or 1):.0f}% of the machine); service "
        f"{phase.service_cpu:.1f} s ({phase.service_cpu / phase.seconds:.2f} cores)"
    )
    print(f"   load average before {phase.load_before}, after {phase.load_after}")
    if phase.restarted:
        print(f"   {phase.restarted} service process(es) exited during the phase (CPU figure low)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--names", type=int, default=20_000)
    args = parser.parse_args()
    from benchmarks.throughput import generate_names
    from sanctions_screen import load_list
    from sanctions_screen.store.db import open_store

    print(f"{platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    names = generate_names(load_list(OLDER), args.names, seed=15)
    with tempfile.TemporaryDirectory() as tmp:
        db = f"sqlite:///{tmp}/store.db"
        with open_store(db) as store:
            store.import_file(OLDER)
        port = _free_port()
        url = f"http://{HOST}:{port}"
        command = serve_command(db, port, args.workers, "batch", reload_interval=1)
        server = subprocess.Popen(command)
        try:
            _wait_ready(url, server)
            time.sleep(2)  # both workers up
            SERVICE_PIDS[:] = tree(server.pid)
            SERVER_PID[:] = [server.pid]
            print(f"service: {' '.join(command[3:])} (pids {SERVICE_PIDS})")
            print(f"compiled matcher: {_compiled()}")
            asyncio.run(_warm(url, names))
            importer = _import_later(db, args.seconds / 2)
            single = asyncio.run(single_names(url, names, args.clients, args.seconds, importer))
            importer.wait(60)
            report(single)
            SERVICE_PIDS[:] = tree(server.pid)
            report(asyncio.run(batches(url, names, args.batch, args.seconds)))
        finally:
            server.terminate()
            server.wait(120)
    return 0


def serve_command(
    db: str, port: int, workers: int, record: str, *, reload_interval: float
) -> list[str]:
    """``sanctions-screen serve`` on ``HOST:port`` over ``db``, as the benchmarks run it."""
    return [
        sys.executable,
        "-m",
        "sanctions_screen.cli.main",
        "--db",
        db,
        "serve",
        "--host",
        HOST,
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--log-level",
        "warning",
        "--reload-interval",
        str(reload_interval),
        "--record",
        record,
    ]


def _import_later(db: str, delay: float) -> subprocess.Popen[bytes]:
    """Import the newer snapshot after ``delay`` seconds, in a process of its own."""
    code = (
        f"import time; time.sleep({delay}); "
        "from sanctions_screen.store.db import open_store; "
        f"s = open_store({db!r}); print('imported', s.import_file({str(NEWER)!r}).version.id)"
    )
    return subprocess.Popen([sys.executable, "-c", code])


async def _warm(url: str, names: list[str]) -> None:
    async with httpx.AsyncClient(base_url=url, timeout=60) as http:
        for name in names[:200]:
            await http.post("/screen", json={"name": name})


def _compiled() -> bool:
    from sanctions_screen.matching import scoring

    return not str(getattr(scoring, "__file__", "")).endswith(".py")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _wait_ready(url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the service exited with {server.returncode}")
        try:
            if httpx.get(url + "/readyz").status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise SystemExit("the service did not become ready")


if __name__ == "__main__":
    sys.exit(main())
