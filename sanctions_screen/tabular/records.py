"""Records from a CSV/TSV file with canonical column names (the reader of ``screen``).

It sits in ``tabular`` (above ``records``): it joins the table reader to the record
models, and ``records`` knows nothing of files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from sanctions_screen.exceptions import BadRowError
from sanctions_screen.records.models import Record
from sanctions_screen.records.rows import record_from_row
from sanctions_screen.tabular.reader import BadRowHandler, open_table


def read_records(
    source: str | Path,
    record_type: Literal["trade", "diplomatic"],
    *,
    strict: bool = False,
    on_bad_row: BadRowHandler | None = None,
) -> Iterator[Record]:
    """Yield a record per row of ``source``; a row that is not a record is reported and skipped.

    A bad row becomes a :class:`BadRowError` naming the file and line, handed to
    ``on_bad_row`` (or raised when ``strict``).

    >>> records = read_records("examples/trade_shipments.csv", "trade")  # doctest: +SKIP
    >>> [r.record_id for r in records][:2]  # doctest: +SKIP
    ['T001', 'T002']
    """
    with open_table(source, strict=strict, on_bad_row=on_bad_row) as table:
        for row in table:
            try:
                yield record_from_row(row.as_dict(), record_type)
            except BadRowError as exc:
                error = BadRowError(exc.reason, source=row.source, line=row.line)
                if strict or on_bad_row is None:
                    raise error from exc
                on_bad_row(error)
