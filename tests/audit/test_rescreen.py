"""Re-screening after list updates: new designations hit past parties, and an amended entry
re-opens a false positive (KPi.043, really amended between 2026-01-28 and 2026-04-17)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sanctions_screen.audit.observer import AuditObserver
from sanctions_screen.audit.queries import pending_alerts, run_alerts
from sanctions_screen.audit.rescreen import rescreen
from sanctions_screen.audit.review import decide
from sanctions_screen.matching import Screener
from sanctions_screen.store.db import Store, open_store
from sanctions_screen.tabular.batch import screen_file
from tests.conftest import UN_DIR

PARTIES = """name,country
Jo Yong-Won,North Korea
Yuk Tung Energy Pte Ltd,Singapore
Algoney Hamdan Dagalo,Sudan
Acme Trading Sdn Bhd,Malaysia
"""


@pytest.fixture
def store(db_url: str) -> Store:
    opened = open_store(db_url)
    opened.import_file(UN_DIR / "consolidated-2026-01-28.xml")
    return opened


def _screen(store: Store, tmp_path: Path) -> int:
    source = tmp_path / "parties.csv"
    source.write_text(PARTIES, encoding="utf-8")
    sanctions = store.load_version()
    observer = AuditObserver(store, sanctions)
    screen_file([source], tmp_path / "out.csv", sanctions, observer=observer)
    assert observer.run_id is not None
    return observer.run_id


def test_rescreen_reports_new_hits_and_reopens_amended_false_positive(
    store: Store, tmp_path: Path
) -> None:
    run_id = _screen(store, tmp_path)
    alerts = {a.reference_number: a for a in run_alerts(store, run_id)}
    assert "SDi.011" not in alerts  # not designated yet in January
    for reference in ("KPi.043", "KPe.075"):
        decide(store, alerts[reference].id, "false_positive", reviewer="ana", reason="not them")

    store.import_file(UN_DIR / "consolidated-2026-04-17.xml")
    store.import_file(UN_DIR / "consolidated-2026-05-08.xml")
    report = rescreen(store)

    assert (report.to_date_generated or "").startswith("2026-05-08")
    reopened = {(h.party_name, h.reference_number) for h in report.reopened}
    assert reopened == {("Jo Yong-Won", "KPi.043")}  # KPe.075 only gained new elements
    (hit,) = report.reopened
    assert [c.field for c in hit.changes] == ["documents"]
    new = {(h.party_name, h.reference_number, h.change) for h in report.new_hits}
    assert ("Algoney Hamdan Dagalo", "SDi.011", "added") in new
    assert all(h.run_id == run_id and h.row_line for h in report.new_hits)
    # Scored as a full screening of the new list scores it, not by the small changed subset.
    full = Screener(store.load_version()).screen("Algoney Hamdan Dagalo", country="Sudan")
    scores = {m.reference_number: m.score for m in full.matches}
    assert {h.reference_number: h.score for h in report.new_hits} == {
        ref: scores[ref] for ref in {h.reference_number for h in report.new_hits}
    }
    assert report.parties_screened == 4 and report.runs_covered == 1

    pending = {a.reference_number for a in pending_alerts(store) if a.status == "reopened"}
    assert pending == {"KPi.043"}

    again = rescreen(store)
    assert again.hits == [] and again.runs_covered == 0
    april = next(v.id for v in store.versions() if v.date_generated.month == 4)
    assert rescreen(store, to_version_id=april).runs_covered == 0  # never backwards


def test_suppressed_alert_in_a_later_run_is_marked(store: Store, tmp_path: Path) -> None:
    first = _screen(store, tmp_path)
    kpi = next(a for a in run_alerts(store, first) if a.reference_number == "KPi.043")
    decide(store, kpi.id, "false_positive", reviewer="ana", reason="different DOB")
    second = _screen(store, tmp_path)
    statuses = {a.reference_number: a.status for a in run_alerts(store, second)}
    assert statuses["KPi.043"] == "suppressed"
    assert statuses["KPe.075"] == "open"
    out = (tmp_path / "out.csv").read_text(encoding="utf-8")
    assert "KPi.043 suppressed: false positive" in out


def test_run_against_a_list_file_never_imported_is_skipped(store: Store, tmp_path: Path) -> None:
    from tests.conftest import load_snapshot

    source = tmp_path / "parties.csv"
    source.write_text(PARTIES, encoding="utf-8")
    outside = load_snapshot(UN_DIR / "consolidated-2025-08-02.xml")
    observer = AuditObserver(store, outside)
    screen_file([source], tmp_path / "out.csv", outside, observer=observer)
    store.import_file(UN_DIR / "consolidated-2026-04-17.xml")
    report = rescreen(store)
    assert (report.runs_covered, report.runs_skipped, report.hits) == (0, 1, [])
