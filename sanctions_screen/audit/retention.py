"""Audit retention: drop the clear rows of old runs, keep everything a review relies on.

A run's chunks (``audit/chunks.py``) hold every row: its columns and the bytes written for
it. For a run older than the retention period, :func:`prune_runs` rewrites each chunk:

- a **clear** row keeps only its source, line, status and the numbers of the parties it
  named (so ``rescreen`` can still say which line of which file now hits); its columns,
  flags and the output written for it go;
- a row that is **not clear** stays whole (it also has its own ``audit_rows`` record with
  its full result, and its alerts);
- the run's output bytes go: the run can no longer be exported byte for byte, and
  ``runs export`` says so (:class:`~sanctions_screen.exceptions.RunPrunedError`).

Run metadata (inputs and their sha256, list version, configuration, counts), the
distinct parties, flagged rows, alerts, decisions and re-screens are kept. Each prune is
recorded in ``audit_prunes`` (who, when, cutoff, runs, rows dropped, bytes before and
after) and each run it reduced in ``audit_pruned_runs``.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import zlib

from pydantic import BaseModel, ConfigDict
from sqlalchemy import select
from sqlalchemy.orm import Session

from sanctions_screen.audit import _db
from sanctions_screen.audit._db import StoreLike
from sanctions_screen.audit.chunks import FORMAT, LEVEL, split_chunk
from sanctions_screen.exceptions import AuditError
from sanctions_screen.store.audit_tables import (
    RUN_RUNNING,
    AuditChunk,
    AuditPrune,
    AuditPrunedRun,
    AuditRun,
)

_AGE = re.compile(r"^\s*(\d+)\s*([dwy])\s*$")
_UNITS = {"d": 1, "w": 7, "y": 365}


class PruneReport(BaseModel):
    """What :func:`prune_runs` did (or, with ``dry_run``, would do)."""

    model_config = ConfigDict(frozen=True)

    id: int | None
    """The ``audit_prunes`` record (None for a dry run)."""
    pruned_by: str
    older_than: str
    cutoff: dt.datetime
    run_ids: list[int]
    rows_dropped: int
    bytes_before: int
    bytes_after: int


class PruneInfo(BaseModel):
    """How a run was pruned (see :attr:`RecordedRun.pruned`)."""

    model_config = ConfigDict(frozen=True)

    prune_id: int
    pruned_at: dt.datetime
    pruned_by: str
    older_than: str
    rows_dropped: int


def parse_age(text: str) -> dt.timedelta:
    """``365d``, ``52w`` or ``1y`` (365 days) as a duration.

    >>> parse_age("365d").days
    365
    """
    found = _AGE.match(text)
    if found is None:
        raise AuditError(f"age {text!r}: write a number of days, weeks or years (365d, 52w, 1y)")
    return dt.timedelta(days=int(found.group(1)) * _UNITS[found.group(2)])


def prune_runs(
    store: StoreLike,
    older_than: str,
    *,
    pruned_by: str,
    now: dt.datetime | None = None,
    dry_run: bool = False,
) -> PruneReport:
    """Drop the clear rows of every run started more than ``older_than`` (``365d``) ago
    and not pruned yet; record who did it (see the module's docstring for what is kept)."""
    if not pruned_by.strip():
        raise AuditError("a prune needs the name of who runs it")
    started = _db.now()
    cutoff = (_db.utc(now) if now is not None else started) - parse_age(older_than)
    run_ids = _db.read(store, lambda s: _due(s, cutoff))
    if dry_run:
        dropped = before = 0
        for run_id in run_ids:
            counted = _db.read(store, functools.partial(_rewrite, run_id=run_id, apply=False))
            dropped, before = dropped + counted[0], before + counted[1]
        return PruneReport(id=None, pruned_by=pruned_by.strip(), older_than=older_than,
                           cutoff=cutoff, run_ids=run_ids, rows_dropped=dropped,
                           bytes_before=before, bytes_after=0)  # fmt: skip

    def begin(session: Session) -> int:
        record = AuditPrune(started_at=started, pruned_by=pruned_by.strip(),
                            older_than=older_than.strip(), cutoff=cutoff, runs=0,
                            rows_dropped=0, bytes_before=0, bytes_after=0)  # fmt: skip
        session.add(record)
        session.flush()
        return record.id

    prune_id = _db.write(store, begin)
    totals = [0, 0, 0]
    for run_id in run_ids:  # one short transaction per run

        def one(session: Session, run_id: int = run_id) -> tuple[int, int, int]:
            dropped, before, after = _rewrite(session, run_id, apply=True)
            session.add(AuditPrunedRun(run_id=run_id, prune_id=prune_id, rows_dropped=dropped))
            record = session.get(AuditPrune, prune_id)
            assert record is not None
            record.runs += 1
            record.rows_dropped += dropped
            record.bytes_before += before
            record.bytes_after += after
            return dropped, before, after

        for i, value in enumerate(_db.write(store, one)):
            totals[i] += value

    def finish(session: Session) -> None:
        record = session.get(AuditPrune, prune_id)
        assert record is not None
        record.finished_at = _db.now()

    _db.write(store, finish)
    return PruneReport(id=prune_id, pruned_by=pruned_by.strip(), older_than=older_than,
                       cutoff=cutoff, run_ids=run_ids, rows_dropped=totals[0],
                       bytes_before=totals[1], bytes_after=totals[2])  # fmt: skip


def pruned_runs(session: Session, run_ids: list[int]) -> dict[int, PruneInfo]:
    """How each of ``run_ids`` that was pruned was pruned."""
    if not run_ids:
        return {}
    query = (
        select(AuditPrunedRun, AuditPrune)
        .join(AuditPrune, AuditPrunedRun.prune_id == AuditPrune.id)
        .where(AuditPrunedRun.run_id.in_(run_ids))
    )
    return {
        pruned.run_id: PruneInfo(
            prune_id=prune.id,
            pruned_at=_db.utc(prune.started_at),
            pruned_by=prune.pruned_by,
            older_than=prune.older_than,
            rows_dropped=pruned.rows_dropped,
        )
        for pruned, prune in session.execute(query)
    }


def _due(session: Session, cutoff: dt.datetime) -> list[int]:
    done = select(AuditPrunedRun.run_id)
    query = (
        select(AuditRun.id)
        .where(
            AuditRun.started_at < cutoff,
            AuditRun.status != RUN_RUNNING,
            AuditRun.id.not_in(done),
        )
        .order_by(AuditRun.id)
    )
    return list(session.scalars(query))


def _rewrite(session: Session, run_id: int, *, apply: bool) -> tuple[int, int, int]:
    """Reduce the run's chunks; ``(clear rows dropped, bytes before, bytes after)``."""
    dropped = before = after = 0
    for chunk in session.scalars(
        select(AuditChunk).where(AuditChunk.run_id == run_id).order_by(AuditChunk.first_position)
    ):
        meta = json.loads(split_chunk(chunk.data)[0])
        headers: list[list[str]] = meta["headers"]
        if [] not in headers:
            headers.append([])
        empty = headers.index([])
        rows = []
        for source, line, status, flags, header, values, parties in meta["rows"]:
            if status == "clear" and (values or flags):
                dropped += 1
                rows.append([source, line, status, [], empty, [], parties])
            else:
                rows.append([source, line, status, flags, header, values, parties])
        text = json.dumps(
            {"format": FORMAT, "headers": headers, "rows": rows},
            separators=(",", ":"),
            ensure_ascii=False,
        ).encode("utf-8")
        data = zlib.compress(len(text).to_bytes(4, "big") + text, LEVEL)
        before += len(chunk.data)
        after += len(data)
        if apply:
            chunk.data = data
    return dropped, before, after


__all__ = ["PruneInfo", "PruneReport", "parse_age", "prune_runs", "pruned_runs"]
