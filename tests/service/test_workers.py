"""``serve --workers 2``: each worker listens on a socket of its own, so connections opened
at once are spread over the workers instead of all going to the first one awake."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import httpx

from benchmarks.load_service import _is_worker, connections_per_process, tree
from tests.conftest import NEWEST
from tests.service.conftest import free_port, import_list, wait_for


def test_connections_opened_at_once_reach_both_workers(tmp_path: object) -> None:
    url = f"sqlite:///{tmp_path}/store.db"
    import_list(url, NEWEST)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "sanctions_screen.cli.main", "--db", url, "serve",
         "--port", str(port), "--workers", "2", "--log-level", "warning", "--record", "off"]
    )  # fmt: skip
    connections: list[socket.socket] = []
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as http:
            wait_for(lambda: _ready(http), 120)
        workers = [pid for pid in tree(server.pid) if _is_worker(pid)]
        assert len(workers) == 2
        # Each worker listens on a socket of its own (a shared one is a single entry).
        wait_for(lambda: _listening(port) == 2, 60)
        request = f"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode()
        connections = [socket.create_connection(("127.0.0.1", port)) for _ in range(32)]
        for connection in connections:
            connection.sendall(request)
        for connection in connections:
            assert connection.recv(4096).startswith(b"HTTP/1.1 200")
        spread = connections_per_process(workers, port)
        assert sum(spread) == 32
        # Spread by a hash of each connection's address: 4 or fewer on one worker has
        # a chance of about 3 in a million.
        assert min(spread) >= 5, spread
    finally:
        for connection in connections:
            connection.close()
        server.terminate()
        server.wait(120)


def _listening(port: int) -> int:
    """Listening sockets on ``port`` (from /proc/net/tcp)."""
    rows = Path("/proc/net/tcp").read_text().splitlines()[1:]
    return sum(
        1
        for row in rows
        if row.split()[3] == "0A" and int(row.split()[1].rsplit(":", 1)[1], 16) == port
    )


def _ready(http: httpx.Client) -> bool:
    try:
        return http.get("/readyz").status_code == 200
    except httpx.TransportError:
        return False
