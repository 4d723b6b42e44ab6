"""Arrow inputs and outputs: Parquet files, Arrow tables and DataFrames screened like CSV.

An :class:`ArrowSource` hands a screening run the rows of Arrow record batches, one
:class:`~sanctions_screen.tabular.reader.Row` at a time, exactly as a CSV
:class:`~sanctions_screen.tabular.reader.Table` does: every value becomes the text a CSV
export of it would hold (a null is an empty cell), so the same column mapping, workers,
audit trail and writers apply, and a Parquet file gives the answers its CSV export gives.
A Parquet file is read by record batches within row groups, so memory stays bounded
whatever its size. ``Row.line`` is the 1-based row number in the file.

:class:`ParquetResultWriter` writes results back with types: the input columns keep their
Arrow types where a value round-trips through text (numbers, booleans, dates, times), the
score is a float, the flags a list of strings, the line an integer.

pyarrow is an optional dependency (``pip install "sanctions-screen[parquet]"``).
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sanctions_screen.exceptions import BadRowError, InputError
from sanctions_screen.tabular.reader import BadRowHandler, Row, TableInfo
from sanctions_screen.tabular.results import RowResult
from sanctions_screen.tabular.writer import SCREEN_COLUMNS

if TYPE_CHECKING:
    import pyarrow as pa

PARQUET_MAGIC = b"PAR1"
BATCH_ROWS = 65_536
"""Rows per record batch read from Parquet, and per row group written."""


def require_pyarrow() -> Any:
    """The pyarrow module, or an :class:`InputError` that says how to install it."""
    try:
        import pyarrow
    except ImportError as exc:
        raise InputError(
            'Parquet and DataFrames need pyarrow: pip install "sanctions-screen[parquet]"'
        ) from exc
    return pyarrow


def is_parquet(path: str | Path) -> bool:
    """A ``.parquet`` file, a folder of them, a glob of them, or a file starting ``PAR1``."""
    text = str(path)
    if text == "-":
        return False
    if any(ch in text for ch in "*?["):
        return text.endswith((".parquet", ".parq", ".pq")) or text.endswith("*")
    if Path(text).is_dir():
        return True
    if text.endswith((".parquet", ".parq", ".pq")):
        return True
    try:
        with open(text, "rb") as handle:
            return handle.read(4) == PARQUET_MAGIC
    except OSError:
        return False


def expand_parquet(paths: Sequence[str | Path]) -> list[Path]:
    """Files named by ``paths``: files as given, folders and globs expanded, sorted.

    A folder or glob that names no Parquet file is an :class:`InputError`: an empty
    partition pattern must not pass for a screened data set.
    """
    out: list[Path] = []
    for item in paths:
        text = str(item)
        if any(ch in text for ch in "*?["):
            found = sorted(Path(p) for p in glob.glob(text, recursive=True) if Path(p).is_file())
        elif Path(text).is_dir():
            found = sorted(
                p
                for p in Path(text).rglob("*")
                if p.is_file() and p.suffix in {".parquet", ".parq", ".pq"}
            )
        else:
            found = [Path(text)]
        if not found:
            raise InputError(f"{text}: no Parquet file found")
        out.extend(found)
    return out


class ArrowSource:
    """Rows of Arrow record batches, read as a screening run reads a CSV table.

    ``batches`` is consumed once, lazily. ``size`` (bytes) and ``total_rows`` feed the
    progress bar; ``sha256`` is the input's hash when known (a run works it out for a
    file path that has none). Rows are numbered from ``first_line`` (a slice of a file
    keeps the file's row numbers).
    """

    def __init__(
        self,
        name: str,
        schema: pa.Schema,
        batches: Iterable[pa.RecordBatch],
        *,
        size: int | None = None,
        total_rows: int | None = None,
        sha256: str | None = None,
        strict: bool = False,
        on_bad_row: BadRowHandler | None = None,
        first_line: int = 1,
    ) -> None:
        self.name = name
        self.first_line = first_line
        self.schema = schema
        self._batches = batches
        self._total_rows = total_rows
        self.strict = strict
        self.on_bad_row = on_bad_row
        self.bad_rows: list[BadRowError] = []
        header = tuple(str(n) for n in schema.names)
        if not header:
            raise InputError(f"{name}: no columns")
        self.info = TableInfo(
            source=name,
            delimiter="",
            encoding="arrow",
            header=header,
            header_line=0,
            size=size,
            sha256=sha256,
        )
        self._rows_done = 0

    @property
    def header(self) -> tuple[str, ...]:
        return self.info.header

    @property
    def bytes_read(self) -> int:
        size, total = self.info.size, self._total_rows
        if not size or not total:
            return 0
        return size * self._rows_done // total

    def __iter__(self) -> Iterator[Row]:
        header = self.info.header
        name = self.name
        line = self.first_line - 1
        for batch in self._batches:
            columns = [as_text(batch.column(i)) for i in range(batch.num_columns)]
            for values in zip(*columns, strict=True):
                line += 1
                self._rows_done += 1
                self.info.rows_read += 1
                yield Row(name, line, values, header)
        self.info.bytes_read = self.info.size or 0

    def reject(self, row: Row, reason: str) -> None:
        """Report a row the caller cannot use (e.g. no name): counted, never silent."""
        self.info.rows_read -= 1
        self.info.rows_skipped += 1
        error = BadRowError(reason, source=self.name, line=row.line)
        if self.strict:
            raise error
        if self.on_bad_row is None:
            self.bad_rows.append(error)
        else:
            self.on_bad_row(error)

    def close(self) -> None:
        """Nothing to release: the batches' owner closes the file."""


def arrow_source(table: pa.Table, name: str = "<table>", **options: Any) -> ArrowSource:
    """An :class:`ArrowSource` over an in-memory Arrow table."""
    return ArrowSource(
        name,
        table.schema,
        table.to_batches(max_chunksize=BATCH_ROWS),
        total_rows=table.num_rows,
        **options,
    )


def open_parquet(path: str | Path, **options: Any) -> ArrowSource:
    """A streaming :class:`ArrowSource` over one Parquet file (row group by row group)."""
    require_pyarrow()
    import pyarrow.parquet as pq

    text = str(path)
    try:
        parquet = pq.ParquetFile(text)
    except (OSError, ValueError) as exc:  # pyarrow's ArrowInvalid is a ValueError
        raise InputError(f"cannot read {text} as Parquet: {exc}") from exc
    return ArrowSource(
        text,
        parquet.schema_arrow,
        _batches(parquet, text),
        size=os.path.getsize(text),
        total_rows=parquet.metadata.num_rows,
        **options,
    )


def _batches(parquet: Any, name: str) -> Iterator[pa.RecordBatch]:
    try:
        yield from parquet.iter_batches(batch_size=BATCH_ROWS)
    except (OSError, ValueError) as exc:
        raise InputError(f"{name}: unreadable Parquet data: {exc}") from exc
    finally:
        parquet.close()


def as_text(column: pa.Array | pa.ChunkedArray) -> list[str]:
    """A column's values as the text a CSV export holds; a null is ``""``."""
    return text_array(column).to_pylist()  # type: ignore[no-any-return]


def text_array(column: pa.Array | pa.ChunkedArray) -> pa.Array:
    """:func:`as_text` as one Arrow string array (no nulls), for Arrow's kernels."""
    pa = require_pyarrow()
    import pyarrow.compute as pc

    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    kind = column.type
    if pa.types.is_string(kind) or pa.types.is_large_string(kind):
        text = column
    elif pa.types.is_dictionary(kind):
        text = pc.cast(column, pa.string())
    elif _nested(kind):
        nested = ["" if v is None else _nested_text(v) for v in column.to_pylist()]
        return pa.array(nested, pa.string())
    else:
        try:
            text = pc.cast(column, pa.string())
        except (pa.ArrowNotImplementedError, pa.ArrowInvalid):
            plain = ["" if v is None else str(v) for v in column.to_pylist()]
            return pa.array(plain, pa.string())
    return pc.fill_null(text, "")


def _nested(kind: Any) -> bool:
    pa = require_pyarrow()
    return bool(
        pa.types.is_list(kind)
        or pa.types.is_large_list(kind)
        or pa.types.is_struct(kind)
        or pa.types.is_map(kind)
    )


def _nested_text(value: object) -> str:
    if isinstance(value, list | tuple):
        return "; ".join("" if v is None else str(v) for v in value)
    return str(value)


class ParquetResultWriter:
    """Input columns then :data:`SCREEN_COLUMNS`, written as typed Parquet row groups.

    ``input_schema`` (the first input's) gives the input columns their types back; a
    column whose text does not convert back cleanly is written as text.
    """

    def __init__(
        self,
        path: str | Path,
        header: Sequence[str],
        input_schema: pa.Schema | None = None,
        *,
        rows_per_group: int = BATCH_ROWS,
    ) -> None:
        pa = require_pyarrow()
        import pyarrow.parquet as pq

        self.path = str(path)
        self._header = tuple(header)
        self._rows_per_group = rows_per_group
        self._input_types = _input_types(self._header, input_schema)
        fields = [pa.field(n, self._input_types.get(n, pa.string())) for n in self._header]
        fields += [pa.field(n, screen_type(n)) for n in SCREEN_COLUMNS]
        self.schema = pa.schema(fields)
        self._columns: list[list[Any]] = [[] for _ in fields]
        try:
            self._writer = pq.ParquetWriter(self.path, self.schema)
        except OSError as exc:
            raise InputError(f"cannot write {self.path}: {exc.strerror or exc}") from exc
        self.rows_written = 0

    def write(self, result: RowResult) -> None:
        if result.header is self._header or result.header == self._header:
            values: Sequence[str] = result.values
        else:
            by_name = dict(zip(result.header, result.values, strict=True))
            values = [by_name.get(name, "") for name in self._header]
        cells = list(values)
        cells.extend(typed_screen_cells(result))
        for column, cell in zip(self._columns, cells, strict=True):
            column.append(cell)
        if len(self._columns[0]) >= self._rows_per_group:
            self._flush()

    def _flush(self) -> None:
        pa = require_pyarrow()
        if not self._columns or not self._columns[0]:
            return
        arrays = []
        for field, values in zip(self.schema, self._columns, strict=True):
            arrays.append(_typed_array(field.type, values))
        self._writer.write_table(pa.Table.from_arrays(arrays, schema=self.schema))
        self.rows_written += len(self._columns[0])
        self._columns = [[] for _ in self._columns]

    def close(self) -> None:
        self._flush()
        self._writer.close()


def screen_type(column: str) -> pa.DataType:
    """The Arrow type of one appended ``screen_*`` column."""
    pa = require_pyarrow()
    if column == "screen_score":
        return pa.float64()
    if column == "screen_flags":
        return pa.list_(pa.string())
    if column == "screen_line":
        return pa.int64()
    return pa.string()


def typed_screen_cells(result: RowResult) -> list[Any]:
    """The appended columns' values with their types: score float (or None), flags a
    list, line an int; the rest as the CSV writes them."""
    cells: list[Any] = list(result.screen_cells())
    for i, column in enumerate(SCREEN_COLUMNS):
        if column == "screen_score":
            cells[i] = result.outcome.score
        elif column == "screen_flags":
            cells[i] = list(result.outcome.flags)
        elif column == "screen_line":
            cells[i] = result.line
    return cells


def _input_types(header: Sequence[str], schema: pa.Schema | None) -> dict[str, Any]:
    if schema is None:
        return {}
    pa = require_pyarrow()
    out: dict[str, Any] = {}
    for name in header:
        index = schema.get_field_index(name)
        if index < 0:
            continue
        kind = schema.field(index).type
        if pa.types.is_dictionary(kind):
            kind = kind.value_type
        if _nested(kind) or pa.types.is_binary(kind) or pa.types.is_large_binary(kind):
            continue  # written as their text
        out[name] = kind
    return out


def _typed_array(kind: pa.DataType, values: list[Any]) -> pa.Array:
    pa = require_pyarrow()
    if pa.types.is_string(kind) or not values or not isinstance(values[0], str):
        return pa.array(values, type=kind)
    text = pa.array([None if v == "" else v for v in values], type=pa.string())
    try:
        return text.cast(kind)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
        raise InputError(f"a value of type {kind} did not convert back from text: {exc}") from exc


class RowsSource(ArrowSource):
    """Rows already read (each with its own source and line), as one input: the rows a
    cluster flagged, screened again here to be recorded with their full explanation."""

    def __init__(self, info: TableInfo, rows: Sequence[Row], **options: Any) -> None:
        pa = require_pyarrow()
        schema = pa.schema([pa.field(n, pa.string()) for n in info.header])
        super().__init__(info.source, schema, (), size=info.size, sha256=info.sha256, **options)
        self.info = info
        self._rows = rows

    def __iter__(self) -> Iterator[Row]:
        for row in self._rows:
            self._rows_done += 1
            self.info.rows_read += 1
            yield row
