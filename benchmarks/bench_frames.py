"""One file, four ways: the CLI on CSV, the CLI on Parquet, screen_frame, and a Dask cluster.

    python benchmarks/bench_frames.py [--rows 1000000] [--workers 2] [--pg URL] [--skip-csv]

Generates the counterparty export of ``bench_screen_csv.py`` (seeded; about 1 % of the
names are variants of listed names), writes it as CSV and as Parquet (all columns text,
row groups of ``--row-group`` rows, 65,536 by default: one cluster task each), then screens it:

1. ``sanctions-screen screen data.csv`` (one process, ``--no-record``);
2. ``sanctions-screen screen data.parquet -o out.parquet`` (one process, ``--no-record``);
3. ``screen_frame`` on the pandas DataFrame, in this process;
4. ``sanctions-screen screen data.parquet -o out/ --dask-scheduler ...`` against a
   ``distributed.LocalCluster`` of ``--workers`` worker processes (one thread each),
   Parquet to Parquet, ``--no-record``;

and compares status, reference and flags row by row (keyed by ``Customer ID``): the
differences must be 0. Reported: wall time and rows/s of each, rows/s per cluster worker,
each worker's peak RSS, the load average. With ``--pg URL`` (a PostgreSQL database) it
also records the cluster run's flagged rows there and reports the alert-write rate, the
figure that bounds a large cluster (docs/cluster.md, On paper).
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.bench_screen_csv import DEFAULT_LIST, generate  # noqa: E402

Key = tuple[str, str, str]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--distinct", type=int, default=40_000)
    parser.add_argument("--pg", help="PostgreSQL URL: also measure the alert-write rate")
    parser.add_argument("--skip-csv", action="store_true", help="skip the CSV run")
    parser.add_argument("--row-group", type=int, default=65_536, help="rows per row group")
    args = parser.parse_args()

    import pandas as pd
    import pyarrow as pa
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    work = Path(tempfile.mkdtemp(prefix="bench-frames-"))
    source_csv = work / "data.csv"
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load {_load()}")
    started = time.perf_counter()
    generate(source_csv, args.rows, args.distinct, DEFAULT_LIST)
    names = pacsv.read_csv(source_csv).column_names
    as_text = pacsv.ConvertOptions(column_types=dict.fromkeys(names, pa.string()))
    table = pacsv.read_csv(source_csv, convert_options=as_text)
    source_parquet = work / "data.parquet"
    pq.write_table(table, source_parquet, row_group_size=args.row_group)
    sizes = source_csv.stat().st_size / 1e6, source_parquet.stat().st_size / 1e6
    print(f"data: {args.rows:,} rows, {sizes[0]:.0f} MB CSV, {sizes[1]:.0f} MB Parquet "
          f"({time.perf_counter() - started:.0f} s)")  # fmt: skip

    results: dict[str, dict[str, Key]] = {}
    if not args.skip_csv:
        out_csv = work / "out.csv"
        seconds = _cli("screen", str(source_csv), "-o", str(out_csv))
        results["CLI, CSV"] = _from_csv(out_csv)
        _report("CLI, CSV -> CSV, 1 process", args.rows, seconds)
    out_parquet = work / "out.parquet"
    seconds = _cli("screen", str(source_parquet), "-o", str(out_parquet))
    results["CLI, Parquet"] = _from_table(pq.read_table(out_parquet))
    _report("CLI, Parquet -> Parquet, 1 process", args.rows, seconds)

    from sanctions_screen import Screener, screen_frame
    from sanctions_screen.unlist.parser import parse_list_file

    frame = table.to_pandas()
    screener = Screener(parse_list_file(DEFAULT_LIST))
    begin = time.perf_counter()
    screened = screen_frame(frame, screener=screener)
    seconds = time.perf_counter() - begin
    results["screen_frame"] = _from_table(pa.Table.from_pandas(screened, preserve_index=False))
    _report("screen_frame (pandas), this process", args.rows, seconds)
    del frame, screened

    import distributed

    with distributed.LocalCluster(
        n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster, distributed.Client(cluster) as client:
        out_dir = work / "cluster-out"
        print(f"cluster: {args.workers} worker processes, load {_load()}")
        cpu_before = client.run(_cpu_seconds)
        begin = time.perf_counter()
        shown = _cli("screen", str(source_parquet), "-o", str(out_dir),
                     "--dask-scheduler", cluster.scheduler_address, quiet=False)  # fmt: skip
        seconds = time.perf_counter() - begin
        peaks = client.run(_peak_rss_kb)
        cpu = client.run(_cpu_seconds)
        now = client.run(_rss_kb)
        results["screen_dask"] = _from_table(pq.read_table(out_dir))
        _report(f"CLI --dask-scheduler, Parquet -> Parquet, {args.workers} workers (whole "
                "command: start, list pinned, screeners built, screening, files hashed)",
                args.rows, seconds, per_worker=args.workers)  # fmt: skip
        job = _job_seconds(shown)
        _report(f"  of which the screening job on the cluster ({args.workers} workers)",
                args.rows, job, per_worker=args.workers)  # fmt: skip
        for address in sorted(peaks):
            used = cpu[address] - cpu_before[address]
            print(f"    worker {address}: peak RSS {peaks[address] / 1024:,.0f} MB "
                  f"(after the job {now[address] / 1024:,.0f} MB), CPU {used:.1f} s")  # fmt: skip
        print(f"    (a task holds one row group of {args.row_group:,} rows)")

    reference_name, reference = next(iter(results.items()))
    for name, found in results.items():
        diff = sum(1 for key, value in reference.items() if found.get(key) != value)
        missing = len(set(reference) ^ set(found))
        print(f"differences, {name} vs {reference_name}: {diff} (rows missing {missing})")
    alerts = sum(1 for v in reference.values() if v[0] == "alert")
    print(f"alerts {alerts:,} ({alerts / max(1, len(reference)):.2%}), load {_load()}")
    if args.pg:
        _alert_write_rate(args.pg, source_parquet, work, pd)


def _alert_write_rate(url: str, source: Path, work: Path, pd: object) -> None:
    """Record the flagged rows of a cluster result in PostgreSQL: alerts written per s."""
    import pyarrow.parquet as pq

    from sanctions_screen.audit.cluster import record_cluster_run
    from sanctions_screen.dask import ClusterResult
    from sanctions_screen.store.db import open_store
    from sanctions_screen.unlist.parser import parse_list_file

    # the output's pandas metadata names an Arrow list dtype pandas cannot rebuild by name
    table = pq.read_table(work / "cluster-out").to_pandas(ignore_metadata=True)
    flagged = table[table["screen_status"] != "clear"]
    result = ClusterResult(
        inputs=[(str(source), len(table))],
        statuses=table["screen_status"].value_counts().to_dict(),
        flagged=flagged,
        outputs=[],
    )
    with open_store(url) as store:
        begin = time.perf_counter()
        run = record_cluster_run(store, result, parse_list_file(DEFAULT_LIST))
        seconds = time.perf_counter() - begin
    rate = len(flagged) / seconds
    print(f"PostgreSQL: recorded {len(flagged):,} flagged rows ({run.summary.alerts:,} "
          f"alerts) in {seconds:.1f} s: {rate:,.0f} flagged rows/s, load {_load()}")  # fmt: skip


def _cli(*args: str, quiet: bool = True) -> Any:
    """Wall seconds of a ``sanctions-screen`` command; its output when not ``quiet``."""
    begin = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "sanctions_screen.cli.main", "--no-record", *args,
         "--list", str(DEFAULT_LIST), *(["--quiet"] if quiet else [])],
        capture_output=True, text=True,
    )  # fmt: skip
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args)}: exit {proc.returncode}\n{proc.stderr[-2000:]}")
    return time.perf_counter() - begin if quiet else proc.stdout + proc.stderr


def _job_seconds(output: str) -> float:
    """The job's own seconds, from the CLI's "Screened N rows in S s" line."""
    found = re.search(r"Screened [\d,]+ rows in ([\d.]+) s", output)
    if found is None:
        raise SystemExit(f"no 'Screened ... in ... s' line in:\n{output[-2000:]}")
    return float(found.group(1))


def _cpu_seconds() -> float:
    used = resource.getrusage(resource.RUSAGE_SELF)
    return used.ru_utime + used.ru_stime


def _peak_rss_kb() -> int:
    """This process's peak resident set (kB), as the kernel counts it (VmHWM).

    Not ``getrusage(...).ru_maxrss``: a Dask worker process inherits that figure from the
    process that started the cluster (this one, holding the frames of the earlier steps),
    so at 1,000,000 rows every worker reported this script's own 2 GB peak.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError("no VmHWM in /proc/self/status")


def _rss_kb() -> int:
    """This process's resident set now (kB)."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") // 1024


def _from_csv(path: Path) -> dict[str, Key]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {
            row["Customer ID"]: (row["screen_status"], row["screen_reference"], row["screen_flags"])
            for row in csv.DictReader(handle)
        }


def _from_table(table: object) -> dict[str, Key]:
    columns = table.to_pydict()  # type: ignore[attr-defined]
    return {
        cid: (status, reference or "", ";".join(flags or ()))
        for cid, status, reference, flags in zip(
            columns["Customer ID"], columns["screen_status"], columns["screen_reference"],
            columns["screen_flags"], strict=True,
        )
    }  # fmt: skip


def _report(label: str, rows: int, seconds: float, per_worker: int = 0) -> None:
    line = f"{label}: {seconds:.1f} s, {rows / seconds:,.0f} rows/s"
    if per_worker:
        line += f", {rows / seconds / per_worker:,.0f} rows/s per worker"
    print(f"{line} (load {_load()})", flush=True)


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


if __name__ == "__main__":
    main()
