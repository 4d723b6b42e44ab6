"""Words that carry little identity: legal forms, generic business words, titles, particles.

The word lists live in ``lists/legal_forms.yaml`` and ``lists/name_stopwords.yaml``.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from sanctions_screen.names._data import load_yaml, word_list
from sanctions_screen.names.commonness import is_common
from sanctions_screen.names.text import fold_uncached


@cache
def generic_words() -> frozenset[str]:
    return word_list("name_stopwords.yaml", "generic")


@cache
def honorifics() -> frozenset[str]:
    """Titles set aside from a person's name, generational suffixes included, and the
    longer titles written without vowels (``shkh``, ``mllh``, ``mlv``: see
    :func:`without_vowels`)."""
    titles = word_list("name_stopwords.yaml", "honorifics")
    bare = {
        form
        for t in titles
        if len(t) >= 5 and t[0] not in "aeiouy"
        for form in without_vowels(t)
        if len(form) >= 3
    }
    return titles | generational_suffixes() | bare


@cache
def arabic_script_honorifics() -> frozenset[str]:
    """Titles written in Arabic script (حاجی, ملا, شیخ...), folded as names are (``hajy``,
    ``mla``, ``shykh``): set aside from a person's name written in that script only, where a
    folded word is an abjad spelling and no Latin title (``mr`` is عمر, Omar)."""
    titles = word_list("name_stopwords.yaml", "honorifics_arabic_script")
    return frozenset({fold_uncached(t) for t in titles})


def without_vowels(word: str) -> set[str]:
    """The word written without vowels, as telegraphic papers write names: its first
    letter, then the rest without a, e, i, o, u, a y kept or dropped, a doubled letter
    kept or once (``shkh`` for sheikh, ``shykh`` for shaykh, ``mllh`` and ``mlh`` for
    mullah)."""
    forms: set[str] = set()
    for vowels in ("aeiou", "aeiouy"):
        kept = word[0] + "".join([c for c in word[1:] if c not in vowels])
        once = kept[0] + "".join([kept[i] for i in range(1, len(kept)) if kept[i] != kept[i - 1]])
        forms.update((kept, once))
    forms.discard(word)
    return forms


@cache
def patronymic_particles() -> frozenset[str]:
    """Bin, ibn, bint, ould...: the word before names the person, the word after the father."""
    return word_list("name_stopwords.yaml", "patronymic")


@cache
def generational_suffixes() -> frozenset[str]:
    """Jr, Sr, II...: set aside like titles, and compared on their own (father and son)."""
    return word_list("name_stopwords.yaml", "generational")


@cache
def family_name_titles() -> frozenset[str]:
    """Titles that are family names too when they end a name (Umar Shaikh)."""
    return word_list("name_stopwords.yaml", "family_name_titles")


@cache
def place_words() -> frozenset[str]:
    return word_list("name_stopwords.yaml", "places")


@cache
def burmese_syllables() -> frozenset[str]:
    """Syllables of Burmese personal names (no family name: order and count are the name)."""
    return word_list("name_stopwords.yaml", "burmese")


@cache
def particles() -> frozenset[str]:
    return word_list("name_stopwords.yaml", "particles")


@cache
def _legal_forms() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Legal forms by first word, longest first."""
    forms = {tuple(str(f).split()) for f in load_yaml("legal_forms.yaml").get("forms") or ()}
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for form in sorted(forms, key=len, reverse=True):
        by_first.setdefault(form[0], []).append(form)
    return {k: tuple(v) for k, v in by_first.items()}


@cache
def legal_form_starts() -> frozenset[str]:
    """First words of the legal forms."""
    return frozenset(_legal_forms())


