"""A name broken into weighted, role-tagged tokens: the unit the matcher works on."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Final, Literal

from sanctions_screen.names._data import word_list
from sanctions_screen.names.korean import family_names, read_korean, surname_slip
from sanctions_screen.names.phonetic import ocr_digits, phonetic_key
from sanctions_screen.names.stopwords import (
    arabic_script_honorifics,
    family_name_titles,
    generic_words,
    honorifics,
    legal_form_starts,
    particles,
    place_words,
    slip_of,
    split_legal_forms,
    strip_honorifics,
)
from sanctions_screen.names.text import clear_caches as clear_text_caches
from sanctions_screen.names.text import fold_uncached
from sanctions_screen.names.variants import canonical_words

NameKind = Literal["person", "organization", "vessel"]

_LATIN: Final = re.compile("[A-Za-z]")

NORMAL: Final = 0
GENERIC: Final = 1
PARTICLE: Final = 2
INITIAL: Final = 3
PLACE: Final = 4
WEAK_ROLES: Final = frozenset({GENERIC, PARTICLE, PLACE})
"""Roles of words that identify nothing on their own."""


@dataclass(frozen=True, slots=True, init=False)
class NameAnalysis:
    """A folded name: its scoring tokens and what was set aside.

    ``tokens`` are the folded words (Korean names as canonical syllables); ``roles`` says for
    each whether it is an ordinary word, a generic business word, a particle or an initial.
    Titles and legal forms are kept aside for the explanation and never scored.
    """

    original: str
    folded: str
    tokens: tuple[str, ...]
    roles: tuple[int, ...]
    phonetic: tuple[str, ...]
    korean: bool
    titles: tuple[str, ...]
    legal_forms: tuple[str, ...]
    distinctive: bool
    """Whether any token carries identity (not generic, not a particle)."""
    surname_positions: tuple[int, ...]
    """Korean names: the token positions that may hold the family name."""
    acronym_like: bool
    """One word of 2-8 letters written in capitals (KOMID, K.O.M.I.D.): maybe an acronym."""
    arabic: bool
    """Written in Arabic script (Arabic, Persian, Urdu letters, and no Latin ones): its
    words are abjad spellings, which leave short vowels out (see ``written_in_arabic``)."""

    def __init__(
        self,
        original: str,
        folded: str,
        tokens: tuple[str, ...],
        roles: tuple[int, ...],
        phonetic: tuple[str, ...],
        korean: bool,
        titles: tuple[str, ...] = (),
        legal_forms: tuple[str, ...] = (),
        distinctive: bool = True,
        surname_positions: tuple[int, ...] = (),
        acronym_like: bool = False,
        arabic: bool = False,
    ) -> None:
        """The ``__init__`` dataclass would generate, written out: compiled, the class is built
        natively where the generated one runs interpreted. Each object.__setattr__ (the class
        is frozen) compiles to a direct slot write. A field added to the class and not set
        here raises AttributeError when read or compared."""
        object.__setattr__(self, "original", original)
        object.__setattr__(self, "folded", folded)
        object.__setattr__(self, "tokens", tokens)
        object.__setattr__(self, "roles", roles)
        object.__setattr__(self, "phonetic", phonetic)
        object.__setattr__(self, "korean", korean)
        object.__setattr__(self, "titles", titles)
        object.__setattr__(self, "legal_forms", legal_forms)
        object.__setattr__(self, "distinctive", distinctive)
        object.__setattr__(self, "surname_positions", surname_positions)
        object.__setattr__(self, "acronym_like", acronym_like)
        object.__setattr__(self, "arabic", arabic)


_MA_DOT: Final = re.compile(r"\b[Mm][Aa]\.(?=\s)")
"""``Ma.`` before another word, the way Filipino names abbreviate María (never Chinese Ma,
which has no full stop). Only a name with "a." or "A." in it can hold one."""


@lru_cache(maxsize=4_096)
def analyse(name: str, kind: NameKind | None = None) -> NameAnalysis:
    """Fold and tag a name.

    >>> analyse("Mr. LEE Jong-un").tokens
    ('ri', 'jong', 'un')
    >>> analyse("Yuk Tung Energy Pte. Ltd.").legal_forms
    ('pte', 'ltd')
    """
    return analyse_uncached(name, kind)


def analyse_uncached(
    name: str, kind: NameKind | None = None, folded: str | None = None
) -> NameAnalysis:
    """:func:`analyse` without its cache, for callers that keep what they make of the result
    (the screener's name cache): a batch of distinct names would only churn it, paying for
    the cache and rarely hitting it. ``folded`` is ``fold(name)`` where the caller has it
    already (a name in another script costs more to fold than to analyse)."""
    text = name
    if ("a." in name or "A." in name) and kind != "organization" and kind != "vessel":
        text = _MA_DOT.sub("Maria", name)  # Ma. Clara Bautista: the Filipino Ma. is María
    if folded is None or text is not name:
        folded = fold_uncached(text)  # the analysis is what is worth caching
    words = folded.split()
    if _DIGIT.search(folded) is not None:
        # Before the Korean reader and the word lists, which know no ``ch0ng``.
        words = [_undo_ocr_digits(w) for w in words]
    arabic = not name.isascii() and written_in_arabic(name)
    titles: tuple[str, ...] = ()
    if arabic:
        if len(words) > 1 and kind != "organization" and kind != "vessel":
            words, titles = _arabic_script_titles(words)
        if "bd" in folded:
            words = _abd_in_arabic_script(words)
        if len(words) > 1 and "al" in folded:
            words = _compounds_in_arabic_script(words)
    known = _known_words(words)
    if not any(word.marker for word in known):  # most names: only their own words count
        toks, roles, phonetic = _join(words, known)
        return NameAnalysis(
            name, folded, toks, roles, phonetic, False, titles, (),
            NORMAL in roles or INITIAL in roles, (),
            len(toks) == 1 and 2 <= len(toks[0]) <= 8 and _capitals(name),
            arabic,
        )  # fmt: skip
    return _analyse_marked(name, kind, folded, words, known, arabic, titles)


def _analyse_marked(
    name: str,
    kind: NameKind | None,
    folded: str,
    words: list[str],
    known: list[_Word],
    arabic: bool,
    arabic_titles: tuple[str, ...],
) -> NameAnalysis:
    """The analysis of a name with a marker word; ``known[i]`` is what ``words[i]`` is, kept
    in step with ``words`` as titles and legal forms are set aside (those of a name in
    Arabic script already, ``arabic_titles``)."""
    titles: list[str] = list(arabic_titles)
    personal = kind != "organization" and kind != "vessel"
    if len(words) > 1 and (known[0].slip or known[-1].slip):
        words, known = _unslipped(words, known)
    if personal and known and known[0].title and _latin(name):
        words, titles = strip_honorifics(words)
        known = known[len(titles) :]
    # A title after the name (Jr., Junior, Dr) goes before the Korean reader, which would
    # take it for a syllable; a one-letter one may be a syllable (Burmese U, Korean U), and
    # a transliterated word is no title (mr is Arabic ʿmr, Omar). A title that is a family
    # name too (Umar Shaikh, Elshafee El Sheikh) stays a name word (``_family_title``).
    family_title = False
    if personal and len(words) > 1 and known[-1].title and _latin(name):
        while len(words) > 1 and known[-1].title and len(words[-1]) > 1:
            if _family_title(name, words):
                family_title = True
                break
            titles.append(words.pop())
            known = known[:-1]
    legal: list[str] = []
    if kind != "person" and any(word.legal for word in known):
        words, legal = split_legal_forms(words)
        if legal:
            known = _known_words(words)
    business = bool(legal) or any(word.generic for word in known)
    korean = None
    if (
        personal
        and not business
        and known
        and (
            known[0].surname
            or known[-1].surname
            or known[0].surname_slip
            or known[-1].surname_slip
        )
    ):
        korean = read_korean(words)  # which asks for a family name at one end first
    if korean is not None:
        toks = korean.syllables
        roles: tuple[int, ...] = (NORMAL,) * len(toks)
        phonetic = tuple([phonetic_key(t) for t in toks])
    else:
        if personal and len(words) > 1 and any(word.title for word in known) and _latin(name):
            title_words = honorifics()
            last = len(words) - 1 if family_title else -1
            titles += [w for i, w in enumerate(words) if w in title_words and i != last]
            words = [w for i, w in enumerate(words) if w not in title_words or i == last] or words
            known = _known_words(words)
        if "abd" in words:
            # Abd takes its meaning from the next word. The digits read by _undo_ocr_digits
            # are o, l, s: only "abd" itself reads as "abd".
            toks, roles, phonetic = _name_tokens(words)
        else:
            toks, roles, phonetic = _join(words, known)
    return NameAnalysis(
        name, folded, toks, roles, phonetic, korean is not None, tuple(titles), tuple(legal),
        NORMAL in roles or INITIAL in roles,
        korean.surname_positions if korean is not None else (),
        len(toks) == 1 and 2 <= len(toks[0]) <= 8 and _capitals(name),
        arabic,
    )  # fmt: skip


def _family_title(name: str, words: list[str]) -> bool:
    """Whether the title ending ``words`` is a family name: one of
    ``family_name_titles`` after a name word (Umar Shaikh), or any title of four letters or
    more after a particle (Redouane El Sheikh), in a name of two or three words. Never after
    a comma (``AWEYS, Sheikh``: the name turned round, its title last), nor in a longer name,
    which may be cut at a field width after a title inside it (FAZEEL-A-TUL SHAYKH, of
    FAZEEL-A-TUL SHAYKH ABU MOHAMMED AMEEN AL-PESHAWARI)."""
    last = words[-1]
    if len(last) < 4 or not 2 <= len(words) <= _FAMILY_TITLE_WORDS or _titles_after_comma(name):
        return False
    return last in family_name_titles() or words[-2] in _lists().particles


_FAMILY_TITLE_WORDS: Final = 3
"""Words a name may have for a title ending it to be a family name (``_family_title``)."""


def _titles_after_comma(name: str) -> bool:
    """Whether the name ends in a comma and titles only (``AWEYS, Sheikh``)."""
    if "," not in name:
        return False
    tail = fold_uncached(name.rsplit(",", 1)[1]).split()
    title_words = honorifics()
    return bool(tail) and all(w in title_words for w in tail)


def _unslipped(words: list[str], known: list[_Word]) -> tuple[list[str], list[_Word]]:
    """The words with a title or a legal form written with two letters swapped read as it,
    where one stands: a title first (Haij Khairullah, Shakih Mohd Ismail), a legal form last
    (KOREA YUJONG SHIPPING CO TLD), a three-letter one after a business word or another
    legal form only (John Pet is no Pte). Other words keep their spelling (Frede Dam, Kuhn)."""
    first, last = known[0], known[-1]
    words = list(words)
    if first.slip and first.slip in _lists().titles:
        words[0] = first.slip
    if (
        last.slip
        and last.slip in _lists().legal_starts
        and (len(last.slip) > 3 or known[-2].legal or known[-2].generic)
    ):
        words[-1] = last.slip
    return words, _known_words(words)


_Tokens = tuple[tuple[str, ...], tuple[int, ...], tuple[str, ...]]
"""Tokens, their roles and their phonetic keys."""


class _Word:
    """What a folded word scores as, worked out once (``_words``), and what it marks: a
    name with a title, a legal form, a generic business word, a Korean family name or abd
    (which takes its meaning from the next word) is more than its words. The one look-up
    per word of a name answers all of it. A plain class, built natively when compiled."""

    __slots__ = (
        "tokens", "roles", "phonetic", "single", "token", "role", "key",
        "title", "legal", "generic", "surname", "surname_slip", "slip", "marker",
    )  # fmt: skip

    def __init__(self, word: str) -> None:
        tokens, roles, phonetic = _name_tokens([word])
        self.tokens: Final = tokens
        self.roles: Final = roles
        self.phonetic: Final = phonetic
        self.single: Final = len(tokens) == 1
        """The word is one token (all but a few words), also kept as ``token``, ``role`` and
        ``key``: read from here, a name's tokens are made without a look into each tuple."""
        self.token: Final = tokens[0]
        self.role: Final = roles[0]
        self.key: Final = phonetic[0]
        lists = _lists()
        self.title: Final = word in lists.titles
        self.legal: Final = word in lists.legal_starts
        """The word may begin a legal form."""
        self.generic: Final = word in lists.generic
        self.surname: Final = word in lists.surnames
        """A Korean family name in some spelling."""
        self.surname_slip: Final = not self.surname and surname_slip(word)
        """A Korean family name with two letters swapped (``cheo``: choe)."""
        self.slip: Final = "" if self.surname else slip_of(word)
        """The title or legal-form word this word is a slip of (``haij``: haji), or ``""``."""
        self.marker: Final = (
            self.title
            or self.legal
            or self.generic
            or self.surname
            or self.surname_slip
            or word == "abd"
            or self.slip != ""
        )


_WORD_CACHE_SIZE: Final = 30_000
_words: Final[dict[str, _Word]] = {}
"""A folded word -> what it scores as. Names share words far more often than whole names,
so this is what makes a batch of distinct names cheap; emptied when full (about 390 bytes a
word with its phonetic_key entry: at most ~12 MB)."""


def clear_caches() -> None:
    """Empty the caches below ``analyse`` that have no ``cache_clear`` (for benchmarks)."""
    _words.clear()
    clear_text_caches()


def _known_words(words: list[str]) -> list[_Word]:
    table = _words
    return [table.get(word) or _learn(word) for word in words]


def _join(words: list[str], known: list[_Word]) -> _Tokens:
    """The tokens of ``words`` from what each scores as, ``known``."""
    if len(words) > 1 and all(len(w) == 1 for w in words):
        return _name_tokens(words)  # single letters are joined (K.O.M.I.D.)
    if len(known) == 1:
        only = known[0]
        return only.tokens, only.roles, only.phonetic
    if all(word.single for word in known):
        # Each tuple made at its length in one go (compiled), not grown word by word.
        return (
            tuple(word.token for word in known),
            tuple(word.role for word in known),
            tuple(word.key for word in known),
        )
    toks: tuple[str, ...] = ()
    roles: tuple[int, ...] = ()
    phonetic: tuple[str, ...] = ()
    for word in known:
        toks += word.tokens
        roles += word.roles
        phonetic += word.phonetic
    return toks, roles, phonetic


def _learn(word: str) -> _Word:
    if len(_words) >= _WORD_CACHE_SIZE:
        _words.clear()
    known = _words[word] = _Word(word)
    return known


def _name_tokens(words: list[str]) -> _Tokens:
    words = [_undo_ocr_digits(w) for w in words]
    if len(words) > 1 and all(len(w) == 1 for w in words):
        words = ["".join(words)]  # K.O.M.I.D.
    toks = tuple(canonical_words(words))
    lists = _lists()
    return toks, tuple([_role(t, lists) for t in toks]), tuple([phonetic_key(t) for t in toks])


def _undo_ocr_digits(word: str) -> str:
    """Digits inside a word are OCR slips (A1-Qaida, 0FF1CE, Ch0ng): read them as letters,
    in a word with as many letters as digits or more (``r0`` is ro; ``b52`` stays), but an
    ordinal (1st, 2nd) is a number."""
    if word.isalpha() or word.isdigit() or _ORDINAL.fullmatch(word) is not None:
        return word
    digits = sum(c.isdigit() for c in word)
    return word.translate(ocr_digits()) if digits * 2 <= len(word) else word


_DIGIT: Final = re.compile("[0-9]")
_ORDINAL: Final = re.compile("[0-9]+(?:st|nd|rd|th)")


def _latin(name: str) -> bool:
    """Whether the name is written in Latin letters: "mr" from عمر is not a title. Asked
    last, once a title is found (the search costs more than the set lookups)."""
    return _LATIN.search(name) is not None


_ARABIC: Final = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]")


