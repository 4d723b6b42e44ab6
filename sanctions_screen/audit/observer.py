"""The audit trail as a batch-screening observer (``tabular.observer.ScreeningObserver``).

Pass an :class:`AuditObserver` to :class:`~sanctions_screen.tabular.batch.BatchRun` and the
run is recorded: inputs and their sha256, the list version, the configuration, every row,
party and alert. Alerts an analyst cleared as false positives come back as ``suppressed``
(or re-opened, when the list entry was amended since). To export the run byte for byte
later, the observer keeps the text the run writes (``capture_output``, which
``write_results`` calls), or, when the rows are not written that way, renders each row
with the same writer the run writes with.

When it keeps the text written, it also decides when that text reaches the file: a row is
written out (and flushed) only once the chunk that records it is committed, so however
the run ends (Ctrl-C, SIGTERM, ``kill -9``, a full disk) the output never holds a row the
trail lacks.
"""

from __future__ import annotations

import atexit
import gc
import hashlib
import io
from collections import deque
from typing import IO, Any, cast

from sanctions_screen.audit import _db
from sanctions_screen.audit._db import HasEngine
from sanctions_screen.audit.extract import clear_party, inputs_key, is_plain_clear, row_input
from sanctions_screen.audit.fingerprint import canonical_json, combined_sha256
from sanctions_screen.audit.models import InputFile
from sanctions_screen.audit.recorder import RunRecorder, RunStart, algorithm_version
from sanctions_screen.exceptions import OutputError, ScreeningError
from sanctions_screen.tabular.observer import RunInfo
from sanctions_screen.tabular.results import STATUSES, RowResult, Status
from sanctions_screen.tabular.summary import BatchSummary
from sanctions_screen.tabular.writer import (
    OutputFormat,
    ResultWriter,
    make_writer,
    merge_headers,
)
from sanctions_screen.unlist.models import SanctionsList

_WRITTEN_WHEN_ONLY_ALERTS = ("alert", "suppressed")


