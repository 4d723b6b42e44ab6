"""Shared fixtures: the real UN snapshots beside the project, parsed once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from sanctions_screen.unlist.models import SanctionsList
from sanctions_screen.unlist.parser import parse_list_file

ROOT = Path(__file__).resolve().parent.parent
UN_DIR = ROOT.parent / "shared" / "lists" / "un"
SNAPSHOTS = sorted(UN_DIR.glob("consolidated-*.xml"))
NEWEST = UN_DIR / "consolidated-2026-05-08.xml"

_cache: dict[Path, SanctionsList] = {}


def load_snapshot(path: Path) -> SanctionsList:
    """Parse a snapshot once per test session."""
    if path not in _cache:
        _cache[path] = parse_list_file(path)
    return _cache[path]


@pytest.fixture(scope="session")
def newest_list() -> SanctionsList:
    return load_snapshot(NEWEST)


@pytest.fixture(scope="session")
def snapshot_paths() -> list[Path]:
    assert len(SNAPSHOTS) == 6, f"expected six UN snapshots in {UN_DIR}"
    return SNAPSHOTS
