"""Typed models of the UN Security Council Consolidated List.

Every field of ``INDIVIDUAL`` and ``ENTITY`` records is kept. Elements the parser does not
know are preserved in :attr:`ListEntry.extra` so a new UN field never breaks parsing and is
never lost.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from enum import StrEnum
from functools import cached_property
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

EntryKind = Literal["individual", "entity"]


class AliasQuality(StrEnum):
    """Alias quality as the UN writes it: Good/Low for individuals, a.k.a./f.k.a. for entities."""

    GOOD = "Good"
    LOW = "Low"
    AKA = "a.k.a."
    FKA = "f.k.a."
    UNKNOWN = ""


class DateType(StrEnum):
    EXACT = "EXACT"
    APPROXIMATELY = "APPROXIMATELY"
    BETWEEN = "BETWEEN"
    UNKNOWN = ""


class DocumentKind(StrEnum):
    """TYPE_OF_DOCUMENT normalised across English, French and Spanish."""

    PASSPORT = "passport"
    NATIONAL_ID = "national_id"
    OTHER = "other"


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Alias(_Model):
    name: str
    quality: AliasQuality = AliasQuality.UNKNOWN
    original_script: str | None = None
    date_of_birth: str | None = None
    city_of_birth: str | None = None
    country_of_birth: str | None = None
    note: str | None = None

    @property
    def is_weak(self) -> bool:
        """A low-quality alias is weak evidence on its own."""
        return self.quality is AliasQuality.LOW


class Address(_Model):
    street: str | None = None
    city: str | None = None
    state_province: str | None = None
    zip_code: str | None = None
    country: str | None = None
    note: str | None = None


class DateOfBirth(_Model):
    """One INDIVIDUAL_DATE_OF_BIRTH: a full date, a year, a year range, or a note only."""

    type_of_date: DateType = DateType.UNKNOWN
    date: dt.date | None = None
    year: int | None = None
    from_year: int | None = None
    to_year: int | None = None
    note: str | None = None

    def year_range(self) -> tuple[int, int] | None:
        """The years this statement allows, widened by two years when approximate."""
        if self.date is not None:
            lo = hi = self.date.year
        elif self.year is not None:
            lo = hi = self.year
        elif self.from_year is not None or self.to_year is not None:
            years = [y for y in (self.from_year, self.to_year) if y is not None]
            lo, hi = min(years), max(years)
        else:
            return None
        if self.type_of_date is DateType.APPROXIMATELY:
            lo, hi = lo - 2, hi + 2
        return (min(lo, hi), max(lo, hi))


class PlaceOfBirth(_Model):
    street: str | None = None
    city: str | None = None
    state_province: str | None = None
    country: str | None = None
    note: str | None = None


class Document(_Model):
    kind: DocumentKind = DocumentKind.OTHER
    type_of_document: str | None = None
    type_of_document2: str | None = None
    number: str | None = None
    issuing_country: str | None = None
    country_of_issue: str | None = None
    city_of_issue: str | None = None
    date_of_issue: str | None = None
    date_of_expiry: str | None = None
    note: str | None = None

    @property
    def country(self) -> str | None:
        """Issuing country, whichever of the two UN fields holds it."""
        return self.issuing_country or self.country_of_issue


class Identifier(_Model):
    """An identifier found in the record, e.g. an IMO company number in COMMENTS1."""

    scheme: Literal["imo"]
    value: str
    source_field: str


class ListEntry(_Model):
    """One designated individual or entity."""

    kind: EntryKind
    reference_number: str
    data_id: str | None = None
    version_num: str | None = None
    un_list_type: str
    first_name: str | None = None
    second_name: str | None = None
    third_name: str | None = None
    fourth_name: str | None = None
    name_original_script: str | None = None
    listed_on: dt.date | None = None
    comments: str | None = None
    titles: tuple[str, ...] = ()
    designations: tuple[str, ...] = ()
    nationalities: tuple[str, ...] = ()
    list_types: tuple[str, ...] = ()
    last_updated: tuple[dt.date, ...] = ()
    aliases: tuple[Alias, ...] = ()
    addresses: tuple[Address, ...] = ()
    dates_of_birth: tuple[DateOfBirth, ...] = ()
    places_of_birth: tuple[PlaceOfBirth, ...] = ()
    documents: tuple[Document, ...] = ()
    gender: str | None = None
    has_interpol_link: bool | None = None
    interpol_link: str | None = None
    submitted_by: tuple[str, ...] = ()
    submitted_on: str | None = None
    identifiers: tuple[Identifier, ...] = ()
    extra: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    """Unknown child elements: tag -> serialised XML of each occurrence."""

    @property
    def name(self) -> str:
        """The primary name: name parts joined in the UN's order (FIRST..FOURTH)."""
        parts = (self.first_name, self.second_name, self.third_name, self.fourth_name)
        return " ".join(p for p in parts if p)

    @property
    def regime(self) -> str:
        """Two-letter regime code from the reference number (``KP`` for DPRK 1718)."""
        return self.reference_number[:2].upper()

    @property
    def is_dprk(self) -> bool:
        return self.regime == "KP"

    @property
    def imo_numbers(self) -> tuple[str, ...]:
        return tuple(i.value for i in self.identifiers if i.scheme == "imo")

    def names(self) -> list[tuple[str, AliasQuality | None]]:
        """Every non-empty name with its alias quality (``None`` for the primary name)."""
        out: list[tuple[str, AliasQuality | None]] = []
        if self.name:
            out.append((self.name, None))
        if self.name_original_script:
            out.append((self.name_original_script, None))
        for alias in self.aliases:
            if alias.name:
                out.append((alias.name, alias.quality))
            if alias.original_script:
                out.append((alias.original_script, alias.quality))
        return out


class SanctionsList(BaseModel):
    """One version of the consolidated list."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    date_generated: dt.datetime
    entries: tuple[ListEntry, ...]
    root_attributes: dict[str, str] = Field(default_factory=dict)
    schema_fields: frozenset[str] = frozenset()
    """Element paths seen anywhere in the file, e.g. ``INDIVIDUAL/HAS_INTERPOL_LINK``."""
    source: str | None = None
    sha256: str | None = None

    @cached_property
    def by_reference(self) -> dict[str, ListEntry]:
        return {e.reference_number: e for e in self.entries}

    @property
    def individuals(self) -> list[ListEntry]:
        return [e for e in self.entries if e.kind == "individual"]

    @property
    def entities(self) -> list[ListEntry]:
        return [e for e in self.entries if e.kind == "entity"]

    def get(self, reference_number: str) -> ListEntry | None:
        return self.by_reference.get(reference_number)

    def counts_by_list_type(self) -> dict[str, dict[str, int]]:
        """``{UN_LIST_TYPE: {"individuals": n, "entities": m}}``, sorted by list type."""
        counts: Counter[tuple[str, str]] = Counter((e.un_list_type, e.kind) for e in self.entries)
        out: dict[str, dict[str, int]] = {}
        for list_type in sorted({t for t, _ in counts}):
            out[list_type] = {
                "individuals": counts[(list_type, "individual")],
                "entities": counts[(list_type, "entity")],
            }
        return out
