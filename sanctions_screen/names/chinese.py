"""Chinese names in pinyin, read in Wade-Giles as well: ``Deng Xiaoping`` is
``Teng Hsiao-p'ing``, ``Zhou Enlai`` is ``Chou En-lai``.

Wade-Giles marks aspiration with an apostrophe (p'ing, ping), which trade papers and the
press leave out, and without it two pinyin initials fall together (ping and bing are both
``ping``). So a Wade-Giles name, folded, cannot be turned back into pinyin; a pinyin name can
be turned into that apostrophe-less Wade-Giles. A name that reads as pinyin gets that
reading beside its own, and a Wade-Giles name meets it there. The table is
``lists/wade_giles.yaml``.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from sanctions_screen.names._data import load_yaml
from sanctions_screen.names.text import fold

_MAX_WORD_SYLLABLES = 2
"""A Chinese name word is one syllable (a family name) or two (a given name written joined)."""


class _Table:
    __slots__ = ("wade_giles", "longest")

    def __init__(self) -> None:
        table = load_yaml("wade_giles.yaml").get("wade_giles") or {}
        # Interjections without a vowel (n, ng, hm) are in the table, in no name.
        self.wade_giles: dict[str, str] = {
            str(py): fold(str(wg)).replace(" ", "")
            for py, wg in table.items()
            if any(c in "aeiouv" for c in str(py))
        }
        self.longest = max((len(s) for s in self.wade_giles), default=0)


@cache
def _table() -> _Table:
    return _Table()


def _split(word: str, table: _Table, parts: int) -> list[str] | None:
    """``word`` as at most ``parts`` pinyin syllables, longest first syllable first."""
    if word in table.wade_giles:
        return [word]
    if parts < 2:
        return None
    for cut in range(min(len(word) - 1, table.longest), 0, -1):
        head = word[:cut]
        if head in table.wade_giles:
            rest = _split(word[cut:], table, parts - 1)
            if rest is not None:
                return [head, *rest]
    return None


_SYLLABLES_CACHE_SIZE = 20_000
_syllables: dict[str, list[str] | None] = {}
"""A word -> its pinyin syllables (or ``None``): every query asks for its words, and names
share words far more often than whole names."""


def _word_syllables(word: str, table: _Table) -> list[str] | None:
    if word in _syllables:
        return _syllables[word]
    if len(_syllables) >= _SYLLABLES_CACHE_SIZE:
        _syllables.clear()
    parts = _syllables[word] = _split(word, table, _MAX_WORD_SYLLABLES)
    return parts


def wade_giles_reading(words: Sequence[str]) -> tuple[str, ...] | None:
    """The folded words of a name that reads as pinyin, in Wade-Giles without apostrophes,
    one syllable a word; ``None`` if the name does not read as pinyin (two to four syllables,
    a one-syllable family name at one end) or reads the same, word for word.

    >>> wade_giles_reading(["deng", "xiaoping"])
    ('teng', 'hsiao', 'ping')
    """
    if not 2 <= len(words) <= 4:
        return None
    table = _table()
    syllables: list[str] = []
    first = last = 0
    for word in words:
        parts = _word_syllables(word, table)
        if parts is None:
            return None
        syllables += parts
        last = len(parts)
        first = first or last
    if len(syllables) > 4 or (first != 1 and last != 1):
        return None
    reading = tuple([table.wade_giles[s] for s in syllables])
    return reading if reading != tuple(words) else None


_NAME_BREAKS = frozenset(" \t-\u00b7\u30fb")
_MAX_PERSONAL = 4
"""A Chinese person's name is two to four characters; longer ones are companies' names."""


@cache
def _compound_family_names() -> frozenset[str]:
    return frozenset(str(n) for n in load_yaml("chinese_family_names.yaml").get("compound") or ())


def _han(char: str) -> bool:
    code = ord(char)
    return 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF


def han_family_name(text: str, n: int) -> int:
    """How many syllables of a person's name written in Chinese characters (two to four,
    ``n`` of them, one per token) make its family name: 1, or 2 for a two-character family
    name (``lists/chinese_family_names.yaml``); 0 for any other name.

    >>> han_family_name("马楠", 2), han_family_name("欧阳修", 3), han_family_name("Ma Nan", 2)
    (1, 2, 0)
    """
    if text.isascii() or not 2 <= n <= _MAX_PERSONAL:
        return 0
    chars = [c for c in text if c not in _NAME_BREAKS]
    if len(chars) != n:
        return 0
    for c in chars:
        if not _han(c):
            return 0
    return 2 if n > 2 and chars[0] + chars[1] in _compound_family_names() else 1
