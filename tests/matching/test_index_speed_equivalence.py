"""The index's candidate ranking, held to a plain re-statement of its rules.

``NameIndex.candidates`` is written for speed (parallel tuples, one slot per name met); the
reference below says the same thing with a dict per quantity, so that a faster rewrite which
changes a ranking, an estimate or a cut fails here.
"""

from __future__ import annotations

import random

import pytest

from sanctions_screen.matching.candidates import analyse_query
from sanctions_screen.matching.config import ScreeningConfig
from sanctions_screen.matching.index import Hits, NameIndex
from sanctions_screen.names.analysis import INITIAL, NORMAL, NameAnalysis
from sanctions_screen.unlist.models import SanctionsList


@pytest.fixture(scope="module")
def index(newest_list: SanctionsList) -> NameIndex:
    return NameIndex(newest_list.entries, ScreeningConfig())


def _queries(sanctions_list: SanctionsList) -> list[str]:
    """List names as written, with a letter dropped, two words run together and cut short."""
    rng = random.Random(3)
    names = [n for entry in sanctions_list.entries[::7] for n, _ in entry.names()][:400]
    out = list(names)
    for name in names:
        words = name.split()
        i = rng.randrange(len(name))
        out.append(name[:i] + name[i + 1 :])
        if len(words) > 1:
            k = rng.randrange(len(words) - 1)
            out.append(" ".join([*words[:k], words[k] + words[k + 1], *words[k + 2 :]]))
            out.append(" ".join([*words[:-1], words[-1][:4]]))
    return out


def _abjad(index: NameIndex, analysis: NameAnalysis, word: str, hits: Hits) -> Hits:
    """A query in Arabic script: each name at the better of the word's keys and its abjad
    keys."""
    if not analysis.arabic:
        return hits
    best: dict[int, tuple[float, float]] = {}
    for ids, met, likeness in (hits, index.abjad_hits(word)):
        for nid, wl, s in zip(ids, met, likeness, strict=True):
            if nid not in best or best[nid][0] < wl:
                best[nid] = (wl, s)
    ids = sorted(best)
    return tuple(ids), tuple(best[n][0] for n in ids), tuple(best[n][1] for n in ids)


def _reference(
    index: NameIndex, analysis: NameAnalysis, weights: tuple[float, ...], cover: float, floor: float
) -> list[int]:
    toks = analysis.tokens
    keyed: list[tuple[float, Hits]] = []
    for t, p, role, w in zip(toks, analysis.phonetic, analysis.roles, weights, strict=True):
        if role != INITIAL and (not analysis.distinctive or role == NORMAL):
            keyed.append((w, _abjad(index, analysis, t, index.token_hits(t, p))))
    for k in range(len(toks) - 1):
        joined, short = toks[k] + toks[k + 1], min(len(toks[k]), len(toks[k + 1])) <= 3
        if toks[k] in index.df and toks[k + 1] in index.df:
            hits = index.exact.get(joined, ((), (), ()))
        else:
            hits = index.joined_hits(joined, every_key=len(joined) <= 8 or short)
        hits = _abjad(index, analysis, joined, hits)
        keyed.append((weights[k] + weights[k + 1], hits))
    last = toks[-1]
    if len(toks) > 1 and (len(last) >= 4 or len(last) == 3 and last not in index.latin_words):
        keyed.append((weights[-1], index.prefixes.get(last, ((), (), ()))))
    keyed = sorted((kh for kh in keyed if kh[1][0]), key=lambda kh: kh[0])
    total_q = sum(weights, 0.0)
    need = cover * total_q
    first, light = 0, 0.0
    while first < len(keyed) and light + keyed[first][0] < need:
        light, first = light + keyed[first][0], first + 1
    cq: dict[int, float] = {}
    sq: dict[int, float] = {}
    cl: dict[int, float] = {}
    for j, (w, (ids, met, likeness)) in enumerate([*keyed[first:], *keyed[:first]]):
        light_key = j >= len(keyed) - first  # adds only to names the others met
        for nid, wl, s in zip(ids, met, likeness, strict=True):
            if nid in cq:
                cq[nid] += w
                sq[nid] += w * s
                cl[nid] += wl
            elif not light_key:
                cq[nid], sq[nid], cl[nid] = w, w * s, wl
    initials = [
        (t, w) for t, w, r in zip(toks, weights, analysis.roles, strict=True) if r == INITIAL
    ]
    ranked = []
    # A person two or more of whose names fall short, each covering part of the query: its
    # best name (lowest id on a tie) ranked by the keys they meet together, if more than
    # the keys it meets alone.
    # Only for a query in Latin letters or in Arabic script, not Korean.
    short_of: dict[int, list[tuple[float, int, float]]] = {}
    latin_not_korean = not analysis.korean and (analysis.arabic or all(
        ord(c) < 0x250 for c in analysis.original if c.isalpha()
    ))
    for nid, covered in cq.items():
        if covered < need:
            continue
        name = index.names[nid]
        q, c = covered, cl[nid]
        for letter, w in initials:
            if any(t[0] == letter for t in name.analysis.tokens):
                q, c = q + w, c + max(name.weights)
        c = min(c, name.total_weight)
        q = sq[nid] + q - cq[nid]
        short = name.analysis.korean or len(name.weights) < 3
        factor = 1.0 if short else index.config.unmatched_list_factor
        left = factor * (name.total_weight - c)
        est = (min(q, total_q) + c) / (total_q + c + left)
        if est >= floor:
            ranked.append((est, nid))
        elif q < total_q and name.entry_index in index.persons and latin_not_korean:
            short_of.setdefault(name.entry_index, []).append((est, -nid, left))
    for names in short_of.values():
        if len(names) >= 2:
            _, best, left = max(names)
            ids = {-n for _, n, _ in names}
            union = sum(w for w, hits in keyed if ids & set(hits[0]))
            alone = sum(w for w, hits in keyed if -best in hits[0])
            covered = min(union, total_q)
            est = 2 * covered / (total_q + covered + left)
            if union > alone and est >= floor:
                ranked.append((est, -best))
    return [nid for _, nid in sorted(ranked, reverse=True)]


def test_candidates_match_the_plain_statement(index: NameIndex, newest_list: SanctionsList) -> None:
    cfg = index.config
    floor = cfg.review_threshold - cfg.estimate_margin
    compared = 0
    for query in _queries(newest_list):
        for analysis in analyse_query(query, None):
            w = index.weights(analysis)
            for cover, cut in ((cfg.min_coverage, floor), (0.0, 0.0)):
                assert index.candidates(analysis, w, cover, cut) == _reference(
                    index, analysis, w, cover, cut
                ), query
                compared += 1
    assert compared > 1000


def test_postings_are_parallel_and_ascending(index: NameIndex) -> None:
    for postings in [*index.exact.values(), *index.prefixes.values()]:
        ids, met, likeness = postings
        assert len(ids) == len(met) == len(likeness) > 0
        assert list(ids) == sorted(set(ids))
        assert set(likeness) == {1.0}
    ids, met, likeness = index.token_hits("muhamad", "MHMT")
    assert list(ids) == sorted(set(ids)) and len(ids) == len(met) == len(likeness)
    assert 0.0 < min(likeness) < 1.0
