"""Batch screening through the library: results in order, bad rows, observers, workers."""

from __future__ import annotations

from pathlib import Path

import pytest

from sanctions_screen.exceptions import BadRowError, InputError
from sanctions_screen.matching.config import ScreeningConfig
from sanctions_screen.tabular.batch import BatchRun, BatchSummary, RunInfo, ScreeningObserver
from sanctions_screen.tabular.results import RowResult
from sanctions_screen.unlist.models import SanctionsList

NAMES = (
    "Name,Country,DOB\n"
    "John Smith,US,1970-01-01\n"
    "Yuk Tung Energy Pte. Ltd.,Singapore,\n"
    ",SG,\n"
    "Ri Won Ho,,1964\n"
    "Siam Rice Company Limited,TH,\n"
    "Broken,row\n"
    "Korea Ryonbong General Corp,,\n"
)
TRADE = (
    "Shipment ID,Date,Shipper,Consignee,Consignee Country,HS Code,Goods\n"
    "S1,2026-03-01,Acme Pte Ltd,Yuk Tung Energy Pte. Ltd.,Singapore,2710,petroleum\n"
    "S2,2026-13-45,Siam Rice Co.,Tokyo Foods KK,Japan,1006,rice\n"
    "S3,2026-03-03,Siam Rice Co.,Tokyo Foods KK,Japan,1006,rice\n"
)


@pytest.fixture
def names_csv(tmp_path: Path) -> Path:
    path = tmp_path / "names.csv"
    path.write_text(NAMES, encoding="utf-8")
    return path


def test_names_are_screened_in_order_and_bad_rows_reported(
    names_csv: Path, newest_list: SanctionsList
) -> None:
    bad: list[BadRowError] = []
    run = BatchRun([names_csv], newest_list, on_bad_row=bad.append)
    results = list(run)
    assert [(r.line, r.status) for r in results] == [
        (2, "clear"), (3, "alert"), (5, "alert"), (6, "clear"), (8, "alert")
    ]  # fmt: skip
    assert results[1].outcome.reference == "KPe.075"
    assert results[2].outcome.reference == "KPi.033"
    assert results[4].outcome.reference == "KPe.002"
    assert results[1].outcome.flags == ("LISTED_PARTY", "DPRK_LISTED_PARTY")
    assert [(e.line, e.reason) for e in bad] == [
        (4, "empty name"),
        (7, "expected 3 fields, found 2"),
    ]
    summary = run.summary
    assert (summary.rows_read, summary.rows_screened, summary.rows_skipped) == (7, 5, 2)
    assert summary.skipped_by_reason == {"empty name": 1, "wrong field count": 1}
    assert summary.alerts == 3 and summary.alerts_by_regime == {"KP": 3}
    assert summary.inputs[0].sha256 is not None and len(summary.inputs[0].sha256) == 64


def test_two_workers_give_the_same_results_in_the_same_order(
    tmp_path: Path, newest_list: SanctionsList
) -> None:
    path = tmp_path / "many.csv"
    body = NAMES.split("\n", 1)[1]
    path.write_text("Name,Country,DOB\n" + body * 400, encoding="utf-8")
    one = [(r.line, r.status, r.outcome.reference) for r in BatchRun([path], newest_list)]
    two = [
        (r.line, r.status, r.outcome.reference) for r in BatchRun([path], newest_list, workers=2)
    ]
    assert len(one) == 5 * 400 and one == two


def test_records_layer_rejections_are_bad_rows_with_their_line(
    tmp_path: Path, newest_list: SanctionsList
) -> None:
    path = tmp_path / "trade.csv"
    path.write_text(TRADE, encoding="utf-8")
    bad: list[BadRowError] = []
    run = BatchRun([path], newest_list, on_bad_row=bad.append, detail=True)
    results = list(run)
    assert run.record_type == "trade"
    assert [(r.inputs["record_id"], r.status) for r in results] == [
        ("S1", "alert"),
        ("S3", "clear"),
    ]
    assert "ASEAN_DPRK_NEXUS" in results[0].outcome.flags
    assert results[0].outcome.detail is not None and results[0].outcome.detail["parties"]
    assert [(e.line, e.reason) for e in bad] == [
        (3, "date '2026-13-45' is not a date (use YYYY-MM-DD)")
    ]


