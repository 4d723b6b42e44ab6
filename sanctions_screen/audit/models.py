"""What the audit trail hands back: pydantic views of runs, alerts, decisions, re-screens."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, computed_field

from sanctions_screen.audit.details import ListedDetails
from sanctions_screen.audit.retention import PruneInfo
from sanctions_screen.unlist.diff import FieldChange
from sanctions_screen.unlist.freshness import DEFAULT_MAX_LIST_AGE_DAYS, ListAge, list_age

__all__ = [
    "AlertInfo",
    "Decision",
    "DecisionInfo",
    "FieldChange",
    "InputFile",
    "ListedDetails",
    "RescreenHit",
    "RescreenReport",
    "RecordedRun",
]


class Decision(StrEnum):
    """An analyst's decision on an alert."""

    TRUE_MATCH = "true_match"
    FALSE_POSITIVE = "false_positive"
    ESCALATE = "escalate"


class _View(BaseModel):
    model_config = ConfigDict(frozen=True)


class InputFile(_View):
    """One input of a run, fingerprinted."""

    path: str
    sha256: str | None = None
    size_bytes: int | None = None
    rows: int | None = None


class RecordedRun(_View):
    """A recorded screening run (without its rows)."""

    id: int
    status: str
    source: str
    started_at: dt.datetime
    finished_at: dt.datetime | None
    inputs: list[InputFile]
    input_sha256: str | None
    row_count: int
    list_version_id: int | None
    list_date_generated: str | None
    list_sha256: str | None
    config: dict[str, Any]
    config_hash: str | None
    algorithm_version: str
    counts: dict[str, Any]
    output_format: str | None
    output_sha256: str | None
    error: str | None = None
    alert_count: int = 0
    rows_by_status: dict[str, int] = {}
    """Rows screened by their status as recorded (``alert``, ``review``, ``suppressed``,
    ``clear``); with :attr:`rows_skipped` they add up to the rows read."""
    rows_skipped: int = 0
    """Bad rows reported and not screened."""
    alerts_by_state: dict[str, int] = {}
    """Alerts by :attr:`AlertInfo.state`: the latest decision, else ``open``,
    ``reopened`` or ``suppressed``; they add up to :attr:`alert_count`."""
    rows_with_alerts: int = 0
    """Rows that carry at least one alert (a row may carry several)."""
    pruned: PruneInfo | None = None
    """Set once ``runs prune`` dropped the run's clear rows: its alerts, decisions and
    metadata are kept, its output can no longer be exported byte for byte."""

    @property
    def rows_read(self) -> int:
        return sum(self.rows_by_status.values()) + self.rows_skipped

    @computed_field  # type: ignore[prop-decorator]
    @property
    def list_age(self) -> ListAge | None:
        """The list's age when the run started, against the limit the run was configured
        with (``max_list_age_days``; runs recorded before it existed: the default)."""
        if not self.list_date_generated:
            return None
        limit = self.config.get("max_list_age_days", DEFAULT_MAX_LIST_AGE_DAYS)
        return list_age(self.list_date_generated, max_days=int(limit), now=self.started_at)


class DecisionInfo(_View):
    id: int
    alert_id: int
    decision: Decision
    reviewer: str
    reason: str
    decided_at: dt.datetime
    supersedes_id: int | None


class AlertInfo(_View):
    """One recorded alert with its evidence and its review state."""

    id: int
    run_id: int
    row_position: int
    row_line: int | None
    kind: str
    status: str
    """``open``, ``suppressed`` (by an earlier false positive) or ``reopened``."""
    party_name: str | None
    role: str | None
    reference_number: str | None
    list_type: str | None
    regime: str | None
    matched_name: str | None
    score: float | None
    flag: str | None
    flags: list[dict[str, Any]]
    summary: str
    evidence: dict[str, Any]
    suppressed_by: int | None
    changes: list[FieldChange]
    decision: DecisionInfo | None
    """This alert's current (latest) decision, if any."""
    note: str | None = None
    """What an earlier false positive on the same party and entry did to this alert:
    ``suppressed: false positive (decision 3)``, or why it did not hold (re-opened on
    stronger evidence or an amended entry, or it covered another identity)."""
    listed: ListedDetails | None = None
    """For a ``match``: the list entry's details (dates of birth, nationality, documents,
    listed-on date, regime, UN reference and link) in the list version screened against."""

    @computed_field  # type: ignore[prop-decorator]
    @property
    def state(self) -> str:
        """What an analyst sees first: the latest decision on this alert
        (``true_match``, ``false_positive``, ``escalate``) once there is one, else
        its status (``open``, ``reopened``, ``suppressed``)."""
        return self.decision.decision.value if self.decision else self.status

    @property
    def pending(self) -> bool:
        return self.decision is None and self.status != "suppressed"


class RescreenHit(_View):
    """A past party that now hits a new or amended designation, or a re-opened alert."""

    kind: str
    """``new_hit`` or ``reopened``."""
    run_id: int
    row_position: int
    row_line: int | None = None
    party_name: str
    reference_number: str
    change: str
    """``added`` or ``amended``: what happened to the list entry."""
    matched_name: str | None
    score: float | None
    summary: str
    alert_id: int | None = None
    changes: list[FieldChange] = []


class OutputFile(_View):
    """A file a cluster run wrote, with its sha256 when it was written."""

    path: str
    sha256: str


class RowsNotRescreened(_View):
    """Rows of a covered run that a re-screen could not reach: a cluster run records its
    clear rows only as a count, their parties live in its Parquet output alone."""

    run_id: int
    rows: int
    outputs: list[OutputFile] = []
    """Where the rows are: re-screen those files against the new list to cover them."""


class RescreenReport(_View):
    """The outcome of :func:`~sanctions_screen.audit.rescreen.rescreen`."""

    id: int
    to_version_id: int | None
    to_date_generated: str | None
    from_version_ids: list[int]
    added: int
    amended: int
    parties_screened: int
    runs_covered: int
    runs_skipped: int = 0
    """Runs screened against a list file never imported: no stored version to diff from."""
    runs_incomplete: list[int] = []
    """Covered runs that did not complete (interrupted or failed): only the rows their
    trail holds were re-screened; the rows they never reached were never screened."""
    runs_not_covered: list[int] = []
    """Runs still running when the re-screen started: not covered; re-screen again later."""
    hits: list[RescreenHit]
    not_rescreened: list[RowsNotRescreened] = []
    """Rows of covered runs whose parties are not in the trail (cluster runs' clear rows)."""

    @property
    def rows_not_rescreened(self) -> int:
        return sum(n.rows for n in self.not_rescreened)

    @property
    def new_hits(self) -> list[RescreenHit]:
        return [h for h in self.hits if h.kind == "new_hit"]

    @property
    def reopened(self) -> list[RescreenHit]:
        return [h for h in self.hits if h.kind == "reopened"]
