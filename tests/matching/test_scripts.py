"""Names written in other scripts than Latin (issue 14, class 6; Arabic script aside): Hangul
compared in Hangul, Chinese characters with their family name apart, Cyrillic and the
syllabaries read in the romanisations people use."""

from __future__ import annotations

import pytest

from sanctions_screen.matching import Screener, compare_names
from sanctions_screen.matching.config import ScreeningConfig
from sanctions_screen.names.chinese import han_family_name
from sanctions_screen.names.korean import hangul_syllables
from sanctions_screen.names.romanisation import cyrillic_readings, kana_readings
from sanctions_screen.names.text import fold

THRESHOLD = ScreeningConfig().threshold


def test_two_hangul_names_are_compared_in_hangul() -> None:
    """정 and 종 both read jong in McCune-Reischauer: in Hangul they are two syllables, and a
    different syllable is a different person, as Kim Jong Nam is not Kim Jong Un."""
    assert compare_names("박정호", "박종호") == compare_names("Pak Jong Ho", "Pak Yong Ho") < 0.81
    assert compare_names("김정은", "김종은") < THRESHOLD
    assert compare_names("이영수", "이영숙") < THRESHOLD  # a final consonant more
    assert compare_names("박정호", "박 정호") == 1.0  # spacing is no syllable
    assert compare_names("박정호", "Pak Jong Ho") == compare_names("박종호", "Park Jong-ho") == 1.0
    assert compare_names("김정은", "Kim Jong Un") == 1.0


def test_hangul_syllables() -> None:
    assert hangul_syllables("김 정-은", 3) == ("김", "정", "은")
    assert hangul_syllables("김정은", 2) == ()  # the analysis made other tokens of it
    assert hangul_syllables("Kim Jong Un", 3) == ()
    assert hangul_syllables("金正恩", 3) == ()


def test_a_chinese_family_name_is_never_joined_with_the_given_name() -> None:
    """马楠 is Ma Nan: its syllables joined (Manan) are no spelling of it, nor of 马兰."""
    assert compare_names("马楠", "Ma Nan") == 1.0
    assert compare_names("马楠", "Abdul Manan") < THRESHOLD
    assert compare_names("马兰", "Malan Said") < THRESHOLD
    assert compare_names("马楠", "عبد المنان") < THRESHOLD  # nor against Arabic script
    assert compare_names("邓小平", "Deng Xiaoping") == 1.0  # the given name's syllables join
    assert compare_names("欧阳修", "Ouyang Xiu") == 1.0  # a two-character family name joins


@pytest.mark.parametrize(
    ("name", "family"),
    [
        ("马楠", 1),
        ("邓小平", 1),
        ("歐陽修", 2),
        ("司马光", 2),
        ("司马", 1),  # two characters: a family name and a given name
        ("Ma Nan", 0),
        ("华信船务香港有限公司", 0),  # longer than a person's name: a company's
        ("马 Nan", 0),
    ],
)
def test_han_family_name(name: str, family: int) -> None:
    assert han_family_name(name, len(name.replace(" ", ""))) == family


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Айрат Насимович Вахитов", "Airat Nasimovich Vakhitov"),  # ICAO 9303: й is i
        ("Дмитрий Юрьевич Ежов", "Dmitriy Yuryevich Yezhov"),  # BGN/PCGN: е after ь is ye
        ("Дмитрий Юрьевич Ежов", "Dmitrij Jurevic Ezov"),  # ISO 9, accents folded
        ("Хасан Джамалович", "Hasan Jamalovich"),  # the press: х h, дж j
        ("Юлия Ковальчук", "Iuliia Kovalchuk"),  # ICAO 9303: ю iu, я ia
        ("Катиба ат-Таухид валь-Джихад", "Katiba at-Tauhid wal-Jihad"),
    ],
)
def test_cyrillic_meets_each_romanisation(cyrillic: str, latin: str) -> None:
    assert compare_names(cyrillic, latin) >= THRESHOLD
    assert compare_names(latin, cyrillic) >= THRESHOLD


def test_cyrillic_readings() -> None:
    assert cyrillic_readings("Хасан") == ["hasan"]  # ICAO 9303 reads it as anyascii, khasan
    assert cyrillic_readings("Ежов") == ["ezov", "yezhov"]
    assert cyrillic_readings("Ivan Petrov") == []
    assert compare_names("Айрат Вахитов", "Airat Vakhidov") < 1.0
    assert compare_names("Хасан Ахмедов", "Hasan Umarov") < THRESHOLD  # another family name


def test_a_cyrillic_query_finds_the_latin_name(screener: Screener) -> None:
    """QDi.367 is listed as ZAURBEK SALIMOVICH GUCHAEV: a query in Cyrillic spelt the way a
    library writes it still finds the Latin name, with the original-script name set aside."""
    result = screener.screen("Заурбек Салимович Гучаев")
    assert result.matches and result.matches[0].reference_number == "QDi.367"


@pytest.mark.parametrize(
    ("kana", "folded"),
    [
        ("ジョン・スミス", "jon sumisu"),  # a small yo after ji: jo, not jiyo
        ("キャサリン", "kyasarin"),
        ("ハッサン", "hassan"),  # a small tsu doubles the consonant after it
        ("マッチ", "matchi"),
        ("ディーン", "din"),  # a small vowel takes the kana's place
        ("アブドゥル", "abuduru"),
        ("ウィリアム", "wiriamu"),
        ("しょうじ", "shouji"),  # hiragana alike
    ],
)
def test_kana_combinations_in_hepburn(kana: str, folded: str) -> None:
    assert fold(kana) == folded


@pytest.mark.parametrize(
    ("katakana", "latin"),
    [
        ("ムハンマド・アリ", "Muhammad Ali"),  # mu-ha-n-ma-do: ン before m is m, do a final d
        ("アブドゥル・ラフマン", "Abdul Rahman"),  # bu between consonants is b, ru final l
        ("ハッサン・ダヒル・アウェイス", "Hassan Dahir Aweys"),
    ],
)
def test_a_foreign_name_in_katakana_is_spelt_back(katakana: str, latin: str) -> None:
    assert compare_names(katakana, latin) >= THRESHOLD
    assert compare_names(katakana, "Abdul Karim") < THRESHOLD


def test_kana_readings() -> None:
    assert kana_readings("ウィリアム") == ["wiriam", "wiliam"]
    assert kana_readings("ハッサン") == []  # the fold reads it so already
    assert kana_readings("やまだ たろう") == []  # hiragana writes Japanese words, not foreign names
    assert kana_readings("Muhammad") == []
