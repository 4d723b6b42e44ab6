"""Load on ``sanctions-screen serve --workers 2``, measured on the same machine in one run.

    python -m benchmarks.load_service [--seconds 20] [--clients 32] [--rate 2400]
        [--saturate 10] [--batch 500] [--batch-clients 16] [--control] [--batch-seconds S]

Starts the service on a free loopback port over a fresh SQLite store holding the UN
snapshot of 2026-04-17, recording every request in the audit trail (``--record batch``,
the default), then:

1. ``POST /screen``, one name per request, from ``--clients`` concurrent clients (one
   keep-alive connection each) for ``--seconds``, offering ``--rate`` requests/s together
   (each client sends its next request when it is due, or at once if it is late):
   requests/s answered, latency p50/p95/p99/max counted from when each request was due,
   so a service that falls behind shows it in full. A third of the way in, a separate
   process imports the 2026-05-08 snapshot (as ``lists update`` from cron would) and the
   workers reload it while the load runs: every answer is checked (status 200), failures,
   time-outs and dropped connections are counted, and so are the list versions answered.
   Then ``--saturate`` seconds unpaced (each client sends as soon as it has its answer):
   the most the service answers. Unpaced, 32 clients keep 32 requests queued, so latency
   there is clients / throughput whatever the service does; issue 15's p99 is taken from
   the paced phase, at a rate above its 2,000 requests/s. The paced phase prints its p50,
   p99 and longest latency second by second (by when the requests were due), so a
   reload's cost shows where it falls, and beside them how late the generator itself
   woke to send the requests it had slept for (its own stalls count in the latency too);
   ``--control`` runs the paced phase once without a reload first, to compare with in
   the same run.
2. ``POST /screen/batch`` with ``--batch`` names per request from ``--batch-clients``
   clients (a pool of keep-alive connections, as an integration's HTTP client keeps):
   names/s.

The clients are :mod:`benchmarks.rawhttp` (requests written by hand on asyncio streams,
uvloop): an httpx client at 32 connections would spend more CPU than the service. For
each phase it prints the load generator's own CPU share (its CPU time / wall time /
cores), the service's (its process tree, from /proc), how the connections spread over
the workers, and the load average; at the end, each acceptance figure of issue 15. The
clients open their connections one after another, as a pool warming up would; the
workers each listen on a socket of their own (``SO_REUSEPORT``), and the spread printed
says how even it came out. The kernel picks a worker for each connection by a hash of its
addresses and ports, not by load: a worker left without a connection idles for the whole
phase (with 8 batch connections one run had them all on one worker, 1 chance in 128), so
the batch phase opens a pool of 16 (1 chance in 32,768) of 500 names each; a phase where a
worker holds no connection says so. Loopback only, bounded in time and
count; it stops by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import platform
import random
import resource
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import orjson

from benchmarks import rawhttp

ROOT = Path(__file__).resolve().parent.parent
UN = ROOT / "lists" / "un"
OLDER = UN / "consolidated-2026-04-17.xml.xz"
NEWER = UN / "consolidated-2026-05-08.xml.xz"
HOST = "127.0.0.1"
MAX_REQUESTS = 2_000_000
REQUEST_TIMEOUT = 30.0
TICKS = os.sysconf("SC_CLK_TCK")
CORES = os.cpu_count() or 1

FAILURES = (OSError, EOFError, TimeoutError, asyncio.LimitOverrunError, rawhttp.ProtocolError)
"""What a request may fail with besides an error status: refused, reset or closed
connections, answers cut short or malformed, no answer within the time-out."""

# Issue 15's acceptance figures.
MIN_REQUESTS_PER_S = 2000
MAX_P99_MS = 25.0
MIN_NAMES_PER_S = 20_000


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
    connections: list[int] = field(default_factory=list)
    due: list[float] = field(default_factory=list)
    """Paced /screen: when each request of ``latencies`` was due, in seconds from the start."""
    overslept: list[tuple[float, float]] = field(default_factory=list)
    """Paced /screen: (when due, seconds late) of each request a client slept for and woke
    late to send: the load generator's own lag, not the service's."""

    @property
    def failed(self) -> int:
        return sum(self.failures.values())

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def percentile(self, share: float) -> float:
        """The latency (ms) ``share`` of the requests stayed under (nearest rank)."""
        ordered = sorted(self.latencies)
        if not ordered:
            return float("nan")
        return 1000 * ordered[min(len(ordered) - 1, max(0, int(len(ordered) * share) - 1))]

    @property
    def generator_share(self) -> float:
        """The load generator's CPU time over wall time, as a share of the machine."""
        return self.own_cpu / self.seconds / CORES if self.seconds else 0.0


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


