"""The candidate index: every list name folded, weighted and keyed once, at build time.

A query touches only the postings of its own tokens: exact tokens, joined token pairs
(``jongun`` ~ ``jong un``), phonetic keys and one-deletion neighbourhoods (SymSpell-style, so a
typo still meets its word). Token weights are inverse document frequencies over the list's
names, damped for generic words, particles and initials.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from operator import itemgetter
from typing import cast

from sanctions_screen.matching.config import ScreeningConfig
from sanctions_screen.matching.scoring import abjad_similarity, role_factor, token_similarity
from sanctions_screen.names.acronyms import left_out_of_initials
from sanctions_screen.names.analysis import (
    GENERIC,
    INITIAL,
    NORMAL,
    PARTICLE,
    PLACE,
    NameAnalysis,
    NameKind,
    analyse,
)
from sanctions_screen.names.chinese import wade_giles_reading
from sanctions_screen.names.nicknames import full_names
from sanctions_screen.names.phonetic import (
    abjad_keys,
    is_abjad,
    latin_abjad_keys,
    ocr_key,
    phonetic_key,
    plain,
    skeleton,
)
from sanctions_screen.names.romanisation import script_readings
from sanctions_screen.names.text import fold
from sanctions_screen.names.variants import canonical_words, spellings
from sanctions_screen.unlist.aliases import screening_names
from sanctions_screen.unlist.models import AliasQuality, ListEntry

_PAREN = re.compile(r"\(([^()]*)\)")
_ACRONYM = re.compile(r"^[A-Za-z][A-Za-z0-9&-]{1,7}$")
_REFERENCE = re.compile(r"[A-Za-z]{2,3}[ie]?\.\d{3}")

DERIVED_ACRONYM = "acronym"
DERIVED_READING = "reading"
"""A list name read in another romanisation (``names.chinese``: pinyin in Wade-Giles;
``names.romanisation``: Cyrillic in ICAO 9303, ISO 9, BGN/PCGN and the press's; Katakana
spelt back)."""
DERIVED_POOLED = "pooled"
"""One of an entry's names with words of its other names that the query also holds
(``candidates.pooled_candidate``)."""
# Entries a hits cache holds before it is emptied. The words of 100,000 benchmark names fit
# (18,000), and so do their short word pairs (17,800, looked up as dearly as a word); the long
# pairs, nearly all seen once, get a smaller bound of their own, so their stream does not
# empty the short pairs.
_WORD_CACHE_SIZE = 20_000
_SPLIT_CACHE_SIZE = 20_000
_PAIR_CACHE_SIZE = 10_000

_PLAIN: dict[int, float] = {}  # an all-generic name: every word at its idf alone

Hits = tuple[tuple[int, ...], tuple[float, ...], tuple[float, ...]]
"""Names a key meets (ascending ids), the weight met in each (times likeness) and the likeness
of the words that met (1.0: the word itself). Parallel tuples: going through a key's names
costs no look-up, and they take less memory than dicts."""
_NOWHERE: Hits = ((), (), ())  # shared by the many keys that meet nothing
_WEIGHT = itemgetter(0)  # made once: an itemgetter made per query was a call into Python
# The key functions without their caches, for the one-off words of long joined pairs.
_metaphone = phonetic_key.__wrapped__
_ocr = ocr_key.__wrapped__
_MIN_FUZZY = 0.6
_READING_LIKENESS = 0.85
"""How alike (``abjad_similarity``) a Latin list word must be to a query word in Arabic script
to lend it its rarity: the word written without its short vowels, at least."""
_MAX_JOINED_DELETIONS = 12  # longer joined list words: sound and OCR keys only
_MIN_JOINED = 7  # a query word this long and unknown may be two list words written as one
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_MAX_FUZZY_LENGTH = 24  # longer "words" are not names: no deletion neighbourhood


@dataclass(frozen=True, slots=True, init=False)
class IndexedName:
    """One name of one entry, analysed and weighted."""

    entry_index: int
    name: str
    quality: AliasQuality | None
    analysis: NameAnalysis
    weights: tuple[float, ...]
    total_weight: float
    distinctive: bool
    derived: str

    def __init__(
        self,
        entry_index: int,
        name: str,
        quality: AliasQuality | None,
        analysis: NameAnalysis,
        weights: tuple[float, ...],
        total_weight: float,
        distinctive: bool,
        derived: str = "",
    ) -> None:
        """Written out, so that compiled it is built natively (see names/analysis.py)."""
        object.__setattr__(self, "entry_index", entry_index)
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "quality", quality)
        object.__setattr__(self, "analysis", analysis)
        object.__setattr__(self, "weights", weights)
        object.__setattr__(self, "total_weight", total_weight)
        object.__setattr__(self, "distinctive", distinctive)
        object.__setattr__(self, "derived", derived)


_Near = tuple[float, int, float, list[int]]
"""An entry's names estimated below the floor: the best estimate, its name, the weight its
uncovered words would cost, and every such name of the entry."""


def _near(near: dict[int, _Near], entry: int, nid: int, estimate: float, left: float) -> None:
    """Note a name estimated below the floor (``left``: the weight its uncovered words
    would cost); the best of an entry's is the highest estimate, the lowest id on a tie."""
    seen = near.get(entry)
    if seen is None:
        near[entry] = (estimate, nid, left, [nid])
        return
    seen[3].append(nid)
    if estimate > seen[0] or (estimate == seen[0] and nid < seen[1]):
        near[entry] = (estimate, nid, left, seen[3])


