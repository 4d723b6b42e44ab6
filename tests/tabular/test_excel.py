"""Reading .xlsx workbooks: every sheet streamed, its own header, cells as text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from sanctions_screen.exceptions import BadRowError, InputError
from sanctions_screen.tabular.excel import cell_text, is_workbook, open_workbook
from sanctions_screen.tabular.headers import is_known_header
from sanctions_screen.tabular.reader import open_table


def _book(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = openpyxl.Workbook()
    first = True
    for title, rows in sheets.items():
        sheet = book.active if first else book.create_sheet(title)
        assert sheet is not None
        sheet.title = title
        first = False
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def _read(path: Path, **kwargs: object) -> tuple[list[tuple[str, int, tuple[str, ...]]], list[str]]:
    bad: list[BadRowError] = []
    tables = open_workbook(
        path, on_bad_row=bad.append, known_headers=is_known_header, **kwargs  # type: ignore[arg-type]
    )
    rows = [(row.source, row.line, row.values) for table in tables for row in table]
    for table in tables:
        table.close()
    return rows, [str(e) for e in bad]


def test_every_sheet_with_its_own_header_and_row_numbers(tmp_path: Path) -> None:
    path = _book(
        tmp_path / "book.xlsx",
        {
            "Customers": [["Name", "Country"], ["Acme Ltd", "SG"]],
            "Suppliers": [
                ["Supplier export"],
                [],
                ["Country", "Name"],
                ["KP", "JO YONG WON"],
                [None, None],
                ["TH", "Siam Rice Co", None, None],
            ],
        },
    )
    rows, bad = _read(path)
    assert rows == [
        (f"{path}!Customers", 2, ("Acme Ltd", "SG")),
        (f"{path}!Suppliers", 4, ("KP", "JO YONG WON")),
        (f"{path}!Suppliers", 6, ("TH", "Siam Rice Co")),
    ]
    assert bad == []


def test_sheets_named_and_a_missing_sheet(tmp_path: Path) -> None:
    path = _book(tmp_path / "book.xlsx", {"A": [["Name"], ["x"]], "B": [["Name"], ["y"]]})
    rows, _ = _read(path, sheets=["B"])
    assert [r[2] for r in rows] == [("y",)]
    with pytest.raises(InputError, match=r"no sheet 'C'; its sheets: 'A', 'B'"):
        open_workbook(path, sheets=["C"])


def test_bad_rows_name_the_sheet_and_row(tmp_path: Path) -> None:
    long = "x" * 2_000  # (openpyxl reads at most Excel's 32,767 characters a cell)
    path = _book(
        tmp_path / "book.xlsx",
        {"S1": [["Name", "Country"], ["a", "b", "extra"], [long, "SG"], ["ok", "SG"]]},
    )
    rows, bad = _read(path, max_field=1000)
    assert [r[2] for r in rows] == [("ok", "SG")]
    assert bad == [
        f"{path}!S1:2: expected 2 fields, found 3",
        f"{path}!S1:3: field longer than 1,000 characters (2,000; --max-field-size)",
    ]


def test_empty_sheets_are_left_out_with_a_warning(tmp_path: Path) -> None:
    path = _book(tmp_path / "book.xlsx", {"Data": [["Name"], ["x"]], "Notes": []})
    tables = open_workbook(path)
    assert [t.name for t in tables] == [f"{path}!Data"]
    assert "empty sheet(s) left out: 'Notes'" in tables[0].info.warnings[0]
    with pytest.raises(InputError, match="every sheet is empty"):
        open_workbook(_book(tmp_path / "empty.xlsx", {"Only": []}))


def test_cells_become_the_text_an_analyst_expects(tmp_path: Path) -> None:
    path = _book(
        tmp_path / "book.xlsx",
        {
            "S": [
                ["Name", "DOB", "Passport", "Amount", "Seen", "Flag", "Number"],
                ["JO", dt.datetime(1957, 10, 24), "012345678", -2500.5,
                 dt.datetime(2026, 5, 1, 10, 30), True, 108210124.0],
            ]
        },
    )  # fmt: skip
    book = openpyxl.load_workbook(path)
    book["S"]["G2"].number_format = "0000000000"
    book.save(path)
    rows, _ = _read(path)
    assert rows[0][2] == (
        "JO", "1957-10-24", "012345678", "-2500.5", "2026-05-01 10:30:00", "TRUE", "0108210124"
    )  # fmt: skip
    assert cell_text(dt.date(2020, 1, 2)) == "2020-01-02" and cell_text(3.0) == "3"


def test_a_workbook_is_known_by_name_or_bytes_and_refused_as_csv(tmp_path: Path) -> None:
    path = _book(tmp_path / "book.xlsx", {"S": [["Name"], ["x"]]})
    renamed = tmp_path / "export.dat"
    renamed.write_bytes(path.read_bytes())
    assert is_workbook(path) and is_workbook(renamed) and not is_workbook("-")
    with pytest.raises(InputError, match="a zip file, not CSV"):
        open_table(renamed)
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    with pytest.raises(InputError, match=r"old Excel \.xls"):
        open_table(old)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InputError, match="not a readable .xlsx workbook"):
        open_workbook(broken)
