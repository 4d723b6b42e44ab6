"""The score of two aligned names, from named features: the one place a score is made.

:func:`~sanctions_screen.matching.scoring.score_names` aligns two names and measures the
alignment into :class:`NameFeatures`; :func:`hand_score` turns those into the hand-weighted
score the engine has used so far::

    sum(sim * (w_query + w_list) for aligned pairs)
    / (matched and unmatched query weight + matched list weight
       + list_factor * unmatched list weight + conflict_weight * conflict)

times ``korean_family_mismatch_factor`` per penalty, capped at ``generic_only_cap`` when
only generic words aligned.
"""

from __future__ import annotations

from typing import Final

from sanctions_screen.matching.config import ScreeningConfig


class NameFeatures:
    """What the alignment of a query name with a list name measured, before any weighing.

    Weights are the words' weights as the index gives them (rarer words weigh more); the
    similarities are token similarities on 0..1. A plain class with read-only fields, built
    natively when compiled (see ``NameScore``).
    """

    __slots__ = (
        "aligned",
        "matched_query",
        "matched_list",
        "unmatched_query",
        "unmatched_list",
        "generic_extra_query",
        "generic_extra_list",
        "list_factor",
        "conflict",
        "penalties",
        "family_differs",
        "order_differs",
        "generations_differ",
        "generic_only",
        "acronym",
        "korean",
        "min_similarity",
        "max_similarity",
        "query_tokens",
        "list_tokens",
    )

    def __init__(
        self,
        aligned: float,
        matched_query: float,
        matched_list: float,
        unmatched_query: float,
        unmatched_list: float,
        generic_extra_query: float,
        generic_extra_list: float,
        list_factor: float,
        conflict: float,
        penalties: int,
        family_differs: bool,
        order_differs: bool,
        generations_differ: bool,
        generic_only: bool,
        acronym: bool,
        korean: bool,
        min_similarity: float,
        max_similarity: float,
        query_tokens: int,
        list_tokens: int,
    ) -> None:
        self.aligned: Final = aligned
        """Sum over aligned pairs of similarity times the pair's weight (both sides)."""
        self.matched_query: Final = matched_query
        """Weight of the query words that aligned."""
        self.matched_list: Final = matched_list
        """Weight of the list words that aligned."""
        self.unmatched_query: Final = unmatched_query
        """Weight of the query words left over."""
        self.unmatched_list: Final = unmatched_list
        """Weight of the list words left over."""
        self.generic_extra_query: Final = generic_extra_query
        """Extra weight of the query's left-over business and place words when the list
        name has one too (Marine vs Steel: another company); 0 otherwise."""
        self.generic_extra_list: Final = generic_extra_list
        """The same, list side."""
        self.list_factor: Final = list_factor
        """How much a left-over list word counts (1, or less for long names)."""
        self.conflict: Final = conflict
        """Weight of ordinary words left over on both sides, the lighter side's."""
        self.penalties: Final = penalties
        """How many times the hand score is multiplied by the Korean mismatch factor."""
        self.family_differs: Final = family_differs
        """Korean names whose family names differ."""
        self.order_differs: Final = order_differs
        """Syllable names in another order, or with a syllable more or less."""
        self.generations_differ: Final = generations_differ
        """Jr on one side, Sr on the other."""
        self.generic_only: Final = generic_only
        """Only generic words, particles or places aligned."""
        self.acronym: Final = acronym
        """One name is the other's initials (the whole alignment)."""
        self.korean: Final = korean
        """Scored as two Korean names (family name and ordered given name)."""
        self.min_similarity: Final = min_similarity
        """Lowest similarity of an aligned pair (0 when nothing aligned)."""
        self.max_similarity: Final = max_similarity
        """Highest similarity of an aligned pair (0 when nothing aligned)."""
        self.query_tokens: Final = query_tokens
        self.list_tokens: Final = list_tokens

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"NameFeatures({fields})"


def hand_score(f: NameFeatures, config: ScreeningConfig) -> float:
    """The hand-weighted score of the alignment ``f`` (see the module docstring)."""
    if f.acronym:
        return config.acronym_score
    denominator = (
        f.matched_query
        + (f.unmatched_query + f.generic_extra_query)
        + f.matched_list
        + f.list_factor * (f.unmatched_list + f.generic_extra_list)
    )
    if f.conflict:
        denominator += config.conflict_weight * f.conflict
    score = f.aligned / denominator if denominator > 0 else 0.0
    for _ in range(f.penalties):
        score *= config.korean_family_mismatch_factor
    if f.generic_only:
        score = min(score, config.generic_only_cap)
    return min(score, 1.0)
