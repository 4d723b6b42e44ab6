"""Names written in Cyrillic or kana, read in the romanisations people write them in.

The folder reads Cyrillic with anyascii (``Хасан`` -> ``khasan``, close to BGN/PCGN); a
passport writes ``Айрат`` as ``Airat`` (ICAO 9303), a library as ``Ajrat`` (ISO 9), the press
``Хасан`` as ``Hasan``. A name holding Cyrillic letters is screened in each of those
systems too (``lists/romanisation.yaml``), as a pinyin name is in Wade-Giles. A foreign
name written in Katakana is spelt back without the vowels Japanese adds (:func:`kana_readings`).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Final

from anyascii import anyascii

from sanctions_screen.names._data import load_yaml
from sanctions_screen.names.text import compatibility_form, fold, kana_syllables

_CYRILLIC: Final = re.compile("[\u0400-\u04ff]")
_VOWELS: Final = frozenset("аеёиоуыэюяіїєьъ")
"""Letters after which BGN/PCGN writes е as ye (vowels, and the soft and hard signs)."""


class _System:
    """One romanisation: what it writes for letters, pairs of letters and endings."""

    __slots__ = ("digraphs", "endings", "letters", "initial", "after_vowel")

    def __init__(self, table: dict[str, dict[str, str]]) -> None:
        def part(name: str) -> dict[str, str]:
            return {str(k): str(v) for k, v in (table.get(name) or {}).items()}

        self.digraphs = part("digraphs")
        self.endings = part("endings")
        self.letters = part("letters")
        self.initial = part("initial")
        self.after_vowel = part("after_vowel")

    def read(self, text: str) -> str:
        """``text`` (lower-case) with this system's letters written, the others as the
        folder writes them (anyascii: a word half Latin, half Cyrillic would be taken for a
        disguised Latin one)."""
        out: list[str] = []
        i, n = 0, len(text)
        while i < n:
            c = text[i]
            pair = text[i : i + 2]
            if pair in self.digraphs:
                out.append(self.digraphs[pair])
                i += 2
                continue
            if pair in self.endings and (i + 2 == n or not text[i + 2].isalpha()):
                out.append(self.endings[pair])
                i += 2
                continue
            if c in self.initial and (i == 0 or not text[i - 1].isalpha()):
                out.append(self.initial[c])
            elif c in self.after_vowel and i > 0 and text[i - 1] in _VOWELS:
                out.append(self.after_vowel[c])
            else:
                out.append(self.letters.get(c, c))
            i += 1
        return anyascii("".join(out))


@cache
def _systems() -> tuple[_System, ...]:
    tables = load_yaml("romanisation.yaml").get("cyrillic") or {}
    return tuple(_System(table) for table in tables.values())


def cyrillic_readings(text: str) -> list[str]:
    """A name holding Cyrillic letters in each romanisation of ``lists/romanisation.yaml``
    whose folded form differs from the name's own fold and from the others; ``[]`` for any
    other name.

    >>> cyrillic_readings("Айрат Хасанов")
    ['airat khasanov', 'ajrat hasanov', 'ayrat hasanov']
    """
    if text.isascii() or _CYRILLIC.search(text) is None:
        return []
    lower = text.lower()
    seen = {fold(text)}
    out: list[str] = []
    for system in _systems():
        reading = fold(system.read(lower))
        if reading and reading not in seen:
            seen.add(reading)
            out.append(reading)
    return out


_KATAKANA: Final = re.compile("[\u30a1-\u30fa]")
_EPENTHETIC: Final = frozenset({"ku", "gu", "su", "zu", "fu", "bu", "pu", "mu", "ru", "to", "do"})
"""Syllables whose vowel Katakana adds to a consonant that has none in the name it spells
(Abdul アブドゥル a-bu-du-ru, Muhammad ムハンマド mu-ha-n-ma-do)."""


def kana_readings(text: str) -> list[str]:
    """A foreign name written in Katakana, spelt back: the vowels Japanese adds after a final
    consonant or between two consonants left out (a word's first syllable aside), ン before
    b, m, p written m (traditional Hepburn), and the same with l for r (Japanese has one
    sound for both); ``[]`` for a name without kana, or readings the fold already gives.

    >>> kana_readings("ムハンマド・アリ")
    ['muhammad ari', 'muhammad ali']
    """
    if text.isascii() or _KATAKANA.search(text) is None:
        return []
    syllables, kana = kana_syllables(compatibility_form(text))
    out: list[str] = []
    for k, syllable in enumerate(syllables):
        if not kana[k]:
            out.append(syllable)
            continue
        nxt = ""  # the next syllable's reading, a long vowel mark (ー, no letter) skipped
        for m in range(k + 1, len(syllables)):
            if not kana[m] or syllables[m]:
                nxt = syllables[m] if kana[m] else ""
                break
        first = k == 0 or not kana[k - 1]
        if syllable == "n" and nxt[:1] in ("b", "m", "p"):
            syllable = "m"
        elif syllable in _EPENTHETIC and not first and nxt[:1] not in ("a", "i", "u", "e", "o"):
            syllable = syllable[0]
        out.append(syllable)
    spelt = fold("".join(out))
    seen = {fold(text)}
    readings: list[str] = []
    for reading in (spelt, spelt.replace("r", "l")):
        if reading and reading not in seen:
            seen.add(reading)
            readings.append(reading)
    return readings


def script_readings(text: str) -> list[str]:
    """The other readings of a name in Cyrillic or Katakana (:func:`cyrillic_readings`,
    :func:`kana_readings`); ``[]`` for a name in neither."""
    if text.isascii():
        return []
    return cyrillic_readings(text) + kana_readings(text)
