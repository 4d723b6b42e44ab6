"""The score of two aligned names, from named features: the one place a score is made.

:func:`~sanctions_screen.matching.scoring.score_names` aligns two names and measures the
alignment into :class:`NameFeatures`; :func:`hand_score` turns those into the hand-weighted
score the engine has used so far::

    sum(sim * (w_query + w_list) for aligned pairs)
    / (matched and unmatched query weight + matched list weight
       + list_factor * unmatched list weight + conflict_weight * conflict)

times ``korean_family_mismatch_factor`` per penalty, capped at ``generic_only_cap`` when
only generic words aligned. With ``score_model="learned"``, :func:`name_score` is instead a
logistic model over :data:`FEATURES` (coefficients in ``combiner_model.py``, trained on the
development split by ``benchmarks/eval/train_combiner.py``), and :func:`contributions`
explains it feature by feature.
"""

from __future__ import annotations

import math
from typing import Final

from sanctions_screen.matching import combiner_model as _model
from sanctions_screen.matching.config import ScreeningConfig

FEATURE_FIELDS: Final = (
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
    "qualifiers_differ",
    "initials_reordered",
    "initials_only",
    "patronymic_swapped",
    "common_name",
    "kinds_differ",
)
"""The fields of :class:`NameFeatures`, in the order of its ``__init__`` (compiled, the class
has no ``__slots__`` to read them from)."""


class NameFeatures:
    """What the alignment of a query name with a list name measured, before any weighing.

    Weights are the words' weights as the index gives them (rarer words weigh more); the
    similarities are token similarities on 0..1. A plain class with read-only fields, built
    natively when compiled (see ``NameScore``).
    """

    __slots__ = FEATURE_FIELDS

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
        qualifiers_differ: bool = False,
        initials_reordered: bool = False,
        initials_only: bool = False,
        patronymic_swapped: bool = False,
        common_name: bool = False,
        kinds_differ: bool = False,
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
        self.qualifiers_differ: Final = qualifiers_differ
        """A typed qualifier of a company name on each side, of one type, differing: a
        country or place (Oriental Star Shipping (Thailand) against (Vietnam)) or a series
        number (Fund II against Fund III, Second against Third): another party."""
        self.initials_reordered: Final = initials_reordered
        """Initials aligned in another order (A.B.C. Company against C.B.A. Company): other
        letters, another name."""
        self.initials_only: Final = initials_only
        """One name is only the initials of the other, two or three ordinary words (K.L.
        against Kamal Lutfi): a person's initials fit too many people to alert alone."""
        self.patronymic_swapped: Final = patronymic_swapped
        """A word that names the person on one side (before bin, ibn, ould) names the father
        on the other (after it): Hamad bin Khalifa is not Khalifa bin Hamad."""
        self.common_name: Final = common_name
        """Two words each aligned at 0.9 or more, a very common given name and a very common
        family name (``common_name_rank``; Mohamed Ali, John Smith): the name alone says
        little, and the screener asks for corroboration (see ``evidence.common_name``)."""
        self.kinds_differ: Final = kinds_differ
        """A legal form set aside on one side, a personal title on the other (Ahmed Inc
        against Ahmad Haji): a company and a person, whatever words are left."""

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in FEATURE_FIELDS)
        return f"NameFeatures({fields})"


def hand_score(f: NameFeatures, config: ScreeningConfig) -> float:
    """The hand-weighted score of the alignment ``f`` (see the module docstring)."""
    if f.acronym:
        return (
            min(config.acronym_score, config.initials_only_cap)
            if f.initials_only
            else config.acronym_score
        )
    denominator = (
        f.matched_query
        + (f.unmatched_query + f.generic_extra_query)
        + f.matched_list
        + f.list_factor * (f.unmatched_list + f.generic_extra_list)
    )
    if f.conflict:
        denominator += config.conflict_weight * f.conflict
    score = f.aligned / denominator if denominator > 0 else 0.0
    score = conflict_factors(score, f, f.penalties, config)
    if f.generic_only:
        score = min(score, config.generic_only_cap)
    return min(score, 1.0)


