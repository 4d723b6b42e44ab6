"""Reading the audit trail back: runs, alerts, and a run's output byte for byte."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sanctions_screen.audit import _db
from sanctions_screen.audit._db import StoreLike
from sanctions_screen.audit.chunks import chunk_output, chunks_after, iter_stored_rows
from sanctions_screen.audit.details import ListedDetails, listed_details
from sanctions_screen.audit.fingerprint import sha256_hex
from sanctions_screen.audit.models import AlertInfo, FieldChange, InputFile, RecordedRun
from sanctions_screen.audit.retention import PruneInfo, pruned_runs
from sanctions_screen.audit.review import to_info as decision_info
from sanctions_screen.audit.suppression import latest_decisions
from sanctions_screen.exceptions import (
    AuditError,
    RunNotFoundError,
    RunPrunedError,
    ScreeningError,
)
from sanctions_screen.store.audit_tables import (
    ALERT_SUPPRESSED,
    KIND_MATCH,
    AuditAlert,
    AuditDecision,
    AuditRow,
    AuditRun,
)
from sanctions_screen.store.versions import load as load_version
from sanctions_screen.unlist.models import ListEntry


def list_runs(store: StoreLike, *, limit: int | None = None) -> list[RecordedRun]:
    """Recorded runs, newest first."""

    def work(session: Session) -> list[RecordedRun]:
        query = select(AuditRun).order_by(AuditRun.id.desc())
        if limit is not None:
            query = query.limit(limit)
        runs = list(session.scalars(query))
        tallies = _tallies(session, runs)
        return [run_info(r, tallies.get(r.id)) for r in runs]

    return _db.read(store, work)


def get_run(store: StoreLike, run_id: int) -> RecordedRun:
    """One run; raises :class:`~sanctions_screen.exceptions.RunNotFoundError`."""

    def work(session: Session) -> RecordedRun:
        run = _run(session, run_id)
        return run_info(run, _tallies(session, [run]).get(run.id))

    return _db.read(store, work)


def run_alerts(store: StoreLike, run_id: int) -> list[AlertInfo]:
    """Every alert of a run, in row order, with its current decision."""

    def work(session: Session) -> list[AlertInfo]:
        _run(session, run_id)
        query = (
            select(AuditAlert, AuditRow)
            .join(AuditRow, AuditAlert.row_id == AuditRow.id)
            .where(AuditAlert.run_id == run_id)
            .order_by(AuditRow.position, AuditAlert.id)
        )
        return _alert_infos(session, [(a, r) for a, r in session.execute(query)])

    return _db.read(store, work)


def pending_alerts(
    store: StoreLike, *, run_id: int | None = None, include_escalated: bool = False
) -> list[AlertInfo]:
    """Alerts waiting for a decision (suppressed ones are not waiting), oldest first.

    With ``include_escalated``, alerts whose latest decision is ``escalate`` are listed too.
    """

    def work(session: Session) -> list[AlertInfo]:
        query = (
            select(AuditAlert, AuditRow)
            .join(AuditRow, AuditAlert.row_id == AuditRow.id)
            .where(AuditAlert.status != ALERT_SUPPRESSED)
            .order_by(AuditAlert.run_id, AuditRow.position, AuditAlert.id)
        )
        if run_id is not None:
            query = query.where(AuditAlert.run_id == run_id)
        infos = _alert_infos(session, [(a, r) for a, r in session.execute(query)])
        return [
            a
            for a in infos
            if a.decision is None or (include_escalated and a.decision.decision.value == "escalate")
        ]

    return _db.read(store, work)


def pending_alerts_in(
    session: Session, run_id: int | None = None
) -> list[tuple[AuditAlert, int | None]]:
    """The alerts waiting for a decision (none of their own, not suppressed) with their
    row's line, oldest first: what ``decisions export --pending`` leaves to fill in."""
    decided = select(AuditDecision.id).where(AuditDecision.alert_id == AuditAlert.id)
    query = (
        select(AuditAlert, AuditRow.line)
        .join(AuditRow, AuditAlert.row_id == AuditRow.id)
        .where(AuditAlert.status != ALERT_SUPPRESSED, ~decided.exists())
        .order_by(AuditAlert.run_id, AuditRow.position, AuditAlert.id)
    )
    if run_id is not None:
        query = query.where(AuditAlert.run_id == run_id)
    return [(alert, line) for alert, line in session.execute(query)]


