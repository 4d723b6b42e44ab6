"""``sanctions-screen lists ...``: import, update, activate, show, list and diff versions.

A thin shell: each command calls the library (:mod:`sanctions_screen.store`,
:mod:`sanctions_screen.store.update`); errors are ``ScreeningError`` and the root command
turns them into a one-line message and exit code 3.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from sanctions_screen.cli import lists_format as fmt
from sanctions_screen.cli.common import echo_json, json_option, store_for
from sanctions_screen.exceptions import DownloadError, NoActiveListError
from sanctions_screen.store.update import update_list
from sanctions_screen.store.versions import NO_ACTIVE_HINT
from sanctions_screen.unlist.fetch import DEFAULT_DEADLINE, DEFAULT_URL, Progress

OFFLINE_HINT = (
    "Offline, import a copy of the list instead: sanctions-screen lists import FILE "
    "(screening meanwhile uses the active version, else the bundled snapshot)"
)

force_option = click.option(
    "--force",
    is_flag=True,
    help="Activate even if a check of the import gate fails (names, references, a future "
    "dateGenerated, an older list, more than 10% fewer entries in all or in a regime).",
)


@click.group("lists")
def lists_group() -> None:
    """Manage the stored versions of the UN consolidated list."""


@lists_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@force_option
@json_option
@click.pass_context
def import_command(ctx: click.Context, file: Path, force: bool, as_json: bool) -> None:
    """Import a UN consolidated list XML FILE (the way to update offline)."""
    with store_for(ctx) as store:
        result = store.import_file(file, force=force)
    if as_json:
        echo_json(result)
    else:
        click.echo(f"{file}: {result.message}")
        click.echo(fmt.version_line(result.version))


@lists_group.command("update")
@click.option("--url", default=DEFAULT_URL, show_default=True, help="Where to download from.")
@force_option
@click.option(
    "--deadline",
    type=click.FloatRange(min=1),
    default=DEFAULT_DEADLINE,
    show_default=True,
    metavar="SECONDS",
    help="The whole download, retries included, must end within this time.",
)
@json_option
@click.pass_context
def update_command(
    ctx: click.Context, url: str, force: bool, deadline: float, as_json: bool
) -> None:
    """Download the official list; it becomes active only if it passes the checks.

    A conditional request (ETag/Last-Modified) transfers nothing when the list has not
    changed. --force downloads unconditionally and overrides the sanity checks.
    """
    with store_for(ctx) as store, _progress_bar() as progress:
        try:
            result = update_list(store, url, force=force, progress=progress, deadline=deadline)
        except DownloadError as exc:
            raise DownloadError(f"{exc}. {OFFLINE_HINT}") from exc
    if as_json:
        echo_json(result)
        return
    click.echo(f"{url}: {result.message}")
    if result.imported is not None:
        click.echo(fmt.version_line(result.imported.version))


@lists_group.command("activate")
@click.argument("version_id", type=int, metavar="VERSION")
@force_option
@json_option
@click.pass_context
def activate_command(ctx: click.Context, version_id: int, force: bool, as_json: bool) -> None:
    """Make stored VERSION the active one (ids from `lists versions`), to roll back or forward.

    The import's checks apply: an older list, or one with more than 10% fewer entries than
    the active version, needs --force.
    """
    with store_for(ctx) as store:
        before = store.active_version()
        version = store.activate(version_id, force=force)
    if as_json:
        echo_json(version)
        return
    if before is not None and before.id == version.id:
        click.echo(f"version {version.id} is already the active version")
    else:
        was = f" (was version {before.id})" if before is not None else ""
        click.echo(f"version {version.id} made active{was}" + (" (--force)" if force else ""))
    click.echo(fmt.version_line(version))


@lists_group.command("show")
@click.option(
    "--version",
    "version_id",
    type=int,
    metavar="ID",
    help="Show this version instead of the active one.",
)
@json_option
@click.pass_context
def show_command(ctx: click.Context, version_id: int | None, as_json: bool) -> None:
    """Show the active version: its date, source and counts per regime."""
    with store_for(ctx) as store:
        version = store.get_version(version_id) if version_id else store.active_version()
    if version is None:
        raise NoActiveListError(NO_ACTIVE_HINT)
    if as_json:
        echo_json(version)
    else:
        click.echo(fmt.show(version))


@lists_group.command("versions")
@json_option
@click.pass_context
def versions_command(ctx: click.Context, as_json: bool) -> None:
    """List every stored version (* marks the active one)."""
    with store_for(ctx) as store:
        versions = store.versions()
    if as_json:
        echo_json([v.model_dump(mode="json") for v in versions])
    elif not versions:
        click.echo(f"No versions stored. {NO_ACTIVE_HINT[0].upper()}{NO_ACTIVE_HINT[1:]}.")
    else:
        click.echo(fmt.versions_table(versions))


@lists_group.command("diff")
@click.argument("old", type=int, required=False)
@click.argument("new", type=int, required=False)
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=20,
    show_default=True,
    help="Entries shown per section in text output (0: all). JSON is complete.",
)
@json_option
@click.pass_context
def diff_command(
    ctx: click.Context, old: int | None, new: int | None, limit: int, as_json: bool
) -> None:
    """What changed from version OLD to NEW (ids from `lists versions`).

    Default: the two newest versions; OLD alone compares it with the active version.
    """
    with store_for(ctx) as store:
        diff = store.diff(old, new)
    if as_json:
        echo_json(diff)
    else:
        click.echo(fmt.diff_report(diff, limit=limit))


@contextmanager
def _progress_bar() -> Iterator[Progress | None]:
    """A rich progress bar on stderr, only when stderr is a terminal."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import DownloadColumn, TransferSpeedColumn
    from rich.progress import Progress as Bar

    with Bar(
        *Bar.get_default_columns(),
        DownloadColumn(),
        TransferSpeedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("Downloading", total=None)

        def advance(done: int, total: int | None) -> None:
            bar.update(task, completed=done, total=total)

        yield advance
