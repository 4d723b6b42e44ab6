"""load_list: a UN XML file, the active stored version, else the bundled snapshot."""

from __future__ import annotations

import pytest

from sanctions_screen.exceptions import ListParseError
from sanctions_screen.store.db import open_store
from sanctions_screen.store.load import load_list
from tests.conftest import NEWEST, UN_DIR, load_snapshot


def test_load_from_file() -> None:
    loaded = load_list(NEWEST)
    assert loaded.entries == load_snapshot(NEWEST).entries
    assert loaded.source == str(NEWEST)


def test_load_active_version_from_store(sqlite_url: str) -> None:
    with pytest.warns(UserWarning, match="bundled with sanctions-screen") as caught:
        fallback = load_list(db_url=sqlite_url)
    assert fallback.sha256 == load_snapshot(NEWEST).sha256
    assert "`sanctions-screen lists import FILE` offline" in str(caught[0].message)
    with open_store(sqlite_url) as store:
        store.import_file(UN_DIR / "consolidated-2026-04-17.xml")
        store.import_file(NEWEST)
    assert load_list(db_url=sqlite_url).sha256 == load_snapshot(NEWEST).sha256


def test_load_uses_environment_database(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with open_store(sqlite_url) as store:
        store.import_file(NEWEST)
    monkeypatch.setenv("SANCTIONS_SCREEN_DB", sqlite_url)
    assert len(load_list().entries) == 1009


def test_missing_file_is_a_list_error(tmp_path: object) -> None:
    with pytest.raises(ListParseError, match="cannot read file"):
        load_list(f"{tmp_path}/nope.xml")
