"""How fast the audit trail takes a cluster run's alerts: PostgreSQL, flagged rows per second.

    python benchmarks/bench_alert_writes.py [--flagged 20000] [--pg URL]

A cluster run sends its flagged rows (alerts, reviews, rows not screened) back to the
client, which records them in the trail with ``record_cluster_run``: each is screened again
there for its full explanation, then written (run, rows, parties, alerts). That client-side
step is what a large cluster's throughput is bounded by once the workers are many
(docs/cluster.md, On paper), so it is measured here, split in two:

1. re-screening the flagged rows with full detail, no store (the CPU part);
2. ``record_cluster_run`` into PostgreSQL (re-screening and writing).

The flagged rows are made by screening a names table built from the list's own entries
(so nearly every row alerts) with ``screen_table``, as a cluster's tasks do. Without
``--pg`` a throwaway PostgreSQL server is started with initdb/pg_ctl, as tests/conftest.py
does (as the ``postgres`` user when run as root), and removed afterwards.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.bench_screen_csv import DEFAULT_LIST  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--flagged", type=int, default=20_000, help="flagged rows to record")
    parser.add_argument("--pg", help="a PostgreSQL URL (default: start a throwaway server)")
    args = parser.parse_args()

    import pyarrow as pa

    from sanctions_screen import Screener
    from sanctions_screen.dask import ClusterResult
    from sanctions_screen.frames import append_screen_columns
    from sanctions_screen.tabular.arrow import RowsSource
    from sanctions_screen.tabular.batch import BatchRun
    from sanctions_screen.tabular.reader import Row, TableInfo
    from sanctions_screen.unlist.parser import parse_list_file

    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load {_load()}")
    sanctions = parse_list_file(DEFAULT_LIST)
    screener = Screener(sanctions)
    names = [e.name for e in sanctions.entries if e.name.strip()]
    header = ["Customer ID", "Name", "Country"]
    # each name with one country after another: no two rows have the same inputs, so every
    # flagged row is screened in full (no cached answer), as distinct parties are
    countries = list(dict.fromkeys(c for e in sanctions.entries for c in e.nationalities))
    countries = countries or [""]
    rows = [
        [f"F{i:07d}", names[i % len(names)].title(),
         countries[(i // len(names)) % len(countries)]]
        for i in range(args.flagged)
    ]  # fmt: skip
    table = pa.Table.from_pylist([dict(zip(header, r, strict=True)) for r in rows])
    screened = append_screen_columns(
        table, record_type="names", columns=None, config=None, screener=screener,
        name="flagged.parquet",
    )  # fmt: skip
    frame = screened.to_pandas(types_mapper=_list_as_arrow)
    flagged = frame[frame["screen_status"] != "clear"]
    statuses = {str(k): int(v) for k, v in frame["screen_status"].value_counts().items()}
    print(f"flagged rows: {len(flagged):,} of {len(frame):,} ({statuses})")

    inputs = [
        Row("flagged.parquet", int(r["screen_line"]), tuple(str(r[c]) for c in header),
            tuple(header))
        for _, r in flagged.iterrows()
    ]  # fmt: skip
    info = TableInfo(
        source="flagged.parquet", delimiter="", encoding="parquet", header=tuple(header),
        header_line=0,
    )  # fmt: skip
    begin = time.perf_counter()
    for _ in BatchRun([RowsSource(info, inputs)], sanctions, screener=screener, detail=True):
        pass
    seconds = time.perf_counter() - begin
    print(f"re-screen with detail, no store: {seconds:.1f} s, "
          f"{len(flagged) / seconds:,.0f} flagged rows/s (load {_load()})")  # fmt: skip

    from sanctions_screen.audit.cluster import record_cluster_run
    from sanctions_screen.store.db import open_store

    result = ClusterResult(
        inputs=[("flagged.parquet", len(frame))], statuses=statuses, flagged=flagged, outputs=[]
    )
    with _postgres(args.pg) as url, open_store(url) as store:
        version = _server_version(url)
        store.import_file(DEFAULT_LIST)
        begin = time.perf_counter()
        run = record_cluster_run(store, result, sanctions)
        seconds = time.perf_counter() - begin
    print(f"record_cluster_run into PostgreSQL {version}: {len(flagged):,} flagged rows "
          f"({run.summary.statuses.get('alert', 0):,} alerts) in {seconds:.1f} s: "
          f"{len(flagged) / seconds:,.0f} flagged rows/s (load {_load()})")  # fmt: skip


def _list_as_arrow(kind: object) -> object:
    import pandas as pd
    import pyarrow as pa

    return pd.ArrowDtype(kind) if pa.types.is_list(kind) else None  # type: ignore[arg-type]


def _server_version(url: str) -> str:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as conn:
        found = str(conn.execute(text("SHOW server_version")).scalar())
    engine.dispose()
    return found


@contextmanager
def _postgres(url: str | None) -> Iterator[str]:
    """``url``, else a throwaway server on a free loopback port (tests/conftest.py's way)."""
    if url:
        yield url
        return
    found = shutil.which("initdb")
    initdb = Path(found) if found else max(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    bindir = initdb.parent
    workdir = Path(tempfile.mkdtemp(prefix="bench-pg-"))
    pgdata = workdir / "data"
    pgdata.mkdir()
    as_postgres: list[str] = []
    if os.geteuid() == 0:
        as_postgres = ["runuser", "-u", "postgres", "--"]
        shutil.chown(workdir, "postgres")
        shutil.chown(pgdata, "postgres")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    pg_ctl = [*as_postgres, str(bindir / "pg_ctl"), "-D", str(pgdata)]
    try:
        subprocess.run([*as_postgres, str(initdb), "-D", str(pgdata), "-A", "trust",
                        "-U", "postgres"], check=True, capture_output=True)  # fmt: skip
        subprocess.run([*pg_ctl, "-l", str(workdir / "pg.log"), "-w", "-o",
                        f"-p {port} -k {workdir} -c listen_addresses=127.0.0.1", "start"],
                       check=True, capture_output=True)  # fmt: skip
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*pg_ctl, "-m", "fast", "stop"], capture_output=True)
        shutil.rmtree(workdir, ignore_errors=True)


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


if __name__ == "__main__":
    main()
