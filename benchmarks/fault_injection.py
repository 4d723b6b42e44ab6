"""Fault injection: kill -9 and SIGTERM a recorded ``sanctions-screen screen`` run at random
points, then check that no audit record was lost.

After each fault:

- the output file is a prefix of what the trail holds for the run (``runs export``
  rebuilds it from the trail), so every row written out is in the trail, byte for byte;
- ``row_count`` equals the rows the trail's chunks hold;
- the next command that opens the store (``runs show``) finds the run ``interrupted``
  (SIGTERM: closed by the run itself, exit 143; kill -9: by its lease, the process gone);

and at the end ``rescreen`` against a newer list covers every interrupted run (or names
it as not covered).

    python benchmarks/fault_injection.py --faults 30 --db sqlite:////tmp/f.db
    python benchmarks/fault_injection.py --faults 30 --db postgresql+psycopg://...

``tests/audit/test_faults.py`` runs a few of these on SQLite and PostgreSQL in CI.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Fault:
    """One injected fault and what was found after it."""

    number: int
    signal: str
    target_rows: int
    exit_code: int
    run_id: int | None
    status: str | None
    row_count: int
    chunk_rows: int
    output_rows: int
    output_is_prefix: bool
    """The output's rows (input cells and status) are the trail's first rows."""
    output_format: str = "csv"

    @property
    def lost(self) -> int:
        """Rows written out that the trail lacks (must be 0)."""
        if self.run_id is None:
            return 0
        missing = max(0, self.output_rows - self.chunk_rows)
        return missing if self.output_is_prefix else max(missing, 1)

    @property
    def ok(self) -> bool:
        if self.run_id is None:  # killed before the run started: nothing to check
            return self.output_rows == 0
        return (
            self.lost == 0
            and self.row_count == self.chunk_rows
            and self.status == "interrupted"
            and self.output_is_prefix
        )


def cli(db_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "sanctions_screen.cli.main", "--db", db_url, *args]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def cli_bytes(db_url: str, *args: str) -> bytes:
    command = [sys.executable, "-m", "sanctions_screen.cli.main", "--db", db_url, *args]
    return subprocess.run(command, capture_output=True, check=False).stdout


def inject(
    db_url: str,
    source: Path,
    workdir: Path,
    count: int,
    *,
    seed: int = 13,
    rows: int,
    formats: tuple[str, ...] = ("csv",),
) -> list[Fault]:
    """``count`` faults, SIGKILL and SIGTERM alternating, each at a random row; the
    output format goes round ``formats`` every two faults."""
    rng = random.Random(seed)
    faults: list[Fault] = []
    for number in range(count):
        signum = signal.SIGKILL if number % 2 == 0 else signal.SIGTERM
        fmt = formats[(number // 2) % len(formats)]
        target = rng.randrange(rows * 4 // 5)
        faults.append(_one(db_url, source, workdir, number, signum, target, fmt))
    return faults


def _one(
    db_url: str,
    source: Path,
    workdir: Path,
    number: int,
    signum: int,
    target: int,
    fmt: str = "csv",
) -> Fault:
    from sqlalchemy import create_engine, text

    output = workdir / f"out-{number}.{fmt}"
    before = _last_run(db_url)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sanctions_screen.cli.main",
            "--db",
            db_url,
            "screen",
            str(source),
            "-o",
            str(output),
            "-q",
        ],  # fmt: skip
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    engine = create_engine(db_url)
    try:
        deadline = time.monotonic() + 600
        while process.poll() is None and time.monotonic() < deadline:
            with engine.connect() as conn:
                found = conn.execute(
                    text("SELECT id, row_count FROM audit_runs WHERE id > :id ORDER BY id"),
                    {"id": before},
                ).first()
            if found is not None and found[1] >= target:
                break
            time.sleep(0.02)
        process.send_signal(signum)
        process.wait(timeout=120)
    finally:
        engine.dispose()
        if process.poll() is None:
            process.kill()
            process.wait()
    run_id = _last_run(db_url)
    written = _written(output)
    if run_id == before:
        return Fault(number, signal.Signals(signum).name, target, process.returncode, None,
                     None, 0, 0, len(written), not written, fmt)  # fmt: skip
    shown = cli(db_url, "runs", "show", str(run_id), "--json")  # the next command
    run = json.loads(shown.stdout)["run"]
    trail = _rows(cli_bytes(db_url, "runs", "export", str(run_id)))
    chunk_rows = _chunk_rows(db_url, run_id)
    return Fault(
        number,
        signal.Signals(signum).name,
        target,
        process.returncode,
        run_id,
        run["status"],
        run["row_count"],
        chunk_rows,
        len(written),
        trail[: len(written)] == written,
        fmt,
    )


def _written(output: Path) -> list[tuple[str, ...]]:
    """The rows a reader finds in the output: a CSV file's lines (cut short or not), or a
    Parquet file's rows (none when it was killed before its footer was written)."""
    if not output.exists():
        return []
    if output.suffix != ".parquet":
        return _rows(output.read_bytes())
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(output)
    except (OSError, ValueError):  # no footer: a reader finds no row
        return []
    names = [n for n in table.column_names if not n.startswith("screen_")]
    columns = [table.column(n).to_pylist() for n in names]
    statuses = table.column("screen_status").to_pylist()
    rows = zip(*columns, statuses, strict=True)
    return [(*("" if v is None else str(v) for v in values), s) for *values, s in rows]


