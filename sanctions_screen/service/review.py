"""The review queries both the review API and the review page use."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal

from sanctions_screen.audit import _db
from sanctions_screen.audit.models import AlertInfo, DecisionInfo
from sanctions_screen.audit.queries import get_alert, pending_alerts, run_alerts, run_rows
from sanctions_screen.audit.review import history
from sanctions_screen.exceptions import InputError
from sanctions_screen.store.audit_tables import AuditAlert
from sanctions_screen.store.db import Store
from sanctions_screen.unlist.models import ListEntry

AlertStatus = Literal["open", "escalated", "decided", "all"]


@dataclass(frozen=True)
class AlertFilter:
    """Which alerts a queue shows."""

    status: AlertStatus = "open"
    run: int | None = None
    regime: str | None = None
    flag: str | None = None

    def matches(self, alert: AlertInfo) -> bool:
        if self.regime and (alert.regime or "").upper() != self.regime.upper():
            return False
        if self.flag and self.flag.upper() not in alert_flags(alert):
            return False
        decision = alert.decision.decision.value if alert.decision else None
        if self.status == "open":
            return decision is None and alert.status != "suppressed"
        if self.status == "escalated":
            return decision == "escalate"
        if self.status == "decided":
            return decision is not None
        return True


def alert_flags(alert: AlertInfo) -> set[str]:
    codes = {str(f.get("code", "")).upper() for f in alert.flags if isinstance(f, dict)}
    if alert.flag:
        codes.add(alert.flag.upper())
    codes.discard("")
    return codes


def find_alerts(store: Store, wanted: AlertFilter) -> list[AlertInfo]:
    """Alerts that pass ``wanted``, oldest first.

    Open and escalated alerts come from every run; decided ones and all of them need a run
    (the trail keeps every alert ever raised: a queue over all of them would be unbounded).
    """
    if wanted.status in ("open", "escalated"):
        found = pending_alerts(store, run_id=wanted.run, include_escalated=True)
    elif wanted.run is None:
        raise InputError(f"status={wanted.status} needs run=RUN")
    else:
        found = run_alerts(store, wanted.run)
    return [a for a in found if wanted.matches(a)]


@dataclass(frozen=True)
class AlertDetail:
    """An alert with what a reviewer reads: the screened row, the listed entry as it was
    when the alert was raised, and every decision on it (and on earlier alerts like it)."""

    alert: AlertInfo
    row: dict[str, Any] | None
    entry: ListEntry | None
    history: list[DecisionInfo]

    def to_dict(self) -> dict[str, Any]:
        return {
            "alert": self.alert.model_dump(mode="json"),
            "row": self.row,
            "entry": self.entry.model_dump(mode="json") if self.entry else None,
            "history": [d.model_dump(mode="json") for d in self.history],
        }


def alert_detail(store: Store, alert_id: int) -> AlertDetail:
    alert = get_alert(store, alert_id)
    rows = run_rows(store, alert.run_id, statuses=[_row_status(store, alert)])
    row = next((r for r in rows if r["position"] == alert.row_position), None)
    snapshot = _db.read(store, lambda s: _entry_json(s, alert_id))
    entry = ListEntry.model_validate_json(snapshot) if snapshot else None
    return AlertDetail(alert, row, entry, history(store, alert_id))


def _entry_json(session: Any, alert_id: int) -> str | None:
    row = session.get(AuditAlert, alert_id)
    return row.entry_json if row is not None else None


def _row_status(store: Store, alert: AlertInfo) -> str:
    from sanctions_screen.store.audit_tables import AuditRow

    def work(session: Any) -> str:
        from sqlalchemy import select

        found = session.scalar(
            select(AuditRow.status).where(
                AuditRow.run_id == alert.run_id, AuditRow.position == alert.row_position
            )
        )
        return str(found or "alert")

    return _db.read(store, work)


def as_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, default=str)
