"""Audit fixtures: a store per backend, and the two list snapshots around the KPi.043 amendment."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sanctions_screen.store.db import Store, open_store
from sanctions_screen.unlist.models import SanctionsList
from tests.conftest import UN_DIR, load_snapshot


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with open_store(db_url) as opened:
        yield opened


@pytest.fixture(scope="session")
def list_jan() -> SanctionsList:
    return load_snapshot(UN_DIR / "consolidated-2026-01-28.xml")


@pytest.fixture(scope="session")
def list_apr() -> SanctionsList:
    return load_snapshot(UN_DIR / "consolidated-2026-04-17.xml")


def load_snapshot_jan() -> SanctionsList:
    """For worker processes, which do not see session fixtures."""
    return load_snapshot(UN_DIR / "consolidated-2026-01-28.xml")
