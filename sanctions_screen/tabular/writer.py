"""Writing screening results: CSV that is safe to open in Excel, and JSON Lines.

CSV output keeps every input column as it was, then appends :data:`SCREEN_COLUMNS`.
Any cell that a spreadsheet would run as a formula (it starts with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return) is prefixed with a single quote, in the echoed input
columns as well as the appended ones: a shipment file is untrusted input.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
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
)
"""Appended to every CSV row, in this order. The names are a stable interface."""

OutputFormat = Literal["csv", "jsonl"]
_FORMULA_START = frozenset(("=", "+", "-", "@", "\t", "\r"))


def neutralise(cell: str) -> str:
    """``"=HYPERLINK(...)"`` -> ``"'=HYPERLINK(...)"``; other cells unchanged."""
    return "'" + cell if cell[:1] in _FORMULA_START else cell


def neutralise_all(cells: Sequence[str]) -> list[str]:
    unsafe = _FORMULA_START
    return [("'" + c if c[:1] in unsafe else c) for c in cells]


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

    def __init__(self, stream: IO[str], header: Sequence[str]) -> None:
        import csv

        self._stream = stream
        self._header = tuple(header)
        self._writer = csv.writer(stream)
        self._writer.writerow([neutralise(h) for h in (*self._header, *SCREEN_COLUMNS)])

    def write(self, result: RowResult) -> None:
        if result.header is self._header or result.header == self._header:
            values: Sequence[str] = result.values
        else:
            by_name = dict(zip(result.header, result.values, strict=True))
            values = [by_name.get(name, "") for name in self._header]
        cells = neutralise_all(values)
        cells.extend(neutralise_all(result.screen_cells()))
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


def make_writer(stream: IO[str], fmt: OutputFormat, header: Sequence[str]) -> ResultWriter:
    if fmt == "jsonl":
        return JsonlResultWriter(stream)
    return CsvResultWriter(stream, header)
