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


@dataclass(frozen=True, slots=True)
class _Tables:
    canonical: dict[str, str]
    syllables: frozenset[str]
    surnames: frozenset[str]


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
    surnames = frozenset(str(s) for s in data.get("surnames") or ())
    return _Tables(
        canonical,
        frozenset(canonical),
        surnames | frozenset(v for v, c in canonical.items() if c in surnames),
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


def korean_syllables(words: Sequence[str]) -> list[str] | None:
    """Canonical syllables if ``words`` look like a Korean name, else ``None``.

    >>> korean_syllables(["lee", "jongun"])
    ['ri', 'jong', 'un']
    """
    if not 1 <= len(words) <= 4:
        return None
    tables = _tables()
    out: list[str] = []
    for word in words:
        if len(word) > 12:
            return None
        parts = _split(word, tables.syllables)
        if parts is None:
            return None
        out.extend(parts)
    if not 2 <= len(out) <= 5:
        return None
    if not any(w in tables.surnames for w in words):
        return None
    return [tables.canonical[s] for s in out]
