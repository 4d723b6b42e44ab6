"""The word tables of lists/*.yaml the name handling reads: one OCR digit table, the Arabic
compounds, generational suffixes, acronym words; every file cites its sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from sanctions_screen.matching.compare import compare_names
from sanctions_screen.matching.index import acronym
from sanctions_screen.names.acronyms import is_acronym_of, left_out_of_initials
from sanctions_screen.names.analysis import analyse
from sanctions_screen.names.phonetic import ocr_digits, ocr_key
from sanctions_screen.names.stopwords import generational_suffixes, honorifics
from sanctions_screen.names.variants import canonical_words

LISTS = Path(__file__).resolve().parents[2] / "lists"


@pytest.mark.parametrize("path", sorted(LISTS.glob("*.yaml")), ids=lambda p: p.name)
def test_every_table_cites_its_sources(path: Path) -> None:
    assert "source" in path.read_text(encoding="utf-8").lower(), path.name


def test_one_ocr_table_for_every_digit() -> None:
    assert {chr(d) for d in ocr_digits()} == set("0123456789")
    for digit, letter in ocr_digits().items():
        word = f"k{chr(digit)}rea"
        # the name analysis and the OCR key read a digit inside a word the same way
        assert ocr_key(word) == f"k{letter}rea"
        assert analyse(word, "organization").tokens == (f"k{letter}rea",)


def test_digits_the_analysis_used_to_keep() -> None:
    # 8 was read as b by the OCR key but kept by the analysis (its table had 0, 1 and 5 only)
    assert analyse("DAED0NG 8ANK", "organization").tokens == ("daedong", "bank")
    assert analyse("Office 39", "organization").tokens == ("office", "39")  # numbers stay
    assert analyse("B52 4x4", "organization").tokens == ("b52", "4x4")  # mostly digits: stay


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["abd", "al", "rahman"], ["abdul", "rahman"]),
        (["abd", "ar", "rahman"], ["abdul", "rahman"]),
        (["abdurrahman"], ["abdul", "rahman"]),
        (["abdelrahman", "el", "masry"], ["abdul", "rahman", "al", "masry"]),
        (["abdushshakur"], ["abdul", "shakur"]),  # the longest prefix: abdush, not abdus
        (["abd", "allah"], ["abdullah"]),
        (["abd", "ullah", "azzam"], ["abdullah", "azzam"]),
        (["abdallah"], ["abdullah"]),
        (["abdul"], ["abdul"]),
    ],
)
def test_arabic_compounds(words: list[str], expected: list[str]) -> None:
    assert canonical_words(words) == expected


def test_generational_suffixes_are_titles_compared_on_their_own() -> None:
    assert generational_suffixes() == {"jr", "sr", "ii", "iii", "iv"}
    assert generational_suffixes() <= honorifics()
    assert analyse("Hilarion Santos III", "person").titles == ("iii",)
    same = compare_names("Ruben Lavilla Jr", "Ruben Lavilla Jr", kind="person")
    father = compare_names("Ruben Lavilla Jr", "Ruben Lavilla Sr", kind="person")
    assert father < same


def test_acronym_words() -> None:
    assert {"of", "the", "and"} <= left_out_of_initials()
    bank = analyse("KOREA KWANGSON BANKING CORPORATION", "organization")
    assert acronym(bank) == "kkbc"
    assert acronym(analyse("BANK OF EAST LAND", "organization")) == "bel"
    words = ["foreign", "trade", "bank", "of", "the", "dprk"]
    assert is_acronym_of("ftbd", words, [False] * 6)  # of, the: skipped anywhere
    assert not is_acronym_of("ftd", words, [False] * 6)  # bank may not be skipped
