"""Acronyms: does ``KOMID`` abbreviate ``Korea Mining Development Trading Corporation``?

An acronym is spelled by a short prefix (one to three letters) of each word in order. Small
words (of, the, in, and...: ``lists/acronyms.yaml``) may be skipped anywhere, generic
business words only at the end (KOMID leaves out "Trading Corporation"); nothing else may
be skipped.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, lru_cache

from sanctions_screen.names._data import word_list


@cache
def left_out_of_initials() -> frozenset[str]:
    """Words left out of a listed organisation's initials (``lists/acronyms.yaml``)."""
    return word_list("acronyms.yaml", "left_out_of_initials")


@cache
def _may_be_skipped() -> frozenset[str]:
    """Small words an acronym may leave out anywhere (``lists/acronyms.yaml``)."""
    return word_list("acronyms.yaml", "may_be_skipped")


def is_acronym_of(acronym: str, words: Sequence[str], tail_ok: Sequence[bool]) -> bool:
    """Whether ``acronym`` abbreviates ``words``; ``tail_ok[i]``: word i may be left out at
    the end.

    >>> is_acronym_of("komid", ["korea", "mining", "development", "trading", "corporation"],
    ...               [False, False, True, True, True])
    True
    """
    if not 2 <= len(acronym) <= 8 or len(words) < 2:
        return False
    return _spell(acronym, tuple(words), tuple(tail_ok), 0, 0)


@lru_cache(maxsize=20_000)
def _spell(acronym: str, words: tuple[str, ...], tail_ok: tuple[bool, ...], i: int, j: int) -> bool:
    small = _may_be_skipped()
    if i == len(acronym):
        return all(w in small or ok for w, ok in zip(words[j:], tail_ok[j:], strict=True))
    if j == len(words):
        return False
    word = words[j]
    if word in small and _spell(acronym, words, tail_ok, i, j + 1):
        return True
    for k in range(1, min(3, len(word), len(acronym) - i) + 1):
        if acronym[i : i + k] != word[:k]:
            break
        if _spell(acronym, words, tail_ok, i + k, j + 1):
            return True
    return False
