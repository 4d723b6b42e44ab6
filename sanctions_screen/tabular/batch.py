"""Screening whole files: streaming, in worker processes, in input order.

>>> run = BatchRun(["shipments.csv"], sanctions_list, workers=2)   # doctest: +SKIP
>>> for result in run:
...     if result.is_alert:
...         print(result.line, result.outcome.matched_name)
>>> run.summary.rows_per_second

Memory stays flat: rows are read one at a time, sent to the workers in chunks, and at most
``workers * 4`` chunks are in flight; results come back in input order.

An optional observer (the audit trail) follows the run: see :mod:`.observer`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import multiprocessing.pool
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, BinaryIO, cast

import sanctions_screen.tabular.worker as worker
from sanctions_screen.exceptions import BadRowError, InputError
from sanctions_screen.matching.config import ScreeningConfig
from sanctions_screen.matching.screener import Screener
from sanctions_screen.tabular.arrow import (
    ArrowSource,
    ParquetResultWriter,
    expand_parquet,
    is_parquet,
    open_parquet,
)
from sanctions_screen.tabular.dispatch import AnswerCache, Dispatcher
from sanctions_screen.tabular.encoding import MAX_LINE
from sanctions_screen.tabular.excel import SheetTable, is_workbook, open_workbook
from sanctions_screen.tabular.excel_writer import XlsxResultWriter
from sanctions_screen.tabular.headers import is_known_header
from sanctions_screen.tabular.mapping import BoundMapping, ColumnMapping
from sanctions_screen.tabular.observer import RunInfo, ScreeningObserver
from sanctions_screen.tabular.reader import MAX_FIELD, BadRowHandler, Row, Table, open_table
from sanctions_screen.tabular.results import RowResult
from sanctions_screen.tabular.summary import NO_LISTED_PARTY, BatchSummary
from sanctions_screen.tabular.writer import ResultWriter, make_writer, merge_headers, open_output
from sanctions_screen.unlist.models import SanctionsList

if TYPE_CHECKING:
    from sanctions_screen.records import Rules

__all__ = [
    "NO_LISTED_PARTY",
    "BatchRun",
    "BatchSummary",
    "RunInfo",
    "ScreeningObserver",
    "screen_file",
    "write_parquet",
    "write_results",
]

CHUNK_ROWS = 500
INFLIGHT_PER_WORKER = 4
CACHE_ROWS = 50_000
DETAIL_CACHE_ROWS = 5_000
"""Distinct names whose outcomes are kept (see :mod:`.dispatch`); fewer of those that
carry a full explanation (a clear one is rebuilt from its inputs, so it counts as light)."""


class BatchRun:
    """One screening run over one or more CSV/TSV inputs (``"-"`` is standard input) or
    ``.xlsx`` workbooks (every sheet, or those named in ``sheets``, each a table).

    Opening reads each input's first lines (encoding, delimiter, header); iterating
    screens the rows and yields a :class:`RowResult` per good row. Bad rows go to
    ``on_bad_row`` (and into :attr:`summary`); with ``strict`` the first one raises
    :class:`BadRowError`. ``detail`` keeps the full explanation in each result (JSON
    Lines). An ``observer`` (the audit trail) gets it for every row but a clear names
    row's (it makes its record of such a row from the row's inputs); ``observed`` says
    that one will be set after :meth:`start`, which forks the workers. ``max_field``
    (characters) and ``max_line`` (bytes) cap a field and a physical line; a longer one
    is a bad row. ``answer_cache`` carries the outcomes of distinct names from one run to
    the next (runs of the same ``screener``, record type and ``screen_detail`` only: a
    Dask worker's partitions).
    """

    def __init__(
        self,
        sources: Sequence[str | Path | BinaryIO | ArrowSource],
        sanctions_list: SanctionsList,
        *,
        mapping: ColumnMapping | None = None,
        config: ScreeningConfig | None = None,
        rules: Rules | None = None,
        delimiter: str | None = None,
        encoding: str | None = None,
        skip_rows: int | None = None,
        strict: bool = False,
        max_field: int = MAX_FIELD,
        max_line: int = MAX_LINE,
        sheets: Sequence[str] = (),
        workers: int = 1,
        detail: bool = False,
        observer: ScreeningObserver | None = None,
        observed: bool = False,
        on_bad_row: BadRowHandler | None = None,
        screener: Screener | None = None,
        answer_cache: AnswerCache | None = None,
    ) -> None:
        self.sanctions_list = sanctions_list
        self.screener = screener
        self.answer_cache = answer_cache
        self.mapping = mapping or ColumnMapping()
        self.config = config
        self.rules = rules
        self.workers = max(1, workers)
        self.detail = detail
        self.screen_detail = detail or observer is not None or observed
        """Whether the workers keep each row's full result (for ``detail`` or an observer)."""
        self.observer = observer
        self._on_bad_row = on_bad_row
        self.summary = BatchSummary()
        self.tables: list[Table | SheetTable | ArrowSource] = []
        self._started = False
        self._stop_reported = False
        self._pool: multiprocessing.pool.Pool | None = None
        self.bindings: list[BoundMapping] = []
        reading = {
            "delimiter": delimiter,
            "encoding": encoding,
            "skip_rows": skip_rows,
            "max_field": max_field,
            "max_line": max_line,
            "sheets": tuple(sheets),
        }
        try:
            self._open(sources, strict=strict, **reading)
        except BaseException:
            self.close()
            raise
        self.summary.inputs = tuple(t.info for t in self.tables)
        for table, binding in zip(self.tables, self.bindings, strict=True):
            self.summary.unscreened_columns += [f"{table.name}: {c}" for c in binding.unscreened]
            self.summary.ignored_columns += [f"{table.name}: {c}" for c in binding.ignored]
        self._table_of = {t.name: t for t in self.tables}
        self._columns_of = {
            t.name: b.describe(t.header) for t, b in zip(self.tables, self.bindings, strict=True)
        }
        self.header = merge_headers([t.header for t in self.tables])
        self.record_type = self.bindings[0].record_type if self.bindings else "names"

    def _open(
        self,
        sources: Sequence[str | Path | BinaryIO | ArrowSource],
        *,
        strict: bool,
        **reading: Any,
    ) -> None:
        sheets = reading.pop("sheets")
        for source in _expand(sources):
            tables: list[Table | SheetTable | ArrowSource]
            if isinstance(source, ArrowSource):
                source.strict, source.on_bad_row = strict, self._bad_row
                tables = [source]
            elif isinstance(source, str | Path) and is_parquet(source):
                tables = [open_parquet(source, strict=strict, on_bad_row=self._bad_row)]
            elif is_workbook(source):
                workbook = reading.copy()
                for option in ("delimiter", "encoding", "max_line"):
                    workbook.pop(option)
                tables = list(
                    open_workbook(
                        str(source),
                        sheets=sheets,
                        strict=strict,
                        on_bad_row=self._bad_row,
                        known_headers=is_known_header,
                        **workbook,
                    )
                )
            else:
                tables = [
                    open_table(
                        source,
                        strict=strict,
                        on_bad_row=self._bad_row,
                        known_headers=is_known_header,
                        **reading,
                    )
                ]
            for table in tables:
                self.tables.append(table)
                self.bindings.append(self.mapping.bind(table.header, table.name))
        if len({b.record_type for b in self.bindings}) > 1:
            found = ", ".join(
                f"{t.name}: {b.record_type}"
                for t, b in zip(self.tables, self.bindings, strict=True)
            )
            raise InputError(
                f"the inputs hold different record types ({found}); screen them "
                "in separate runs or set the record type"
            )

    # progress, for a caller drawing a bar
    @property
    def bytes_read(self) -> int:
        return sum(t.bytes_read for t in self.tables)

    @property
    def total_bytes(self) -> int | None:
        sizes = [t.info.size for t in self.tables]
        return None if any(s is None for s in sizes) else sum(s or 0 for s in sizes)

    def _bad_row(self, error: BadRowError) -> None:
        self.summary.skip(error)
        if self._on_bad_row is not None:
            self._on_bad_row(error)

    def run_info(self) -> RunInfo:
        for table in self.tables:
            if table.info.sha256 is None and table.name != "-" and Path(table.name).is_file():
                table.info.sha256 = worker.file_sha256(Path(table.name))
        return RunInfo(
            started_at=self.summary.started_at,
            inputs=tuple(t.info for t in self.tables),
            list_date_generated=self.sanctions_list.date_generated,
            list_sha256=self.sanctions_list.sha256,
            list_source=self.sanctions_list.source,
            config=worker.config_dict(self.config),
            record_type=self.record_type,
            columns={
                t.name: b.describe(t.header)
                for t, b in zip(self.tables, self.bindings, strict=True)
            },
        )

    def start(self) -> None:
        """Build the screener, or start the worker processes (before any thread starts:
        a caller drawing a progress bar calls this first). Iterating calls it anyway."""
        if self._started:
            return
        self._started = True
        job = worker.Job(
            self.sanctions_list,
            self.config,
            self.record_type,
            self.screen_detail,
            self.rules,
            self.screener,
        )
        if self.workers == 1:
            worker.install(job)
        else:
            self._pool = worker.start_pool(job, self.workers)

    def __iter__(self) -> Iterator[RowResult]:
        self.start()
        started = time.perf_counter()
        self.summary.started_at = dt.datetime.now(dt.UTC)
        if self.observer is not None:
            self.observer.on_start(self.run_info())
        try:
            yield from self._results()
        except BaseException as exc:
            self.stopped(exc)
            raise
        finally:
            self.summary.seconds = time.perf_counter() - started
            self.summary.rows_read = self.summary.rows_screened + self.summary.rows_skipped
            self.close()
        if self.observer is not None:
            self.observer.on_finish(self.summary)

    def stopped(self, error: BaseException) -> None:
        """Tell the observer the run stops early (once). The consumer of the results calls
        this when it fails between two rows (Ctrl-C or SIGTERM while a row is being
        written out): the run is then closed as interrupted at once, not when the
        abandoned generator is collected."""
        if self._stop_reported:
            return
        self._stop_reported = True
        on_error = getattr(self.observer, "on_error", None)
        if callable(on_error):
            on_error(error)

    def dispatcher(self) -> Dispatcher:
        """What sends this run's inputs to the screener (once :meth:`start` has run)."""
        names = self.record_type == "names"
        return Dispatcher(
            self._pool,
            inflight=self.workers * INFLIGHT_PER_WORKER,
            cache_size=CACHE_ROWS if names else 0,
            detail_cache_size=DETAIL_CACHE_ROWS,
            rebuild=worker.clear_detail if names and self.screen_detail else None,
            rebuild_detail=self.detail,
            cache=self.answer_cache,
        )

    def _results(self) -> Iterator[RowResult]:
        observer = self.observer
        for row, values, key, answer in self.dispatcher().run(self._chunks()):
            if isinstance(answer, str):
                self._table_of[row.source].reject(row, answer)
                continue
            result = RowResult(
                row.source,
                row.line,
                row.header,
                row.values,
                values,
                answer,
                columns=self._columns_of[row.source],
                key=key,
            )
            if observer is not None:
                result = observer.on_result(result)
            self.summary.add(result)
            yield result
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None

    def _chunks(self) -> Iterator[tuple[list[Row], list[dict[str, str]]]]:
        rows: list[Row] = []
        inputs: list[dict[str, str]] = []
        for table, binding in zip(self.tables, self.bindings, strict=True):
            for row in table:
                values = binding.inputs(row.values)
                if binding.record_type != "names" and "record_id" not in values:
                    values["record_id"] = f"{Path(row.source).name}:{row.line}"
                problem = binding.missing_name(values)
                if problem:
                    table.reject(row, problem)
                    continue
                rows.append(row)
                inputs.append(values)
                if len(rows) >= CHUNK_ROWS:
                    yield rows, inputs
                    rows, inputs = [], []
        if rows:
            yield rows, inputs

    def close(self) -> None:
        """Close the inputs; stop the workers if the run did not finish."""
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None
        for table in self.tables:
            table.close()


def _expand(
    sources: Sequence[str | Path | BinaryIO | ArrowSource],
) -> Iterator[str | Path | BinaryIO | ArrowSource]:
    """Each source as given, but a Parquet folder or glob as the files it names."""
    for source in sources:
        if isinstance(source, str | Path) and is_parquet(source):
            yield from expand_parquet([source])
        else:
            yield source


WRITTEN_WHEN_ONLY_ALERTS = ("alert", "suppressed")
"""Statuses ``only_alerts`` keeps: a suppressed alert is shown, never dropped silently."""


def write_results(
    run: BatchRun,
    stream: IO[str] | IO[bytes] | str | Path,
    *,
    fmt: str = "csv",
    only_alerts: bool = False,
    on_result: Callable[[RowResult], None] | None = None,
    excel_safe: bool = True,
) -> BatchSummary:
    """Run ``run`` and write each result to ``stream`` as CSV or JSON Lines (a text
    stream), or as an ``.xlsx`` workbook (``fmt="xlsx"``: a path or a binary stream).

    CSV cells a spreadsheet would run as formulas are escaped unless ``excel_safe`` is
    false (see :func:`~sanctions_screen.tabular.writer.neutralise`).

    ``on_result`` sees every result, written or not (a progress bar counts them). An
    observer with ``capture_output`` gets the stream first and may wrap it: the audit
    trail keeps the exact text written rather than rendering every row a second time.
    """
    writer: ResultWriter
    if fmt == "xlsx":  # the audit trail renders the rows as CSV itself
        writer = _held(run, XlsxResultWriter(cast("IO[bytes] | str | Path", stream), run.header))
    else:
        text = cast("IO[str]", stream)
        capture = getattr(run.observer, "capture_output", None)
        if callable(capture):
            text = capture(text)
        writer = make_writer(
            text, "jsonl" if fmt == "jsonl" else "csv", run.header, excel_safe=excel_safe
        )
    _write_all(run, writer, only_alerts, on_result)
    writer.close()
    return run.summary


def write_parquet(
    run: BatchRun,
    path: str | Path,
    *,
    only_alerts: bool = False,
    on_result: Callable[[RowResult], None] | None = None,
) -> BatchSummary:
    """Run ``run`` and write each result to the Parquet file ``path``, typed (see
    :class:`~sanctions_screen.tabular.arrow.ParquetResultWriter`). The input columns keep
    the types of the first Parquet input, if any."""
    schema = next((t.schema for t in run.tables if isinstance(t, ArrowSource)), None)
    writer = _held(run, ParquetResultWriter(path, run.header, schema))
    try:
        _write_all(run, writer, only_alerts, on_result)
    except BaseException:
        with contextlib.suppress(Exception):  # the error that stopped the run is the one
            writer.close()  # a readable file of the rows written out (all in the trail)
        raise
    writer.close()
    return run.summary


def _held(run: BatchRun, writer: ResultWriter) -> ResultWriter:
    """``writer`` as the observer would have it: an observer with ``hold_results`` (the
    audit trail) holds each result back until it is recorded."""
    hold = getattr(run.observer, "hold_results", None)
    return cast(ResultWriter, hold(writer)) if callable(hold) else writer


def _write_all(
    run: BatchRun,
    writer: ResultWriter,
    only_alerts: bool,
    on_result: Callable[[RowResult], None] | None,
) -> None:
    results = iter(run)  # held here: an exception leaving the loop would otherwise close
    try:  # the generator (GeneratorExit) before the observer hears of the exception
        for result in results:
            if not only_alerts or result.status in WRITTEN_WHEN_ONLY_ALERTS:
                writer.write(result)
            if on_result is not None:
                on_result(result)
    except BaseException as exc:
        run.stopped(exc)
        raise


def screen_file(
    sources: Sequence[str | Path | BinaryIO],
    output: str | Path | None,
    sanctions_list: SanctionsList,
    *,
    fmt: str = "csv",
    only_alerts: bool = False,
    excel: bool = False,
    excel_safe: bool = True,
    **options: Any,
) -> BatchSummary:
    """Screen ``sources`` and write the results to ``output`` (``None``: standard output).

    ``options`` are :class:`BatchRun`'s (``mapping``, ``workers``, ``observer``...).

    >>> summary = screen_file(["shipments.csv"], "screened.csv", sanctions_list)  # doctest: +SKIP
    >>> summary.rows_read, summary.alerts, dict(summary.skipped_by_reason)      # doctest: +SKIP
    """
    run = BatchRun(sources, sanctions_list, detail=fmt == "jsonl", **options)
    if fmt == "xlsx":
        if output is None or str(output) == "-":
            raise InputError("an .xlsx output needs a file name")
        return write_results(run, output, fmt=fmt, only_alerts=only_alerts)
    stream = open_output(output, excel=excel)
    try:
        return write_results(run, stream, fmt=fmt, only_alerts=only_alerts, excel_safe=excel_safe)
    finally:
        if stream is not sys.stdout:
            stream.close()
