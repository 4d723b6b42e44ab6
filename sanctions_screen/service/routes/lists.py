"""``GET /lists``, ``/entities/{reference}``, ``/search``, the health checks, and
``POST /admin/reload``."""

from __future__ import annotations

import asyncio
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request

from sanctions_screen.service.auth import Client, require
from sanctions_screen.service.common import answer, loaded_list, request_id, state_of
from sanctions_screen.service.errors import JSONBytes
from sanctions_screen.service.ftm import entry_properties, entry_schema
from sanctions_screen.service.recording import Screened

router = APIRouter()


@router.get("/healthz", tags=["health"], summary="The process is up")
async def healthz() -> JSONBytes:
    return JSONBytes({"status": "ok"})


@router.get("/readyz", tags=["health"], summary="A list is loaded and screening answers")
async def readyz(request: Request) -> JSONBytes:
    loaded = state_of(request).lists.current
    if loaded is None:
        return JSONBytes({"detail": "no list version loaded yet"}, status_code=503)
    return answer({"status": "ready", "list_version": loaded.describe()}, loaded)


@router.get("/lists", tags=["lists"], summary="The active list version and the one served")
async def lists(
    request: Request, _client: Annotated[Client, Depends(require("screen"))]
) -> JSONBytes:
    state = state_of(request)
    loaded = loaded_list(request)
    active = await asyncio.to_thread(state.store.active_version)
    return answer(
        {
            "active": active.model_dump(mode="json") if active else None,
            "list_version": loaded.describe(),
            "entries": len(loaded.sanctions_list.entries),
        },
        loaded,
    )


@router.get("/entities/{reference}", tags=["lists"], summary="One listed entry")
async def entity(
    request: Request,
    reference: str,
    _client: Annotated[Client, Depends(require("screen"))],
) -> JSONBytes:
    loaded = loaded_list(request)
    entry = loaded.sanctions_list.get(reference)
    if entry is None:
        raise HTTPException(404, f"no entry {reference!r} in list version {loaded.label}")
    data = entry.model_dump(mode="json")
    data["name"] = entry.name
    data["regime"] = entry.regime
    data["schema"] = entry_schema(entry)
    data["properties"] = entry_properties(entry)
    data["list_version"] = loaded.describe()
    return answer(data, loaded)


@router.get("/search", tags=["screening"], summary="Search one name (ad hoc)")
async def search(
    request: Request,
    client: Annotated[Client, Depends(require("screen"))],
    q: Annotated[str, Query(min_length=1, description="The name to search for.")],
    kind: Literal["person", "organization", "vessel"] | None = None,
    country: str | None = None,
    dob: Annotated[str | None, Query(description="Date or year of birth.")] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
) -> JSONBytes:
    state = state_of(request)
    loaded = loaded_list(request)
    if not q.strip() or len(q) > state.settings.max_name_length:
        raise HTTPException(
            422, f"q must be a name of 1 to {state.settings.max_name_length} characters"
        )
    with loaded.lock:
        result = loaded.screener.screen(q, kind=kind, country=country, birth_date=dob)
    rid = request_id()
    if state.settings.record_search:
        await state.audit.submit(Screened(client.name, "/search", rid, loaded, (result,)))
    data: dict[str, Any] = result.to_dict()
    data["matches"] = data["matches"][:limit]
    data["list_version"] = loaded.describe()
    return answer(data, loaded, rid)


@router.post("/admin/reload", tags=["admin"], summary="Load the store's active list now")
async def reload(
    request: Request, _client: Annotated[Client, Depends(require("admin"))]
) -> JSONBytes:
    state = state_of(request)
    changed = await state.lists.reload()
    await state.keys.refresh()
    loaded = loaded_list(request)
    return answer({"changed": changed, "list_version": loaded.describe()}, loaded)
