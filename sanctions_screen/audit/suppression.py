"""False positives suppress the same alert later: the same party, as identified, against
the same list entry in the same state, on no stronger evidence.

"The same alert" is the same :func:`~sanctions_screen.audit.fingerprint.alert_key` (the
party's folded name against the entry's reference number, or a record's content with a
record-level flag) **and** the same identity as given
(:func:`~sanctions_screen.audit.fingerprint.party_identity`: date of birth, country or
nationality, identifiers). The latest decision on that key and identity counts: a later
``true_match`` or ``escalate`` lifts a suppression.

A false positive does not hold, and the alert re-opens citing it, when the new alert
brings stronger evidence than the one cleared: an identifier that matches the entry, a
date of birth that matches it (a full date where only a year matched), a higher score
band (review -> alert); or when the entry has been amended since (its field changes, as
:func:`~sanctions_screen.unlist.diff.entry_changes` reports them: a field that only
appeared in the newer serialisation, ``HAS_INTERPOL_LINK`` in 2026, is no amendment). A
party of the same name with another identity is not covered either: its alert stays open
and says which decision covered whom.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sanctions_screen.audit.fingerprint import (
    entry_fingerprint,
    identity_fingerprint,
    party_identity,
)
from sanctions_screen.audit.models import Decision, FieldChange
from sanctions_screen.store.audit_tables import (
    ALERT_OPEN,
    ALERT_REOPENED,
    ALERT_SUPPRESSED,
    AuditAlert,
    AuditDecision,
    AuditParty,
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
    reasons: tuple[str, ...] = ()
    """Why a false positive does not hold (re-opened), or whom it covered (open)."""


OPEN = Verdict(ALERT_OPEN)

BAND_NAMES = ("below review", "review", "alert")


@dataclass(frozen=True)
class Thresholds:
    """The score bands: below review, review, alert (the run's configuration)."""

    review: float
    alert: float

    def band(self, score: float | None) -> int:
        if score is None:
            return 0
        return 2 if score >= self.alert else 1 if score >= self.review else 0

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> Thresholds:
        from sanctions_screen.matching.config import ScreeningConfig

        default = ScreeningConfig()
        alert = config.get("threshold", default.threshold)
        review = config.get("review_threshold", default.review_threshold)
        return cls(float(review), float(alert))


@dataclass(frozen=True)
class Evidence:
    """What an alert rests on, to compare a new alert with the one an analyst cleared."""

    identity: str
    """:func:`~sanctions_screen.audit.fingerprint.identity_fingerprint` ('' for a flag)."""
    described: str
    score: float | None = None
    identifier: str = ""
    """The first identifier adjustment (``"passport number 108210124 matches"``), if any."""
    birth: int = 0
    """0: no date of birth matches; 1: the birth year is listed; 2: the full date matches."""

    @classmethod
    def of(
        cls, query: Mapping[str, Any] | None, score: float | None, evidence: Mapping[str, Any]
    ) -> Evidence:
        explanation = evidence.get("explanation")
        adjustments = explanation.get("adjustments", ()) if isinstance(explanation, Mapping) else ()
        identifier, birth = "", 0
        for item in adjustments or ():
            if not isinstance(item, Mapping):
                continue
            kind, reason = item.get("evidence"), str(item.get("reason", ""))
            if kind == "identifier" and not identifier:
                identifier = reason
            elif kind == "date_of_birth" and float(item.get("delta") or 0) > 0:
                birth = max(birth, 2 if reason.startswith("birth date") else 1)
        if query is None:
            return cls("", "", score, identifier, birth)
        return cls(identity_fingerprint(query), describe(query), score, identifier, birth)


def describe(query: Mapping[str, Any]) -> str:
    """``JO YONG WON, born 1990-01-01, Singapore`` (what the identity was given as)."""
    identity = party_identity(query)
    parts = [str(query.get("name") or "")]
    if identity["birth_date"]:
        parts.append(f"born {identity['birth_date']}")
    if query.get("country"):
        parts.append(str(query["country"]).strip())
    if identity["identifiers"]:
        parts.append("ids " + " ".join(identity["identifiers"]))
    return ", ".join(parts)


@dataclass(frozen=True)
class Cleared:
    """A false-positive decision in force, what it was taken on, and the entry as the
    analyst saw it."""

    decision_id: int
    entry_fingerprint: str | None
    entry_json: str | None
    schema_fields: frozenset[str]
    evidence: Evidence | None = None


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
    """The decisions in force by alert key and identity, loaded once per run."""

    def __init__(
        self,
        cleared: dict[str, dict[str, Cleared | None]],
        schema_fields: frozenset[str],
        thresholds: Thresholds | None = None,
    ) -> None:
        self._by_key = cleared
        """key -> identity -> the false positive in force (None: the latest decision on
        that identity is not a false positive)."""
        self._schema = schema_fields
        self._thresholds = thresholds or Thresholds.from_config({})
        self._cache: dict[tuple[str, str, str], tuple[FieldChange, ...]] = {}

    @classmethod
    def load(
        cls,
        session: Session,
        schema_fields: frozenset[str] = frozenset(),
        thresholds: Thresholds | None = None,
    ) -> SuppressionIndex:
        """``schema_fields``: element paths of the list version the new run uses."""
        found = session.execute(
            select(AuditDecision, AuditAlert, AuditParty.query_json)
            .join(AuditAlert, AuditDecision.alert_id == AuditAlert.id)
            .outerjoin(AuditParty, AuditAlert.party_id == AuditParty.id)
            .order_by(AuditDecision.id)
        )
        schemas: dict[int, frozenset[str]] = {}
        by_key: dict[str, dict[str, Cleared | None]] = {}
        for decision, alert, query_json in found:
            evidence = alert_evidence(alert, query_json)
            entry: Cleared | None = None
            if decision.decision == Decision.FALSE_POSITIVE:
                if alert.run_id not in schemas:
                    schemas[alert.run_id] = _schema(session, alert.run_id)
                entry = Cleared(
                    decision.id,
                    alert.entry_fingerprint,
                    alert.entry_json,
                    schemas[alert.run_id],
                    evidence,
                )
            by_key.setdefault(decision.alert_key, {})[evidence.identity] = entry
        return cls(by_key, schema_fields, thresholds)

    def __len__(self) -> int:
        return sum(1 for ids in self._by_key.values() for c in ids.values() if c)

    def has(self, key: str) -> bool:
        """Whether any decision was taken on ``key`` (most alerts: none)."""
        return key in self._by_key

    def cleared(self, key: str, identity: str = "") -> Cleared | None:
        return self._by_key.get(key, {}).get(identity)

    def verdict(
        self, key: str, current: ListEntry | None, evidence: Evidence | None = None
    ) -> Verdict:
        """Suppressed, re-opened (stronger evidence, or the entry was amended since), or
        open (no false positive in force, or one on another identity: cited)."""
        decisions = self._by_key.get(key)
        if not decisions:
            return OPEN
        evidence = evidence or Evidence("", "")
        if evidence.identity in decisions:
            found = decisions[evidence.identity]
            if found is None:
                return OPEN  # the latest decision on this very identity is not a false positive
            reasons = self._stronger(found, evidence)
        else:
            others = [c for c in decisions.values() if c is not None]
            if not others:
                return OPEN
            found = max(others, key=lambda c: c.decision_id)
            reasons = self._stronger(found, evidence)
            if not reasons:
                return Verdict(
                    ALERT_OPEN,
                    found.decision_id,
                    reasons=(f"it cleared another identity: {_described(found)}",),
                )
        changes = self._amendments(key, found, current)
        if changes:
            fields = ", ".join(sorted({c.field for c in changes}))
            reasons = (*reasons, f"entry amended: {fields}")
        if not reasons:
            return Verdict(ALERT_SUPPRESSED, found.decision_id)
        return Verdict(ALERT_REOPENED, found.decision_id, changes, tuple(reasons))

    def _stronger(self, cleared: Cleared, new: Evidence) -> tuple[str, ...]:
        """What the new alert has that the cleared one had not."""
        old = cleared.evidence
        if old is None or not old.identity:
            return ()
        reasons: list[str] = []
        if new.identifier and not old.identifier:
            reasons.append(f"identifier: {new.identifier}")
        if new.birth > old.birth:
            reasons.append("date of birth matches" if new.birth == 2 else "birth year listed")
        band_old, band_new = self._thresholds.band(old.score), self._thresholds.band(new.score)
        if band_new > band_old:
            reasons.append(
                f"score {new.score:.2f} ({BAND_NAMES[band_new]}) above the cleared "
                f"{old.score or 0:.2f} ({BAND_NAMES[band_old]})"
            )
        if reasons and new.identity != old.identity:
            reasons.append(f"cleared was {_described(cleared)}")
        return tuple(reasons)

    def _amendments(
        self, key: str, found: Cleared, current: ListEntry | None
    ) -> tuple[FieldChange, ...]:
        if current is None or found.entry_json is None:
            return ()
        current_fp = entry_fingerprint(current)
        if found.entry_fingerprint == current_fp:
            return ()
        cache_key = (key, str(found.decision_id), current_fp)
        if cache_key not in self._cache:
            self._cache[cache_key] = tuple(amendments(found, current, self._schema))
        return self._cache[cache_key]


def _described(cleared: Cleared) -> str:
    text = cleared.evidence.described if cleared.evidence else ""
    return text or "a party of this name"


def alert_evidence(alert: AuditAlert, query_json: str | None) -> Evidence:
    """The evidence of a recorded alert (``query_json``: its party's screening input)."""
    if alert.kind != "match":
        return Evidence("", "", alert.score)
    query: dict[str, Any] = json.loads(query_json) if query_json else {}
    query.setdefault("name", alert.party_name or "")
    return Evidence.of(query, alert.score, json.loads(alert.evidence_json or "{}"))


def _schema(session: Session, run_id: int) -> frozenset[str]:
    run = session.get(AuditRun, run_id)
    return frozenset(json.loads(run.list_schema_json)) if run else frozenset()


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
