"""Header names recognised without options, per canonical field.

Headers are compared in :func:`~sanctions_screen.tabular.reader.normalise_header` form
(case, spaces and punctuation ignored), so ``"Date of Birth"``, ``"date_of_birth"`` and
``"DATE-OF-BIRTH"`` are the same header. Canonical trade and diplomatic field names are the
records layer's column names (docs/records.md).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Literal

from sanctions_screen.tabular.reader import normalise_header

Vocabulary = Mapping[str, tuple[str, ...]]

NAMES_FIELDS: Vocabulary = {
    "kind": ("kind", "type", "entity type", "party type", "subject type"),
    "country": ("country", "country code", "address country", "country of residence"),
    "nationality": ("nationality", "citizenship", "nationalities"),
    "dob": ("dob", "date of birth", "birth date", "birthdate", "born", "d.o.b."),
    "passport": ("passport", "passport no", "passport number", "passport nr"),
    "imo": ("imo", "imo number", "imo no", "vessel imo", "company imo"),
}
"""Evidence columns of a plain list of names (the name itself is found separately)."""

FULL_NAME_HEADERS = (
    "name", "full name", "fullname", "party name", "party", "entity name", "entity",
    "company", "company name", "organisation", "organization", "organisation name",
    "organization name", "customer", "customer name", "counterparty", "counterparty name",
    "beneficiary", "beneficiary name", "individual", "person", "subject", "subject name",
    "vessel", "vessel name", "shipper", "consignee", "supplier", "supplier name", "vendor",
)  # fmt: skip
FIRST_LAST = (
    ("first name", "given name", "forename", "given names"),
    ("middle name", "middle names", "second name"),
    ("last name", "surname", "family name", "lastname"),
)
_NUMBERED = re.compile(r"^name(\d{1,2})$")

TRADE_FIELDS: Vocabulary = {
    "shipper": ("shipper", "shipper name", "exporter", "exporter name", "consignor"),
    "consignee": ("consignee", "consignee name", "importer", "importer name"),
    "notify_party": ("notify party", "notify", "notify party name"),
    "buyer": ("buyer", "buyer name"),
    "seller": ("seller", "seller name", "supplier", "supplier name"),
    "shipper_bank": ("shipper bank", "exporter bank", "beneficiary bank"),
    "consignee_bank": ("consignee bank", "importer bank", "applicant bank", "issuing bank"),
    "carrier": ("carrier", "carrier name", "shipping line", "forwarder"),
    "vessel_name": ("vessel", "vessel name", "ship", "ship name"),
    "imo_number": ("imo", "imo number", "imo no", "vessel imo"),
    "vessel_flag": ("flag", "vessel flag", "flag state"),
    "port_of_loading": ("port of loading", "pol", "loading port", "origin port"),
    "port_of_discharge": ("port of discharge", "pod", "discharge port", "destination port"),
    "transshipment_ports": ("transshipment port", "transshipment ports", "transhipment port"),
    "origin_country": ("origin country", "country of origin", "origin"),
    "destination_country": ("destination country", "country of destination", "destination"),
    "hs_codes": ("hs code", "hs codes", "hs", "commodity code", "tariff code"),
    "goods_description": ("goods", "goods description", "description", "commodity", "cargo"),
    "date": ("date", "shipment date", "ship date", "bl date", "b/l date", "invoice date"),
    "value": ("value", "amount", "invoice value"),
}
DIPLOMATIC_FIELDS: Vocabulary = {
    "delegation_members": ("delegation members", "members", "delegates", "delegation"),
    "member_name": ("member", "member name", "delegate", "delegate name", "official", "name"),
    "member_nationality": ("nationality", "member nationality"),
    "member_dob": ("dob", "date of birth", "member dob"),
    "member_passport": ("passport", "passport number", "member passport"),
    "member_organisation": ("organisation", "organization", "member organisation"),
    "host_country": ("host country", "host nation"),
    "host_organisation": ("host organisation", "host organization", "host"),
    "venue": ("venue", "meeting venue", "meeting place"),
    "date": ("date", "meeting date", "visit date"),
    "purpose": ("purpose", "subject", "agenda"),
}
PARTY_FIELDS = frozenset(
    {
        "shipper", "consignee", "notify_party", "buyer", "seller", "shipper_bank",
        "consignee_bank", "carrier", "vessel_name", "delegation_members", "member_name",
        "member_organisation", "host_organisation",
    }
)  # fmt: skip
EVIDENCE_FIELDS = tuple(NAMES_FIELDS)

_TRADE_MARKERS = {"shipper", "consignee", "notify_party", "exporter", "importer", "hs_codes"}
_DIPLOMATIC_MARKERS = {"delegation_members", "host_country", "host_organisation", "venue"}


def _lookup(vocabulary: Vocabulary) -> dict[str, str]:
    return {normalise_header(alias): canonical for canonical, aliases in vocabulary.items()
            for alias in (canonical, *aliases)}  # fmt: skip


def recognise(header: Sequence[str], vocabulary: Vocabulary) -> dict[str, int]:
    """Canonical field -> index of the first column whose header names it."""
    lookup = _lookup(vocabulary)
    out: dict[str, int] = {}
    for i, name in enumerate(header):
        canonical = lookup.get(normalise_header(name))
        if canonical is not None and canonical not in out:
            out[canonical] = i
    return out


def detect_record_type(header: Sequence[str]) -> Literal["trade", "diplomatic", "names"]:
    trade = set(recognise(header, TRADE_FIELDS))
    if trade & _TRADE_MARKERS:
        return "trade"
    if set(recognise(header, DIPLOMATIC_FIELDS)) & _DIPLOMATIC_MARKERS:
        return "diplomatic"
    return "names"


def name_columns(header: Sequence[str]) -> tuple[int, ...]:
    """The column(s) holding the name in a plain list: a full-name column, else ``Name 1``
    ... ``Name N`` joined, else first / middle / last name joined."""
    keys = [normalise_header(h) for h in header]
    for alias in FULL_NAME_HEADERS:
        key = normalise_header(alias)
        if key in keys:
            return (keys.index(key),)
    numbered = sorted((int(m.group(1)), i) for i, k in enumerate(keys) if (m := _NUMBERED.match(k)))
    if numbered:
        return tuple(i for _, i in numbered)
    parts: list[int] = []
    for aliases in FIRST_LAST:
        for alias in aliases:
            key = normalise_header(alias)
            if key in keys:
                parts.append(keys.index(key))
                break
    return tuple(parts)


def party_field(record_type: str, role: str) -> str:
    """The canonical field for a ``--party`` role (``notify party`` -> ``notify_party``)."""
    vocabulary = TRADE_FIELDS if record_type == "trade" else DIPLOMATIC_FIELDS
    return _lookup(vocabulary).get(normalise_header(role), role.replace(" ", "_"))


KNOWN_HEADERS: frozenset[str] = (
    frozenset(
        alias
        for vocabulary in (NAMES_FIELDS, TRADE_FIELDS, DIPLOMATIC_FIELDS)
        for canonical, aliases in vocabulary.items()
        for alias in (canonical, *aliases)
    )
    | frozenset(FULL_NAME_HEADERS)
    | frozenset(a for group in FIRST_LAST for a in group)
)
"""Every header name recognised anywhere: used to find the header below a preamble."""
