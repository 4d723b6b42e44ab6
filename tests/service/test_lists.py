"""The list the service serves: the store's active version, else the bundled snapshot, and
what every answer says about it (its origin, and a warning when it is stale)."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import gc
import sys
import threading
import time
import weakref

import pytest

from sanctions_screen.audit import list_runs
from sanctions_screen.service import lists as lists_module
from sanctions_screen.service.lists import ListHolder
from sanctions_screen.store.db import open_store
from sanctions_screen.unlist.bundled import bundled_list
from tests.conftest import NEWEST
from tests.service.conftest import OLDER, import_list, start_service, wait_for

AGE_VAR = "SANCTIONS_SCREEN_MAX_LIST_AGE_DAYS"


def test_no_stored_list_serves_the_bundled_snapshot_and_says_so(
    tmp_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(AGE_VAR, "100000")  # only the fallback to warn about
    url = f"sqlite:///{tmp_path}/empty.db"
    bundled = bundled_list()
    running = start_service(url, reload_interval=0.2, record="request")
    try:
        with running.client() as http:
            ready = http.get("/readyz")
            assert ready.status_code == 200
            version = ready.json()["list_version"]
            assert version["origin"] == "bundled" and version["id"] is None
            assert version["sha256"] == bundled.sha256
            assert version["date_generated"] == bundled.date_generated.isoformat()
            (warning,) = version["warnings"]
            assert "no list version is stored in the service's store" in warning
            assert "bundled" in warning and str(tmp_path) not in warning
            assert ready.headers["X-List-Warning"] == warning
            assert ready.headers["X-List-Version"].startswith("bundled ")
            lists = http.get("/lists").json()
            assert lists["active"] is None and lists["list_version"] == version
            one = http.post("/screen", json={"name": "Ri Won Ho"})
            assert one.json()["status"] == "alert" and one.json()["list_version"] == version
            assert one.headers["X-List-Warning"] == warning
            batch = http.post("/screen/batch", json={"items": [{"name": "Ri Won Ho"}]})
            assert batch.headers["X-List-Warning"] == warning
            assert batch.json()["list_version"] == version
            with open_store(url) as store:  # recorded against the bundled snapshot
                wait_for(lambda: len(list_runs(store)) == 2)
                runs = list_runs(store)
            assert {(r.list_version_id, r.list_sha256) for r in runs} == {(None, bundled.sha256)}
            import_list(url, OLDER)
            wait_for(lambda: http.get("/readyz").json()["list_version"]["origin"] == "store", 60)
            stored = http.post("/screen", json={"name": "Ri Won Ho"})
            assert stored.json()["list_version"]["warnings"] == []
            assert "X-List-Warning" not in stored.headers
            assert stored.json()["list_version"]["date_generated"].startswith("2026-04-17")
    finally:
        running.stop()


def test_a_stale_list_is_named_in_lists_and_in_every_answer(
    service_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(AGE_VAR, "30")
    running = start_service(service_db, reload_interval=0, record="off")
    try:
        with running.client() as http:
            lists = http.get("/lists").json()
            (warning,) = lists["list_version"]["warnings"]
            assert "is stale: generated 2026-05-08" in warning and "30-day limit" in warning
            query = {"q": {"schema": "Person", "properties": {"name": ["Acme"]}}}
            answers = [
                http.post("/screen", json={"name": "Acme"}),  # the fast lane
                http.post("/screen?x=1", json={"name": "Acme"}),  # the app's own route
                http.post("/screen/batch", json={"items": [{"name": "Acme"}]}),
                http.post("/match/un", json={"queries": query}),
                http.get("/search", params={"q": "Acme"}),
                http.get("/entities/KPi.033"),
            ]  # fmt: skip
            for answer in answers:
                assert answer.status_code == 200, answer.text
                assert answer.headers["X-List-Warning"] == warning
                assert answer.json()["list_version"]["warnings"] == [warning]
            streamed = http.post(
                "/screen/batch",
                json={"items": [{"name": "Acme"}]},
                headers={"Accept": "application/x-ndjson"},
            )
            assert streamed.headers["X-List-Warning"] == warning
    finally:
        running.stop()


def test_a_list_goes_stale_while_the_service_runs(
    service_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The age is counted at each answer, not when the list was loaded."""
    monkeypatch.setenv(AGE_VAR, "30")
    with open_store(service_db) as store:
        loaded = ListHolder(store).load_active()
    assert loaded is not None and loaded.resolved.origin == "store"
    generated = loaded.sanctions_list.date_generated
    assert loaded.warnings(generated + dt.timedelta(days=30, hours=23)) == ()
    (stale,) = loaded.warnings(generated + dt.timedelta(days=31, hours=1))
    assert "31 days old, over the 30-day limit" in stale
    (later,) = loaded.warnings(generated + dt.timedelta(days=45))
    assert "45 days old" in later


