"""Column mapping: recognised headers, composed names, parties, explicit columns."""

from __future__ import annotations

import pytest

from sanctions_screen.exceptions import InputError
from sanctions_screen.tabular.mapping import ColumnMapping


def test_common_headers_are_recognised_for_a_names_list() -> None:
    header = ["ID", "Full Name", "Date of Birth", "Nationality", "Passport No.", "Country"]
    bound = ColumnMapping().bind(header)
    assert bound.record_type == "names"
    inputs = bound.inputs(["7", " Ri Won Ho ", "1964-07-17", "DPRK", "654320502", "KP"])
    assert inputs == {
        "name": "Ri Won Ho",
        "dob": "1964-07-17",
        "nationality": "DPRK",
        "passport": "654320502",
        "country": "KP",
    }


def test_name_composed_from_numbered_columns_in_order() -> None:
    header = ["Name 2", "Name 1", "Name 3", "Name 10", "Type"]
    bound = ColumnMapping().bind(header)
    assert bound.inputs(["JONG", "KIM", "UN", "", "individual"]) == {
        "name": "KIM JONG UN",
        "kind": "individual",
    }


def test_first_and_last_name_columns_are_joined() -> None:
    bound = ColumnMapping().bind(["Surname", "Given Name", "Email"])
    assert bound.inputs(["Pak", "Pong Ju", "x@y"])["name"] == "Pong Ju Pak"


def test_explicit_name_columns_and_kind() -> None:
    mapping = ColumnMapping(name_columns=("Last+First",), kind="person")
    bound = mapping.bind(["First", "Last", "Name"])
    assert bound.inputs(["Jong Un", "Kim", "other"]) == {"name": "Kim Jong Un", "kind": "person"}
    assert bound.unscreened == ("Name",)  # a name column nothing screens is said


def test_repeated_name_columns_are_screened_each_on_its_own() -> None:
    # two --name-column options used to be joined into one name
    mapping = ColumnMapping(name_columns=("First+Last", "Alias"))
    bound = mapping.bind(["First", "Last", "Alias"])
    assert bound.inputs(["JO", "YONG WON", "John Smith"])["name"] == "JO YONG WON; John Smith"
    assert bound.inputs(["", "", "John Smith"])["name"] == "John Smith"
    assert bound.describe(["First", "Last", "Alias"])["name"] == "First + Last; Alias"
    assert bound.unscreened == ()


def test_explicit_evidence_columns_override_recognised_ones() -> None:
    mapping = ColumnMapping(columns={"country": "Ctry of residence", "dob": "born_on"})
    bound = mapping.bind(["Name", "Country", "Ctry of residence", "born_on"])
    assert bound.inputs(["A", "SG", "MY", "1970"]) == {"name": "A", "country": "MY", "dob": "1970"}


def test_trade_header_detected_and_parties_recognised() -> None:
    header = ["Shipment ID", "Shipper", "Consignee Name", "Notify Party", "HS Code", "Vessel"]
    bound = ColumnMapping().bind(header)
    assert bound.record_type == "trade"
    inputs = bound.inputs(["S1", "A Ltd", "B Ltd", "", "2701", "MV X"])
    assert inputs == {
        "record_id": "S1",
        "shipper_name": "A Ltd",
        "consignee_name": "B Ltd",
        "hs_codes": "2701",
        "vessel_name": "MV X",
    }


def test_party_attributes_numbered_members_and_extras_are_mapped() -> None:
    header = ["Meeting ID", "Delegate 2 Name", "Delegate 2 DOB", "Member 1", "Host Country",
              "Notes"]  # fmt: skip
    bound = ColumnMapping().bind(header)
    assert bound.record_type == "diplomatic"
    assert bound.describe(header) == {
        "record_id": "Meeting ID",
        "member2_name": "Delegate 2 Name",
        "member2_birth_date": "Delegate 2 DOB",
        "member1_name": "Member 1",
        "host_country": "Host Country",
        "Notes": "Notes",
    }
    trade = ColumnMapping().bind(["Exporter", "Exporter Country", "consignee_phone", "Notes"])
    assert trade.describe(["Exporter", "Exporter Country", "consignee_phone", "Notes"]) == {
        "shipper_name": "Exporter",
        "shipper_country": "Exporter Country",
        "consignee_phone": "consignee_phone",
        "Notes": "Notes",
    }


