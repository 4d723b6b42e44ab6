"""Safe parsing of the UN consolidated list XML into :class:`SanctionsList`.

Safe by construction: the bytes are size-capped before parsing, any DTD or entity
declaration is refused (so no billion-laughs expansion and no external entity can be
fetched), and nothing here touches the network.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path

import defusedxml
import defusedxml.ElementTree as SafeET

from sanctions_screen.exceptions import (
    ListParseError,
    ListTooLargeError,
    NotAListError,
    TruncatedListError,
    UnsafeXMLError,
)
from sanctions_screen.unlist.models import (
    Address,
    Alias,
    AliasQuality,
    DateOfBirth,
    DateType,
    Document,
    DocumentKind,
    Identifier,
    ListEntry,
    PlaceOfBirth,
    SanctionsList,
)

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
"""The newest list is about 2.2 MB; 64 MiB leaves room for growth and stops abuse."""

ROOT_TAG = "CONSOLIDATED_LIST"

_IMO_RE = re.compile(r"\bIMO\)?\s*(?:number|no\.?|#)?\s*:?\s*(\d{7})\b", re.IGNORECASE)
_PASSPORT_WORDS = ("passport", "passeport", "pasaporte")
_NATIONAL_ID_WORDS = (
    "national identification",
    "national id",
    "identity card",
    "carte d'identit",
    "documento nacional de identidad",
    "identification number",
)

_COMMON = {
    "DATAID",
    "VERSIONNUM",
    "FIRST_NAME",
    "SECOND_NAME",
    "THIRD_NAME",
    "FOURTH_NAME",
    "UN_LIST_TYPE",
    "REFERENCE_NUMBER",
    "LISTED_ON",
    "NAME_ORIGINAL_SCRIPT",
    "COMMENTS1",
    "TITLE",
    "DESIGNATION",
    "NATIONALITY",
    "LIST_TYPE",
    "LAST_DAY_UPDATED",
    "GENDER",
    "HAS_INTERPOL_LINK",
    "INTERPOL_LINK",
    "SUBMITTED_BY",
    "SUBMITTED_ON",
    "SORT_KEY",
    "SORT_KEY_LAST_MOD",
}
_INDIVIDUAL_CHILDREN = {
    "INDIVIDUAL_ALIAS",
    "INDIVIDUAL_ADDRESS",
    "INDIVIDUAL_DATE_OF_BIRTH",
    "INDIVIDUAL_PLACE_OF_BIRTH",
    "INDIVIDUAL_DOCUMENT",
}
_ENTITY_CHILDREN = {"ENTITY_ALIAS", "ENTITY_ADDRESS"}


def parse_list_file(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> SanctionsList:
    """Parse a UN consolidated list XML file (plain, or compressed with xz or gzip)."""
    from sanctions_screen.unlist.files import read_list_bytes

    return parse_list(
        read_list_bytes(path, max_bytes=max_bytes), source=str(path), max_bytes=max_bytes
    )


def parse_list(
    data: bytes, *, source: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> SanctionsList:
    """Parse UN consolidated list XML bytes.

    Raises a :class:`~sanctions_screen.exceptions.ListParseError` subclass naming the
    source and the problem (unsafe XML, truncation, not a list), or
    :class:`~sanctions_screen.exceptions.ListTooLargeError` over ``max_bytes``.
    """
    label = source or "<bytes>"
    if len(data) > max_bytes:
        raise ListTooLargeError(f"{label}: {len(data)} bytes is over the {max_bytes}-byte cap")
    root = _parse_xml(data, label)
    if root.tag != ROOT_TAG:
        raise NotAListError(f"{label}: root element is <{root.tag}>, expected <{ROOT_TAG}>")
    generated = root.get("dateGenerated")
    if not generated:
        raise NotAListError(f"{label}: <{ROOT_TAG}> has no dateGenerated attribute")
    try:
        date_generated = dt.datetime.fromisoformat(generated.strip())
    except ValueError as exc:
        raise ListParseError(f"{label}: dateGenerated {generated!r} is not a date-time") from exc

    schema_fields: set[str] = set()
    entries: list[ListEntry] = []
    for section, record_tag in (("INDIVIDUALS", "INDIVIDUAL"), ("ENTITIES", "ENTITY")):
        for container in root.iter(section):
            for index, element in enumerate(container.findall(record_tag), start=1):
                _collect_paths(element, record_tag, schema_fields)
                try:
                    entries.append(_parse_record(element, record_tag))
                except (ValueError, TypeError) as exc:
                    raise ListParseError(
                        f"{label}: {record_tag} #{index} "
                        f"({_text(element.find('REFERENCE_NUMBER')) or 'no reference'}): {exc}"
                    ) from exc
    return SanctionsList(
        date_generated=date_generated,
        entries=tuple(entries),
        root_attributes=dict(root.attrib),
        schema_fields=frozenset(schema_fields),
        source=source,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def _parse_xml(data: bytes, label: str) -> ET.Element:
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"<"):
        raise NotAListError(f"{label}: not XML (starts with {data[:16]!r})")
    try:
        root: ET.Element = SafeET.fromstring(
            data, forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
    except defusedxml.DTDForbidden as exc:
        raise UnsafeXMLError(f"{label}: {_describe_dtd(data)}") from exc
    except defusedxml.EntitiesForbidden as exc:
        raise UnsafeXMLError(f"{label}: entity declarations are not allowed ({exc})") from exc
    except defusedxml.ExternalReferenceForbidden as exc:
        raise UnsafeXMLError(f"{label}: external references are not allowed ({exc})") from exc
    except ET.ParseError as exc:
        line, column = exc.position
        if line >= data.count(b"\n") and ("no element found" in str(exc) or "unclosed" in str(exc)):
            raise TruncatedListError(
                f"{label}: document ends early at line {line}, column {column}: "
                "the file is truncated"
            ) from exc
        raise NotAListError(
            f"{label}: malformed XML at line {line}, column {column}: {exc}"
        ) from exc
    return root


def _describe_dtd(data: bytes) -> str:
    """Say what the refused DTD tried to do, so an operator can tell an attack from a mistake."""
    head = data[:65536]
    what = "a DTD (<!DOCTYPE>)"
    if re.search(rb"<!ENTITY[^>]*\b(SYSTEM|PUBLIC)\b", head):
        what += " declaring external entities (XXE)"
    elif head.count(b"<!ENTITY") > 1:
        what += " declaring nested entities (entity expansion, 'billion laughs')"
    elif b"<!ENTITY" in head:
        what += " declaring entities"
    return f"{what} is not allowed in a UN list; nothing was expanded or fetched"


def _collect_paths(element: ET.Element, prefix: str, out: set[str]) -> None:
    for child in element:
        path = f"{prefix}/{child.tag}"
        out.add(path)
        if len(child):
            _collect_paths(child, path, out)


def _clean(text: str | None) -> str | None:
    """Collapse the UN's embedded newlines and runs of spaces; empty becomes None."""
    if text is None:
        return None
    cleaned = " ".join(text.split())
    return cleaned or None