def get_alert(store: StoreLike, alert_id: int) -> AlertInfo:
    def work(session: Session) -> AlertInfo:
        query = (
            select(AuditAlert, AuditRow)
            .join(AuditRow, AuditAlert.row_id == AuditRow.id)
            .where(AuditAlert.id == alert_id)
        )
        rows = [(a, r) for a, r in session.execute(query)]
        if not rows:
            raise AuditError(f"no alert {alert_id}")
        return _alert_infos(session, rows)[0]

    return _db.read(store, work)


def iter_export(store: StoreLike, run_id: int, *, chunk_rows: int = 1000) -> Iterator[bytes]:
    """The run's output again, chunk by chunk, exactly as it was first written.

    ``chunk_rows`` is kept for compatibility: rows are read as they were stored, one
    recorded chunk at a time."""
    run = _db.read(store, lambda s: _run(s, run_id))
    pruned = _db.read(store, lambda s: pruned_runs(s, [run_id])).get(run_id)
    if pruned is not None:
        raise RunPrunedError(
            f"run {run_id} was pruned on {pruned.pruned_at:%Y-%m-%d} by {pruned.pruned_by} "
            f"(runs older than {pruned.older_than}): its {pruned.rows_dropped:,} clear rows "
            "were dropped, so its output cannot be reproduced byte for byte any more. Its "
            f"alerts, decisions and metadata are kept: sanctions-screen runs show {run_id}"
        )
    if run.output_format is None:
        raise AuditError(f"run {run_id} kept no output to export")
    if run.output_header:
        yield run.output_header
    position = -1
    while found := _db.read(store, functools.partial(_chunks, run_id=run_id, after=position)):
        for _, data in found:
            yield chunk_output(data)
        position = found[-1][0]
    if run.output_footer:
        yield run.output_footer


def _chunks(session: Session, *, run_id: int, after: int) -> list[tuple[int, bytes]]:
    return chunks_after(session, run_id, after, limit=20)


def export_run(store: StoreLike, run_id: int) -> bytes:
    """The run's output bytes; checked against the sha256 recorded when it was written."""
    data = b"".join(iter_export(store, run_id))
    run = get_run(store, run_id)
    if run.output_sha256 is not None and sha256_hex(data) != run.output_sha256:
        raise AuditError(f"run {run_id}: stored output does not match its recorded sha256")
    return data


def run_rows(
    store: StoreLike, run_id: int, *, statuses: Iterable[str] | None = None
) -> list[dict[str, Any]]:
    """The rows of a run (only those with one of ``statuses`` if given): position, source,
    line, status, flags, input and result (``{}`` for a plain clear row)."""
    wanted = None if statuses is None else set(statuses)

    def work(session: Session) -> list[dict[str, Any]]:
        _run(session, run_id)
        query = select(AuditRow).where(AuditRow.run_id == run_id).order_by(AuditRow.position)
        only_flagged = wanted is not None and "clear" not in wanted
        if only_flagged and wanted is not None:
            query = query.where(AuditRow.status.in_(sorted(wanted)))
        flagged = {r.position: _row_dict(r) for r in session.scalars(query)}
        if only_flagged:  # every row that is not clear has a row of its own
            return list(flagged.values())
        return [
            flagged.get(row.position) or row.as_dict()
            for row in iter_stored_rows(session, run_id)
            if wanted is None or row.status in wanted
        ]

    return _db.read(store, work)


def _row_dict(row: AuditRow) -> dict[str, Any]:
    return {
        "position": row.position,
        "source": row.source,
        "line": row.line,
        "status": row.status,
        "flags": json.loads(row.flags_json),
        "input": json.loads(row.input_json),
        "result": json.loads(row.result_json),
    }


