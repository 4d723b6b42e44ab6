"""Per-run caches of the recorder (parties, record fingerprints, entry snapshots) never
mix two different inputs up: files repeat their counterparties, but not always exactly.
A party is kept once per run, so only an exact repeat shares a stored party."""

from __future__ import annotations

import json

from sqlalchemy import select

from sanctions_screen.audit.fingerprint import record_fingerprint
from sanctions_screen.audit.recorder import PartyInput, RowInput
from sanctions_screen.store.audit_tables import AuditAlert, AuditParty
from sanctions_screen.store.db import Store
from sanctions_screen.unlist.models import SanctionsList
from tests.audit.helpers import clear_row, match_row, record_run


def _party_row(name: str, query: dict[str, object], line: int) -> RowInput:
    row = clear_row(name, line=line)
    row.parties = [PartyInput(name=name, role="buyer", query=query)]
    return row


def test_repeated_party_names_keep_their_own_screening_inputs(
    store: Store, list_jan: SanctionsList
) -> None:
    rows = [
        _party_row("Jo Yong-Won", {"name": "Jo Yong-Won", "country": "KP"}, 2),
        _party_row("Jo Yong-Won", {"name": "Jo Yong-Won", "country": "CN"}, 3),
        _party_row("Jo Yong-Won", {"name": "Jo Yong-Won", "country": "KP"}, 4),
        _party_row("JO YONG WON", {"name": "JO YONG WON", "birth_date": 1957}, 5),
        _party_row("JO YONG WON", {"name": "JO YONG WON", "birth_date": "1957"}, 6),
    ]
    run_id, _ = record_run(store, list_jan, rows)
    with store.engine.connect() as conn:
        stored = conn.execute(
            select(AuditParty.name, AuditParty.number, AuditParty.query_json)
            .where(AuditParty.run_id == run_id)
            .order_by(AuditParty.id)
        ).all()
    queries = [json.loads(q) for _, _, q in stored]
    # kept once per run: the third row repeats the first exactly
    assert queries == [row.parties[0].query for i, row in enumerate(rows) if i != 2]
    assert [n for _, n, _ in stored] == [0, 1, 2, 3]
    assert [n for n, _, _ in stored] == [r.parties[0].name for i, r in enumerate(rows) if i != 2]


def test_record_fingerprint_cache_follows_content() -> None:
    first = record_fingerprint({"name": "Acme", "country": "KP"})
    assert record_fingerprint({"name": "Acme", "country": "KP"}) == first
    assert record_fingerprint({"country": "KP", "name": "Acme"}) == first
    assert record_fingerprint({"name": "Acme", "country": "CN"}) != first
    assert record_fingerprint({"name": "Acme  ", "country": "KP"}) == first


def test_entry_snapshot_is_the_entry_of_each_alert(store: Store, list_jan: SanctionsList) -> None:
    one, two = list_jan.by_reference["KPe.075"], list_jan.by_reference["KPi.043"]
    rows = [match_row("YUK TUNG", one), match_row("JO YONG WON", two), match_row("YUK", one)]
    run_id, _ = record_run(store, list_jan, rows)
    with store.engine.connect() as conn:
        stored = conn.execute(
            select(AuditAlert.reference_number, AuditAlert.entry_json)
            .where(AuditAlert.run_id == run_id)
            .order_by(AuditAlert.id)
        ).all()
    assert [(r, json.loads(e or "{}")["reference_number"]) for r, e in stored] == [
        ("KPe.075", "KPe.075"),
        ("KPi.043", "KPi.043"),
        ("KPe.075", "KPe.075"),
    ]
