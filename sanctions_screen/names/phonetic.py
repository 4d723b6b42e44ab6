"""Phonetic keys: spellings that sound alike share a key (Mohammed, Muhammad, mhmd -> MHMT)."""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Final

import jellyfish

from sanctions_screen.exceptions import ConfigError
from sanctions_screen.names._data import load_yaml


@lru_cache(maxsize=40_000)
def phonetic_key(token: str) -> str:
    """Metaphone key of a folded token; digits and one-letter tokens are their own key."""
    if len(token) < 2 or not token.isalpha():
        return token
    return str(jellyfish.metaphone(token)) or token


@cache
def ocr_digits() -> dict[int, str]:
    """The letter each digit stands for inside a word (``lists/ocr_digits.yaml``), as a
    ``str.translate`` table: the one table for the name analysis and the OCR key."""
    table: dict[int, str] = {}
    for digit, letter in (load_yaml("ocr_digits.yaml").get("digits") or {}).items():
        digit, letter = str(digit), str(letter)
        if len(digit) != 1 or not digit.isdigit() or len(letter) != 1 or not letter.isalpha():
            raise ConfigError(f"ocr_digits.yaml: {digit!r}: {letter!r} is not a digit: letter")
        table[ord(digit)] = letter
    return table


_OCR_PAIRS = (("rn", "m"), ("vv", "w"), ("cl", "d"), ("ii", "u"))


@lru_cache(maxsize=40_000)
def ocr_key(token: str) -> str:
    """The token with common OCR confusions undone: digits in words (A1-Qaida, GED0), rn/m,
    vv/w, cl/d. Pure numbers are left alone.
    """
    if token.isdigit():
        return token
    if not token.isalpha():
        token = token.translate(ocr_digits())
    for wrong, right in _OCR_PAIRS:
        if wrong in token:
            token = token.replace(wrong, right)
    return token


_VOWELS: Final = frozenset("aeiouwy")


@lru_cache(maxsize=40_000)
def is_abjad(token: str) -> bool:
    """Whether a token looks transliterated from a script that omits short vowels (Arabic,
    Hebrew: anyascii gives ``mhmd`` for محمد)."""
    if len(token) < 2 or not token.isalpha():
        return False
    vowels = sum(1 for c in token if c in "aeiou")  # a loop costs less than str.translate
    if len(token) == 2:
        return vowels == 0
    return vowels * 5 < len(token)


def plain(token: str) -> bool:
    """Whether ``ocr_key(token) == token`` and not ``is_abjad(token)``, known without either:
    lower-case a-z only, no rn/vv/cl/ii, and vowels enough for a Latin spelling.

    Most words are plain, and one pass over their letters costs less than the two cached
    look-ups that ``token_similarity`` would otherwise make for each word of a pair. False
    means "not sure": ask ``ocr_key`` and ``is_abjad``.
    """
    vowels = 0
    prev = 0
    for i in range(len(token)):
        c = ord(token[i])  # compiled, reads the letter's code without making a string
        if c < 97 or c > 122:  # not a-z
            return False
        if c == 97 or c == 101 or c == 105 or c == 111 or c == 117:  # a e i o u
            if c == 105 and prev == 105:  # ii
                return False
            vowels += 1
        elif (
            (c == 110 and prev == 114)  # rn
            or (c == 118 and prev == 118)  # vv
            or (c == 108 and prev == 99)  # cl
        ):
            return False
        prev = c
    n = len(token)
    if n < 2:
        return True
    if n == 2:
        return vowels > 0
    return vowels * 5 >= n


_BEFORE_H: Final = {"d": "z", "t": "t", "k": "k", "g": "g", "s": "s", "p": "f", "c": "c"}
"""Digraphs with h and the letter each stands for (dh -> z, th -> t, ph -> f, ...)."""
_CLASSES: Final = {"d": "t", "q": "k", "c": "k", "p": "b", "v": "f"}
"""Voiced and voiceless pairs folded together."""


@lru_cache(maxsize=40_000)
def skeleton(token: str) -> str:
    """Consonant skeleton for comparing a word with its abjad transliteration.

    No vowels (nor w/y, which abjads use for long vowels), no glued article, no final h (ta
    marbuta), digraphs and voiced/voiceless pairs folded, no doubled letters:
    ``ldhwhry`` (الظواهري) and ``zawahiri`` both give ``zhr``; ``lqdh`` and ``qaida``, ``kt``.
    """
    if token.startswith("al") and len(token) > 5:
        token = token[2:]
    elif len(token) >= 4 and token[0] == "l" and token[1] not in "aeiouy" and is_abjad(token):
        token = token[1:]
    if (
        len(token) > 2
        and token[-1] == "h"
        and token[-2] not in "aeiouwy"
        or len(token) > 3
        and token.endswith("ah")
    ):
        token = token[:-1]
    # One pass, letter by letter: digraphs never overlap (each ends in h, none begins with
    # one) and none is made by another's letter, so this is the same as replacing each in
    # turn, then the classes, then dropping vowels and doubled letters.
    out: list[str] = []
    last = ""
    i, n = 0, len(token)
    while i < n:
        c = token[i]
        if i + 1 < n and token[i + 1] == "h" and c in _BEFORE_H:
            c = _BEFORE_H[c]
            i += 2
        else:
            i += 1
        c = _CLASSES.get(c, c)
        if c in _VOWELS or c == last:
            continue
        out.append(c)
        last = c
    return "".join(out)
