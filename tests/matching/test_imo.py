"""Identifiers written as IMO numbers: a slip is not compared, and the result says why."""

from __future__ import annotations

from sanctions_screen.matching import Screener


def test_listed_company_number_matches_though_it_is_no_ship_number(screener: Screener) -> None:
    # KPe.075's company number fails the ship check digit: it is still the listed identifier
    result = screener.screen("Unknown Holdings", identifiers=["IMO 5987860"])
    assert result.best is not None and result.best.reference_number == "KPe.075"
    assert "IMO number 5987860 matches" in result.best.explanation.summary
    assert result.warnings == ()


def test_a_slip_is_not_compared_and_says_so(screener: Screener) -> None:
    result = screener.screen("Unknown Holdings", identifiers=["IMO 5987861"])
    assert result.status == "clear"
    assert result.warnings == (
        "IMO 5987861 fails the check digit (ends in 1, should end in 3): "
        "not compared with the list",
    )
    assert result.to_dict()["warnings"] == list(result.warnings)


def test_the_name_still_matches_beside_a_slip(screener: Screener) -> None:
    result = screener.screen("Yuk Tung Energy Pte Ltd", identifiers=["IMO 5987861"])
    assert result.best is not None and result.best.reference_number == "KPe.075"
    assert "IMO" not in result.best.explanation.summary  # not lifted by the slip
    assert result.warnings and "check digit" in result.warnings[0]


def test_a_valid_ship_number_is_compared_without_warning(screener: Screener) -> None:
    result = screener.screen("Unknown Holdings", identifiers=["IMO 9074729"])
    assert result.status == "clear" and result.warnings == ()


def test_bare_numbers_are_not_checked(screener: Screener) -> None:
    # a passport or ID number of seven digits is not an IMO number
    assert screener.screen("Unknown Holdings", identifiers=["5987861"]).warnings == ()
