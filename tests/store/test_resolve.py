"""Which list is screened against: the file given, else the active version, else the
bundled snapshot; nothing is downloaded."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sanctions_screen.store.db import open_store
from sanctions_screen.store.resolve import resolve_list
from tests.conftest import NEWEST, UN_DIR, load_snapshot

OLDER = UN_DIR / "consolidated-2026-04-17.xml"
A_WEEK_AFTER = dt.datetime(2026, 5, 15, 12, tzinfo=dt.UTC)
NEXT_YEAR = dt.datetime(2027, 5, 9, tzinfo=dt.UTC)


def test_empty_store_falls_back_to_the_bundled_snapshot(db_url: str) -> None:
    resolved = resolve_list(db_url=db_url, now=A_WEEK_AFTER)
    assert resolved.origin == "bundled" and resolved.version is None
    assert resolved.sanctions_list.sha256 == load_snapshot(NEWEST).sha256
    assert resolved.sanctions_list.source == "bundled snapshot consolidated-2026-05-08.xml.xz"
    assert resolved.age.days == 6 and not resolved.age.stale
    (warning,) = resolved.warnings
    assert warning.startswith("no list version is stored in ")
    assert "bundled with sanctions-screen (generated 2026-05-08, 6 days old)" in warning
    assert "`sanctions-screen lists update`" in warning
    assert "`sanctions-screen lists import FILE` offline" in warning


def test_bundled_snapshot_past_the_limit_says_so(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SANCTIONS_SCREEN_MAX_LIST_AGE_DAYS")  # the default, 30 days
    (warning,) = resolve_list(db_url=sqlite_url, now=NEXT_YEAR).warnings
    assert "(stale: generated 2026-05-08, 365 days old, over the 30-day limit)" in warning
    relaxed = resolve_list(db_url=sqlite_url, max_age_days=400, now=NEXT_YEAR)
    assert not relaxed.age.stale and "stale" not in relaxed.warnings[0]


def test_active_version_comes_before_the_bundled_snapshot(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SANCTIONS_SCREEN_MAX_LIST_AGE_DAYS")  # the default, 30 days
    with open_store(db_url) as store:
        imported = store.import_file(OLDER)
        resolved = resolve_list(store=store, now=A_WEEK_AFTER)
    assert resolved.origin == "store" and resolved.version == imported.version
    assert resolved.sanctions_list.sha256 == load_snapshot(OLDER).sha256
    assert resolved.label == f"version {imported.version.id}"
    assert resolved.age.days == 27 and resolved.warnings == []
    stale = resolve_list(db_url=db_url, now=NEXT_YEAR)
    assert stale.warnings == [
        f"the UN list in use (version {imported.version.id}) is stale: generated 2026-04-17, "
        "386 days old, over the 30-day limit; update with `sanctions-screen lists update`, "
        "or `sanctions-screen lists import FILE` offline"
    ]


def test_a_file_comes_first(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with open_store(sqlite_url) as store:
        store.import_file(NEWEST)
    resolved = resolve_list(OLDER, db_url=sqlite_url, now=A_WEEK_AFTER)
    assert resolved.origin == "file" and resolved.label == f"file {OLDER}"
    assert resolved.sanctions_list.sha256 == load_snapshot(OLDER).sha256
    monkeypatch.setenv("SANCTIONS_SCREEN_MAX_LIST_AGE_DAYS", "7")
    (warning,) = resolve_list(Path(OLDER), now=A_WEEK_AFTER).warnings
    assert "over the 7-day limit" in warning


def test_offline_update_fails_and_the_bundled_snapshot_still_serves(sqlite_url: str) -> None:
    """The machine is offline: every connection is refused. `lists update` gives up after
    its retries (the waits are recorded, not slept) and stores nothing; screening goes on
    against the bundled snapshot."""
    import httpx

    from sanctions_screen.exceptions import DownloadError
    from sanctions_screen.store.update import update_list

    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("[Errno 101] Network is unreachable", request=request)

    sleeps: list[float] = []
    with open_store(sqlite_url) as store:
        client = httpx.Client(transport=httpx.MockTransport(refuse))
        with pytest.raises(DownloadError, match="Network is unreachable.*gave up after 4"):
            update_list(store, client=client, sleep=sleeps.append)
        assert sleeps == [1.0, 2.0, 4.0] and store.versions() == []
        assert resolve_list(store=store, now=A_WEEK_AFTER).origin == "bundled"
