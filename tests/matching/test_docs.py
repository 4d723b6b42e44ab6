"""docs/matching.md shows real output: the example summary is what the screener says."""

from __future__ import annotations

import re
from pathlib import Path

from sanctions_screen.matching import Screener, ScreeningConfig, compare_names

DOC = Path(__file__).resolve().parents[2] / "docs" / "matching.md"


def test_documented_summary(screener: Screener) -> None:
    documented = re.search(r"```text\n(.+?)\n```", DOC.read_text(encoding="utf-8"))
    assert documented is not None
    result = screener.screen(
        "Park Chun-il",
        kind="person",
        country="DPRK",
        birth_date="1954",
        identifiers=["PS 563410091"],
    )
    assert result.best is not None
    assert result.best.explanation.summary == documented.group(1)
    assert compare_names("LEE Jong-un", "Ri Jong Un") == 1.0


def test_documented_defaults() -> None:
    text = DOC.read_text(encoding="utf-8")
    config = ScreeningConfig()
    assert f"| `threshold` | {config.threshold} |" in text
    assert f"| `review_threshold` | {config.review_threshold} |" in text
    assert f"| `max_candidates` | {config.max_candidates} |" in text
