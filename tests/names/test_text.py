"""Literal checks of text folding."""

from __future__ import annotations

import sys

import pytest

from sanctions_screen.names import text
from sanctions_screen.names.text import clear_caches, fold, fold_uncached


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("KIM JONG-UN", "kim jong un"),
        ("  Kim   Jong Un  ", "kim jong un"),
        ("Nguyễn Văn Anh", "nguyen van anh"),
        ("MÜLLER & SÖHNE", "muller and sohne"),
        ("Ｋｉｍ", "kim"),  # fullwidth
        ("ﬁrst", "first"),  # ligature
        ("Ki\u200bm Jo\u200dng\u00adUn", "kim jongun"),  # zero-width space/joiner, soft hyphen
        ("K\u200b\u0456m \u200b J\u043eng", "kim jong"),  # invisible beside look-alikes
        ("Kim\x85Jong\u2028Un", "kim jong un"),  # next line, line separator
        ("\ufeffKim", "kim"),  # byte order mark
        ("K\u0456m J\u043eng Un", "kim jong un"),  # Cyrillic i and o inside Latin words
        ("\u039cOHAMED", "mohamed"),  # Greek capital Mu
        ("Ch'o'l", "chol"),
        ("CH\u2019OE SO\u2019K MIN", "choe sok min"),  # right single quotation mark
        ("O\u02bcBrien", "obrien"),  # modifier letter apostrophe
        ("Kim\u2010Jong\u2013Un", "kim jong un"),  # Unicode hyphen and en dash
        ("Yuk Tung Energy Pte. Ltd.", "yuk tung energy pte ltd"),
        ("Усама бен Ладен", "usama ben laden"),
        ("김정은", "gim jeong eun"),  # one token per Hangul syllable
        ("박영식", "bak yeong sik"),  # Revised Romanisation: a final ㄱ is k (anyascii: g)
        ("최룡해", "choe ryong hae"),  # an initial ㄹ is r
        ("金铁三", "jin tie san"),
        ("محمد", "mhmd"),
        ("كمال", "kmal"),  # the alef is a long vowel, kept (anyascii writes nothing)
        ("إدريس أحمد", "idrys ahmd"),  # alef with hamza below or above
    ],
)
def test_fold(raw: str, folded: str) -> None:
    assert fold(raw) == folded


def test_all_cyrillic_word_is_transliterated_not_unmasked() -> None:
    # "Кира" is a Cyrillic name, not a disguised Latin word: р is r, not p.
    assert fold("Кира") == "kira"


def test_folding_is_the_same_after_the_transliterations_are_forgotten() -> None:
    before = fold_uncached("Nguyễn Văn Anh 김정은")
    clear_caches()
    assert fold_uncached("Nguyễn Văn Anh 김정은") == before == "nguyen van anh gim jeong eun"


def test_whitespace_beyond_ascii_is_all_in_the_table() -> None:
    spaces = {c for c in range(128, sys.maxunicode + 1) if chr(c).isspace()}
    assert spaces == {c for c, folded in text._FIXED.items() if folded == " " and c >= 128}
