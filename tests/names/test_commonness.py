"""Name commonness (issue 14, class 18), from the table frozen into lists/ from
names-dataset so that screening needs no data package."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from sanctions_screen.names.commonness import common_pair, family_rank, given_rank

ROOT = Path(__file__).resolve().parents[2]


def test_ranks_are_read_as_the_matcher_folds_names() -> None:
    assert given_rank("muhammad") == 1  # Mohammed, Muhammad, Mohamed: one folded name
    assert family_rank("smith") == 1
    assert given_rank("xqzvw") > 1000


def test_a_common_pair_is_a_given_name_and_a_family_name_in_either_order() -> None:
    assert common_pair("john", "smith", 20) and common_pair("smith", "john", 20)
    assert not common_pair("john", "smith", 0)
    assert not common_pair("ottilie", "brandscheid", 20)


def test_the_frozen_table_is_the_package_data() -> None:
    pytest.importorskip("names_dataset")  # in the eval extra: loading it takes a minute, 2 GB
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        from freeze_name_tables import common_names_yaml
    finally:
        sys.path.remove(str(ROOT / "tools"))
    text = (ROOT / "lists" / "common_names.yaml").read_text(encoding="utf-8")
    assert text == common_names_yaml()
