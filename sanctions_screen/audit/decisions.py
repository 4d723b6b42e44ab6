"""Review decisions as CSV: exported for the record or for review offline, imported back.

One row per decision (its history, oldest first), and with ``pending=True`` one row per
alert still waiting, its decision columns empty for a reviewer to fill in. Import checks
every row before recording any: a file with one bad row records nothing. Each decision it
records is added to its alert's history exactly as ``review --alert`` adds one (it
supersedes the latest decision; none is ever changed); a row that is already in the
history (same alert, decision, reviewer, reason and time) is skipped, so importing the
same file twice records it once.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from pydantic import BaseModel, ConfigDict
from sqlalchemy import select
from sqlalchemy.orm import Session

from sanctions_screen.audit import _db
from sanctions_screen.audit._db import StoreLike
from sanctions_screen.audit.fingerprint import alert_key, party_fingerprint
from sanctions_screen.audit.models import Decision
from sanctions_screen.audit.queries import pending_alerts_in
from sanctions_screen.audit.review import append_decision
from sanctions_screen.exceptions import DecisionImportError
from sanctions_screen.store.audit_tables import KIND_MATCH, AuditAlert, AuditDecision, AuditRow
from sanctions_screen.tabular.writer import neutralise

COLUMNS = (
    "decision_id",
    "supersedes_id",
    "alert_id",
    "run_id",
    "line",
    "kind",
    "party_name",
    "role",
    "reference_number",
    "flag",
    "matched_name",
    "decision",
    "reviewer",
    "reason",
    "decided_at",
)
"""The columns written, in order. Import needs ``decision``, ``reviewer``, ``reason``,
``decided_at`` and either ``alert_id`` or ``party_name`` + ``reference_number`` (the same
party against the same list entry: its latest alert, in ``run_id`` if given)."""

_TEXT = ("party_name", "role", "flag", "matched_name", "reviewer", "reason")
"""Free text: written escaped so that a spreadsheet does not evaluate it."""

MAX_PROBLEMS = 50
FUTURE_SLACK = dt.timedelta(minutes=5)


class DecisionImport(BaseModel):
    """What :func:`import_decisions` did."""

    model_config = ConfigDict(frozen=True)

    rows: int
    recorded: int
    already_recorded: int
    undecided: int
    """Rows with no decision (a pending alert left as it was)."""
    decision_ids: list[int]


def export_decisions(
    store: StoreLike, target: IO[str], *, run_id: int | None = None, pending: bool = False
) -> int:
    """Write every decision (of one run's alerts if ``run_id``), oldest first, and with
    ``pending`` a row for each alert still waiting; returns the rows written."""

    def work(session: Session) -> list[dict[str, str]]:
        query = (
            select(AuditDecision, AuditAlert, AuditRow.line)
            .join(AuditAlert, AuditDecision.alert_id == AuditAlert.id)
            .join(AuditRow, AuditAlert.row_id == AuditRow.id)
            .order_by(AuditDecision.id)
        )
        if run_id is not None:
            query = query.where(AuditAlert.run_id == run_id)
        rows = [_row(alert, line, d) for d, alert, line in session.execute(query)]
        if pending:
            rows.extend(_pending_rows(session, run_id))
        return rows

    rows = _db.read(store, work)
    writer = csv.DictWriter(target, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: neutralise(v) if k in _TEXT else v for k, v in row.items()})
    return len(rows)


def _pending_rows(session: Session, run_id: int | None) -> Iterator[dict[str, str]]:
    for alert, line in pending_alerts_in(session, run_id):
        yield _row(alert, line, None)


def _row(alert: AuditAlert, line: int | None, decision: AuditDecision | None) -> dict[str, str]:
    def text(value: object) -> str:
        return "" if value is None else str(value)

    return {
        "decision_id": text(decision.id if decision else None),
        "supersedes_id": text(decision.supersedes_id if decision else None),
        "alert_id": str(alert.id),
        "run_id": str(alert.run_id),
        "line": text(line),
        "kind": alert.kind,
        "party_name": text(alert.party_name),
        "role": text(alert.role),
        "reference_number": text(alert.reference_number),
        "flag": text(alert.flag),
        "matched_name": text(alert.matched_name),
        "decision": decision.decision if decision else "",
        "reviewer": decision.reviewer if decision else "",
        "reason": decision.reason if decision else "",
        "decided_at": _db.utc(decision.decided_at).isoformat() if decision else "",
    }


@dataclass(frozen=True)
class _Wanted:
    line: int
    alert_id: int
    decision: Decision
    reviewer: str
    reason: str
    decided_at: dt.datetime


def import_decisions(
    store: StoreLike, source: str | Path | IO[str], *, dry_run: bool = False
) -> DecisionImport:
    """Record the decisions of a CSV file written by :func:`export_decisions` (or by hand
    with its columns): all of them, or none if any row is bad
    (:class:`~sanctions_screen.exceptions.DecisionImportError` lists every bad row).
    ``dry_run`` checks the file and records nothing."""
    if isinstance(source, str | Path):
        with open(source, encoding="utf-8-sig", newline="") as handle:
            return import_decisions(store, handle, dry_run=dry_run)
    reader = csv.DictReader(source)
    header = [h.strip() for h in reader.fieldnames or ()]
    missing = [c for c in ("decision", "reviewer", "reason", "decided_at") if c not in header]
    if "alert_id" not in header and not {"party_name", "reference_number"} <= set(header):
        missing.append("alert_id (or party_name and reference_number)")
    if missing:
        raise DecisionImportError(f"decisions file lacks column(s): {', '.join(missing)}", [])
    rows = [
        (reader.line_num, {(k or "").strip(): _unescape(v or "") for k, v in raw.items()})
        for raw in reader
    ]

    def work(session: Session) -> DecisionImport:
        problems: list[str] = []
        wanted: list[_Wanted] = []
        undecided = 0
        for line, row in rows:
            if not any(row.get(c) for c in ("decision", "reviewer", "reason", "decided_at")):
                undecided += 1
                continue
            checked = _check(session, line, row, problems)
            if checked is not None:
                wanted.append(checked)
        problems.extend(_order_problems(session, wanted))
        if problems:
            shown = problems[:MAX_PROBLEMS]
            more = len(problems) - len(shown)
            raise DecisionImportError(
                f"{len(problems)} bad row(s), nothing recorded:\n  "
                + "\n  ".join(shown)
                + (f"\n  ... and {more} more" if more else ""),
                problems,
            )
        recorded: list[int] = []
        already = 0
        for item in sorted(wanted, key=lambda w: (w.decided_at, w.line)):
            alert = session.get(AuditAlert, item.alert_id)
            assert alert is not None  # checked above, in this transaction
            if _recorded(session, alert.alert_key, item):
                already += 1
                continue
            if not dry_run:
                made = append_decision(
                    session, alert, item.decision, item.reviewer, item.reason, item.decided_at
                )
                recorded.append(made.id)
            else:
                recorded.append(0)
        return DecisionImport(
            rows=len(rows),
            recorded=len(recorded),
            already_recorded=already,
            undecided=undecided,
            decision_ids=[i for i in recorded if i],
        )

    return _db.write(store, work, exclusive=True)


def _check(
    session: Session, line: int, row: dict[str, str], problems: list[str]
) -> _Wanted | None:
    found: list[str] = []
    try:
        decision = Decision(row.get("decision", "").strip().lower())
    except ValueError:
        choices = ", ".join(d.value for d in Decision)
        found.append(f"decision {row.get('decision', '')!r} is not one of {choices}")
        decision = Decision.ESCALATE
    reviewer, reason = row.get("reviewer", "").strip(), row.get("reason", "").strip()
    if not reviewer:
        found.append("no reviewer")
    if not reason:
        found.append("no reason")
    decided_at = _time(row.get("decided_at", ""), found)
    alert = _alert(session, row, found)
    if found or alert is None or decided_at is None:
        problems.append(f"line {line}: " + "; ".join(found or ["no alert"]))
        return None
    return _Wanted(line, alert.id, decision, reviewer, reason, decided_at)


def _time(text: str, found: list[str]) -> dt.datetime | None:
    text = text.strip()
    if not text:
        found.append("no decided_at time")
        return None
    try:
        value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        found.append(f"decided_at {text!r} is not an ISO 8601 time")
        return None
    if value.tzinfo is None:
        found.append(f"decided_at {text!r} has no time zone (write e.g. {text}+00:00)")
        return None
    if value > _db.now() + FUTURE_SLACK:
        found.append(f"decided_at {text!r} is in the future")
        return None
    return value.astimezone(dt.UTC)


def _alert(session: Session, row: dict[str, str], found: list[str]) -> AuditAlert | None:
    alert_text = row.get("alert_id", "").strip()
    party, reference = row.get("party_name", "").strip(), row.get("reference_number", "").strip()
    run_text = row.get("run_id", "").strip()
    if alert_text:
        if not alert_text.isdigit():
            found.append(f"alert_id {alert_text!r} is not a number")
            return None
        alert = session.get(AuditAlert, int(alert_text))
        if alert is None:
            found.append(f"no alert {alert_text}")
            return None
        if (party and party != (alert.party_name or "")) or (
            reference and reference != (alert.reference_number or "")
        ):
            found.append(
                f"alert {alert.id} is {alert.party_name!r} ~ {alert.reference_number}, "
                f"not {party!r} ~ {reference}"
            )
            return None
        return alert
    if not party or not reference:
        found.append("no alert_id, and no party_name and reference_number to find the alert")
        return None
    key = alert_key(party_fingerprint(party), reference)
    query = select(AuditAlert).where(
        AuditAlert.alert_key == key, AuditAlert.kind == KIND_MATCH
    )
    if run_text:
        if not run_text.isdigit():
            found.append(f"run_id {run_text!r} is not a number")
            return None
        query = query.where(AuditAlert.run_id == int(run_text))
    alert = session.scalars(query.order_by(AuditAlert.id.desc()).limit(1)).first()
    if alert is None:
        where = f" in run {run_text}" if run_text else ""
        found.append(f"no alert of {party!r} against {reference}{where}")
    return alert


def _order_problems(session: Session, wanted: Iterable[_Wanted]) -> Iterator[str]:
    """A new decision cannot go before the history it supersedes: its time must not be
    earlier than the latest decision already recorded on the same alert key."""
    latest: dict[str, dt.datetime | None] = {}
    for item in wanted:
        alert = session.get(AuditAlert, item.alert_id)
        assert alert is not None
        if _recorded(session, alert.alert_key, item):
            continue
        if alert.alert_key not in latest:
            last = session.scalars(
                select(AuditDecision)
                .where(AuditDecision.alert_key == alert.alert_key)
                .order_by(AuditDecision.id.desc())
                .limit(1)
            ).first()
            latest[alert.alert_key] = _db.utc(last.decided_at) if last else None
        last_at = latest[alert.alert_key]
        if last_at is not None and item.decided_at < last_at:
            yield (
                f"line {item.line}: decided_at {item.decided_at.isoformat()} is before the "
                f"latest decision on alert {alert.id} ({last_at.isoformat()}); a decision "
                "is only ever added after the history it supersedes"
            )


def _recorded(session: Session, key: str, item: _Wanted) -> bool:
    for d in session.scalars(
        select(AuditDecision).where(
            AuditDecision.alert_key == key,
            AuditDecision.alert_id == item.alert_id,
            AuditDecision.decision == item.decision.value,
            AuditDecision.reviewer == item.reviewer,
        )
    ):
        if d.reason == item.reason and _db.utc(d.decided_at) == item.decided_at:
            return True
    return False


def _unescape(cell: str) -> str:
    """Undo :func:`~sanctions_screen.tabular.writer.neutralise`: a ``'`` it added goes."""
    if cell.startswith("'") and neutralise(cell[1:]) == cell:
        return cell[1:]
    return cell


__all__ = ["COLUMNS", "DecisionImport", "export_decisions", "import_decisions"]
