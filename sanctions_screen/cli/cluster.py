"""``sanctions-screen screen --dask-scheduler ADDRESS``: the same job, on a Dask cluster.

The inputs are Parquet files (folders and globs expanded) that every worker can read;
``-o`` names the folder the workers write ``part.N.parquet`` files to. The list is the one
``screen`` would use, pinned by sha256: each worker loads it (from the same file, the same
database, or the snapshot bundled with its install) and refuses to screen if it finds
another version. The run is recorded in the audit trail as a cluster run: its alerts and
reviews row by row with their source row ids, its clear rows as a count and the output
files' hashes (see :mod:`sanctions_screen.audit.cluster`).
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from sanctions_screen.cli.common import EXIT_ALERTS, EXIT_OK
from sanctions_screen.cli.loading import exit_with
from sanctions_screen.exceptions import InputError
from sanctions_screen.matching.config import ScreeningConfig
from sanctions_screen.tabular.arrow import expand_parquet, is_parquet
from sanctions_screen.tabular.mapping import ColumnMapping
from sanctions_screen.unlist.models import SanctionsList


def screen_on_cluster(
    ctx: click.Context,
    *,
    address: str,
    files: tuple[str, ...],
    output: str | None,
    list_file: Path | None,
    load_list: Callable[[], SanctionsList],
    mapping: ColumnMapping,
    record: bool,
    quiet: bool,
    console: Console,
) -> None:
    """Run ``screen`` on the cluster at ``address`` and exit with the usual code.

    ``load_list`` gives the list ``screen`` would use. With ``--list FILE`` the workers
    start building their screeners from the file's pin while this process parses it.
    """
    try:
        import distributed
    except ImportError as exc:
        raise InputError(
            '--dask-scheduler needs dask: pip install "sanctions-screen[dask]"'
        ) from exc
    from sanctions_screen.dask import ListPin, ScreenerPlugin, pin_list, screen_parquet_files

    if not all(is_parquet(f) for f in files):
        raise click.UsageError("--dask-scheduler screens Parquet inputs (files, folders, globs)")
    if not output or output == "-" or Path(output).is_file():
        raise click.UsageError("--dask-scheduler writes a folder of Parquet files: -o FOLDER")
    paths = expand_parquet(list(files))
    db_url = ctx.find_root().obj.get("db_url") if isinstance(ctx.find_root().obj, dict) else None
    config = ScreeningConfig()
    with distributed.Client(address) as client:  # type: ignore[no-untyped-call]
        early = _build_early(client, list_file, config)
        sanctions_list = load_list()
        pin: ListPin = pin_list(list_file, db_url=db_url, loaded=sanctions_list)
        if pin.sha256 != sanctions_list.sha256:
            raise InputError("the list changed while the job was being set up; run it again")
        if early is None or early.result() != (pin.source, pin.sha256):
            client.register_plugin(ScreenerPlugin(pin, config))
        workers = len(client.scheduler_info().get("workers", {}))
        if not quiet:
            console.print(
                f"Screening {len(paths)} Parquet file(s) on {address} ({workers} workers) "
                f"against the UN list of {pin.date_generated} (sha256 {pin.sha256[:12]})",
                markup=False,
            )
        result = screen_parquet_files(paths, output, pin=pin, columns=mapping, config=config)
    run_id = None
    if record:
        from sanctions_screen.audit.cluster import record_cluster_run
        from sanctions_screen.cli.common import store_for
        from sanctions_screen.tabular.worker import file_sha256

        hashes = {str(p): file_sha256(p) for p in paths}
        with store_for(ctx) as store:
            run = record_cluster_run(
                store, result, sanctions_list, mapping=mapping, config=config, input_sha256=hashes
            )
            run_id = getattr(run.observer, "run_id", None)
    alerts = result.statuses.get("alert", 0)
    if not quiet:
        counts = ", ".join(f"{k} {v:,}" for k, v in sorted(result.statuses.items()))
        rate = result.rows / result.seconds if result.seconds else 0.0
        console.print(
            f"Screened {result.rows:,} rows in {result.seconds:.1f} s ({rate:,.0f} rows/s): "
            f"{counts}; {len(result.outputs)} file(s) written to {output}"
            + (f"; recorded as run {run_id}" if run_id is not None else ""),
            markup=False,
        )
    exit_with(EXIT_ALERTS if alerts else EXIT_OK)


def _build_early(
    client: Any, list_file: Path | None, config: ScreeningConfig
) -> Future[tuple[str, str] | None] | None:
    """Have the workers build their screeners for ``list_file`` now, pinned by its bytes,
    while this process parses the list (both take seconds). The future gives the pin's
    (source, sha256), or ``None`` if that failed: the job then registers its pin as usual,
    and that reports any error."""
    if list_file is None:
        return None
    from sanctions_screen.dask import ScreenerPlugin, pin_list_file

    def build() -> tuple[str, str] | None:
        try:
            pin = pin_list_file(list_file)
            client.register_plugin(ScreenerPlugin(pin, config))
        except Exception:  # noqa: BLE001 - reported by the job's own registration
            return None
        return pin.source, pin.sha256

    pool = ThreadPoolExecutor(1, thread_name_prefix="screener-build")
    try:
        return pool.submit(build)
    finally:
        pool.shutdown(wait=False)  # the build goes on; the job waits for its result
