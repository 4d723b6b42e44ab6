"""``POST /screen`` and ``POST /screen/batch``: names, trade and diplomatic records.

An item is the library's own model: a :class:`~sanctions_screen.records.Party` (a name with
kind, country, birth date, identifiers), or a :class:`~sanctions_screen.records.TradeRecord`
/ :class:`~sanctions_screen.records.DiplomaticRecord` (told apart by ``record_type``). A
name answers with the library's result (``ScreeningResult.to_dict()``, what
``search --json`` prints), a record with its ``RecordResult``.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Discriminator, Tag

from sanctions_screen.exceptions import InputError
from sanctions_screen.matching.result import ScreeningResult
from sanctions_screen.records.models import DiplomaticRecord, Party, TradeRecord
from sanctions_screen.records.screening import RecordResult, screen_record
from sanctions_screen.service.auth import Client, require
from sanctions_screen.service.common import (
    ServiceState,
    answer,
    current_list,
    loaded_list,
    request_id,
    state_of,
)
from sanctions_screen.service.errors import JSONBytes, dumps
from sanctions_screen.service.lists import LoadedList
from sanctions_screen.service.recording import Screened

router = APIRouter(tags=["screening"])

_STREAM_CHUNK = 500


def _item_kind(value: Any) -> str:
    kind = (
        value.get("record_type") if isinstance(value, dict) else getattr(value, "record_type", None)
    )
    return kind if kind in ("trade", "diplomatic") else "party"


ScreenItem = Annotated[
    Annotated[Party, Tag("party")]
    | Annotated[TradeRecord, Tag("trade")]
    | Annotated[DiplomaticRecord, Tag("diplomatic")],
    Discriminator(_item_kind),
]
"""A name (a Party) or a record (``record_type``: ``trade`` or ``diplomatic``)."""


class BatchRequest(BaseModel):
    items: list[ScreenItem]


def screen_item(
    loaded: LoadedList, item: Party | TradeRecord | DiplomaticRecord, max_name: int
) -> ScreeningResult | RecordResult:
    """Screen one item with the loaded list (under its lock: see :class:`LoadedList`)."""
    check_item(item, max_name)
    with loaded.lock:
        if isinstance(item, Party):
            return loaded.screener.screen(item.name, **party_query(item))
        return screen_record(loaded.screener, item)


def check_item(item: Party | TradeRecord | DiplomaticRecord, max_name: int) -> None:
    """Refuse a name that is empty or longer than ``max_name`` (InputError)."""
    if isinstance(item, Party):
        name = item.name.strip()
        if not name:
            raise InputError("name is empty")
        if len(name) > max_name:
            raise InputError(f"name is longer than {max_name} characters")
        return
    for party in item.parties():
        if len(party.name) > max_name:
            raise InputError(f"{party.role}: name is longer than {max_name} characters")


def party_query(item: Party) -> dict[str, Any]:
    """What :meth:`Screener.screen` takes besides the name, from a name item."""
    return {
        "kind": item.kind,
        "country": item.country or item.nationality,
        "birth_date": item.birth_date,
        "identifiers": item.all_identifiers(),
    }


def result_data(result: ScreeningResult | RecordResult) -> dict[str, Any]:
    return result.to_dict()


def record_dump(item: Party | TradeRecord | DiplomaticRecord) -> dict[str, Any] | None:
    if isinstance(item, Party):
        return None
    return item.model_dump(mode="json", exclude_none=True, exclude_defaults=True)


@router.post(
    "/screen",
    summary="Screen one name or one record",
    response_description="The library's result, with the list version it was screened against.",
)
async def screen(
    request: Request,
    item: ScreenItem,
    client: Annotated[Client, Depends(require("screen"))],
) -> JSONBytes:
    content, loaded, rid = await screen_one(state_of(request), client, item)
    return answer(content, loaded, rid)


async def screen_one(
    state: ServiceState, client: Client, item: Party | TradeRecord | DiplomaticRecord
) -> tuple[dict[str, Any], LoadedList, str]:
    """``POST /screen``: the answer's content, the list it used and the request id."""
    loaded = current_list(state)
    result = screen_item(loaded, item, state.settings.max_name_length)
    rid = request_id()
    detail = result_data(result)
    await state.audit.submit(
        Screened(
            client.name, "/screen", rid, loaded, (result,), (record_dump(item),), details=(detail,)
        )
    )
    return {**detail, "list_version": loaded.describe(), "request_id": rid}, loaded, rid


