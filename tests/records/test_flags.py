"""Each flag where it must fire, and the near miss where it must not."""

from __future__ import annotations

import datetime as dt

import pytest

from sanctions_screen.matching import Screener
from sanctions_screen.records import Flag, Rules, load_rules, record_from_row, screen_record
from sanctions_screen.records.flags import (
    asean_dprk_nexus,
    dprk_nexus,
    imo_index,
    listed_company_vessel,
    sanctioned_goods,
)
from sanctions_screen.records.models import Record
from sanctions_screen.unlist.models import SanctionsList

RULES: Rules = load_rules()


def trade(**columns: str) -> Record:
    return record_from_row({"record_id": "T", "date": "2025-11-03", **columns}, "trade")


def diplomatic(**columns: str) -> Record:
    return record_from_row({"record_id": "D", "date": "2025-11-03", **columns}, "diplomatic")


def nexus_fields(record: Record) -> set[str]:
    return {f.field for f in dprk_nexus(record, RULES)}


# -- DPRK_NEXUS ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("columns", "field"),
    [
        ({"consignee_country": "Korea, DPR"}, "consignee_country"),
        ({"origin_country": "Democratic People's Republic of Korea"}, "origin_country"),
        ({"destination_country": "N. Korea"}, "destination_country"),
        ({"port_of_discharge": "Nampho"}, "port_of_discharge"),
        ({"port_of_loading": "Chongjin, DPRK"}, "port_of_loading"),
        ({"transshipment_ports": "Dalian; Rajin"}, "transshipment_ports"),
        ({"consignee_address": "Sosong District, Pyongyang"}, "consignee_address"),
        ({"shipper_phone": "+850 2 381 8100"}, "shipper_phone"),
        ({"shipper_phone": "00850-2-381-8100"}, "shipper_phone"),
        ({"consignee_email": "trade@silibank.net.kp"}, "consignee_email"),
        ({"vessel_flag": "DPRK"}, "vessel_flag"),
        ({"goods_description": "anthracite of North Korean origin"}, "goods_description"),
        ({"remarks": "STS transfer off Haeju"}, "remarks"),
    ],
)
def test_dprk_nexus_fires(columns: dict[str, str], field: str) -> None:
    assert nexus_fields(trade(**columns)) == {field}


@pytest.mark.parametrize(
    "columns",
    [
        {"consignee_country": "South Korea"},
        {"consignee_country": "Republic of Korea"},
        {"consignee_country": "Korea"},
        {"consignee_name": "Korea Marine Transport Co., Ltd.", "port_of_discharge": "Busan"},
        {"shipper_phone": "+82 2 123 4567"},
        {"shipper_phone": "+852 2123 4567"},
        {"shipper_phone": "+8550 12 345 678"},
        {"consignee_email": "sales@hmm21.co.kr"},
        {"consignee_email": "info@kpmg.com.sg"},
        {"vessel_flag": "Korea, Republic of"},
        {"value": "100850", "goods_description": "invoice 0085012"},
        {"consignee_address": "Zhenxing District, Dandong"},
    ],
)
def test_dprk_nexus_near_misses(columns: dict[str, str]) -> None:
    assert dprk_nexus(trade(**columns), RULES) == []


def test_dprk_nexus_cites_rule_and_source() -> None:
    (flag,) = dprk_nexus(trade(vessel_flag="Korea, Democratic People's Republic of"), RULES)
    assert flag.rule == "dprk.vessel_flags:KP"
    assert "2270" in flag.source
    assert (flag.severity, flag.status) == ("medium", "review")


def test_diplomatic_nexus_from_nationality_and_venue() -> None:
    record = diplomatic(member1_name="A B", member1_nationality="North Korean", city="Pyongyang")
    assert nexus_fields(record) == {"member1_nationality", "city"}


# -- ASEAN_DPRK_NEXUS ---------------------------------------------------------------------


def _asean(record: Record) -> list[str]:
    flags = asean_dprk_nexus(record, RULES, dprk_nexus(record, RULES))
    return [f.rule for f in flags]


def test_asean_member_with_dprk_nexus() -> None:
    record = trade(shipper_country="Singapore", port_of_discharge="Nampo")
    assert _asean(record) == ["asean_members:SG"]


def test_asean_member_without_dprk_nexus_is_not_flagged() -> None:
    assert _asean(trade(shipper_country="Singapore", port_of_discharge="Busan")) == []


def test_dprk_nexus_without_asean_member_is_not_flagged() -> None:
    assert _asean(trade(shipper_country="Russia", port_of_discharge="Rajin")) == []


def test_asean_from_a_port_or_demonym() -> None:
    record = trade(port_of_loading="Haiphong", port_of_discharge="Nampo")
    assert _asean(record) == ["asean_members:VN"]
    record = diplomatic(delegation_country="DPRK", member1_name="X Y", member1_nationality="Lao")
    assert _asean(record) == ["asean_members:LA"]


@pytest.mark.parametrize(("date", "flagged"), [("2025-10-25", False), ("2025-10-26", True)])
def test_timor_leste_counts_from_its_admission(date: str, flagged: bool) -> None:
    record = record_from_row(
        {
            "record_id": "T",
            "date": date,
            "shipper_country": "Timor-Leste",
            "port_of_discharge": "Nampo",
        },
        "trade",
    )
    assert _asean(record) == (["asean_members:TL"] if flagged else [])


def test_asean_with_a_dprk_listed_party_and_no_place() -> None:
    record = trade(shipper_country="Malaysia")
    listed = Flag(
        code="DPRK_LISTED_PARTY", severity="critical", status="alert", message="m",
        field="buyer_name", value="x", rule="screening.threshold", source="s",
    )  # fmt: skip
    (flag,) = asean_dprk_nexus(record, RULES, [listed])
    assert flag.field == "shipper_country" and "buyer_name" in flag.message


