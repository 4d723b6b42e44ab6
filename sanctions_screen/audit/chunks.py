"""Every row of a run, kept compactly: consecutive rows in one compressed chunk.

Most screened rows are clear, and what the audit trail keeps of a clear row is small:
where it came from, its columns, its status and flags, the parties it screened (numbers
into the run's distinct parties, ``audit_parties.number``) and the exact bytes written for
it. One ``audit_chunks`` record holds that for up to ``flush_rows`` consecutive rows,
flagged or not, so the run's output is its chunks' outputs in order. A flagged row is in
``audit_rows`` as well, with its full result and alerts.

A chunk is zlib-compressed: a 4-byte length, then JSON (``headers``: the distinct column
lists; ``rows``: ``[source, line, status, flags, header, values, parties]`` each), then
output bytes: its rows' outputs, concatenated (when the run's output is captured as it is
written, the text written since the previous chunk, which may lag its rows by one). A
clear row of a counterparty file costs about 60 bytes.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sanctions_screen.exceptions import AuditError
from sanctions_screen.store.audit_tables import AuditChunk

FORMAT = 1
LEVEL = 1
"""zlib level: 6 saves about 15 % more space at three times the time."""
_LENGTH = 4


@dataclass(frozen=True)
class StoredRow:
    """A row as its chunk keeps it."""

    position: int
    source: str | None
    line: int | None
    status: str
    flags: list[Any]
    input: dict[str, Any]
    parties: list[int]

    def as_dict(self) -> dict[str, Any]:
        """The shape :func:`~sanctions_screen.audit.queries.run_rows` returns (a row kept
        only in its chunk has no result beyond its status)."""
        return {
            "position": self.position,
            "source": self.source,
            "line": self.line,
            "status": self.status,
            "flags": self.flags,
            "input": self.input,
            "result": {},
        }


class ChunkBuilder:
    """Collects consecutive rows of a run until they are written as one chunk."""

    def __init__(self, first_position: int = 0) -> None:
        self.first_position = first_position
        self._rows: list[list[Any]] = []
        self._outputs: list[bytes] = []
        self._headers: dict[tuple[str, ...], int] = {}
        self._last_header: tuple[str, ...] | None = None
        self._last_index = 0

    def __len__(self) -> int:
        return len(self._rows)

    def __bool__(self) -> bool:
        return bool(self._rows or self._outputs)

    def add(
        self,
        source: str | None,
        line: int | None,
        status: str,
        flags: list[Any],
        columns: dict[str, Any],
        parties: list[int],
        output: bytes,
    ) -> None:
        self.add_values(source, line, status, flags, tuple(columns), columns.values(), parties)
        if output:
            self._outputs.append(output)

    def add_values(
        self,
        source: str | None,
        line: int | None,
        status: str,
        flags: list[Any],
        header: tuple[str, ...],
        values: Iterable[Any],
        parties: list[int],
    ) -> None:
        """A row given as its column names and values (one entry per column, in order)."""
        if header is self._last_header:  # the rows of one input share their header
            index = self._last_index
        else:
            index = self._headers.setdefault(header, len(self._headers))
            self._last_header, self._last_index = header, index
        kept = values if isinstance(values, tuple) else list(values)  # JSON writes either as a list
        self._rows.append([source, line, status, flags, index, kept, parties])

    def add_output(self, output: bytes) -> None:
        """Output bytes that belong to no single row (captured as the run writes them)."""
        if output:
            self._outputs.append(output)

    def output(self) -> bytes:
        """The output bytes kept with these rows."""
        return b"".join(self._outputs)

    def encode(self) -> bytes:
        meta = json.dumps(
            {"format": FORMAT, "headers": list(self._headers), "rows": self._rows},
            separators=(",", ":"),
            ensure_ascii=False,
            default=str,
        ).encode("utf-8")
        body = len(meta).to_bytes(_LENGTH, "big") + meta + b"".join(self._outputs)
        return zlib.compress(body, LEVEL)

    def values(self, run_id: int) -> dict[str, Any]:
        """The ``audit_chunks`` record, ready to insert."""
        return {
            "run_id": run_id,
            "first_position": self.first_position,
            "row_count": len(self._rows),
            "data": self.encode(),
        }


def split_chunk(data: bytes) -> tuple[bytes, bytes]:
    """A chunk's JSON (rows) and its output bytes."""
    try:
        body = zlib.decompress(data)
    except zlib.error as exc:
        raise AuditError(f"a stored chunk of rows is damaged: {exc}") from exc
    length = int.from_bytes(body[:_LENGTH], "big")
    return body[_LENGTH : _LENGTH + length], body[_LENGTH + length :]


def chunk_output(data: bytes) -> bytes:
    """The output bytes of a chunk's rows, concatenated."""
    return split_chunk(data)[1]


def chunk_rows(data: bytes, first_position: int) -> list[StoredRow]:
    meta = json.loads(split_chunk(data)[0])
    headers = [tuple(h) for h in meta["headers"]]
    return [
        StoredRow(
            position=first_position + i,
            source=source,
            line=line,
            status=status,
            flags=flags,
            input=dict(zip(headers[header], values, strict=True)),
            parties=parties,
        )
        for i, (source, line, status, flags, header, values, parties) in enumerate(meta["rows"])
    ]


def chunks_after(
    session: Session, run_id: int, after: int = -1, limit: int = 50
) -> list[tuple[int, bytes]]:
    """``(first_position, data)`` of the run's next ``limit`` chunks after position ``after``."""
    found = session.execute(
        select(AuditChunk.first_position, AuditChunk.data)
        .where(AuditChunk.run_id == run_id, AuditChunk.first_position > after)
        .order_by(AuditChunk.first_position)
        .limit(limit)
    )
    return [(first, data) for first, data in found]


def iter_chunks(session: Session, run_id: int) -> Iterator[tuple[int, bytes]]:
    """``(first_position, data)`` of a run's chunks in row order, a few at a time."""
    after = -1
    while found := chunks_after(session, run_id, after):
        yield from found
        after = found[-1][0]


def iter_stored_rows(session: Session, run_id: int) -> Iterator[StoredRow]:
    """Every row of a run, in order, as its chunk keeps it."""
    for first, data in iter_chunks(session, run_id):
        yield from chunk_rows(data, first)