def test_strict_stops_at_the_first_bad_row(names_csv: Path, newest_list: SanctionsList) -> None:
    run = BatchRun([names_csv], newest_list, strict=True)
    with pytest.raises(BadRowError) as info:
        list(run)
    assert info.value.line == 4


def test_several_inputs_with_different_headers(tmp_path: Path, newest_list: SanctionsList) -> None:
    first = tmp_path / "a.csv"
    first.write_text("Name,Country\nRi Won Ho,KP\n", encoding="utf-8")
    second = tmp_path / "b.tsv"
    second.write_text("Full Name\tPassport\nJohn Smith\tX1\n", encoding="utf-16")
    run = BatchRun([first, second], newest_list)
    results = list(run)
    assert run.header == ("Name", "Country", "Full Name", "Passport")
    assert [(Path(r.source).name, r.line, r.status) for r in results] == [
        ("a.csv", 2, "alert"), ("b.tsv", 2, "clear")
    ]  # fmt: skip


class Suppressor:
    """Marks every alert on KPe.075 suppressed, as the audit trail does after a review."""

    def __init__(self) -> None:
        self.info: RunInfo | None = None
        self.summary: BatchSummary | None = None
        self.seen: list[int] = []

    def on_start(self, info: RunInfo) -> None:
        self.info = info

    def on_result(self, result: RowResult) -> RowResult:
        self.seen.append(result.line)
        if result.outcome.reference == "KPe.075":
            return result.with_status("suppressed", "false positive #1")
        return result

    def on_finish(self, summary: BatchSummary) -> None:
        self.summary = summary


def test_observer_sees_the_run_and_can_suppress(
    names_csv: Path, newest_list: SanctionsList
) -> None:
    observer = Suppressor()
    assert isinstance(observer, ScreeningObserver)
    results = list(BatchRun([names_csv], newest_list, observer=observer))
    assert observer.info is not None
    assert observer.info.inputs[0].sha256 is not None
    assert observer.info.list_date_generated == newest_list.date_generated
    assert observer.info.config == ScreeningConfig().model_dump(mode="json")
    assert observer.info.columns == {str(names_csv): {"name": "Name", "country": "Country",
                                                      "dob": "DOB"}}  # fmt: skip
    assert observer.seen == [2, 3, 5, 6, 8]
    assert results[1].status == "suppressed" and results[1].note == "false positive #1"
    assert results[1].outcome.detail is not None  # an observer always gets the full detail
    assert observer.summary is not None
    assert observer.summary.statuses["suppressed"] == 1 and observer.summary.alerts == 2


def test_inputs_of_different_record_types_are_refused(
    tmp_path: Path, newest_list: SanctionsList
) -> None:
    names = tmp_path / "names.csv"
    names.write_text("Name\nA\n", encoding="utf-8")
    trade = tmp_path / "trade.csv"
    trade.write_text(TRADE, encoding="utf-8")
    with pytest.raises(InputError, match="different record types.*names.csv: names.*trade"):
        BatchRun([names, trade], newest_list)


def test_observer_hears_of_a_run_that_stops_early(
    names_csv: Path, newest_list: SanctionsList
) -> None:
    observer = Suppressor()
    errors: list[BaseException] = []
    observer.on_error = errors.append  # type: ignore[attr-defined]
    with pytest.raises(BadRowError):
        list(BatchRun([names_csv], newest_list, observer=observer, strict=True))
    assert [type(e) for e in errors] == [BadRowError] and observer.summary is None
