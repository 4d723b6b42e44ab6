"""A names table screened once per distinct row gives every row the answer it gets alone."""

from __future__ import annotations

import pytest

from sanctions_screen.matching.screener import Screener
from sanctions_screen.tabular.arrow import arrow_source, typed_screen_cells
from sanctions_screen.tabular.batch import BatchRun
from sanctions_screen.tabular.distinct import _group, distinct_answers
from sanctions_screen.tabular.mapping import ColumnMapping

pa = pytest.importorskip("pyarrow")

NAMES = [
    "JO YONG WON",
    "Siam Rice Co., Ltd",
    "",
    "Korea Mining Development Trading Corporation",
    "😀😀",
    "  jo yong won ",
]


def _table(rows: int) -> pa.Table:
    """Names repeated with differing countries and types, nulls and a numeric column."""
    return pa.table(
        {
            "Customer ID": [f"C{i}" for i in range(rows)],
            "Name": [None if i % 17 == 0 else NAMES[i % len(NAMES)] for i in range(rows)],
            "Type": ["person" if i % 4 == 0 else "organization" for i in range(rows)],
            "Country": [None if i % 3 else "KP" for i in range(rows)],
            "Amount": [float(i % 5) for i in range(rows)],
        }
    )


def _run(table: pa.Table, screener: Screener, **options: object) -> BatchRun:
    return BatchRun(
        [arrow_source(table, "t", first_line=11)],
        screener.sanctions_list,
        screener=screener,
        on_bad_row=lambda _: None,
        **options,  # type: ignore[arg-type]
    )


def test_every_row_gets_the_answer_it_gets_row_by_row(screener: Screener) -> None:
    table = _table(300)
    found = distinct_answers(_run(table, screener), table)
    assert found is not None
    assert len(found.answers) < 60  # 6 names x 2 types x 2 countries, at most
    alone: dict[int, object] = {}
    for result in _run(table, screener):
        alone[result.line - 11] = typed_screen_cells(result)[:7]  # status .. explanation
    statuses = []
    for row in range(table.num_rows):
        answer = found.answers[found.codes[row].as_py()]
        if isinstance(answer, str):  # no name, or a name of symbols only
            assert row not in alone
            statuses.append("not screened")
            continue
        mine = typed_screen_cells(_result_like(answer))[:7]
        assert mine == alone[row], row
        statuses.append(answer.status)
    assert {"alert", "clear", "not screened"} <= set(statuses)


def _result_like(outcome: object) -> object:
    from sanctions_screen.tabular.results import RowResult

    return RowResult("t", 0, (), (), {}, outcome)  # type: ignore[arg-type]


def test_a_trade_table_and_a_pool_of_processes_go_row_by_row(screener: Screener) -> None:
    trade = pa.table({"Shipper": ["Acme Pte Ltd"], "Consignee": ["Tokyo Foods KK"]})
    assert distinct_answers(_run(trade, screener), trade) is None
    names = _table(10)
    mapping = ColumnMapping(record_type="trade", parties={"consignee": ("Name",)})
    assert distinct_answers(_run(names, screener, mapping=mapping), names) is None


def test_rows_are_grouped_by_all_their_columns_in_order_of_appearance() -> None:
    a = pa.array(["x", "x", "y", "y", "x", "y"])
    b = pa.array(["1", "2", "1", "1", "2", "3"])
    codes, first = _group([a, b], 6)
    assert codes.to_pylist() == [0, 1, 2, 2, 1, 3]
    assert first.to_pylist() == [0, 1, 2, 5]
    codes, first = _group([b], 6)
    assert codes.to_pylist() == [0, 1, 0, 0, 1, 2] and first.to_pylist() == [0, 1, 5]


def test_a_workers_cache_answers_combinations_seen_in_earlier_tables(screener: Screener) -> None:
    from sanctions_screen.tabular.dispatch import AnswerCache

    cache = AnswerCache()
    table = _table(60)
    first = distinct_answers(_run(table, screener, answer_cache=cache), table)
    assert first is not None
    (memo,) = cache.by_values.values()
    assert len(memo) == len(first.answers)
    later = table.slice(30)  # the same combinations, in another row group
    again = distinct_answers(_run(later, screener, answer_cache=cache), later)
    assert again is not None
    assert all(any(a is b for b in first.answers) for a in again.answers)
