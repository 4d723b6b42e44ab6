"""Phonetic keys: spellings that sound alike share a key (Mohammed, Muhammad, mhmd -> MHMT)."""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Final

import jellyfish

from sanctions_screen.exceptions import ConfigError
from sanctions_screen.names._data import load_yaml


@lru_cache(maxsize=40_000)
def phonetic_key(token: str) -> str:
    """Metaphone key of a folded token; digits and one-letter tokens are their own key."""
    if len(token) < 2 or not token.isalpha():
        return token
    return str(jellyfish.metaphone(token)) or token


@cache
def ocr_digits() -> dict[int, str]:
    """The letter each digit stands for inside a word (``lists/ocr_digits.yaml``), as a
    ``str.translate`` table: the one table for the name analysis and the OCR key."""
    table: dict[int, str] = {}
    for digit, letter in (load_yaml("ocr_digits.yaml").get("digits") or {}).items():
        digit, letter = str(digit), str(letter)
        if len(digit) != 1 or not digit.isdigit() or len(letter) != 1 or not letter.isalpha():
            raise ConfigError(f"ocr_digits.yaml: {digit!r}: {letter!r} is not a digit: letter")
        table[ord(digit)] = letter
    return table


_OCR_PAIRS = (("rn", "m"), ("vv", "w"), ("cl", "d"), ("ii", "u"))


@lru_cache(maxsize=40_000)
def ocr_key(token: str) -> str:
    """The token with common OCR confusions undone: digits in words (A1-Qaida, GED0), rn/m,
    vv/w, cl/d. Pure numbers are left alone.
    """
    if token.isdigit():
        return token
    if not token.isalpha():
        token = token.translate(ocr_digits())
    for wrong, right in _OCR_PAIRS:
        if wrong in token:
            token = token.replace(wrong, right)
    return token


_VOWELS: Final = frozenset("aeiouwy")


@lru_cache(maxsize=40_000)
def is_abjad(token: str) -> bool:
    """Whether a token looks transliterated from a script that omits short vowels (Arabic,
    Hebrew: anyascii gives ``mhmd`` for محمد)."""
    if len(token) < 2 or not token.isalpha():
        return False
    vowels = sum(1 for c in token if c in "aeiou")  # a loop costs less than str.translate
    if len(token) == 2:
        return vowels == 0
    return vowels * 5 < len(token)


def plain(token: str) -> bool:
    """Whether ``ocr_key(token) == token`` and not ``is_abjad(token)``, known without either:
    lower-case a-z only, no rn/vv/cl/ii, and vowels enough for a Latin spelling.

    Most words are plain, and one pass over their letters costs less than the two cached
    look-ups that ``token_similarity`` would otherwise make for each word of a pair. False
    means "not sure": ask ``ocr_key`` and ``is_abjad``.
    """
    vowels = 0
    prev = 0
    for i in range(len(token)):
        c = ord(token[i])  # compiled, reads the letter's code without making a string
        if c < 97 or c > 122:  # not a-z
            return False
        if c == 97 or c == 101 or c == 105 or c == 111 or c == 117:  # a e i o u
            if c == 105 and prev == 105:  # ii
                return False
            vowels += 1
        elif (
            (c == 110 and prev == 114)  # rn
            or (c == 118 and prev == 118)  # vv
            or (c == 108 and prev == 99)  # cl
        ):
            return False
        prev = c
    n = len(token)
    if n < 2:
        return True
    if n == 2:
        return vowels > 0
    return vowels * 5 >= n


_BEFORE_H: Final = {"d": "z", "t": "t", "k": "k", "g": "g", "s": "s", "p": "f", "c": "c"}
"""Digraphs with h and the letter each stands for (dh -> z, th -> t, ph -> f, ...)."""
_CLASSES: Final = {"d": "t", "q": "k", "c": "k", "p": "b", "v": "f"}
"""Voiced and voiceless pairs folded together."""
_ABJAD_CLASSES: Final = {"q": "k", "c": "k", "p": "b", "v": "f"}
"""The pairs of ``_CLASSES`` an abjad spelling may fold too (``_consonant_form``): q and k
(ق written k: Kabisi, قبيسي), p and b (no p in Arabic), v and f; never d and t, which
every abjad writes as two letters (د, ت): ابتهال (Ibtihal) is not Abdullah."""


