"""Writing screening results: CSV that is safe to open in Excel, and JSON Lines.

CSV output keeps every input column as it was, then appends :data:`SCREEN_COLUMNS`.
Any cell that a spreadsheet would run as a formula is prefixed with a single quote, in the
echoed input columns as well as the appended ones: a shipment file is untrusted input
(see :func:`neutralise` for exactly which cells).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Literal, Protocol

from sanctions_screen.exceptions import InputError
from sanctions_screen.tabular.results import RowResult

SCREEN_COLUMNS: tuple[str, ...] = (
    "screen_status",
    "screen_score",
    "screen_reference",
    "screen_matched_name",
    "screen_list_type",
    "screen_flags",
    "screen_explanation",
    "screen_source",
    "screen_line",
    "screen_parties",
)
"""Appended to every CSV row, in this order. The names are a stable interface: new
columns are added at the end."""

OutputFormat = Literal["csv", "jsonl"]
_SIGNS = frozenset("=+-@\uff1d\uff0b\uff0d\uff20")
"""Characters that start a formula in Excel, LibreOffice or Google Sheets: ``= + - @``
and their full-width forms, which Excel and Sheets read as the ASCII ones."""
_SPACES = frozenset(chr(c) for c in range(0x3001) if chr(c).isspace())
_SUSPECT = _SIGNS | _SPACES
_ARITHMETIC = re.compile(r"[+-][0-9 .,()%-]*[0-9][0-9 .,()%-]*(?:[eE][+-]?[0-9]+)?")
"""A signed number (``-2500.00``, ``-1,250``, ``+1.5e3``) or phone number (``+65 6741
2200``, ``+1 (555) 010-0000``): a spreadsheet may compute it, but it names no function
and no cell, so it cannot run anything. Such cells are left as they are."""


def neutralise(cell: str) -> str:
    """``"=HYPERLINK(...)"`` -> ``"'=HYPERLINK(...)"``; other cells unchanged.

    Escaped: a cell whose first non-whitespace character is ``= + - @`` (or a full-width
    form of one), whatever whitespace comes before it (spaces, tabs, CR, LF), and a cell
    starting with a tab or CR. Not escaped: signed numbers and phone numbers.

    >>> neutralise(" =1+1"), neutralise("-2500.00"), neutralise("+65 6741 2200")
    ("' =1+1", '-2500.00', '+65 6741 2200')
    """
    if not cell or cell[0] not in _SUSPECT:
        return cell
    if cell[0] in "\t\r":
        return "'" + cell
    text = cell.lstrip() if cell[0] in _SPACES else cell
    if len(text) < 2 or text[0] not in _SIGNS:  # a lone "-" is a placeholder, not a formula
        return cell
    if text[0] in "+-" and _ARITHMETIC.fullmatch(text):
        return cell
    return "'" + cell


def neutralise_all(cells: Sequence[str]) -> list[str]:
    suspect = _SUSPECT
    return [(neutralise(c) if c and c[0] in suspect else c) for c in cells]


class ResultWriter(Protocol):
    def write(self, result: RowResult) -> None: ...

    def close(self) -> None: ...


def merge_headers(headers: Sequence[Sequence[str]]) -> tuple[str, ...]:
    """The output header for several inputs: the first file's columns, then new ones."""
    if not headers:
        return ()
    out = list(headers[0])
    for header in headers[1:]:
        out.extend(name for name in header if name not in out)
    return tuple(out)


class CsvResultWriter:
    """Writes input columns then :data:`SCREEN_COLUMNS`, one CSV row per result."""

    def __init__(self, stream: IO[str], header: Sequence[str], *, excel_safe: bool = True) -> None:
        import csv

        self._stream = stream
        self._header = tuple(header)
        self._writer = csv.writer(stream)
        self._escape: Callable[[Sequence[str]], list[str]] = neutralise_all if excel_safe else list
        self._writer.writerow(self._escape((*self._header, *SCREEN_COLUMNS)))

    def write(self, result: RowResult) -> None:
        if result.header is self._header or result.header == self._header:
            values: Sequence[str] = result.values
        else:
            by_name = dict(zip(result.header, result.values, strict=True))
            values = [by_name.get(name, "") for name in self._header]
        cells = self._escape(values)
        cells.extend(self._escape(result.screen_cells()))
        self._writer.writerow(cells)

    def close(self) -> None:
        self._stream.flush()


class JsonlResultWriter:
    """One JSON object per row: input, status, best match and the full explanation."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream

    def write(self, result: RowResult) -> None:
        self._stream.write(json.dumps(result.to_dict(), ensure_ascii=False, default=str))
        self._stream.write("\n")

    def close(self) -> None:
        self._stream.flush()


def open_output(path: str | Path | None, *, excel: bool = False) -> IO[str]:
    """A text stream for ``path`` (``None`` or ``"-"``: standard output).

    ``excel`` writes a UTF-8 byte-order mark so Excel shows non-Latin names correctly.
    """
    encoding = "utf-8-sig" if excel else "utf-8"
    if path is None or str(path) == "-":
        sys.stdout.reconfigure(encoding=encoding, newline="")  # type: ignore[union-attr]
        return sys.stdout
    try:
        return open(path, "w", encoding=encoding, newline="")  # noqa: SIM115 - caller closes
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from exc


def make_writer(
    stream: IO[str], fmt: OutputFormat, header: Sequence[str], *, excel_safe: bool = True
) -> ResultWriter:
    """A CSV or JSON Lines writer; ``excel_safe=False`` leaves formula-like CSV cells as
    they are (for a consumer that is not a spreadsheet)."""
    if fmt == "jsonl":
        return JsonlResultWriter(stream)
    return CsvResultWriter(stream, header, excel_safe=excel_safe)
