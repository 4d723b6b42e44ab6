"""Phonetic, OCR and abjad keys."""

from __future__ import annotations

import itertools

from sanctions_screen.names.phonetic import is_abjad, ocr_key, plain


def test_plain_words_need_no_ocr_key_nor_abjad_check() -> None:
    # Every word of up to 5 letters over an alphabet with the OCR digraphs' letters, vowels,
    # a digit, a capital and an accent: plain exactly when a-z, unchanged and not abjad.
    letters = "aeirnvcld1Aé"
    for n in range(6):
        for chars in itertools.product(letters, repeat=n):
            word = "".join(chars)
            sure = ocr_key(word) == word and not is_abjad(word)
            latin = all("a" <= c <= "z" for c in word)
            assert plain(word) == (sure and latin), word


def test_plain_examples() -> None:
    assert plain("muhammad")
    assert not plain("mhmd")  # abjad
    assert not plain("international")  # rn reads as m
    assert not plain("a1")  # a digit
    assert not plain("Kim")  # not folded
