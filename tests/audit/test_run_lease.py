"""Issue 13, finding 7: a run whose process died stays ``running`` forever; the output file
holds rows the trail lacks; a full disk leaves ``row_count`` claiming rows the trail lacks
and gives a traceback. Runs now hold a lease, a row reaches the output only after the
trail, and a full disk (database or output) exits 3 naming the file."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text, update

from sanctions_screen.audit import _db
from sanctions_screen.audit.lease import Heartbeat, mark_interrupted_runs
from sanctions_screen.audit.observer import AuditObserver
from sanctions_screen.audit.queries import export_run, get_run, list_runs
from sanctions_screen.audit.recorder import RunRecorder, RunStart
from sanctions_screen.store.audit_tables import AuditChunk, AuditRun
from sanctions_screen.store.db import Store, open_store
from sanctions_screen.tabular.batch import BatchRun, write_parquet, write_results
from sanctions_screen.tabular.results import RowResult
from sanctions_screen.unlist.models import SanctionsList
from tests.audit.helpers import clear_row
from tests.conftest import UN_DIR


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _start(store: Store) -> tuple[RunRecorder, int]:
    recorder = RunRecorder(store, flush_rows=2)
    run_id = recorder.start(RunStart(algorithm_version="test", output_format="csv"))
    for line in range(5):
        recorder.add(clear_row(f"Party {line}", line=line + 2))
    return recorder, run_id


def test_a_run_whose_process_died_is_marked_interrupted(store: Store) -> None:
    recorder, run_id = _start(store)
    assert mark_interrupted_runs(store) == []  # this process is alive: left alone
    dead = _dead_pid()
    _db.write(store, lambda s: s.execute(update(AuditRun).values(pid=dead)))
    assert mark_interrupted_runs(store) == [run_id]
    run = get_run(store, run_id)
    assert run.status == "interrupted"
    assert run.error is not None and f"process {dead}" in run.error
    assert run.row_count == 4  # two chunks of two committed; the fifth row never was
    assert [r.status for r in list_runs(store)] == ["interrupted"]
    recorder._stop_writer()


def test_a_run_on_another_host_is_judged_by_its_heartbeat(store: Store) -> None:
    recorder, run_id = _start(store)
    old = _db.now() - dt.timedelta(minutes=10)
    _db.write(store, lambda s: s.execute(update(AuditRun).values(host="elsewhere", pid=1)))
    assert mark_interrupted_runs(store) == []  # fresh heartbeat: still running
    _db.write(store, lambda s: s.execute(update(AuditRun).values(heartbeat_at=old)))
    assert mark_interrupted_runs(store) == [run_id]
    assert "sent no heartbeat" in (get_run(store, run_id).error or "")
    recorder._stop_writer()


def test_the_heartbeat_renews_the_lease(store: Store) -> None:
    recorder, run_id = _start(store)
    first = _db.read(store, lambda s: s.scalar(select(AuditRun.heartbeat_at)))
    beat = Heartbeat(store, run_id, every=0.05)
    time.sleep(0.5)
    beat.stop()
    later = _db.read(store, lambda s: s.scalar(select(AuditRun.heartbeat_at)))
    assert first is not None and later is not None and later > first
    recorder.finish({})
    assert get_run(store, run_id).status == "completed"


class _Checked(io.StringIO):
    """An output stream that checks, at every write, that the trail already holds every
    row written so far."""

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.checks = 0

    def write(self, text: str) -> int:
        written = super().write(text)
        rows = self.getvalue().count("\n") - 1  # the header is not a row
        in_trail = _db.read(
            self.store,
            lambda s: s.scalar(select(text_sum())) or 0,
        )
        assert rows <= in_trail, (rows, in_trail)
        self.checks += 1
        return written


def text_sum() -> object:
    from sqlalchemy import func

    return func.coalesce(func.sum(AuditChunk.row_count), 0)


def test_rows_reach_the_output_only_after_the_trail(
    store: Store, list_jan: SanctionsList, tmp_path: Path
) -> None:
    source = tmp_path / "names.csv"
    names = ["Jo Yong-Won", "Acme Trading", "Jane Doe", "Korea Mining Development"]
    source.write_text("name\n" + "".join(f"{names[i % 4]} {i}\n" for i in range(230)))
    observer = AuditObserver(store, list_jan, flush_rows=50)
    out = _Checked(store)
    write_results(BatchRun([source], list_jan, observer=observer), out)
    assert out.checks >= 5  # header, then one write per committed chunk
    assert out.getvalue().encode() == export_run(store, observer.run_id or 0)


class _CheckedWriter:
    """A result writer (as Parquet and workbook outputs are written) that checks, at every
    row it is given, that the trail already holds it."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.rows: list[RowResult] = []
        self.closed = False

    def write(self, result: RowResult) -> None:
        self.rows.append(result)
        in_trail = _db.read(self.store, lambda s: s.scalar(select(text_sum())) or 0)
        assert len(self.rows) <= in_trail, (len(self.rows), in_trail)

    def close(self) -> None:
        self.closed = True


def test_results_not_written_as_text_are_held_until_the_trail_has_them(
    store: Store, list_jan: SanctionsList, tmp_path: Path
) -> None:
    source = tmp_path / "names.csv"
    source.write_text("name\n" + "".join(f"Jo Yong-Won {i}\n" for i in range(230)))
    observer = AuditObserver(store, list_jan, flush_rows=50)
    checked = _CheckedWriter(store)
    run = BatchRun([source], list_jan, observer=observer)
    held = observer.hold_results(checked)
    for position, result in enumerate(run, 1):
        held.write(result)
        assert len(checked.rows) <= position - position % 50  # whole chunks only
    held.close()
    assert checked.closed and len(checked.rows) == 230  # the finished run: every row
    assert [r.line for r in checked.rows] == list(range(2, 232))


