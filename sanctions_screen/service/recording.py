"""Recording API screenings in the audit trail, off the request path.

Handlers hand each request's results to :class:`AuditWriter` (an append to a queue) and
answer at once; one writer thread turns them into audit runs of source ``api``. With ``request``
each request is a run of its own; with ``batch`` the requests of one client and list
version that arrive within ``record_window`` seconds make one run, each row keeping the
request id (``/screen#<id>``) so a single answer can be traced. Nothing is dropped: when
the queue is full, requests wait for the writer; a failed write is retried; on shutdown
(SIGTERM included: uvicorn shuts the app down) the queue is written to the end.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import functools
import hashlib
import logging
import threading
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sanctions_screen.audit.extract import row_input
from sanctions_screen.audit.fingerprint import canonical_json
from sanctions_screen.audit.models import InputFile
from sanctions_screen.audit.recorder import (
    PartyInput,
    RunRecorder,
    RunStart,
    algorithm_version,
)
from sanctions_screen.exceptions import ScreeningError
from sanctions_screen.matching.result import Query, ScreeningResult
from sanctions_screen.records.screening import RecordResult
from sanctions_screen.service.lists import LoadedList, turns_for_the_loop
from sanctions_screen.service.settings import RecordMode
from sanctions_screen.store.db import Store
from sanctions_screen.tabular.results import Outcome, RowResult
from sanctions_screen.tabular.worker import config_dict, record_outcome

log = logging.getLogger("sanctions_screen.service")

_NAME_HEADER = ("name", "kind", "country", "birth_date", "identifiers")
_RETRIES = 5
PACED_ROWS = 5000
"""A window of at most this many rows is written paced (``share``); a larger backlog (a
window of batches, or a writer fallen behind) is written at full speed."""


@dataclass(frozen=True)
class Screened:
    """One request's results on their way to the audit trail."""

    client: str
    endpoint: str
    request_id: str
    loaded: LoadedList
    results: Sequence[ScreeningResult | RecordResult]
    records: Sequence[dict[str, Any] | None] = ()
    """For record results, the record as submitted (its content keys its flag alerts)."""
    first_line: int = 1
    """The line (1-based item number in the request) of the first result."""
    details: Sequence[dict[str, Any]] = ()
    """The results' ``to_dict()``, when the answer made them already (not to be changed)."""


