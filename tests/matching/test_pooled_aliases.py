"""A query whose words come from two names of one entry (issue 14, class 9).

The entries are made up and added to the real newest list, so that word weights are the
list's own.
"""

from __future__ import annotations

import pytest

from sanctions_screen.matching import Screener
from sanctions_screen.unlist.models import Alias, AliasQuality, ListEntry, SanctionsList


def _person(ref: str, first: str, second: str, *aliases: str) -> ListEntry:
    return ListEntry(
        kind="individual",
        reference_number=ref,
        un_list_type="Al-Qaida",
        first_name=first,
        second_name=second,
        aliases=tuple(Alias(name=a, quality=AliasQuality.GOOD) for a in aliases),
    )


@pytest.fixture(scope="module")
def screener(newest_list: SanctionsList) -> Screener:
    added = (
        _person("QDi.993", "Kelvaro", "Dostani Brekhmir", "Haji Tursuno Vashkeli"),
        _person("QDi.994", "Marvosh", "Quellrin", "Dabrunet Sorvaleki Marvosh"),
        _person("QDi.995", "Dravenko", "Sultrimov", "Muhammad Hasan Brelvoti"),
        _person("QDi.996", "Rashid", "Farhadi", "Rashid Zarbani"),
    )
    return Screener(newest_list.model_copy(update={"entries": newest_list.entries + added}))


@pytest.mark.parametrize(
    ("query", "ref"),
    [
        ("Kelvaro Vashkeli", "QDi.993"),  # given name of the primary, family name of an alias
        ("Kelvaro Dostani Vashkely", "QDi.993"),  # and a slip in the alias's word
        ("Sorvaleki Quellrin", "QDi.994"),
    ],
)
def test_words_from_two_names_of_one_entry_alert(screener: Screener, query: str, ref: str) -> None:
    result = screener.screen(query)
    assert result.is_alert and result.best is not None, query
    assert result.best.reference_number == ref
    assert " + " in result.best.matched_name  # the explanation names both sources
    pairs = {(a.query_token, a.list_token) for a in result.best.explanation.alignments}
    assert any(q == listed for q, listed in pairs)


@pytest.mark.parametrize(
    "query",
    [
        "Kelvaro Plumbetti",  # a word of the entry and one of nobody's
        "Kelvaro Quellrin",  # a word of each of two entries
        "Dravenko Muhammad",  # a common name is no one's in particular
    ],
)
def test_words_not_all_of_one_entry_do_not_alert(screener: Screener, query: str) -> None:
    assert not screener.screen(query).is_alert, query


def test_a_name_in_arabic_script_meets_two_names_of_one_entry(screener: Screener) -> None:
    # Each word the abjad spelling of a word of one of QDi.996's names (Rashid Farhadi,
    # Rashid Zarbani); neither holds all three.
    result = screener.screen("راشد فرهادی زربانی")
    assert result.is_alert and result.best is not None
    assert result.best.reference_number == "QDi.996"
    assert " + " in result.best.matched_name


def test_a_word_in_arabic_script_of_nobody_is_not_pooled(screener: Screener) -> None:
    assert not screener.screen("راشد فرهادی پلومبتی").is_alert  # Plumbetti is no one's


def test_numbers_and_letters_are_not_pooled(screener: Screener) -> None:
    # CFi.010's aliases One-P and 1-P hold only a number and a letter each: pooled, they
    # met a company's numbers and the initial of one of its words (0.805, review).
    result = screener.screen("Trading Partner 1 1")
    assert result.status == "clear", result.best
