"""The compact layout: every row in compressed chunks, a row of its own only for the rows
that are more than clear, each distinct party once per run; nothing is lost by it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import func, select

from sanctions_screen.audit.chunks import ChunkBuilder, chunk_output, chunk_rows
from sanctions_screen.audit.extract import clear_party, is_plain_clear, row_input
from sanctions_screen.audit.observer import AuditObserver
from sanctions_screen.audit.queries import (
    export_run,
    run_alerts,
    run_rows,
    status_counts,
)
from sanctions_screen.audit.recorder import RunRecorder, RunStart
from sanctions_screen.audit.rescreen import rescreen
from sanctions_screen.report import write_report
from sanctions_screen.store.audit_tables import AuditChunk, AuditParty, AuditRow
from sanctions_screen.store.db import Store
from sanctions_screen.tabular import batch
from sanctions_screen.tabular.batch import BatchRun, screen_file
from sanctions_screen.unlist.models import SanctionsList
from tests.audit.helpers import clear_row, match_row, record_run
from tests.conftest import UN_DIR


def _count(store: Store, table: type[AuditRow] | type[AuditParty] | type[AuditChunk]) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def test_chunk_round_trip_keeps_columns_outputs_and_odd_values() -> None:
    chunk = ChunkBuilder(first_position=10)
    chunk.add("a.csv", 2, "clear", [], {"name": "Acme", "n": 1}, [0], b"Acme,1\r\n")
    chunk.add("b.csv", 9, "alert", [{"code": "X"}], {"x": "\u00e9\x00"}, [1, 0], b"")
    chunk.add(None, None, "clear", [], {"name": "Acme", "n": 2}, [], b"\xef\xbb\xbfz\n")
    data = chunk.encode()
    assert chunk_output(data) == b"Acme,1\r\n\xef\xbb\xbfz\n"
    rows = chunk_rows(data, 10)
    assert [(r.position, r.source, r.line, r.status) for r in rows] == [
        (10, "a.csv", 2, "clear"),
        (11, "b.csv", 9, "alert"),
        (12, None, None, "clear"),
    ]
    assert [r.input for r in rows] == [
        {"name": "Acme", "n": 1},
        {"x": "\u00e9\x00"},
        {"name": "Acme", "n": 2},
    ]
    assert [r.parties for r in rows] == [[0], [1, 0], []]
    assert rows[1].flags == [{"code": "X"}]


def test_mixed_run_round_trips(store: Store, list_jan: SanctionsList) -> None:
    entry = list_jan.by_reference["KPe.075"]
    rows = [
        clear_row("Acme Sdn Bhd", line=2),
        match_row("YUK TUNG ENERGY", entry, line=3),
        clear_row("Acme Sdn Bhd", line=4),
        clear_row("Beta Pte Ltd", line=5),
        match_row("YUK TUNG ENERGY", entry, line=6),
    ]
    run_id, statuses = record_run(store, list_jan, rows)  # two rows per chunk

    assert statuses == ["clear", "alert", "clear", "clear", "alert"]
    expected = b"consignee,status,reference\n" + b"".join(r.output or b"" for r in rows)
    assert export_run(store, run_id) == expected
    read = run_rows(store, run_id)
    assert [(r["position"], r["line"], r["status"]) for r in read] == [
        (0, 2, "clear"), (1, 3, "alert"), (2, 4, "clear"), (3, 5, "clear"), (4, 6, "alert")
    ]  # fmt: skip
    assert [r["input"] for r in read] == [r.input for r in rows]
    assert read[1]["result"] == rows[1].result and read[0]["result"] == {}
    assert [r["line"] for r in run_rows(store, run_id, statuses=["alert"])] == [3, 6]
    assert [r["line"] for r in run_rows(store, run_id, statuses=["clear"])] == [2, 4, 5]
    assert status_counts(store, run_id) == {"clear": 3, "alert": 2}
    assert [(a.row_position, a.row_line) for a in run_alerts(store, run_id)] == [(1, 3), (4, 6)]
    # three chunks; rows of their own only for the two alerts; three distinct parties
    assert (_count(store, AuditChunk), _count(store, AuditRow), _count(store, AuditParty)) == (
        3,
        2,
        3,
    )


NAMES = "name,country\n" + "Algoney Hamdan Dagalo,Sudan\nAcme Trading Sdn Bhd,Malaysia\n" * 3


def test_rescreen_hits_every_row_of_a_party_kept_once(db_url: str, tmp_path: Path) -> None:
    from sanctions_screen.store.db import open_store

    store = open_store(db_url)
    store.import_file(UN_DIR / "consolidated-2026-01-28.xml")
    source = tmp_path / "names.csv"
    source.write_text(NAMES, encoding="utf-8")
    sanctions = store.load_version()
    observer = AuditObserver(store, sanctions, flush_rows=4)
    screen_file([source], tmp_path / "out.csv", sanctions, observer=observer)
    run_id = observer.run_id
    assert run_id is not None
    assert export_run(store, run_id) == (tmp_path / "out.csv").read_bytes()
    assert status_counts(store, run_id) == {"clear": 6}
    assert (_count(store, AuditRow), _count(store, AuditParty)) == (0, 2)

    store.import_file(UN_DIR / "consolidated-2026-05-08.xml")
    report = rescreen(store)

    hits = [(h.row_line, h.party_name) for h in report.new_hits if h.reference_number == "SDi.011"]
    assert hits == [(line, "Algoney Hamdan Dagalo") for line in (2, 4, 6)]
    assert report.parties_screened == 2
    alerts = [a for a in run_alerts(store, run_id) if a.reference_number == "SDi.011"]
    assert [(a.row_line, a.status, a.party_name) for a in alerts] == [
        (line, "open", "Algoney Hamdan Dagalo") for line in (2, 4, 6)
    ]
    assert len(run_alerts(store, run_id)) == len(report.new_hits)
    rows = run_rows(store, run_id)
    assert [r["line"] for r in rows] == [2, 3, 4, 5, 6, 7]  # the hit rows are not doubled
    assert rows[0]["input"] == {"name": "Algoney Hamdan Dagalo", "country": "Sudan"}
    assert export_run(store, run_id) == (tmp_path / "out.csv").read_bytes()
    assert rescreen(store).hits == []
    write_report(store, run_id, tmp_path / "report.html")
    assert "SDi.011" in (tmp_path / "report.html").read_text(encoding="utf-8")
    store.close()


def test_rows_not_written_by_write_results_are_rendered_alike(store: Store, tmp_path: Path) -> None:
    from sanctions_screen.tabular.batch import BatchRun

    store.import_file(UN_DIR / "consolidated-2026-01-28.xml")
    source = tmp_path / "names.csv"
    source.write_text(NAMES + "Jo Yong-Won,North Korea\n", encoding="utf-8")
    sanctions = store.load_version()
    captured = AuditObserver(store, sanctions, flush_rows=3)
    screen_file([source], tmp_path / "out.csv", sanctions, observer=captured)
    rendered = AuditObserver(store, sanctions, flush_rows=3)
    statuses = [r.status for r in BatchRun([source], sanctions, observer=rendered)]
    assert "alert" in statuses and captured.run_id and rendered.run_id
    written = (tmp_path / "out.csv").read_bytes()
    assert export_run(store, captured.run_id) == export_run(store, rendered.run_id) == written


def test_add_clear_records_a_plain_clear_row_as_add_does(
    store: Store, list_jan: SanctionsList, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bulk path (``add_clear``) and the general one (``add`` of ``row_input``) keep
    the same rows and parties, also for a repeated name that came back without its
    detail (the run does not rebuild it for the trail); a repeated key makes no party."""
    monkeypatch.setattr(batch, "CHUNK_ROWS", 1)  # the repeat is answered from the cache
    source = tmp_path / "names.csv"
    source.write_text(
        "Name,Country\nAcme Trading Sdn Bhd,MY\n Beta Pte Ltd ,SG\nAcme Trading Sdn Bhd,MY\n",
        "utf-8",
    )
    results = list(BatchRun([source], list_jan, observed=True))
    assert [r.status for r in results] == ["clear", "clear", "clear"]
    assert [r.outcome.detail is None for r in results] == [False, False, True]
    assert all(is_plain_clear(r) and r.key for r in results)
    assert results[2].key == results[0].key
    detailed = [*results[:2], replace(results[2], outcome=results[0].outcome)]

    def record(bulk: bool) -> int:
        recorder = RunRecorder(store, flush_rows=2)
        recorder.start(RunStart(algorithm_version="test"))
        for result in results if bulk else detailed:
            if bulk:
                recorder.add_clear(
                    result.source, result.line, result.header, result.values, result.key,
                    lambda result=result: clear_party(result),
                )  # fmt: skip
            else:
                recorder.add(row_input(result, list_jan))
        return recorder.finish({})

    general, bulk = record(False), record(True)
    assert run_rows(store, bulk) == run_rows(store, general)
    assert [r["input"]["Name"] for r in run_rows(store, bulk)][1] == " Beta Pte Ltd "
    with store.engine.connect() as conn:
        parties = {
            run_id: conn.execute(
                select(AuditParty.number, AuditParty.role, AuditParty.name, AuditParty.query_json)
                .where(AuditParty.run_id == run_id)
                .order_by(AuditParty.number)
            ).all()
            for run_id in (general, bulk)
        }
    assert parties[bulk] == parties[general] and len(parties[bulk]) == 2
