"""A middle name or a patronymic written on one side only (issue 14, class 9).

The entries are made up and added to the real newest list, so that word weights are the
list's own.
"""

from __future__ import annotations

import pytest

from sanctions_screen.matching import Screener, ScreeningConfig
from sanctions_screen.unlist.models import Alias, AliasQuality, ListEntry, SanctionsList


def _entry(
    ref: str, kind: str, first: str, second: str | None = None, third: str | None = None,
    fourth: str | None = None,
) -> ListEntry:  # fmt: skip
    return ListEntry(
        kind=kind, reference_number=ref, un_list_type="Al-Qaida", first_name=first,
        second_name=second, third_name=third, fourth_name=fourth,
    )  # fmt: skip


@pytest.fixture(scope="module")
def screener(newest_list: SanctionsList) -> Screener:
    added = (
        _entry("QDi.981", "individual", "ABDELKARIM", "JAMAL", "ABDELWAHID", "TOUNSI"),
        _entry("QDi.982", "individual", "SALEH", "OULD AHMED", "LEMRABOTT"),
        _entry("QDi.983", "individual", "DARIUSZ", "KOVELSKI"),
        _entry("QDe.984", "entity", "VARNOSK TIMBER EXPORT TRADING"),
        _entry("QDi.985", "individual", "ALI", "REZA", "NOORI"),
        _entry("QDi.986", "individual", "SAMIR", "ABDELGHANI", "TOUZALI", "BELKHADRA"),
        _entry("QDi.987", "individual", "OSMAN", "AL KHARBOUTI"),
        _entry("QDi.990", "individual", "NAVID", "ZARGHAMI"),
        _entry("QDi.991", "individual", "MOHAMMAD", "ZARGHAMI"),
        _entry("QDi.993", "individual", "KELDORAN", "VASTIBEK"),
        _entry("QDi.994", "individual", "JOHN", "SMITH"),
        _entry("QDe.995", "entity", "KORVALDI ISTRANEK"),
        _entry("TAi.988", "individual", "GHULAM SARWAR", "TANIWALI", "AHMAD SHAH").model_copy(
            update={"aliases": (Alias(name="Ghulam Sarwar Taniwali",
                                      quality=AliasQuality.GOOD),)}
        ),
    )
    return Screener(newest_list.model_copy(update={"entries": newest_list.entries + added}))


@pytest.fixture(scope="module")
def plain(screener: Screener) -> Screener:
    """The same list with a word inside a name counting in full."""
    return Screener(screener.sanctions_list, ScreeningConfig(inner_word_factor=1.0))


@pytest.mark.parametrize(
    ("query", "ref"),
    [
        ("Abdelkarim Tounsi", "QDi.981"),  # the list's middle names left out
        # two generations more in the query
        ("Saleh Ould Brahim Ould Mokhtar Ould Ahmed Lemrabott", "QDi.982"),
        ("Ali Reza Noori Wardak", "QDi.985"),  # a father's name ending the query only
        ("Samir Abdelghani Touzali", "QDi.986"),  # and the list name only
        # a father's name of two or three words after the person's (Afghan UN entries)
        ("Ali Reza Noori Abdul Karim", "QDi.985"),
        ("Ali Reza Noori Gul Mohammad Khan", "QDi.985"),
        ("Ghulam Sarwar Taniwali Ahmad Shah", "TAi.988"),
        ("Navid Zarghami Ali Akbar", "QDi.990"),  # and after a name of two rare words
        # one word more before or after a name of two: a tribe, a family or a father's
        # name that the list's short name leaves out, or a given name before it
        ("Navid Zarghami Zurmati", "QDi.990"),
        ("Keldoran Vastibek Ormuzkai", "QDi.993"),
        ("Pierrick Keldoran Vastibek", "QDi.993"),
    ],
)
def test_a_middle_name_on_one_side_only_alerts(screener: Screener, query: str, ref: str) -> None:
    result = screener.screen(query)
    assert result.is_alert and result.best is not None, query
    assert result.best.reference_number == ref


@pytest.mark.parametrize(
    "query",
    [
        "Abdelkarim Youssef Tounsi",  # another middle name: another person
        "Dariusz Marek Kovelski",  # two words aligned are too few to say which is middle
        "Ali Reza Noori Wardak Sultani",  # two words after the name: another family
        # a different last word on each side is a conflict (issue 14, class 1)
        "Samir Abdelghani Touzali Merzougui",
        # the father's name holds no given name: a tribe and a family, another person
        "Ali Reza Noori Zurmati Sultani",
        "Ali Reza Noori Abdul Karim Zurmati Sultani",  # more words than a father's name
        "Navid Zurmati Zarghami",  # a word between two: another person
        "Keldoran Vastibek Ormuzkai Tebrani",  # two words after two: another family
        "Mohammad Zarghami Ali Akbar",  # a common name's two words say too little
    ],
)
def test_a_middle_word_is_not_always_a_middle_name(screener: Screener, query: str) -> None:
    assert not screener.screen(query).is_alert, query


def test_a_company_word_in_the_middle_counts_in_full(screener: Screener, plain: Screener) -> None:
    """A company's word more is a qualifier, not a middle name: the rule leaves it alone."""
    query = "Varnosk Timber Kalvera Export Trading"
    best, unchanged = screener.screen(query).best, plain.screen(query).best
    assert best is not None and unchanged is not None
    assert best.score == unchanged.score


def test_a_particle_is_no_anchor_for_a_last_word(screener: Screener, plain: Screener) -> None:
    """Osman al Kharbouti has two name words: a word after them counts in full."""
    query = "Osman al Kharbouti Wardak"
    best, unchanged = screener.screen(query).best, plain.screen(query).best
    assert best is not None and unchanged is not None
    assert best.score == unchanged.score


def test_another_father_on_the_entry_counts_in_full(screener: Screener) -> None:
    """The entry's full name gives the father (AHMAD SHAH): a query with another father
    after the short alias is another person, though the alias has no father's name."""
    query = "Ghulam Sarwar Taniwali Omar Khudaidad"
    assert not screener.screen(query).is_alert, query
    short = _entry("TAi.988", "individual", "GHULAM SARWAR", "TANIWALI")
    entries = tuple(short if e.reference_number == "TAi.988" else e
                    for e in screener.sanctions_list.entries)  # fmt: skip
    alone = Screener(screener.sanctions_list.model_copy(update={"entries": entries}))
    assert alone.screen(query).is_alert, query  # no other father known: his father's name


def test_a_word_more_on_a_very_common_name_counts_in_full(screener: Screener) -> None:
    """John Smith says little on its own (issue 14, class 18); with a word more, no more."""
    result = screener.screen("John Smith Ormuzkai")
    assert not any(m.reference_number == "QDi.994" and m.score >= result.threshold
                   for m in result.matches)  # fmt: skip


def test_a_word_more_on_an_entity_name_counts_in_full(screener: Screener) -> None:
    """An entity's name of two words with a word more is another entity's, maybe."""
    plain = Screener(screener.sanctions_list, ScreeningConfig(inner_word_factor=1.0))
    query = "Korvaldi Istranek Pelmora"
    best, unchanged = screener.screen(query).best, plain.screen(query).best
    assert best is not None and unchanged is not None
    assert best.reference_number == "QDe.995"
    assert best.score == unchanged.score