def status_counts(store: StoreLike, run_id: int) -> dict[str, int]:
    """Rows of a run by status, as recorded (suppression applied)."""

    def work(session: Session) -> dict[str, int]:
        run = _run(session, run_id)
        query = (
            select(AuditRow.status, func.count())
            .where(AuditRow.run_id == run_id, AuditRow.status != "clear")
            .group_by(AuditRow.status)
        )
        counts = {status: count for status, count in session.execute(query)}
        clear = run.row_count - sum(counts.values())  # clear rows live in chunks only
        return {"clear": clear, **counts} if clear else counts

    return _db.read(store, work)


def run_info(run: AuditRun, tally: _Tally | None = None) -> RecordedRun:
    counts = json.loads(run.counts_json)
    tally = tally or _Tally()
    return RecordedRun(
        id=run.id,
        status=run.status,
        source=run.source,
        started_at=_db.utc(run.started_at),
        finished_at=_db.utc(run.finished_at) if run.finished_at else None,
        inputs=[InputFile.model_validate(i) for i in json.loads(run.inputs_json)],
        input_sha256=run.input_sha256,
        row_count=run.row_count,
        list_version_id=run.list_version_id,
        list_date_generated=run.list_date_generated,
        list_sha256=run.list_sha256,
        config=json.loads(run.config_json),
        config_hash=run.config_hash,
        algorithm_version=run.algorithm_version,
        counts=counts,
        output_format=run.output_format,
        output_sha256=run.output_sha256,
        error=run.error,
        alert_count=sum(tally.alerts.values()),
        rows_by_status=_by_status(run.row_count, tally.rows),
        rows_skipped=int(counts.get("rows_skipped") or 0),
        alerts_by_state=dict(sorted(tally.alerts.items())),
        rows_with_alerts=tally.rows_with_alerts,
        pruned=tally.pruned,
    )


class _Tally:
    """A run's counts read from its tables (not from the summary written at its end, which
    a re-screen or a decision taken since would contradict)."""

    def __init__(self) -> None:
        self.rows: dict[str, int] = {}
        self.alerts: dict[str, int] = {}
        self.rows_with_alerts = 0
        self.pruned: PruneInfo | None = None


def _by_status(row_count: int, flagged: dict[str, int]) -> dict[str, int]:
    """Every status in a fixed order; clear rows live in chunks only, so they are the rest."""
    out = {s: flagged.get(s, 0) for s in ("alert", "review", "suppressed")}
    out.update({s: n for s, n in sorted(flagged.items()) if s not in out and s != "clear"})
    out["clear"] = max(0, row_count - sum(out.values()))
    return out


def _tallies(session: Session, runs: list[AuditRun]) -> dict[int, _Tally]:
    ids = [r.id for r in runs]
    if not ids:
        return {}
    tallies = {run_id: _Tally() for run_id in ids}
    for run_id, info in pruned_runs(session, ids).items():
        tallies[run_id].pruned = info
    rows = (
        select(AuditRow.run_id, AuditRow.status, func.count())
        .where(AuditRow.run_id.in_(ids), AuditRow.status != "clear")
        .group_by(AuditRow.run_id, AuditRow.status)
    )
    for run_id, status, count in session.execute(rows):
        tallies[run_id].rows[status] = count
    latest = (
        select(AuditDecision.alert_id, func.max(AuditDecision.id).label("decision_id"))
        .group_by(AuditDecision.alert_id)
        .subquery()
    )
    alerts = (
        select(AuditAlert.run_id, AuditAlert.status, AuditDecision.decision, func.count())
        .outerjoin(latest, latest.c.alert_id == AuditAlert.id)
        .outerjoin(AuditDecision, AuditDecision.id == latest.c.decision_id)
        .where(AuditAlert.run_id.in_(ids))
        .group_by(AuditAlert.run_id, AuditAlert.status, AuditDecision.decision)
    )
    for run_id, status, decision, count in session.execute(alerts):
        state = decision or status
        tallies[run_id].alerts[state] = tallies[run_id].alerts.get(state, 0) + count
    with_alerts = (
        select(AuditAlert.run_id, func.count(func.distinct(AuditAlert.row_id)))
        .where(AuditAlert.run_id.in_(ids))
        .group_by(AuditAlert.run_id)
    )
    for run_id, count in session.execute(with_alerts):
        tallies[run_id].rows_with_alerts = count
    return tallies


