"""A name broken into weighted, role-tagged tokens: the unit the matcher works on."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from sanctions_screen.names.korean import read_korean
from sanctions_screen.names.phonetic import phonetic_key
from sanctions_screen.names.stopwords import (
    generic_words,
    honorifics,
    legal_form_mask,
    particles,
    place_words,
    strip_honorifics,
)
from sanctions_screen.names.text import fold
from sanctions_screen.names.variants import canonical_words

NameKind = Literal["person", "organization", "vessel"]

_LATIN = re.compile("[A-Za-z]")

NORMAL = 0
GENERIC = 1
PARTICLE = 2
INITIAL = 3
PLACE = 4
WEAK_ROLES = frozenset({GENERIC, PARTICLE, PLACE})
"""Roles of words that identify nothing on their own."""


@dataclass(frozen=True, slots=True)
class NameAnalysis:
    """A folded name: its scoring tokens and what was set aside.

    ``tokens`` are the folded words (Korean names as canonical syllables); ``roles`` says for
    each whether it is an ordinary word, a generic business word, a particle or an initial.
    Titles and legal forms are kept aside for the explanation and never scored.
    """

    original: str
    folded: str
    tokens: tuple[str, ...]
    roles: tuple[int, ...]
    phonetic: tuple[str, ...]
    korean: bool
    titles: tuple[str, ...] = ()
    legal_forms: tuple[str, ...] = ()
    distinctive: bool = True
    """Whether any token carries identity (not generic, not a particle)."""
    surname_positions: tuple[int, ...] = ()
    """Korean names: the token positions that may hold the family name."""
    acronym_like: bool = False
    """One word of 2-8 letters written in capitals (KOMID, K.O.M.I.D.): maybe an acronym."""


@lru_cache(maxsize=20_000)
def analyse(name: str, kind: NameKind | None = None) -> NameAnalysis:
    """Fold and tag a name.

    >>> analyse("Mr. LEE Jong-un").tokens
    ('ri', 'jong', 'un')
    >>> analyse("Yuk Tung Energy Pte. Ltd.").legal_forms
    ('pte', 'ltd')
    """
    folded = fold(name)
    words = folded.split()
    titles: list[str] = []
    personal = kind != "organization" and kind != "vessel"
    latin = personal and bool(_LATIN.search(name))  # "mr" from عمر is not a title
    if latin:
        words, titles = strip_honorifics(words)
    legal: list[str] = []
    if kind != "person":
        mask = legal_form_mask(words)
        if not all(mask):
            legal = [w for w, m in zip(words, mask, strict=True) if m]
            words = [w for w, m in zip(words, mask, strict=True) if not m]
    business = bool(legal) or any(w in generic_words() for w in words)
    korean = read_korean(words) if personal and not business else None
    if korean is not None:
        toks = korean.syllables
        roles: tuple[int, ...] = (NORMAL,) * len(toks)
    else:
        if latin and len(words) > 1:
            titles += [w for w in words if w in honorifics()]
            words = [w for w in words if w not in honorifics()] or words
        words = [_undo_ocr_digits(w) for w in words]
        if len(words) > 1 and all(len(w) == 1 for w in words):
            words = ["".join(words)]  # K.O.M.I.D.
        toks = tuple(canonical_words(words))
        roles = tuple(_role(w) for w in toks)
    return NameAnalysis(
        original=name,
        folded=folded,
        tokens=toks,
        roles=roles,
        phonetic=tuple(phonetic_key(t) for t in toks),
        korean=korean is not None,
        titles=tuple(titles),
        legal_forms=tuple(legal),
        distinctive=any(r in (NORMAL, INITIAL) for r in roles),
        surname_positions=korean.surname_positions if korean is not None else (),
        acronym_like=len(toks) == 1 and 2 <= len(toks[0]) <= 8 and _capitals(name),
    )


_OCR_DIGITS = str.maketrans("015", "ols")


def _undo_ocr_digits(word: str) -> str:
    """Digits inside a word are OCR slips (A1-Qaida, 0FF1CE): read them as letters."""
    if word.isalpha() or word.isdigit():
        return word
    digits = sum(c.isdigit() for c in word)
    return word.translate(_OCR_DIGITS) if digits * 2 < len(word) else word


def _capitals(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _role(word: str) -> int:
    if len(word) == 1 and word.isalpha():
        return INITIAL
    if word in generic_words():
        return GENERIC
    if word in particles():
        return PARTICLE
    if word in place_words():
        return PLACE
    return NORMAL
