"""Name scoring: align query tokens with list tokens, measure the alignment, explain it.

:func:`score_names` aligns two names and measures the alignment into
:class:`~sanctions_screen.matching.combiner.NameFeatures` (weights aligned and left over on
each side, conflicts, similarities); :mod:`~sanctions_screen.matching.combiner` turns the
features into the score, so word order never matters, extra query words count in full, and
list words missing from the query count with factor ``unmatched_list_factor`` for names of
three or more words, where middle names go missing. Token similarity is exact,
phonetic (metaphone), OCR-aware, abjad-skeleton (``mhmd`` ~ ``muhammad``), prefix/initial,
or Damerau-Levenshtein (rapidfuzz OSA); joined words align with their split form
(``jongun`` ~ ``jong un``, ``jamaatuddawa`` ~ ``jamaat ud dawa``).

Korean names are scored as family name plus an ordered given name (see :func:`_korean`):
the family name may stand first or last, but the given name's syllables keep their order,
and a different syllable is a different person.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from rapidfuzz.distance import OSA

from sanctions_screen.matching.combiner import NameFeatures, hand_score_bound, name_score
from sanctions_screen.matching.config import ScreeningConfig
from sanctions_screen.matching.result import TokenAlignment
from sanctions_screen.names.acronyms import is_acronym_of
from sanctions_screen.names.analysis import (
    GENERIC,
    INITIAL,
    NORMAL,
    PARTICLE,
    PLACE,
    WEAK_ROLES,
    NameAnalysis,
)
from sanctions_screen.names.chinese import han_family_name
from sanctions_screen.names.commonness import common_pair, given_rank, is_common
from sanctions_screen.names.korean import hangul_syllables, is_syllable, sound, vowel_known
from sanctions_screen.names.nicknames import is_nickname_pair, words_with_other_forms
from sanctions_screen.names.phonetic import (
    is_abjad,
    latin_abjad_keys,
    long_vowel_left_out,
    ocr_key,
    phonetic_key,
    plain,
    reading_keys,
    skeleton,
    writes_a_vowel,
    written_without_vowels,
)
from sanctions_screen.names.stopwords import (
    burmese_syllables,
    generational_suffixes,
    patronymic_particles,
)
from sanctions_screen.names.variants import canonical_words, initials, spellings

_FLOOR = 0.6
_osa_distance: Final = OSA.distance  # bound once: compiled, it spares a look-up a call
_osa_similarity: Final = OSA.normalized_similarity
_MAX_RUN = 4
_BUSINESS = frozenset({GENERIC, PLACE})
_SYLLABLE = re.compile(
    # Pinyin and Vietnamese (folded) syllables: initial, vowels, final consonants.
    "(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|zh|sh|[bcdghjklmnpqrstvwxyz])?"
    "[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?"
)


@lru_cache(maxsize=100_000)
def token_similarity(a: str, b: str) -> float:
    """How alike two folded tokens are, on 0..1 (0 below a useful likeness).

    >>> token_similarity("muhammad", "mhmd")
    0.85

    A canonical name stands for all its spellings (``names.variants.spellings``): a word
    that is no spelling in the table is compared with each (``mohamde`` meets Mohamed, not
    only ``muhammad``). Two canonical names are two names. A nickname and its full name
    (``names.nicknames``) are alike at ``_NICKNAME``.
    """
    if a == b:
        return 1.0
    r = _one_spelling(a, b)
    if r < 1.0 and _spelled_otherwise(a, b):  # else no spelling or nickname to try
        sa, sb = spellings(a), spellings(b)
        if bool(sa) != bool(sb):
            r = max(r, _closest_spelling(sa, b) if sa else _closest_spelling(sb, a))
        if r < _NICKNAME and is_nickname_pair(a, b):
            r = _NICKNAME
    return r


_NICKNAME = 0.85
"""A nickname and its full name (Bill, William): one given name, written otherwise."""


def _closest_spelling(forms: tuple[str, ...], word: str) -> float:
    """``word`` against the spelling (other than the canonical form, ``forms[0]``) it is
    nearest to by edit distance, if any is near enough to count."""
    best = _FLOOR
    closest = ""
    n = len(word)
    for i in range(1, len(forms)):
        form = forms[i]
        m = len(form)
        # The distance is at least the gap in length: a spelling whose length alone keeps
        # it from beating ``best`` is not compared.
        longer = m if m > n else n
        if 1.0 - (m - n if m > n else n - m) / longer <= best:
            continue
        s: float = _osa_similarity(word, form)
        if s > best:
            best, closest = s, form
    return _one_spelling(word, closest) if closest else 0.0


def _spelled_otherwise(a: str, b: str) -> bool:
    """Whether one of the words may be written quite otherwise (another spelling, a
    nickname): a pair that ``_similarity`` leaves to ``token_similarity``."""
    if not _OTHER_FORMS:
        _OTHER_FORMS.append(words_with_other_forms())
    table = _OTHER_FORMS[0]
    return a in table or b in table


_OTHER_FORMS: Final[list[frozenset[str]]] = []
"""``words_with_other_forms()``, fetched on first use: asked of most word pairs, the cached
call cost more than the set look-ups it serves (compiled, a ``Final`` list is a C global)."""


def _one_spelling(a: str, b: str) -> float:
    """``token_similarity`` of the two words as written."""
    la, lb = len(a), len(b)
    if la == lb and _gender_pair(a, b):
        return _GENDERED
    if la == 1 or lb == 1:
        return _initial(a, b)
    distance: int = _osa_distance(a, b)
    r = 1.0 - distance / max(la, lb)  # OSA.normalized_similarity(a, b), bit for bit
    short = min(la, lb)
    # Metaphone drops vowels, so it only vouches for spellings already fairly close
    # (Mohammed/Muhammad yes, Hassan/Hussein no).
    if r >= 0.7 and short >= 3 and phonetic_key(a) == phonetic_key(b):
        r = max(r, 0.85)
    if r < 0.9:
        oa, a_abjad = _keys(a)
        ob, b_abjad = _keys(b)
        if oa == ob:
            r = 0.9
        elif oa != a or ob != b:
            r = max(r, _osa_similarity(oa, ob))
        if (
            r < 0.85
            and _abjad_pair(a, a_abjad, b, b_abjad)
            and (len(sa := skeleton(a)) >= 2 and sa == skeleton(b))
        ):
            r = 0.85
    return _spelling(a, b, r, distance)


def _abjad_pair(a: str, a_abjad: bool, b: str, b_abjad: bool) -> bool:
    """Whether one word may be the other written without its short vowels: one looks abjad
    and, but for a glued article (``albdry``, ``badri``), is no longer than the other; or both
    look abjad. Dropping vowels never lengthens a word: German ``schoch`` looks abjad, but it
    is no vowel-less spelling of ``asc`` or ``isisk``."""
    if a_abjad and b_abjad:
        return True
    if a_abjad:
        return len(a) - _article(a) <= len(b)
    return b_abjad and len(b) - _article(b) <= len(a)


def _article(word: str) -> int:
    """Letters of an article glued to the front of ``word`` (al, l), as ``skeleton`` drops
    them."""
    if word.startswith("al") and len(word) > 5:
        return 2
    return 1 if len(word) >= 4 and word[0] == "l" and word[1] not in "aeiouy" else 0


def _initial(a: str, b: str) -> float:
    """A one-letter word against another word: one of its possible initials, or nothing."""
    if len(a) == 1:
        return 0.8 if a in initials(b) else 0.0
    return 0.8 if b in initials(a) else 0.0


def _keys(word: str) -> RunKeys:
    """The OCR key of a word and whether it looks abjad (a plain word needs no look-up)."""
    if plain(word):
        return word, False
    return ocr_key(word), is_abjad(word)


def _spelling(a: str, b: str, r: float, distance: int) -> float:
    """The rest of ``token_similarity``, from the likeness ``r`` so far and the OSA distance:
    prefix, contraction, one slip, and the scale below 0.8."""
    la, lb = len(a), len(b)
    short = min(la, lb)
    if short >= 4 and (a.startswith(b) or b.startswith(a)):
        r = max(r, 0.8)
    if r < _DOUBLED and (la == lb + 1 and _doubled(b, a) or lb == la + 1 and _doubled(a, b)):
        r = _DOUBLED
    # A contraction keeps its word's first letter: checked here, it spares a call.
    if (
        r < 0.85
        and short >= 2
        and a[0] == b[0]
        and (
            short >= 3 and _contraction(a, b) or vowels_dropped(a, b)
            if la < lb
            else short >= 3 and _contraction(b, a) or vowels_dropped(b, a)
        )
    ):
        r = 0.85
    if r >= 0.8:
        return r
    if distance == 1 and (short >= 3 or la == lb == 2 and a[0] == b[1]):
        return 0.75  # one slip in a short word, or the two letters of one swapped (fo, of)
    if r <= _FLOOR:
        # Most pairs a name meets end here: the first letters are compared before the call.
        return _VOWELS_ONLY if r >= 0.5 and a[0] == b[0] and _vowels_only(a, b) else 0.0
    graded = 0.8 * (r - _FLOOR) / (0.8 - _FLOOR)
    if graded < _VOWELS_ONLY and a[0] == b[0] and _vowels_only(a, b):
        return _VOWELS_ONLY
    return graded


_DOUBLED = 0.85
"""A word typed with one of its letters twice (``kkim``, ``mmu``, ``oof``): the same word,
however short (one slip in a three-letter word is otherwise 0.75, in a two-letter one
nothing)."""


def _doubled(short: str, long_: str) -> bool:
    """Whether ``long_`` is ``short`` with one letter typed twice (one letter longer)."""
    k = 0
    n = len(short)
    while k < n and short[k] == long_[k]:
        k += 1
    if long_[k + 1 :] != short[k:]:
        return False
    return (k > 0 and long_[k] == long_[k - 1]) or (k + 1 <= n and long_[k] == long_[k + 1])


_VOWELS_ONLY = 0.6
"""Two short words that differ only in their vowels (Meier, Mayer): a near spelling, not
another name, but no more than half of a match: the score it gives a name is graded, not
cut to nothing, and stays below an alert unless more words agree."""
_NO_VOWELS = str.maketrans("", "", "aeiouy")


def _vowels_only(a: str, b: str) -> bool:
    """Whether two words of four letters or more (the callers have checked that their
    first letters are equal) differ only in vowels (y counted as one) and by one letter in
    length at most, and neither is a spelling of a known name (Hassan and Hussein are two
    names, however alike)."""
    return (
        min(len(a), len(b)) >= 4
        and abs(len(a) - len(b)) <= 1
        and a.translate(_NO_VOWELS) == b.translate(_NO_VOWELS)
        and not _spelled_otherwise(a, b)
    )


def _similarity(a: str, b: str) -> float:
    """``token_similarity(a, b)``, worked out directly where that costs less than looking the
    pair up in its cache: equal words, an initial, and two plain words too unlike for their
    phonetic keys to count (most pairs a name meets), which need no cached key (a gender pair
    is one letter apart, so never that unlike)."""
    if a == b:
        return 1.0
    la, lb = len(a), len(b)
    if la == 1 or lb == 1:
        return _initial(a, b)
    if plain(a) and plain(b):
        longer = max(la, lb)
        gap = abs(la - lb)
        if _spelled_otherwise(a, b):
            return token_similarity(a, b)
        if 5 * gap >= 2 * longer:
            # The distance is at least the gap: a likeness of 0.6 or less, whatever it is,
            # and no slip of one letter (nor a call to OSA); only a prefix or contraction count.
            return _spelling(a, b, 1.0 - gap / longer, gap)
        distance: int = _osa_distance(a, b)
        r = 1.0 - distance / longer
        if r < 0.7:
            return _spelling(a, b, r, distance)
    return token_similarity(a, b)


_GENDERED = 0.3


def _gender_pair(short: str, long_: str) -> bool:
    """Masculine and feminine forms of one given name (Angelo/Angela, Mario/Maria): another
    person, not a spelling slip. (A final ``a`` appended, Robert/Roberta, is left alone: it
    is also the commonest typo and truncation of a name ending in ``a``.)"""
    return (
        len(short) == len(long_) >= 4
        and short[:-1] == long_[:-1]
        and short[-2] not in "aeiouy"
        and {short[-1], long_[-1]} == {"a", "o"}
    )


def _contraction(short: str, long_: str) -> bool:
    """``shpg`` for shipping, ``mgmt`` for management: same first and last letter, at most
    one vowel, letters in order."""
    if short[0] != long_[0] or short[-1] != long_[-1] or len(long_) < len(short) + 2:
        return False
    if sum(c in "aeiou" for c in short) > 1:
        return False
    rest = iter(long_[1:])
    return all(c in rest for c in short[1:])


def vowels_dropped(short: str, long_: str) -> bool:
    """``awlq`` for awlaqi, ``ylmz`` for yilmaz: the longer word's first letter and its
    consonants in order, doubled letters counted once (a word written without vowels, as
    abjad romanisations and telegraphic papers do). A y may be kept as a consonant or
    dropped as a vowel (``yhy`` and ``mrm`` for yahya and maryam). Three letters at least,
    or two consonants standing for a word of four letters or more (``wl`` for wali, ``sd``
    for saudi)."""
    n = len(short)
    if n < 2 or short[0] != long_[0]:
        return False
    if n == 2 and (len(long_) < 4 or short[1] in "aeiouy" or short[0] in "aeiouy"):
        return False
    k = 1
    prev = short[0]
    for c in long_[1:]:
        if c == prev:
            continue
        if c in "aeiouy":
            if c == "y" and k < n and short[k] == "y":
                prev = c
                k += 1
            continue
        while k < n and short[k] == prev:
            k += 1  # a doubled letter in the short word (mhmmd)
        if k >= n or short[k] != c:
            return False
        prev = c
        k += 1
    while k < n and short[k] == prev:
        k += 1
    return k == n


_SKELETON: Final = 0.85
"""An abjad word that writes only the consonants of a Latin word (``mhmd``, Muhammad): a
spelling of it, and of every word of those consonants."""
_VOWEL_WRITTEN: Final = 0.95
"""An abjad word that also writes a vowel of the Latin word as its long vowel letter
(``bsyr``, Basir): the word as the script writes it, as near as a Latin spelling variant."""


def abjad_similarity(abjad: str, word: str) -> float:
    """A word written in Arabic script (folded: ``mrwan`` for مروان) against a word written in
    Latin letters: letter for letter, or, if it is the word written without its short
    vowels (``phonetic.written_without_vowels``), 0.95 when it writes a vowel as a long vowel
    letter and 0.85 when it writes consonants alone; never by consonant skeleton alone
    (``mrwan`` is Marwan, not Marion; ``blal`` is Bilal, not Bell). A canonical name stands
    for each of its spellings.

    >>> abjad_similarity("mrwan", "marwan"), abjad_similarity("mhmd", "muhammad")
    (0.95, 0.85)
    >>> abjad_similarity("mrwan", "marion")
    0.0
    """
    r = _letter_for_letter(abjad, word)
    if r >= _VOWEL_WRITTEN or reading_keys(abjad).isdisjoint(_abjad_keys_of(word)):
        return r
    for w in spellings(word) or (word,):
        if written_without_vowels(abjad, w):
            if writes_a_vowel(abjad, w):
                return _VOWEL_WRITTEN
            r = max(r, _SKELETON)
    return r


@lru_cache(maxsize=8_192)
def _abjad_keys_of(word: str) -> frozenset[str]:
    """The ``latin_abjad_keys`` of a Latin word and of each of its spellings: an abjad word
    none of whose ``reading_keys`` is among them writes none of them (most pairs of
    ``abjad_similarity``, told apart without the walk of ``written_without_vowels``)."""
    keys: set[str] = set()
    for w in spellings(word) or (word,):
        keys.update(latin_abjad_keys(w))
    return frozenset(keys)


@lru_cache(maxsize=8_192)
def arabic_similarity(a: str, b: str) -> float:
    """Two words written in Arabic script (folded), letter for letter: the same letters
    (alef with hamza below, ``i``, as alef), or a long vowel letter written on one side only
    (ابراهيم, ابرهيم: 0.85), or a slip; never two consonant skeletons alike (سليم Salim and
    سلمى Salma share one)."""
    if a[:1] == "i":
        a = "a" + a[1:]
    if b[:1] == "i":
        b = "a" + b[1:]
    if a == b:
        return 1.0
    if _article_on_one_side(a, b) or _article_on_one_side(b, a):
        return _GLUED_ARTICLE
    if long_vowel_left_out(a, b) or long_vowel_left_out(b, a) or _final_ya(a, b):
        return 0.85
    return _letter_for_letter(a, b)


_GLUED_ARTICLE: Final = 0.95
"""Two words written in Arabic script, one with the article glued to it (الفلاني, فلاني):
the same name, as al-Falani and Falani are (``arabic_similarity``)."""


def _article_on_one_side(a: str, b: str) -> bool:
    """``a`` is ``b`` with the article glued in front, ``b`` three letters or more."""
    return len(a) == len(b) + 2 and len(b) >= 3 and a.startswith("al") and a.endswith(b)


def _final_ya(a: str, b: str) -> bool:
    """Two words written in Arabic script that differ only by a final ى (folded a) and ي
    (folded y): على and علي, which Egyptian and Sudanese writing do not tell apart."""
    n = len(a)
    return (
        n >= 2
        and len(b) == n
        and a[: n - 1] == b[: n - 1]
        and (a[n - 1] == "a" and b[n - 1] == "y" or a[n - 1] == "y" and b[n - 1] == "a")
    )


def _letter_for_letter(a: str, b: str) -> float:
    """``token_similarity`` without the rules for words written without vowels (consonant
    skeleton, vowels dropped, contraction, vowels only): the likeness of the letters, the
    sound key of near spellings, a prefix, one slip."""
    if a == b:
        return 1.0
    la, lb = len(a), len(b)
    if la == 1 or lb == 1:
        return _initial(a, b)
    distance: int = _osa_distance(a, b)
    r = 1.0 - distance / max(la, lb)
    short = min(la, lb)
    if r >= 0.7 and short >= 3 and phonetic_key(a) == phonetic_key(b):
        r = max(r, 0.85)
    if short >= 4 and (a.startswith(b) or b.startswith(a)):
        r = max(r, 0.8)
    if r >= 0.8:
        return r
    if short >= 3 and distance == 1:
        return 0.75
    return 0.0 if r <= _FLOOR else 0.8 * (r - _FLOOR) / (0.8 - _FLOOR)


_LATIN_ONLY: Final = 0
"""How a name's words meet another name's (``JoinProfile.against``): neither is written in
Arabic script, every rule of ``token_similarity`` applies."""
_ABJAD_MINE: Final = 1
"""This name is written in Arabic script, the other is not (``abjad_similarity``)."""
_ABJAD_OTHER: Final = 2
"""The other name is written in Arabic script, this one is not (``abjad_similarity``)."""
_ABJAD_BOTH: Final = 3
"""Both names are written in Arabic script (``arabic_similarity``)."""


def _scripted(mine: str, other: str, against: int) -> float:
    """A word of a profiled name against a word of the other name, by their scripts."""
    if against == _ABJAD_MINE:
        return abjad_similarity(mine, other)
    if against == _ABJAD_OTHER:
        return abjad_similarity(other, mine)
    return arabic_similarity(mine, other)


def _korean_similarity(a: str, b: str, slip: float) -> float:
    """Korean syllables: equal, or a typo of one another; two known syllables that differ
    are different names (Song is not Sok), unless one is a vowel slip of the other
    (Pong/Pyong, Chol/Chul), which counts ``slip``: lower than a match, so that the birth
    date can decide."""
    if a == b:
        return 1.0
    if is_syllable(a) and is_syllable(b):
        return slip if _vowel_slip(a, b) or _one_sound(a, b) else 0.0
    s = token_similarity(a, b)
    if s >= 0.75:
        return s
    return slip if _one_sound(a, b) else 0.0


def _slip(a: str, b: str, vowel_known: int, slip: float) -> float:
    """What a slip between syllables ``a`` and ``b`` counts: ``slip``, or nothing when ``a``
    was read from Hangul with a vowel of one spelling (``vowel_known``) and ``b`` writes
    another vowel."""
    if vowel_known and _vowels(a) != _vowels(b):
        return 0.0
    return slip


def _vowels(syllable: str) -> str:
    """A romanised syllable's vowel letters, a glide (y, w) included: ``yu`` of yun."""
    i = _onset(syllable)
    while i > 0 and syllable[i - 1] in "yw":
        i -= 1
    return syllable[i : _coda(syllable)]


