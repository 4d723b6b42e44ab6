"""Runs are recorded in full, read back, and exported byte for byte; schema = migration."""

from __future__ import annotations

import multiprocessing

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from sanctions_screen.audit.queries import export_run, get_run, list_runs, run_alerts, run_rows
from sanctions_screen.exceptions import RunNotFoundError
from sanctions_screen.store import audit_tables as tables
from sanctions_screen.store.base import Base
from sanctions_screen.store.db import Store, open_store
from sanctions_screen.unlist.models import SanctionsList
from tests.audit.helpers import clear_row, match_row, record_run


def test_migration_0002_creates_exactly_the_audit_tables(store: Store) -> None:
    with store.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    audit = [d for d in diffs if "audit_" in repr(d)]
    assert audit == []
    assert {t for t in Base.metadata.tables if t.startswith("audit_")} == {
        t.__tablename__
        for t in (
            tables.AuditRun,
            tables.AuditChunk,
            tables.AuditRow,
            tables.AuditParty,
            tables.AuditAlert,
            tables.AuditDecision,
            tables.AuditRescreen,
            tables.AuditRescreenHit,
            tables.AuditPrune,
            tables.AuditPrunedRun,
        )
    }


def test_run_is_recorded_and_read_back(store: Store, list_jan: SanctionsList) -> None:
    entry = list_jan.by_reference["KPe.075"]
    run_id, statuses = record_run(
        store, list_jan, [clear_row("Acme Sdn Bhd"), match_row("YUK TUNG ENERGY", entry)]
    )
    assert statuses == ["clear", "alert"]

    run = get_run(store, run_id)
    assert run.status == "completed" and run.row_count == 2 and run.alert_count == 1
    assert run.list_sha256 == list_jan.sha256
    assert run.list_date_generated == list_jan.date_generated.isoformat()
    assert run.config == {"threshold": 0.8} and run.config_hash and len(run.config_hash) == 64
    assert run.finished_at is not None and run.finished_at >= run.started_at
    assert [r.id for r in list_runs(store)] == [run_id]

    (alert,) = run_alerts(store, run_id)
    assert (alert.reference_number, alert.party_name, alert.role) == (
        "KPe.075",
        "YUK TUNG ENERGY",
        "consignee",
    )
    assert alert.row_position == 1 and alert.summary and alert.evidence == {"name": entry.name}
    assert [r["status"] for r in run_rows(store, run_id)] == ["clear", "alert"]


def test_export_is_byte_identical(store: Store, list_jan: SanctionsList) -> None:
    rows = [clear_row(f"Party {i} \u00e9\r\n") for i in range(7)]
    run_id, _ = record_run(store, list_jan, rows)
    expected = b"consignee,status,reference\n" + b"".join(r.output or b"" for r in rows)
    assert export_run(store, run_id) == expected


def test_unknown_run(store: Store) -> None:
    with pytest.raises(RunNotFoundError, match="no screening run 42"):
        get_run(store, 42)


def _write_run(url: str, name: str, rows: int, barrier: object) -> None:
    from tests.audit.conftest import load_snapshot_jan

    sanctions = load_snapshot_jan()
    entry = sanctions.by_reference["KPi.043"]
    with open_store(url) as store:
        barrier.wait()  # type: ignore[attr-defined]
        made = [
            match_row(f"{name} {i}", entry) if i % 3 == 0 else clear_row(f"{name} {i}")
            for i in range(rows)
        ]
        from sanctions_screen.audit.recorder import RunRecorder, RunStart

        recorder = RunRecorder(store, flush_rows=1)
        recorder.start(RunStart(algorithm_version="test", source=name))
        for row in made:
            recorder.add(row)
        recorder.finish({"rows": rows})


def test_two_runs_writing_at_once_both_complete(db_url: str) -> None:
    with open_store(db_url):
        pass  # schema first: the two writers only add rows
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    workers = [
        context.Process(target=_write_run, args=(db_url, name, 60, barrier))
        for name in ("alpha", "beta")
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=300)
    assert [w.exitcode for w in workers] == [0, 0]

    with open_store(db_url) as store:
        runs = list_runs(store)
        assert sorted(r.source for r in runs) == ["alpha", "beta"]
        for run in runs:
            assert run.status == "completed" and run.row_count == 60 and run.alert_count == 20
            assert len(run_rows(store, run.id)) == 60
