"""Name scoring: align query tokens with list tokens, weigh the alignment, explain it.

The score is the weighted share of both names that aligns::

    sum(sim * (w_query + w_list) for aligned pairs)
    / (all query weight + aligned list weight + f * unaligned list weight)

so word order never matters, extra query words count in full, and list words missing from
the query count with factor ``f`` (``unmatched_list_factor`` for long names, where middle
names go missing; 1 for short and Korean names, where every syllable identifies).
Token similarity is exact, phonetic (metaphone), prefix/initial, or Levenshtein (rapidfuzz),
and joined words align with their split form (``jongun`` ~ ``jong un``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from sanctions_screen.matching.config import ScreeningConfig
from sanctions_screen.matching.result import TokenAlignment
from sanctions_screen.names.analysis import GENERIC, NORMAL, PARTICLE, NameAnalysis
from sanctions_screen.names.phonetic import phonetic_key

_FLOOR = 0.6


@lru_cache(maxsize=500_000)
def token_similarity(a: str, b: str) -> float:
    """How alike two folded tokens are, on 0..1 (0 below a useful likeness).

    >>> token_similarity("mohammed", "muhammad")
    0.88
    """
    if a == b:
        return 1.0
    la, lb = len(a), len(b)
    if la == 1 or lb == 1:
        return 0.8 if a[0] == b[0] else 0.0
    r = Levenshtein.normalized_similarity(a, b)
    # Metaphone drops vowels, so it only vouches for spellings already fairly close
    # (Mohammed/Muhammad yes, Hassan/Hussein no).
    if r >= 0.6 and min(la, lb) >= 3 and phonetic_key(a) == phonetic_key(b):
        r = max(r, 0.85)
    if min(la, lb) >= 4 and (a.startswith(b) or b.startswith(a)):
        r = max(r, 0.8)
    if r >= 0.8:
        return r
    if r <= _FLOOR:
        return 0.0
    return 0.8 * (r - _FLOOR) / (0.8 - _FLOOR)


@dataclass(frozen=True, slots=True)
class NameScore:
    score: float
    alignments: tuple[TokenAlignment, ...]
    unmatched_query: tuple[str, ...]
    unmatched_list: tuple[str, ...]
    generic_only: bool


def _pairs(
    q: tuple[str, ...], lt: tuple[str, ...]
) -> list[tuple[float, tuple[int, ...], tuple[int, ...]]]:
    out: list[tuple[float, tuple[int, ...], tuple[int, ...]]] = []
    for i, a in enumerate(q):
        for j, b in enumerate(lt):
            s = token_similarity(a, b)
            if s > 0.0:
                out.append((s, (i,), (j,)))
    for i in range(len(q) - 1):
        joined = q[i] + q[i + 1]
        for j, b in enumerate(lt):
            if len(b) >= 4 and (s := token_similarity(joined, b)) >= 0.8:
                out.append((s + 0.001, (i, i + 1), (j,)))
    for j in range(len(lt) - 1):
        joined = lt[j] + lt[j + 1]
        for i, a in enumerate(q):
            if len(a) >= 4 and (s := token_similarity(a, joined)) >= 0.8:
                out.append((s + 0.001, (i,), (j, j + 1)))
    out.sort(key=lambda p: p[0], reverse=True)
    return out


def score_names(
    query: NameAnalysis,
    query_weights: tuple[float, ...],
    listed: NameAnalysis,
    list_weights: tuple[float, ...],
    config: ScreeningConfig,
) -> NameScore:
    """Align two analysed names and score the alignment (see the module docstring)."""
    q, lt = query.tokens, listed.tokens
    used_q: set[int] = set()
    used_l: set[int] = set()
    aligned: list[TokenAlignment] = []
    numerator = 0.0
    matched_list_weight = 0.0
    distinctive_hit = False
    for s, qi, lj in _pairs(q, lt):
        if used_q.intersection(qi) or used_l.intersection(lj):
            continue
        s = min(s, 1.0)
        used_q.update(qi)
        used_l.update(lj)
        wq = sum(query_weights[i] for i in qi)
        wl = sum(list_weights[j] for j in lj)
        numerator += s * (wq + wl)
        matched_list_weight += wl
        if s >= 0.7 and _distinctive_pair(query, qi, listed, lj):
            distinctive_hit = True
        aligned.append(
            TokenAlignment(" ".join(q[i] for i in qi), " ".join(lt[j] for j in lj), s, wq + wl)
        )
        if len(used_q) == len(q) or len(used_l) == len(lt):
            break
    unmatched_l = [j for j in range(len(lt)) if j not in used_l]
    factor = 1.0 if listed.korean or len(lt) < 4 else config.unmatched_list_factor
    denominator = (
        sum(query_weights)
        + matched_list_weight
        + factor * sum(list_weights[j] for j in unmatched_l)
    )
    score = numerator / denominator if denominator > 0 else 0.0
    generic_only = bool(aligned) and not distinctive_hit and listed.distinctive
    if generic_only:
        score = min(score, config.generic_only_cap)
    return NameScore(
        score=min(score, 1.0),
        alignments=tuple(aligned),
        unmatched_query=tuple(q[i] for i in range(len(q)) if i not in used_q),
        unmatched_list=tuple(lt[j] for j in unmatched_l),
        generic_only=generic_only,
    )


def _distinctive_pair(
    query: NameAnalysis, qi: tuple[int, ...], listed: NameAnalysis, lj: tuple[int, ...]
) -> bool:
    if not listed.distinctive:
        return True
    list_ok = any(listed.roles[j] not in (GENERIC, PARTICLE) for j in lj)
    query_ok = not query.distinctive or any(query.roles[i] == NORMAL for i in qi) or list_ok
    return list_ok and query_ok
