"""The snapshots shipped in lists/un/ are the ones their PROVENANCE.md describes."""

from __future__ import annotations

import lzma
import re
from pathlib import Path

import pytest

from sanctions_screen.unlist.parser import parse_list_file
from tests.conftest import SHIPPED_UN_DIR

PROVENANCE = (SHIPPED_UN_DIR / "PROVENANCE.md").read_text(encoding="utf-8")
SHIPPED = sorted(SHIPPED_UN_DIR.glob("consolidated-*.xml.xz"))


def _table_row(name: str) -> tuple[int, str]:
    match = re.search(rf"^\| {re.escape(name)} \| (\d+) \| `([0-9a-f]{{64}})` \|", PROVENANCE, re.M)
    assert match, f"{name} has no row in PROVENANCE.md"
    return int(match.group(1)), match.group(2)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_snapshot_matches_its_provenance(path: Path) -> None:
    size, sha256 = _table_row(path.name)
    raw = lzma.decompress(path.read_bytes())
    assert len(raw) == size
    parsed = parse_list_file(path)
    assert parsed.sha256 == sha256
    section = PROVENANCE[PROVENANCE.index(f"## {path.name.removesuffix('.xz')}") :]
    generated = re.search(r"dateGenerated: `([^`]+)`", section)
    assert generated and parsed.root_attributes["dateGenerated"] == generated.group(1)
    per_regime = re.search(r"per UN_LIST_TYPE \(individuals/entities\): (.*)", section)
    assert per_regime
    counts = parsed.counts_by_list_type()
    expected = {
        regime: {"individuals": int(ind), "entities": int(ent)}
        for regime, ind, ent in re.findall(r"([\w-]+) (\d+)/(\d+)", per_regime.group(1))
    }
    assert counts == expected


def test_the_newest_is_the_one_the_package_carries() -> None:
    from sanctions_screen.resources import resource

    bundled = resource("un").joinpath("consolidated-2026-05-08.xml.xz")
    assert bundled.read_bytes() == (SHIPPED_UN_DIR / "consolidated-2026-05-08.xml.xz").read_bytes()
    assert SHIPPED[-1].name == "consolidated-2026-05-08.xml.xz"


def test_bundled_list_is_the_newest_snapshot() -> None:
    from sanctions_screen import bundled_list
    from sanctions_screen.unlist.bundled import bundled_list_name

    assert bundled_list_name() == "consolidated-2026-05-08.xml.xz"
    parsed = bundled_list()
    assert parsed.source == "bundled snapshot consolidated-2026-05-08.xml.xz"
    assert parsed.sha256 == _table_row("consolidated-2026-05-08.xml.xz")[1]
    assert (len(parsed.individuals), len(parsed.entities)) == (737, 272)
