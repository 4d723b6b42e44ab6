"""docs/records.md names every canonical column, role and flag code the code knows."""

from __future__ import annotations

from pathlib import Path

from sanctions_screen.records import load_rules
from sanctions_screen.records.rows import (
    BANK_ROLES,
    DIPLOMATIC_FIELDS,
    DIPLOMATIC_ROLES,
    PARTY_ATTRIBUTES,
    TRADE_FIELDS,
    TRADE_ROLES,
)

DOC = (Path(__file__).resolve().parents[2] / "docs" / "records.md").read_text(encoding="utf-8")


def test_every_column_is_documented() -> None:
    names = (
        *TRADE_FIELDS, *DIPLOMATIC_FIELDS, *PARTY_ATTRIBUTES,
        *(f"{role}_*" for role in (*TRADE_ROLES, *BANK_ROLES)),
        *(f"{role}_*" for role in DIPLOMATIC_ROLES),
    )  # fmt: skip
    missing = [name for name in names if f"`{name}" not in DOC]
    assert missing == []


def test_every_flag_and_rules_section_is_documented() -> None:
    missing = [code for code in load_rules().flags if f"`{code}`" not in DOC]
    assert missing == []
    for section in ("asean_members", "dprk", "sanctioned_goods", "flags"):
        assert f"`{section}`" in DOC