def _pooled(
    near: dict[int, _Near],
    keyed: list[tuple[float, Hits]],
    total_q: float,
    floor: float,
    ranked: list[tuple[float, int]],
) -> None:
    """Entries two or more of whose names each cover part of the query (a given name in one,
    a family name in another): the best of them is ranked by the estimate of the query keys
    they meet together, when these are more than it meets alone (the scorer pools the
    entry's names: ``candidates.pooled_candidate``)."""
    for _, best, left, names in near.values():
        if len(names) < 2:
            continue
        union = alone = 0.0
        for w, hits in keyed:
            ids = hits[0]
            if _holds(ids, best):
                alone += w
                union += w
            elif any(_holds(ids, nid) for nid in names):
                union += w
        if union <= alone:
            continue
        covered = min(union, total_q)
        estimate = 2.0 * covered / (total_q + covered + left)
        if estimate >= floor:
            ranked.append((estimate, best))


def poolable(analysis: NameAnalysis) -> bool:
    """Whether a query may be met by an entry's names pooled: not Korean (a given name keeps
    its syllables in order) and every letter Latin (a name in another script is romanised
    loosely, its words no one's exact spelling: pooled, they would meet anything), or
    written in Arabic script, whose words meet a Latin word only as its abjad spelling
    (``scoring.abjad_similarity``), never by likeness alone."""
    return not analysis.korean and (analysis.arabic or latin_only(analysis.original))


def latin_only(name: str) -> bool:
    """Whether every letter of the name is Latin."""
    if name.isascii():
        return True
    for c in name:  # noqa: SIM110 (a loop: compiled, all() over a generator builds one)
        if ord(c) >= 0x250 and c.isalpha():
            return False
    return True


def _holds(ids: tuple[int, ...], nid: int) -> bool:
    """Whether the ascending ``ids`` hold ``nid``."""
    k = bisect_left(ids, nid)
    return k < len(ids) and ids[k] == nid


def deletions(token: str) -> list[str]:
    """The token and every string one deletion away from it (tokens of 4+ letters)."""
    if not 4 <= len(token) <= _MAX_FUZZY_LENGTH:
        return [token]
    return [token] + [token[:i] + token[i + 1 :] for i in range(len(token))]


def split_parenthetical(name: str) -> tuple[str, list[str]]:
    """Take acronyms in brackets out of a name: ``DAEDONG CREDIT BANK (DCB)`` -> DCB alias.

    A bracketed word is an acronym when it starts with the name's first letter; bracketed
    references to other entries (``(KPE.018)``) are dropped; other bracketed text
    (``AL-HARAMAYN FOUNDATION (TANZANIA)``) stays part of the name. A bracket never closed
    was cut by a field width (``SHAHID BAGHERI INDUSTRIAL GROUP (SB``): what is left of it
    is dropped.
    """
    if "(" not in name:
        return name, []
    opened = name.rfind("(")
    if ")" not in name[opened:] and name[:opened].strip():
        name = name[:opened]
        if "(" not in name:
            return name.strip(), []
    extra: list[str] = []
    first = fold(_PAREN.sub(" ", name))[:1]

    def repl(m: re.Match[str]) -> str:
        inner = m.group(1).strip()
        if _REFERENCE.fullmatch(inner):
            return " "
        if _ACRONYM.match(inner) and fold(inner)[:1] == first and len(fold(inner)) >= 2:
            extra.append(inner)
            return " "
        return m.group(0)

    return _PAREN.sub(repl, name).strip(), extra


def other_readings(analysis: NameAnalysis, kind: NameKind | None) -> list[NameAnalysis]:
    """The name read in other romanisations, where they differ: a person's pinyin name in
    Wade-Giles (Deng Xiaoping as ``teng hsiao ping``), a name in Cyrillic as a passport, a
    library or the press writes it, a foreign name in Katakana spelt back
    (``names.romanisation``)."""
    out: list[NameAnalysis] = []
    for text in reading_texts(analysis, kind):
        other = analyse(text, kind)
        if other.tokens:
            out.append(other)
    return out


def reading_texts(analysis: NameAnalysis, kind: NameKind | None) -> list[str]:
    """The texts of :func:`other_readings`, before they are analysed."""
    readings = script_readings(analysis.original)
    if kind == "organization" or kind == "vessel":
        return readings
    # The words as written, not the tokens: the Korean reader takes many Chinese names for
    # Korean ones (Gu Jianguo), and the reading goes through it as the other name does.
    words = analysis.folded.split()
    if analysis.titles:
        words = [w for w in words if w not in analysis.titles]
    reading = wade_giles_reading(words)
    if reading is not None:
        readings.append(" ".join(reading))
    return readings


