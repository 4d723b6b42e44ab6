"""IMO numbers: the check digit of a ship's number, and the company numbers that have none.

A ship's IMO number (IMO Resolution A.1117(30), SOLAS XI-1/3) is seven digits whose last is
a check digit: the first six times 7, 6, 5, 4, 3 and 2, summed, modulo 10
(``IMO 9074729``: 9*7 + 0*6 + 7*5 + 4*4 + 7*3 + 2*2 = 139, check digit 9).

A company's or registered owner's IMO number (Resolution MSC.160(78)) is also seven digits,
but carries no such check digit: 15 of the 16 company numbers in the COMMENTS1 of the UN
list's DPRK shipping companies fail it (``KPe.075`` YUK TUNG ENERGY PTE LTD, 5987860, would
need a 6). So a number that fails the check is not a ship's number; it is still a company's
number when the list gives it as one, and nothing otherwise.
"""

from __future__ import annotations

import re

WEIGHTS = (7, 6, 5, 4, 3, 2)

_WRITTEN_AS_IMO = re.compile(r"^\s*imo\b\W*(?:(?:number|no)\b\W*)?(\d+)\s*$", re.IGNORECASE)


def check_digit(number: str) -> int:
    """The check digit a ship's IMO number ends with, from its first six digits."""
    return sum(int(d) * w for d, w in zip(number[:6], WEIGHTS, strict=True)) % 10


def ship_number_problem(number: str) -> str | None:
    """Why ``number`` cannot be a ship's IMO number, or None when it can.

    >>> ship_number_problem("9074729") is None
    True
    >>> ship_number_problem("9074728")
    'IMO 9074728 fails the check digit (ends in 8, should end in 9)'
    """
    if len(number) != 7 or not number.isdigit():
        return f"IMO {number} is not 7 digits"
    expected = check_digit(number)
    if int(number[6]) != expected:
        return f"IMO {number} fails the check digit (ends in {number[6]}, should end in {expected})"
    return None


def written_imo(value: str) -> str | None:
    """The digits of an identifier written as an IMO number (``IMO 9074729``,
    ``IMO No. 9074729``), or None for any other identifier."""
    match = _WRITTEN_AS_IMO.match(value)
    return match.group(1) if match else None