@lru_cache(maxsize=40_000)
def skeleton(token: str) -> str:
    """Consonant skeleton for comparing a word with its abjad transliteration.

    No vowels (nor w/y, which abjads use for long vowels), no glued article, no final h (ta
    marbuta), digraphs and voiced/voiceless pairs folded, no doubled letters:
    ``ldhwhry`` (الظواهري) and ``zawahiri`` both give ``zhr``; ``lqdh`` and ``qaida``, ``kt``.
    """
    if token.startswith("al") and len(token) > 5:
        token = token[2:]
    elif len(token) >= 4 and token[0] == "l" and token[1] not in "aeiouy" and is_abjad(token):
        token = token[1:]
    if (
        len(token) > 2
        and token[-1] == "h"
        and token[-2] not in "aeiouwy"
        or len(token) > 3
        and token.endswith("ah")
    ):
        token = token[:-1]
    # One pass, letter by letter: digraphs never overlap (each ends in h, none begins with
    # one) and none is made by another's letter, so this is the same as replacing each in
    # turn, then the classes, then dropping vowels and doubled letters.
    out: list[str] = []
    last = ""
    i, n = 0, len(token)
    while i < n:
        c = token[i]
        if i + 1 < n and token[i + 1] == "h" and c in _BEFORE_H:
            c = _BEFORE_H[c]
            i += 2
        else:
            i += 1
        c = _CLASSES.get(c, c)
        if c in _VOWELS or c == last:
            continue
        out.append(c)
        last = c
    return "".join(out)


_LONG_VOWELS: Final = {"a": "a", "e": "ay", "i": "y", "o": "w", "u": "w"}
"""What a Latin vowel may be written as in an abjad, if not left out (a short vowel): the long
vowel letter of its quality (alef a, ya y, waw w). An alef also carries a word's first vowel
whatever it is (Osama, أسامة ``asamh``), and the article's however the Latin spells it
(Abdullah, عبدالله ``bdallh``): any vowel first, or before an l that does not end the word,
may be an alef."""

_LETTERS: Final = {
    "h": ("h", True), "w": ("w", True), "y": ("y", True), "z": ("zd", False), "g": ("gkj", False),
}  # fmt: skip
"""Latin letters an abjad may not write as they are: h, w and y may be silent or vowels (a
first w or y is a consonant, written: ``_abjad_units``);
z and dh (folded to z) stand for ذ and ظ (dh, folded to z) but also for ض (folded to d:
Fadhil, فاضل); g stands for غ (gh) but also for ق (q, folded to k: Gasmi, قاسمي, as the
Maghreb and the Gulf say it) and for ج (j: Gamal, جمال, as Egypt says it)."""


@lru_cache(maxsize=8_192)  # bounded for memory: benchmarks/notes/speed-2026-12-08.md
def _consonant_form(token: str) -> str:
    """``_consonant_form_uncached``, cached for the pairs compared while screening."""
    return _consonant_form_uncached(token)


def _consonant_form_uncached(token: str) -> str:
    """Consonants folded as ``skeleton`` folds them (digraphs, voiced/voiceless pairs but d
    and t, see ``_ABJAD_CLASSES``), vowels kept, a glued final h (ta marbuta) dropped and
    doubled letters counted once."""
    if len(token) > 2 and token[-1] == "h" and (token[-2] not in "eiouwy"):
        token = token[:-1]
    out: list[str] = []
    i, n = 0, len(token)
    while i < n:
        c = token[i]
        if i + 1 < n and token[i + 1] == "h" and c in _BEFORE_H:
            c = _BEFORE_H[c]
            i += 2
        else:
            i += 1
        c = _ABJAD_CLASSES.get(c, c)
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


