"""docs/audit.md names every audit command and option (so it cannot fall behind --help)."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from sanctions_screen.cli.audit import COMMANDS

DOC = (Path(__file__).resolve().parents[2] / "docs" / "audit.md").read_text(encoding="utf-8")


def _commands() -> list[tuple[str, click.Command]]:
    out: list[tuple[str, click.Command]] = []
    for command in COMMANDS:
        if isinstance(command, click.Group):
            out += [(f"{command.name} {name}", sub) for name, sub in command.commands.items()]
        else:
            out.append((command.name or "", command))
    return out


@pytest.mark.parametrize(("name", "command"), _commands(), ids=lambda v: str(v))
def test_command_and_options_documented(name: str, command: click.Command) -> None:
    assert f"sanctions-screen {name}" in DOC
    for param in command.params:
        if isinstance(param, click.Option):
            assert any(opt in DOC for opt in param.opts), f"{name}: {param.opts} not in docs"
