"""Exit codes and helpers shared by the CLI commands."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import click
from pydantic import BaseModel

if TYPE_CHECKING:
    from sanctions_screen.store.db import Store

EXIT_OK = 0
EXIT_ALERTS = 1
EXIT_USAGE = 2
EXIT_DATA = 3
EXIT_PROBLEMS = 4
"""Screened with problems: no alert, but rows skipped, names truncated or name-like
columns left unscreened (alerts win: exit 1)."""


def db_url(ctx: click.Context) -> str | None:
    """The ``--db`` URL given to the root command, if any."""
    obj = ctx.find_root().obj or {}
    value = obj.get("db_url")
    return value if isinstance(value, str) else None


json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")


def store_for(ctx: click.Context) -> Store:
    """The store at the root's ``--db`` URL (imported here: ``screen`` never needs it)."""
    from sanctions_screen.audit.lease import mark_interrupted_runs
    from sanctions_screen.store.db import open_store

    store = open_store(db_url(ctx))
    mark_interrupted_runs(store)  # runs whose process died (kill -9) stop claiming to run
    return store


def echo_json(value: BaseModel | list[Any] | dict[str, Any]) -> None:
    """Print a model, a list of models or plain data as indented JSON."""

    def plain(item: Any) -> Any:
        return item.model_dump(mode="json") if isinstance(item, BaseModel) else item

    data = [plain(v) for v in value] if isinstance(value, list) else plain(value)
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))
