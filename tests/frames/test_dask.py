"""screen_dask on a real distributed.LocalCluster with two worker processes."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from sanctions_screen.exceptions import ListVersionMismatchError
from sanctions_screen.matching.screener import Screener
from tests.conftest import NEWEST

pd = pytest.importorskip("pandas")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

from sanctions_screen import screen_frame  # noqa: E402
from sanctions_screen.dask import ListPin, ScreenerPlugin, pin_list, screen_dask  # noqa: E402


@pytest.fixture(scope="module")
def client() -> Iterator[distributed.Client]:
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    with distributed.Client(cluster) as client:
        yield client
    cluster.close()


def _answers(frame: pd.DataFrame) -> list[tuple[str, str, tuple[str, ...]]]:
    return [
        (s, r or "", tuple(f))
        for s, r, f in zip(
            frame["screen_status"], frame["screen_reference"], frame["screen_flags"], strict=True
        )
    ]


def test_a_cluster_gives_one_process_answers(
    client: distributed.Client,
    names_data: tuple[list[str], list[list[str]]],
    screener: Screener,
) -> None:
    header, rows = names_data
    frame = pd.DataFrame(rows, columns=header)
    expected = _answers(screen_frame(frame, screener=screener))
    pin = pin_list(NEWEST)
    client.register_plugin(ScreenerPlugin(pin))
    screened = screen_dask(dd.from_pandas(frame, npartitions=6), pin=pin).compute()
    assert _answers(screened) == expected
    assert sum(a[0] == "alert" for a in expected) >= 30
    # every worker built its screener once and kept it: no list travels with the tasks
    built = client.run(lambda: len(__import__("sanctions_screen.dask").dask._screeners))
    assert sorted(built.values()) == [1, 1]


def test_a_worker_with_another_list_fails_the_job(
    client: distributed.Client, names_data: tuple[list[str], list[list[str]]]
) -> None:
    header, rows = names_data
    pin = pin_list(NEWEST)
    wrong = replace(pin, sha256="0" * 64)
    ddf = dd.from_pandas(pd.DataFrame(rows[:20], columns=header), npartitions=2)
    with pytest.raises(ListVersionMismatchError, match="pinned to 000000000000"):
        screen_dask(ddf, pin=wrong).compute()


def test_the_pin_names_a_file_every_worker_reads() -> None:
    pin = pin_list(NEWEST)
    assert isinstance(pin, ListPin)
    assert pin.source.endswith("consolidated-2026-05-08.xml") and len(pin.sha256) == 64
    assert pin.date_generated == "2026-05-08"


def test_the_cli_screens_parquet_on_the_cluster_and_records_alerts_only(
    client: distributed.Client,
    tmp_path: Path,
    names_data: tuple[list[str], list[list[str]]],
) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    header, rows = names_data
    inputs = tmp_path / "in"
    inputs.mkdir()
    for i in range(2):
        part = rows[i * 200 : (i + 1) * 200]
        table = pa.Table.from_pylist([dict(zip(header, r, strict=True)) for r in part])
        pq.write_table(table, inputs / f"part-{i}.parquet", row_group_size=70)
    db = f"sqlite:///{tmp_path / 'trail.db'}"
    out = tmp_path / "out"
    proc = _cli("--db", db, "screen", str(inputs), "-o", str(out), "--list", str(NEWEST),
                "--dask-scheduler", client.scheduler.address)  # fmt: skip
    assert proc.returncode == 1, proc.stderr
    # the workers began building from the file's bytes while the client parsed it: one
    # list version on each, the pinned one
    dask_module = "sanctions_screen.dask"
    versions = client.run(lambda: {k[0] for k in __import__(dask_module).dask._screeners})
    assert list(versions.values()) == [{pin_list(NEWEST).sha256}] * 2
    written = pq.read_table(out)
    assert written.num_rows == len(rows)
    assert written.schema.field("screen_flags").type == pa.list_(pa.string())
    local = _cli("--no-record", "screen", str(inputs), "--list", str(NEWEST), "--quiet")
    expected = [
        (r["screen_status"], r["screen_reference"], r["screen_flags"])
        for r in csv.DictReader(io.StringIO(local.stdout))
    ]
    got = sorted(
        zip(
            written.column("screen_source").to_pylist(),
            written.column("screen_line").to_pylist(),
            written.column("screen_status").to_pylist(),
            written.column("screen_reference").to_pylist(),
            [";".join(f) for f in written.column("screen_flags").to_pylist()],
            strict=True,
        )
    )
    assert [(s, r or "", f) for _, _, s, r, f in got] == expected
    again = _cli("--no-record", "screen", str(inputs), "-o", str(out), "--list", str(NEWEST),
                 "--dask-scheduler", client.scheduler.address, "--quiet")  # fmt: skip
    assert again.returncode == 1, again.stderr  # the folder of an earlier run is written again
    assert pq.read_table(out).num_rows == len(rows)
    shown = json.loads(_cli("--db", db, "runs", "show", "1", "--json").stdout)
    run = shown["run"]
    cluster = run["counts"]["cluster"]
    alerts = sum(1 for e in expected if e[0] == "alert")
    assert cluster["rows"] == len(rows)
    assert cluster["clear_rows_not_recorded"] == sum(1 for e in expected if e[0] == "clear")
    assert {o["sha256"] for o in cluster["outputs"]} == {
        hashlib.sha256(p.read_bytes()).hexdigest() for p in out.glob("*.parquet")
    }
    assert run["counts"]["statuses"]["alert"] == alerts
    assert run["source"] == "cli-dask"
    assert [i["rows"] for i in run["inputs"]] == [200, 200]
    # every alerting row is recorded with its row number in its file; no clear row is
    alerting = {(Path(s).name, line) for s, line, st, _, _ in got if st == "alert"}
    assert {(Path(a["source"]).name, a["row_line"]) for a in _rows(db)} == alerting


def _rows(db: str) -> list[dict[str, object]]:
    from sqlalchemy import create_engine, text

    engine = create_engine(db)
    with engine.connect() as conn:
        found = conn.execute(text("SELECT source, line, status FROM audit_rows")).mappings()
        rows = [dict(r) for r in found]
    engine.dispose()
    assert all(r["status"] != "clear" for r in rows)
    return [{"source": r["source"], "row_line": r["line"]} for r in rows if r["status"] == "alert"]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sanctions_screen.cli.main", *args],
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_with_no_list_given_the_pin_is_the_bundled_snapshot(
    client: distributed.Client, names_data: tuple[list[str], list[list[str]]], tmp_path: Path
) -> None:
    from sanctions_screen.dask import BUNDLED

    pin = pin_list(db_url=f"sqlite:///{tmp_path / 'empty.db'}")
    assert pin.source == BUNDLED and pin.date_generated == "2026-05-08"
    header, rows = names_data
    ddf = dd.from_pandas(pd.DataFrame(rows[:40], columns=header), npartitions=2)
    screened = screen_dask(ddf, pin=pin).compute()
    assert (screened["screen_status"] == "alert").sum() >= 3


RESCREEN_PARTIES = [
    ("P1", "Algoney Hamdan Dagalo", "person", "Sudan"),  # designated after January: clear then
    ("P2", "Jo Yong-Won", "person", "North Korea"),  # listed in January: an alert
    ("P3", "Siam Rice Co., Ltd", "organization", "Thailand"),
    ("P4", "Tokyo Foods KK", "organization", "Japan"),
]


def test_rescreen_of_a_cluster_run_names_the_rows_it_cannot_reach(
    client: distributed.Client, db_url: str, tmp_path: Path
) -> None:
    """A cluster run keeps its clear rows in its Parquet output only: ``rescreen`` covers
    its flagged parties and counts the others as not re-screened, naming the files (by
    sha256) that hold them; ``report`` writes the run like any other."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from sanctions_screen.store.db import open_store
    from tests.conftest import UN_DIR

    with open_store(db_url) as store:
        store.import_file(UN_DIR / "consolidated-2026-01-28.xml")
    header = ["Customer ID", "Name", "Type", "Country"]
    table = pa.Table.from_pylist([dict(zip(header, r, strict=True)) for r in RESCREEN_PARTIES])
    pq.write_table(table, tmp_path / "parties.parquet", row_group_size=2)
    out = tmp_path / "out"
    screened = _cli("--db", db_url, "screen", str(tmp_path / "parties.parquet"), "-o", str(out),
                    "--dask-scheduler", client.scheduler.address)  # fmt: skip
    assert screened.returncode == 1, screened.stderr
    statuses = dict(zip(*pq.read_table(out).select(["Customer ID", "screen_status"]).to_pydict()
                        .values(), strict=True))  # fmt: skip
    assert statuses["P2"] == "alert" and statuses["P1"] == "clear"
    clear = sum(1 for s in statuses.values() if s == "clear")

    with open_store(db_url) as store:
        store.import_file(NEWEST)
    found = _cli("--db", db_url, "rescreen", "--json")
    assert found.returncode == 4, found.stderr  # no new hit it could see; rows not reached
    report = json.loads(found.stdout)
    assert report["runs_covered"] == 1 and report["hits"] == []
    (missing,) = report["not_rescreened"]
    assert missing["rows"] == clear
    assert {(o["path"], o["sha256"]) for o in missing["outputs"]} == {
        (str(p), hashlib.sha256(p.read_bytes()).hexdigest()) for p in out.glob("*.parquet")
    }
    text = _cli("--db", db_url, "rescreen").stdout  # the same run again: now covered
    assert "not re-screened" not in text.lower()

    html = tmp_path / "report.html"
    written = _cli("--db", db_url, "report", str(missing["run_id"]), "-o", str(html))
    assert written.returncode == 0, written.stderr
    page = html.read_text(encoding="utf-8")
    assert "JO YONG-WON" in page.upper()  # its alert is in the report