def _one_sound(a: str, b: str) -> bool:
    """Two syllables whose letters fall in the same sound groups (``korean.sound``): one
    syllable written otherwise (Bung/Pong, Jul/Chol)."""
    sa = sound(a)
    return sa != "" and sa == sound(b)


_SLIP_LETTERS = frozenset("ouye")
"""Letters whose one-letter slip inside a syllable's vowel keeps the syllable recognisable
(o/u, o/yo, yo/yu, o/eo): a or i for o makes another syllable (Jang is not Jong), and so
does a w (Kwang is not Kang)."""


def _vowel_slip(a: str, b: str) -> bool:
    """Same initial and final consonants, vowels one letter apart (a letter of
    ``_SLIP_LETTERS`` replaced, added or dropped)."""
    ca, cb = a[: _onset(a)].rstrip("y"), b[: _onset(b)].rstrip("y")
    if ca != cb:
        return False
    ea, eb = _coda(a), _coda(b)
    if a[ea:] != b[eb:]:
        return False
    va, vb = a[len(ca) : ea], b[len(cb) : eb]
    if abs(len(va) - len(vb)) > 1 or va == vb:
        return False
    if _osa_distance(va, vb) != 1:
        return False
    return all(c in _SLIP_LETTERS for c in set(va) ^ set(vb))


