"""``sanctions-screen screen data.parquet -o out.parquet``: folders, globs, typed output."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import NEWEST
from tests.frames.conftest import write_csv
from tests.frames.test_frames import cli_answers

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")


def _write_parquet(path: Path, header: list[str], rows: list[list[str]], groups: int = 3) -> None:
    table = pa.Table.from_pylist([dict(zip(header, r, strict=True)) for r in rows])
    pq.write_table(table, path, row_group_size=max(1, len(rows) // groups))


def test_parquet_in_gives_the_csv_answers_and_parquet_out_keeps_types(
    tmp_path: Path, names_data: tuple[list[str], list[list[str]]]
) -> None:
    header, rows = names_data
    source = tmp_path / "names.parquet"
    _write_parquet(source, header, rows)
    expected = cli_answers(write_csv(tmp_path / "names.csv", header, rows))
    assert cli_answers(source) == expected
    out = tmp_path / "out.parquet"
    cli_answers(source, "-o", str(out))
    table = pq.read_table(out)
    assert table.num_rows == len(rows)
    assert table.schema.field("screen_score").type == pa.float64()
    assert table.schema.field("screen_flags").type == pa.list_(pa.string())
    assert table.column("Name").to_pylist() == [r[1] for r in rows]
    got = [
        (s, r, ";".join(f))
        for s, r, f in zip(
            table.column("screen_status").to_pylist(),
            table.column("screen_reference").to_pylist(),
            table.column("screen_flags").to_pylist(),
            strict=True,
        )
    ]
    assert got == expected


def test_a_folder_and_a_glob_read_every_part_in_order(
    tmp_path: Path, names_data: tuple[list[str], list[list[str]]]
) -> None:
    header, rows = names_data
    folder = tmp_path / "parts"
    folder.mkdir()
    for i in range(4):
        _write_parquet(folder / f"part-{i}.parquet", header, rows[i * 100 : (i + 1) * 100], 1)
    expected = cli_answers(write_csv(tmp_path / "names.csv", header, rows))
    assert cli_answers(folder) == expected
    assert cli_answers(Path(str(folder / "part-*.parquet"))) == expected


def test_an_empty_folder_is_an_error_not_a_clear_run(tmp_path: Path) -> None:
    import subprocess
    import sys

    (tmp_path / "empty").mkdir()
    proc = subprocess.run(
        [sys.executable, "-m", "sanctions_screen.cli.main", "--no-record", "screen",
         str(tmp_path / "empty"), "--quiet", "--list", str(NEWEST)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 3 and "no Parquet file found" in proc.stderr


def test_a_folder_is_an_output_only_for_a_cluster_job(tmp_path: Path) -> None:
    import subprocess
    import sys

    source = tmp_path / "names.parquet"
    _write_parquet(source, ["Name"], [["Siam Rice Co., Ltd"]], 1)
    proc = subprocess.run(
        [sys.executable, "-m", "sanctions_screen.cli.main", "--no-record", "screen",
         str(source), "-o", str(tmp_path), "--list", str(NEWEST)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 2
    assert "is a directory" in proc.stderr
