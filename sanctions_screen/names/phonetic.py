"""Phonetic keys: spellings that sound alike share a key (Mohammed, Muhammad, mhmd -> MHMT)."""

from __future__ import annotations

from functools import lru_cache

import jellyfish


@lru_cache(maxsize=100_000)
def phonetic_key(token: str) -> str:
    """Metaphone key of a folded token; digits and one-letter tokens are their own key."""
    if len(token) < 2 or not token.isalpha():
        return token
    return str(jellyfish.metaphone(token)) or token


_OCR_DIGITS = str.maketrans("0123456789", "olzeasgtbg")
_OCR_PAIRS = (("rn", "m"), ("vv", "w"), ("cl", "d"), ("ii", "u"))


@lru_cache(maxsize=100_000)
def ocr_key(token: str) -> str:
    """The token with common OCR confusions undone: digits in words (A1-Qaida, GED0), rn/m,
    vv/w, cl/d. Pure numbers are left alone.
    """
    if token.isdigit():
        return token
    if not token.isalpha():
        token = token.translate(_OCR_DIGITS)
    for wrong, right in _OCR_PAIRS:
        if wrong in token:
            token = token.replace(wrong, right)
    return token


_VOWELS = frozenset("aeiouwy")


def is_abjad(token: str) -> bool:
    """Whether a token looks transliterated from a script that omits short vowels (Arabic,
    Hebrew: anyascii gives ``mhmd`` for محمد)."""
    if len(token) < 3 or not token.isalpha():
        return False
    vowels = sum(c in "aeiou" for c in token)
    return vowels * 4 <= len(token)


@lru_cache(maxsize=100_000)
def skeleton(token: str) -> str:
    """Consonant skeleton: no vowels (nor w/y, which abjads use for long vowels), no doubled
    letters, no final h (ta marbuta), no glued article (``alzwahry`` -> ``zhr``, like
    ``zawahiri``)."""
    if token.startswith("al") and len(token) > 5 and is_abjad(token):
        token = token[2:]
    out: list[str] = []
    for c in token:
        if c in _VOWELS:
            continue
        if not out or out[-1] != c:
            out.append(c)
    if len(out) > 2 and out[-1] == "h":
        out.pop()
    return "".join(out)
