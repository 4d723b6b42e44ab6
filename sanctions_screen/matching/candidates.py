"""Name-level matching: which entries a name may refer to, and through which of their names.

The index proposes a few list names (:meth:`NameIndex.candidates`); each is aligned and
scored in full, and every entry keeps its best-scoring name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from sanctions_screen.matching.config import ScreeningConfig
from sanctions_screen.matching.index import (
    DERIVED_ACRONYM,
    DERIVED_POOLED,
    IndexedName,
    NameIndex,
    latin_only,
    other_readings,
    poolable,
    split_parenthetical,
)
from sanctions_screen.matching.scoring import (
    NO_MATCH,
    NameScore,
    abjad_similarity,
    one_word_more,
    score_names,
    token_similarity,
)
from sanctions_screen.names.analysis import (
    NORMAL,
    PLACE,
    NameAnalysis,
    NameKind,
    analyse,
    analyse_uncached,
)
from sanctions_screen.names.bidi import displayed, has_controls
from sanctions_screen.names.commonness import is_common
from sanctions_screen.names.text import compatibility_form, fold_uncached, has_words
from sanctions_screen.unlist.models import AliasQuality

MAX_ALIASES: Final = 50
"""Distinct ``;``-separated names screened from one query name: more than one party has."""
MAX_ALIAS_WORDS: Final = 40
"""Words screened of one name (the longest UN list name, with its remarks, has 25)."""
_SHORT: Final = 2 * MAX_ALIAS_WORDS
"""An ASCII name this long or shorter has at most MAX_ALIAS_WORDS words: nothing to count."""
_ALIAS: Final = re.compile("[^;]+")


@dataclass(frozen=True, slots=True, init=False)
class Candidate:
    """An entry the query name may refer to, through one of its names."""

    entry_index: int
    name: IndexedName
    name_score: NameScore
    query: NameAnalysis
    query_weights: tuple[float, ...]

    def __init__(
        self,
        entry_index: int,
        name: IndexedName,
        name_score: NameScore,
        query: NameAnalysis,
        query_weights: tuple[float, ...],
    ) -> None:
        """Written out, so that compiled it is built natively (see matching/result.py)."""
        object.__setattr__(self, "entry_index", entry_index)
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "name_score", name_score)
        object.__setattr__(self, "query", query)
        object.__setattr__(self, "query_weights", query_weights)


def analyse_query(name: str, kind: NameKind | None) -> list[NameAnalysis]:
    """The query's names: ``;``-separated parts, bracketed acronyms set aside."""
    out = []
    parts, folds, _ = _query_parts(name)
    for k in range(len(parts)):
        analysis = _analyse_part(parts[k], kind, folds[k] if folds else None)
        if analysis.tokens:
            out.append(analysis)
            out += other_readings(analysis, kind)  # Deng Xiaoping as Teng Hsiao-ping
    return out


def query_names(name: str) -> tuple[list[str], str]:
    """The names a query holds, and what had to be left out of them (``""``: nothing).

    Folded first (so that a full-width ``；`` separates and invisible or combining
    characters take no room), then split on ``;``, then bounded: at most
    :data:`MAX_ALIASES` distinct names of at most :data:`MAX_ALIAS_WORDS` words each. A
    name holding bidi controls is screened as stored and as displayed
    (:mod:`~sanctions_screen.names.bidi`). Nothing is cut by character count, so a listed
    name after long aliases or hidden behind invisible characters is still screened; what
    the bounds do cut is said, for the caller to report.
    """
    parts, _, cut = _query_parts(name)
    return list(parts), cut


_Parts = tuple[list[str], list[str | None], str]
"""A query's names, the fold of each where it was made (``None``: not made, or not the
name's own), and what was cut (see :func:`query_names`)."""
_PARTS_CACHE_SIZE: Final = 4_096
_parts: Final[dict[str, _Parts]] = {}
"""Names that needed work to split (not short, ASCII and without ``;``) -> their parts: the
screener asks twice of each query, for its names (``analyse_query``) and for what was cut
(``query_cut``), and folding a name in another script is the dear part of both."""