def connections_per_process(pids: list[int], port: int) -> list[int]:
    """Established connections to ``port`` each of ``pids`` holds (from /proc)."""
    inodes: set[str] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError):
            for line in Path(table).read_text().splitlines()[1:]:
                cols = line.split()
                if cols[3] == "01" and int(cols[1].rsplit(":", 1)[1], 16) == port:
                    inodes.add(cols[9])
    counts = []
    for pid in pids:
        held = 0
        with contextlib.suppress(OSError):
            for fd in Path(f"/proc/{pid}/fd").iterdir():
                with contextlib.suppress(OSError):
                    link = os.readlink(fd)
                    held += link.startswith("socket:[") and link[8:-1] in inodes
        counts.append(held)
    return counts


async def _connect(port: int, count: int) -> list[rawhttp.Connection]:
    """``count`` connections, opened one after another, each answering once."""
    connections = []
    for _ in range(count):
        connection = rawhttp.Connection(HOST, port)
        answer = await connection.get("/healthz")
        if answer.status != 200:
            raise SystemExit(f"/healthz answered {answer.status}")
        connections.append(connection)
        await asyncio.sleep(0.01)
    return connections


async def single_names(
    phase: Phase,
    connections: list[rawhttp.Connection],
    names: list[str],
    seconds: float,
    rate: float = 0.0,
) -> None:
    """Each connection sends a name, waits for the answer, and sends the next: at once
    (``rate`` 0: as fast as the service answers), or when it is due so that all together
    offer ``rate`` requests/s. Paced, a request's latency counts from when it was due,
    not from when it went out: an answer that came late delays the next request, and
    that wait is counted too (no "coordinated omission")."""
    start = time.perf_counter()
    deadline = start + seconds
    counter = iter(range(MAX_REQUESTS))
    bodies = [orjson.dumps({"name": name}) for name in names]
    interval = len(connections) / rate if rate > 0 else 0.0

    async def client(number: int, connection: rawhttp.Connection) -> None:
        rng = random.Random(number)
        due = start + interval * rng.random()  # the clients' turns spread over an interval
        while time.perf_counter() < deadline and next(counter, None) is not None:
            started = time.perf_counter()
            if interval:
                if due > started:
                    await asyncio.sleep(due - started)
                    phase.overslept.append((due - start, time.perf_counter() - due))
                started, due = due, due + interval
            try:
                async with asyncio.timeout(REQUEST_TIMEOUT):
                    answer = await connection.post("/screen", rng.choice(bodies))
            except FAILURES as exc:
                phase.failures[type(exc).__name__] += 1
                continue
            phase.latencies.append(time.perf_counter() - started)
            phase.due.append(started - start)
            if answer.status != 200:
                phase.failures[f"HTTP {answer.status}"] += 1
            else:
                version = answer.headers[b"x-list-version"].split(b" ", 1)[1][:10]
                phase.versions[version.decode()] += 1

    await asyncio.gather(*(client(n, c) for n, c in enumerate(connections)))


async def batches(
    phase: Phase, connections: list[rawhttp.Connection], names: list[str], size: int, seconds: float
) -> None:
    deadline = time.perf_counter() + seconds

    async def client(number: int, connection: rawhttp.Connection) -> None:
        rng = random.Random(1000 + number)
        while time.perf_counter() < deadline:
            body = orjson.dumps({"items": [{"name": n} for n in rng.sample(names, size)]})
            started = time.perf_counter()
            try:
                async with asyncio.timeout(120):
                    answer = await connection.post("/screen/batch", body)
            except FAILURES as exc:
                phase.failures[type(exc).__name__] += 1
                continue
            phase.latencies.append(time.perf_counter() - started)
            if answer.status != 200:
                phase.failures[f"HTTP {answer.status}"] += 1
                continue
            version = answer.headers[b"x-list-version"].split(b" ", 1)[1][:10]
            phase.versions[version.decode()] += 1
            screened = len(orjson.loads(answer.body)["results"])
            if screened != size:
                phase.failures[f"{screened} results for {size} names"] += 1
            phase.names += screened

    await asyncio.gather(*(client(n, c) for n, c in enumerate(connections)))


def measure(
    phase: Phase,
    server: subprocess.Popen[bytes],
    port: int,
    clients: int,
    drive: Callable[[list[rawhttp.Connection]], Awaitable[None]],
) -> Phase:
    """Run ``drive`` over ``clients`` fresh connections, with CPU and load figures."""
    service = tree(server.pid)
    workers = [pid for pid in service if _is_worker(pid)]

    async def run() -> None:
        connections = await _connect(port, clients)
        phase.connections = connections_per_process(workers, port)
        phase.load_before = loadavg()
        own, used = time.process_time(), tree_cpu(service)
        started = time.perf_counter()
        await drive(connections)
        phase.seconds = time.perf_counter() - started
        phase.own_cpu = time.process_time() - own
        phase.service_cpu = tree_cpu(service) - used
        phase.load_after = loadavg()
        for connection in connections:
            connection.close()

    rawhttp.run(run)
    phase.restarted = len(set(service) - set(tree(server.pid)))  # a worker died
    return phase


