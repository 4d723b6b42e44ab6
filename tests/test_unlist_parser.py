"""The parser against the six real UN snapshots and against hostile input."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from sanctions_screen.exceptions import (
    ListParseError,
    ListTooLargeError,
    NotAListError,
    ScreeningError,
    TruncatedListError,
    UnsafeXMLError,
)
from sanctions_screen.unlist.models import AliasQuality, DateType, DocumentKind
from sanctions_screen.unlist.parser import document_kind, parse_list, parse_list_file
from tests.conftest import NEWEST, SNAPSHOTS, UN_DIR, load_snapshot


def _provenance_counts() -> dict[str, dict[str, tuple[int, int]]]:
    """Per-file ``{list type: (individuals, entities)}`` as PROVENANCE.md states them."""
    text = (UN_DIR / "PROVENANCE.md").read_text(encoding="utf-8")
    out: dict[str, dict[str, tuple[int, int]]] = {}
    for section in re.split(r"^## ", text, flags=re.M):
        name = section.split("\n", 1)[0].strip()
        match = re.search(r"per UN_LIST_TYPE \(individuals/entities\): (.*)", section)
        if name.endswith(".xml") and match:
            pairs = re.findall(r"([\w-]+) (\d+)/(\d+)", match.group(1))
            out[name] = {k: (int(i), int(e)) for k, i, e in pairs}
    return out


PROVENANCE = _provenance_counts()


@pytest.mark.parametrize("path", SNAPSHOTS, ids=lambda p: p.stem)
def test_counts_per_regime_equal_provenance(path: Path) -> None:
    parsed = load_snapshot(path)
    expected = PROVENANCE[path.name]
    got = {k: (v["individuals"], v["entities"]) for k, v in parsed.counts_by_list_type().items()}
    assert got == expected


def test_every_snapshot_is_in_provenance() -> None:
    assert {p.name for p in SNAPSHOTS} == set(PROVENANCE)


def test_fields_of_a_dprk_entity_with_singapore_address(newest_list) -> None:  # type: ignore[no-untyped-def]
    entry = newest_list.get("KPe.075")
    assert entry.name == "YUK TUNG ENERGY PTE LTD"
    assert entry.kind == "entity" and entry.is_dprk and entry.un_list_type == "DPRK"
    assert entry.imo_numbers == ("5987860",)
    assert entry.addresses[0].country == "Singapore"
    assert entry.listed_on == dt.date(2018, 3, 30)


def test_imo_numbers_in_sixteen_dprk_entities(newest_list) -> None:  # type: ignore[no-untyped-def]
    with_imo = [e for e in newest_list.entries if e.imo_numbers]
    assert len(with_imo) == 16
    assert all(e.reference_number.startswith("KPe.") for e in with_imo)
    assert all(re.fullmatch(r"\d{7}", n) for e in with_imo for n in e.imo_numbers)


def test_individual_fields_history_and_aliases(newest_list) -> None:  # type: ignore[no-untyped-def]
    entry = newest_list.get("QDi.335")
    assert entry.first_name == "‘ABD AL-RAHMAN"
    assert entry.last_updated[-1] == dt.date(2023, 2, 2) and len(entry.last_updated) == 4
    assert entry.has_interpol_link is True
    qualities = {a.quality for a in entry.aliases}
    assert qualities == {AliasQuality.GOOD, AliasQuality.LOW}
    assert entry.dates_of_birth[0].date == dt.date(1973, 3, 6)
    assert entry.documents[0].kind is DocumentKind.NATIONAL_ID


def test_names_are_trimmed_and_placeholders_dropped(newest_list) -> None:  # type: ignore[no-untyped-def]
    entry = newest_list.get("SDi.007")
    assert entry.name == "GEDO HAMDAN AHMED"
    assert entry.addresses == () and entry.dates_of_birth == () and entry.documents == ()
    for e in newest_list.entries:
        assert all(a.name or a.original_script for a in e.aliases)


def test_alias_counts_by_quality_equal_provenance(newest_list) -> None:  # type: ignore[no-untyped-def]
    ind = [a.quality for e in newest_list.individuals for a in e.aliases if a.name]
    ent = [a.quality for e in newest_list.entities for a in e.aliases if a.name]
    assert (ind.count(AliasQuality.GOOD), ind.count(AliasQuality.LOW)) == (1549, 621)
    assert (ent.count(AliasQuality.AKA), ent.count(AliasQuality.FKA)) == (584, 19)


def test_dates_of_birth_of_every_shape(newest_list) -> None:  # type: ignore[no-untyped-def]
    dobs = [d for e in newest_list.individuals for d in e.dates_of_birth]
    assert any(d.date for d in dobs) and any(d.year and not d.date for d in dobs)
    between = [d for d in dobs if d.type_of_date is DateType.BETWEEN]
    assert between and all(d.year_range() or d.note for d in between)
    assert any(d.note and not (d.date or d.year or d.from_year) for d in dobs)
    assert sum(1 for e in newest_list.individuals if len(e.dates_of_birth) > 1) == 139


def test_original_script_names(newest_list) -> None:  # type: ignore[no-untyped-def]
    ind = sum(1 for e in newest_list.individuals if e.name_original_script)
    ent = sum(1 for e in newest_list.entities if e.name_original_script)
    assert (ind, ent) == (339, 41)
    april = load_snapshot(UN_DIR / "consolidated-2026-04-17.xml")
    alias_scripts = sum(1 for e in april.entries for a in e.aliases if a.original_script)
    assert alias_scripts > 1000


def test_listed_on_with_timezone_suffix() -> None:
    old = load_snapshot(UN_DIR / "consolidated-2018-06-07.xml")
    assert all(e.listed_on is not None for e in old.entries)


def test_interpol_fields_are_new_in_2026(newest_list) -> None:  # type: ignore[no-untyped-def]
    old = load_snapshot(UN_DIR / "consolidated-2026-01-28.xml")
    assert "INDIVIDUAL/HAS_INTERPOL_LINK" not in old.schema_fields
    assert "INDIVIDUAL/HAS_INTERPOL_LINK" in newest_list.schema_fields
    assert all(e.has_interpol_link is None for e in old.entries)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Passport", DocumentKind.PASSPORT),
        ("Numéro de passeport", DocumentKind.PASSPORT),
        ("Número de pasaporte", DocumentKind.PASSPORT),
        ("National Identification Number", DocumentKind.NATIONAL_ID),
        ("National identification no.", DocumentKind.NATIONAL_ID),
        ("Birth certificate", DocumentKind.OTHER),
    ],
)
def test_document_types_in_three_languages(text: str, kind: DocumentKind) -> None:
    assert document_kind(text) is kind


_MINI = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<CONSOLIDATED_LIST dateGenerated="2026-01-01T00:00:00Z"><INDIVIDUALS><INDIVIDUAL>'
    b"<REFERENCE_NUMBER>KPi.999</REFERENCE_NUMBER><UN_LIST_TYPE>DPRK</UN_LIST_TYPE>"
    b"<FIRST_NAME>TEST</FIRST_NAME><NEW_FIELD_2030>kept</NEW_FIELD_2030>"
    b"</INDIVIDUAL></INDIVIDUALS><ENTITIES/></CONSOLIDATED_LIST>\n"
)


def test_unknown_elements_are_kept_not_fatal() -> None:
    parsed = parse_list(_MINI, source="mini.xml")
    entry = parsed.get("KPi.999")
    assert entry is not None
    assert entry.extra == {"NEW_FIELD_2030": ("<NEW_FIELD_2030>kept</NEW_FIELD_2030>",)}


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<CONSOLIDATED_LIST dateGenerated="2026-01-01T00:00:00Z">&lol3;</CONSOLIDATED_LIST>"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<CONSOLIDATED_LIST dateGenerated="2026-01-01T00:00:00Z">&xxe;</CONSOLIDATED_LIST>"""


