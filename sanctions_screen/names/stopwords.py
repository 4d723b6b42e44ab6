"""Words that carry little identity: legal forms, generic business words, titles, particles.

The word lists live in ``lists/legal_forms.yaml`` and ``lists/name_stopwords.yaml``.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from sanctions_screen.names._data import load_yaml, word_list
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
