"""The counts a batch run reports at the end: rows, skipped rows by reason, statuses,
alerts by flag and by regime, time."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from sanctions_screen.exceptions import BadRowError
from sanctions_screen.tabular.reader import TableInfo
from sanctions_screen.tabular.results import RowResult

MAX_KEPT_BAD_ROWS = 1000
NO_LISTED_PARTY = "none"
"""The regime key of an alert raised by flags alone (DPRK nexus, goods), with no listed
party behind it."""


@dataclass
class BatchSummary:
    """Counts for the final report (and for the observer's ``on_finish``)."""

    inputs: tuple[TableInfo, ...] = ()
    rows_read: int = 0
    rows_screened: int = 0
    rows_skipped: int = 0
    skipped_by_reason: Counter[str] = field(default_factory=Counter)
    bad_rows: list[BadRowError] = field(default_factory=list)
    """The first :data:`MAX_KEPT_BAD_ROWS` bad rows (all are counted)."""
    statuses: Counter[str] = field(default_factory=Counter)
    alerts_by_flag: Counter[str] = field(default_factory=Counter)
    alerts_by_regime: Counter[str] = field(default_factory=Counter)
    """Regime code (``KP``, ``QD``...) of the listed parties behind each alert; an alert with
    no listed party (flags only) counts under :data:`NO_LISTED_PARTY`."""
    names_truncated: int = 0
    """Rows with a name screened only in part (cut to the screener's bounds)."""
    identifiers_not_compared: int = 0
    """Rows with an identifier left uncompared (an IMO number failing its check digit)."""
    unscreened_columns: list[str] = field(default_factory=list)
    """``file: column`` of each column that reads like names and that nothing screens."""
    ignored_columns: list[str] = field(default_factory=list)
    """``file: column`` of each column left out on request (``--ignore-column``)."""
    started_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    seconds: float = 0.0

    @property
    def alerts(self) -> int:
        return self.statuses["alert"]

    @property
    def rows_per_second(self) -> float:
        return self.rows_read / self.seconds if self.seconds > 0 else 0.0

    @property
    def warnings(self) -> list[str]:
        columns = [
            f"{column}: looks like names but is not screened; map it with --party ROLE=COLUMN "
            "(or --name-column), or leave it out with --ignore-column"
            for column in self.unscreened_columns
        ]
        return [w for info in self.inputs for w in info.warnings] + columns

    @property
    def not_screened(self) -> dict[str, int]:
        """What the run did not screen, by kind; all zero when everything was screened."""
        return {
            "rows skipped": self.rows_skipped,
            "names truncated": self.names_truncated,
            "identifiers not compared": self.identifiers_not_compared,
            "columns unscreened": len(self.unscreened_columns),
        }

    @property
    def has_problems(self) -> bool:
        """Whether anything was left unscreened (the CLI's exit code 4 without alerts)."""
        return any(self.not_screened.values())

    def add(self, result: RowResult) -> None:
        self.rows_screened += 1
        warnings = result.outcome.warnings
        if warnings:
            if any("truncated" in w for w in warnings):
                self.names_truncated += 1
            if any("not compared" in w for w in warnings):
                self.identifiers_not_compared += 1
        self.statuses[result.status] += 1
        if result.status == "alert":
            self.alerts_by_flag.update(result.outcome.flags or ("listed_party",))
            self.alerts_by_regime.update(result.outcome.regimes or (NO_LISTED_PARTY,))

    def skip(self, error: BadRowError) -> None:
        self.rows_skipped += 1
        self.skipped_by_reason[reason_kind(error.reason)] += 1
        if len(self.bad_rows) < MAX_KEPT_BAD_ROWS:
            self.bad_rows.append(error)


def reason_kind(reason: str) -> str:
    """Group bad-row reasons for the summary: ``"expected 5 fields, found 3"`` -> ``"wrong
    field count"``."""
    if reason.startswith("expected "):
        return "wrong field count"
    if reason.startswith("undecodable"):
        return "undecodable bytes"
    if reason.startswith("empty name"):
        return "empty name"
    if reason.startswith("a quoted field runs over lines") or "a quote left open?" in reason:
        return "stray quote (its lines re-read)"
    if reason.startswith("line longer than"):
        return "line too long"
    if reason.startswith("field longer than"):
        return "field too long"
    return re.sub(r"'[^']*'", "...", reason.split(" (")[0])