def written_in_arabic(name: str) -> bool:
    """Whether a name is written in Arabic script: Arabic letters (Arabic, Persian, Urdu and
    their presentation forms) and no Latin ones.

    >>> written_in_arabic("محمد يوسف"), written_in_arabic("Mohammed Yusuf")
    (True, False)
    """
    return _ARABIC.search(name) is not None and _LATIN.search(name) is None


def _arabic_script_titles(words: list[str]) -> tuple[list[str], tuple[str, ...]]:
    """A name written in Arabic script without its titles (``honorifics_arabic_script`` of
    ``lists/name_stopwords.yaml``), and the titles: wherever they stand, as a Latin name's
    are set aside; a name of titles alone keeps them. Set aside before Abd and compounds
    are read, so that حاجی عبد الله reads as عبد الله does.

    >>> _arabic_script_titles(["mla", "nwr", "mhmd"])
    (['nwr', 'mhmd'], ('mla',))
    """
    known = arabic_script_honorifics()
    rest = [w for w in words if w not in known]
    if len(rest) == len(words) or not rest:
        return words, ()
    return rest, tuple([w for w in words if w in known])


def _abd_in_arabic_script(words: list[str]) -> list[str]:
    """عبد (Abd, "servant of") before the article or Allah, as its Latin spellings are
    read: folded, its ع is nothing, so عبد الرحمن is "bd alrhmn" and عبدالله "bdallh"; read
    as "abd al rhmn" and "abd allah", the variants table makes them "abdul rhmn" and
    "abdullah", as it makes Abd al-Rahman and Abdullah. A "bd" before no article is left
    alone (بدر Badr, عابد Abid written without its alef)."""
    out: list[str] = []
    abd = False  # the word before was a lone عبد
    for word in words:
        if abd:
            abd = False
            if word in _ALLAH:
                out.append("allah")
                continue
            if word in ("al", "l"):
                out.append("al")
                continue
            name = _after_article(word)
            if name:
                out += ["al", name]
                continue
            out[-1] = "bd"  # no article after it: a word of its own
        if word == "bd":
            out.append("abd")
            abd = True
        elif word.startswith("bd") and len(word) > 4 and (word[2:] in _ALLAH):
            out += ["abd", "allah"]
        elif word.startswith("bd") and len(word) > 4 and _after_article(word[2:]):
            out += ["abd", "al", _after_article(word[2:])]
        else:
            out.append(word)
    if abd:
        out[-1] = "bd"
    return out


