"""Screen a whole record: every party against the list, plus the ASEAN-DPRK risk flags.

>>> result = screen_record(screener, record)                      # doctest: +SKIP
>>> result.status, [f.code for f in result.flags]                 # doctest: +SKIP
('alert', ['LISTED_PARTY', 'DPRK_LISTED_PARTY', 'ASEAN_DPRK_NEXUS'])
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from sanctions_screen.matching.result import Match, ScreeningResult
from sanctions_screen.names.text import has_words
from sanctions_screen.places.countries import resolve_country
from sanctions_screen.records.fields import FieldValue
from sanctions_screen.records.flags import (
    Flag,
    asean_dprk_nexus,
    dprk_nexus,
    imo_index,
    listed_company_vessel,
    make_flag,
    sanctioned_goods,
)
from sanctions_screen.records.models import Party, Record
from sanctions_screen.records.rules import Rules, default_rules
from sanctions_screen.unlist.models import ListEntry, SanctionsList

if TYPE_CHECKING:
    from sanctions_screen.matching.screener import Screener

Status = Literal["clear", "review", "alert"]
_ORDER: dict[str, int] = {"clear": 0, "review": 1, "alert": 2}


class MatchSummary(BaseModel):
    model_config = ConfigDict(frozen=True)

    reference_number: str
    score: float
    matched_name: str
    list_name: str
    list_type: str
    regime: str
    explanation: str


class PartyResult(BaseModel):
    """One party of the record and what screening it found."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    role: str
    field: str
    name: str
    kind: str | None
    query: dict[str, Any]
    status: Status
    matches: list[MatchSummary]
    result: ScreeningResult | None = Field(default=None, exclude=True, repr=False)
    """The matcher's own result, for Python callers (not serialised)."""

    @property
    def is_alert(self) -> bool:
        return self.status == "alert"

    @property
    def best(self) -> MatchSummary | None:
        return self.matches[0] if self.matches else None