def report(phase: Phase) -> None:
    print(f"== {phase.name}")
    print(f"   requests: {len(phase.latencies):,} in {phase.seconds:.1f} s = {phase.rate:,.0f}/s")
    if phase.latencies:
        print(
            f"   latency: p50 {phase.percentile(0.50):.1f} ms, p95 {phase.percentile(0.95):.1f}"
            f" ms, p99 {phase.percentile(0.99):.1f} ms, max {max(phase.latencies) * 1000:.1f} ms"
        )
    if phase.names:
        print(f"   names/s: {phase.names / phase.seconds:,.0f} ({phase.names:,} names)")
    if phase.due:
        print(f"   p50/p99|max by second (ms): {timeline(phase)}")
        print(f"   the generator's own lag, p99|max by second (ms): {generator_lag(phase)}")
    print(f"   failed or dropped requests: {phase.failed} {dict(phase.failures) or ''}")
    if phase.versions:
        print(f"   list versions answered: {dict(sorted(phase.versions.items()))}")
    print(f"   connections per worker: {phase.connections}")
    if len(phase.connections) > 1 and 0 in phase.connections:
        print("   a worker held no connection: the phase measured the others alone")
    print(
        f"   CPU: load generator {phase.own_cpu:.1f} s = {phase.own_cpu / phase.seconds:.2f} "
        f"cores = {100 * phase.generator_share:.0f}% of the machine's {CORES}; service "
        f"{phase.service_cpu:.1f} s = {phase.service_cpu / phase.seconds:.2f} cores"
    )
    print(f"   load average before {phase.load_before}, after {phase.load_after}")
    if phase.restarted:
        print(f"   {phase.restarted} service process(es) exited during the phase (CPU figure low)")


def timeline(phase: Phase) -> str:
    """The p50, p99 and longest latency of the requests due in each second of the phase."""
    out = []
    for second, latencies in _by_second(zip(phase.due, phase.latencies, strict=True)):
        p50, p99 = _rank(latencies, 0.50), _rank(latencies, 0.99)
        out.append(f"{second}: {1000 * p50:.0f}/{1000 * p99:.0f}|{1000 * latencies[-1]:.0f}")
    return ", ".join(out)


def generator_lag(phase: Phase) -> str:
    """How late the clients woke to send requests they had slept for (the generator's own
    stalls: a late wake-up counts in the latency too), p99 and longest, by second."""
    out = []
    for second, lags in _by_second(phase.overslept):
        out.append(f"{second}: {1000 * _rank(lags, 0.99):.1f}|{1000 * lags[-1]:.1f}")
    return ", ".join(out)


def _by_second(pairs: Iterable[tuple[float, float]]) -> list[tuple[int, list[float]]]:
    """(second, sorted values) of (when, value) pairs, by whole second of ``when``."""
    seconds: dict[int, list[float]] = {}
    for when, value in pairs:
        seconds.setdefault(int(when), []).append(value)
    return [(second, sorted(values)) for second, values in sorted(seconds.items())]


def _rank(ordered: list[float], share: float) -> float:
    """The value ``share`` of ``ordered`` stayed under (nearest rank)."""
    return ordered[min(len(ordered) - 1, max(0, int(len(ordered) * share) - 1))]


