"""Property: whatever the quoting, delimiter, encoding and damage (stray or missing
quotes), every listed name in a CSV file is either handed on as a row's name or lies on a
line reported as a bad row. Nothing is lost silently (issue 13)."""

from __future__ import annotations

import csv
import io
import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sanctions_screen.exceptions import BadRowError, InputError
from sanctions_screen.tabular.headers import is_known_header
from sanctions_screen.tabular.reader import open_table

LISTED = (
    "JO YONG WON",
    "PAK TO CHUN",
    "KOREA MINING DEVELOPMENT TRADING CORPORATION",
    "RI WON HO",
)
OTHERS = ("Acme Ltd", "Müller GmbH", "Café Olé", "John Smith", "Siam Rice, Co.", 'The "Best" Co')
CELLS = ("SG", "KP", "-5", "1 Road, Floor 2", 'say "hi"', "a;b|c", "", "Line one\nline two")
HEADERS = ("Ref", "Country", "Address")
QUOTING = (csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC)
DELIMITERS = (",", ";", "\t", "|")
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "cp1252")
_SPAN = re.compile(r"lines (\d+)-(\d+)")


@st.composite
def damaged_files(draw: st.DrawFn) -> tuple[bytes, str, int]:
    """(file bytes, encoding, index of the name column)."""
    width = draw(st.integers(1, 3))
    name_at = draw(st.integers(0, width - 1))
    header = list(HEADERS[: width - 1])
    header.insert(name_at, "Name")
    rows = []
    for _ in range(draw(st.integers(1, 12))):
        row = [draw(st.sampled_from(CELLS)) for _ in range(width - 1)]
        row.insert(name_at, draw(st.sampled_from(LISTED + OTHERS)))
        rows.append(row)
    buffer = io.StringIO()
    delimiter = draw(st.sampled_from(DELIMITERS))
    writer = csv.writer(buffer, delimiter=delimiter, quoting=draw(st.sampled_from(QUOTING)))
    writer.writerow(header)
    writer.writerows(rows)
    text = buffer.getvalue()
    for _ in range(draw(st.integers(0, 3))):  # stray quotes, quotes taken away
        at = draw(st.integers(0, len(text)))
        if draw(st.booleans()):
            text = text[:at] + '"' + text[at:]
        elif '"' in text[at:]:
            cut = text.index('"', at)
            text = text[:cut] + text[cut + 1 :]
    encoding = draw(st.sampled_from(ENCODINGS))
    return text.encode(encoding), encoding, name_at


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged_files())
@example(
    (b'Name,"Ref\r\nJO YONG WON,SG\r\nJO YONG WON",SG\r\n', "utf-8", 0)
)  # a header swallowing rows
def test_every_listed_name_is_read_or_reported(case: tuple[bytes, str, int]) -> None:
    data, encoding, _ = case
    bad: list[BadRowError] = []
    try:
        with open_table(
            io.BufferedReader(io.BytesIO(data)),  # type: ignore[arg-type]
            on_bad_row=bad.append,
            known_headers=is_known_header,
        ) as table:
            if "Name" not in table.header:
                return  # the run stops: "no name column found" (exit 3)
            name_at = table.header.index("Name")
            rows = list(table)
    except InputError:
        return  # the run stops with a message (exit 3)
    text = data.decode(encoding).lstrip("\ufeff")
    covered: set[int] = set()
    for error in bad:
        assert error.line is not None
        span = _SPAN.search(error.reason)
        first, last = (int(span[1]), int(span[2])) if span else (error.line, error.line)
        covered.update(range(first, last + 1))
    unused = [(row.line, row.values[name_at].replace('"', "").strip()) for row in rows]
    # physical lines as the reader counts them (UTF-16 is decoded with universal newlines)
    lines = re.split(r"\r\n|\n|\r" if encoding == "utf-16" else "\n", text)
    for number, line in enumerate(lines, 1):
        for name in LISTED:
            if name not in line or number in covered:
                continue
            # the row that holds it starts on this line or, after a multi-line field, above
            found = [r for r in unused if _holds(r[1], name) and r[0] <= number]
            assert found, f"line {number} {line!r}: {name} neither read nor reported\n{text!r}"
            unused.remove(found[-1])


def _holds(cell: str, name: str) -> bool:
    """The name is what the screener gets: the cell itself, or part of a one-line cell
    (``JO YONG WON;a`` after a quote out of place: the names layer splits on ``;``)."""
    return cell == name or (name in cell and "\n" not in cell and "\r" not in cell)
