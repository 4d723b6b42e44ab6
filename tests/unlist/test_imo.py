"""IMO numbers: the ship check digit, and the UN list's company numbers that have none."""

from __future__ import annotations

import pytest

from sanctions_screen.unlist.imo import check_digit, ship_number_problem, written_imo
from tests.conftest import NEWEST, load_snapshot

# The 16 company numbers in the COMMENTS1 of the DPRK shipping companies (2026-05-08).
LISTED_COMPANY_NUMBERS = {
    "KPe.020": "1790183", "KPe.022": "5342883", "KPe.056": "5571322", "KPe.057": "5963351",
    "KPe.058": "5787684", "KPe.061": "5936312", "KPe.062": "5676084", "KPe.063": "5985863",
    "KPe.064": "5954061", "KPe.065": "5145892", "KPe.066": "5434358", "KPe.067": "5982254",
    "KPe.068": "5988369", "KPe.070": "5878561", "KPe.074": "5905801", "KPe.075": "5987860",
}  # fmt: skip


def test_ship_numbers_pass_and_slips_fail() -> None:
    assert check_digit("9074729") == 9  # 9*7 + 0*6 + 7*5 + 4*4 + 7*3 + 2*2 = 139
    assert ship_number_problem("9074729") is None
    for slip in ("9074728", "9047729", "9074792"):  # a wrong digit, two swapped
        assert "fails the check digit" in (ship_number_problem(slip) or "")
    assert ship_number_problem("907472") == "IMO 907472 is not 7 digits"
    assert ship_number_problem("90747290") == "IMO 90747290 is not 7 digits"


def test_the_list_gives_company_numbers_which_have_no_check_digit() -> None:
    parsed = {
        e.reference_number: e.imo_numbers for e in load_snapshot(NEWEST).entries if e.imo_numbers
    }
    assert parsed == {ref: (number,) for ref, number in LISTED_COMPANY_NUMBERS.items()}
    failing = [n for n in LISTED_COMPANY_NUMBERS.values() if ship_number_problem(n)]
    assert len(failing) == 15  # only KPe.020's passes, by chance (1 in 10)


@pytest.mark.parametrize(
    ("value", "digits"),
    [
        ("IMO 9074729", "9074729"),
        ("imo:9074729", "9074729"),
        ("IMO No. 9074729", "9074729"),
        ("IMO number: 5987860", "5987860"),
        ("9074729", None),  # a bare number may be anything
        ("PS 472330208", None),
    ],
)
def test_written_as_imo(value: str, digits: str | None) -> None:
    assert written_imo(value) == digits
