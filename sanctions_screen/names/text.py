"""Text folding: any script, any disguise, down to lower-case ASCII tokens.

``fold("Kім Jоng‐Un")`` returns ``"kim jong un"``: Unicode compatibility forms are unified,
invisible characters dropped, Cyrillic and Greek look-alikes inside Latin words mapped to
Latin, other scripts transliterated with anyascii (Hangul and Han one syllable per token;
the Arabic alef kept as ``a``, ``lists/transliteration.yaml``),
symbols (emoji, pictographs, modifier symbols) removed rather than spelled out
(``JO YONG WON😀`` -> ``jo yong won``, not ``... grinning``), apostrophes removed
(``Ch'o'l`` -> ``chol``) and all other punctuation made a word break.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from typing import Final

from anyascii import anyascii

from sanctions_screen.names._data import load_yaml

# Format characters (Unicode category Cf: zero-width space/joiners, bidi marks, BOM, soft
# hyphen...), variation selectors and the Hangul fillers, which render as nothing: ranges of
# code points, first and last.
_INVISIBLE: Final = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160), (0x17B4, 0x17B5),
    (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164),
    (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xE0000, 0xE007F),
)  # fmt: skip
# The whitespace of str.split beyond ASCII (anyascii would make NEL, U+0085, nothing).
_SPACES: Final = (
    (0x0085, 0x0085), (0x00A0, 0x00A0), (0x1680, 0x1680), (0x2000, 0x200A), (0x2028, 0x2029),
    (0x202F, 0x202F), (0x205F, 0x205F), (0x3000, 0x3000),
)  # fmt: skip
# Hangul and Han: anyascii writes each syllable capitalised and joined ("GimJeongEun");
# a space on each side keeps syllables apart.
_CJK: Final = re.compile(
    "[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
)
_LATIN: Final = re.compile("[A-Za-z]")
# Spacing accents (modifier symbols whose NFKC form is a space and a combining accent):
# removed before NFKC, or "YO˘NG" would fold to two words.
_SPACING_ACCENTS: Final = re.compile(
    "[\u00a8\u00af\u00b4\u00b8\u02d8-\u02dd\u0384\u0385\u1fbd\u1fbf-\u1fc1"
    "\u1fcd-\u1fcf\u1fdd-\u1fdf\u1fed\u1fee\u1ffd\u1ffe\u309b\u309c\uffe3]"
)
# Marks that NFKC spells as letters glued to the word before them ("WON™" would fold to
# "wontm" and no longer match): service mark, telephone, trade mark, fax, and the raised
# MC/MD/MR signs. They are made a space before NFKC.
_MARK_SIGNS: Final = re.compile("[\u2120-\u2122\u213b\U0001f16a-\U0001f16c]")

# ASCII to folded ASCII in one pass: letters lower-cased, apostrophes (' and `, the ASCII
# forms anyascii gives the others) made ' to be deleted after, everything else but digits a
# word break.
_ASCII_FOLD: Final = bytes(
    c + 32 if 65 <= c <= 90
    else c if 97 <= c <= 122 or 48 <= c <= 57
    else 39 if c in b"'`"
    else 32
    for c in range(256)
)  # fmt: skip

_TRANSLIT_SIZE: Final = 20_000
_FIXED: Final = {
    **{c: chr(c) for c in range(128)},
    **{c: "" for first, last in _INVISIBLE for c in range(first, last + 1)},
    **{c: " " for first, last in _SPACES for c in range(first, last + 1)},
}
_translit: Final[dict[int, str]] = dict(_FIXED)
"""Code point -> its anyascii transliteration (CJK spaced), filled as seen.

