"""``sanctions-screen screen`` and ``search`` end to end, as a user runs them."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from sanctions_screen.tabular.writer import neutralise
from tests.conftest import NEWEST, ROOT

EXAMPLE = ROOT / "examples" / "trade_shipments.csv"


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "sanctions_screen.cli.main", *args],
        input=stdin,
        capture_output=True,
        timeout=300,
    )
    return subprocess.CompletedProcess(
        proc.args, proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    )


def _skipped(stderr: str) -> int:
    return sum(1 for line in stderr.splitlines() if line.startswith("skipped "))


def mixed_file(path: Path) -> None:
    """A real-world mess: preamble, a cp1252 line in a UTF-8 file, ragged rows, a quoted
    newline, an empty party, and cells Excel would run as formulas."""
    lines = [
        b"Export from TradeSys v4\r\n",
        b"Generated: 2026-05-01 10:00\r\n",
        b"\r\n",
        b"Shipment ID,Shipper,Consignee,Consignee Country,HS Code,Notes\r\n",
        b'S1,Acme Pte Ltd,Yuk Tung Energy Pte. Ltd.,Singapore,2710,"=HYPERLINK(""http://x"")"\r\n'
,
        "S2,Müller GmbH,Café Olé SARL,France,0901,ok\r\n".encode("cp1252"),
        b"S3,Short row\r\n",
        b'S4,Siam Rice Co.,Tokyo Foods KK,Japan,1006,"two\nlines"\r\n',
        b"S5,,,Japan,1006,no parties\r\n",
        b"S6,+Plus Trading,@Corp Ltd,Japan,1006,-5\r\n",
        b"S7,A,B,C,D,E,F,G\r\n",
        "S8,Nguyễn Trading,Korea Ryonbong General Corporation,DPRK,8703,x\r\n".encode(),
    ]  # fmt: skip
    path.write_bytes(b"".join(lines))


def test_mixed_file_is_screened_to_the_end_with_every_bad_row_reported(tmp_path: Path) -> None:
    source = tmp_path / "mixed.csv"
    mixed_file(source)
    out = tmp_path / "out.csv"
    proc = run_cli("screen", str(source), "--list", str(NEWEST), "-o", str(out))
    assert proc.returncode == 1, proc.stderr
    assert f"skipped {source}:7: expected 6 fields, found 2" in proc.stderr
    assert f"skipped {source}:10: empty name (no party in the row)" in proc.stderr
    assert f"skipped {source}:12: expected 6 fields, found 8" in proc.stderr
    assert _skipped(proc.stderr) == 3
    assert "rows read         8" in proc.stderr
    assert "rows skipped      3 (wrong field count 2, empty name 1)" in proc.stderr
    assert "read as cp1252 (lines 6)" in proc.stderr and "mixed.csv" in proc.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert [r["Shipment ID"] for r in rows] == ["S1", "S2", "S4", "S6", "S8"]
    assert [r["screen_line"] for r in rows] == ["5", "6", "8", "11", "13"]
    assert rows[0]["Notes"] == '\'=HYPERLINK("http://x")'
    assert rows[1]["Consignee"] == "Café Olé SARL"
    assert rows[2]["Notes"] == "two\nlines"
    assert (rows[3]["Shipper"], rows[3]["Consignee"], rows[3]["Notes"]) == (
        "'+Plus Trading", "'@Corp Ltd", "-5"
    )  # fmt: skip (a negative number is not escaped: it cannot run anything)
    assert rows[4]["Shipper"] == "Nguyễn Trading"
    assert [r["screen_status"] for r in rows] == ["alert", "clear", "clear", "clear", "alert"]


def test_explicit_encoding_turns_foreign_lines_into_bad_rows(tmp_path: Path) -> None:
    source = tmp_path / "mixed.csv"
    mixed_file(source)
    proc = run_cli("screen", str(source), "--list", str(NEWEST), "--encoding", "utf-8")
    assert f"skipped {source}:6: undecodable bytes" in proc.stderr
    assert _skipped(proc.stderr) == 4


def test_strict_mode_exits_3_at_the_first_bad_row(tmp_path: Path) -> None:
    source = tmp_path / "mixed.csv"
    mixed_file(source)
    proc = run_cli("screen", str(source), "--list", str(NEWEST), "--strict")
    assert proc.returncode == 3
    assert f"error: {source}:7: expected 6 fields, found 2" in proc.stderr


def _check_output_opens(out: Path, source: Path, tmp_path: Path) -> list[dict[str, str]]:
    with source.open(encoding="utf-8-sig", newline="") as handle:
        original = list(csv.reader(handle))
    with out.open(encoding="utf-8-sig", newline="") as handle:
        written = list(csv.reader(handle))
    width = len(original[0])
    assert written[0][:width] == original[0]
    assert written[0][width:][:7] == [
        "screen_status", "screen_score", "screen_reference", "screen_matched_name",
        "screen_list_type", "screen_flags", "screen_explanation",
    ]  # fmt: skip
    by_id = {row[0]: row for row in original[1:]}
    for row in written[1:]:
        expected = by_id[row[0]]
        assert [neutralise(v) for v in expected] == row[:width]
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in written:
        sheet.append(row)
    xlsx = tmp_path / "out.xlsx"
    book.save(xlsx)
    reread = openpyxl.load_workbook(xlsx, read_only=True).active
    assert reread is not None
    cells = [["" if c is None else str(c) for c in r] for r in reread.iter_rows(values_only=True)]
    assert [c[:width] for c in cells] == [r[:width] for r in written]
    return [dict(zip(written[0], r, strict=True)) for r in written[1:]]


def test_trade_file_output_opens_in_csv_and_openpyxl(tmp_path: Path) -> None:
    """Acceptance 1: the main job over examples/trade_shipments.csv."""
    source = EXAMPLE
    out = tmp_path / "out.csv"
    proc = run_cli("screen", str(source), "--list", str(NEWEST), "-o", str(out), "--excel")
    assert proc.returncode == 1, proc.stderr
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    assert "Screened " in proc.stderr and "alerts by flag" in proc.stderr
    rows = _check_output_opens(out, source, tmp_path)
    assert any(r["screen_status"] == "alert" for r in rows)
    assert all(r["screen_status"] in ("clear", "review", "alert") for r in rows)


def test_stdin_jsonl_only_alerts() -> None:
    data = "Name\tCountry\nJohn Smith\tUS\nRi Won Ho\tKP\n".encode("utf-16")
    proc = run_cli("screen", "-", "--list", str(NEWEST), "--format", "jsonl", "--only-alerts",
                   stdin=data)  # fmt: skip
    assert proc.returncode == 1, proc.stderr
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(lines) == 1
    assert lines[0]["input"] == {"Name": "Ri Won Ho", "Country": "KP"}
    assert lines[0]["source"] == "-" and lines[0]["line"] == 3
    match = lines[0]["result"]["matches"][0]
    assert match["reference_number"] == "KPi.033" and match["explanation"]["alignments"]


def test_no_alert_exits_0_and_quiet_prints_nothing_on_stderr(tmp_path: Path) -> None:
    source = tmp_path / "clean.csv"
    source.write_text("Name\nJohn Smith\nSiam Rice Company Limited\n", encoding="utf-8")
    proc = run_cli("screen", str(source), "--list", str(NEWEST), "--quiet")
    assert proc.returncode == 0 and proc.stderr == ""
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert [r["screen_status"] for r in rows] == ["clear", "clear"]


def test_several_files_and_composed_names(tmp_path: Path) -> None:
    first = tmp_path / "a.csv"
    first.write_text("Name 1,Name 2,Name 3\nRI,WON,HO\n", encoding="utf-8")
    second = tmp_path / "b.csv"
    second.write_text("Name 1,Name 2,Name 3\nJOHN,SMITH,\n", encoding="utf-8")
    proc = run_cli("screen", str(first), str(second), "--list", str(NEWEST), "--kind", "person")
    assert proc.returncode == 1, proc.stderr
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert [(r["Name 1"], r["screen_status"], r["screen_reference"]) for r in rows] == [
        ("RI", "alert", "KPi.033"), ("JOHN", "clear", "")
    ]  # fmt: skip
    assert "Screened 2 rows from 2 inputs" in proc.stderr


def test_party_option(tmp_path: Path) -> None:
    source = tmp_path / "odd.csv"
    source.write_text(
        "Ref,Receiver Co,Receiver Ctry,Sender Co\nR1,Yuk Tung Energy Pte Ltd,Singapore,Acme\n",
        "utf-8",
    )
    proc = run_cli("screen", str(source), "--list", str(NEWEST), "--record-type", "trade",
                   "--party", "consignee=Receiver Co", "--party", "shipper=Sender Co",
                   "--column", "consignee_country=Receiver Ctry", "--format", "jsonl")  # fmt: skip
    assert proc.returncode == 1, proc.stderr
    row = json.loads(proc.stdout.splitlines()[0])
    assert row["reference"] == "KPe.075" and "LISTED_PARTY" in row["flags"]
    assert [(p["role"], p["name"]) for p in row["result"]["parties"]] == [
        ("shipper", "Acme"), ("consignee", "Yuk Tung Energy Pte Ltd")
    ]  # fmt: skip
    assert "ASEAN_DPRK_NEXUS" in row["flags"]  # Singapore consignee with a DPRK-listed match


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--party", "consignee"], 2, "ROLE=COLUMN"),
        (["--format", "xml"], 2, "Invalid value for '--format'"),
        (["--name-column", "Nope"], 3, "no column 'Nope'"),
    ],
)
def test_usage_and_data_errors(tmp_path: Path, args: list[str], code: int, message: str) -> None:
    source = tmp_path / "a.csv"
    source.write_text("Name\nJohn Smith\n", encoding="utf-8")
    proc = run_cli("screen", str(source), "--list", str(NEWEST), *args)
    assert proc.returncode == code and message in proc.stderr


def test_output_must_not_overwrite_an_input(tmp_path: Path) -> None:
    source = tmp_path / "a.csv"
    source.write_text("Name\nJohn Smith\n", encoding="utf-8")
    proc = run_cli("screen", str(source), "--list", str(NEWEST), "-o", str(source))
    assert proc.returncode == 2 and "is also an input file" in proc.stderr
    assert source.read_text(encoding="utf-8") == "Name\nJohn Smith\n"


def test_unreadable_list_is_a_data_error(tmp_path: Path) -> None:
    source = tmp_path / "a.csv"
    source.write_text("Name\nJohn Smith\n", encoding="utf-8")
    bad_list = tmp_path / "list.xml"
    bad_list.write_text("<html>not a list</html>", encoding="utf-8")
    proc = run_cli("screen", str(source), "--list", str(bad_list))
    assert proc.returncode == 3 and proc.stderr.startswith("error: ")


def test_help_documents_exit_codes() -> None:
    proc = run_cli("screen", "--help")
    assert "Exit codes: 0 no alert" in proc.stdout and "3 data error" in proc.stdout


def test_search_prints_a_ranked_table_and_json() -> None:
    proc = run_cli("search", "Yuk Tung Energy", "--list", str(NEWEST), "--country", "SG")
    assert proc.returncode == 1, proc.stderr
    assert "KPe.075" in proc.stdout and "YUK TUNG ENERGY" in proc.stdout
    assert "[yuk=yuk" in proc.stdout  # explanation text is not read as markup
    proc = run_cli("search", "John Smith", "--list", str(NEWEST), "--json", "--limit", "2")
    assert proc.returncode == 0
    data = json.loads(proc.stdout)
    assert data["status"] == "clear" and len(data["matches"]) <= 2


def test_root_observer_factory_is_used(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from sanctions_screen.cli.main import cli
    from tests.tabular.test_batch import Suppressor

    made: list[dict[str, object]] = []

    def factory(**kwargs: object) -> Suppressor:
        made.append(kwargs)
        return Suppressor()

    source = tmp_path / "a.csv"
    source.write_text("Name\nYuk Tung Energy Pte Ltd\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["screen", str(source), "--list", str(NEWEST), "--only-alerts"],
        obj={"observer_factory": factory},
    )  # fmt: skip
    assert result.exit_code == 0, result.output  # the only alert was suppressed
    row = next(csv.DictReader(io.StringIO(result.stdout)))
    assert row["screen_status"] == "suppressed"
    assert row["screen_explanation"].endswith("[false positive #1]")
    assert made[0]["fmt"] == "csv" and made[0]["only_alerts"] is True
    assert made[0]["excel"] is False and made[0]["sanctions_list"] is not None


def test_audit_observer_through_the_factory(tmp_path: Path) -> None:
    """The hook the lead wires: the audit trail records a two-worker run byte for byte."""
    from click.testing import CliRunner

    from sanctions_screen.audit import AuditObserver, export_run, list_runs
    from sanctions_screen.cli.main import cli
    from sanctions_screen.store.db import open_store

    out = tmp_path / "out.csv"
    with open_store(f"sqlite:///{tmp_path / 'audit.db'}") as store:
        result = CliRunner().invoke(
            cli,
            ["screen", str(EXAMPLE), "--list", str(NEWEST), "-o", str(out), "--workers", "2"],
            obj={"observer_factory": lambda **kw: AuditObserver(store, source="cli", **kw)},
        )
        assert result.exit_code == 1, result.output
        (run,) = list_runs(store)
        assert run.status == "completed" and run.row_count == 48
        assert export_run(store, run.id) == out.read_bytes()


def test_stored_active_version_is_used_without_list(tmp_path: Path) -> None:
    from sanctions_screen.store.db import open_store

    db = f"sqlite:///{tmp_path / 'store.db'}"
    with open_store(db) as store:
        store.import_file(NEWEST)
    source = tmp_path / "a.csv"
    source.write_text("Name\nYuk Tung Energy Pte Ltd\n", encoding="utf-8")
    proc = run_cli("--db", db, "screen", str(source))
    assert proc.returncode == 1, proc.stderr
    assert "against the UN list of 2026-05-08" in proc.stderr
    assert next(csv.DictReader(io.StringIO(proc.stdout)))["screen_reference"] == "KPe.075"


def test_two_sheet_workbook_alerts_on_the_listed_name_of_sheet_two(tmp_path: Path) -> None:
    """Issue 12, acceptance: an .xlsx workbook with two sheets, the listed name on the
    second, alerting with its sheet and row named."""
    import datetime as dt

    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first.title = "Customers"
    first.append(["Name", "Country"])
    first.append(["Acme Ltd", "SG"])
    first.append(["John Smith", "US"])
    second = book.create_sheet("Suppliers")
    second.append(["Supplier export 2026-05"])
    second.append([])
    second.append(["Name", "Country", "DOB", "Passport"])
    second.append(["Siam Rice Co", "TH", None, None])
    second.append(
        ["KOREA MINING DEVELOPMENT TRADING CORPORATION", "KP", None, None]
    )
    second.append(["JO YONG WON", "KP", dt.datetime(1957, 10, 24), "108210124"])
    source = tmp_path / "parties.xlsx"
    book.save(source)
    out = tmp_path / "out.csv"
    proc = run_cli("screen", str(source), "--list", str(NEWEST), "-o", str(out))
    assert proc.returncode == 1, proc.stderr
    assert f"input             {source}!Suppliers: 3 rows, xlsx, sheet, header on row 3" in (
        proc.stderr
    )
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    alerts = [(r["Name"], r["screen_source"], r["screen_line"]) for r in rows
              if r["screen_status"] == "alert"]  # fmt: skip
    assert alerts == [
        ("KOREA MINING DEVELOPMENT TRADING CORPORATION", f"{source}!Suppliers", "5"),
        ("JO YONG WON", f"{source}!Suppliers", "6"),
    ]
    jo = next(r for r in rows if r["Name"] == "JO YONG WON")
    assert (jo["DOB"], jo["Passport"]) == ("1957-10-24", "108210124")
    assert [r["screen_status"] for r in rows[:3]] == ["clear", "clear", "clear"]
    xlsx = tmp_path / "out.xlsx"
    proc = run_cli("screen", str(source), "--list", str(NEWEST), "-o", str(xlsx), "-q")
    assert proc.returncode == 1, proc.stderr
    sheet = openpyxl.load_workbook(xlsx)["Screened"]
    assert sheet.freeze_panes == "A2"
    written = [[c.value for c in row] for row in sheet.iter_rows()]
    assert written[0][:4] == ["Name", "Country", "DOB", "Passport"]
    fills = {row[0].value: row[0].fill.fgColor.rgb[-6:] for row in sheet.iter_rows(min_row=2)}
    assert fills["JO YONG WON"] == "FFC7CE" and fills["Acme Ltd"] == "000000"
    parties = {row[0]: row[-1] for row in written[1:]}
    assert parties["JO YONG WON"] == "name (Name): alert 1.00 KPi.043 JO YONG-WON"
