"""Reading ``.xlsx`` workbooks: each sheet is a table of its own, streamed.

>>> for sheet in open_workbook("shipments.xlsx"):           # doctest: +SKIP
...     for row in sheet:
...         print(row.source, row.line, row.values)          # shipments.xlsx!Sheet2 17 (...)

openpyxl reads the workbook in read-only mode, so rows stream from the file and memory
stays bounded (the shared-strings table is the one part held whole). Every sheet is read,
hidden ones too (a name may hide there), or only those named. Each sheet finds its own
header as a CSV file does (:mod:`.sniff`), and a row's source is ``FILE!SHEET`` with the
sheet's own row number, so a bad row reads ``book.xlsx!Sheet2:17: expected 3 fields``.

Cells become the text an analyst expects: a date is an ISO date (a time of day is kept
when there is one), an integer-valued number has no ``.0``, a number formatted with
leading zeros (``000000000``) keeps them, text (a passport number typed as text) is kept
as it is. Formulas are read as the values Excel last computed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from sanctions_screen.exceptions import BadRowError, InputError
from sanctions_screen.tabular.reader import MAX_FIELD, ZIP_MAGIC, BadRowHandler, Row, TableInfo
from sanctions_screen.tabular.sniff import SAMPLE_LINES

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
SHEET_ENCODING = "xlsx"
"""What :attr:`TableInfo.encoding` says for a sheet (its ``delimiter`` is empty)."""


def is_workbook(source: object) -> bool:
    """Whether ``source`` is a path to an ``.xlsx`` workbook (by name, or by its bytes)."""
    if not isinstance(source, str | Path) or str(source) == "-":
        return False
    path = Path(source)
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        return True
    try:
        with path.open("rb") as handle:
            return handle.read(4) == ZIP_MAGIC
    except OSError:
        return False


def cell_text(value: Any, number_format: str | None = None) -> str:
    """A cell's value as text: ``datetime(1957, 10, 24)`` -> ``"1957-10-24"``,
    ``108210124.0`` -> ``"108210124"``, ``12345`` formatted ``000000000`` ->
    ``"000012345"``.

    >>> cell_text(3.0), cell_text(-2500.5), cell_text(True), cell_text(None)
    ('3', '-2500.5', 'TRUE', '')
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        value = int(value)
    if isinstance(value, int):
        text = str(value)
        if number_format and set(number_format) == {"0"} and value >= 0:
            return text.zfill(len(number_format))
        return text
    return str(value)


class SheetTable:
    """One sheet of a workbook, read like a CSV table (see :class:`.reader.Table`)."""

    def __init__(
        self,
        path: str,
        worksheet: Any,
        *,
        close: Callable[[], None],
        skip_rows: int | None,
        strict: bool,
        on_bad_row: BadRowHandler | None,
        is_known: Callable[[str], bool],
        max_field: int,
        sha256: str,
        size: int,
    ) -> None:
        self.name = f"{path}!{worksheet.title}"
        self.strict = strict
        self.on_bad_row = on_bad_row
        self.bad_rows: list[BadRowError] = []
        self.max_field = max_field
        self._close = close
        self._rows = _sheet_rows(worksheet)
        sample: list[tuple[int, list[str]]] = []
        for numbered in self._rows:
            sample.append(numbered)
            if len(sample) >= SAMPLE_LINES + (skip_rows or 0):
                break
        index = _header_index(sample, skip_rows, is_known)
        header = tuple(sample[index][1]) if index is not None else ()
        self._pending = sample[index + 1 :] if index is not None else []
        self.info = TableInfo(
            source=self.name,
            delimiter="",
            encoding=SHEET_ENCODING,
            header=header,
            header_line=sample[index][0] if index is not None else 0,
            size=size,
            sha256=sha256,
        )

    @property
    def header(self) -> tuple[str, ...]:
        return self.info.header

    @property
    def bytes_read(self) -> int:
        return 0

    def __iter__(self) -> Iterator[Row]:
        header = self.info.header
        width = len(header)
        pending, self._pending = self._pending, []
        for number, values in itertools.chain(pending, self._rows):
            if not any(v.strip() for v in values):
                continue
            problem = ""
            if any(v.strip() for v in values[width:]):
                problem = f"expected {width} fields, found {len(values)}"
            elif any(len(v) > self.max_field for v in values):
                longest = max(len(v) for v in values)
                problem = (
                    f"field longer than {self.max_field:,} characters "
                    f"({longest:,}; --max-field-size)"
                )
            if problem:
                self._bad(problem, number)
                continue
            values = (values + [""] * width)[:width]
            self.info.rows_read += 1
            yield Row(self.name, number, tuple(values), header)

    def reject(self, row: Row, reason: str) -> None:
        """Report a row the reader accepted but the caller cannot use (e.g. no name)."""
        self.info.rows_read -= 1
        self._bad(reason, row.line)

    def _bad(self, reason: str, line: int) -> None:
        error = BadRowError(reason, source=self.name, line=line)
        self.info.rows_skipped += 1
        if self.strict:
            raise error
        if self.on_bad_row is None:
            self.bad_rows.append(error)
        else:
            self.on_bad_row(error)

    def close(self) -> None:
        self._close()