def verdict(single: Phase, batch: Phase, clients: int, rate: float, importer_cpu: float) -> None:
    newer = NEWER.name.split("-", 1)[1][:10]
    reloaded = newer in single.versions or newer in batch.versions
    failed = single.failed + batch.failed
    lines = [
        (f"/screen at {clients} clients >= {MIN_REQUESTS_PER_S:,} requests/s"
         + (f" ({rate:,.0f} offered)" if rate else ""),
         f"{single.rate:,.0f}", single.rate >= MIN_REQUESTS_PER_S),
        (f"/screen p99 <= {MAX_P99_MS:.0f} ms", f"{single.percentile(0.99):.1f} ms",
         single.percentile(0.99) <= MAX_P99_MS),
        (f"/screen/batch >= {MIN_NAMES_PER_S:,} names/s",
         f"{batch.names / batch.seconds:,.0f}" if batch.seconds else "-",
         batch.seconds > 0 and batch.names / batch.seconds >= MIN_NAMES_PER_S),
        ("list reload during the load drops 0 requests",
         f"{failed} failed; answers from {newer} seen: {'yes' if reloaded else 'NO'}",
         reloaded and failed == 0),
    ]  # fmt: skip
    print("== acceptance (issue 15)")
    for what, figure, ok in lines:
        print(f"   {'PASS' if ok else 'FAIL'}  {what}: {figure}")
    print(
        f"   load generator's CPU share: {100 * single.generator_share:.0f}% of the machine "
        f"during /screen, {100 * batch.generator_share:.0f}% during /screen/batch; the list "
        f"import took {importer_cpu:.1f} CPU-s during /screen"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument(
        "--rate",
        type=float,
        default=2400.0,
        help="/screen requests/s the clients offer together (0: as fast as answered)",
    )
    parser.add_argument(
        "--saturate",
        type=float,
        default=10.0,
        help="then seconds of unpaced /screen, for the most the service answers (0: none)",
    )
    parser.add_argument(
        "--control",
        action="store_true",
        help="first run the paced /screen phase without a reload, to compare its latency with",
    )
    parser.add_argument("--batch-seconds", type=float, help="default: --seconds (0: none)")
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--batch-clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--names", type=int, default=20_000)
    args = parser.parse_args()
    from benchmarks.throughput import generate_names
    from sanctions_screen import load_list

    print(f"{platform.platform()}, {CORES} cores, Python {platform.python_version()}")
    print(f"compiled matcher: {_compiled()}; load average {loadavg()}")
    names = generate_names(load_list(OLDER), args.names, seed=15)
    with running_service(args.workers, "batch", reload_interval=1) as (db, port, server, command):
        print(f"service: {' '.join(command[3:])} (pids {tree(server.pid)})")
        warm = Phase("warm-up")
        measure(warm, server, port, args.clients,
                lambda c: single_names(warm, c, names[:2000], 3))  # fmt: skip
        offered = f"{args.rate:,.0f} requests/s offered" if args.rate else "unpaced"
        if args.control:
            control = Phase(f"POST /screen, single names, {args.clients} clients, {offered}, "
                            "no reload (the control)")  # fmt: skip
            measure(control, server, port, args.clients,
                    lambda c: single_names(control, c, names, args.seconds, args.rate))  # fmt: skip
            report(control)
        single = Phase(f"POST /screen, single names, {args.clients} clients, {offered}, new "
                       f"list imported from {args.seconds / 3:.0f} s")  # fmt: skip
        importer = _import_later(db, args.seconds / 3)
        measure(single, server, port, args.clients,
                lambda c: single_names(single, c, names, args.seconds, args.rate))  # fmt: skip
        importer.wait(120)
        importer_cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
        report(single)
        if args.rate and args.saturate:
            most = Phase(f"POST /screen, single names, {args.clients} clients, unpaced "
                         "(the most the service answers; latency is then queueing)")  # fmt: skip
            measure(most, server, port, args.clients,
                    lambda c: single_names(most, c, names, args.saturate))  # fmt: skip
            report(most)
        batch = Phase(
            f"POST /screen/batch, {args.batch} names a request, {args.batch_clients} clients"
        )
        batch_seconds = args.seconds if args.batch_seconds is None else args.batch_seconds
        if batch_seconds:
            measure(batch, server, port, args.batch_clients,
                    lambda c: batches(batch, c, names, args.batch, batch_seconds))  # fmt: skip
            report(batch)
        verdict(single, batch, args.clients, args.rate,
                importer_cpu.ru_utime + importer_cpu.ru_stime)  # fmt: skip
    return 0


@contextlib.contextmanager
def running_service(
    workers: int, record: str, *, reload_interval: float
) -> Iterator[tuple[str, int, subprocess.Popen[bytes], list[str]]]:
    """``sanctions-screen serve`` over a fresh store holding the 2026-04-17 list, on a free
    loopback port, every worker up; stopped when the block ends. Yields the store's URL,
    the port, the server process and its command."""
    from sanctions_screen.store.db import open_store

    with tempfile.TemporaryDirectory() as tmp:
        db = f"sqlite:///{tmp}/store.db"
        with open_store(db) as store:
            store.import_file(OLDER)
        port = _free_port()
        command = serve_command(db, port, workers, record, reload_interval=reload_interval)
        server = subprocess.Popen(command)
        try:
            _wait_ready(f"http://{HOST}:{port}", server)
            time.sleep(1 + workers)  # every worker up
            yield db, port, server, command
        finally:
            server.terminate()
            server.wait(120)


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
        f"s = open_store({db!r}); print('   imported list version', "
        f"s.import_file({str(NEWER)!r}).version.id, 'during the load')"
    )
    return subprocess.Popen([sys.executable, "-c", code])


def _is_worker(pid: int) -> bool:
    """A uvicorn worker (spawned by multiprocessing), not the supervisor or a helper."""
    try:
        return b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


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
