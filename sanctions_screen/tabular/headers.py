"""Header names recognised without options.

Headers are compared in :func:`~sanctions_screen.tabular.reader.normalise_header` form
(case, spaces and punctuation ignored), so ``"Date of Birth"``, ``"date_of_birth"`` and
``"DATE-OF-BIRTH"`` are the same header.

For trade and diplomatic files the targets are the records layer's column names
(docs/records.md): plain fields (``hs_codes``, ``port_of_loading``...) and party columns
``<role>_<attribute>`` (``consignee_name``, ``shipper_country``, ``member2_passport``).
A header is read as a role alias plus an attribute alias, so ``Exporter Country`` is
``shipper_country`` and ``Delegate 2 DOB`` is ``member2_birth_date``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from typing import Literal

# The kind vocabulary lives with the matcher, whose API accepts the same words.
from sanctions_screen.matching.kinds import KIND_WORDS as KIND_WORDS
from sanctions_screen.matching.kinds import normalise_kind as normalise_kind
from sanctions_screen.tabular.sniff import normalise_header

Vocabulary = Mapping[str, tuple[str, ...]]
DetectedType = Literal["trade", "diplomatic", "names"]

# -- plain lists of names -------------------------------------------------------------------

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
_NUMBERED_NAME = re.compile(r"^name(\d{1,2})$")


# -- trade and diplomatic records -----------------------------------------------------------

ROLE_ALIASES: Vocabulary = {
    "shipper": ("shipper", "exporter", "consignor"),
    "consignee": ("consignee", "importer", "receiver"),
    "notify_party": ("notify party", "notify"),
    "buyer": ("buyer", "purchaser"),
    "seller": ("seller", "supplier", "vendor"),
    "carrier": ("carrier", "shipping line", "shipping company", "airline"),
    "vessel_owner": ("vessel owner", "ship owner", "shipowner", "registered owner", "owner"),
    "end_user": ("end user", "enduser", "ultimate consignee", "final consignee", "end use"),
    "agent": ("agent", "shipping agent", "sales agent", "broker", "customs broker"),
    "forwarder": ("forwarder", "freight forwarder", "forwarding agent", "logistics provider"),
    "manufacturer": ("manufacturer", "producer", "maker", "mfr"),
    "beneficiary": ("beneficiary", "payee", "creditor", "beneficiary customer"),
    "applicant": ("applicant", "lc applicant"),
    "ordering_party": (
        "ordering party",
        "ordering customer",
        "orderer",
        "originator",
        "remitter",
        "payer",
        "debtor",
    ),
    "applicant_bank": ("applicant bank",),
    "issuing_bank": ("issuing bank", "opening bank"),
    "advising_bank": ("advising bank",),
    "beneficiary_bank": ("beneficiary bank",),
    "intermediary_bank": ("intermediary bank",),
    "correspondent_bank": ("correspondent bank",),
    "delegation_organisation": ("delegation organisation", "delegation organization"),
    "host_organisation": ("host organisation", "host organization", "host"),
    "member": ("member", "delegate", "delegation member", "participant"),
    "host_official": ("host official", "official"),
}
_DIPLOMATIC_ROLES = ("delegation_organisation", "host_organisation", "member", "host_official")
_NUMBERED_ROLES = ("member", "host_official")

ATTRIBUTE_ALIASES: Vocabulary = {
    "name": ("name", "full name", "company", "company name"),
    "kind": ("kind", "type"),
    "country": ("country", "country code", "address country"),
    "nationality": ("nationality", "citizenship"),
    "birth_date": ("birth date", "date of birth", "dob", "birthdate"),
    "passport": ("passport", "passport no", "passport number"),
    "id": ("id", "identifier", "registration number", "registration no", "tax id"),
    "organisation": ("organisation", "organization", "employer", "agency", "ministry"),
    "address": ("address", "addr"),
    "phone": ("phone", "telephone", "tel", "phone number"),
    "email": ("email", "e-mail", "email address"),
    "website": ("website", "web", "url", "web site"),
}

TRADE_FIELDS: Vocabulary = {
    "record_id": ("id", "record id", "shipment id", "shipment no", "reference", "ref",
                  "bl number", "b/l no", "bill of lading", "invoice no", "transaction id",
                  "txn id", "txn", "txn no", "transaction", "transaction no", "payment id",
                  "transfer id", "trade id", "deal id", "order id", "order no"),
    "date": ("date", "shipment date", "ship date", "bl date", "b/l date", "invoice date"),
    "vessel_name": ("vessel", "vessel name", "ship", "ship name"),
    "imo_number": ("imo", "imo number", "imo no", "vessel imo"),
    "vessel_flag": ("flag", "vessel flag", "flag state"),
    "port_of_loading": ("port of loading", "pol", "loading port", "origin port"),
    "port_of_discharge": ("port of discharge", "pod", "discharge port", "destination port"),
    "transshipment_ports": ("transshipment port", "transshipment ports", "transhipment port",
                            "transhipment ports", "via"),
    "origin_country": ("origin country", "country of origin", "origin"),
    "destination_country": ("destination country", "country of destination", "destination"),
    "hs_codes": ("hs code", "hs codes", "hs", "commodity code", "tariff code", "hts code"),
    "goods_description": ("goods", "goods description", "description", "commodity", "cargo",
                          "description of goods"),
    "value": ("value", "amount", "invoice value"),
    "currency": ("currency", "ccy"),
}  # fmt: skip
DIPLOMATIC_FIELDS: Vocabulary = {
    "record_id": ("id", "record id", "meeting id", "visit id", "reference", "ref"),
    "date": ("date", "meeting date", "visit date"),
    "delegation_country": ("delegation country", "visiting country", "delegation from"),
    "host_country": ("host country", "host nation"),
    "venue": ("venue", "meeting venue", "meeting place"),
    "city": ("city", "meeting city"),
    "purpose": ("purpose", "agenda", "subject"),
}
_TRADE_MARKERS = {
    "shipper", "consignee", "notify_party", "hs_codes", "vessel_name", "buyer", "end_user",
    "forwarder", "manufacturer", "ordering_party", "applicant_bank", "issuing_bank",
    "advising_bank", "beneficiary_bank", "intermediary_bank", "correspondent_bank",
}  # fmt: skip
"""Trade columns that make a file a trade file; otherwise two party roles do (a list of
beneficiaries alone stays a list of names)."""
_DIPLOMATIC_MARKERS = {"member", "host_official", "delegation_country", "host_country"}
_NUMBERED_HEADER = re.compile(r"^(\D*?)\s*(\d{1,3})(?:\s+(.*))?$")
_ROLE_OF = re.compile(r"^([a-z_]+?)\d*_[a-z]+$")

EVIDENCE_FIELDS = tuple(NAMES_FIELDS)


def _words(name: str) -> list[str]:
    return re.findall(r"[0-9a-z]+", name.casefold())


@functools.cache
def _lookup_of(key: str) -> dict[str, str]:
    vocabulary = _VOCABULARIES[key]
    return {
        normalise_header(alias): canonical
        for canonical, aliases in vocabulary.items()
        for alias in (canonical, *aliases)
    }


_VOCABULARIES: dict[str, Vocabulary] = {
    "names": NAMES_FIELDS,
    "trade": TRADE_FIELDS,
    "diplomatic": DIPLOMATIC_FIELDS,
    "attributes": ATTRIBUTE_ALIASES,
    "trade_roles": {r: a for r, a in ROLE_ALIASES.items() if r not in _DIPLOMATIC_ROLES},
    "diplomatic_roles": {r: a for r, a in ROLE_ALIASES.items() if r in _DIPLOMATIC_ROLES},
}


def recognise(header: Sequence[str], vocabulary: str) -> dict[str, int]:
    """Canonical field -> index of the first column whose header names it
    (``vocabulary`` is ``names``, ``trade`` or ``diplomatic``)."""
    lookup = _lookup_of(vocabulary)
    out: dict[str, int] = {}
    for i, name in enumerate(header):
        canonical = lookup.get(normalise_header(name))
        if canonical is not None and canonical not in out:
            out[canonical] = i
    return out


def record_column(header: str, record_type: str) -> str | None:
    """The records layer's column for an input header, or None if it names nothing known.

    >>> record_column("Consignee", "trade"), record_column("Exporter Country", "trade")
    ('consignee_name', 'shipper_country')
    >>> record_column("Member 2 Passport", "diplomatic"), record_column("HS Code", "trade")
    ('member2_passport', 'hs_codes')
    """
    plain = _lookup_of(record_type).get(normalise_header(header))
    if plain:
        return plain
    roles = _lookup_of(f"{record_type}_roles")
    words = _words(header)
    numbered = _NUMBERED_HEADER.match(" ".join(words))
    if numbered and record_type == "diplomatic":
        role = roles.get(normalise_header(numbered.group(1)))
        attribute = _attribute(numbered.group(3) or "name")
        if role in _NUMBERED_ROLES and attribute:
            return f"{role}{int(numbered.group(2))}_{attribute}"
    for cut in range(len(words), 0, -1):
        role = roles.get("".join(words[:cut]))
        if role is None:
            continue
        attribute = _attribute(" ".join(words[cut:]) or "name")
        if attribute:  # an unnumbered member or official is the first one
            return f"{role}{'1' if role in _NUMBERED_ROLES else ''}_{attribute}"
    return None


def _attribute(text: str) -> str | None:
    return _lookup_of("attributes").get(normalise_header(text))


def detect_record_type(header: Sequence[str]) -> DetectedType:
    """``trade`` if the header names trade parties or goods, ``diplomatic`` if it names
    delegation members or hosts, else ``names``."""
    for record_type, markers in (("trade", _TRADE_MARKERS), ("diplomatic", _DIPLOMATIC_MARKERS)):
        roles = set()
        for name in header:
            column = record_column(name, record_type)
            if column and (column in markers or _role(column) in markers):
                return record_type  # type: ignore[return-value]
            if column and is_party_name(column):
                roles.add(_role(column))
        if len(roles) >= 2:  # TxnID, Beneficiary, Beneficiary Bank: a payment, two parties
            return record_type  # type: ignore[return-value]
    return "names"


def _role(column: str) -> str:
    match = _ROLE_OF.match(column)
    return match.group(1) if match else column


def name_columns(header: Sequence[str]) -> tuple[int, ...]:
    """The column(s) holding the name in a plain list: a full-name column, else ``Name 1``
    ... ``Name N`` joined, else first / middle / last name joined."""
    keys = [normalise_header(h) for h in header]
    for alias in FULL_NAME_HEADERS:
        key = normalise_header(alias)
        if key in keys:
            return (keys.index(key),)
    numbered = sorted(
        (int(m.group(1)), i) for i, k in enumerate(keys) if (m := _NUMBERED_NAME.match(k))
    )
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


def party_column(record_type: str, role: str) -> str | None:
    """The name column for a ``--party`` role (``notify party`` -> ``notify_party_name``,
    ``member 2`` -> ``member2_name``, ``exporter`` -> ``shipper_name``), or None when the
    records layer has no such role."""
    column = record_column(role, record_type)
    return column if column and is_party_name(column) else None


def party_roles(record_type: str) -> list[str]:
    """The roles ``--party`` accepts for a record type (numbered ones as ``member1``...)."""
    roles = _VOCABULARIES[f"{record_type}_roles"]
    return [f"{r}1..N" if r in _NUMBERED_ROLES else r for r in roles]


_PARTY_NAME = re.compile(
    rf"^(?:{'|'.join(r for r in ROLE_ALIASES if r not in _NUMBERED_ROLES)})_name$"
    rf"|^(?:{'|'.join(_NUMBERED_ROLES)})\d+_name$|^vessel_name$"
)


def is_party_name(column: str) -> bool:
    """Whether a records column holds a party's name (``shipper_name``, ``member2_name``,
    ``vessel_name``): the records layer screens exactly these."""
    return bool(_PARTY_NAME.match(column))


KNOWN_HEADERS: frozenset[str] = (
    frozenset(
        alias
        for vocabulary in (NAMES_FIELDS, TRADE_FIELDS, DIPLOMATIC_FIELDS, ROLE_ALIASES)
        for canonical, aliases in vocabulary.items()
        for alias in (canonical, *aliases)
    )
    | frozenset(FULL_NAME_HEADERS)
    | frozenset(a for group in FIRST_LAST for a in group)
)
"""Every header name recognised on its own: used to find the header below a preamble."""


NAME_WORDS = frozenset({
    "name", "names", "fullname", "party", "parties", "company", "companies", "bank",
    "beneficiary", "agent", "owner", "consignee", "consignor", "shipper", "buyer", "seller",
    "applicant", "customer", "client", "counterparty", "supplier", "vendor", "manufacturer",
    "producer", "forwarder", "broker", "importer", "exporter", "entity", "person", "individual",
    "director", "representative", "signatory", "payee", "payer", "remitter", "debtor",
    "creditor", "guarantor", "insurer", "operator", "manager", "charterer", "master",
    "recipient", "sender", "originator", "orderer", "intermediary", "correspondent", "trustee",
    "holder", "shareholder", "ubo", "principal", "officer", "official", "member", "delegate",
    "organisation", "organization", "firm", "corporation", "vessel", "ship", "alias", "aka",
    "user", "employer", "notify", "carrier", "contractor", "subcontractor", "partner",
    "affiliate", "subsidiary", "parent", "endorser", "drawee", "drawer", "addressee",
    "attention", "first", "last", "middle", "surname", "forename", "given", "family",
    "firstname", "lastname",
})  # fmt: skip
"""Header words that say a column holds names (``Payee``, ``Sub-contractor Name``)."""
NOT_NAME_WORDS = frozenset({
    "id", "ids", "number", "no", "nr", "num", "code", "codes", "account", "acct", "iban",
    "swift", "bic", "phone", "telephone", "tel", "fax", "mobile", "email", "mail", "address",
    "addr", "street", "city", "country", "countries", "nationality", "date", "dob", "type",
    "kind", "flag", "imo", "amount", "value", "currency", "status", "reference", "ref", "url",
    "website", "web", "registration", "reg", "tax", "vat", "count", "percent", "share", "role",
    "category", "sector", "industry",
})  # fmt: skip
"""Header words that say a column holds something about a party, not its name
(``Customer ID``, ``Bank Country``, ``Vessel Flag``)."""


def looks_like_name_column(header: str) -> bool:
    """Whether a header reads like a column of names: a word of :data:`NAME_WORDS` and
    none of :data:`NOT_NAME_WORDS`.

    >>> looks_like_name_column("Sub-contractor"), looks_like_name_column("Customer ID")
    (True, False)
    """
    words = set(_words(header.replace("-", "")) + _words(header))
    return bool(words & NAME_WORDS) and not words & NOT_NAME_WORDS


def is_known_header(cell: str) -> bool:
    """Whether a cell reads like a header this package recognises (preamble detection)."""
    if normalise_header(cell) in _KNOWN_KEYS:
        return True
    return any(record_column(cell, t) for t in ("trade", "diplomatic"))


_KNOWN_KEYS = frozenset(normalise_header(h) for h in KNOWN_HEADERS)
