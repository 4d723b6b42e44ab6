"""The review page: ``/review`` (the queue), ``/review/alerts/{id}`` (an alert and the
decision form), and a sign-in form that keeps a review key in a cookie."""

from __future__ import annotations

import asyncio
from typing import Annotated
from urllib.parse import parse_qs

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from sanctions_screen.audit.review import decide
from sanctions_screen.exceptions import ScreeningError
from sanctions_screen.service.auth import COOKIE, Client, require
from sanctions_screen.service.common import state_of
from sanctions_screen.service.page import alert_page, login_page, queue_page
from sanctions_screen.service.review import AlertFilter, AlertStatus, alert_detail, find_alerts
from sanctions_screen.service.routes.review_api import reviewer_name
from sanctions_screen.store.apikeys import verify_key

router = APIRouter(prefix="/review", include_in_schema=False)

_review = require("review", cookie=True)
_HTML_HEADERS = {"Cache-Control": "no-store", "X-Frame-Options": "DENY"}


async def _client_or_login(request: Request) -> Client | Response:
    try:
        return await _review(request)
    except HTTPException as exc:
        if exc.status_code == 401:
            return RedirectResponse("/review/login", status_code=303)
        raise


def _html(text: str, status_code: int = 200) -> HTMLResponse:
    return HTMLResponse(text, status_code=status_code, headers=_HTML_HEADERS)


@router.get("")
async def queue(
    request: Request,
    status: AlertStatus = "open",
    run: Annotated[str | None, Query()] = None,
    regime: str | None = None,
    flag: str | None = None,
) -> Response:
    client = await _client_or_login(request)
    if isinstance(client, Response):
        return client
    run_id = int(run) if run and run.strip().isdigit() else None
    wanted = AlertFilter(
        status, run_id, (regime or "").strip() or None, (flag or "").strip() or None
    )
    try:
        alerts = await asyncio.to_thread(find_alerts, state_of(request).store, wanted)
    except ScreeningError as exc:
        return _html(queue_page([], wanted, client.name, str(exc)), 422)
    return _html(queue_page(alerts[:1000], wanted, client.name))


@router.get("/alerts/{alert_id}")
async def alert(request: Request, alert_id: int, decided: int | None = None) -> Response:
    client = await _client_or_login(request)
    if isinstance(client, Response):
        return client
    detail = await asyncio.to_thread(alert_detail, state_of(request).store, alert_id)
    notice = f"Decision {decided} recorded." if decided else ""
    return _html(alert_page(detail, client.name, notice=notice))


@router.post("/alerts/{alert_id}/decision")
async def decision(request: Request, alert_id: int) -> Response:
    client = await _client_or_login(request)
    if isinstance(client, Response):
        return client
    _same_origin(request)
    form = await _form(request)
    store = state_of(request).store
    try:
        who = reviewer_name(client, form.get("reviewer"))
        made = await asyncio.to_thread(
            decide,
            store,
            alert_id,
            form.get("decision", ""),
            reviewer=who,
            reason=form.get("reason", ""),
        )
    except (ScreeningError, HTTPException) as exc:
        message = exc.detail if isinstance(exc, HTTPException) else str(exc)
        detail = await asyncio.to_thread(alert_detail, store, alert_id)
        return _html(alert_page(detail, client.name, error=str(message)), 422)
    return RedirectResponse(f"/review/alerts/{alert_id}?decided={made.id}", status_code=303)


@router.get("/login")
async def login_form() -> Response:
    return _html(login_page())


@router.post("/login")
async def login(request: Request) -> Response:
    _same_origin(request)
    key = (await _form(request)).get("key", "").strip()
    ring = state_of(request).keys
    await ring.refresh(older_than=1.0)
    found = verify_key(ring._keys, key) if key else None
    if found is None or "review" not in found.scopes:
        return _html(login_page("Unknown or revoked key, or a key without the review scope."), 401)
    response = RedirectResponse("/review", status_code=303)
    response.set_cookie(
        COOKIE,
        key,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/review",
        max_age=12 * 3600,
    )
    return response


@router.post("/logout")
async def logout() -> Response:
    response = RedirectResponse("/review/login", status_code=303)
    response.delete_cookie(COOKIE, path="/review")
    return response


async def _form(request: Request) -> dict[str, str]:
    """A urlencoded form body (the page's forms post nothing else)."""
    body = (await request.body()).decode("utf-8", "replace")
    return {k: v[0] for k, v in parse_qs(body, keep_blank_values=True).items()}


def _same_origin(request: Request) -> None:
    """Refuse a form posted from another site (the cookie is SameSite=Strict as well)."""
    origin = request.headers.get("origin")
    if origin and origin != "null" and origin.rstrip("/") != str(request.base_url).rstrip("/"):
        raise HTTPException(403, "cross-origin form post refused")
