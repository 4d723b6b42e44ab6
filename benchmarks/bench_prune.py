"""Audit database size per recorded rows, before and after ``runs prune``.

    python benchmarks/bench_prune.py [--rows 200000] [--distinct 8080] [--workers 2]

Screens a generated counterparty CSV (``bench_screen_csv.generate``: Faker names with
about 1 % variants of listed names) into a fresh SQLite audit trail, as ``screen`` records
it, then prunes the run as if a year had passed (``prune_runs(..., now=+366 days)``).
Reported: the database's size after the run (file, WAL checkpointed), the bytes still in
use after the prune (SQLite keeps freed pages in the file until VACUUM), the file after
VACUUM, the rows dropped, the chunk bytes before and after, and the load average.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_screen_csv import DEFAULT_LIST, generate  # noqa: E402

from sanctions_screen.audit.observer import AuditObserver  # noqa: E402
from sanctions_screen.audit.queries import get_run  # noqa: E402
from sanctions_screen.audit.retention import prune_runs  # noqa: E402
from sanctions_screen.store.db import open_store  # noqa: E402
from sanctions_screen.tabular.batch import screen_file  # noqa: E402

MB = 1_000_000


def _sizes(path: Path) -> tuple[int, int]:
    """(file bytes after a WAL checkpoint, bytes in pages in use)."""
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        free = conn.execute("PRAGMA freelist_count").fetchone()[0]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    return path.stat().st_size, (pages - free) * size


def _tables(path: Path) -> dict[str, int]:
    """Bytes per audit table (SQLite's dbstat), for the biggest ones."""
    with sqlite3.connect(path) as conn:
        try:
            rows = conn.execute(
                "SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC LIMIT 6"
            ).fetchall()
        except sqlite3.OperationalError:  # SQLite built without dbstat
            return {}
    return {name: size for name, size in rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--distinct", type=int, default=8_080)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--file", type=Path, default=DEFAULT_LIST, help="UN list XML (.xz)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        source, db = work / "counterparties.csv", work / "audit.db"
        distinct = generate(source, args.rows, args.distinct, args.file)
        with open_store(f"sqlite:///{db}") as store:
            store.import_file(args.file)
            _, empty = _sizes(db)
            sanctions = store.load_version()
            observer = AuditObserver(store, sanctions)
            began = time.perf_counter()
            screen_file([source], work / "out.csv", sanctions, observer=observer,
                        workers=args.workers)  # fmt: skip
            screened = time.perf_counter() - began
            assert observer.run_id is not None
            run = get_run(store, observer.run_id)
            file_before, used_before = _sizes(db)
            tables_before = _tables(db)
            began = time.perf_counter()
            report = prune_runs(store, "365d", pruned_by="benchmark",
                                now=run.started_at + dt.timedelta(days=366))  # fmt: skip
            pruned = time.perf_counter() - began
            file_after, used_after = _sizes(db)
            tables_after = _tables(db)
        with sqlite3.connect(db) as conn:
            conn.execute("VACUUM")
        vacuumed, _ = _sizes(db)

    loadavg = Path("/proc/loadavg")
    load = loadavg.read_text().split()[:3] if loadavg.exists() else []
    recorded = used_before - empty
    print(f"{args.rows:,} rows ({distinct:,} distinct names) screened and recorded in "
          f"{screened:.1f} s; statuses {run.rows_by_status}; {run.alert_count} alerts")
    print(f"database with the list only: {empty / MB:.1f} MB in use")
    print(f"after the run:   file {file_before / MB:.1f} MB, in use {used_before / MB:.1f} MB "
          f"(the run's rows: {recorded / MB:.1f} MB, {recorded / args.rows:.0f} bytes/row; "
          f"{recorded / MB * 200_000 / args.rows:.1f} MB per 200,000 rows)")
    print(f"prune ({pruned:.1f} s): {report.rows_dropped:,} clear rows dropped; chunks "
          f"{report.bytes_before / MB:.1f} -> {report.bytes_after / MB:.1f} MB")
    kept = used_after - empty
    print(f"after the prune: file {file_after / MB:.1f} MB (freed pages stay until VACUUM), "
          f"in use {used_after / MB:.1f} MB (the run: {kept / MB:.1f} MB, "
          f"{kept / MB * 200_000 / args.rows:.1f} MB per 200,000 rows)")
    print(f"after VACUUM:    file {vacuumed / MB:.1f} MB")
    for label, tables in (("before", tables_before), ("after", tables_after)):
        if tables:
            print(f"largest tables {label}: " + ", ".join(
                f"{name} {size / MB:.1f} MB" for name, size in tables.items()))  # fmt: skip
    print(f"load average {' '.join(load)}")


if __name__ == "__main__":
    main()
