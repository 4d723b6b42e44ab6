"""read_records: the rows of a table as trade or diplomatic records, bad rows by line."""

from __future__ import annotations

from pathlib import Path

import pytest

from sanctions_screen.exceptions import BadRowError
from sanctions_screen.tabular import read_records


def test_read_records_reports_bad_rows_with_their_line(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("record_id,date,shipper_name\nT1,2025-01-02,A\nT2,2025-99-01,B\nT3,,C\n")
    errors: list[BadRowError] = []
    records = list(read_records(path, "trade", on_bad_row=errors.append))
    assert [r.record_id for r in records] == ["T1", "T3"]
    assert [(e.line, e.source) for e in errors] == [(3, str(path))]
    with pytest.raises(BadRowError, match=":3: date"):
        list(read_records(path, "trade", strict=True))