def test_a_replaced_list_is_freed_a_slice_at_a_time(
    tmp_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A list is a million objects: the last reference to go frees them all in one cascade
    that holds the interpreter lock throughout (on a thread as well), so every answer of
    the worker waits; taken apart a slice at a time, the event loop runs in between."""
    monkeypatch.setattr(lists_module, "RETIRE_AFTER", 0.0)
    taken: list[int] = []
    plain_free = lists_module.free_in_slices

    async def free_in_slices(held: list[object]) -> int:
        taken.append(await plain_free(held))
        return taken[-1]

    monkeypatch.setattr(lists_module, "free_in_slices", free_in_slices)
    url = f"sqlite:///{tmp_path}/store.db"
    import_list(url, OLDER)
    freed: list[bool] = []

    async def reload_twice() -> None:
        with open_store(url) as store:
            holder = ListHolder(store)
            assert await holder.reload()
            assert holder.current is not None
            weakref.finalize(holder.current, lambda: freed.append(True))
            import_list(url, NEWEST)
            assert await holder.reload()
            for _ in range(200):  # the retiring task sleeps 0 s, then frees
                if not holder._retiring:
                    break
                await asyncio.sleep(0.05)
            await holder.close()

    asyncio.run(reload_twice())
    assert freed == [True]
    assert len(taken) == 1 and taken[0] > 10_000  # the screener's containers, one by one


def test_workers_build_a_replacement_one_at_a_time(
    tmp_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two workers noticing a new version together: the second builds once the first is
    done (on 2 cores, two builds beside the requests take both)."""
    url = f"sqlite:///{tmp_path}/store.db"
    import_list(url, OLDER)
    spans: list[tuple[float, float]] = []
    plain_screener = lists_module.Screener

    def slow_screener(*args: object) -> object:
        started = time.monotonic()
        built = plain_screener(*args)
        time.sleep(0.3)
        spans.append((started, time.monotonic()))
        return built

    stores = [open_store(url), open_store(url)]
    try:
        holders = [ListHolder(store) for store in stores]
        for holder in holders:
            asyncio.run(holder.reload())
        import_list(url, NEWEST)
        monkeypatch.setattr(lists_module, "Screener", slow_screener)
        built: list[object] = []
        threads = [
            threading.Thread(target=lambda h=h: built.append(h.load_active())) for h in holders
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
    finally:
        for store in stores:
            store.close()
    assert len(built) == 2 and all(b is not None for b in built)
    first, second = sorted(spans)
    assert second[0] >= first[1]


def test_a_build_in_compiled_code_lets_the_event_loop_in() -> None:
    """Code that never calls into the interpreter (compiled code; here a C loop making
    tuples) keeps the interpreter lock from other threads until it ends, unless the
    collector's runs call into Python, as they do while a list is built."""

    def turns_taken(make_room: bool) -> int:
        turns, running = 0, threading.Event()

        def build() -> None:
            with lists_module.turns_for_the_loop() if make_room else contextlib.nullcontext():
                running.set()
                list(zip(range(3_000_000), range(3_000_000), strict=True))
            running.clear()

        thread = threading.Thread(target=build)
        thread.start()
        running.wait(30)
        while running.is_set():
            turns += 1
            time.sleep(0.0005)
        thread.join(60)
        return turns

    switch = sys.getswitchinterval()
    sys.setswitchinterval(0.001)  # as the service sets it
    # Callbacks other code left (Dask's distributed watches the collector with one) would
    # give the loop its turns in both runs: measure with none but the service's own.
    others, was_enabled = gc.callbacks[:], gc.isenabled()
    gc.callbacks.clear()
    gc.enable()
    try:
        assert turns_taken(make_room=True) > 5 * max(1, turns_taken(make_room=False))
    finally:
        sys.setswitchinterval(switch)
        gc.callbacks[:] = others
        if not was_enabled:
            gc.disable()


def test_a_paced_build_pauses_and_leaves_other_threads_collections_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With a share below 1, the thread building pauses at the collector's runs (after
    each slice of its CPU time) for as long as the share leaves to others; a thread that
    only allocates beside it is never paused."""
    pauses: list[tuple[str, float]] = []
    monkeypatch.setattr(
        lists_module.time, "sleep", lambda s: pauses.append((threading.current_thread().name, s))
    )
    stop = threading.Event()

    def other() -> None:
        while not stop.is_set():
            [[i] for i in range(1000)]

    def build() -> None:
        with lists_module.turns_for_the_loop(0.25):
            started = time.thread_time()
            while time.thread_time() - started < 0.1:
                [[i] for i in range(1000)]

    others, was_enabled = gc.callbacks[:], gc.isenabled()
    gc.callbacks.clear()
    gc.enable()
    try:
        beside = threading.Thread(target=other, name="beside")
        beside.start()
        building = threading.Thread(target=build, name="build")
        building.start()
        building.join(60)
        stop.set()
        beside.join(60)
    finally:
        gc.callbacks[:] = others
        if not was_enabled:
            gc.disable()
    assert pauses and {name for name, _ in pauses} == {"build"}
    assert all(s == pytest.approx(3 * lists_module.BUILD_SLICE) for _, s in pauses)
    assert lists_module._Pacer not in {type(c) for c in gc.callbacks}


def test_a_pacer_reads_the_thread_clock_only_once_a_slice_may_be_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The collector runs every few hundred new objects: the thread's CPU clock (a system
    call) is read only once the slice's rest of wall time has passed."""
    reads = []
    thread_time = time.thread_time

    def counted() -> float:
        reads.append(1)
        return thread_time()

    pacer = lists_module._Pacer(0.3)
    monkeypatch.setattr(lists_module.time, "thread_time", counted)
    monkeypatch.setattr(lists_module.time, "sleep", lambda s: None)
    for _ in range(5000):
        pacer("stop", {})
    assert len(reads) < 500  # read at every call before

