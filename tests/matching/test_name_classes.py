"""Issue 14's classes of names that over- or under-match, each with examples written for
these tests (none taken from an evaluation set), and the feature that says so."""

from __future__ import annotations

import pytest

from sanctions_screen.matching import ScreeningConfig, compare_names
from sanctions_screen.matching.compare import best_alignment

REVIEW = ScreeningConfig().review_threshold
ALERT = ScreeningConfig().threshold


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Coral Bay Logistics (Malaysia) Sdn Bhd", "Coral Bay Logistics (Indonesia) Sdn Bhd"),
        ("Harbour Light Trading (Cambodia) Co Ltd", "Harbour Light Trading (Laos) Co Ltd"),
        ("Meridian Growth Fund II", "Meridian Growth Fund IV"),
        ("Meridian Growth Fund 2", "Meridian Growth Fund 3"),
        ("Second Pacific Holdings", "Fourth Pacific Holdings"),
    ],
)
def test_a_differing_company_qualifier_is_another_party(a: str, b: str) -> None:
    """Class 10: a country or a series number that differs names another member of a group."""
    for kind in (None, "organization"):
        assert compare_names(a, b, kind=kind) < REVIEW
        assert best_alignment(a, b, kind=kind).features.qualifiers_differ


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Coral Bay Logistics Sdn Bhd", "Coral Bay Logistics (Malaysia) Sdn Bhd"),
        ("Meridian Growth Fund II", "Meridian Growth Fund 2"),
        ("Second Pacific Holdings", "2nd Pacific Holdings"),
    ],
)
def test_a_qualifier_on_one_side_or_written_otherwise_is_no_conflict(a: str, b: str) -> None:
    assert compare_names(a, b, kind="organization") >= ALERT
    assert not best_alignment(a, b, kind="organization").features.qualifiers_differ


def test_a_persons_generation_stays_a_generation() -> None:
    """Hilario Cruz II against III is father and son, scored by the generations' factor."""
    features = best_alignment("Hilario Cruz II", "Hilario Cruz III").features
    assert features.generations_differ and not features.qualifiers_differ