def _text(element: ET.Element | None) -> str | None:
    return None if element is None else _clean(element.text)


def _texts(elements: Iterable[ET.Element]) -> Iterable[str]:
    for element in elements:
        text = _clean(element.text)
        if text:
            yield text


def _values(element: ET.Element, tag: str) -> tuple[str, ...]:
    out: list[str] = []
    for holder in element.findall(tag):
        for value in holder.findall("VALUE"):
            text = _clean(value.text)
            if text:
                out.append(text)
    return tuple(out)


def _date(text: str | None) -> dt.date | None:
    """Parse ``YYYY-MM-DD``, tolerating the timezone suffix some values carry."""
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def _int(text: str | None) -> int | None:
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        return None


def _fields(element: ET.Element) -> dict[str, str | None]:
    return {child.tag: _clean(child.text) for child in element}


def _parse_record(element: ET.Element, record_tag: str) -> ListEntry:
    is_individual = record_tag == "INDIVIDUAL"
    known = _COMMON | (_INDIVIDUAL_CHILDREN if is_individual else _ENTITY_CHILDREN)
    extra: dict[str, list[str]] = {}
    for child in element:
        if child.tag not in known:
            extra.setdefault(child.tag, []).append(ET.tostring(child, encoding="unicode").strip())

    reference = _text(element.find("REFERENCE_NUMBER"))
    if not reference:
        raise ValueError("REFERENCE_NUMBER is missing")
    listed_on_raw = _text(element.find("LISTED_ON"))
    listed_on = _date(listed_on_raw)
    if listed_on_raw and listed_on is None:
        extra.setdefault("LISTED_ON", []).append(listed_on_raw)
    last_updated = tuple(d for d in map(_date, _values(element, "LAST_DAY_UPDATED")) if d)
    comments = _text(element.find("COMMENTS1"))
    interpol = _text(element.find("HAS_INTERPOL_LINK"))
    alias_tag, address_tag = (
        ("INDIVIDUAL_ALIAS", "INDIVIDUAL_ADDRESS")
        if is_individual
        else ("ENTITY_ALIAS", "ENTITY_ADDRESS")
    )
    return ListEntry(
        kind="individual" if is_individual else "entity",
        reference_number=reference,
        data_id=_text(element.find("DATAID")),
        version_num=_text(element.find("VERSIONNUM")),
        un_list_type=_text(element.find("UN_LIST_TYPE")) or "",
        first_name=_text(element.find("FIRST_NAME")),
        second_name=_text(element.find("SECOND_NAME")),
        third_name=_text(element.find("THIRD_NAME")),
        fourth_name=_text(element.find("FOURTH_NAME")),
        name_original_script=_text(element.find("NAME_ORIGINAL_SCRIPT")),
        listed_on=listed_on,
        comments=comments,
        titles=_values(element, "TITLE"),
        designations=_values(element, "DESIGNATION"),
        nationalities=_values(element, "NATIONALITY"),
        list_types=_values(element, "LIST_TYPE"),
        last_updated=last_updated,
        aliases=tuple(_aliases(element.findall(alias_tag))),
        addresses=tuple(_addresses(element.findall(address_tag))),
        dates_of_birth=tuple(_dates_of_birth(element.findall("INDIVIDUAL_DATE_OF_BIRTH"))),
        places_of_birth=tuple(_places_of_birth(element.findall("INDIVIDUAL_PLACE_OF_BIRTH"))),
        documents=tuple(_documents(element.findall("INDIVIDUAL_DOCUMENT"))),
        gender=_text(element.find("GENDER")),
        has_interpol_link=None if interpol is None else interpol.upper() == "YES",
        interpol_link=_text(element.find("INTERPOL_LINK")),
        submitted_by=tuple(_texts(element.findall("SUBMITTED_BY"))),
        submitted_on=_text(element.find("SUBMITTED_ON")),
        identifiers=_identifiers(comments),
        extra={tag: tuple(values) for tag, values in extra.items()},
    )


