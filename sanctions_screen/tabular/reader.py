"""Streaming reader for CSV and TSV exports: the same behaviour for library and CLI users.

>>> with open_table("shipments.csv") as table:          # doctest: +SKIP
...     for row in table:
...         print(row.line, row.get("Consignee"))

The reader sniffs the delimiter and the encoding, finds the header below any preamble
lines, and yields :class:`Row` objects one at a time (the file is never loaded whole).
A row it cannot use becomes a :class:`~sanctions_screen.exceptions.BadRowError` naming
the file and the physical line; it is handed to ``on_bad_row`` and skipped, or raised
when ``strict`` is set.
"""

from __future__ import annotations

import csv
import io
import os
import sys
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from sanctions_screen.exceptions import BadRowError, InputError
from sanctions_screen.tabular.encoding import AUTO, CountingReader, LineSource
from sanctions_screen.tabular.sniff import (
    choose_delimiter,
    find_header,
    normalise_header,
    take_sample,
)

STDIN = "-"
FIELD_SIZE_LIMIT = 64 * 1024 * 1024
"""Large enough for any real field (long goods descriptions, pasted e-mails); small enough
that an unclosed quote cannot swallow a whole multi-gigabyte file into memory."""

csv.field_size_limit(FIELD_SIZE_LIMIT)

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
    ) -> None:
        self.name, raw, size = _open_binary(source)
        self._counter = CountingReader(raw)
        stream = io.BufferedReader(self._counter, buffer_size=1024 * 1024)
        self.strict = strict
        self.on_bad_row = on_bad_row
        self.bad_rows: list[BadRowError] = []
        try:
            self._lines = LineSource(stream, encoding or AUTO)
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
        self.info = TableInfo(
            source=self.name,
            delimiter=chosen,
            encoding=self._lines.encoding,
            header=tuple(header),
            header_line=header_line,
            size=size,
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
        replay = iter(self._buffer[self._start :])
        first_line = self._start + 1

        def physical() -> Iterator[str]:
            yield from replay
            if not self._eof:
                yield from lines

        reader = csv.reader(physical(), delimiter=self.info.delimiter)
        header = self.info.header
        width = len(header)
        end = self._start
        while True:
            start = end + 1
            try:
                values = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                end = first_line - 1 + reader.line_num
                self._bad(f"unreadable CSV ({exc})", start)
                continue
            end = first_line - 1 + reader.line_num
            if not values or (len(values) == 1 and not values[0].strip()):
                continue
            problem = _check(values, width, lines.undecodable, start, end)
            if problem:
                self._bad(problem, start)
                continue
            if len(values) > width:
                values = values[:width]
            self.info.rows_read += 1
            yield Row(self.name, start, tuple(values), header)
        self._finish()

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
) -> Table:
    """Open a CSV/TSV file, ``"-"`` (standard input) or a binary stream for reading.

    ``delimiter`` and ``encoding`` are detected when not given. ``skip_rows`` skips that
    many physical lines before the header; when it is ``None`` the header is the first
    line that has the file's usual number of fields and (if any line does) names one of
    ``known_headers`` (names, or a test on one cell). Raises :class:`InputError` if the
    file cannot be opened.
    """
    return Table(
        source,
        delimiter=delimiter,
        encoding=encoding,
        skip_rows=skip_rows,
        strict=strict,
        on_bad_row=on_bad_row,
        known_headers=known_headers,
    )


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


def _check(values: list[str], width: int, undecodable: set[int], start: int, end: int) -> str:
    if undecodable:
        hit = any(n in undecodable for n in range(start, end + 1))
        undecodable.difference_update([n for n in undecodable if n <= end])  # stay bounded
        if hit:
            return "undecodable bytes (not valid in the file's encoding)"
    if len(values) != width and not (
        len(values) > width and not any(v.strip() for v in values[width:])
    ):
        span = f" (lines {start}-{end}: unbalanced quote?)" if end > start else ""
        return f"expected {width} fields, found {len(values)}{span}"
    return ""
