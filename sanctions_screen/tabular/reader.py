"""Streaming reader for CSV and TSV exports: the same behaviour for library and CLI users.

>>> with open_table("shipments.csv") as table:          # doctest: +SKIP
...     for row in table:
...         print(row.line, row.get("Consignee"))

The reader sniffs the delimiter and the encoding, finds the header below any preamble
lines, and yields :class:`Row` objects one at a time (the file is never loaded whole).
A row it cannot use becomes a :class:`~sanctions_screen.exceptions.BadRowError` naming
the file and the physical line; it is handed to ``on_bad_row`` and skipped, or raised
when ``strict`` is set.

A stray quote makes a CSV parser read on to the next quote, swallowing the rows in
between into one field. A quoted field whose lines look like rows (in a one-column file,
two or more non-empty lines; otherwise a later line carrying a row's delimiters) is
reported with its line span, and each of its physical lines is then read as a row of its
own, so the names in it are screened. Fields and lines are capped (``max_field``,
``max_line``): a breach is a bad row, and memory stays bounded whatever the input.
"""

from __future__ import annotations

import csv
import io
import itertools
import os
import sys
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from sanctions_screen.exceptions import BadRowError, InputError
from sanctions_screen.tabular.encoding import AUTO, MAX_LINE, CountingReader, LineSource
from sanctions_screen.tabular.sniff import (
    _modal_width,
    _parse_sample,
    choose_delimiter,
    find_header,
    normalise_header,
    take_sample,
)

STDIN = "-"
ZIP_MAGIC = b"PK\x03\x04"
"""How an .xlsx workbook (a zip file) starts."""
OLE_MAGIC = b"\xd0\xcf\x11\xe0"
"""How an old binary .xls workbook starts."""
MAX_FIELD = 64 * 1024
"""Default longest field, in characters: more than any real name, address or goods
description; a longer field is a bad row."""
PARSER_FIELD_LIMIT = 16 * 1024 * 1024
"""What the CSV parser itself accumulates at most in one field (it is process-wide): a
quote left open cannot swallow a multi-gigabyte file into memory. The swallowed lines
are then read one by one."""

if csv.field_size_limit() < PARSER_FIELD_LIMIT:
    csv.field_size_limit(PARSER_FIELD_LIMIT)

BadRowHandler = Callable[[BadRowError], None]


