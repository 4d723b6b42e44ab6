"""Decisions as CSV: exported, filled in offline, imported back all or nothing, each one
added to its alert's linear history (on SQLite and on a real PostgreSQL)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from sanctions_screen.audit.decisions import COLUMNS, export_decisions, import_decisions
from sanctions_screen.audit.queries import run_alerts
from sanctions_screen.audit.review import decide, history
from sanctions_screen.cli.main import cli
from sanctions_screen.exceptions import DecisionImportError
from sanctions_screen.store.db import Store, open_store
from sanctions_screen.unlist.models import SanctionsList
from tests.audit.helpers import clear_row, match_row, record_run


def _export(store: Store, **options: object) -> str:
    out = io.StringIO()
    export_decisions(store, out, **options)  # type: ignore[arg-type]
    return out.getvalue()


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def _csv(rows: list[dict[str, str]]) -> io.StringIO:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    out.seek(0)
    return out


def _decision_count(store: Store, run_id: int) -> int:
    return sum(len(history(store, a.id)) for a in run_alerts(store, run_id))


def test_round_trip_fill_in_and_import(store: Store, list_jan: SanctionsList) -> None:
    kp075, kp043 = list_jan.by_reference["KPe.075"], list_jan.by_reference["KPi.043"]
    run_id, _ = record_run(
        store,
        list_jan,
        [
            match_row("Yuk Tung Energy Pte. Ltd.", kp075, line=2),
            match_row("Jo Yong-Won", kp043, line=3),
            match_row("=HYPERLINK(1)", kp043, line=4),
            clear_row("Acme", line=5),
        ],
    )
    yuk, jo, formula = run_alerts(store, run_id)
    decide(store, yuk.id, "escalate", reviewer="ana", reason="=needs L2")

    # Exported and imported back: nothing new, and the export is the same again.
    first = _export(store)
    assert [r["alert_id"] for r in _rows(first)] == [str(yuk.id)]
    assert "'=needs L2" in first  # a spreadsheet does not evaluate the reason
    done = import_decisions(store, io.StringIO(first))
    assert (done.recorded, done.already_recorded) == (0, 1)
    assert _export(store) == first

    # The pending alerts, filled in offline: one by alert id, one by party and reference.
    sheet = _rows(_export(store, pending=True))
    assert [r["alert_id"] for r in sheet] == [str(yuk.id), str(jo.id), str(formula.id)]
    assert sheet[2]["party_name"] == "'=HYPERLINK(1)"
    # The decided row emptied: it counts as undecided, the decision recorded stays.
    sheet[0].update(decision="", reviewer="", reason="", decided_at="")
    sheet[1].update(
        alert_id="",
        party_name="JO YONG WON",  # the same party, written another way
        decision="false_positive",
        reviewer="bo",
        reason="born 1990",
        decided_at="2026-05-01T10:00:00Z",
    )
    sheet[2].update(
        decision="true_match", reviewer="cy", reason="=same", decided_at="2026-05-01T11:00:00+02:00"
    )
    done = import_decisions(store, _csv(sheet))
    assert (done.rows, done.recorded, done.already_recorded, done.undecided) == (3, 2, 0, 1)

    (made,) = history(store, jo.id)
    assert (made.decision.value, made.reviewer, made.reason) == (
        "false_positive",
        "bo",
        "born 1990",
    )
    assert made.decided_at.isoformat() == "2026-05-01T10:00:00+00:00"
    (other,) = history(store, formula.id)
    assert other.reason == "=same" and other.decided_at.isoformat() == "2026-05-01T09:00:00+00:00"

    # A later decision on an alert supersedes the imported one: one linear history.
    later = decide(store, jo.id, "escalate", reviewer="ana", reason="second look")
    assert later.supersedes_id == made.id
    assert [d.id for d in history(store, jo.id)] == [made.id, later.id]

    everything = _rows(_export(store))
    assert [r["decision_id"] for r in everything] == [
        str(d) for d in sorted(int(r["decision_id"]) for r in everything)
    ]
    assert len(everything) == 4
    again = import_decisions(store, _csv(everything))
    assert (again.recorded, again.already_recorded) == (0, 4)


def test_a_bad_row_records_nothing(store: Store, list_jan: SanctionsList) -> None:
    kp075 = list_jan.by_reference["KPe.075"]
    run_id, _ = record_run(store, list_jan, [match_row("Yuk Tung Energy Pte. Ltd.", kp075)])
    (alert,) = run_alerts(store, run_id)
    decide(store, alert.id, "escalate", reviewer="ana", reason="needs L2")
    latest = history(store, alert.id)[-1].decided_at.isoformat()
    good = {"alert_id": str(alert.id), "decision": "true_match", "reviewer": "bo",
            "reason": "same address", "decided_at": "2030-01-01T00:00:00+00:00"}  # fmt: skip
    cases = {
        "in the future": {},
        "no alert 999999": {"alert_id": "999999"},
        "is not one of": {"decision": "maybe"},
        "no reviewer": {"reviewer": " "},
        "no reason": {"reason": ""},
        "has no time zone": {"decided_at": "2026-05-01T10:00:00"},
        "not an ISO 8601 time": {"decided_at": "yesterday"},
        "is before the latest decision": {"decided_at": "2001-01-01T00:00:00+00:00"},
        "no alert of 'Nobody'": {
            "alert_id": "",
            "party_name": "Nobody",
            "reference_number": "KPe.075",
        },  # fmt: skip
    }
    fine = dict(good, decided_at=latest)  # at the latest decision's time: allowed
    for why, change in cases.items():
        rows = [dict(fine), dict(good, **change)]
        with pytest.raises(DecisionImportError) as failed:
            import_decisions(store, _csv(rows))
        assert len(failed.value.problems) == 1 and why in failed.value.problems[0], why
        assert failed.value.problems[0].startswith("line 3: ")
        assert len(history(store, alert.id)) == 1  # the good row was not recorded either
    with pytest.raises(DecisionImportError, match="lacks column"):
        import_decisions(store, io.StringIO("alert_id,decision\n1,true_match\n"))


def test_cli_export_and_import(tmp_path: Path, list_jan: SanctionsList) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    kp075 = list_jan.by_reference["KPe.075"]
    with open_store(url) as store:
        run_id, _ = record_run(store, list_jan, [match_row("Yuk Tung Energy Pte. Ltd.", kp075)])
        (alert,) = run_alerts(store, run_id)
    sheet = tmp_path / "decisions.csv"
    runner = CliRunner()
    result = runner.invoke(cli, ["--db", url, "decisions", "export", "--pending", "-o", str(sheet)])
    assert result.exit_code == 0, result.output
    rows = _rows(sheet.read_text(encoding="utf-8"))
    rows[0].update(decision="false_positive", reviewer="ana", reason="other company",
                   decided_at="2026-05-01T10:00:00+00:00")  # fmt: skip
    sheet.write_text(_csv(rows).getvalue(), encoding="utf-8")
    result = runner.invoke(cli, ["--db", url, "decisions", "import", str(sheet), "--dry-run"])
    assert result.exit_code == 0 and "would record 1 decision," in result.output
    result = runner.invoke(cli, ["--db", url, "decisions", "import", str(sheet)])
    assert result.exit_code == 0 and "recorded 1 decision, 0 already" in result.output
    result = runner.invoke(cli, ["--db", url, "decisions", "export", "--run", str(run_id)])
    assert f",{alert.id},{run_id}," in result.output and "other company" in result.output
    rows[0].update(decision="nope")
    sheet.write_text(_csv(rows).getvalue(), encoding="utf-8")
    result = runner.invoke(cli, ["--db", url, "decisions", "import", str(sheet)])
    assert result.exit_code != 0
