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
from typing import Final

from anyascii import anyascii

from sanctions_screen.names._data import load_yaml

# Format characters (Unicode category Cf: zero-width space/joiners, bidi marks, BOM, soft
# hyphen...), variation selectors and the Hangul fillers, which render as nothing.
_INVISIBLE: Final = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\U000e0000-\U000e007f]"
)
# Hangul and Han: anyascii writes each syllable capitalised and joined ("GimJeongEun");
# a space on each side keeps syllables apart.
_CJK: Final = re.compile(
    "[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
)
_LATIN: Final = re.compile("[A-Za-z]")

# ASCII to folded ASCII in one pass: letters lower-cased, apostrophes (' and `, the ASCII
# forms anyascii gives the others) deleted, everything else but digits a word break.
_ASCII_FOLD: Final = bytes(
    c + 32 if 65 <= c <= 90 else c if 97 <= c <= 122 or 48 <= c <= 57 else 32 for c in range(256)
)
_ASCII_APOSTROPHES: Final = b"'`"

_TRANSLIT_SIZE: Final = 20_000
_ASCII_SAME: Final = {c: chr(c) for c in range(128)}
_translit: Final[dict[int, str]] = dict(_ASCII_SAME)
"""Code point -> its anyascii transliteration (CJK spaced), filled as seen.

anyascii reads one character at a time, so ``text.translate(_translit)`` is ``anyascii``
of the text, at the speed of a table lookup instead of a Python loop per character. ASCII
maps to itself from the start: ``str.translate`` raises and catches a LookupError for
every character missing from the table (the spaces and Latin letters of "Nguyễn Văn An"),
which made it twice as slow.
"""


@cache
def _homoglyph_table() -> dict[int, str]:
    mapping = load_yaml("homoglyphs.yaml")["map"]
    return {ord(k): str(v) for k, v in mapping.items()}


@cache
def _homoglyph_pattern() -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(chr(c)) for c in _homoglyph_table()) + "]")


def _unmask_homoglyphs(text: str) -> str:
    words = text.split()
    if _LATIN.search(text) is None or _homoglyph_pattern().search(text) is None:
        return " ".join(words)
    table = _homoglyph_table()
    for i, word in enumerate(words):
        if not word.isascii() and _LATIN.search(word):
            words[i] = word.translate(table)
    return " ".join(words)


def _transliterate(text: str) -> str:
    """``anyascii`` of the text, a space on each side of every Hangul or Han syllable."""
    table = _translit
    if len(table) >= _TRANSLIT_SIZE:
        clear_caches()
    out = text.translate(table)
    if out.isascii():
        return out
    for char in out:  # characters not seen before are the ones left non-ASCII
        if not char.isascii():
            table[ord(char)] = f" {anyascii(char)} " if _CJK.match(char) else anyascii(char)
    return text.translate(table)


def clear_caches() -> None:
    """Forget the transliterations learnt so far (for cold-cache benchmarks)."""
    _translit.clear()
    _translit.update(_ASCII_SAME)


@lru_cache(maxsize=20_000)
def fold(text: str) -> str:
    """Fold a name to space-separated lower-case ASCII words (see the module docstring)."""
    return fold_uncached(text)


def fold_uncached(text: str) -> str:
    """:func:`fold` without its cache, for callers that cache what they make of the result
    (``analyse``): a batch of distinct names would only churn it."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
        text = _INVISIBLE.sub("", text)
        text = _unmask_homoglyphs(text)
        text = _transliterate(text)
    if "&" in text:
        text = text.replace("&", " and ")
    text = text.encode("ascii").translate(_ASCII_FOLD, _ASCII_APOSTROPHES).decode("ascii")
    if "  " in text or text.startswith(" ") or text.endswith(" "):
        return " ".join(text.split())
    return text


def tokens(text: str) -> list[str]:
    """The folded words of ``text``."""
    return fold(text).split()
