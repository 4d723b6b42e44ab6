"""Generator family G2: the locked split's perturbations of listed names.

Written apart from G1 (gen_dev.py) with other rules and other tables, so that tuning the
matcher to G1's habits does not buy figures here: typos are OCR and phonetic confusions with
a third of them on a word's first letter, vowels go from one word only, titles and legal forms
come from another list, Korean slips include glides and the given name moves first, scripts
come from other ICU transforms. Nothing here imports ``sanctions_screen.names`` or its tables.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from functools import cache

# Confusions of OCR and of ear: letters read or heard for each other.
_CONFUSIONS = {
    "a": "eo", "b": "hp", "c": "ek", "d": "tb", "e": "ca", "f": "ph", "g": "qk", "h": "bn",
    "i": "lj", "j": "gi", "k": "cq", "l": "it", "m": "n", "n": "mh", "o": "ua", "p": "b",
    "q": "g", "r": "n", "s": "z", "t": "d", "u": "ov", "v": "uw", "w": "v", "x": "ks",
    "y": "ij", "z": "s",
}
_WORD = re.compile(r"[^\W\d_]+")
_VOWELS = "aeiouyAEIOUY"


def _pick_position(word: re.Match[str], r: random.Random) -> int:
    """A third of the time the first letter, else anywhere in the word."""
    if r.random() < 1 / 3:
        return word.start()
    return r.randrange(word.start(), word.end())


def typo(name: str, r: random.Random) -> str | None:
    """A letter read or heard as another, or a stray letter inserted; short words too."""
    words = list(_WORD.finditer(name))
    if not words:
        return None
    w = r.choice(words)
    i = _pick_position(w, r)
    ch = name[i]
    if r.random() < 0.25:
        extra = r.choice("aehilnorst")
        return name[:i] + (extra.upper() if ch.isupper() else extra) + name[i:]
    options = _CONFUSIONS.get(ch.lower())
    if not options:
        return None
    new = r.choice(options)
    return name[:i] + (new.upper() if ch.isupper() else new) + name[i + 1 :]


def vowel_drop(name: str, r: random.Random) -> str | None:
    """Every vowel of one word gone except its first letter (``Abdul Rhmn``)."""
    words = [w for w in _WORD.finditer(name) if len(w.group()) >= 3]
    if not words:
        return None
    w = r.choice(words)
    text = w.group()
    stripped = text[0] + "".join(c for c in text[1:] if c not in _VOWELS)
    if stripped == text:
        return None
    return name[: w.start()] + stripped + name[w.end() :]


def transposition(name: str, r: random.Random) -> str | None:
    """Two letters swapped across one letter (``Ibarhim``), or the first two letters."""
    words = [w for w in _WORD.finditer(name) if len(w.group()) >= 3]
    if not words:
        return None
    w = r.choice(words)
    if r.random() < 0.3:
        i, j = w.start(), w.start() + 1
    else:
        i = r.randrange(w.start(), w.end() - 2)
        j = i + 2
    if name[i].lower() == name[j].lower():
        return None
    chars = list(name)
    chars[i], chars[j] = chars[j], chars[i]
    return "".join(chars)


_HONORIFICS = ("Prof.", "Maj. Gen.", "Brig.", "Engr.", "H.E.", "Al-Haj", "Shaykh", "Mawlawi",
               "Mrs.", "Capt.")
_GENERATIONS = ("Jr", "Junior", "III", "Senior")
_LEGAL_FORMS = ("Limited", "S.A.", "AG", "Sdn Bhd", "Pte Ltd", "OOO", "Sp. z o.o.", "S.R.L.",
                "PT", "Trading Co")


def title_suffix(name: str, r: random.Random, kind: str) -> str | None:
    """An honorific before, or a generation after, a person's name; a legal form around an
    organisation's (PT goes before, as Indonesian papers write it)."""
    if kind == "person":
        if r.random() < 0.6:
            return f"{r.choice(_HONORIFICS)} {name}"
        return f"{name}, {r.choice(_GENERATIONS)}"
    form = r.choice(_LEGAL_FORMS)
    return f"{form} {name}" if form == "PT" else f"{name} {form}"


def truncate(width: int) -> Callable[[str, random.Random], str | None]:
    """Upper-cased and cut at a fixed field width, as a fixed-width record stores it."""
    def cut(name: str, r: random.Random) -> str | None:
        return name.upper()[:width].rstrip() if len(name) > width else None

    return cut


