"""Every value a record holds, with the canonical field it came from and what kind it is.

Flags scan these: a country field is resolved as a whole, free text is searched for places,
and every value is searched for phone numbers and domains.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from sanctions_screen.records.models import Party, Record, TradeRecord

ValueKind = Literal["country", "flag", "text", "phone", "contact", "code"]

_COUNTRY_FIELDS = ("origin_country", "destination_country", "delegation_country", "host_country")
_CODE_FIELDS = ("imo_number", "hs_codes", "value", "currency", "record_id", "date")
_PARTY_KINDS: dict[str, ValueKind] = {
    "name": "text",
    "country": "country",
    "nationality": "country",
    "organisation": "text",
    "address": "text",
    "phone": "phone",
    "email": "contact",
    "website": "contact",
}


@dataclass(frozen=True, slots=True)
class FieldValue:
    field: str
    value: str
    kind: ValueKind


def record_values(record: Record) -> Iterator[FieldValue]:
    """Each non-empty value of ``record``, parties and ride-along extras included."""
    for name in type(record).model_fields:
        value = getattr(record, name)
        if isinstance(value, Party):
            yield from _party_values(value, name)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, Party):
                    yield from _party_values(item, f"{name}[{i}]")
                elif item:
                    yield FieldValue(name, str(item), _kind(name))
        elif isinstance(value, str) and value and name != "record_type":
            yield FieldValue(name, value, _kind(name))
    for name, value in (record.model_extra or {}).items():
        if isinstance(value, str) and value:
            yield FieldValue(name, value, "text")


def _kind(name: str) -> ValueKind:
    if name in _COUNTRY_FIELDS:
        return "country"
    if name == "vessel_flag":
        return "flag"
    return "code" if name in _CODE_FIELDS else "text"


def _party_values(party: Party, fallback: str) -> Iterator[FieldValue]:
    prefix = party.role or fallback
    if party.name:
        yield FieldValue(party.name_field or f"{prefix}_name", party.name, "text")
    for attr, kind in _PARTY_KINDS.items():
        value = getattr(party, attr)
        if attr != "name" and value:
            yield FieldValue(f"{prefix}_{attr}", str(value), kind)
    for value in party.all_identifiers():
        yield FieldValue(f"{prefix}_id", value, "code")


def route_sides(record: Record) -> tuple[list[FieldValue], list[FieldValue]]:
    """Values that say where goods come from, and where they go (trade records only)."""
    if not isinstance(record, TradeRecord):
        return [], []
    origin: list[FieldValue] = []
    destination: list[FieldValue] = []
    for fv in record_values(record):
        head = fv.field.split("_", 1)[0]
        if fv.field in ("origin_country", "port_of_loading") or (
            head in ("shipper", "seller") and fv.kind in ("country", "text")
        ):
            origin.append(fv)
        elif fv.field in ("destination_country", "port_of_discharge") or (
            head in ("consignee", "buyer") and fv.kind in ("country", "text")
        ):
            destination.append(fv)
    return origin, destination
