"""From a screened row (``tabular.results.RowResult``) to what the audit trail records.

The row's ``outcome.detail`` is the library's full result as a dict: for a names row a
``ScreeningResult.to_dict()`` (``query`` and ``matches``); for a trade or diplomatic record
a ``RecordResult.to_dict()`` (``parties``, each with its own screening result, and
``flags``). Every party becomes a kept screening input (for re-screening); every reported
match of a party an alert; every record-level flag not raised by a match an alert of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sanctions_screen.audit.fingerprint import record_fingerprint
from sanctions_screen.audit.recorder import AlertInput, PartyInput, RowInput
from sanctions_screen.tabular.results import RowResult
from sanctions_screen.unlist.models import SanctionsList

MATCH_FLAGS = frozenset({"listed_party", "dprk_listed_party"})
"""Flags that restate a party's match: the match alert stands for them."""


def row_input(result: RowResult, sanctions: SanctionsList | None) -> RowInput:
    detail = result.outcome.detail or {}
    row = RowInput(
        status=result.status, source=result.source, line=result.line,
        flags=_flags(result, detail),
        input=dict(zip(result.header, result.values, strict=True)),
        result=result.to_dict(), record_fingerprint=record_fingerprint(result.inputs),
    )
    for role, party in _parties(detail, result.inputs):
        _add_party(row, role, party, sanctions)
    for flag in row.flags:
        if isinstance(flag, dict) and _is_record_flag(flag):
            code = str(flag.get("code", "flag"))
            row.alerts.append(AlertInput(
                kind="flag", flag=code, flags=[flag], summary=str(flag.get("message", code)),
                evidence=flag, subject=row.record_fingerprint,
            ))
    return row


def _parties(detail: Mapping[str, Any], inputs: Mapping[str, str]) -> list[tuple[str | None, Any]]:
    if "query" in detail:
        return [(None, detail)]
    out: list[tuple[str | None, Any]] = []
    for party in detail.get("parties", ()) or ():
        if isinstance(party, Mapping):
            out.append((party.get("role"), party))
    if not out and inputs.get("name"):
        out.append((None, {"query": {"name": inputs["name"]}, "matches": []}))
    return out


def _add_party(
    row: RowInput, role: str | None, party: Mapping[str, Any], sanctions: SanctionsList | None
) -> None:
    nested = party.get("result")
    screening: Mapping[str, Any] = nested if isinstance(nested, Mapping) else party
    query = dict(screening.get("query") or {})
    name = str(party.get("name") or query.get("name") or "").strip()
    if not name:
        return
    query.setdefault("name", name)
    index = len(row.parties)
    row.parties.append(PartyInput(name=name, role=role, query=query))
    if screening.get("status", "alert") == "clear":
        return
    for match in screening.get("matches", ()) or ():
        reference = str(match.get("reference_number", ""))
        explanation = match.get("explanation") or {}
        row.alerts.append(AlertInput(
            kind="match", party=index, reference_number=reference,
            list_type=match.get("list_type"), regime=match.get("regime"),
            matched_name=match.get("matched_name"), score=match.get("score"),
            summary=str(explanation.get("summary", "")),
            flags=[f for f in row.flags if isinstance(f, dict) and _mentions(f, reference)],
            evidence=dict(match), entry=sanctions.get(reference) if sanctions else None,
        ))


def _flags(result: RowResult, detail: Mapping[str, Any]) -> list[Any]:
    flags = detail.get("flags")
    if isinstance(flags, list):
        return [dict(f) if isinstance(f, Mapping) else f for f in flags]
    return list(result.outcome.flags)


def _is_record_flag(flag: Mapping[str, Any]) -> bool:
    return flag.get("code") not in MATCH_FLAGS and not flag.get("reference_number")


def _mentions(flag: Mapping[str, Any], reference: str) -> bool:
    return bool(reference) and reference in str(flag)
