"""The ``sanctions-screen`` command: a thin shell over the library.

Each command calls the public API and only turns errors into messages and exit codes.
"""

from __future__ import annotations

import sys

import click

from sanctions_screen.cli import audit, lists, screen
from sanctions_screen.cli.common import EXIT_DATA, EXIT_USAGE
from sanctions_screen.exceptions import ScreeningError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    "db_url",
    envvar="SANCTIONS_SCREEN_DB",
    metavar="URL",
    help="Database URL (SQLite or PostgreSQL). Default: $SANCTIONS_SCREEN_DB, else a SQLite "
    "file in the user data directory.",
)
@click.version_option(package_name="sanctions-screen")
@click.pass_context
def cli(ctx: click.Context, db_url: str | None) -> None:
    """Screen names and records against the UN Security Council Consolidated List.

    \b
    Exit codes: 0 no alert, 1 alerts found, 2 usage error, 3 data error.
    """
    ctx.ensure_object(dict)
    ctx.obj["db_url"] = db_url


cli.add_command(lists.lists_group)
for command in screen.COMMANDS + audit.COMMANDS:
    cli.add_command(command)


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the process exit code."""
    try:
        cli.main(args=argv, prog_name="sanctions-screen", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        return EXIT_USAGE if isinstance(exc, click.UsageError) else exc.exit_code
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return EXIT_USAGE
    except ScreeningError as exc:
        click.echo(f"error: {exc}", err=True)
        return EXIT_DATA
    return 0


if __name__ == "__main__":
    sys.exit(main())
