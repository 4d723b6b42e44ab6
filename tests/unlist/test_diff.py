"""diff_lists on the six real snapshots, checked against PROVENANCE.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sanctions_screen.unlist.diff import FieldChange, diff_lists, entry_changes
from tests.conftest import SNAPSHOTS, UN_DIR, load_snapshot


def provenance_changes() -> dict[tuple[str, str], tuple[int, int, list[str], list[str]]]:
    """``{(old date, new date): (added, removed, first added refs, removed refs)}``."""
    text = (UN_DIR / "PROVENANCE.md").read_text(encoding="utf-8")
    out = {}
    pattern = re.compile(
        r"^(\S+) -> (\S+): \+(\d+) -(\d+) amended=\d+\n\s+added: (.*)\n\s+removed: (.*)$", re.M
    )
    for old, new, added, removed, added_refs, removed_refs in pattern.findall(text):
        out[(old, new)] = (
            int(added),
            int(removed),
            added_refs.replace("...", "").split(),
            removed_refs.split(),
        )
    return out


PROVENANCE = provenance_changes()
PAIRS = list(zip(SNAPSHOTS, SNAPSHOTS[1:], strict=False))


def _date(path: Path) -> str:
    return path.stem.removeprefix("consolidated-")


def test_provenance_lists_every_pair() -> None:
    assert {(_date(a), _date(b)) for a, b in PAIRS} == set(PROVENANCE)


@pytest.mark.parametrize("old_path,new_path", PAIRS, ids=lambda p: _date(p))
def test_added_and_removed_match_provenance(old_path: Path, new_path: Path) -> None:
    added, removed, added_refs, removed_refs = PROVENANCE[(_date(old_path), _date(new_path))]
    diff = diff_lists(load_snapshot(old_path), load_snapshot(new_path))
    assert (len(diff.added), len(diff.removed)) == (added, removed)
    got_added = [e.reference_number for e in diff.added]
    assert got_added[: len(added_refs)] == added_refs
    assert [e.reference_number for e in diff.removed][: len(removed_refs)] == removed_refs


def test_serialisation_only_fields_are_not_amendments() -> None:
    # PROVENANCE: leaving out HAS_INTERPOL_LINK, INTERPOL_LINK and alias-level
    # NAME_ORIGINAL_SCRIPT, 136 records were really amended (DPRK: KPi.043).
    jan, apr = (load_snapshot(UN_DIR / f"consolidated-2026-{d}.xml") for d in ("01-28", "04-17"))
    diff = diff_lists(jan, apr)
    assert len(diff.amended) == 136
    assert [a.reference_number for a in diff.amended if a.un_list_type == "DPRK"] == ["KPi.043"]
    assert {
        "INDIVIDUAL/HAS_INTERPOL_LINK",
        "ENTITY/INTERPOL_LINK",
        "INDIVIDUAL/INDIVIDUAL_ALIAS/NAME_ORIGINAL_SCRIPT",
    } <= set(diff.ignored_fields)
    fields = {c.field for a in diff.amended for c in a.changes}
    assert not fields & {"has_interpol_link", "interpol_link"}


def test_may_2026_amendments() -> None:
    # PROVENANCE: 17 records really amended, all with LAST_DAY_UPDATED 2026-04-28, no DPRK.
    apr, may = (load_snapshot(UN_DIR / f"consolidated-2026-{d}.xml") for d in ("04-17", "05-08"))
    diff = diff_lists(apr, may)
    assert diff.summary() == "+4 added, -0 removed, 17 amended"
    assert all(a.un_list_type != "DPRK" for a in diff.amended)
    for amendment in diff.amended:
        change = next(c for c in amendment.changes if c.field == "last_updated")
        assert "2026-04-28" in change.new and "2026-04-28" not in (change.old or [])


def test_field_level_change_carries_old_and_new() -> None:
    entry = load_snapshot(UN_DIR / "consolidated-2026-05-08.xml").get("KPe.075")
    assert entry is not None
    changed = entry.model_copy(update={"comments": "new text", "nationalities": ("X",)})
    assert entry_changes(entry, changed) == [
        FieldChange(field="comments", old=entry.comments, new="new text"),
        FieldChange(field="nationalities", old=[], new=["X"]),
    ]
    reordered = entry.model_copy(update={"aliases": tuple(reversed(entry.aliases))})
    assert entry_changes(entry, reordered) == []