def acronym(analysis: NameAnalysis) -> str | None:
    """Initials of an organisation's words (``KOREA KWANGSON BANKING CORPORATION`` -> kkbc).

    None for a name written in Arabic script, which has no capitals to make initials of:
    with the alef folded to ``a``, سلسلة الذهب للصرافة would give ``sal``, a word no Latin
    name holds, and a query's last word ``sal`` would no longer be read as cut short.
    """
    if analysis.arabic:
        return None
    skip = left_out_of_initials()
    words = [
        t
        for t, role in zip(analysis.tokens, analysis.roles, strict=True)
        if t not in skip and role != PARTICLE
    ]
    if len(words) < 3:
        return None
    return "".join(w[0] for w in words)


class NameIndex:
    """Postings from token keys to the names that contain them."""

    def __init__(self, entries: Iterable[ListEntry], config: ScreeningConfig) -> None:
        self.config = config
        self.names: list[IndexedName] = []
        entries = tuple(entries)
        self.persons: frozenset[int] = frozenset(
            i for i, entry in enumerate(entries) if entry.kind == "individual"
        )
        """Entries that are individuals: only a person's names are pooled."""
        raw = list(self._analyse_all(entries))
        df: dict[str, int] = {}
        latin: set[str] = set()
        for _, _, _, analysis, _ in raw:
            for token in set(analysis.tokens):
                df[token] = df.get(token, 0) + 1
            if not analysis.arabic:
                latin.update(analysis.tokens)
        self.df = df
        self.latin_words = frozenset(latin)
        """Words of names not written in Arabic script: a short last query word that is none
        of them may be a truncated one (عباس folds to "bas", which no Latin name holds)."""
        self.size = max(len(raw), 1)
        self._log_n = math.log(self.size + 1)
        self._idf = {token: self._idf_of(count) for token, count in df.items()}
        self._read_idf: dict[str, float] | None = None
        """Weights of words of queries in Arabic script, by their readings (``_reading_idf``);
        ``None`` while the list's own names are weighed."""
        self._initial_weight = config.initial_weight
        cfg = config
        self._role_factors = {
            role: role_factor(role, cfg) for role in (NORMAL, GENERIC, PARTICLE, PLACE)
        }
        exact: dict[str, dict[int, float]] = {}
        fuzzy: dict[str, set[str]] = {}
        prefixes: dict[str, dict[int, float]] = {}
        pairs: set[str] = set()
        for i, (entry_index, name, quality, analysis, derived) in enumerate(raw):
            weights = self.weights(analysis)
            self.names.append(
                IndexedName(
                    entry_index,
                    name,
                    quality,
                    analysis,
                    weights,
                    sum(weights, 0.0),
                    analysis.distinctive,
                    derived,
                )
            )
            toks = analysis.tokens
            for t, w in zip(toks, weights, strict=True):
                _post(exact, t, i, w)
                for end in range(3, len(t)):
                    _post(prefixes, t[:end], i, w)
            for k in range(len(toks) - 1):
                _post(exact, toks[k] + toks[k + 1], i, weights[k] + weights[k + 1])
                pairs.add(toks[k] + toks[k + 1])
            if 2 < len(toks) <= 5:
                _post(exact, "".join(toks), i, sum(weights, 0.0))
        for token in df:
            # A canonical name (muhammad) is met through the keys of all its spellings: a
            # typo of Mohamed is one edit from mohamed, not from muhammad.
            for spelling in spellings(token) or (token,):
                for key in fuzzy_keys(spelling, indexing=True):
                    fuzzy.setdefault(key, set()).add(token)
            for name in full_names(token):  # Bill meets William under "@william"
                fuzzy.setdefault("@" + name, set()).add(token)
        # Neighbouring words written as one (SaeedAhmed, Avdulrazak): a long query word meets
        # two joined words of a list name through the same typo keys (a whole name joined,
        # rarer, through its sound and OCR keys only: its deletions would double the index).
        joined_words: dict[str, set[str]] = {}
        for word in exact.keys() - df.keys():
            if len(word) >= _MIN_JOINED:
                keys = fuzzy_keys(word, indexing=True)
                if word not in pairs or len(word) > _MAX_JOINED_DELETIONS:
                    keys = [k for k in keys if k[0] in "=~#"]
                for key in keys:
                    joined_words.setdefault(key, set()).add(word)
        self.abjad_words = _abjad_words(latin)
        """Latin list words under the letters an abjad spelling of them writes
        (``phonetic.abjad_keys``): what a word of a query in Arabic script may stand for."""
        self._read_idf = {}
        shared = self._shared = _Shared(len(raw))
        self.exact = {key: shared.listed(names) for key, names in exact.items()}
        self.fuzzy = _keyed_words(fuzzy, joined_words)
        self.prefixes = {key: shared.listed(names) for key, names in prefixes.items()}
        self._letters = ["".join({t[0] for t in n.analysis.tokens}) for n in self.names]
        factor = config.unmatched_list_factor
        self._totals = [n.total_weight for n in self.names]
        self._factors = [
            1.0 if n.analysis.korean or len(n.weights) < 3 else factor for n in self.names
        ]
        self._max_weight = [max(n.weights) for n in self.names]
        self.by_entry: dict[int, list[int]] = {}
        """Each entry's names (ids into ``names``), for pooling an entry's aliases."""
        for nid, indexed in enumerate(self.names):
            self.by_entry.setdefault(indexed.entry_index, []).append(nid)
        self._entry_of = [n.entry_index for n in self.names]
        # Separate caches, so that the stream of one-off word pairs does not evict the words.
        self._word_cache: dict[str, tuple[str, Hits]] = {}  # token -> (phonetic key, hits)
        self._pair_cache: dict[str, Hits] = {}
        self._split_cache: dict[str, Hits] = {}  # pairs looked up with every key
        self._abjad_cache: dict[str, Hits] = {}  # words of queries in Arabic script
        # Slot tables (see _covered) not in use: one per query screened at once (threads).
        self._free_slots: list[list[int]] = []

    @staticmethod
    def _analyse_all(
        entries: Iterable[ListEntry],
    ) -> Iterable[tuple[int, str, AliasQuality | None, NameAnalysis, str]]:
        for entry_index, entry in enumerate(entries):
            kind: NameKind = "person" if entry.kind == "individual" else "organization"
            seen: set[tuple[str, ...]] = set()
            # An individual's alias may carry another script, kin or a note (unlist.aliases).
            individual = entry.kind == "individual"
            names = [
                (part.strip(), q)
                for n, q in entry.names()
                for alias in (screening_names(n) if individual else (n,))
                for part in alias.split(";")
            ]
            for name, quality in names:
                if not name:
                    continue
                main, acronyms = split_parenthetical(name)
                for text, derived in [(main, ""), *((a, "") for a in acronyms)]:
                    analysis = analyse(text, kind)
                    if analysis.tokens and analysis.tokens not in seen:
                        seen.add(analysis.tokens)
                        yield entry_index, text, quality, analysis, derived
                    for reading in other_readings(analysis, kind):
                        if reading.tokens not in seen:
                            seen.add(reading.tokens)
                            yield entry_index, text, quality, reading, DERIVED_READING
                if kind == "organization":
                    short = acronym(analyse(main, kind))
                    if short and (short,) not in seen:
                        seen.add((short,))
                        yield entry_index, main, quality, analyse(short, kind), DERIVED_ACRONYM

    def _idf_of(self, df: int) -> float:
        return max(0.25, min(1.0, math.log((self.size + 1) / (df + 0.5)) / self._log_n))

    def idf(self, token: str) -> float:
        """Inverse document frequency on 0.25..1 (a word unknown to the list weighs 1)."""
        return self._idf.get(token, 1.0)

    def weights(self, analysis: NameAnalysis) -> tuple[float, ...]:
        """Weight of each token of a name; an all-generic name weighs its words in full."""
        idf = self._idf
        initial = self._initial_weight
        factors = self._role_factors if analysis.distinctive else _PLAIN
        tokens, roles = analysis.tokens, analysis.roles
        # A loop by position, compiled: zip(..., strict=True) is a call with a keyword into
        # the interpreter, the costliest part of weighing a query (once per query).
        out: list[float] = []
        if analysis.arabic and self._read_idf is not None:
            for i in range(len(tokens)):
                role = roles[i]
                rarity = self._reading_idf(tokens[i])
                out.append(initial if role == INITIAL else rarity * factors.get(role, 1.0))
            return tuple(out)
        for i in range(len(tokens)):
            role = roles[i]
            out.append(
                initial if role == INITIAL else idf.get(tokens[i], 1.0) * factors.get(role, 1.0)
            )
        return tuple(out)

    def _reading_idf(self, abjad: str) -> float:
        """The rarity of a query word written in Arabic script, as the list's commonest word
        it may be the abjad spelling of says (``scoring.abjad_similarity``): محمد weighs as
        Muhammad does, not as a word the Latin names never hold. A list name in Arabic
        script weighs its words among the list's words as written."""
        cache = self._read_idf
        assert cache is not None
        known = cache.get(abjad)
        if known is not None:
            return known
        if len(cache) >= _WORD_CACHE_SIZE:
            cache.clear()
        df = self.df
        count = df.get(abjad, 0)
        for key in abjad_keys(abjad):
            for word in self.abjad_words.get(key, ()):
                if df[word] > count and abjad_similarity(abjad, word) >= _READING_LIKENESS:
                    count = df[word]
        known = cache[abjad] = self._idf_of(count) if count else 1.0
        return known

    def candidates(
        self,
        analysis: NameAnalysis,
        weights: tuple[float, ...],
        min_coverage: float,
        floor: float,
    ) -> list[int]:
        """Names worth scoring for a query, most promising first.

        Each name met by the query's keys gets an estimate of its score from the index alone:
        the query weight (``sq``) and list weight (``cl``) the shared keys cover, each at the
        likeness of the words that met, put into the scoring formula as if the covered words
        aligned with that likeness. Names below ``floor``, or
        covering less than ``min_coverage`` of the query, are never aligned. Only distinctive
        query words look names up (generic words and particles would meet half the list),
        unless the query has nothing else.
        """
        keyed = self._keyed(analysis, weights)
        if not keyed:
            return []
        total_q = sum(weights, 0.0)
        need = min_coverage * total_q
        # Names met only by the lightest keys cannot reach min_coverage: never enumerate them.
        keyed.sort(key=_WEIGHT)
        light = 0.0
        first = 0
        while first < len(keyed) and light + keyed[first][0] < need:
            light += keyed[first][0]
            first += 1
        if first == len(keyed):
            return []
        slot_of = self._slot_table()
        ids, cq, sq, cl = _covered(keyed, first, slot_of)
        self._free_slots.append(slot_of)  # _covered left it all -1 again
        initials = self._initials(analysis, weights)
        totals, factors, heaviest = self._totals, self._factors, self._max_weight
        letters = self._letters
        ranked: list[tuple[float, int]] = []
        near: dict[int, _Near] = {}
        entry_of, persons, pools = self._entry_of, self.persons, poolable(analysis)
        for i in range(len(ids)):
            q = cq[i]
            if q < need:
                continue
            nid = ids[i]
            wl_total = totals[nid]
            c = cl[i]
            if initials:
                # An initial may stand for any list word with that letter: assume the heaviest.
                for letter, w in initials:
                    if letter in letters[nid]:
                        q += w
                        c += heaviest[nid]
            if c > wl_total:
                c = wl_total
            q = sq[i] + q - cq[i]  # initials added above count in full
            estimate = (min(q, total_q) + c) / (total_q + c + factors[nid] * (wl_total - c))
            if estimate >= floor:
                ranked.append((estimate, nid))
            elif pools and q < total_q and entry_of[nid] in persons:
                _near(near, entry_of[nid], nid, estimate, factors[nid] * (wl_total - c))
        if near:
            _pooled(near, keyed, total_q, floor, ranked)
        ranked.sort()  # (estimate, name) pairs are all different: reversed is best first
        ranked.reverse()
        return [nid for _, nid in ranked]

    def _keyed(
        self, analysis: NameAnalysis, weights: tuple[float, ...]
    ) -> list[tuple[float, Hits]]:
        """The query's keys that meet names, each with the query weight it stands for: its
        words, pairs of neighbouring words written as one, a truncated last word."""
        toks, phonetic, roles = analysis.tokens, analysis.phonetic, analysis.roles
        use_all = not analysis.distinctive
        initial, normal = INITIAL, NORMAL  # one global look-up per query, not per word
        arabic = analysis.arabic
        keyed: list[tuple[float, Hits]] = []
        for i in range(len(toks)):
            role = roles[i]
            if role == initial or not (use_all or role == normal):
                continue
            hits = self.token_hits(toks[i], phonetic[i])
            if arabic:
                hits = _merged(hits, self.abjad_hits(toks[i]))
            if hits[0]:
                keyed.append((weights[i], hits))
        df = self.df
        for k in range(len(toks) - 1):
            left, right = toks[k], toks[k + 1]
            joined = left + right
            if left in df and right in df:
                pair = self.exact.get(joined, _NOWHERE)
            elif len(joined) <= 8 or len(left) <= 3 or len(right) <= 3:
                # a word split in two (Moham med, a1 Ghamdi): look the whole word up
                pair = self.joined_hits(joined, every_key=True)
            else:  # two long words: rarely one word split, so the cheaper lookup
                pair = self.joined_hits(joined)
            if arabic:  # سيف الله, Saifullah
                pair = _merged(pair, self.abjad_hits(joined))
            if pair[0]:
                keyed.append((weights[k] + weights[k + 1], pair))
        last = toks[-1]
        if (
            len(toks) > 1
            and (len(last) >= 4 or len(last) == 3 and last not in self.latin_words)
            and (truncated := self.prefixes.get(last))
        ):
            keyed.append((weights[-1], truncated))  # a truncated last word
        return keyed

    @staticmethod
    def _initials(analysis: NameAnalysis, weights: tuple[float, ...]) -> list[tuple[str, float]]:
        """The query's initials with their weights (looked up by letter, not in postings)."""
        roles = analysis.roles
        initial = INITIAL
        if initial not in roles:
            return []
        toks = analysis.tokens
        return [(toks[i], weights[i]) for i in range(len(toks)) if roles[i] == initial]

    def token_hits(self, token: str, phonetic: str) -> Hits:
        """Names sharing this token, its phonetic key or a one-edit neighbour (cached).

        Each name comes with the weight of its token that was met, times the likeness of the
        two words, and the likeness itself (1.0 for a name with the token itself).
        """
        cached = self._word_cache.get(token)
        if cached is not None and cached[0] == phonetic:
            return cached[1]
        if len(self._word_cache) >= _WORD_CACHE_SIZE:
            self._word_cache.clear()
        hits = self._token_hits(token, phonetic)
        self._word_cache[token] = (phonetic, hits)
        return hits

    def joined_hits(self, joined: str, *, every_key: bool = False) -> Hits:
        """Names with a word that two neighbouring query words make together (``moham med``).

        With ``every_key``, the joined word is looked up as any query word is
        (:meth:`token_hits`); otherwise spelled as listed, alike in sound (``mohamed`` for
        ``muhammad``) or through an OCR slip only: a long word split in two and misspelled
        as well is left to the typo keys of its halves. The cheaper lookup matters because
        nearly every pair of long unlisted words comes here, each pair a new key. Cached by
        the pair as written, so a pair seen before costs one dict look-up.
        """
        cache = self._split_cache if every_key else self._pair_cache
        hits = cache.get(joined)
        if hits is not None:
            return hits
        if len(cache) >= (_SPLIT_CACHE_SIZE if every_key else _PAIR_CACHE_SIZE):
            cache.clear()
        word = "".join(canonical_words([joined]))
        if every_key:
            hits = self._token_hits(word, phonetic_key(word))
        else:
            # A one-off word: its keys are computed without filling the key caches.
            near: set[str] = set()
            if len(word) >= 3:
                near.update(self.fuzzy.get("=" + _metaphone(word), _NO_WORDS).words)
                if not plain(word) and (ocr := _ocr(word)) != word:  # plain: its own key
                    near.update(self.fuzzy.get("~" + ocr, _NO_WORDS).words)
            hits = self._verified(word, near)
        cache[joined] = hits
        return hits

    def abjad_hits(self, abjad: str) -> Hits:
        """Names with a Latin word that ``abjad``, a word written in Arabic script, may be
        the abjad spelling of (``scoring.abjad_similarity``), each at that likeness (cached):
        the keys of :meth:`token_hits` are made for Latin spellings, and miss ``lwnysy``
        (لونيسي) for Lounici or ``gl`` (گل) for Gul."""
        cache = self._abjad_cache
        hits = cache.get(abjad)
        if hits is not None:
            return hits
        if len(cache) >= _WORD_CACHE_SIZE:
            cache.clear()
        near: set[str] = set()
        for key in abjad_keys(abjad):
            near.update(self.abjad_words.get(key, ()))
        hits = cache[abjad] = self._verified(abjad, near, abjad=True) if near else _NOWHERE
        return hits

    def _token_hits(self, token: str, phonetic: str) -> Hits:
        near: set[str] = set()
        keys = fuzzy_keys(token, phonetic=phonetic)
        for spelling in spellings(token)[1:]:  # as when indexing: every spelling's keys
            keys += fuzzy_keys(spelling)
        keys += ["@" + name for name in full_names(token)]
        if len(token) == 3 and token not in self.df:
            near.update(self._one_edit(token))
        elif len(token) == 4 and token not in self.df:
            # A letter too many in a three-letter word (guul, gul), which has no deletion keys.
            df = self.df
            near.update([d for d in deletions(token)[1:] if d in df])
        fuzzy = self.fuzzy
        if len(token) >= _MIN_JOINED and token not in self.df:
            # May be two list words written as one: their joined words join the neighbours
            # (after the single words, as they always have).
            joined: list[tuple[str, ...]] = []
            for key in keys:
                found = fuzzy.get(key)
                if found is not None:
                    near.update(found.words)
                    if found.joined:
                        joined.append(found.joined)
            for words in joined:
                near.update(words)
        else:
            for key in keys:
                found = fuzzy.get(key)
                if found is not None:
                    near.update(found.words)
        return self._verified(token, near)

    def _one_edit(self, token: str) -> list[str]:
        """Listed words one edit from a short word (``sno`` for son, ``kyo`` for kyu): a
        three-letter word has no deletion keys, and its slip may hit the first letter."""
        df = self.df
        out: list[str] = []
        n = len(token)
        for i in range(n):
            head, tail = token[:i], token[i + 1 :]
            if i + 1 < n:
                swapped = head + token[i + 1] + token[i] + token[i + 2 :]
                if swapped in df:
                    out.append(swapped)
            if head + tail in df:
                out.append(head + tail)
            for c in _LETTERS:
                if c != token[i] and head + c + tail in df:
                    out.append(head + c + tail)
        for i in range(n + 1):
            for c in _LETTERS:
                if token[:i] + c + token[i:] in df:
                    out.append(token[:i] + c + token[i:])
        return out

    def _verified(self, token: str, near: set[str], *, abjad: bool = False) -> Hits:
        """Postings of ``token`` and of each neighbour really like it (SymSpell-style: a
        shared key only proposes), a neighbour's names counted at its likeness (with
        ``abjad``, ``token`` is written in Arabic script and the neighbours in Latin letters).

        Each name met keeps its best weight in a slot found through a table indexed by name,
        as in :func:`_covered`, rather than in two dicts (a list index costs less than a dict
        look-up, and this runs for every fuzzy word).
        """
        exact = self.exact.get(token)
        if not near:
            return exact or _NOWHERE
        slot_of = self._slot_table()
        ids: list[int] = []
        best: list[float] = []  # the weight met, times the likeness
        alike: list[float] = []  # the likeness of the word that met
        for word in near:
            if word == token:
                continue
            s = abjad_similarity(token, word) if abjad else token_similarity(token, word)
            if s < _MIN_FUZZY:
                continue
            names, met, _ = self.exact[word]
            for k in range(len(names)):
                nid = names[k]
                w = met[k] * s
                i = slot_of[nid]
                if i < 0:
                    if w > 0.0:
                        slot_of[nid] = len(ids)
                        ids.append(nid)
                        best.append(w)
                        alike.append(s)
                elif best[i] < w:
                    best[i] = w
                    alike[i] = s
        hits = exact or _NOWHERE
        if ids:
            if exact:  # the word itself, where listed, counts in full
                names, met, _ = exact
                for k in range(len(names)):
                    nid = names[k]
                    i = slot_of[nid]
                    if i < 0:
                        slot_of[nid] = len(ids)
                        ids.append(nid)
                        best.append(met[k])
                        alike.append(1.0)
                    else:
                        best[i] = met[k]
                        alike[i] = 1.0
            ids.sort()
            hits = (
                self._shared.id_tuple(ids),
                tuple([best[slot_of[nid]] for nid in ids]),
                tuple([alike[slot_of[nid]] for nid in ids]),
            )
            for nid in ids:
                slot_of[nid] = -1
        self._free_slots.append(slot_of)
        return hits

    def _slot_table(self) -> list[int]:
        """A table of -1 for each name, to find a name's slot in parallel lists by its id; it
        goes back to ``_free_slots`` all -1 again (one dropped on an error is not reused)."""
        free = self._free_slots
        return free.pop() if free else [-1] * len(self.names)


