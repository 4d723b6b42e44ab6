"""screen_frame and screen_table give the CLI's answers, row for row, with types."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

from sanctions_screen import screen_frame, screen_table
from sanctions_screen.exceptions import InputError
from sanctions_screen.frames import NOT_SCREENED, NotScreenedWarning
from sanctions_screen.matching.screener import Screener
from tests.conftest import NEWEST
from tests.frames.conftest import write_csv

pa = pytest.importorskip("pyarrow")
pd = pytest.importorskip("pandas")
pl = pytest.importorskip("polars")


def cli_answers(path: Path, *extra: str) -> list[tuple[str, str, str]]:
    """(status, reference, flags) per row of the CLI's CSV output."""
    proc = subprocess.run(
        [sys.executable, "-m", "sanctions_screen.cli.main", "--no-record", "screen", str(path),
         "--list", str(NEWEST), "--quiet", *extra],
        capture_output=True, check=False, timeout=300,
    )  # fmt: skip
    assert proc.returncode in (0, 1), proc.stderr.decode()
    rows = list(csv.DictReader(io.StringIO(proc.stdout.decode("utf-8"))))
    return [(r["screen_status"], r["screen_reference"], r["screen_flags"]) for r in rows]


def frame_answers(frame: pd.DataFrame) -> list[tuple[str, str, str]]:
    return [
        (s, r or "", ";".join(f))
        for s, r, f in zip(
            frame["screen_status"], frame["screen_reference"], frame["screen_flags"], strict=True
        )
    ]


def test_pandas_frame_gives_the_cli_answers(
    tmp_path: Path, names_data: tuple[list[str], list[list[str]]], screener: Screener
) -> None:
    header, rows = names_data
    frame = pd.DataFrame(rows, columns=header, index=range(100, 100 + len(rows)))
    screened = screen_frame(frame, screener=screener)
    assert list(screened.index) == list(frame.index)
    assert list(screened.columns[: len(header)]) == header
    assert screened["Name"].tolist() == frame["Name"].tolist()
    answers = frame_answers(screened)
    assert answers == cli_answers(write_csv(tmp_path / "names.csv", header, rows))
    assert sum(a[0] == "alert" for a in answers) >= 30


def test_polars_frame_and_arrow_table_give_the_same_answers(
    names_data: tuple[list[str], list[list[str]]], screener: Screener
) -> None:
    header, rows = names_data
    expected = frame_answers(screen_frame(pd.DataFrame(rows, columns=header), screener=screener))
    polars = screen_frame(pl.DataFrame(rows, schema=header, orient="row"), screener=screener)
    assert isinstance(polars, pl.DataFrame)
    assert polars.schema["screen_score"] == pl.Float64
    assert polars.schema["screen_flags"] == pl.List(pl.String)
    assert frame_answers(polars.to_pandas()) == expected
    table = pa.Table.from_pylist([dict(zip(header, r, strict=True)) for r in rows])
    screened = screen_table(table, screener=screener)
    assert screened.schema.field("screen_score").type == pa.float64()
    assert screened.schema.field("screen_flags").type == pa.list_(pa.string())
    assert screened.schema.field("screen_line").type == pa.int64()
    assert frame_answers(screened.to_pandas()) == expected


def test_typed_input_columns_are_kept_as_they_were(screener: Screener) -> None:
    frame = pd.DataFrame(
        {
            "Name": ["Korea Mining Development Trading Corporation", "Siam Rice Co., Ltd"],
            "Amount": [2500.75, -12.0],
            "Units": [3, 4],
        }
    )
    screened = screen_frame(frame, screener=screener)
    assert screened["Amount"].dtype == frame["Amount"].dtype
    assert screened["Units"].tolist() == [3, 4]
    assert screened["screen_status"].tolist() == ["alert", "clear"]
    assert screened["screen_score"].iloc[0] > 0.9
    assert pd.isna(screened["screen_score"].iloc[1]) or screened["screen_score"].iloc[1] < 0.9


def test_a_row_that_cannot_be_screened_is_marked_never_dropped(screener: Screener) -> None:
    frame = pd.DataFrame({"Name": ["JO YONG WON", "", "😀😀", "John Smith"]})
    with pytest.warns(NotScreenedWarning, match="2 row"):
        screened = screen_frame(frame, screener=screener)
    assert len(screened) == 4
    statuses = screened["screen_status"].tolist()
    assert statuses[0] == "alert" and statuses[3] in ("clear", "review")
    assert statuses[1] == statuses[2] == NOT_SCREENED
    assert "empty name" in screened["screen_explanation"].iloc[1]


def test_repeated_rows_keep_their_own_line_and_reason(screener: Screener) -> None:
    names = ["", "JO YONG WON", "", "Siam Rice Co., Ltd", "JO YONG WON", "Siam Rice Co., Ltd"]
    with pytest.warns(NotScreenedWarning, match=r"2 row.*row 1: empty name; row 3: empty name"):
        screened = screen_frame(pd.DataFrame({"Name": names}), screener=screener)
    assert screened["screen_line"].tolist() == [1, 2, 3, 4, 5, 6]
    assert set(screened["screen_source"]) == {"<frame>"}
    statuses = screened["screen_status"].tolist()
    assert statuses[1] == statuses[4] == "alert" and statuses[0] == statuses[2] == NOT_SCREENED
    assert screened["screen_reference"].iloc[1] == screened["screen_reference"].iloc[4]
    assert screened["screen_parties"].iloc[4].startswith("name (Name): alert")


def test_trade_records_map_their_parties_like_the_cli(tmp_path: Path, screener: Screener) -> None:
    header = ["Shipment ID", "Shipper", "Consignee", "Consignee Country", "HS Code"]
    rows = [
        ["S1", "Acme Pte Ltd", "Yuk Tung Energy Pte. Ltd.", "Singapore", "2710"],
        ["S2", "Siam Rice Co.", "Tokyo Foods KK", "Japan", "1006"],
        ["S3", "Nguyen Trading", "Korea Ryonbong General Corporation", "DPRK", "8703"],
    ]
    screened = screen_frame(pd.DataFrame(rows, columns=header), screener=screener)
    assert frame_answers(screened) == cli_answers(write_csv(tmp_path / "t.csv", header, rows))
    assert screened["screen_status"].tolist()[0] == "alert"


def test_columns_map_names_and_parties() -> None:
    from sanctions_screen.frames import mapping_for

    names = mapping_for({"name": "Cust", "country": "Ctry"})
    assert names.name_columns == ("Cust",) and names.columns == {"country": "Ctry"}
    trade = mapping_for({"consignee": ["Cnee 1", "Cnee 2"], "hs_codes": "HS"}, "trade")
    assert trade.parties == {"consignee": ("Cnee 1", "Cnee 2")}
    assert trade.record_type == "trade"
    with pytest.raises(InputError):
        mapping_for({}, "shipments")


def test_other_objects_are_refused() -> None:
    with pytest.raises(InputError, match="pandas or polars"):
        screen_frame([["JO YONG WON"]])
    with pytest.raises(InputError, match="pyarrow.Table"):
        screen_table(pd.DataFrame({"Name": ["x"]}))
