"""Screening an Arrow table of a names list once per distinct row, by columns.

A counterparty export repeats its counterparties: a row group of 65,536 rows holds far
fewer distinct (name, type, country, date of birth) combinations. Here the rows are
grouped by the values of the columns the mapping reads, with Arrow's hash kernels, and
each distinct combination goes the way a row of a file goes (its inputs, the dispatcher
and its cache, the screener), once. What comes back is one answer per distinct
combination and, per row, the index of its answer: the caller builds its columns with
Arrow's ``take``, not row by row.

Only names lists qualify. A trade or diplomatic row carries its own id (its
``record_id`` is its file and line), so no two of its rows screen alike; those go
through :class:`~sanctions_screen.tabular.batch.BatchRun` row by row.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

from sanctions_screen.tabular.arrow import ArrowSource, require_pyarrow, text_array
from sanctions_screen.tabular.batch import CACHE_ROWS, CHUNK_ROWS, BatchRun
from sanctions_screen.tabular.dispatch import CLEAR, Answer, Key, trim_oldest

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["DistinctAnswers", "distinct_answers"]


class DistinctAnswers(NamedTuple):
    """The answers of a table's distinct rows, and which one each row has."""

    codes: pa.Array
    """Per row, in order: the index of its answer in :attr:`answers` (int32)."""
    answers: list[Answer]
    """Per distinct row: its outcome, or why it was not screened (``"empty name"``, or
    the records layer's reason)."""


def distinct_answers(run: BatchRun, table: pa.Table) -> DistinctAnswers | None:
    """The answers for ``table``, the one input of ``run``, screened by distinct rows;
    ``None`` when ``run`` must go row by row (not a names list, an observer following
    it, a pool of worker processes)."""
    if not _qualifies(run):
        return None
    pa = require_pyarrow()
    binding = run.bindings[0]
    read = sorted(
        {i for _, indices in binding.fields for i in indices}
        | {i for group in binding.names for i in group}
    )
    texts = [text_array(table.column(i)) for i in read]
    codes, first = _group(texts, table.num_rows)
    picked = [text.take(first).to_pylist() for text in texts]  # each combination once
    width = len(table.schema)
    answers: list[Answer | None] = [None] * len(first)
    kept = run.answer_cache if not run.screen_detail else None
    memo = kept.by_values.setdefault(binding, {}) if kept is not None else {}

    def chunks() -> Iterator[tuple[list[tuple[int, Key]], list[dict[str, str]]]]:
        blank = [""] * width
        items: list[tuple[int, Key]] = []
        inputs: list[dict[str, str]] = []
        for number, combination in enumerate(zip(*picked, strict=True)):
            key = _digest(combination)
            known = memo.get(key)
            if known is not None:
                answers[number] = known
                continue
            values = blank.copy()
            for at, value in zip(read, combination, strict=True):
                values[at] = value
            wanted = binding.inputs(values)
            problem = binding.missing_name(wanted)
            if problem:
                answers[number] = memo[key] = problem
                continue
            items.append((number, key))
            inputs.append(wanted)
            if len(items) >= CHUNK_ROWS:
                yield items, inputs
                items, inputs = [], []
        if items:
            yield items, inputs

    run.start()
    for (number, key), _, _, answer in run.dispatcher().run(chunks()):
        if answer == CLEAR:  # one object for every clear name: its cells are built once
            answer = CLEAR
        answers[number] = memo[key] = answer
    trim_oldest(memo, CACHE_ROWS)
    done = [a for a in answers if a is not None]
    if len(done) != len(answers):
        raise AssertionError("a distinct row of the table got no answer")
    return DistinctAnswers(codes if len(first) else pa.array([], pa.int32()), done)


def _digest(combination: tuple[str, ...]) -> Key:
    """16 bytes for a combination of values: a worker keeps tens of thousands."""
    return hashlib.blake2b(repr(combination).encode("utf-8"), digest_size=16).digest()


def _qualifies(run: BatchRun) -> bool:
    return (
        run.record_type == "names"
        and run.workers == 1
        and run.observer is None
        and len(run.tables) == 1
        and isinstance(run.tables[0], ArrowSource)
    )


def _group(columns: list[Any], rows: int) -> tuple[pa.Array, pa.Array]:
    """(code per row, first row of each code): rows with equal values in every column
    share a code, numbered in the order they first appear.

    Each column is dictionary-encoded; the codes of two columns combine as
    ``code_a * size_b + code_b``, encoded again so the numbers stay below ``rows``.
    """
    pa = require_pyarrow()
    import pyarrow.compute as pc

    combined = pa.array([0] * rows, pa.int64()) if not columns else None
    for column in columns:
        encoded = pc.dictionary_encode(column)
        indices = encoded.indices.cast(pa.int64())
        if combined is None:
            combined = indices
        else:
            combined = pc.add(pc.multiply(combined, len(encoded.dictionary)), indices)
            combined = pc.dictionary_encode(combined).indices.cast(pa.int64())
    final = pc.dictionary_encode(combined)
    first = pc.index_in(final.dictionary, value_set=combined)
    return final.indices, first