def clear_caches() -> None:
    """Forget the queries split so far (for cold-cache benchmarks)."""
    _parts.clear()


def _query_parts(name: str) -> _Parts:
    if name.isascii() and len(name) <= _SHORT and ";" not in name:
        return [name], [], ""  # most queries: one short name
    known = _parts.get(name)
    if known is None:
        if len(_parts) >= _PARTS_CACHE_SIZE:
            _parts.clear()
        known = _parts[name] = _split_query(name)
    return known


def _split_query(name: str) -> _Parts:
    if name.isascii():
        texts = [name]
    else:
        text = compatibility_form(name)
        texts = [text, displayed(text)] if has_controls(text) else [text]
    out: list[str] = []
    folds: list[str | None] = []
    seen: set[str] = set()
    long_names = 0
    for t, text in enumerate(texts):
        for match in _ALIAS.finditer(text):
            part = match.group()
            made = not part.isascii() or len(part) > _SHORT
            # The text as stored is in compatibility form already; the displayed order
            # may set marks beside other letters, to be composed again.
            folded = fold_uncached(part, t == 0) if made else part
            words = folded.split()
            if not words:
                continue
            if len(words) > MAX_ALIAS_WORDS:
                long_names += 1
                part = " ".join(words[:MAX_ALIAS_WORDS])
                folded = part
                made = False  # the name is now the folded words: analysed as written
            key = " ".join(folded.lower().split())
            if key in seen:
                continue
            if len(out) == MAX_ALIASES:
                return out, folds, _cut(long_names, more_names=True)
            seen.add(key)
            out.append(part)
            folds.append(folded if made else None)
    return out, folds, _cut(long_names, more_names=False)


def _cut(long_names: int, more_names: bool) -> str:
    notes = []
    if long_names:
        notes.append(
            f"{long_names} name(s) of more than {MAX_ALIAS_WORDS} words screened on their "
            f"first {MAX_ALIAS_WORDS}"
        )
    if more_names:
        notes.append(f"only the first {MAX_ALIASES} of its ;-separated names screened")
    return "name truncated: " + "; ".join(notes) if notes else ""


def query_cut(name: str) -> str:
    """What screening ``name`` leaves out (see :func:`query_names`), or ``""``."""
    return _query_parts(name)[2]


def query_has_words(name: str) -> bool:
    """``has_words(name)``, without folding the name again where a part of it was folded to
    words when it was split: a character that folds to a letter or digit in a part does so
    in the whole name."""
    known = _parts.get(name)
    if known is not None:
        for folded in known[1]:
            if folded is not None:
                return True
    return has_words(name)


def _analyse_part(part: str, kind: NameKind | None, folded: str | None) -> NameAnalysis:
    """``folded``: the fold of ``part`` if already made (``None``: fold it here)."""
    # Uncached: the screener keeps the candidates of each name it saw, analyses included.
    main, _ = split_parenthetical(part)
    analysis = analyse_uncached(main, kind, folded if main is part else None)
    return analysis if analysis.tokens else analyse_uncached(part, kind, folded)