def _onset(syllable: str) -> int:
    """End of the syllable's initial consonants, a glide (y) included."""
    i = 0
    while i < len(syllable) and syllable[i] not in "aeiou":
        i += 1
    return i


def _coda(syllable: str) -> int:
    """Start of the syllable's final consonants."""
    j = len(syllable)
    while j > 0 and syllable[j - 1] not in "aeiouy":
        j -= 1
    return j


Pair = tuple[tuple[int, ...], tuple[int, ...], float]
"""Aligned query token indexes, list token indexes (several when joined) and similarity."""
Candidate = tuple[float, tuple[int, ...], tuple[int, ...], int, int]
"""Similarity, query and list token indexes, and their bit masks."""


class NameScore:
    """Two names aligned and scored: the score, the aligned pairs, the words left over,
    whether only generic words aligned, and the features the score was made of.

    A plain class with read-only (``Final``) fields rather than a frozen dataclass: compiled,
    a frozen dataclass is built by its generated ``__init__`` run as Python, a noticeable
    share of scoring a pair; this one is built natively.
    """

    __slots__ = (
        "score", "pairs", "unmatched_query", "unmatched_list", "generic_only", "features"
    )  # fmt: skip

    def __init__(
        self,
        score: float,
        pairs: tuple[Pair, ...],
        unmatched_query: tuple[int, ...],
        unmatched_list: tuple[int, ...],
        generic_only: bool,
        features: NameFeatures,
    ) -> None:
        self.score: Final = score
        self.pairs: Final = pairs
        self.unmatched_query: Final = unmatched_query
        self.unmatched_list: Final = unmatched_list
        self.generic_only: Final = generic_only
        self.features: Final = features

    def __repr__(self) -> str:
        return (
            f"NameScore({self.score!r}, {self.pairs!r}, {self.unmatched_query!r}, "
            f"{self.unmatched_list!r}, {self.generic_only!r})"
        )

    def alignments(
        self,
        query: NameAnalysis,
        query_weights: tuple[float, ...],
        listed: NameAnalysis,
        list_weights: tuple[float, ...],
    ) -> tuple[TokenAlignment, ...]:
        """The aligned pairs as tokens, for an explanation."""
        return tuple(
            TokenAlignment(
                " ".join(query.tokens[i] for i in qi),
                " ".join(listed.tokens[j] for j in lj),
                s,
                sum((query_weights[i] for i in qi), 0.0) + sum((list_weights[j] for j in lj), 0.0),
            )
            for qi, lj, s in self.pairs
        )


NO_FEATURES = NameFeatures(
    0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0, False, False, False, False, False, False,
    0.0, 0.0, 0, 0,
)  # fmt: skip
NO_MATCH = NameScore(0.0, (), (), (), False, NO_FEATURES)


Run = tuple[tuple[int, ...], int, int, str]
"""Indexes of neighbouring words, their bit mask, their joined length, the joined string."""
RunKeys = tuple[str, bool]
"""A word's (or a run's) OCR key and whether it looks abjad (see ``_keys``)."""
Row = tuple[tuple[float, tuple[int, ...], int], ...]
"""A word's likeness to each word of a name it is like at all: (likeness, (index,), bit)."""
Hit = tuple[int, int, float]
"""A run a word may stand for: the run's index, 0 if the word is about as long as the run
(1 if only an abjad word), and the likeness (0.8 or more)."""

_MEMO_SIZE = 256
"""Words remembered per name (``JoinProfile.rows``, ``JoinProfile.hits``)."""


class JoinProfile:
    """What scoring needs of one name's words, worked out once per name and kept with it: its
    joined runs, its shape, and how words of other names met it (a list name meets the same
    query words again and again, a query the same list words across its candidates).

    A plain class, built natively when compiled (see ``NameScore``)."""

    __slots__ = (
        "runs",
        "reach",
        "words",
        "abjad",
        "syllables",
        "burmese",
        "repeated",
        "keys",
        "skeletons",
        "rows",
        "hits",
        "against",
    )

    def __init__(
        self,
        runs: tuple[Run, ...],
        reach: int,
        words: tuple[RunKeys, ...],
        abjad: int,
        syllables: bool,
        burmese: bool,
        repeated: bool,
        against: int,
    ) -> None:
        self.runs: Final = runs
        """Runs of 2.._MAX_RUN neighbouring words, in ``_join_against``'s order."""
        self.reach: Final = reach
        """Bit ``n`` set if a run's joined length is within 2 of ``n``: a word of another
        length can only stand for a run if it is abjad (see ``_hits``)."""
        self.words: Final = words
        """Keys of each word (``_keys``), for when it meets the runs of other names."""
        self.abjad: Final = abjad
        """Bit ``j`` set if word ``j`` looks abjad (as ``_keys`` says)."""
        self.syllables: Final = syllables
        """Every word has the shape of a Chinese or Vietnamese syllable (see ``_syllabic``)."""
        self.burmese: Final = burmese
        """Every word is a Burmese name syllable."""
        self.repeated: Final = repeated
        """A word stands twice in the name (Saleem Saleem, Mohamed Omar Mohamed)."""
        self.keys: Final[list[RunKeys]] = []
        """Keys of each run, worked out when a word first meets the runs."""
        self.skeletons: Final[list[str | None]] = []
        """Consonant skeletons of the runs, each worked out when first needed."""
        self.rows: Final[dict[str, Row]] = {}
        """Other words' rows against this name's words (see ``_row``)."""
        self.hits: Final[dict[str, tuple[Hit, ...]]] = {}
        """Other words' hits on this name's runs (see ``_hits``)."""
        self.against: Final = against
        """How this name's words meet the other name's: ``_LATIN_ONLY`` or, for a name
        written in Arabic script on either side, ``_ABJAD_MINE``, ``_ABJAD_OTHER`` or
        ``_ABJAD_BOTH``."""


@lru_cache(maxsize=4_096)  # ~2 KB each: the list names met most
def join_profile(toks: tuple[str, ...]) -> JoinProfile:
    """The profile of a list name (the second name ``score_names`` is given)."""
    return _profile(toks)


@lru_cache(maxsize=64)
def query_profile(toks: tuple[str, ...]) -> JoinProfile:
    """The profile of a query name, kept apart from the list names': a query meets its few
    candidates one after another and is then seen no more, and in the same cache the stream
    of queries pushed out the list names' profiles (with what they remember of words met)."""
    return _profile(toks)


@lru_cache(maxsize=64)
def han_profile(toks: tuple[str, ...], family: int) -> JoinProfile:
    """The profile of a person's name written in Chinese characters, whose first ``family``
    syllables are the family name: never joined with the given name (马楠 is Ma Nan, never
    Manan), though a two-syllable family name's are joined together (欧阳 Ouyang) and the
    given name's too (小平 Xiaoping)."""
    return _profile(toks, family)


@lru_cache(maxsize=1_024)
def script_profile(toks: tuple[str, ...], against: int, family: int = 0) -> JoinProfile:
    """The profile of a name when either name is written in Arabic script: kept apart from
    ``join_profile``'s, as it remembers other words met by other rules. ``family`` as for
    ``han_profile``."""
    return _profile(toks, family, against)


def _profile(toks: tuple[str, ...], family: int = 0, against: int = _LATIN_ONLY) -> JoinProfile:
    """``family``: the number of leading syllables no run may join with the next ones;
    ``against``: how the words meet the other name's, by their scripts (``JoinProfile``)."""
    n = len(toks)
    runs: list[Run] = []
    reach = 0
    for start in range(n - 1):
        span = [start]
        total = len(toks[start])
        mask = 1 << start
        joined = toks[start]
        for end in range(start + 1, min(n, start + _MAX_RUN)):
            if start < family <= end:
                break  # a family name joined with the given name
            span.append(end)
            total += len(toks[end])
            mask |= 1 << end
            joined += toks[end]
            runs.append((tuple(span), mask, total, joined))
            reach |= 0b11111 << total >> 2
    words = [_keys(t) for t in toks]
    abjad = 0
    for j, (_, is_abjad_word) in enumerate(words):
        if is_abjad_word:
            abjad |= 1 << j
    if against in (_ABJAD_MINE, _ABJAD_OTHER):
        abjad = (1 << n) - 1  # across scripts a word and its abjad spelling differ in length
    elif against == _ABJAD_BOTH:
        abjad = 0
    syllables = all(_SYLLABLE.fullmatch(t) for t in toks)
    burmese = burmese_syllables()
    return JoinProfile(
        tuple(runs),
        reach,
        tuple(words),
        abjad,
        syllables,
        all(t in burmese for t in toks),
        len(set(toks)) < n,
        against,
    )


