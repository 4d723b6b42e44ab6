"""sanctions_screen: screen trade and diplomatic records against the UN Consolidated List.

The names below are the public API (``tests/test_exported_members.py`` pins them);
everything else is internal. They load on first use, so importing the package for one
job does not pay for the database, HTTP and report libraries another job needs::

    from sanctions_screen import Screener, load_list

    screener = Screener(load_list("consolidated.xml"))
    result = screener.screen("Yuk Tung Energy Pte. Ltd.", kind="organization")
    result.best.reference_number   # 'KPe.075'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from sanctions_screen._kernel import install as _install_kernel
from sanctions_screen._version import __version__

# SANCTIONS_SCREEN_KERNEL=pure runs the .py sources of a compiled build (see _kernel): read
# before any module of the matcher is imported.
_install_kernel()

# public name -> module that defines it
_EXPORTS: dict[str, str] = {
    # the list: parse, load, compare versions, store, fetch
    "SanctionsList": "sanctions_screen.unlist.models",
    "ListEntry": "sanctions_screen.unlist.models",
    "parse_list": "sanctions_screen.unlist.parser",
    "parse_list_file": "sanctions_screen.unlist.parser",
    "load_list": "sanctions_screen.store.load",
    "bundled_list": "sanctions_screen.unlist.bundled",
    "resolve_list": "sanctions_screen.store.resolve",
    "ResolvedList": "sanctions_screen.store.resolve",
    "list_age": "sanctions_screen.unlist.freshness",
    "ListAge": "sanctions_screen.unlist.freshness",
    "diff_lists": "sanctions_screen.unlist.diff",
    "ListDiff": "sanctions_screen.unlist.diff",
    "update_list": "sanctions_screen.store.update",
    "open_store": "sanctions_screen.store.db",
    "Store": "sanctions_screen.store.db",
    "default_db_url": "sanctions_screen.store.db",
    # matching
    "Screener": "sanctions_screen.matching.screener",
    "ScreeningConfig": "sanctions_screen.matching.config",
    "ScreeningResult": "sanctions_screen.matching.result",
    "Match": "sanctions_screen.matching.result",
    "compare_names": "sanctions_screen.matching.compare",
    # records, places and flags
    "TradeRecord": "sanctions_screen.records",
    "DiplomaticRecord": "sanctions_screen.records",
    "Party": "sanctions_screen.records",
    "RecordResult": "sanctions_screen.records",
    "PartyResult": "sanctions_screen.records",
    "Flag": "sanctions_screen.records",
    "Rules": "sanctions_screen.records",
    "load_rules": "sanctions_screen.records",
    "record_from_row": "sanctions_screen.records",
    "read_records": "sanctions_screen.tabular",
    "screen_record": "sanctions_screen.records",
    "screen_records": "sanctions_screen.records",
    "summarize": "sanctions_screen.records",
    "resolve_country": "sanctions_screen.places",
    "find_places": "sanctions_screen.places",
    # files
    "open_table": "sanctions_screen.tabular",
    "open_workbook": "sanctions_screen.tabular",
    "ColumnMapping": "sanctions_screen.tabular",
    "screen_file": "sanctions_screen.tabular",
    "write_results": "sanctions_screen.tabular",
    "BatchRun": "sanctions_screen.tabular",
    "BatchSummary": "sanctions_screen.tabular",
    "RowResult": "sanctions_screen.tabular",
    "ScreeningObserver": "sanctions_screen.tabular",
    "SCREEN_COLUMNS": "sanctions_screen.tabular",
    # DataFrames and Arrow tables (pip install "sanctions-screen[parquet]")
    "screen_frame": "sanctions_screen.frames",
    "screen_table": "sanctions_screen.frames",
    # audit trail, review, re-screening, report
    "AuditObserver": "sanctions_screen.audit",
    "Decision": "sanctions_screen.audit",
    "decide": "sanctions_screen.audit",
    "rescreen": "sanctions_screen.audit",
    "RescreenReport": "sanctions_screen.audit",
    "list_runs": "sanctions_screen.audit",
    "get_run": "sanctions_screen.audit",
    "run_alerts": "sanctions_screen.audit",
    "pending_alerts": "sanctions_screen.audit",
    "export_run": "sanctions_screen.audit",
    "mark_interrupted_runs": "sanctions_screen.audit",
    "write_report": "sanctions_screen.report",
    # errors
    "ScreeningError": "sanctions_screen.exceptions",
    "ListError": "sanctions_screen.exceptions",
    "ListParseError": "sanctions_screen.exceptions",
    "UnsafeXMLError": "sanctions_screen.exceptions",
    "TruncatedListError": "sanctions_screen.exceptions",
    "NotAListError": "sanctions_screen.exceptions",
    "ListTooLargeError": "sanctions_screen.exceptions",
    "ListSanityError": "sanctions_screen.exceptions",
    "DownloadError": "sanctions_screen.exceptions",
    "StoreError": "sanctions_screen.exceptions",
    "NoActiveListError": "sanctions_screen.exceptions",
    "VersionNotFoundError": "sanctions_screen.exceptions",
    "ListVersionMismatchError": "sanctions_screen.exceptions",
    "ConfigError": "sanctions_screen.exceptions",
    "RulesFileError": "sanctions_screen.exceptions",
    "InputError": "sanctions_screen.exceptions",
    "BadRowError": "sanctions_screen.exceptions",
    "InvalidQueryError": "sanctions_screen.exceptions",
    "AuditError": "sanctions_screen.exceptions",
    "RunNotFoundError": "sanctions_screen.exceptions",
    "OutputError": "sanctions_screen.exceptions",
}

__all__ = [
    "AuditError",
    "AuditObserver",
    "BadRowError",
    "BatchRun",
    "BatchSummary",
    "ColumnMapping",
    "ConfigError",
    "Decision",
    "DiplomaticRecord",
    "DownloadError",
    "Flag",
    "InputError",
    "InvalidQueryError",
    "ListAge",
    "ListDiff",
    "ListEntry",
    "ListError",
    "ListParseError",
    "ListSanityError",
    "ListTooLargeError",
    "ListVersionMismatchError",
    "Match",
    "NoActiveListError",
    "NotAListError",
    "OutputError",
    "Party",
    "PartyResult",
    "RecordResult",
    "RescreenReport",
    "ResolvedList",
    "RowResult",
    "Rules",
    "RulesFileError",
    "RunNotFoundError",
    "SCREEN_COLUMNS",
    "SanctionsList",
    "Screener",
    "ScreeningConfig",
    "ScreeningError",
    "ScreeningObserver",
    "ScreeningResult",
    "Store",
    "StoreError",
    "TradeRecord",
    "TruncatedListError",
    "UnsafeXMLError",
    "VersionNotFoundError",
    "__version__",
    "bundled_list",
    "compare_names",
    "decide",
    "default_db_url",
    "diff_lists",
    "export_run",
    "find_places",
    "get_run",
    "list_age",
    "list_runs",
    "load_list",
    "load_rules",
    "mark_interrupted_runs",
    "open_store",
    "open_table",
    "open_workbook",
    "parse_list",
    "parse_list_file",
    "pending_alerts",
    "read_records",
    "record_from_row",
    "rescreen",
    "resolve_country",
    "resolve_list",
    "run_alerts",
    "screen_file",
    "screen_frame",
    "screen_record",
    "screen_records",
    "screen_table",
    "summarize",
    "update_list",
    "write_report",
    "write_results",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'sanctions_screen' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__


if TYPE_CHECKING:
    from sanctions_screen.audit import (
        AuditObserver,
        Decision,
        RescreenReport,
        decide,
        export_run,
        get_run,
        list_runs,
        pending_alerts,
        run_alerts,
    )
    from sanctions_screen.audit.rescreen import rescreen
    from sanctions_screen.exceptions import (
        AuditError,
        BadRowError,
        ConfigError,
        DownloadError,
        InputError,
        InvalidQueryError,
        ListError,
        ListParseError,
        ListSanityError,
        ListTooLargeError,
        NoActiveListError,
        NotAListError,
        RulesFileError,
        RunNotFoundError,
        ScreeningError,
        StoreError,
        TruncatedListError,
        UnsafeXMLError,
        VersionNotFoundError,
    )
    from sanctions_screen.matching.compare import compare_names
    from sanctions_screen.matching.config import ScreeningConfig
    from sanctions_screen.matching.result import Match, ScreeningResult
    from sanctions_screen.matching.screener import Screener
    from sanctions_screen.places import find_places, resolve_country
    from sanctions_screen.records import (
        DiplomaticRecord,
        Flag,
        Party,
        PartyResult,
        RecordResult,
        Rules,
        TradeRecord,
        load_rules,
        record_from_row,
        screen_record,
        screen_records,
        summarize,
    )
    from sanctions_screen.report import write_report
    from sanctions_screen.store.db import Store, default_db_url, open_store
    from sanctions_screen.store.load import load_list
    from sanctions_screen.store.resolve import ResolvedList, resolve_list
    from sanctions_screen.store.update import update_list
    from sanctions_screen.tabular import (
        SCREEN_COLUMNS,
        BatchRun,
        BatchSummary,
        ColumnMapping,
        RowResult,
        ScreeningObserver,
        open_table,
        open_workbook,
        read_records,
        screen_file,
        write_results,
    )
    from sanctions_screen.unlist.bundled import bundled_list
    from sanctions_screen.unlist.diff import ListDiff, diff_lists
    from sanctions_screen.unlist.freshness import ListAge, list_age
    from sanctions_screen.unlist.models import ListEntry, SanctionsList
    from sanctions_screen.unlist.parser import parse_list, parse_list_file
