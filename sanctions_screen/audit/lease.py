"""A run's lease: how a run whose process died is told from one still running.

A recorded run holds a lease while it runs: its ``audit_runs`` record names the process
(``pid``, ``host``) and a thread renews ``heartbeat_at`` every :data:`HEARTBEAT_SECONDS`.
A process killed outright (``kill -9``, a crash, a power cut) cannot close its run, so
the next command that opens the store calls :func:`mark_interrupted_runs`: a run still
``running`` whose process is gone from this host, or whose heartbeat is older than
:data:`STALE_SECONDS`, becomes ``interrupted``. Its trail keeps every row it committed
(``row_count`` counts only those), and the run's output file never holds more rows than
that (``audit/observer.py`` writes a row out only after its chunk is committed).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import socket
import threading

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from sanctions_screen.audit import _db
from sanctions_screen.audit._db import StoreLike
from sanctions_screen.store.audit_tables import RUN_INTERRUPTED, RUN_RUNNING, AuditRun

HEARTBEAT_SECONDS = 5.0
STALE_SECONDS = 120.0
"""A heartbeat this old means the run's process is gone (or has hung past any use)."""


def this_host() -> str:
    return socket.gethostname()[:255]


class Heartbeat:
    """Renews a run's lease on a daemon thread until :meth:`stop`."""

    def __init__(self, store: StoreLike, run_id: int, every: float = HEARTBEAT_SECONDS) -> None:
        self._store = store
        self._run_id = run_id
        self._every = every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, name="audit-heartbeat", daemon=True)
        self._thread.start()

    def _beat(self) -> None:
        while not self._stop.wait(self._every):
            # a missed beat only ages the lease; the run's own writes report a dead database
            with contextlib.suppress(Exception):
                _db.write(self._store, self._renew)

    def _renew(self, session: Session) -> None:
        session.execute(
            update(AuditRun)
            .where(AuditRun.id == self._run_id, AuditRun.status == RUN_RUNNING)
            .values(heartbeat_at=_db.now())
        )

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not threading.current_thread():
            self._thread.join(timeout=10)


def mark_interrupted_runs(
    store: StoreLike, *, stale_after: float = STALE_SECONDS, now: dt.datetime | None = None
) -> list[int]:
    """Mark ``interrupted`` every run left ``running`` by a process that is gone; returns
    their ids. A run of a live process on this host is left alone, however busy."""
    when = now or _db.now()

    def work(session: Session) -> list[int]:
        found: list[int] = []
        for run in session.scalars(select(AuditRun).where(AuditRun.status == RUN_RUNNING)):
            why = _gone(run, when, stale_after)
            if why is None:
                continue
            run.status = RUN_INTERRUPTED
            run.finished_at = when
            run.error = (
                f"interrupted: {why}; the trail holds the {run.row_count:,} rows it "
                "committed, and its output no more"
            )
            found.append(run.id)
        return found

    return _db.write(store, work)


def _gone(run: AuditRun, now: dt.datetime, stale_after: float) -> str | None:
    """Why the run's process is gone, or None while it may still be running."""
    beat = _db.utc(run.heartbeat_at or run.started_at)
    process = f"process {run.pid} on {run.host}" if run.pid else "its process"
    if run.pid and run.host == this_host() and not _alive(run.pid):
        return f"{process} ended without closing the run (last heartbeat {beat:%Y-%m-%d %H:%M:%S}Z)"
    age = (now - beat).total_seconds()
    if age > stale_after:
        return f"{process} sent no heartbeat for {age:,.0f} s (since {beat:%Y-%m-%d %H:%M:%S}Z)"
    return None


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """A child that died but was not reaped yet still answers ``kill(pid, 0)``."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return False


__all__ = ["HEARTBEAT_SECONDS", "STALE_SECONDS", "Heartbeat", "mark_interrupted_runs"]