def split_legal_forms(words: list[str]) -> tuple[list[str], list[str]]:
    """A name's words without its legal forms, and the legal forms; a name that is nothing but
    legal forms (``Co Ltd``) keeps its words.

    >>> split_legal_forms(["yuk", "tung", "energy", "pte", "ltd"])
    (['yuk', 'tung', 'energy'], ['pte', 'ltd'])
    """
    if legal_form_starts().isdisjoint(words):
        return words, []
    forms = _legal_forms()
    rest: list[str] = []
    legal: list[str] = []
    i = 0
    while i < len(words):
        for form in forms.get(words[i], ()):
            n = len(form)
            if (n == 1 or tuple(words[i : i + n]) == form) and _placed(form, i, len(words)):
                legal += words[i : i + n]
                i += n
                break
        else:
            rest.append(words[i])
            i += 1
    return (rest, legal) if rest else (words, [])


def _placed(form: tuple[str, ...], start: int, length: int) -> bool:
    """Whether a legal form may stand where it was found: one spelt in single letters
    (``S.A.``, ``B.V.``) only ends a name, where it cannot be a person's initials."""
    return start + len(form) == length or any(len(w) > 1 for w in form)


def legal_form_mask(words: Sequence[str]) -> list[bool]:
    """For each word, whether it belongs to a legal form (longest forms matched first).

    >>> legal_form_mask(["yuk", "tung", "energy", "pte", "ltd"])
    [False, False, False, True, True]
    """
    mask = [False] * len(words)
    forms = _legal_forms()
    i = 0
    while i < len(words):
        for form in forms.get(words[i], ()):
            n = len(form)
            if tuple(words[i : i + n]) == form and _placed(form, i, len(words)):
                mask[i : i + n] = [True] * n
                i += n
                break
        else:
            i += 1
    return mask


def strip_honorifics(words: list[str]) -> tuple[list[str], list[str]]:
    """Split leading titles (``Sheikh``, ``Dr``, ``Haji``...) from a person's name."""
    titles = honorifics()
    i = 0
    while i < len(words) - 1 and words[i] in titles:
        i += 1
    return words[i:], words[:i]


_ANY_RANK = 999_999
"""Any rank in the names table (``is_common`` with it: the word is a known name)."""
_TITLE_SLIP = 4
"""Shortest title read through a slip: shorter ones (Adm, Dr) would take name words (Dam,
Rd) for themselves."""
_LEGAL_SLIP = 3
"""Shortest legal form read through a slip (Ltd: Ldt, Tld)."""


def _swaps(word: str) -> set[str]:
    """The word with two neighbouring letters swapped, each way it can be."""
    return {
        word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        for i in range(len(word) - 1)
        if word[i] != word[i + 1]
    }


@cache
def _slips() -> dict[str, str]:
    """Titles and one-word legal forms written with two neighbouring letters swapped or the
    first letter typed twice, as typed in a hurry (``haij`` for haji, ``ldt`` for ltd,
    ``gbmh`` for gmbh, ``qqari`` for qari) -> the word.
    A slip that is itself a title, a word of a legal form, a business word, a particle or a
    place is left out, and so is one that two words share."""
    titles = {w for w in word_list("name_stopwords.yaml", "honorifics") if len(w) >= _TITLE_SLIP}
    forms = [form for by_first in _legal_forms().values() for form in by_first]
    legal = {form[0] for form in forms if len(form) == 1 and len(form[0]) >= _LEGAL_SLIP}
    known = {w for form in forms for w in form}
    known |= honorifics() | generic_words() | particles() | place_words()
    found: dict[str, set[str]] = {}
    for word in titles | legal:
        for slip in (_swaps(word) | {word[0] + word}) - known:
            found.setdefault(slip, set()).add(word)
    return {slip: words.pop() for slip, words in found.items() if len(words) == 1}


def slip_of(word: str) -> str:
    """The title or one-word legal form that ``word`` is a slip of (two neighbouring
    letters swapped, the first letter doubled), or ``""``; a given or family name of the
    names table is no slip (``sri`` is not ``sir``).

    >>> slip_of("haij"), slip_of("ldt"), slip_of("sri"), slip_of("ahmad")
    ('haji', 'ltd', '', '')
    """
    found = _slips().get(word, "")
    return "" if found and is_common(word, _ANY_RANK) else found