# -- DPRK_SANCTIONED_GOODS ----------------------------------------------------------------


def _goods(record: Record) -> list[str]:
    return [f.rule for f in sanctioned_goods(record, RULES, dprk_nexus(record, RULES))]


def test_dprk_coal_export_cites_2371() -> None:
    record = trade(port_of_loading="Nampo", port_of_discharge="Haiphong", hs_codes="2701.11")
    (flag,) = sanctioned_goods(record, RULES, dprk_nexus(record, RULES))
    assert flag.rule == "sanctioned_goods:2371-coal-iron-lead"
    assert flag.resolution == "UNSCR 2371"
    assert (flag.field, flag.value) == ("hs_codes", "2701.11")


def test_singapore_coal_without_dprk_nexus_is_not_a_flag() -> None:
    record = trade(shipper_country="Indonesia", port_of_discharge="Singapore", hs_codes="2701.12")
    assert _goods(record) == []


def test_export_ban_does_not_fire_on_supply_to_the_dprk() -> None:
    record = trade(port_of_loading="Samarinda", port_of_discharge="Nampo", hs_codes="2701.12")
    assert _goods(record) == []


def test_goods_by_description_when_no_hs_code() -> None:
    record = trade(origin_country="DPRK", goods_description="Frozen squid, whole round")
    assert _goods(record) == ["sanctioned_goods:2371-seafood"]


def test_machinery_to_the_dprk_cites_2397() -> None:
    record = trade(destination_country="DPRK", hs_codes="8429.52")
    assert _goods(record) == ["sanctioned_goods:2397-supply"]


def test_textile_chapter_range() -> None:
    record = trade(origin_country="Korea DPR", hs_codes="6202.93")
    assert _goods(record) == ["sanctioned_goods:2375-textiles"]


def test_unlisted_goods_on_a_dprk_route_are_not_flagged() -> None:
    record = trade(port_of_discharge="Nampo", hs_codes="1701.99", goods_description="sugar")
    assert _goods(record) == []


def test_keyword_is_a_whole_word() -> None:
    record = trade(origin_country="DPRK", goods_description="Fishing rods and coaling tools")
    assert _goods(record) == []


# -- LISTED_COMPANY_VESSEL ----------------------------------------------------------------


def test_imo_of_a_listed_shipping_company(newest_list: SanctionsList) -> None:
    imos = imo_index(newest_list.entries)
    (flag,) = listed_company_vessel(trade(vessel_owner_id="IMO 5987860"), RULES, imos)
    assert (flag.reference_number, flag.regime, flag.field) == ("KPe.075", "KP", "vessel_owner_id")
    (flag,) = listed_company_vessel(trade(imo_number="IMO: 5342883"), RULES, imos)
    assert flag.reference_number == "KPe.022"


def test_unlisted_or_embedded_imo_numbers_are_not_flagged(newest_list: SanctionsList) -> None:
    imos = imo_index(newest_list.entries)
    assert listed_company_vessel(trade(imo_number="9123456"), RULES, imos) == []
    assert listed_company_vessel(trade(vessel_owner_id="REG 159878601"), RULES, imos) == []
    assert listed_company_vessel(trade(goods_description="lot 5987860"), RULES, imos) == []


# -- LISTED_PARTY and DPRK_LISTED_PARTY (real matcher) ------------------------------------


def test_dprk_listed_party_raises_both_listed_flags(screener: Screener) -> None:
    result = screen_record(screener, trade(seller_name="YUK TUNG ENERGY PTE. LTD."))
    codes = {(f.code, f.reference_number, f.regime) for f in result.flags}
    assert ("LISTED_PARTY", "KPe.075", "KP") in codes
    assert ("DPRK_LISTED_PARTY", "KPe.075", "KP") in codes
    assert result.is_alert


def test_other_regime_is_listed_but_not_dprk(screener: Screener) -> None:
    result = screen_record(screener, trade(buyer_name="Al Wasel and Babel General Trading LLC"))
    assert [(f.code, f.regime) for f in result.flags] == [("LISTED_PARTY", "IQ")]


def test_listed_official_in_a_delegation(screener: Screener) -> None:
    record = diplomatic(
        member1_name="Kim Sok Chol", member1_nationality="DPRK", member1_birth_date="1955-05-08"
    )
    result = screen_record(screener, record)
    listed = [f for f in result.flags if f.code == "DPRK_LISTED_PARTY"]
    assert [(f.reference_number, f.field) for f in listed] == [("KPi.036", "member1_name")]


def test_look_alike_company_is_not_listed(screener: Screener) -> None:
    result = screen_record(screener, trade(shipper_name="Green Pine Furniture Sdn Bhd"))
    assert result.flags == [] and not result.is_alert


def test_record_without_flags_says_so(screener: Screener) -> None:
    result = screen_record(screener, trade(shipper_name="Venture Circuits Pte Ltd"))
    data = result.to_dict()
    assert data["flags"] == [] and data["status"] == "clear" and data["is_alert"] is False
    assert result.summary == "clear: 1 party screened; no flags"


def test_record_date_is_used_not_today(screener: Screener) -> None:
    record = record_from_row(
        {"record_id": "T", "date": "2025-01-01", "shipper_country": "Timor-Leste",
         "port_of_discharge": "Nampo"},
        "trade",
    )  # fmt: skip
    assert record.date == dt.date(2025, 1, 1)
    assert [f.code for f in screen_record(screener, record).flags] == ["DPRK_NEXUS"]
