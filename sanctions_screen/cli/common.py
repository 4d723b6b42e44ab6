"""Exit codes and helpers shared by the CLI commands."""

from __future__ import annotations

import click

EXIT_OK = 0
EXIT_ALERTS = 1
EXIT_USAGE = 2
EXIT_DATA = 3


def db_url(ctx: click.Context) -> str | None:
    """The ``--db`` URL given to the root command, if any."""
    obj = ctx.find_root().obj or {}
    value = obj.get("db_url")
    return value if isinstance(value, str) else None
