"""A minimal HTTP/1.1 client on asyncio streams, for load generation on the same machine.

An httpx client at 32 concurrent connections spends more CPU per request than the service
it measures, and on a 2-core machine that CPU is taken from the service. This one writes
each request by hand (keep-alive, one request in flight per connection, no pipelining)
and reads the answer's status line, headers and ``Content-Length`` body; nothing else.
It runs on uvloop when it is installed (it comes with the ``service`` extra).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")


class ProtocolError(Exception):
    """An answer this client does not read (chunked, no length, malformed)."""


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[bytes, bytes]
    """Lower-case header names."""
    body: bytes


class Connection:
    """One keep-alive connection to ``host:port``; reopened after ``Connection: close``."""

    def __init__(self, host: str, port: int, headers: dict[str, str] | None = None) -> None:
        self._host = host
        self._port = port
        extra = "".join(f"{k}: {v}\r\n" for k, v in (headers or {}).items())
        self._fixed = f"Host: {host}:{port}\r\n{extra}".encode("latin-1")
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def post(self, path: str, body: bytes) -> Answer:
        head = (
            f"POST {path} HTTP/1.1\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n"
        ).encode("latin-1")
        return await self._exchange(head + self._fixed + b"\r\n" + body)

    async def get(self, path: str) -> Answer:
        line = f"GET {path} HTTP/1.1\r\n".encode("latin-1")
        return await self._exchange(line + self._fixed + b"\r\n")

    async def _exchange(self, request: bytes) -> Answer:
        if self._writer is None:
            self._reader, self._writer = await asyncio.open_connection(self._host, self._port)
        reader, writer = self._reader, self._writer
        assert reader is not None
        try:
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head[:-4].split(b"\r\n")
            status = int(lines[0].split(b" ", 2)[1])
            headers: dict[bytes, bytes] = {}
            for line in lines[1:]:
                name, _, value = line.partition(b":")
                headers[name.strip().lower()] = value.strip()
            length = headers.get(b"content-length")
            if length is None:
                raise ProtocolError(f"an answer without Content-Length (status {status})")
            body = await reader.readexactly(int(length))
        except BaseException:
            self.close()
            raise
        if headers.get(b"connection", b"").lower() == b"close":
            self.close()
        return Answer(status, headers, body)

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
        self._reader = self._writer = None


def run(main: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """``asyncio.run(main())``, on uvloop when it is installed."""
    try:
        import uvloop
    except ImportError:  # pragma: no cover - uvloop comes with the service extra
        return asyncio.run(main())
    return uvloop.run(main())
