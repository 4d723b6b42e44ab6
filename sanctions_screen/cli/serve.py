"""``sanctions-screen serve``: the HTTP API and the review page (FastAPI on uvicorn).

The options become ``SANCTIONS_SCREEN_SERVICE_*`` variables that each uvicorn worker reads
when it builds the app (``sanctions_screen.service.app:app_from_env``); this module never
imports the service package itself, which sits above the CLI.
"""

from __future__ import annotations

import importlib.util
import ipaddress
import os
import socket
from typing import Any

import click

from sanctions_screen.cli.common import db_url, store_for

INSTALL_HINT = (
    "the HTTP service needs FastAPI and uvicorn: install the extra with\n"
    '    pip install "sanctions-screen[service]"'
)
APP = "sanctions_screen.service.app:app_from_env"
ENV = "SANCTIONS_SCREEN_SERVICE_"


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option(
    "--workers", type=click.IntRange(min=1), default=1, show_default=True,
    help="Worker processes (each loads the list and reloads it by itself).",
)  # fmt: skip
@click.option(
    "--reload-interval", type=click.FloatRange(min=0), default=30.0, show_default=True,
    help="Seconds between checks for a new active list version (0: only POST /admin/reload).",
)  # fmt: skip
@click.option(
    "--record", type=click.Choice(["request", "batch", "off"]), default="batch",
    show_default=True,
    help="Audit trail: a run per request, a run per client and second ('batch'), or none.",
)  # fmt: skip
@click.option("--record-search", is_flag=True, help="Also record GET /search queries.")
@click.option(
    "--max-batch", type=click.IntRange(min=1), default=10_000, show_default=True,
    help="Most items in one /screen/batch or /match request.",
)  # fmt: skip
@click.option(
    "--max-body", type=click.IntRange(min=1024), default=8 * 1024 * 1024, show_default=True,
    help="Largest request body in bytes.",
)  # fmt: skip
@click.option(
    "--cors-origin", "cors_origins", multiple=True, metavar="ORIGIN",
    help="Allow browser calls from ORIGIN (repeat; default: CORS off).",
)  # fmt: skip
@click.option(
    "--log-level", type=click.Choice(["critical", "error", "warning", "info", "debug"]),
    default="info", show_default=True,
)  # fmt: skip
@click.pass_context
def serve_command(
    ctx: click.Context,
    /,
    host: str,
    port: int,
    workers: int,
    reload_interval: float,
    record: str,
    record_search: bool,
    max_batch: int,
    max_body: int,
    cors_origins: tuple[str, ...],
    log_level: str,
) -> None:
    """Serve the HTTP API (/screen, /screen/batch, yente-compatible /match/un, /search,
    /alerts) and the review page (/review); OpenAPI at /docs.

    \b
    Clients send `Authorization: ApiKey KEY` (see `sanctions-screen keys create`). With no
    key created the service answers loopback clients only, and refuses to listen on any
    other address.
    """
    if importlib.util.find_spec("fastapi") is None or importlib.util.find_spec("uvicorn") is None:
        raise click.ClickException(INSTALL_HINT)
    from sanctions_screen.store.apikeys import active_keys

    with store_for(ctx) as store:
        has_keys = bool(active_keys(store))
    if not has_keys and not _loopback(host):
        raise click.UsageError(
            f"no API key exists, so the service may listen on loopback only, not {host}.\n"
            "Create one first: sanctions-screen keys create --name NAME --scope screen"
        )
    settings = {
        "DB_URL": db_url(ctx) or "",
        "RELOAD_INTERVAL": str(reload_interval),
        "RECORD": "off" if (ctx.find_root().obj or {}).get("observer_factory") is None else record,
        "RECORD_SEARCH": "1" if record_search else "0",
        "MAX_BATCH": str(max_batch),
        "MAX_BODY_BYTES": str(max_body),
        "CORS_ORIGINS": _json_list(cors_origins),
    }
    for key, value in settings.items():
        if value:
            os.environ[ENV + key] = value
        else:
            os.environ.pop(ENV + key, None)
    import uvicorn

    options: dict[str, Any] = {
        "factory": True,
        "host": host,
        "port": port,
        "workers": workers,
        "log_level": log_level,
        "timeout_graceful_shutdown": 30,
        # uvicorn kills a worker that has not answered its health ping in time; a worker
        # building a new list's screener on a starved machine may take longer than the
        # default 5 s, and killing it would drop its requests in flight.
        "timeout_worker_healthcheck": 30,
    }
    if importlib.util.find_spec("httptools") is not None:
        options["http"] = "sanctions_screen.service.protocol:OneWriteHttp"
    if workers == 1 or not hasattr(socket, "SO_REUSEPORT"):
        uvicorn.run(APP, **options)
        return
    _run_workers(uvicorn.Config(APP, **options))


def _run_workers(config: Any) -> None:
    """uvicorn's worker processes, each accepting on a listening socket of its own.

    uvicorn's workers share one listening socket, and whichever wakes first accepts every
    pending connection: 32 connections opened at once went 31 to 1, and one core served
    them all. Here the port is bound with ``SO_REUSEPORT`` and each worker listens on a
    socket of its own bound to it (``sanctions_screen.service.app.app_from_env`` swaps it
    in), so the kernel spreads new connections over the workers.
    """
    import logging

    from uvicorn.supervisors import Multiprocess

    family = socket.AF_INET6 if ":" in config.host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    try:
        sock.bind((config.host, config.port))
    except OSError as exc:
        raise click.ClickException(f"cannot listen on {config.host}:{config.port}: {exc}") from exc
    sock.set_inheritable(True)
    os.environ[ENV + "OWN_SOCKET"] = "1"
    logging.getLogger("uvicorn.error").info(
        "Uvicorn running on http://%s:%d (Press CTRL+C to quit)",
        config.host,
        sock.getsockname()[1],
    )
    try:
        Multiprocess(config, sockets=[sock]).run()
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _json_list(values: tuple[str, ...]) -> str:
    import json

    return json.dumps(list(values)) if values else ""
