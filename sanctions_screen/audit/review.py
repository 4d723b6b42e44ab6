"""Review decisions: recorded, never overwritten, superseded by later ones."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sanctions_screen.audit import _db
from sanctions_screen.audit._db import StoreLike
from sanctions_screen.audit.models import Decision, DecisionInfo
from sanctions_screen.exceptions import AuditError
from sanctions_screen.store.audit_tables import AuditAlert, AuditDecision


def decide(
    store: StoreLike,
    alert_id: int,
    decision: Decision | str,
    *,
    reviewer: str,
    reason: str,
    at: dt.datetime | None = None,
) -> DecisionInfo:
    """Record an analyst's decision on an alert.

    The previous decision on the same alert (or on an earlier alert with the same key) is
    kept and marked superseded by this one. A ``false_positive`` suppresses the same alert
    in later runs until the list entry changes.

    >>> decide(store, 12, "false_positive", reviewer="ana", reason="DOB differs")  # doctest: +SKIP
    """
    kind = _decision(decision)
    if not reviewer.strip():
        raise AuditError("a decision needs a reviewer")
    if not reason.strip():
        raise AuditError("a decision needs a reason")
    when = _db.utc(at) if at is not None else _db.now()

    def work(session: Session) -> DecisionInfo:
        alert = session.get(AuditAlert, alert_id)
        if alert is None:
            raise AuditError(f"no alert {alert_id}")
        return to_info(append_decision(session, alert, kind, reviewer, reason, when))

    return _db.write(store, work, exclusive=True)


def append_decision(
    session: Session,
    alert: AuditAlert,
    kind: Decision,
    reviewer: str,
    reason: str,
    when: dt.datetime,
) -> AuditDecision:
    """Add a decision at the end of its key's history, in a write taken with
    ``exclusive=True`` (see :func:`decide`; ``decisions import`` records a file's rows
    in one such write)."""
    _lock_history(session, alert.alert_key)
    previous = session.scalar(
        select(func.max(AuditDecision.id)).where(AuditDecision.alert_key == alert.alert_key)
    )
    row = AuditDecision(
        alert_id=alert.id,
        alert_key=alert.alert_key,
        decision=kind.value,
        reviewer=reviewer.strip(),
        reason=reason.strip(),
        decided_at=when,
        supersedes_id=previous,
    )
    session.add(row)
    session.flush()
    return row


def _lock_history(session: Session, key: str) -> None:
    """Serialise decisions on one key, so each supersedes the one before it: on
    PostgreSQL lock every alert of the key (in id order: two deciders never wait for each
    other crosswise); SQLite's write lock is taken before this (``exclusive``)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            select(AuditAlert.id)
            .where(AuditAlert.alert_key == key)
            .order_by(AuditAlert.id)
            .with_for_update()
        ).all()


def history(store: StoreLike, alert_id: int) -> list[DecisionInfo]:
    """Every decision on this alert and on earlier alerts with the same key, oldest first."""

    def work(session: Session) -> list[DecisionInfo]:
        alert = session.get(AuditAlert, alert_id)
        if alert is None:
            raise AuditError(f"no alert {alert_id}")
        rows = session.scalars(
            select(AuditDecision)
            .where(AuditDecision.alert_key == alert.alert_key)
            .order_by(AuditDecision.id)
        )
        return [to_info(row) for row in rows]

    return _db.read(store, work)


def to_info(row: AuditDecision) -> DecisionInfo:
    return DecisionInfo(
        id=row.id,
        alert_id=row.alert_id,
        decision=Decision(row.decision),
        reviewer=row.reviewer,
        reason=row.reason,
        decided_at=_db.utc(row.decided_at),
        supersedes_id=row.supersedes_id,
    )


def _decision(value: Decision | str) -> Decision:
    try:
        return Decision(value)
    except ValueError:
        choices = ", ".join(d.value for d in Decision)
        raise AuditError(f"unknown decision {value!r}: use one of {choices}") from None
