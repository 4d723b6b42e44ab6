"""The score made from named features: the features a pair of names is measured by, the
hand formula over them, and the calibrated model on top."""

from __future__ import annotations

import math

import pytest

from sanctions_screen import SanctionsList, Screener
from sanctions_screen.matching import ScreeningConfig, combiner_model
from sanctions_screen.matching.combiner import (
    FEATURES,
    contributions,
    hand_score,
    hand_score_bound,
    name_score,
)
from sanctions_screen.matching.scoring import NameScore, score_names
from sanctions_screen.names.analysis import analyse

LEARNED = ScreeningConfig(score_model="learned")


def _score(a: str, b: str, config: ScreeningConfig | None = None) -> NameScore:
    qa, la = analyse(a), analyse(b)
    ones_q, ones_l = (1.0,) * len(qa.tokens), (1.0,) * len(la.tokens)
    return score_names(qa, ones_q, la, ones_l, config or ScreeningConfig())


def test_features_measure_the_alignment() -> None:
    f = _score("Ahmad Khalil AL-HASSANI", "Ahmad Khalil AL-JUBURI").features
    assert f.query_tokens == f.list_tokens == 4  # ahmad khalil al hassani
    assert f.unmatched_query == f.unmatched_list == 1.0  # hassani / juburi
    assert f.conflict == 1.0  # an ordinary word left over on each side: another person
    assert f.min_similarity == f.max_similarity == 1.0
    assert not f.korean and not f.acronym and not f.generic_only


PAIRS = [
    ("Ahmad Khalil AL-HASSANI", "Ahmad Khalil AL-JUBURI"),
    ("Kim Jong Un", "Kim Jong Nam"),
    ("Siam Pacific Marine Co", "Siam Pacific Steel Co"),
    ("Usama bin Laden", "Usama Muhammed Awad bin Laden"),
    ("Andrea Schulz", "Andrea Scholze"),
]


def test_the_score_is_made_from_the_features_alone() -> None:
    hand = ScreeningConfig()
    for a, b in PAIRS:
        assert _score(a, b).score == hand_score(_score(a, b).features, hand)
        ns = _score(a, b, LEARNED)
        assert ns.score == name_score(ns.features, LEARNED)
        assert 0.0 <= ns.score <= 1.0


def test_the_hand_formula() -> None:
    # 3 of 4 words aligned each side, a conflict of 1: 6 / (3 + 1 + 3 + 0.5 * 1 + 1)
    ns = _score("Ahmad Khalil AL-HASSANI", "Ahmad Khalil AL-JUBURI")
    assert ns.score == 6.0 / 8.5


def test_the_learned_score_has_its_own_thresholds() -> None:
    assert LEARNED.threshold == combiner_model.THRESHOLD
    assert LEARNED.review_threshold <= LEARNED.threshold
    assert ScreeningConfig(score_model="learned", threshold=0.9).threshold == 0.9


def test_contributions_add_up_to_the_log_odds() -> None:
    assert len(combiner_model.COEFFICIENTS) == len(FEATURES)
    for a, b in PAIRS:
        ns = _score(a, b, LEARNED)
        parts = contributions(ns.features, LEARNED)
        assert parts[0][0] == "intercept"
        assert {name for name, _ in parts[1:]} <= set(FEATURES)
        p = ns.score
        assert math.isclose(sum(v for _, v in parts), math.log(p / (1 - p)), abs_tol=1e-9)


def test_same_name_and_nothing_aligned_are_certain() -> None:
    assert _score("Kim Jong Un", "Jong Un Kim", LEARNED).score == 1.0
    assert _score("Kim Jong Un", "Pedro Alvarez", LEARNED).score == 0.0


@pytest.mark.parametrize("config", [ScreeningConfig(), LEARNED], ids=["hand", "learned"])
def test_a_conflict_scores_below_a_dropped_word(config: ScreeningConfig) -> None:
    dropped = _score("Ahmad Khalil AL-HASSANI", "Ahmad Khalil Ibrahim AL-HASSANI", config)
    conflict = _score("Ahmad Khalil Ibrahim AL-HASSANI", "Ahmad Khalil Ibrahim AL-JUBURI", config)
    assert conflict.score < config.threshold <= dropped.score


def test_korean_features_say_which_part_differs() -> None:
    f = _score("Pak Chun Il", "Paek Chun Il").features
    assert f.korean and f.family_differs and f.penalties == 1
    assert _score("Kim Jong Un", "Jong Un Kim").features.penalties == 0


def test_a_learned_explanation_gives_each_feature_its_share(
    newest_list: SanctionsList, screener: Screener
) -> None:
    best = Screener(newest_list, LEARNED).screen("Yuk Tung Enrgy").best
    assert best is not None and best.reference_number == "KPe.075"
    assert 0.0 < best.explanation.name_score < 1.0
    assert "log-odds intercept" in best.explanation.summary
    assert "hand_logit +" in best.explanation.summary
    hand = screener.screen("Yuk Tung Enrgy").best
    assert hand is not None and "log-odds" not in hand.explanation.summary


BOUND_PAIRS = [
    *PAIRS,
    ("Volga Trading AG", "Volga Trading Aktiengesellschaft"),
    ("Oriental Star Shipping (Thailand) Co Ltd", "Oriental Star Shipping (Vietnam) Co Ltd"),
    ("Hamad bin Khalifa", "Khalifa bin Hamad"),
    ("A.B.C. Company", "C.B.A. Company"),
    ("John Smith Jr", "John Smith Sr"),
    ("Tan Ming Wei", "Tan Wei Ming"),
    ("Ahmed Inc", "Ahmad Haji"),
    ("Mohammed Ali Hassan", "Muhamad Ali"),
    ("Korea Mining Development Trading Corporation", "Korea Mining Trading"),
]


@pytest.mark.parametrize(("a", "b"), BOUND_PAIRS)
def test_the_bound_is_never_below_the_hand_score(a: str, b: str) -> None:
    """score_names drops a name unmeasured when hand_score_bound is below its floor: the
    bound must hold whatever the features left unmeasured say."""
    config = ScreeningConfig()
    for query, listed in ((a, b), (b, a)):
        ns = _score(query, listed, config)
        f = ns.features
        if f.acronym or f.korean:
            continue  # scored before the bound is asked
        bound = hand_score_bound(
            f.aligned, f.matched_query + f.unmatched_query, f.matched_list,
            f.list_factor * f.unmatched_list,
        )  # fmt: skip
        assert bound >= hand_score(f, config) - 1e-12
        above = _score_with_floor(query, listed, config, ns.score + 0.01)
        assert above.score in (0.0, ns.score)
        assert _score_with_floor(query, listed, config, ns.score).score == ns.score


def _score_with_floor(a: str, b: str, config: ScreeningConfig, floor: float) -> NameScore:
    qa, la = analyse(a), analyse(b)
    ones_q, ones_l = (1.0,) * len(qa.tokens), (1.0,) * len(la.tokens)
    return score_names(qa, ones_q, la, ones_l, config, floor)
