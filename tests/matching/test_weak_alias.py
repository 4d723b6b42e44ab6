"""Low-quality aliases (issue 14, class 8): weak by what their words say, not by a flat cut.

The entries are made up and added to the real newest list, so that word weights are the
list's own.
"""

from __future__ import annotations

import datetime as dt

import pytest

from sanctions_screen.matching import Screener
from sanctions_screen.matching.evidence import alias_weakness
from sanctions_screen.names.analysis import analyse
from sanctions_screen.unlist.models import (
    Alias,
    AliasQuality,
    DateOfBirth,
    DateType,
    ListEntry,
    SanctionsList,
)

REF = "QDi.991"


def _entry(primary: str, low: str, born: int) -> ListEntry:
    first, _, rest = primary.partition(" ")
    return ListEntry(
        kind="individual",
        reference_number=REF,
        un_list_type="Al-Qaida",
        first_name=first,
        second_name=rest,
        nationalities=("Iraq",),
        aliases=(Alias(name=low, quality=AliasQuality.LOW),),
        dates_of_birth=(DateOfBirth(type_of_date=DateType.EXACT, date=dt.date(born, 3, 4)),),
    )


@pytest.fixture(scope="module")
def screener(newest_list: SanctionsList) -> Screener:
    added = (
        _entry("Tarvelo Quenmarik Dostrawin", "Zorbanek Velustrim", 1971),
        _entry("Ostrivan Maltequor Brindell", "Abu Yusuf Hasan", 1968).model_copy(
            update={"reference_number": "QDi.992"}
        ),
    )
    return Screener(newest_list.model_copy(update={"entries": newest_list.entries + added}))


def _match(screener: Screener, query: str, ref: str, **evidence: str):  # type: ignore[no-untyped-def]
    result = screener.screen(query, **evidence)
    return next((m for m in result.matches if m.reference_number == ref), None), result


@pytest.mark.parametrize(
    "query", ["Zorbanek Velustrim", "Zorbanek Velustrem", "Zorbaneck Velustrim"]
)
def test_a_distinctive_low_quality_alias_alerts(screener: Screener, query: str) -> None:
    match, result = _match(screener, query, REF)
    assert match is not None and match.score >= result.threshold, query
    weak = [a for a in match.explanation.adjustments if a.evidence == "alias_quality"]
    assert weak and -0.05 < weak[0].delta < 0  # still a little weaker than a good name


def test_a_generic_low_quality_alias_alone_needs_review(screener: Screener) -> None:
    match, result = _match(screener, "Abu Yusuf Hasan", "QDi.992")
    assert match is not None
    assert result.review_threshold <= match.score < result.threshold
    assert any("common words" in a.reason for a in match.explanation.adjustments)


def test_a_generic_low_quality_alias_with_the_birth_date_alerts(screener: Screener) -> None:
    match, result = _match(screener, "Abu Yusuf Hasan", "QDi.992", birth_date="1968-03-04")
    assert match is not None and match.score >= result.threshold


def test_a_generic_low_quality_alias_with_another_birth_year_is_not_reported(
    screener: Screener,
) -> None:
    match, _ = _match(screener, "Abu Yusuf Hasan", "QDi.992", birth_date="1990")
    assert match is None


def test_weakness_follows_the_share_of_words_that_identify_little() -> None:
    def weakness(name: str) -> tuple[float, bool]:
        analysis = analyse(name, "person")
        return alias_weakness(analysis, tuple(1.0 for _ in analysis.tokens), 50)

    distinctive, mixed, generic = (
        weakness("Zorbanek Velustrim"),
        weakness("Ahmad Velustrim"),
        weakness("Abu Ahmad"),
    )
    assert distinctive == (0.25, False)
    assert distinctive[0] < mixed[0] < generic[0] == 1.0
    assert not mixed[1] and generic[1]
    assert weakness("Muhammad Hasan")[1]  # a common given and family name only
    assert weakness("Uthman bin Ahmad bin Uthman") == (1.0, False)  # three: rarer together
