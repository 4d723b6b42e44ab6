"""The score made from named features: the features a pair of names is measured by, and the
hand formula over them."""

from __future__ import annotations

from sanctions_screen.matching import ScreeningConfig
from sanctions_screen.matching.combiner import hand_score
from sanctions_screen.matching.scoring import NameScore, score_names
from sanctions_screen.names.analysis import analyse


def _score(a: str, b: str) -> NameScore:
    qa, la = analyse(a), analyse(b)
    return score_names(qa, (1.0,) * len(qa.tokens), la, (1.0,) * len(la.tokens), ScreeningConfig())


def test_features_measure_the_alignment() -> None:
    f = _score("Ahmad Khalil AL-HASSANI", "Ahmad Khalil AL-JUBURI").features
    assert f.query_tokens == f.list_tokens == 4  # ahmad khalil al hassani
    assert f.unmatched_query == f.unmatched_list == 1.0  # hassani / juburi
    assert f.conflict == 1.0  # an ordinary word left over on each side: another person
    assert f.min_similarity == f.max_similarity == 1.0
    assert not f.korean and not f.acronym and not f.generic_only


def test_the_hand_formula_is_made_from_the_features_alone() -> None:
    config = ScreeningConfig()
    for a, b in [
        ("Ahmad Khalil AL-HASSANI", "Ahmad Khalil AL-JUBURI"),
        ("Kim Jong Un", "Kim Jong Nam"),
        ("Siam Pacific Marine Co", "Siam Pacific Steel Co"),
        ("Usama bin Laden", "Usama Muhammed Awad bin Laden"),
    ]:
        ns = _score(a, b)
        assert ns.score == hand_score(ns.features, config)


def test_korean_features_say_which_part_differs() -> None:
    f = _score("Pak Chun Il", "Paek Chun Il").features
    assert f.korean and f.family_differs and f.penalties == 1
    assert _score("Kim Jong Un", "Jong Un Kim").features.penalties == 0
