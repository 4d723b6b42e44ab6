"""The HTTP protocol ``serve`` runs writes a response's head and body in one write, and
answers exactly as uvicorn's own: keep-alive, HEAD, errors, streamed NDJSON."""

from __future__ import annotations

import socket
from typing import Any

import orjson

from sanctions_screen.service.protocol import HeldHead
from tests.service.conftest import Running


class _Cycle:
    def __init__(self, method: str = "POST", length: int = 4, chunked: bool = False) -> None:
        self.scope = {"method": method}
        self.response_started = True
        self.response_complete = False
        self.chunked_encoding = chunked
        self.expected_content_length = length


class _Protocol:
    cycle: Any = None


class _Transport:
    def __init__(self) -> None:
        self.writes: list[bytes] = []
        self.closed = False

    def write(self, data: bytes) -> None:
        self.writes.append(data)

    def close(self) -> None:
        self.closed = True

    def is_closing(self) -> bool:
        return self.closed


def _held(cycle: _Cycle) -> tuple[HeldHead, _Transport]:
    protocol, transport = _Protocol(), _Transport()
    protocol.cycle = cycle
    return HeldHead(transport, protocol), transport  # type: ignore[arg-type]


def test_a_head_and_its_body_are_one_write() -> None:
    held, transport = _held(_Cycle(length=4))
    held.write(b"HTTP/1.1 200 OK\r\ncontent-length: 4\r\n\r\n")
    assert transport.writes == []
    held.write(b"body")
    held.write(b"more")  # a second part of the same response is not held
    assert transport.writes == [b"HTTP/1.1 200 OK\r\ncontent-length: 4\r\n\r\nbody", b"more"]


def test_streamed_head_and_empty_answers_are_written_at_once() -> None:
    for cycle in (_Cycle(chunked=True), _Cycle(length=0), _Cycle(method="HEAD")):
        held, transport = _held(cycle)
        held.write(b"HTTP/1.1 200 OK\r\n\r\n")
        assert transport.writes == [b"HTTP/1.1 200 OK\r\n\r\n"]


def test_nothing_is_held_when_the_cycle_reads_otherwise() -> None:
    held, transport = _held(object())  # type: ignore[arg-type]
    held.write(b"HTTP/1.1 200 OK\r\n\r\n")
    assert transport.writes == [b"HTTP/1.1 200 OK\r\n\r\n"]


def test_a_held_head_is_written_at_close_and_at_flush() -> None:
    held, transport = _held(_Cycle())
    held.write(b"HTTP/1.1 200 OK\r\n\r\n")
    held.flush()
    held.write(b"HTTP/1.1 500 Oops\r\n\r\n")  # the same response: not held again
    assert transport.writes == [b"HTTP/1.1 200 OK\r\n\r\n", b"HTTP/1.1 500 Oops\r\n\r\n"]
    held, transport = _held(_Cycle())
    held.write(b"HTTP/1.1 200 OK\r\n\r\n")
    held.close()
    assert transport.writes == [b"HTTP/1.1 200 OK\r\n\r\n"] and transport.closed
    assert held.is_closing()  # everything else is the transport's


def _exchange(sock: socket.socket, request: bytes) -> tuple[bytes, bytes]:
    """Send one request on a kept-alive connection; its head and body."""
    sock.sendall(request)
    data = b""
    while b"\r\n\r\n" not in data:
        data += sock.recv(65536)
    head, body = data.split(b"\r\n\r\n", 1)
    if b"transfer-encoding: chunked" in head.lower():
        while not body.endswith(b"0\r\n\r\n"):
            body += sock.recv(65536)
        return head, body
    length = next(
        int(line.split(b":", 1)[1])
        for line in head.lower().split(b"\r\n")
        if line.startswith(b"content-length:")
    )
    if b"HEAD " in request[:5]:
        return head, body
    while len(body) < length:
        body += sock.recv(65536)
    return head, body


def _post(path: str, content: dict[str, Any], accept: str = "application/json") -> bytes:
    body = orjson.dumps(content)
    return (
        f"POST {path} HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n"
        f"accept: {accept}\r\ncontent-length: {len(body)}\r\n\r\n"
    ).encode() + body


def test_one_connection_answers_in_turn(service: Running) -> None:
    port = int(service.url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        head, body = _exchange(sock, _post("/screen", {"name": "Kim Jong Un"}))
        assert head.startswith(b"HTTP/1.1 200") and orjson.loads(body)["list_version"]
        head, body = _exchange(sock, b"HEAD /healthz HTTP/1.1\r\nhost: x\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 ") and body == b""
        head, body = _exchange(sock, _post("/screen", {"name": ""}))
        assert head.startswith(b"HTTP/1.1 422") and "detail" in orjson.loads(body)
        batch = {"items": [{"name": "Kim Jong Un"}, {"name": "Acme"}]}
        head, body = _exchange(sock, _post("/screen/batch", batch, "application/x-ndjson"))
        assert head.startswith(b"HTTP/1.1 200") and b"chunked" in head.lower()
        head, body = _exchange(sock, b"GET /healthz HTTP/1.1\r\nhost: x\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 200") and orjson.loads(body)
