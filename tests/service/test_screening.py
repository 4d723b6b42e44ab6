"""/screen and /screen/batch over HTTP: the library's answers, with the list version."""

from __future__ import annotations

import json

from sanctions_screen.audit import list_runs, run_rows
from sanctions_screen.matching.screener import Screener
from sanctions_screen.records import TradeRecord, screen_record
from sanctions_screen.store.db import Store, open_store
from sanctions_screen.unlist.models import SanctionsList
from tests.service.conftest import Running, wait_for


def test_one_name_gets_the_librarys_result_and_the_list_version(
    service: Running, screener: Screener
) -> None:
    query = {"name": "Yuk Tung Energy Pte. Ltd.", "kind": "organization", "country": "Singapore"}
    with service.client() as http:
        response = http.post("/screen", json=query)
    assert response.status_code == 200
    data = response.json()
    expected = screener.screen(
        "Yuk Tung Energy Pte. Ltd.", kind="organization", country="Singapore"
    ).to_dict()
    assert data["status"] == "alert" and data["matches"][0]["reference_number"] == "KPe.075"
    assert {k: data[k] for k in expected} == expected
    version = data["list_version"]
    assert version["date_generated"].startswith("2026-05-08")
    assert len(version["sha256"]) == 64
    assert response.headers["X-List-Version"] == f"{version['id']} {version['date_generated']}"
    assert response.headers["X-Request-Id"] == data["request_id"]


def test_identifiers_and_birth_date_are_evidence(service: Running, screener: Screener) -> None:
    query = {
        "name": "Ri Won Ho",
        "kind": "person",
        "birth_date": "1964-07-17",
        "passport": "381310014",
        "nationality": "DPRK",
    }
    with service.client() as http:
        data = http.post("/screen", json=query).json()
    expected = screener.screen(
        "Ri Won Ho",
        kind="person",
        country="DPRK",
        birth_date="1964-07-17",
        identifiers=["381310014"],
    ).to_dict()
    assert data["matches"] == expected["matches"]
    evidence = {a["evidence"] for a in data["matches"][0]["explanation"]["adjustments"]}
    assert {"date_of_birth", "identifier"} <= evidence


def test_a_trade_record_gets_its_record_result(
    service: Running, screener: Screener
) -> None:
    record = {
        "record_type": "trade",
        "record_id": "BL-1",
        "shipper": {
            "name": "Korea Mining Development Trading Corporation",
            "role": "shipper",
            "kind": "organization",
        },
        "consignee": {
            "name": "Mekong Trading Co., Ltd",
            "role": "consignee",
            "country": "Viet Nam",
        },
        "hs_codes": ["2601"],
        "origin_country": "DPRK",
        "destination_country": "Viet Nam",
    }
    with service.client() as http:
        data = http.post("/screen", json=record).json()
    expected = screen_record(screener, TradeRecord.model_validate(record)).to_dict()
    assert data["status"] == expected["status"] == "alert"
    assert data["flags"] == json.loads(json.dumps(expected["flags"]))
    assert [p["matches"] for p in data["parties"]] == [p["matches"] for p in expected["parties"]]
    assert "list_version" in data


def test_batch_answers_in_order_and_streams_ndjson(service: Running, screener: Screener) -> None:
    names = ["Kim Jong Un", "Acme Sdn Bhd", "Yuk Tung Energy", "Ri Won Ho", "Mansudae Art Studio"]
    items = [{"name": n} for n in names]
    with service.client() as http:
        whole = http.post("/screen/batch", json={"items": items})
        streamed = http.post(
            "/screen/batch", json={"items": items}, headers={"Accept": "application/x-ndjson"}
        )
    assert whole.status_code == 200 and whole.json()["count"] == 5
    expected = [screener.screen(n).to_dict() for n in names]
    assert whole.json()["results"] == expected
    assert streamed.headers["content-type"].startswith("application/x-ndjson")
    lines = [json.loads(line) for line in streamed.text.splitlines()]
    assert lines[0]["count"] == 5 and lines[0]["list_version"] == whole.json()["list_version"]
    assert [line.pop("index") for line in lines[1:]] == list(range(5))
    assert lines[1:] == expected
    assert streamed.headers["X-List-Version"] == whole.headers["X-List-Version"]


def test_a_batch_repeating_names_answers_each_and_records_each(
    service: Running, screener: Screener
) -> None:
    """Repeated queries are screened once (the batch is deduplicated) yet answered and
    recorded once per item, in order; a query differing only in its evidence is another."""
    items = [
        {"name": "Ri Won Ho"},
        {"name": "Acme Sdn Bhd"},
        {"name": "Ri Won Ho"},
        {"name": "Ri Won Ho", "birth_date": "1964-07-17"},
        {"name": "Acme Sdn Bhd"},
    ]
    with service.client() as http:
        response = http.post("/screen/batch", json={"items": items})
    assert response.status_code == 200
    expected = [screener.screen(i["name"], birth_date=i.get("birth_date")).to_dict() for i in items]
    assert response.json()["results"] == expected
    assert expected[0] != expected[3]  # the birth date is evidence: not the same query
    with open_store(service.db_url) as store:
        wait_for(lambda: _recorded(store, response.json()["request_id"]) == 5)


def _recorded(store: Store, request_id: str) -> int:
    """Rows of the audit trail written for one request (``/screen/batch#<id>``)."""
    return sum(
        1
        for run in list_runs(store)
        for row in run_rows(store, run.id)
        if row["source"] == f"/screen/batch#{request_id}"
    )


def test_same_answers_as_the_library_for_500_names(
    service: Running, screener: Screener, newest_list: SanctionsList
) -> None:
    """HTTP and the library agree on every name (benchmarks/service_same_answers.py runs
    10,000)."""
    from benchmarks.service_same_answers import compare, sample_queries

    queries = sample_queries(newest_list, 500, seed=15)
    with service.client() as http:
        differences = compare(http, screener, queries, batch=100)
    assert differences == []