class AuditObserver:
    """Records a batch run in the audit trail and applies earlier review decisions.

    ``fmt``, ``only_alerts`` and ``excel`` must be those the run's output is written with,
    so that :func:`~sanctions_screen.audit.queries.export_run` gives the same bytes back.

    >>> observer = AuditObserver(store, sanctions_list)  # doctest: +SKIP
    >>> summary = screen_file(["shipments.csv"], "out.csv", sanctions_list, observer=observer)
    ... # doctest: +SKIP
    >>> observer.run_id  # doctest: +SKIP
    """

    def __init__(
        self,
        store: HasEngine,
        sanctions_list: SanctionsList | None = None,
        *,
        fmt: str = "csv",
        only_alerts: bool = False,
        excel: bool = False,
        source: str = "library",
        flush_rows: int = 1000,
    ) -> None:
        self._store = store
        self._list = sanctions_list
        self._fmt: OutputFormat = "jsonl" if fmt == "jsonl" else "csv"
        self._only_alerts = only_alerts
        self._excel = excel
        self._source = source
        self._recorder = RunRecorder(store, flush_rows=flush_rows, background=True)
        self._buffer = io.StringIO()
        self._writer: ResultWriter | None = None
        self._hash = hashlib.sha256()
        self._froze = False
        self._captured: list[str] | None = None
        self.extra_counts: dict[str, Any] = {}
        """Recorded with the run's counts (a cluster run's clear rows and output files)."""
        self._stream: IO[str] | None = None
        self._written_rows = 0
        self._closed = False
        self._names = False

    @property
    def run_id(self) -> int | None:
        """The recorded run's id, once the run has started."""
        return self._recorder.run_id

    def on_start(self, info: RunInfo) -> None:
        self._names = info.record_type == "names"
        version_id = self._version_id(info.list_sha256)
        if self._list is None:
            self._list = self._load(version_id)
        if self._captured is None:
            header_columns = merge_headers([t.header for t in info.inputs])
            self._writer = make_writer(self._buffer, self._fmt, header_columns)
        header_text = self._take_text()
        header = self._encode(header_text, bom=self._excel)
        inputs = [InputFile(path=t.source, sha256=t.sha256, size_bytes=t.size) for t in info.inputs]
        atexit.register(self._abandoned)
        self._freeze()
        self._recorder.start(
            RunStart(
                algorithm_version=algorithm_version(),
                inputs=inputs,
                input_sha256=_input_sha256(inputs),
                list_version_id=version_id,
                list_date_generated=info.list_date_generated.isoformat(),
                list_sha256=info.list_sha256,
                list_schema_fields=self._list.schema_fields if self._list else frozenset(),
                config_json=canonical_json(info.config),
                source=self._source,
                output_format=self._fmt,
                output_header=header,
            )
        )
        if self._captured is not None:  # what was written up to the previous row
            self._recorder.collect_output = lambda: self._take(bom=False)
        if self._stream is not None:
            self._recorder.on_written = self._release
            try:
                self._release(header_text.encode("utf-8"), 0)
            except OutputError as exc:
                atexit.unregister(self._abandoned)
                self._recorder.abandon(_describe(exc))
                raise

    def on_result(self, result: RowResult) -> RowResult:
        if self._names and is_plain_clear(result):  # most rows: nothing to judge
            self._recorder.add_clear(
                result.source,
                result.line,
                result.header,
                result.values,
                result.key or inputs_key(result.inputs),
                lambda: clear_party(result),
                self._render(result) if self._captured is None else b"",
            )
            return result
        row = row_input(result, self._list)
        verdict = self._recorder.judge(row)
        if verdict.status != result.status:
            result = result.with_status(_status(verdict.status), verdict.note)
        elif verdict.note:
            result = result.with_status(result.status, verdict.note)
        if self._captured is None:
            row.output = self._render(result)
        self._recorder.add(row, verdict)
        return result

    def capture_output(self, stream: IO[str]) -> IO[str]:
        """Keep the text the run writes to ``stream`` (``write_results`` calls this before
        writing), so the exact bytes written are recorded without rendering each row
        again: rendering was about a sixth of the recording's cost."""
        self._captured = []
        self._stream = stream
        return cast(IO[str], _Tee(stream, self._captured))

    def hold_results(self, writer: ResultWriter) -> ResultWriter:
        """Hold each result back from ``writer`` (Parquet, ``.xlsx``: outputs the trail
        renders rather than captures) until the chunk that records it is committed. On
        close it writes out what the trail holds: every row of a finished run, the
        recorded ones of a run that stopped."""
        held = _Held(writer, self._recorder)
        self._recorder.on_written = held.committed
        return held

    def _release(self, output: bytes, rows: int) -> None:
        """Write out what the trail now holds (on the recorder's writer thread, the only
        one that writes to the stream once the run has started)."""
        if self._stream is None or not output:
            self._written_rows = rows
            return
        try:
            self._stream.write(output.decode("utf-8"))
            self._stream.flush()
        except OSError as exc:
            name = getattr(self._stream, "name", "the output")
            raise OutputError(
                f"cannot write {name}: {exc.strerror or exc}; the rows screened after row "
                f"{self._written_rows:,} could not be written (the audit trail of run "
                f"{self.run_id} holds {rows:,} rows: `sanctions-screen runs export "
                f"{self.run_id}` writes them out)"
            ) from exc
        self._written_rows = rows

    def on_finish(self, summary: BatchSummary) -> None:
        inputs = [
            InputFile(path=t.source, sha256=t.sha256, size_bytes=t.size, rows=t.rows_read)
            for t in summary.inputs
        ]
        counts = {
            "rows_read": summary.rows_read,
            "rows_screened": summary.rows_screened,
            "rows_skipped": summary.rows_skipped,
            "skipped_by_reason": dict(summary.skipped_by_reason),
            "statuses": dict(summary.statuses),
            "alerts_by_flag": dict(summary.alerts_by_flag),
            "alerts_by_regime": dict(summary.alerts_by_regime),
            "seconds": round(summary.seconds, 3),
            # what the run did not screen, and the columns the user chose not to screen
            "not_screened": summary.not_screened,
            "unscreened_columns": list(summary.unscreened_columns),
            "ignored_columns": list(summary.ignored_columns),
            **self.extra_counts,
        }
        atexit.unregister(self._abandoned)
        self._closed = True
        try:
            if self._captured is not None:
                self._recorder.add_output(self._take(bom=False))
            run_id = self._recorder.finish(counts, output_sha256=self._hash.hexdigest())
            _db.write(self._store, lambda s: _update_inputs(s, run_id, inputs))
        except BaseException as exc:
            self._recorder.abandon(_describe(exc), interrupted=_interrupted(exc))
            raise
        finally:
            self._thaw()

    def on_error(self, error: BaseException) -> None:
        """The run stops early: keep the rows screened so far and close the run, marked
        ``interrupted`` (Ctrl-C, SIGTERM) or ``failed``."""
        self._thaw()
        atexit.unregister(self._abandoned)
        if self._recorder.run_id is None or self._closed:
            return
        self._closed = True
        if self._captured is not None:
            self._recorder.add_output(self._take(bom=False))
        self._recorder.abandon(_describe(error), interrupted=_interrupted(error))

    def _freeze(self) -> None:
        """Keep the cyclic collector off what is alive when the run starts (the list, the
        screener, the modules) for the length of the run.

        Recording allocates several objects per row (row, parties, alerts, dicts for the
        inserts), enough to trigger full collections that each walk the whole heap: on a
        20,000-row run they took about a quarter of the recording overhead. A host that
        froze its heap itself is left alone."""
        if not gc.get_freeze_count():
            gc.freeze()
            self._froze = True

    def _thaw(self) -> None:
        if self._froze:
            self._froze = False
            gc.unfreeze()

    def _abandoned(self) -> None:
        """At exit without ``on_finish`` (a fatal error, --strict, Ctrl-C): keep the rows
        screened so far and mark the run failed rather than leave it "running"."""
        self._thaw()
        if self._recorder.run_id is not None and not self._closed:
            self._closed = True
            if self._captured is not None:
                self._recorder.add_output(self._take(bom=False))
            self._recorder.abandon("the run ended before its last row")

    def _render(self, result: RowResult) -> bytes:
        if self._writer is None:
            return b""
        if self._only_alerts and result.status not in _WRITTEN_WHEN_ONLY_ALERTS:
            return b""
        self._writer.write(result)
        return self._take(bom=False)

    def _take(self, *, bom: bool) -> bytes:
        return self._encode(self._take_text(), bom=bom)

    def _take_text(self) -> str:
        if self._captured is not None:
            text = "".join(self._captured)
            self._captured.clear()
        else:
            text = self._buffer.getvalue()
            self._buffer.seek(0)
            self._buffer.truncate()
        return text

    def _encode(self, text: str, *, bom: bool) -> bytes:
        data = text.encode("utf-8-sig" if bom else "utf-8")
        self._hash.update(data)
        return data

    def _version_id(self, sha256: str | None) -> int | None:
        versions = getattr(self._store, "versions", None)
        if sha256 is None or not callable(versions):
            return None
        for version in versions():
            if getattr(version, "sha256", None) == sha256:
                return int(version.id)
        return None

    def _load(self, version_id: int | None) -> SanctionsList | None:
        load = getattr(self._store, "load_version", None)
        if version_id is None or not callable(load):
            return None
        loaded = load(version_id)
        return loaded if isinstance(loaded, SanctionsList) else None