def _row(profile: JoinProfile, toks: tuple[str, ...], a: str) -> Row:
    """Word ``a`` against each word of the name ``toks`` (profiled by ``profile``), remembered."""
    alike: list[tuple[float, tuple[int, ...], int]] = []
    against = profile.against
    for j, b in enumerate(toks):
        s = _similarity(a, b) if against == _LATIN_ONLY else _scripted(b, a, against)
        if s > 0.0:
            alike.append((s, (j,), 1 << j))
    row = tuple(alike)
    if len(profile.rows) >= _MEMO_SIZE:
        profile.rows.clear()
    profile.rows[a] = row
    return row


def _singles(q: tuple[str, ...], lt: tuple[str, ...], lp: JoinProfile) -> list[Candidate]:
    """Every query word against every list word, the pairs alike at all."""
    out: list[Candidate] = []
    rows = lp.rows
    for i, a in enumerate(q):
        row = rows.get(a)
        if row is None:
            row = _row(lp, lt, a)
        if row:
            qi = (i,)
            mq = 1 << i
            for s, lj, ml in row:
                out.append((s, qi, lj, mq, ml))
    return out


def _hits(profile: JoinProfile, b: str, b_keys: RunKeys) -> tuple[Hit, ...]:
    """The runs of the profiled name that word ``b`` (its keys ``b_keys``) stands for,
    remembered.

    A run is tried if ``b`` is about as long (2 letters more or less) or abjad (any length
    may stand for it), and scored only if it passes a necessary condition of each way
    ``token_similarity`` can reach 0.8: the same first letter (prefix, contraction, initial),
    the same OCR key or consonant skeleton (abjad), a likeness of 0.8 between OCR keys, or a
    plain likeness of 0.7 (the phonetic key's threshold) that the lengths allow.
    """
    if profile.against != _LATIN_ONLY:
        return _script_hits(profile, b)
    runs, keys = profile.runs, profile.keys
    if len(keys) < len(runs):
        keys += [_keys(run[3]) for run in runs]
    lb = len(b)
    ob, b_abjad = b_keys
    sb = ""
    out: list[Hit] = []
    for k, (_, _, total, a) in enumerate(runs):
        oa, abjad = keys[k]
        far = not -2 <= lb - total <= 2
        if far and not b_abjad:
            continue
        if not (
            lb <= 1
            or b[0] == a[0]
            or oa == ob
            or ((oa != a or ob != b) and _osa_similarity(oa, ob) >= 0.8)
            or (10 * abs(lb - total) <= 3 * max(lb, total) and _osa_similarity(a, b) >= 0.7)
        ):
            if not (abjad or b_abjad):
                continue
            sb = sb or skeleton(b)
            if _run_skeleton(profile, k) != sb:
                continue
        s = _similarity(a, b)
        if s >= 0.8:
            out.append((k, int(far), s))
    hits = tuple(out)
    if len(profile.hits) >= _MEMO_SIZE:
        profile.hits.clear()
    profile.hits[b] = hits
    return hits


def _script_hits(profile: JoinProfile, b: str) -> tuple[Hit, ...]:
    """``_hits`` when either name is written in Arabic script: every run is scored (any
    length across scripts, about as long within Arabic script), as the Latin shortcuts
    assume the Latin rules."""
    against = profile.against
    lb = len(b)
    out: list[Hit] = []
    for k, (_, _, total, a) in enumerate(profile.runs):
        far = not -2 <= lb - total <= 2
        if far and against == _ABJAD_BOTH:
            continue
        s = _scripted(a, b, against)
        if s == _VOWEL_WRITTEN and against != _ABJAD_BOTH:
            s = _SKELETON  # words joined, a skeleton longer than any word's (جاد آل, Gaduel)
        if s >= 0.8:
            out.append((k, int(far), s))
    hits = tuple(out)
    if len(profile.hits) >= _MEMO_SIZE:
        profile.hits.clear()
    profile.hits[b] = hits
    return hits


def _run_skeleton(profile: JoinProfile, k: int) -> str:
    """The consonant skeleton of run ``k``, remembered with the runs (each abjad word of the
    other names asks for it)."""
    skeletons = profile.skeletons
    if not skeletons:
        skeletons += [None] * len(profile.runs)
    known = skeletons[k]
    if known is None:
        known = skeletons[k] = skeleton(profile.runs[k][3])
    return known


def _join_against(
    mine: JoinProfile,
    weak: int,
    others: tuple[str, ...],
    other: JoinProfile,
    joined_is_query: bool,
    out: list[Candidate],
) -> None:
    """Runs of 2.._MAX_RUN neighbouring words touching a weak word (bit mask ``weak``),
    joined, against each word of the other name of about the same length (any length for
    abjad words), added to ``out`` run by run (then near words, then abjad ones, in order)."""
    found: list[tuple[int, int, int, float]] = []
    memo = mine.hits
    runs = mine.runs
    reach, abjad = mine.reach, other.abjad
    for j, b in enumerate(others):
        if not reach >> len(b) & 1 and not abjad >> j & 1:
            continue  # as long as no run, and not abjad: it stands for none (see _hits)
        hits = memo.get(b)
        if hits is None:
            hits = _hits(mine, b, other.words[j])
        for k, far, s in hits:
            if runs[k][1] & weak:
                found.append((k, far, j, s))
    if len(found) > 1:
        found.sort()
    for k, _, j, s in found:
        span, mask = runs[k][0], runs[k][1]
        bonus = s - 0.001 * len(span)  # on a tie, single words win
        if joined_is_query:
            out.append((bonus, span, (j,), mask, 1 << j))
        else:
            out.append((bonus, (j,), span, 1 << j, mask))


def _by_score(candidate: Candidate) -> float:
    return candidate[0]


def _greedy(candidates: list[Candidate], nq: int, nl: int) -> tuple[list[Pair], int, int, int]:
    """Best candidates first, each word aligned once: the pairs, the words they use (bit masks)
    and the query and list words of pairs of 0.9 or more."""
    candidates.sort(key=_by_score, reverse=True)
    used_q = used_l = strong = 0
    full_q, full_l = (1 << nq) - 1, (1 << nl) - 1
    taken: list[Pair] = []
    for s, qi, lj, mq, ml in candidates:
        if used_q & mq or used_l & ml:
            continue
        used_q |= mq
        used_l |= ml
        if s >= 0.9:
            strong |= mq | ml << nq
        taken.append((qi, lj, min(s, 1.0)))
        if used_q == full_q or used_l == full_l:
            break
    return taken, used_q, used_l, strong


def _align(
    q: tuple[str, ...],
    lt: tuple[str, ...],
    qp: JoinProfile,
    lp: JoinProfile,
    config: ScreeningConfig,
) -> tuple[list[Pair], int, int]:
    nq, nl = len(q), len(lt)
    candidates = _singles(q, lt, lp)
    taken, used_q, used_l, strong = _greedy(candidates, nq, nl)
    if nq == 1 and nl == 1:
        return taken, used_q, used_l
    # Words left unaligned or weakly aligned (below 0.9) may be part of a joined run.
    weak_q = ((1 << nq) - 1) & ~strong
    weak_l = ((1 << nl) - 1) & ~(strong >> nq)
    if weak_q or weak_l:
        n = len(candidates)
        if weak_q:
            _join_against(qp, weak_q, lt, lp, True, candidates)
        if weak_l:
            _join_against(lp, weak_l, q, qp, False, candidates)
        if len(candidates) > n:
            taken, used_q, used_l, strong = _greedy(candidates, nq, nl)
    # A truncated last word (``ABOUD ROGO MOH``) still begins its list word.
    last = nq - 1
    if nq > 1 and not used_q >> last & 1 and len(q[last]) >= 2:
        for j in range(nl):
            if not used_l >> j & 1 and len(lt[j]) > len(q[last]) and lt[j].startswith(q[last]):
                s = _truncated(len(q[last]), len(lt[j]), config) if nq == 2 else _TRUNCATED
                taken.append(((last,), (j,), s))
                used_q |= 1 << last
                used_l |= 1 << j
                break
    return taken, used_q, used_l


_BOUND_MARGIN = 1e-9
"""How far below the floor ``hand_score_bound`` must be for a name to be dropped unmeasured:
the bound adds the weights in another order than ``hand_score``, so may differ in the last
bits."""

_TRUNCATED = 0.75
"""A cut last word that keeps enough of its list word (see ``truncated_share``)."""


def _cut_tail(
    q: tuple[str, ...], lt: tuple[str, ...], taken: list[Pair], nl: int, at_width: bool
) -> int:
    """The list words a field width cut off (bits), when the query reads as the list name's
    beginning cut inside a word: ``Ashraf Muhammad Yusi`` for Ashraf Muhammad Yusif 'Abd
    al-Salam. The query's words align in the list's order, its last word is a strict prefix
    of its list word, and the list words after that one are all missing; they were never
    written, so they say nothing against the match. With ``at_width`` (the query is as long
    as a field, see ``_at_field_width``) the cut may also fall between two words: the last
    word is then its list word, written in full. 0 otherwise."""
    last = len(q) - 1
    cut = -1
    previous = -1
    for qi, lj, s in sorted(taken):
        if len(qi) != 1 or lj[0] <= previous:
            return 0
        previous = lj[-1]
        if qi[0] == last:
            if len(lj) != 1:
                return 0
            word = lt[lj[0]]
            inside = len(word) > len(q[last]) and word.startswith(q[last])
            if not inside and not (at_width and s >= _WHOLE_AT_CUT):
                return 0
            cut = lj[0]
    if cut < 0 or previous != cut:
        return 0
    return ((1 << nl) - 1) & ~((1 << (cut + 1)) - 1)


_WHOLE_AT_CUT: Final = 0.9
"""How alike the last word of a query cut between two words must be to its list word: the
same word, or its spelling (``abdalla`` for abdullah), not a slip."""


def _at_field_width(text: str, widths: tuple[int, ...]) -> bool:
    """Whether ``text`` is as long as a field that cuts names, or one less (a cut that fell
    on a space, stripped)."""
    n = len(text.strip())
    return n in widths or n + 1 in widths


