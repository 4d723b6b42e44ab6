"""The app's lifespan: what a running service changes in its process, and puts back."""

from __future__ import annotations

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
