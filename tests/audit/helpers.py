"""Building recorded runs by hand (real list entries, real databases) for the audit tests."""

from __future__ import annotations

from sanctions_screen.audit.fingerprint import record_fingerprint
from sanctions_screen.audit.models import InputFile
from sanctions_screen.audit.recorder import (
    AlertInput,
    PartyInput,
    RowInput,
    RunRecorder,
    RunStart,
)
from sanctions_screen.store.db import Store
from sanctions_screen.unlist.models import ListEntry, SanctionsList


def match_row(party: str, entry: ListEntry, *, score: float = 0.93, line: int = 2) -> RowInput:
    """A row whose one party hits ``entry``."""
    values = {"consignee": party}
    return RowInput(
        status="alert",
        source="shipments.csv",
        line=line,
        flags=["listed_party"],
        input=values,
        result={"party": party, "reference": entry.reference_number},
        record_fingerprint=record_fingerprint(values),
        parties=[PartyInput(name=party, role="consignee", query={"name": party})],
        alerts=[
            AlertInput(
                kind="match",
                party=0,
                reference_number=entry.reference_number,
                list_type=entry.un_list_type,
                regime=entry.regime,
                matched_name=entry.name,
                score=score,
                summary=f"{party} ~ {entry.name}",
                entry=entry,
                evidence={"name": entry.name},
                flags=[{"code": "listed_party"}],
            )
        ],
        output=f"{party},alert,{entry.reference_number}\n".encode(),
    )


def clear_row(party: str, line: int = 3) -> RowInput:
    values = {"consignee": party}
    return RowInput(
        status="clear",
        source="shipments.csv",
        line=line,
        input=values,
        record_fingerprint=record_fingerprint(values),
        parties=[PartyInput(name=party, role="consignee", query={"name": party})],
        output=f"{party},clear,\n".encode(),
    )


def record_run(
    store: Store, sanctions: SanctionsList, rows: list[RowInput]
) -> tuple[int, list[str]]:
    """Record one run; returns its id and each row's status after suppression."""
    recorder = RunRecorder(store, flush_rows=2)
    run_id = recorder.start(
        RunStart(
            algorithm_version="test",
            inputs=[InputFile(path="shipments.csv", rows=len(rows))],
            list_date_generated=sanctions.date_generated.isoformat(),
            list_sha256=sanctions.sha256,
            list_schema_fields=sanctions.schema_fields,
            config_json='{"threshold": 0.8}',
            output_format="csv",
            output_header=b"consignee,status,reference\n",
        )
    )
    statuses = [recorder.add(row).status for row in rows]
    recorder.finish({"rows": len(rows)})
    return run_id, statuses