def _truncated(kept: int, full: int, config: ScreeningConfig) -> float:
    """How alike a cut word of ``kept`` letters is to the ``full``-letter word it begins,
    in a name of two words (where it carries half the name): ``_TRUNCATED`` from four
    letters or ``truncated_share`` of the word, less below (three letters of eight fit many
    words). In longer names the other words identify, and a field width cuts the last word
    to any length."""
    enough = min(4.0, config.truncated_share * full)
    return _TRUNCATED if kept >= enough else _TRUNCATED * kept / enough


_ACRONYM_LIKENESS: Final = 0.9
"""The least likeness at which one word in capitals (maybe an acronym: ``DICO``) meets a
one-word name written otherwise: the same letters or the same OCR key, not a sound-alike or a
slip (``Dick``)."""


def _spelt_out(query: NameAnalysis, listed: NameAnalysis) -> bool:
    """Whether both one-word names are Latin words with their vowels, where neither can be
    the other written without vowels (``YKTMB``, ``FAIZ`` against an Arabic name)."""
    return not (
        query.arabic or listed.arabic or is_abjad(query.tokens[0]) or is_abjad(listed.tokens[0])
    )


def score_names(
    query: NameAnalysis,
    query_weights: tuple[float, ...],
    listed: NameAnalysis,
    list_weights: tuple[float, ...],
    config: ScreeningConfig,
    floor: float = 0.0,
) -> NameScore:
    """Align two analysed names and score the alignment (see the module docstring).

    With a ``floor``, a hand-scored alignment that cannot reach it is not measured further:
    :data:`NO_MATCH` is returned instead (see ``combiner.hand_score_bound``).
    """
    syllables_differ = False
    if query.korean and listed.korean:
        # Both written in Hangul: compared in Hangul, where 정 is not 종 though both read jong.
        q_hangul = hangul_syllables(query.original, len(query.tokens))
        l_hangul = hangul_syllables(listed.original, len(listed.tokens)) if q_hangul else ()
        known = 0  # query syllables read from Hangul whose vowel has one Latin spelling
        if not l_hangul:
            for i, c in enumerate(q_hangul):
                if vowel_known(c):
                    known |= 1 << i
            q_hangul, l_hangul = query.tokens, listed.tokens
        korean = _korean(
            query, q_hangul, query_weights, listed, l_hangul, list_weights, config, known
        )
        if korean is not None:
            return korean
        syllables_differ = True  # a given name with a syllable more or less: another name
    if (query.acronym_like and len(listed.tokens) > 1) or (
        listed.acronym_like and len(query.tokens) > 1
    ):
        acronym = _acronym(query, listed, config)
        if acronym is not None:
            return acronym
    q, lt = query.tokens, listed.tokens
    nq, nl = len(q), len(lt)
    if query.arabic or listed.arabic:
        qp, lp = _script_profiles(query, listed)
    else:
        q_family = han_family_name(query.original, nq)  # 马楠 is Ma Nan, never Manan
        l_family = han_family_name(listed.original, nl)
        qp = han_profile(q, q_family) if q_family else query_profile(q)
        lp = han_profile(lt, l_family) if l_family else join_profile(lt)
    taken, used_q, used_l = _align(q, lt, qp, lp, config)
    if (
        nq == 1 == nl
        and query.acronym_like != listed.acronym_like
        and taken
        and taken[0][2] < _ACRONYM_LIKENESS
        and _spelt_out(query, listed)
    ):
        return NO_MATCH  # DICO is not Dick: an acronym is written letter for letter
    if qp.syllables and lp.syllables and _syllabic(query) and _syllabic(listed):
        taken, used_q, used_l = _drop_syllable_slips(q, lt, taken, used_q, used_l)
    elif _business(query) or _business(listed):
        taken, used_q, used_l = _initialisms(q, lt, taken, used_q, used_l)
    if PARTICLE in query.roles or PARTICLE in listed.roles:
        taken, used_q, used_l = _drop_particle_guesses(query, listed, taken, used_q, used_l)
    if PARTICLE in listed.roles:
        taken, used_q, used_l, query_weights = _particle_slips(
            query, listed, taken, used_q, used_l, query_weights, list_weights
        )
    if (qp.repeated or lp.repeated) and len(taken) > 1 and not (query.arabic or listed.arabic):
        taken, used_q, used_l = _drop_repeat_splits(q, lt, taken, used_q, used_l)
    numerator = 0.0
    matched_list_weight = 0.0
    distinctive_hit = not listed.distinctive and not query.distinctive
    lowest, highest = 1.0, 0.0
    for qi, lj, s in taken:
        wq = query_weights[qi[0]] if len(qi) == 1 else sum((query_weights[i] for i in qi), 0.0)
        wl = list_weights[lj[0]] if len(lj) == 1 else sum((list_weights[j] for j in lj), 0.0)
        numerator += s * (wq + wl)
        matched_list_weight += wl
        lowest = min(lowest, s)
        highest = max(highest, s)
        if not distinctive_hit and s >= 0.7 and _distinctive_pair(listed, lj):
            distinctive_hit = True
    unmatched_q = _unused(used_q, nq)
    written_l = used_l  # the list words the query wrote, cut or not
    if not unmatched_q and nq >= 2 and used_l != (1 << nl) - 1:
        at_width = _at_field_width(query.original, config.field_widths)
        if nq >= 3 or at_width:
            used_l |= _cut_tail(q, lt, taken, nl, at_width)
    unmatched_l = _unused(used_l, nl)
    factor = 1.0 if listed.korean or nl < 3 else config.unmatched_list_factor
    unmatched_query_weight = sum((query_weights[i] for i in unmatched_q), 0.0)
    unmatched_list_weight = sum((list_weights[j] for j in unmatched_l), 0.0)
    total_q = sum(query_weights, 0.0)
    matched_query_weight = total_q - unmatched_query_weight
    if bool(unmatched_q) != bool(unmatched_l) and _may_hold_inner(query, listed, taken, lowest):
        # A middle name or a patronymic written on one side only (see ``inner_word_factor``).
        less = 1.0 - config.inner_word_factor
        if unmatched_q:
            inner = _inner_weight(taken, unmatched_q, query_weights, 0, q, query.roles)
            unmatched_query_weight -= less * inner
        else:
            inner = _inner_weight(taken, unmatched_l, list_weights, 1, lt, listed.roles)
            unmatched_list_weight -= less * inner
    elif unmatched_q and not unmatched_l and (
        _father_after_two(query, listed, taken, lowest)
        or _name_and_one_word(query, listed, taken, lowest, unmatched_q, config.common_name_rank)
    ):
        unmatched_query_weight -= (1.0 - config.inner_word_factor) * sum(
            (query_weights[i] for i in unmatched_q), 0.0
        )
    counted_q = matched_query_weight + unmatched_query_weight
    if (
        floor > 0.0
        and config.score_model == "hand"
        and hand_score_bound(
            numerator, counted_q, matched_list_weight, factor * unmatched_list_weight
        )
        < floor - _BOUND_MARGIN
    ):
        return NO_MATCH
    generic_q = generic_l = 0.0
    # A different business word on each side (Marine vs Steel) says "another company".
    if unmatched_l and _has_generic(listed, unmatched_l) and _has_generic(query, unmatched_q):
        boost = config.generic_mismatch_factor
        generic_q = (boost - 1) * sum(
            (query_weights[i] for i in unmatched_q if query.roles[i] in _BUSINESS), 0.0
        )
        generic_l = (boost - 1) * sum(
            (list_weights[j] for j in unmatched_l if listed.roles[j] in _BUSINESS), 0.0
        )
    conflict = 0.0
    if unmatched_q and unmatched_l:
        conflict = _conflict(query, query_weights, unmatched_q, listed, list_weights, unmatched_l)
    order_differs = syllables_differ or _syllable_order_differs(
        query, listed, taken, qp.burmese and lp.burmese
    )
    generations = _generations_differ(query, listed)
    qualifiers = False
    if generations and (_business(query) or _business(listed)):
        generations, qualifiers = False, True  # Fund II against Fund III: a series number
    elif unmatched_q and unmatched_l:
        qualifiers = _qualifiers_differ(query, unmatched_q, listed, unmatched_l)
    reordered = (
        INITIAL in query.roles
        and INITIAL in listed.roles
        and _initials_reordered(query, listed, taken)
    )
    swapped = (
        PARTICLE in query.roles
        and PARTICLE in listed.roles
        and _patronymic_swapped(query, listed, taken)
    )
    common = (
        nq == 2
        and bool(taken)
        and not unmatched_q
        and INITIAL not in listed.roles
        and all(listed.roles[j] != NORMAL for j in _unused(written_l, nl))
        and _common_name(() if query.arabic else q, lt, taken, lowest, config.common_name_rank)
    )
    kinds = bool(query.legal_forms or listed.legal_forms) and _kinds_differ(query, listed)
    generic_only = bool(taken) and not distinctive_hit
    features = NameFeatures(
        numerator, matched_query_weight, matched_list_weight,
        unmatched_query_weight, unmatched_list_weight, generic_q, generic_l, factor, conflict,
        1 if order_differs or generations else 0, False, order_differs, generations,
        generic_only, False, False, lowest if taken else 0.0, highest, nq, nl, qualifiers,
        reordered, False, swapped, common, kinds,
    )  # fmt: skip
    score = name_score(features, config)
    return NameScore(score, tuple(taken), unmatched_q, unmatched_l, generic_only, features)


_COMMON_LIKENESS: Final = 0.8
"""How alike every aligned pair must be for a match of a query that is itself a very common
name to rest on that name alone (``_common_name``): Kumar Ahmed met by Ahmed Umar
(kumar~umar 0.80) says as little as an exact match."""
_COMMON_LISTED_LIKENESS: Final = 0.9
"""The same, when it is the list words met that are a very common name and the query's own
words are not: only a near-exact spelling (a misspelt listed name is still looked at)."""


