"""Generator family G1: the development split's perturbations of listed names.

Written apart from the matcher (no ``sanctions_screen.names`` import, none of its YAML
tables) and apart from G2 (gen_locked.py), which makes the locked split's queries with other
rules and other tables. Every function takes a name and a seeded ``random.Random`` and returns
the perturbed name, or None when the class does not apply to that name.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from functools import cache

# QWERTY neighbours: the slips of a typist.
_KEYBOARD = {
    "q": "wa", "w": "qes", "e": "wrd", "r": "etf", "t": "ryg", "y": "tuh", "u": "yij",
    "i": "uok", "o": "ipl", "p": "ol", "a": "qsz", "s": "adw", "d": "sfe", "f": "dgr",
    "g": "fht", "h": "gjy", "j": "hku", "k": "jli", "l": "ko", "z": "xa", "x": "zc",
    "c": "xv", "v": "cb", "b": "vn", "n": "bm", "m": "n",
}
_VOWELS = set("aeiouAEIOU")
_WORD = re.compile(r"[^\W\d_]+")


def _words(name: str) -> list[re.Match[str]]:
    return list(_WORD.finditer(name))


def _case(ch: str, like: str) -> str:
    return ch.upper() if like.isupper() else ch


def typo(name: str, r: random.Random) -> str | None:
    """One keystroke slip (neighbour key, dropped or doubled letter) at any position of any
    word, first letters and short words included."""
    words = _words(name)
    if not words:
        return None
    w = r.choice(words)
    i = r.randrange(w.start(), w.end())
    ch = name[i]
    op = r.choice(("sub", "sub", "drop", "double"))
    if op == "drop" and len(w.group()) > 1:
        return name[:i] + name[i + 1 :]
    if op == "double":
        return name[: i + 1] + ch + name[i + 1 :]
    near = _KEYBOARD.get(ch.lower())
    if not near:
        return None
    return name[:i] + _case(r.choice(near), ch) + name[i + 1 :]


def vowel_drop(name: str, r: random.Random) -> str | None:
    """Vowels dropped after each word's first letter (``MHMD SLMN``), words of 4+ letters."""
    def strip(m: re.Match[str]) -> str:
        w = m.group()
        return w if len(w) < 4 else w[0] + "".join(c for c in w[1:] if c not in _VOWELS)

    out = _WORD.sub(strip, name)
    return out if out != name else None


def transposition(name: str, r: random.Random) -> str | None:
    """Two neighbouring letters swapped, anywhere in a word of 2+ letters."""
    words = [w for w in _words(name) if len(w.group()) >= 2]
    if not words:
        return None
    w = r.choice(words)
    i = r.randrange(w.start(), w.end() - 1)
    if name[i].lower() == name[i + 1].lower():
        return None
    return name[:i] + name[i + 1] + name[i] + name[i + 2 :]


_PERSON_TITLES = ("Mr.", "Dr.", "Gen.", "Eng.", "Haji", "Sheikh", "Mullah", "Maulavi", "Col.")
_PERSON_SUFFIXES = ("Jr.", "Sr.", "II")
_ORG_SUFFIXES = ("Ltd", "LLC", "Co., Ltd.", "Inc.", "Corp.", "GmbH", "JSC")


def title_suffix(name: str, r: random.Random, kind: str) -> str | None:
    """A title or rank before a person's name or a generational suffix after it; a legal form
    after an organisation's."""
    if kind == "person":
        if r.random() < 0.7:
            return f"{r.choice(_PERSON_TITLES)} {name}"
        return f"{name} {r.choice(_PERSON_SUFFIXES)}"
    return f"{name} {r.choice(_ORG_SUFFIXES)}"


def truncate(width: int) -> Callable[[str, random.Random], str | None]:
    """Cut at a fixed field width, as a form or a legacy system does."""
    def cut(name: str, r: random.Random) -> str | None:
        return name[:width].rstrip() if len(name) > width else None

    return cut


# Korean: one-letter slips inside a syllable, as the issue lists them (Pong/Pyong,
# Chol/Chul, Kyong/Kyung, Song/Sung) and their mirror images.
_SLIPS = (("yo", "o"), ("o", "yo"), ("o", "u"), ("u", "o"), ("yo", "yu"), ("yu", "yo"))


