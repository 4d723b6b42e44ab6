"""The .xlsx output: the CSV's columns, alert rows filled, header frozen, text never a
formula."""

from __future__ import annotations

import io

import openpyxl

from sanctions_screen.tabular.excel_writer import FILLS, XlsxResultWriter
from sanctions_screen.tabular.results import Outcome, RowResult
from sanctions_screen.tabular.writer import SCREEN_COLUMNS

HEADER = ("Ref", "Consignee", "Notes")


def _result(line: int, status: str, consignee: str, notes: str = "") -> RowResult:
    scored = status != "clear"
    outcome = Outcome(
        status=status,  # type: ignore[arg-type]
        score=0.9712 if scored else None,
        reference="KPe.001" if scored else "",
        matched_name="KOMID" if scored else "",
    )
    return RowResult("in.csv", line, HEADER, (f"S{line}", consignee, notes), {}, outcome)


def test_workbook_has_frozen_header_filter_fills_and_strings(tmp_path: object) -> None:
    target = io.BytesIO()
    writer = XlsxResultWriter(target, HEADER)
    writer.write(_result(2, "alert", "KOMID", '=HYPERLINK("http://x")'))
    writer.write(_result(3, "review", "Komid Trading", " =1+1"))
    writer.write(_result(4, "clear", "Acme", "-5"))
    writer.write(_result(5, "suppressed", "Korea Mining", "\x07bell"))
    writer.close()
    sheet = openpyxl.load_workbook(io.BytesIO(target.getvalue()))["Screened"]
    rows = list(sheet.iter_rows())
    assert [c.value for c in rows[0]] == [*HEADER, *SCREEN_COLUMNS]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:M5"
    fills = [row[0].fill.fgColor.rgb[-6:] for row in rows[1:]]
    assert fills == [FILLS["alert"], FILLS["review"], "000000", FILLS["suppressed"]]
    assert all(row[-1].fill.fgColor.rgb[-6:] == FILLS["alert"] for row in rows[1:2])
    notes = [row[2] for row in rows[1:]]
    assert [(c.value, c.data_type) for c in notes] == [
        ('=HYPERLINK("http://x")', "s"), (" =1+1", "s"), ("-5", "s"), ("\ufffdbell", "s")
    ]  # fmt: skip: written as text, never run, no quote prefix needed
    by_name = dict(zip([c.value for c in rows[0]], rows[1], strict=True))
    assert by_name["screen_score"].value == 0.971 and by_name["screen_line"].value == 2
    assert by_name["screen_parties"].value == "name (name): alert 0.97 KPe.001 KOMID"
    assert sheet.column_dimensions["B"].width >= len("Komid Trading")


def test_large_output_is_streamed(tmp_path: object) -> None:
    target = io.BytesIO()
    writer = XlsxResultWriter(target, HEADER)
    for line in range(2, 1502):
        writer.write(_result(line, "alert" if line % 100 == 0 else "clear", f"Party {line}"))
    writer.close()
    sheet = openpyxl.load_workbook(io.BytesIO(target.getvalue()), read_only=True)["Screened"]
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 1501 and rows[-1][1] == "Party 1501"
