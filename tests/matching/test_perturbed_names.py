"""Listed names written with slips a form or a typist makes (issue 14): without vowels,
with a slip in a short word, cut at a field width.

The entries are made up and added to the real newest list, so that word weights are the
list's own.
"""

from __future__ import annotations

import pytest

from sanctions_screen.matching import Screener
from sanctions_screen.matching.index import split_parenthetical
from sanctions_screen.matching.scoring import _slip_of, token_similarity
from sanctions_screen.unlist.models import SanctionsList
from tests.matching.made_up import screener_with

THRESHOLD = 0.81


ADDED = {
    "QDi.991": "Rami Bako Hadid",
    "QDi.992": "Yahyo Tuma Rasuly",
    "QDi.993": "Tarik Hamdan Sulaymi Bouzid Nouran Kharrat",
    "QDi.994": "Salim Haddad al-Kurani",
    "QDi.995": "Nasir ben Rafiq Zoubari",
}


@pytest.fixture(scope="module")
def screener(newest_list: SanctionsList) -> Screener:
    return screener_with(newest_list, ADDED)


def _alerts(screener: Screener, query: str) -> set[str]:
    return {m.reference_number for m in screener.screen(query).matches if m.score >= THRESHOLD}


@pytest.mark.parametrize(
    ("short", "long_"),
    [("rm", "rami"), ("bk", "bako"), ("tm", "tuma"), ("yhy", "yahyo"), ("rsly", "rasuly")],
)
def test_a_short_word_or_a_y_written_without_vowels_meets_its_word(short: str, long_: str) -> None:
    """Two consonants stand for a word of four letters (class 17); a y written may be the
    word's y, kept as a consonant."""
    assert token_similarity(short, long_) == 0.85


@pytest.mark.parametrize(
    ("short", "long_"),
    [("al", "alma"), ("md", "mahdi"), ("ys", "yasa"), ("nl", "nabil")],
)
def test_two_letters_stand_for_no_word_they_do_not_spell(short: str, long_: str) -> None:
    """A vowel in the two letters, another consonant between them, a leading y (which
    may be a vowel): no vowel-less spelling."""
    assert token_similarity(short, long_) < 0.85


@pytest.mark.parametrize(
    ("query", "reference"),
    [("Rm Bk Hdd", "QDi.991"), ("Yhy Tm Rsly", "QDi.992")],
)
def test_a_name_written_without_vowels_alerts(
    screener: Screener, query: str, reference: str
) -> None:
    """Its two-letter words are looked up by their consonants (class 17, retrieval)."""
    assert reference in _alerts(screener, query)


@pytest.mark.parametrize(
    "query",
    [
        "Tarik Hamdan Sulaymi",  # 20 characters, cut between two words
        "TARIK HAMDAN SULAYMI BOUZID NOURAN",  # 35, the space at the cut stripped
    ],
)
def test_a_name_cut_at_a_field_width_alerts(screener: Screener, query: str) -> None:
    """A query as long as a field (20 or 35 characters, or one less) whose words are the
    list name's first words was cut there: the list words after them were never written."""
    assert "QDi.993" in _alerts(screener, query)


def test_the_same_words_short_of_a_field_width_are_no_cut(screener: Screener) -> None:
    """Two words of the name, 12 characters: a shorter name, not a cut one."""
    assert "QDi.993" not in _alerts(screener, "Tarik Hamdan")


@pytest.mark.parametrize(
    ("name", "main"),
    [
        ("SHAMAL DELTA GROUP (SD", "SHAMAL DELTA GROUP"),
        ("Nadir Hakimi (formerly liste", "Nadir Hakimi"),
        ("SHAMAL DELTA GROUP (NORTH)", "SHAMAL DELTA GROUP (NORTH)"),
    ],
)
def test_a_bracket_never_closed_was_cut_off(name: str, main: str) -> None:
    assert split_parenthetical(name)[0] == main


@pytest.mark.parametrize(
    ("query", "reference"),
    [
        ("Salim Haddad ak-Kurani", "QDi.994"),  # a letter changed
        ("Salim Haddad la-Kurani", "QDi.994"),  # two letters swapped
        ("SALIM HADDAD AAL KURANI", "QDi.994"),  # a letter doubled
        ("Nasir bne Rafiq Zoubari", "QDi.995"),  # a slip of ben, which the list reads bin
    ],
)
def test_a_slip_of_a_particle_is_the_particle(
    screener: Screener, query: str, reference: str
) -> None:
    """A typist hurries over the short words: a slip of the list's particle stands for it,
    weighing what the particle weighs, not what an unknown word would."""
    assert reference in _alerts(screener, query)


@pytest.mark.parametrize(
    ("word", "particle"),
    [("ak", "al"), ("la", "al"), ("all", "al"), ("bn", "bin"), ("bne", "bin"),
     ("ali", "al"), ("alma", "al"), ("b1n", "bin"), ("abdu", "abu")],
)
def test_what_is_a_slip_of_a_particle(word: str, particle: str) -> None:
    """A known name (Ali) or a longer word is no slip of a particle."""
    expected = word in {"ak", "la", "all", "bn", "bne"}
    assert _slip_of(word, particle) is expected