def _abjad_words(latin: set[str]) -> dict[str, tuple[str, ...]]:
    """Latin words by the keys of their abjad spellings (``phonetic.latin_abjad_keys``),
    each spelling of a canonical word included (as ``abjad_similarity`` tries them)."""
    found: dict[str, set[str]] = {}
    for word in latin:
        for spelling in spellings(word) or (word,):
            for key in latin_abjad_keys(spelling):
                found.setdefault(key, set()).add(word)
    return {key: tuple(sorted(words)) for key, words in found.items()}


def _merged(a: Hits, b: Hits) -> Hits:
    """Two postings of one query word as one: each name at the better of its two (the
    first's on a tie). Both are in ascending name order, and so is the result: one walk
    down the two, without a dict or a sort."""
    if not b[0]:
        return a
    if not a[0]:
        return b
    a_names, a_met, a_like = a
    b_names, b_met, b_like = b
    names: list[int] = []
    met: list[float] = []
    likeness: list[float] = []
    i = j = 0
    na, nb = len(a_names), len(b_names)
    while i < na or j < nb:
        if j == nb or (i < na and a_names[i] < b_names[j]):
            names.append(a_names[i])
            met.append(a_met[i])
            likeness.append(a_like[i])
            i += 1
        elif i == na or b_names[j] < a_names[i] or b_met[j] > a_met[i]:
            names.append(b_names[j])
            met.append(b_met[j])
            likeness.append(b_like[j])
            if i < na and a_names[i] == b_names[j]:
                i += 1
            j += 1
        else:  # the same name, met no better in ``b``
            names.append(a_names[i])
            met.append(a_met[i])
            likeness.append(a_like[i])
            i += 1
            j += 1
    return tuple(names), tuple(met), tuple(likeness)


