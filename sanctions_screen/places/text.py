"""Tokens for place matching: case, accents, scripts and punctuation folded away.

``"Korea, Democratic People's Republic of"`` and ``"KOREA (DEMOCRATIC PEOPLE'S REPUBLIC OF)"``
give the same key; ``"D.P.R.K."`` gives ``"dprk"``; ``"P'yŏngyang"`` gives ``"pyongyang"``.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from anyascii import anyascii

# Separators split words; dots and apostrophes join letters (D.P.R.K., P'yongyang).
_WORD = re.compile(r"[^\s,;:/\\()\[\]{}\"“”|+&_\-–—<>!?*#=@]+")
_NOT_ALNUM = re.compile(r"[^a-z0-9]")


class Token(NamedTuple):
    key: str
    start: int
    end: int


def fold(word: str) -> str:
    """One word in ASCII lower case without punctuation (``"Việt"`` -> ``"viet"``)."""
    return _NOT_ALNUM.sub("", anyascii(word).casefold())


def tokens(text: str) -> list[Token]:
    """Folded words of ``text`` with their character spans in the original."""
    out: list[Token] = []
    for m in _WORD.finditer(text):
        key = fold(m.group())
        if key:
            out.append(Token(key, m.start(), m.end()))
    return out


def place_key(text: str) -> str:
    """The lookup key of a whole name: folded words joined by spaces, a leading "the" dropped."""
    words = [t.key for t in tokens(text)]
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)
