"""Rules as data: the bundled files, a user's file, and errors that name the line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sanctions_screen.exceptions import RulesFileError
from sanctions_screen.records import load_rules


def test_bundled_rules_cite_their_sources() -> None:
    rules = load_rules()
    assert len(rules.asean_members) == 11
    assert all(m.source for m in rules.asean_members)
    assert {r for g in rules.sanctioned_goods for r in g.resolutions} == {
        "1718", "2270", "2321", "2371", "2375", "2397",
    }  # fmt: skip
    assert all(g.source and (g.hs or g.keywords) for g in rules.sanctioned_goods)
    assert [p.prefix for p in rules.dprk.phone_prefixes] == ["+850", "00850"]


def test_membership_is_dated() -> None:
    rules = load_rules()
    assert "TL" not in rules.asean_on(dt.date(2025, 10, 25))
    assert "TL" in rules.asean_on(dt.date(2025, 10, 26))
    assert "VN" not in rules.asean_on(dt.date(1995, 7, 27))


def test_hs_chapter_ranges_expand() -> None:
    goods = {g.id: g for g in load_rules().sanctioned_goods}
    assert goods["2375-textiles"].hs == tuple(str(c) for c in range(50, 64))


def test_user_file_replaces_only_its_sections(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(
        "asean_members:\n  - {code: SG, name: Singapore, admitted: 1967-08-08, source: test}\n"
    )
    rules = load_rules(path)
    assert [m.code for m in rules.asean_members] == ["SG"]
    assert rules.sanctioned_goods == load_rules().sanctioned_goods
    assert str(path) in rules.origin


def _error(tmp_path: Path, text: str) -> str:
    path = tmp_path / "rules.yaml"
    path.write_text(text)
    with pytest.raises(RulesFileError) as info:
        load_rules(path)
    return str(info.value)


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    message = _error(tmp_path, "flags:\n  LISTED_PARTY: {severity: high\n  other: 1\n")
    assert message.startswith(f"{tmp_path / 'rules.yaml'}:3:")


def test_bad_value_names_its_line(tmp_path: Path) -> None:
    message = _error(
        tmp_path,
        "asean_members:\n"
        "  - {code: SG, name: Singapore, admitted: 1967-08-08, source: s}\n"
        "  - code: TL\n"
        "    name: Timor-Leste\n"
        "    admitted: 26 October 2025\n"
        "    source: s\n",
    )
    assert ":5: asean_members.1.admitted:" in message


def test_bad_hs_code_names_its_line(tmp_path: Path) -> None:
    message = _error(
        tmp_path,
        "sanctioned_goods:\n"
        "  - id: x\n    resolutions: ['2371']\n    measure: m\n    direction: from_dprk\n"
        "    hs: ['03', '27x1']\n    source: s\n",
    )
    assert ":6: sanctioned_goods.0.hs:" in message and "'27x1'" in message


def test_unknown_section_and_field_name_their_line(tmp_path: Path) -> None:
    assert ":2: unknown section 'asean'" in _error(tmp_path, "# rules\nasean: []\n")
    message = _error(
        tmp_path,
        "dprk:\n  country_codes:\n    - {code: KP, source: s}\n  phone_prefix: []\n",
    )
    assert ":4: dprk.phone_prefix:" in message


def test_not_a_mapping_and_missing_file(tmp_path: Path) -> None:
    assert ":1: expected a mapping" in _error(tmp_path, "- just a list\n")
    with pytest.raises(RulesFileError, match="cannot read rules file"):
        load_rules(tmp_path / "missing.yaml")