def korean_slip(name: str, r: random.Random) -> str | None:
    """One vowel slip in one syllable of a Korean given name (not the family name)."""
    words = _words(name)
    if len(words) < 2:
        return None
    targets = words[1:]
    for _ in range(6):
        w = r.choice(targets)
        old, new = r.choice(_SLIPS)
        text = w.group()
        pos = text.lower().find(old)
        if pos < 0 or (old == "o" and text.lower()[max(0, pos - 1)] == "y"):
            continue
        repl = new.upper() if text[pos].isupper() else new
        return name[: w.start() + pos] + repl + name[w.start() + pos + len(old) :]
    return None


def korean_rotation(name: str, r: random.Random) -> str | None:
    """The family name moved to the end, the given name joined or hyphenated."""
    parts = name.split()
    if len(parts) < 2:
        return None
    given = parts[1:]
    joined = r.choice(("-".join(given), " ".join(given), "".join(given).capitalize()))
    return f"{joined} {parts[0]}"


_NUMBERS = {
    "1": "One", "2": "Two", "3": "Three", "4": "Four", "5": "Five", "6": "Six", "7": "Seven",
    "8": "Eight", "9": "Nine", "10": "Ten", "11": "Eleven", "12": "Twelve",
}
_ORDINALS = {"1st": "First", "2nd": "Second", "3rd": "Third", "4th": "Fourth", "5th": "Fifth"}


def number_words(name: str, r: random.Random) -> str | None:
    """Numbers written out in English words, or number words written as digits."""
    out = re.sub(r"\b(\d+(?:st|nd|rd|th)?)\b",
                 lambda m: _ORDINALS.get(m.group(1).lower(), _NUMBERS.get(m.group(1),
                                                                          m.group(1))), name)
    if out != name:
        return out
    back = {v.lower(): k for k, v in {**_NUMBERS, **_ORDINALS}.items()}
    out = re.sub(r"\b([A-Za-z]+)\b", lambda m: back.get(m.group(1).lower(), m.group(1)), name)
    return out if out != name else None


@cache
def _namer() -> object:
    from nicknames import NickNamer

    return NickNamer()


def nickname(name: str, r: random.Random) -> str | None:
    """The first given name replaced by one of its English nicknames (nicknames package)."""
    words = _words(name)
    if not words:
        return None
    w = words[0]
    options = _namer().nicknames_of(w.group().lower())  # type: ignore[attr-defined]
    if not options:
        return None
    nick = r.choice(sorted(options))
    nick = nick.upper() if w.group().isupper() else nick.capitalize()
    return name[: w.start()] + nick + name[w.end() :]


@cache
def _icu(rule: str) -> object:
    import icu

    return icu.Transliterator.createInstance(rule)


# Nationality -> ICU transform that writes a Latin name in that country's script.
_SCRIPT_BY_NATIONALITY = (
    ("russia", "Latin-Cyrillic"), ("ukrain", "Latin-Cyrillic"), ("belarus", "Latin-Cyrillic"),
    ("kazakh", "Latin-Cyrillic"), ("tajik", "Latin-Cyrillic"), ("kyrgyz", "Latin-Cyrillic"),
    ("korea", "Latin-Hangul"), ("iraq", "Latin-Arabic"), ("syria", "Latin-Arabic"),
    ("saudi", "Latin-Arabic"), ("yemen", "Latin-Arabic"), ("libya", "Latin-Arabic"),
    ("egypt", "Latin-Arabic"), ("jordan", "Latin-Arabic"), ("kuwait", "Latin-Arabic"),
    ("sudan", "Latin-Arabic"), ("tunisia", "Latin-Arabic"), ("algeria", "Latin-Arabic"),
    ("morocc", "Latin-Arabic"), ("qatar", "Latin-Arabic"), ("bahrain", "Latin-Arabic"),
    ("lebanon", "Latin-Arabic"), ("afghanistan", "Latin-Arabic"),
)
_HARAKAT = re.compile("[\u064b-\u0652\u0670]")