@router.post(
    "/screen/batch",
    summary="Screen many names or records",
    response_description="Results in input order; NDJSON lines with "
    "`Accept: application/x-ndjson`.",
)
async def screen_batch(
    request: Request,
    body: BatchRequest,
    client: Annotated[Client, Depends(require("screen"))],
    stream: Annotated[
        bool, Query(description="Stream NDJSON lines as items are screened.")
    ] = False,
) -> Any:
    state = state_of(request)
    items = body.items
    limit = state.settings.max_batch
    if len(items) > limit:
        return JSONBytes({"detail": f"{len(items)} items: a batch holds at most {limit}"}, 413)
    loaded = loaded_list(request)
    rid = request_id()
    max_name = state.settings.max_name_length
    records = [record_dump(i) for i in items]
    if stream or "application/x-ndjson" in request.headers.get("accept", ""):
        return StreamingResponse(
            _stream(state, client, loaded, rid, items, records, max_name),
            media_type="application/x-ndjson",
            headers={**loaded.headers(), "X-Request-Id": rid},
        )
    content = await screen_many(state, client, loaded, rid, items, records)
    return answer(content, loaded, rid)


async def screen_many(
    state: ServiceState,
    client: Client,
    loaded: LoadedList,
    rid: str,
    items: Sequence[Party | TradeRecord | DiplomaticRecord],
    records: list[dict[str, Any] | None],
) -> dict[str, Any]:
    """``POST /screen/batch`` answered at once: the answer's content."""
    max_name = state.settings.max_name_length
    results = await asyncio.to_thread(_screen_all, loaded, items, max_name)
    content = [result_data(r) for r in results]
    await state.audit.submit(
        Screened(client.name, "/screen/batch", rid, loaded, results, records, details=content)
    )
    return {
        "list_version": loaded.describe(),
        "request_id": rid,
        "count": len(content),
        "results": content,
    }


def _screen_all(
    loaded: LoadedList, items: Sequence[Party | TradeRecord | DiplomaticRecord], max_name: int
) -> list[ScreeningResult | RecordResult]:
    """Screen a batch, results in input order. Every item is checked before any is screened
    (a bad one refuses the whole batch); each distinct name query is screened once (a batch
    of payments repeats its counterparties).

    Not :meth:`Screener.screen_many`, which manages the collector for long batches: its
    first call in a process asks ``gc.get_freeze_count()``, which walks the frozen heap
    (this service freezes the list's million objects), 30 to 60 ms."""
    for k, item in enumerate(items):
        try:
            check_item(item, max_name)
        except InputError as exc:
            raise InputError(f"item {k}: {exc}") from None
    seen: dict[tuple[Any, ...], int] = {}
    distinct: list[tuple[str, dict[str, Any]]] = []
    slots: list[int] = []  # a name item's query in ``distinct``
    for item in items:
        if isinstance(item, Party):
            query = party_query(item)
            key = (item.name, item.kind, query["country"], item.birth_date, *query["identifiers"])
            slot = seen.get(key)
            if slot is None:
                slot = seen[key] = len(distinct)
                distinct.append((item.name, query))
            slots.append(slot)
        else:
            slots.append(-1)
    with loaded.lock:
        screened = [loaded.screener.screen(name, **query) for name, query in distinct]
        return [
            screened[slot] if isinstance(item, Party) else screen_record(loaded.screener, item)
            for slot, item in zip(slots, items, strict=True)
        ]


async def _stream(
    state: Any,
    client: Client,
    loaded: LoadedList,
    rid: str,
    items: Sequence[Party | TradeRecord | DiplomaticRecord],
    records: list[dict[str, Any] | None],
    max_name: int,
) -> AsyncIterator[bytes]:
    yield dumps({"list_version": loaded.describe(), "request_id": rid, "count": len(items)}) + b"\n"
    for start in range(0, len(items), _STREAM_CHUNK):
        part = items[start : start + _STREAM_CHUNK]
        try:
            results = await asyncio.to_thread(_screen_all, loaded, part, max_name)
        except InputError as exc:  # the status line is sent: say so in the stream
            yield dumps({"error": {"status": 422, "detail": str(exc), "index": start}}) + b"\n"
            return
        await state.audit.submit(
            Screened(
                client.name,
                "/screen/batch",
                rid,
                loaded,
                results,
                records[start : start + len(part)],
                first_line=start + 1,
            )
        )
        yield b"".join(
            dumps({"index": start + k, **result_data(r)}) + b"\n" for k, r in enumerate(results)
        )