def _compounds_in_arabic_script(words: list[str]) -> list[str]:
    """A compound given name written in Arabic script as one word: نور الله (Nur Allah) as
    "nwrallh", as Nurullah is written, and نصیر الدین "nsyraldyn" (Nasiruddin). The second
    words are ``compound_seconds`` of ``lists/arabic_names.yaml``; a word of kinship, the
    article or Abd (read with its own rule) before one is no first half.

    >>> _compounds_in_arabic_script(["nwr", "allh", "nwry"])
    ['nwrallh', 'nwry']
    """
    seconds = _compound_seconds()
    out: list[str] = []
    for word in words:
        if out and word in seconds and out[-1] not in _NO_FIRST_HALF and out[-1] not in seconds:
            out[-1] += word
        else:
            out.append(word)
    return out


_NO_FIRST_HALF: Final = frozenset(
    {"abd", "bd", "al", "bin", "bn", "ibn", "abn", "bnt", "abw", "abu", "wld", "w", "aw"}
)
"""Words before a compound's second word that are not its first half: Abd (عبد الله is
read by ``_abd_in_arabic_script``), the article, son, daughter, father of, and, or."""


@cache
def _compound_seconds() -> frozenset[str]:
    return word_list("arabic_names.yaml", "compound_seconds")


def _after_article(word: str) -> str:
    """The name after a glued article, al- or l- (its alef left out), or ``""``."""
    if word.startswith("al") and len(word) > 3:
        return word[2:]
    if word.startswith("l") and len(word) > 3:
        return word[1:]
    return ""


_ALLAH: Final = frozenset({"allh", "llh", "alh", "allah"})
"""الله as folded, written out or short (عبدلله)."""


def _capitals(name: str) -> bool:
    if name.isascii():
        return name.isupper()  # the same in ASCII, whose cased characters are its letters
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _role(word: str, lists: _Lists) -> int:
    if len(word) == 1 and word.isalpha():
        return INITIAL
    if word in lists.generic:
        return GENERIC
    if word in lists.particles:
        return PARTICLE
    if word in lists.places:
        return PLACE
    return NORMAL


class _Lists:
    """The word lists a word is looked up in, fetched together: each list's accessor is a
    cached call that costs more than the set look-up it serves, and learning a word asks up
    to seven. A plain class, built natively when compiled."""

    __slots__ = ("titles", "legal_starts", "generic", "particles", "places", "surnames")

    def __init__(self) -> None:
        self.titles: Final = honorifics()
        self.legal_starts: Final = legal_form_starts()
        self.generic: Final = generic_words()
        self.particles: Final = particles()
        self.places: Final = place_words()
        self.surnames: Final = family_names()


@cache
def _lists() -> _Lists:
    return _Lists()