def _common_name(
    q: tuple[str, ...], lt: tuple[str, ...], taken: list[Pair], lowest: float, rank: int
) -> bool:
    """Whether a two-word query with both words aligned rests on a very common name only
    (issue 14, class 18): a very common given name and a very common family name (Mohammed
    Rahman), read in the query's words, or in the list words they met when they met them
    nearly exactly (عبدالله Ahmed, whose Arabic word reads bdallh, met Abdoullah Ould Ahmed).
    The caller asks that the list name have no name word the query lacks (a particle, Ould, is
    not one) and no initial: Amir Abdullah against Amir Abdullah Sahib, or Haji Muhammad
    Ashraf against Haji M. Ashraf, may be the man written short. An Arabic-script query's
    words are skeletons (مر reads mr, not the Mr of the table), so the caller gives ``q``
    empty and only the list words met count. ``rank`` 0: never."""
    if not rank or lowest < _COMMON_LIKENESS:
        return False
    if len(q) == 2 and common_pair(q[0], q[1], rank):
        return True
    met = [lt[j] for _, lj, _ in taken for j in lj]
    return (
        lowest >= _COMMON_LISTED_LIKENESS
        and len(met) == 2
        and common_pair(met[0], met[1], rank)
    )


_INNER_LIKENESS: Final = 0.8
"""How alike every aligned pair must be for a word left over between two of them to be a
middle name (see ``_may_hold_inner``)."""
_INNER_ANCHORS: Final = 3
"""Aligned words a name needs for a word left over between them to be a middle name: with
two (Mohammad Ahmadi) a middle word may as well make another person (Mohammad Azam
Ahmadi)."""
_TRAILING_WORDS: Final = 3
"""Words after the last aligned one that may be a father's name ending one name only: UN
entries of Afghan and Pakistani persons write the father's full name after the person's
(ABDUL GHANI BARADAR ABDUL AHMAD TURK, Abdul Ghani Baradar)."""
_FATHER_RANK: Final = 50
"""A given name ranked this high in some country (``names.commonness``, whose table goes
down to 50) makes words ending a name a father's name (see ``_fathers_name``)."""


def _may_hold_inner(
    query: NameAnalysis, listed: NameAnalysis, taken: list[Pair], lowest: float
) -> bool:
    """Whether words left over inside one name may be a middle name or a patronymic that
    the other leaves out: persons' names (no business words, not Korean, whose syllables
    are counted), ``_INNER_ANCHORS`` words or more aligned, each ``_INNER_LIKENESS`` alike,
    in the same order on both sides."""
    if len(taken) < _INNER_ANCHORS or lowest < _INNER_LIKENESS:
        return False
    if query.korean or listed.korean or _business(query) or _business(listed):
        return False
    # A particle may meet one standing elsewhere (al-Habib ... al-Lubiri): name words keep order.
    order = sorted((qi[0], lj[0]) for qi, lj, _ in taken if listed.roles[lj[0]] != PARTICLE)
    return all(order[k][1] < order[k + 1][1] for k in range(len(order) - 1))


def _father_after_two(
    query: NameAnalysis, listed: NameAnalysis, taken: list[Pair], lowest: float
) -> bool:
    """Whether the query's words left over are a father's name (``_fathers_name``) after a
    list name of two name words, neither a common name (``_FATHER_RANK``), with which the
    query begins: Adib Shaban Ali Akbar against Adib Shaban. Mohammad Zarghami, or a word
    after the name that no given name is (Wardak), is left alone."""
    if len(taken) != 2 or lowest < _INNER_LIKENESS or len(listed.tokens) != 2:
        return False
    if query.korean or listed.korean or _business(query) or _business(listed):
        return False
    if any(r != NORMAL for r in listed.roles):
        return False
    if any(is_common(t, _FATHER_RANK) for t in listed.tokens):
        return False
    order = sorted((qi[0], lj[0]) for qi, lj, _ in taken)
    if order[0][0] != 0 or order[1][0] != 1 or order[0][1] > order[1][1]:
        return False
    run = list(range(2, len(query.tokens)))
    return _fathers_name(query.tokens, query.roles, run)


def one_word_more(
    query: NameAnalysis, listed: NameAnalysis, unmatched_q: tuple[int, ...]
) -> bool:
    """Whether the alignment has the shape ``_name_and_one_word`` looks at: a three-word
    query with one word left over, against a list name of two words. The screener scores a
    name of an entity of this shape with the word in full (``candidates``)."""
    return len(unmatched_q) == 1 and len(query.tokens) == 3 and len(listed.tokens) == 2


def _name_and_one_word(
    query: NameAnalysis,
    listed: NameAnalysis,
    taken: list[Pair],
    lowest: float,
    unmatched_q: tuple[int, ...],
    common_rank: int,
) -> bool:
    """Whether a three-word query is a list name of two name words, met each at
    ``_INNER_LIKENESS`` or more and in order, with one word more before or after it: a
    family, tribe or father's name the list's short name leaves out (JEROME KAKWAVU BUKANDE
    and its alias Jerome Kakwavu; ABDUL SAMAD ACHEKZAI, Abdul Samad) or a given name before
    it. A word between the two (Mohammad Azam Ahmadi, Mohammad Ahmadi) may as well make
    another person; so may a word added to a very common name (``common_rank``, see
    ``_common_name``), to one-syllable words (Tsang Yung Chul, Young-Chul), or to words in
    Arabic script, read as skeletons."""
    if not one_word_more(query, listed, unmatched_q) or unmatched_q[0] == 1:
        return False
    if len(taken) != 2 or lowest < _INNER_LIKENESS:
        return False
    if query.korean or listed.korean or _business(query) or _business(listed):
        return False
    if query.arabic or listed.arabic:
        return False  # skeletons: two met say less than two Latin words (see _common_name)
    if any(r != NORMAL for r in listed.roles) or query.roles[unmatched_q[0]] != NORMAL:
        return False
    first, second = listed.tokens
    if common_rank and common_pair(first, second, common_rank):
        return False
    if _monosyllable(first) and _monosyllable(second):
        return False
    order = sorted((qi[0], lj[0]) for qi, lj, _ in taken)
    return order[0][1] < order[1][1]


def _inner_weight(
    taken: list[Pair],
    unmatched: tuple[int, ...],
    weights: tuple[float, ...],
    side: int,
    tokens: tuple[str, ...],
    roles: tuple[int, ...],
) -> float:
    """The weight of the ``unmatched`` words of one name (``side`` 0: the query, 1: the
    list name) that stand between its first and its last aligned word, and of a lone word
    after its last one: a father's name ending one name only (ABDUL RAHMAN ZAFAR
    MOHAMMAD, Abdul Rahman Zafar)."""
    words = [qi if side == 0 else lj for qi, lj, _ in taken]
    first = min(w[0] for w in words)
    last = max(w[-1] for w in words)
    inner = sum((weights[i] for i in unmatched if first < i < last), 0.0)
    trailing = [i for i in unmatched if i > last]
    if (
        trailing
        and (len(trailing) == 1 or _fathers_name(tokens, roles, trailing))
        and sum(1 for w in words if roles[w[0]] != PARTICLE) >= _INNER_ANCHORS
    ):
        inner += sum((weights[i] for i in trailing), 0.0)  # a father's name after it
    return inner


def _fathers_name(tokens: tuple[str, ...], roles: tuple[int, ...], run: list[int]) -> bool:
    """Whether words ending a name may be a father's name: at most ``_TRAILING_WORDS``,
    one of them a given name ranked ``_FATHER_RANK`` or better in some country (WALI
    MOHAMMAD, ALI MARDAN QUL); Wardak Sultani is a tribe and a family, another person."""
    return len(run) <= _TRAILING_WORDS and any(
        roles[i] == NORMAL and given_rank(tokens[i]) <= _FATHER_RANK for i in run
    )


def _conflict(
    query: NameAnalysis,
    query_weights: tuple[float, ...],
    unmatched_q: tuple[int, ...],
    listed: NameAnalysis,
    list_weights: tuple[float, ...],
    unmatched_l: tuple[int, ...],
) -> float:
    """The weight of ordinary words left unmatched on both sides, the lighter side's: each
    such word stands where the other name has another (AL-HASSANI vs AL-JUBURI). An ordinary
    word left over against a business word left over on the other side is a conflict of the
    ordinary word's weight: Academy of Chang Defense is not Academy of National Defense,
    though National alone weighs little. Both words of four letters or more: a short word
    may be a slip of a short one (PF for Of)."""
    q_roles, l_roles = query.roles, listed.roles
    wq = sum((query_weights[i] for i in unmatched_q if q_roles[i] == NORMAL), 0.0)
    wl = sum((list_weights[j] for j in unmatched_l if l_roles[j] == NORMAL), 0.0)
    if wq > 0.0 and wl > 0.0:
        return min(wq, wl)
    if wq > 0.0 and _business_word(listed, unmatched_l):
        return _long_words(query, query_weights, unmatched_q)
    if wl > 0.0 and _business_word(query, unmatched_q):
        return _long_words(listed, list_weights, unmatched_l)
    return 0.0


_LONG: Final = 4
"""Letters from which a business word and the ordinary word against it conflict."""


def _business_word(name: NameAnalysis, idx: tuple[int, ...]) -> bool:
    return any(name.roles[i] == GENERIC and len(name.tokens[i]) >= _LONG for i in idx)


def _long_words(name: NameAnalysis, weights: tuple[float, ...], idx: tuple[int, ...]) -> float:
    return sum(
        (weights[i] for i in idx if name.roles[i] == NORMAL and len(name.tokens[i]) >= _LONG),
        0.0,
    )


def _qualifiers_differ(
    query: NameAnalysis,
    unmatched_q: tuple[int, ...],
    listed: NameAnalysis,
    unmatched_l: tuple[int, ...],
) -> bool:
    """Whether a typed qualifier is left over on each side, of one type: a place (Thailand
    against Vietnam) or a number (folded from II, Second: ``2`` against ``3``, ``2nd``
    against ``3rd``). Such qualifiers tell apart members of one group of companies."""
    q, lt = query.tokens, listed.tokens
    if any(q[i][0].isdigit() for i in unmatched_q) and any(lt[j][0].isdigit() for j in unmatched_l):
        return True
    return (
        PLACE in query.roles
        and PLACE in listed.roles
        and (
            any(query.roles[i] == PLACE for i in unmatched_q)
            and any(listed.roles[j] == PLACE for j in unmatched_l)
        )
    )


