"""Each worker process listens on a socket of its own (``serve --workers N``).

uvicorn hands every worker the same listening socket, and whichever worker wakes first
accepts all the connections waiting: a client pool opening 32 connections at once had 31
of them served by one worker, on one core. ``serve`` binds the port with ``SO_REUSEPORT``
and says so in ``SANCTIONS_SCREEN_SERVICE_OWN_SOCKET``; each worker then puts a socket of
its own, bound to the same address, in place of the inherited one (same file descriptor,
before uvicorn starts listening on it), and the kernel spreads new connections over the
workers' sockets. Where anything is not as expected, the worker keeps the shared socket.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
from pathlib import Path
from typing import Any, NamedTuple

log = logging.getLogger("sanctions_screen.service")

OWN_SOCKET = "SANCTIONS_SCREEN_SERVICE_OWN_SOCKET"


class Inherited(NamedTuple):
    """A listening socket-to-be this process inherited."""

    fd: int
    family: socket.AddressFamily
    address: Any


def take_own_socket() -> int | None:
    """Replace the inherited, not yet listening ``SO_REUSEPORT`` socket by one of this
    process's own; returns its file descriptor, or None when there was none to replace."""
    if os.environ.get(OWN_SOCKET) != "1" or not hasattr(socket, "SO_REUSEPORT"):
        return None
    for inherited in inherited_sockets():
        own = socket.socket(inherited.family, socket.SOCK_STREAM)
        try:
            own.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            own.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
            own.bind(inherited.address)
            os.dup2(own.fileno(), inherited.fd)
        except OSError as exc:
            log.warning("worker %d keeps the shared listening socket: %s", os.getpid(), exc)
            return None
        finally:
            own.close()
        return inherited.fd
    return None


def inherited_sockets() -> list[Inherited]:
    """TCP sockets of this process bound with ``SO_REUSEPORT`` and not listening yet."""
    found = []
    for entry in Path("/proc/self/fd").iterdir():
        with contextlib.suppress(OSError, ValueError):
            if not os.readlink(entry).startswith("socket:"):
                continue
            view = socket.socket(fileno=int(entry.name))
            try:
                if (
                    view.family in (socket.AF_INET, socket.AF_INET6)
                    and view.type == socket.SOCK_STREAM
                    and view.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT)
                    and not view.getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN)
                    and view.getsockname()[1] != 0
                ):
                    found.append(Inherited(view.fileno(), view.family, view.getsockname()))
            finally:
                view.detach()  # a view: the descriptor stays open
    return found
