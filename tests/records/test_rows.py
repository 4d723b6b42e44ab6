"""Records from canonical rows: every column lands where docs/records.md says."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from sanctions_screen.exceptions import BadRowError
from sanctions_screen.records import DiplomaticRecord, TradeRecord, record_from_row


def test_trade_row() -> None:
    record = record_from_row(
        {
            "record_id": "T9",
            "date": "2025-11-03",
            "shipper_name": "Acme Pte Ltd",
            "shipper_country": "Singapore",
            "consignee": "Beta Sdn Bhd",
            "beneficiary_bank_name": "Gamma Bank",
            "vessel_name": "Sea Star",
            "imo_number": "IMO 9123456",
            "vessel_flag": "Panama",
            "hs_codes": "2701.12; 8429",
            "transshipment_ports": "Dalian | Busan",
            "value": "1,200.50",
            "currency": "USD",
            "remarks": "kept",
            "banks": "clashes with a field",
        },  # fmt: skip
        "trade",
    )
    assert isinstance(record, TradeRecord)
    assert record.date == dt.date(2025, 11, 3)
    assert record.shipper is not None and record.shipper.country == "Singapore"
    assert record.consignee is not None and record.consignee.name_field == "consignee"
    assert [b.role for b in record.banks] == ["beneficiary_bank"]
    assert record.imo_number == "9123456"
    assert record.hs_codes == ["2701.12", "8429"]
    assert record.transshipment_ports == ["Dalian", "Busan"]
    assert record.value == Decimal("1200.50")
    assert record.model_extra == {"remarks": "kept", "x_banks": "clashes with a field"}


def test_trade_parties_carry_their_evidence() -> None:
    record = record_from_row(
        {"record_id": "T", "shipper_name": "A Co", "vessel_name": "Ocean Dawn",
         "imo_number": "8512345", "vessel_flag": "Sierra Leone",
         "notify_party_name": "Mr. Kim Tong-Ho", "buyer_name": "B", "buyer_passport": "P1"},
        "trade",
    )  # fmt: skip
    parties = {p.role: p for p in record.parties()}
    vessel = parties["vessel"]
    assert (vessel.kind, vessel.country, vessel.identifiers) == (
        "vessel", "Sierra Leone", ["IMO 8512345"],
    )  # fmt: skip
    assert parties["notify_party"].kind == "person"  # honorific
    assert parties["buyer"].kind == "person"  # a passport
    assert parties["shipper"].kind is None  # left to the matcher


def test_diplomatic_row_with_numbered_members() -> None:
    record = record_from_row(
        {"record_id": "D1", "date": "2024-09-10", "delegation_country": "DPRK",
         "member1_name": "Kim Sok Chol", "member1_nationality": "DPRK",
         "member1_birth_date": "1955-05-08", "member1_passport": "472310082",
         "member1_organisation": "Ministry of Foreign Affairs",
         "member12_name": "Ri Su", "host_country": "Myanmar",
         "host_organisation_name": "MOFA Myanmar", "host_official1_name": "Win Naing Tun",
         "venue": "MICC"},
        "diplomatic",
    )  # fmt: skip
    assert isinstance(record, DiplomaticRecord)
    assert [m.role for m in record.members] == ["member1", "member12"]
    member = record.members[0]
    assert (member.kind, member.nationality, member.birth_date, member.passport) == (
        "person", "DPRK", "1955-05-08", "472310082",
    )  # fmt: skip
    roles = {p.role: p for p in record.parties()}
    assert set(roles) == {
        "member1", "member12", "host_official1", "host_organisation",
        "member1_organisation",
    }  # fmt: skip
    assert roles["member1_organisation"].country == "DPRK"
    assert roles["host_organisation"].country == "Myanmar"
    assert record.model_extra == {}


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ({"shipper_name": "A"}, "no record_id"),
        ({"record_id": "T", "date": "03/11/2025"}, "not a date"),
        ({"record_id": "T", "value": "about 5k"}, "not a number"),
    ],
)
def test_bad_rows(row: dict[str, str], reason: str) -> None:
    with pytest.raises(BadRowError, match=reason):
        record_from_row(row, "trade")