@dataclass(frozen=True, slots=True, init=False)
class Neighbours:
    """The list words under one typo key, and the joined list words (two neighbouring words
    written as one) under it."""

    words: tuple[str, ...]
    joined: tuple[str, ...]

    def __init__(self, words: tuple[str, ...], joined: tuple[str, ...]) -> None:
        """Written out, so that compiled it is built natively (see names/analysis.py)."""
        object.__setattr__(self, "words", words)
        object.__setattr__(self, "joined", joined)


_NO_WORDS = Neighbours((), ())


def _keyed_words(words: dict[str, set[str]], joined: dict[str, set[str]]) -> dict[str, Neighbours]:
    """One table from each typo key to its words and joined words: a long unknown query word
    asks one table for both (two tables took twice the look-ups, and 266,631 of the 621,389
    on the benchmark's names were in the joined table, where 992 found anything). Keys with
    the same words share one entry (17,485 entries for 92,098 keys). Empties both arguments."""
    shared: dict[tuple[str, ...], tuple[str, ...]] = {(): ()}
    entries: dict[tuple[tuple[str, ...], tuple[str, ...]], Neighbours] = {}
    table: dict[str, Neighbours] = {}
    # Emptied as they are read, so that the sets go while the table grows (a lower peak).
    # One loop over both, without a helper: compiled, a nested function is a Python call.
    empty: set[str] = set()
    while words or joined:
        if words:
            key, found = words.popitem()
            single = tuple(found)
            double = tuple(joined.pop(key, empty))
        else:
            key, found = joined.popitem()
            single, double = (), tuple(found)
        pair = (shared.setdefault(single, single), shared.setdefault(double, double))
        entry = entries.get(pair)
        if entry is None:
            entry = entries[pair] = Neighbours(pair[0], pair[1])
        table[key] = entry
    return table


