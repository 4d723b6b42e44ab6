"""``sanctions-screen lists ...``: import, update, show and diff list versions."""

from __future__ import annotations

import click


@click.group("lists")
def lists_group() -> None:
    """Manage the stored versions of the UN consolidated list."""