def _initials_reordered(query: NameAnalysis, listed: NameAnalysis, taken: list[Pair]) -> bool:
    """Whether initials aligned with initials stand in another order on each side (A.B.C.
    against C.B.A.): the letters of a name keep their order, whatever its words do."""
    q_roles, l_roles = query.roles, listed.roles
    order = sorted(
        (qi[0], lj[0])
        for qi, lj, _ in taken
        if len(qi) == 1 and len(lj) == 1 and q_roles[qi[0]] == INITIAL and l_roles[lj[0]] == INITIAL
    )
    return any(order[k][1] > order[k + 1][1] for k in range(len(order) - 1))


def _patronymic_swapped(query: NameAnalysis, listed: NameAnalysis, taken: list[Pair]) -> bool:
    """Whether a word before bin, ibn, ould (the person's own name) on one side aligns with
    a word after one (the father's) on the other: Hamad bin Khalifa is Khalifa's son,
    Khalifa bin Hamad Hamad's."""
    q_sides = _nasab_sides(query)
    if not q_sides:
        return False
    l_sides = _nasab_sides(listed)
    if not l_sides:
        return False
    for qi, lj, _ in taken:
        if len(qi) == 1 and len(lj) == 1:
            a, b = q_sides.get(qi[0], 0), l_sides.get(lj[0], 0)
            if a and b and a != b:
                return True
    return False


_OWN = 1
_FATHER = 2


def _nasab_sides(name: NameAnalysis) -> dict[int, int]:
    """The words next to patronymic particles: ``_OWN`` before the first, the person's own
    name; ``_FATHER`` after each, a father's (in Saad bin Fahd bin Nasser, Fahd too)."""
    particles = patronymic_particles()
    toks, roles = name.tokens, name.roles
    sides: dict[int, int] = {}
    for p in range(1, len(toks) - 1):
        if roles[p] == PARTICLE and toks[p] in particles:
            if not sides and roles[p - 1] == NORMAL:
                sides[p - 1] = _OWN
            if roles[p + 1] == NORMAL:
                sides[p + 1] = _FATHER
    return sides


def _kinds_differ(query: NameAnalysis, listed: NameAnalysis) -> bool:
    """A legal form on one side and a personal title on the other: a company and a person
    (Ahmed Inc against Ahmad Haji, where each sets aside what would tell them apart)."""
    q_company = bool(query.legal_forms) and not query.titles
    l_company = bool(listed.legal_forms) and not listed.titles
    q_person = bool(query.titles) and not query.legal_forms
    l_person = bool(listed.titles) and not listed.legal_forms
    return (q_company and l_person) or (l_company and q_person)


def _unused(used: int, n: int) -> tuple[int, ...]:
    """Indexes below ``n`` whose bit is not set in ``used``."""
    if used == (1 << n) - 1:
        return ()
    return tuple(i for i in range(n) if not used >> i & 1)


def _acronym(
    query: NameAnalysis, listed: NameAnalysis, config: ScreeningConfig
) -> NameScore | None:
    short, long_ = (query, listed) if query.acronym_like else (listed, query)
    tail_ok = [r != NORMAL for r in long_.roles]
    if not is_acronym_of(short.tokens[0], long_.tokens, tail_ok):
        return None
    nq, nl = len(query.tokens), len(listed.tokens)
    # A letter for each of two or three ordinary words: a person's initials, which fit many.
    personal = (
        len(short.tokens[0]) == len(long_.tokens) <= 3
        and not long_.legal_forms
        and set(long_.roles) == {NORMAL}
    )
    features = NameFeatures(
        0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0, False, False, False, False, True,
        False, 1.0, 1.0, nq, nl, False, False, personal,
    )  # fmt: skip
    pairs: tuple[Pair, ...] = ((tuple(range(nq)), tuple(range(nl)), 1.0),)
    return NameScore(name_score(features, config), pairs, (), (), False, features)


def _generations_differ(query: NameAnalysis, listed: NameAnalysis) -> bool:
    """Jr on one side, Sr on the other: father and son (the suffixes are set aside as titles)."""
    if not query.titles or not listed.titles:
        return False
    generations = generational_suffixes()
    gq = generations.intersection(query.titles)
    gl = generations.intersection(listed.titles)
    return bool(gq) and bool(gl) and gq != gl


def _business(name: NameAnalysis) -> bool:
    return bool(name.legal_forms) or GENERIC in name.roles


_INITIALISM = 0.9


def _initialisms(
    q: tuple[str, ...], lt: tuple[str, ...], taken: list[Pair], used_q: int, used_l: int
) -> tuple[list[Pair], int, int]:
    """In company names, a short word left unaligned that spells the initials of neighbouring
    unaligned words of the other name stands for them (JV = Joint Venture, KL = Kuala Lumpur,
    XNK = Xuat Nhap Khau). ``taken`` is extended in place."""
    for short, long_, short_is_query in ((q, lt, True), (lt, q, False)):
        used_s, used_o = (used_q, used_l) if short_is_query else (used_l, used_q)
        for i, word in enumerate(short):
            k = len(word)
            if used_s >> i & 1 or not 2 <= k <= 4 or not word.isalpha():
                continue
            for start in range(len(long_) - k + 1):
                if _spells(word, long_, start, used_o):
                    span = tuple(range(start, start + k))
                    used_s |= 1 << i
                    used_o |= ((1 << k) - 1) << start
                    taken.append(
                        ((i,), span, _INITIALISM) if short_is_query else (span, (i,), _INITIALISM)
                    )
                    break
        used_q, used_l = (used_s, used_o) if short_is_query else (used_o, used_s)
    return taken, used_q, used_l


def _spells(word: str, long_: tuple[str, ...], start: int, used: int) -> bool:
    """Whether ``word`` is the initials of the words of ``long_`` from ``start`` on, each
    unaligned (bit clear in ``used``) and of two letters or more."""
    for n in range(len(word)):
        j = start + n
        w = long_[j]
        if used >> j & 1 or len(w) < 2 or w[0] != word[n]:
            return False
    return True


def _has_generic(name: NameAnalysis, idx: tuple[int, ...]) -> bool:
    return any(name.roles[i] in _BUSINESS for i in idx)


def role_factor(role: int, config: ScreeningConfig) -> float:
    """How much a word of this role weighs relative to an ordinary word."""
    if role == GENERIC:
        return config.generic_weight
    if role == PARTICLE:
        return config.particle_weight
    if role == PLACE:
        return config.place_weight
    return 1.0


def _korean(
    query: NameAnalysis,
    q: tuple[str, ...],
    query_weights: tuple[float, ...],
    listed: NameAnalysis,
    lt: tuple[str, ...],
    list_weights: tuple[float, ...],
    config: ScreeningConfig,
    known: int = 0,
) -> NameScore | None:
    """Family name (first or last) against family name, given name syllable by syllable in
    order; ``None`` when the given names differ in length (then words are aligned freely).
    ``q`` and ``lt`` are the names' syllables: their tokens, or both names' Hangul. Bit
    ``i`` of ``known``: the query's syllable ``i`` was read from Hangul with a vowel of one
    spelling, so a list syllable with another vowel is another syllable, not a slip (순 is
    not Son); only the list's Latin spelling may have slipped, and only where
    romanisations differ."""
    total_q, total_l = sum(query_weights, 0.0), sum(list_weights, 0.0)
    generations = _generations_differ(query, listed)  # Kim Yong Chol Jr is not Sr
    slip = config.korean_slip_similarity
    best: NameScore | None = None
    for qs in query.surname_positions:
        q_given = [i for i in range(len(q)) if i != qs]
        for ls in listed.surname_positions:
            l_given = [j for j in range(len(lt)) if j != ls]
            if len(q_given) != len(l_given):
                continue
            family = _korean_similarity(q[qs], lt[ls], 0.0)
            pairs: list[Pair] = [((qs,), (ls,), family)]
            for i, j in zip(q_given, l_given, strict=True):
                slipped = _slip(q[i], lt[j], known >> i & 1, slip)
                pairs.append(((i,), (j,), _korean_similarity(q[i], lt[j], slipped)))
            numerator = sum(
                (s * (query_weights[qi[0]] + list_weights[lj[0]]) for qi, lj, s in pairs), 0.0
            )
            sims = [p[2] for p in pairs]
            features = NameFeatures(
                numerator, total_q, total_l, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0,
                int(family == 0.0) + int(generations), family == 0.0, False, generations,
                False, False, True, min(sims), max(sims), len(q), len(lt),
            )  # fmt: skip
            score = name_score(features, config)
            if best is None or score > best.score:
                kept = tuple(p for p in pairs if p[2] > 0.0)
                unmatched_q = tuple(sorted(p[0][0] for p in pairs if p[2] == 0.0))
                unmatched_l = tuple(sorted(p[1][0] for p in pairs if p[2] == 0.0))
                best = NameScore(score, kept, unmatched_q, unmatched_l, False, features)
    return best


def _script_profiles(query: NameAnalysis, listed: NameAnalysis) -> tuple[JoinProfile, JoinProfile]:
    """The profiles of two names either of which is written in Arabic script. The other
    name's Chinese family name is never joined with its given name here either (马楠 is Ma
    Nan, not the Manan of عبد المنان)."""
    if query.arabic and listed.arabic:
        return script_profile(query.tokens, _ABJAD_BOTH), script_profile(listed.tokens, _ABJAD_BOTH)
    if query.arabic:
        family = han_family_name(listed.original, len(listed.tokens))
        return (
            script_profile(query.tokens, _ABJAD_MINE),
            script_profile(listed.tokens, _ABJAD_OTHER, family),
        )
    family = han_family_name(query.original, len(query.tokens))
    return (
        script_profile(query.tokens, _ABJAD_OTHER, family),
        script_profile(listed.tokens, _ABJAD_MINE),
    )


def _syllabic(name: NameAnalysis) -> bool:
    """A name of two or more one-syllable words of Chinese or Vietnamese shape (the shape of
    its words is ``JoinProfile.syllables``)."""
    return (
        not name.korean
        and len(name.tokens) >= 2
        and all(r in (NORMAL, PARTICLE) for r in name.roles)
        and NORMAL in name.roles
    )


