"""Recording a screening run: the run, every row, every party and every alert.

:class:`RunRecorder` is the library-level writer; :class:`AuditObserver` (in
``audit/observer.py``) adapts it to the batch screening observer protocol. Rows are
buffered and written in short transactions (``flush_rows`` at a time) so that several
runs can write to one SQLite database at once.

Each transaction writes one compressed chunk holding every buffered row
(``audit/chunks.py``), the parties first seen in it (a party is kept once per run), and
only for the rows that are more than clear a row of their own with their result and
alerts: a clear row costs no database row at all.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, cast

from sqlalchemy import Table, insert, select, update
from sqlalchemy.orm import Session

from sanctions_screen._version import __version__
from sanctions_screen.audit import _db
from sanctions_screen.audit._db import StoreLike
from sanctions_screen.audit.chunks import ChunkBuilder
from sanctions_screen.audit.fingerprint import (
    alert_key,
    canonical_json,
    config_hash,
    entry_fingerprint,
    party_fingerprint,
)
from sanctions_screen.audit.lease import Heartbeat, this_host
from sanctions_screen.audit.models import InputFile
from sanctions_screen.audit.suppression import (
    OPEN,
    Evidence,
    SuppressionIndex,
    Thresholds,
    Verdict,
)
from sanctions_screen.exceptions import AuditError, ScreeningError
from sanctions_screen.matching import screener as matcher_module
from sanctions_screen.resources import DATA_PACKAGE
from sanctions_screen.store.audit_tables import (
    ALERT_REOPENED,
    ALERT_SUPPRESSED,
    KIND_FLAG,
    KIND_MATCH,
    RUN_COMPLETED,
    RUN_FAILED,
    RUN_INTERRUPTED,
    RUN_RUNNING,
    AuditAlert,
    AuditChunk,
    AuditParty,
    AuditRow,
    AuditRun,
)
from sanctions_screen.store.base import Base
from sanctions_screen.unlist.models import ListEntry


@dataclass
class PartyInput:
    """A party as it was screened: its role, name and normalised screening input."""

    name: str
    role: str | None = None
    query: dict[str, Any] = field(default_factory=dict)


@dataclass
class AlertInput:
    """One alert of a row: a party against a list entry, or a record-level flag."""

    kind: str
    summary: str = ""
    party: int | None = None
    """Index into :attr:`RowInput.parties`."""
    reference_number: str | None = None
    list_type: str | None = None
    regime: str | None = None
    matched_name: str | None = None
    score: float | None = None
    flag: str | None = None
    flags: list[dict[str, Any]] = field(default_factory=list)
    evidence: dict[str, Any] = field(default_factory=dict)
    entry: ListEntry | None = None
    subject: str | None = None
    """For a flag alert: the record fingerprint it belongs to."""


@dataclass
class RowInput:
    """One screened row, ready to record."""

    status: str
    source: str | None = None
    line: int | None = None
    flags: list[Any] = field(default_factory=list)
    input: dict[str, Any] = field(default_factory=dict)
    result: dict[str, Any] = field(default_factory=dict)
    record_fingerprint: str | None = None
    parties: list[PartyInput] = field(default_factory=list)
    alerts: list[AlertInput] = field(default_factory=list)
    output: bytes | None = None


@dataclass(frozen=True)
class RowVerdict:
    """What the audit trail made of a row: its status and one verdict per alert."""

    status: str
    verdicts: tuple[Verdict, ...]
    note: str = ""


@dataclass
class RunStart:
    """Everything that identifies a run before its first row."""

    algorithm_version: str
    inputs: Sequence[InputFile] = ()
    input_sha256: str | None = None
    list_version_id: int | None = None
    list_date_generated: str | None = None
    list_sha256: str | None = None
    list_schema_fields: frozenset[str] = frozenset()
    config_json: str = "{}"
    source: str = "library"
    output_format: str | None = None
    output_header: bytes | None = None


class RunRecorder:
    """Writes one run to the audit trail.

    >>> recorder = RunRecorder(store)  # doctest: +SKIP
    >>> run_id = recorder.start(RunStart(algorithm_version=algorithm_version()))  # doctest: +SKIP
    >>> recorder.add(RowInput(status="clear", input={"name": "ACME"}))  # doctest: +SKIP
    >>> recorder.finish({"rows": 1})  # doctest: +SKIP
    """

    def __init__(
        self, store: StoreLike, *, flush_rows: int = 1000, background: bool = False
    ) -> None:
        self._store = store
        self._flush_rows = max(1, flush_rows)
        self._writer: ThreadPoolExecutor | None = None
        if background and _db.thread_safe(store):
            self._writer = ThreadPoolExecutor(1, thread_name_prefix="audit-writer")
        self._pending: Future[None] | None = None
        self._chunk = ChunkBuilder()
        self._flagged: list[_Flagged] = []
        self._parties = _PartyNumbers()
        self._position = 0
        self.run_id: int | None = None
        self._index: SuppressionIndex | None = None
        self._schema: frozenset[str] = frozenset()
        self._thresholds: Thresholds | None = None
        self._committed = 0
        self._broken = False
        self._heartbeat: Heartbeat | None = None
        self.collect_output: Callable[[], bytes] | None = None
        """Called (on the caller's thread) before each chunk is written: the output bytes
        written since the previous call, which go with the chunk (the observer captures
        the run's output as it is written, and hands it over a chunk at a time)."""
        self.on_written: Callable[[bytes, int], None] | None = None
        """Called (on the writer thread) after each chunk is committed, with the output
        bytes it holds and the number of rows now in the trail: the observer writes those
        bytes out then, so a file never holds a row the trail lacks."""

    @property
    def rows_committed(self) -> int:
        """Rows in the trail (committed); ``row_count`` never claims more."""
        return self._committed

    @property
    def rows_added(self) -> int:
        """Rows added so far, committed or not."""
        return self._position

    def start(self, start: RunStart) -> int:
        def work(session: Session) -> int:
            run = AuditRun(
                status=RUN_RUNNING,
                source=start.source,
                started_at=_db.now(),
                inputs_json=canonical_json([i.model_dump() for i in start.inputs]),
                input_sha256=start.input_sha256,
                row_count=0,
                list_version_id=start.list_version_id,
                list_date_generated=start.list_date_generated,
                list_sha256=start.list_sha256,
                list_schema_json=canonical_json(sorted(start.list_schema_fields)),
                config_json=start.config_json,
                config_hash=config_hash(start.config_json),
                algorithm_version=start.algorithm_version,
                counts_json="{}",
                output_format=start.output_format,
                output_header=start.output_header,
                heartbeat_at=_db.now(),
                pid=os.getpid(),
                host=this_host(),
            )
            session.add(run)
            session.flush()
            return run.id

        self._schema = frozenset(start.list_schema_fields)
        self._thresholds = Thresholds.from_config(json.loads(start.config_json or "{}"))
        self.run_id = _db.write(self._store, work)
        if _db.thread_safe(self._store):
            self._heartbeat = Heartbeat(self._store, self.run_id)
        return self.run_id

    def judge(self, row: RowInput) -> RowVerdict:
        """Apply earlier false-positive decisions to the row's alerts."""
        if self._index is None:
            schema, bands = self._schema, self._thresholds
            self._index = _db.read(self._store, lambda s: SuppressionIndex.load(s, schema, bands))
        if not row.alerts:  # most rows: nothing to judge
            return RowVerdict(_row_status(row.status, ()), ())
        verdicts = tuple(_verdict(self._index, row, a) for a in row.alerts)
        return RowVerdict(_row_status(row.status, verdicts), verdicts, _note(row, verdicts))

    def add(self, row: RowInput, verdict: RowVerdict | None = None) -> RowVerdict:
        """Judge (unless already judged) and buffer one row; returns the verdict."""
        if self.run_id is None:
            raise AuditError("RunRecorder.add() before start()")
        verdict = verdict or self.judge(row)
        numbers = [self._parties.number(party) for party in row.parties]
        self._chunk.add(
            row.source, row.line, verdict.status, row.flags, row.input, numbers, row.output or b""
        )
        if row.alerts or row.result or verdict.status != "clear":
            self._flagged.append(_Flagged(self._position, row, verdict, numbers))
        self._position += 1
        if len(self._chunk) >= self._flush_rows:
            self._write_buffered()
        return verdict

    def add_clear(
        self,
        source: str | None,
        line: int | None,
        header: tuple[str, ...],
        values: Sequence[Any],
        party_key: bytes,
        party: Callable[[], PartyInput | None],
        output: bytes = b"",
    ) -> None:
        """Buffer a plain clear row: no flags, no alerts, nothing to judge, one party (or
        none). ``header`` and ``values`` are its columns; ``party_key`` identifies the
        party by its screening input (a digest: the same key, the same party), and
        ``party()`` makes it, called only the first time the key is seen in the run.

        What :meth:`add` records for such a row, at a small part of the cost: most rows
        of a run take this path (a batch run's clear names rows, an API's clear names),
        and on them the per-row objects of :meth:`add` were most of the recording's cost.
        """
        if self.run_id is None:
            raise AuditError("RunRecorder.add_clear() before start()")
        number = self._parties.number_of(party_key, party)
        numbers = [] if number is None else [number]
        self._chunk.add_values(source, line, "clear", [], header, values, numbers)
        if output:
            self._chunk.add_output(output)
        self._position += 1
        if len(self._chunk) >= self._flush_rows:
            self._write_buffered()

    def add_output(self, output: bytes) -> None:
        """Output bytes written for rows already added (the observer captures the run's
        output as it is written); they go with the next chunk."""
        self._chunk.add_output(output)

    def flush(self) -> None:
        """Write what is buffered, and wait until it is written."""
        self._write_buffered()
        self._wait()

    def _write_buffered(self) -> None:
        """Write the buffered rows; with ``background``, on the writer thread (compressing
        and SQLite's writes and commit release the interpreter lock), one chunk at a time:
        a failure is raised by the next flush."""
        if self.run_id is None or self._broken:
            return  # after a failed write: no chunk after a gap
        if self.collect_output is not None:
            self._chunk.add_output(self.collect_output())
        if not self._chunk:
            return
        run_id, chunk, flagged = self.run_id, self._chunk, self._flagged
        parties = self._parties.take_new(run_id)
        self._chunk, self._flagged = ChunkBuilder(self._position), []

        def job() -> None:
            values = chunk.values(run_id)
            _db.write(self._store, lambda s: _write_chunk(s, run_id, values, parties, flagged))
            self._committed = chunk.first_position + len(chunk)
            if self.on_written is not None:
                self.on_written(chunk.output(), self._committed)

        if self._writer is None:
            job()
            return
        self._wait()
        self._pending = self._writer.submit(job)

    def _wait(self) -> None:
        pending, self._pending = self._pending, None
        if pending is not None:
            try:
                pending.result()
            except AuditError as exc:
                self._broken = True
                raise AuditError(
                    f"{exc}; run {self.run_id}: the trail holds its first "
                    f"{self._committed:,} rows, the {self._position - self._committed:,} "
                    "screened after them were not recorded, nor written out"
                ) from exc
            except BaseException:
                self._broken = True
                raise

    def _stop_writer(self) -> None:
        writer, self._writer = self._writer, None
        if writer is not None:
            writer.shutdown(wait=True)
        heartbeat, self._heartbeat = self._heartbeat, None
        if heartbeat is not None:
            heartbeat.stop()

    def finish(
        self,
        counts: dict[str, Any],
        *,
        output_footer: bytes | None = None,
        output_sha256: str | None = None,
        error: str | None = None,
        status: str | None = None,
    ) -> int:
        """Write what is buffered and close the run; returns the run id. ``row_count``
        becomes the rows committed to the trail, never the rows seen."""
        try:
            self.flush()
        finally:
            self._stop_writer()
        if self.run_id is None:
            raise AuditError("RunRecorder.finish() before start()")
        run_id, rows = self.run_id, self._committed
        final = status or (RUN_FAILED if error else RUN_COMPLETED)

        def work(session: Session) -> None:
            run = session.get(AuditRun, run_id)
            if run is None:
                raise AuditError(f"run {run_id} vanished while recording")
            run.status = final
            run.finished_at = _db.now()
            run.row_count = rows
            run.counts_json = canonical_json(counts)
            run.output_footer = output_footer
            run.output_sha256 = output_sha256
            run.error = error

        _db.write(self._store, work)
        return run_id

    def abandon(self, error: str, *, interrupted: bool = False) -> None:
        """Close a run that cannot finish: keep what can be written, mark it failed (or
        ``interrupted``: Ctrl-C, SIGTERM)."""
        lost = False
        try:
            self._wait()
        except ScreeningError:
            lost = True
        finally:
            self._stop_writer()  # at exit the writer thread takes no more work: write here
        if not lost:
            try:
                self.flush()
            except ScreeningError:
                lost = True
        self._chunk, self._flagged = ChunkBuilder(self._position), []
        missing = self._position - self._committed
        if missing:  # the rows that cannot be written are lost; the run says so
            error = (
                f"{error}; {missing:,} screened rows after row {self._committed:,} could "
                "not be recorded (nor written out)"
            )
        # a database that is unusable cannot close the run: its lease marks it later
        with contextlib.suppress(ScreeningError):
            self.finish({}, error=error, status=RUN_INTERRUPTED if interrupted else None)


def algorithm_version() -> str:
    """What produced the results: ``sanctions_screen.__version__``, the matcher's own
    ``MATCHER_VERSION`` when it declares one, and a hash of the bundled reference data
    (romanisation tables, stopwords, legal forms, flag rules...), which changes results
    as surely as code does: ``"0.1.0+data.3f2a9c1d"``."""
    parts = [__version__]
    matcher = getattr(matcher_module, "MATCHER_VERSION", None)
    if matcher:
        parts.append(f"matcher.{matcher}")
    parts.append(f"data.{_reference_data_hash()}")
    return "+".join(parts)


@functools.cache
def _reference_data_hash() -> str:
    digest = hashlib.sha256()
    data = resources.files(DATA_PACKAGE)
    for item in sorted(data.iterdir(), key=lambda t: t.name):
        if item.is_file() and not item.name.endswith((".py", ".pyc")):
            digest.update(item.name.encode() + b"\0" + item.read_bytes())
    return digest.hexdigest()[:8]


def _dump(value: Any) -> str:
    """Compact JSON for stored rows (key order as built: no sorting on the hot path)."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, default=str)


def _key(row: RowInput, alert: AlertInput) -> str:
    if alert.kind == KIND_MATCH and alert.party is not None:
        party = row.parties[alert.party]
        return alert_key(party_fingerprint(party.name), alert.reference_number or "")
    target = f"flag:{alert.flag}:{alert.reference_number or ''}"
    return alert_key(alert.subject or row.record_fingerprint or "", target)


def _verdict(index: SuppressionIndex, row: RowInput, alert: AlertInput) -> Verdict:
    key = _key(row, alert)
    if not index.has(key):
        return OPEN
    if alert.kind == KIND_MATCH and alert.party is not None:
        party = row.parties[alert.party]
        query = {"name": party.name, **party.query}
        evidence = Evidence.of(query, alert.score, alert.evidence)
    else:
        evidence = Evidence("", "", alert.score)
    return index.verdict(key, alert.entry, evidence)


def _row_status(status: str, verdicts: Sequence[Verdict]) -> str:
    if (
        verdicts
        and status in ("review", "alert")
        and all(v.status == ALERT_SUPPRESSED for v in verdicts)
    ):
        return ALERT_SUPPRESSED
    return status


def _note(row: RowInput, verdicts: Sequence[Verdict]) -> str:
    if not verdicts or all(v.decision_id is None for v in verdicts):
        return ""
    parts: list[str] = []
    for alert, verdict in zip(row.alerts, verdicts, strict=True):
        target = alert.reference_number or alert.flag or ""
        if verdict.decision_id is not None:
            parts.append(f"{target} {alert_note(verdict)}")
    return "; ".join(parts)


def alert_note(verdict: Verdict) -> str:
    """What an earlier decision did to an alert, citing it."""
    decision = f"false positive (decision {verdict.decision_id})"
    if verdict.status == ALERT_SUPPRESSED:
        return f"suppressed: {decision}"
    if verdict.status == ALERT_REOPENED:
        return f"re-opened despite {decision}: " + "; ".join(verdict.reasons)
    return f"not covered by {decision}: " + "; ".join(verdict.reasons)


@dataclass(frozen=True)
class _Flagged:
    """A row that gets an ``audit_rows`` record of its own (and its alerts)."""

    position: int
    row: RowInput
    verdict: RowVerdict
    parties: list[int]


def _write_chunk(
    session: Session,
    run_id: int,
    chunk: dict[str, Any],
    parties: list[dict[str, Any]],
    flagged: list[_Flagged],
) -> None:
    """One chunk, the new parties, and the flagged rows with their alerts: a few bulk
    inserts per flush. Ids are read back by key (run and position, run and party number)
    rather than with RETURNING, which SQLite executes row by row."""
    conn = session.connection()
    conn.execute(insert(_table(AuditChunk)), [chunk])
    if parties:
        conn.execute(insert(_table(AuditParty)), parties)
    if flagged:
        _write_flagged(session, run_id, flagged)
    last = chunk["first_position"] + chunk["row_count"]
    conn.execute(
        update(_table(AuditRun))
        .where(AuditRun.id == run_id)
        .values(row_count=last, heartbeat_at=_db.now())
    )


def _write_flagged(session: Session, run_id: int, flagged: list[_Flagged]) -> None:
    conn = session.connection()
    conn.execute(insert(_table(AuditRow)), [_row_values(run_id, f) for f in flagged])
    stored = conn.execute(
        select(AuditRow.position, AuditRow.id).where(
            AuditRow.run_id == run_id,
            AuditRow.position.between(flagged[0].position, flagged[-1].position),
        )
    )
    row_ids = {position: row_id for position, row_id in stored}
    numbers = {f.parties[a.party] for f in flagged for a in f.row.alerts if a.party is not None}
    party_ids: dict[int, int] = {}
    if numbers:
        found = conn.execute(
            select(AuditParty.number, AuditParty.id).where(
                AuditParty.run_id == run_id, AuditParty.number.in_(sorted(numbers))
            )
        )
        party_ids = {number: party_id for number, party_id in found}
    alerts = [
        _alert_values(
            run_id,
            row_ids[f.position],
            f.row,
            party_ids[f.parties[alert.party]] if alert.party is not None else None,
            alert,
            verdict,
        )
        for f in flagged
        for alert, verdict in zip(f.row.alerts, f.verdict.verdicts, strict=True)
    ]
    if alerts:
        conn.execute(insert(_table(AuditAlert)), alerts)


def _table(model: type[Base]) -> Table:
    return cast(Table, model.__table__)


def _row_values(run_id: int, flagged: _Flagged) -> dict[str, Any]:
    row = flagged.row
    return {
        "run_id": run_id,
        "position": flagged.position,
        "source": row.source,
        "line": row.line,
        "status": flagged.verdict.status,
        "flags_json": _dump(row.flags) if row.flags else "[]",
        "record_fingerprint": row.record_fingerprint,
        "input_json": _dump(row.input),
        "result_json": _dump(row.result) if row.result else "{}",
    }


class _PartyNumbers:
    """Numbers the distinct parties of a run (role, name and screening input) in order of
    first appearance, and keeps the new ones until they are written. Files repeat their
    counterparties: a party is stored once. The memory is bounded: past ``size`` distinct
    parties it starts afresh, and a party seen again after that is stored again under a
    new number (harmless: re-screening groups parties by screening input). A party is
    known by a 128-bit digest of its key, not the key (a 220-byte string): 40,000
    parties took 10 MB."""

    def __init__(self, size: int = 1 << 16) -> None:
        self._size = size
        self._known: dict[bytes, int] = {}
        self._next = 0
        self._new: list[PartyInput] = []

    def number(self, party: PartyInput) -> int:
        key = hashlib.blake2b(  # repr tells 1 from "1"
            repr((party.role, party.name, party.query)).encode(), digest_size=16, person=b"party"
        ).digest()  # personalised: never equal to a caller's key (``number_of``)
        found = self._known.get(key)
        return self._add(key, party) if found is None else found

    def number_of(self, key: bytes, make: Callable[[], PartyInput | None]) -> int | None:
        """The number of the party known by ``key`` (a digest of its screening input),
        made by ``make()`` the first time (``None``: the row has no party). The keys are
        kept apart from :meth:`number`'s: a party reached both ways is stored twice."""
        found = self._known.get(key)
        if found is not None:
            return found
        party = make()
        return None if party is None else self._add(key, party)

    def _add(self, key: bytes, party: PartyInput) -> int:
        found = self._next
        self._next += 1
        if len(self._known) >= self._size:
            self._known.clear()
        self._known[key] = found
        self._new.append(party)
        return found

    def take_new(self, run_id: int) -> list[dict[str, Any]]:
        """The ``audit_parties`` records of the parties numbered since the last call."""
        first = self._next - len(self._new)
        out = [
            {
                "run_id": run_id,
                "number": first + i,
                "role": party.role,
                "name": party.name,
                "query_json": canonical_json(party.query),
            }
            for i, party in enumerate(self._new)
        ]
        self._new = []
        return out


def _entry_snapshot(entry: ListEntry) -> tuple[str, str]:
    """The entry as JSON and its content hash, computed once per entry object: a list
    entry that alerts on many rows of a run is serialised once (about 0.2 ms each)."""
    found = _SNAPSHOTS.get(id(entry))
    if found is None or found[0] is not entry:
        found = (entry, entry.model_dump_json(), entry_fingerprint(entry))
        if len(_SNAPSHOTS) >= 4096:
            _SNAPSHOTS.clear()
        _SNAPSHOTS[id(entry)] = found
    return found[1], found[2]


_SNAPSHOTS: dict[int, tuple[ListEntry, str, str]] = {}


def _alert_values(
    run_id: int,
    row_id: int,
    row: RowInput,
    party_id: int | None,
    alert: AlertInput,
    verdict: Verdict,
) -> dict[str, Any]:
    party = row.parties[alert.party] if alert.party is not None else None
    snapshot = _entry_snapshot(alert.entry) if alert.entry else None
    return {
        "run_id": run_id,
        "row_id": row_id,
        "party_id": party_id,
        "kind": alert.kind if alert.kind in (KIND_MATCH, KIND_FLAG) else KIND_FLAG,
        "alert_key": _key(row, alert),
        "status": verdict.status,
        "party_name": party.name if party else None,
        "role": party.role if party else None,
        "reference_number": alert.reference_number,
        "list_type": alert.list_type,
        "regime": alert.regime,
        "matched_name": alert.matched_name,
        "score": alert.score,
        "flag": alert.flag,
        "flags_json": canonical_json(alert.flags),
        "summary": alert.summary,
        "evidence_json": canonical_json(alert.evidence),
        "entry_json": snapshot[0] if snapshot else None,
        "entry_fingerprint": snapshot[1] if snapshot else None,
        "suppressed_by": verdict.decision_id,
        "changes_json": (
            canonical_json([c.model_dump(mode="json") for c in verdict.changes])
            if verdict.changes
            else None
        ),
        "rescreen_id": None,
        "note": alert_note(verdict) if verdict.decision_id is not None else None,
    }


__all__ = [
    "AlertInput",
    "PartyInput",
    "RowInput",
    "RowVerdict",
    "RunRecorder",
    "RunStart",
    "algorithm_version",
]
