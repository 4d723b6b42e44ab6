"""Text folding: any script, any disguise, down to lower-case ASCII tokens.

``fold("Kім Jоng‐Un")`` returns ``"kim jong un"``: Unicode compatibility forms are unified,
invisible characters dropped, Cyrillic and Greek look-alikes inside Latin words mapped to
Latin, other scripts transliterated with anyascii (Hangul and Han one syllable per token),
apostrophes removed (``Ch'o'l`` -> ``chol``) and all other punctuation made a word break.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from anyascii import anyascii

from sanctions_screen.names._data import load_yaml

# Format characters (Unicode category Cf: zero-width space/joiners, bidi marks, BOM, soft
# hyphen...), variation selectors and the Hangul fillers, which render as nothing.
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\U000e0000-\U000e007f]"
)
# Hangul and Han: anyascii writes each syllable capitalised and joined ("GimJeongEun");
# a space on each side keeps syllables apart.
_CJK = re.compile(
    "([\u1100-\u11ff\u3130-\u318f\uac00-\ud7af\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])"
)
_APOSTROPHES = re.compile("['\u2018\u2019\u201b\u02bc\u02bb\u02bf\u02be\u0060\u00b4\u2032]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_LATIN = re.compile("[A-Za-z]")


@cache
def _homoglyph_table() -> dict[int, str]:
    mapping = load_yaml("homoglyphs.yaml")["map"]
    return {ord(k): str(v) for k, v in mapping.items()}


def _unmask_homoglyphs(text: str) -> str:
    table = _homoglyph_table()
    words = text.split()
    for i, word in enumerate(words):
        if not word.isascii() and _LATIN.search(word):
            words[i] = word.translate(table)
    return " ".join(words)


@lru_cache(maxsize=20_000)
def fold(text: str) -> str:
    """Fold a name to space-separated lower-case ASCII words (see the module docstring)."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
        text = _INVISIBLE.sub("", text)
        text = _unmask_homoglyphs(text)
        text = _CJK.sub(r" \1 ", text)
        text = anyascii(text)
    text = _APOSTROPHES.sub("", text.replace("&", " and "))
    return _NON_ALNUM.sub(" ", text.lower()).strip()


def tokens(text: str) -> list[str]:
    """The folded words of ``text``."""
    return fold(text).split()
