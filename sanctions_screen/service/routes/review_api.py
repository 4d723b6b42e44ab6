"""The review API: ``GET /alerts``, ``GET /alerts/{id}``, ``POST /alerts/{id}/decision``.

Decisions go through the library's :func:`~sanctions_screen.audit.review.decide`, under the
rules the CLI's ``review`` follows: a decision needs a reason, is never overwritten (a new
one supersedes it), and a false positive suppresses the same party against the same entry
in later runs until the entry is amended. The reviewer is the API key's name.
"""

from __future__ import annotations

import asyncio
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from pydantic import BaseModel, Field

from sanctions_screen.audit.models import Decision
from sanctions_screen.audit.review import decide
from sanctions_screen.service.auth import LOOPBACK_CLIENT, Client, require
from sanctions_screen.service.common import state_of
from sanctions_screen.service.errors import JSONBytes
from sanctions_screen.service.review import AlertFilter, AlertStatus, alert_detail, find_alerts

router = APIRouter(tags=["review"])


class DecisionRequest(BaseModel):
    decision: Decision
    reason: str = Field(min_length=1, max_length=4000)
    reviewer: str | None = Field(
        None,
        max_length=128,
        description="Who decides. With an API key the key's name is recorded (with this "
        "name beside it when given); on loopback without keys it is required.",
    )


def reviewer_name(client: Client, given: str | None) -> str:
    given = (given or "").strip()
    if client.name == LOOPBACK_CLIENT:
        if not given:
            raise HTTPException(422, "reviewer is required without an API key")
        return given
    return f"{given} (key {client.name})" if given else client.name


@router.get("/alerts", summary="Alerts to review, oldest first")
async def alerts(
    request: Request,
    _client: Annotated[Client, Depends(require("review"))],
    status: Annotated[AlertStatus, Query(description="open, escalated, decided or all")] = "open",
    run: Annotated[int | None, Query(description="Only this run's alerts.")] = None,
    regime: Annotated[str | None, Query(description="Regime code, e.g. KP.")] = None,
    flag: Annotated[str | None, Query(description="Flag code, e.g. ASEAN_DPRK_NEXUS.")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> JSONBytes:
    store = state_of(request).store
    wanted = AlertFilter(status, run, regime, flag)
    found = await asyncio.to_thread(find_alerts, store, wanted)
    return JSONBytes(
        {
            "total": len(found),
            "offset": offset,
            "alerts": [a.model_dump(mode="json") for a in found[offset : offset + limit]],
        }
    )


@router.get("/alerts/{alert_id}", summary="One alert with its row, listed entry and history")
async def alert(
    request: Request, alert_id: int, _client: Annotated[Client, Depends(require("review"))]
) -> JSONBytes:
    detail = await asyncio.to_thread(alert_detail, state_of(request).store, alert_id)
    return JSONBytes(detail.to_dict())


@router.post("/alerts/{alert_id}/decision", status_code=201, summary="Decide on an alert")
async def decision(
    request: Request,
    alert_id: int,
    body: DecisionRequest,
    client: Annotated[Client, Depends(require("review"))],
) -> JSONBytes:
    store = state_of(request).store
    who = reviewer_name(client, body.reviewer)
    made = await asyncio.to_thread(
        decide, store, alert_id, body.decision, reviewer=who, reason=body.reason
    )
    return JSONBytes(made.model_dump(mode="json"), status_code=201)
