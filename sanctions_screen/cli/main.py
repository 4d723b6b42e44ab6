"""The ``sanctions-screen`` command: a thin shell over the library.

Each command calls the public API and only turns errors into messages and exit codes.
Commands are imported when they are run, so ``screen`` does not pay for the database,
HTTP and report libraries that only ``lists``, ``runs`` and ``report`` use.
"""

from __future__ import annotations

import importlib
import shlex
import sys
from collections.abc import Callable
from typing import Any

import click

from sanctions_screen.cli.common import EXIT_DATA, EXIT_USAGE
from sanctions_screen.exceptions import ScreeningError
from sanctions_screen.tabular.interrupt import exit_status

# command name -> "module:attribute" of its click command, in the order --help lists them.
COMMANDS: dict[str, str] = {
    "screen": "sanctions_screen.cli.screen:screen_command",
    "search": "sanctions_screen.cli.search:search_command",
    "lists": "sanctions_screen.cli.lists:lists_group",
    "runs": "sanctions_screen.cli.audit:runs_group",
    "review": "sanctions_screen.cli.audit:review_command",
    "decisions": "sanctions_screen.cli.audit:decisions_group",
    "rescreen": "sanctions_screen.cli.audit:rescreen_command",
    "report": "sanctions_screen.cli.audit:report_command",
    "serve": "sanctions_screen.cli.serve:serve_command",
    "keys": "sanctions_screen.cli.keys:keys_group",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        command = getattr(importlib.import_module(module_name), attribute)
        assert isinstance(command, click.Command), target
        return command


def _audit_observer_factory(ctx: click.Context) -> Callable[..., Any]:
    """Install the audit trail's observer for ``screen`` without importing it up front."""

    def make(**settings: Any) -> Any:
        from sanctions_screen.cli.audit import observer_factory

        return observer_factory(ctx)(**settings)

    return make


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    "db_url",
    envvar="SANCTIONS_SCREEN_DB",
    metavar="URL",
    help="Database URL (SQLite or PostgreSQL). Default: $SANCTIONS_SCREEN_DB, else a SQLite "
    "file in the user data directory.",
)
@click.option(
    "--no-record",
    is_flag=True,
    envvar="SANCTIONS_SCREEN_NO_RECORD",
    help="Do not record screening runs in the audit trail (ad-hoc checks).",
)
@click.version_option(package_name="sanctions-screen")
@click.pass_context
def cli(ctx: click.Context, db_url: str | None, no_record: bool) -> None:
    """Screen names and records against the UN Security Council Consolidated List.

    \b
    Exit codes: 0 no alert, 1 alerts found, 2 usage error, 3 data error (also a full
    disk), 4 screened with problems (rows skipped, names truncated, columns not
    screened), 130 interrupted by Ctrl-C, 143 stopped by SIGTERM.
    """
    ctx.ensure_object(dict)
    ctx.obj["db_url"] = db_url
    if not no_record:  # a caller embedding the CLI may bring its own observer
        ctx.obj.setdefault("observer_factory", _audit_observer_factory(ctx))


GLOBAL_OPTIONS = {"--db": True, "--no-record": False}
"""The root command's options (other than --help and --version), and whether they take a
value: given after a subcommand, they are unknown to it."""


def global_option_hint(exc: click.ClickException, argv: list[str]) -> str | None:
    """``--db is a global option: sanctions-screen --db X runs list`` for an option of the
    root command given after a subcommand."""
    name = getattr(exc, "option_name", None)
    if not isinstance(exc, click.NoSuchOption) or name not in GLOBAL_OPTIONS:
        return None
    for i, arg in enumerate(argv):
        if arg == name or arg.startswith(f"{name}="):
            width = 2 if arg == name and GLOBAL_OPTIONS[name] and i + 1 < len(argv) else 1
            moved = [*argv[i : i + width], *argv[:i], *argv[i + width :]]
            return f"{name} is a global option, given before the command: " + shlex.join(
                ["sanctions-screen", *moved]
            )
    return None


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the process exit code."""
    try:
        result = cli.main(args=argv, prog_name="sanctions-screen", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        hint = global_option_hint(exc, sys.argv[1:] if argv is None else argv)
        if hint:
            click.echo(hint, err=True)
        return EXIT_USAGE if isinstance(exc, click.UsageError) else exc.exit_code
    except click.exceptions.Abort as exc:
        if isinstance(exc.__cause__, KeyboardInterrupt):  # Ctrl-C, or SIGTERM during `screen`
            click.echo(f"Interrupted: {exc.__cause__ or 'Ctrl-C'}.", err=True)
            return exit_status(exc.__cause__)
        click.echo("Aborted.", err=True)
        return EXIT_USAGE
    except ScreeningError as exc:
        click.echo(f"error: {exc}", err=True)
        return EXIT_DATA
    # Without standalone mode click hands back ctx.exit(code) as the return value.
    return result if isinstance(result, int) else 0


if __name__ == "__main__":
    sys.exit(main())
