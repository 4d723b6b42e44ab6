"""The audit trail: recorded runs, alert review, suppression of false positives, and
re-screening of past parties when the list changes. See ``docs/audit.md``."""

from __future__ import annotations

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
from sanctions_screen.audit.review import decide, history

__all__ = [
    "AlertInfo",
    "AlertInput",
    "AuditObserver",
    "Decision",
    "DecisionInfo",
    "FieldChange",
    "InputFile",
    "PartyInput",
    "RescreenHit",
    "RescreenReport",
    "RowInput",
    "RecordedRun",
    "RunRecorder",
    "RunStart",
    "algorithm_version",
    "decide",
    "export_run",
    "get_alert",
    "get_run",
    "history",
    "iter_export",
    "list_runs",
    "pending_alerts",
    "rescreen",
    "run_alerts",
    "run_rows",
]
