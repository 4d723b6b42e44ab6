"""The app's lifespan: what a running service changes in its process, and puts back."""

from __future__ import annotations

import gc
import sys

from tests.service.conftest import start_service


def test_the_event_loop_waits_at_most_a_millisecond_for_the_interpreter_lock(
    service_db: str,
) -> None:
    """The audit writer and a reload's screener build are threads beside the event loop:
    Python's 5 ms switch interval let each hold every answer back 5 ms at a time."""
    before = sys.getswitchinterval()
    running = start_service(service_db, reload_interval=0, record="off", switch_interval=0.001)
    try:
        assert sys.getswitchinterval() == 0.001
    finally:
        running.stop()
    assert sys.getswitchinterval() == before


def test_full_garbage_collections_are_rare_while_serving(service_db: str) -> None:
    """A full collection walks the screener's caches: tens of milliseconds in which the
    worker answers nothing, every few thousand requests with Python's thresholds."""
    before = gc.get_threshold()
    running = start_service(service_db, reload_interval=0, record="off")
    try:
        assert gc.get_threshold() == (*before[:2], 10_000)
    finally:
        running.stop()
    assert gc.get_threshold() == before
