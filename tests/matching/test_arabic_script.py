"""Names written in Arabic script against names listed in Latin letters only (issue 14,
class 6): the index proposes them, and the abjad reading of the words scores them.

The entries are made up and added to the real newest list, so that word weights are the
list's own; none of them has a name in Arabic script.
"""

from __future__ import annotations

import pytest

from sanctions_screen.matching import Screener, ScreeningConfig, compare_names
from sanctions_screen.matching.index import NameIndex
from sanctions_screen.names.analysis import analyse
from sanctions_screen.unlist.models import SanctionsList
from tests.matching.made_up import screener_with

THRESHOLD = 0.81


ADDED = {
    "QDi.981": "Karim Lounici",  # a soft c, for س
    "QDi.982": "Wazir Gul",  # گل: a word of two letters
    "QDi.983": "Nabil Essaidi",  # الصعيدي: the article assimilated, ع left out
    "QDi.984": "Fazl Tarzi",  # فضل: z for ض
    "QDi.985": "Jalal Mansouri",
    "QDi.986": "Sharif Dawoodi",
}


@pytest.fixture(scope="module")
def screener(newest_list: SanctionsList) -> Screener:
    return screener_with(newest_list, ADDED)


@pytest.mark.parametrize(
    ("query", "reference"),
    [
        ("كريم لونيسي", "QDi.981"),
        ("وزیر گل", "QDi.982"),
        ("نبيل الصعيدي", "QDi.983"),
        ("فضل ترزي", "QDi.984"),
    ],
)
def test_a_query_in_arabic_script_finds_a_name_listed_in_latin_letters(
    screener: Screener, query: str, reference: str
) -> None:
    result = screener.screen(query)
    found = {m.reference_number: m.score for m in result.matches}
    assert found.get(reference, 0.0) >= THRESHOLD, (query, ADDED[reference], found)


@pytest.mark.parametrize(
    ("query", "reference"),
    [("جلال منصوري محمد", "QDi.985"), ("شريف داوودي محمد", "QDi.986")],
)
def test_a_query_in_arabic_script_alerts_past_a_fathers_name(
    screener: Screener, query: str, reference: str
) -> None:
    """Its words written with their long vowels (جلال, Jalal), and the father's name after
    them weighed as the list's Muhammad is, not as a word no Latin name holds."""
    result = screener.screen(query)
    found = {m.reference_number: m.score for m in result.matches}
    assert found.get(reference, 0.0) >= THRESHOLD, (query, ADDED[reference], found)


def test_a_word_in_arabic_script_weighs_as_its_reading(newest_list: SanctionsList) -> None:
    index = NameIndex(newest_list.entries, ScreeningConfig())
    arabic = index.weights(analyse("جلال محمد", "person"))
    latin = index.weights(analyse("Jalal Muhammad", "person"))
    assert arabic[1] == pytest.approx(latin[1])  # محمد as common as Muhammad
    assert arabic[1] < 0.8
    assert index.weights(analyse("زخرفستاني", "person")) == (1.0,)  # no reading: rare


def test_d_and_t_are_two_letters_of_an_abjad() -> None:
    """ابتهال (Ibtihal) writes a t where Abdullah has a d: no abjad spelling of it."""
    assert compare_names("ابتهال", "Abdullah") == 0.0
    assert compare_names("ابتهال آل بن ظافر", "Ali Zafir Abdullah") < THRESHOLD
    assert compare_names("فاضل", "Fadhil") >= THRESHOLD  # dh still stands for ض
    assert compare_names("رمضان", "Ramazan") >= THRESHOLD  # and z


@pytest.mark.parametrize(
    ("arabic", "latin"),
    [
        ("نور الله نوری", "Nurullah Noori"),
        ("نور الله نوری", "Nur Allah Noori"),
        ("شمس الدین", "Shamsuddin"),
        ("نصیر الدین حقانی", "Nasiruddin Haqqani"),  # the article said as the d: ud-Din
        ("نصیر الدین حقانی", "Nasir al-Din Haqqani"),  # or written
        ("عزیز الرحمان", "Azizurrahman"),
        ("مطیع الرحمن", "Mati ur Rehman"),
        ("ضياء الحق", "Ziaulhaq"),
        ("عزت الله", "Ezatullah"),
    ],
)
def test_a_compound_name_is_one_given_name_joined_or_apart(arabic: str, latin: str) -> None:
    """Nur Allah, Nasir al-Din, Aziz al-Rahman: two words in Arabic script, one given name,
    which Latin spellings write as one word or apart."""
    assert compare_names(arabic, latin) >= THRESHOLD


def test_half_a_compound_name_is_another_name() -> None:
    assert compare_names("نور الله", "Nur Mohammad") < THRESHOLD
    assert compare_names("نور الله", "Nur") < THRESHOLD
    assert compare_names("خالد", "Khalid") >= THRESHOLD  # al inside a word is no article


@pytest.mark.parametrize(
    ("arabic", "latin"),
    [
        ("حاجی کریم نادر", "Karim Nadir"),
        ("ملا نور الله نوری", "Nurullah Noori"),
        ("الشيخ خالد ناصر", "Sheikh Khalid Nasser"),
        ("قاري سیف الله توخى", "Saifullah Tokhi"),
        ("داکتر احمد ولی رحیمی", "Dr Ahmad Wali Rahimi"),
        ("مهندس احمد ولی رحیمی", "Ahmad Wali Rahimi"),
    ],
)
def test_a_title_in_arabic_script_is_set_aside_as_a_latin_one_is(arabic: str, latin: str) -> None:
    """Haji, Mullah, Sheikh, Qari, Dr, Eng. written in Arabic script: no word of the name,
    on either side (issue 14, class 4)."""
    assert compare_names(arabic, latin) >= THRESHOLD
    assert compare_names(arabic, latin) == compare_names(latin, arabic)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("على يونس", "علي يونس"),  # a final ى written for ي, as Egyptian writing does
        ("الكرمي ناصر", "كرمي ناصر"),  # the article glued to one side only
        ("ناصر البدري", "ناصر بدري"),
    ],
)
def test_two_spellings_in_arabic_script_alert(a: str, b: str) -> None:
    assert compare_names(a, b) >= THRESHOLD


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("سلمى يونس", "سليم يونس"),  # Salma is not Salim
        ("ناصر البدري", "ناصر بدران"),  # Badri is not Badran, with or without the article
    ],
)
def test_other_names_in_arabic_script_stay_apart(a: str, b: str) -> None:
    assert compare_names(a, b) < THRESHOLD


@pytest.mark.parametrize(
    ("arabic", "latin"),
    [
        ("علي حسن", "Wali Hassan"),  # علي is Ali: no waw for the w
        ("أمين كريم", "Yamin Karim"),  # أمين is Amin: no ya for the y
    ],
)
def test_a_first_w_or_y_is_a_letter_an_abjad_writes(arabic: str, latin: str) -> None:
    """Class 6, a bare skeleton: w and y may be vowels inside a Latin word, but one that
    begins it is a consonant, which the abjad writes (و, ي). محمد علي alerted against Wali
    Mohammad (ly~wali 0.85)."""
    assert compare_names(arabic, latin) < THRESHOLD
    assert compare_names("والي حسن", "Wali Hassan") >= THRESHOLD
    assert compare_names("يامين كريم", "Yamin Karim") >= THRESHOLD