_Unit = tuple[str, bool]
"""A letter of a Latin word as an abjad may write it: the letters that may stand for it, and
whether it may be left out."""


@lru_cache(maxsize=20_000)
def _abjad_units(word: str) -> tuple[_Unit, ...]:
    """What the Latin ``word`` may be written as in an abjad, letter by letter."""
    form = _consonant_form(word)
    units: list[_Unit] = []
    for i, c in enumerate(form):
        vowel = _LONG_VOWELS.get(c)
        if vowel is None:
            # A first w or y is a consonant, written (Wali is no spelling of علي, ly).
            units.append((c, False) if i == 0 and c in "wy" else _LETTERS.get(c, (c, False)))
        elif c != "a" and (i == 0 or form[i + 1 : i + 2] == "l" and i + 2 < len(form)):
            units.append((vowel + "a", True))
        elif c == "i" and i == len(form) - 1:
            units.append(("ya", True))  # a final ى, folded to a, written for ی (حقانى)
        else:
            units.append((vowel, True))
    return tuple(units)


def _fits(form: str, units: tuple[_Unit, ...]) -> bool:
    """Whether the letters ``form`` are the ``units`` written out, each at most once."""
    n = len(form)
    reached = {0}  # letters of ``form`` written so far, for each way to get here
    for letters, optional in units:
        after = {p + 1 for p in reached if p < n and form[p] in letters}
        if optional:
            after |= reached
        if not after:
            return False
        reached = after
    return n in reached


def written_without_vowels(abjad: str, word: str) -> bool:
    """Whether ``abjad``, a word written in Arabic script as folded (``mrwan`` for مروان), is
    the Latin ``word`` written as an abjad writes it: every consonant, in order; each vowel
    left out or written as the long vowel letter of its quality; and no long vowel letter
    where the word has no vowel.

    ``mrwan`` (مروان) is Marwan, not Marion (no vowel after its w); ``blal`` (بلال) is Bilal,
    not Bell; ``mhmd`` is Muhammad. Only for words known to be written in Arabic script: a
    Latin word whose one vowel is an a (Janat) is no abjad spelling of anything.

    >>> written_without_vowels("mrwan", "marwan"), written_without_vowels("mrwan", "marion")
    (True, False)
    """
    latin = _latin_letters(word)
    for form in _readings(abjad):
        if _written(form, word) or latin != word and _written(form, latin):
            return True
    return False


def writes_a_vowel(abjad: str, word: str) -> bool:
    """Whether ``abjad``, the abjad spelling of the Latin ``word`` (``written_without_vowels``),
    is more than its consonant skeleton: four letters at least (past a glued article), every
    h of the word written, and one of its vowels as a long vowel letter (alef, waw, ya)
    inside the word (past its first letter and a glued article, before its last), more such
    letters there than the word has consonant w and y. ``bsyr`` (بصیر) writes Basir's i,
    ``mrwan`` Marwan's second a; ``mhmd`` (محمد) writes consonants alone, ``jhad`` (جهاد)
    is as short as many words' skeletons (جاد ``jad``, Ghaith), ``hmyd`` leaves no h of
    Hamid out, and a final ya is the ending of half the family names (السعدي, ``alsdy``, is
    not Saudi: the fold drops its ع).

    >>> writes_a_vowel("bsyr", "basir"), writes_a_vowel("mhmd", "muhammad")
    (True, False)
    >>> writes_a_vowel("jad", "ghaith"), writes_a_vowel("alsdy", "saudi")
    (False, False)
    """
    latin = sum(c in "wy" for c in _consonant_form(word)[1:])
    units = _every_h(_abjad_units(word))
    other = _every_h(_abjad_units(_latin_letters(word)))
    for reading in _readings(abjad):
        form = _consonant_form(reading)
        bare = form[2:] if form.startswith("al") and len(form) > 4 else form
        if len(bare) < 4 or sum(c in "awy" for c in bare[1:-1]) <= latin:
            continue
        for written in {form, bare}:
            if _fits(written, units) or _fits(written, other):
                return True
    return False