def script_for(nationalities: tuple[str, ...]) -> str | None:
    for nat in nationalities:
        low = nat.lower()
        for stem, rule in _SCRIPT_BY_NATIONALITY:
            if stem in low:
                return rule
    return None


def native_script(name: str, rule: str) -> str | None:
    """The name written in another script by an ICU transform (short vowels left out of
    Arabic, as writers do)."""
    out = str(_icu(rule).transliterate(name.lower()))  # type: ignore[attr-defined]
    out = _HARAKAT.sub("", out)
    return out if out != name.lower() else None


_PARTICLE_WORDS = ("al", "el", "bin", "ben", "ibn", "bint", "abu", "abou", "abd", "abdul",
                   "ould", "ag", "wa", "wal", "ul", "ur", "ud", "uddin", "de", "van", "von")
_PARTICLES = frozenset(_PARTICLE_WORDS) | {"of", "the", "and"}
_WHOLE_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_NOT_PLAIN = re.compile(r"[^\w '’.,-]|[\d_]")  # a character no name field holds


# -- wider data-entry slips (issue 14: "typos never hit a first letter or a short word",
# "Korean syllables are never slipped or dropped"): each class aims at one habit, so that a
# weakness shows as its own figure rather than a share of ``typo`` or ``transposition``.


def _swap(name: str, i: int) -> str | None:
    """The letters at ``i`` and ``i + 1`` swapped, keeping each position's case."""
    a, b = name[i], name[i + 1]
    if a.lower() == b.lower():
        return None
    return name[:i] + _case(b.lower(), a) + _case(a.lower(), b) + name[i + 2 :]


def transposition_first(name: str, r: random.Random) -> str | None:
    """The first two letters of one word swapped (``Adel`` -> ``Dael``)."""
    words = [w for w in _words(name) if len(w.group()) >= 2]
    if not words:
        return None
    return _swap(name, r.choice(words).start())


def transposition_short(name: str, r: random.Random) -> str | None:
    """Two neighbouring letters of a word of two or three letters swapped (``Ali`` ->
    ``Ail``, ``bin`` -> ``ibn``, ``Kim`` -> ``Ikm``)."""
    words = [w for w in _words(name) if 2 <= len(w.group()) <= 3]
    if not words:
        return None
    w = r.choice(words)
    return _swap(name, r.randrange(w.start(), w.end() - 1))


def word_swap(name: str, r: random.Random) -> str | None:
    """Two neighbouring words written the other way round (``Ali Kabir`` -> ``Kabir Ali``),
    whole words only (not the parts of ``Ba'asyir`` or ``Jin-Sok``); never across a particle
    (``Hamad bin Khalifa`` and ``Khalifa bin Hamad`` are father and son, not one name)."""
    words = list(_WHOLE_WORD.finditer(name))
    spots = [k for k in range(len(words) - 1)
             if not {words[k].group().lower(), words[k + 1].group().lower()} & _PARTICLES
             and words[k].group().lower() != words[k + 1].group().lower()
             and not name[words[k].end() : words[k + 1].start()].strip()]
    if not spots:
        return None
    k = r.choice(spots)
    a, b = words[k], words[k + 1]
    return name[: a.start()] + b.group() + name[a.end() : b.start()] + a.group() + name[b.end() :]


def doubled_first(name: str, r: random.Random) -> str | None:
    """The first letter of one word typed twice (``Kkim``, ``AAli``)."""
    words = _words(name)
    if not words:
        return None
    i = r.choice(words).start()
    return name[: i + 1] + _case(name[i].lower(), name[i + 1] if i + 1 < len(name) else "a") \
        + name[i + 1 :]


# Letters and digits a keyboard or a scanner confuses.
_DIGIT_FOR = {"l": "1", "I": "1", "O": "0", "o": "0"}
_LETTER_FOR = {"1": "l", "0": "O"}


