"""False positives suppress the same alert later, until the list entry changes.

"The same alert" is the same :func:`~sanctions_screen.audit.fingerprint.alert_key`: the
same party (normalised name) against the same list entry (reference number), or the same
record content with the same record-level flag. The *latest* decision on that key counts:
a later ``true_match`` or ``escalate`` lifts a suppression.

When the entry the analyst cleared has been amended since (in the list version now used),
the alert re-opens, carrying the field changes as
:func:`~sanctions_screen.unlist.diff.entry_changes` reports them: a field that only
appeared in the newer serialisation (``HAS_INTERPOL_LINK`` in 2026) is no amendment.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from sanctions_screen.audit.fingerprint import entry_fingerprint
from sanctions_screen.audit.models import Decision, FieldChange
from sanctions_screen.audit.tables import (
    ALERT_OPEN,
    ALERT_REOPENED,
    ALERT_SUPPRESSED,
    AuditAlert,
    AuditDecision,
    AuditRun,
)
from sanctions_screen.unlist.diff import entry_changes
from sanctions_screen.unlist.models import ListEntry


@dataclass(frozen=True)
class Verdict:
    """What a past decision means for a new alert."""

    status: str
    decision_id: int | None = None
    changes: tuple[FieldChange, ...] = ()


OPEN = Verdict(ALERT_OPEN)


@dataclass(frozen=True)
class Cleared:
    """A false-positive decision in force and the entry as the analyst saw it."""

    decision_id: int
    entry_fingerprint: str | None
    entry_json: str | None
    schema_fields: frozenset[str]


def latest_decisions(
    session: Session, keys: Iterable[str] | None = None
) -> dict[str, AuditDecision]:
    """The latest decision for each alert key (all keys when ``keys`` is None)."""
    query = select(AuditDecision).order_by(AuditDecision.id)
    if keys is not None:
        query = query.where(AuditDecision.alert_key.in_(sorted(set(keys))))
    latest: dict[str, AuditDecision] = {}
    for row in session.scalars(query):
        latest[row.alert_key] = row
    return latest


class SuppressionIndex:
    """The false positives in force, loaded once per run."""

    def __init__(self, cleared: dict[str, Cleared], schema_fields: frozenset[str]) -> None:
        self._cleared = cleared
        self._schema = schema_fields
        self._cache: dict[tuple[str, str], Verdict] = {}

    @classmethod
    def load(
        cls, session: Session, schema_fields: frozenset[str] = frozenset()
    ) -> SuppressionIndex:
        """``schema_fields``: element paths of the list version the new run uses."""
        cleared: dict[str, Cleared] = {}
        for key, decision in latest_decisions(session).items():
            if decision.decision == Decision.FALSE_POSITIVE:
                cleared[key] = _cleared(session, decision)
        return cls(cleared, schema_fields)

    def __len__(self) -> int:
        return len(self._cleared)

    def cleared(self, key: str) -> Cleared | None:
        return self._cleared.get(key)

    def verdict(self, key: str, current: ListEntry | None) -> Verdict:
        """Suppressed, re-opened (the entry was amended since), or open."""
        found = self._cleared.get(key)
        if found is None:
            return OPEN
        if current is None or found.entry_json is None:
            return Verdict(ALERT_SUPPRESSED, found.decision_id)
        current_fp = entry_fingerprint(current)
        if found.entry_fingerprint == current_fp:
            return Verdict(ALERT_SUPPRESSED, found.decision_id)
        cache_key = (key, current_fp)
        if cache_key not in self._cache:
            changes = amendments(found, current, self._schema)
            status = ALERT_REOPENED if changes else ALERT_SUPPRESSED
            self._cache[cache_key] = Verdict(status, found.decision_id, tuple(changes))
        return self._cache[cache_key]


def amendments(
    cleared: Cleared, current: ListEntry, schema_fields: frozenset[str]
) -> list[FieldChange]:
    """Changes of the entry since it was cleared, fields of one serialisation left out."""
    if cleared.entry_json is None:
        return []
    before = ListEntry.model_validate_json(cleared.entry_json)
    ignored = (
        cleared.schema_fields ^ schema_fields
        if cleared.schema_fields and schema_fields
        else frozenset()
    )
    return entry_changes(before, current, ignored)


def _cleared(session: Session, decision: AuditDecision) -> Cleared:
    alert = session.get(AuditAlert, decision.alert_id)
    if alert is None:
        return Cleared(decision.id, None, None, frozenset())
    run = session.get(AuditRun, alert.run_id)
    schema = frozenset(json.loads(run.list_schema_json)) if run else frozenset()
    return Cleared(decision.id, alert.entry_fingerprint, alert.entry_json, schema)