def open_workbook(
    source: str | Path,
    *,
    sheets: Sequence[str] = (),
    skip_rows: int | None = None,
    strict: bool = False,
    on_bad_row: BadRowHandler | None = None,
    known_headers: Callable[[str], bool] = lambda _cell: False,
    max_field: int = MAX_FIELD,
) -> list[SheetTable]:
    """The sheets of an ``.xlsx`` workbook to screen: all of them (empty ones left out,
    with nothing to screen) or those named in ``sheets``. Raises :class:`InputError` for a
    file that is not a readable workbook or a sheet that is not in it."""
    import openpyxl  # a core dependency, loaded only for workbooks
    from openpyxl.utils.exceptions import InvalidFileException

    path = str(source)
    try:
        digest, size = _sha256(Path(path))
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except (InvalidFileException, KeyError, ValueError) as exc:
        raise InputError(f"{path}: not a readable .xlsx workbook ({exc})") from exc
    except Exception as exc:  # zipfile.BadZipFile and friends
        raise InputError(f"{path}: not a readable .xlsx workbook ({exc})") from exc
    names = list(book.sheetnames)
    missing = [s for s in sheets if s not in names]
    if missing:
        book.close()
        raise InputError(
            f"{path}: no sheet {', '.join(map(repr, missing))}; its sheets: "
            + ", ".join(map(repr, names))
        )
    tables: list[SheetTable] = []
    empty: list[str] = []
    try:
        for title in sheets or names:
            table = SheetTable(
                path,
                book[title],
                close=book.close,
                skip_rows=skip_rows,
                strict=strict,
                on_bad_row=on_bad_row,
                is_known=known_headers,
                max_field=max_field,
                sha256=digest,
                size=size,
            )
            if table.header or sheets:
                tables.append(table)
            else:
                empty.append(title)
    except BaseException:
        book.close()
        raise
    if not tables:
        book.close()
        raise InputError(f"{path}: every sheet is empty")
    for table in tables:
        if not any(h.strip() for h in table.header):
            book.close()
            raise InputError(f"{table.name}: no header row found")
    if empty:
        tables[0].info.warnings.append(
            f"{path}: empty sheet(s) left out: {', '.join(map(repr, empty))}"
        )
    return tables


def _sheet_rows(worksheet: Any) -> Iterator[tuple[int, list[str]]]:
    """(row number, cell texts without trailing empty cells) for each row of a sheet."""
    number = (worksheet.min_row or 1) - 1
    for cells in worksheet.iter_rows():
        number = next((c.row for c in cells if getattr(c, "row", None)), number + 1)
        values = [cell_text(c.value, getattr(c, "number_format", None)) for c in cells]
        while values and not values[-1].strip():
            values.pop()
        yield number, values


def _header_index(
    sample: list[tuple[int, list[str]]], skip_rows: int | None, is_known: Callable[[str], bool]
) -> int | None:
    """The header's index in ``sample``: the first row as wide as the sheet's usual rows
    that names a known column, else the first as wide (as for CSV, :mod:`.sniff`)."""
    if skip_rows is not None:
        return next((i for i, (n, v) in enumerate(sample) if n > skip_rows and v), None)
    widths = [len(v) for _, v in sample if v]
    if not widths:
        return None
    usual = max(set(widths), key=lambda w: (widths.count(w), w))
    candidates = [i for i, (_, v) in enumerate(sample) if v and len(v) >= usual]
    for i in candidates:
        if any(is_known(cell) for cell in sample[i][1] if cell.strip()):
            return i
    return candidates[0] if candidates else None


def _sha256(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
            size += len(block)
    return digest.hexdigest(), size