@pytest.mark.parametrize(
    ("data", "error", "words"),
    [
        (BILLION_LAUGHS, UnsafeXMLError, "billion laughs"),
        (XXE, UnsafeXMLError, "external entities (XXE)"),
        (_MINI[: len(_MINI) // 2], TruncatedListError, "truncated"),
        (b"%PDF-1.4 not xml at all", NotAListError, "not XML"),
        (b"<html><body>Service Unavailable</body></html>", NotAListError, "<html>"),
        (b"<CONSOLIDATED_LIST/>", NotAListError, "dateGenerated"),
        (
            b"<CONSOLIDATED_LIST dateGenerated='x'><a></b></CONSOLIDATED_LIST>",
            NotAListError,
            "malformed",
        ),
    ],
    ids=["billion-laughs", "xxe", "truncated", "non-xml", "html", "no-date", "malformed"],
)
def test_hostile_or_broken_input_raises_a_named_error(
    data: bytes, error: type[ScreeningError], words: str
) -> None:
    with pytest.raises(error) as info:
        parse_list(data, source="bad.xml")
    assert "bad.xml" in str(info.value) and words in str(info.value)
    assert isinstance(info.value, ListParseError)


def test_truncated_real_snapshot() -> None:
    data = NEWEST.read_bytes()
    with pytest.raises(TruncatedListError):
        parse_list(data[: len(data) // 2], source="half.xml")


def test_size_cap(tmp_path: Path) -> None:
    with pytest.raises(ListTooLargeError, match="cap"):
        parse_list(_MINI, max_bytes=100)
    big = tmp_path / "big.xml"
    big.write_bytes(_MINI)
    with pytest.raises(ListTooLargeError, match="big.xml"):
        parse_list_file(big, max_bytes=10)


def test_missing_file_is_a_list_error(tmp_path: Path) -> None:
    with pytest.raises(ListParseError, match="cannot read"):
        parse_list_file(tmp_path / "nope.xml")