def name_candidates(
    index: NameIndex,
    name: str,
    kind: NameKind | None,
    config: ScreeningConfig,
    floor: float,
    estimate_floor: float,
    place_floor: float | None = None,
) -> tuple[Candidate, ...]:
    """Best-scoring name of each entry whose name score reaches ``floor`` (``place_floor``
    for a name with a country or region word, which may agree with the entry's country and
    lift it), among the list names the index estimates at ``estimate_floor`` or more (see
    ``candidate_floor``)."""
    best: dict[int, Candidate] = {}
    for analysis in analyse_query(name, kind):
        weights = index.weights(analysis)
        floor_here = floor if place_floor is None or PLACE not in analysis.roles else place_floor
        ranked = index.candidates(analysis, weights, config.min_coverage, estimate_floor)
        partial: dict[int, Candidate] = {}
        pool_floor = config.pooled_share * floor_here
        pools = poolable(analysis)
        for nid in ranked[: config.max_candidates]:
            indexed = index.names[nid]
            pooling = pools and not indexed.derived and indexed.entry_index in index.persons
            # Pooling looks at names from ``pool_floor`` up: the bound must not cut them short.
            ns = score_names(
                analysis, weights, indexed.analysis, indexed.weights, config,
                pool_floor if pooling else floor_here,
            )  # fmt: skip
            if pooling and ns.score >= pool_floor and ns.unmatched_query:
                prior = partial.get(indexed.entry_index)
                if prior is None or ns.score > prior.name_score.score:
                    partial[indexed.entry_index] = Candidate(
                        indexed.entry_index, indexed, ns, analysis, weights
                    )
            if ns.score < floor_here:
                continue
            if indexed.derived == DERIVED_ACRONYM and any(p[2] < 1.0 for p in ns.pairs):
                # Initials we derived stand for the name only when written exactly (HMM is
                # not a misspelling of HMEO, the initials of Hanifa Money Exchange Office).
                continue
            prior = best.get(indexed.entry_index)
            if prior is None or better(ns, indexed, prior):
                best[indexed.entry_index] = Candidate(
                    indexed.entry_index, indexed, ns, analysis, weights
                )
        for entry_index, found in list(best.items()):
            if found.query is analysis and found.name_score.unmatched_query:
                best[entry_index] = _unless_father_differs(index, found, config)
        for entry_index, single in partial.items():
            pooled = pooled_candidate(index, single, config, floor_here)
            if pooled is None or pooled.name_score.score < floor_here:
                continue
            prior = best.get(entry_index)
            if prior is None or _pooled_better(pooled, prior):
                best[entry_index] = pooled
    return tuple(best.values())


_STRICT: Final[dict[int, tuple[ScreeningConfig, ScreeningConfig]]] = {}
"""Each config (by ``id``, with the config itself) and the config ``_unless_father_differs``
scores with: no word left over on one side only counts less."""


def _strict(config: ScreeningConfig) -> ScreeningConfig:
    known = _STRICT.get(id(config))
    if known is None or known[0] is not config:
        known = _STRICT[id(config)] = (
            config, config.model_copy(update={"inner_word_factor": 1.0})
        )
    return known[1]


def _unless_father_differs(
    index: NameIndex, found: Candidate, config: ScreeningConfig
) -> Candidate:
    """``found``, or its name scored with every left-over word in full when another name of
    the entry holds the words ``found`` leaves over in the query against other words: a
    query with a father's name (ABDUL HAI HAZEM ABDUL KHUDAIDAD) met a name without one
    (Abdul Hai Hazem), and the entry's full name gives another father (ABDUL HAI HAZEM ABDUL
    QADER)."""
    ns = found.name_score
    if ns.unmatched_list or config.inner_word_factor >= 1.0 or found.name.derived:
        return found
    if not ns.pairs:
        return found
    if found.entry_index not in index.persons:
        # A word more on an entity's name of two words is no family name (scoring's
        # ``_name_and_one_word``): another entity, maybe.
        if one_word_more(found.query, found.name.analysis, ns.unmatched_query):
            return _in_full(found, config)
        return found
    last = max(qi[-1] for qi, _, _ in ns.pairs)
    if ns.unmatched_query[0] < last:
        return found  # words left over inside the name, not a father's name after it
    query, weights = found.query, found.query_weights
    for nid in index.by_entry[found.entry_index]:
        other = index.names[nid]
        if other is found.name or other.derived:
            continue
        if len(other.analysis.tokens) <= len(found.name.analysis.tokens):
            continue
        against = score_names(query, weights, other.analysis, other.weights, config)
        if against.features.conflict > 0.0 and set(against.unmatched_query) <= set(
            ns.unmatched_query
        ):
            return _in_full(found, config)
    return found


def _in_full(found: Candidate, config: ScreeningConfig) -> Candidate:
    """``found``'s name scored again with every left-over word in full."""
    listed, query, weights = found.name, found.query, found.query_weights
    rescored = score_names(query, weights, listed.analysis, listed.weights, _strict(config))
    return Candidate(found.entry_index, listed, rescored, query, weights)