class _Shared:
    """One object for each name id and each weight, shared by every posting.

    Compiled, an int or a float is boxed anew each time it goes into a tuple: the postings
    held 51,946 int and 55,285 float objects for 4,522 names and 2,708 weights, strewn
    through memory, so that going through a posting touched a cold object at every step.
    Shared, they fit in the processor's caches (and take 2.8 MB less).
    """

    def __init__(self, names: int) -> None:
        self.ids: list[object] = [nid for nid in range(names)]
        self.floats: dict[float, object] = {}
        self.ones: dict[int, tuple[float, ...]] = {}  # one tuple of 1.0s per length

    def id_tuple(self, ids: list[int]) -> tuple[int, ...]:
        """``tuple(ids)``, made of the shared objects."""
        objects = self.ids
        return cast(tuple[int, ...], tuple([objects[nid] for nid in ids]))

    def listed(self, names: dict[int, float]) -> Hits:
        """Postings of a key as listed: every name met by the word itself."""
        likeness = self.ones.get(len(names))
        if likeness is None:
            likeness = self.ones[len(names)] = (1.0,) * len(names)
        ids = sorted(names)
        floats = self.floats
        met = tuple([floats.setdefault(names[nid], names[nid]) for nid in ids])
        return self.id_tuple(ids), cast(tuple[float, ...], met), likeness