class AuditWriter:
    """A thread that writes queued screenings as audit runs (see the module docstring).

    A request costs the event loop one append under a lock: the writer is woken only when
    the queue stops being empty, then (``batch``) sleeps out the window and takes all that
    is queued at once, so requests do not hand the interpreter lock to it one by one.
    Writing what it took holds the lock in a burst (tens of milliseconds of CPU for a
    second of single requests): up to ``PACED_ROWS`` rows, the writer takes at most
    ``share`` of the interpreter meanwhile (see ``lists.turns_for_the_loop``).
    """

    def __init__(
        self, store: Store, mode: RecordMode, window: float, max_queue: int, share: float = 1.0
    ) -> None:
        self._store = store
        self.mode = mode
        self._window = window
        self._max_queue = max_queue
        self._share = share
        self._queued: collections.deque[Screened] = collections.deque()
        self._lock = threading.Lock()
        self._arrived = threading.Condition(self._lock)
        """Notified when the queue stops being empty, and on close."""
        self._taken = threading.Condition(self._lock)
        """Notified when the writer empties the queue (requests waiting for room)."""
        self._idle = threading.Condition(self._lock)
        """Notified when queued results are written (:meth:`wait_idle`)."""
        self._closing = threading.Event()
        self._pending = 0
        self._thread = threading.Thread(target=self._run, name="audit-writer", daemon=False)
        self.runs_written = 0
        self.rows_written = 0
        self.rows_failed = 0
        if mode != "off":
            self._thread.start()

    async def submit(self, screened: Screened) -> None:
        """Queue a request's results (waits, off the event loop, while the queue is full)."""
        if self.mode == "off" or not screened.results:
            return
        if not self._offer(screened):
            await asyncio.to_thread(self._put_waiting, screened)

    def _offer(self, screened: Screened) -> bool:
        with self._lock:
            if len(self._queued) >= self._max_queue:
                return False
            self._append(screened)
            return True

    def _put_waiting(self, screened: Screened) -> None:
        with self._lock:
            self._taken.wait_for(lambda: len(self._queued) < self._max_queue)
            self._append(screened)

    def _append(self, screened: Screened) -> None:  # under self._lock
        self._queued.append(screened)
        self._pending += 1
        if len(self._queued) == 1:
            self._arrived.notify()

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until everything queued so far is written (tests, shutdown)."""
        with self._idle:
            return self._idle.wait_for(lambda: self._pending == 0, timeout)

    def close(self) -> None:
        """Write everything still queued, then stop the thread."""
        if self.mode == "off" or not self._thread.is_alive():
            return
        with self._lock:
            self._closing.set()
            self._arrived.notify()
        self._thread.join()

    # -- the writer thread ----------------------------------------------------------------

    def _run(self) -> None:
        while True:
            with self._lock:
                self._arrived.wait_for(lambda: bool(self._queued) or self._closing.is_set())
                if not self._queued:
                    return  # closing, and everything is written
            if self.mode == "batch":
                self._closing.wait(self._window)  # gather the window's requests
            with self._lock:
                taken = list(self._queued)
                self._queued.clear()
                self._taken.notify_all()
            paced = self._share < 1.0 and sum(len(s.results) for s in taken) <= PACED_ROWS
            with turns_for_the_loop(self._share) if paced else contextlib.nullcontext():
                self._write(taken)

    def _write(self, taken: list[Screened]) -> None:
        if self.mode == "batch":
            groups: dict[tuple[str, int], list[Screened]] = {}
            for item in taken:
                groups.setdefault((item.client, id(item.loaded)), []).append(item)
            runs = list(groups.values())
        else:
            runs = [[item] for item in taken]
        for run in runs:
            self._write_run(run)
            with self._idle:
                self._pending -= len(run)
                self._idle.notify_all()

    def _write_run(self, run: list[Screened]) -> None:
        rows = sum(len(s.results) for s in run)
        for attempt in range(1, _RETRIES + 1):
            try:
                _record(self._store, run)
            except Exception as exc:
                if attempt == _RETRIES or not isinstance(exc, ScreeningError):
                    self.rows_failed += rows
                    log.error(
                        "audit trail: %d screened rows could not be recorded: %s",
                        rows,
                        exc,
                        exc_info=not isinstance(exc, ScreeningError),
                    )
                    return
                log.warning("audit trail write failed (attempt %d): %s", attempt, exc)
                time.sleep(0.5 * attempt)
            else:
                self.runs_written += 1
                self.rows_written += rows
                return


def _record(store: Store, run: list[Screened]) -> int:
    """Write ``run`` (requests of one client and list version) as one audit run."""
    first = run[0]
    loaded = first.loaded
    endpoints = Counter[str]()
    for s in run:
        endpoints[s.endpoint] += len(s.results)
    sanctions = loaded.sanctions_list
    recorder = RunRecorder(store, flush_rows=5000)
    recorder.start(
        RunStart(
            algorithm_version=algorithm_version(),
            inputs=[
                InputFile(path=f"api:{first.client}:{endpoint}", rows=count)
                for endpoint, count in endpoints.items()
            ],
            list_version_id=loaded.version_id,
            list_date_generated=loaded.sanctions_list.date_generated.isoformat(),
            list_sha256=loaded.sha256,
            list_schema_fields=loaded.sanctions_list.schema_fields,
            config_json=canonical_json(config_dict(loaded.screener.config)),
            source="api",
        )
    )
    statuses: Counter[str] = Counter()
    try:
        for s in run:
            source = f"{s.endpoint}#{s.request_id}"
            records = list(s.records) or [None] * len(s.results)
            details: list[dict[str, Any] | None] = list(s.details) or [None] * len(s.results)
            for line, (result, record, detail) in enumerate(
                zip(s.results, records, details, strict=True), s.first_line
            ):
                if isinstance(result, ScreeningResult) and result.status == "clear":
                    query = result.query  # nine names in ten: no alert, nothing to judge
                    recorder.add_clear(
                        source,
                        line,
                        _NAME_HEADER,
                        _name_values(query),
                        _party_key(query),
                        functools.partial(clear_party, query, detail),
                    )
                    statuses["clear"] += 1
                    continue
                row = row_input(row_result(source, line, result, record, detail), sanctions)
                statuses[recorder.add(row).status] += 1
        return recorder.finish(
            {
                "client": first.client,
                "requests": len(run),
                "rows_screened": sum(statuses.values()),
                "statuses": dict(statuses),
            }
        )
    except BaseException as exc:
        recorder.abandon(f"{type(exc).__name__}: {exc}")
        raise


def row_result(
    source: str,
    line: int,
    result: ScreeningResult | RecordResult,
    record: dict[str, Any] | None = None,
    detail: dict[str, Any] | None = None,
) -> RowResult:
    """A screened API item as the batch-screening row the audit trail records (``detail``:
    the result's ``to_dict()`` if made already)."""
    if isinstance(result, RecordResult):
        fields = {k: _cell(v) for k, v in (record or {}).items()}
        header = tuple(fields)
        return RowResult(
            source, line, header, tuple(fields.values()), fields, record_outcome(result, True)
        )
    query = result.query
    values = _name_values(query)
    inputs = {
        k: v
        for k, v in zip(("name", "kind", "country", "dob", "identifiers"), values, strict=True)
        if v
    }
    inputs.setdefault("name", "")
    return RowResult(source, line, _NAME_HEADER, values, inputs, name_outcome(result, detail))


def clear_party(query: Query, detail: dict[str, Any] | None = None) -> PartyInput | None:
    """The party a clear name's row keeps: what ``row_input(row_result(...))`` makes of
    it (``detail``: the answer's ``to_dict()``, if made); tests hold the two together."""
    name = query.name.strip()
    if not name:
        return None
    return PartyInput(name=name, query=dict(detail["query"]) if detail else query.to_dict())


def _party_key(query: Query) -> bytes:
    """A clear name's party in a run: a digest of its screening input."""
    key = (query.name, query.kind, query.country, query.birth_date, query.identifiers)
    return hashlib.blake2b(repr(key).encode("utf-8"), digest_size=16).digest()


def name_outcome(result: ScreeningResult, detail: dict[str, Any] | None = None) -> Outcome:
    """What a names row of ``sanctions-screen screen`` makes of the same result."""
    best = result.best
    detail = result.to_dict() if detail is None else detail
    if best is None:
        return Outcome(result.status, detail=detail)
    alert = result.status == "alert"
    flags: tuple[str, ...] = ()
    if alert:
        flags = ("LISTED_PARTY", "DPRK_LISTED_PARTY") if best.regime == "KP" else ("LISTED_PARTY",)
    return Outcome(
        status=result.status,
        score=round(best.score, 4),
        reference=best.reference_number,
        matched_name=best.matched_name,
        list_type=best.list_type,
        regime=best.regime,
        flags=flags,
        explanation=best.explanation.summary,
        regimes=(best.regime,) if alert else (),
        detail=detail,
    )


def _name_values(query: Query) -> tuple[str, ...]:
    """A name query's columns in the audit trail (``_NAME_HEADER``)."""
    return (
        query.name,
        query.kind or "",
        query.country or "",
        query.birth_date or "",
        "; ".join(query.identifiers),
    )


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return canonical_json(value)
