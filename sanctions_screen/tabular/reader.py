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
from collections import Counter
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from sanctions_screen.exceptions import BadRowError, InputError
from sanctions_screen.tabular.encoding import AUTO, CountingReader, LineSource

STDIN = "-"
DELIMITERS = (",", "\t", ";", "|")
SAMPLE_LINES = 200
SAMPLE_CHARS = 256 * 1024
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


def normalise_header(name: str) -> str:
    """``"Date of Birth "`` -> ``"dateofbirth"``: the form header names are compared in."""
    return "".join(ch for ch in name.casefold() if ch.isalnum())


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
        self._lines = LineSource(stream, encoding or AUTO)
        self.strict = strict
        self.on_bad_row = on_bad_row
        self.bad_rows: list[BadRowError] = []
        sample, self._eof = _take_sample(self._lines)
        chosen = _choose_delimiter(sample, delimiter, self.name)
        self._buffer = sample
        if callable(known_headers):
            is_known = known_headers
        else:
            names = {normalise_header(h) for h in known_headers}
            is_known = lambda cell: normalise_header(cell) in names  # noqa: E731
        header, header_line, start = _find_header(sample, chosen, skip_rows, is_known)
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


def _take_sample(lines: LineSource) -> tuple[list[str], bool]:
    sample: list[str] = []
    chars = 0
    for line in lines:
        sample.append(line)
        chars += len(line)
        if len(sample) >= SAMPLE_LINES or chars >= SAMPLE_CHARS:
            return sample, False
    return sample, True


def _parse_sample(sample: list[str], delimiter: str) -> list[tuple[int, list[str]]]:
    """(start line index, fields) of each record in the sample; stops at a CSV error."""
    reader = csv.reader(iter(sample), delimiter=delimiter)
    out: list[tuple[int, list[str]]] = []
    end = 0
    try:
        for values in reader:
            out.append((end, values))
            end = reader.line_num
    except csv.Error:
        pass
    return out


def _modal_width(records: list[tuple[int, list[str]]]) -> tuple[int, float]:
    widths = Counter(len(v) for _, v in records if any(x.strip() for x in v))
    if not widths:
        return 1, 0.0
    width, count = max(widths.items(), key=lambda kv: (kv[1], kv[0]))
    return width, count / sum(widths.values())


def _choose_delimiter(sample: list[str], given: str | None, name: str) -> str:
    if given:
        return "\t" if given.lower() in ("tab", "\\t") else given
    preferred = "\t" if name.lower().endswith((".tsv", ".tab")) else ","
    order = [preferred] + [d for d in DELIMITERS if d != preferred]
    best, best_score = preferred, 0.0
    for delimiter in order:
        records = _parse_sample(sample, delimiter)
        width, share = _modal_width(records)
        score = share if width >= 2 else 0.0
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _find_header(
    sample: list[str], delimiter: str, skip_rows: int | None, is_known: Callable[[str], bool]
) -> tuple[list[str], int, int]:
    """(header fields, header line number, index of the first line after the header)."""
    if skip_rows is not None:
        records = _parse_sample(sample[skip_rows:], delimiter)
        if not records:
            return [], skip_rows + 1, len(sample)
        after = records[1][0] if len(records) > 1 else len(sample) - skip_rows
        return records[0][1], skip_rows + 1, skip_rows + after
    records = _parse_sample(sample, delimiter)
    if not records:
        return [], 1, len(sample)
    width, _ = _modal_width(records)
    candidates = [i for i, (_, v) in enumerate(records) if len(v) == width and any(v)]
    if not candidates:
        candidates = [0]
    chosen = candidates[0]
    for i in candidates:
        if any(is_known(v) for v in records[i][1] if v.strip()):
            chosen = i
            break
    line_index, header = records[chosen]
    after = records[chosen + 1][0] if chosen + 1 < len(records) else len(sample)
    return header, line_index + 1, after


def _check(values: list[str], width: int, undecodable: set[int], start: int, end: int) -> str:
    if undecodable and any(n in undecodable for n in range(start, end + 1)):
        return "undecodable bytes (not valid in the file's encoding)"
    if len(values) != width and not (
        len(values) > width and not any(v.strip() for v in values[width:])
    ):
        span = f" (lines {start}-{end}: unbalanced quote?)" if end > start else ""
        return f"expected {width} fields, found {len(values)}{span}"
    return ""
