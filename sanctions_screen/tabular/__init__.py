"""Reading, screening and writing CSV/TSV files: the library behind ``sanctions-screen screen``.

- :func:`open_table` / :class:`Table`: streaming reader (encodings, delimiters, preambles,
  bad rows by physical line); :func:`read_records`: the same rows as trade or diplomatic
  records.
- :class:`ColumnMapping`: which columns hold the names, parties and evidence.
- :class:`BatchRun` / :func:`screen_file` / :func:`write_results`: screening in order, in
  worker processes, with a :class:`BatchSummary` and an optional
  :class:`ScreeningObserver`.
- :data:`SCREEN_COLUMNS`, :func:`neutralise`: the Excel-safe CSV output.
"""

from __future__ import annotations

from sanctions_screen.tabular.batch import (
    BatchRun,
    BatchSummary,
    RunInfo,
    ScreeningObserver,
    screen_file,
    write_results,
)
from sanctions_screen.tabular.excel import open_workbook
from sanctions_screen.tabular.mapping import ColumnMapping
from sanctions_screen.tabular.reader import Row, Table, TableInfo, open_table
from sanctions_screen.tabular.records import read_records
from sanctions_screen.tabular.results import Outcome, RowResult
from sanctions_screen.tabular.writer import SCREEN_COLUMNS, neutralise

__all__ = [
    "SCREEN_COLUMNS",
    "BatchRun",
    "BatchSummary",
    "ColumnMapping",
    "Outcome",
    "Row",
    "RowResult",
    "RunInfo",
    "ScreeningObserver",
    "Table",
    "TableInfo",
    "neutralise",
    "open_table",
    "open_workbook",
    "read_records",
    "screen_file",
    "write_results",
]
