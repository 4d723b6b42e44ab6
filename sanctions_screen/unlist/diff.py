"""What changed between two versions of the list: entries added, removed and amended.

An amendment is reported field by field (old and new value). A field that exists in the
serialisation of only one of the two files (``SanctionsList.schema_fields``) is left out,
so a new element such as ``HAS_INTERPOL_LINK`` (2026-04) or the alias-level
``NAME_ORIGINAL_SCRIPT`` of 2026-04-17 does not turn every record into an "amendment".
Multi-valued fields compare as unordered collections: a reordering is not a change.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from pydantic import BaseModel, ConfigDict

from sanctions_screen.unlist.models import ListEntry, SanctionsList

# ListEntry field -> XML child of INDIVIDUAL/ENTITY it comes from ("*" = {KIND}_ALIAS etc.).
ENTRY_TAGS: dict[str, str] = {
    "data_id": "DATAID",
    "version_num": "VERSIONNUM",
    "un_list_type": "UN_LIST_TYPE",
    "first_name": "FIRST_NAME",
    "second_name": "SECOND_NAME",
    "third_name": "THIRD_NAME",
    "fourth_name": "FOURTH_NAME",
    "name_original_script": "NAME_ORIGINAL_SCRIPT",
    "listed_on": "LISTED_ON",
    "comments": "COMMENTS1",
    "titles": "TITLE",
    "designations": "DESIGNATION",
    "nationalities": "NATIONALITY",
    "list_types": "LIST_TYPE",
    "last_updated": "LAST_DAY_UPDATED",
    "aliases": "*_ALIAS",
    "addresses": "*_ADDRESS",
    "dates_of_birth": "INDIVIDUAL_DATE_OF_BIRTH",
    "places_of_birth": "INDIVIDUAL_PLACE_OF_BIRTH",
    "documents": "INDIVIDUAL_DOCUMENT",
    "gender": "GENDER",
    "has_interpol_link": "HAS_INTERPOL_LINK",
    "interpol_link": "INTERPOL_LINK",
    "submitted_by": "SUBMITTED_BY",
    "submitted_on": "SUBMITTED_ON",
    "identifiers": "COMMENTS1",
}
# Sub-fields of the nested models -> XML child of the nested element.
NESTED_TAGS: dict[str, dict[str, str]] = {
    "aliases": {
        "name": "ALIAS_NAME",
        "quality": "QUALITY",
        "original_script": "NAME_ORIGINAL_SCRIPT",
        "date_of_birth": "DATE_OF_BIRTH",
        "city_of_birth": "CITY_OF_BIRTH",
        "country_of_birth": "COUNTRY_OF_BIRTH",
        "note": "NOTE",
    },
    "addresses": {
        "street": "STREET",
        "city": "CITY",
        "state_province": "STATE_PROVINCE",
        "zip_code": "ZIP_CODE",
        "country": "COUNTRY",
        "note": "NOTE",
    },
    "dates_of_birth": {
        "type_of_date": "TYPE_OF_DATE",
        "date": "DATE",
        "year": "YEAR",
        "from_year": "FROM_YEAR",
        "to_year": "TO_YEAR",
        "note": "NOTE",
    },
    "places_of_birth": {
        "street": "STREET",
        "city": "CITY",
        "state_province": "STATE_PROVINCE",
        "country": "COUNTRY",
        "note": "NOTE",
    },
    "documents": {
        "kind": "TYPE_OF_DOCUMENT",
        "type_of_document": "TYPE_OF_DOCUMENT",
        "type_of_document2": "TYPE_OF_DOCUMENT2",
        "number": "NUMBER",
        "issuing_country": "ISSUING_COUNTRY",
        "country_of_issue": "COUNTRY_OF_ISSUE",
        "city_of_issue": "CITY_OF_ISSUE",
        "date_of_issue": "DATE_OF_ISSUE",
        "date_of_expiry": "DATE_OF_EXPIRY",
        "note": "NOTE",
    },
}


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class FieldChange(_Model):
    """One field of an entry that changed: ``field`` is the ListEntry field name
    (``extra.TAG`` for elements the parser does not know); values are JSON-ready."""

    field: str
    old: Any = None
    new: Any = None


class Amendment(_Model):
    """An entry present in both versions whose content changed."""

    reference_number: str
    kind: str
    un_list_type: str
    name: str
    changes: tuple[FieldChange, ...]


class ListDiff(_Model):
    """Entries added, removed and amended from ``old`` to ``new``."""

    old_date_generated: dt.datetime
    new_date_generated: dt.datetime
    old_version_id: int | None = None
    new_version_id: int | None = None
    added: tuple[ListEntry, ...] = ()
    removed: tuple[ListEntry, ...] = ()
    amended: tuple[Amendment, ...] = ()
    ignored_fields: tuple[str, ...] = ()
    """Element paths present in only one of the two files: not compared."""

    def summary(self) -> str:
        added, removed, amended = len(self.added), len(self.removed), len(self.amended)
        return f"+{added} added, -{removed} removed, {amended} amended"


def diff_lists(
    old: SanctionsList,
    new: SanctionsList,
    *,
    old_version_id: int | None = None,
    new_version_id: int | None = None,
) -> ListDiff:
    """Compare two lists by reference number.

    >>> diff_lists(load_list("2026-04-17.xml"), load_list("2026-05-08.xml")).summary()
    ... # doctest: +SKIP
    '+4 added, -0 removed, 17 amended'
    """
    ignored = old.schema_fields ^ new.schema_fields
    amended: list[Amendment] = []
    for ref, before in old.by_reference.items():
        after = new.by_reference.get(ref)
        if after is None:
            continue
        changes = entry_changes(before, after, ignored)
        if changes:
            amended.append(
                Amendment(
                    reference_number=ref,
                    kind=after.kind,
                    un_list_type=after.un_list_type,
                    name=after.name,
                    changes=tuple(changes),
                )
            )
    return ListDiff(
        old_date_generated=old.date_generated,
        new_date_generated=new.date_generated,
        old_version_id=old_version_id,
        new_version_id=new_version_id,
        added=_missing_from(new, old),
        removed=_missing_from(old, new),
        amended=tuple(sorted(amended, key=lambda a: a.reference_number)),
        ignored_fields=tuple(sorted(ignored)),
    )


def entry_changes(
    old: ListEntry, new: ListEntry, ignored: frozenset[str] = frozenset()
) -> list[FieldChange]:
    """Field-level changes of one entry, leaving out the element paths in ``ignored``."""
    before, after = _project(old, ignored), _project(new, ignored)
    changes: list[FieldChange] = []
    for field in sorted(before.keys() | after.keys(), key=_field_order):
        a, b = before.get(field), after.get(field)
        if _canonical(a) != _canonical(b):
            changes.append(FieldChange(field=field, old=a, new=b))
    return changes


def _project(entry: ListEntry, ignored: frozenset[str]) -> dict[str, Any]:
    """The entry as JSON-ready values, without the fields in ``ignored``."""
    record = entry.kind.upper()
    data = entry.model_dump(mode="json", exclude={"kind", "reference_number", "extra"})
    out: dict[str, Any] = {}
    for field, value in data.items():
        tag = ENTRY_TAGS.get(field, field.upper()).replace("*", record)
        path = f"{record}/{tag}"
        if path in ignored:
            continue
        if field in NESTED_TAGS:
            value = _project_items(value, NESTED_TAGS[field], path, ignored)
        out[field] = value
    for tag, values in entry.extra.items():
        if f"{record}/{tag}" not in ignored:
            out[f"extra.{tag}"] = list(values)
    return out


def _project_items(
    items: list[dict[str, Any]], tags: dict[str, str], path: str, ignored: frozenset[str]
) -> list[dict[str, Any]]:
    dropped = {sub for sub, tag in tags.items() if f"{path}/{tag}" in ignored}
    out = []
    for item in items:
        kept = {k: v for k, v in item.items() if k not in dropped}
        if any(v not in (None, "") for v in kept.values()):
            out.append(kept)
    return out


def _canonical(value: Any) -> Any:
    """Order-free form of multi-valued fields; empty collections equal None."""
    if isinstance(value, list):
        if not value:
            return None
        return sorted(json.dumps(v, sort_keys=True, ensure_ascii=False) for v in value)
    return value


_FIELD_ORDER = {name: i for i, name in enumerate(ListEntry.model_fields)}


def _field_order(field: str) -> tuple[int, str]:
    return (_FIELD_ORDER.get(field, len(_FIELD_ORDER)), field)


def _missing_from(source: SanctionsList, other: SanctionsList) -> tuple[ListEntry, ...]:
    """Entries of ``source`` whose reference number ``other`` lacks, sorted."""
    missing = (e for e in source.entries if e.reference_number not in other.by_reference)
    return tuple(sorted(missing, key=lambda e: e.reference_number))
