"""Stopping a run cleanly on SIGTERM, as on Ctrl-C.

``kill PID``, a service manager stopping the process, or ``timeout`` send SIGTERM, whose
default action ends the process at once: no ``finally``, no atexit, the run left
``running`` and its last chunk unwritten. Inside :func:`sigterm_interrupts`, SIGTERM raises
:class:`Interrupted` (a ``KeyboardInterrupt``, so whatever handles Ctrl-C handles it), and
a batch run stops as it does on Ctrl-C: the rows screened so far are recorded and the run
is marked ``interrupted``. The exit status of an interrupted ``sanctions-screen`` is
``128 + signal``: 130 for Ctrl-C (SIGINT), 143 for SIGTERM.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class Interrupted(KeyboardInterrupt):
    """The run was stopped by a signal; ``signum`` says which."""

    def __init__(self, signum: int) -> None:
        super().__init__(f"stopped by {signal.Signals(signum).name}")
        self.signum = signum


@contextmanager
def sigterm_interrupts() -> Iterator[None]:
    """SIGTERM raises :class:`Interrupted` in the main thread while the block runs (install
    it after forking worker processes: they keep the default and are stopped by the pool)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, _frame: FrameType | None) -> None:
        raise Interrupted(signum)

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def exit_status(error: BaseException) -> int:
    """``128 + signal`` for an interruption (130 Ctrl-C, 143 SIGTERM)."""
    return 128 + int(getattr(error, "signum", signal.SIGINT))


__all__ = ["Interrupted", "exit_status", "sigterm_interrupts"]
