"""Given names and their nicknames: ``Bill`` is ``William``, ``Peggy`` is ``Margaret``,
``Sasha`` is ``Aleksandr``.

The tables are ``lists/nicknames.yaml`` (English, frozen from the nicknames package by
tools/freeze_name_tables.py) and ``lists/diminutives.yaml`` (Russian short forms). A word
and a nickname of it are related; two nicknames of one name are not (Al may be Albert or
Alexander, and Sandy is no Al). Words are kept as the matcher folds them, so that a
nickname of Mohammed meets ``muhammad``.
"""

from __future__ import annotations

from functools import cache

from sanctions_screen.names._data import load_yaml
from sanctions_screen.names.stopwords import honorifics, particles
from sanctions_screen.names.variants import canonical_words, spelled_words


def _fold(word: str) -> str:
    folded = canonical_words([word])
    return folded[0] if len(folded) == 1 else word


class _Table:
    """Each word to the words it is a nickname or the full name of, and each word to the
    full names it stands for (itself, if it is one): the keys it is indexed under."""

    __slots__ = ("related", "full_names")

    def __init__(self) -> None:
        skip = particles() | honorifics()
        related: dict[str, set[str]] = {}
        full_names: dict[str, set[str]] = {}
        for file, key in (("nicknames.yaml", "nicknames"), ("diminutives.yaml", "diminutives")):
            for name, nicks in (load_yaml(file).get(key) or {}).items():
                full = _fold(str(name))
                for nick in nicks or ():
                    short = _fold(str(nick))
                    if short == full or short in skip or full in skip or len(short) < 2:
                        continue
                    related.setdefault(full, set()).add(short)
                    related.setdefault(short, set()).add(full)
                    full_names.setdefault(full, {full})
                    full_names.setdefault(short, set()).add(full)
        self.related = {k: frozenset(v) for k, v in related.items()}
        self.full_names = {k: tuple(sorted(v)) for k, v in full_names.items()}


@cache
def _table() -> _Table:
    return _Table()


def is_nickname_pair(a: str, b: str) -> bool:
    """Whether one word is a nickname of the other (folded words).

    >>> is_nickname_pair("bill", "william"), is_nickname_pair("sasha", "aleksandr")
    (True, True)
    """
    return b in _table().related.get(a, ())


def full_names(word: str) -> tuple[str, ...]:
    """The full names a word stands for: itself if it is one, and the names it is a
    nickname of (``()`` for a word in neither table). A word meets its nicknames and full
    names through these keys.

    >>> full_names("sasha")
    ('aleksandr', 'aleksandra', 'alexander')
    """
    return _table().full_names.get(word, ())


@cache
def words_with_other_forms() -> frozenset[str]:
    """Words that may be written quite otherwise: a canonical name with other spellings
    (``variants.spellings``), a nickname or a full name with nicknames."""
    return spelled_words() | frozenset(_table().related)
