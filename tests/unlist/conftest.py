"""A real HTTP server on 127.0.0.1 that serves list payloads with ETags."""

from __future__ import annotations

import contextlib
import hashlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class ListServer:
    """Serves ``routes[path]`` with a strong ETag; answers 304 to a matching If-None-Match."""

    base_url: str
    routes: dict[str, bytes] = field(default_factory=dict)
    log: list[tuple[str, int, int]] = field(default_factory=list)
    """(path, status, body bytes sent) per request."""

    def url(self, path: str) -> str:
        return f"{self.base_url}{path}"

    def bytes_sent(self) -> int:
        return sum(sent for _, _, sent in self.log)


def _handler(server: ListServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802  (http.server's naming)
            body = server.routes.get(self.path)
            if body is None:
                self._reply(404, b"not found", None)
                return
            etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
            if self.headers.get("If-None-Match") == etag:
                self._reply(304, b"", etag)
                return
            self._reply(200, body, etag)

        def _reply(self, status: int, body: bytes, etag: str | None) -> None:
            # logged before replying: the client may check the log as soon as it has the reply
            server.log.append((self.path, status, len(body) if status != 304 else 0))
            self.send_response(status)
            if etag:
                self.send_header("ETag", etag)
            if status != 304:
                self.send_header("Content-Type", "application/xml")
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if status != 304:
                # the client may hang up on purpose (e.g. when the size cap is reached)
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    return Handler


@pytest.fixture
def list_server() -> Iterator[ListServer]:
    state = ListServer(base_url="")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    state.base_url = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