# Korean slips written for this family: vowels, glides (w, y) and their loss.
_SLIPS = (("pong", "pyong"), ("kong", "kyong"), ("hong", "hyong"), ("yong", "ong"),
          ("ol", "ul"), ("ul", "ol"), ("yong", "yung"), ("ung", "ong"), ("on", "won"),
          ("won", "on"), ("ae", "e"), ("eo", "o"), ("i", "ee"))


def korean_slip(name: str, r: random.Random) -> str | None:
    """A slip inside one syllable of the given name; the name may also be upper-cased."""
    words = list(_WORD.finditer(name))[1:]
    options = [(w, old, new) for w in words for old, new in _SLIPS if old in w.group().lower()]
    if not options:
        return None
    w, old, new = r.choice(options)
    text = w.group()
    pos = text.lower().find(old)
    repl = new.upper() if text.isupper() else new
    return name[: w.start() + pos] + repl + name[w.start() + pos + len(old) :]


def korean_rotation(name: str, r: random.Random) -> str | None:
    """Given name first and spaced syllable by syllable, family name last, upper-cased."""
    parts = name.replace("-", " ").split()
    if len(parts) < 2:
        return None
    return " ".join([*parts[1:], parts[0]]).upper()


_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV", "5": "V", "6": "VI", "7": "VII",
          "8": "VIII", "9": "IX", "10": "X"}
_WORDS = {"first": "1st", "second": "2nd", "third": "3rd", "one": "1", "two": "2",
          "three": "3", "four": "4", "five": "5", "twenty": "20", "hundred": "100"}


def number_words(name: str, r: random.Random) -> str | None:
    """Numbers as Roman numerals, number words as digits or ordinals."""
    out = re.sub(r"\b(\d{1,2})\b", lambda m: _ROMAN.get(m.group(1), m.group(1)), name)
    if out == name:
        out = re.sub(r"\b([A-Za-z]+)\b", lambda m: _WORDS.get(m.group(1).lower(), m.group(1)),
                     name)
    return out if out != name else None


_PARTICLES = {"ben", "bin", "ibn", "abu", "abd", "bint", "al", "el", "van", "von", "del", "de"}


@cache
def _namer() -> object:
    from nicknames import NickNamer

    return NickNamer()


def nickname(name: str, r: random.Random) -> str | None:
    """A nickname written back as its formal name, or the formal name as a nickname, on any
    given-name word but the last."""
    words = [w for w in list(_WORD.finditer(name))[:-1]
             if len(w.group()) >= 3 and w.group().lower() not in _PARTICLES]
    namer = _namer()
    for w in r.sample(words, len(words)):
        low = w.group().lower()
        options = sorted(namer.canonicals_of(low) | namer.nicknames_of(low))  # type: ignore[attr-defined]
        if options:
            new = r.choice(options)
            new = new.upper() if w.group().isupper() else new.capitalize()
            return name[: w.start()] + new + name[w.end() :]
    return None


@cache
def _icu(rule: str) -> object:
    import icu

    return icu.Transliterator.createInstance(rule)


# Nationality stem -> ICU transforms (other than G1's: BGN Russian, Katakana for Japanese
# papers, Hebrew and Greek for nothing listed, so they are not used).
_SCRIPTS = {
    "russia": "Latin-Russian/BGN", "belarus": "Latin-Russian/BGN", "ukrain": "Latin-Russian/BGN",
    "korea": "Latin-Hangul", "japan": "Latin-Katakana", "iraq": "Latin-Arabic",
    "syria": "Latin-Arabic", "saudi": "Latin-Arabic", "yemen": "Latin-Arabic",
    "libya": "Latin-Arabic", "somalia": "Latin-Arabic", "pakistan": "Latin-Arabic",
    "iran": "Latin-Arabic", "afghan": "Latin-Arabic", "indonesia": "Latin-Arabic",
    "egypt": "Latin-Arabic", "jordan": "Latin-Arabic", "kuwait": "Latin-Arabic",
}
_MARKS = re.compile("[\u064b-\u0652\u0670\u0300-\u036f]")


def script_for(nationalities: tuple[str, ...]) -> str | None:
    for nat in nationalities:
        low = nat.lower()
        for stem, rule in _SCRIPTS.items():
            if stem in low:
                return rule
    return None


def native_script(name: str, rule: str) -> str | None:
    out = _MARKS.sub("", str(_icu(rule).transliterate(name.title())))  # type: ignore[attr-defined]
    return out if out.lower() != name.lower() else None
