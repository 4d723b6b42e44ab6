"""Time parsing and importing the newest UN snapshot.

    python benchmarks/bench_list.py [--repeat 7] [--file PATH] [--db URL]

Parse: bytes in memory -> SanctionsList. Import: ``Store.import_list`` into a fresh SQLite
file (or ``--db``: a fresh PostgreSQL database URL), which parses, sanity-checks,
compresses and stores the version with its per-entry rows. Each repetition imports into
a new database so none is a "same sha256" no-op. Targets: parse < 1 s, import < 3 s.
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import delete

from sanctions_screen.store.db import Store, open_store
from sanctions_screen.store.tables import ListVersionRow
from sanctions_screen.unlist.parser import parse_list

DEFAULT_FILE = Path(__file__).resolve().parents[1] / "lists/un/consolidated-2026-05-08.xml.xz"


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def report(label: str, times: list[float], target: float) -> None:
    median = statistics.median(times)
    verdict = "ok" if median < target else "OVER TARGET"
    print(
        f"{label:<8} median {median:.3f} s  min {min(times):.3f}  max {max(times):.3f}  "
        f"spread {max(times) - min(times):.3f} s  n={len(times)}  target < {target:g} s: "
        f"{verdict}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--db", help="database URL for the import (default: new SQLite files)")
    args = parser.parse_args()
    data = args.file.read_bytes()
    print(f"{args.file.name}: {len(data)} bytes")

    parse_list(data)  # warm-up: imports, pydantic schema build
    report("parse", timed(lambda: parse_list(data, source=str(args.file)), args.repeat), 1.0)

    with tempfile.TemporaryDirectory() as tmp:
        counter = iter(range(10_000))

        def import_once() -> None:
            url = args.db or f"sqlite:///{tmp}/bench-{next(counter)}.db"
            with open_store(url) as store:
                if args.db:  # a reused database: drop earlier runs' version first
                    _forget(store, data)
                store.import_list(data, source_kind="file", source=str(args.file))

        store_times = timed(import_once, args.repeat)
    report("import", store_times, 3.0)
    where = "an existing database" if args.db else "a new SQLite file each time"
    print(f"(import includes open_store on {where}: Alembic creates or checks the schema)")


def _forget(store: Store, data: bytes) -> None:
    with store.session() as session:
        session.execute(
            delete(ListVersionRow).where(ListVersionRow.sha256 == hashlib.sha256(data).hexdigest())
        )


if __name__ == "__main__":
    main()
