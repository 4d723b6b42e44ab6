"""The dispatcher: order kept, each distinct input screened once, memory bounded."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

import sanctions_screen.tabular.worker as worker
from sanctions_screen.tabular.dispatch import AnswerCache, Dispatcher
from sanctions_screen.tabular.results import Outcome
from sanctions_screen.unlist.models import SanctionsList


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    calls: list[list[str]] = []

    def fake(inputs: Sequence[dict[str, str]]) -> list[Outcome | str]:
        calls.append([row["name"] for row in inputs])
        return [
            "empty" if row["name"] == "bad" else Outcome("alert" if "X" in row["name"] else "clear")
            for row in inputs
        ]

    monkeypatch.setattr(worker, "screen_chunk", fake)
    return calls


def chunks(names: list[str], size: int) -> list[tuple[list[int], list[dict[str, str]]]]:
    return [
        (list(range(i, min(i + size, len(names)))), [{"name": n} for n in names[i : i + size]])
        for i in range(0, len(names), size)
    ]


def test_each_distinct_input_is_screened_once_and_order_is_kept(asked: list[list[str]]) -> None:
    names = ["A", "X1", "A", "B", "X1", "bad", "A", "C", "B", "X1"]
    out = list(Dispatcher(None, inflight=2, cache_size=100).run(chunks(names, 3)))
    assert [item for item, _, _, _ in out] == list(range(10))
    assert [a if isinstance(a, str) else a.status for _, _, _, a in out] == [
        "clear", "alert", "clear", "clear", "alert", "empty", "clear", "clear", "clear", "alert"
    ]  # fmt: skip
    assert asked == [["A", "X1"], ["B", "bad"], ["C"]]


def test_without_a_cache_every_chunk_is_asked(asked: list[list[str]]) -> None:
    list(Dispatcher(None, inflight=2, cache_size=0).run(chunks(["A", "A", "A", "A"], 2)))
    assert asked == [["A"], ["A"]]


def test_a_shared_cache_carries_answers_from_one_run_to_the_next(
    asked: list[list[str]],
) -> None:
    """A Dask worker's partitions: names seen in one are not screened again in the next."""
    shared = AnswerCache()
    first = list(
        Dispatcher(None, inflight=1, cache_size=100, cache=shared).run(chunks(["A", "X1"], 2))
    )
    second = list(
        Dispatcher(None, inflight=1, cache_size=100, cache=shared).run(chunks(["X1", "B", "A"], 3))
    )
    assert asked == [["A", "X1"], ["B"]]
    assert [a.status for _, _, _, a in second if not isinstance(a, str)] == [
        "alert",
        "clear",
        "clear",
    ]
    assert len(first) == 2 and len(shared.light) == 3


def test_cache_is_bounded(asked: list[list[str]]) -> None:
    dispatcher = Dispatcher(None, inflight=1, cache_size=2)
    list(dispatcher.run(chunks(["A", "B", "C", "A"], 1)))
    assert asked == [["A"], ["B"], ["C"], ["A"]]  # A was evicted (oldest first)
    assert len(dispatcher._cache) == 2


def test_clear_details_are_rebuilt_and_heavy_ones_bounded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[list[str]] = []

    def fake(inputs: Sequence[dict[str, str]]) -> list[Outcome | str]:
        calls.append([row["name"] for row in inputs])
        return [
            Outcome("alert", detail={"heavy": row["name"]})
            if "X" in row["name"]
            else Outcome("clear", detail={"query": row["name"]})
            for row in inputs
        ]

    monkeypatch.setattr(worker, "screen_chunk", fake)
    dispatcher = Dispatcher(
        None,
        inflight=1,
        cache_size=10,
        detail_cache_size=1,
        rebuild=lambda values: {"query": values["name"]},
    )
    out = list(dispatcher.run(chunks(["A", "X1", "B", "X2", "A", "B", "X2", "X1"], 2)))
    assert [a.detail for _, _, _, a in out if isinstance(a, Outcome)] == [
        {"query": "A"}, {"heavy": "X1"}, {"query": "B"}, {"heavy": "X2"},
        {"query": "A"}, {"query": "B"}, {"heavy": "X2"}, {"heavy": "X1"},
    ]  # fmt: skip
    assert calls == [["A", "X1"], ["B", "X2"], ["X1"]]  # X1 fell out of the detail cache
    assert len(dispatcher._heavy) == 1


def test_without_rebuild_detail_a_repeated_clear_name_comes_back_light(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """For the audit trail alone: a repeat of a clear name has no detail (the trail makes
    its record from the inputs); a repeated alert keeps its own."""

    def fake(inputs: Sequence[dict[str, str]]) -> list[Outcome | str]:
        return [
            Outcome("alert", detail={"heavy": row["name"]})
            if "X" in row["name"]
            else Outcome("clear", detail={"query": row["name"]})
            for row in inputs
        ]

    monkeypatch.setattr(worker, "screen_chunk", fake)
    dispatcher = Dispatcher(
        None,
        inflight=1,
        cache_size=10,
        rebuild=lambda values: {"query": values["name"]},
        rebuild_detail=False,
    )
    out = list(dispatcher.run(chunks(["A", "X1", "A", "X1"], 2)))
    assert [a.detail for _, _, _, a in out if isinstance(a, Outcome)] == [
        {"query": "A"}, {"heavy": "X1"}, None, {"heavy": "X1"},
    ]  # fmt: skip
    assert out[2][2] == out[0][2]  # the same key


def test_rebuilt_clear_detail_is_what_the_screener_reports(newest_list: SanctionsList) -> None:
    worker.install(worker.Job(newest_list, None, "names", detail=True))
    rows = [
        {"name": "Acme Trading Sdn Bhd", "kind": "Company", "country": "MY"},
        {"name": "Mary Smith", "kind": "", "nationality": "GB", "dob": "1970-02-03"},
        {"name": "Ship One", "imo": "1234567", "passport": ""},
    ]
    for row, outcome in zip(rows, worker.screen_chunk(rows), strict=True):
        assert isinstance(outcome, Outcome) and outcome.status == "clear"
        assert outcome == Outcome("clear", detail=worker.clear_detail(row))