anyascii reads one character at a time, so ``text.translate(_translit)`` is ``anyascii``
of the text, at the speed of a table lookup instead of a Python loop per character. The
table starts with the characters whose folding is fixed: invisible ones deleted and
whitespace a space, in the same pass, and ASCII as itself (``str.translate`` raises and
catches a LookupError for every character missing from the table: the spaces and Latin
letters of "Nguyễn Văn An" made it twice as slow).
"""


@cache
def _homoglyph_table() -> dict[int, str]:
    mapping = load_yaml("homoglyphs.yaml")["map"]
    return {ord(k): str(v) for k, v in mapping.items()}


@cache
def _homoglyph_pattern() -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(chr(c)) for c in _homoglyph_table()) + "]")


def _unmask_homoglyphs(text: str) -> str:
    """Cyrillic and Greek look-alikes inside a word with Latin letters read as Latin (the
    invisible characters still there are neither look-alikes nor spaces)."""
    if _LATIN.search(text) is None or _homoglyph_pattern().search(text) is None:
        return text
    words = text.split()
    table = _homoglyph_table()
    for i, word in enumerate(words):
        if not word.isascii() and _LATIN.search(word):
            words[i] = word.translate(table)
    return " ".join(words)


def _transliterate(text: str) -> str:
    """``anyascii`` of the text, a space on each side of every Hangul or Han syllable, kana
    combinations read as in Hepburn (:func:`_kana_combinations`)."""
    if _SMALL_KANA.search(text) is not None:
        text = _kana_combinations(text)
    table = _translit
    if len(table) >= _TRANSLIT_SIZE:
        clear_caches()
    out = text.translate(table)
    if out.isascii():
        return out
    for char in out:  # characters not seen before are the ones left non-ASCII
        if not char.isascii():
            table[ord(char)] = _transliteration(char)
    return text.translate(table)


# Small kana, which anyascii reads as if full-size: ジョン "jiyon" for Jon, ドゥ "dou" for du,
# ッ "t" whatever consonant it doubles (ハッサン "hatsan" for Hassan).
_SMALL_KANA: Final = re.compile("[\u3041\u3043\u3045\u3047\u3049\u3063\u3083\u3085\u3087\u308e"
                                "\u30a1\u30a3\u30a5\u30a7\u30a9\u30c3\u30e3\u30e5\u30e7\u30ee]")
_SMALL_Y: Final = {"ゃ": "a", "ゅ": "u", "ょ": "o", "ャ": "a", "ュ": "u", "ョ": "o"}
_SMALL_VOWEL: Final = {
    "ぁ": "a", "ぃ": "i", "ぅ": "u", "ぇ": "e", "ぉ": "o", "ゎ": "a",
    "ァ": "a", "ィ": "i", "ゥ": "u", "ェ": "e", "ォ": "o", "ヮ": "a",
}  # fmt: skip
_SOKUON: Final = frozenset("っッ")


def _kana_combinations(text: str) -> str:
    return "".join(kana_syllables(text)[0])


def kana_syllables(text: str) -> tuple[list[str], list[bool]]:
    """Kana written with a small kana in Hepburn (the Japanese way of writing names in
    Latin letters, and the way foreign names are spelt back): a small ya/yu/yo after an
    i-kana is a yōon (キャ kya, ジョ jo, シュ shu), a small vowel takes the place of the kana's
    own (ファ fa, ディ di, ドゥ du, ウィ wi, シェ she), a small tsu doubles the next consonant
    (ハッサン Hassan, マッチ matchi). Other characters are left for anyascii.

    Returns the syllables (other characters one by one) and, for each, whether it is kana."""
    out: list[str] = []
    kana: list[bool] = []  # whether out[k] is a kana's reading
    double = False
    for c in text:
        last = out[-1] if out and kana[-1] else ""
        if c in _SOKUON:
            double = True
            continue
        if c in _SMALL_Y and len(last) > 1 and last.endswith("i"):
            base = last[:-1]
            out[-1] = base + ("" if base.endswith(("sh", "ch", "j")) else "y") + _SMALL_Y[c]
        elif c in _SMALL_VOWEL and last and last[-1] in "aiueo":
            base = last[:-1] if len(last) > 1 else {"u": "w", "i": "y"}.get(last, "")
            out[-1] = base + _SMALL_VOWEL[c]
        elif 0x3041 <= ord(c) <= 0x30FA or c == "ー":  # kana, and the long vowel mark
            reading = anyascii(c)
            if double and reading[:1].isalpha() and reading[0] not in "aiueo":
                reading = ("t" if reading.startswith("ch") else reading[0]) + reading
            out.append(reading)
            kana.append(True)
        else:
            out.append(c)
            kana.append(False)
        double = False
    return out, kana


_SYMBOLS: Final = frozenset({"So", "Sk"})
_LETTER_SYMBOLS: Final = (0x1F100, 0x1F1E5)
"""Enclosed alphanumerics that NFKC leaves alone (🅹, negative squared J): letters in disguise,
kept as their letter; the regional indicators after them (flags) are symbols."""


@cache
def _letter_readings() -> dict[str, str]:
    """Letters read otherwise than anyascii reads them (``lists/transliteration.yaml``)."""
    letters = load_yaml("transliteration.yaml").get("letters") or {}
    return {str(k): str(v) for k, v in letters.items()}


def _transliteration(char: str) -> str:
    reading = _letter_readings().get(char)
    if reading is not None:
        return reading
    if unicodedata.category(char) in _SYMBOLS and not (
        _LETTER_SYMBOLS[0] <= ord(char) <= _LETTER_SYMBOLS[1]
    ):
        return ""  # anyascii spells emoji out (":grinning:"), a word no name holds
    if 0xAC00 <= ord(char) <= 0xD7A3:
        return f" {hangul_syllable(char)} "
    return f" {anyascii(char)} " if _CJK.match(char) else anyascii(char)


# Revised Romanisation (Ministry of Culture and Tourism, 2000) of a Hangul syllable's parts,
# in Unicode's order: a syllable is 0xAC00 + (initial * 21 + vowel) * 28 + final.
_INITIALS: Final = (
    "g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t",
    "p", "h",
)  # fmt: skip
_VOWELS: Final = (
    "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo",
    "we", "wi", "yu", "eu", "ui", "i",
)  # fmt: skip
# A final consonant is said unreleased: k, t, p (anyascii writes the letter as if it began
# the next syllable, g, d, b: 식 "sig", where every romanisation has "sik").
_FINALS: Final = (
    "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p",
    "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t",
)  # fmt: skip


def hangul_syllable(char: str) -> str:
    """A Hangul syllable in Revised Romanisation, read on its own (``박`` -> ``bak``,
    ``식`` -> ``sik``): the spelling the Korean name tables know for each syllable of a name.

    >>> hangul_syllable("박"), hangul_syllable("영"), hangul_syllable("식")
    ('bak', 'yeong', 'sik')
    """
    index = ord(char) - 0xAC00
    initial, rest = divmod(index, 21 * 28)
    vowel, final = divmod(rest, 28)
    return _INITIALS[initial] + _VOWELS[vowel] + _FINALS[final]


def clear_caches() -> None:
    """Forget the transliterations learnt so far (for cold-cache benchmarks)."""
    _translit.clear()
    _translit.update(_FIXED)


@lru_cache(maxsize=20_000)
def fold(text: str) -> str:
    """Fold a name to space-separated lower-case ASCII words (see the module docstring)."""
    return fold_uncached(text)


def compatibility_form(text: str) -> str:
    """NFKC (full-width and styled letters as plain ones, ``；`` as ``;``), spacing accents
    removed first (NFKC would make each a space and a combining accent) and trade mark
    signs made a space (NFKC would spell them as letters)."""
    if _SPACING_ACCENTS.search(text) is not None:
        text = _SPACING_ACCENTS.sub("", text)
    if _MARK_SIGNS.search(text) is not None:
        text = _MARK_SIGNS.sub(" ", text)
    return unicodedata.normalize("NFKC", text)


def fold_uncached(text: str, compatible: bool = False) -> str:
    """:func:`fold` without its cache, for callers that cache what they make of the result
    (``analyse``): a batch of distinct names would only churn it. ``compatible``: ``text``
    is already in :func:`compatibility_form` (a part of a name split after it), which is
    not made again."""
    if not text.isascii():
        if not compatible:
            text = compatibility_form(text)
        text = _transliterate(_unmask_homoglyphs(text))
    if "&" in text:
        text = text.replace("&", " and ")
    text = text.encode("ascii").translate(_ASCII_FOLD).decode("ascii")
    if "'" in text:  # a few names: bytes.translate deleting them builds a table each call
        text = text.replace("'", "")
    if "  " in text or text.startswith(" ") or text.endswith(" "):
        return " ".join(text.split())
    return text


_WORD_CHARACTER: Final = re.compile("[A-Za-z0-9]")


def has_words(text: str) -> bool:
    """Whether ``text`` folds to at least one word (``"!!"``, ``"\u200b"`` and ``"😀"`` do not)."""
    if text.isascii():
        return _WORD_CHARACTER.search(text) is not None
    return bool(fold(text))


def tokens(text: str) -> list[str]:
    """The folded words of ``text``."""
    return fold(text).split()
