"""Recording a batch run: whatever the output options, the export gives the same bytes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sanctions_screen import __version__
from sanctions_screen.audit.observer import AuditObserver
from sanctions_screen.audit.queries import export_run, get_run, list_runs, run_rows
from sanctions_screen.store.db import Store, open_store
from sanctions_screen.tabular.batch import screen_file
from tests.conftest import UN_DIR

ROWS = [
    "name,country,notes",
    "Jo Yong-Won,North Korea,=cmd|' /C calc'!A0",
    '"Yuk Tung Energy Pte Ltd",Singapore,"multi\nline"',
    "Nguyễn Văn An,Viet Nam,",
    "Acme Trading Sdn Bhd,Malaysia,",
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    url = f"sqlite:///{tmp_path_factory.mktemp('observer') / 'store.db'}"
    opened = open_store(url)
    opened.import_file(UN_DIR / "consolidated-2026-01-28.xml")
    return opened


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
@pytest.mark.parametrize("only_alerts", [False, True])
@pytest.mark.parametrize("workers", [1, 2])
def test_export_equals_what_the_run_wrote(
    store: Store, tmp_path: Path, fmt: str, only_alerts: bool, workers: int
) -> None:
    source = tmp_path / "names.csv"
    source.write_text("\r\n".join(ROWS) + "\r\n", encoding="utf-8")
    output = tmp_path / f"out.{fmt}"
    sanctions = store.load_version()
    observer = AuditObserver(store, sanctions, fmt=fmt, only_alerts=only_alerts)
    screen_file(
        [source],
        output,
        sanctions,
        fmt=fmt,
        only_alerts=only_alerts,
        workers=workers,
        observer=observer,
    )
    assert observer.run_id is not None

    assert export_run(store, observer.run_id) == output.read_bytes()
    run = get_run(store, observer.run_id)
    assert run.row_count == 4 and run.list_version_id == 1
    assert re.fullmatch(
        re.escape(__version__) + r"(\+matcher\.\S+)?\+data\.[0-9a-f]{8}", run.algorithm_version
    )
    assert run.inputs[0].rows == 4 and run.inputs[0].sha256 and run.input_sha256
    assert [r["line"] for r in run_rows(store, observer.run_id)] == [2, 3, 5, 6]


def test_a_run_that_dies_is_kept_and_marked_failed(store: Store, tmp_path: Path) -> None:
    import subprocess
    import sys

    source = tmp_path / "names.csv"
    source.write_text(
        "name,country\nJo Yong-Won,North Korea\nA,B,C,D\nAcme,Malaysia\n", encoding="utf-8"
    )
    script = (
        "import sys\n"
        "from sanctions_screen.store.db import open_store\n"
        "from sanctions_screen.audit import AuditObserver\n"
        "from sanctions_screen.tabular.batch import screen_file\n"
        "store = open_store(sys.argv[1]); sanctions = store.load_version()\n"
        "screen_file([sys.argv[2]], sys.argv[3], sanctions, strict=True,\n"
        "            observer=AuditObserver(store, sanctions))\n"
    )
    url = str(store.engine.url)
    died = subprocess.run(
        [sys.executable, "-c", script, url, str(source), str(tmp_path / "out.csv")],
        capture_output=True,
        text=True,
    )
    assert died.returncode != 0 and "BadRowError" in died.stderr
    run = list_runs(store)[0]
    assert run.status == "failed"  # the reason is kept: the bad row that stopped it
    assert run.error is not None and run.error.startswith("stopped: ")
    assert "names.csv:3: expected 2 fields, found 4" in run.error