def _quality(text: str | None) -> AliasQuality:
    if not text:
        return AliasQuality.UNKNOWN
    for quality in AliasQuality:
        if quality.value and quality.value.lower() == text.lower():
            return quality
    return AliasQuality.UNKNOWN


def _aliases(elements: Iterable[ET.Element]) -> Iterable[Alias]:
    for element in elements:
        f = _fields(element)
        name = f.get("ALIAS_NAME")
        script = f.get("NAME_ORIGINAL_SCRIPT")
        if not name and not script:
            continue  # the UN's empty placeholder aliases
        yield Alias(
            name=name or "",
            quality=_quality(f.get("QUALITY")),
            original_script=script,
            date_of_birth=f.get("DATE_OF_BIRTH"),
            city_of_birth=f.get("CITY_OF_BIRTH"),
            country_of_birth=f.get("COUNTRY_OF_BIRTH"),
            note=f.get("NOTE"),
        )


def _addresses(elements: Iterable[ET.Element]) -> Iterable[Address]:
    for element in elements:
        f = _fields(element)
        address = Address(
            street=f.get("STREET"),
            city=f.get("CITY"),
            state_province=f.get("STATE_PROVINCE"),
            zip_code=f.get("ZIP_CODE"),
            country=f.get("COUNTRY"),
            note=f.get("NOTE"),
        )
        if address != Address():
            yield address


def _dates_of_birth(elements: Iterable[ET.Element]) -> Iterable[DateOfBirth]:
    for element in elements:
        f = _fields(element)
        type_text = (f.get("TYPE_OF_DATE") or "").upper()
        dob = DateOfBirth(
            type_of_date=DateType.__members__.get(type_text, DateType.UNKNOWN),
            date=_date(f.get("DATE")),
            year=_int(f.get("YEAR")),
            from_year=_int(f.get("FROM_YEAR")),
            to_year=_int(f.get("TO_YEAR")),
            note=f.get("NOTE"),
        )
        if dob.date or dob.year or dob.from_year or dob.to_year or dob.note:
            yield dob


def _places_of_birth(elements: Iterable[ET.Element]) -> Iterable[PlaceOfBirth]:
    for element in elements:
        f = _fields(element)
        place = PlaceOfBirth(
            street=f.get("STREET"),
            city=f.get("CITY"),
            state_province=f.get("STATE_PROVINCE"),
            country=f.get("COUNTRY"),
            note=f.get("NOTE"),
        )
        if place != PlaceOfBirth():
            yield place


def document_kind(type_of_document: str | None) -> DocumentKind:
    """Normalise a TYPE_OF_DOCUMENT written in English, French or Spanish."""
    text = (type_of_document or "").lower()
    if any(word in text for word in _PASSPORT_WORDS):
        return DocumentKind.PASSPORT
    if any(word in text for word in _NATIONAL_ID_WORDS):
        return DocumentKind.NATIONAL_ID
    return DocumentKind.OTHER


def _documents(elements: Iterable[ET.Element]) -> Iterable[Document]:
    for element in elements:
        f = _fields(element)
        if not any(f.values()):
            continue
        yield Document(
            kind=document_kind(f.get("TYPE_OF_DOCUMENT") or f.get("TYPE_OF_DOCUMENT2")),
            type_of_document=f.get("TYPE_OF_DOCUMENT"),
            type_of_document2=f.get("TYPE_OF_DOCUMENT2"),
            number=f.get("NUMBER"),
            issuing_country=f.get("ISSUING_COUNTRY"),
            country_of_issue=f.get("COUNTRY_OF_ISSUE"),
            city_of_issue=f.get("CITY_OF_ISSUE"),
            date_of_issue=f.get("DATE_OF_ISSUE"),
            date_of_expiry=f.get("DATE_OF_EXPIRY"),
            note=f.get("NOTE"),
        )


def _identifiers(comments: str | None) -> tuple[Identifier, ...]:
    if not comments:
        return ()
    seen: dict[str, Identifier] = {}
    for match in _IMO_RE.finditer(comments):
        seen.setdefault(
            match.group(1), Identifier(scheme="imo", value=match.group(1), source_field="COMMENTS1")
        )
    return tuple(seen.values())
