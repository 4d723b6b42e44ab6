"""Record flags that need no name matching: DPRK nexus, ASEAN-DPRK nexus, goods, IMO numbers.

Each detector returns :class:`Flag` objects naming the field and value that raised them,
the rule and the authority behind it. Listed-party flags come from party screening
(:mod:`sanctions_screen.records.screening`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict

from sanctions_screen.places.countries import find_places, resolve_country
from sanctions_screen.places.text import fold
from sanctions_screen.records.fields import FieldValue, record_values, route_sides
from sanctions_screen.records.models import Record, TradeRecord
from sanctions_screen.records.rules import GoodsMeasure, Rules, Severity
from sanctions_screen.unlist.models import ListEntry

_IMO = re.compile(r"(?<!\d)(\d{7})(?!\d)")


class Flag(BaseModel):
    """One reason a record needs attention, with its evidence."""

    model_config = ConfigDict(frozen=True)

    code: str
    severity: Severity
    status: Literal["review", "alert"]
    message: str
    field: str
    value: str
    rule: str
    source: str
    resolution: str | None = None
    reference_number: str | None = None
    regime: str | None = None

    @property
    def key(self) -> str:
        """``CODE:detail``, the form examples/expected_flags.csv pins.

        The detail is the list reference for party and vessel flags, the country for
        ASEAN_DPRK_NEXUS, the measure id for goods, and the field for DPRK_NEXUS.
        """
        if self.reference_number:
            return f"{self.code}:{self.reference_number}"
        if self.code in ("ASEAN_DPRK_NEXUS", "DPRK_SANCTIONED_GOODS"):
            return f"{self.code}:{self.rule.split(':', 1)[-1]}"
        return f"{self.code}:{self.field}"


def make_flag(
    rules: Rules,
    code: str,
    fv: FieldValue,
    message: str,
    rule: str,
    *,
    source: str | None = None,
    resolution: str | None = None,
    reference_number: str | None = None,
    regime: str | None = None,
) -> Flag:
    """A flag of ``code`` with the severity and status the rules give it."""
    spec = rules.flags[code]
    return Flag(
        code=code,
        severity=spec.severity,
        status=spec.status,
        message=message,
        field=fv.field,
        value=fv.value,
        rule=rule,
        source=source or spec.source,
        resolution=resolution,
        reference_number=reference_number,
        regime=regime,
    )


# -- DPRK nexus ---------------------------------------------------------------------------


def dprk_nexus(record: Record, rules: Rules) -> list[Flag]:
    """A DPRK country, place, port, phone number, domain or flag anywhere in the record.

    One flag per field: its rule is the first indicator found there, its message names all.
    """
    flags: dict[str, Flag] = {}
    for fv in record_values(record):
        if fv.field in flags:
            continue
        evidence = list(dict.fromkeys(_dprk_evidence(fv, rules)))
        if evidence:
            rule, _, source = evidence[0]
            message = "; ".join(message for _, message, _ in evidence)
            flags[fv.field] = make_flag(rules, "DPRK_NEXUS", fv, message, rule, source=source)
    return list(flags.values())


def _dprk_evidence(fv: FieldValue, rules: Rules) -> Iterable[tuple[str, str, str]]:
    dprk = {c.code: c for c in rules.dprk.country_codes}
    if fv.kind == "flag":
        flags = {c.code: c for c in rules.dprk.vessel_flags}
        code = resolve_country(fv.value)
        if code in flags:
            message = f"DPRK-flagged vessel ({fv.value})"
            yield f"dprk.vessel_flags:{code}", message, flags[code].source
            return
    if fv.kind in ("country", "flag"):
        code = resolve_country(fv.value)
        if code in dprk:
            yield f"dprk.country_codes:{code}", f"DPRK country ({fv.value})", dprk[code].source
            return
    if fv.kind in ("country", "flag", "text"):
        for hit in find_places(fv.value):
            if hit.country in dprk:
                yield f"places:{hit.name}", f"DPRK {hit.kind} {hit.text!r}", hit.source
    for phone in rules.dprk.phone_prefixes:
        if phone.prefix.startswith("00") and fv.kind != "phone":
            continue  # "00850..." in prose is as likely an invoice number as a phone number
        if _phone_pattern(phone.prefix).search(fv.value):
            message = f"DPRK phone number ({phone.prefix})"
            yield f"dprk.phone_prefixes:{phone.prefix}", message, phone.source
    for domain in rules.dprk.domains:
        if _domain_pattern(domain.suffix).search(fv.value):
            yield f"dprk.domains:{domain.suffix}", f"DPRK domain ({domain.suffix})", domain.source


@lru_cache(maxsize=64)
def _phone_pattern(prefix: str) -> re.Pattern[str]:
    digits = prefix.lstrip("+")
    lead = r"\+\s*" if prefix.startswith("+") else r"(?<![\d+])"
    return re.compile(rf"(?<!\w){lead}{re.escape(digits)}(?=[\s\-.()/]*\d)")


@lru_cache(maxsize=64)
def _domain_pattern(suffix: str) -> re.Pattern[str]:
    return re.compile(rf"(?i)[a-z0-9-]{re.escape(suffix)}(?![a-z0-9-]|\.[a-z0-9])")


# -- ASEAN-DPRK nexus ---------------------------------------------------------------------


def asean_dprk_nexus(
    record: Record, rules: Rules, dprk_flags: list[Flag], *, today: dt.date | None = None
) -> list[Flag]:
    """One flag per ASEAN member state in a record that has a DPRK nexus or listed party.

    Membership is taken on the record's date (today's, if it has none): Timor-Leste
    counts from 2025-10-26 only.
    """
    if not dprk_flags:
        return []
    day = record.date or today or dt.date.today()
    members = rules.asean_on(day)
    link = dprk_flags[0]
    found: dict[str, Flag] = {}
    for fv in record_values(record):
        for code in _countries(fv):
            if code in members and code not in found:
                member = members[code]
                message = (
                    f"ASEAN member {member.name} (member since {member.admitted}) with a DPRK "
                    f"link: {link.code} via {link.field}={link.value!r}"
                )
                found[code] = make_flag(
                    rules, "ASEAN_DPRK_NEXUS", fv, message, f"asean_members:{code}",
                    source=f"{rules.flags['ASEAN_DPRK_NEXUS'].source}; {member.source}",
                )  # fmt: skip
    return list(found.values())


def _countries(fv: FieldValue) -> list[str]:
    if fv.kind in ("country", "flag"):
        code = resolve_country(fv.value)
        return [code] if code else []
    if fv.kind == "text":
        return [hit.country for hit in find_places(fv.value)]
    return []


# -- Sanctioned goods ---------------------------------------------------------------------


def sanctioned_goods(record: Record, rules: Rules, dprk_flags: list[Flag]) -> list[Flag]:
    """Goods under a UN DPRK measure on a record with a DPRK nexus, one flag per measure."""
    if not dprk_flags or not isinstance(record, TradeRecord):
        return []
    directions = _directions(record, rules)
    flags = []
    for measure in rules.sanctioned_goods:
        if measure.direction != "both" and measure.direction not in directions:
            continue
        evidence = _goods_evidence(record, measure)
        if evidence is None:
            continue
        fv, what = evidence
        way = {"from_dprk": "exports from the DPRK", "to_dprk": "supply to the DPRK"}
        message = (
            f"{what} falls under {measure.citation}: {measure.measure}"
            f" ({way.get(measure.direction, 'either way')}); DPRK link: "
            f"{dprk_flags[0].field}={dprk_flags[0].value!r}"
        )
        flags.append(
            make_flag(
                rules, "DPRK_SANCTIONED_GOODS", fv, message, f"sanctioned_goods:{measure.id}",
                source=measure.source, resolution=measure.citation,
            )
        )  # fmt: skip
    return flags


def _directions(record: TradeRecord, rules: Rules) -> set[str]:
    """Which way the goods move relative to the DPRK; both when the route does not say."""
    dprk = {c.code for c in rules.dprk.country_codes}
    origin, destination = route_sides(record)
    out = set()
    if any(code in dprk for fv in origin for code in _countries(fv)):
        out.add("from_dprk")
    if any(code in dprk for fv in destination for code in _countries(fv)):
        out.add("to_dprk")
    return out or {"from_dprk", "to_dprk"}


def _goods_evidence(record: TradeRecord, measure: GoodsMeasure) -> tuple[FieldValue, str] | None:
    for code in record.hs_codes:
        digits = re.sub(r"\D", "", code)
        if any(digits.startswith(prefix) for prefix in measure.hs):
            return FieldValue("hs_codes", code, "code"), f"HS {code}"
    text = record.goods_description or ""
    match = _keyword_pattern(measure.keywords).search(fold_text(text))
    if match:
        return FieldValue("goods_description", text, "text"), f"goods {match.group(1)!r}"
    return None


def fold_text(text: str) -> str:
    """Lower-case ASCII words separated by single spaces, for keyword search."""
    return " ".join(w for w in (fold(t) for t in re.split(r"[\s,;:/()\-]+", text)) if w)


@lru_cache(maxsize=256)
def _keyword_pattern(keywords: tuple[str, ...]) -> re.Pattern[str]:
    words = sorted((fold_text(k) for k in keywords), key=len, reverse=True)
    alternatives = "|".join(re.escape(w) for w in words if w)
    return re.compile(rf"\b({alternatives})(?:s|es)?\b" if alternatives else r"(?!x)x")


# -- Listed-company IMO numbers -----------------------------------------------------------


def imo_index(entries: Iterable[ListEntry]) -> dict[str, ListEntry]:
    """IMO company numbers of listed entries (DPRK shipping companies), number -> entry."""
    return {imo: entry for entry in entries for imo in entry.imo_numbers}


def listed_company_vessel(
    record: Record, rules: Rules, imos: Mapping[str, ListEntry]
) -> list[Flag]:
    """An IMO number anywhere in the record that belongs to a listed shipping company."""
    flags: dict[str, Flag] = {}
    for fv in record_values(record):
        if not ("imo" in fv.field.casefold() or fv.field.endswith("_id")):
            continue
        for number in _IMO.findall(fv.value):
            entry = imos.get(number)
            if entry is not None and number not in flags:
                message = (
                    f"IMO {number} is the company number of {entry.reference_number} "
                    f"{entry.name} ({entry.un_list_type})"
                )
                flags[number] = make_flag(
                    rules, "LISTED_COMPANY_VESSEL", fv, message, "unlist.imo_numbers",
                    reference_number=entry.reference_number, regime=entry.regime,
                )  # fmt: skip
    return list(flags.values())
