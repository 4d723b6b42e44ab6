"""Chinese romanisation (issue 14, class 15): a pinyin name read in Wade-Giles, from the
table frozen into lists/wade_giles.yaml."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from sanctions_screen.matching import Screener, compare_names
from sanctions_screen.names.chinese import wade_giles_reading
from sanctions_screen.unlist.models import SanctionsList

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("pinyin", "wade_giles"),
    [
        ("Deng Xiaoping", "Teng Hsiao-ping"),
        ("Deng Xiaoping", "Teng Hsiao-p'ing"),
        ("Zhou Enlai", "Chou En-lai"),  # lai is lai (pypinyin's converter says lei)
        ("Mao Zedong", "Mao Tse-tung"),
        ("Gu Jianguo", "Ku Chien-kuo"),  # read as Korean (Gu, Ku), still met
    ],
)
def test_wade_giles_meets_pinyin(pinyin: str, wade_giles: str) -> None:
    assert compare_names(pinyin, wade_giles) >= 0.95
    assert compare_names(wade_giles, pinyin, "person") >= 0.95


def test_only_names_that_read_as_pinyin_get_a_reading() -> None:
    assert wade_giles_reading(["deng", "xiaoping"]) == ("teng", "hsiao", "ping")
    assert wade_giles_reading(["li", "wei"]) is None  # the same in both systems
    assert wade_giles_reading(["maria", "li"]) is None  # three syllables in one word
    assert wade_giles_reading(["ri", "mun", "song"]) is None  # mun is no syllable (mu + n)
    assert wade_giles_reading(["john", "smith"]) is None
    assert compare_names("Li Wei", "Li Wen") < 0.81  # another syllable, another name


def test_a_wade_giles_query_finds_a_pinyin_listed_name(newest_list: SanctionsList) -> None:
    entry = next(e for e in newest_list.entries if e.kind == "individual")
    deng = entry.model_copy(update={"first_name": "DENG", "second_name": "XIAOPING",
                                    "third_name": None, "fourth_name": None, "aliases": [],
                                    "name_original_script": None})
    screener = Screener(newest_list.model_copy(update={"entries": (*newest_list.entries, deng)}))
    for query in ("Teng Hsiao-ping", "Deng Xiaoping"):
        result = screener.screen(query)
        assert result.is_alert and result.best is not None, query
        assert result.best.matched_name == "DENG XIAOPING"
    assert not screener.screen("Teng Hsiao-ping", kind="organization").is_alert


def test_the_frozen_table_is_the_package_data() -> None:
    pytest.importorskip("pypinyin")  # in the dev extra; the check needs the package
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        from freeze_name_tables import wade_giles_yaml
    finally:
        sys.path.remove(str(ROOT / "tools"))
    assert (ROOT / "lists" / "wade_giles.yaml").read_text(encoding="utf-8") == wade_giles_yaml()
