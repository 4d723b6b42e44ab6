"""A real uvicorn server on a free loopback port, over a real store with a real UN list."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

pytest.importorskip("fastapi")
import uvicorn  # noqa: E402

from sanctions_screen.service import ServiceSettings, create_app  # noqa: E402
from sanctions_screen.service.protocol import OneWriteHttp  # noqa: E402
from sanctions_screen.store.db import open_store  # noqa: E402
from tests.conftest import NEWEST, SNAPSHOTS  # noqa: E402

OLDER = SNAPSHOTS[-2]
"""2026-04-17: the version a service starts on before a test imports the newest."""


@dataclass
class Running:
    """A service running in this process, and its store's URL."""

    url: str
    db_url: str
    server: uvicorn.Server
    thread: threading.Thread

    def client(self, key: str | None = None, headers: dict[str, str] | None = None) -> httpx.Client:
        sent = {"Authorization": f"ApiKey {key}"} if key else {}
        return httpx.Client(base_url=self.url, headers={**sent, **(headers or {})}, timeout=60)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(60)
        assert not self.thread.is_alive(), "the server did not stop"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_service(db_url: str, **settings: object) -> Running:
    """uvicorn.Server on 127.0.0.1:<free port> in a thread; returns once it answers."""
    app = create_app(ServiceSettings(db_url=db_url, **settings))  # type: ignore[arg-type]
    port = free_port()
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_level="warning", http=OneWriteHttp
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    return Running(f"http://127.0.0.1:{port}", db_url, server, thread)


def import_list(db_url: str, path: Path) -> None:
    with open_store(db_url) as store:
        store.import_file(path)


@pytest.fixture(scope="module")
def service_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite store holding the newest list (one per test module)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('service') / 'store.db'}"
    import_list(url, NEWEST)
    return url


@pytest.fixture(scope="module")
def service(service_db: str) -> Iterator[Running]:
    """The service on the newest list, no API key (loopback only), each request a run."""
    running = start_service(service_db, record="request", reload_interval=0)
    yield running
    running.stop()


def wait_for(predicate: object, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.1)
