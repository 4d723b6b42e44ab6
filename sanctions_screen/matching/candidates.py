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
    IndexedName,
    NameIndex,
    other_readings,
    split_parenthetical,
)
from sanctions_screen.matching.scoring import NO_MATCH, NameScore, score_names
from sanctions_screen.names.analysis import PLACE, NameAnalysis, NameKind, analyse, analyse_uncached
from sanctions_screen.names.bidi import displayed, has_controls
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
        for nid in ranked[: config.max_candidates]:
            indexed = index.names[nid]
            ns = score_names(
                analysis, weights, indexed.analysis, indexed.weights, config, floor_here
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
    return tuple(best.values())


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
