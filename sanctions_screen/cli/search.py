"""``sanctions-screen search NAME``: ranked matches with their explanation, as a table."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from sanctions_screen.cli.common import EXIT_ALERTS, EXIT_OK, db_url
from sanctions_screen.cli.loading import (
    LIST_HELP,
    SEARCH_EXIT_HELP,
    exit_with,
    load_sanctions_list,
    stderr_console,
)


@click.command("search", epilog=SEARCH_EXIT_HELP)
@click.argument("name")
@click.option("--kind", type=click.Choice(["person", "organization"]), help="What NAME is.")
@click.option("--country", help="Country or nationality (raises or lowers the score).")
@click.option("--dob", help="Date or year of birth (YYYY-MM-DD or YYYY).")
@click.option(
    "--list",
    "list_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help=LIST_HELP.format(verb="Search"),
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=10,
    show_default=True,
    help="Show at most this many matches.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the full result as JSON.")
@click.pass_context
def search_command(
    ctx: click.Context,
    /,
    name: str,
    kind: str | None,
    country: str | None,
    dob: str | None,
    list_file: Path | None,
    limit: int,
    as_json: bool,
) -> None:
    """Search one NAME and print ranked matches with their explanation."""
    from sanctions_screen.matching import Screener
    from sanctions_screen.matching.config import default_config

    console = stderr_console()
    if not name.strip():
        raise click.BadParameter("NAME is empty", param_hint="NAME")
    config = default_config()
    resolved = load_sanctions_list(
        list_file, db_url(ctx), console, max_age_days=config.max_list_age_days
    )
    screener = Screener(resolved.sanctions_list, config)
    result = screener.screen(name, kind=kind, country=country, birth_date=dob)
    matches = result.matches[:limit]
    if as_json:
        data = result.to_dict()
        data["matches"] = data["matches"][:limit]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        _print_matches(name, result.status, matches, Console(highlight=False))
    exit_with(EXIT_ALERTS if result.is_alert else EXIT_OK)


def _print_matches(name: str, status: str, matches: Any, console: Console) -> None:
    from rich.table import Table
    from rich.text import Text

    if not matches:
        console.print(f"No match for {name!r}: clear.", markup=False)
        return
    table = Table(title=Text(f"{name} — {status}"), show_lines=True)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("reference", no_wrap=True)
    table.add_column("matched name", ratio=2, overflow="fold")
    table.add_column("list", overflow="fold")
    table.add_column("explanation", ratio=3, overflow="fold")
    for rank, match in enumerate(matches, 1):
        cells = (
            str(rank),
            f"{match.score:.3f}",
            match.reference_number,
            match.matched_name,
            match.list_type,
            match.explanation.summary,
        )
        table.add_row(*(Text(cell) for cell in cells))
    console.print(table)
