"""Writing screening results as an ``.xlsx`` workbook an analyst can work in.

The same columns as CSV (the input's, then :data:`~.writer.SCREEN_COLUMNS`), on one sheet
named ``Screened``: alert rows filled red, review rows a lighter yellow, suppressed rows
grey; the header frozen and filtered; columns sized to their content.

Safe by construction: every input value and every text column is written as a string
cell (openpyxl's ``data_type`` ``s``), never as a formula, whatever it starts with, so
nothing needs a quote prefix. ``screen_score`` and ``screen_line`` are numbers (for
sorting). openpyxl's write-only mode streams the rows to a temporary file, so memory
stays bounded however large the output; columns are sized from the first rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from sanctions_screen.tabular.results import RowResult
from sanctions_screen.tabular.writer import SCREEN_COLUMNS

SHEET_TITLE = "Screened"
FILLS = {"alert": "FFC7CE", "review": "FFF2CC", "suppressed": "EDEDED"}
"""Row fill per status (RGB): alert red, review a lighter yellow, suppressed grey."""
SIZING_ROWS = 200
"""Rows held back to size the columns (write-only mode fixes widths before any row)."""
MIN_WIDTH, MAX_WIDTH = 8, 60
MAX_CELL = 32_767
"""Excel's longest cell text; a longer value is cut, ending with an ellipsis."""
_NUMBERS = {"screen_score": float, "screen_line": int}


class XlsxResultWriter:
    """Writes results to ``target`` (a path or a binary stream) when closed."""

    def __init__(self, target: str | Path | IO[bytes], header: Sequence[str]) -> None:
        from openpyxl import Workbook  # a core dependency, loaded only for workbooks
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
        from openpyxl.styles import Font, PatternFill

        self._target = target
        self._header = tuple(header)
        self._columns = (*self._header, *SCREEN_COLUMNS)
        self._book = Workbook(write_only=True)
        self._sheet = self._book.create_sheet(SHEET_TITLE)
        self._illegal = ILLEGAL_CHARACTERS_RE
        self._bold = Font(bold=True)
        self._fills = {s: PatternFill("solid", fgColor=rgb) for s, rgb in FILLS.items()}
        self._numbers = {
            i: kind for i, name in enumerate(self._columns) if (kind := _NUMBERS.get(name))
        }
        self._held: list[tuple[str, list[str]]] | None = []
        self._rows = 0

    def write(self, result: RowResult) -> None:
        if result.header is self._header or result.header == self._header:
            values = list(result.values)
        else:
            by_name = dict(zip(result.header, result.values, strict=True))
            values = [by_name.get(name, "") for name in self._header]
        values.extend(result.screen_cells())
        if self._held is not None:
            self._held.append((result.status, values))
            if len(self._held) >= SIZING_ROWS:
                self._start()
            return
        self._append(result.status, values)

    def close(self) -> None:
        if self._held is not None:
            self._start()
        from openpyxl.utils import get_column_letter

        last = get_column_letter(len(self._columns))
        self._sheet.auto_filter.ref = f"A1:{last}{self._rows + 1}"
        self._book.save(self._target)

    def _start(self) -> None:
        """Size the columns from the header and the rows held, then write them."""
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.utils import get_column_letter

        held, self._held = self._held or [], None
        for i, name in enumerate(self._columns):
            longest = max([len(name), *(_width(values[i]) for _, values in held)])
            width = min(MAX_WIDTH, max(MIN_WIDTH, longest + 2))
            self._sheet.column_dimensions[get_column_letter(i + 1)].width = width
        self._sheet.freeze_panes = "A2"
        cells = []
        for name in self._columns:
            cell = WriteOnlyCell(self._sheet, value=self._text(name))
            cell.data_type = "s"
            cell.font = self._bold
            cells.append(cell)
        self._sheet.append(cells)
        for status, values in held:
            self._append(status, values)

    def _append(self, status: str, values: list[str]) -> None:
        from openpyxl.cell import WriteOnlyCell

        fill = self._fills.get(status)
        cells: list[Any] = []
        for i, value in enumerate(values):
            kind = self._numbers.get(i)
            if kind is not None and value:
                cell = WriteOnlyCell(self._sheet, value=kind(value))
            else:
                cell = WriteOnlyCell(self._sheet, value=self._text(value))
                cell.data_type = "s"  # never a formula, whatever the text starts with
            if fill is not None:
                cell.fill = fill
            cells.append(cell)
        self._sheet.append(cells)
        self._rows += 1

    def _text(self, value: str) -> str:
        value = self._illegal.sub("\ufffd", value)
        return value if len(value) <= MAX_CELL else value[: MAX_CELL - 1] + "\u2026"


def _width(value: str) -> int:
    return max((len(line) for line in value.splitlines()), default=0)
