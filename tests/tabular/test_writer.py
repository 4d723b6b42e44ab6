"""Writers: Excel-safe CSV with input columns intact, JSON Lines."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

import pytest

from sanctions_screen.tabular.results import Outcome, PartyOutcome, RowResult
from sanctions_screen.tabular.writer import (
    SCREEN_COLUMNS,
    CsvResultWriter,
    JsonlResultWriter,
    make_writer,
    merge_headers,
    neutralise,
)

HEADER = ("Ref", "Consignee", "Amount")


def _result(values: tuple[str, ...], header: tuple[str, ...] = HEADER, **kw: object) -> RowResult:
    outcome = Outcome(
        status="alert",
        score=0.9712,
        reference="KPe.001",
        matched_name="KOREA MINING DEVELOPMENT TRADING CORPORATION",
        list_type="DPRK",
        regime="KP",
        flags=("listed_party", "dprk_listed_party"),
        explanation="all 4 tokens aligned\nexactly",
        **kw,  # type: ignore[arg-type]
    )
    return RowResult("in.csv", 7, header, values, {"consignee": values[1]}, outcome)


FORMULAS = [
    '=HYPERLINK("http://x")',
    "@SUM(A1)",
    "+A1",
    "-A1+B1",
    "-1+cmd|' /C calc'!A0",
    "\tcmd",
    "\rcmd",
    "\t-5",
    " =1+1",
    "   @SUM(A1)",
    "\n=1+1",
    "\r\n=1+1",
    " \t\r\n=1+1",
    "\u3000=1+1",
    "\u00a0=1+1",
    "\uff1dSUM(A1)",
    "\uff0bA1",
    "\uff0d1",
    "\uff20SUM(A1)",
    " \uff1d1",
    "+1 555 CALL",
    "-2500.00+A1",
]
"""Issue 13 item 12: cells a spreadsheet would evaluate, each escaped with a quote."""

PLAIN = [
    "-2500.00",
    "+65 6741 2200",
    "-5",
    "+1 (555) 010-0000",
    "-1,250.50",
    "+1.5e3",
    "-12%",
    " -5",
    "-",
    "+",
    "Acme = Best",
    "ACME=1",
    "Jo-Yong Won",
    "",
]
"""Values a spreadsheet shows as numbers or text: left as they are."""


@pytest.mark.parametrize("cell", FORMULAS)
def test_formulas_are_escaped(cell: str) -> None:
    assert neutralise(cell) == "'" + cell


@pytest.mark.parametrize("cell", PLAIN)
def test_numbers_phones_and_text_are_left_alone(cell: str) -> None:
    assert neutralise(cell) == cell


def test_no_excel_safe_writes_cells_as_read() -> None:
    out = io.StringIO()
    writer = make_writer(out, "csv", HEADER, excel_safe=False)
    writer.write(_result(values=("=1+1", "ACME", "-5")))
    row = list(csv.reader(io.StringIO(out.getvalue())))[1]
    assert row[:3] == ["=1+1", "ACME", "-5"]
    safe = io.StringIO()
    make_writer(safe, "csv", HEADER).write(_result(values=("=1+1", "ACME", "-5")))
    assert list(csv.reader(io.StringIO(safe.getvalue())))[1][:3] == ["'=1+1", "ACME", "-5"]


def test_csv_keeps_input_columns_and_appends_screen_columns() -> None:
    out = io.StringIO()
    writer = CsvResultWriter(out, HEADER)
    writer.write(_result(("S-1", "=cmd|' /C calc'!A0", "1,200.50")))
    writer.close()
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0] == [*HEADER, *SCREEN_COLUMNS]
    assert rows[1][:3] == ["S-1", "'=cmd|' /C calc'!A0", "1,200.50"]
    assert dict(zip(SCREEN_COLUMNS, rows[1][3:], strict=True)) == {
        "screen_status": "alert",
        "screen_score": "0.971",
        "screen_reference": "KPe.001",
        "screen_matched_name": "KOREA MINING DEVELOPMENT TRADING CORPORATION",
        "screen_list_type": "DPRK",
        "screen_flags": "listed_party;dprk_listed_party",
        "screen_explanation": "all 4 tokens aligned exactly",
        "screen_source": "in.csv",
        "screen_line": "7",
        "screen_parties": "name (name): alert 0.97 KPe.001 "
        "KOREA MINING DEVELOPMENT TRADING CORPORATION",
    }


def test_screen_columns_keep_their_order() -> None:
    """The order is an interface (docs/cli.md): new columns only ever go at the end."""
    assert SCREEN_COLUMNS == (
        "screen_status", "screen_score", "screen_reference", "screen_matched_name",
        "screen_list_type", "screen_flags", "screen_explanation", "screen_source",
        "screen_line", "screen_parties",
    )  # fmt: skip


def test_screen_parties_names_each_party_with_its_column() -> None:
    parties = (
        PartyOutcome("consignee", "consignee_name", "alert", 0.9712, "KPe.075",
                     "YUK TUNG ENERGY PTE LTD"),
        PartyOutcome("shipper", "shipper_name", "clear"),
        PartyOutcome("buyer", "buyer_name", "review", 0.81, "KPe.001", "KOMID"),
    )  # fmt: skip
    result = replace(
        _result(("S-1", "Yuk Tung", "1")),
        outcome=replace(_result(("S-1", "x", "1")).outcome, parties=parties),
        columns={"consignee_name": "Consignee Name", "shipper_name": "Shipper"},
    )
    assert result.parties_text() == (
        "consignee (Consignee Name): alert 0.97 KPe.075 YUK TUNG ENERGY PTE LTD; "
        "shipper (Shipper): clear; buyer (buyer_name): review 0.81 KPe.001 KOMID"
    )
    names = replace(_result(("S-1", "x", "1")), columns={"name": "Full Name"})
    clear = names.with_status("clear")
    assert clear.parties_text() == "name (Full Name): clear"
    assert json.loads(json.dumps(result.to_dict()))["parties"] == result.parties_text()


def test_rows_from_another_header_are_aligned_by_name() -> None:
    header = merge_headers([HEADER, ("Consignee", "Ref", "Port")])
    assert header == ("Ref", "Consignee", "Amount", "Port")
    out = io.StringIO()
    writer = CsvResultWriter(out, header)
    writer.write(_result(("B Ltd", "S-2", "Nampo"), header=("Consignee", "Ref", "Port")))
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[1][:4] == ["S-2", "B Ltd", "", "Nampo"]


def test_suppressed_status_and_note() -> None:
    result = _result(("S-1", "B", "1")).with_status("suppressed", "false positive #3")
    out = io.StringIO()
    CsvResultWriter(out, HEADER).write(result)
    row = list(csv.reader(io.StringIO(out.getvalue())))[1]
    assert row[3] == "suppressed" and row[9].endswith("[false positive #3]")


def test_jsonl_has_input_and_full_detail() -> None:
    out = io.StringIO()
    writer = JsonlResultWriter(out)
    writer.write(_result(("S-1", "=B", "1"), detail={"parties": [{"role": "consignee"}]}))
    data = json.loads(out.getvalue())
    assert data["input"] == {"Ref": "S-1", "Consignee": "=B", "Amount": "1"}
    assert data["status"] == "alert" and data["line"] == 7
    assert data["result"] == {"parties": [{"role": "consignee"}]}
