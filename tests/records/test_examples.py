"""Every flag the example files must raise, pinned from examples/expected_flags.csv."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from sanctions_screen.matching import Screener
from sanctions_screen.records import RecordResult, screen_records, summarize
from sanctions_screen.tabular import read_records

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
FILES = {"trade_shipments.csv": "trade", "diplomatic_meetings.csv": "diplomatic"}


def _expected() -> dict[tuple[str, str], dict[str, str]]:
    with (EXAMPLES / "expected_flags.csv").open(encoding="utf-8", newline="") as f:
        return {(row["file"], row["record_id"]): row for row in csv.DictReader(f)}


EXPECTED = _expected()


@pytest.fixture(scope="module")
def results(screener: Screener) -> dict[tuple[str, str], RecordResult]:
    out = {}
    for name, kind in FILES.items():
        for result in screen_records(screener, read_records(EXAMPLES / name, kind)):  # type: ignore[arg-type]
            out[(name, result.record_id)] = result
    return out


def test_example_files_are_big_enough_and_all_expected() -> None:
    counts = {name: sum(1 for f, _ in EXPECTED if f == name) for name in FILES}
    assert counts["trade_shipments.csv"] >= 40
    assert counts["diplomatic_meetings.csv"] >= 20


def test_every_row_has_an_expectation(results: dict[tuple[str, str], RecordResult]) -> None:
    assert set(results) == set(EXPECTED)


@pytest.mark.parametrize("key", sorted(EXPECTED), ids=lambda k: k[1])
def test_row_raises_exactly_its_expected_flags(
    key: tuple[str, str], results: dict[tuple[str, str], RecordResult]
) -> None:
    expected = EXPECTED[key]
    result = results[key]
    want = {f for f in expected["flags"].split("; ") if f}
    assert {f.key for f in result.flags} == want, expected["note"]
    assert result.is_alert is (expected["alert"] == "yes"), result.summary


def test_clean_rows_say_no_flags(results: dict[tuple[str, str], RecordResult]) -> None:
    clean = [r for key, r in results.items() if not EXPECTED[key]["flags"]]
    assert len(clean) > len(results) / 2, "examples should be mostly clean"
    for result in clean:
        assert result.flags == []
        assert result.to_dict()["flags"] == []
        assert result.summary.endswith("no flags")


def test_every_flag_names_field_value_rule_and_source(
    results: dict[tuple[str, str], RecordResult],
) -> None:
    flags = [f for r in results.values() for f in r.flags]
    assert {f.code for f in flags} == {
        "LISTED_PARTY", "DPRK_LISTED_PARTY", "DPRK_NEXUS", "ASEAN_DPRK_NEXUS",
        "DPRK_SANCTIONED_GOODS", "LISTED_COMPANY_VESSEL",
    }  # fmt: skip
    for flag in flags:
        assert flag.field and flag.value and flag.rule and flag.source and flag.message
    for flag in flags:
        if flag.code == "DPRK_SANCTIONED_GOODS":
            assert flag.resolution and flag.resolution.startswith("UNSCR ")
        if flag.code in ("LISTED_PARTY", "DPRK_LISTED_PARTY", "LISTED_COMPANY_VESSEL"):
            assert flag.reference_number and flag.regime


def test_summary_counts(results: dict[tuple[str, str], RecordResult]) -> None:
    trade = [r for (f, _), r in results.items() if f == "trade_shipments.csv"]
    summary = summarize(trade)
    assert summary["records"] == 48
    assert sum(summary["status"].values()) == 48
    assert "T030" in summary["alerts"] and "T001" not in summary["alerts"]
