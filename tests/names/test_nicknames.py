"""Nicknames (issue 14, class 14): Bill is William, Peggy is Margaret, Sasha is Aleksandr,
from tables frozen into lists/ so that screening needs no data package."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from sanctions_screen.matching import Screener, compare_names
from sanctions_screen.names.nicknames import full_names, is_nickname_pair
from sanctions_screen.unlist.models import SanctionsList

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("nickname", "full"),
    [("bill", "william"), ("peggy", "margaret"), ("sasha", "aleksandr"), ("volodya", "vladimir")],
)
def test_a_nickname_is_its_full_name(nickname: str, full: str) -> None:
    assert is_nickname_pair(nickname, full) and is_nickname_pair(full, nickname)
    assert full in full_names(nickname)
    query, listed = f"{nickname.title()} Hartmann", f"{full.title()} Hartmann"
    assert compare_names(query, listed) >= 0.9
    assert compare_names(listed, query) == compare_names(query, listed)


def test_nicknames_of_one_name_and_particles_stay_apart() -> None:
    assert not is_nickname_pair("peggy", "maggie")  # both Margaret: not each other
    assert not is_nickname_pair("al", "albert")  # al is the Arabic article first
    assert compare_names("Peggy Smith", "Patricia Smith") < 0.81
    assert compare_names("Al Hassan", "Albert Hassan") < 0.81


def test_a_nickname_retrieves_the_listed_full_name(newest_list: SanctionsList) -> None:
    # A listed entry with an English full name, screened by a nickname: retrieved and alerted.
    entry = next(e for e in newest_list.entries if e.kind == "individual")
    william = entry.model_copy(update={"first_name": "William", "second_name": "Hartmann",
                                       "third_name": None, "fourth_name": None, "aliases": [],
                                       "name_original_script": None})
    screener = Screener(newest_list.model_copy(update={"entries": (*newest_list.entries, william)}))
    result = screener.screen("Bill Hartmann")
    assert result.is_alert and result.best is not None
    assert result.best.matched_name == "William Hartmann"


def test_the_frozen_table_is_the_package_data() -> None:
    pytest.importorskip("nicknames")  # in the dev extra; the check needs the package
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        from freeze_name_tables import nicknames_yaml
    finally:
        sys.path.remove(str(ROOT / "tools"))
    assert (ROOT / "lists" / "nicknames.yaml").read_text(encoding="utf-8") == nicknames_yaml()
