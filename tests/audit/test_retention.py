"""Audit retention: runs prune drops old runs' clear rows, keeps alerts, decisions and
metadata, records itself, refuses a byte-for-byte export afterwards, and leaves rescreen
working (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from sanctions_screen.audit.observer import AuditObserver
from sanctions_screen.audit.queries import export_run, get_run, run_alerts, run_rows
from sanctions_screen.audit.rescreen import rescreen
from sanctions_screen.audit.retention import parse_age, prune_runs
from sanctions_screen.audit.review import decide, history
from sanctions_screen.cli.main import cli
from sanctions_screen.exceptions import AuditError, RunPrunedError
from sanctions_screen.store.audit_tables import AuditPrune, AuditRun
from sanctions_screen.store.db import Store, open_store
from sanctions_screen.tabular.batch import screen_file
from sanctions_screen.unlist.models import SanctionsList
from tests.audit.helpers import clear_row, match_row, record_run
from tests.conftest import UN_DIR

A_YEAR_ON = dt.timedelta(days=366)


def test_prune_keeps_what_review_needs(store: Store, list_jan: SanctionsList) -> None:
    kp075 = list_jan.by_reference["KPe.075"]
    rows = [match_row("Yuk Tung Energy Pte. Ltd.", kp075, line=2)]
    rows += [clear_row(f"Party {i}", line=3 + i) for i in range(5)]
    run_id, _ = record_run(store, list_jan, rows)
    (alert,) = run_alerts(store, run_id)
    decide(store, alert.id, "true_match", reviewer="ana", reason="same company")
    before = get_run(store, run_id)
    export_run(store, run_id)  # exportable before

    later, _ = record_run(store, list_jan, [clear_row("Recent Party")])
    now = before.started_at + A_YEAR_ON
    with store.session() as session:  # the later run was recorded two days later
        session.get(AuditRun, later).started_at = now - dt.timedelta(days=364)  # type: ignore[union-attr]
    dry = prune_runs(store, "365d", pruned_by="lee", now=now, dry_run=True)
    assert (dry.id, dry.run_ids, dry.rows_dropped) == (None, [run_id], 5)
    assert get_run(store, run_id).pruned is None  # a dry run changes nothing

    report = prune_runs(store, "365d", pruned_by="lee", now=now)
    assert report.run_ids == [run_id] and report.rows_dropped == 5
    assert report.bytes_after < report.bytes_before

    after = get_run(store, run_id)
    assert after.pruned is not None and after.pruned.pruned_by == "lee"
    assert after.pruned.rows_dropped == 5 and after.pruned.older_than == "365d"
    assert get_run(store, later).pruned is None  # younger than the cutoff
    # Metadata, counts, alerts and decisions are as they were.
    assert after.model_dump(exclude={"pruned"}) == before.model_dump(exclude={"pruned"})
    assert [a.model_dump() for a in run_alerts(store, run_id)] == [
        a.model_dump() for a in run_alerts(store, run_id)
    ]
    assert [d.reason for d in history(store, alert.id)] == ["same company"]
    # The flagged row keeps its columns; clear rows keep their line, not their columns.
    kept = run_rows(store, run_id)
    assert [r["line"] for r in kept] == [2, 3, 4, 5, 6, 7]
    assert kept[0]["input"] == {"consignee": "Yuk Tung Energy Pte. Ltd."}
    assert all(r["input"] == {} and r["status"] == "clear" for r in kept[1:])
    with pytest.raises(RunPrunedError, match="cannot be reproduced byte for byte"):
        export_run(store, run_id)
    # Recorded: who, when, the cutoff, what it dropped; a second prune finds nothing new.
    with store.session() as session:
        (record,) = session.scalars(select(AuditPrune)).all()
    assert (record.pruned_by, record.older_than, record.runs, record.rows_dropped) == (
        "lee",
        "365d",
        1,
        5,
    )
    assert record.finished_at is not None
    again = prune_runs(store, "365d", pruned_by="lee", now=now)
    assert again.run_ids == [] and again.rows_dropped == 0


def test_ages() -> None:
    assert parse_age("365d") == dt.timedelta(days=365)
    assert parse_age("2w") == dt.timedelta(days=14) and parse_age("1y").days == 365
    for bad in ("365", "d", "1 month", "-3d"):
        with pytest.raises(AuditError):
            parse_age(bad)


PARTIES = "name,country\nJo Yong-Won,North Korea\nAlgoney Hamdan Dagalo,Sudan\nAcme Ltd,Kenya\n"


def test_rescreen_after_prune_names_the_line_that_now_hits(db_url: str, tmp_path: Path) -> None:
    """Algoney Hamdan Dagalo was clear in January (SDi.011 was designated later): after the
    run is pruned, rescreen still finds the party and the line that names it."""
    with open_store(db_url) as store:
        store.import_file(UN_DIR / "consolidated-2026-01-28.xml")
        source = tmp_path / "parties.csv"
        source.write_text(PARTIES, encoding="utf-8")
        sanctions = store.load_version()
        observer = AuditObserver(store, sanctions)
        screen_file([source], tmp_path / "out.csv", sanctions, observer=observer)
        run_id = observer.run_id
        assert run_id is not None
        started = get_run(store, run_id).started_at
        pruned = prune_runs(store, "365d", pruned_by="lee", now=started + A_YEAR_ON)
        assert pruned.run_ids == [run_id] and pruned.rows_dropped >= 1

        store.import_file(UN_DIR / "consolidated-2026-05-08.xml")
        report = rescreen(store)
        hits = {(h.party_name, h.reference_number, h.row_line) for h in report.new_hits}
        assert ("Algoney Hamdan Dagalo", "SDi.011", 3) in hits


def test_cli_prune_show_and_export(tmp_path: Path, list_jan: SanctionsList) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    with open_store(url) as store:
        run_id, _ = record_run(store, list_jan, [clear_row("Acme"), clear_row("Beta", line=4)])
    runner = CliRunner()
    result = runner.invoke(cli, ["--db", url, "runs", "prune", "--older-than", "365d"])
    assert result.exit_code == 0 and "pruned 0 runs" in result.output  # the run is new
    result = runner.invoke(cli, ["--db", url, "runs", "prune", "--older-than", "0d", "--by", "lee"])
    assert result.exit_code == 0, result.output
    assert (
        "pruned 1 run started before" in result.output and "2 clear rows dropped" in result.output
    )
    result = runner.invoke(cli, ["--db", url, "runs", "show", str(run_id)])
    assert "pruned" in result.output and "by lee" in result.output
    assert "2 clear rows dropped" in result.output
    result = runner.invoke(cli, ["--db", url, "runs", "list"])
    assert "(pruned " in result.output
    result = runner.invoke(cli, ["--db", url, "runs", "export", str(run_id)])
    assert result.exit_code != 0
    assert "cannot be reproduced byte for byte" in (result.output + str(result.exception))
