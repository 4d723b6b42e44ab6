"""A name broken into weighted, role-tagged tokens: the unit the matcher works on."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from sanctions_screen.names.korean import korean_syllables
from sanctions_screen.names.phonetic import phonetic_key
from sanctions_screen.names.stopwords import (
    generic_words,
    legal_form_mask,
    particles,
    strip_honorifics,
)
from sanctions_screen.names.text import fold

NameKind = Literal["person", "organization", "vessel"]

NORMAL = 0
GENERIC = 1
PARTICLE = 2
INITIAL = 3


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

    @property
    def distinctive(self) -> bool:
        """Whether any token carries identity (not generic, not a particle)."""
        return any(r in (NORMAL, INITIAL) for r in self.roles)


@lru_cache(maxsize=100_000)
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
    if kind != "organization" and kind != "vessel":
        words, titles = strip_honorifics(words)
    legal: list[str] = []
    if kind != "person":
        mask = legal_form_mask(words)
        if not all(mask):
            legal = [w for w, m in zip(words, mask, strict=True) if m]
            words = [w for w, m in zip(words, mask, strict=True) if not m]
    syllables = korean_syllables(words) if kind != "organization" else None
    if syllables is not None:
        toks = tuple(syllables)
        roles = (NORMAL,) * len(toks)
    else:
        toks = tuple(words)
        roles = tuple(_role(w) for w in toks)
    return NameAnalysis(
        original=name,
        folded=folded,
        tokens=toks,
        roles=roles,
        phonetic=tuple(phonetic_key(t) for t in toks),
        korean=syllables is not None,
        titles=tuple(titles),
        legal_forms=tuple(legal),
    )


def _role(word: str) -> int:
    if len(word) == 1 and word.isalpha():
        return INITIAL
    if word in generic_words():
        return GENERIC
    if word in particles():
        return PARTICLE
    return NORMAL