def _pooled_better(pooled: Candidate, prior: Candidate) -> bool:
    """Higher score wins, but a name of the entry's own beats one pooled with a weak alias's
    words, which are weak evidence (the weak-alias penalty would put it below)."""
    weak = AliasQuality.LOW
    if pooled.name.quality is weak and prior.name.quality is not weak:
        return False
    return pooled.name_score.score > prior.name_score.score


def pooled_candidate(
    index: NameIndex, single: Candidate, config: ScreeningConfig, floor: float = 0.0
) -> Candidate | None:
    """``single``'s list name with the words of its entry's other names that stand for the
    query words it leaves unmatched (a given name from the primary name, a family name from
    an a.k.a.), scored again; ``None`` when no other name holds such a word, or when even
    every wanted word found could not lift the hand score to ``floor``.

    One person's names are written apart, but a query may take its parts from several of
    them. Only a person's names are pooled, and only ordinary query words are looked for,
    each in a word of another name (not derived, in Latin script) with the same first letter
    or sound key, ``pooled_likeness`` or more alike, not a common name (``pooled_word_rank``).
    The query is in Latin script too, or in Arabic script: then a word of another name is
    found only as the abjad spelling of the query word (``abjad_similarity``), whatever its
    first letter (ع is not written: عمر, Omar). A name that holds every query word this one holds is
    scored on its own, not pooled; with one name to add, the other way round (that name
    with this one's words) is tried too, and the better kept.
    """
    query, listed = single.query, single.name.analysis
    if listed.korean or single.entry_index not in index.persons or not poolable(query):
        return None
    wanted = [i for i in single.name_score.unmatched_query if query.roles[i] == NORMAL]
    if not wanted or not _may_reach(single, wanted, floor, config):
        return None
    matched = [
        i for i in range(len(query.tokens))
        if query.roles[i] == NORMAL and i not in single.name_score.unmatched_query
    ]  # fmt: skip
    have = set(listed.tokens)
    like = config.pooled_likeness
    added: list[tuple[IndexedName, list[int]]] = []
    covered: list[int] = []  # by the first name added, of the words ``single`` matched
    for nid in index.by_entry[single.entry_index]:
        other = index.names[nid]
        if other is single.name or other.derived or not latin_only(other.name):
            continue
        found = _words_for(query, wanted, other.analysis, have, config.pooled_word_rank, like)
        if not found:
            continue
        holds = _words_for(query, matched, other.analysis, set(), 0, like) if matched else []
        if matched and len(holds) == len(matched):
            continue  # it holds the query's words that this name holds, and is scored alone
        if not added:
            covered = [i for i, _ in holds]
        added.append((other, [j for _, j in found]))
        for i, j in found:
            wanted.remove(i)
            have.add(other.analysis.tokens[j])
        if not wanted:
            break
    if not added:
        return None
    best = _pooled(single, single.name, added, config)
    if len(added) == 1:
        # The other way round too: the other name, with the words of this one it lacks (the
        # words each leaves over count against the name it is the base of).
        other = added[0][0]
        lacking = [i for i in matched if i not in covered]
        back = _words_for(query, lacking, single.name.analysis, set(other.analysis.tokens),
                          config.pooled_word_rank, like)  # fmt: skip
        if back and len(back) == len(lacking):
            flipped = _pooled(single, other, [(single.name, [j for _, j in back])], config)
            if flipped.name_score.score > best.name_score.score:
                best = flipped
    return best if best.name_score.score > single.name_score.score else None


def _pooled(
    single: Candidate,
    base: IndexedName,
    added: list[tuple[IndexedName, list[int]]],
    config: ScreeningConfig,
) -> Candidate:
    """The query of ``single`` scored against ``base`` with the words ``added`` (each
    other name of the entry and the indexes of its words to add)."""
    listed = base.analysis
    tokens, roles, phonetic = list(listed.tokens), list(listed.roles), list(listed.phonetic)
    weights = list(base.weights)
    quality = base.quality
    for other, words in added:
        for j in words:
            tokens.append(other.analysis.tokens[j])
            roles.append(other.analysis.roles[j])
            phonetic.append(other.analysis.phonetic[j])
            weights.append(other.weights[j])
        if other.quality is AliasQuality.LOW:
            quality = AliasQuality.LOW
    pooled = NameAnalysis(
        listed.original, listed.folded, tuple(tokens), tuple(roles), tuple(phonetic), False,
        listed.titles, listed.legal_forms, True,
    )  # fmt: skip
    ns = score_names(single.query, single.query_weights, pooled, tuple(weights), config)
    name = IndexedName(
        single.entry_index, " + ".join([base.name, *(other.name for other, _ in added)]),
        quality, pooled, tuple(weights), sum(weights, 0.0), True, DERIVED_POOLED,
    )  # fmt: skip
    return Candidate(single.entry_index, name, ns, single.query, single.query_weights)


