"""The audit trail: recorded runs, alert review, suppression of false positives, and
re-screening of past parties when the list changes. See ``docs/audit.md``."""

from __future__ import annotations

from sanctions_screen.audit.decisions import DecisionImport, export_decisions, import_decisions
from sanctions_screen.audit.details import ListedDetails, evidence_lines, listed_details
from sanctions_screen.audit.lease import mark_interrupted_runs
from sanctions_screen.audit.models import (
    AlertInfo,
    Decision,
    DecisionInfo,
    FieldChange,
    InputFile,
    RecordedRun,
    RescreenHit,
    RescreenReport,
)
from sanctions_screen.audit.observer import AuditObserver
from sanctions_screen.audit.queries import (
    export_run,
    get_alert,
    get_run,
    iter_export,
    list_runs,
    pending_alerts,
    run_alerts,
    run_rows,
)
from sanctions_screen.audit.recorder import (
    AlertInput,
    PartyInput,
    RowInput,
    RunRecorder,
    RunStart,
    algorithm_version,
)
from sanctions_screen.audit.rescreen import rescreen
from sanctions_screen.audit.retention import PruneInfo, PruneReport, prune_runs
from sanctions_screen.audit.review import decide, history

__all__ = [
    "AlertInfo",
    "AlertInput",
    "AuditObserver",
    "Decision",
    "DecisionImport",
    "DecisionInfo",
    "FieldChange",
    "InputFile",
    "ListedDetails",
    "PartyInput",
    "PruneInfo",
    "PruneReport",
    "RescreenHit",
    "RescreenReport",
    "RowInput",
    "RecordedRun",
    "RunRecorder",
    "RunStart",
    "algorithm_version",
    "decide",
    "evidence_lines",
    "export_decisions",
    "export_run",
    "get_alert",
    "get_run",
    "history",
    "import_decisions",
    "iter_export",
    "list_runs",
    "listed_details",
    "mark_interrupted_runs",
    "pending_alerts",
    "prune_runs",
    "rescreen",
    "run_alerts",
    "run_rows",
]
