"""The outcome of screening one input row, as the writers and observers see it.

A :class:`RowResult` is light on purpose (a slotted dataclass built in the worker
processes and sent back to the parent): the status and best match for the CSV columns,
the flag codes, and, when asked for, ``detail`` with the library's full result as a dict
(explanation and evidence) for JSON Lines and the audit trail.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace
from typing import Any, Literal, NamedTuple

Status = Literal["clear", "review", "alert", "suppressed"]
STATUSES: tuple[Status, ...] = ("clear", "review", "alert", "suppressed")


class PartyOutcome(NamedTuple):
    """One screened party of a trade or diplomatic row (for ``screen_parties``)."""

    role: str
    field: str
    """The records layer's column (``consignee_name``); the writer shows the input column."""
    status: Status
    score: float | None = None
    reference: str = ""
    matched_name: str = ""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the screening worker returns for one row (no input echo)."""

    status: Status
    score: float | None = None
    reference: str = ""
    matched_name: str = ""
    list_type: str = ""
    regime: str = ""
    flags: tuple[str, ...] = ()
    explanation: str = ""
    regimes: tuple[str, ...] = ()
    """Regimes of every alerting match in the row (for the summary by regime)."""
    detail: dict[str, Any] | None = None
    parties: tuple[PartyOutcome, ...] = ()
    """Every party a trade or diplomatic row screened (a names row is its one party)."""
    warnings: tuple[str, ...] = ()
    """What of the row was screened only in part (a name cut to the screener's bounds)."""


@dataclass(frozen=True, slots=True)
class RowResult:
    """One screened row: where it came from, its input values, and its outcome.

    Observers may return a changed copy (``result.with_status("suppressed", note)``).
    """

    source: str
    line: int
    header: tuple[str, ...]
    values: tuple[str, ...]
    inputs: dict[str, str]
    """The screening inputs taken from the row, by canonical field name."""
    outcome: Outcome
    note: str = ""
    """Why an observer changed the status (e.g. the review decision that suppressed it)."""
    extra: dict[str, Any] = field(default_factory=dict)
    columns: dict[str, str] = field(default_factory=dict)
    """Canonical field -> the input column(s) it was read from (to name a party's
    column in ``screen_parties``); shared by the rows of one input."""
    key: bytes = b""
    """A digest of :attr:`inputs` when the run made one (a batch run caches outcomes by
    it): rows with the same key screened the same inputs."""

    @property
    def status(self) -> Status:
        return self.outcome.status

    @property
    def is_alert(self) -> bool:
        return self.outcome.status == "alert"

    def with_status(self, status: Status, note: str = "") -> RowResult:
        return replace(self, outcome=replace(self.outcome, status=status), note=note)

    def screen_cells(self) -> tuple[str, ...]:
        """Values of the appended CSV columns, in ``SCREEN_COLUMNS`` order."""
        o = self.outcome
        explanation = o.explanation
        if self.note:
            explanation = f"{explanation} [{self.note}]" if explanation else self.note
        for warning in o.warnings:
            explanation = f"{explanation} [{warning}]" if explanation else f"[{warning}]"
        return (
            o.status,
            "" if o.score is None else f"{o.score:.3f}",
            o.reference,
            o.matched_name,
            o.list_type,
            ";".join(o.flags),
            " ".join(explanation.split()) if explanation else "",
            self.source,
            str(self.line),
            self.parties_text(),
        )

    def parties_text(self) -> str:
        """``consignee (Consignee Name): alert 0.97 KPe.075 YUK TUNG ENERGY PTE LTD;
        shipper (Shipper): clear``: each screened party, its input column, status and,
        when not clear, score, reference and the list name that matched."""
        o = self.outcome
        if not o.parties and o.status == "clear":  # a clear names row: most rows
            return _clear_name_text(self.columns.get("name", "name"))
        parties = o.parties or (
            PartyOutcome("name", "name", o.status, o.score, o.reference, o.matched_name),
        )
        texts = []
        for p in parties:
            text = f"{p.role} ({self.columns.get(p.field, p.field)}): {p.status}"
            if p.status != "clear" and p.score is not None:
                text += f" {p.score:.2f} {p.reference} {p.matched_name}"
            texts.append(" ".join(text.split()))
        return "; ".join(texts)

    def to_dict(self) -> dict[str, Any]:
        o = self.outcome
        out = {
            "source": self.source,
            "line": self.line,
            "input": dict(zip(self.header, self.values, strict=True)),
            "status": o.status,
            "score": o.score,
            "reference": o.reference or None,
            "matched_name": o.matched_name or None,
            "list_type": o.list_type or None,
            "regime": o.regime or None,
            "flags": list(o.flags),
            "explanation": o.explanation,
            "note": self.note or None,
            "parties": self.parties_text(),
            "result": o.detail,
        }
        if o.warnings:
            out["warnings"] = list(o.warnings)
        return out


@functools.lru_cache(maxsize=64)
def _clear_name_text(column: str) -> str:
    """``parties_text`` of a clear names row whose name is read from ``column``."""
    return " ".join(f"name ({column}): clear".split())
