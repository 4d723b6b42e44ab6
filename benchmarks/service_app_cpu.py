"""CPU per ``POST /screen`` in the service's ASGI app itself: no uvicorn, no sockets.

    python -m benchmarks.service_app_cpu [--requests 2000] [--rounds 5] [--record off]

``benchmarks.service_cpu`` measures the whole worker (uvicorn, the socket, the audit
writer) and on a shared machine its figure moves by a fifth from run to run. This builds
the app over a fresh SQLite store holding the 2026-04-17 snapshot, starts it (its
lifespan: keys, list, audit writer), and calls it in-process with a plain loopback
``/screen`` request of one of 50 generated names, the answer collected; the names are
cached after a warm-up, so what is timed is the app's work around screening. It prints
the process's CPU time per request for each round (the audit writer's included: it waits
for it to go idle), and the least of them. Compare two checkouts by running it in each,
alternately.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import time
from typing import Any

from benchmarks.load_service import OLDER, loadavg


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--record", choices=["request", "batch", "off"], default="off")
    args = parser.parse_args()
    from benchmarks.throughput import generate_names
    from sanctions_screen import load_list
    from sanctions_screen.service import ServiceSettings, create_app
    from sanctions_screen.store.db import open_store

    with tempfile.TemporaryDirectory() as tmp:
        db = f"sqlite:///{os.path.join(tmp, 'store.db')}"
        with open_store(db) as store:
            store.import_file(OLDER)
        names = generate_names(load_list(OLDER), 50, seed=15)
        bodies = [json.dumps({"name": name}).encode() for name in names]
        app = create_app(ServiceSettings(db_url=db, record=args.record, reload_interval=0))

        async def one(body: bytes) -> None:
            scope = {
                "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
                "method": "POST", "scheme": "http", "path": "/screen", "raw_path": b"/screen",
                "query_string": b"", "root_path": "", "client": ("127.0.0.1", 40000),
                "server": ("127.0.0.1", 8000),
                "headers": [(b"host", b"127.0.0.1:8000"), (b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())],
            }  # fmt: skip
            sent: list[dict[str, Any]] = []

            async def receive() -> dict[str, Any]:
                return {"type": "http.request", "body": body, "more_body": False}

            async def send(message: dict[str, Any]) -> None:
                sent.append(message)

            await app(scope, receive, send)
            if sent[0]["status"] != 200:
                raise SystemExit(f"answered {sent[0]['status']}: {sent[-1].get('body')!r}")

        async def run() -> list[float]:
            async with app.router.lifespan_context(app):
                for body in bodies * 10:
                    await one(body)
                audit = app.state.service.audit
                figures = []
                for _ in range(args.rounds):
                    audit.wait_idle()
                    started = time.process_time()
                    for k in range(args.requests):
                        await one(bodies[k % len(bodies)])
                    audit.wait_idle()
                    figures.append(1000 * (time.process_time() - started) / args.requests)
                return figures

        load = loadavg()
        figures = asyncio.run(run())
    print(
        f"/screen in the app, record {args.record}: "
        f"{', '.join(f'{f:.3f}' for f in figures)} CPU-ms per request (least "
        f"{min(figures):.3f}); load average {load} -> {loadavg()}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
