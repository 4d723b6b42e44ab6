"""Listed details: what the list says about an alert's entry, as the list version screened
against said it."""

from __future__ import annotations

import dataclasses

from sanctions_screen.audit.details import birth_text, evidence_lines, listed_details
from sanctions_screen.audit.models import InputFile
from sanctions_screen.audit.queries import run_alerts
from sanctions_screen.audit.recorder import RunRecorder, RunStart
from sanctions_screen.store.db import Store
from sanctions_screen.unlist.models import DateOfBirth, DateType, SanctionsList
from tests.audit.helpers import match_row, record_run
from tests.conftest import UN_DIR


def test_details_come_from_the_stored_version_when_no_snapshot_was_kept(
    store: Store, list_jan: SanctionsList
) -> None:
    store.import_file(UN_DIR / "consolidated-2026-01-28.xml")
    (version,) = store.versions()
    row = match_row("Jo Yong-Won", list_jan.by_reference["KPi.043"])
    row.alerts[0] = dataclasses.replace(row.alerts[0], entry=None)  # no snapshot recorded
    recorder = RunRecorder(store)
    run_id = recorder.start(
        RunStart(
            algorithm_version="test",
            inputs=[InputFile(path="shipments.csv", rows=1)],
            list_version_id=version.id,
            list_date_generated=list_jan.date_generated.isoformat(),
        )
    )
    recorder.add(row)
    recorder.finish({"rows": 1})
    (alert,) = run_alerts(store, run_id)
    assert alert.listed is not None
    assert alert.listed.dates_of_birth == ["1957-10-24"]
    assert alert.listed.list_version_id == version.id
    # With the snapshot (the usual case) the details are the snapshot's.
    snap_run, _ = record_run(
        store, list_jan, [match_row("Jo Yong-Won", list_jan.by_reference["KPi.043"])]
    )
    (snap,) = run_alerts(store, snap_run)
    assert snap.listed is not None and snap.listed.passports == alert.listed.passports


def test_birth_dates_as_the_list_gives_them() -> None:
    assert birth_text(DateOfBirth(type_of_date=DateType.APPROXIMATELY, year=1960)) == "about 1960"
    assert birth_text(DateOfBirth(type_of_date=DateType.BETWEEN, from_year=1958, to_year=1962)) == (
        "between 1958 and 1962"
    )
    assert birth_text(DateOfBirth(note="30-35 years old")) == "30-35 years old"


def test_every_entry_reads_and_evidence_is_sentences(list_jan: SanctionsList) -> None:
    for entry in list_jan.entries:
        details = listed_details(entry)
        assert details.reference_number == entry.reference_number
        assert all(text for _, text in details.lines())
    lines = evidence_lines(
        {
            "explanation": {
                "name_score": 0.81,
                "alignments": [{"query_token": "tong", "list_token": "tung", "similarity": 0.85}],
                "adjustments": [
                    {
                        "evidence": "country",
                        "reason": "country CN is not among listed SG",
                        "delta": -0.05,
                    }
                ],
            }
        },  # fmt: skip
    )
    assert lines == [
        "Name 0.81: tong ~ tung 0.85",
        "Country: country CN is not among listed SG (-0.05)",
    ]
