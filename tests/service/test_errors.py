"""Errors are JSON ``{"detail": ...}`` with the right status, and carry no stack trace."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.service.conftest import Running, start_service


@pytest.fixture(scope="module")
def small(service_db: str) -> Iterator[Running]:
    running = start_service(service_db, max_body_bytes=4096, max_batch=3, record="off")
    yield running
    running.stop()


def test_bad_input_is_422_json(small: Running) -> None:
    with small.client() as http:
        cases = {
            "empty name": http.post("/screen", json={"name": "  "}),
            "bad kind": http.post("/screen", json={"name": "x", "kind": "ship"}),
            "not json": http.post(
                "/screen", content=b"{nope", headers={"content-type": "application/json"}
            ),
            "bad record": http.post("/screen", json={"record_type": "trade"}),
            "bad decision": http.post(
                "/alerts/1/decision", json={"decision": "maybe", "reason": "r"}
            ),
        }
    for case, response in cases.items():
        assert response.status_code == 422, case
        assert response.headers["content-type"] == "application/json", case
        assert set(response.json()) == {"detail"}, case
        assert "Traceback" not in response.text, case


def test_limits(small: Running) -> None:
    with small.client() as http:
        too_many = http.post("/screen/batch", json={"items": [{"name": "a b"}] * 4})
        too_big = http.post("/screen", json={"name": "x" * 5000})
        streamed = http.post(
            "/screen",
            content=iter([b'{"name": "', b"y" * 5000, b'"}']),
            headers={"content-type": "application/json"},
        )
        three = http.post("/screen/batch", json={"items": [{"name": "a b"}] * 3})
    assert too_many.status_code == 413 and "at most 3" in too_many.json()["detail"]
    assert too_big.status_code == 413 and "4096" in too_big.json()["detail"]
    assert streamed.status_code == 413
    assert three.status_code == 200


def test_not_found_and_method(small: Running) -> None:
    with small.client() as http:
        assert http.get("/nowhere").json() == {"detail": "Not Found"}
        assert http.get("/entities/XXe.999").status_code == 404
        assert http.get("/alerts/999999").status_code == 404
        assert http.get("/screen").status_code == 405


def test_health_and_openapi(small: Running) -> None:
    with small.client() as http:
        assert http.get("/healthz").json() == {"status": "ok"}
        ready = http.get("/readyz")
        spec = http.get("/openapi.json").json()
        docs = http.get("/docs")
    assert ready.status_code == 200 and ready.json()["list_version"]["sha256"]
    assert {
        "/screen",
        "/screen/batch",
        "/match/{dataset}",
        "/search",
        "/alerts",
        "/entities/{reference}",
        "/lists",
        "/admin/reload",
    } <= set(spec["paths"])
    schemas = spec["components"]["schemas"]
    assert {"Party", "TradeRecord", "DiplomaticRecord"} <= set(schemas)
    assert docs.status_code == 200