def _drop_syllable_slips(
    q: tuple[str, ...], lt: tuple[str, ...], taken: list[Pair], used_q: int, used_l: int
) -> tuple[list[Pair], int, int]:
    """In names made of syllables (Li Wei, Tran Van Minh), two different syllables are two
    different names (Wei/Wen, Minh/Manh, Lan/Lanh), as with Korean names: unalign them."""
    kept: list[Pair] = []
    for qi, lj, s in taken:
        if len(qi) == 1 and len(lj) == 1 and q[qi[0]] != lt[lj[0]]:
            used_q &= ~(1 << qi[0])
            used_l &= ~(1 << lj[0])
        else:
            kept.append((qi, lj, s))
    return kept, used_q, used_l


def _drop_repeat_splits(
    q: tuple[str, ...], lt: tuple[str, ...], taken: list[Pair], used_q: int, used_l: int
) -> tuple[list[Pair], int, int]:
    """A word written twice in one name aligned with two different words of the other
    (Saleem Saleem against Salim Saleh, Mohammad Shafiq Mohammad against Mohammad Shafiq
    Mohammadi): one of the two is the repeated word, the other a name of its own, not a
    spelling of it. The weaker pair is unaligned when the stronger is the repeated word
    itself and the other word is another name (``_another_name``). Not in Arabic script,
    where words are skeletons and two names share one (Hassan and Husayn, hsn)."""
    drop: set[int] = set()
    for a in range(len(taken)):
        qa, la, sa = taken[a]
        if len(qa) != 1 or len(la) != 1:
            continue
        for b in range(a + 1, len(taken)):
            qb, lb, sb = taken[b]
            if len(qb) != 1 or len(lb) != 1 or max(sa, sb) < 1.0:
                continue  # neither is the repeated word itself (Sd, Sd against Sidi, Said)
            same_q = q[qa[0]] == q[qb[0]]
            if same_q == (lt[la[0]] == lt[lb[0]]):
                continue
            weak = b if sb <= sa else a
            qw, lw, s = taken[weak]
            repeated, other = (q[qw[0]], lt[lw[0]]) if same_q else (lt[lw[0]], q[qw[0]])
            if _another_name(other, repeated, s):
                drop.add(weak)
    if not drop:
        return taken, used_q, used_l
    kept: list[Pair] = []
    for k, (qi, lj, s) in enumerate(taken):
        if k in drop:
            used_q &= ~(1 << qi[0])
            used_l &= ~(1 << lj[0])
        else:
            kept.append((qi, lj, s))
    return kept, used_q, used_l


_OWN_NAME_RANK: Final = 50
"""A word ranked this high as a given or family name in some country (the whole of
lists/common_names.yaml) is a name of its own (``_another_name``)."""
_WRITTEN_OTHERWISE: Final = 0.85
"""The likeness from which two words are one name written otherwise (a sound key, another
spelling of a canonical name: Mahamoud and Mohamud), not two names."""


def _another_name(word: str, repeated: str, likeness: float) -> bool:
    """Whether ``word``, aligned with ``repeated`` at ``likeness``, is another name beside
    it: a nisba made of it (Mohammadi of Mohammad), or a name in its own right (a canonical
    name of the variant table, or one names-dataset ranks) less alike than one name
    written otherwise. A slip (Mohamex) or a cut (Moh, Abdul of Abdullah) is no other name."""
    forms = spellings(repeated) or (repeated,)
    if word[-1] in "iy" and word[:-1] in forms:
        return True  # Mohammadi, a name made from Mohammad
    if likeness >= _WRITTEN_OTHERWISE or any(form.startswith(word) for form in forms):
        return False
    return bool(spellings(word)) or is_common(word, _OWN_NAME_RANK)


_PARTICLE_LIKENESS: Final = 0.7
"""How alike a name word and a particle (Abu, Bin, Ould) must be to be aligned: Abiib is
not Abou (0.60), a given name where the list has a kunya's particle."""


def _drop_particle_guesses(
    query: NameAnalysis, listed: NameAnalysis, taken: list[Pair], used_q: int, used_l: int
) -> tuple[list[Pair], int, int]:
    """A name word met by a particle on the other side only as a weak guess (below
    ``_PARTICLE_LIKENESS``) and longer than a slip of it (``_name_against_particle``) is two
    different words, not one spelt two ways: unalign them (issue 14, class 1: a given name
    against the list's Abu is not a match)."""
    kept: list[Pair] = []
    for qi, lj, s in taken:
        if (
            len(qi) == 1 == len(lj)
            and s < _PARTICLE_LIKENESS
            and _name_against_particle(query, qi[0], listed, lj[0])
        ):
            used_q &= ~(1 << qi[0])
            used_l &= ~(1 << lj[0])
        else:
            kept.append((qi, lj, s))
    return kept, used_q, used_l


def _name_against_particle(query: NameAnalysis, i: int, listed: NameAnalysis, j: int) -> bool:
    """Whether one of two aligned words is a particle and the other a name word at least
    ``_PARTICLE_GAP`` letters longer: Abiib against Abu, not all (a slip of al) against al."""
    q_particle, l_particle = query.roles[i] == PARTICLE, listed.roles[j] == PARTICLE
    if q_particle == l_particle:
        return False
    word, particle = (listed.tokens[j], query.tokens[i]) if q_particle else (
        query.tokens[i], listed.tokens[j])
    return len(word) >= len(particle) + _PARTICLE_GAP


_PARTICLE_GAP: Final = 2
"""A slip of a particle (all, aal for al; au for abu) keeps its length or one letter more."""

_PARTICLE_SLIP: Final = 0.9
"""How alike a particle and a slip of it are (``ak`` or ``la`` for al, ``bne`` for ben)."""


def _particle_slips(
    query: NameAnalysis,
    listed: NameAnalysis,
    taken: list[Pair],
    used_q: int,
    used_l: int,
    query_weights: tuple[float, ...],
    list_weights: tuple[float, ...],
) -> tuple[list[Pair], int, int, tuple[float, ...]]:
    """A list particle left unmet (or met below ``_PARTICLE_SLIP``) and a query word that is
    a slip of it (``_slip_of``) are that particle: aligned at ``_PARTICLE_SLIP``, the query
    word weighing what the particle does (an unknown word ``ak`` would otherwise weigh as
    much as a rare name). Typists hurry over the short words: Shafi ak-Ajmi, Saifallah bne
    Hassine, ALL FURQAN."""
    weights: list[float] | None = None
    for j, role in enumerate(listed.roles):
        if role != PARTICLE:
            continue
        particle = listed.tokens[j]
        weak = -1  # a pair of this particle met below _PARTICLE_SLIP
        for k, (qi, lj, s) in enumerate(taken):
            if lj == (j,) and len(qi) == 1 and s < _PARTICLE_SLIP:
                weak = k
        if used_l >> j & 1 and weak < 0:
            continue
        for i, word in enumerate(query.tokens):
            free = not used_q >> i & 1 or (weak >= 0 and taken[weak][0] == (i,))
            if not free or query.roles[i] == PARTICLE or not _slip_of(word, particle):
                continue
            if weak >= 0:
                old_q = taken[weak][0][0]
                used_q &= ~(1 << old_q)
                del taken[weak]
            taken.append(((i,), (j,), _PARTICLE_SLIP))
            used_q |= 1 << i
            used_l |= 1 << j
            if weights is None:
                weights = list(query_weights)
            weights[i] = min(weights[i], list_weights[j])
            break
    return taken, used_q, used_l, query_weights if weights is None else tuple(weights)


def _slip_of(word: str, particle: str) -> bool:
    """Whether ``word`` is ``particle`` with one slip: a letter changed or two neighbours
    swapped (same length), a letter doubled, or a letter of a particle of three or more left
    out; never a known name (Ali is not a slip of al) nor a word with a digit."""
    if len(word) < 2 or not word.isalpha() or _spelled_otherwise(word, word):
        return False
    if _one_slip(word, particle):
        return True
    # A particle the list writes in its canonical form (ben as bin): a slip of another
    # spelling of it, as far as two neighbours swapped go (bne for ben).
    for k in range(len(word) - 1):
        swapped = word[:k] + word[k + 1] + word[k] + word[k + 2 :]
        if swapped != particle and canonical_words([swapped])[0] == particle:
            return True
    return False


def _one_slip(word: str, particle: str) -> bool:
    n, m = len(word), len(particle)
    if n == m:
        return _osa_distance(word, particle) == 1
    if n == m + 1:
        return any(word[k] == word[k + 1] and word[:k] + word[k + 1 :] == particle
                   for k in range(n - 1))
    return n == m - 1 and m >= 3 and _osa_distance(word, particle) == 1


_VOWEL_RUN = re.compile("[aeiouy]+")


def _monosyllable(token: str) -> bool:
    return len(token) <= 6 and len(_VOWEL_RUN.findall(token)) == 1


def _syllable_order_differs(
    query: NameAnalysis, listed: NameAnalysis, taken: list[Pair], is_burmese: bool
) -> bool:
    """Names of one-syllable words (Chinese, Vietnamese, Burmese shape) whose words all align
    but not in an order a family name moved to the other end explains: Tan Ming Wei is not
    Tan Wei Ming. Burmese names have no family name, so any change of order, and a syllable
    more or less, makes another name (Kyaw Aung, Aung Kyaw Moe are not Aung Kyaw)."""
    q, lt = query.tokens, listed.tokens
    if query.korean or listed.korean or len(q) < 2 or len(lt) < 2:
        return False
    if any(r != NORMAL for r in query.roles) or any(r != NORMAL for r in listed.roles):
        return False
    if is_burmese and len(q) != len(lt):
        return True
    if len(q) != len(lt) or len(taken) != len(q):
        return False
    if any(len(qi) != 1 or len(lj) != 1 for qi, lj, _ in taken):
        return False
    seq = [qi[0] for qi, _, _ in sorted(taken, key=lambda p: p[1][0])]
    if is_burmese:
        return seq != sorted(seq)
    if len(q) < 3 or not all(_monosyllable(t) for t in q) or not all(_monosyllable(t) for t in lt):
        return False
    k = seq.index(0)
    return seq[k:] + seq[:k] != sorted(seq)


def _distinctive_pair(listed: NameAnalysis, lj: tuple[int, ...]) -> bool:
    """Whether the list side of a pair identifies something (not only generic words,
    particles or places); the query side never vetoes a distinctive list word."""
    roles = listed.roles
    if len(lj) == 1:
        return roles[lj[0]] not in WEAK_ROLES
    return any(roles[j] not in WEAK_ROLES for j in lj)
