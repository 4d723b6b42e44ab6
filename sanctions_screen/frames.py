"""Screening DataFrames and Arrow tables: the CLI's screening, in memory.

>>> from sanctions_screen import screen_frame
>>> screened = screen_frame(shipments)                      # doctest: +SKIP
>>> screened[screened.screen_status == "alert"]             # doctest: +SKIP

:func:`screen_frame` takes a pandas or polars DataFrame, :func:`screen_table` a pyarrow
Table. Both detect and map columns the way ``sanctions-screen screen`` does (the same
:class:`~sanctions_screen.tabular.ColumnMapping`, the same workers and record types), and
return every input row, in order, with the input columns untouched and the CLI's
``screen_*`` columns appended, typed: the score is a float, the flags a list of strings.

A row that could not be screened (no name in it, a name of symbols only) is kept, with
``screen_status`` ``"not_screened"`` and the reason in ``screen_explanation``, and a
:class:`NotScreenedWarning` counts them: a DataFrame never loses a row silently.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from sanctions_screen.exceptions import BadRowError, InputError
from sanctions_screen.matching.config import ScreeningConfig
from sanctions_screen.matching.screener import Screener
from sanctions_screen.tabular import headers as H
from sanctions_screen.tabular.arrow import (
    arrow_source,
    require_pyarrow,
    screen_type,
    typed_screen_cells,
)
from sanctions_screen.tabular.batch import BatchRun
from sanctions_screen.tabular.dispatch import AnswerCache
from sanctions_screen.tabular.distinct import DistinctAnswers, distinct_answers
from sanctions_screen.tabular.mapping import RECORD_TYPES, ColumnMapping, RecordType
from sanctions_screen.tabular.results import RowResult
from sanctions_screen.tabular.writer import SCREEN_COLUMNS
from sanctions_screen.unlist.models import SanctionsList

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["NOT_SCREENED", "NotScreenedWarning", "screen_frame", "screen_table"]

NOT_SCREENED = "not_screened"
"""``screen_status`` of a row that could not be screened (the reason is its explanation)."""

Columns = ColumnMapping | Mapping[str, str | Sequence[str]] | None


class NotScreenedWarning(UserWarning):
    """Some rows of a DataFrame could not be screened; they are marked, not dropped."""


def screen_table(
    table: pa.Table,
    *,
    record_type: str = "auto",
    columns: Columns = None,
    config: ScreeningConfig | None = None,
    screener: Screener | None = None,
    sanctions_list: SanctionsList | None = None,
    name: str = "<table>",
) -> pa.Table:
    """``table`` with the ``screen_*`` columns appended (see the module docs).

    ``screener`` is reused as it is (build it once for many tables); otherwise one is
    built for ``sanctions_list``, by default the list ``screen`` would use.
    """
    pa = require_pyarrow()
    if not isinstance(table, pa.Table):
        raise InputError(f"screen_table expects a pyarrow.Table, not {type(table).__name__}")
    return append_screen_columns(
        table,
        record_type=record_type,
        columns=columns,
        config=config,
        screener=screener,
        sanctions_list=sanctions_list,
        name=name,
    )


def append_screen_columns(
    table: pa.Table,
    *,
    record_type: str,
    columns: Columns,
    config: ScreeningConfig | None,
    screener: Screener | None,
    name: str,
    sanctions_list: SanctionsList | None = None,
    first_line: int = 1,
    answer_cache: AnswerCache | None = None,
) -> pa.Table:
    """:func:`screen_table` with the rows' source named ``name`` and numbered from
    ``first_line`` (a row group's place in its file); ``answer_cache`` is a Dask
    worker's, shared by the partitions it screens."""
    pa = require_pyarrow()
    appended = _screen_columns(
        table, record_type, columns, config, screener, sanctions_list, name, first_line,
        answer_cache,
    )  # fmt: skip
    out = table
    for column, values in appended.items():
        out = out.append_column(pa.field(column, screen_type(column)), values)
    return out


def screen_frame(
    df: Any,
    *,
    record_type: str = "auto",
    columns: Columns = None,
    config: ScreeningConfig | None = None,
    screener: Screener | None = None,
    sanctions_list: SanctionsList | None = None,
) -> Any:
    """A pandas or polars DataFrame with the ``screen_*`` columns appended.

    The result is the same kind of DataFrame, with the same index (pandas) and the input
    columns as they were.
    """
    return screen_columns_for_dask(
        df,
        record_type=record_type,
        columns=columns,
        config=config,
        screener=screener,
        sanctions_list=sanctions_list,
        name="<frame>",
    )


def screen_columns_for_dask(
    df: Any,
    *,
    record_type: str,
    columns: Columns,
    config: ScreeningConfig | None,
    screener: Screener | None,
    name: str,
    sanctions_list: SanctionsList | None = None,
    first_line: int = 1,
    answer_cache: AnswerCache | None = None,
) -> Any:
    """:func:`screen_frame` with the rows' source named ``name`` and numbered from
    ``first_line`` (a partition's place in its file); ``answer_cache`` is a Dask
    worker's, shared by the partitions it screens."""
    pa = require_pyarrow()
    kind = _frame_kind(df)
    table = df.to_arrow() if kind == "polars" else pa.Table.from_pandas(df, preserve_index=False)
    appended = _screen_columns(
        table, record_type, columns, config, screener, sanctions_list, name, first_line,
        answer_cache,
    )  # fmt: skip
    if kind == "polars":
        import polars as pl

        return df.with_columns([pl.Series(column, values) for column, values in appended.items()])
    import pandas as pd

    out = df.copy()
    for column, values in appended.items():
        # the flags stay a typed list column (Arrow-backed): an object column of lists is
        # turned into text by Dask's string conversion
        nested = pa.types.is_list(values.type)
        series = values.to_pandas(types_mapper=pd.ArrowDtype if nested else None)
        series.index = out.index
        out[column] = series
    return out


def _frame_kind(df: Any) -> str:
    module = type(df).__module__.split(".")[0]
    if module == "pandas" and type(df).__name__ == "DataFrame":
        return "pandas"
    if module == "polars" and type(df).__name__ == "DataFrame":
        return "polars"
    raise InputError(
        f"screen_frame expects a pandas or polars DataFrame, not {type(df).__name__} "
        "(a pyarrow Table goes to screen_table)"
    )


def _screen_columns(
    table: pa.Table,
    record_type: str,
    columns: Columns,
    config: ScreeningConfig | None,
    screener: Screener | None,
    sanctions_list: SanctionsList | None,
    name: str,
    first_line: int = 1,
    answer_cache: AnswerCache | None = None,
) -> dict[str, pa.Array]:
    """The appended columns for every row of ``table``, in row order."""
    if not table.num_rows:
        return _typed_columns([])
    if screener is not None:
        sanctions_list = screener.sanctions_list
        config = config or screener.config
    elif sanctions_list is None:
        sanctions_list = _default_list()
    problems: dict[int, str] = {}

    def not_screened(error: BadRowError) -> None:
        problems[(error.line or first_line) - first_line] = error.reason

    run = BatchRun(
        [arrow_source(table, name, first_line=first_line)],
        sanctions_list,
        mapping=mapping_for(columns, record_type),
        config=config,
        screener=screener,
        on_bad_row=not_screened,
        answer_cache=answer_cache,
    )
    try:
        found = distinct_answers(run, table)
        if found is None:
            appended, count, shown = _by_row(run, table.num_rows, name, first_line, problems)
        else:
            appended, count, shown = _by_distinct(run, found, name, first_line)
    finally:
        run.close()
    if count:
        listed = "; ".join(f"row {i + first_line}: {reason}" for i, reason in shown)
        warnings.warn(
            f"{count} row(s) could not be screened and are marked {NOT_SCREENED!r} ({listed})",
            NotScreenedWarning,
            stacklevel=3,
        )
    return appended


SHOWN_PROBLEMS = 5
"""Rows not screened named in the warning (all are marked in the result)."""


def _by_row(
    run: BatchRun, rows: int, name: str, first_line: int, problems: dict[int, str]
) -> tuple[dict[str, pa.Array], int, list[tuple[int, str]]]:
    """Screened row by row, as a file is (trade and diplomatic records)."""
    cells: list[list[Any] | None] = [None] * rows
    for result in run:
        cells[result.line - first_line] = typed_screen_cells(result)
    for i in range(rows):
        if cells[i] is None:
            cells[i] = _not_screened_cells(problems.get(i, "not screened"), name, i + first_line)
    shown = list(problems.items())[:SHOWN_PROBLEMS]
    return _typed_columns([c for c in cells if c is not None]), len(problems), shown


def _by_distinct(
    run: BatchRun, found: DistinctAnswers, name: str, first_line: int
) -> tuple[dict[str, pa.Array], int, list[tuple[int, str]]]:
    """Cells worked out once per distinct answer, spread over the rows by Arrow."""
    pa = require_pyarrow()
    import pyarrow.compute as pc

    source = run.tables[0]
    columns = run.bindings[0].describe(source.header)
    kinds: dict[object, int] = {}
    distinct: list[list[Any]] = []
    rejected: list[int] = []
    which: list[int] = []
    for answer in found.answers:  # an outcome repeats as one object: the cache's
        key = answer if isinstance(answer, str) else id(answer)
        at = kinds.get(key)
        if at is None:
            at = kinds[key] = len(distinct)
            if isinstance(answer, str):
                rejected.append(at)
                distinct.append(_not_screened_cells(answer, name, 0))
            else:
                result = RowResult(name, 0, source.header, (), {}, answer, columns=columns)
                distinct.append(typed_screen_cells(result))
        which.append(at)
    per_row = pa.array(which, pa.int32()).take(found.codes)
    rows = len(per_row)
    appended = {}
    for i, column in enumerate(SCREEN_COLUMNS):
        if column == "screen_source":
            appended[column] = pa.repeat(pa.scalar(name, pa.string()), rows)
        elif column == "screen_line":
            appended[column] = pa.array(range(first_line, first_line + rows), pa.int64())
        else:
            values = pa.array([cells[i] for cells in distinct], screen_type(column))
            appended[column] = values.take(per_row)
    if not rejected:
        return appended, 0, []
    marked = pc.is_in(per_row, value_set=pa.array(rejected, pa.int32()))
    explanation_at = SCREEN_COLUMNS.index("screen_explanation")
    shown = [
        (row, distinct[per_row[row].as_py()][explanation_at])
        for row in pc.indices_nonzero(marked)[:SHOWN_PROBLEMS].to_pylist()
    ]
    return appended, int(pc.sum(marked).as_py() or 0), shown


def _not_screened_cells(reason: str, name: str, line: int) -> list[Any]:
    cells: list[Any] = [None] * len(SCREEN_COLUMNS)
    cells[SCREEN_COLUMNS.index("screen_status")] = NOT_SCREENED
    cells[SCREEN_COLUMNS.index("screen_explanation")] = reason
    cells[SCREEN_COLUMNS.index("screen_flags")] = []
    cells[SCREEN_COLUMNS.index("screen_source")] = name
    cells[SCREEN_COLUMNS.index("screen_line")] = line
    return cells


def _typed_columns(cells: list[list[Any]]) -> dict[str, pa.Array]:
    pa = require_pyarrow()
    return {
        column: pa.array([row[i] for row in cells], type=screen_type(column))
        for i, column in enumerate(SCREEN_COLUMNS)
    }


def mapping_for(columns: Columns, record_type: str = "auto") -> ColumnMapping:
    """A :class:`ColumnMapping` from ``columns``, as the CLI's options would make it.

    ``columns`` maps ``"name"`` to the name column(s) of a names list, a party role
    (``consignee``, ``beneficiary_bank``...) to that party's column(s), and any other
    canonical field (``country``, ``dob``, ``hs_codes``, ``consignee_country``...) to
    its column, like ``--name-column``, ``--party`` and ``--column``.
    """
    wanted = _record_type(record_type)
    if isinstance(columns, ColumnMapping):
        if wanted is not None and columns.record_type is None:
            return ColumnMapping(
                record_type=wanted,
                name_columns=columns.name_columns,
                parties=columns.parties,
                columns=columns.columns,
                kind=columns.kind,
            )
        return columns
    names: tuple[str, ...] = ()
    parties: dict[str, tuple[str, ...]] = {}
    fields: dict[str, str] = {}
    roles = _roles(wanted)
    for key, value in (columns or {}).items():
        chosen = (value,) if isinstance(value, str) else tuple(value)
        if key == "name":
            names = chosen
        elif key in roles:
            parties[key] = chosen
        elif len(chosen) == 1:
            fields[key] = chosen[0]
        else:
            raise InputError(f"columns[{key!r}]: only names and parties join several columns")
    return ColumnMapping(record_type=wanted, name_columns=names, parties=parties, columns=fields)


def _record_type(record_type: str) -> RecordType | None:
    if record_type in (None, "", "auto"):
        return None
    for known in RECORD_TYPES:
        if record_type == known:
            return known
    raise InputError(f"record_type must be auto or one of {', '.join(RECORD_TYPES)}")


def _roles(record_type: RecordType | None) -> set[str]:
    types = ("trade", "diplomatic") if record_type in (None, "names") else (record_type,)
    return {role for kind in types for role in H.party_roles(kind)}


def _default_list() -> SanctionsList:
    """The list ``screen`` uses with no ``--list``: the store's active version, else the
    snapshot bundled with the package; what the user must know (the bundled fallback, a
    stale list) is raised as a warning."""
    from sanctions_screen.store.resolve import resolve_list

    resolved = resolve_list()
    for message in resolved.warnings:
        warnings.warn(message, UserWarning, stacklevel=4)
    return resolved.sanctions_list