def _every_h(units: tuple[_Unit, ...]) -> tuple[_Unit, ...]:
    """The units with each h written (not left out as silent)."""
    return tuple((letters, False) if letters == "h" else (letters, optional)
                 for letters, optional in units)


@lru_cache(maxsize=20_000)
def _readings(abjad: str) -> tuple[str, ...]:
    """The ways a word written in Arabic script (folded) may be read, the letters as folded
    first: with the article of a compound's second word said as the sun letter
    (``_article_assimilated``), and each of these with the letters that other languages
    written in the script say otherwise (``_other_letters``)."""
    forms = [abjad]
    sounded = _article_assimilated(abjad)
    if sounded != abjad:
        forms.append(sounded)
    for form in forms[:]:
        other = _other_letters(form)
        if other not in forms:
            forms.append(other)
    return tuple(forms)


@cache
def _letter_readings() -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    """``lists/arabic_names.yaml``: letters of a word in Arabic script (folded) said
    otherwise anywhere in the word, and at its end."""
    data = load_yaml("arabic_names.yaml")
    return (
        tuple((str(k), str(v)) for k, v in (data.get("letter_readings") or {}).items()),
        tuple((str(k), str(v)) for k, v in (data.get("final_readings") or {}).items()),
    )


def _other_letters(abjad: str) -> str:
    """The word with the letters of ``_letter_readings`` read their other way: ث (th) said s
    in Persian, Urdu and Pashto (وثيق Wasiq, Wassiq), Pashto ځ (dz) said z (ځدران Zadran), a
    final ى written ی (عیسی Isa, Essa), a ta marbuta after ي or و not written (زينيه
    Zeiniye). The word unchanged if none is in it, or if it is too short to read otherwise
    (three letters at least)."""
    if len(abjad) < 3:
        return abjad
    inner, final = _letter_readings()
    out = abjad
    for letters, said in inner:
        if letters in out:
            out = out.replace(letters, said)
    for letters, said in final:
        if out.endswith(letters) and len(out) - len(letters) >= 2:
            out = out[: -len(letters)] + said
            break
    return out


@cache
def _sun_compounds() -> tuple[str, ...]:
    """The second words of compound names (``lists/arabic_names.yaml``) whose article takes
    the sound of the sun letter after it."""
    seconds = load_yaml("arabic_names.yaml").get("compound_seconds") or ()
    return tuple(str(s) for s in seconds if str(s).startswith("al") and str(s)[2:3] in _SUN)


_SUN: Final = "tdrzsln"
"""The sun letters as folded (ت ث ط t, د ذ ض ظ d, ر r, ز z, س ش ص s, ل l, ن n): the article
before one is said as that letter, doubled (ad-Din, ar-Rahman)."""


def _article_assimilated(abjad: str) -> str:
    """A compound name as folded (``nsyraldyn``, نصیر الدین) with the article of its second
    word written as said, as the sun letter (``nsyrdyn``: Nasiruddin, Naseruddin); any other
    word unchanged."""
    if abjad.find("al", 1) < 0:  # no article after the first letter: no compound's second
        return abjad
    for second in _sun_compounds():
        if abjad.endswith(second) and len(abjad) > len(second):
            return abjad[: -len(second)] + second[2:]
    return abjad


@lru_cache(maxsize=4_096)
def reading_keys(abjad: str) -> frozenset[str]:
    """The hard letters (``_hard_letters``) that a Latin word must have for ``abjad``, a word
    written in Arabic script (folded), to be that word written without its vowels: those of
    each of its readings, bare or without a glued article, as ``_written`` compares them.
    ``written_without_vowels(abjad, word)`` is false for a word none of whose
    ``latin_abjad_keys`` is among them."""
    keys: set[str] = set()
    for reading in _readings(abjad):
        form = _consonant_form(reading)
        keys.add(_hard_letters(form))
        if form.startswith("al") and len(form) > 4:
            keys.add(_hard_letters(form[2:]))
    return frozenset(keys)


