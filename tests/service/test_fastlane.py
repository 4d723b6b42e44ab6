"""The fast lane answers plain /screen and /screen/batch requests exactly as the routes do,
and hands every other request, errors included, to the app."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from sanctions_screen.service import fastlane
from sanctions_screen.service.common import request_id
from tests.service.conftest import Running, start_service

TRADE = {
    "record_type": "trade",
    "record_id": "BL-7",
    "shipper": {"name": "Korea Mining Development Trading Corporation", "kind": "organization"},
    "consignee": {"name": "Mekong Trading Co., Ltd", "country": "Viet Nam"},
    "hs_codes": ["2601"],
    "origin_country": "DPRK",
}
BODIES: list[tuple[str, dict[str, Any]]] = [
    ("/screen", {"name": "Yuk Tung Energy Pte. Ltd.", "kind": "organization"}),
    ("/screen", {"name": "Ri Won Ho", "birth_date": "1964-07-17", "passport": "381310014"}),
    ("/screen", {"name": "Acme Widgets Sdn Bhd"}),
    ("/screen", TRADE),
    ("/screen/batch", {"items": [{"name": "Kim Jong Un"}, {"name": "Acme"}, TRADE]}),
]


@pytest.fixture(scope="module")
def small(service_db: str) -> Iterator[Running]:
    running = start_service(service_db, max_body_bytes=4096, max_batch=3, record="batch")
    yield running
    running.stop()


@pytest.fixture
def lane_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths the fast lane answered (or tried to) while the test ran."""
    calls: list[str] = []
    for path, handler in list(fastlane.HANDLERS.items()):

        async def counted(*args: Any, _path: str = path, _handler: Any = handler) -> Any:
            calls.append(_path)
            return await _handler(*args)

        monkeypatch.setitem(fastlane.HANDLERS, path, counted)
    return calls


def _by_app(http: httpx.Client, path: str, **kwargs: Any) -> httpx.Response:
    """The same request answered by the route: a query string keeps it off the fast lane
    (FastAPI ignores a parameter it does not know)."""
    return http.post(path, params={"lane": "app"}, **kwargs)


def _without_id(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k != "request_id"}


def test_both_lanes_give_the_same_answer(small: Running, lane_calls: list[str]) -> None:
    with small.client() as http:
        for path, body in BODIES:
            fast = http.post(path, json=body)
            assert lane_calls[-1:] == [path]
            slow = _by_app(http, path, json=body)
            assert fast.status_code == slow.status_code == 200, path
            assert _without_id(fast.json()) == _without_id(slow.json()), body
            for header in ("content-type", "x-list-version"):
                assert fast.headers[header] == slow.headers[header]
            assert fast.headers["x-request-id"] == fast.json()["request_id"]
    assert len(lane_calls) == len(BODIES)


def test_errors_are_the_apps_own(small: Running, lane_calls: list[str]) -> None:
    json_type = {"content-type": "application/json"}
    cases: dict[str, tuple[str, dict[str, Any]]] = {
        "not json": ("/screen", {"content": b"{nope", "headers": json_type}),
        "no name": ("/screen", {"json": {"kind": "person"}}),
        "empty name": ("/screen", {"json": {"name": "   "}}),
        "bad kind": ("/screen", {"json": {"name": "x", "kind": "ship"}}),
        "name too long": ("/screen", {"json": {"name": "x" * 1500}}),
        "bad record": ("/screen", {"json": {"record_type": "trade"}}),
        "too many": ("/screen/batch", {"json": {"items": [{"name": "a b"}] * 4}}),
        "empty in batch": ("/screen/batch", {"json": {"items": [{"name": "a"}, {"name": ""}]}}),
        "body too big": ("/screen", {"json": {"name": "y" * 5000}}),
        "not a list": ("/screen/batch", {"json": {"items": {"name": "a"}}}),
    }
    with small.client() as http:
        for case, (path, kwargs) in cases.items():
            fast = http.post(path, **kwargs)
            slow = _by_app(http, path, **kwargs)
            assert fast.status_code == slow.status_code and fast.status_code >= 400, case
            assert fast.json() == slow.json(), case
            assert fast.headers["content-type"] == "application/json", case
    assert "/screen/batch" in lane_calls  # tried, then handed over


def test_other_requests_go_to_the_app(small: Running, lane_calls: list[str]) -> None:
    items = {"items": [{"name": "Kim Jong Un"}]}
    with small.client() as http:
        ndjson = {"accept": "application/x-ndjson"}
        streamed = http.post("/screen/batch", json=items, headers=ndjson)
        form = http.post("/screen", data={"name": "Kim Jong Un"})
        chunked = http.post(
            "/screen", content=iter([b'{"name": ', b'"Yuk Tung Energy"}']), headers=_json()
        )
    assert streamed.headers["content-type"].startswith("application/x-ndjson")
    assert form.status_code == 422
    assert chunked.status_code == 200 and chunked.json()["matches"]
    assert lane_calls == ["/screen/batch"]  # only the streamed batch reached a handler


def test_request_ids_are_distinct() -> None:
    ids = [request_id() for _ in range(10_000)]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch("[0-9a-f]{16}", i) for i in ids)


def _json() -> dict[str, str]:
    return {"content-type": "application/json"}