def _covered(
    keyed: list[tuple[float, Hits]], first: int, slot_of: list[int]
) -> tuple[list[int], list[float], list[float], list[float]]:
    """Each name the keys from ``first`` on meet, with the query weight they cover, the same
    at the likeness of the words that met (for the estimate) and the list weight covered;
    the lighter keys before ``first`` only add to names already met.

    One slot per name in parallel lists, found through ``slot_of`` (indexed by name, -1 for
    a name not met, and all -1 again on return): a list index per posting instead of a dict
    look-up. With it, going through a light key's whole posting costs less than searching
    it for each name met (bisection).
    """
    ids: list[int] = []
    cq: list[float] = []
    sq: list[float] = []
    cl: list[float] = []
    for j in range(first, len(keyed)):
        w, (names, met, likeness) = keyed[j]
        for k in range(len(names)):
            nid = names[k]
            i = slot_of[nid]
            if i < 0:
                slot_of[nid] = len(ids)
                ids.append(nid)
                cq.append(w)
                sq.append(w * likeness[k])
                cl.append(met[k])
            else:
                cq[i] += w
                sq[i] += w * likeness[k]
                cl[i] += met[k]
    for j in range(first):
        w, (names, met, likeness) = keyed[j]
        for k in range(len(names)):
            i = slot_of[names[k]]
            if i >= 0:
                cq[i] += w
                sq[i] += w * likeness[k]
                cl[i] += met[k]
    for nid in ids:
        slot_of[nid] = -1
    return ids, cq, sq, cl