class RecordResult(BaseModel):
    """The verdict on one record: party screenings, flags and the worst status of them."""

    model_config = ConfigDict(frozen=True)

    record_id: str
    record_type: Literal["trade", "diplomatic"]
    date: dt.date | None
    status: Status
    parties: list[PartyResult]
    flags: list[Flag]
    summary: str

    @property
    def is_alert(self) -> bool:
        return self.status == "alert"

    @property
    def flag_codes(self) -> list[str]:
        return [f.code for f in self.flags]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data; ``flags`` is an explicit empty list when nothing was raised."""
        return {**self.model_dump(mode="json"), "is_alert": self.is_alert}


def screen_record(
    screener: Screener, record: Record, *, rules: Rules | None = None
) -> RecordResult:
    """Screen every party of ``record`` with ``screener`` and raise the record flags."""
    rules = rules or default_rules()
    # A cell of punctuation ("-", "n/a" is words) names no one, like an empty one.
    parties = [
        (p, _screen_party(screener, p))
        for p in record.parties()
        if has_words(p.name) or p.all_identifiers()
    ]
    flags = _listed_flags(rules, parties)
    nexus = dprk_nexus(record, rules)
    dprk_listed = [f for f in flags if f.code == "DPRK_LISTED_PARTY"]
    flags += nexus
    flags += asean_dprk_nexus(record, rules, nexus + dprk_listed)
    flags += sanctioned_goods(record, rules, nexus + dprk_listed)
    flags += listed_company_vessel(record, rules, _imos(screener))
    party_results = [_party_result(p, r) for p, r in parties]
    status = _worst([r.status for r in party_results] + [f.status for f in flags])
    return RecordResult(
        record_id=record.record_id,
        record_type=record.record_type,
        date=record.date,
        status=status,
        parties=party_results,
        flags=flags,
        summary=_summary(status, party_results, flags),
    )


def screen_records(
    screener: Screener, records: Iterable[Record], *, rules: Rules | None = None
) -> list[RecordResult]:
    """:func:`screen_record` over many records, in order."""
    return [screen_record(screener, r, rules=rules) for r in records]


def summarize(results: Iterable[RecordResult]) -> dict[str, Any]:
    """Counts per status and per flag code, and the ids of records that alert."""
    results = list(results)
    return {
        "records": len(results),
        "status": dict(Counter(r.status for r in results)),
        "flags": dict(sorted(Counter(f.code for r in results for f in r.flags).items())),
        "alerts": [r.record_id for r in results if r.is_alert],
        "review": [r.record_id for r in results if r.status == "review"],
    }


def _screen_party(screener: Screener, party: Party) -> ScreeningResult:
    # A vessel's flag says nothing about where its (listed) owner is.
    country = party.nationality if party.kind == "vessel" else party.country or party.nationality
    return screener.screen(
        party.name,
        kind=party.kind,
        country=(resolve_country(country) or country) if country else None,
        birth_date=party.birth_date,
        identifiers=party.all_identifiers(),
    )


def _listed_flags(rules: Rules, parties: list[tuple[Party, ScreeningResult]]) -> list[Flag]:
    """LISTED_PARTY (and DPRK_LISTED_PARTY) for each party's best match at the threshold.

    A party is one person or company: its best match is the flag; other matches above
    the threshold are named in the message and kept in the party result.
    """
    flags: list[Flag] = []
    for party, result in parties:
        above = [m for m in result.matches if m.score >= result.threshold]
        if not above:
            continue
        fv = FieldValue(party.name_field or party.role, party.name, "text")
        others = [m.reference_number for m in above[1:]]
        flags.append(_listed_flag(rules, "LISTED_PARTY", fv, above[0], others))
        if above[0].regime == "KP":
            flags.append(_listed_flag(rules, "DPRK_LISTED_PARTY", fv, above[0], others))
    return flags


def _listed_flag(rules: Rules, code: str, fv: FieldValue, match: Match, others: list[str]) -> Flag:
    message = (
        f"{fv.value!r} matches {match.reference_number} {match.entry.name} "
        f"({match.list_type}) at {match.score:.2f}: {match.explanation.summary}"
    )
    if others:
        message += f" (also above the threshold: {', '.join(others)})"
    return make_flag(
        rules, code, fv, message, "screening.threshold",
        reference_number=match.reference_number, regime=match.regime,
        resolution="UNSCR 1718" if match.regime == "KP" else None,
    )  # fmt: skip


def _party_result(party: Party, result: ScreeningResult) -> PartyResult:
    matches = [
        MatchSummary(
            reference_number=m.reference_number,
            score=round(m.score, 4),
            matched_name=m.matched_name,
            list_name=m.entry.name,
            list_type=m.list_type,
            regime=m.regime,
            explanation=m.explanation.summary,
        )
        for m in result.matches
    ]
    return PartyResult(
        role=party.role,
        field=party.name_field,
        name=party.name,
        kind=party.kind,
        query=result.query.to_dict(),
        status=result.status,
        matches=matches,
        result=result,
    )


_IMO_CACHE: dict[int, tuple[SanctionsList, dict[str, ListEntry]]] = {}


def _imos(screener: Screener) -> dict[str, ListEntry]:
    """IMO company numbers of the screener's list, indexed once per list."""
    listed = screener.sanctions_list
    cached = _IMO_CACHE.get(id(listed))
    if cached is None or cached[0] is not listed:
        if len(_IMO_CACHE) >= 4:
            _IMO_CACHE.clear()
        cached = _IMO_CACHE[id(listed)] = (listed, imo_index(listed.entries))
    return cached[1]


def _worst(statuses: Iterable[str]) -> Status:
    worst: Status = "clear"
    for status in statuses:
        if _ORDER[status] > _ORDER[worst]:
            worst = "alert" if status == "alert" else "review"
    return worst


def _summary(status: Status, parties: list[PartyResult], flags: list[Flag]) -> str:
    screened = f"{len(parties)} {'party' if len(parties) == 1 else 'parties'} screened"
    if not flags:
        review = sum(p.status == "review" for p in parties)
        tail = f", {review} to review" if review else ""
        return f"{status}: {screened}{tail}; no flags"
    codes = ", ".join(
        f"{code} x{n}" if n > 1 else code for code, n in Counter(f.code for f in flags).items()
    )
    return f"{status}: {screened}; flags: {codes}"
