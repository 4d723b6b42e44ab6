"""The public API is a contract: this pins it (as httpx's test of the same name does)."""

from __future__ import annotations

import subprocess
import sys

import sanctions_screen

PUBLIC = [
    "AuditError", "AuditObserver", "BadRowError", "BatchRun", "BatchSummary", "ColumnMapping",
    "ConfigError", "Decision", "DiplomaticRecord", "DownloadError", "Flag", "InputError",
    "InvalidQueryError", "ListAge", "ListDiff", "ListEntry", "ListError", "ListParseError",
    "ListSanityError", "ListTooLargeError", "ListVersionMismatchError", "Match",
    "NoActiveListError", "NotAListError", "OutputError", "Party", "PartyResult", "RecordResult",
    "RescreenReport", "ResolvedList", "RowResult", "Rules", "RulesFileError",
    "RunNotFoundError", "SCREEN_COLUMNS", "SanctionsList", "Screener", "ScreeningConfig",
    "ScreeningError", "ScreeningObserver", "ScreeningResult", "Store", "StoreError",
    "TradeRecord", "TruncatedListError", "UnsafeXMLError", "VersionNotFoundError",
    "__version__", "bundled_list", "compare_names", "decide", "default_db_url", "diff_lists",
    "export_run", "find_places", "get_run", "list_age", "list_runs", "load_list", "load_rules",
    "mark_interrupted_runs", "open_store", "open_table", "open_workbook", "parse_list",
    "parse_list_file", "pending_alerts", "read_records", "record_from_row", "rescreen",
    "resolve_country", "resolve_list", "run_alerts", "screen_file", "screen_frame",
    "screen_record", "screen_records", "screen_table", "summarize", "update_list", "write_report",
    "write_results",
]  # fmt: skip


def test_all_is_pinned() -> None:
    assert sanctions_screen.__all__ == sorted(PUBLIC)


def test_all_and_the_lazy_table_agree() -> None:
    assert set(sanctions_screen.__all__) == {*sanctions_screen._EXPORTS, "__version__"}


def test_every_public_name_resolves_and_says_where_it_lives() -> None:
    for name in sanctions_screen.__all__:
        value = getattr(sanctions_screen, name)
        assert value is not None, name


def test_errors_share_one_root() -> None:
    errors = [getattr(sanctions_screen, n) for n in PUBLIC if n.endswith("Error")]
    assert all(issubclass(e, sanctions_screen.ScreeningError) for e in errors)


def test_importing_the_package_is_light() -> None:
    """Screening must not pay for the store, HTTP or report libraries at import time."""
    code = (
        "import sys, sanctions_screen; "
        "print(sorted(m for m in ('sqlalchemy', 'alembic', 'httpx', 'rapidfuzz') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
