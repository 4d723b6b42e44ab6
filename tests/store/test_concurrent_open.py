"""Several processes opening one brand-new database at once all get a working schema."""

from __future__ import annotations

import multiprocessing
import threading
import time
from pathlib import Path

from sqlalchemy import event

from sanctions_screen.store.base import Base
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


def _open_while_another_creates(url: str) -> list[int]:
    """Open ``url`` in one thread while another thread's schema creation is paused for two
    seconds after its first table: the second opener must wait for the whole schema, not
    take half of one for an old schema to upgrade."""
    first_table = next(iter(Base.metadata.sorted_tables))
    created_one = threading.Event()
    creator = threading.current_thread()
    counts: list[int] = []
    errors: list[BaseException] = []

    def pause_creator(*_: object, **__: object) -> None:
        if threading.current_thread() is creator:
            created_one.set()
            time.sleep(2.0)

    def late_opener() -> None:
        created_one.wait(30)
        try:
            with open_store(url) as store:
                counts.append(len(store.versions()))
        except BaseException as exc:  # noqa: BLE001  (reported by the test below)
            errors.append(exc)

    event.listen(first_table, "after_create", pause_creator)
    thread = threading.Thread(target=late_opener)
    thread.start()
    try:
        with open_store(url) as store:
            counts.append(len(store.versions()))
    finally:
        event.remove(first_table, "after_create", pause_creator)
        thread.join(60)
    assert not errors, errors
    return counts


def test_an_opener_waits_for_a_schema_half_created_in_sqlite(tmp_path: Path) -> None:
    assert _open_while_another_creates(f"sqlite:///{tmp_path / 'fresh.sqlite'}") == [0, 0]


def test_an_opener_waits_for_a_schema_half_created_in_postgresql(postgresql_url: str) -> None:
    assert _open_while_another_creates(postgresql_url) == [0, 0]
