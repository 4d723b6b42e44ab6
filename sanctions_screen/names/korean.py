"""Korean names: romanisation variants folded to one spelling, given names split into syllables.

Korean names are written in many romanisations (Ri/Lee/Rhee/Yi, Pak/Park, Jong/Chong/Jeong/Jung)
and the given name joined, hyphenated or spaced. A name that looks Korean is turned into its
syllables in McCune-Reischauer spelling, so ``Kim Jong-Un``, ``KIM JONGUN`` and ``Gim Jeong Eun``
all become ``kim jong un``; a different syllable (``kim jong nam``) stays different.
The tables live in ``lists/korean_romanisation.yaml``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Final


@dataclass(frozen=True, slots=True)
class _Tables:
    canonical: dict[str, str]
    syllables: frozenset[str]
    surnames: frozenset[str]
    """Family names in every spelling."""
    canonical_surnames: frozenset[str]
    sounds: tuple[dict[str, str], dict[str, str], dict[str, str]]
    """Onset, vowel and coda letters to their sound group (``sound_groups``)."""


@cache
def _tables() -> _Tables:
    from sanctions_screen.names._data import load_yaml

    data = load_yaml("korean_romanisation.yaml")
    canonical: dict[str, str] = {}
    for canon, variants in (data.get("variants") or {}).items():
        canonical[str(canon)] = str(canon)
        for variant in variants or ():
            canonical.setdefault(str(variant), str(canon))
    syllables = {str(s) for s in data.get("syllables") or ()} | set(canonical)
    for s in list(syllables):
        canonical.setdefault(s, s)
    surnames = frozenset(canonical.get(str(s), str(s)) for s in data.get("surnames") or ())
    groups = data.get("sound_groups") or {}
    sounds: list[dict[str, str]] = []
    for part in ("onsets", "vowels", "codas"):
        table: dict[str, str] = {}
        for head, letters in (groups.get(part) or {}).items():
            table[str(head)] = str(head)
            for letter in letters or ():
                table[str(letter)] = str(head)
        sounds.append(table)
    return _Tables(
        canonical,
        frozenset(canonical),
        surnames | frozenset(v for v, c in canonical.items() if c in surnames),
        surnames,
        (sounds[0], sounds[1], sounds[2]),
    )


def _split(token: str, syllables: frozenset[str]) -> list[str] | None:
    """Split a joined given name into known syllables, longest first syllable first."""
    if token in syllables:
        return [token]
    for cut in range(min(len(token) - 1, 6), 0, -1):
        head = token[:cut]
        if head in syllables:
            rest = _split(token[cut:], syllables)
            if rest is not None:
                return [head, *rest]
    return None


@dataclass(frozen=True, slots=True, init=False)
class KoreanName:
    """A name read as Korean: canonical syllables and where the family name may be."""

    syllables: tuple[str, ...]
    surname_positions: tuple[int, ...]
    """0 and/or the last index: the ends holding a known family name (both if neither does)."""

    def __init__(self, syllables: tuple[str, ...], surname_positions: tuple[int, ...]) -> None:
        """Written out so that the compiled build constructs it natively (see NameAnalysis)."""
        object.__setattr__(self, "syllables", syllables)
        object.__setattr__(self, "surname_positions", surname_positions)


def family_names() -> frozenset[str]:
    """Korean family names in every spelling."""
    return _tables().surnames


def surname_slip(word: str) -> bool:
    """Whether ``word`` is a Korean family name with two neighbouring letters swapped
    (``cheo``: choe), and no known syllable itself."""
    tables = _tables()
    return (
        word not in tables.syllables
        and _slipped(word, tables.surnames) is not None
    )


def is_syllable(token: str) -> bool:
    """Whether ``token`` is a known romanised Korean syllable (any spelling)."""
    return token in _tables().syllables


def sound(syllable: str) -> str:
    """A romanised syllable's initial, vowel and final as sound groups (``sound_groups``
    in the table), ``""`` without a vowel: ``bung`` and ``pong`` both sound ``p o ng``.

    >>> sound("gyung") == sound("kyong")
    True
    """
    onsets, vowels, codas = _tables().sounds
    n = len(syllable)
    i = 0
    while i < n and syllable[i] not in "aeiouwy":
        i += 1
    j = n
    while j > i and syllable[j - 1] not in "aeiouy":
        j -= 1
    if j <= i:
        return ""
    onset, vowel, coda = syllable[:i], syllable[i:j], syllable[j:]
    return " ".join((onsets.get(onset, onset), vowels.get(vowel, vowel), codas.get(coda, coda)))


def korean_syllables(words: Sequence[str]) -> list[str] | None:
    """Canonical syllables if ``words`` look like a Korean name, else ``None``.

    >>> korean_syllables(["lee", "jongun"])
    ['ri', 'jong', 'un']
    """
    name = read_korean(words)
    return list(name.syllables) if name is not None else None


def read_korean(words: Sequence[str]) -> KoreanName | None:
    """Read ``words`` as a Korean name, if they look like one.

    Every word must be a known syllable or split into known syllables (a joined given name),
    except at most one word (a typo stays as written); a known family name must stand first
    or last (or be one with two neighbouring letters swapped, the other words all syllables).
    """
    if not 1 <= len(words) <= 4:
        return None
    tables = _tables()
    if words[0] not in tables.surnames and words[-1] not in tables.surnames:
        unslipped = _surname_slipped(words, tables)  # ir su yong: ri su yong
        if unslipped is None:
            return None
        words = unslipped
    out: list[str] = []
    unknown = 0
    split = False
    for i, word in enumerate(words):
        parts = _split(word, tables.syllables) if len(word) <= 12 else None
        if parts is None and word not in tables.surnames:  # Ahn stays Ahn
            if len(word) > 2:
                parts = _slipped(word, tables.syllables)
            elif i == 0 or i == len(words) - 1:  # ir: ri; but Saifullah Al To: al
                parts = _slipped(word, tables.surnames)
        if parts is None:
            unknown += 1
            out.append(word)
        else:
            split = split or len(parts) > 1
            out.extend(tables.canonical.get(p, p) for p in parts)
    if unknown > 1 or not 2 <= len(out) <= 5 or len(out) - unknown < 2:
        return None
    if unknown and split:
        # A word that is no syllable beside one cut into syllables: a Chinese or Arabic name
        # whose pieces happen to be Korean syllables (Yun Yuan Tsang, Salim Saleh Ko).
        return None
    canonical_surnames = tables.canonical_surnames
    ends = [i for i in {0, len(out) - 1} if out[i] in canonical_surnames]
    return KoreanName(tuple(out), tuple(sorted(ends)) or (0, len(out) - 1))


def _swaps(word: str) -> set[str]:
    return {
        word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        for i in range(len(word) - 1)
        if word[i] != word[i + 1]
    }


def _slipped(word: str, known: frozenset[str]) -> list[str] | None:
    """The one known syllable ``word`` is, with two neighbouring letters swapped back
    (``cohl``: chol, ``ir``: ri), else ``None``. A word of three letters or more keeps its
    first letter: Ann is no slip of Nan, nor Ahn (An written otherwise) of Han."""
    if len(word) > 7:
        return None
    found = [s for s in _swaps(word) if s in known and (len(s) == 2 or s[0] == word[0])]
    return found if len(found) == 1 else None


def _surname_slipped(words: Sequence[str], tables: _Tables) -> list[str] | None:
    """The words with a family name written with two letters swapped read as it (``ir su
    yong``: ri su yong, ``cheo hwi``: choe hwi), when every other word is a known syllable;
    else ``None``."""
    if len(words) < 2 or not all(w in tables.syllables for w in words[1:-1]):
        return None
    first = last = None
    if words[-1] in tables.syllables:
        first = _slipped(words[0], tables.surnames)
    if words[0] in tables.syllables:
        last = _slipped(words[-1], tables.surnames)
    if (first is None) == (last is None):
        return None
    if first is not None:
        return [first[0], *words[1:]]
    return [*words[:-1], last[0]] if last is not None else None


_HANGUL_FIRST, _HANGUL_LAST = "\uac00", "\ud7a3"
_SYLLABLE_BREAKS = frozenset(" \t-\u00b7\u30fb")


def hangul_syllables(text: str, n: int) -> tuple[str, ...]:
    """The Hangul syllables of a name written only in Hangul, when it has ``n`` of them
    (one per token of its analysis); else ``()``.

    Two names in Hangul are compared in Hangul: 정 and 종 are two syllables, though
    McCune-Reischauer reads both ``jong``.

    >>> hangul_syllables("박 정호", 3)
    ('박', '정', '호')
    """
    if text.isascii():
        return ()
    syllables = tuple([c for c in text if c not in _SYLLABLE_BREAKS])
    if len(syllables) != n:
        return ()
    for c in syllables:
        if not _HANGUL_FIRST <= c <= _HANGUL_LAST:
            return ()
    return syllables


_EO_VOWELS: Final = frozenset({4, 6})
"""The medial vowels ㅓ and ㅕ (by their index in a syllable's code), which McCune-Reischauer
writes ŏ and yŏ (o and yo without the breve), Revised Romanisation eo and yeo, and common
usage u and yu (Chol, Cheol, Chul; Song, Sung): the only Korean vowels Latin spellings
write in several ways."""


def vowel_known(syllable: str) -> bool:
    """Whether a Hangul syllable's vowel has one Latin spelling (any vowel but ㅓ and ㅕ):
    its romanisation cannot be another vowel's (순 is sun, never son; 윤 yun, never yon).

    >>> vowel_known("순"), vowel_known("철")
    (True, False)
    """
    code = ord(syllable) - ord(_HANGUL_FIRST)
    return 0 <= code <= ord(_HANGUL_LAST) - ord(_HANGUL_FIRST) and code // 28 % 21 not in _EO_VOWELS