def fuzzy_keys(token: str, *, phonetic: str | None = None, indexing: bool = False) -> list[str]:
    """Keys under which a token meets its likely misspellings: its metaphone key, OCR key,
    abjad skeleton (for vowel-less words) and one-deletion neighbourhood."""
    keys: list[str] = []
    if len(token) >= 3:
        p = phonetic_key(token) if phonetic is None else phonetic
        if len(p) >= 3:
            keys.append("=" + p)
        # A plain query word (most) is its own OCR key and not abjad: neither key to add.
        if indexing or not plain(token):
            if indexing or ocr_key(token) != token:
                keys.append("~" + ocr_key(token))
            if (indexing or is_abjad(token)) and len(sk := skeleton(token)) >= 2:
                keys.append("#" + sk)
        # Written without vowels (MHMD SLMN, Anwr al-Awlq): the first letter and the
        # consonants, which a list word's vowels never reach through one deletion.
        if indexing:
            if len(bare := consonants(token)) >= 2 and bare != token:
                keys.append("%" + bare)
        elif _vowelless(token):
            keys.append("%" + consonants(token))
    elif len(token) == 2 and is_abjad(token) and token[0] not in "y":
        # Two consonants (Rk, Sd): a short word written without vowels (Riak, Saudi).
        keys.append("%" + token)
    if len(token) >= 4:
        keys.extend(deletions(token))
    return keys


def consonants(token: str) -> str:
    """The first letter and the consonants after it, doubled letters once: ``mhmd`` for
    muhammad and for mhmmd (see ``scoring.vowels_dropped``)."""
    # Letters gathered in a list and joined once: compiled, ``out += c`` built a new string
    # for each letter.
    last = token[0]
    out = [last]
    for k in range(1, len(token)):
        c = token[k]
        if c not in "aeiouy" and c != last:
            out.append(c)
            last = c
    return "".join(out)


def _vowelless(token: str) -> bool:
    """No vowel after the first letter (a word of 3+ letters written without vowels); a y
    counts as a consonant here, as a written-out y often stands for one (``smyh`` for
    samiyah, ``zgby``), while ``consonants`` sets it aside on both sides.
    A loop, not all() over a generator: asked of every new query word, and compiled a loop
    needs no generator object."""
    for c in token[1:]:  # noqa: SIM110
        if c in "aeiou":
            return False
    return True


def _post(postings: dict[str, dict[int, float]], key: str, nid: int, weight: float) -> None:
    bucket = postings.setdefault(key, {})
    if bucket.get(nid, 0.0) < weight:
        bucket[nid] = weight