def _may_reach(single: Candidate, wanted: list[int], floor: float, config: ScreeningConfig) -> bool:
    """Whether the hand score of ``single`` could reach ``floor`` if each wanted query word
    met a list word exactly: their weight moves from the query's left-over words to the
    aligned ones, and as much list weight joins them (the learned score: always)."""
    score = single.name_score.score
    if config.score_model != "hand":
        return True
    if score <= 0.0:
        return False
    aligned = single.name_score.features.aligned
    weight = 0.0
    for i in wanted:
        weight += single.query_weights[i]
    return (aligned + 2.0 * weight) / (aligned / score + weight) >= floor


def _words_for(
    query: NameAnalysis,
    wanted: list[int],
    other: NameAnalysis,
    have: set[str],
    rank: int,
    likeness: float,
) -> list[tuple[int, int]]:
    """(query word, word of ``other``) for each wanted query word that a word of ``other``
    stands for, not already in the pooled name and not a name ranked ``rank`` or better in
    some country (``names.commonness``: Muhammad in one alias and Muhammad in another say
    nothing of one person; 0: any word); see :func:`pooled_candidate`."""
    found: list[tuple[int, int]] = []
    taken: set[int] = set()
    for i in wanted:
        word, sound = query.tokens[i], query.phonetic[i]
        if not _name_word(word):
            continue
        best, best_j = likeness, -1
        for j, token in enumerate(other.tokens):
            if j in taken or token in have or other.roles[j] != NORMAL or not _name_word(token):
                continue
            if not query.arabic and token[0] != word[0] and other.phonetic[j] != sound:
                continue
            if rank and is_common(token, rank):
                continue
            s = abjad_similarity(word, token) if query.arabic else token_similarity(word, token)
            if s >= best:
                best, best_j = s, j
        if best_j >= 0:
            taken.add(best_j)
            found.append((i, best_j))
    return found


def _name_word(token: str) -> bool:
    """Whether a word may be pooled: letters only, two or more. A number or a letter in one
    name and another in a second say nothing of one person (``One-P`` and ``1-P`` met
    ``Trading Partner 1 1``)."""
    return len(token) >= 2 and token.isalpha()


def best_name(
    index: NameIndex,
    name_ids: list[int],
    name: str,
    kind: NameKind | None,
    config: ScreeningConfig,
) -> Candidate:
    """The entry's name closest to ``name`` (for an entry found by identifier alone)."""
    best: Candidate | None = None
    analyses = analyse_query(name, kind) or [analyse(name, kind)]
    for analysis in analyses:
        weights = index.weights(analysis)
        for nid in name_ids:
            indexed = index.names[nid]
            ns = (
                score_names(analysis, weights, indexed.analysis, indexed.weights, config)
                if analysis.tokens
                else NO_MATCH
            )
            if best is None or better(ns, indexed, best):
                best = Candidate(indexed.entry_index, indexed, ns, analysis, weights)
    assert best is not None, "an entry always has a name"
    return best


def better(ns: NameScore, indexed: IndexedName, prior: Candidate) -> bool:
    """Higher score wins; on a tie a primary or good name beats a weak alias or acronym."""
    if ns.score != prior.name_score.score:
        return ns.score > prior.name_score.score
    return _rank(indexed) < _rank(prior.name)


def _rank(indexed: IndexedName) -> int:
    if indexed.derived:
        return 3
    if indexed.quality is None:
        return 0
    return 2 if indexed.quality is AliasQuality.LOW else 1
