"""Build records from flat rows whose headers are the canonical column names.

Party columns are ``<role>_<attribute>`` (``shipper_name``, ``consignee_phone``,
``member2_birth_date``); a bare ``<role>`` column is the name. Numbered roles
(``member1``, ``host_official3``) may repeat without limit. Lists (``hs_codes``,
``transshipment_ports``, ``<role>_id``) are split on ``;`` or ``|``. Every other column
rides along untouched in ``record.model_extra``. docs/records.md lists all columns.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from sanctions_screen.exceptions import BadRowError
from sanctions_screen.records.models import (
    DiplomaticRecord,
    Party,
    PartyKind,
    Record,
    TradeRecord,
)

PARTY_ATTRIBUTES = (
    "name", "kind", "country", "nationality", "birth_date", "passport", "id",
    "organisation", "address", "phone", "email", "website",
)  # fmt: skip
TRADE_ROLES = (
    "shipper", "consignee", "notify_party", "buyer", "seller", "end_user", "agent",
    "beneficiary", "applicant", "ordering_party",
    "carrier", "vessel_owner", "forwarder", "manufacturer",
)  # fmt: skip
"""Trade parties that may be a person or a company: kind left to the matcher unless known.
Carriers, vessel owners, forwarders and manufacturers are mostly companies, but a listed
person written there (a sole trader, a front) must still alert: taking the role for the
kind cleared JO YONG WON as a manufacturer."""
BANK_ROLES = (
    "applicant_bank", "issuing_bank", "advising_bank", "beneficiary_bank",
    "intermediary_bank", "correspondent_bank",
)  # fmt: skip
TRADE_FIELDS = (
    "record_id", "date", "vessel_name", "imo_number", "vessel_flag", "port_of_loading",
    "port_of_discharge", "transshipment_ports", "origin_country", "destination_country",
    "hs_codes", "goods_description", "value", "currency",
)  # fmt: skip
DIPLOMATIC_FIELDS = (
    "record_id", "date", "delegation_country", "host_country", "venue", "city", "purpose",
)  # fmt: skip
DIPLOMATIC_ROLES = ("delegation_organisation", "host_organisation")
NUMBERED_ROLES = ("member", "host_official")
_HONORIFIC = re.compile(r"(?i)^(mr|mrs|ms|miss|dr|madam|mme|m)\.?\s")
_SPLIT = re.compile(r"\s*[;|]\s*")
_HS_SPLIT = re.compile(r"[;|,/\s]+")
_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%d %b %Y", "%d %B %Y", "%Y%m%d")
_ATTRIBUTE = "|".join(PARTY_ATTRIBUTES)
_NUMBERED = re.compile(rf"^({'|'.join(NUMBERED_ROLES)})(\d+)(?:_({_ATTRIBUTE}))?$")


def record_from_row(row: Mapping[str, str], record_type: Literal["trade", "diplomatic"]) -> Record:
    """A :class:`TradeRecord` or :class:`DiplomaticRecord` from one row of canonical columns.

    Raises :class:`~sanctions_screen.exceptions.BadRowError` for a row that cannot be a
    record (no ``record_id``, a date or value that does not parse).

    >>> r = record_from_row({"record_id": "T1", "shipper_name": "Acme Pte Ltd"}, "trade")
    >>> r.shipper.name, r.shipper.name_field
    ('Acme Pte Ltd', 'shipper_name')
    """
    values = {k.strip(): v.strip() for k, v in row.items() if k and v and v.strip()}
    if not values.get("record_id"):
        raise BadRowError("no record_id")
    if record_type == "trade":
        return _trade(values)
    if record_type == "diplomatic":
        return _diplomatic(values)
    raise ValueError(f"record_type must be 'trade' or 'diplomatic', not {record_type!r}")


def _trade(values: dict[str, str]) -> TradeRecord:
    used: set[str] = set()
    data: dict[str, Any] = {f: values[f] for f in TRADE_FIELDS if f in values}
    used.update(data)
    for role in TRADE_ROLES:
        data[role] = _party(values, role, None, used)
    data["banks"] = [p for r in BANK_ROLES if (p := _party(values, r, "organization", used))]
    data["other_parties"] = _other_parties(values, used, TradeRecord)
    data["date"] = _date(values.get("date"))
    data["value"] = _decimal(values.get("value"))
    data["hs_codes"] = [c for c in _HS_SPLIT.split(values.get("hs_codes", "")) if c]
    data["transshipment_ports"] = _list(values.get("transshipment_ports"))
    if data.get("imo_number"):
        data["imo_number"] = re.sub(r"(?i)^imo[\s:.#-]*", "", data["imo_number"])
    return TradeRecord.model_validate({**_extras(values, used, TradeRecord), **data})


def _diplomatic(values: dict[str, str]) -> DiplomaticRecord:
    used: set[str] = set()
    data: dict[str, Any] = {f: values[f] for f in DIPLOMATIC_FIELDS if f in values}
    used.update(data)
    for role in DIPLOMATIC_ROLES:
        data[role] = _party(values, role, "organization", used)
    numbered: dict[str, set[int]] = {role: set() for role in NUMBERED_ROLES}
    for column in values:
        m = _NUMBERED.match(column)
        if m:
            numbered[m.group(1)].add(int(m.group(2)))
    data["members"] = _numbered(values, "member", sorted(numbered["member"]), used)
    data["host_officials"] = _numbered(
        values, "host_official", sorted(numbered["host_official"]), used
    )
    data["date"] = _date(values.get("date"))
    data["other_parties"] = _other_parties(values, used, DiplomaticRecord)
    return DiplomaticRecord.model_validate({**_extras(values, used, DiplomaticRecord), **data})


def _numbered(values: dict[str, str], role: str, numbers: list[int], used: set[str]) -> list[Party]:
    parties = [_party(values, f"{role}{n}", "person", used) for n in numbers]
    return [p for p in parties if p is not None]


def _party(
    values: dict[str, str], role: str, kind: PartyKind | None, used: set[str]
) -> Party | None:
    attrs = {a: values[f"{role}_{a}"] for a in PARTY_ATTRIBUTES if f"{role}_{a}" in values}
    used.update(f"{role}_{a}" for a in attrs)
    name_field = f"{role}_name"
    if "name" not in attrs and role in values:
        attrs["name"], name_field = values[role], role
        used.add(role)
    if not attrs:
        return None
    given_kind = attrs.pop("kind", "").casefold()
    if given_kind in ("person", "organization", "vessel"):
        kind = given_kind  # type: ignore[assignment]
    elif kind is None and _looks_like_person(attrs):
        kind = "person"
    ids = _list(attrs.pop("id", None))
    return Party.model_validate(
        {**attrs, "role": role, "name_field": name_field, "kind": kind, "identifiers": ids}
    )


_OTHER_NAME = re.compile(r"^([a-z][a-z0-9_]*?)_name$")


def _other_parties(values: dict[str, str], used: set[str], model: type[Record]) -> list[Party]:
    """Parties in roles the record has no field for (``broker_name``, from ``--party
    broker=...``): screened like the others, kind left to the matcher."""
    fields = set(model.model_fields)
    out = []
    for column in list(values):
        match = _OTHER_NAME.match(column)
        if match and column not in used and column not in fields:
            party = _party(values, match.group(1), None, used)
            if party is not None:
                out.append(party)
    return out


def _looks_like_person(attrs: dict[str, str]) -> bool:
    """An honorific, or evidence only people have (birth date, passport, nationality)."""
    person_only = {"birth_date", "passport", "nationality"}
    return bool(_HONORIFIC.match(attrs.get("name", ""))) or bool(attrs.keys() & person_only)


def _extras(values: dict[str, str], used: set[str], model: type[Record]) -> dict[str, str]:
    """Unknown columns, kept as they are (renamed ``x_<name>`` if they clash with a field)."""
    fields = set(model.model_fields)
    return {(f"x_{k}" if k in fields else k): v for k, v in values.items() if k not in used}


def _list(text: str | None) -> list[str]:
    return [part for part in _SPLIT.split(text or "") if part]


def _date(text: str | None) -> dt.date | None:
    if not text:
        return None
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise BadRowError(f"date {text!r} is not a date (use YYYY-MM-DD)")


def _decimal(text: str | None) -> Decimal | None:
    if not text:
        return None
    try:
        return Decimal(text.replace(",", "").replace(" ", ""))
    except InvalidOperation as exc:
        raise BadRowError(f"value {text!r} is not a number") from exc