def test_a_parquet_output_holds_what_the_trail_holds(
    store: Store, list_jan: SanctionsList, tmp_path: Path
) -> None:
    import pyarrow.parquet as pq

    source = tmp_path / "names.csv"
    source.write_text("name\n" + "".join(f"Jo Yong-Won {i}\n" for i in range(120)))
    observer = AuditObserver(store, list_jan, flush_rows=50)
    write_parquet(BatchRun([source], list_jan, observer=observer), tmp_path / "out.parquet")
    table = pq.read_table(tmp_path / "out.parquet")
    trail = export_run(store, observer.run_id or 0).decode("utf-8").splitlines()
    assert table.num_rows == len(trail) - 1 == get_run(store, observer.run_id or 0).row_count
    assert table.column("name").to_pylist() == [line.split(",")[0] for line in trail[1:]]


def _screen(url: str, source: Path, output: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "sanctions_screen.cli.main",
            "--db",
            url,
            "screen",
            str(source),
            "-o",
            output,
            "-q",
        ],  # fmt: skip
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


def _names(path: Path, rows: int) -> Path:
    path.write_text(
        "name\n" + "".join(f"Counterparty {uuid.uuid4().hex} Ltd\n" for _ in range(rows)),
        encoding="utf-8",
    )
    return path


def test_a_full_output_disk_exits_3_naming_the_file(sqlite_url: str, tmp_path: Path) -> None:
    with open_store(sqlite_url) as store:
        store.import_file(UN_DIR / "consolidated-2026-01-28.xml")
    done = _screen(sqlite_url, _names(tmp_path / "names.csv", 3000), "/dev/full")
    assert done.returncode == 3, done.stderr  # was: a traceback and exit 1 ("alerts")
    assert "cannot write /dev/full: No space left on device" in done.stderr
    assert "Traceback" not in done.stderr
    with open_store(sqlite_url) as store:
        (run,) = list_runs(store)
        assert run.status == "failed" and "cannot write /dev/full" in (run.error or "")
        chunks = _db.read(store, lambda s: s.scalar(select(text_sum())))
        assert run.row_count == chunks


def _rows_in(output: Path) -> int:
    """Rows a reader finds in the output: a file cut short by the failure counts what can
    still be read from it (an unfinished workbook or Parquet file: nothing)."""
    if not output.exists() or output.stat().st_size == 0:
        return 0
    if output.suffix == ".parquet":
        import pyarrow.parquet as pq

        return int(pq.read_metadata(output).num_rows)
    if output.suffix == ".xlsx":
        from openpyxl import load_workbook

        return int(load_workbook(output, read_only=True).active.max_row or 1) - 1
    return output.read_text(encoding="utf-8").count("\n") - 1


@pytest.mark.parametrize("suffix", ["csv", "parquet", "xlsx"])
def test_a_full_database_disk_exits_3_and_row_count_keeps_to_the_trail(
    tmp_path: Path, suffix: str
) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    prepared = tmp_path / "store.db"
    with open_store(f"sqlite:///{prepared}") as store:
        store.import_file(UN_DIR / "consolidated-2026-01-28.xml")
    size = prepared.stat().st_size
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size + 160 * 1024}", "tmpfs", str(disk)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr!r}")
    try:
        shutil.copy(prepared, disk / "store.db")
        url = f"sqlite:///{disk / 'store.db'}"
        output = tmp_path / f"out.{suffix}"  # Parquet: closed readable, held rows left out
        done = _screen(url, _names(tmp_path / "names.csv", 30_000), str(output))
        assert done.returncode == 3, done.stderr
        assert "database or disk is full" in done.stderr and str(disk / "store.db") in done.stderr
        assert "were not recorded, nor written out" in done.stderr
        assert "Traceback" not in done.stderr
        engine = create_engine(url)
        with engine.connect() as conn:
            row_count, status = conn.execute(text("SELECT row_count, status FROM audit_runs")).one()
            in_chunks = conn.execute(text("SELECT sum(row_count) FROM audit_chunks")).scalar()
        engine.dispose()
        assert row_count == (in_chunks or 0)  # was: the rows seen, not the rows kept
        assert _rows_in(output) <= row_count
        assert status in ("failed", "running")  # running: a full disk could not close it
    finally:
        subprocess.run(["umount", str(disk)], check=False)


def test_rescreen_names_a_run_still_running_and_exits_4(
    sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from sanctions_screen.cli.main import main

    with open_store(sqlite_url) as store:
        store.import_file(UN_DIR / "consolidated-2026-01-28.xml")
        recorder, run_id = _start(store)  # this process: alive, its lease fresh
        store.import_file(UN_DIR / "consolidated-2026-04-17.xml")
        with pytest.raises(SystemExit) as exited:  # exit 0 said nothing of it
            main(["--db", sqlite_url, "rescreen"])
        assert exited.value.code == 4
        out = capsys.readouterr().out
        assert f"NOT covered: runs still running: {run_id} (re-screen again when done)" in out
        recorder.finish({})
        assert main(["--db", sqlite_url, "rescreen", "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["runs_not_covered"] == []
