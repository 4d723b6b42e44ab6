"""uvicorn's HTTP protocol, sending a response's head and body in one write.

uvicorn writes a response's status line and headers as soon as the app starts the
response, and the body when it arrives: two ``send`` calls, two loopback segments and two
wake-ups of the client for every answer. In a worker answering ``/screen`` the head's
write was a quarter of the samples (benchmarks/notes/service-2026-12-07-eve.md). This
protocol holds the head of a response of known, non-zero length until its body's first
write, and writes both at once; anything else (a streamed or empty body, ``HEAD``, a
``100 Continue``) is written as uvicorn writes it, and a held head is written at the
latest when the response ends or the connection closes.
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol


class OneWriteHttp(HttpToolsProtocol):
    """``uvicorn`` ``http=`` class: see the module docstring."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(HeldHead(transport, self))  # type: ignore[arg-type]

    def on_response_complete(self) -> None:
        flush = getattr(self.transport, "flush", None)
        if flush is not None:
            flush()
        super().on_response_complete()


class HeldHead:
    """The connection's transport, holding a response head until its body is written."""

    def __init__(self, transport: asyncio.Transport, protocol: HttpToolsProtocol) -> None:
        self._transport = transport
        self._protocol = protocol
        self._held: bytes | None = None
        self._held_for: object = None

    def write(self, data: bytes) -> None:
        if self._held is not None:
            data = self._held + data
            self._held = None
        elif self._is_head(data):
            self._held, self._held_for = data, self._protocol.cycle
            return
        self._transport.write(data)

    def _is_head(self, data: bytes) -> bool:
        """The head of a response whose body is still to come (read from uvicorn's cycle;
        with a uvicorn whose cycle reads otherwise, nothing is held)."""
        cycle = self._protocol.cycle
        return (
            cycle is not None
            and cycle is not self._held_for
            and getattr(cycle, "response_started", False) is True
            and getattr(cycle, "response_complete", True) is False
            and getattr(cycle, "chunked_encoding", None) is False
            and getattr(cycle, "expected_content_length", 0) > 0
            and getattr(cycle, "scope", {}).get("method") != "HEAD"
            and data.endswith(b"\r\n\r\n")
        )

    def flush(self) -> None:
        if self._held is not None:
            held, self._held = self._held, None
            self._transport.write(held)

    def close(self) -> None:
        self.flush()
        self._transport.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)
