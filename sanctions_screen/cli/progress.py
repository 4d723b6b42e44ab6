"""The progress bar of ``sanctions-screen screen``: rows, rows/s and ETA on standard error.

Drawn only on a terminal; the bar follows bytes read (so the ETA holds for rows of any
length) and is indeterminate for standard input.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from sanctions_screen.tabular.batch import BatchRun

UPDATE_EVERY = 500


class RowsColumn(ProgressColumn):
    """``12,345 rows  4,321 rows/s``."""

    def render(self, task: Task) -> Text:
        rows = int(task.fields.get("rows", 0))
        elapsed = task.elapsed or 0.0
        rate = rows / elapsed if elapsed > 0 else 0.0
        return Text(f"{rows:,} rows  {rate:,.0f} rows/s")


@contextmanager
def track(run: BatchRun, console: Console, *, enabled: bool) -> Iterator[Callable[[object], None]]:
    """Yields ``tick(result)``, to be called once per result."""
    if not enabled:
        yield lambda _result: None
        return
    progress = Progress(
        TextColumn("screening"),
        BarColumn(),
        TaskProgressColumn(),
        RowsColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=console,
        transient=False,
    )
    task = progress.add_task("screen", total=run.total_bytes, rows=0)
    count = 0

    def tick(_result: object) -> None:
        nonlocal count
        count += 1
        if count % UPDATE_EVERY == 0:
            progress.update(task, completed=run.bytes_read, rows=count)

    with progress:
        yield tick
        progress.update(task, completed=run.total_bytes or run.bytes_read, rows=count)
