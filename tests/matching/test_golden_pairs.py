"""The golden pairs: how the matcher must judge pairs of names (tests/matching/golden_pairs.csv).

``match`` means the score reaches the default alert threshold, ``no_match`` that it stays
below it. The threshold comes from ScreeningConfig, so retuning it re-checks every pair.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from sanctions_screen.matching import ScreeningConfig, compare_names
from sanctions_screen.names.analysis import NameKind

GOLDEN = Path(__file__).with_name("golden_pairs.csv")


def _rows() -> list[dict[str, str]]:
    with GOLDEN.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


ROWS = _rows()
THRESHOLD = ScreeningConfig().threshold


def test_golden_file_is_balanced() -> None:
    expected = {row["expected"] for row in ROWS}
    assert expected == {"match", "no_match"}
    assert len(ROWS) >= 60
    assert sum(row["expected"] == "no_match" for row in ROWS) >= 20


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['expected']}:{r['case']}" for r in ROWS])
def test_golden_pair(row: dict[str, str]) -> None:
    kind: NameKind | None = row["kind"] or None  # type: ignore[assignment]
    score = compare_names(row["query"], row["listed"], kind=kind)
    assert 0.0 <= score <= 1.0
    if row["expected"] == "match":
        assert score >= THRESHOLD, f"{row['query']!r} ~ {row['listed']!r}: {score:.3f}"
    else:
        assert score < THRESHOLD, f"{row['query']!r} ~ {row['listed']!r}: {score:.3f}"
