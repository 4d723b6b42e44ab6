"""The observer protocol: how the audit trail (or any caller) follows a batch run.

An observer (for example the audit trail) follows a run through three calls, all made in
the parent process:

``on_start(info: RunInfo)``
    before the first row: inputs (name, size, sha256 of files), list version, config.
``on_result(result: RowResult) -> RowResult``
    for each screened row, before it is written; may return a changed copy, e.g.
    ``result.with_status("suppressed", "false positive #12 by ana")``.
``on_finish(summary: BatchSummary)``
    after the last row: row counts, statuses, and each input's final sha256.
``on_error(error: BaseException)`` (optional: called only if the observer has it)
    the run stopped early (a bad row under ``strict``, Ctrl-C, a closed consumer...);
    ``on_finish`` is then not called.
``capture_output(stream: IO[str]) -> IO[str]`` (optional)
    :func:`~sanctions_screen.tabular.batch.write_results` hands the observer its output
    stream before writing anything and writes to the stream returned (the audit trail
    wraps it to keep the exact text written).
``hold_results(writer: ResultWriter) -> ResultWriter`` (optional)
    for outputs not written as text (Parquet, ``.xlsx``): the writer results go to; the
    audit trail returns one that holds each result back until it is recorded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from sanctions_screen.tabular.reader import TableInfo
from sanctions_screen.tabular.results import RowResult

if TYPE_CHECKING:
    from sanctions_screen.tabular.summary import BatchSummary


@dataclass(frozen=True)
class RunInfo:
    """What an observer learns before the first row."""

    started_at: dt.datetime
    inputs: tuple[TableInfo, ...]
    """``sha256`` is set for files (hashed up front); for standard input it is known at
    the end, in :attr:`BatchSummary.inputs`."""
    list_date_generated: dt.datetime
    list_sha256: str | None
    list_source: str | None
    config: dict[str, Any]
    record_type: str
    columns: dict[str, dict[str, str]]
    """Per input: canonical field -> the column(s) it is read from."""


@runtime_checkable
class ScreeningObserver(Protocol):
    """Follows a batch run; see the module docstring."""

    def on_start(self, info: RunInfo) -> None: ...

    def on_result(self, result: RowResult) -> RowResult: ...

    def on_finish(self, summary: BatchSummary) -> None: ...
