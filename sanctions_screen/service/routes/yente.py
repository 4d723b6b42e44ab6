"""``POST /match/{dataset}``: yente's matching API, so a tool written for yente works here.

The body is yente's: ``{"queries": {"q1": {"schema": "Person", "properties": {"name":
[...], "birthDate": [...], "nationality": [...], "idNumber": [...]}}}}``; each query's
names are screened with its evidence, and the answer has yente's shape, one response per
query, entities in FollowTheMoney terms with the UN reference number as their id.
Parameters yente has and this service does not use (``algorithm``, ``include_dataset``,
``topics``...) are accepted and listed back in ``ignored_params``.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from sanctions_screen.exceptions import InputError
from sanctions_screen.matching.result import Match, ScreeningResult
from sanctions_screen.service.auth import Client, require
from sanctions_screen.service.common import answer, loaded_list, request_id, state_of
from sanctions_screen.service.errors import JSONBytes
from sanctions_screen.service.ftm import DATASET, SCHEMA_KINDS, entry_properties, entry_schema
from sanctions_screen.service.lists import LoadedList
from sanctions_screen.service.recording import Screened

router = APIRouter(tags=["yente-compatible"])

DATASETS = frozenset({"un", DATASET, "default", "sanctions"})
"""``un`` is this service's name; the others are what yente clients commonly send."""
COUNTRY_PROPS = ("nationality", "country", "jurisdiction", "citizenship")
ID_PROPS = (
    "idNumber",
    "passportNumber",
    "registrationNumber",
    "taxNumber",
    "leiCode",
    "innCode",
    "ogrnCode",
    "swiftBic",
)
KNOWN_PARAMS = frozenset({"threshold", "cutoff", "limit"})
MAX_LIMIT = 500


class EntityExample(BaseModel):
    """One query entity, as yente takes it."""

    model_config = ConfigDict(populate_by_name=True, extra="allow")

    id: str | None = None
    schema_: str = Field(alias="schema")
    properties: dict[str, list[str] | str] = Field(default_factory=dict)

    def values(self, prop: str) -> list[str]:
        raw = self.properties.get(prop, [])
        items = [raw] if isinstance(raw, str) else raw
        return [v.strip() for v in items if isinstance(v, str) and v.strip()]


class MatchRequest(BaseModel):
    queries: dict[str, EntityExample]


@router.post("/match/{dataset}", summary="yente-compatible entity matching")
async def match(
    request: Request,
    body: MatchRequest,
    client: Annotated[Client, Depends(require("screen"))],
    dataset: Annotated[str, Path(description="`un` (also `default`, `sanctions`).")],
    threshold: Annotated[
        float | None, Query(ge=0.0, le=1.0, description="Score at which `match` is true.")
    ] = None,
    cutoff: Annotated[
        float, Query(ge=0.0, le=1.0, description="Results scoring below this are left out.")
    ] = 0.0,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Results per query.")] = 5,
) -> JSONBytes:
    if dataset not in DATASETS:
        raise HTTPException(404, f"unknown dataset {dataset!r}: this service has 'un'")
    state = state_of(request)
    if len(body.queries) > state.settings.max_batch:
        raise HTTPException(413, f"{len(body.queries)} queries: at most {state.settings.max_batch}")
    loaded = loaded_list(request)
    cut = threshold if threshold is not None else loaded.screener.config.threshold
    responses: dict[str, Any] = {}
    screened: list[ScreeningResult] = []
    for qid, example in body.queries.items():
        results = _screen_example(loaded, qid, example, state.settings.max_name_length)
        screened.extend(results)
        best = _best_matches(results)
        kept = [m for m in best if m.score >= cutoff]
        responses[qid] = {
            "status": 200,
            "results": [_entity(m, cut) for m in kept[:limit]],
            "total": {"value": len(kept), "relation": "eq"},
            "query": {
                "id": example.id,
                "schema": example.schema_,
                "properties": {k: example.values(k) for k in example.properties},
            },
        }
    rid = request_id()
    await state.audit.submit(Screened(client.name, "/match", rid, loaded, screened))
    ignored = sorted(set(request.query_params) - KNOWN_PARAMS)
    content: dict[str, Any] = {
        "responses": responses,
        "matcher": {"name": "sanctions_screen", "threshold": cut, "cutoff": cutoff},
        "limit": limit,
        "list_version": loaded.describe(),
    }
    if ignored:
        content["ignored_params"] = ignored
    return answer(content, loaded, rid)


def _screen_example(
    loaded: LoadedList, qid: str, example: EntityExample, max_name: int
) -> list[ScreeningResult]:
    if example.schema_ not in SCHEMA_KINDS:
        known = ", ".join(SCHEMA_KINDS)
        raise InputError(f"query {qid!r}: schema {example.schema_!r} is not one of {known}")
    names = example.values("name")
    if not names:
        joined = " ".join(
            v for p in ("firstName", "middleName", "lastName") for v in example.values(p)[:1]
        )
        names = [joined] if joined else []
    if not names:
        raise InputError(f"query {qid!r}: no name (properties.name)")
    too_long = [n for n in names if len(n) > max_name]
    if too_long:
        raise InputError(f"query {qid!r}: a name is longer than {max_name} characters")
    country = next((v for p in COUNTRY_PROPS for v in example.values(p)), None)
    birth = next(iter(example.values("birthDate")), None)
    identifiers = [v for p in ID_PROPS for v in example.values(p)]
    identifiers += [
        v if v.upper().startswith("IMO") else f"IMO {v}" for v in example.values("imoNumber")
    ]
    kind = SCHEMA_KINDS[example.schema_]
    with loaded.lock:
        return [
            loaded.screener.screen(
                name, kind=kind, country=country, birth_date=birth, identifiers=identifiers
            )
            for name in names
        ]


def _best_matches(results: list[ScreeningResult]) -> list[Match]:
    """Each entry once, with its best score over the query's names, best first."""
    best: dict[str, Match] = {}
    for result in results:
        for m in result.matches:
            held = best.get(m.reference_number)
            if held is None or m.score > held.score:
                best[m.reference_number] = m
    return sorted(best.values(), key=lambda m: (-m.score, m.reference_number))


def _entity(match: Match, threshold: float) -> dict[str, Any]:
    entry = match.entry
    features: dict[str, float] = {"name": round(match.explanation.name_score, 4)}
    for adj in match.explanation.adjustments:
        features[adj.evidence] = round(features.get(adj.evidence, 0.0) + adj.delta, 4)
    return {
        "id": entry.reference_number,
        "caption": entry.name,
        "schema": entry_schema(entry),
        "properties": entry_properties(entry),
        "datasets": [DATASET],
        "referents": [],
        "target": True,
        "first_seen": entry.listed_on.isoformat() if entry.listed_on else None,
        "last_change": max(entry.last_updated).isoformat() if entry.last_updated else None,
        "score": round(match.score, 4),
        "match": match.score >= threshold,
        "features": features,
        "explanation": match.explanation.summary,
        "matched_name": match.matched_name,
    }
