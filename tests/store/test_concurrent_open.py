"""Several processes opening one brand-new database at once all get a working schema."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from sanctions_screen.store.db import open_store


def _open_and_count(url: str) -> int:
    with open_store(url) as store:
        return len(store.versions())


def test_processes_racing_to_create_a_fresh_sqlite_schema(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.sqlite'}"
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        counts = pool.map(_open_and_count, [url] * 4)
    assert counts == [0, 0, 0, 0]


def test_processes_racing_to_create_a_fresh_postgresql_schema(postgresql_url: str) -> None:
    with multiprocessing.get_context("spawn").Pool(3) as pool:
        counts = pool.map(_open_and_count, [postgresql_url] * 3)
    assert counts == [0, 0, 0]
