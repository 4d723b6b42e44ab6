"""API screenings land in the audit trail: client, list version, rows and alerts; nothing
is lost on SIGTERM, with two worker processes, nor when the writer's queue is full."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import Iterator

import httpx
import pytest

from sanctions_screen.audit import RecordedRun, list_runs, pending_alerts, run_alerts
from sanctions_screen.audit.extract import row_input
from sanctions_screen.matching.screener import Screener
from sanctions_screen.service import recording
from sanctions_screen.service.lists import ListHolder
from sanctions_screen.service.recording import (
    _NAME_HEADER,
    AuditWriter,
    Screened,
    _name_values,
    clear_party,
    row_result,
)
from sanctions_screen.store.db import open_store
from sanctions_screen.unlist.models import SanctionsList
from tests.conftest import NEWEST
from tests.service.conftest import Running, free_port, import_list, wait_for


def test_each_request_is_a_run_with_client_and_list_version(service: Running) -> None:
    with open_store(service.db_url) as store:
        before = {r.id for r in list_runs(store)}
        with service.client() as http:
            one = http.post("/screen", json={"name": "Yuk Tung Energy Pte Ltd"}).json()
            http.post("/screen/batch", json={"items": [{"name": "Ri Won Ho"}, {"name": "Acme"}]})

        def written() -> list[RecordedRun]:
            return [r for r in list_runs(store) if r.id not in before and r.finished_at]

        wait_for(lambda: len(written()) == 2)
        runs = written()
        version = store.active_version()
        assert version is not None
        for run in runs:
            assert run.source == "api" and run.status == "completed"
            assert run.list_version_id == version.id and run.list_sha256 == version.sha256
            assert run.counts["client"] == "loopback"
        by_rows = {r.row_count: r for r in runs}
        assert set(by_rows) == {1, 2}
        assert by_rows[1].inputs[0].path == "api:loopback:/screen"
        (alert,) = run_alerts(store, by_rows[1].id)
        assert alert.reference_number == "KPe.075" and alert.party_name == "Yuk Tung Energy Pte Ltd"
        assert (
            alert.evidence["explanation"]["summary"] == one["matches"][0]["explanation"]["summary"]
        )
        assert [a.reference_number for a in run_alerts(store, by_rows[2].id)] == ["KPi.033"]


def test_sigterm_writes_every_queued_request_with_two_workers(tmp_path: object) -> None:
    url = f"sqlite:///{tmp_path}/store.db"
    import_list(url, NEWEST)
    port = free_port()
    env = {**os.environ, "SANCTIONS_SCREEN_SERVICE_RECORD_WINDOW": "3600"}  # only shutdown writes
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sanctions_screen.cli.main",
            "--db",
            url,
            "serve",
            "--port",
            str(port),
            "--workers",
            "2",
            "--log-level",
            "warning",
            "--record",
            "batch",
        ],
        env=env,
    )
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as http:
            wait_for(lambda: _ready(http), 120)
            for k in range(40):
                items = [{"name": f"Trading Partner {k} {i}"} for i in range(5)]
                items.append({"name": "Ri Won Ho"})
                assert http.post("/screen/batch", json={"items": items}).status_code == 200
        with open_store(url) as store:
            assert list_runs(store) == []  # still queued: the window is an hour
        server.send_signal(signal.SIGTERM)
        assert server.wait(120) == 0
    finally:
        if server.poll() is None:
            server.kill()
    with open_store(url) as store:
        runs = list_runs(store)
        assert 1 <= len(runs) <= 2  # one per worker that served requests
        assert sum(r.row_count for r in runs) == 240
        assert all(r.status == "completed" for r in runs)
        assert len(pending_alerts(store)) == 40


def _ready(http: httpx.Client) -> bool:
    try:
        return http.get("/readyz").status_code == 200
    except httpx.TransportError:
        return False


def test_batch_mode_gathers_a_window_and_makes_requests_wait_when_full(
    sqlite_url: str,
) -> None:
    import_list(sqlite_url, NEWEST)
    with open_store(sqlite_url) as store:
        loaded = ListHolder(store).load_active()
        assert loaded is not None
        names = ["Ri Won Ho", "Acme Widgets", "Yuk Tung Energy", "Kim Il", "Blue Sky Shipping"]
        results = [loaded.screener.screen(name) for name in names * 70]  # 350 requests

        def write(max_queue: int, count: int) -> AuditWriter:
            writer = AuditWriter(store, "batch", window=0.5, max_queue=max_queue)

            async def submit() -> None:
                for k, result in enumerate(results[:count]):
                    await writer.submit(
                        Screened(f"client-{max_queue}", "/screen", f"{k:016x}", loaded, (result,))
                    )

            asyncio.run(submit())
            assert writer.wait_idle(120)
            writer.close()
            return writer

        roomy = write(max_queue=1000, count=50)  # all within one window: one run
        full = write(max_queue=100, count=300)  # the queue holds 100: three windows
        runs = sorted(list_runs(store), key=lambda r: r.id)
    assert (roomy.runs_written, roomy.rows_written, roomy.rows_failed) == (1, 50, 0)
    assert (full.runs_written, full.rows_written, full.rows_failed) == (3, 300, 0)
    assert [(r.counts["client"], r.row_count) for r in runs] == [
        ("client-1000", 50),
        ("client-100", 100),
        ("client-100", 100),
        ("client-100", 100),
    ]
    assert all(r.status == "completed" and r.counts["requests"] == r.row_count for r in runs)


def test_a_clear_name_is_recorded_as_the_full_path_records_it(
    newest_list: SanctionsList, screener: Screener
) -> None:
    """A clear name goes to ``RunRecorder.add_clear`` with the columns and the party
    ``row_input(row_result(...))`` gives it, and nothing else (``add_clear`` stores what
    ``add`` stores for such a row: tests/audit)."""
    queries = [
        {"name": "Acme Widgets"},
        {"name": "  Blue Sky Shipping ", "kind": "organization", "country": "Malaysia"},
        {"name": "Jane Doe", "kind": "person", "birth_date": "1970", "identifiers": ["X123"]},
        {"name": "A" * 400},  # cut to the screener's bounds: a warning in the detail
    ]
    for line, query in enumerate(queries, 1):
        result = screener.screen(**query)
        assert result.status == "clear"
        for detail in (result.to_dict(), None):
            full = row_input(row_result("/screen#1", line, result, None, detail), newest_list)
            assert (full.status, full.flags, full.result, full.alerts) == ("clear", [], {}, [])
            assert full.input == dict(zip(_NAME_HEADER, _name_values(result.query), strict=True))
            assert full.parties == [clear_party(result.query, detail)]


def test_a_window_of_single_requests_is_written_paced_and_a_backlog_is_not(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:

    paced: list[tuple[float, int]] = []  # (share, rows written under it)

    @contextlib.contextmanager
    def watched(share: float) -> Iterator[None]:
        before = writer.rows_written
        yield
        paced.append((share, writer.rows_written - before))

    monkeypatch.setattr(recording, "turns_for_the_loop", watched)
    monkeypatch.setattr(recording, "PACED_ROWS", 30)
    import_list(sqlite_url, NEWEST)
    with open_store(sqlite_url) as store:
        loaded = ListHolder(store).load_active()
        assert loaded is not None
        result = loaded.screener.screen("Acme Widgets")
        writer = AuditWriter(store, "batch", window=0.2, max_queue=1000, share=0.25)

        async def submit(count: int, size: int) -> None:
            for k in range(count):
                screened = Screened("client", "/screen", f"{k:016x}", loaded, (result,) * size)
                await writer.submit(screened)

        asyncio.run(submit(20, 1))  # 20 rows in a window: paced
        assert writer.wait_idle(120)
        asyncio.run(submit(4, 10))  # 40 rows: over PACED_ROWS, at full speed
        assert writer.wait_idle(120)
        writer.close()
    assert paced == [(0.25, 20)]
    assert writer.rows_written == 60
