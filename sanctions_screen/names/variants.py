"""Spelling variants of common name words, folded to one spelling (``lists/name_variants.yaml``),
business words abbreviated on trade papers (``lists/business_abbreviations.yaml``) and
numbers written as words (``lists/number_words.yaml``).

Arabic compound names get one shape whatever the romanisation: ``Abd al-Rahman``,
``Abdul Rahman``, ``Abdelrahman`` and ``Abdurrahman`` all become ``abdul rahman``, while
``Abdullah``/``Abdallah`` (servant of God) stays one word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from sanctions_screen.names._data import load_yaml, word_list
from sanctions_screen.names.stopwords import particles


class _Arabic:
    """The table of ``lists/arabic_names.yaml``: the article's spellings, the forms of
    "Allah" after "Abd", and "Abd" run together with the article (longest prefix first)."""

    __slots__ = ("articles", "god", "abd_prefix")

    def __init__(self) -> None:
        self.articles = word_list("arabic_names.yaml", "articles")
        self.god = word_list("arabic_names.yaml", "god")
        prefixes = sorted(word_list("arabic_names.yaml", "abd_prefixes"), key=lambda p: -len(p))
        self.abd_prefix = re.compile(f"^({'|'.join(map(re.escape, prefixes))})(.+)$")


@cache
def _arabic() -> _Arabic:
    return _Arabic()


@cache
def _table() -> dict[str, str]:
    table: dict[str, str] = {}
    for canon, variants in (load_yaml("name_variants.yaml").get("variants") or {}).items():
        for variant in variants or ():
            table.setdefault(str(variant), str(canon))
    abbreviations = load_yaml("business_abbreviations.yaml").get("abbreviations") or {}
    for word, short_forms in abbreviations.items():
        for short in short_forms or ():
            table.setdefault(str(short), str(word))
    for digits, words in (load_yaml("number_words.yaml").get("numbers") or {}).items():
        for word in words or ():
            table.setdefault(str(word), str(digits))
    return table


@cache
def _spellings() -> dict[str, tuple[str, ...]]:
    by_canon: dict[str, list[str]] = {}
    table = _table()
    for canon, variants in (load_yaml("name_variants.yaml").get("variants") or {}).items():
        canon = str(canon)
        if canon in particles():
            continue  # al/el/ul, bin/ben: a slip of a particle is another word
        known = by_canon.setdefault(canon, [canon])
        for variant in variants or ():
            variant = str(variant)
            if table.get(variant) == canon and variant not in known:
                known.append(variant)
    return {canon: tuple(known) for canon, known in by_canon.items() if len(known) > 1}


def spellings(word: str) -> tuple[str, ...]:
    """Every spelling folded to ``word`` by the name-variant table, ``word`` first; ``()``
    for a word that is no canonical name.

    A canonical word stands for all its spellings: a typo of one of them (``mohamde`` of
    Mohamed, ``othmam`` of Othman) is compared with each, not only with the canonical form
    (``muhammad``, ``uthman``), which may be several letters away.

    >>> spellings("umar")
    ('umar', 'omar', 'omer', 'oumar', 'umer')
    """
    return _spellings().get(word, ())


@cache
def spelled_words() -> frozenset[str]:
    """The canonical words that have other spellings (see :func:`spellings`)."""
    return frozenset(_spellings())


@cache
def _initials() -> dict[str, frozenset[str]]:
    by_canon: dict[str, set[str]] = {}
    for variant, canon in _table().items():
        by_canon.setdefault(canon, {canon[0]}).add(variant[0])
    return {k: frozenset(v) for k, v in by_canon.items()}


def initials(word: str) -> frozenset[str] | str:
    """First letters the word may be written with (``umar``: u, o for Omar)."""
    return _initials().get(word) or word[0]


def canonical_words(words: Sequence[str]) -> list[str]:
    """Fold spelling variants and Arabic ``abd``-compounds.

    >>> canonical_words(["abdelrahman", "el", "masry"])
    ['abdul', 'rahman', 'al', 'masry']
    """
    table = _table()
    arabic = _arabic()
    out: list[str] = []
    i = 0
    n = len(words)
    while i < n:
        word = words[i]
        if word == "abd" and i + 1 < n:
            following = words[i + 1]
            if following in arabic.god:
                out.append("abdullah")
                i += 2
                continue
            out.append("abdul")
            i += 2 if following in arabic.articles else 1
            continue
        if word.startswith("abd") and (m := arabic.abd_prefix.match(word)):
            rest = m.group(2)
            if len(rest) >= 3 and rest not in arabic.god:
                out.append("abdul")
                word = rest
        out.append(table.get(word, word))
        i += 1
    return out
