"""Titles and legal forms written with two neighbouring letters swapped (issue 14, classes
3 and 4): read as the title or legal form where one stands, never taken from a name."""

from __future__ import annotations

import pytest

from sanctions_screen.names.analysis import analyse
from sanctions_screen.names.stopwords import slip_of
from sanctions_screen.names.text import fold
from sanctions_screen.unlist.models import SanctionsList


@pytest.mark.parametrize(
    ("raw", "tokens", "titles"),
    [
        ("Haij Nasrullah Qaderi", ("nasrullah", "qaderi"), ("haji",)),
        ("Shiekh Dawood Rahimi", ("dawood", "rahimi"), ("sheikh",)),
        ("mUllah Karim Zadran", ("karim", "zadran"), ("mullah",)),
    ],
)
def test_a_title_with_two_letters_swapped_is_a_title(
    raw: str, tokens: tuple[str, ...], titles: tuple[str, ...]
) -> None:
    name = analyse(raw)
    assert name.titles == titles
    assert name.tokens[-1] == tokens[-1] and len(name.tokens) == len(tokens)


@pytest.mark.parametrize(
    ("raw", "legal"),
    [
        ("Orvenko Shipping Co Ldt", ("co", "ltd")),
        ("Orvenko Trading TLD", ("ltd",)),
        ("Volnar Maschinen GbmH", ("gmbh",)),
        ("Orvenko Shipping Corpo", ()),  # two letters swapped, not one more
        ("Orvenko Marine Ocrp", ("corp",)),
        ("Orvenko Engineering Limtied", ("limited",)),
    ],
)
def test_a_legal_form_with_two_letters_swapped_is_a_legal_form(
    raw: str, legal: tuple[str, ...]
) -> None:
    assert analyse(raw, "organization").legal_forms == legal


@pytest.mark.parametrize(
    ("raw", "tokens"),
    [
        ("Frede Dam", ("frede", "dam")),  # Dam is no Adm: a title that short takes names
        ("Sri Mulyani", ("sri", "mulyani")),  # Sri is a given name, not Sir
        ("Nic Smith", ("nic", "smith")),  # a legal form only ends a name
        ("Hanna Pet", ("hanna", "pet")),  # a three-letter one only after a business word
        ("Danny Kuhn", ("danny", "kuhn")),  # a title only begins one
        ("Ahn Myong Chol", ("an", "myong", "chol")),  # a Korean family name stays one (안)
    ],
)
def test_a_name_word_is_not_taken_for_a_slip(raw: str, tokens: tuple[str, ...]) -> None:
    name = analyse(raw)
    assert name.tokens == tokens
    assert name.titles == () and name.legal_forms == ()


def test_no_word_of_the_list_names_is_a_slip(newest_list: SanctionsList) -> None:
    """The list's own name words are names: none of them reads as a swapped title or form."""
    words = {
        w
        for entry in newest_list.entries
        for name in [entry.name, *(a.name for a in entry.aliases)]
        if name
        for w in fold(name).split()
    }
    assert sorted(w for w in words if slip_of(w)) == []


@pytest.mark.parametrize(
    ("raw", "tokens"),
    [
        ("IR MYONG SOK", ("ri", "myong", "sok")),  # a family name first, letters swapped
        ("CHEO MYONG IL", ("choe", "myong", "il")),
        ("Kim Yong-Cohl", ("kim", "yong", "chol")),  # a syllable of the given name
    ],
)
def test_a_korean_syllable_with_two_letters_swapped_reads_as_it(
    raw: str, tokens: tuple[str, ...]
) -> None:
    name = analyse(raw)
    assert name.korean and name.tokens == tokens


@pytest.mark.parametrize(
    "raw",
    [
        "Ir Joko Susanto",  # Ir is an Indonesian title: the other words are no syllables
        "Qari Saifullah Al To",  # al is no la: a two-letter word inside a name stays
    ],
)
def test_a_name_with_a_swapped_syllable_is_not_korean_for_it(raw: str) -> None:
    assert not analyse(raw).korean