def conflict_factors(
    score: float, f: NameFeatures, penalties: int, config: ScreeningConfig
) -> float:
    """``score`` times the factor of each conflict ``f`` found, in this order:
    ``korean_family_mismatch_factor`` ``penalties`` times (Korean family names or syllables
    that differ, Jr against Sr), then a typed qualifier that differs, initials in another
    order, a patronymic swapped, a company against a person. Each says another party
    whatever else aligned."""
    for _ in range(penalties):
        score *= config.korean_family_mismatch_factor
    if f.qualifiers_differ:
        score *= config.qualifier_conflict_factor
    if f.initials_reordered:
        score *= config.initials_order_factor
    if f.patronymic_swapped:
        score *= config.patronymic_swap_factor
    if f.kinds_differ:
        score *= config.kind_conflict_factor
    return score


def hand_score_bound(
    aligned: float, query_weight: float, matched_list: float, unmatched_list: float
) -> float:
    """The most :func:`hand_score` can give an alignment of which only the aligned sum, the
    query's whole weight and the list weight matched and left over (times ``list_factor``)
    are known: what is not measured yet (conflicts, generic extras) only adds to the
    denominator, and every factor and cap only lowers the score (their settings are at most
    1). Lets the screener skip measuring a name that cannot reach its floor."""
    denominator = query_weight + matched_list + unmatched_list
    return aligned / denominator if denominator > 0 else 0.0


FEATURES: Final = (
    "hand_logit",
    "min_similarity",
    "query_left_over",
    "family_differs",
)
"""The model's inputs, in the order of :func:`model_inputs` and of the exported
coefficients: the hand score's log-odds, the lowest similarity of an aligned pair, the
share of the query's weight left over, and whether Korean family names differ. Chosen
forward, one at a time, from the features of :class:`NameFeatures` by the development
split's threshold rule (benchmarks/eval/train_combiner.py)."""

_LOGIT_CLIP: Final = 0.999


def model_inputs(f: NameFeatures, hand: float) -> tuple[float, ...]:
    """The features of ``f`` as the model reads them (see :data:`FEATURES`); ``hand`` is
    ``hand_score(f, config)``. Shares rather than weights, so that the model does not depend
    on the scale of the index's word weights."""
    total_q = f.matched_query + f.unmatched_query
    clipped = min(max(hand, 1.0 - _LOGIT_CLIP), _LOGIT_CLIP)
    return (
        math.log(clipped / (1.0 - clipped)),
        f.min_similarity,
        f.unmatched_query / total_q if total_q > 0 else 0.0,
        1.0 if f.family_differs else 0.0,
    )


def name_score(f: NameFeatures, config: ScreeningConfig) -> float:
    """The score of the alignment ``f``: the hand score, or with ``score_model="learned"``
    the calibrated probability that the two names name the same party, the logistic model
    of :mod:`~sanctions_screen.matching.combiner_model` over :func:`model_inputs`.

    The model weighs partial evidence: the same name (every word aligned exactly, nothing
    left over) is 1, nothing aligned is 0, and only generic words aligned is never more
    than ``generic_only_cap``. Jr against Sr, which the training data does not hold, keeps
    the hand formula's factor."""
    hand = hand_score(f, config)
    if config.score_model == "hand":
        return hand
    if f.max_similarity <= 0.0 and not f.acronym:
        return 0.0
    if hand >= 1.0:
        return 1.0
    z = _model.INTERCEPT
    for c, x in zip(_model.COEFFICIENTS, model_inputs(f, hand), strict=True):
        z += c * x
    # Conflicts the training data holds too few of are weighed by hand (Jr against Sr
    # counts once: the model reads the Korean ones).
    score = conflict_factors(_sigmoid(z), f, 1 if f.generations_differ else 0, config)
    if f.generic_only:
        return min(score, config.generic_only_cap)
    return score


def contributions(f: NameFeatures, config: ScreeningConfig) -> tuple[tuple[str, float], ...]:
    """Each feature's contribution to the score's log-odds (coefficient times value), the
    intercept first, largest effects after it; they add up to ``logit(name_score(f))``."""
    inputs = model_inputs(f, hand_score(f, config))
    parts = [
        (name, c * x)
        for name, c, x in zip(FEATURES, _model.COEFFICIENTS, inputs, strict=True)
        if c * x != 0.0
    ]
    parts.sort(key=_magnitude, reverse=True)
    return (("intercept", _model.INTERCEPT), *parts)


def _magnitude(part: tuple[str, float]) -> float:
    return abs(part[1])


def _sigmoid(z: float) -> float:
    if z < -700.0:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))
