"""The CSV/TSV reader: encodings, delimiters, preambles, bad rows, streaming."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from sanctions_screen.exceptions import BadRowError, InputError
from sanctions_screen.tabular.headers import KNOWN_HEADERS
from sanctions_screen.tabular.reader import MAX_FIELD, open_table

ROWS = [
    ["Name", "Country", "DOB"],
    ["Müller Trading GmbH", "Germany", ""],
    ["Kim Jong Un", "DPRK", "1984-01-08"],
    ["Nguyễn Văn An", "Viet Nam", "1970"],
]


def _text(rows: list[list[str]], delimiter: str = ",") -> str:
    return "".join(delimiter.join(r) + "\r\n" for r in rows)


def _read(path: Path, **kwargs: object) -> tuple[list[tuple[int, tuple[str, ...]]], list[str]]:
    bad: list[str] = []
    with open_table(
        path, on_bad_row=lambda e: bad.append(str(e)), known_headers=KNOWN_HEADERS, **kwargs
    ) as table:  # type: ignore[arg-type]
        rows = [(r.line, r.values) for r in table]
    return rows, bad


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("utf-16", "utf-16"),
        ("utf-16-le", "utf-16-le"),
    ],
)
def test_unicode_encodings_are_detected(tmp_path: Path, encoding: str, expected: str) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(_text(ROWS).encode(encoding))
    with open_table(path) as table:
        rows = list(table)
        assert table.info.encoding == expected
    assert table.header == ("Name", "Country", "DOB")
    assert [r.values[0] for r in rows] == ["Müller Trading GmbH", "Kim Jong Un", "Nguyễn Văn An"]
    assert [r.line for r in rows] == [2, 3, 4]


def test_cp1252_file_falls_back_with_a_warning_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "legacy.csv"
    rows = [["Name", "Country"], ["Müller “Best” Trading", "Germany"], ["Café Ltd", "France"]]
    path.write_bytes(_text(rows).encode("cp1252"))
    with open_table(path) as table:
        values = [r.values[0] for r in table]
    assert values == ["Müller “Best” Trading", "Café Ltd"]
    assert table.info.encoding == "utf-8 + cp1252 fallback"
    assert len(table.info.warnings) == 1
    assert "legacy.csv" in table.info.warnings[0] and "lines 2, 3" in table.info.warnings[0]


def test_undefined_cp1252_bytes_fall_back_to_latin1(tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_bytes(b"Name\r\nAB\x81C\xe9\r\n")
    with open_table(path) as table:
        assert [r.values[0] for r in table] == ["AB\x81Cé"]


def test_explicit_encoding_reports_undecodable_rows(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_bytes("Name,Country\nMüller,DE\n".encode() + b"Caf\xe9 Ltd,FR\nOk Ltd,SG\n")
    rows, bad = _read(path, encoding="utf-8")
    assert [r[1][0] for r in rows] == ["Müller", "Ok Ltd"]
    assert bad == [f"{path}:3: undecodable bytes (not valid in the file's encoding)"]


def test_utf16_undecodable_row_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "u16.csv"
    good = "Name,Country\r\nA Ltd,SG\r\n".encode("utf-16-le")
    broken = b"B\x00\x00\xd8,\x00S\x00G\x00\r\x00\n\x00"  # lone high surrogate
    tail = "C Ltd,MY\r\n".encode("utf-16-le")
    path.write_bytes(b"\xff\xfe" + good + broken + tail)
    rows, bad = _read(path)
    assert [r[1][0] for r in rows] == ["A Ltd", "C Ltd"]
    assert bad == [f"{path}:3: undecodable bytes (not valid in the file's encoding)"]


@pytest.mark.parametrize(
    ("delimiter", "suffix"),
    [(",", ".csv"), ("\t", ".tsv"), (";", ".csv"), ("|", ".txt"), ("\t", ".csv")],
)
def test_delimiter_is_sniffed(tmp_path: Path, delimiter: str, suffix: str) -> None:
    path = tmp_path / f"in{suffix}"
    rows = [*ROWS, ["Acme, Inc.", "United States", ""]] if delimiter != "," else ROWS
    path.write_text(_text(rows, delimiter), encoding="utf-8")
    with open_table(path) as table:
        got = [r.values for r in table]
        assert table.info.delimiter == delimiter
    assert got[0] == ("Müller Trading GmbH", "Germany", "")


def test_given_delimiter_wins(tmp_path: Path) -> None:
    path = tmp_path / "in.txt"
    path.write_text("Name;Country\nA,B;SG\n", encoding="utf-8")
    with open_table(path, delimiter=";") as table:
        assert [r.values for r in table] == [("A,B", "SG")]


def test_preamble_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(
        "Shipment export\nGenerated 2026-05-01 by TradeSys,,\n\nShipper,Consignee,HS Code\n"
        "A Ltd,B Ltd,2701\nC Ltd,D Ltd,8703\n",
        encoding="utf-8",
    )
    with open_table(path, known_headers=KNOWN_HEADERS) as table:
        rows = list(table)
        assert table.header == ("Shipper", "Consignee", "HS Code")
        assert table.info.header_line == 4
    assert [(r.line, r.values[0]) for r in rows] == [(5, "A Ltd"), (6, "C Ltd")]


def test_preamble_with_same_width_is_found_by_known_header(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("Report,Q2,2026\nName,Country,DOB\nA,SG,\n", encoding="utf-8")
    with open_table(path, known_headers=KNOWN_HEADERS) as table:
        assert table.header == ("Name", "Country", "DOB")
        assert [r.line for r in table] == [3]


def test_skip_rows(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("x,y,z\nreport,of,things\nCol A,Col B,Col C\n1,2,3\n", encoding="utf-8")
    with open_table(path, skip_rows=2) as table:
        assert table.header == ("Col A", "Col B", "Col C")
        assert [(r.line, r.values) for r in table] == [(4, ("1", "2", "3"))]


def test_ragged_rows_are_reported_with_line_numbers_and_the_run_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "ragged.csv"
    path.write_text(
        'Name,Country,DOB\nA,SG,\nB,SG\nC,SG,,x\n"D\nsecond line",MY,\nE,TH,,,\nF,VN,1970\n',
        encoding="utf-8",
    )
    rows, bad = _read(path)
    assert [(line, v[0]) for line, v in rows] == [(2, "A"), (5, "D\nsecond line"), (8, "F")]
    assert bad == [
        f"{path}:3: expected 3 fields, found 2",
        f"{path}:4: expected 3 fields, found 4",
        f"{path}:7: expected 3 fields, found 5",  # a split field may have shifted it
    ]


def test_empty_fields_past_the_header_are_accepted_when_most_rows_have_them(
    tmp_path: Path,
) -> None:
    path = tmp_path / "padded.csv"
    path.write_text("Name,Country\nA,SG,\nB,MY,,\nC,TH,\n", encoding="utf-8")
    rows, bad = _read(path, skip_rows=0)
    assert [v for _, v in rows] == [("A", "SG"), ("B", "MY"), ("C", "TH")] and bad == []


def test_a_split_field_that_shifts_the_name_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "shifted.csv"
    path.write_text('Ref;Name;Country\nS1;Acme;SG\na;b|c";JO YONG WON;\n', encoding="utf-8")
    rows, bad = _read(path)
    assert [v for _, v in rows] == [("S1", "Acme", "SG")]
    assert bad == [f"{path}:3: expected 3 fields, found 4"]


def test_strict_mode_stops_at_the_first_bad_row(tmp_path: Path) -> None:
    path = tmp_path / "ragged.csv"
    path.write_text("Name,Country\nA,SG\nB\nC,SG\n", encoding="utf-8")
    with open_table(path, strict=True) as table, pytest.raises(BadRowError) as info:
        list(table)
    assert info.value.line == 3 and info.value.source == str(path)


def test_quoted_newlines_keep_physical_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "multi.csv"
    path.write_text(
        'Name,Address\n"A Ltd","1 Road\nFloor 2\nSingapore"\n"B Ltd","x"\n', encoding="utf-8"
    )
    with open_table(path) as table:
        rows = list(table)
    assert [(r.line, r.values[0]) for r in rows] == [(2, "A Ltd"), (5, "B Ltd")]
    assert rows[0].values[1] == "1 Road\nFloor 2\nSingapore"


def test_very_long_field_is_read_up_to_the_limits_given(tmp_path: Path) -> None:
    long = "x" * 2_000_000
    path = tmp_path / "long.csv"
    path.write_text(f'Name,Goods\nA Ltd,"{long}"\nB Ltd,y\n', encoding="utf-8")
    with open_table(path, max_field=2_000_000, max_line=2_100_000) as table:
        rows = list(table)
    assert len(rows[0].values[1]) == 2_000_000 and rows[1].line == 3


def test_field_over_the_limit_is_a_bad_row(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    long = "x" * (MAX_FIELD + 1)
    path.write_text(f'Name,Goods\nA Ltd,"{long}"\nB Ltd,y\n', encoding="utf-8")
    rows, bad = _read(path)
    assert rows == [(3, ("B Ltd", "y"))]
    assert bad == [f"{path}:2: field longer than 65,536 characters (65,537; --max-field-size)"]


def test_line_over_the_limit_is_a_bad_row_and_never_held_whole(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text("Name,Goods\nA Ltd," + "y" * 3_000_000 + "\nB Ltd,y\n", encoding="utf-8")
    rows, bad = _read(path, max_line=1000)
    assert rows == [(3, ("B Ltd", "y"))]
    assert bad == [f"{path}:2: line longer than 1,000 bytes (--max-line-size)"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_header_line_over_the_limit_fails_at_once(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "header.csv"
    path.write_text("Name" + "x" * 5000 + "\nJO YONG WON\n", encoding=encoding)
    with pytest.raises(InputError, match=r"header.csv:1: line longer than 1,000 bytes"):
        open_table(path, max_line=1000)


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="nope.csv"):
        open_table(tmp_path / "nope.csv")


def test_binary_stream(tmp_path: Path) -> None:
    with open_table(io.BufferedReader(io.BytesIO(_text(ROWS).encode("utf-16")))) as table:  # type: ignore[arg-type]
        assert len(list(table)) == 3


def test_stdin_is_read_with_dash() -> None:
    code = (
        "from sanctions_screen.tabular.reader import open_table\n"
        "t = open_table('-')\n"
        "print([(r.line, r.values[0]) for r in t], t.info.encoding, repr(t.info.delimiter))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        input=_text(ROWS, "\t").encode("utf-8-sig"),
        capture_output=True,
        check=True,
    ).stdout.decode()
    assert "(2, 'Müller Trading GmbH')" in out and "utf-8-sig '\\t'" in out


def test_rows_stream_without_loading_the_file(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("Name,Country\n")
        for i in range(200_000):
            handle.write(f"Company {i},SG\n")
    with open_table(path) as table:
        it = iter(table)
        first = next(it)
        assert first.line == 2
        assert table.bytes_read < path.stat().st_size / 2
        assert sum(1 for _ in it) == 199_999


def test_empty_file_has_no_header(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    with pytest.raises(InputError, match="no header row found"):
        open_table(path)


def test_unknown_encoding(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("Name\nA\n", encoding="utf-8")
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        open_table(path, encoding="klingon")


def test_skip_rows_beyond_the_sample(tmp_path: Path) -> None:
    path = tmp_path / "long_preamble.csv"
    path.write_text("note\n" * 500 + "Name,Country\nA,SG\n", encoding="utf-8")
    with open_table(path, skip_rows=500) as table:
        assert table.header == ("Name", "Country")
        assert [(r.line, r.values) for r in table] == [(502, ("A", "SG"))]


SWALLOWED = (
    'name\nAcme Ltd\n"Bad Quote Co\nJO YONG WON\nPAK TO CHUN\n'
    "KOREA MINING DEVELOPMENT TRADING CORPORATION\nJohn Smith\n"
)
"""Issue 13, item 2: a stray quote that swallowed three listed names into one field."""


def test_stray_quote_in_one_column_file_is_reported_and_its_lines_read(tmp_path: Path) -> None:
    path = tmp_path / "swallow.csv"
    path.write_text(SWALLOWED, encoding="utf-8")
    rows, bad = _read(path)
    assert [(line, values[0]) for line, values in rows] == [
        (2, "Acme Ltd"), (3, "Bad Quote Co"), (4, "JO YONG WON"), (5, "PAK TO CHUN"),
        (6, "KOREA MINING DEVELOPMENT TRADING CORPORATION"), (7, "John Smith"),
    ]  # fmt: skip
    assert bad == [
        f"{path}:3: a quoted field runs over lines 3-7 and holds what look like rows "
        "(stray quote?); each line was read as a row of its own"
    ]


@pytest.mark.parametrize(
    "text",
    [
        # merged lines give the right field count: 3 fields
        'id,name,country\n1,"Acme\n2,JO YONG WON,KP\n3,Bob",US\n4,John Smith,US\n',
        # a quote left open to the end of the file
        'id,name,country\n1,"Acme,SG\n2,JO YONG WON,KP\n4,John Smith,US\n',
        # two columns, quote left open
        'name,country\n"Acme,SG\nJO YONG WON,KP\nJohn Smith,US\n',
        # semicolons
        'id;name;country\n1;"Acme;SG\n2;JO YONG WON;KP\n4;John Smith;US\n',
    ],
)
def test_stray_quote_in_multi_column_file_is_reported(tmp_path: Path, text: str) -> None:
    path = tmp_path / "swallow.csv"
    path.write_text(text, encoding="utf-8")
    rows, bad = _read(path)
    assert any("JO YONG WON" in values for _, values in rows), rows
    assert "(stray quote?)" in bad[0] and all(b.startswith(f"{path}:") for b in bad)


def test_quote_left_open_past_the_parser_limit_is_reported_line_by_line(tmp_path: Path) -> None:
    import csv

    path = tmp_path / "open.csv"
    filler = "".join(f"Company {i}\n" for i in range(20_000))
    path.write_text(f'name\n"Open\n{filler}JO YONG WON\n', encoding="utf-8")
    old = csv.field_size_limit()
    csv.field_size_limit(100_000)  # the parser gives up before the end of the file
    try:
        rows, bad = _read(path, max_field=1000)
    finally:
        csv.field_size_limit(old)
    names = [values[0] for _, values in rows]
    assert "JO YONG WON" in names and "Company 0" in names
    assert bad and all(path.name in b for b in bad)


def test_multi_line_address_without_delimiters_is_not_a_stray_quote(tmp_path: Path) -> None:
    path = tmp_path / "address.csv"
    path.write_text('name,address\nAcme,"1 Road, Floor 2\nUnit 5\nSingapore"\n', "utf-8")
    rows, bad = _read(path)
    assert rows == [(2, ("Acme", "1 Road, Floor 2\nUnit 5\nSingapore"))] and bad == []


def test_quotes_out_of_place_across_lines_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "quotes.csv"
    path.write_text(
        'Ref;Country;Name\n"say ""hi"";SG;JO YONG WON\nSG;"a;b|c";PAK TO CHUN\n', "utf-8"
    )
    rows, bad = _read(path)
    assert "(stray quote?)" in bad[0] and "lines 2-3" in bad[0]
    assert [values[2] for _, values in rows] == ["PAK TO CHUN"]
    assert bad[1:] == [f"{path}:2: expected 3 fields, found 1"]  # JO YONG WON: reported


def test_a_header_over_several_lines_stops_the_run(tmp_path: Path) -> None:
    # found by the property test: the header's open quote swallowed a listed name, and
    # 'Name,"Ref' made a three-column header of the whole file: nothing read, nothing said
    path = tmp_path / "open-header.csv"
    path.write_bytes(b'Name,"Ref\r\nJO YONG WON,SG\r\nJO YONG WON",SG\r\n')
    with pytest.raises(InputError, match="header runs over lines 1-3"):
        open_table(path)
