"""Recording a run screened on a Dask cluster: the trail at scale.

A cluster run may cover hundreds of millions of rows, so its clear rows are not recorded
row by row: they live only in the run's Parquet output. The trail keeps what a
compliance review needs:

- the run, its inputs (paths, sizes, sha256 and row counts), the list version (pinned by
  sha256 on every worker) and the configuration, as for any run;
- every row that is not clear (alerts, reviews, rows that could not be screened), with
  its source row id (input file and row number) and its full explanation: those rows
  are screened again here, against the same pinned list, and recorded through the usual
  :class:`~sanctions_screen.audit.observer.AuditObserver`, so earlier review decisions
  apply to them as to any run;
- the clear rows as a count, and each output file with its sha256 (``counts.cluster``
  in ``runs show --json``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path
from typing import Any

from sanctions_screen.audit.observer import AuditObserver
from sanctions_screen.dask import ClusterResult
from sanctions_screen.matching.config import ScreeningConfig
from sanctions_screen.tabular.arrow import RowsSource
from sanctions_screen.tabular.batch import BatchRun
from sanctions_screen.tabular.mapping import ColumnMapping
from sanctions_screen.tabular.reader import Row, TableInfo
from sanctions_screen.tabular.writer import SCREEN_COLUMNS
from sanctions_screen.unlist.models import SanctionsList


def record_cluster_run(
    store: Any,
    result: ClusterResult,
    sanctions_list: SanctionsList,
    *,
    mapping: ColumnMapping | None = None,
    config: ScreeningConfig | None = None,
    input_sha256: dict[str, str] | None = None,
    source: str = "cli-dask",
) -> BatchRun:
    """Record ``result`` in the audit trail of ``store``; returns the local run that
    recorded the flagged rows (its ``observer.run_id`` is the run's id, its ``summary``
    the whole run's counts)."""
    header = tuple(c for c in result.flagged.columns if c not in SCREEN_COLUMNS)
    by_file: dict[str, list[Row]] = defaultdict(list)
    for record in result.flagged.itertuples(index=False):
        values = dict(zip(result.flagged.columns, record, strict=True))
        path = str(values["screen_source"])
        by_file[path].append(
            Row(path, int(values["screen_line"]), tuple(_text(values[c]) for c in header), header)
        )
    hashes = input_sha256 or {}
    sources = []
    for path, rows in result.inputs:
        info = TableInfo(
            source=path,
            delimiter="",
            encoding="parquet",
            header=header,
            header_line=0,
            size=Path(path).stat().st_size if Path(path).exists() else None,
            sha256=hashes.get(path),
        )
        flagged = by_file.get(path, [])
        info.rows_read = rows - len(flagged)  # the clear ones; the flagged count as read
        sources.append(RowsSource(info, flagged))
    observer = AuditObserver(store, sanctions_list, source=source)
    observer.extra_counts = {
        "cluster": {
            "rows": result.rows,
            "clear_rows_not_recorded": result.statuses.get("clear", 0),
            "statuses_on_the_cluster": result.statuses,
            "outputs": [{"path": p, "sha256": h} for p, h in result.outputs],
            "seconds": round(result.seconds, 3),
        }
    }
    run = BatchRun(sources, sanctions_list, mapping=mapping, config=config, observer=observer)
    clear = result.statuses.get("clear", 0)
    run.summary.rows_screened += clear  # counted, not recorded row by row
    run.summary.statuses["clear"] += clear
    run.summary.started_at = dt.datetime.now(dt.UTC)
    for _ in run:
        pass
    return run


def _text(value: Any) -> str:
    if value is None:
        return ""
    try:
        if value != value:  # NaN from a nullable column
            return ""
    except (TypeError, ValueError):
        pass
    return str(value)