def digit_letter(name: str, r: random.Random) -> str | None:
    """A digit typed as the letter it looks like (``1st`` -> ``lst``) or a letter as a
    digit (``Omar`` -> ``0mar``, ``Ali`` -> ``A1i``)."""
    spots = [i for i, c in enumerate(name) if c in _LETTER_FOR]
    table = _LETTER_FOR
    if not spots:
        spots = [i for i, c in enumerate(name) if c in _DIGIT_FOR]
        table = _DIGIT_FOR
    if not spots:
        return None
    i = r.choice(spots)
    return name[:i] + table[name[i]] + name[i + 1 :]




def particle_typo(name: str, r: random.Random) -> str | None:
    """One slip on a particle (``al`` -> ``la``/``aal``/``l``, ``bin`` -> ``bn``/``ibn``,
    ``abu`` -> ``aby``): the short words a typist hurries over."""
    words = [w for w in _words(name) if w.group().lower() in _PARTICLE_WORDS]
    if not words:
        return None
    w = r.choice(words)
    op = r.choice(("swap", "drop", "double", "sub"))
    i = r.randrange(w.start(), w.end() - (1 if op == "swap" else 0))
    if op == "swap":
        return _swap(name, i)
    if op == "drop":
        return name[:i] + name[i + 1 :] if len(w.group()) > 2 else None
    if op == "double":
        return name[: i + 1] + name[i] + name[i + 1 :]
    near = _KEYBOARD.get(name[i].lower())
    return name[:i] + _case(r.choice(near), name[i]) + name[i + 1 :] if near else None


def initial_name(name: str, r: random.Random) -> str | None:
    """A given name cut to its initial (``Kabir Ali`` -> ``K. Ali``), sometimes written after
    the family name (``Ali, K.``), as forms with a field for initials have it."""
    if _NOT_PLAIN.search(name) is not None:
        return None  # a note, a number or a bracket: no form's name field
    words = [w for w in _WHOLE_WORD.finditer(name) if len(w.group()) >= 3
             and w.group().lower() not in _PARTICLES and w.group().isalpha()]
    if len(words) < 2:
        return None
    w = r.choice(words[:-1])
    initial = w.group()[0].upper() + "."
    out = name[: w.start()] + initial + name[w.end() :]
    if r.random() < 0.3:
        rest = (out[: w.start()] + out[w.start() + len(initial) :]).strip(" ,")
        out = f"{' '.join(rest.split())}, {initial}"
    return out


def korean_syllable_drop(name: str, r: random.Random) -> str | None:
    """One syllable of a two- or three-syllable Korean given name left out (``KIM JONG UN``
    -> ``KIM JONG``, ``Ri Su-yong`` -> ``Ri Yong``): a syllable lost on a form."""
    parts = name.replace("-", " ").split()
    if len(parts) < 3:
        return None
    k = r.randrange(1, len(parts))
    return " ".join(parts[:k] + parts[k + 1 :])


# Consonants romanisation systems write otherwise (McCune-Reischauer against Revised
# Romanisation and the press): a slip of the ear or of the system, inside one syllable.
_CONSONANT_SLIPS = (("k", "g"), ("g", "k"), ("ch", "j"), ("j", "ch"), ("p", "b"), ("b", "p"),
                    ("t", "d"), ("d", "t"), ("r", "l"), ("l", "r"), ("s", "sh"), ("sh", "s"))


def korean_consonant_slip(name: str, r: random.Random) -> str | None:
    """One consonant of one syllable written in another romanisation (``Chol`` -> ``Jol``,
    ``Kwang`` -> ``Gwang``), the family name included."""
    words = _words(name)
    for _ in range(8):
        w = r.choice(words) if words else None
        if w is None:
            return None
        old, new = r.choice(_CONSONANT_SLIPS)
        text = w.group()
        pos = text.lower().find(old)
        if pos < 0 or (old == "s" and text.lower()[pos : pos + 2] == "sh"):
            continue
        if old == "k" and text.lower()[pos : pos + 2] == "kh":
            continue
        if old == "g" and text.lower()[pos - 1 : pos] == "n":
            continue  # the ng of a syllable's end is one sound, not a g
        upper = text.isupper()
        repl = new.upper() if upper else new.capitalize() if text[pos].isupper() else new
        return name[: w.start() + pos] + repl + name[w.start() + pos + len(old) :]
    return None