def _run(session: Session, run_id: int) -> AuditRun:
    run = session.get(AuditRun, run_id)
    if run is None:
        raise RunNotFoundError(f"no screening run {run_id} in the audit trail")
    return run


def _alert_infos(session: Session, rows: list[tuple[AuditAlert, AuditRow]]) -> list[AlertInfo]:
    own: dict[int, AuditDecision] = {}
    ids = [a.id for a, _ in rows]
    for start in range(0, len(ids), 500):
        for decision in session.scalars(
            select(AuditDecision)
            .where(AuditDecision.alert_id.in_(ids[start : start + 500]))
            .order_by(AuditDecision.id)
        ):
            own[decision.alert_id] = decision
    listed = _listed(session, [alert for alert, _ in rows])
    return [
        _alert_info(alert, row, own.get(alert.id), listed.get(alert.id)) for alert, row in rows
    ]


def _listed(session: Session, alerts: list[AuditAlert]) -> dict[int, ListedDetails]:
    """Each match alert's listed details: from the entry recorded with the alert, else from
    the stored list version its run was screened against."""
    matches = [a for a in alerts if a.kind == KIND_MATCH and a.reference_number]
    run_ids = sorted({a.run_id for a in matches})
    versions: dict[int, tuple[int | None, str | None]] = {}
    for start in range(0, len(run_ids), 500):
        query = select(AuditRun.id, AuditRun.list_version_id, AuditRun.list_date_generated)
        for run_id, version_id, generated in session.execute(
            query.where(AuditRun.id.in_(run_ids[start : start + 500]))
        ):
            versions[run_id] = (version_id, generated)
    entries: dict[str, ListEntry] = {}
    stored: dict[int, dict[str, ListEntry]] = {}
    out: dict[int, ListedDetails] = {}
    for alert in matches:
        version_id, generated = versions.get(alert.run_id, (None, None))
        entry: ListEntry | None = None
        if alert.entry_json:
            key = alert.entry_fingerprint or alert.entry_json
            entry = entries.get(key)
            if entry is None:
                entry = entries[key] = ListEntry.model_validate_json(alert.entry_json)
        elif version_id is not None:
            if version_id not in stored:
                stored[version_id] = _stored_entries(session, version_id)
            entry = stored[version_id].get(alert.reference_number or "")
        if entry is not None:
            out[alert.id] = listed_details(
                entry, list_version_id=version_id, list_date_generated=generated
            )
    return out


def _stored_entries(session: Session, version_id: int) -> dict[str, ListEntry]:
    try:
        sanctions = load_version(session, version_id)
    except ScreeningError:  # the version is gone or unreadable: no details, not a failure
        return {}
    return {e.reference_number: e for e in sanctions.entries}


def _alert_info(
    alert: AuditAlert,
    row: AuditRow,
    decision: AuditDecision | None,
    listed: ListedDetails | None = None,
) -> AlertInfo:
    return AlertInfo(
        id=alert.id,
        run_id=alert.run_id,
        row_position=row.position,
        row_line=row.line,
        kind=alert.kind,
        status=alert.status,
        party_name=alert.party_name,
        role=alert.role,
        reference_number=alert.reference_number,
        list_type=alert.list_type,
        regime=alert.regime,
        matched_name=alert.matched_name,
        score=alert.score,
        flag=alert.flag,
        flags=json.loads(alert.flags_json),
        summary=alert.summary,
        evidence=json.loads(alert.evidence_json),
        suppressed_by=alert.suppressed_by,
        changes=[FieldChange.model_validate(c) for c in json.loads(alert.changes_json or "[]")],
        decision=decision_info(decision) if decision else None,
        listed=listed,
        note=alert.note,
    )


__all__ = [
    "export_run",
    "get_alert",
    "get_run",
    "iter_export",
    "latest_decisions",
    "list_runs",
    "pending_alerts",
    "run_alerts",
    "run_info",
    "run_rows",
    "status_counts",
]