def _written(abjad: str, word: str) -> bool:
    """``written_without_vowels`` of the word's letters as they are."""
    form = _consonant_form(abjad)
    hard = _hard_letters(_consonant_form(word))
    if _hard_letters(form) == hard and _fits(form, _abjad_units(word)):
        return True
    # The glued article (al-Fadhli, الفضلي) written on one side only.
    return (
        form.startswith("al")
        and len(form) > 4
        and _hard_letters(form[2:]) == hard
        and _fits(form[2:], _abjad_units(word))
    )


def _latin_letters(word: str) -> str:
    """A Latin word's letters as an abjad's letters may stand for them: the French dj may
    be one letter, ج (Djamel, جمال), and c before e, i or y an s (tried after the letters as
    they are: دجمل writes the d too)."""
    if "dj" in word:
        word = word.replace("dj", "j")
    if "ch" in word:  # the French ch, ش (Akkacha, عكاشة)
        word = word.replace("ch", "sh")
    if "th" in word:  # the English th, ذ as well as ث (Bathali, البذالي)
        word = word.replace("th", "dh")
    if "c" in word:  # a soft c, s (Lounici, لونيسي)
        word = word.replace("ci", "si").replace("ce", "se").replace("cy", "sy")
    return word


@lru_cache(maxsize=8_192)  # bounded for memory: benchmarks/notes/speed-2026-12-08.md
def _hard_letters(form: str) -> str:
    """``_hard_letters_uncached``, cached for the pairs compared while screening."""
    return _hard_letters_uncached(form)


def _hard_letters_uncached(form: str) -> str:
    """The letters of a consonant form that every spelling must write (z and d as one, g, j
    and k as one; see ``_LETTERS``): equal in both words whenever one is the abjad spelling
    of the other, so most pairs are told apart without the letter-by-letter walk."""
    return "".join(_HARD.get(c, c) for c in form if c not in "aeiouhwy")


_HARD: Final = {"z": "d", "g": "k", "j": "k"}


def abjad_keys(abjad: str) -> list[str]:
    """Keys under which a word written in Arabic script (folded) meets the Latin words it
    may be the abjad spelling of (``written_without_vowels``): the letters every spelling
    writes, with and without a glued article. A Latin word is keyed by ``latin_abjad_keys``.

    >>> abjad_keys("alsbar"), latin_abjad_keys("essabar")
    (['lsbr', 'sbr'], ['sbr'])
    """
    form = _consonant_form(abjad)
    keys = [_hard_letters(form)]
    if form.startswith("al") and len(form) > 4:
        keys.append(_hard_letters(form[2:]))
    for reading in _readings(abjad)[1:]:
        key = _hard_letters(_consonant_form(reading))
        if key not in keys:
            keys.append(key)
        if reading.startswith("al") and len(reading) > 4:
            key = _hard_letters(_consonant_form(reading[2:]))
            if key not in keys:
                keys.append(key)
    return keys


def latin_abjad_keys(word: str) -> list[str]:
    """The keys of ``abjad_keys`` a Latin word is met under: one for each way
    ``written_without_vowels`` reads its letters (a French dj or a soft c read otherwise)."""
    # Uncached: the index keys every Latin list word once, and the caches are for the pairs
    # compared while screening.
    key = _hard_letters_uncached(_consonant_form_uncached(word))
    latin = _latin_letters(word)
    if latin == word:
        return [key]
    other = _hard_letters_uncached(_consonant_form_uncached(latin))
    return [key] if other == key else [key, other]


def long_vowel_left_out(short: str, long_: str) -> bool:
    """Two words written in Arabic script, as folded, that differ only by one long vowel
    letter (alef, waw or ya) written in ``long_`` and left out of ``short`` (ابراهيم and
    ابرهيم): one spelling. Salim (سليم) and Salma (سلمى) differ otherwise.

    >>> long_vowel_left_out("abrhym", "abrahym"), long_vowel_left_out("slma", "slym")
    (True, False)
    """
    if len(long_) != len(short) + 1 or len(short) < 3:
        return False
    return any(long_[i] in "awy" and long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))
