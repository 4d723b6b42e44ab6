"""A list entry in FollowTheMoney terms, as yente's matching API hands entities back.

Property names are FollowTheMoney's (``name``, ``alias``, ``weakAlias``, ``birthDate``,
``nationality``, ``passportNumber``, ``idNumber``, ``imoNumber``...): a client written for
yente reads them without change. Values are lists of strings, empty ones left out.
"""

from __future__ import annotations

from typing import Any

from sanctions_screen.unlist.models import AliasQuality, DocumentKind, ListEntry

DATASET = "un_sc_sanctions"
"""The dataset name results carry (OpenSanctions' name for the UN consolidated list)."""
UN_LIST_URL = "https://main.un.org/securitycouncil/en/content/un-sc-consolidated-list"

SCHEMA_KINDS: dict[str, str | None] = {
    "Person": "person",
    "Organization": "organization",
    "Company": "organization",
    "LegalEntity": None,
    "Vessel": "vessel",
}
"""The query schemas accepted, and the kind each screens as (a LegalEntity may be either)."""


def entry_schema(entry: ListEntry) -> str:
    return "Person" if entry.kind == "individual" else "Organization"


def entry_properties(entry: ListEntry) -> dict[str, list[str]]:
    """The entry's FollowTheMoney properties."""
    props: dict[str, list[str]] = {}

    def add(prop: str, *values: Any) -> None:
        for value in values:
            text = " ".join(str(value).split()) if value is not None else ""
            if text and text not in props.setdefault(prop, []):
                props[prop].append(text)

    add("name", entry.name)
    add("alias", entry.name_original_script)
    for alias in entry.aliases:
        prop = {
            AliasQuality.LOW: "weakAlias",
            AliasQuality.FKA: "previousName",
        }.get(alias.quality, "alias")
        add(prop, alias.name, alias.original_script)
    for dob in entry.dates_of_birth:
        if dob.date is not None:
            add("birthDate", dob.date.isoformat())
        elif dob.year is not None:
            add("birthDate", dob.year)
        elif dob.from_year is not None or dob.to_year is not None:
            add("birthDate", *(y for y in (dob.from_year, dob.to_year) if y is not None))
    for place in entry.places_of_birth:
        add(
            "birthPlace",
            ", ".join(p for p in (place.city, place.state_province, place.country) if p),
        )
    add("nationality", *entry.nationalities)
    for doc in entry.documents:
        prop = "passportNumber" if doc.kind is DocumentKind.PASSPORT else "idNumber"
        add(prop, doc.number)
    for address in entry.addresses:
        add("country", address.country)
        parts = (
            address.street,
            address.city,
            address.state_province,
            address.zip_code,
            address.country,
        )
        add("address", ", ".join(p for p in parts if p))
    add("imoNumber", *entry.imo_numbers)
    add("title", *entry.titles)
    add("position", *entry.designations)
    add("gender", entry.gender)
    add("notes", entry.comments)
    add("program", entry.un_list_type)
    add("topics", "sanction")
    add("sourceUrl", UN_LIST_URL, entry.interpol_link)
    add("createdAt", entry.listed_on.isoformat() if entry.listed_on else None)
    if entry.last_updated:
        add("modifiedAt", max(entry.last_updated).isoformat())
    return props