def test_party_option_with_composed_columns() -> None:
    mapping = ColumnMapping(
        record_type="trade",
        parties=dict([ColumnMapping.parse_party("consignee=Cnee 1+Cnee 2")]),
    )
    bound = mapping.bind(["Shipper", "Cnee 1", "Cnee 2"])
    assert bound.inputs(["A Ltd", "Korea Ryonbong", "General Corporation"])["consignee_name"] == (
        "Korea Ryonbong General Corporation"
    )


@pytest.mark.parametrize("text", ["consignee", "=Col", "consignee="])
def test_party_option_syntax(text: str) -> None:
    with pytest.raises(InputError, match="ROLE=COLUMN"):
        ColumnMapping.parse_party(text)


def test_unknown_column_names_the_header() -> None:
    with pytest.raises(InputError, match="no column 'Nme'"):
        ColumnMapping(name_columns=("Nme",)).bind(["Name", "Country"], "in.csv")


def test_no_name_column_says_what_to_do() -> None:
    with pytest.raises(InputError, match="--name-column"):
        ColumnMapping().bind(["Amount", "Currency"], "in.csv")


def test_empty_name_is_detected() -> None:
    bound = ColumnMapping().bind(["Name", "Country"])
    assert bound.missing_name(bound.inputs(["  ", "SG"])) == "empty name"
    trade = ColumnMapping().bind(["Shipper", "Consignee", "HS Code"])
    assert trade.missing_name(trade.inputs(["", "", "2701"])).startswith("empty name")
    assert trade.missing_name(trade.inputs(["", "B", "2701"])) == ""


def test_explicit_record_columns() -> None:
    mapping = ColumnMapping(columns={"imo": "Ship IMO", "consignee_country": "Cnee Ctry"})
    bound = mapping.bind(["Consignee", "Cnee Ctry", "Ship IMO"])
    assert bound.record_type == "trade"
    assert bound.inputs(["B Ltd", "DPRK", "8405311"]) == {
        "imo_number": "8405311",
        "consignee_country": "DPRK",
        "consignee_name": "B Ltd",
    }


def test_per_party_evidence_needs_a_role_in_records() -> None:
    with pytest.raises(InputError, match="consignee_country"):
        ColumnMapping(columns={"country": "Ctry"}).bind(["Consignee", "Ctry"], "t.csv")
    with pytest.raises(InputError, match="names list takes"):
        ColumnMapping("names", columns={"hs_codes": "HS"}).bind(["Name", "HS"], "n.csv")


def test_any_party_role_is_accepted() -> None:
    # --party end_user="End User" was refused ("no such role")
    role, columns = ColumnMapping.parse_party("End User=End User")
    assert (role, columns) == ("end_user", ("End User",))
    mapping = ColumnMapping(record_type="trade", parties={role: columns, "guarantor": ("Broker",)})
    bound = mapping.bind(["Shipper", "End User", "Broker"])
    assert bound.parties == {"shipper_name", "end_user_name", "guarantor_name"}
    assert bound.inputs(["A", "B", "C"]) == {
        "end_user_name": "B",
        "guarantor_name": "C",
        "shipper_name": "A",
    }
    assert bound.missing_name({"guarantor_name": "C"}) == ""


def test_unnumbered_delegate_is_member1_and_unknown_name_columns_are_not_parties() -> None:
    bound = ColumnMapping().bind(["Delegate", "Delegate Nationality", "Host Country", "port_name"])
    assert bound.record_type == "diplomatic"
    inputs = bound.inputs(["Ri Son Gwon", "DPRK", "Lao PDR", "Vientiane"])
    assert inputs["member1_name"] == "Ri Son Gwon" and inputs["member1_nationality"] == "DPRK"
    assert bound.missing_name({"port_name": "x", "record_id": "1"}).startswith("empty name")
