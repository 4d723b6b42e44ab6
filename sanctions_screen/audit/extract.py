"""From a screened row (``tabular.results.RowResult``) to what the audit trail records.

The row's ``outcome.detail`` is the library's full result as a dict: for a names row a
``ScreeningResult.to_dict()`` (``query`` and ``matches``); for a trade or diplomatic record
a ``RecordResult.to_dict()`` (``parties``, each with its query, status and matches, and
``flags``). Every party becomes a kept screening input (for re-screening); every reported
match of a party an alert; the flags that do not just restate a party's match (an ASEAN
nexus, banned goods, a listed company's vessel...) one alert per flag code, keyed by the
record's content, so a false positive on it suppresses it for the same record only.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from sanctions_screen.audit.fingerprint import record_fingerprint
from sanctions_screen.audit.recorder import AlertInput, PartyInput, RowInput
from sanctions_screen.tabular.results import RowResult
from sanctions_screen.tabular.worker import clear_detail
from sanctions_screen.unlist.models import SanctionsList

MATCH_FLAGS = frozenset({"listed_party", "dprk_listed_party"})
"""Flags that restate a party's match: the match alert stands for them."""


def row_input(result: RowResult, sanctions: SanctionsList | None) -> RowInput:
    detail = result.outcome.detail or {}
    row = RowInput(
        status=result.status,
        source=result.source,
        line=result.line,
        flags=_flags(result, detail),
        input=dict(zip(result.header, result.values, strict=True)),
        result=_result(result),
    )
    for role, party in _parties(detail, result.inputs):
        _add_party(row, role, party, sanctions)
    if row.result or row.flags or row.alerts:  # kept with a row of its own (a plain clear
        row.record_fingerprint = record_fingerprint(result.inputs)  # row is kept in a chunk)
    matched = {a.reference_number for a in row.alerts}
    by_code: dict[str, list[dict[str, Any]]] = {}
    for flag in row.flags:
        if isinstance(flag, Mapping) and not _restates_match(flag, matched):
            by_code.setdefault(str(flag.get("code", "flag")), []).append(dict(flag))
    for code, flags in by_code.items():
        row.alerts.append(
            AlertInput(
                kind="flag",
                flag=code,
                flags=flags,
                summary="; ".join(str(f.get("message", code)) for f in flags),
                evidence={"flags": flags},
                regime=flags[0].get("regime"),
                subject=row.record_fingerprint,
            )
        )
    return row


def _parties(detail: Mapping[str, Any], inputs: Mapping[str, str]) -> list[tuple[str | None, Any]]:
    if "query" in detail:
        return [(None, detail)]
    out: list[tuple[str | None, Any]] = [
        (party.get("role"), party)
        for party in detail.get("parties", ()) or ()
        if isinstance(party, Mapping)
    ]
    if not out and inputs.get("name"):
        out.append((None, {"query": {"name": inputs["name"]}, "matches": []}))
    return out


def is_plain_clear(result: RowResult) -> bool:
    """Whether ``row_input`` would make of this names row a clear row with no flags, no
    alerts and no result beyond its status, and one party: :func:`clear_party`. Most
    rows of a run are such rows; the audit trail records them without a
    :class:`RowInput` (``RunRecorder.add_clear``)."""
    outcome = result.outcome
    detail = outcome.detail
    return (
        outcome.status == "clear"
        and not result.note
        and not outcome.flags
        and not outcome.parties
        and (
            detail is None  # a repeated clear name: a batch run does not rebuild its detail
            or ("query" in detail and detail.get("status") == "clear" and "flags" not in detail)
        )
    )


def inputs_key(inputs: Mapping[str, str]) -> bytes:
    """A digest of a row's screening inputs, for a result that came without one
    (:attr:`RowResult.key`)."""
    return hashlib.blake2b(repr(inputs).encode("utf-8"), digest_size=16).digest()


def clear_party(result: RowResult) -> PartyInput | None:
    """The party of a plain clear names row (see :func:`is_plain_clear`): the query of its
    result, or for a row without one, the query the screener made of its inputs."""
    detail = result.outcome.detail
    if detail is None:
        detail = clear_detail(result.inputs)
    return _party_input(None, detail)


def _party_input(role: str | None, party: Mapping[str, Any]) -> PartyInput | None:
    query = dict(party.get("query") or {})
    name = str(party.get("name") or query.get("name") or "").strip()
    if not name:
        return None
    query.setdefault("name", name)
    return PartyInput(name=name, role=role, query=query)


def _add_party(
    row: RowInput, role: str | None, party: Mapping[str, Any], sanctions: SanctionsList | None
) -> None:
    found = _party_input(role, party)
    if found is None:
        return
    index = len(row.parties)
    row.parties.append(found)
    if party.get("status", "alert") == "clear":
        return
    for match in party.get("matches", ()) or ():
        reference = str(match.get("reference_number", ""))
        summary = match.get("explanation")
        if isinstance(summary, Mapping):
            summary = summary.get("summary", "")
        row.alerts.append(
            AlertInput(
                kind="match",
                party=index,
                reference_number=reference,
                list_type=match.get("list_type"),
                regime=match.get("regime"),
                matched_name=match.get("matched_name"),
                score=match.get("score"),
                summary=str(summary or ""),
                flags=[
                    dict(f)
                    for f in row.flags
                    if isinstance(f, Mapping) and f.get("reference_number") == reference
                ],
                evidence=dict(match),
                entry=sanctions.get(reference) if sanctions else None,
            )
        )


def _flags(result: RowResult, detail: Mapping[str, Any]) -> list[Any]:
    flags = detail.get("flags")
    if isinstance(flags, list):
        return [dict(f) if isinstance(f, Mapping) else f for f in flags]
    return list(result.outcome.flags)


def _restates_match(flag: Mapping[str, Any], matched: set[str | None]) -> bool:
    code = str(flag.get("code", "")).lower()
    return code in MATCH_FLAGS and flag.get("reference_number") in matched


def _result(result: RowResult) -> dict[str, Any]:
    """What is kept of the result: nothing more than the status for a clear row (its
    parties' screening inputs are kept with the parties); otherwise everything but the
    row's columns (kept once, as the row's input), plus the screening inputs."""
    if result.status == "clear" and not result.note:
        return {}
    data = result.to_dict()
    data.pop("input", None)
    data["screening_inputs"] = dict(result.inputs)
    return data