@dataclass(frozen=True, slots=True)
class Row:
    """One data row: its values in header order, and where it came from."""

    source: str
    line: int
    """1-based physical line where the row starts (quoted newlines counted)."""
    values: tuple[str, ...]
    header: tuple[str, ...]

    def get(self, column: str, default: str = "") -> str:
        """The value under ``column`` (first column of that name), or ``default``."""
        try:
            return self.values[self.header.index(column)]
        except ValueError:
            return default

    def as_dict(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for name, value in zip(self.header, self.values, strict=True):
            out.setdefault(name, value)
        return out


@dataclass
class TableInfo:
    """What the reader decided about one input, and what it counted."""

    source: str
    delimiter: str
    encoding: str
    header: tuple[str, ...]
    header_line: int
    rows_read: int = 0
    rows_skipped: int = 0
    bytes_read: int = 0
    size: int | None = None
    sha256: str | None = None
    warnings: list[str] = field(default_factory=list)


class Table:
    """One open CSV/TSV input. Iterate it for rows; see :func:`open_table`."""

    def __init__(
        self,
        source: str | Path | BinaryIO,
        *,
        delimiter: str | None = None,
        encoding: str | None = None,
        skip_rows: int | None = None,
        strict: bool = False,
        on_bad_row: BadRowHandler | None = None,
        known_headers: Collection[str] | Callable[[str], bool] = (),
        max_field: int = MAX_FIELD,
        max_line: int = MAX_LINE,
    ) -> None:
        self.max_field = max_field
        if csv.field_size_limit() < max_field:
            csv.field_size_limit(max_field)
        self.name, raw, size = _open_binary(source)
        self._counter = CountingReader(raw)
        stream = io.BufferedReader(self._counter, buffer_size=1024 * 1024)
        self.strict = strict
        self.on_bad_row = on_bad_row
        self.bad_rows: list[BadRowError] = []
        try:
            _refuse_binary(stream.peek(4)[:4], self.name)
            self._lines = LineSource(stream, encoding or AUTO, max_line)
            self._open(delimiter, skip_rows, known_headers, size)
        except BaseException:
            self.close()
            raise

    def _open(
        self,
        delimiter: str | None,
        skip_rows: int | None,
        known_headers: Collection[str] | Callable[[str], bool],
        size: int | None,
    ) -> None:
        sample, self._eof = take_sample(self._lines, skip_rows or 0)
        chosen = choose_delimiter(sample, delimiter, self.name)
        self._buffer = sample
        if callable(known_headers):
            is_known = known_headers
        else:
            names = {normalise_header(h) for h in known_headers}
            is_known = lambda cell: normalise_header(cell) in names  # noqa: E731
        header, header_line, start = find_header(sample, chosen, skip_rows, is_known)
        self._start = start
        body = _parse_sample(sample[start:], chosen)
        usual, share = _modal_width(body)
        self._padded = usual > len(header) and share > 0.5
        """Most rows carry empty fields past the header's: such rows are accepted. In
        other files they are reported (a split field may have shifted the row)."""
        span = sample[header_line - 1 : start]
        if len(span) > 1:
            # A column name with a line break is all but unknown; a quote left open in the
            # header swallows rows that no field count betrays (the header's width is then
            # wrong too), so any header over several lines stops the run.
            raise InputError(
                f"{self.name}:{header_line}: the header runs over lines {header_line}-"
                f"{header_line + len(span) - 1} (a quoted field with a line break: a quote "
                "left open?)"
            )
        self.info = TableInfo(
            source=self.name,
            delimiter=chosen,
            encoding=self._lines.encoding,
            header=tuple(header),
            header_line=header_line,
            size=size,
        )
        too_long = sorted(n for n in self._lines.oversized if n <= header_line)
        if too_long:
            raise InputError(
                f"{self.name}:{too_long[0]}: line longer than {self._lines.max_line:,} "
                "bytes at or before the header (--max-line-size); is this a CSV file?"
            )
        if not any(h.strip() for h in header):
            raise InputError(f"{self.name}: no header row found")
        if self._lines.undecodable and header_line in self._lines.undecodable:
            raise InputError(
                f"{self.name}:{header_line}: the header is not valid {self.info.encoding}"
            )

    @property
    def header(self) -> tuple[str, ...]:
        return self.info.header

    @property
    def bytes_read(self) -> int:
        return self._counter.bytes_read

    def __iter__(self) -> Iterator[Row]:
        lines = self._lines
        rest: Iterator[str] = iter(()) if self._eof else iter(lines)
        span: list[str] = []
        """The physical lines of the record being parsed."""

        def physical() -> Iterator[str]:
            for line in itertools.chain(self._buffer[self._start :], rest):
                span.append(line)
                yield line

        reader = csv.reader(physical(), delimiter=self.info.delimiter)
        first_line = self._start + 1
        width = len(self.info.header)
        end = self._start
        while True:
            start = end + 1
            span.clear()
            try:
                values = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                end = first_line - 1 + reader.line_num
                if end > start:
                    self._bad(f"{exc} (lines {start}-{end}: a quote left open?); "
                              "each line was read as a row of its own", start)  # fmt: skip
                    yield from self._reread(span, start)
                else:
                    self._bad(f"unreadable CSV ({exc})", start)
                continue
            end = first_line - 1 + reader.line_num
            if not values or (len(values) == 1 and not values[0].strip()):
                if start in lines.oversized:  # handed on as an empty line
                    self._row(["", "\n"], start, end)
                continue
            if end > start and _swallows(values, span, width, self.info.delimiter):
                self._bad(
                    f"a quoted field runs over lines {start}-{end} and holds what look like "
                    "rows (stray quote?); each line was read as a row of its own",
                    start,
                )
                yield from self._reread(span, start)
                continue
            row = self._row(values, start, end)
            if row is not None:
                yield row
        self._finish()

    def _row(self, values: list[str], start: int, end: int) -> Row | None:
        """The row, or None when it was reported as bad."""
        header = self.info.header
        problem = _check(values, len(header), self._lines, start, end, self.max_field, self._padded)
        if problem:
            self._bad(problem, start)
            return None
        if len(values) > len(header):
            values = values[: len(header)]
        self.info.rows_read += 1
        return Row(self.name, start, tuple(values), header)

    def _reread(self, span: Sequence[str], start: int) -> Iterator[Row]:
        """Each physical line of a swallowing record, parsed as a row of its own."""
        delimiter = self.info.delimiter
        for number, line in enumerate(list(span), start):
            text = line.rstrip("\r\n")
            if not text.strip():
                continue
            try:
                values = next(csv.reader([text], delimiter=delimiter))
            except csv.Error as exc:
                self._bad(f"unreadable CSV ({exc})", number)
                continue
            row = self._row(values, number, number)
            if row is not None:
                yield row

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

    def _finish(self) -> None:
        self.info.bytes_read = self._counter.bytes_read
        self.info.sha256 = self._counter.sha256
        self.info.encoding = self._lines.description
        if self._lines.fallback_count:
            shown = ", ".join(str(n) for n in self._lines.fallback_lines)
            more = self._lines.fallback_count - len(self._lines.fallback_lines)
            extra = f" and {more} more" if more > 0 else ""
            self.info.warnings.append(
                f"{self.name}: {self._lines.fallback_count} line(s) were not UTF-8 and were "
                f"read as cp1252 (lines {shown}{extra}); check names with accents"
            )

    def close(self) -> None:
        if self.name != STDIN:
            self._counter.close()

    def __enter__(self) -> Table:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def open_table(
    source: str | Path | BinaryIO,
    *,
    delimiter: str | None = None,
    encoding: str | None = None,
    skip_rows: int | None = None,
    strict: bool = False,
    on_bad_row: BadRowHandler | None = None,
    known_headers: Collection[str] | Callable[[str], bool] = (),
    max_field: int = MAX_FIELD,
    max_line: int = MAX_LINE,
) -> Table:
    """Open a CSV/TSV file, ``"-"`` (standard input) or a binary stream for reading.

    ``delimiter`` and ``encoding`` are detected when not given. ``skip_rows`` skips that
    many physical lines before the header; when it is ``None`` the header is the first
    line that has the file's usual number of fields and (if any line does) names one of
    ``known_headers`` (names, or a test on one cell). Raises :class:`InputError` if the
    file cannot be opened. ``max_field`` (characters) and ``max_line`` (bytes) cap a
    field and a physical line: a longer one is a bad row.
    """
    return Table(
        source,
        delimiter=delimiter,
        encoding=encoding,
        skip_rows=skip_rows,
        strict=strict,
        on_bad_row=on_bad_row,
        known_headers=known_headers,
        max_field=max_field,
        max_line=max_line,
    )


def _refuse_binary(head: bytes, name: str) -> None:
    """A workbook read as CSV would only give "no header row found": say what it is."""
    if head.startswith(ZIP_MAGIC):
        raise InputError(
            f"{name}: a zip file, not CSV (an .xlsx workbook? give its path, named .xlsx)"
        )
    if head.startswith(OLE_MAGIC):
        raise InputError(f"{name}: an old Excel .xls workbook; save it as .xlsx or CSV")


def _open_binary(source: str | Path | BinaryIO) -> tuple[str, BinaryIO, int | None]:
    if isinstance(source, str | Path):
        name = str(source)
        if name == STDIN:
            return STDIN, sys.stdin.buffer, None
        try:
            handle = open(name, "rb")  # noqa: SIM115 - closed by Table.close
            return name, handle, os.fstat(handle.fileno()).st_size
        except OSError as exc:
            raise InputError(f"cannot read {name}: {exc.strerror or exc}") from exc
    return getattr(source, "name", "<stream>"), source, None


def _check(
    values: list[str],
    width: int,
    lines: LineSource,
    start: int,
    end: int,
    max_field: int,
    padded: bool,
) -> str:
    if (
        len(values) == width
        and not lines.oversized
        and not lines.undecodable
        and (not values or max(map(len, values)) <= max_field)
    ):
        return ""  # nearly every row
    for marked, what in (
        (lines.oversized, f"line longer than {lines.max_line:,} bytes (--max-line-size)"),
        (lines.undecodable, "undecodable bytes (not valid in the file's encoding)"),
    ):
        if marked:
            hit = [n for n in range(start, end + 1) if n in marked]
            marked.difference_update([n for n in marked if n <= end])  # stay bounded
            if hit:
                return what if end == start else f"{what}: line {hit[0]}"
    if len(values) != width and not (
        padded and len(values) > width and not any(v.strip() for v in values[width:])
    ):
        span = f" (lines {start}-{end}: unbalanced quote?)" if end > start else ""
        return f"expected {width} fields, found {len(values)}{span}"
    if any(len(v) > max_field for v in values):
        longest = max(len(v) for v in values)
        return f"field longer than {max_field:,} characters ({longest:,}; --max-field-size)"
    return ""


def _swallows(values: list[str], span: Sequence[str], width: int, delimiter: str) -> bool:
    """Whether a record that spans lines may hold rows swallowed by a stray quote.

    Its quotes are out of place (a CSV writer never writes that across lines), or a field
    holds lines that look like rows: in a one-column file two or more non-empty lines
    (each line is a name), otherwise a line after the first carrying a row's delimiters.
    A multi-line address with commas in a two-column file looks like that too: it is
    reported, and its first line still carries the row's name.
    """
    if not _well_quoted(span, delimiter):
        return True
    for index, value in enumerate(values):
        if "\n" not in value and "\r" not in value:
            continue
        parts = [p for p in value.splitlines() if p.strip()]
        if width == 1:
            if len(parts) >= 2:
                return True
            continue
        if any(p.count(delimiter) >= width - 1 for p in parts[1:-1]):
            return True
        # the last line's head is in the field, its tail is the record's next fields
        inside = parts[-1].count(delimiter) if len(parts) > 1 else 0
        if inside and inside + len(values) - 1 - index >= width - 1:
            return True
    return False


def _well_quoted(span: Sequence[str], delimiter: str) -> bool:
    """Whether the lines parse with every quote where CSV allows one (a field's first
    character, doubled inside, last before a delimiter or the line's end)."""
    if sum(line.count('"') for line in span) % 2:
        return False
    try:
        for _ in csv.reader(iter(span), delimiter=delimiter, strict=True):
            pass
    except csv.Error:
        return False
    return True