def _rows(data: bytes) -> list[tuple[str, ...]]:
    """Each whole CSV row as its input cells and status (a line cut short is no row)."""
    import csv
    import io

    text = data.decode("utf-8-sig", "replace")
    if not text.endswith("\n"):
        text = text[: text.rfind("\n") + 1]
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None:
        return []
    keep = [i for i, name in enumerate(header) if not name.startswith("screen_")]
    status = header.index("screen_status")
    return [(*(row[i] for i in keep), row[status]) for row in reader]


def _last_run(db_url: str) -> int:
    from sqlalchemy import create_engine, text

    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            return int(
                conn.execute(text("SELECT coalesce(max(id), 0) FROM audit_runs")).scalar_one()
            )
    finally:
        engine.dispose()


def _chunk_rows(db_url: str, run_id: int) -> int:
    from sqlalchemy import create_engine, text

    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            found = conn.execute(
                text("SELECT coalesce(sum(row_count), 0) FROM audit_chunks WHERE run_id = :r"),
                {"r": run_id},
            ).scalar_one()
            return int(found)
    finally:
        engine.dispose()


def prepare(db_url: str, workdir: Path, rows: int, old_list: Path) -> Path:
    """A store with ``old_list`` active and a ``rows``-row counterparty file."""
    sys.path.insert(0, str(ROOT))
    from benchmarks.bench_screen_csv import generate

    done = cli(db_url, "lists", "import", str(old_list))
    if done.returncode != 0:
        raise RuntimeError(done.stderr)
    source = workdir / "counterparties.csv"
    generate(source, rows, 2_000, old_list)
    return source


def summary(faults: list[Fault]) -> str:
    by_signal: dict[str, int] = {}
    for fault in faults:
        by_signal[fault.signal] = by_signal.get(fault.signal, 0) + 1
    runs = [f for f in faults if f.run_id is not None]
    return (
        f"faults {len(faults)} ({', '.join(f'{k} {v}' for k, v in sorted(by_signal.items()))}); "
        f"runs hit {len(runs)}; marked interrupted {sum(f.status == 'interrupted' for f in runs)}; "
        f"rows written out {sum(f.output_rows for f in runs):,}, in the trail "
        f"{sum(f.chunk_rows for f in runs):,}; audit records lost {sum(f.lost for f in faults)}; "
        f"all checks passed: {all(f.ok for f in faults)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="database URL (a fresh database)")
    parser.add_argument("--faults", type=int, default=30)
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument(
        "--formats", default="csv,parquet", help="output formats, in turn (csv, parquet)"
    )
    args = parser.parse_args()
    un = Path(tempfile.mkdtemp(prefix="faults-"))
    import lzma

    lists = {}
    for name in ("consolidated-2026-01-28.xml", "consolidated-2026-05-08.xml"):
        lists[name] = un / name
        lists[name].write_bytes(lzma.decompress((ROOT / "lists/un" / f"{name}.xz").read_bytes()))
    source = prepare(args.db, un, args.rows, lists["consolidated-2026-01-28.xml"])
    print(f"load average {os.getloadavg()}", flush=True)
    formats = tuple(args.formats.split(","))
    faults = inject(args.db, source, un, args.faults, seed=args.seed, rows=args.rows,
                    formats=formats)  # fmt: skip
    for fault in faults:
        print(fault, "lost", fault.lost, "ok" if fault.ok else "FAILED", flush=True)
    cli(args.db, "lists", "import", str(lists["consolidated-2026-05-08.xml"]))
    report = json.loads(cli(args.db, "rescreen", "--json").stdout)
    hit = {f.run_id for f in faults if f.run_id is not None}
    every = hit <= set(report["runs_incomplete"])
    print(
        f"rescreen: runs covered {report['runs_covered']}, of them incomplete "
        f"{len(report['runs_incomplete'])} (every fault run: {every}), "
        f"not covered {report['runs_not_covered']}"
    )
    print(summary(faults))
    print(f"load average {os.getloadavg()}")


if __name__ == "__main__":
    main()