class _Tee:
    """Stands for the output stream: keeps what is written, which the observer writes out
    once the trail holds it."""

    def __init__(self, stream: IO[str], kept: list[str]) -> None:
        self._stream = stream
        self._kept = kept

    def write(self, text: str) -> int:
        self._kept.append(text)
        return len(text)

    def flush(self) -> None:
        """Flushes the stream: the writer's ``close`` comes after the run has finished and
        everything kept was written out."""
        try:
            self._stream.flush()
        except OSError as exc:
            name = getattr(self._stream, "name", "the output")
            raise OutputError(f"cannot write {name}: {exc.strerror or exc}") from exc

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class _Held:
    """A result writer that writes a result only once the trail holds its row.

    The results are written on the recorder's writer thread, after each commit, as the
    text outputs are: a signal (Ctrl-C, SIGTERM) raised in the main thread must not stop
    a row halfway into the writer, which dropped a row from the middle of a Parquet file
    in 2 of 32 faults. ``close`` writes what is left once the writer thread has stopped
    (after the run finished, or stopped)."""

    def __init__(self, writer: ResultWriter, recorder: RunRecorder) -> None:
        self._writer = writer
        self._recorder = recorder
        self._pending: deque[tuple[int, RowResult]] = deque()

    def write(self, result: RowResult) -> None:
        # the observer added the row before it was handed out to be written
        self._pending.append((self._recorder.rows_added, result))

    def committed(self, _output: bytes, rows: int) -> None:
        """The recorder's ``on_written``: the trail now holds ``rows`` rows."""
        pending = self._pending
        while pending and pending[0][0] <= rows:
            self._writer.write(pending[0][1])
            pending.popleft()

    def close(self) -> None:
        self.committed(b"", self._recorder.rows_committed)
        self._writer.close()


def _interrupted(error: BaseException) -> bool:
    return isinstance(error, KeyboardInterrupt)


def _describe(error: BaseException) -> str:
    """Why the run ended early, for its record."""
    if isinstance(error, KeyboardInterrupt):
        signum = getattr(error, "signum", None)
        return f"interrupted by {_signal_name(signum) if signum else 'Ctrl-C (SIGINT)'}"
    if isinstance(error, ScreeningError):
        return f"stopped: {error}"
    if isinstance(error, GeneratorExit):
        return "the caller stopped reading results before the last row"
    return f"stopped: {type(error).__name__}: {error}"


def _signal_name(signum: int) -> str:
    import signal

    try:
        return signal.Signals(signum).name
    except ValueError:
        return f"signal {signum}"


def _status(value: str) -> Status:
    for status in STATUSES:
        if status == value:
            return status
    return "alert"


def _input_sha256(inputs: list[InputFile]) -> str | None:
    hashes = [i.sha256 for i in inputs]
    if any(h is None for h in hashes):
        return None
    return combined_sha256(h for h in hashes if h is not None)


def _update_inputs(session: Any, run_id: int, inputs: list[InputFile]) -> None:
    """Input hashes known only at the end (standard input) and row counts."""
    from sanctions_screen.store.audit_tables import AuditRun

    run = session.get(AuditRun, run_id)
    if run is not None:
        run.inputs_json = canonical_json([i.model_dump() for i in inputs])
        run.input_sha256 = _input_sha256(inputs)
