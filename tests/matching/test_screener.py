"""The screener against the real newest UN list."""

from __future__ import annotations

import pytest

from sanctions_screen.matching import Screener, ScreeningConfig
from sanctions_screen.unlist.models import SanctionsList


@pytest.fixture(scope="module")
def screener(newest_list: SanctionsList) -> Screener:
    return Screener(newest_list)


@pytest.mark.parametrize(
    ("query", "reference"),
    [
        ("YUK TUNG ENERGY PTE. LTD.", "KPe.075"),
        ("Yuk Tung Energy Private Limited", "KPe.075"),
        ("KOMID", "KPe.001"),
        ("Lee Won-ho", "KPi.033"),
        ("RI WONHO", "KPi.033"),
        ("Park Chun-il", "KPi.029"),
        ("Choi Chun Sik", "KPi.013"),
        ("Jeon Myong-guk", "KPi.018"),
        ("عبد الحكيم مراد", "QDi.120"),
    ],
)
def test_listed_variants_alert(screener: Screener, query: str, reference: str) -> None:
    result = screener.screen(query)
    assert result.is_alert, result.best and result.best.explanation.summary
    assert result.best is not None and result.best.reference_number == reference


def test_imo_number_alone_finds_the_shipping_company(screener: Screener) -> None:
    result = screener.screen("", identifiers=["IMO 5987860"])
    assert result.best is not None
    assert result.best.reference_number == "KPe.075"
    assert result.is_alert
    assert any(a.evidence == "identifier" for a in result.best.explanation.adjustments)


def test_generic_words_alone_never_alert(screener: Screener) -> None:
    for query in ("Korea Trading Company", "International Shipping Co Ltd", "General Trading Corp"):
        assert not screener.screen(query).is_alert, query


def test_result_serialises(screener: Screener) -> None:
    data = screener.screen("Ri Won Ho", birth_date="1964").to_dict()
    assert data["status"] == "alert"
    match = data["matches"][0]
    assert match["reference_number"] == "KPi.033"
    assert match["explanation"]["alignments"]
    assert match["explanation"]["adjustments"][0]["evidence"] == "date_of_birth"


def test_screen_many_keeps_order(screener: Screener) -> None:
    queries = ["Ri Won Ho", {"name": "KOMID", "kind": "organization"}, "Nobody Atall"]
    results = screener.screen_many(queries)
    assert [r.best.reference_number if r.best else None for r in results] == [
        "KPi.033",
        "KPe.001",
        None,
    ]


def test_config_thresholds_ordered() -> None:
    with pytest.raises(ValueError):
        ScreeningConfig(threshold=0.5, review_threshold=0.9)
