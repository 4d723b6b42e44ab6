"""The version store against real SQLite files and a real PostgreSQL server."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import func, inspect, select

from sanctions_screen.exceptions import (
    ListSanityError,
    NoActiveListError,
    StoreError,
    VersionNotFoundError,
)
from sanctions_screen.store.db import default_db_url, normalise_url, open_store
from sanctions_screen.store.tables import ListEntryRow
from tests.conftest import NEWEST, SNAPSHOTS, UN_DIR, load_snapshot

OLDER = UN_DIR / "consolidated-2026-04-17.xml"


def test_open_store_creates_schema_at_head(db_url: str) -> None:
    with open_store(db_url) as store:
        tables = set(inspect(store.engine).get_table_names())
        assert {
            "list_versions",
            "list_payloads",
            "list_entries",
            "http_validators",
            "alembic_version",
        } <= tables
        assert store.active_version() is None
        assert store.versions() == []
    with open_store(db_url) as again:  # reopening an up-to-date schema is a no-op
        assert again.versions() == []


def test_no_active_list_says_what_to_run(db_url: str) -> None:
    with open_store(db_url) as store, pytest.raises(NoActiveListError) as info:
        store.load_version()
    assert "sanctions-screen lists update" in str(info.value)
    assert "sanctions-screen lists import FILE" in str(info.value)


def test_import_records_version_and_reloads_exactly(db_url: str) -> None:
    data = NEWEST.read_bytes()
    with open_store(db_url) as store:
        result = store.import_file(NEWEST)
        version = result.version
        assert result.created and result.activated and version.is_active
        assert version.source_kind == "file" and version.source == str(NEWEST.resolve())
        assert version.sha256 == hashlib.sha256(data).hexdigest()
        assert version.size_bytes == len(data)
        assert (version.individuals, version.entities) == (737, 272)
        assert version.counts["DPRK"] == {"individuals": 80, "entities": 75}
        assert version.date_generated.isoformat() == "2026-05-08T23:00:06.922000+00:00"
        assert store.active_version() == version
        assert store.get_version(version.id) == version

        loaded = store.load_version()
        assert loaded.sha256 == version.sha256
        assert loaded.entries == load_snapshot(NEWEST).entries
        with store.session() as session:
            count = session.scalar(select(func.count()).select_from(ListEntryRow))
            row = session.scalars(
                select(ListEntryRow).where(ListEntryRow.reference_number == "KPe.075")
            ).one()
        assert count == 1009
        assert (row.kind, row.un_list_type, row.name) == (
            "entity",
            "DPRK",
            "YUK TUNG ENERGY PTE LTD",
        )
        assert len(row.fingerprint) == 64


def test_reimport_adds_no_version(db_url: str) -> None:
    with open_store(db_url) as store:
        first = store.import_file(NEWEST)
        again = store.import_list(NEWEST.read_bytes(), source_kind="url", source="http://x/")
        assert not again.created and not again.activated
        assert again.version.id == first.version.id
        assert "already stored as version" in again.message
        assert len(store.versions()) == 1


def test_older_list_needs_force_and_active_stays(db_url: str) -> None:
    with open_store(db_url) as store:
        newest = store.import_file(NEWEST).version
        with pytest.raises(ListSanityError, match="older than the active version"):
            store.import_file(OLDER)
        assert store.active_version() == newest
        assert len(store.versions()) == 1
        forced = store.import_file(OLDER, force=True)
        assert forced.activated and store.active_version() == forced.version
        back = store.activate(newest.id)
        assert back.is_active and store.active_version() == back
        # re-importing a stored but inactive version with force makes it active again
        again = store.import_file(OLDER, force=True)
        assert not again.created and again.activated and again.version.id == forced.version.id


def test_drastic_loss_is_refused(db_url: str) -> None:
    with open_store(db_url) as store:
        store.import_file(UN_DIR / "consolidated-2018-06-07.xml")
        # 1098 -> 879 entries (the Iraq delistings of 2018-2025): 20% fewer
        with pytest.raises(ListSanityError, match=r"879 entries against 1098 .*20% fewer"):
            store.import_file(UN_DIR / "consolidated-2025-08-02.xml")
        assert store.active_version() is not None
        assert store.active_version().date_generated.year == 2018  # type: ignore[union-attr]
        assert store.import_file(UN_DIR / "consolidated-2025-08-02.xml", force=True).activated


def test_unknown_version(db_url: str) -> None:
    with open_store(db_url) as store:
        with pytest.raises(VersionNotFoundError, match="list version 42 does not exist"):
            store.get_version(42)
        with pytest.raises(VersionNotFoundError):
            store.load_version(42)


def test_default_url_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    monkeypatch.setenv("SANCTIONS_SCREEN_DB", "sqlite:////tmp/x.db")
    assert default_db_url() == "sqlite:////tmp/x.db"
    monkeypatch.delenv("SANCTIONS_SCREEN_DB")
    assert default_db_url().startswith("sqlite:///")
    assert default_db_url().endswith("sanctions_screen.db")


def test_plain_postgresql_url_uses_psycopg() -> None:
    assert normalise_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("sqlite:///x.db") == "sqlite:///x.db"


def test_bad_url_is_a_store_error() -> None:
    with pytest.raises(StoreError):
        open_store("not a url")


def test_six_snapshots_in_date_order_then_diff_each_pair(db_url: str) -> None:
    from tests.unlist.test_diff import PROVENANCE

    with open_store(db_url) as store:
        ids = []
        for path in SNAPSHOTS:
            # 2018-06-07 -> 2025-08-02 loses 20% of entries (Iraq delistings): needs force
            force = path.name == "consolidated-2025-08-02.xml"
            ids.append(store.import_file(path, force=force).version.id)
        assert [v.id for v in store.versions()] == ids
        assert store.active_version().id == ids[-1]  # type: ignore[union-attr]
        # every pair is checked through the CLI (tests/unlist/test_cli_lists.py); here the
        # pairs whose versions differ most in serialisation
        for i in (2, 3):
            key = (SNAPSHOTS[i].stem[-10:], SNAPSHOTS[i + 1].stem[-10:])
            diff = store.diff(ids[i], ids[i + 1])
            assert (len(diff.added), len(diff.removed)) == PROVENANCE[key][:2], key
        newest = store.diff()
        assert (newest.old_version_id, newest.new_version_id) == (ids[-2], ids[-1])
        assert newest.summary() == "+4 added, -0 removed, 17 amended"
        assert store.diff(ids[3]).new_version_id == ids[-1]


def test_diff_needs_two_versions(db_url: str) -> None:
    with open_store(db_url) as store:
        store.import_file(NEWEST)
        with pytest.raises(StoreError, match="a diff needs two stored versions; there are 1"):
            store.diff()


def test_migration_0001_downgrades_and_upgrades(sqlite_url: str) -> None:
    from alembic.script import ScriptDirectory

    from sanctions_screen.store.db import MIGRATIONS_DIR, downgrade

    script = ScriptDirectory(str(MIGRATIONS_DIR))
    first = script.get_revision("0001")
    assert first is not None and first.down_revision is None
    with open_store(sqlite_url) as store:
        store.import_file(NEWEST)
        downgrade(store.engine, "0001")  # later revisions (the audit trail) can be undone
        assert store.active_version() is not None
        downgrade(store.engine, "base")
        assert "list_versions" not in inspect(store.engine).get_table_names()
    with open_store(sqlite_url) as store:  # and brought back to head
        assert store.versions() == []
